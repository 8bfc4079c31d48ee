//! The screening core: questionnaire, scoring, risk and eligibility rules.
//!
//! Everything that decides what a person is asked and what they are told
//! lives here, as pure Rust over plain data:
//!
//! * [`text`] — bilingual [`Text`] (English and Traditional Chinese, Hong
//!   Kong) and [`Lang`].
//! * [`names`] — the items code reads by name: stable ids, the option values
//!   the rules compare with, the age item's input range.
//! * [`headline`] — [`Headline`], the one-line verdict, and its precedence.
//! * [`questionnaire`] — the model: [`Questionnaire`], [`Section`],
//!   [`Item`], [`ResponseOption`] (which carries its own score and risk),
//!   [`Condition`]; which items are visible, given a [`Visibility`].
//! * [`answers`] — [`Answers`] keyed by stable item id, and the
//!   [`AnswerProblem`]s found when checking them.
//! * [`instruments`] — PHQ-9 (Kroenke 2001), GAD-7 (Spitzer 2006) and WSAS
//!   (Mundt 2002) scoring with their published bands, and the
//!   [`InstrumentSet`] a configuration asks.
//! * [`risk`] — risk flags, raised by single answers.
//! * [`config`] — the partner [`Config`] with the model service's defaults,
//!   its validation, and lenient parsing that lists every problem.
//! * [`default_questionnaire`](mod@default_questionnaire) — the model service's questionnaire: age,
//!   PHQ-9, GAD-7, WSAS, complexity, direct risk questions, contact
//!   preferences.
//! * [`eligibility`] — [`evaluate`]: headline, every reason, scores, flags
//!   and problems; and what is asked under the rules
//!   ([`Questionnaire::visible_items`]).
//! * [`alternatives`] — which of the partner's listed services a person is shown,
//!   in what order and why, and the optional peer-support reflection.
//! * [`fhir`] — the FHIR R4 `Questionnaire` and `QuestionnaireResponse`.
//! * [`referral`] — intake: contact details, the FHIR referral bundle and
//!   the outbox that delivers it exactly once (clock passed in).
//! * [`static_help`] — the crisis list `index.html` shows without the app,
//!   written from a [`Config`] and checked against one.
//!
//! Imports go one way, in layers, each using only those below it: `text`,
//! `names` and `headline` (leaves: nothing of the core); the questionnaire
//! model (`questionnaire` and the vocabulary it is made of, `answers`,
//! `instruments`, `risk`, which refer to each other's types); `config`;
//! then `default_questionnaire`, the rules (`eligibility`) and `static_help`,
//! none of which uses another; then `alternatives`, `fhir` and `referral`.
//! So the model knows no rule and no configuration (what its visibility
//! needs besides the answers comes in as a [`Visibility`]), the configuration
//! knows no rule, and the rules take the questionnaire, the answers and the
//! configuration as data and name the items they read through `names`. The
//! test program's `layers` module holds this order.
//!
//! # ARCHITECTURE INVARIANT
//!
//! This crate is **pure**. It does not use `leptos`, `web_sys`, `gloo`,
//! `wasm_bindgen` or `js_sys` (no UI framework, no browser API); it performs
//! **no I/O** (no files, network, environment, storage, console); it reads
//! **no clock** (times, if ever needed, are passed in); and it holds **plain
//! data, never signals** or other reactive state. Functions take values and
//! return values.
//!
//! Why: the rules decide whether someone is shown crisis help, so they must
//! be testable exhaustively and natively (`cargo test -p screener-core`, no
//! browser), usable from the command line (`screener-cli`), and reviewable
//! without knowing the UI. The UI calls in; the core never calls out.
//!
//! The compiler holds the first part: this crate's `Cargo.toml` depends on
//! `serde`, `serde_json` and `thiserror` only, so no framework or browser
//! crate can be named here (`cargo tree -p screener-core` shows the whole
//! list). `std` is always at hand, so the test program's `purity` module
//! walks `src/` and fails if the code reaches for `std::fs`, `std::net`,
//! `std::env`, `std::process`, `std::io`, `std::time` or `std::thread`, or
//! names `SystemTime` or `Instant` (comments and strings are ignored).

pub mod alternatives;
pub mod answers;
pub mod config;
pub mod default_questionnaire;
pub mod eligibility;
pub mod fhir;
pub mod headline;
pub mod instruments;
pub mod names;
pub mod questionnaire;
pub mod referral;
pub mod risk;
pub mod static_help;
pub mod text;

pub use answers::{
    check_answers, AnswerProblem, AnswerValue, Answers, JsonKind, ProblemKind, ValueKind,
};
pub use config::{
    parse_config, parse_config_start, parse_config_value, AgeRange, Centre, Config, ConfigError,
    ConfigProblem, CrisisResource, Handoff, ServiceInfo, Theme, Thresholds,
};
pub use default_questionnaire::{
    default_questionnaire, questionnaire_for, translation_source, unworded_questionnaire_for,
};
pub use eligibility::{evaluate, headline_of, provisionally_eligible, Headline, Outcome, Reason};
pub use instruments::{score, Band, Instrument, InstrumentSet, ScaleScore, ScoreResult};
pub use questionnaire::{
    Condition, Item, ItemKind, Questionnaire, ResponseOption, Section, TranslationSource,
    Visibility,
};
pub use risk::{risk_flags, risk_of, RiskFlag, RiskKind};
pub use text::{t, Lang, Text};
