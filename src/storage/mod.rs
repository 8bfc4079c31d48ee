//! Answers kept on the device: autosave, resume, delete, expiry, and nothing lost when
//! storage misbehaves.
//!
//! People stop halfway and come back. Their answers are saved on every change, only on
//! their device (`localStorage`), and are easy to remove.
//!
//! # INVARIANT
//!
//! **This is the only module that touches `localStorage`** (or any other Web Storage).
//! Components and state call [`Store`]; nothing else reads or writes a key. And **errors
//! are values, never panics**: every failure of the browser's storage (absent, disabled,
//! private mode, a sandboxed frame where reading `window.localStorage` itself throws, a full
//! quota, a record that is not JSON, holds unknown or out-of-range answers, or comes from a
//! newer version) is handed back as a [`StorageError`] or a [`StorageNotice`] for the UI
//! to word calmly, and never costs an answer: the answers are the caller's, in memory,
//! whatever the storage does.
//!
//! # Parts
//!
//! * [`record`] (pure): the versioned [`SavedRecord`], its [`encode`] and lenient
//!   [`decode`] (migration of the pre-release format 0; answers checked against the
//!   questionnaire, misfits dropped and reported).
//! * [`backend`]: the [`Backend`] trait over string keys and values, with
//!   [`LocalStorage`] (the browser) and [`MemoryBackend`]; `faulty`, a backend that fails
//!   on demand, exists only for tests (feature `test-doubles`).
//! * [`store`] (pure logic, time passed in): [`Store`] — open (expiry, migration, faults),
//!   save (revision and two-tab conflict check), delete everything, keep in memory only.
//! * [`contact`] (pure): the contact details' saved form, shared by the record and the
//!   outbox.
//! * [`outbox`] (pure): the versioned outbox record under [`OUTBOX_KEY`]: a consented
//!   referral waiting to be sent, or its receipt ([`Store::load_outbox`],
//!   [`Store::save_outbox`]).
//! * [`events`] (browser glue): [`on_record_changed`] for changes made in other tabs, and
//!   [`now_ms`], the only clock.
//!
//! # Keys
//!
//! Every key starts with [`KEY_PREFIX`] (`screener.`): the record is [`RECORD_KEY`], and
//! unreadable records are moved to `screener.backup.<ms>` ([`BACKUP_PREFIX`]).
//! [`Store::delete_all`] removes every such key and nothing else.
//!
//! # Retention
//!
//! At [`Store::open`], a record whose last change is older than the retention period
//! (the configuration's `retention_days`, 30 by default) is deleted, as is any backup
//! made longer ago than that, and the person is told ([`StorageNotice::Expired`]).
//!
//! # Two tabs
//!
//! Before writing, [`Store::save`] reads the stored record. If it is not what this tab
//! last loaded, saved or adopted (compared by [`fingerprint`], not only by
//! [`SavedRecord::revision`]), another tab saved since, and the save is refused with
//! [`StorageError::Conflict`] carrying the newer record: an older tab never silently
//! overwrites newer answers. If the record this tab had is gone, the save is refused with
//! [`StorageError::DeletedElsewhere`], so a deletion in one tab is not undone by another.
//! Changes saved in one tab reach the others through the `storage` event:
//! [`on_record_changed`] → [`Store::external_change`] → [`ExternalChange`].
//!
//! # Faults, and what the person is told
//!
//! | what happens | result |
//! |---|---|
//! | storage absent, disabled, blocked, throwing | [`StorageNotice::Unavailable`] at open; memory only |
//! | storage full on a save | [`StorageError::QuotaExceeded`]; answers stay in memory; the next save retries |
//! | record not JSON, or not a record | moved to a backup key, text unchanged: [`StorageNotice::Corrupt`] |
//! | unknown or out-of-range answers | removed on reading: [`StorageNotice::AnswersDropped`] |
//! | older format | migrated: [`StorageNotice::Migrated`] |
//! | newer format | left untouched; memory only: [`StorageNotice::NewerVersion`] |
//! | older than the retention period | deleted: [`StorageNotice::Expired`] |
//!
//! # Use from the app
//!
//! ```no_run
//! use screener::core::default_questionnaire;
//! use screener::storage::{now_ms, LocalStorage, SavedRecord, StorageError, Store};
//!
//! let questionnaire = default_questionnaire();
//! let opened = Store::open(LocalStorage::new(), &questionnaire, now_ms(), 30);
//! let mut store = opened.store;
//! // Show `opened.notices`; resume from `opened.record` if there is one.
//! let mut record = opened
//!     .record
//!     .unwrap_or_else(|| SavedRecord::new(&questionnaire, now_ms()));
//! record.answers.set("age", 34);
//! record.updated_ms = now_ms();
//! match store.save(&mut record) {
//!     Ok(()) => {}
//!     Err(StorageError::Conflict { newer }) => {
//!         // Another tab saved newer answers: take them, then tell the person.
//!         store.adopt(&newer);
//!         record = *newer;
//!     }
//!     Err(StorageError::DeletedElsewhere) => {
//!         // Deleted in another tab: forget them here too.
//!         store.adopt_deletion();
//!         record = SavedRecord::new(&questionnaire, now_ms());
//!     }
//!     // Full, unavailable, newer format: tell the person calmly; the answers are still
//!     // in `record`.
//!     Err(_) => {}
//! }
//! ```

pub mod backend;
pub mod contact;
pub mod error;
pub mod events;
#[cfg(any(test, feature = "test-doubles"))]
pub mod faulty;
pub mod outbox;
pub mod record;
pub mod store;

pub use backend::{Backend, LocalStorage, MemoryBackend};
pub use error::StorageError;
pub use events::{now_ms, on_outbox_changed, on_record_changed, ListenerHandle};
#[cfg(any(test, feature = "test-doubles"))]
pub use faulty::{Fault, FaultyBackend};
pub use outbox::{decode_outbox, encode_outbox, OutboxDecodeError, OUTBOX_KEY};
pub use record::{
    decode, encode, fingerprint, instrument_versions, whole_ms, DecodeError, Decoded, SavedRecord,
    SavedStep, FORMAT_VERSION,
};
pub use store::{
    is_expired, ExternalChange, MemoryOnly, Opened, StorageNotice, Store, BACKUP_PREFIX, DAY_MS,
    KEY_PREFIX, RECORD_KEY,
};
