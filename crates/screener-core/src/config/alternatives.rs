//! The `alternatives` section: real services a partner lists for the people this service
//! does not fit (or who wait for it), each with who it is for and how to reach it.
//!
//! The built-in default lists **none**: the screener invents no service, number or
//! address. Without a list, the result shows the generic kinds of support (peer support, a
//! family doctor, other services) and the configured crisis lines, as it always has.
//!
//! Reading is hand-written over the JSON value (no serde derive): every unknown field,
//! unknown name (form, delivery, outcome) or wrong type is reported by its path, like the
//! rest of the configuration, and it costs the WebAssembly less than a derive would.
//! Which alternatives a person is shown is decided by [`crate::alternatives`].

use serde_json::{Map, Value};

use super::validate::{check_https_url, Problems};
use crate::names::{AGE_INPUT_MAX, AGE_INPUT_MIN};
use crate::text::{Lang, Text};

/// A situation a service suits, named after the screener's outcomes (see
/// [`crate::alternatives::situations`] for how an outcome maps to them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Situation {
    /// Eligible, with few symptoms (PHQ-9 and GAD-7 both below 5): `few_symptoms`.
    FewSymptoms,
    /// Scores at or above the higher-intensity thresholds: `higher_intensity`.
    HigherIntensity,
    /// Severe or complex needs, or care already under way: `complex_needs`.
    ComplexNeeds,
    /// Age outside the service's range: `outside_age_range`.
    OutsideAgeRange,
    /// Eligible, waiting for the service to get in touch: `eligible_waiting`.
    EligibleWaiting,
    /// A risk answer: shown below the crisis lines, never instead of them:
    /// `urgent_support`.
    UrgentSupport,
}

impl Situation {
    /// Every situation, in the order the deployment guide lists them.
    pub const ALL: [Situation; 6] = [
        Situation::FewSymptoms,
        Situation::HigherIntensity,
        Situation::ComplexNeeds,
        Situation::OutsideAgeRange,
        Situation::EligibleWaiting,
        Situation::UrgentSupport,
    ];

    /// The name used in `config.json`.
    pub fn name(self) -> &'static str {
        SITUATION_NAMES[self as usize]
    }
}

/// What kind of support a service is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// A support or self-help group run by trained peers: `peer_group`.
    PeerGroup,
    /// One-to-one peer support, mentoring or befriending: `peer_one_to_one`.
    PeerOneToOne,
    /// Online peer support (a forum, a chat community): `peer_online`.
    PeerOnline,
    /// A GP or family doctor: `doctor`.
    Doctor,
    /// A community or specialist mental health service: `community`.
    Community,
    /// Self-help (books, courses, apps): `self_help`.
    SelfHelp,
}

impl Form {
    /// Every form.
    pub const ALL: [Form; 6] = [
        Form::PeerGroup,
        Form::PeerOneToOne,
        Form::PeerOnline,
        Form::Doctor,
        Form::Community,
        Form::SelfHelp,
    ];

    /// The name used in `config.json`.
    pub fn name(self) -> &'static str {
        FORM_NAMES[self as usize]
    }

    /// Whether this is one of the forms of peer support.
    pub fn is_peer(self) -> bool {
        matches!(
            self,
            Form::PeerGroup | Form::PeerOneToOne | Form::PeerOnline
        )
    }
}

/// How a service is delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// In person: `face_to_face`.
    FaceToFace,
    /// Online (video, chat, forum): `online`.
    Online,
    /// By phone: `phone`.
    Phone,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 3] = [Mode::FaceToFace, Mode::Online, Mode::Phone];

    /// The name used in `config.json`.
    pub fn name(self) -> &'static str {
        MODE_NAMES[self as usize]
    }
}

/// What a (peer) service is mostly about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Approach {
    /// Talking things through: `talking`.
    Talking,
    /// Doing things together (walks, crafts, sport): `activities`.
    Activities,
}

