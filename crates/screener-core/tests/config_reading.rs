//! The hand-written readers of the configuration (`config/read.rs`) against serde's derived
//! `Deserialize`, the reference they replace in the app: for thousands of documents made by
//! breaking the repository's configurations one value at a time, each top-level field reads
//! to the same value, or is refused at the same path with the same words.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use screener_core::config::{read_config_field, ReferralConfig};
use screener_core::{
    AgeRange, Centre, Config, ConfigProblem, CrisisResource, Handoff, InstrumentSet, Lang, Theme,
    Thresholds,
};

/// What serde's derive made of one top-level field: the config with that field read, or
/// its problems, by path (as the configuration reader listed them before it was written
/// by hand).
fn by_serde(key: &str, value: &Value) -> Result<Config, Vec<ConfigProblem>> {
    let mut c = Config::default();
    let problems = match key {
        "service" => one(&mut c.service, value, key),
        "age" => one::<AgeRange>(&mut c.age, value, key),
        "thresholds" => one::<Thresholds>(&mut c.thresholds, value, key),
        "instruments" => one::<InstrumentSet>(&mut c.instruments, value, key),
        "centres" => each::<Centre>(&mut c.centres, value, key),
        "crisis_resources" => each::<CrisisResource>(&mut c.crisis_resources, value, key),
        "quick_exit_url" => one::<String>(&mut c.quick_exit_url, value, key),
        "retention_days" => one::<u32>(&mut c.retention_days, value, key),
        "languages" => each::<Lang>(&mut c.languages, value, key),
        "default_language" => one::<Lang>(&mut c.default_language, value, key),
        "allowed_origins" => each::<String>(&mut c.allowed_origins, value, key),
        "handoff" => one::<Handoff>(&mut c.handoff, value, key),
        "theme" => one::<Theme>(&mut c.theme, value, key),
        "referral" => one::<ReferralConfig>(&mut c.referral, value, key),
        other => panic!("no reference for {other}"),
    };
    if problems.is_empty() {
        Ok(c)
    } else {
        Err(problems)
    }
}

fn problem(path: String, reason: String) -> ConfigProblem {
    ConfigProblem { path, reason }
}

fn one<T: DeserializeOwned>(slot: &mut T, value: &Value, path: &str) -> Vec<ConfigProblem> {
    match serde_json::from_value(value.clone()) {
        Ok(v) => {
            *slot = v;
            Vec::new()
        }
        Err(e) => vec![problem(path.to_owned(), e.to_string())],
    }
}

fn each<T: DeserializeOwned>(slot: &mut Vec<T>, value: &Value, path: &str) -> Vec<ConfigProblem> {
    let Value::Array(values) = value else {
        return vec![problem(path.to_owned(), "expected an array".to_owned())];
    };
    let mut list = Vec::new();
    let mut problems = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match serde_json::from_value(v.clone()) {
            Ok(v) => list.push(v),
            Err(e) => problems.push(problem(format!("{path}[{i}]"), e.to_string())),
        }
    }
    if problems.is_empty() {
        *slot = list;
    }
    problems
}

fn by_hand(key: &str, value: &Value) -> Result<Config, Vec<ConfigProblem>> {
    let mut c = Config::default();
    let problems = read_config_field(&mut c, key, value.clone());
    if problems.is_empty() {
        Ok(c)
    } else {
        Err(problems)
    }
}

/// Values of every JSON kind, and numbers at the edges of the types read.
fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(7),
        json!(255),
        json!(256),
        json!(-1),
        json!(4_294_967_296_i64),
        json!(-2_147_483_649_i64),
        json!(u64::MAX),
        json!(1.5),
        json!(2.0),
        json!(""),
        json!("x \"quoted\" 中"),
        json!("free"),
        json!("paid"),
        json!("en"),
        json!("weeks"),
        json!("required"),
        json!("eligible"),
        json!("call"),
        json!("video"),
        json!([]),
        json!(["x"]),
        json!([1, 2]),
        json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        json!({}),
        json!({ "zz": 1 }),
        json!({ "en": null }),
        json!({ "en": 1 }),
        json!({ "free": null }),
        json!({ "paid": { "en": "x" } }),
        json!({ "paid": 3 }),
        json!({ "a": 1, "b": 2 }),
    ]
}

/// Every way of breaking `doc` at one place: each value replaced by each of
/// [`replacements`], each field removed, an unknown field added to each object, and each
/// object written as an array of its values (whole, and cut short).
fn variants(doc: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), &mut |path, node| {
        if !path.is_empty() {
            for r in replacements() {
                out.push(set(doc, path, r));
            }
        }
        if let Value::Object(map) = node {
            for key in map.keys() {
                let mut m = map.clone();
                m.remove(key);
                out.push(set(doc, path, Value::Object(m)));
            }
            let mut m = map.clone();
            m.insert("zz_unknown".to_owned(), json!(1));
            out.push(set(doc, path, Value::Object(m)));
            let values: Vec<Value> = map.values().cloned().collect();
            for len in 0..=values.len() {
                out.push(set(doc, path, Value::Array(values[..len].to_vec())));
            }
        }
    });
    out
}

