//! The default questionnaire's content and the model's visibility rules.

use crate::common;

use std::collections::BTreeSet;

use screener_core::{
    default_questionnaire, parse_config, questionnaire_for, t, unworded_questionnaire_for,
    AnswerValue, Answers, Centre, Condition, Config, Instrument, ItemKind, Lang, Questionnaire,
    RiskKind, Text,
};

/// Every text in the questionnaire, with where it is.
fn all_texts(q: &Questionnaire) -> Vec<(String, &Text)> {
    let mut out = Vec::new();
    for s in &q.sections {
        out.push((format!("{} title", s.id), &s.title));
        if let Some(stem) = &s.stem {
            out.push((format!("{} stem", s.id), stem));
        }
        for i in &s.items {
            out.push((format!("{} text", i.id), &i.text));
            if let Some(help) = &i.help {
                out.push((format!("{} help", i.id), help));
            }
            for o in i.kind.options() {
                out.push((format!("{} option {}", i.id, o.value), &o.label));
            }
        }
    }
    out
}

#[test]
fn every_text_has_english_and_chinese() {
    let q = default_questionnaire();
    let texts = all_texts(&q);
    assert!(texts.len() > 150, "walked only {} texts", texts.len());
    for (at, text) in texts {
        assert!(!text.en.trim().is_empty(), "{at}: English missing");
        assert!(!text.zh.trim().is_empty(), "{at}: Chinese missing");
        for lang in Lang::ALL {
            assert!(text.has(lang));
        }
    }
}

#[test]
fn chinese_texts_are_chinese_and_english_texts_are_not() {
    let q = default_questionnaire();
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for (at, text) in all_texts(&q) {
        assert!(!han(&text.en), "{at}: Chinese in the English text");
        // Option labels such as "1" on the WSAS scale are numerals in both.
        if text.en.chars().any(char::is_alphabetic) {
            assert!(han(&text.zh), "{at}: no Chinese in {:?}", text.zh);
        }
    }
}

#[test]
fn ids_are_unique_and_stable() {
    let q = default_questionnaire();
    let ids: Vec<&str> = q.items().map(|i| i.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate item ids in {ids:?}");
    let sections: BTreeSet<&str> = q.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections.len(), q.sections.len());

    // Stored answers and handoffs depend on these: changing one is a
    // breaking change and must be deliberate.
    let expected = [
        "age",
        "phq9_1",
        "phq9_2",
        "phq9_3",
        "phq9_4",
        "phq9_5",
        "phq9_6",
        "phq9_7",
        "phq9_8",
        "phq9_9",
        "phq9_difficulty",
        "gad7_1",
        "gad7_2",
        "gad7_3",
        "gad7_4",
        "gad7_5",
        "gad7_6",
        "gad7_7",
        "wsas_1",
        "wsas_2",
        "wsas_3",
        "wsas_4",
        "wsas_5",
        "complex_diagnosis",
        "psychiatric_team",
        "other_therapy",
        "risk_thoughts",
        "risk_plans",
        "risk_self_harm",
        "risk_harm_others",
        "risk_danger_now",
        "contact_mode",
        "contact_centre",
        "contact_language",
        "contact_times",
    ];
    assert_eq!(ids, expected);
}

#[test]
fn the_default_questionnaire_is_structurally_sound() {
    assert_eq!(
        default_questionnaire().structural_problems(),
        Vec::<String>::new()
    );
}

#[test]
fn structural_check_catches_mistakes() {
    let mut q = default_questionnaire();
    q.sections[1].items[1].id = "phq9_1".to_owned();
    q.sections[0].title.zh.clear();
    let plans = q
        .sections
        .iter_mut()
        .flat_map(|s| s.items.iter_mut())
        .find(|i| i.id == "risk_plans")
        .unwrap();
    plans.show_if = Some(Condition::AnswerIn {
        item: "contact_mode".to_owned(),
        values: vec!["carrier_pigeon".to_owned()],
    });
    let problems = q.structural_problems();
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(has("item `phq9_1`: duplicate item id"), "{problems:?}");
    assert!(
        has("section `about_you` title: text missing"),
        "{problems:?}"
    );
    assert!(has("not asked earlier"), "{problems:?}");
    assert!(has("PHQ-9: scored item `phq9_2` missing"), "{problems:?}");
}

