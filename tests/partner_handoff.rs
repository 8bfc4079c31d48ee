//! The host page's `completed` message (`screener::partner::protocol::completed`) names the
//! alternatives a person was shown by id, and carries nothing of the peer reflection. The
//! matching itself is the core's and is tested there
//! (`crates/screener-core/tests/alternatives.rs`); this is what the app hands over.
//!
//! The list used is the end-to-end tests' partner configuration
//! (`tests/e2e/host/configs/alternatives.json`), so both layers test the same services.

use screener::core::fhir::{
    questionnaire_resource, questionnaire_response, ResponseInput, Variant, ALTERNATIVES_LINK_ID,
};
use screener::core::{
    default_questionnaire, evaluate, parse_config, Answers, Config, Lang, Outcome,
};
use serde_json::json;

const PARTNER: &str = include_str!("e2e/host/configs/alternatives.json");

fn partner() -> Config {
    parse_config(PARTNER).expect("the e2e alternatives config is valid")
}

/// Complete answers at `age`, mild to moderate scores ("several days" on PHQ-9 items 1–8
/// and every GAD-7 item, WSAS 2 on each item), "not at all" to PHQ-9 item 9, "no" to
/// every complexity and risk question, contact by video at Mong Kok in Mandarin at
/// weekends: the core's tests call these `mild(age)`.
fn mild(age: i64) -> Answers {
    let mut a = Answers::new().with("age", age);
    for i in 1..=8 {
        a.set(format!("phq9_{i}"), "several_days");
    }
    a.set("phq9_9", "not_at_all");
    a.set("phq9_difficulty", "somewhat_difficult");
    for i in 1..=7 {
        a.set(format!("gad7_{i}"), "several_days");
    }
    for i in 1..=5 {
        a.set(format!("wsas_{i}"), "2");
    }
    for id in [
        "complex_diagnosis",
        "psychiatric_team",
        "other_therapy",
        "risk_thoughts",
        "risk_self_harm",
        "risk_harm_others",
        "risk_danger_now",
    ] {
        a.set(id, "no");
    }
    a.with("contact_mode", "video")
        .with("contact_centre", "mong_kok")
        .with("contact_language", "mandarin")
        .with("contact_times", vec!["weekends".to_owned()])
}

fn outcome(config: &Config, a: &Answers) -> Outcome {
    evaluate(&default_questionnaire(), a, config)
}

#[test]
fn the_handoff_names_the_alternatives_shown_by_id() {
    let q = default_questionnaire();
    for (config, a, want) in [
        (partner(), mild(12), vec!["youth_space", "family_doctor"]),
        (Config::default(), mild(12), vec![]),
    ] {
        let o = outcome(&config, &a);
        let input = ResponseInput {
            questionnaire: &q,
            config: &config,
            answers: &a,
            outcome: &o,
            base: "https://screener.example.org",
            lang: Lang::En,
            authored: None,
            variant: Variant::Summary,
        };
        let message = screener::partner::protocol::completed(input, None);
        assert_eq!(message["alternativesShown"], json!(want));
        let items = message["questionnaireResponse"]["item"].as_array().unwrap();
        let shown = items.iter().find(|i| i["linkId"] == ALTERNATIVES_LINK_ID);
        let codes: Vec<&str> = shown
            .map(|i| {
                i["answer"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["valueCoding"]["code"].as_str().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(codes, want);
        // The questionnaire defines the item only when the partner lists services.
        let definition = questionnaire_resource(&q, &config, input.base, Variant::Summary);
        let defined = definition["item"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["linkId"] == ALTERNATIVES_LINK_ID);
        assert_eq!(defined, !config.alternatives.is_empty());
        let full = questionnaire_response(&ResponseInput {
            variant: Variant::Full,
            ..input
        });
        // Nothing of the reflection travels, whatever the variant.
        for text in [message.to_string(), full.to_string()] {
            for word in ["reflection", "others_hard", "timing"] {
                assert!(!text.contains(word), "{word}");
            }
        }
    }
}
