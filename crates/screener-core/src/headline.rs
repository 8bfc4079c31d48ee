//! [`Headline`]: the one-line verdict of a screening, and the precedence among them.
//!
//! The verdict is decided by [`evaluate`](crate::eligibility::evaluate) (see
//! [`eligibility`](crate::eligibility) for the rules and their sources); it is named
//! here, apart from the rules, because the configuration names verdicts too (those for
//! which a referral may be sent): so the configuration does not import the rules that
//! read it.
//!
//! A leaf: it imports nothing but serde.

use serde::{Deserialize, Serialize};

/// The one-line verdict. Variants are declared in precedence order, so
/// `Ord` compares precedence: the *smallest* headline wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Headline {
    /// A risk answer was given: show crisis resources first.
    UrgentSupport,
    /// Age outside the service's range.
    OutsideAgeRange,
    /// Severe or complex needs, or care already under way elsewhere.
    ComplexNeeds,
    /// Symptom scores at or above the higher-intensity thresholds.
    HigherIntensity,
    /// Required answers missing.
    Incomplete,
    /// The service can be offered.
    Eligible,
}

impl Headline {
    /// All headlines, highest precedence first.
    pub const PRECEDENCE: [Headline; 6] = [
        Headline::UrgentSupport,
        Headline::OutsideAgeRange,
        Headline::ComplexNeeds,
        Headline::HigherIntensity,
        Headline::Incomplete,
        Headline::Eligible,
    ];
}
