//! Reading each section of a configuration from its JSON value, by hand, in serde's words.
//!
//! **Invariant:** every reader here accepts exactly the values that serde's derived
//! `Deserialize` of its type accepts, reads them to the same value, and refuses the others
//! with the same message, word for word (the configuration's types keep the derive as that
//! reference; the core's `config_reading` tests compare the two on thousands of
//! documents). So `check-config` and the deployer notice list the problems they always
//! have, while the app carries one small generic reader instead of a derived one per type:
//! the derived readers and their inlined visitors were the largest code of the first load.
//!
//! What serde does, and so what this does:
//! - a struct is read from an object field by field, in the document's order: the first
//!   unknown field (`deny_unknown_fields`) or bad value ends it; then the first missing
//!   required field, in declaration order. A field left out takes the struct's default
//!   (`#[serde(default)]` on the container) or its own. A struct may also be written as an
//!   array of its fields in declaration order;
//! - an enum is a string naming the variant, or an object with that one key (a unit
//!   variant's value then `null`);
//! - `null` is `None` for an optional value; numbers must fit their type.
//!
//! A reader returns the message of the first problem; [`super::parse`] puts it at the
//! section's path.

use std::collections::BTreeMap;

use serde_json::Value;

use super::crisis::{CrisisResource, LineMode};
use super::referral::{ContactFields, FieldRule, ReferralConfig, ServiceContact};
use super::service::{ContactMode, Cost, Duration, DurationUnit, FirstConversation, Sessions};
use super::{AgeRange, Centre, Handoff, InstrumentSet, ServiceInfo, Theme, Thresholds};
use crate::headline::Headline;
use crate::text::{Lang, Text};

/// The first problem of a value, in serde's words.
pub(super) type Read<T> = Result<T, String>;

// ---- serde's words ----

/// What a value is, as serde_json names it in "invalid type: …".
fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        // `Number`'s display is serde_json's own: the same digits its messages show.
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {}", quoted(s)),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    }
}

/// `s` in double quotes, escaped as `{:?}` escapes it (serde's words use `{:?}`), except
/// that some characters `{:?}` writes as `\u{…}` (unassigned ones, combining marks at the
/// start, some symbols) are written as they are: `{:?}` decides
/// that with Unicode tables that would cost the first load about 1.5 KB for messages
/// about strings that have no business in a configuration. A test below compares the two
/// on every character.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            // Invisible characters, whitespace other than a space, and the marks that
            // reorder text (as `{:?}` writes them): a message must show what is there.
            c if c.is_control()
                || (c.is_whitespace() && c != ' ')
                || matches!(u32::from(c), 0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF) =>
            {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn invalid_type(v: &Value, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", unexpected(v))
}

/// serde's list of names: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

// ---- values ----

pub(super) fn string(v: &Value) -> Read<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => Err(invalid_type(v, "a string")),
    }
}

fn boolean(v: &Value) -> Read<bool> {
    v.as_bool().ok_or_else(|| invalid_type(v, "a boolean"))
}

/// A whole number from `min` to `max`, named `ty` (`"u8"`, `"i32"`…) as serde names it.
fn whole(v: &Value, min: i64, max: i64, ty: &str) -> Read<i64> {
    let Value::Number(n) = v else {
        return Err(invalid_type(v, ty));
    };
    let fits = if let Some(u) = n.as_u64() {
        i64::try_from(u).is_ok_and(|i| (min..=max).contains(&i))
    } else if let Some(i) = n.as_i64() {
        (min..=max).contains(&i)
    } else {
        return Err(invalid_type(v, ty));
    };
    if fits {
        Ok(n.as_i64().unwrap_or_default())
    } else {
        Err(format!("invalid value: {}, expected {ty}", unexpected(v)))
    }
}

fn u8_(v: &Value) -> Read<u8> {
    whole(v, 0, u8::MAX.into(), "u8").map(|n| n as u8)
}

