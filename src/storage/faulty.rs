//! A test double: a [`MemoryBackend`] whose operations fail on demand.
//!
//! Invariant: compiled only for tests (`cfg(test)`, or the `test-doubles` feature that the
//! storage integration tests require), so the app's public API offers no test double.

use std::cell::Cell;

use super::backend::{Backend, MemoryBackend};
use super::error::StorageError;

/// A fault a [`FaultyBackend`] can be told to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Fail with [`StorageError::Unavailable`] (disabled, blocked, private mode).
    Unavailable,
    /// Fail with [`StorageError::QuotaExceeded`] (storage full).
    QuotaExceeded,
}

impl Fault {
    fn error(self) -> StorageError {
        match self {
            Fault::Unavailable => StorageError::Unavailable,
            Fault::QuotaExceeded => StorageError::QuotaExceeded,
        }
    }
}

/// A **test double**: a [`MemoryBackend`] whose operations can be made to fail, one kind
/// of operation at a time, and which can enforce a quota like a browser does.
///
/// Built only for tests (the `test-doubles` feature, which `make test` turns on for the
/// integration tests that run every fault through [`Store`](super::Store)): never part of
/// the app.
///
/// ```
/// use screener::storage::{Backend, Fault, FaultyBackend, StorageError};
/// let backend = FaultyBackend::new();
/// backend.fail_writes(Some(Fault::QuotaExceeded));
/// assert_eq!(backend.set("k", "v"), Err(StorageError::QuotaExceeded));
/// backend.heal();
/// assert_eq!(backend.set("k", "v"), Ok(()));
/// ```
#[derive(Debug, Default)]
pub struct FaultyBackend {
    inner: MemoryBackend,
    reads: Cell<Option<Fault>>,
    writes: Cell<Option<Fault>>,
    removes: Cell<Option<Fault>>,
    listing: Cell<Option<Fault>>,
    quota: Cell<Option<usize>>,
}

impl FaultyBackend {
    /// An empty, healthy store.
    pub fn new() -> FaultyBackend {
        FaultyBackend::default()
    }

    /// A healthy store holding what `inner` holds.
    pub fn over(inner: MemoryBackend) -> FaultyBackend {
        FaultyBackend {
            inner,
            ..FaultyBackend::default()
        }
    }

    /// Makes [`Backend::get`] fail (or, with `None`, work again).
    pub fn fail_reads(&self, fault: Option<Fault>) {
        self.reads.set(fault);
    }

    /// Makes [`Backend::set`] fail (or, with `None`, work again).
    pub fn fail_writes(&self, fault: Option<Fault>) {
        self.writes.set(fault);
    }

    /// Makes [`Backend::remove`] fail (or, with `None`, work again).
    pub fn fail_removes(&self, fault: Option<Fault>) {
        self.removes.set(fault);
    }

    /// Makes [`Backend::keys`] fail (or, with `None`, work again).
    pub fn fail_listing(&self, fault: Option<Fault>) {
        self.listing.set(fault);
    }

    /// Makes every operation fail, as a disabled or blocked storage does.
    pub fn fail_everything(&self, fault: Fault) {
        for cell in [&self.reads, &self.writes, &self.removes, &self.listing] {
            cell.set(Some(fault));
        }
    }

    /// Limits the total size (UTF-16 code units of keys and values, as browsers count)
    /// beyond which [`Backend::set`] fails with [`StorageError::QuotaExceeded`].
    pub fn set_quota(&self, units: Option<usize>) {
        self.quota.set(units);
    }

    /// Clears every fault and the quota.
    pub fn heal(&self) {
        for cell in [&self.reads, &self.writes, &self.removes, &self.listing] {
            cell.set(None);
        }
        self.quota.set(None);
    }

    /// What is stored, read past any fault.
    pub fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
}

impl Backend for FaultyBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self.reads.get() {
            Some(fault) => Err(fault.error()),
            None => self.inner.get(key),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(fault) = self.writes.get() {
            return Err(fault.error());
        }
        if let Some(quota) = self.quota.get() {
            if self.inner.size_with(key, value) > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        self.inner.set(key, value)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        match self.removes.get() {
            Some(fault) => Err(fault.error()),
            None => self.inner.remove(key),
        }
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        match self.listing.get() {
            Some(fault) => Err(fault.error()),
            None => self.inner.keys(),
        }
    }
}
