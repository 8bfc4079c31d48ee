//! The rule `build.rs` applies to `locales/*.json` (`locales/check.rs`, included here):
//! the shipped catalogues pass it, and it catches each kind of mistake it is there for.

use std::collections::{BTreeMap, BTreeSet};

include!("../locales/check.rs");

fn load(name: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn catalog(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn the_shipped_locales_pass_the_build_rule() {
    let catalogs: Vec<_> = LOCALES.iter().map(|name| load(name)).collect();
    assert_eq!(check(&catalogs), Vec::<String>::new());
}

#[test]
fn the_rule_names_every_kind_of_mistake() {
    let en = catalog(&[
        ("only_en", "Hello"),
        ("blank", "  "),
        ("count", "Question {{ number }} of {{ of }}"),
        ("Bad-Key", "x"),
    ]);
    let zh = catalog(&[
        ("blank", "空"),
        ("count", "第 {{ number }} 題"),
        ("Bad-Key", "x"),
    ]);
    let problems = check(&[en, zh]);
    for expected in [
        "only_en: missing from zh-Hant-HK.json",
        "blank: blank in en.json",
        "count: zh-Hant-HK.json uses placeholders {\"number\"}, en uses {\"number\", \"of\"}",
        "Bad-Key: keys must be lower_snake_case identifiers",
    ] {
        assert!(
            problems.iter().any(|p| p == expected),
            "{expected:?} not in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn placeholder_parsing_finds_names() {
    assert_eq!(
        placeholder_names("Question {{ number }} of {{of}}"),
        BTreeSet::from(["number".to_owned(), "of".to_owned()])
    );
    assert!(placeholder_names("no values").is_empty());
}

#[test]
fn chinese_strings_are_in_chinese() {
    // A copy-pasted English string in the Chinese file is a missing translation.
    let zh = load("zh-Hant-HK");
    for (key, text) in zh {
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "zh-Hant-HK.{key} has no Chinese characters: {text:?}"
        );
    }
}

/// Every UI message that states a number, an hour, a duration, a price, an age or a place,
/// with why it is true for every configuration (or which configuration value fills it).
/// The crisis lines' facts are not here at all: `core::config::crisis` builds them from
/// the configured lines. A new message that states such a fact fails
/// `every_fact_in_the_locales_was_reviewed` until it is added here with its reason, or
/// built from the configuration instead.
const REVIEWED_FACTS: &[(&str, &str)] = &[
    ("notice_expired", "days: the configured retention_days"),
    ("welcome_title_free", "shown only when service.cost is \"free\""),
    ("welcome_how", "count and minutes: the questionnaire the configuration asks"),
    ("welcome_privacy", "days: the configured retention_days"),
    ("welcome_privacy_one_day", "shown only when retention_days is 1"),
    ("welcome_exit_explain", "the quick exit's key: the app's own behaviour, whatever the configuration"),
    ("unit_years", "a unit"),
    ("error_number", "the age question's unit"),
    ("result_title_age", "the configured age range decides it"),
    ("reason_risk_thoughts", "the wording of the risk question the person answered"),
    ("scale_phq9", "an instrument's name"),
    ("scale_gad7", "an instrument's name"),
    ("contact_phone_hint", "the phone rule, the same for every configuration: numbers without + are read as Hong Kong's, of 8 digits"),
    ("contact_error_name_long", "the name field's limit, the same for every configuration"),
    ("contact_error_phone_hk", "the phone rule, the same for every configuration"),
    ("contact_error_phone_hk_code", "the phone rule, the same for every configuration"),
    ("contact_error_phone_intl", "the phone rule (E.164), the same for every configuration"),
    ("suggest_why_outside_age_range", "the listed service's configured ages"),
    ("suggest_label_hours", "a label; the hours are the listed service's"),
    ("reason_age_above", "age: the person's answer; max: the configured age.max"),
    ("reason_age_below", "age: the person's answer; min: the configured age.min"),
    ("suggest_ages", "the listed service's configured ages"),
    ("suggest_ages_from", "the listed service's configured minimum age"),
    ("suggest_label_ages", "a label; the ages are the listed service's"),
];

/// Whether a message (placeholders removed) states a number, an hour, a duration, a price,
/// an age, a place or an organisation, in English or Chinese.
fn states_a_fact(message: &str) -> bool {
    let mut text = String::new();
    let mut rest = message;
    while let Some((before, after)) = rest.split_once("{{") {
        text.push_str(before);
        rest = after.split_once("}}").map_or("", |(_, tail)| tail);
    }
    text.push_str(rest);
    let lower = text.to_lowercase();
    text.chars()
        .any(|c| c.is_ascii_digit() || "$£€¥元".contains(c))
        || [
            "free",
            "hour",
            "minute",
            " day",
            "week",
            "month",
            "year",
            " age",
            "hong kong",
            "samaritan",
            "hospital",
            "government",
            "police",
            "ambulance",
        ]
        .iter()
        .any(|w| lower.contains(w))
        || [
            "免費",
            "小時",
            "分鐘",
            "星期",
            "個月",
            "年齡",
            "歲",
            "香港",
            "撒瑪利亞",
            "醫院",
            "政府",
            "警察",
            "救護",
        ]
        .iter()
        .any(|w| text.contains(w))
}

#[test]
fn every_fact_in_the_locales_was_reviewed() {
    let reviewed: BTreeSet<&str> = REVIEWED_FACTS.iter().map(|(k, _)| *k).collect();
    let mut unreviewed = BTreeSet::new();
    let mut stating = BTreeSet::new();
    for name in LOCALES {
        for (key, message) in load(name) {
            if states_a_fact(&message) {
                stating.insert(key.clone());
                if !reviewed.contains(key.as_str()) {
                    unreviewed.insert(format!("{key} ({name}): {message}"));
                }
            }
        }
    }
    assert!(
        unreviewed.is_empty(),
        "messages stating a number, hour, price, duration, age or place: build them from the configuration, or add them to REVIEWED_FACTS with why they are true for every configuration:\n{}",
        unreviewed.into_iter().collect::<Vec<_>>().join("\n")
    );
    // The list holds only what still states a fact, so it stays a list worth reading.
    let stale: Vec<&&str> = reviewed.iter().filter(|k| !stating.contains(**k)).collect();
    assert!(
        stale.is_empty(),
        "REVIEWED_FACTS names messages that state no fact: {stale:?}"
    );
}

#[test]
fn the_fact_finder_sees_what_the_crisis_words_used_to_say() {
    for old in [
        "If you are in danger now, call 999.",
        "These lines are free, open 24 hours, and will listen without judging.",
        "如你現在身處危險，請致電 999。",
        "以下熱線全部免費、24 小時開放",
        "You answer about 30 short questions.",
    ] {
        assert!(states_a_fact(old), "{old}");
    }
    for plain in [
        "Get help now",
        "立即求助",
        "You answer {{ count }} questions.",
    ] {
        assert!(!states_a_fact(plain), "{plain}");
    }
}