pub(super) fn u32_(v: &Value) -> Read<u32> {
    whole(v, 0, u32::MAX.into(), "u32").map(|n| n as u32)
}

fn i32_(v: &Value) -> Read<i32> {
    whole(v, i32::MIN.into(), i32::MAX.into(), "i32").map(|n| n as i32)
}

fn option<T>(v: &Value, read: fn(&Value) -> Read<T>) -> Read<Option<T>> {
    match v {
        Value::Null => Ok(None),
        _ => read(v).map(Some),
    }
}

fn list<T>(v: &Value, read: fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    match v {
        Value::Array(items) => items.iter().map(read).collect(),
        _ => Err(invalid_type(v, "a sequence")),
    }
}

/// The position in `variants` of the unit variant `v` names.
fn variant(v: &Value, variants: &[&str]) -> Read<usize> {
    let (name, content) = match v {
        Value::String(name) => (name, None),
        Value::Object(map) if map.len() == 1 => {
            let (name, content) = map.iter().next().expect("one entry");
            (name, Some(content))
        }
        Value::Object(_) => {
            return Err("invalid value: map, expected map with a single key".to_owned())
        }
        _ => return Err(invalid_type(v, "string or map")),
    };
    let Some(i) = variants.iter().position(|n| n == name) else {
        return Err(format!(
            "unknown variant `{name}`, expected {}",
            one_of(variants)
        ));
    };
    match content {
        Some(c) if !c.is_null() => Err(invalid_type(c, "unit")),
        _ => Ok(i),
    }
}

/// Reads a struct: `each(i, value)` reads field `fields[i]`; `required` are the fields
/// with no default. Not generic, so it is in the WebAssembly once for every struct.
fn fields(
    v: &Value,
    name: &str,
    fields: &[&str],
    required: &[usize],
    each: &mut dyn FnMut(usize, &Value) -> Read<()>,
) -> Read<()> {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                let Some(i) = fields.iter().position(|f| f == key) else {
                    return Err(format!(
                        "unknown field `{key}`, expected {}",
                        one_of(fields)
                    ));
                };
                each(i, value)?;
            }
            match required.iter().find(|&&i| !map.contains_key(fields[i])) {
                Some(&i) => Err(format!("missing field `{}`", fields[i])),
                None => Ok(()),
            }
        }
        Value::Array(items) => {
            for (i, value) in items.iter().take(fields.len()).enumerate() {
                each(i, value)?;
            }
            if let Some(&missing) = required.iter().find(|&&i| i >= items.len()) {
                return Err(format!(
                    "invalid length {missing}, expected {name} with {} elements",
                    fields.len()
                ));
            }
            if items.len() > fields.len() {
                return Err(format!(
                    "invalid length {}, expected fewer elements in array",
                    items.len()
                ));
            }
            Ok(())
        }
        _ => Err(invalid_type(v, name)),
    }
}

// ---- the configuration's types ----

pub(super) fn lang(v: &Value) -> Read<Lang> {
    variant(v, &Lang::ALL.map(Lang::tag)).map(|i| Lang::ALL[i])
}

pub(super) fn text(v: &Value) -> Read<Text> {
    let mut t = Text::default();
    fields(v, "struct Text", &["en", "zh"], &[], &mut |i, v| {
        let s = string(v)?;
        if i == 0 {
            t.en = s;
        } else {
            t.zh = s;
        }
        Ok(())
    })?;
    Ok(t)
}

pub(super) fn age(v: &Value) -> Read<AgeRange> {
    let mut age = AgeRange::default();
    fields(v, "struct AgeRange", &["min", "max"], &[], &mut |i, v| {
        let n = u8_(v)?;
        if i == 0 {
            age.min = n;
        } else {
            age.max = n;
        }
        Ok(())
    })?;
    Ok(age)
}

