//! The messages between the screener and a host page, as plain JSON values.
//!
//! Every message is an object with a `type` starting `screener:`. From the screener to
//! the host (only ever to the one allowed host origin, see [`bridge`](super::bridge)):
//!
//! | `type` | other fields | when |
//! |---|---|---|
//! | `screener:ready` | `lang` | the app has started |
//! | `screener:step` | `screen` (`welcome`, `question`, `review`, `result`), `section` for questions | the screen changed (and once at start) |
//! | `screener:risk` | none | an answer raised a risk flag (again only after all flags were cleared) |
//! | `screener:completed` | `outcome`, `alternativesShown`, `answersIncluded`, `questionnaireResponse`, `questionnaire` | the result is shown |
//! | `screener:resize` | `height` (CSS pixels) | the content height changed |
//!
//! **What is not sent, on purpose.** Steps name the section, never the question: which
//! question is on screen can reveal an answer (the follow-up about plans is asked only
//! after thoughts of suicide were reported). The risk event carries nothing but its
//! type: the host may offer its own help, but learns no answer. Resize carries only a
//! height. The completed event carries the outcome headline and the instrument totals,
//! plus a FHIR `QuestionnaireResponse`: with `handoff.include_answers` it answers the
//! full intake questionnaire (and `outcome.reasons` are added, since they restate
//! answers); without it, only the summary questionnaire (totals, contact preferences,
//! outcome). The matching FHIR `Questionnaire` travels with it, so the host can check
//! and map the response without fetching anything. `alternativesShown` lists the ids of
//! the partner's listed services ([`Config::alternatives`]) the result suggested (also the
//! response's `alternatives_shown` item); the peer-support reflection's answers are never
//! sent (they only reorder those services on the person's screen).
//!
//! From the host to the screener, exactly two commands are understood, each with
//! exactly these fields; anything else is ignored:
//!
//! * `{"type": "screener:set-language", "lang": "zh-Hant-HK"}`: only a configured
//!   language;
//! * `{"type": "screener:reset"}`: forget the answers in this page and start again.

use serde_json::{json, Value};

use crate::core::fhir::{self, ResponseInput, Variant};
use crate::core::referral::{Delivery, Referral};
use crate::core::{Config, Instrument, Lang, Questionnaire, ScoreResult};
use crate::flow::Screen;

/// Sent once the app has started.
pub const READY: &str = "screener:ready";
/// Sent when the screen changes.
pub const STEP: &str = "screener:step";
/// Sent when risk is first reported.
pub const RISK: &str = "screener:risk";
/// Sent when the result is shown.
pub const COMPLETED: &str = "screener:completed";
/// Sent when the content height changes.
pub const RESIZE: &str = "screener:resize";
/// Host command: change the language.
pub const SET_LANGUAGE: &str = "screener:set-language";
/// Host command: start again.
pub const RESET: &str = "screener:reset";

/// A command from the host page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostCommand {
    /// Show this (configured) language.
    SetLanguage(Lang),
    /// Forget the answers in this page and go back to the start.
    Reset,
}

/// Reads a host message. `None` (ignore it) unless it is exactly one of the two
/// commands, with exactly their fields, and a language the configuration offers.
pub fn parse_host_command(data: &Value, config: &Config) -> Option<HostCommand> {
    let object = data.as_object()?;
    let kind = object.get("type")?.as_str()?;
    match kind {
        RESET if object.len() == 1 => Some(HostCommand::Reset),
        SET_LANGUAGE if object.len() == 2 => {
            let lang = Lang::from_tag(object.get("lang")?.as_str()?)?;
            config
                .languages
                .contains(&lang)
                .then_some(HostCommand::SetLanguage(lang))
        }
        _ => None,
    }
}

/// `screener:ready`.
pub fn ready(lang: Lang) -> Value {
    json!({ "type": READY, "lang": lang.tag() })
}

/// `screener:step` for `screen`: its kind, and for a question only the section.
pub fn step(screen: &Screen, questionnaire: &Questionnaire) -> Value {
    match screen {
        Screen::Welcome => json!({ "type": STEP, "screen": "welcome" }),
        Screen::Question { item } => {
            let section = questionnaire.section_of(item).map(|s| s.id.as_str());
            json!({ "type": STEP, "screen": "question", "section": section })
        }
        Screen::Review => json!({ "type": STEP, "screen": "review" }),
        Screen::Result => json!({ "type": STEP, "screen": "result" }),
        Screen::Contact => json!({ "type": STEP, "screen": "contact" }),
        Screen::Consent => json!({ "type": STEP, "screen": "consent" }),
    }
}

