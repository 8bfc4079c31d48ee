//! Partner configuration: what varies between services using the screener.
//!
//! [`Config::default`] models the low-intensity service in Hong Kong described
//! in the project's service notes (Mind Hong Kong's description of its iACT
//! service): adults 18–65, PHQ-9, GAD-7 and WSAS asked, five centres, and the
//! Hong Kong crisis lines verified against the HKU Centre for Suicide Research
//! and Prevention's "getting help" page.
//!
//! **Reading.** A partner writes JSON. Omitted fields take the default
//! (`#[serde(default)]`), unknown fields are rejected (`deny_unknown_fields`)
//! so a typo such as `"retention_day"` cannot silently keep the default.
//! [`parse_config`] reads each top-level field separately so that *every*
//! type error is reported with its path at once, not just the first one
//! serde meets, then runs [`Config::validate`].
//!
//! The rules above are serde's derived `Deserialize` of each type, which stays on the
//! types as the reference: the reading itself is hand-written ([`read`](mod@read)), says
//! exactly what the derive says (checked by the `config_reading` tests), and costs the
//! first load a fraction of the WebAssembly. A new field goes into both.
//!
//! **Validation** ([`Config::validate`]) rejects configurations that are
//! inconsistent or unsafe: an empty age range, a threshold outside its
//! scale, no crisis resources or none marked as the emergency number, links
//! that are not `tel:`, `sms:` or `https:`, duplicate ids, zero retention,
//! a default language that is not offered, wildcard origins, theme values
//! that could smuggle CSS. Each problem names its path (`"age.min"`,
//! `"crisis_resources[2].href"`) and a reason; all are listed together.
//!
//! Everything here is plain data: no I/O, no clock.
//!
//! # Files, one concern each
//!
//! * this file: the model (what a partner can set), section by section;
//! * [`defaults`](mod@defaults): the built-in default, the model service;
//! * [`validate`](mod@validate): [`Config::validate`] and the checks it uses;
//! * [`parse`](mod@parse): [`parse_config`], reading JSON field by field;
//! * [`read`](mod@read): the reader of each section, in serde's words;
//! * [`referral`](mod@referral): the `referral` section (where a consented request
//!   to be contacted is sent) and the service's own contact details;
//! * [`service`](mod@service): the service's facts (first contact, first conversation,
//!   sessions, cost, who it is for), their checks, and the words the screens use;
//! * [`crisis`](mod@crisis): the crisis lines (emergency number, hours, cost, how each is
//!   reached), their checks, and every sentence said about them.
//!
//! **Limits.** A document over [`MAX_DOCUMENT_BYTES`], any string over
//! [`MAX_STRING`] characters, and names and labels over their own limits (for the crisis
//! lines, [`crisis::MAX_LABEL`]) are refused with their path and the limit: a deployer
//! can rely on what the screens will have to lay out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::text::{Lang, Text};

pub mod alternatives;
pub mod crisis;
mod defaults;
mod parse;
mod read;
pub mod referral;
pub mod service;
mod validate;

pub use crate::instruments::InstrumentSet;
pub use alternatives::{Alternative, Approach, Form, Mode, Situation};
pub use crisis::{CrisisResource, LineMode, Reached};
pub use parse::{
    parse_config, parse_config_start, parse_config_value, read_config_field, Deferred,
    DeferredSections, StartConfig, MAX_DOCUMENT_BYTES, MAX_STRING,
};
pub use referral::{ContactFields, FieldRule, ReferralConfig, ServiceContact};
pub use service::{
    age_group, ContactMode, Cost, Duration, DurationUnit, FirstConversation, Sessions,
};
pub use validate::{is_plain_css_colour, ConfigError, ConfigProblem};

