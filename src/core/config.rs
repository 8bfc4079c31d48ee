//! Partner configuration: what varies between services using the screener.
//!
//! [`Config::default`] models the low-intensity service in Hong Kong described
//! in the project's service notes (Mind Hong Kong's description of its iACT
//! service): adults 18–65, PHQ-9, GAD-7 and WSAS asked, five centres, and the
//! Hong Kong crisis lines verified against the HKU Centre for Suicide Research
//! and Prevention's "getting help" page.
//!
//! **Reading.** A partner writes JSON. Omitted fields take the default
//! (`#[serde(default)]`), unknown fields are rejected (`deny_unknown_fields`)
//! so a typo such as `"retention_day"` cannot silently keep the default.
//! [`parse_config`] reads each top-level field separately so that *every*
//! type error is reported with its path at once, not just the first one
//! serde meets, then runs [`Config::validate`].
//!
//! **Validation** ([`Config::validate`]) rejects configurations that are
//! inconsistent or unsafe: an empty age range, a threshold outside its
//! scale, no crisis resources or none marked as the emergency number, links
//! that are not `tel:`, `sms:` or `https:`, duplicate ids, zero retention,
//! a default language that is not offered, wildcard origins, theme values
//! that could smuggle CSS. Each problem names its path (`"age.min"`,
//! `"crisis_resources[2].href"`) and a reason; all are listed together.
//!
//! Everything here is plain data: no I/O, no clock.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::default_questionnaire::{AGE_INPUT_MAX, AGE_INPUT_MIN};
use super::instruments::Instrument;
use super::text::{t, Lang, Text};

/// The whole partner configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Name and short description of the service.
    pub service: ServiceInfo,
    /// Eligible age range.
    pub age: AgeRange,
    /// Scores at which people are referred to higher-intensity care.
    pub thresholds: Thresholds,
    /// Which standard instruments are asked.
    pub instruments: InstrumentSet,
    /// Centres a person can choose from.
    pub centres: Vec<Centre>,
    /// Crisis resources, in display order; shown on every page and first on
    /// an `UrgentSupport` outcome.
    pub crisis_resources: Vec<CrisisResource>,
    /// Where "Exit this page" goes (https only). Default: the Hong Kong
    /// Observatory home page, a common, innocuous site.
    pub quick_exit_url: String,
    /// Days after which stored answers are deleted (at least 1, at most 365).
    pub retention_days: u32,
    /// Languages offered.
    pub languages: Vec<Lang>,
    /// Language used when the browser asks for none of `languages`.
    pub default_language: Lang,
    /// Host-page origins allowed to receive the handoff by `postMessage`
    /// (never `"*"`). Empty: standalone use, no handoff.
    pub allowed_origins: Vec<String>,
    /// What the handoff carries.
    pub handoff: Handoff,
    /// Visual customisation.
    pub theme: Theme,
}

/// Name and description of the service, shown on the first page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceInfo {
    /// Service name.
    pub name: Text,
    /// One or two sentences on what it offers.
    pub description: Text,
}

/// Eligible age range, inclusive, in whole years.
///
/// Default 18–65: the service FAQ says 18–65 (another page of the same
/// service says 12–65; a partner serving younger people can set `min`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgeRange {
    /// Youngest eligible age.
    pub min: u8,
    /// Oldest eligible age.
    pub max: u8,
}

/// Referral thresholds for higher-intensity care (inclusive: a score equal
/// to the threshold is referred).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Default 20: the service's published referral rule refers elsewhere
    /// when PHQ-9 is 20 or more (the "severe" band, Kroenke 2001).
    pub phq9_higher_intensity: u8,
    /// Default 15: the GAD-7 "severe" band (Spitzer 2006). The service's
    /// published rule names no GAD-7 threshold; this mirrors the PHQ-9 rule
    /// at the same band.
    pub gad7_higher_intensity: u8,
}

/// Which standard instruments are asked and scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InstrumentSet {
    /// PHQ-9 (depression).
    pub phq9: bool,
    /// GAD-7 (anxiety).
    pub gad7: bool,
    /// WSAS (functioning; scored, not used for eligibility).
    pub wsas: bool,
}

impl InstrumentSet {
    /// Whether `instrument` is asked.
    pub fn enabled(&self, instrument: Instrument) -> bool {
        match instrument {
            Instrument::Phq9 => self.phq9,
            Instrument::Gad7 => self.gad7,
            Instrument::Wsas => self.wsas,
        }
    }
}

/// A centre a person can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Centre {
    /// Stable id (stored as the answer to `contact_centre`): 1–64 characters
    /// of `a-z`, `0-9`, `_`, `-`.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// District or region.
    pub area: Text,
}