pub(super) fn thresholds(v: &Value) -> Read<Thresholds> {
    let mut t = Thresholds::default();
    let names = ["phq9_higher_intensity", "gad7_higher_intensity"];
    fields(v, "struct Thresholds", &names, &[], &mut |i, v| {
        let n = u8_(v)?;
        if i == 0 {
            t.phq9_higher_intensity = n;
        } else {
            t.gad7_higher_intensity = n;
        }
        Ok(())
    })?;
    Ok(t)
}

pub(super) fn instruments(v: &Value) -> Read<InstrumentSet> {
    let mut set = InstrumentSet::default();
    fields(
        v,
        "struct InstrumentSet",
        &["phq9", "gad7", "wsas"],
        &[],
        &mut |i, v| {
            let on = boolean(v)?;
            match i {
                0 => set.phq9 = on,
                1 => set.gad7 = on,
                _ => set.wsas = on,
            }
            Ok(())
        },
    )?;
    Ok(set)
}

pub(super) fn handoff(v: &Value) -> Read<Handoff> {
    let mut h = Handoff::default();
    fields(
        v,
        "struct Handoff",
        &["include_answers"],
        &[],
        &mut |_, v| {
            h.include_answers = boolean(v)?;
            Ok(())
        },
    )?;
    Ok(h)
}

pub(super) fn centre(v: &Value) -> Read<Centre> {
    let mut c = Centre {
        id: String::new(),
        name: Text::default(),
        area: Text::default(),
    };
    fields(
        v,
        "struct Centre",
        &["id", "name", "area"],
        &[0, 1, 2],
        &mut |i, v| {
            match i {
                0 => c.id = string(v)?,
                1 => c.name = text(v)?,
                _ => c.area = text(v)?,
            }
            Ok(())
        },
    )?;
    Ok(c)
}

pub(super) fn theme(v: &Value) -> Read<Theme> {
    let mut theme = Theme::default();
    let names = ["colors", "font_family", "logo_url"];
    fields(v, "struct Theme", &names, &[], &mut |i, v| {
        match i {
            0 => theme.colors = colors(v)?,
            1 => theme.font_family = option(v, string)?,
            _ => theme.logo_url = option(v, string)?,
        }
        Ok(())
    })?;
    Ok(theme)
}

fn colors(v: &Value) -> Read<BTreeMap<String, String>> {
    let Value::Object(map) = v else {
        return Err(invalid_type(v, "a map"));
    };
    let mut colors = BTreeMap::new();
    for (key, value) in map {
        colors.insert(key.clone(), string(value)?);
    }
    Ok(colors)
}

pub(super) fn crisis_resource(v: &Value) -> Read<CrisisResource> {
    let mut r = CrisisResource {
        id: String::new(),
        name: Text::default(),
        number: String::new(),
        href: String::new(),
        open_24_hours: false,
        hours: Text::default(),
        cost: None,
        mode: None,
        languages: Text::default(),
        emergency: false,
    };
    let names = [
        "id",
        "name",
        "number",
        "href",
        "open_24_hours",
        "hours",
        "cost",
        "mode",
        "languages",
        "emergency",
    ];
    fields(
        v,
        "struct CrisisResource",
        &names,
        &[0, 1, 2, 3],
        &mut |i, v| {
            match i {
                0 => r.id = string(v)?,
                1 => r.name = text(v)?,
                2 => r.number = string(v)?,
                3 => r.href = string(v)?,
                4 => r.open_24_hours = boolean(v)?,
                5 => r.hours = text(v)?,
                6 => r.cost = option(v, cost)?,
                7 => r.mode = option(v, line_mode)?,
                8 => r.languages = text(v)?,
                _ => r.emergency = boolean(v)?,
            }
            Ok(())
        },
    )?;
    Ok(r)
}

fn line_mode(v: &Value) -> Read<LineMode> {
    const ALL: [LineMode; 4] = [
        LineMode::Call,
        LineMode::Text,
        LineMode::Chat,
        LineMode::Website,
    ];
    variant(v, &["call", "text", "chat", "website"]).map(|i| ALL[i])
}