#[test]
fn age_is_whole_years_with_a_wide_input_range() {
    let q = default_questionnaire();
    let age = q.item("age").unwrap();
    assert_eq!(age.kind, ItemKind::WholeNumber { min: 0, max: 120 });
    assert!(age.required);
    let help = age.help.as_ref().expect("explains why not date of birth");
    assert!(help.en.contains("date of birth"));
}

#[test]
fn phq9_and_gad7_use_the_published_scale() {
    let q = default_questionnaire();
    for instrument in [Instrument::Phq9, Instrument::Gad7] {
        let section = q.instrument_section(instrument).unwrap();
        assert_eq!(
            section.stem.as_ref().unwrap().en,
            "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
        );
        for id in instrument.item_ids() {
            let item = q.item(id).unwrap();
            let options = item.kind.options();
            let labels: Vec<&str> = options.iter().map(|o| o.label.en.as_str()).collect();
            assert_eq!(
                labels,
                [
                    "Not at all",
                    "Several days",
                    "More than half the days",
                    "Nearly every day"
                ]
            );
            let scores: Vec<Option<u8>> = options.iter().map(|o| o.score).collect();
            assert_eq!(scores, [Some(0), Some(1), Some(2), Some(3)]);
            assert!(item.required);
        }
    }
    assert_eq!(
        q.instrument_section(Instrument::Phq9).unwrap().items.len(),
        10
    );
    assert_eq!(
        q.instrument_section(Instrument::Gad7).unwrap().items.len(),
        7
    );
}

#[test]
fn phq9_difficulty_is_asked_but_unscored() {
    let q = default_questionnaire();
    let item = q.item("phq9_difficulty").unwrap();
    assert!(!item.required);
    assert_eq!(q.section_of("phq9_difficulty").unwrap().id, "phq9");
    assert!(item
        .kind
        .options()
        .iter()
        .all(|o| o.score.is_none() && o.risk.is_none()));
    assert!(!Instrument::Phq9.item_ids().contains(&"phq9_difficulty"));
}

#[test]
fn only_item9_carries_risk_in_the_instruments() {
    let q = default_questionnaire();
    for instrument in Instrument::ALL {
        for item in &q.instrument_section(instrument).unwrap().items {
            for o in item.kind.options() {
                let expected =
                    (item.id == "phq9_9" && o.score.unwrap_or(0) > 0).then_some(RiskKind::Item9);
                assert_eq!(o.risk, expected, "{} {}", item.id, o.value);
            }
        }
    }
}

#[test]
fn wsas_is_zero_to_eight_and_work_may_be_not_applicable() {
    let q = default_questionnaire();
    for id in Instrument::Wsas.item_ids() {
        let options = q.item(id).unwrap().kind.options();
        let scores: Vec<u8> = options.iter().filter_map(|o| o.score).collect();
        assert_eq!(scores, (0..=8).collect::<Vec<u8>>(), "{id}");
        let na: Vec<_> = options.iter().filter(|o| o.score.is_none()).collect();
        if *id == "wsas_1" {
            assert_eq!(na.len(), 1);
            assert_eq!(na[0].value, "not_applicable");
            assert!(na[0].label.en.contains("retired"));
        } else {
            assert!(na.is_empty(), "{id}");
        }
    }
}

