//! The [`Store`]: opening (expiry, migration, faults), saving with conflict detection,
//! deleting, and the "don't keep my answers on this device" choice.
//!
//! Pure logic over a [`Backend`]; the time is always passed in.

use std::fmt;

use super::backend::{Backend, MemoryBackend};
use super::error::StorageError;
use super::outbox::{decode_outbox, encode_outbox, OUTBOX_KEY};
use super::record::{
    decode, encode, fingerprint, whole_ms, DecodeError, SavedRecord, FORMAT_VERSION,
};
use crate::core::referral::Referral;
use crate::core::Questionnaire;

/// Every key this app stores starts with this prefix, so "delete my answers" can find
/// them all and leave other apps' keys on the same origin alone.
pub const KEY_PREFIX: &str = "screener.";

/// The key of the saved record. Later formats keep this key (and raise
/// [`SavedRecord::format_version`]) so that an older app sees a newer record and leaves it
/// alone instead of never noticing it.
pub const RECORD_KEY: &str = "screener.v1.record";

/// Prefix of the keys unreadable records are moved to: `screener.backup.<ms>` (the time
/// of the move, in ms since the epoch, with `-1`, `-2`, … appended if that key is taken).
pub const BACKUP_PREFIX: &str = "screener.backup.";

/// One day in milliseconds.
pub const DAY_MS: f64 = 86_400_000.0;

/// Something the person should be told about their stored answers. Plain data: the UI
/// words it (in both languages) and shows it calmly.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StorageNotice {
    /// Stored answers (or backups) older than the retention period were deleted.
    Expired {
        /// The retention period in days.
        days: u32,
    },
    /// The browser's storage cannot be used: answers are kept in this page only.
    Unavailable,
    /// The stored answers could not be read. They were kept, unchanged, under
    /// `backup_key` until the person deletes their answers (or the retention period
    /// passes), and the screener starts afresh. When they could not be moved,
    /// `backup_key` is [`RECORD_KEY`] itself and answers are kept in memory only (an
    /// [`StorageNotice::Unavailable`] follows).
    Corrupt {
        /// Where the unreadable text now is.
        backup_key: String,
    },
    /// A newer version of the app saved answers this version cannot read. They were left
    /// untouched, and answers are kept in this page only.
    NewerVersion {
        /// The format version found.
        found: u32,
    },
    /// Some stored answers no longer fit the questionnaire (unknown question, option or
    /// range) and were removed; those questions will be asked again.
    AnswersDropped {
        /// How many answers were removed.
        count: usize,
    },
    /// The stored answers were in an older format and were brought up to date.
    Migrated {
        /// The older format version.
        from: u32,
    },
}

/// Why a [`Store`] keeps answers in memory only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemoryOnly {
    /// The person chose not to keep answers on this device.
    Chosen,
    /// The browser's storage could not be read when the store was opened.
    Unavailable,
    /// A record of a newer format is stored and must not be overwritten.
    NewerVersion {
        /// Its format version.
        found: u32,
    },
    /// An unreadable record could not be moved to a backup key, and writing would destroy it.
    UnreadableNotMoved,
}

/// What another tab did, as reported by a `storage` event and judged by
/// [`Store::external_change`].
#[derive(Clone, Debug, PartialEq)]
pub enum ExternalChange {
    /// Another tab saved newer answers. The store has adopted them; the UI should show them
    /// (answers, step, language, safety plan) and say so.
    Updated(Box<SavedRecord>),
    /// The stored answers were deleted (in another tab, by expiry there, or by the browser).
    /// The UI should forget them too.
    Deleted,
    /// A newer version of the app saved answers; this tab now keeps answers in memory only.
    NewerVersion {
        /// The format version found.
        found: u32,
    },
    /// Nothing to do (this tab's own or older answers, an unreadable value, or this tab
    /// keeps answers in memory only).
    Ignored,
}

/// Which stored record this tab last loaded, saved or adopted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seen {
    /// Fingerprint of the record's canonical encoding: any other content is another write.
    fingerprint: u64,
    /// `created_ms` bits and revision, to order records of the same lineage.
    created: u64,
    revision: u64,
}

impl Seen {
    fn of(record: &SavedRecord) -> Seen {
        Seen {
            fingerprint: fingerprint(record),
            created: record.created_ms.to_bits(),
            revision: record.revision,
        }
    }
}