impl Approach {
    /// Every approach.
    pub const ALL: [Approach; 2] = [Approach::Talking, Approach::Activities];

    /// The name used in `config.json`.
    pub fn name(self) -> &'static str {
        APPROACH_NAMES[self as usize]
    }
}

/// One service a partner lists. Text fields are bilingual; optional ones are empty when
/// not given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alternative {
    /// Stable id, named in the handoff: 1–64 characters of `a-z`, `0-9`, `_`, `-`.
    pub id: String,
    /// Name of the service.
    pub name: Text,
    /// What it offers, in a sentence or two.
    pub offers: Text,
    /// What kind of support it is.
    pub form: Form,
    /// How it is delivered (at least one).
    pub delivery: Vec<Mode>,
    /// What it is mostly about (optional; used to order peer options).
    pub approach: Vec<Approach>,
    /// The situations it suits, most fitting first (at least one).
    pub suits: Vec<Situation>,
    /// Ages it is for, inclusive (`None`: any age).
    pub age: Option<(u8, u8)>,
    /// Languages it works in (optional).
    pub languages: Text,
    /// What it costs, e.g. "Free" (optional).
    pub cost: Text,
    /// Phone number as displayed (optional; the `tel` link's number when empty).
    pub phone: String,
    /// Link to call it: `tel:` and a number.
    pub tel: String,
    /// Its web page: `https:`.
    pub url: String,
    /// Where it is (optional).
    pub address: Text,
    /// When it is open or answers (optional).
    pub hours: Text,
}

impl Alternative {
    /// The phone number to show: [`Alternative::phone`], else the `tel` link's number.
    pub fn phone_shown(&self) -> &str {
        if self.phone.trim().is_empty() {
            self.tel.strip_prefix("tel:").unwrap_or_default()
        } else {
            &self.phone
        }
    }

    /// Whether it is open to someone aged `age` (an unknown age excludes no one).
    pub fn takes_age(&self, age: Option<i64>) -> bool {
        match (self.age, age) {
            (Some((min, max)), Some(age)) => (i64::from(min)..=i64::from(max)).contains(&age),
            _ => true,
        }
    }
}

// The names in `config.json`, in the order of each enum's `ALL` (checked by a test).
const FORM_NAMES: [&str; 6] = [
    "peer_group",
    "peer_one_to_one",
    "peer_online",
    "doctor",
    "community",
    "self_help",
];
const MODE_NAMES: [&str; 3] = ["face_to_face", "online", "phone"];
const APPROACH_NAMES: [&str; 2] = ["talking", "activities"];
const SITUATION_NAMES: [&str; 6] = [
    "few_symptoms",
    "higher_intensity",
    "complex_needs",
    "outside_age_range",
    "eligible_waiting",
    "urgent_support",
];

const FIELDS: &str = "id, name, offers, form, delivery, approach, suits, age, languages, cost, phone, tel, url, address, hours";

/// Reads the `alternatives` list, every problem by path. `None` when any entry has a
/// problem (a half-read list would mislead later checks).
pub(super) fn read(value: Value, p: &mut Problems) -> Option<Vec<Alternative>> {
    let Value::Array(values) = value else {
        p.push("alternatives", "expected an array");
        return None;
    };
    let before = p.0.len();
    let list: Vec<Alternative> = values
        .into_iter()
        .enumerate()
        .filter_map(|(i, v)| read_one(v, &format!("alternatives[{i}]"), p))
        .collect();
    (p.0.len() == before).then_some(list)
}

