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

use serde_json::{Map, Value};

use super::contact;
use crate::core::referral::{Delivery, Failure, Referral, ReferralId};

/// Where the outbox is kept.
pub const OUTBOX_KEY: &str = "screener.outbox";
/// The outbox format this build writes.
pub const OUTBOX_FORMAT_VERSION: u32 = 1;

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

// Written and read by hand rather than by derived serde code: this is the saved format,
// kept apart from the core's types, and the derived readers (an internally tagged enum
// above all) cost several KB of WebAssembly on the first load. The contact details are in
// the form the answers' record keeps them in (`super::contact`).

/// Writes `referral` in the current outbox format.
pub fn encode_outbox(referral: &Referral) -> String {
    let mut r = Map::new();
    r.insert("id".into(), referral.id.to_string().into());
    r.insert("consented_ms".into(), referral.consented_ms.into());
    r.insert("endpoint".into(), referral.endpoint.clone().into());
    r.insert("bundle".into(), referral.bundle.clone());
    r.insert("contact".into(), contact::to_json(&referral.contact));
    r.insert("include_answers".into(), referral.include_answers.into());
    r.insert("delivery".into(), delivery_value(referral.delivery));
    let mut outbox = Map::new();
    outbox.insert("format_version".into(), OUTBOX_FORMAT_VERSION.into());
    outbox.insert("referral".into(), Value::Object(r));
    Value::Object(outbox).to_string()
}

fn delivery_value(delivery: Delivery) -> Value {
    let mut d = Map::new();
    let mut put = |k: &str, v: Value| {
        d.insert(k.into(), v);
    };
    match delivery {
        Delivery::Pending {
            attempts,
            next_ms,
            not_before_ms,
            last,
        } => {
            put("state", "pending".into());
            put("attempts", attempts.into());
            put("next_ms", next_ms.into());
            put("not_before_ms", not_before_ms.into());
            put("last", last.map_or(Value::Null, failure_value));
        }
        Delivery::Sent {
            at_ms,
            attempts,
            created,
        } => {
            put("state", "sent".into());
            put("at_ms", at_ms.into());
            put("attempts", attempts.into());
            put("created", created.into());
        }
        Delivery::Refused { at_ms, status } => {
            put("state", "refused".into());
            put("at_ms", at_ms.into());
            put("status", status.into());
        }
    }
    Value::Object(d)
}

fn failure_value(failure: Failure) -> Value {
    let mut f = Map::new();
    let kind = match failure {
        Failure::Network => "network",
        Failure::Timeout => "timeout",
        Failure::Blocked => "blocked",
        Failure::Status { status } => {
            f.insert("status".into(), status.into());
            "status"
        }
    };
    f.insert("kind".into(), kind.into());
    Value::Object(f)
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
    value
        .get("referral")
        .and_then(read_referral)
        .ok_or(OutboxDecodeError::Unreadable)
}

fn read_referral(r: &Value) -> Option<Referral> {
    Some(Referral {
        id: ReferralId::parse(r.get("id")?.as_str()?)?,
        consented_ms: r.get("consented_ms")?.as_f64()?,
        endpoint: r.get("endpoint")?.as_str()?.to_owned(),
        bundle: r.get("bundle")?.clone(),
        contact: contact::from_json(r.get("contact")?)?,
        include_answers: r.get("include_answers")?.as_bool()?,
        delivery: read_delivery(r.get("delivery")?)?,
    })
}

fn read_delivery(d: &Value) -> Option<Delivery> {
    let f64_of = |k: &str| d.get(k).and_then(Value::as_f64);
    let u32_of = |k: &str| {
        d.get(k)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    let status = || {
        d.get("status")
            .and_then(Value::as_u64)
            .and_then(|n| u16::try_from(n).ok())
    };
    match d.get("state")?.as_str()? {
        "pending" => Some(Delivery::Pending {
            attempts: u32_of("attempts")?,
            next_ms: f64_of("next_ms")?,
            not_before_ms: f64_of("not_before_ms")?,
            last: match d.get("last") {
                None | Some(Value::Null) => None,
                Some(f) => Some(read_failure(f)?),
            },
        }),
        "sent" => Some(Delivery::Sent {
            at_ms: f64_of("at_ms")?,
            attempts: u32_of("attempts")?,
            created: d.get("created")?.as_bool()?,
        }),
        "refused" => Some(Delivery::Refused {
            at_ms: f64_of("at_ms")?,
            status: status()?,
        }),
        _ => None,
    }
}

fn read_failure(f: &Value) -> Option<Failure> {
    Some(match f.get("kind")?.as_str()? {
        "network" => Failure::Network,
        "timeout" => Failure::Timeout,
        "blocked" => Failure::Blocked,
        "status" => Failure::Status {
            status: f
                .get("status")?
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())?,
        },
        _ => return None,
    })
}
