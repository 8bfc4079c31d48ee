//! The items that code reads by name: their stable ids, the option values the rules
//! compare answers with, and the age item's input range.
//!
//! This is the contract between a questionnaire's content and the code that reads its
//! answers: the default questionnaire ([`default_questionnaire`](mod@crate::default_questionnaire))
//! builds its items from these names, and the rules ([`eligibility`](crate::eligibility)),
//! the [`alternatives`](crate::alternatives), [`fhir`](crate::fhir), the configuration's
//! checks and the UI read answers through them. So none of those imports the default
//! questionnaire to know an id, and the questionnaire's content depends on the
//! configuration without the configuration depending back on it.
//!
//! A leaf: it imports nothing. Ids and values are stored, handed off and compared in
//! tests: never change one, add a new one instead.

/// Smallest age the age question accepts. Deliberately wider than any
/// eligible range: the input range only catches slips, so that a person
/// outside the service's range is told so rather than asked to re-enter.
pub const AGE_INPUT_MIN: i64 = 0;
/// Largest age the age question accepts.
pub const AGE_INPUT_MAX: i64 = 120;

/// Stable item ids used by the rules (and by the UI and handoff).
pub mod ids {
    /// Age in whole years.
    pub const AGE: &str = "age";
    /// PHQ-9 difficulty item (asked, never scored).
    pub const PHQ9_DIFFICULTY: &str = "phq9_difficulty";
    /// PHQ-9 item 9 (thoughts better off dead / of self-harm).
    pub const PHQ9_9: &str = "phq9_9";
    /// WSAS item 1 (work), which may be "not applicable".
    pub const WSAS_WORK: &str = "wsas_1";
    /// Diagnosed with a severe or complex condition.
    pub const COMPLEX_DIAGNOSIS: &str = "complex_diagnosis";
    /// Currently under a psychiatric team.
    pub const PSYCHIATRIC_TEAM: &str = "psychiatric_team";
    /// Currently receiving another psychological therapy.
    pub const OTHER_THERAPY: &str = "other_therapy";
    /// Thoughts of ending one's life in the past month.
    pub const RISK_THOUGHTS: &str = "risk_thoughts";
    /// Plans or preparations (follow-up to thoughts).
    pub const RISK_PLANS: &str = "risk_plans";
    /// Hurt oneself on purpose recently.
    pub const RISK_SELF_HARM: &str = "risk_self_harm";
    /// Worried about harming someone else.
    pub const RISK_HARM_OTHERS: &str = "risk_harm_others";
    /// In danger right now.
    pub const RISK_DANGER_NOW: &str = "risk_danger_now";
    /// How the first conversation happens (the configured modes; asked only when
    /// there are two or more).
    pub const CONTACT_MODE: &str = "contact_mode";
    /// Chosen centre (a configured centre id).
    pub const CONTACT_CENTRE: &str = "contact_centre";
    /// Language for sessions.
    pub const CONTACT_LANGUAGE: &str = "contact_language";
    /// Preferred contact times (multiple choice).
    pub const CONTACT_TIMES: &str = "contact_times";
}

/// Stable option values used by the rules.
pub mod values {
    /// Yes.
    pub const YES: &str = "yes";
    /// No.
    pub const NO: &str = "no";
    /// Prefer not to say (a risk signal on direct risk questions).
    pub const PREFER_NOT_TO_SAY: &str = "prefer_not_to_say";
    /// WSAS work item: not applicable.
    pub const NOT_APPLICABLE: &str = "not_applicable";
    /// PHQ-9 / GAD-7 option values by score 0..=3.
    pub const FREQUENCY: [&str; 4] = [
        "not_at_all",
        "several_days",
        "more_than_half_the_days",
        "nearly_every_day",
    ];
}
