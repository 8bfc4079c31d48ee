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
