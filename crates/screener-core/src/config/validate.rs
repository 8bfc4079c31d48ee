//! Validation: every problem of a configuration, each with its path and a reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::*;
use crate::instruments::Instrument;
use crate::names::{AGE_INPUT_MAX, AGE_INPUT_MIN};
use crate::text::{Lang, Text};

/// One thing wrong with a configuration.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConfigProblem {
    /// Where: dotted path with indices, e.g. `"crisis_resources[2].href"`;
    /// `"$"` for the document as a whole.
    pub path: String,
    /// Why, in plain English for the partner's developer.
    pub reason: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// A configuration that cannot be used, with every problem found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration ({} problem(s))", .problems.len())]
pub struct ConfigError {
    /// Every problem: reading problems (field by field) first, then
    /// validation problems in the order of [`Config`]'s fields.
    pub problems: Vec<ConfigProblem>,
}

/// Collects problems with their paths.
#[derive(Default)]
pub(super) struct Problems(pub(super) Vec<ConfigProblem>);

impl Problems {
    pub(super) fn push(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.0.push(ConfigProblem {
            path: path.into(),
            reason: reason.into(),
        });
    }

    /// Requires visible text in every offered language.
    pub(super) fn text(&mut self, path: &str, text: &Text, languages: &[Lang]) {
        for &lang in languages {
            if !text.has(lang) {
                self.push(format!("{path}.{}", lang_field(lang)), "must not be empty");
            }
        }
    }

    /// Refuses a text longer than `max` characters in either language.
    pub(super) fn text_max(&mut self, path: &str, text: &Text, max: usize) {
        for lang in Lang::ALL {
            self.str_max(&format!("{path}.{}", lang_field(lang)), text.get(lang), max);
        }
    }

    /// Refuses a string longer than `max` characters.
    pub(super) fn str_max(&mut self, path: &str, s: &str, max: usize) {
        let len = s.chars().count();
        if len > max {
            self.push(path, too_long(len, max));
        }
    }

    pub(super) fn id(&mut self, path: String, id: &str, seen: &mut BTreeMap<String, String>) {
        if !is_id(id) {
            self.push(
                path.clone(),
                "must be 1 to 64 characters of a-z, 0-9, '_' or '-'",
            );
        }
        if let Some(first) = seen.get(id) {
            self.push(path, format!("duplicate id `{id}` (first used at {first})"));
        } else {
            seen.insert(id.to_owned(), path);
        }
    }
}

/// The languages every text must be written in: those offered, each once.
pub(super) fn offered(languages: &[Lang]) -> Vec<Lang> {
    let mut langs = languages.to_vec();
    langs.dedup();
    langs
}

/// "is 5000 characters long; the limit is 200".
pub(super) fn too_long(len: usize, max: usize) -> String {
    format!("is {len} characters long; the limit is {max}")
}

pub(super) fn lang_field(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::ZhHantHk => "zh",
    }
}

fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Host with an optional port: letters, digits, dots and hyphens (or a
/// bracketed IPv6 literal), then `:digits`.
pub(super) fn is_host_port(s: &str) -> bool {
    let (host_ok, port) = if let Some(rest) = s.strip_prefix('[') {
        let Some((v6, port)) = rest.split_once(']') else {
            return false;
        };
        let ok = !v6.is_empty() && v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
        (ok, port)
    } else {
        let (host, port) = s.split_at(s.find(':').unwrap_or(s.len()));
        let ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        (ok, port)
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| (1..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

/// An https URL with a plausible host and nothing that could break out of
/// an attribute or a CSS `url()`.
pub(super) fn check_https_url(url: &str) -> Result<(), &'static str> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err("must be an https:// URL");
    };
    if url.len() > 2048 {
        return Err("is longer than 2048 characters");
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`(){}|^".contains(c))
    {
        return Err(
            "contains spaces, quotes, brackets or other characters not allowed in a URL here",
        );
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') || !is_host_port(authority) {
        return Err("must name a host, e.g. https://example.org/");
    }
    Ok(())
}

/// `tel:`/`sms:` followed by a number (digits, an optional leading `+`,
/// and `-` separators), or an https URL.
pub(super) fn check_crisis_href(href: &str) -> Result<(), &'static str> {
    if let Some(number) = href
        .strip_prefix("tel:")
        .or_else(|| href.strip_prefix("sms:"))
    {
        let digits = number.strip_prefix('+').unwrap_or(number);
        if digits.is_empty()
            || !digits.chars().all(|c| c.is_ascii_digit() || c == '-')
            || !digits.chars().any(|c| c.is_ascii_digit())
        {
            return Err("a tel: or sms: link must be followed by a phone number (digits, optional leading +, hyphens)");
        }
        return Ok(());
    }
    if href.starts_with("https:") {
        return check_https_url(href);
    }
    Err("must be a tel:, sms: or https: link")
}

/// An origin for `postMessage`: `https://host[:port]`, or plain http for
/// local development hosts only. No path, no wildcard.
fn check_origin(origin: &str) -> Result<(), &'static str> {
    if origin.contains('*') {
        return Err("must name one origin; a wildcard would hand answers to any site");
    }
    let hostport = if let Some(rest) = origin.strip_prefix("https://") {
        rest
    } else if let Some(rest) = origin.strip_prefix("http://") {
        let local = ["localhost", "127.0.0.1", "[::1]"].iter().any(|host| {
            rest.strip_prefix(host)
                .is_some_and(|port| port.is_empty() || port.starts_with(':'))
        });
        if !local {
            return Err("must use https:// (plain http only for localhost)");
        }
        rest
    } else {
        return Err("must be an origin such as https://example.org");
    };
    if hostport.contains('/') {
        return Err("must be an origin only, without a path or trailing slash");
    }
    if !is_host_port(hostport) {
        return Err("must be an origin such as https://example.org");
    }
    Ok(())
}

/// A conservative CSS colour: hex, rgb()/rgba()/hsl()/hsla() with numeric
/// arguments, or a keyword of letters. Nothing else can get through, so a
/// value cannot close a declaration or a rule.
pub fn is_plain_css_colour(value: &str) -> bool {
    if let Some(hex) = value.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    for function in ["rgb(", "rgba(", "hsl(", "hsla("] {
        if let Some(args) = value.strip_prefix(function) {
            return args.strip_suffix(')').is_some_and(|inner| {
                (1..=64).contains(&inner.len())
                    && inner.chars().any(|c| c.is_ascii_digit())
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_digit() || " ,.%/".contains(c))
            });
        }
    }
    (1..=32).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphabetic())
}

fn check_font_family(value: &str) -> Result<(), &'static str> {
    if value.trim().is_empty() || value.len() > 200 {
        return Err("must be 1 to 200 characters");
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " ,-'\"".contains(c))
    {
        return Err("may contain only letters, digits, spaces, commas, hyphens and quotes");
    }
    if !value.matches('"').count().is_multiple_of(2)
        || !value.matches('\'').count().is_multiple_of(2)
    {
        return Err("has unbalanced quotes");
    }
    Ok(())
}