/// `screener:risk`: no content beyond its type.
pub fn risk() -> Value {
    json!({ "type": RISK })
}

/// `screener:resize`: the height only.
pub fn resize(height: u32) -> Value {
    json!({ "type": RESIZE, "height": height })
}

/// `screener:completed`, with answers only if the configuration shares them. The
/// input's `variant` is not used: the configuration decides it. `referral` says whether
/// a request to be contacted was made and where it stands, with its reference: never
/// its contents (the contact details go to the service alone).
pub fn completed(c: ResponseInput<'_>, referral: Option<&Referral>) -> Value {
    let include = c.config.handoff.include_answers;
    let variant = if include {
        Variant::Full
    } else {
        Variant::Summary
    };
    let scores: Vec<Value> = c
        .outcome
        .scores
        .iter()
        .filter_map(|s| match s.result {
            ScoreResult::Complete { total, max, band } => Some(json!({
                "instrument": instrument_name(s.instrument),
                "total": total,
                "max": max,
                "band": band,
            })),
            ScoreResult::Incomplete { .. } => None,
        })
        .collect();
    let mut outcome = json!({ "headline": c.outcome.headline, "scores": scores });
    if include {
        outcome["reasons"] = json!(c.outcome.reasons);
    }
    let referral = referral.map(|r| {
        let status = match r.delivery {
            Delivery::Pending { .. } => "pending",
            Delivery::Sent { .. } => "sent",
            Delivery::Refused { .. } => "refused",
        };
        json!({ "status": status, "reference": r.id.reference() })
    });
    let age = crate::core::alternatives::age_of(c.questionnaire, c.answers);
    json!({
        "type": COMPLETED,
        "alternativesShown": crate::core::alternatives::shown_ids(c.config, c.outcome, age),
        "referral": referral,
        "answersIncluded": include,
        "outcome": outcome,
        "questionnaireResponse": fhir::questionnaire_response(&ResponseInput { variant, ..c }),
        "questionnaire": fhir::questionnaire_resource(c.questionnaire, c.config, c.base, variant),
    })
}

/// The person's own copy: always the full response (their answers, on their device),
/// whatever the configuration shares with the host (the input's `variant` is not used).
pub fn download(c: ResponseInput<'_>) -> Value {
    fhir::questionnaire_response(&ResponseInput {
        variant: Variant::Full,
        ..c
    })
}

