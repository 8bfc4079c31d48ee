//! Alternatives: the configuration's list (reading and validation, every problem by path)
//! and the matching (every outcome, age boundaries, ordering, the peer reflection).
//!
//! The list used is the end-to-end tests' partner configuration
//! (`tests/e2e/host/configs/alternatives.json`), so both layers test the same services.

use screener_core::alternatives::{
    age_of, offers_reflection, shown_ids, situations, suggest, Fit, OthersHard, Reflection,
    SettingPref, StylePref, Timing,
};
use screener_core::config::{Form, Situation};
use screener_core::{
    default_questionnaire, evaluate, parse_config, Answers, Config, Headline, Outcome,
};
use serde_json::{json, Value};

use crate::common;

const PARTNER: &str = include_str!("../../../tests/e2e/host/configs/alternatives.json");

fn partner() -> Config {
    parse_config(PARTNER).expect("the e2e alternatives config is valid")
}

/// Complete answers: age, PHQ-9 items 1–8 and GAD-7 items all `phq`/`gad`, no
/// complexity, no risk.
fn answers(age: i64, phq: &str, gad: &str) -> Answers {
    common::complete(age, [phq; 8], [gad; 7], ["2"; 5])
        .with("contact_times", vec!["weekends".to_owned()])
}

fn mild(age: i64) -> Answers {
    answers(age, "several_days", "several_days")
}

fn outcome(config: &Config, a: &Answers) -> Outcome {
    evaluate(&default_questionnaire(), a, config)
}

/// The ids shown, in order, for `a` with `reflection`.
fn ids_with(config: &Config, a: &Answers, reflection: &Reflection) -> Vec<String> {
    let o = outcome(config, a);
    let age = age_of(&default_questionnaire(), a);
    suggest(&config.alternatives, &o, age, reflection)
        .into_iter()
        .map(|s| config.alternatives[s.index].id.clone())
        .collect()
}

fn ids(config: &Config, a: &Answers) -> Vec<String> {
    ids_with(config, a, &Reflection::default())
}

// ---- matching: every outcome ---------------------------------------------------------

#[test]
fn eligible_and_waiting() {
    let c = partner();
    let a = mild(30);
    assert_eq!(outcome(&c, &a).headline, Headline::Eligible);
    assert_eq!(situations(&outcome(&c, &a)), [Situation::EligibleWaiting]);
    assert_eq!(
        ids(&c, &a),
        [
            "walk_and_talk",
            "befriending",
            "online_circle",
            "self_help_course"
        ]
    );
}

#[test]
fn few_symptoms_come_before_waiting() {
    let c = partner();
    let a = answers(30, "not_at_all", "not_at_all");
    let o = outcome(&c, &a);
    assert_eq!(o.headline, Headline::Eligible);
    assert_eq!(
        situations(&o),
        [Situation::FewSymptoms, Situation::EligibleWaiting]
    );
    let age = age_of(&default_questionnaire(), &a);
    let s = suggest(&c.alternatives, &o, age, &Reflection::default());
    assert!(s.iter().all(|s| s.situation == Situation::FewSymptoms));
    assert_eq!(
        ids(&c, &a),
        [
            "walk_and_talk",
            "befriending",
            "online_circle",
            "self_help_course"
        ]
    );
}

#[test]
fn higher_intensity() {
    let c = partner();
    let a = answers(30, "nearly_every_day", "several_days");
    assert_eq!(outcome(&c, &a).headline, Headline::HigherIntensity);
    assert_eq!(
        ids(&c, &a),
        [
            "walk_and_talk",
            "befriending",
            "online_circle",
            "family_doctor",
            "specialist_team"
        ]
    );
}

#[test]
fn complex_needs() {
    let c = partner();
    let mut a = mild(30);
    a.set("complex_diagnosis", "yes");
    assert_eq!(outcome(&c, &a).headline, Headline::ComplexNeeds);
    assert_eq!(
        ids(&c, &a),
        ["befriending", "family_doctor", "specialist_team"]
    );
}

#[test]
fn complex_needs_with_high_scores_lists_both_most_relevant_first() {
    let c = partner();
    let mut a = answers(30, "nearly_every_day", "several_days");
    a.set("psychiatric_team", "yes");
    let o = outcome(&c, &a);
    assert_eq!(
        situations(&o),
        [Situation::ComplexNeeds, Situation::HigherIntensity]
    );
    // Complex-needs services first (partner order), then the higher-intensity ones.
    assert_eq!(
        ids(&c, &a),
        [
            "befriending",
            "family_doctor",
            "specialist_team",
            "walk_and_talk",
            "online_circle"
        ]
    );
}