/// The one owner of everything this app keeps on the device.
///
/// Open it once per page with [`Store::open`]; save on every change with
/// [`Store::save`]. It never panics and never loses the answers it is given: they are the
/// caller's, and every failure comes back as a [`StorageError`] or [`StorageNotice`].
pub struct Store {
    backend: Box<dyn Backend>,
    questionnaire: Questionnaire,
    memory_only: Option<MemoryOnly>,
    seen: Option<Seen>,
    notices: Vec<StorageNotice>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("memory_only", &self.memory_only)
            .field("seen", &self.seen)
            .field("notices", &self.notices)
            .finish_non_exhaustive()
    }
}

/// What [`Store::open`] found.
#[derive(Debug)]
pub struct Opened {
    /// The store, persisting or in memory only.
    pub store: Store,
    /// The answers to resume with (only valid answers; expired ones are gone).
    pub record: Option<SavedRecord>,
    /// What the person should be told, in order (expiry first).
    pub notices: Vec<StorageNotice>,
}

/// Whether a record last changed at `updated_ms` is older than the retention period
/// (strictly: exactly `retention_days` old is kept).
pub fn is_expired(updated_ms: f64, now_ms: f64, retention_days: u32) -> bool {
    now_ms - updated_ms > f64::from(retention_days) * DAY_MS
}

/// The time (ms since the epoch) encoded in a backup key, if it is one.
fn backup_time(key: &str) -> Option<f64> {
    let stamp = key.strip_prefix(BACKUP_PREFIX)?;
    let millis = stamp.split('-').next()?.parse::<u64>().ok()?;
    // Exact for every plausible time (below 2^53 ms, some 285,000 years).
    Some(millis as f64)
}

impl Store {
    /// Opens the store at the start of a page, at `now_ms`, keeping answers for
    /// `retention_days` after their last change.
    ///
    /// In order:
    /// 1. If the storage cannot be read, the store keeps answers in memory only
    ///    ([`StorageNotice::Unavailable`]).
    /// 2. Backups older than the retention period (counted from when they were made) are
    ///    deleted.
    /// 3. A record whose last change is older than the retention period is deleted and not
    ///    resumed.
    /// 4. A record of a newer format is left untouched, and the store keeps answers in
    ///    memory only ([`StorageNotice::NewerVersion`]).
    /// 5. An unreadable record is moved, text unchanged, to a backup key
    ///    ([`StorageNotice::Corrupt`]).
    /// 6. Otherwise the record is resumed, migrated if older
    ///    ([`StorageNotice::Migrated`]), without answers that no longer fit
    ///    ([`StorageNotice::AnswersDropped`]).
    ///
    /// [`StorageNotice::Expired`] comes first if anything expired. Never fails, never panics.
    pub fn open(
        backend: impl Backend + 'static,
        questionnaire: &Questionnaire,
        now_ms: f64,
        retention_days: u32,
    ) -> Opened {
        let mut store = Store {
            backend: Box::new(backend),
            questionnaire: questionnaire.clone(),
            memory_only: None,
            seen: None,
            notices: Vec::new(),
        };
        let mut notices = Vec::new();
        let stored = match store.backend.get(RECORD_KEY) {
            Ok(stored) => stored,
            Err(_) => {
                store.memory_only = Some(MemoryOnly::Unavailable);
                notices.push(StorageNotice::Unavailable);
                return Opened {
                    store,
                    record: None,
                    notices,
                };
            }
        };
        let mut expired = store.expire_backups(now_ms, retention_days);
        let mut record = None;
        if let Some(text) = stored {
            match decode(&text, questionnaire) {
                Ok(decoded) if is_expired(decoded.record.updated_ms, now_ms, retention_days) => {
                    expired = true;
                    if store.backend.remove(RECORD_KEY).is_err() {
                        // Neither resumed nor deletable: keep nothing more here.
                        store.memory_only = Some(MemoryOnly::Unavailable);
                        notices.push(StorageNotice::Unavailable);
                    }
                }
                Ok(decoded) => {
                    if let Some(from) = decoded.migrated_from {
                        notices.push(StorageNotice::Migrated { from });
                    }
                    if !decoded.dropped.is_empty() {
                        notices.push(StorageNotice::AnswersDropped {
                            count: decoded.dropped.len(),
                        });
                    }
                    store.seen = Some(Seen::of(&decoded.record));
                    record = Some(decoded.record);
                }
                Err(DecodeError::NewerVersion { found }) => {
                    store.memory_only = Some(MemoryOnly::NewerVersion { found });
                    notices.push(StorageNotice::NewerVersion { found });
                }
                Err(DecodeError::NotJson | DecodeError::NotARecord) => {
                    match store.back_up(&text, now_ms) {
                        Ok(backup_key) => {
                            // If this fails the text is in two places; the next save
                            // backs it up again before overwriting. Nothing is lost.
                            let _ = store.backend.remove(RECORD_KEY);
                            notices.push(StorageNotice::Corrupt { backup_key });
                        }
                        Err(_) => {
                            store.memory_only = Some(MemoryOnly::UnreadableNotMoved);
                            notices.push(StorageNotice::Corrupt {
                                backup_key: RECORD_KEY.to_owned(),
                            });
                            notices.push(StorageNotice::Unavailable);
                        }
                    }
                }
            }
        }
        if expired {
            notices.insert(
                0,
                StorageNotice::Expired {
                    days: retention_days,
                },
            );
        }
        Opened {
            store,
            record,
            notices,
        }
    }