/// `"free"`, or `{"paid": <text>}`.
fn cost(v: &Value) -> Read<Cost> {
    const VARIANTS: [&str; 2] = ["free", "paid"];
    if let Value::Object(map) = v {
        if let (1, Some(paid)) = (map.len(), map.get("paid")) {
            return text(paid).map(Cost::Paid);
        }
    }
    if v.as_str() == Some("paid") {
        return Err("invalid type: unit variant, expected newtype variant".to_owned());
    }
    variant(v, &VARIANTS).map(|_| Cost::Free)
}

pub(super) fn service(v: &Value) -> Read<ServiceInfo> {
    // Left out, a fact is not promised (its own default, `None`); the name, description
    // and contact take the built-in service's (the container's default).
    let mut s = ServiceInfo {
        first_contact_within: None,
        first_conversation: None,
        sessions: None,
        cost: None,
        for_whom: None,
        ..ServiceInfo::default()
    };
    let names = [
        "name",
        "description",
        "contact",
        "first_contact_within",
        "first_conversation",
        "sessions",
        "cost",
        "for_whom",
    ];
    fields(v, "struct ServiceInfo", &names, &[], &mut |i, v| {
        match i {
            0 => s.name = text(v)?,
            1 => s.description = text(v)?,
            2 => s.contact = service_contact(v)?,
            3 => s.first_contact_within = option(v, duration)?,
            4 => s.first_conversation = option(v, first_conversation)?,
            5 => s.sessions = option(v, sessions)?,
            6 => s.cost = option(v, cost)?,
            _ => s.for_whom = option(v, text)?,
        }
        Ok(())
    })?;
    Ok(s)
}

