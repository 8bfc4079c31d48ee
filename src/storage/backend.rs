//! Where records are kept: a small key–value [`Backend`] trait, the browser's
//! [`LocalStorage`] and an in-memory [`MemoryBackend`] (the test double that fails on
//! demand is in `faulty`, built only for tests).
//!
//! Every method returns a [`StorageError`] value instead of throwing or panicking. This is
//! the only place in the app that calls the Web Storage API.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::error::StorageError;

/// A string key–value store, as the Web Storage API offers. Implementations must never
/// panic; every failure is a [`StorageError`] (in practice [`StorageError::Unavailable`]
/// or [`StorageError::QuotaExceeded`]).
pub trait Backend {
    /// The value stored under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`, replacing what was there.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (no error when it is absent).
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key stored (including other apps' keys on the same origin).
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

impl<B: Backend + ?Sized> Backend for Rc<B> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
}

impl<B: Backend + ?Sized> Backend for Box<B> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
}

/// The browser's `window.localStorage`.
///
/// Built on `web_sys` directly rather than `gloo_storage::LocalStorage`, whose
/// `raw()`, `get` and `delete` abort with `expect_throw` when the storage is absent or
/// throws, which is exactly the case this app must survive (a sandboxed iframe throws a
/// `SecurityError` on merely reading `window.localStorage`).
///
/// Errors: a `QuotaExceededError` `DOMException` (or Firefox's legacy
/// `NS_ERROR_DOM_QUOTA_REACHED`, codes 22 and 1014) becomes
/// [`StorageError::QuotaExceeded`]; anything else thrown, and an absent storage, become
/// [`StorageError::Unavailable`]. Outside WebAssembly (native tests, the CLI) it is always
/// unavailable and touches nothing.
#[derive(Clone, Debug, Default)]
pub struct LocalStorage {
    raw: Option<web_sys::Storage>,
}

impl LocalStorage {
    /// The page's `localStorage`, or an unavailable backend when the page has none or
    /// reading it throws. Never panics.
    pub fn new() -> LocalStorage {
        LocalStorage {
            raw: window_local_storage(),
        }
    }

    /// The `localStorage` of `window` (another frame's, say), or an unavailable backend
    /// when reading it throws (a sandboxed or cross-origin frame) or it is absent.
    pub fn of_window(window: &web_sys::Window) -> LocalStorage {
        LocalStorage {
            raw: window.local_storage().ok().flatten(),
        }
    }

    /// A backend over a given `Storage` object: `sessionStorage`, or a JavaScript double
    /// whose methods throw (browser tests use this to check the error mapping).
    pub fn from_raw(raw: web_sys::Storage) -> LocalStorage {
        LocalStorage { raw: Some(raw) }
    }

    /// Whether a `Storage` object was obtained (its methods may still fail).
    pub fn is_available(&self) -> bool {
        self.raw.is_some()
    }

    fn raw(&self) -> Result<&web_sys::Storage, StorageError> {
        self.raw.as_ref().ok_or(StorageError::Unavailable)
    }
}

#[cfg(target_arch = "wasm32")]
fn window_local_storage() -> Option<web_sys::Storage> {
    // `local_storage` catches the SecurityError thrown in sandboxed frames.
    LocalStorage::of_window(&web_sys::window()?).raw
}

#[cfg(not(target_arch = "wasm32"))]
fn window_local_storage() -> Option<web_sys::Storage> {
    None
}

/// Maps an exception thrown by the Web Storage API to a [`StorageError`].
fn js_error(error: &JsValue) -> StorageError {
    let field = |name: &str| js_sys::Reflect::get(error, &JsValue::from_str(name)).ok();
    let name = field("name").and_then(|v| v.as_string());
    let code = field("code").and_then(|v| v.as_f64());
    let quota = matches!(
        name.as_deref(),
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
    ) || matches!(code, Some(c) if c == 22.0 || c == 1014.0);
    if quota {
        StorageError::QuotaExceeded
    } else {
        StorageError::Unavailable
    }
}

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.raw()?.get_item(key).map_err(|e| js_error(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.raw()?.set_item(key, value).map_err(|e| js_error(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.raw()?.remove_item(key).map_err(|e| js_error(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let raw = self.raw()?;
        let length = raw.length().map_err(|e| js_error(&e))?;
        let mut keys = Vec::with_capacity(length as usize);
        for index in 0..length {
            if let Some(key) = raw.key(index).map_err(|e| js_error(&e))? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

/// Storage in memory only: what a page uses when nothing may be kept on the device, and
/// what native tests use in place of `localStorage`.
#[derive(Clone, Debug, Default)]
pub struct MemoryBackend {
    entries: RefCell<BTreeMap<String, String>>,
}

impl MemoryBackend {
    /// An empty store.
    pub fn new() -> MemoryBackend {
        MemoryBackend::default()
    }

    /// A copy of everything stored, in key order.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries.borrow().clone()
    }

    /// Stores `value` under `key` directly (for setting up tests; never fails).
    pub fn insert(&self, key: impl Into<String>, value: impl Into<String>) {
        self.entries.borrow_mut().insert(key.into(), value.into());
    }

    /// How many entries are stored.
    pub fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.entries.borrow().is_empty()
    }

    /// Size as browsers count it for the quota: UTF-16 code units of every key and value
    /// (`key` set to `value`). Only the test double enforces a quota.
    #[cfg(any(test, feature = "test-doubles"))]
    pub(super) fn size_with(&self, key: &str, value: &str) -> usize {
        let units = |s: &str| s.encode_utf16().count();
        self.entries
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| units(k) + units(v))
            .sum::<usize>()
            + units(key)
            + units(value)
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.insert(key, value);
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::super::faulty::{Fault, FaultyBackend};
    use super::*;

    #[test]
    fn memory_backend_basics() {
        let m = MemoryBackend::new();
        assert!(m.is_empty());
        m.set("a", "1").unwrap();
        m.set("b", "2").unwrap();
        m.set("a", "3").unwrap();
        assert_eq!(m.get("a").unwrap().as_deref(), Some("3"));
        assert_eq!(m.keys().unwrap(), ["a", "b"]);
        m.remove("a").unwrap();
        m.remove("a").unwrap();
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn faulty_backend_faults_and_quota() {
        let f = FaultyBackend::new();
        f.fail_everything(Fault::Unavailable);
        assert_eq!(f.get("a"), Err(StorageError::Unavailable));
        assert_eq!(f.keys(), Err(StorageError::Unavailable));
        assert_eq!(f.remove("a"), Err(StorageError::Unavailable));
        f.heal();
        f.set_quota(Some(4));
        assert_eq!(f.set("ab", "cd"), Ok(()));
        // Replacing a value counts the new size only.
        assert_eq!(f.set("ab", "ef"), Ok(()));
        assert_eq!(f.set("ab", "efg"), Err(StorageError::QuotaExceeded));
        assert_eq!(f.set("x", ""), Err(StorageError::QuotaExceeded));
        assert_eq!(f.get("ab").unwrap().as_deref(), Some("ef"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn local_storage_is_unavailable_natively() {
        let s = LocalStorage::new();
        assert!(!s.is_available());
        assert_eq!(s.get("k"), Err(StorageError::Unavailable));
        assert_eq!(s.set("k", "v"), Err(StorageError::Unavailable));
        assert_eq!(s.keys(), Err(StorageError::Unavailable));
    }
}
