//! The core's native tests, one program with a module per concern (as ripgrep's
//! `tests/tests.rs`), so the core is compiled and linked once rather than once a file.
//!
//! - `alternatives`: the partner's list of other services and who is shown which.
//! - `boundaries`: each rule on both sides of each published cut-off.
//! - `config`: the configuration's defaults, reading, and every problem by path.
//! - `config_reading`: the hand-written readers say what serde's derive said, field by field.
//! - `crisis_words`: every fact said about the crisis lines is the configuration's.
//! - `eligibility`: scenarios, precedence, every reason, the serialised shape.
//! - `exhaustive`: every answer vector of each instrument against published oracles.
//! - `fhir`: the FHIR `Questionnaire` and `QuestionnaireResponse`.
//! - `layers`: inside the core, imports go one way between concerns.
//! - `properties`: property tests (risk from single answers, bad answers never panic).
//! - `purity`: no I/O and no clock, the part of purity the compiler does not check.
//! - `questionnaire`: the default questionnaire is sound; visibility and follow-ups.
//! - `referral`: the referral Bundle and the delivery state machine's rules.
//! - `service_facts`: the service's facts and the sentences made from them.
//! - `static_help`: the static crisis list of `index.html`.
//!
//! `common` holds what several of them build (complete answers, the repository's files).
//! The command line is tested through its binary in `crates/screener-cli/tests/`.
// The property and table-driven tests use proptest and rstest, which are native only.
#![cfg(not(target_arch = "wasm32"))]

mod common;

mod alternatives;
mod boundaries;
mod config;
mod config_reading;
mod crisis_words;
mod eligibility;
mod exhaustive;
mod fhir;
mod layers;
mod properties;
mod purity;
mod questionnaire;
mod referral;
mod service_facts;
mod static_help;