/// A crisis line or service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisResource {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Number as displayed, e.g. `"2896 0000"`.
    pub number: String,
    /// Link: `tel:`, `sms:` or `https:`.
    pub href: String,
    /// Opening hours.
    pub hours: Text,
    /// Languages spoken; both versions empty (or the field omitted) when
    /// the source does not say.
    #[serde(default)]
    pub languages: Text,
    /// The emergency number (shown first and most prominently).
    #[serde(default)]
    pub emergency: bool,
}

/// What is handed to the host page when a person finishes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Handoff {
    /// Include the raw answers, not just the outcome, scores and contact
    /// preferences. Off by default: share the least that does the job.
    pub include_answers: bool,
}

/// Visual customisation, restricted to values that cannot inject CSS or
/// markup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    /// Colour overrides keyed by role (see [`Theme::COLOR_KEYS`]). Values:
    /// `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)`, `rgba(…)`,
    /// `hsl(…)`, `hsla(…)` with numeric arguments, or a colour keyword
    /// (letters only).
    pub colors: BTreeMap<String, String>,
    /// CSS font-family list: letters, digits, spaces, commas, hyphens and
    /// balanced quotes only.
    pub font_family: Option<String>,
    /// Logo image (https only).
    pub logo_url: Option<String>,
}

impl Theme {
    /// The colour roles a partner may set.
    pub const COLOR_KEYS: &'static [&'static str] = &[
        "primary",
        "on_primary",
        "background",
        "surface",
        "text",
        "muted_text",
        "border",
        "accent",
        "focus",
        "danger",
        "on_danger",
    ];
}

impl Default for Config {
    fn default() -> Config {
        Config {
            service: ServiceInfo::default(),
            age: AgeRange::default(),
            thresholds: Thresholds::default(),
            instruments: InstrumentSet::default(),
            centres: default_centres(),
            crisis_resources: default_crisis_resources(),
            quick_exit_url: "https://www.hko.gov.hk/en/index.html".to_owned(),
            retention_days: 30,
            languages: Lang::ALL.to_vec(),
            default_language: Lang::En,
            allowed_origins: Vec::new(),
            handoff: Handoff::default(),
            theme: Theme::default(),
        }
    }
}

impl Default for ServiceInfo {
    fn default() -> ServiceInfo {
        ServiceInfo {
            name: t("Low-intensity psychological support", "低強度心理支援服務"),
            description: t(
                "Free support for adults with mild to moderate depression, anxiety or other emotional difficulties: 6 to 8 sessions with a trained wellbeing practitioner over about 3 months.",
                "為受輕度至中度抑鬱、焦慮或其他情緒困擾的成年人提供免費支援：約三個月內，與受過訓練的身心健康從業員進行六至八節會面。",
            ),
        }
    }
}

impl Default for AgeRange {
    fn default() -> AgeRange {
        AgeRange { min: 18, max: 65 }
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            phq9_higher_intensity: 20,
            gad7_higher_intensity: 15,
        }
    }
}

impl Default for InstrumentSet {
    fn default() -> InstrumentSet {
        InstrumentSet {
            phq9: true,
            gad7: true,
            wsas: true,
        }
    }
}

fn centre(id: &str, name: Text, area: Text) -> Centre {
    Centre {
        id: id.to_owned(),
        name,
        area,
    }
}

fn default_centres() -> Vec<Centre> {
    let island = || t("Hong Kong Island", "香港島");
    let kowloon = || t("Kowloon", "九龍");
    let nt = || t("New Territories", "新界");
    vec![
        centre("central", t("Central", "中環"), island()),
        centre("mong_kok", t("Mong Kok", "旺角"), kowloon()),
        centre("kwun_tong", t("Kwun Tong", "觀塘"), kowloon()),
        centre("sha_tin", t("Sha Tin", "沙田"), nt()),
        centre("tsuen_wan", t("Tsuen Wan", "荃灣"), nt()),
    ]
}

fn crisis(
    id: &str,
    name: Text,
    number: &str,
    href: &str,
    languages: Text,
    emergency: bool,
) -> CrisisResource {
    CrisisResource {
        id: id.to_owned(),
        name,
        number: number.to_owned(),
        href: href.to_owned(),
        hours: t("24 hours", "24小時"),
        languages,
        emergency,
    }
}

