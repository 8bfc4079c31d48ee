//! Lenient reading of a partner's JSON: every type error and unknown field, by path (each
//! section read by [`super::read`]).

use serde_json::Value;

use super::read::{self, Read};
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
    whole(parse_config_start(json))
}

/// [`parse_config`] for an already-parsed JSON value.
pub fn parse_config_value(value: Value) -> Result<Config, ConfigError> {
    whole(start_from_value(value))
}

/// The start's reading and the deferred sections', together.
fn whole(start: StartConfig) -> Result<Config, ConfigError> {
    let (sections, later) = start.deferred.read();
    let mut problems = start.problems;
    problems.extend(later);
    if problems.is_empty() {
        let mut config = start.config;
        sections.fill(&mut config);
        Ok(config)
    } else {
        Err(ConfigError { problems })
    }
}

/// What the start of the app reads of a configuration: everything but the sections it
/// leaves to the screens that use them ([`Deferred`]), read and checked as
/// [`parse_config`] does. Together with [`Deferred::read`], the same problems as
/// [`parse_config`], in another order.
#[derive(Clone, Debug, PartialEq)]
pub struct StartConfig {
    /// The configuration as read, the deferred sections left at their defaults (none).
    /// Usable only when `problems` is empty.
    pub config: Config,
    /// Every problem of the sections read at the start, by path.
    pub problems: Vec<ConfigProblem>,
    /// The deferred sections, as written.
    pub deferred: Deferred,
}

/// The sections of a configuration that no first screen uses, kept as written for the
/// screens that do: `alternatives`, which only the result (and the request built from
/// it) shows, and `referral`, which only the result's offer, the contact and consent
/// screens and delivery use. Reading and checking them costs the first load more than
/// any other section, and a person at the first screens never needs them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deferred {
    alternatives: Option<Value>,
    referral: Option<Value>,
    /// The languages the configuration offers: its texts must be written in each.
    languages: Vec<Lang>,
}

/// The deferred sections as read: each at its default (no alternatives, no request sent)
/// when it has a problem, so a broken section leaves out only what it configures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeferredSections {
    /// `alternatives`, checked.
    pub alternatives: Vec<Alternative>,
    /// `referral`, checked.
    pub referral: ReferralConfig,
}

impl DeferredSections {
    /// Puts the sections into `config`.
    pub fn fill(self, config: &mut Config) {
        config.alternatives = self.alternatives;
        config.referral = self.referral;
    }
}

impl Deferred {
    /// Reads and checks the deferred sections: each one as written when it has no
    /// problem, at its default otherwise, and every problem by path, as [`parse_config`]
    /// reports them.
    pub fn read(&self) -> (DeferredSections, Vec<ConfigProblem>) {
        let langs = super::validate::offered(&self.languages);
        let mut problems = Vec::new();

        let mut p = Problems::default();
        let list = match &self.alternatives {
            Some(value) => alternatives::read(value.clone(), &mut p).unwrap_or_default(),
            None => Vec::new(),
        };
        alternatives::validate(&list, &langs, &mut p);
        let alternatives = usable(list, p, &mut problems);

        let mut p = Problems::default();
        let mut section = ReferralConfig::default();
        if let Some(value) = &self.referral {
            read(&mut section, value, "referral", &mut p, read::referral);
        }
        referral::validate(&section, &langs, &mut p);
        let referral = usable(section, p, &mut problems);

        (
            DeferredSections {
                alternatives,
                referral,
            },
            problems,
        )
    }

    /// Whether any section was deferred (nothing to read otherwise).
    pub fn is_empty(&self) -> bool {
        self.alternatives.is_none() && self.referral.is_none()
    }

    /// Whether `referral` waits to be read (until then, no result offers a request).
    pub fn has_referral(&self) -> bool {
        self.referral.is_some()
    }
}

/// A deferred section as read when `p` holds no problem, its default otherwise (the
/// problems move to `all`).
fn usable<T: Default>(section: T, p: Problems, all: &mut Vec<ConfigProblem>) -> T {
    if p.0.is_empty() {
        section
    } else {
        all.extend(p.0);
        T::default()
    }
}

/// Reads a configuration as the start of the app does (see [`StartConfig`]).
pub fn parse_config_start(json: &str) -> StartConfig {
    let refused = |reason: String| StartConfig {
        config: Config::default(),
        problems: vec![ConfigProblem {
            path: "$".to_owned(),
            reason,
        }],
        deferred: Deferred::default(),
    };
    if json.len() > MAX_DOCUMENT_BYTES {
        return refused(format!(
            "is {} bytes long; the limit is {MAX_DOCUMENT_BYTES}",
            json.len()
        ));
    }
    match serde_json::from_str::<Value>(json) {
        Ok(value) => start_from_value(value),
        Err(e) => refused(format!("not valid JSON: {e}")),
    }
}