fn read_one(value: Value, at: &str, p: &mut Problems) -> Option<Alternative> {
    let Value::Object(map) = value else {
        p.push(at, "expected an object");
        return None;
    };
    let before = p.0.len();
    let mut a = Alternative {
        id: String::new(),
        name: Text::default(),
        offers: Text::default(),
        form: Form::SelfHelp,
        delivery: Vec::new(),
        approach: Vec::new(),
        suits: Vec::new(),
        age: None,
        languages: Text::default(),
        cost: Text::default(),
        phone: String::new(),
        tel: String::new(),
        url: String::new(),
        address: Text::default(),
        hours: Text::default(),
    };
    for required in ["id", "name", "offers", "form", "delivery", "suits"] {
        if !map.contains_key(required) {
            p.push(format!("{at}.{required}"), "missing");
        }
    }
    for (key, v) in map {
        let path = format!("{at}.{key}");
        let path = path.as_str();
        match key.as_str() {
            "id" => a.id = string(v, path, p),
            "phone" => a.phone = string(v, path, p),
            "tel" => a.tel = string(v, path, p),
            "url" => a.url = string(v, path, p),
            "name" => a.name = text(v, path, p),
            "offers" => a.offers = text(v, path, p),
            "languages" => a.languages = text(v, path, p),
            "cost" => a.cost = text(v, path, p),
            "address" => a.address = text(v, path, p),
            "hours" => a.hours = text(v, path, p),
            "form" => {
                if let Some(i) = name(&v, &FORM_NAMES, path, p) {
                    a.form = Form::ALL[i];
                }
            }
            "delivery" => {
                a.delivery = names(v, &MODE_NAMES, path, p)
                    .into_iter()
                    .map(|i| Mode::ALL[i])
                    .collect();
            }
            "approach" => {
                a.approach = names(v, &APPROACH_NAMES, path, p)
                    .into_iter()
                    .map(|i| Approach::ALL[i])
                    .collect();
            }
            "suits" => {
                a.suits = names(v, &SITUATION_NAMES, path, p)
                    .into_iter()
                    .map(|i| Situation::ALL[i])
                    .collect();
            }
            "age" => a.age = age(v, path, p),
            _ => p.push(path, format!("unknown field (expected one of {FIELDS})")),
        }
    }
    (p.0.len() == before).then_some(a)
}

fn string(value: Value, path: &str, p: &mut Problems) -> String {
    match value {
        Value::String(s) => s,
        _ => {
            p.push(path, "expected a string");
            String::new()
        }
    }
}

fn text(value: Value, path: &str, p: &mut Problems) -> Text {
    super::read::text(&value).unwrap_or_else(|e| {
        p.push(path, format!("expected {{\"en\": …, \"zh\": …}}: {e}"));
        Text::default()
    })
}

/// The position of `value` among `names` (reporting an unknown name by path).
/// Not generic on purpose: one copy in the WebAssembly for every list of names.
fn name(value: &Value, names: &[&str], path: &str, p: &mut Problems) -> Option<usize> {
    let found = value
        .as_str()
        .and_then(|s| names.iter().position(|n| *n == s));
    if found.is_none() {
        p.push(
            path,
            format!(
                "unknown name {value} (expected one of {})",
                names.join(", ")
            ),
        );
    }
    found
}

/// The positions of a list of names, each at most once.
fn names(value: Value, names_: &[&str], path: &str, p: &mut Problems) -> Vec<usize> {
    let Value::Array(values) = value else {
        p.push(path, "expected an array of names");
        return Vec::new();
    };
    let mut list = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if let Some(x) = name(v, names_, &format!("{path}[{i}]"), p) {
            if !list.contains(&x) {
                list.push(x);
            }
        }
    }
    list
}

fn age(value: Value, path: &str, p: &mut Problems) -> Option<(u8, u8)> {
    let Value::Object(map) = value else {
        p.push(path, "expected {\"min\": …, \"max\": …}");
        return None;
    };
    let mut bound = |map: &Map<String, Value>, key: &str, default: i64| {
        let Some(v) = map.get(key) else {
            return Some(default);
        };
        let n = v
            .as_i64()
            .filter(|n| (AGE_INPUT_MIN..=AGE_INPUT_MAX).contains(n));
        if n.is_none() {
            p.push(
                format!("{path}.{key}"),
                format!("must be a whole number from {AGE_INPUT_MIN} to {AGE_INPUT_MAX}"),
            );
        }
        n
    };
    let min = bound(&map, "min", AGE_INPUT_MIN);
    let max = bound(&map, "max", AGE_INPUT_MAX);
    if let Some(key) = map.keys().find(|k| !matches!(k.as_str(), "min" | "max")) {
        p.push(format!("{path}.{key}"), "unknown field (expected min, max)");
    }
    // Both bounds are in 0..=120 here, so they fit a u8.
    Some((u8::try_from(min?).ok()?, u8::try_from(max?).ok()?))
}

