//! Eligibility scenarios: precedence, every reason, incompleteness, contact
//! preferences, problems, configuration, and the serialised shape the UI and
//! CLI rely on.

use screener_core::{
    default_questionnaire, evaluate, headline_of, provisionally_eligible, AnswerProblem,
    AnswerValue, Answers, Band, Config, Headline, Instrument, Outcome, ProblemKind, Reason,
    RiskKind, ScoreResult, ValueKind,
};
use serde_json::json;

use crate::common;
use common::eligible;

fn run(answers: &Answers) -> Outcome {
    evaluate(&default_questionnaire(), answers, &Config::default())
}

fn set_phq9(a: &mut Answers, value: &str) {
    for i in 1..=8 {
        a.set(format!("phq9_{i}"), value);
    }
}

#[test]
fn a_complete_eligible_person() {
    let o = run(&eligible());
    assert_eq!(o.headline, Headline::Eligible);
    assert_eq!(o.reasons, [Reason::SymptomsInMildToModerateRange]);
    assert!(o.risk.is_empty());
    assert!(o.problems.is_empty());
    let result = |i| o.score(i).unwrap().result;
    assert_eq!(
        result(Instrument::Phq9),
        ScoreResult::Complete {
            total: 8,
            max: 27,
            band: Band::Mild
        }
    );
    assert_eq!(
        result(Instrument::Gad7),
        ScoreResult::Complete {
            total: 7,
            max: 21,
            band: Band::Mild
        }
    );
    assert_eq!(
        result(Instrument::Wsas),
        ScoreResult::Complete {
            total: 10,
            max: 40,
            band: Band::WsasSignificant
        }
    );
}

#[test]
fn nobody_is_eligible_before_answering() {
    let o = run(&Answers::new());
    assert_eq!(o.headline, Headline::Incomplete);
    let Reason::MissingAnswers { items } = &o.reasons[0] else {
        panic!("{:?}", o.reasons)
    };
    assert_eq!(items.first().map(String::as_str), Some("age"));
    assert!(items.contains(&"risk_danger_now".to_owned()));
    assert!(!items.contains(&"phq9_difficulty".to_owned()), "optional");
    assert!(!items.contains(&"risk_plans".to_owned()), "hidden");
    assert!(
        !items.iter().any(|i| i.starts_with("contact_")),
        "hidden until eligible"
    );
    for s in &o.scores {
        assert!(matches!(
            s.result,
            ScoreResult::Incomplete { answered: 0, .. }
        ));
    }
}

#[test]
fn eligible_but_no_contact_preferences_yet_is_incomplete() {
    let mut a = eligible();
    for id in [
        "contact_mode",
        "contact_centre",
        "contact_language",
        "contact_times",
    ] {
        a.remove(id);
    }
    let q = default_questionnaire();
    let config = Config::default();
    assert!(provisionally_eligible(&q, &a, &config));
    let o = evaluate(&q, &a, &config);
    assert_eq!(o.headline, Headline::Incomplete);
    assert_eq!(
        o.reasons,
        [
            Reason::MissingAnswers {
                items: vec![
                    "contact_mode".into(),
                    "contact_centre".into(),
                    "contact_language".into(),
                    "contact_times".into()
                ]
            },
            Reason::SymptomsInMildToModerateRange
        ]
    );
    // An empty multiple choice is not an answer.
    a = eligible().with("contact_times", Vec::<String>::new());
    assert_eq!(run(&a).headline, Headline::Incomplete);
}

#[test]
fn contact_answers_of_an_ineligible_person_are_not_required_nor_problems() {
    let mut a = eligible().with("psychiatric_team", "yes");
    a.remove("contact_mode");
    let o = run(&a);
    assert_eq!(o.headline, Headline::ComplexNeeds);
    assert_eq!(
        o.reasons,
        [
            Reason::UnderPsychiatricTeam,
            Reason::SymptomsInMildToModerateRange
        ]
    );
    assert!(o.problems.is_empty());
}