    /// A store that keeps everything in memory and never touches the device (previews,
    /// tests, or a page that must not store anything).
    pub fn in_memory(questionnaire: &Questionnaire) -> Store {
        Store {
            backend: Box::new(MemoryBackend::new()),
            questionnaire: questionnaire.clone(),
            memory_only: Some(MemoryOnly::Chosen),
            seen: None,
            notices: Vec::new(),
        }
    }

    /// Saves `record` (call on every change, after setting `record.updated_ms`).
    ///
    /// Always bumps `record.revision` past every revision this tab has seen. In memory-only
    /// mode that is all, and it returns `Ok`. Otherwise, before writing, it reads what is
    /// stored and does **not** overwrite it when:
    /// * what is stored is not what this tab last loaded, saved or adopted (another tab
    ///   saved since): [`StorageError::Conflict`] with the newer record. Pass that record,
    ///   unchanged, to [`Store::adopt`], show it, re-apply the person's latest change if
    ///   wanted, and save again;
    /// * the record this tab had was deleted meanwhile: [`StorageError::DeletedElsewhere`];
    /// * a newer format is stored: [`StorageError::NewerVersion`], and the store goes
    ///   memory-only.
    ///
    /// An unreadable stored text is first moved to a backup key (reported by
    /// [`Store::take_notices`]). On [`StorageError::QuotaExceeded`] or
    /// [`StorageError::Unavailable`] nothing is written; the answers stay with the caller
    /// and the next save tries again.
    pub fn save(&mut self, record: &mut SavedRecord) -> Result<(), StorageError> {
        record.format_version = FORMAT_VERSION;
        record.created_ms = whole_ms(record.created_ms);
        record.updated_ms = whole_ms(record.updated_ms);
        let seen_revision = self.seen.map_or(0, |seen| seen.revision);
        record.revision = record.revision.max(seen_revision).saturating_add(1);
        if self.memory_only.is_some() {
            return Ok(());
        }
        match self.backend.get(RECORD_KEY)? {
            None if self.seen.is_some() => return Err(StorageError::DeletedElsewhere),
            None => {}
            Some(text) => match decode(&text, &self.questionnaire) {
                Ok(stored) => {
                    if self.is_other_write(&stored.record) {
                        return Err(StorageError::Conflict {
                            newer: Box::new(stored.record),
                        });
                    }
                }
                Err(DecodeError::NewerVersion { found }) => {
                    self.memory_only = Some(MemoryOnly::NewerVersion { found });
                    return Err(StorageError::NewerVersion { found });
                }
                Err(DecodeError::NotJson | DecodeError::NotARecord) => {
                    let backup_key = self.back_up(&text, record.updated_ms)?;
                    self.notices.push(StorageNotice::Corrupt { backup_key });
                }
            },
        }
        self.backend.set(RECORD_KEY, &encode(record))?;
        self.seen = Some(self.seen_of(record));
        Ok(())
    }