fn instrument_name(instrument: Instrument) -> Value {
    json!(instrument)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{default_questionnaire, evaluate, AnswerValue, Answers};

    #[test]
    fn only_the_two_commands_are_understood() {
        let config = Config::default();
        let parse = |v: Value| parse_host_command(&v, &config);
        assert_eq!(parse(json!({"type": RESET})), Some(HostCommand::Reset));
        assert_eq!(
            parse(json!({"type": SET_LANGUAGE, "lang": "zh-Hant-HK"})),
            Some(HostCommand::SetLanguage(Lang::ZhHantHk))
        );
        assert_eq!(
            parse(json!({"type": SET_LANGUAGE, "lang": "en-GB"})),
            Some(HostCommand::SetLanguage(Lang::En))
        );
        for ignored in [
            json!({"type": RESET, "answers": {}}),
            json!({"type": SET_LANGUAGE, "lang": "fr"}),
            json!({"type": SET_LANGUAGE}),
            json!({"type": SET_LANGUAGE, "lang": 1}),
            json!({"type": "screener:config", "crisis_resources": []}),
            json!({"type": "screener:set-thresholds", "phq9": 30}),
            json!({"type": COMPLETED}),
            json!("screener:reset"),
            json!(null),
            json!([RESET]),
        ] {
            assert_eq!(parse(ignored.clone()), None, "{ignored}");
        }
        let english_only = Config {
            languages: vec![Lang::En],
            ..Config::default()
        };
        assert_eq!(
            parse_host_command(
                &json!({"type": SET_LANGUAGE, "lang": "zh-HK"}),
                &english_only
            ),
            None
        );
    }

    #[test]
    fn steps_name_the_section_never_the_question() {
        let q = default_questionnaire();
        let message = step(
            &Screen::Question {
                item: "risk_plans".into(),
            },
            &q,
        );
        assert_eq!(
            message,
            json!({"type": STEP, "screen": "question", "section": "safety"})
        );
        assert!(!message.to_string().contains("risk_plans"));
        assert_eq!(step(&Screen::Result, &q)["screen"], "result");
    }

    #[test]
    fn risk_and_resize_carry_nothing_else() {
        assert_eq!(risk(), json!({"type": RISK}));
        assert_eq!(resize(512), json!({"type": RESIZE, "height": 512}));
    }

    fn completion_fixture(include_answers: bool) -> (Questionnaire, Config, Answers) {
        let q = default_questionnaire();
        let config = Config {
            allowed_origins: vec!["https://partner.example.org".into()],
            handoff: crate::core::Handoff { include_answers },
            ..Config::default()
        };
        let mut answers = Answers::new();
        answers.set("age", AnswerValue::Number(42));
        for id in Instrument::Phq9.item_ids() {
            // Item 9 "not at all": any other answer raises a risk flag.
            let value = if *id == "phq9_9" {
                "not_at_all"
            } else {
                "several_days"
            };
            answers.set(*id, value);
        }
        (q, config, answers)
    }

    #[test]
    fn completed_shares_answers_only_when_configured() {
        for include in [false, true] {
            let (q, config, answers) = completion_fixture(include);
            let outcome = evaluate(&q, &answers, &config);
            let message = completed(
                ResponseInput {
                    questionnaire: &q,
                    config: &config,
                    answers: &answers,
                    outcome: &outcome,
                    base: "https://screener.example.org/",
                    lang: Lang::En,
                    authored: Some("2025-01-02T03:04:05.000Z"),
                    variant: Variant::Summary,
                },
                None,
            );
            assert_eq!(message["type"], COMPLETED);
            assert_eq!(message["referral"], Value::Null);
            assert_eq!(message["answersIncluded"], include);
            assert_eq!(message["outcome"]["headline"], "incomplete");
            assert_eq!(message["outcome"]["scores"][0]["instrument"], "phq9");
            assert_eq!(message["outcome"]["scores"][0]["total"], 8);
            assert_eq!(message["outcome"].get("reasons").is_some(), include);
            let text = message["questionnaireResponse"].to_string();
            assert_eq!(text.contains("\"phq9_1\""), include, "{text}");
            assert_eq!(text.contains("\"valueInteger\":42"), include, "{text}");
            assert!(text.contains("\"phq9_total\""));
            let url = message["questionnaire"]["url"].as_str().unwrap();
            assert!(message["questionnaireResponse"]["questionnaire"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{url}|")));
        }
    }

    #[test]
    fn completed_names_a_referral_by_reference_never_by_its_contents() {
        use crate::core::referral::{Attempt, ContactDetails, ReferralId};
        let (q, config, answers) = completion_fixture(true);
        let outcome = evaluate(&q, &answers, &config);
        let contact = ContactDetails {
            name: "Chan Tai Man".into(),
            phone: "9123 4567".into(),
            email: "tm@example.org".into(),
            ..Default::default()
        };
        let id = ReferralId::from_random([7; 16]);
        let pending = Referral::new(
            id,
            0.0,
            "https://fhir.example.org".into(),
            json!({}),
            contact,
            true,
        );
        let sent = pending.after(Attempt::Accepted { status: 201 }, 10.0, 0.5);
        for (referral, status) in [(&pending, "pending"), (&sent, "sent")] {
            let message = completed(
                ResponseInput {
                    questionnaire: &q,
                    config: &config,
                    answers: &answers,
                    outcome: &outcome,
                    base: "https://screener.example.org/",
                    lang: Lang::En,
                    authored: None,
                    variant: Variant::Summary,
                },
                Some(referral),
            );
            assert_eq!(
                message["referral"],
                json!({ "status": status, "reference": id.reference() })
            );
            let text = message.to_string();
            for secret in ["Chan Tai Man", "9123", "91234567", "tm@example.org"] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
    }

    #[test]
    fn the_download_is_always_complete() {
        let (q, config, answers) = completion_fixture(false);
        let outcome = evaluate(&q, &answers, &config);
        let value = download(ResponseInput {
            questionnaire: &q,
            config: &config,
            answers: &answers,
            outcome: &outcome,
            base: "https://screener.example.org",
            lang: Lang::ZhHantHk,
            authored: Some("2025-01-02T03:04:05.000Z"),
            variant: Variant::Summary,
        });
        assert_eq!(value["resourceType"], "QuestionnaireResponse");
        assert!(value.to_string().contains("\"phq9_1\""));
        assert_eq!(value["language"], "zh-Hant-HK");
    }
}