fn walk(node: &Value, path: &mut Vec<Step>, f: &mut dyn FnMut(&[Step], &Value)) {
    f(path, node);
    match node {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Step::Key(k.clone()));
                walk(v, path, f);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(v, path, f);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn set(doc: &Value, path: &[Step], to: Value) -> Value {
    let mut doc = doc.clone();
    let mut at = &mut doc;
    for step in path {
        at = match step {
            Step::Key(k) => at.get_mut(k.as_str()).expect("path from walk"),
            Step::Index(i) => at.get_mut(*i).expect("path from walk"),
        };
    }
    *at = to;
    doc
}

fn documents() -> Vec<Map<String, Value>> {
    let mut docs = Vec::new();
    for file in [
        "static/config.example.json",
        "tests/fixtures/config-partner.json",
        "tests/fixtures/config-partner-lines.json",
        "tests/fixtures/config-referral.json",
        "tests/fixtures/config-type-errors.json",
    ] {
        let text = std::fs::read_to_string(crate::common::repo(file)).expect(file);
        let mut doc: Value = serde_json::from_str(&text).expect(file);
        // The default configuration written out fills in every section a fixture leaves
        // out; `alternatives` was read by hand before, and is left to its own tests.
        let full = serde_json::to_value(Config::default()).expect("the default serialises");
        let map = doc.as_object_mut().expect(file);
        for (k, v) in full.as_object().expect("an object") {
            map.entry(k.clone()).or_insert_with(|| v.clone());
        }
        map.remove("alternatives");
        docs.push(map.clone());
    }
    docs
}

/// The top-level fields read by a section reader.
const SECTIONS: [&str; 14] = [
    "service",
    "age",
    "thresholds",
    "instruments",
    "centres",
    "crisis_resources",
    "quick_exit_url",
    "retention_days",
    "languages",
    "default_language",
    "allowed_origins",
    "handoff",
    "theme",
    "referral",
];

#[test]
fn every_field_reads_as_serde_read_it() {
    let mut seen = BTreeSet::new();
    let mut compared = 0;
    let mut refused = 0;
    for doc in documents() {
        for variant in variants(&Value::Object(doc)) {
            let Value::Object(map) = variant else {
                continue;
            };
            for (key, value) in &map {
                // Unknown top-level fields are not a section's: the same code refuses them.
                if !SECTIONS.contains(&key.as_str())
                    || !seen.insert((key.clone(), value.to_string()))
                {
                    continue;
                }
                let expected = by_serde(key, value);
                refused += usize::from(expected.is_err());
                assert_eq!(by_hand(key, value), expected, "{key}: {value}");
                compared += 1;
            }
        }
    }
    // Enough cases, of both kinds, that a reader that drifts from serde is caught.
    assert!(compared > 3_000, "only {compared} fields compared");
    assert!(refused > 1_500, "only {refused} fields refused");
}

/// What the app relies on when it leaves `alternatives` and `referral` to the chunks that
/// use them: the start never reads or checks those sections (none of their problems,
/// none of their content), the deferred reading gives a section only when it found no
/// problem in it (a broken one stays at its default, the other is still used), and the
/// two together are the whole reading (`parse_config`, which the sections' own tests hold
/// to every problem by path).
#[test]
fn the_start_leaves_alternatives_and_referral_to_the_deferred_reading() {
    let mut docs = Vec::new();
    for (file, section) in [
        ("tests/e2e/host/configs/alternatives.json", "alternatives"),
        ("tests/e2e/host/configs/referral.json", "referral"),
    ] {
        let text = std::fs::read_to_string(crate::common::repo(file)).expect(file);
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        docs.push(doc.clone());
        // Every way of breaking the section, and the languages it must be written in.
        let written = doc.get(section).expect(section).clone();
        for variant in variants(&written) {
            let mut d = doc.clone();
            d[section] = variant;
            docs.push(d);
        }
        for languages in [
            json!(["en"]),
            json!(["zh-Hant-HK", "en"]),
            json!("en"),
            json!([]),
        ] {
            let mut d = doc.clone();
            d["languages"] = languages;
            docs.push(d);
        }
    }
    // Both sections at once, one broken and the other not.
    let referral: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::common::repo("tests/e2e/host/configs/referral.json"))
            .expect("referral.json"),
    )
    .expect("JSON");
    let mut both = docs[0].clone();
    both["referral"] = referral["referral"].clone();
    docs.push(both.clone());
    both["referral"]["endpoint"] = json!("ftp://nowhere");
    docs.push(both);

    let default = Config::default();
    let (mut broken, mut shown, mut offered) = (0, 0, 0);
    for d in &docs {
        let text = d.to_string();
        let start = screener_core::parse_config_start(&text);
        assert!(start.config.alternatives.is_empty(), "{text}");
        assert_eq!(start.config.referral, default.referral, "{text}");
        let deferred_path = |p: &ConfigProblem| {
            p.path.starts_with("alternatives") || p.path.starts_with("referral")
        };
        assert!(
            !start.problems.iter().any(deferred_path),
            "{text}: {:?}",
            start.problems
        );
        let (sections, later) = start.deferred.read();
        assert!(later.iter().all(deferred_path), "{text}: {later:?}");
        let broken_in = |name: &str| later.iter().any(|p| p.path.starts_with(name));
        if broken_in("alternatives") {
            assert!(sections.alternatives.is_empty(), "{text}");
        }
        if broken_in("referral") {
            assert_eq!(sections.referral, default.referral, "{text}");
        }
        broken += usize::from(!later.is_empty());
        shown += usize::from(!sections.alternatives.is_empty());
        offered += usize::from(sections.referral.endpoint.is_some());
        let whole = screener_core::parse_config(&text);
        if start.problems.is_empty() && later.is_empty() {
            let mut config = start.config;
            sections.fill(&mut config);
            assert_eq!(Ok(config), whole.map_err(|e| e.problems), "{text}");
        } else {
            let mut all = start.problems;
            all.extend(later);
            assert_eq!(
                whole.map_err(|e| e.problems.len()),
                Err(all.len()),
                "{text}"
            );
        }
    }
    assert!(
        docs.len() > 1_200 && broken > 600 && shown > 100 && offered > 50,
        "{} documents, {broken} broken, {shown} shown, {offered} offered",
        docs.len()
    );
}