#[test]
fn every_reason_is_listed_and_the_highest_wins() {
    let mut a = eligible()
        .with("age", 70)
        .with("complex_diagnosis", "yes")
        .with("other_therapy", "yes")
        .with("phq9_9", "nearly_every_day")
        .with("risk_self_harm", "yes");
    set_phq9(&mut a, "nearly_every_day");
    for i in 1..=7 {
        a.set(format!("gad7_{i}"), "nearly_every_day");
    }
    a.remove("risk_danger_now");
    let o = run(&a);
    assert_eq!(o.headline, Headline::UrgentSupport);
    assert_eq!(
        o.reasons,
        [
            Reason::Risk {
                kind: RiskKind::Item9
            },
            Reason::Risk {
                kind: RiskKind::SelfHarm
            },
            Reason::AgeAboveMaximum { age: 70, max: 65 },
            Reason::ComplexCondition,
            Reason::OtherTherapy,
            Reason::Phq9AtOrAbove {
                score: 27,
                threshold: 20
            },
            Reason::Gad7AtOrAbove {
                score: 21,
                threshold: 15
            },
            Reason::MissingAnswers {
                items: vec!["risk_danger_now".into()]
            },
        ]
    );
    // Peel the reasons off one level at a time.
    let a = a.with("phq9_9", "not_at_all").with("risk_self_harm", "no");
    assert_eq!(run(&a).headline, Headline::OutsideAgeRange);
    let a = a.with("age", 40);
    assert_eq!(run(&a).headline, Headline::ComplexNeeds);
    let a = a
        .with("complex_diagnosis", "no")
        .with("other_therapy", "no");
    assert_eq!(run(&a).headline, Headline::HigherIntensity);
    let mut a = a.with("risk_danger_now", "no");
    set_phq9(&mut a, "several_days");
    for i in 1..=7 {
        a.set(format!("gad7_{i}"), "several_days");
    }
    assert_eq!(run(&a).headline, Headline::Eligible);
}

#[test]
fn exclusions_do_not_wait_for_the_rest_of_the_questionnaire() {
    assert_eq!(
        run(&Answers::new().with("age", 16)).headline,
        Headline::OutsideAgeRange
    );
    assert_eq!(
        run(&Answers::new().with("complex_diagnosis", "yes")).headline,
        Headline::ComplexNeeds
    );
    assert_eq!(
        run(&Answers::new().with("risk_danger_now", "yes")).headline,
        Headline::UrgentSupport
    );
    // But symptom totals need every item.
    let mut a = Answers::new();
    for i in 1..=7 {
        a.set(format!("phq9_{i}"), "nearly_every_day");
    }
    assert_eq!(run(&a).headline, Headline::Incomplete);
}

#[test]
fn risk_is_independent_of_visibility() {
    // Plans answered "yes", then thoughts changed to "no": plans is hidden,
    // but what the person told us stands.
    let a = eligible().with("risk_plans", "yes");
    let q = default_questionnaire();
    assert!(!q
        .visible_items(&a, &Config::default())
        .iter()
        .any(|i| i.id == "risk_plans"));
    let o = run(&a);
    assert_eq!(o.headline, Headline::UrgentSupport);
    assert_eq!(o.risk.len(), 1);
    assert_eq!(
        (o.risk[0].kind, o.risk[0].item.as_str()),
        (RiskKind::Plans, "risk_plans")
    );
    // Item 9 raises its flag even when PHQ-9 is not asked at all.
    let mut config = Config::default();
    config.instruments.phq9 = false;
    let o = evaluate(&q, &eligible().with("phq9_9", "several_days"), &config);
    assert_eq!(o.headline, Headline::UrgentSupport);
    assert!(o.score(Instrument::Phq9).is_none());
}

