//! Property tests over arbitrary answers and configurations.
//!
//! Answers are drawn from a mix of valid answers, garbage of every shape
//! (unknown option values, wrong types, out-of-range numbers, duplicate
//! choices) and unknown item ids, both on their own and layered over a
//! complete eligible set so that every headline is reached.

use crate::common;

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use screener_core::{
    default_questionnaire, evaluate, risk_flags, AgeRange, AnswerValue, Answers, Config, Headline,
    InstrumentSet, Item, ItemKind, ProblemKind, Questionnaire, Reason, RiskKind, ScoreResult,
    Thresholds,
};

/// Every answer that signals risk, with its kind, in option order. Written
/// out from the rules, not read from the questionnaire data.
const RISK_ANSWERS: &[(&str, &str, RiskKind)] = &[
    ("phq9_9", "several_days", RiskKind::Item9),
    ("phq9_9", "more_than_half_the_days", RiskKind::Item9),
    ("phq9_9", "nearly_every_day", RiskKind::Item9),
    ("risk_thoughts", "yes", RiskKind::Thoughts),
    (
        "risk_thoughts",
        "prefer_not_to_say",
        RiskKind::PreferNotToSay,
    ),
    ("risk_plans", "yes", RiskKind::Plans),
    ("risk_plans", "prefer_not_to_say", RiskKind::PreferNotToSay),
    ("risk_self_harm", "yes", RiskKind::SelfHarm),
    (
        "risk_self_harm",
        "prefer_not_to_say",
        RiskKind::PreferNotToSay,
    ),
    ("risk_harm_others", "yes", RiskKind::HarmToOthers),
    (
        "risk_harm_others",
        "prefer_not_to_say",
        RiskKind::PreferNotToSay,
    ),
    ("risk_danger_now", "yes", RiskKind::ImmediateDanger),
    (
        "risk_danger_now",
        "prefer_not_to_say",
        RiskKind::PreferNotToSay,
    ),
];

fn questionnaire() -> Questionnaire {
    default_questionnaire()
}