    /// Deletes everything this app stored: the record, every backup, every key starting
    /// with [`KEY_PREFIX`] (other apps' keys are left alone). Tries every key even if one
    /// fails, and returns the first error. Afterwards this tab has seen no record, and a
    /// memory-only mode caused by the deleted data (a newer format, an unmovable unreadable
    /// record) ends. The caller forgets the answers in memory.
    pub fn delete_all(&mut self) -> Result<(), StorageError> {
        self.seen = None;
        self.notices.clear();
        let (keys, mut result) = match self.backend.keys() {
            Ok(keys) => (keys, Ok(())),
            Err(error) => (vec![RECORD_KEY.to_owned()], Err(error)),
        };
        for key in keys.iter().filter(|key| key.starts_with(KEY_PREFIX)) {
            if let Err(error) = self.backend.remove(key) {
                if result.is_ok() {
                    result = Err(error);
                }
            }
        }
        if result.is_ok()
            && matches!(
                self.memory_only,
                Some(MemoryOnly::NewerVersion { .. } | MemoryOnly::UnreadableNotMoved)
            )
        {
            self.memory_only = None;
        }
        result
    }

    /// The "keep my answers on this device" choice. `false` (shared computers) deletes
    /// everything stored (as [`Store::delete_all`], whose error it returns) and keeps
    /// answers in memory only from now on; the caller keeps its answers in memory and need
    /// not save again. `true` ends a memory-only mode the person chose (not one forced by
    /// the storage); the caller should then save the current record.
    pub fn set_keep_on_device(&mut self, keep: bool) -> Result<(), StorageError> {
        if keep {
            if self.memory_only == Some(MemoryOnly::Chosen) {
                self.memory_only = None;
            }
            Ok(())
        } else {
            let result = self.delete_all();
            self.memory_only = Some(MemoryOnly::Chosen);
            result
        }
    }

    /// Whether saves reach the device (false: answers are kept in memory only).
    pub fn is_persisting(&self) -> bool {
        self.memory_only.is_none()
    }

    /// The referral in the outbox ([`OUTBOX_KEY`]), if one is stored and readable.
    /// Memory-only: always `None` (the caller holds the only copy). An outbox this build
    /// cannot read is left as it is and reported as none.
    pub fn load_outbox(&self) -> Result<Option<Referral>, StorageError> {
        if self.memory_only.is_some() {
            return Ok(None);
        }
        Ok(self
            .backend
            .get(OUTBOX_KEY)?
            .and_then(|text| decode_outbox(&text).ok()))
    }

    /// Removes the outbox (a receipt past the retention period).
    pub fn remove_outbox(&mut self) -> Result<(), StorageError> {
        if self.memory_only.is_some() {
            return Ok(());
        }
        self.backend.remove(OUTBOX_KEY)
    }

    /// Writes the outbox. Memory-only: writes nothing (and says `Ok`); the caller tells
    /// the person that the request lives only in this page until it is sent.
    pub fn save_outbox(&mut self, referral: &Referral) -> Result<(), StorageError> {
        if self.memory_only.is_some() {
            return Ok(());
        }
        self.backend.set(OUTBOX_KEY, &encode_outbox(referral))
    }

    /// Why answers are kept in memory only, if they are.
    pub fn memory_only(&self) -> Option<MemoryOnly> {
        self.memory_only
    }

    /// Records that this tab now holds `record`, exactly as stored (typically the newer
    /// record of a [`StorageError::Conflict`], before any change), so the next save may
    /// replace it.
    pub fn adopt(&mut self, record: &SavedRecord) {
        self.seen = Some(self.seen_of(record));
    }

    /// Records that this tab has accepted the deletion of the stored record (after
    /// [`StorageError::DeletedElsewhere`]), so the next save starts a new record.
    pub fn adopt_deletion(&mut self) {
        self.seen = None;
    }

