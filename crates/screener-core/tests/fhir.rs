//! The FHIR R4 handoff (`screener_core::fhir`), natively: the generated Questionnaire
//! carries the model faithfully (link ids, types, options, scores, conditions, LOINC
//! codes, translations), and every QuestionnaireResponse is structurally valid R4
//! against it, whatever the answers (a property test), including the summary handed off
//! when answers are not shared.
//!
//! The structural check below follows the R4 definitions of QuestionnaireResponse and
//! mirrors `tests/e2e/host/fhir-check.mjs`, which checks the browser's output the same way.

use crate::common;

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{json, Value};

use screener_core::fhir::{
    answer_system, questionnaire_resource, questionnaire_response, questionnaire_url,
    ResponseInput, Variant, LOINC, ORDINAL_VALUE, TRANSLATION,
};
use screener_core::{
    default_questionnaire, evaluate, AnswerValue, Answers, Config, InstrumentSet, Item, ItemKind,
    Lang, Questionnaire,
};

const BASE: &str = "https://screener.partner.example.org/";
const AUTHORED: &str = "2025-03-01T10:15:00.000Z";

fn response(
    q: &Questionnaire,
    config: &Config,
    answers: &Answers,
    lang: Lang,
    variant: Variant,
) -> Value {
    let outcome = evaluate(q, answers, config);
    questionnaire_response(&ResponseInput {
        questionnaire: q,
        config,
        answers,
        outcome: &outcome,
        base: BASE,
        lang,
        authored: Some(AUTHORED),
        variant,
    })
}

/// An eligible, complete set of answers (as the end-to-end scenario).
fn eligible() -> Answers {
    common::complete(
        30,
        ["several_days"; 8],
        ["several_days"; 7],
        ["3", "3", "1", "1", "3"],
    )
    .with("gad7_7", "not_at_all")
    .with("contact_language", "cantonese")
    .with(
        "contact_times",
        AnswerValue::Choices(vec!["weekends".into(), "weekday_evenings".into()]),
    )
}

/// Every structural problem of `qr` against `questionnaire` (empty: valid).
fn check(qr: &Value, questionnaire: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let qr_elements = [
        "resourceType",
        "id",
        "meta",
        "implicitRules",
        "language",
        "text",
        "contained",
        "extension",
        "modifierExtension",
        "identifier",
        "basedOn",
        "partOf",
        "questionnaire",
        "status",
        "subject",
        "encounter",
        "authored",
        "author",
        "source",
        "item",
    ];
    if questionnaire["resourceType"] != "Questionnaire" {
        problems.push("not a Questionnaire".to_owned());
    }
    let mut link_ids = Vec::new();
    collect_link_ids(&questionnaire["item"], &mut link_ids);
    let mut seen = std::collections::BTreeSet::new();
    for id in &link_ids {
        if !seen.insert(id.clone()) {
            problems.push(format!(
                "duplicate linkId {id} in the Questionnaire (que-2)"
            ));
        }
    }
    if qr["resourceType"] != "QuestionnaireResponse" {
        problems.push(format!("resourceType is {}", qr["resourceType"]));
    }
    for key in qr
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        if !qr_elements.contains(&key.as_str()) {
            problems.push(format!("{key} is not a QuestionnaireResponse element"));
        }
    }
    if ![
        "in-progress",
        "completed",
        "amended",
        "entered-in-error",
        "stopped",
    ]
    .contains(&qr["status"].as_str().unwrap_or_default())
    {
        problems.push(format!("status {}", qr["status"]));
    }
    let reference = format!(
        "{}|{}",
        questionnaire["url"].as_str().unwrap_or_default(),
        questionnaire["version"].as_str().unwrap_or_default()
    );
    if qr["questionnaire"] != reference.as_str() {
        problems.push(format!(
            "questionnaire {} does not reference {reference}",
            qr["questionnaire"]
        ));
    }
    let mut answered = BTreeMap::new();
    collect_answers(&qr["item"], &mut answered);
    walk(
        &qr["item"],
        &questionnaire["item"],
        "item",
        &answered,
        &mut problems,
    );
    problems
}