#[test]
fn direct_risk_questions_offer_prefer_not_to_say_as_a_signal() {
    let q = default_questionnaire();
    for (id, kind) in [
        ("risk_thoughts", RiskKind::Thoughts),
        ("risk_plans", RiskKind::Plans),
        ("risk_self_harm", RiskKind::SelfHarm),
        ("risk_harm_others", RiskKind::HarmToOthers),
        ("risk_danger_now", RiskKind::ImmediateDanger),
    ] {
        let item = q.item(id).unwrap();
        assert!(item.required, "{id}");
        let risk = |value: &str| item.option(value).unwrap().risk;
        assert_eq!(risk("yes"), Some(kind), "{id}");
        assert_eq!(risk("no"), None, "{id}");
        assert_eq!(
            risk("prefer_not_to_say"),
            Some(RiskKind::PreferNotToSay),
            "{id}"
        );
    }
    assert_eq!(
        q.item("risk_plans").unwrap().show_if,
        Some(Condition::AnswerIn {
            item: "risk_thoughts".to_owned(),
            values: vec!["yes".to_owned(), "prefer_not_to_say".to_owned()],
        })
    );
}

#[test]
fn every_instrument_records_its_translation_source() {
    for instrument in Instrument::ALL {
        let source = screener_core::translation_source(instrument);
        assert!(!source.citation.is_empty());
        // Nothing could be confirmed word for word; the note must say what.
        if !source.translation_confirmed {
            assert!(source.note.len() > 40, "{instrument:?}");
        }
    }
}

#[test]
fn contact_centres_come_from_the_configuration() {
    let q = default_questionnaire();
    let centres: Vec<&str> = q
        .item("contact_centre")
        .unwrap()
        .kind
        .options()
        .iter()
        .map(|o| o.value.as_str())
        .collect();
    assert_eq!(
        centres,
        ["central", "mong_kok", "kwun_tong", "sha_tin", "tsuen_wan"]
    );

    let config = Config {
        centres: vec![Centre {
            id: "lantau".to_owned(),
            name: t("Lantau", "大嶼山"),
            area: t("Islands", "離島"),
        }],
        ..Config::default()
    };
    let q = questionnaire_for(&config);
    let options = q.item("contact_centre").unwrap().kind.options();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].value, "lantau");
    assert_eq!(options[0].label, t("Lantau (Islands)", "大嶼山（離島）"));
}

#[test]
fn contact_asks_mode_centre_language_and_times() {
    let q = default_questionnaire();
    let section = q.section("contact").unwrap();
    assert_eq!(section.show_if, Some(Condition::ProvisionallyEligible));
    let values = |id: &str| -> Vec<String> {
        q.item(id)
            .unwrap()
            .kind
            .options()
            .iter()
            .map(|o| o.value.clone())
            .collect()
    };
    assert_eq!(values("contact_mode"), ["video", "phone"]);
    assert_eq!(
        values("contact_language"),
        ["english", "cantonese", "mandarin"]
    );
    assert_eq!(
        values("contact_times"),
        [
            "weekday_mornings",
            "weekday_afternoons",
            "weekday_evenings",
            "weekends"
        ]
    );
    assert!(matches!(
        q.item("contact_times").unwrap().kind,
        ItemKind::MultiChoice { .. }
    ));
}