fn service_contact(v: &Value) -> Read<ServiceContact> {
    let mut c = ServiceContact::default();
    let names = ["phone", "email", "url", "hours"];
    fields(v, "struct ServiceContact", &names, &[], &mut |i, v| {
        match i {
            0 => c.phone = string(v)?,
            1 => c.email = string(v)?,
            2 => c.url = string(v)?,
            _ => c.hours = text(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn duration(v: &Value) -> Read<Duration> {
    let mut d = Duration {
        value: 0,
        unit: DurationUnit::Days,
    };
    fields(
        v,
        "struct Duration",
        &["value", "unit"],
        &[0, 1],
        &mut |i, v| {
            if i == 0 {
                d.value = i32_(v)?;
            } else {
                const ALL: [DurationUnit; 3] = [
                    DurationUnit::Days,
                    DurationUnit::Weeks,
                    DurationUnit::Months,
                ];
                d.unit = ALL[variant(v, &["days", "weeks", "months"])?];
            }
            Ok(())
        },
    )?;
    Ok(d)
}

fn first_conversation(v: &Value) -> Read<FirstConversation> {
    let mut f = FirstConversation {
        minutes: None,
        modes: Vec::new(),
    };
    let names = ["minutes", "modes"];
    fields(v, "struct FirstConversation", &names, &[1], &mut |i, v| {
        if i == 0 {
            f.minutes = option(v, i32_)?;
        } else {
            f.modes = list(v, contact_mode)?;
        }
        Ok(())
    })?;
    Ok(f)
}

fn contact_mode(v: &Value) -> Read<ContactMode> {
    const ALL: [ContactMode; 3] = [
        ContactMode::Video,
        ContactMode::Phone,
        ContactMode::InPerson,
    ];
    variant(v, &["video", "phone", "in_person"]).map(|i| ALL[i])
}

fn sessions(v: &Value) -> Read<Sessions> {
    let mut s = Sessions {
        min: 0,
        max: 0,
        over: None,
    };
    fields(
        v,
        "struct Sessions",
        &["min", "max", "over"],
        &[0, 1],
        &mut |i, v| {
            match i {
                0 => s.min = i32_(v)?,
                1 => s.max = i32_(v)?,
                _ => s.over = option(v, duration)?,
            }
            Ok(())
        },
    )?;
    Ok(s)
}

pub(super) fn referral(v: &Value) -> Read<ReferralConfig> {
    let mut r = ReferralConfig::default();
    let names = [
        "endpoint",
        "recipient",
        "purpose",
        "withdraw",
        "outcomes",
        "fields",
        "include_answers",
    ];
    fields(v, "struct ReferralConfig", &names, &[], &mut |i, v| {
        match i {
            0 => r.endpoint = option(v, string)?,
            1 => r.recipient = text(v)?,
            2 => r.purpose = text(v)?,
            3 => r.withdraw = text(v)?,
            4 => r.outcomes = list(v, headline)?,
            5 => r.fields = contact_fields(v)?,
            _ => r.include_answers = boolean(v)?,
        }
        Ok(())
    })?;
    Ok(r)
}

fn headline(v: &Value) -> Read<Headline> {
    // In the order of `Headline::PRECEDENCE` (checked by a test).
    let names = [
        "urgent_support",
        "outside_age_range",
        "complex_needs",
        "higher_intensity",
        "incomplete",
        "eligible",
    ];
    variant(v, &names).map(|i| Headline::PRECEDENCE[i])
}

fn contact_fields(v: &Value) -> Read<ContactFields> {
    let mut f = ContactFields::default();
    let names = ["name", "phone", "email", "voicemail", "sms"];
    fields(v, "struct ContactFields", &names, &[], &mut |i, v| {
        match i {
            0 => f.name = field_rule(v)?,
            1 => f.phone = field_rule(v)?,
            2 => f.email = field_rule(v)?,
            3 => f.voicemail = boolean(v)?,
            _ => f.sms = boolean(v)?,
        }
        Ok(())
    })?;
    Ok(f)
}

fn field_rule(v: &Value) -> Read<FieldRule> {
    const ALL: [FieldRule; 3] = [FieldRule::Required, FieldRule::Optional, FieldRule::Off];
    variant(v, &["required", "optional", "off"]).map(|i| ALL[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_named_as_serde_names_them() {
        for h in Headline::PRECEDENCE {
            let name = serde_json::to_value(h).expect("a headline serialises");
            assert_eq!(headline(&name), Ok(h));
        }
    }

    #[test]
    fn lists_of_names_read_as_serde_writes_them() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b"]), "`a` or `b`");
        assert_eq!(one_of(&["a", "b", "c"]), "one of `a`, `b`, `c`");
    }

    /// `quoted` writes every character as `{:?}` does, but for those `{:?}` writes as
    /// `\u{…}` although they are not control characters (which `quoted` leaves as they
    /// are), alone and after a letter (`{:?}` escapes a combining mark only at the start).
    #[test]
    fn quoted_is_debug_but_for_unprintable_characters() {
        let mut differ = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("a{c}")] {
                let debug = format!("{s:?}");
                if quoted(&s) != debug {
                    assert!(
                        !c.is_control()
                            && !c.is_whitespace()
                            && debug.contains("\\u{")
                            && quoted(&s).contains(c),
                        "{:?} {debug}",
                        u32::from(c)
                    );
                    differ += 1;
                }
            }
        }
        // What configurations are written in agrees exactly: ASCII, Latin, and the CJK
        // ideographs and punctuation of Chinese.
        let common = [
            0x0..=0x24F,
            0x2000..=0x206F,
            0x3000..=0x3029,
            0x3030..=0x303F,
            0x4E00..=0x9FFF,
            0xFE00..=0xFE0F,
            0xFF01..=0xFF9D,
        ];
        for c in common.into_iter().flatten().filter_map(char::from_u32) {
            let s = format!("a{c}");
            assert_eq!(quoted(&s), format!("{s:?}"), "{:?}", u32::from(c));
        }
        assert!(differ > 0, "the two are the same: use `{{:?}}`");
        assert_eq!(quoted("a\"b\\c\nd\u{7}"), r#""a\"b\\c\nd\u{7}""#);
    }
}