/// Hong Kong crisis resources, as verified at the HKU Centre for Suicide
/// Research and Prevention's "getting help" page and government news. All
/// are 24-hour. Languages are given only where the source states them.
fn default_crisis_resources() -> Vec<CrisisResource> {
    let unstated = || t("", "");
    vec![
        crisis(
            "emergency",
            t("Emergency services", "緊急服務"),
            "999",
            "tel:999",
            unstated(),
            true,
        ),
        crisis(
            "samaritans",
            t("The Samaritans Hong Kong", "香港撒瑪利亞會"),
            "2896 0000",
            "tel:+85228960000",
            t(
                "English, Cantonese, Mandarin and other languages",
                "英語、廣東話、普通話及其他語言",
            ),
            false,
        ),
        crisis(
            "samaritan_befrienders",
            t("Samaritan Befrienders Hong Kong", "香港撒瑪利亞防止自殺會"),
            "2389 2222",
            "tel:+85223892222",
            t("Cantonese, English", "廣東話、英語"),
            false,
        ),
        crisis(
            "suicide_prevention_services",
            t("Suicide Prevention Services", "生命熱線"),
            "2382 0000",
            "tel:+85223820000",
            t("Cantonese", "廣東話"),
            false,
        ),
        crisis(
            "mental_health_support_hotline",
            t("Mental Health Support Hotline", "精神健康支援熱線"),
            "18111",
            "tel:18111",
            unstated(),
            false,
        ),
        crisis(
            "ha_mental_health_direct",
            t(
                "Hospital Authority Mental Health Direct",
                "醫院管理局精神健康專線",
            ),
            "2466 7350",
            "tel:+85224667350",
            unstated(),
            false,
        ),
    ]
}

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
struct Problems(Vec<ConfigProblem>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.0.push(ConfigProblem {
            path: path.into(),
            reason: reason.into(),
        });
    }

    /// Requires visible text in every offered language.
    fn text(&mut self, path: &str, text: &Text, languages: &[Lang]) {
        for &lang in languages {
            if !text.has(lang) {
                self.push(format!("{path}.{}", lang_field(lang)), "must not be empty");
            }
        }
    }

    fn id(&mut self, path: String, id: &str, seen: &mut BTreeMap<String, String>) {
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

fn lang_field(lang: Lang) -> &'static str {
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
fn is_host_port(s: &str) -> bool {
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
fn check_https_url(url: &str) -> Result<(), &'static str> {
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
fn check_crisis_href(href: &str) -> Result<(), &'static str> {
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

impl Config {
    /// Every problem with this configuration; empty means usable.
    pub fn validate(&self) -> Vec<ConfigProblem> {
        let mut p = Problems::default();
        let langs: Vec<Lang> = {
            let mut langs = self.languages.clone();
            langs.dedup();
            langs
        };

        p.text("service.name", &self.service.name, &langs);
        p.text("service.description", &self.service.description, &langs);

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
        }
        let mut seen = BTreeMap::new();
        for (i, c) in self.centres.iter().enumerate() {
            let at = format!("centres[{i}]");
            p.id(format!("{at}.id"), &c.id, &mut seen);
            p.text(&format!("{at}.name"), &c.name, &langs);
            p.text(&format!("{at}.area"), &c.area, &langs);
        }

        if self.crisis_resources.is_empty() {
            p.push(
                "crisis_resources",
                "at least one crisis resource is needed: people at risk must always be shown where to get help",
            );
        } else if !self.crisis_resources.iter().any(|r| r.emergency) {
            p.push(
                "crisis_resources",
                "one resource must be marked \"emergency\": true (the emergency number shown first)",
            );
        }
        let mut seen = BTreeMap::new();
        for (i, r) in self.crisis_resources.iter().enumerate() {
            let at = format!("crisis_resources[{i}]");
            p.id(format!("{at}.id"), &r.id, &mut seen);
            p.text(&format!("{at}.name"), &r.name, &langs);
            if r.number.trim().is_empty() {
                p.push(format!("{at}.number"), "must not be empty");
            }
            if let Err(reason) = check_crisis_href(&r.href) {
                p.push(format!("{at}.href"), reason);
            }
            p.text(&format!("{at}.hours"), &r.hours, &langs);
            let given: Vec<Lang> = langs
                .iter()
                .copied()
                .filter(|&l| r.languages.has(l))
                .collect();
            if !given.is_empty() {
                p.text(&format!("{at}.languages"), &r.languages, &langs);
            }
        }

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

        p.0
    }
}

/// Reads a partner configuration from JSON and validates it.
///
/// Syntax errors are reported once (path `"$"`), since nothing after them
/// can be read reliably. Otherwise each top-level field is read on its own,
/// list fields element by element, so every type error and unknown field is
/// listed with its path; then [`Config::validate`] runs on what could be
/// read, and its problems are added. `Ok` only when there are none at all.
pub fn parse_config(json: &str) -> Result<Config, ConfigError> {
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
            _ => p.push(
                path,
                "unknown field (expected one of service, age, thresholds, instruments, centres, crisis_resources, quick_exit_url, retention_days, languages, default_language, allowed_origins, handoff, theme)",
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