#[test]
fn prefer_not_to_say_is_urgent_on_every_direct_question() {
    for id in [
        "risk_thoughts",
        "risk_plans",
        "risk_self_harm",
        "risk_harm_others",
        "risk_danger_now",
    ] {
        let o = run(&eligible().with(id, "prefer_not_to_say"));
        assert_eq!(o.headline, Headline::UrgentSupport, "{id}");
        assert_eq!(
            o.reasons[0],
            Reason::Risk {
                kind: RiskKind::PreferNotToSay
            }
        );
    }
}

#[test]
fn immediate_danger_is_easy_to_spot() {
    assert!(run(&eligible().with("risk_danger_now", "yes")).immediate_danger());
    assert!(!run(&eligible().with("risk_thoughts", "yes")).immediate_danger());
}

#[test]
fn a_wrong_shape_that_names_a_risky_option_still_flags() {
    let o = run(&eligible().with("risk_harm_others", vec!["yes".to_owned()]));
    assert_eq!(o.headline, Headline::UrgentSupport);
    assert_eq!(
        o.problems,
        [AnswerProblem {
            item: "risk_harm_others".into(),
            problem: ProblemKind::WrongType {
                expected: ValueKind::Choice,
                found: ValueKind::Choices
            }
        }]
    );
}

#[test]
fn bad_answers_are_reported_and_treated_as_unanswered() {
    let a = eligible()
        .with("phq9_1", "sometimes")
        .with("age", 200)
        .with("gad7_1", 2)
        .with(
            "contact_times",
            vec!["weekends".to_owned(), "weekends".to_owned()],
        )
        .with("favourite_colour", "teal");
    let o = run(&a);
    assert_eq!(o.headline, Headline::Incomplete);
    let problems: Vec<(&str, &ProblemKind)> = o
        .problems
        .iter()
        .map(|p| (p.item.as_str(), &p.problem))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "age",
                &ProblemKind::OutOfRange {
                    value: 200,
                    min: 0,
                    max: 120
                }
            ),
            (
                "contact_times",
                &ProblemKind::DuplicateOption {
                    value: "weekends".into()
                }
            ),
            ("favourite_colour", &ProblemKind::UnknownItem),
            (
                "gad7_1",
                &ProblemKind::WrongType {
                    expected: ValueKind::Choice,
                    found: ValueKind::Number
                }
            ),
            (
                "phq9_1",
                &ProblemKind::UnknownOption {
                    value: "sometimes".into()
                }
            ),
        ]
    );
    assert_eq!(
        o.score(Instrument::Phq9).unwrap().result,
        ScoreResult::Incomplete { answered: 8, of: 9 }
    );
    assert_eq!(
        o.score(Instrument::Gad7).unwrap().result,
        ScoreResult::Incomplete { answered: 6, of: 7 }
    );
    let Some(Reason::MissingAnswers { items }) = o
        .reasons
        .iter()
        .find(|r| matches!(r, Reason::MissingAnswers { .. }))
    else {
        panic!("{:?}", o.reasons)
    };
    assert_eq!(items, &["age", "phq9_1", "gad7_1"]);
}

#[test]
fn a_child_gets_a_clear_answer_not_an_input_error() {
    let o = run(&eligible().with("age", 9));
    assert_eq!(o.headline, Headline::OutsideAgeRange);
    assert!(o
        .reasons
        .contains(&Reason::AgeBelowMinimum { age: 9, min: 18 }));
    assert!(o.problems.is_empty());
}

#[test]
fn wsas_work_not_applicable_totals_the_other_four() {
    let o = run(&eligible().with("wsas_1", "not_applicable"));
    assert_eq!(
        o.score(Instrument::Wsas).unwrap().result,
        ScoreResult::Complete {
            total: 8,
            max: 32,
            band: Band::WsasSubclinical
        }
    );
    assert_eq!(o.headline, Headline::Eligible);
}