#[test]
fn urgent_support_lists_only_what_suits_it_and_the_other_reasons() {
    let c = partner();
    let mut a = mild(30);
    a.set("risk_thoughts", "yes");
    let o = outcome(&c, &a);
    assert_eq!(o.headline, Headline::UrgentSupport);
    assert_eq!(situations(&o), [Situation::UrgentSupport]);
    assert_eq!(ids(&c, &a), ["online_circle", "specialist_team"]);
    // Age unknown (risk reported at once, before the age question): excludes no one.
    let mut early = Answers::new();
    early.set("risk_thoughts", "yes");
    assert_eq!(ids(&c, &early), ["online_circle", "specialist_team"]);
    // Risk and high scores: urgent first, then higher intensity.
    let mut both = answers(30, "nearly_every_day", "several_days");
    both.set("risk_self_harm", "yes");
    assert_eq!(
        ids(&c, &both),
        [
            "online_circle",
            "specialist_team",
            "walk_and_talk",
            "befriending",
            "family_doctor"
        ]
    );
}

#[test]
fn incomplete_shows_nothing() {
    let c = partner();
    let a = Answers::new().with("age", 30);
    assert_eq!(outcome(&c, &a).headline, Headline::Incomplete);
    assert!(situations(&outcome(&c, &a)).is_empty());
    assert!(ids(&c, &a).is_empty());
}

// ---- matching: age boundaries --------------------------------------------------------

#[test]
fn age_boundaries() {
    let c = partner();
    let headline = |age| outcome(&c, &mild(age)).headline;
    // 11: below the youth service too; only the age-free family doctor.
    assert_eq!(ids(&c, &mild(11)), ["family_doctor"]);
    assert_eq!(ids(&c, &mild(12)), ["youth_space", "family_doctor"]);
    assert_eq!(ids(&c, &mild(17)), ["youth_space", "family_doctor"]);
    assert_eq!(headline(17), Headline::OutsideAgeRange);
    // 18 and 65: eligible, the waiting list (the walk group takes 18–65).
    for age in [18, 65] {
        assert_eq!(headline(age), Headline::Eligible, "{age}");
        assert_eq!(ids(&c, &mild(age))[0], "walk_and_talk", "{age}");
    }
    assert_eq!(headline(66), Headline::OutsideAgeRange);
    assert_eq!(ids(&c, &mild(66)), ["later_life", "family_doctor"]);
    assert_eq!(ids(&c, &mild(120)), ["later_life", "family_doctor"]);
    // A service's range is inclusive at both ends: the walk group at 65 and not 66 when
    // a partner's own range is wider.
    let mut wider = partner();
    wider.age.max = 70;
    assert!(ids(&wider, &mild(65)).contains(&"walk_and_talk".to_owned()));
    assert!(!ids(&wider, &mild(66)).contains(&"walk_and_talk".to_owned()));
}

// ---- matching: the reflection --------------------------------------------------------

#[test]
fn reflection_reorders_only_the_peer_options() {
    let c = partner();
    let a = mild(30);
    let base = ids(&c, &a);
    let online = Reflection {
        setting: Some(SettingPref::Online),
        ..Reflection::default()
    };
    assert_eq!(
        ids_with(&c, &a, &online),
        [
            "online_circle",
            "walk_and_talk",
            "befriending",
            "self_help_course"
        ]
    );
    let face_to_face_talk = Reflection {
        setting: Some(SettingPref::FaceToFace),
        style: Some(StylePref::Talking),
        ..Reflection::default()
    };
    assert_eq!(
        ids_with(&c, &a, &face_to_face_talk),
        [
            "befriending",
            "walk_and_talk",
            "online_circle",
            "self_help_course"
        ]
    );
    let others_hard = Reflection {
        others_hard: Some(OthersHard::Yes),
        ..Reflection::default()
    };
    assert_eq!(ids_with(&c, &a, &others_hard)[0], "befriending");
    let activities = Reflection {
        style: Some(StylePref::Activities),
        ..Reflection::default()
    };
    assert_eq!(ids_with(&c, &a, &activities), base);
    // Not now: the peer options go after the others.
    let not_now = Reflection {
        timing: Some(Timing::NotNow),
        ..Reflection::default()
    };
    assert_eq!(
        ids_with(&c, &a, &not_now),
        [
            "self_help_course",
            "walk_and_talk",
            "befriending",
            "online_circle"
        ]
    );
    // The same set whatever the answers: the reflection never adds or removes.
    for r in [online, face_to_face_talk, others_hard, activities, not_now] {
        let mut got = ids_with(&c, &a, &r);
        got.sort();
        let mut want = base.clone();
        want.sort();
        assert_eq!(got, want);
    }
}