    /// Judges a change another tab made to the record, given the `storage` event's
    /// `newValue` (see [`on_record_changed`](super::on_record_changed)). Newer answers are
    /// adopted and returned; older or own ones ignored. In memory-only mode every change is
    /// ignored.
    pub fn external_change(&mut self, new_value: Option<&str>) -> ExternalChange {
        if self.memory_only.is_some() {
            return ExternalChange::Ignored;
        }
        let Some(text) = new_value else {
            self.seen = None;
            return ExternalChange::Deleted;
        };
        match decode(text, &self.questionnaire) {
            Ok(decoded) if self.is_newer_than_seen(&decoded.record) => {
                self.seen = Some(Seen::of(&decoded.record));
                ExternalChange::Updated(Box::new(decoded.record))
            }
            Ok(_) | Err(DecodeError::NotJson | DecodeError::NotARecord) => ExternalChange::Ignored,
            Err(DecodeError::NewerVersion { found }) => {
                self.memory_only = Some(MemoryOnly::NewerVersion { found });
                ExternalChange::NewerVersion { found }
            }
        }
    }

    /// Notices raised after opening (an unreadable record found and backed up during a
    /// save), oldest first; taking them empties the list.
    pub fn take_notices(&mut self) -> Vec<StorageNotice> {
        std::mem::take(&mut self.notices)
    }

    /// What this tab has seen once `record` is stored: the record as it reads back (an
    /// answer that does not fit the questionnaire is saved as given but dropped on reading),
    /// so the tab's own write is never mistaken for another tab's.
    fn seen_of(&self, record: &SavedRecord) -> Seen {
        match decode(&encode(record), &self.questionnaire) {
            Ok(decoded) => Seen::of(&decoded.record),
            Err(_) => Seen::of(record),
        }
    }

    /// Whether `stored` is not what this tab last loaded, saved or adopted: someone else
    /// wrote it since, so it must not be overwritten. Compares the whole record (by the
    /// fingerprint of its canonical encoding), not just its revision: two tabs can build
    /// records with equal times and revisions.
    fn is_other_write(&self, stored: &SavedRecord) -> bool {
        self.seen
            .is_none_or(|seen| seen.fingerprint != fingerprint(stored))
    }

    /// Like [`Store::is_other_write`], but a lower revision of the same record (a late
    /// event) is not news. Only used for events: a save still checks
    /// [`Store::is_other_write`], so nothing ignored here can be overwritten unseen.
    fn is_newer_than_seen(&self, stored: &SavedRecord) -> bool {
        self.is_other_write(stored)
            && self.seen.is_none_or(|seen| {
                seen.created != stored.created_ms.to_bits() || stored.revision >= seen.revision
            })
    }

    /// Deletes backups made more than the retention period before `now_ms`; whether any
    /// was deleted. Failures are ignored (the backup stays; nothing is lost).
    fn expire_backups(&mut self, now_ms: f64, retention_days: u32) -> bool {
        let Ok(keys) = self.backend.keys() else {
            return false;
        };
        let mut expired = false;
        for key in keys {
            if let Some(made) = backup_time(&key) {
                if is_expired(made, now_ms, retention_days) && self.backend.remove(&key).is_ok() {
                    expired = true;
                }
            }
        }
        expired
    }

    /// Stores `text` under a fresh backup key stamped `at_ms`, and returns the key.
    fn back_up(&mut self, text: &str, at_ms: f64) -> Result<String, StorageError> {
        // `as` saturates (and maps NaN to 0), which is what a key stamp needs.
        let base = format!("{BACKUP_PREFIX}{}", at_ms.max(0.0) as u64);
        let mut key = base.clone();
        let mut n = 0u32;
        while self.backend.get(&key)?.is_some() {
            if n == 1_000 {
                // A storage that holds everything asked for is not behaving.
                return Err(StorageError::Unavailable);
            }
            n += 1;
            key = format!("{base}-{n}");
        }
        self.backend.set(&key, text)?;
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_times() {
        assert_eq!(backup_time("screener.backup.1700"), Some(1700.0));
        assert_eq!(backup_time("screener.backup.1700-3"), Some(1700.0));
        assert_eq!(backup_time("screener.backup.x"), None);
        assert_eq!(backup_time("screener.v1.record"), None);
    }

    #[test]
    fn expiry_is_strict() {
        let now = 100.0 * DAY_MS;
        assert!(!is_expired(now - 30.0 * DAY_MS, now, 30));
        assert!(is_expired(now - 30.0 * DAY_MS - 1.0, now, 30));
        assert!(!is_expired(now + DAY_MS, now, 30));
    }
}