#[test]
fn wsas_never_decides_eligibility() {
    let mut a = eligible();
    for i in 1..=5 {
        a.set(format!("wsas_{i}"), "8");
    }
    assert_eq!(run(&a).headline, Headline::Eligible);
    // Disabled WSAS: not asked, not scored, not required.
    let mut config = Config::default();
    config.instruments.wsas = false;
    let mut a = eligible();
    for i in 1..=5 {
        a.remove(&format!("wsas_{i}"));
    }
    let o = evaluate(&default_questionnaire(), &a, &config);
    assert_eq!(o.headline, Headline::Eligible);
    assert!(o.score(Instrument::Wsas).is_none());
}

#[test]
fn few_symptoms_is_eligible_but_said() {
    let mut a = eligible();
    set_phq9(&mut a, "not_at_all");
    for i in 1..=7 {
        a.set(format!("gad7_{i}"), "not_at_all");
    }
    let o = run(&a);
    assert_eq!(o.headline, Headline::Eligible);
    assert_eq!(o.reasons, [Reason::FewSymptoms]);
}

#[test]
fn only_the_enabled_scale_counts_for_symptoms() {
    let mut config = Config::default();
    config.instruments.gad7 = false;
    let mut a = eligible();
    set_phq9(&mut a, "not_at_all");
    for i in 1..=7 {
        a.set(format!("gad7_{i}"), "nearly_every_day"); // answered but not asked
    }
    let o = evaluate(&default_questionnaire(), &a, &config);
    assert_eq!(o.headline, Headline::Eligible);
    assert_eq!(o.reasons, [Reason::FewSymptoms]);
    assert_eq!(o.scores.len(), 2);
}

#[test]
fn headline_order_is_the_precedence() {
    let mut sorted = Headline::PRECEDENCE;
    sorted.sort();
    assert_eq!(sorted, Headline::PRECEDENCE);
    assert_eq!(headline_of(&[]), Headline::Eligible);
    assert_eq!(
        headline_of(&[
            Reason::FewSymptoms,
            Reason::MissingAnswers { items: vec![] },
            Reason::OtherTherapy
        ]),
        Headline::ComplexNeeds
    );
}

#[test]
fn outcome_json_shape() {
    let mut a = eligible().with("phq9_9", "several_days").with("x", "y");
    a.remove("age");
    let o = run(&a);
    let value = serde_json::to_value(&o).unwrap();
    assert_eq!(value["headline"], "urgent_support");
    assert_eq!(
        value["reasons"][0],
        json!({"reason": "risk", "kind": "item9"})
    );
    assert_eq!(
        value["reasons"][1],
        json!({"reason": "missing_answers", "items": ["age"]})
    );
    assert_eq!(
        value["scores"][0],
        json!({"instrument": "phq9", "result": {"status": "complete", "total": 9, "max": 27, "band": "mild"}})
    );
    assert_eq!(value["risk"], json!([{"kind": "item9", "item": "phq9_9"}]));
    assert_eq!(
        value["problems"],
        json!([{"item": "x", "problem": {"kind": "unknown_item"}}])
    );
    let back: Outcome = serde_json::from_value(value).unwrap();
    assert_eq!(back, o);

    let reasons = [
        (
            Reason::AgeBelowMinimum { age: 17, min: 18 },
            json!({"reason": "age_below_minimum", "age": 17, "min": 18}),
        ),
        (
            Reason::Phq9AtOrAbove {
                score: 20,
                threshold: 20,
            },
            json!({"reason": "phq9_at_or_above", "score": 20, "threshold": 20}),
        ),
        (Reason::FewSymptoms, json!({"reason": "few_symptoms"})),
        (
            Reason::SymptomsInMildToModerateRange,
            json!({"reason": "symptoms_in_mild_to_moderate_range"}),
        ),
        (
            Reason::Risk {
                kind: RiskKind::PreferNotToSay,
            },
            json!({"reason": "risk", "kind": "prefer_not_to_say"}),
        ),
    ];
    for (reason, expected) in reasons {
        assert_eq!(serde_json::to_value(&reason).unwrap(), expected);
    }
    assert_eq!(
        serde_json::to_value(AnswerValue::Number(3)).unwrap(),
        json!(3)
    );
}