fn collect_link_ids(items: &Value, out: &mut Vec<String>) {
    for item in items.as_array().into_iter().flatten() {
        out.push(item["linkId"].as_str().unwrap_or_default().to_owned());
        collect_link_ids(&item["item"], out);
    }
}

fn collect_answers(items: &Value, out: &mut BTreeMap<String, Vec<Value>>) {
    for item in items.as_array().into_iter().flatten() {
        if let Some(answers) = item["answer"].as_array() {
            out.insert(
                item["linkId"].as_str().unwrap_or_default().to_owned(),
                answers.clone(),
            );
        }
        collect_answers(&item["item"], out);
    }
}

fn enabled(def: &Value, answered: &BTreeMap<String, Vec<Value>>) -> bool {
    let Some(conditions) = def["enableWhen"].as_array() else {
        return true;
    };
    let holds = |c: &Value| {
        c["operator"] == "="
            && answered
                .get(c["question"].as_str().unwrap_or_default())
                .is_some_and(|answers| {
                    answers.iter().any(|a| {
                        a["valueCoding"]["system"] == c["answerCoding"]["system"]
                            && a["valueCoding"]["code"] == c["answerCoding"]["code"]
                    })
                })
    };
    if def["enableBehavior"] == "all" {
        conditions.iter().all(holds)
    } else {
        conditions.iter().any(holds)
    }
}

fn walk(
    items: &Value,
    defs: &Value,
    path: &str,
    answered: &BTreeMap<String, Vec<Value>>,
    problems: &mut Vec<String>,
) {
    let Some(items) = items.as_array() else {
        problems.push(format!("{path}: item must be an array"));
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let at = format!("{path}[{i}]");
        for key in item.as_object().unwrap().keys() {
            if ![
                "id",
                "extension",
                "modifierExtension",
                "linkId",
                "definition",
                "text",
                "answer",
                "item",
            ]
            .contains(&key.as_str())
            {
                problems.push(format!("{at}: {key} is not an item element"));
            }
        }
        let link_id = item["linkId"].as_str().unwrap_or_default();
        let Some(def) = defs
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["linkId"] == link_id)
        else {
            problems.push(format!(
                "{at}: linkId {link_id} not in the Questionnaire here"
            ));
            continue;
        };
        if item.get("answer").is_some() && item.get("item").is_some() {
            problems.push(format!("{at}: answers and items (qrs-1)"));
        }
        match def["type"].as_str().unwrap_or_default() {
            "display" => problems.push(format!("{at}: display item {link_id} answered")),
            "group" => {
                if item.get("answer").is_some() {
                    problems.push(format!("{at}: group {link_id} has answers"));
                }
                if item["item"].as_array().is_none_or(Vec::is_empty) {
                    problems.push(format!("{at}: group {link_id} has no items"));
                }
                walk(
                    &item["item"],
                    &def["item"],
                    &format!("{at}.item"),
                    answered,
                    problems,
                );
            }
            kind => {
                let answers = item["answer"].as_array().cloned().unwrap_or_default();
                if answers.is_empty() {
                    problems.push(format!("{at}: {link_id} has no answer"));
                }
                if def["repeats"] != true && answers.len() > 1 {
                    problems.push(format!("{at}: {link_id} does not repeat"));
                }
                if !enabled(def, answered) {
                    problems.push(format!("{at}: {link_id} answered but not enabled"));
                }
                for answer in &answers {
                    let values: Vec<&String> = answer
                        .as_object()
                        .unwrap()
                        .keys()
                        .filter(|k| k.starts_with("value"))
                        .collect();
                    match (kind, values.as_slice()) {
                        ("choice", [v]) if *v == "valueCoding" => {
                            let coding = &answer["valueCoding"];
                            let listed =
                                def["answerOption"]
                                    .as_array()
                                    .into_iter()
                                    .flatten()
                                    .any(|o| {
                                        o["valueCoding"]["system"] == coding["system"]
                                            && o["valueCoding"]["code"] == coding["code"]
                                    });
                            if !listed || !coding["code"].is_string() {
                                problems.push(format!("{at}: {coding} is not an answerOption"));
                            }
                        }
                        ("integer", [v]) if *v == "valueInteger" => {
                            if !answer["valueInteger"].is_i64() {
                                problems.push(format!("{at}: not an integer"));
                            }
                        }
                        _ => problems.push(format!("{at}: {kind} answered with {values:?}")),
                    }
                }
            }
        }
    }
}

