//! The outbox record: a consented referral waiting to be sent, or its receipt, kept under
//! its own key ([`OUTBOX_KEY`]) beside the answers.
//!
//! Pure data and functions. Its own versioned format ([`OUTBOX_FORMAT_VERSION`]), so the
//! core's [`Referral`] can change without silently changing what is on people's devices:
//!
//! ```json
//! {"format_version":1,"referral":{"id":"…","consented_ms":…,"endpoint":"https://…",
//!  "bundle":{…},"contact":{…},"include_answers":false,
//!  "delivery":{"state":"pending","attempts":2,"next_ms":…,"not_before_ms":0.0,"last":{"kind":"network"}}}}
//! ```
//!
//! Why a key of its own: the answers' record is saved on every change with a two-tab
//! conflict check; the outbox is written by whichever tab holds the sending lock. Kept
//! apart, neither can overwrite the other. It starts with [`KEY_PREFIX`](super::KEY_PREFIX),
//! so "Delete my answers" removes it with everything else.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::referral::Referral;

/// Where the outbox is kept.
pub const OUTBOX_KEY: &str = "screener.outbox";
/// The outbox format this build writes.
pub const OUTBOX_FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SavedOutbox {
    format_version: u32,
    referral: Referral,
}

/// Why a stored outbox could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OutboxDecodeError {
    /// Not JSON, or not an outbox of a known shape.
    #[error("the saved outbox cannot be read")]
    Unreadable,
    /// Written by a newer version: left untouched.
    #[error("the saved outbox has format version {found}, newer than {OUTBOX_FORMAT_VERSION}")]
    NewerVersion {
        /// The version found.
        found: u32,
    },
}

/// Writes `referral` in the current outbox format.
pub fn encode_outbox(referral: &Referral) -> String {
    serde_json::to_string(&SavedOutbox {
        format_version: OUTBOX_FORMAT_VERSION,
        referral: referral.clone(),
    })
    .unwrap_or_default()
}

/// Reads a stored outbox. Never panics.
pub fn decode_outbox(text: &str) -> Result<Referral, OutboxDecodeError> {
    let value: Value = serde_json::from_str(text).map_err(|_| OutboxDecodeError::Unreadable)?;
    let version = value
        .get("format_version")
        .and_then(Value::as_u64)
        .ok_or(OutboxDecodeError::Unreadable)?;
    if version > u64::from(OUTBOX_FORMAT_VERSION) {
        return Err(OutboxDecodeError::NewerVersion {
            found: u32::try_from(version).unwrap_or(u32::MAX),
        });
    }
    serde_json::from_value::<SavedOutbox>(value)
        .map(|saved| saved.referral)
        .map_err(|_| OutboxDecodeError::Unreadable)
}