/// Every problem of a list of alternatives (called by [`super::Config::validate`]).
pub(super) fn validate(list: &[Alternative], langs: &[Lang], p: &mut Problems) {
    let mut seen = std::collections::BTreeMap::new();
    for (i, a) in list.iter().enumerate() {
        let at = format!("alternatives[{i}]");
        p.id(format!("{at}.id"), &a.id, &mut seen);
        p.text(&format!("{at}.name"), &a.name, langs);
        p.text(&format!("{at}.offers"), &a.offers, langs);
        for (field, text) in [
            ("languages", &a.languages),
            ("cost", &a.cost),
            ("address", &a.address),
            ("hours", &a.hours),
        ] {
            // Optional, but once given it is needed in every language offered.
            if langs.iter().any(|&l| text.has(l)) {
                p.text(&format!("{at}.{field}"), text, langs);
            }
        }
        if a.delivery.is_empty() {
            p.push(
                format!("{at}.delivery"),
                "name at least one of face_to_face, online, phone",
            );
        }
        if a.suits.is_empty() {
            p.push(
                format!("{at}.suits"),
                format!(
                    "name at least one outcome it suits: {}",
                    SITUATION_NAMES.join(", ")
                ),
            );
        }
        if let Some((min, max)) = a.age {
            if min > max {
                p.push(
                    format!("{at}.age"),
                    format!("min ({min}) is above max ({max}): the range is inverted"),
                );
            }
        }
        if !a.tel.is_empty() {
            if let Err(reason) = check_tel(&a.tel) {
                p.push(format!("{at}.tel"), reason);
            }
        } else if !a.phone.trim().is_empty() {
            p.push(
                format!("{at}.phone"),
                "a phone number needs its tel: link too (e.g. \"tel:+85212345678\")",
            );
        }
        if !a.url.is_empty() {
            if let Err(reason) = check_https_url(&a.url) {
                p.push(format!("{at}.url"), reason);
            }
        }
        if a.tel.is_empty() && a.url.is_empty() && !langs.iter().any(|&l| a.address.has(l)) {
            p.push(at, "give at least one way to reach it: tel, url or address");
        }
    }
}

/// `tel:` followed by a phone number: digits, an optional leading `+`, and `-` separators.
pub fn check_tel(href: &str) -> Result<(), &'static str> {
    let Some(number) = href.strip_prefix("tel:") else {
        return Err("must be a tel: link, e.g. \"tel:+85212345678\"");
    };
    let digits = number.strip_prefix('+').unwrap_or(number);
    if !digits.chars().any(|c| c.is_ascii_digit())
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '-')
    {
        return Err(
            "a tel: link must be followed by a phone number (digits, optional leading +, hyphens)",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_declaration_order() {
        for (i, s) in Situation::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i);
            assert_eq!(s.name(), SITUATION_NAMES[i]);
        }
        for (i, f) in Form::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
        }
        for (i, m) in Mode::ALL.into_iter().enumerate() {
            assert_eq!(m as usize, i);
        }
        for (i, a) in Approach::ALL.into_iter().enumerate() {
            assert_eq!(a as usize, i);
        }
        assert_eq!(Form::PeerOnline.name(), "peer_online");
        assert_eq!(Mode::FaceToFace.name(), "face_to_face");
        assert_eq!(Approach::Activities.name(), "activities");
    }
}