fn find<'v>(items: &'v Value, link_id: &str) -> Option<&'v Value> {
    items.as_array()?.iter().find_map(|item| {
        if item["linkId"] == link_id {
            Some(item)
        } else {
            find(&item["item"], link_id)
        }
    })
}

fn code_of(item: &Value) -> &str {
    item["code"][0]["code"].as_str().unwrap_or_default()
}

#[test]
fn the_questionnaire_carries_the_model_and_loinc_codes() {
    let q = default_questionnaire();
    let config = Config::default();
    let resource = questionnaire_resource(&q, &config, BASE, Variant::Full);
    assert_eq!(resource["resourceType"], "Questionnaire");
    assert_eq!(
        resource["url"],
        "https://screener.partner.example.org/fhir/Questionnaire/intake"
    );
    assert_eq!(resource["url"], questionnaire_url(BASE, &q, Variant::Full));
    assert_eq!(resource["version"], q.version);
    assert_eq!(resource["status"], "active");
    assert_eq!(resource["language"], "en");
    let items = &resource["item"];
    // Every question of the model is there, with its type.
    for item in q.items() {
        let fhir = find(items, &item.id).unwrap_or_else(|| panic!("{} missing", item.id));
        let expected = match item.kind {
            ItemKind::Choice { .. } | ItemKind::MultiChoice { .. } => "choice",
            ItemKind::WholeNumber { .. } => "integer",
        };
        assert_eq!(fhir["type"], expected, "{}", item.id);
        assert_eq!(fhir["text"], item.text.en.as_str());
        assert_eq!(
            fhir["repeats"] == true,
            matches!(item.kind, ItemKind::MultiChoice { .. }),
            "{}",
            item.id
        );
    }
    // LOINC: panels, items, totals, answers.
    assert_eq!(code_of(find(items, "phq9").unwrap()), "44249-1");
    assert_eq!(code_of(find(items, "gad7").unwrap()), "69737-5");
    assert_eq!(code_of(find(items, "phq9_total").unwrap()), "44261-6");
    assert_eq!(code_of(find(items, "gad7_total").unwrap()), "70274-6");
    let phq9 = [
        "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
        "44260-8",
    ];
    for (i, code) in phq9.iter().enumerate() {
        assert_eq!(
            code_of(find(items, &format!("phq9_{}", i + 1)).unwrap()),
            *code
        );
    }
    assert_eq!(code_of(find(items, "phq9_difficulty").unwrap()), "69722-7");
    let gad7 = [
        "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7",
    ];
    for (i, code) in gad7.iter().enumerate() {
        assert_eq!(
            code_of(find(items, &format!("gad7_{}", i + 1)).unwrap()),
            *code
        );
    }
    // No LOINC codes are invented where none exist.
    for id in [
        "wsas",
        "wsas_1",
        "wsas_total",
        "age",
        "risk_thoughts",
        "contact_mode",
    ] {
        assert!(find(items, id).unwrap()["code"].is_null(), "{id}");
    }
    let options = find(items, "phq9_1").unwrap()["answerOption"].clone();
    assert_eq!(
        options,
        json!([
            {"extension": [{"url": ORDINAL_VALUE, "valueDecimal": 0}], "valueCoding": {"system": LOINC, "code": "LA6568-5", "display": "Not at all",
              "_display": {"extension": [{"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": "zh-Hant-HK"}, {"url": "content", "valueString": "完全沒有"}]}]}}},
            {"extension": [{"url": ORDINAL_VALUE, "valueDecimal": 1}], "valueCoding": {"system": LOINC, "code": "LA6569-3", "display": "Several days",
              "_display": {"extension": [{"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": "zh-Hant-HK"}, {"url": "content", "valueString": "幾天"}]}]}}},
            {"extension": [{"url": ORDINAL_VALUE, "valueDecimal": 2}], "valueCoding": {"system": LOINC, "code": "LA6570-1", "display": "More than half the days",
              "_display": {"extension": [{"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": "zh-Hant-HK"}, {"url": "content", "valueString": "一半以上的天數"}]}]}}},
            {"extension": [{"url": ORDINAL_VALUE, "valueDecimal": 3}], "valueCoding": {"system": LOINC, "code": "LA6571-9", "display": "Nearly every day",
              "_display": {"extension": [{"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": "zh-Hant-HK"}, {"url": "content", "valueString": "近乎每天"}]}]}}},
        ])
    );
    let difficulty: Vec<&str> = find(items, "phq9_difficulty").unwrap()["answerOption"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["valueCoding"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(difficulty, ["LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"]);
    // The screener's own questions use a code system per item under the deployment.
    let centre = &find(items, "contact_centre").unwrap()["answerOption"][0]["valueCoding"];
    assert_eq!(centre["system"], answer_system(BASE, &q, "contact_centre"));
    assert_eq!(
        centre["system"],
        "https://screener.partner.example.org/fhir/CodeSystem/intake-contact_centre"
    );
    assert_eq!(centre["code"], "central");
    // WSAS scores travel as ordinal values too; "not applicable" has none.
    let wsas_work = find(items, "wsas_1").unwrap()["answerOption"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(wsas_work[8]["extension"][0]["valueDecimal"], 8);
    assert!(wsas_work.last().unwrap().get("extension").is_none());
    // The follow-up about plans is enabled by "yes" or "prefer not to say" to thoughts.
    let plans = find(items, "risk_plans").unwrap();
    assert_eq!(plans["enableBehavior"], "any");
    let system = answer_system(BASE, &q, "risk_thoughts");
    assert_eq!(
        plans["enableWhen"],
        json!([
            {"question": "risk_thoughts", "operator": "=", "answerCoding": {"system": system, "code": "yes"}},
            {"question": "risk_thoughts", "operator": "=", "answerCoding": {"system": system, "code": "prefer_not_to_say"}},
        ])
    );
    // Lead-ins are display items; the contact questions are not required in FHIR (their
    // condition is the screener's own), the other questions as in the model.
    assert_eq!(find(items, "phq9_stem").unwrap()["type"], "display");
    assert_eq!(find(items, "contact_mode").unwrap()["required"], false);
    assert_eq!(find(items, "age").unwrap()["required"], true);
    assert_eq!(find(items, "phq9_difficulty").unwrap()["required"], false);
    // Translations of texts.
    assert_eq!(
        find(items, "age").unwrap()["_text"]["extension"][0]["extension"][1]["valueString"],
        "你今年幾歲？"
    );
}

#[test]
fn a_complete_eligible_response_is_valid_and_typed() {
    let q = default_questionnaire();
    let config = Config::default();
    let resource = questionnaire_resource(&q, &config, BASE, Variant::Full);
    let qr = response(&q, &config, &eligible(), Lang::En, Variant::Full);
    assert_eq!(check(&qr, &resource), Vec::<String>::new());
    assert_eq!(qr["status"], "completed");
    assert_eq!(qr["authored"], AUTHORED);
    assert_eq!(qr["language"], "en");
    let items = &qr["item"];
    assert_eq!(
        find(items, "age").unwrap()["answer"],
        json!([{"valueInteger": 30}])
    );
    assert_eq!(
        find(items, "phq9_1").unwrap()["answer"][0]["valueCoding"]["code"],
        "LA6569-3"
    );
    assert_eq!(
        find(items, "phq9_total").unwrap()["answer"],
        json!([{"valueInteger": 8}])
    );
    assert_eq!(
        find(items, "gad7_total").unwrap()["answer"],
        json!([{"valueInteger": 6}])
    );
    assert_eq!(
        find(items, "wsas_total").unwrap()["answer"],
        json!([{"valueInteger": 11}])
    );
    // Several choices, in display order whatever order they were chosen in.
    let times: Vec<&str> = find(items, "contact_times").unwrap()["answer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["valueCoding"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(times, ["weekday_evenings", "weekends"]);
    assert_eq!(
        find(items, "outcome").unwrap()["answer"][0]["valueCoding"]["code"],
        "eligible"
    );
    // Groups in questionnaire order, the outcome last.
    let top: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(
        top,
        [
            "about_you",
            "phq9",
            "gad7",
            "wsas",
            "complexity",
            "safety",
            "contact",
            "outcome"
        ]
    );
}

#[test]
fn texts_follow_the_persons_language() {
    let q = default_questionnaire();
    let config = Config::default();
    let qr = response(&q, &config, &eligible(), Lang::ZhHantHk, Variant::Full);
    assert_eq!(qr["language"], "zh-Hant-HK");
    assert_eq!(find(&qr["item"], "age").unwrap()["text"], "你今年幾歲？");
    assert_eq!(find(&qr["item"], "outcome").unwrap()["text"], "評估結果");
    // Codes and their displays do not change with the language.
    assert_eq!(
        find(&qr["item"], "phq9_1").unwrap()["answer"][0]["valueCoding"]["display"],
        "Several days"
    );
}

#[test]
fn hidden_follow_ups_and_invalid_answers_are_left_out() {
    let q = default_questionnaire();
    let config = Config::default();
    let mut answers = eligible();
    // Plans were answered, then thoughts changed back to "no": plans is hidden.
    answers.set("risk_plans", "no");
    answers.set("age", AnswerValue::Number(500));
    answers.set("phq9_difficulty", "sometimes");
    answers.set("no_such_item", "x");
    let resource = questionnaire_resource(&q, &config, BASE, Variant::Full);
    let qr = response(&q, &config, &answers, Lang::En, Variant::Full);
    assert_eq!(check(&qr, &resource), Vec::<String>::new());
    for gone in ["risk_plans", "age", "phq9_difficulty", "no_such_item"] {
        assert!(find(&qr["item"], gone).is_none(), "{gone}");
    }
    // Age is required and now missing: the response says it is not complete.
    assert_eq!(qr["status"], "in-progress");
    // Shown follow-ups are kept, and enabled.
    answers.set("age", AnswerValue::Number(30));
    answers.set("risk_thoughts", "yes");
    let qr = response(&q, &config, &answers, Lang::En, Variant::Full);
    assert_eq!(check(&qr, &resource), Vec::<String>::new());
    assert!(find(&qr["item"], "risk_plans").is_some());
    assert_eq!(
        find(&qr["item"], "outcome").unwrap()["answer"][0]["valueCoding"]["code"],
        "urgent_support"
    );
}

#[test]
fn the_summary_holds_totals_contact_and_outcome_only() {
    let q = default_questionnaire();
    let config = Config::default();
    let summary = questionnaire_resource(&q, &config, BASE, Variant::Summary);
    assert_eq!(
        summary["url"],
        "https://screener.partner.example.org/fhir/Questionnaire/intake-summary"
    );
    let qr = response(&q, &config, &eligible(), Lang::En, Variant::Summary);
    assert_eq!(check(&qr, &summary), Vec::<String>::new());
    let mut ids = Vec::new();
    collect_link_ids(&qr["item"], &mut ids);
    assert_eq!(
        ids,
        [
            "phq9",
            "phq9_total",
            "gad7",
            "gad7_total",
            "wsas",
            "wsas_total",
            "contact",
            "contact_mode",
            "contact_centre",
            "contact_language",
            "contact_times",
            "outcome"
        ]
    );
    assert!(!qr.to_string().contains("\"valueInteger\":30"));
    // A summary does not validate against the full questionnaire's URL.
    let full = questionnaire_resource(&q, &config, BASE, Variant::Full);
    assert!(!check(&qr, &full).is_empty());
}

#[test]
fn disabled_instruments_are_left_out() {
    let q = default_questionnaire();
    let config = Config {
        instruments: InstrumentSet {
            phq9: true,
            gad7: true,
            wsas: false,
        },
        ..Config::default()
    };
    let resource = questionnaire_resource(&q, &config, BASE, Variant::Full);
    assert!(find(&resource["item"], "wsas").is_none());
    assert!(find(&resource["item"], "wsas_total").is_none());
    let qr = response(&q, &config, &eligible(), Lang::En, Variant::Full);
    assert!(find(&qr["item"], "wsas_1").is_none());
    assert_eq!(check(&qr, &resource), Vec::<String>::new());
}

#[test]
fn a_chinese_default_language_makes_chinese_the_base_text() {
    let q = default_questionnaire();
    let config = Config {
        default_language: Lang::ZhHantHk,
        ..Config::default()
    };
    let resource = questionnaire_resource(&q, &config, BASE, Variant::Full);
    assert_eq!(resource["language"], "zh-Hant-HK");
    let age = find(&resource["item"], "age").unwrap();
    assert_eq!(age["text"], "你今年幾歲？");
    assert_eq!(
        age["_text"]["extension"][0]["extension"][0]["valueCode"],
        "en"
    );
    // LOINC displays stay English; the Chinese wording is a translation.
    let option = &find(&resource["item"], "phq9_1").unwrap()["answerOption"][0]["valueCoding"];
    assert_eq!(option["display"], "Not at all");
    assert_eq!(
        option["_display"]["extension"][0]["extension"][1]["valueString"],
        "完全沒有"
    );
}

#[test]
fn output_is_deterministic() {
    let q = default_questionnaire();
    let config = Config::default();
    assert_eq!(
        response(&q, &config, &eligible(), Lang::En, Variant::Full),
        response(&q, &config, &eligible(), Lang::En, Variant::Full)
    );
}

/// Any value for an item: valid ones, and garbage of every shape.
fn value_for(item: &Item) -> BoxedStrategy<AnswerValue> {
    let options: Vec<String> = item
        .kind
        .options()
        .iter()
        .map(|o| o.value.clone())
        .collect();
    let garbage = prop_oneof![
        Just(AnswerValue::Choice("nonsense".into())),
        Just(AnswerValue::Number(-3)),
        Just(AnswerValue::Number(10_000)),
        Just(AnswerValue::Choices(vec![])),
        Just(AnswerValue::Choices(vec!["a".into(), "a".into()])),
    ];
    match &item.kind {
        ItemKind::Choice { .. } => prop_oneof![
            4 => proptest::sample::select(options).prop_map(AnswerValue::Choice),
            1 => garbage,
        ]
        .boxed(),
        ItemKind::MultiChoice { .. } => prop_oneof![
            4 => proptest::sample::subsequence(options.clone(), 0..=options.len())
                .prop_map(AnswerValue::Choices),
            1 => garbage,
        ]
        .boxed(),
        ItemKind::WholeNumber { min, max } => prop_oneof![
            4 => (*min..=*max).prop_map(AnswerValue::Number),
            1 => garbage,
        ]
        .boxed(),
    }
}

fn any_answers() -> impl Strategy<Value = Answers> {
    let q = default_questionnaire();
    let strategies: Vec<_> = q
        .items()
        .map(|item| {
            let id = item.id.clone();
            proptest::option::weighted(0.8, value_for(item)).prop_map(move |v| (id.clone(), v))
        })
        .collect();
    strategies.prop_map(|pairs| {
        let mut answers = Answers::new();
        for (id, value) in pairs {
            if let Some(value) = value {
                answers.set(id, value);
            }
        }
        answers
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_response_is_structurally_valid(answers in any_answers(), zh in any::<bool>(), include in any::<bool>()) {
        let q = default_questionnaire();
        let config = Config::default();
        let lang = if zh { Lang::ZhHantHk } else { Lang::En };
        let variant = if include { Variant::Full } else { Variant::Summary };
        let resource = questionnaire_resource(&q, &config, BASE, variant);
        let qr = response(&q, &config, &answers, lang, variant);
        prop_assert_eq!(check(&qr, &resource), Vec::<String>::new());
        // "completed" exactly when no required question shown is unanswered.
        let outcome = evaluate(&q, &answers, &config);
        let missing = outcome.reasons.iter().any(|r| matches!(r, screener_core::Reason::MissingAnswers { .. }));
        prop_assert_eq!(qr["status"] == "completed", !missing);
    }
}
