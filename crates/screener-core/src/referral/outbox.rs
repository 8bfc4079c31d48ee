//! Delivery of one consented referral: a small state machine with the clock passed in.
//!
//! ```text
//!            consent                 2xx
//!   (none) ─────────▶ Pending ──────────────▶ Sent      (never tried again)
//!                      │  ▲
//!    network error,    │  │ backoff, Retry-After,
//!    timeout, blocked, └──┘ online again, next visit
//!    408, 429, 5xx
//!                      │ any other 4xx
//!                      ▼
//!                   Refused   (stopped: the person is told what to do instead)
//! ```
//!
//! The shell asks [`Referral::next_action`] when something happens ([`Trigger`]), does
//! the fetch when told to, turns what the network did into an [`Attempt`] (with
//! [`classify`] for HTTP answers) and stores [`Referral::after`]'s result. Retries are
//! safe because the server deduplicates on the referral's identifier; waiting between
//! them (capped exponential backoff with jitter, at least what `Retry-After` asked) is
//! for the server's sake, so a person's reload or a return of the network may try
//! again at once, but never earlier than the server's own `Retry-After`.

use serde_json::Value;

use super::contact::ContactDetails;
use super::id::ReferralId;

/// First wait after a failure, before jitter.
pub const BACKOFF_BASE_MS: f64 = 5_000.0;
/// Longest wait between two tries, before jitter.
pub const BACKOFF_CAP_MS: f64 = 10.0 * 60_000.0;
/// Longest `Retry-After` honoured: a server asking for more is retried after this.
pub const RETRY_AFTER_CAP_MS: f64 = 60.0 * 60_000.0;

/// A consented request to be contacted, and how its delivery stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Referral {
    /// Made on the device at consent; the server deduplicates on it.
    pub id: ReferralId,
    /// When the person consented (ms since the epoch).
    pub consented_ms: f64,
    /// The FHIR base it goes to (the configuration's, at consent time).
    pub endpoint: String,
    /// The transaction Bundle, frozen at consent: what is sent is what was shown.
    pub bundle: Value,
    /// The contact details sent, for the receipt.
    pub contact: ContactDetails,
    /// Whether every answer travels, or only the summary (for the receipt).
    pub include_answers: bool,
    /// Where delivery stands.
    pub delivery: Delivery,
}

/// Where the delivery of a referral stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Delivery {
    /// Not yet accepted by the server.
    Pending {
        /// Tries made so far.
        attempts: u32,
        /// When the next timed try is due (ms since the epoch).
        next_ms: f64,
        /// The server's `Retry-After`: no try before this, whatever the trigger.
        not_before_ms: f64,
        /// What happened on the last try.
        last: Option<Failure>,
    },
    /// The server accepted it.
    Sent {
        /// When (ms since the epoch).
        at_ms: f64,
        /// Tries it took.
        attempts: u32,
        /// `true` if this try created it (201); `false` if the server already had it
        /// from an earlier try whose answer was lost (200).
        created: bool,
    },
    /// The server refused it (a 4xx other than 408 and 429): retrying cannot help.
    Refused {
        /// When (ms since the epoch).
        at_ms: f64,
        /// The HTTP status.
        status: u16,
    },
}

/// Why a try did not get through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No answer: offline, connection dropped, DNS, CORS refusal.
    Network,
    /// No answer in time.
    Timeout,
    /// The page's own Content-Security-Policy blocked the request (a deployment error,
    /// reported to the deployer).
    Blocked,
    /// A status worth retrying: 408, 429 or 5xx.
    Status {
        /// The HTTP status.
        status: u16,
    },
}

/// What one try came to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Attempt {
    /// A 2xx answer to the transaction.
    Accepted {
        /// 201 (created) or 200 (already there).
        status: u16,
    },
    /// Try again later.
    Retry {
        /// What went wrong.
        failure: Failure,
        /// The server's `Retry-After`, in ms from now.
        retry_after_ms: Option<f64>,
    },
    /// Stop: the server will not take it.
    Refused {
        /// The HTTP status.
        status: u16,
    },
}