fn visible(q: &Questionnaire, answers: &Answers, config: &Config) -> Vec<String> {
    q.visible_items(answers, config)
        .into_iter()
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn plans_follow_thoughts() {
    let q = default_questionnaire();
    let config = Config::default();
    let shown = |thoughts: Option<&str>| {
        let mut a = Answers::new();
        if let Some(v) = thoughts {
            a.set("risk_thoughts", v);
        }
        visible(&q, &a, &config).contains(&"risk_plans".to_owned())
    };
    assert!(!shown(None));
    assert!(!shown(Some("no")));
    assert!(!shown(Some("maybe")), "an invalid answer shows nothing");
    assert!(shown(Some("yes")));
    assert!(shown(Some("prefer_not_to_say")));
}

#[test]
fn disabled_instruments_are_not_asked() {
    let q = default_questionnaire();
    let mut config = Config::default();
    config.instruments.wsas = false;
    config.instruments.gad7 = false;
    let ids = visible(&q, &Answers::new(), &config);
    assert!(
        ids.iter()
            .all(|id| !id.starts_with("wsas_") && !id.starts_with("gad7_")),
        "{ids:?}"
    );
    assert!(ids.contains(&"phq9_1".to_owned()));
}

#[test]
fn contact_is_asked_only_when_provisionally_eligible() {
    let q = default_questionnaire();
    let config = Config::default();
    // Everything before the contact questions, but the last safety question.
    let mut a = common::complete(30, ["not_at_all"; 8], ["several_days"; 7], ["0"; 5]);
    for id in [
        "risk_danger_now",
        "contact_mode",
        "contact_centre",
        "contact_language",
        "contact_times",
    ] {
        a.remove(id);
    }
    assert!(
        !visible(&q, &a, &config).contains(&"contact_mode".to_owned()),
        "danger question unanswered"
    );
    a.set("risk_danger_now", "no");
    let ids = visible(&q, &a, &config);
    assert!(ids.ends_with(&[
        "contact_mode".into(),
        "contact_centre".into(),
        "contact_language".into(),
        "contact_times".into()
    ]));
    a.set("other_therapy", "yes");
    assert!(!visible(&q, &a, &config).contains(&"contact_mode".to_owned()));
}

#[test]
fn lookups() {
    let q = default_questionnaire();
    assert_eq!(q.section_of("risk_danger_now").unwrap().id, "safety");
    assert_eq!(q.section_of("age").unwrap().id, "about_you");
    assert!(q.section_of("nope").is_none());
    assert!(q.item("nope").is_none());
    assert_eq!(
        q.item("wsas_1")
            .unwrap()
            .option("not_applicable")
            .unwrap()
            .score,
        None
    );
}

#[test]
fn questionnaire_serde_round_trip() {
    let q = default_questionnaire();
    let json = serde_json::to_string(&q).unwrap();
    let back: Questionnaire = serde_json::from_str(&json).unwrap();
    assert_eq!(back, q);
    let value: serde_json::Value = serde_json::to_value(&q).unwrap();
    assert_eq!(
        value["sections"][0]["items"][0]["kind"]["type"],
        "whole_number"
    );
    assert_eq!(
        value["sections"][1]["items"][8]["kind"]["options"][1]["risk"],
        "item9"
    );
    assert_eq!(value["sections"][1]["instrument"], "phq9");
    let answer: AnswerValue = serde_json::from_str("\"yes\"").unwrap();
    assert_eq!(answer, AnswerValue::Choice("yes".to_owned()));
}

/// Every text of `q`, emptied.
fn without_words(mut q: Questionnaire) -> Questionnaire {
    for s in &mut q.sections {
        s.title = Text::default();
        s.stem = s.stem.as_ref().map(|_| Text::default());
        for i in &mut s.items {
            i.text = Text::default();
            i.help = i.help.as_ref().map(|_| Text::default());
            if let ItemKind::Choice { options } | ItemKind::MultiChoice { options } = &mut i.kind {
                for o in options {
                    o.label = Text::default();
                }
            }
        }
    }
    q
}

/// The start builds the questionnaire without its words and the screens fill them in:
/// the two must differ in nothing else, for every configuration (the partner's ways of
/// contact and centres change the contact section).
#[test]
fn the_unworded_questionnaire_is_the_questionnaire_without_its_words() {
    let mut configs = vec![Config::default()];
    for file in [
        "partner.json",
        "referral.json",
        "alternatives.json",
        "crisis-partner.json",
    ] {
        let path = common::repo(&format!("tests/e2e/host/configs/{file}"));
        let text = std::fs::read_to_string(&path).expect("a test configuration");
        configs.push(parse_config(&text).expect("a valid configuration"));
    }
    for config in &configs {
        let worded = questionnaire_for(config);
        let unworded = unworded_questionnaire_for(config);
        for (at, t) in all_texts(&unworded) {
            assert!(t.en.is_empty() && t.zh.is_empty(), "{at}: {t:?}");
        }
        assert!(all_texts(&worded).iter().all(|(_, t)| !t.en.is_empty()));
        assert_eq!(without_words(worded), unworded);
    }
}