fn start_from_value(value: Value) -> StartConfig {
    let mut p = Problems::default();
    let mut config = Config::default();
    let mut deferred = Deferred::default();
    let Value::Object(map) = value else {
        p.push("$", "expected a JSON object");
        return StartConfig {
            config,
            problems: p.0,
            deferred,
        };
    };
    // Over-long strings are refused before anything is read, wherever they are, so no
    // field (nor one added later) can carry a megabyte into the screens.
    long_strings_in(&map, "", &mut p);
    if p.0.is_empty() {
        for (key, value) in map {
            match key.as_str() {
                "alternatives" => deferred.alternatives = Some(value),
                "referral" => deferred.referral = Some(value),
                _ => read_field(&mut config, &key, value, &mut p),
            }
        }
        p.0.extend(config.validate_start().0);
        if !deferred.is_empty() {
            deferred.languages = config.languages.clone();
        }
    }
    StartConfig {
        config,
        problems: p.0,
        deferred,
    }
}

/// Reads one top-level field of a configuration into `config`, as [`parse_config`] does
/// (no validation, no length limits): the problems of that field, each by its path. For
/// tests that hold one field to what serde's derive made of it.
pub fn read_config_field(config: &mut Config, key: &str, value: Value) -> Vec<ConfigProblem> {
    let mut p = Problems::default();
    match key {
        "alternatives" => {
            config.alternatives = alternatives::read(value, &mut p).unwrap_or_default();
        }
        "referral" => read(&mut config.referral, &value, key, &mut p, read::referral),
        _ => read_field(config, key, value, &mut p),
    }
    p.0
}

/// Every top-level field but `alternatives` and `referral`, which are read by
/// [`Deferred::read`] (or by [`read_config_field`]).
fn read_field(config: &mut Config, path: &str, value: Value, p: &mut Problems) {
    match path {
        "service" => read(&mut config.service, &value, path, p, read::service),
        "age" => read(&mut config.age, &value, path, p, read::age),
        "thresholds" => read(&mut config.thresholds, &value, path, p, read::thresholds),
        "instruments" => read(&mut config.instruments, &value, path, p, read::instruments),
        "centres" => read_list(&mut config.centres, &value, path, p, read::centre),
        "crisis_resources" => read_list(
            &mut config.crisis_resources,
            &value,
            path,
            p,
            read::crisis_resource,
        ),
        "quick_exit_url" => read(&mut config.quick_exit_url, &value, path, p, read::string),
        "retention_days" => read(&mut config.retention_days, &value, path, p, read::u32_),
        "languages" => read_list(&mut config.languages, &value, path, p, read::lang),
        "default_language" => read(&mut config.default_language, &value, path, p, read::lang),
        "allowed_origins" => {
            read_list(&mut config.allowed_origins, &value, path, p, read::string)
        }
        "handoff" => read(&mut config.handoff, &value, path, p, read::handoff),
        "theme" => read(&mut config.theme, &value, path, p, read::theme),
        _ => p.push(
            path,
            "unknown field (expected one of service, age, thresholds, instruments, centres, crisis_resources, quick_exit_url, retention_days, languages, default_language, allowed_origins, handoff, theme, referral, alternatives)",
        ),
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

/// Reads one section with `reader`; on a problem, the default stays and the problem is
/// listed at `path`.
fn read<T>(
    slot: &mut T,
    value: &Value,
    path: &str,
    p: &mut Problems,
    reader: fn(&Value) -> Read<T>,
) {
    match reader(value) {
        Ok(v) => *slot = v,
        Err(reason) => p.push(path, reason),
    }
}

/// Reads a list section element by element, each problem at its element's path.
fn read_list<T>(
    slot: &mut Vec<T>,
    value: &Value,
    path: &str,
    p: &mut Problems,
    reader: fn(&Value) -> Read<T>,
) {
    let Value::Array(values) = value else {
        p.push(path, "expected an array");
        return;
    };
    let mut list = Vec::with_capacity(values.len());
    let mut ok = true;
    for (i, value) in values.iter().enumerate() {
        match reader(value) {
            Ok(v) => list.push(v),
            Err(reason) => {
                ok = false;
                p.push(format!("{path}[{i}]"), reason);
            }
        }
    }
    // A partly read list would produce misleading follow-up problems
    // (e.g. "duplicate id"), so it replaces the default only when whole.
    if ok {
        *slot = list;
    }
}