/// Longest service or centre name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest description, in characters.
pub const MAX_PARAGRAPH: usize = 1000;
/// Most centres in one configuration (the centre question lists them all).
pub const MAX_CENTRES: usize = 100;

impl Config {
    /// Every problem with this configuration; empty means usable.
    pub fn validate(&self) -> Vec<ConfigProblem> {
        let mut p = self.validate_start();
        let langs = offered(&self.languages);
        super::alternatives::validate(&self.alternatives, &langs, &mut p);
        super::referral::validate(&self.referral, &langs, &mut p);
        p.0
    }

    /// Every problem but those of the sections the start leaves to later screens
    /// (`alternatives` and `referral`, see [`super::Deferred`]).
    pub(super) fn validate_start(&self) -> Problems {
        let mut p = Problems::default();
        let langs = offered(&self.languages);

        p.text("service.name", &self.service.name, &langs);
        p.text_max("service.name", &self.service.name, MAX_NAME);
        p.text("service.description", &self.service.description, &langs);
        p.text_max(
            "service.description",
            &self.service.description,
            MAX_PARAGRAPH,
        );
        super::service::validate(&self.service, &langs, &mut p);

        if self.age.min > self.age.max {
            p.push(
                "age",
                format!("min ({}) is above max ({})", self.age.min, self.age.max),
            );
        }
        for (field, value) in [("min", self.age.min), ("max", self.age.max)] {
            if i64::from(value) > AGE_INPUT_MAX || i64::from(value) < AGE_INPUT_MIN {
                p.push(
                    format!("age.{field}"),
                    format!("must be between {AGE_INPUT_MIN} and {AGE_INPUT_MAX}, the ages the age question accepts"),
                );
            }
        }

        for (field, value, instrument) in [
            (
                "phq9_higher_intensity",
                self.thresholds.phq9_higher_intensity,
                Instrument::Phq9,
            ),
            (
                "gad7_higher_intensity",
                self.thresholds.gad7_higher_intensity,
                Instrument::Gad7,
            ),
        ] {
            let max = instrument.max_score();
            if !(1..=max).contains(&value) {
                p.push(
                    format!("thresholds.{field}"),
                    format!(
                        "{value} is outside the {} total range (use 1 to {max})",
                        instrument.name()
                    ),
                );
            }
        }

        if !self.instruments.phq9 && !self.instruments.gad7 {
            p.push(
                "instruments",
                "at least one of phq9 and gad7 must be enabled: the eligibility rules rest on them",
            );
        }

        if self.centres.is_empty() {
            p.push("centres", "at least one centre is needed");
        } else if self.centres.len() > MAX_CENTRES {
            p.push(
                "centres",
                format!(
                    "has {} centres; at most {MAX_CENTRES} are allowed",
                    self.centres.len()
                ),
            );
        }
        let mut seen = BTreeMap::new();
        for (i, c) in self.centres.iter().enumerate() {
            let at = format!("centres[{i}]");
            p.id(format!("{at}.id"), &c.id, &mut seen);
            p.text(&format!("{at}.name"), &c.name, &langs);
            p.text_max(&format!("{at}.name"), &c.name, MAX_NAME);
            p.text(&format!("{at}.area"), &c.area, &langs);
            p.text_max(&format!("{at}.area"), &c.area, MAX_NAME);
        }

        super::crisis::validate(&self.crisis_resources, &langs, &mut p);

        if let Err(reason) = check_https_url(&self.quick_exit_url) {
            p.push("quick_exit_url", reason);
        }

        if self.retention_days == 0 {
            p.push("retention_days", "must be at least 1");
        } else if self.retention_days > 365 {
            p.push(
                "retention_days",
                "must be at most 365: keep answers no longer than needed",
            );
        }

        if self.languages.is_empty() {
            p.push("languages", "at least one language is needed");
        }
        for (i, lang) in self.languages.iter().enumerate() {
            if self.languages[..i].contains(lang) {
                p.push(
                    format!("languages[{i}]"),
                    format!("duplicate language `{}`", lang.tag()),
                );
            }
        }
        if !self.languages.is_empty() && !self.languages.contains(&self.default_language) {
            p.push(
                "default_language",
                format!("`{}` is not one of languages", self.default_language.tag()),
            );
        }

        let mut origins = BTreeSet::new();
        for (i, origin) in self.allowed_origins.iter().enumerate() {
            let at = format!("allowed_origins[{i}]");
            if let Err(reason) = check_origin(origin) {
                p.push(at, reason);
            } else if !origins.insert(origin.as_str()) {
                p.push(at, format!("duplicate origin `{origin}`"));
            }
        }
        if self.handoff.include_answers && self.allowed_origins.is_empty() {
            p.push(
                "handoff.include_answers",
                "answers can only be handed to an allowed origin, and allowed_origins is empty",
            );
        }

        for (key, value) in &self.theme.colors {
            let at = format!("theme.colors.{key}");
            if !Theme::COLOR_KEYS.contains(&key.as_str()) {
                p.push(
                    at,
                    format!(
                        "unknown colour role (allowed: {})",
                        Theme::COLOR_KEYS.join(", ")
                    ),
                );
            } else if !is_plain_css_colour(value) {
                p.push(
                    at,
                    "not a plain CSS colour (use #rgb, #rrggbb, rgb(…), hsl(…) or a colour name)",
                );
            }
        }
        if let Some(font) = &self.theme.font_family {
            if let Err(reason) = check_font_family(font) {
                p.push("theme.font_family", reason);
            }
        }
        if let Some(url) = &self.theme.logo_url {
            if let Err(reason) = check_https_url(url) {
                p.push("theme.logo_url", reason);
            }
        }

        super::referral::validate_contact(&self.service.contact, &langs, &mut p);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid() {
        assert_eq!(Config::default().validate(), vec![]);
    }

    #[test]
    fn colours() {
        for ok in [
            "#fff",
            "#FFFA",
            "#00aa11",
            "#00aa11cc",
            "rgb(0, 10, 255)",
            "rgba(0,0,0,0.5)",
            "hsl(120 50% 50% / 0.3)",
            "rebeccapurple",
        ] {
            assert!(is_plain_css_colour(ok), "{ok}");
        }
        for bad in [
            "",
            "#ff",
            "#ggg",
            "red;",
            "red}body{",
            "url(x)",
            "rgb()",
            "rgb(1,2,3",
            "var(--x)",
            "expression(alert(1))",
            "#fff;background:url(x)",
            "rgb(a)",
        ] {
            assert!(!is_plain_css_colour(bad), "{bad}");
        }
    }

    #[test]
    fn urls_and_origins() {
        assert!(check_https_url("https://www.hko.gov.hk/en/index.html").is_ok());
        assert!(check_https_url("https://example.org:8443/x?y=1#z").is_ok());
        for bad in [
            "http://example.org",
            "https://",
            "https:///x",
            "https://a b",
            "https://x/\")",
            "javascript:alert(1)",
            "https://user@evil.org",
        ] {
            assert!(check_https_url(bad).is_err(), "{bad}");
        }
        assert!(check_crisis_href("tel:999").is_ok());
        assert!(check_crisis_href("tel:+852-2896-0000").is_ok());
        assert!(check_crisis_href("sms:+85212345678").is_ok());
        for bad in [
            "tel:",
            "tel:+",
            "tel:abc",
            "mailto:x@y",
            "http://x.org",
            "javascript:1",
        ] {
            assert!(check_crisis_href(bad).is_err(), "{bad}");
        }
        for ok in [
            "https://partner.org",
            "https://partner.org:8443",
            "http://localhost:8080",
            "http://127.0.0.1",
        ] {
            assert!(check_origin(ok).is_ok(), "{ok}");
        }
        for bad in [
            "*",
            "https://*.partner.org",
            "https://partner.org/",
            "http://partner.org",
            "partner.org",
            "https://",
        ] {
            assert!(check_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fonts() {
        assert!(check_font_family("\"Noto Sans TC\", Arial, sans-serif").is_ok());
        for bad in ["", "a;b", "x\"", "a{b}", "a/*", "url(x)"] {
            assert!(check_font_family(bad).is_err(), "{bad}");
        }
    }
}
