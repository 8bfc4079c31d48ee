//! Every UI string exists, non-empty, in both locales, with the same interpolated values.
//! `build.rs` refuses the same problems (and the compiler a key the code uses but the
//! files lack); this keeps the rule visible among the tests, with readable failures.

use std::collections::{BTreeMap, BTreeSet};

fn load(name: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `{{ name }}` placeholders in a message.
fn placeholders(message: &str) -> BTreeSet<String> {
    message
        .split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

#[test]
fn both_locales_have_the_same_non_empty_keys_and_placeholders() {
    let en = load("en");
    let zh = load("zh-Hant-HK");
    let en_keys: BTreeSet<_> = en.keys().collect();
    let zh_keys: BTreeSet<_> = zh.keys().collect();
    assert_eq!(
        en_keys.symmetric_difference(&zh_keys).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "keys missing from one locale"
    );
    for (key, en_text) in &en {
        let zh_text = &zh[key];
        assert!(!en_text.trim().is_empty(), "en.{key} is empty");
        assert!(!zh_text.trim().is_empty(), "zh-Hant-HK.{key} is empty");
        assert_eq!(
            placeholders(en_text),
            placeholders(zh_text),
            "{key}: the two locales interpolate different values"
        );
    }
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

#[test]
fn placeholder_parsing_finds_names() {
    assert_eq!(
        placeholders("Question {{ number }} of {{of}}"),
        BTreeSet::from(["number".to_owned(), "of".to_owned()])
    );
    assert!(placeholders("no values").is_empty());
}
