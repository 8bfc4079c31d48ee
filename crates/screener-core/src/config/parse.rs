//! Lenient reading of a partner's JSON: every type error and unknown field, by path.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::validate::{too_long, Problems};
use super::*;

/// Reads a partner configuration from JSON and validates it.
///
/// Syntax errors are reported once (path `"$"`), since nothing after them
/// can be read reliably. Otherwise each top-level field is read on its own,
/// list fields element by element, so every type error and unknown field is
/// listed with its path; then [`Config::validate`] runs on what could be
/// read, and its problems are added. `Ok` only when there are none at all.
pub fn parse_config(json: &str) -> Result<Config, ConfigError> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(ConfigError {
            problems: vec![ConfigProblem {
                path: "$".to_owned(),
                reason: format!(
                    "is {} bytes long; the limit is {MAX_DOCUMENT_BYTES}",
                    json.len()
                ),
            }],
        });
    }
    match serde_json::from_str::<Value>(json) {
        Ok(value) => parse_config_value(value),
        Err(e) => Err(ConfigError {
            problems: vec![ConfigProblem {
                path: "$".to_owned(),
                reason: format!("not valid JSON: {e}"),
            }],
        }),
    }
}

/// [`parse_config`] for an already-parsed JSON value.
pub fn parse_config_value(value: Value) -> Result<Config, ConfigError> {
    let mut p = Problems::default();
    let mut config = Config::default();
    let Value::Object(map) = value else {
        p.push("$", "expected a JSON object");
        return Err(ConfigError { problems: p.0 });
    };
    // Over-long strings are refused before anything is read, wherever they are, so no
    // field (nor one added later) can carry a megabyte into the screens.
    long_strings_in(&map, "", &mut p);
    if !p.0.is_empty() {
        return Err(ConfigError { problems: p.0 });
    }
    for (key, value) in map {
        let path = key.as_str();
        match path {
            "service" => read(&mut config.service, value, path, &mut p),
            "age" => read(&mut config.age, value, path, &mut p),
            "thresholds" => read(&mut config.thresholds, value, path, &mut p),
            "instruments" => read(&mut config.instruments, value, path, &mut p),
            "centres" => read_list(&mut config.centres, value, path, &mut p),
            "crisis_resources" => read_list(&mut config.crisis_resources, value, path, &mut p),
            "quick_exit_url" => read(&mut config.quick_exit_url, value, path, &mut p),
            "retention_days" => read(&mut config.retention_days, value, path, &mut p),
            "languages" => read_list(&mut config.languages, value, path, &mut p),
            "default_language" => read(&mut config.default_language, value, path, &mut p),
            "allowed_origins" => read_list(&mut config.allowed_origins, value, path, &mut p),
            "handoff" => read(&mut config.handoff, value, path, &mut p),
            "theme" => read(&mut config.theme, value, path, &mut p),
            "referral" => read(&mut config.referral, value, path, &mut p),
            "alternatives" => config.alternatives = alternatives::read(value, &mut p).unwrap_or_default(),
            _ => p.push(
                path,
                "unknown field (expected one of service, age, thresholds, instruments, centres, crisis_resources, quick_exit_url, retention_days, languages, default_language, allowed_origins, handoff, theme, referral, alternatives)",
            ),
        }
    }
    p.0.extend(config.validate());
    if p.0.is_empty() {
        Ok(config)
    } else {
        Err(ConfigError { problems: p.0 })
    }
}

/// Longest configuration document, in bytes: ample for every field at its limits.
pub const MAX_DOCUMENT_BYTES: usize = 512 * 1024;
/// Longest string anywhere in a configuration, in characters (fields with tighter limits
/// of their own are checked by validation).
pub const MAX_STRING: usize = 2048;

/// Longest field name: every real one is far shorter.
const MAX_KEY: usize = 64;

fn field_name_too_long(len: usize) -> String {
    format!("has a field name {len} characters long; the limit is {MAX_KEY}")
}

/// Adds a problem for every string in `value` longer than [`MAX_STRING`] characters.
fn long_strings(value: &Value, path: &str, p: &mut Problems) {
    match value {
        Value::String(s) => {
            let len = s.chars().count();
            if len > MAX_STRING {
                p.push(path, too_long(len, MAX_STRING));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                long_strings(item, &format!("{path}[{i}]"), p);
            }
        }
        Value::Object(map) => long_strings_in(map, path, p),
        _ => {}
    }
}

/// [`long_strings`] for each field of the object at `path` (`""`: the document), and a
/// problem for each field name over [`MAX_KEY`] characters.
fn long_strings_in(map: &serde_json::Map<String, Value>, path: &str, p: &mut Problems) {
    for (key, item) in map {
        let len = key.chars().count();
        if len > MAX_KEY {
            // Not echoed: the path would carry the very string being refused.
            let at = if path.is_empty() { "$" } else { path };
            p.push(at, field_name_too_long(len));
        } else if path.is_empty() {
            long_strings(item, key, p);
        } else {
            long_strings(item, &format!("{path}.{key}"), p);
        }
    }
}

fn read<T: DeserializeOwned>(slot: &mut T, value: Value, path: &str, p: &mut Problems) {
    match serde_json::from_value(value) {
        Ok(v) => *slot = v,
        Err(e) => p.push(path, e.to_string()),
    }
}

fn read_list<T: DeserializeOwned>(slot: &mut Vec<T>, value: Value, path: &str, p: &mut Problems) {
    let Value::Array(values) = value else {
        p.push(path, "expected an array");
        return;
    };
    let mut list = Vec::with_capacity(values.len());
    let mut ok = true;
    for (i, value) in values.into_iter().enumerate() {
        match serde_json::from_value(value) {
            Ok(v) => list.push(v),
            Err(e) => {
                ok = false;
                p.push(format!("{path}[{i}]"), e.to_string());
            }
        }
    }
    // A partly read list would produce misleading follow-up problems
    // (e.g. "duplicate id"), so it replaces the default only when whole.
    if ok {
        *slot = list;
    }
}