/// Why the shell is asking whether to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// The person just consented.
    Consent,
    /// The page was opened (or reloaded) with a pending referral.
    Visit,
    /// The browser came back online.
    Online,
    /// A timer set from [`Action::WaitUntil`] fired.
    Timer,
}

/// What the shell should do now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    /// Try now.
    Send,
    /// Nothing now; ask again at this time (ms since the epoch).
    WaitUntil(f64),
    /// Nothing, ever: sent or refused.
    Done,
}

impl Referral {
    /// A referral just consented to, due at once.
    pub fn new(
        id: ReferralId,
        consented_ms: f64,
        endpoint: String,
        bundle: Value,
        contact: ContactDetails,
        include_answers: bool,
    ) -> Referral {
        Referral {
            id,
            consented_ms,
            endpoint,
            bundle,
            contact,
            include_answers,
            delivery: Delivery::Pending {
                attempts: 0,
                next_ms: consented_ms,
                not_before_ms: 0.0,
                last: None,
            },
        }
    }

    /// Whether the server has accepted it.
    pub fn is_sent(&self) -> bool {
        matches!(self.delivery, Delivery::Sent { .. })
    }

    /// Whether it is still waiting to be accepted.
    pub fn is_pending(&self) -> bool {
        matches!(self.delivery, Delivery::Pending { .. })
    }

    /// What to do at `now_ms`, for `trigger`. A timer waits out the backoff; the person
    /// consenting, opening the page, or the network returning tries at once. None of
    /// them tries before the server's `Retry-After`.
    pub fn next_action(&self, now_ms: f64, trigger: Trigger) -> Action {
        let Delivery::Pending {
            next_ms,
            not_before_ms,
            ..
        } = self.delivery
        else {
            return Action::Done;
        };
        let due = match trigger {
            Trigger::Timer => next_ms.max(not_before_ms),
            Trigger::Consent | Trigger::Visit | Trigger::Online => not_before_ms,
        };
        if now_ms >= due {
            Action::Send
        } else {
            Action::WaitUntil(due)
        }
    }

    /// The referral after a try that came to `attempt` at `now_ms`. `jitter` in `[0, 1)`
    /// spreads retries (from the shell's random source), so many phones coming back
    /// online together do not all retry in the same second.
    ///
    /// A referral that is already sent or refused is returned unchanged: a late answer
    /// to an older try (from another tab, say) never undoes a receipt.
    pub fn after(&self, attempt: Attempt, now_ms: f64, jitter: f64) -> Referral {
        let Delivery::Pending { attempts, .. } = self.delivery else {
            return self.clone();
        };
        let attempts = attempts.saturating_add(1);
        let delivery = match attempt {
            Attempt::Accepted { status } => Delivery::Sent {
                at_ms: now_ms,
                attempts,
                created: status == 201,
            },
            Attempt::Refused { status } => Delivery::Refused {
                at_ms: now_ms,
                status,
            },
            Attempt::Retry {
                failure,
                retry_after_ms,
            } => {
                let wait = retry_after_ms.map(|ms| ms.clamp(0.0, RETRY_AFTER_CAP_MS));
                let backoff = backoff_ms(attempts, jitter);
                Delivery::Pending {
                    attempts,
                    next_ms: now_ms + backoff.max(wait.unwrap_or(0.0)),
                    not_before_ms: wait.map_or(0.0, |w| now_ms + w),
                    last: Some(failure),
                }
            }
        };
        Referral {
            delivery,
            ..self.clone()
        }
    }

    /// How far delivery has got, to choose between two copies of one referral.
    fn progress(&self) -> (u8, u32) {
        match self.delivery {
            Delivery::Pending { attempts, .. } => (0, attempts),
            Delivery::Refused { .. } => (1, 0),
            Delivery::Sent { .. } => (2, 0),
        }
    }
}

