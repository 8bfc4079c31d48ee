//! What can go wrong when keeping answers on the device.

use super::record::SavedRecord;

/// Why a storage operation did not happen. Always handed back as a value, never a panic.
///
/// None of these means an answer is lost: the answers stay in the page's memory (they are
/// the caller's), and the UI tells the person calmly what happened.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// The browser's storage cannot be used: absent, disabled, blocked (private browsing,
    /// a sandboxed frame, where even reading `window.localStorage` throws a
    /// `SecurityError`), or failing for another reason.
    #[error("the browser's storage cannot be used")]
    Unavailable,
    /// The browser's storage is full (a `QuotaExceededError` on write).
    #[error("the browser's storage is full")]
    QuotaExceeded,
    /// Another tab saved newer answers since this tab last loaded or saved them, so this
    /// tab did not overwrite them. Carries the newer record (with only valid answers) so the
    /// UI can adopt it (see [`Store::adopt`](super::Store::adopt)) and tell the person.
    #[error("newer answers were saved in another tab")]
    Conflict {
        /// The newer record, as stored.
        newer: Box<SavedRecord>,
    },
    /// The stored answers were deleted elsewhere (another tab's "delete my answers", or the
    /// browser's own "clear site data") since this tab loaded or saved them, so this tab
    /// did not bring them back. The UI should forget them too and call
    /// [`Store::adopt_deletion`](super::Store::adopt_deletion).
    #[error("the saved answers were deleted in another tab")]
    DeletedElsewhere,
    /// A newer version of the app saved a record in a format this version does not know.
    /// It was left untouched, and this tab now keeps answers in memory only.
    #[error("a newer version of the app saved answers (format version {found})")]
    NewerVersion {
        /// The format version found.
        found: u32,
    },
}
