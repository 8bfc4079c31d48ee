//! Inside the core, imports go one way between concerns (see `src/lib.rs`): the
//! questionnaire model knows no rule and no configuration, the configuration knows no rule
//! and no questionnaire, the rules know no particular questionnaire. The compiler allows
//! any module to use any other, so this test reads each file's `crate::…` and `super::…`
//! paths (outside comments, strings and its `#[cfg(test)]` module) and fails on one that
//! goes against the layers below.

use std::path::Path;

use crate::purity::{code_tokens, rust_files};

/// Each top-level module of the core and its layer. A file may use the modules of a lower
/// layer, and the other modules of its own group (the model's four files refer to each
/// other's types: an option carries a risk kind, a section an instrument, an answer is
/// checked against its item). Two modules of one layer but different groups may not use
/// each other: the rules (`eligibility`) do not import the default questionnaire.
const LAYERS: &[(&str, u8)] = &[
    ("text", 0),
    ("names", 0),
    ("headline", 0),
    ("questionnaire", 1),
    ("answers", 1),
    ("instruments", 1),
    ("risk", 1),
    ("config", 2),
    ("default_questionnaire", 3),
    ("eligibility", 3),
    ("static_help", 3),
    ("alternatives", 4),
    ("fhir", 5),
    ("referral", 6),
];

/// The questionnaire model and the vocabulary it is made of: one group.
const MODEL: &[&str] = &["questionnaire", "answers", "instruments", "risk"];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn group(module: &str) -> &str {
    if MODEL.contains(&module) {
        "model"
    } else {
        module
    }
}

/// The core's top-level modules that `source` uses, for a file at `rel` (relative to
/// `src/`, with `/`): `crate::m`, and `super::m` where `super` is the crate's root (in a
/// top-level file or a folder's `mod.rs`; elsewhere `super` is the file's own folder).
fn uses(rel: &str, source: &str) -> Vec<String> {
    let mut tokens = code_tokens(source);
    if let Some(at) = tokens
        .windows(5)
        .position(|w| w == ["#", "[", "cfg", "(", "test"])
    {
        tokens.truncate(at);
    }
    let super_is_root = !rel.contains('/') || rel.ends_with("/mod.rs");
    let mut found = Vec::new();
    for w in tokens.windows(3) {
        let root = w[0] == "crate" || (w[0] == "super" && super_is_root);
        if root && w[1] == "::" && layer(&w[2]).is_some() && !found.contains(&w[2]) {
            found.push(w[2].clone());
        }
    }
    found
}

/// Every use in the file at `rel` that goes against the layers.
fn violations(rel: &str, source: &str) -> Vec<String> {
    let own = rel.split('/').next().unwrap().trim_end_matches(".rs");
    let Some(own_layer) = layer(own) else {
        return Vec::new(); // lib.rs: the crate's root declares and re-exports every module
    };
    uses(rel, source)
        .into_iter()
        .filter(|m| m != own && group(m) != group(own))
        .filter(|m| layer(m).is_some_and(|l| l >= own_layer))
        .map(|m| {
            format!(
                "{rel} uses `{m}` (layer {}, its own is {own_layer})",
                layer(&m).unwrap()
            )
        })
        .collect()
}

#[test]
fn imports_go_one_way_between_the_cores_concerns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut report = Vec::new();
    let mut seen = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let top = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        assert!(
            top == "lib" || layer(&top).is_some(),
            "{rel}: a new module of the core; give it a layer in LAYERS"
        );
        seen.push(top);
        let source = std::fs::read_to_string(file).expect("readable source");
        report.extend(violations(&rel, &source));
    }
    for (module, _) in LAYERS {
        assert!(seen.iter().any(|m| m == module), "{module}: no such file");
    }
    assert!(
        report.is_empty(),
        "imports that run against the core's layers (see crates/screener-core/src/lib.rs):\n{}",
        report.join("\n")
    );
}

#[test]
fn the_check_catches_what_the_circle_was_made_of() {
    assert_eq!(
        violations(
            "questionnaire.rs",
            "use super::eligibility::provisionally_eligible;\nuse super::config::Config;"
        ),
        [
            "questionnaire.rs uses `eligibility` (layer 3, its own is 1)",
            "questionnaire.rs uses `config` (layer 2, its own is 1)"
        ]
    );
    assert_eq!(
        violations("eligibility.rs", "use super::default_questionnaire::ids;"),
        ["eligibility.rs uses `default_questionnaire` (layer 3, its own is 3)"]
    );
    assert_eq!(
        violations("config/referral.rs", "use crate::eligibility::Headline;"),
        ["config/referral.rs uses `eligibility` (layer 3, its own is 2)"]
    );
    // In a folder's mod.rs, `super` is the crate's root.
    assert_eq!(
        violations("config/mod.rs", "use super::eligibility::Headline;"),
        ["config/mod.rs uses `eligibility` (layer 3, its own is 2)"]
    );
}

#[test]
fn the_check_allows_what_the_layers_allow() {
    // Downwards, within the model, and within a folder (`super` of config/alternatives.rs
    // is config/, whose `alternatives` and `referral` are not the top-level ones).
    let ok = [
        (
            "eligibility.rs",
            "use super::questionnaire::Questionnaire; use super::names::ids;",
        ),
        (
            "questionnaire.rs",
            "use super::risk::RiskKind; use super::answers::Answers;",
        ),
        ("risk.rs", "use super::questionnaire::Questionnaire;"),
        (
            "config/alternatives.rs",
            "use super::validate::Problems; use crate::names::AGE_INPUT_MAX;",
        ),
        (
            "config/validate.rs",
            "super::referral::validate(); super::alternatives::validate();",
        ),
        ("fhir.rs", "let age = super::alternatives::age_of(q, a);"),
        (
            "questionnaire.rs",
            "//! see [`eligibility`](super::eligibility)\nconst S: &str = \"crate::config\";",
        ),
        (
            "config/referral.rs",
            "#[cfg(test)]\nmod tests { use crate::eligibility::evaluate; }",
        ),
    ];
    for (rel, source) in ok {
        assert_eq!(
            violations(rel, source),
            Vec::<String>::new(),
            "{rel}: {source}"
        );
    }
}