/// The copy to keep when this tab's `local` referral meets the `stored` one (written by
/// another tab, or by this one earlier): a sent one wins over any other, then a refused
/// one, then the one tried more often. A stored referral that is gone was deleted by the
/// person and stays deleted; one with another id replaces this tab's.
pub fn reconcile(local: Option<&Referral>, stored: Option<&Referral>) -> Option<Referral> {
    let (local, stored) = match (local, stored) {
        (_, None) => return None,
        (None, Some(stored)) => return Some(stored.clone()),
        (Some(local), Some(stored)) => (local, stored),
    };
    if local.id != stored.id || stored.progress() >= local.progress() {
        Some(stored.clone())
    } else {
        Some(local.clone())
    }
}

/// The wait after the `attempts`th failed try: 5 s doubling to at most 10 min, of which
/// a random half (`jitter` in `[0, 1)`) is taken off ("equal jitter").
pub fn backoff_ms(attempts: u32, jitter: f64) -> f64 {
    let exponent = attempts.saturating_sub(1).min(20);
    let base = (BACKOFF_BASE_MS * f64::from(1u32 << exponent)).min(BACKOFF_CAP_MS);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    base / 2.0 + base / 2.0 * jitter
}

/// Turns an HTTP answer to the transaction into an [`Attempt`]: 2xx accepted; 408, 429
/// and 5xx retried (after `Retry-After` if given); any other status refused.
pub fn classify(status: u16, retry_after: Option<&str>, now_ms: f64) -> Attempt {
    match status {
        200..=299 => Attempt::Accepted { status },
        408 | 429 | 500..=599 => Attempt::Retry {
            failure: Failure::Status { status },
            retry_after_ms: retry_after.and_then(|v| parse_retry_after(v, now_ms)),
        },
        _ => Attempt::Refused { status },
    }
}

/// A `Retry-After` value in ms from `now_ms`: delay-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`). `None` when unreadable.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<f64>().ok().map(|s| s * 1000.0);
    }
    http_date_ms(value).map(|at| (at - now_ms).max(0.0))
}

/// An IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, in ms since
/// the epoch.
fn http_date_ms(value: &str) -> Option<f64> {
    let parts: Vec<&str> = value.split_ascii_whitespace().collect();
    let [_weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let mut hms = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    // Days from the civil date (H. Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        assert_eq!(
            http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(http_date_ms("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_retry_after("120", 0.0), Some(120_000.0));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", 784_111_777_000.0),
            Some(10_000.0)
        );
        assert_eq!(parse_retry_after("soon", 0.0), None);
        assert_eq!(parse_retry_after("-5", 0.0), None);
    }

    #[test]
    fn backoff_doubles_to_a_cap_with_equal_jitter() {
        assert_eq!(backoff_ms(1, 0.0), 2_500.0);
        assert_eq!(backoff_ms(1, 1.0), 5_000.0);
        assert_eq!(backoff_ms(2, 0.0), 5_000.0);
        assert_eq!(backoff_ms(30, 1.0), BACKOFF_CAP_MS);
        assert_eq!(backoff_ms(30, 0.0), BACKOFF_CAP_MS / 2.0);
        assert_eq!(backoff_ms(1, f64::NAN), 3_750.0);
    }

    #[test]
    fn statuses() {
        assert_eq!(classify(201, None, 0.0), Attempt::Accepted { status: 201 });
        assert_eq!(classify(400, None, 0.0), Attempt::Refused { status: 400 });
        assert_eq!(classify(404, None, 0.0), Attempt::Refused { status: 404 });
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(
                matches!(classify(status, None, 0.0), Attempt::Retry { .. }),
                "{status}"
            );
        }
        assert_eq!(
            classify(503, Some("7"), 0.0),
            Attempt::Retry {
                failure: Failure::Status { status: 503 },
                retry_after_ms: Some(7_000.0)
            }
        );
    }
}