#[test]
fn reflection_says_which_preferences_each_peer_option_meets() {
    let c = partner();
    let a = mild(30);
    let r = Reflection {
        setting: Some(SettingPref::FaceToFace),
        style: Some(StylePref::Talking),
        others_hard: Some(OthersHard::Maybe),
        timing: Some(Timing::Now),
    };
    let o = outcome(&c, &a);
    let s = suggest(&c.alternatives, &o, Some(30), &r);
    let first = &s[0];
    assert_eq!(c.alternatives[first.index].id, "befriending");
    assert_eq!(
        first.fits,
        [
            Fit::Setting(SettingPref::FaceToFace),
            Fit::Style(StylePref::Talking),
            Fit::OneToOne
        ]
    );
    let course = s
        .iter()
        .find(|s| c.alternatives[s.index].id == "self_help_course")
        .unwrap();
    assert!(course.fits.is_empty(), "not a peer option");
    assert!(offers_reflection(&c.alternatives, &s));
}

#[test]
fn the_reflection_is_offered_only_with_a_peer_option() {
    let c = partner();
    let o = outcome(&c, &mild(12));
    let s = suggest(&c.alternatives, &o, Some(12), &Reflection::default());
    assert!(s.iter().all(|s| !c.alternatives[s.index].form.is_peer()));
    assert!(!offers_reflection(&c.alternatives, &s));
    assert!(Form::PeerOnline.is_peer() && !Form::Doctor.is_peer());
}

#[test]
fn shown_ids_do_not_depend_on_the_reflection() {
    let c = partner();
    let a = mild(30);
    let o = outcome(&c, &a);
    let mut sorted = shown_ids(&c, &o, Some(30));
    assert_eq!(sorted, ids(&c, &a));
    sorted.sort();
    let mut reordered = ids_with(
        &c,
        &a,
        &Reflection {
            setting: Some(SettingPref::Online),
            ..Reflection::default()
        },
    );
    reordered.sort();
    assert_eq!(sorted, reordered);
}

#[test]
fn the_default_lists_no_service() {
    let c = Config::default();
    assert!(c.alternatives.is_empty());
    for a in [mild(30), mild(12), mild(70)] {
        assert!(ids(&c, &a).is_empty());
    }
}

// ---- configuration: reading and validation -------------------------------------------

fn problems(alternatives: Value) -> Vec<(String, String)> {
    let json = json!({ "alternatives": alternatives }).to_string();
    match parse_config(&json) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.into_iter().map(|p| (p.path, p.reason)).collect(),
    }
}

fn good() -> Value {
    json!({
        "id": "circle",
        "name": { "en": "Circle", "zh": "圈" },
        "offers": { "en": "Peer support", "zh": "朋輩支援" },
        "form": "peer_group",
        "delivery": ["face_to_face"],
        "suits": ["few_symptoms"],
        "tel": "tel:+85212345678"
    })
}

fn with(field: &str, value: Value) -> Value {
    let mut v = good();
    v[field] = value;
    v
}

fn paths(alternatives: Value) -> Vec<String> {
    problems(alternatives).into_iter().map(|(p, _)| p).collect()
}

#[test]
fn a_good_entry_is_read_whole() {
    assert_eq!(problems(json!([good()])), []);
    let c = parse_config(&json!({ "alternatives": [good()] }).to_string()).unwrap();
    let a = &c.alternatives[0];
    assert_eq!(a.id, "circle");
    assert_eq!(a.form, Form::PeerGroup);
    assert_eq!(a.suits, [Situation::FewSymptoms]);
    assert_eq!(a.phone_shown(), "+85212345678");
    assert_eq!(a.age, None);
    let partner = partner();
    assert_eq!(partner.alternatives.len(), 8);
    assert_eq!(partner.alternatives[0].age, Some((18, 65)));
}

#[test]
fn a_bad_tel_link_is_reported() {
    for bad in ["tel:", "tel:abc", "+85212345678", "sms:123", "tel:12 34"] {
        assert_eq!(
            paths(json!([with("tel", json!(bad))])),
            ["alternatives[0].tel"],
            "{bad}"
        );
    }
}

#[test]
fn a_bad_https_link_is_reported() {
    for bad in [
        "http://example.org",
        "javascript:alert(1)",
        "https://",
        "https://a b",
    ] {
        assert_eq!(
            paths(json!([with("url", json!(bad))])),
            ["alternatives[0].url"],
            "{bad}"
        );
    }
}