/// The whole partner configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Name and short description of the service.
    pub service: ServiceInfo,
    /// Eligible age range.
    pub age: AgeRange,
    /// Scores at which people are referred to higher-intensity care.
    pub thresholds: Thresholds,
    /// Which standard instruments are asked.
    pub instruments: InstrumentSet,
    /// Centres a person can choose from.
    pub centres: Vec<Centre>,
    /// Crisis resources, in display order; shown on every page and first on
    /// an `UrgentSupport` outcome.
    pub crisis_resources: Vec<CrisisResource>,
    /// Where "Exit this page" goes (https only). Default: the Hong Kong
    /// Observatory home page, a common, innocuous site.
    pub quick_exit_url: String,
    /// Days after which stored answers are deleted (at least 1, at most 365).
    pub retention_days: u32,
    /// Languages offered.
    pub languages: Vec<Lang>,
    /// Language used when the browser asks for none of `languages`.
    pub default_language: Lang,
    /// Host-page origins allowed to receive the handoff by `postMessage`
    /// (never `"*"`). Empty: standalone use, no handoff.
    pub allowed_origins: Vec<String>,
    /// What the handoff carries.
    pub handoff: Handoff,
    /// Visual customisation.
    pub theme: Theme,
    /// Where a consented request to be contacted is sent (none by default).
    pub referral: ReferralConfig,
    /// Services listed for people the service does not fit (none by default; read by
    /// hand in [`alternatives`](mod@alternatives), hence skipped by serde).
    #[serde(skip)]
    pub alternatives: Vec<Alternative>,
}

/// Name and description of the service, shown on the first page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceInfo {
    /// Service name.
    pub name: Text,
    /// One or two sentences on what it offers.
    pub description: Text,
    /// How a person reaches the service themselves (none configured by default).
    pub contact: ServiceContact,
    // The facts below are `#[serde(default)]` field by field, so a `service` section that
    // leaves one out gets `None` (not mentioned), never the model service's value that
    // the container default (`ServiceInfo::default`) holds.
    /// How soon someone gets in touch with a suitable person; `None`: no time promised.
    #[serde(default)]
    pub first_contact_within: Option<Duration>,
    /// How the first conversation happens; `None`: nothing promised.
    #[serde(default)]
    pub first_conversation: Option<FirstConversation>,
    /// How many sessions over how long; `None`: not mentioned.
    #[serde(default)]
    pub sessions: Option<Sessions>,
    /// What it costs; `None`: not mentioned.
    #[serde(default)]
    pub cost: Option<Cost>,
    /// Who it is for, in the service's words: a phrase that follows the age group
    /// ("Adults aged 18 to 65 …"; in Chinese it comes before the noun). `None`: the age
    /// group alone.
    #[serde(default)]
    pub for_whom: Option<Text>,
}

/// Eligible age range, inclusive, in whole years.
///
/// Default 18–65: the service FAQ says 18–65 (another page of the same
/// service says 12–65; a partner serving younger people can set `min`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgeRange {
    /// Youngest eligible age.
    pub min: u8,
    /// Oldest eligible age.
    pub max: u8,
}

/// Referral thresholds for higher-intensity care (inclusive: a score equal
/// to the threshold is referred).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Default 20: the service's published referral rule refers elsewhere
    /// when PHQ-9 is 20 or more (the "severe" band, Kroenke 2001).
    pub phq9_higher_intensity: u8,
    /// Default 15: the GAD-7 "severe" band (Spitzer 2006). The service's
    /// published rule names no GAD-7 threshold; this mirrors the PHQ-9 rule
    /// at the same band.
    pub gad7_higher_intensity: u8,
}

/// A centre a person can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Centre {
    /// Stable id (stored as the answer to `contact_centre`): 1–64 characters
    /// of `a-z`, `0-9`, `_`, `-`.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// District or region.
    pub area: Text,
}

/// What is handed to the host page when a person finishes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Handoff {
    /// Include the raw answers, not just the outcome, scores and contact
    /// preferences. Off by default: share the least that does the job.
    pub include_answers: bool,
}

/// Visual customisation, restricted to values that cannot inject CSS or
/// markup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    /// Colour overrides keyed by role (see [`Theme::COLOR_KEYS`]). Values:
    /// `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)`, `rgba(…)`,
    /// `hsl(…)`, `hsla(…)` with numeric arguments, or a colour keyword
    /// (letters only).
    pub colors: BTreeMap<String, String>,
    /// CSS font-family list: letters, digits, spaces, commas, hyphens and
    /// balanced quotes only.
    pub font_family: Option<String>,
    /// Logo image (https only).
    pub logo_url: Option<String>,
}

impl Theme {
    /// The colour roles a partner may set.
    pub const COLOR_KEYS: &'static [&'static str] = &[
        "primary",
        "on_primary",
        "background",
        "surface",
        "text",
        "muted_text",
        "border",
        "accent",
        "focus",
        "danger",
        "on_danger",
    ];
}