/// Values of the wrong shape, unknown options and absurd numbers.
fn garbage() -> BoxedStrategy<AnswerValue> {
    let known_values: Vec<String> = questionnaire()
        .items()
        .flat_map(|i| i.kind.options().iter().map(|o| o.value.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    prop_oneof![
        any::<i64>().prop_map(AnswerValue::Number),
        (-5i64..200).prop_map(AnswerValue::Number),
        "[a-z_ 0-9]{0,12}".prop_map(AnswerValue::Choice),
        select(known_values.clone()).prop_map(AnswerValue::Choice),
        prop::collection::vec(select(known_values), 0..4).prop_map(AnswerValue::Choices),
        prop::collection::vec("[a-z_]{0,8}", 0..4).prop_map(AnswerValue::Choices),
    ]
    .boxed()
}

/// A valid answer for `item`.
fn valid_for(item: &Item) -> BoxedStrategy<AnswerValue> {
    let values: Vec<String> = item
        .kind
        .options()
        .iter()
        .map(|o| o.value.clone())
        .collect();
    match &item.kind {
        ItemKind::Choice { .. } => select(values).prop_map(AnswerValue::Choice).boxed(),
        ItemKind::MultiChoice { .. } => {
            let n = values.len();
            subsequence(values, 0..=n)
                .prop_map(AnswerValue::Choices)
                .boxed()
        }
        ItemKind::WholeNumber { min, max } => (*min..=*max).prop_map(AnswerValue::Number).boxed(),
    }
}

/// An answer to a known item: mostly valid, sometimes garbage.
fn known_answer() -> BoxedStrategy<(String, AnswerValue)> {
    let items: Vec<Item> = questionnaire().items().cloned().collect();
    select(items)
        .prop_flat_map(|item| {
            let id = item.id.clone();
            (Just(id), prop_oneof![3 => valid_for(&item), 1 => garbage()])
        })
        .boxed()
}

/// An answer under an id no item has.
fn unknown_answer() -> BoxedStrategy<(String, AnswerValue)> {
    let known: BTreeSet<String> = questionnaire().items().map(|i| i.id.clone()).collect();
    ("[a-z0-9_]{1,14}", garbage())
        .prop_filter("unknown id", move |(id, _)| !known.contains(id))
        .boxed()
}

fn pairs() -> BoxedStrategy<Vec<(String, AnswerValue)>> {
    prop::collection::vec(
        prop_oneof![5 => known_answer(), 1 => unknown_answer()],
        0..40,
    )
    .boxed()
}

/// A complete, eligible set of answers.
fn eligible_base() -> Answers {
    common::complete(40, ["several_days"; 8], ["several_days"; 7], ["4"; 5])
}

/// Arbitrary answers: sparse and random, or a complete eligible set with a
/// few random changes.
fn answers() -> BoxedStrategy<Answers> {
    prop_oneof![
        pairs().prop_map(Answers::from_iter),
        prop::collection::vec(
            prop_oneof![5 => known_answer(), 1 => unknown_answer()],
            0..6
        )
        .prop_map(|changes| {
            let mut a = eligible_base();
            for (id, value) in changes {
                a.set(id, value);
            }
            a
        }),
        Just(eligible_base()),
    ]
    .boxed()
}

/// Valid configurations varying everything the rules read.
fn config() -> BoxedStrategy<Config> {
    (
        0u8..=120,
        0u8..=120,
        1u8..=27,
        1u8..=21,
        (any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_filter("phq9 or gad7", |(.., (p, g, _))| *p || *g)
        .prop_map(|(a, b, phq9, gad7, (p, g, w))| Config {
            age: AgeRange {
                min: a.min(b),
                max: a.max(b),
            },
            thresholds: Thresholds {
                phq9_higher_intensity: phq9,
                gad7_higher_intensity: gad7,
            },
            instruments: InstrumentSet {
                phq9: p,
                gad7: g,
                wsas: w,
            },
            ..Config::default()
        })
        .boxed()
}

fn config_or_default() -> BoxedStrategy<Config> {
    prop_oneof![Just(Config::default()), config()].boxed()
}

/// The precedence of the issue, restated: the rank of the headline each
/// reason argues for (0 highest).
fn rank(reason: &Reason) -> usize {
    match reason {
        Reason::Risk { .. } => 0,
        Reason::AgeBelowMinimum { .. } | Reason::AgeAboveMaximum { .. } => 1,
        Reason::ComplexCondition | Reason::UnderPsychiatricTeam | Reason::OtherTherapy => 2,
        Reason::Phq9AtOrAbove { .. } | Reason::Gad7AtOrAbove { .. } => 3,
        Reason::MissingAnswers { .. } => 4,
        Reason::SymptomsInMildToModerateRange | Reason::FewSymptoms => 5,
    }
}

const BY_RANK: [Headline; 6] = [
    Headline::UrgentSupport,
    Headline::OutsideAgeRange,
    Headline::ComplexNeeds,
    Headline::HigherIntensity,
    Headline::Incomplete,
    Headline::Eligible,
];

/// Whether `value` is usable for `item`, restated from the model's rules.
fn is_valid(item: &Item, value: &AnswerValue) -> bool {
    let known = |v: &String| item.kind.options().iter().any(|o| &o.value == v);
    match (&item.kind, value) {
        (ItemKind::Choice { .. }, AnswerValue::Choice(v)) => known(v),
        (ItemKind::MultiChoice { .. }, AnswerValue::Choices(vs)) => {
            vs.iter().all(known) && vs.iter().collect::<BTreeSet<_>>().len() == vs.len()
        }
        (ItemKind::WholeNumber { min, max }, AnswerValue::Number(n)) => min <= n && n <= max,
        _ => false,
    }
}

/// The flags an answer set must raise, restated from [`RISK_ANSWERS`].
fn expected_flags(answers: &Answers) -> BTreeSet<(String, RiskKind)> {
    let mut flags = BTreeSet::new();
    for (id, value) in answers.iter() {
        let named: Vec<&str> = match value {
            AnswerValue::Choice(v) => vec![v.as_str()],
            AnswerValue::Choices(vs) => vs.iter().map(String::as_str).collect(),
            AnswerValue::Number(_) => vec![],
        };
        if let Some((_, _, kind)) = RISK_ANSWERS
            .iter()
            .find(|(item, risky, _)| *item == id && named.contains(risky))
        {
            flags.insert((id.to_owned(), *kind));
        }
    }
    flags
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any risk answer gives UrgentSupport, whatever else is answered, in
    /// any configuration, whether or not its item is currently shown.
    #[test]
    fn any_risk_answer_gives_urgent_support(
        answers in answers(),
        config in config_or_default(),
        risk in select(RISK_ANSWERS),
    ) {
        let (item, value, kind) = risk;
        let q = questionnaire();
        let answers = answers.with(item, value);
        let outcome = evaluate(&q, &answers, &config);
        prop_assert_eq!(outcome.headline, Headline::UrgentSupport);
        let reason = Reason::Risk { kind };
        prop_assert!(outcome.reasons.contains(&reason), "{:?}", outcome.reasons);
        prop_assert!(outcome.risk.iter().any(|f| f.item == item && f.kind == kind));
    }

    /// Flags are exactly those the risk table predicts, answer by answer.
    #[test]
    fn flags_are_raised_by_single_answers(answers in answers()) {
        let q = questionnaire();
        let got: BTreeSet<(String, RiskKind)> =
            risk_flags(&q, &answers).into_iter().map(|f| (f.item, f.kind)).collect();
        prop_assert_eq!(got, expected_flags(&answers));
    }

    /// Answering something else never lowers a flag; changing an answer
    /// lowers at most that answer's flag.
    #[test]
    fn only_changing_that_answer_lowers_a_flag(
        answers in answers(),
        change in prop_oneof![known_answer(), unknown_answer()],
    ) {
        let q = questionnaire();
        let before: BTreeSet<(String, RiskKind)> =
            risk_flags(&q, &answers).into_iter().map(|f| (f.item, f.kind)).collect();
        let (id, value) = change;
        let after: BTreeSet<(String, RiskKind)> =
            risk_flags(&q, &answers.clone().with(id.clone(), value)).into_iter().map(|f| (f.item, f.kind)).collect();
        for flag in before.difference(&after) {
            prop_assert_eq!(&flag.0, &id, "flag {:?} fell when {} was answered", flag, id);
        }
    }

    /// The headline is the highest-precedence headline among the reasons,
    /// and the reasons are consistent with the scores, flags and answers.
    #[test]
    fn headline_never_contradicts_precedence(answers in answers(), config in config_or_default()) {
        let q = questionnaire();
        let outcome = evaluate(&q, &answers, &config);
        let expected = outcome.reasons.iter().map(rank).min().map_or(Headline::Eligible, |r| BY_RANK[r]);
        prop_assert_eq!(outcome.headline, expected, "reasons {:?}", outcome.reasons);

        // Risk reasons if and only if flags.
        prop_assert_eq!(
            outcome.reasons.iter().any(|r| matches!(r, Reason::Risk { .. })),
            !outcome.risk.is_empty()
        );
        // A complete PHQ-9 at/above threshold is always a reason, and only then.
        if let Some(phq9) = outcome.score(screener_core::Instrument::Phq9) {
            let high = phq9.total().is_some_and(|t| t >= config.thresholds.phq9_higher_intensity);
            prop_assert_eq!(high, outcome.reasons.iter().any(|r| matches!(r, Reason::Phq9AtOrAbove { .. })));
        }
        // Never "eligible" with a required, shown question unanswered, and
        // never with scores that are not all complete.
        if outcome.headline == Headline::Eligible {
            for item in q.visible_items(&answers, &config) {
                if item.required {
                    let answer = answers.get(&item.id);
                    prop_assert!(answer.is_some_and(|v| is_valid(item, v)), "{} unanswered", item.id);
                }
            }
            for s in &outcome.scores {
                prop_assert!(matches!(s.result, ScoreResult::Complete { .. }), "{:?}", s);
            }
            prop_assert!(outcome.problems.iter().all(|p| p.item != "age"));
        }
    }

    /// Evaluation never panics on arbitrary answers, and every unusable
    /// answer — and only those — is reported.
    #[test]
    fn bad_answers_are_reported_never_panicked_on(answers in answers(), config in config_or_default()) {
        let q = questionnaire();
        let outcome = evaluate(&q, &answers, &config);
        let mut expected = BTreeSet::new();
        for (id, value) in answers.iter() {
            match q.item(id) {
                None => {
                    expected.insert(id.to_owned());
                    let problem = outcome.problems.iter().find(|p| p.item == id);
                    prop_assert_eq!(problem.map(|p| &p.problem), Some(&ProblemKind::UnknownItem));
                }
                Some(item) if !is_valid(item, value) => {
                    expected.insert(id.to_owned());
                }
                Some(_) => {}
            }
        }
        let reported: BTreeSet<String> = outcome.problems.iter().map(|p| p.item.clone()).collect();
        prop_assert_eq!(reported, expected);
        prop_assert_eq!(outcome.problems.len(), outcome.problems.iter().map(|p| &p.item).collect::<BTreeSet<_>>().len());
        for s in &outcome.scores {
            if let ScoreResult::Complete { total, max, .. } = s.result {
                prop_assert!(total <= max && max <= s.instrument.max_score());
            }
        }
    }

    /// Any JSON at all can be read as answers without panicking; each key is
    /// either an answer or a reported problem.
    #[test]
    fn any_json_is_read_leniently(json in arbitrary_json()) {
        let q = questionnaire();
        let (answers, unreadable) = Answers::from_json_lenient(&json);
        let outcome = evaluate(&q, &answers, &Config::default());
        if let serde_json::Value::Object(map) = &json {
            prop_assert_eq!(answers.len() + unreadable.len(), map.len());
            for p in &unreadable {
                prop_assert!(answers.get(&p.item).is_none());
            }
        } else {
            prop_assert!(answers.is_empty());
            prop_assert_eq!(unreadable.len(), 1);
        }
        prop_assert!(outcome.headline <= Headline::Eligible);
    }

    /// The order answers were given in does not matter.
    #[test]
    fn answer_order_does_not_matter(pairs in pairs()) {
        let q = questionnaire();
        let config = Config::default();
        // Keep the last answer per id, as repeated answering does.
        let mut unique: Vec<(String, AnswerValue)> = Vec::new();
        for (id, value) in pairs {
            unique.retain(|(k, _)| k != &id);
            unique.push((id, value));
        }
        let forward: Answers = unique.iter().cloned().collect();
        let backward: Answers = unique.iter().rev().cloned().collect();
        prop_assert_eq!(evaluate(&q, &forward, &config), evaluate(&q, &backward, &config));
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z_0-9]{0,10}".prop_map(Value::String),
    ];
    let nested = leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_0-9]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        3 => prop::collection::btree_map(
            prop_oneof!["[a-z_0-9]{1,10}", select(vec!["age".to_owned(), "phq9_9".to_owned(), "contact_times".to_owned()])],
            nested.clone(),
            0..12,
        )
        .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        1 => nested,
    ]
}

/// The generators are only useful if they reach every headline; this keeps
/// them honest if the questionnaire changes.
#[test]
fn generators_reach_every_headline() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let q = questionnaire();
    let mut runner = TestRunner::deterministic();
    let strategy = (answers(), config_or_default());
    let mut seen = BTreeSet::new();
    for _ in 0..2000 {
        let (answers, config) = strategy.new_tree(&mut runner).expect("value").current();
        seen.insert(evaluate(&q, &answers, &config).headline);
    }
    assert_eq!(seen, BY_RANK.into_iter().collect::<BTreeSet<_>>());
}

proptest! {
    /// `AnswerProblem::sort` (a hand-written insertion sort, to keep the standard stable
    /// sort out of the WebAssembly) orders exactly as the standard stable sort does,
    /// including the order of problems with equal ids.
    #[test]
    fn answer_problems_sort_like_the_standard_stable_sort(
        entries in proptest::collection::vec((select(&["a", "b", "phq9_1", "age", ""][..]), any::<bool>()), 0..12),
    ) {
        use screener_core::AnswerProblem;
        let mut problems: Vec<AnswerProblem> = entries
            .iter()
            .map(|(item, unknown)| AnswerProblem {
                item: (*item).to_owned(),
                problem: if *unknown {
                    ProblemKind::UnknownItem
                } else {
                    ProblemKind::UnknownOption { value: String::new() }
                },
            })
            .collect();
        let mut expected = problems.clone();
        expected.sort_by(|a, b| a.item.cmp(&b.item));
        AnswerProblem::sort(&mut problems);
        prop_assert_eq!(problems, expected);
    }
}