#[test]
fn a_missing_translation_is_reported() {
    assert_eq!(
        paths(json!([with("name", json!({ "en": "Circle" }))])),
        ["alternatives[0].name.zh"]
    );
    assert_eq!(
        paths(json!([with(
            "hours",
            json!({ "en": "Mondays", "zh": " " })
        )])),
        ["alternatives[0].hours.zh"]
    );
    // Not needed when the partner offers English only.
    let json = json!({
        "languages": ["en"],
        "service": { "name": { "en": "S" }, "description": { "en": "D" } },
        "crisis_resources": [{ "id": "e", "name": { "en": "Emergency" }, "number": "999",
            "href": "tel:999", "hours": { "en": "24 hours" }, "emergency": true }],
        "centres": [{ "id": "c", "name": { "en": "C" }, "area": { "en": "A" } }],
        "alternatives": [with("name", json!({ "en": "Circle" }))],
    });
    let json = json.to_string();
    let result = parse_config(&json);
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn an_unknown_outcome_name_is_reported() {
    let got = problems(json!([with("suits", json!(["few_symptoms", "eligible"]))]));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "alternatives[0].suits[1]");
    assert!(got[0].1.contains("eligible_waiting"), "{}", got[0].1);
    assert_eq!(
        paths(json!([with("form", json!("therapy"))])),
        ["alternatives[0].form"]
    );
    assert_eq!(
        paths(json!([with("delivery", json!(["post"]))])),
        ["alternatives[0].delivery[0]"]
    );
}

#[test]
fn an_inverted_age_range_is_reported() {
    let got = problems(json!([with("age", json!({ "min": 65, "max": 18 }))]));
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "alternatives[0].age");
    assert!(got[0].1.contains("inverted"));
    assert_eq!(
        paths(json!([with("age", json!({ "min": -1 }))])),
        ["alternatives[0].age.min"]
    );
    assert_eq!(
        paths(json!([with("age", json!({ "max": 17, "years": 2 }))])),
        ["alternatives[0].age.years"]
    );
    // One bound alone: the other is open.
    assert_eq!(problems(json!([with("age", json!({ "max": 17 }))])), []);
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut two = good();
    two["id"] = json!("Bad Id");
    two["tel"] = json!("tel:x");
    two["suits"] = json!([]);
    two["colour"] = json!("red");
    let mut missing = good();
    missing.as_object_mut().unwrap().remove("form");
    missing.as_object_mut().unwrap().remove("tel");
    let got = paths(json!([good(), good(), two, missing, "x"]));
    assert_eq!(
        got,
        [
            "alternatives[2].colour",
            "alternatives[3].form",
            "alternatives[4]",
        ]
    );
    // Once the entries read, validation reports the rest (duplicate ids included).
    let mut dup = good();
    dup["suits"] = json!([]);
    dup["tel"] = json!("tel:x");
    dup["url"] = json!("http://x.org");
    let got = paths(json!([good(), dup, with("tel", json!(""))]));
    assert_eq!(
        got,
        [
            "alternatives[1].id",
            "alternatives[1].suits",
            "alternatives[1].tel",
            "alternatives[1].url",
            "alternatives[2].id",
            "alternatives[2]",
        ]
    );
}

#[test]
fn a_phone_without_its_link_and_wrong_types_are_reported() {
    let mut v = with("tel", json!(""));
    v["phone"] = json!("1234 5678");
    v["url"] = json!("https://example.org/");
    assert_eq!(paths(json!([v])), ["alternatives[0].phone"]);
    assert_eq!(
        paths(json!([with("name", json!("Circle"))])),
        ["alternatives[0].name"]
    );
    assert_eq!(
        paths(json!([with("delivery", json!("online"))])),
        ["alternatives[0].delivery"]
    );
    assert_eq!(paths(json!({})), ["alternatives"]);
}

#[test]
fn the_deployment_guides_example_is_valid() {
    let guide = include_str!("../../../docs/deploying.md");
    let section = &guide[guide
        .find("### Alternatives: services you list")
        .expect("the guide documents alternatives")..];
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let end = start + section[start..].find("```").unwrap();
    let config = parse_config(&section[start..end]).expect("the guide's example is valid");
    assert_eq!(config.alternatives.len(), 4);
    let o = outcome(&config, &mild(15));
    assert_eq!(
        shown_ids(&config, &o, Some(15)),
        ["youth_space"],
        "a 15-year-old sees the youth service"
    );
}
