//! The saved record: what is kept on the device, and how it is read back.
//!
//! Pure data and pure functions (no browser API, no clock), tested natively.
//!
//! # Format
//!
//! A record is one JSON object stored under [`RECORD_KEY`](super::RECORD_KEY). The current
//! format, version [`FORMAT_VERSION`] (= 3), is the form serde's derive gave [`SavedRecord`]
//! (keys in sorted order), written and read by hand:
//!
//! ```json
//! {"answers":{"age":34,"phq9_1":"not_at_all"},
//!  "contact":{"email":"","name":"","phone":"","sms":null,"voicemail":null},
//!  "created_ms":1700000000000.0,"format_version":3,"instrument_versions":{"phq9":"5c0e…"},
//!  "lang":"en","questionnaire_id":"intake","questionnaire_version":"1","reflection":"0-1-",
//!  "revision":7,"safety_plan":"","step":{"item":"phq9_2","step":"question"},
//!  "updated_ms":1700000360000.0}
//! ```
//!
//! [`encode`] writes exactly the text the derived code wrote, byte for byte ([`fingerprint`]
//! hashes it), and the readers accept exactly what the derived readers accepted. By hand
//! because the derived code (the internally tagged `step` above all) costs several KB of the
//! WebAssembly's first load.
//!
//! Version 3 added `reflection`, the optional peer-support reflection
//! ([`Reflection`], kept as its four-character code, see [`Reflection::to_code`]); a
//! version 2 record is read with none answered.
//! Version 2 added `contact` (the contact details asked before a request to be contacted
//! is sent) and the steps `contact` and `consent`; a version 1 record is read with no
//! contact details. Version 0 is the **pre-release format**, written only by development
//! builds before the first release. It had no `revision` and no `instrument_versions`, and
//! `step` was a plain string: `"welcome"`, `"review"`, `"result"`, or the id of the
//! question shown. It is migrated on reading (revision 0, no instrument versions, step
//! parsed).
//!
//! A referral waiting to be sent (or its receipt) is not part of the record: it is kept
//! under its own key by [`outbox`](super::outbox), so that delivery and answering never
//! overwrite each other.
//!
//! # Reading is lenient, and never panics
//!
//! [`decode`] accepts any string. What makes a record is small: a JSON object with an
//! integer `format_version` no newer than [`FORMAT_VERSION`], an `answers` object and a
//! finite `updated_ms` (needed for expiry). Anything else that is missing or odd falls back
//! to a default (language English, step Welcome, empty safety plan, …) rather than costing
//! the person their answers. Every answer is checked against the questionnaire: answers
//! that are unreadable, name no item, or are out of range are removed and reported in
//! [`Decoded::dropped`], so a decoded record only ever holds valid answers.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::contact;
use crate::core::alternatives::Reflection;
use crate::core::referral::ContactDetails;
use crate::core::{
    check_answers, AnswerProblem, AnswerValue, Answers, ItemKind, Lang, Questionnaire, Section,
    Text,
};
use crate::flow::Screen;

/// The format version this build writes. Records with a smaller version are migrated on
/// reading; records with a larger one are left alone (see [`DecodeError::NewerVersion`]).
pub const FORMAT_VERSION: u32 = 3;

/// Everything kept on the device about one person's screening.
///
/// Times are whole milliseconds since the Unix epoch (as `Date.now()` gives), passed in
/// by the caller, never read from a clock here. [`decode`] and
/// [`Store::save`](super::Store::save) round them to whole milliseconds ([`whole_ms`]).
/// The derived `Debug` shows the answers and safety plan: do not log records.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedRecord {
    /// The format this record was written in ([`FORMAT_VERSION`] once decoded).
    pub format_version: u32,
    /// [`Questionnaire::id`] of the questionnaire answered.
    pub questionnaire_id: String,
    /// [`Questionnaire::version`] of the questionnaire answered.
    pub questionnaire_version: String,
    /// For each standard instrument asked, keyed by its stable id (`"phq9"`, `"gad7"`,
    /// `"wsas"`): a fingerprint of the wording and options shown (see
    /// [`instrument_versions`]).
    pub instrument_versions: BTreeMap<String, String>,
    /// Every answer given (valid against the questionnaire once decoded).
    pub answers: Answers,
    /// The screen the person was on.
    pub step: SavedStep,
    /// The language shown.
    pub lang: Lang,
    /// The person's own safety plan (free text).
    pub safety_plan: String,
    /// When the record was first saved (ms since the epoch).
    pub created_ms: f64,
    /// When the record was last changed (ms since the epoch). Retention counts from here.
    /// The caller sets it before each [`Store::save`](super::Store::save).
    pub updated_ms: f64,
    /// How the service can reach the person (asked only before a request is sent).
    pub contact: ContactDetails,
    /// The optional peer-support reflection (format 3): unscored, never used for
    /// eligibility. Kept as its code ([`Reflection::to_code`]).
    pub reflection: Reflection,
    /// Bumped by every [`Store::save`](super::Store::save). Orders the changes events
    /// report; whether another tab wrote is judged on the whole record (see
    /// [`fingerprint`]).
    pub revision: u64,
}

impl SavedRecord {
    /// A new, empty record for `questionnaire`, created now: no answers, on the welcome
    /// screen, in English, revision 0, with the versions of the instruments this app asks
    /// ([`ASKED_INSTRUMENT_VERSIONS`]).
    pub fn new(questionnaire: &Questionnaire, now_ms: f64) -> SavedRecord {
        SavedRecord {
            format_version: FORMAT_VERSION,
            questionnaire_id: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            instrument_versions: asked_instrument_versions(),
            answers: Answers::new(),
            step: SavedStep::Welcome,
            lang: Lang::default(),
            safety_plan: String::new(),
            contact: ContactDetails::default(),
            reflection: Reflection::default(),
            created_ms: whole_ms(now_ms),
            updated_ms: whole_ms(now_ms),
            revision: 0,
        }
    }
}

/// The screen a person was on, as stored. Mirrors [`Screen`] (and converts to and from
/// it) but is its own type, so that the stored format changes only on purpose.
///
/// Saved as an object tagged by `step`: `{"step":"welcome"}`,
/// `{"item":"phq9_2","step":"question"}` ([`SavedStep::to_json`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedStep {
    /// The welcome screen.
    Welcome,
    /// One question, by stable item id.
    Question {
        /// The item's id.
        item: String,
    },
    /// The review of every answer.
    Review,
    /// The result.
    Result,
    /// The contact details (format 2).
    Contact,
    /// The consent to send a request (format 2).
    Consent,
}

impl SavedStep {
    /// The step's name, its tag in the saved form.
    fn tag(&self) -> &'static str {
        match self {
            SavedStep::Welcome => "welcome",
            SavedStep::Question { .. } => "question",
            SavedStep::Review => "review",
            SavedStep::Result => "result",
            SavedStep::Contact => "contact",
            SavedStep::Consent => "consent",
        }
    }

    /// The step in its saved form.
    pub fn to_json(&self) -> Value {
        let mut step = Map::new();
        step.insert("step".into(), self.tag().into());
        if let SavedStep::Question { item } = self {
            step.insert("item".into(), item.clone().into());
        }
        Value::Object(step)
    }

    /// Reads a step saved by [`SavedStep::to_json`]; `None` when it cannot be read.
    ///
    /// Accepts what serde's derived reader accepted and nothing more: other keys are
    /// ignored, and an array is read by position, the tag first (`["question","age"]`).
    pub fn from_json(value: &Value) -> Option<SavedStep> {
        // `fields`: how many follow the tag in the array form; an object has them by name.
        let (tag, item, fields) = match value {
            Value::Object(map) => (map.get("step")?, map.get("item"), None),
            Value::Array(list) => {
                let (tag, rest) = list.split_first()?;
                (tag, rest.first(), Some(rest.len()))
            }
            _ => return None,
        };
        let unit = |step| (fields.unwrap_or(0) == 0).then_some(step);
        match tag.as_str()? {
            "welcome" => unit(SavedStep::Welcome),
            "question" if fields.unwrap_or(1) == 1 => Some(SavedStep::Question {
                item: item?.as_str()?.to_owned(),
            }),
            "review" => unit(SavedStep::Review),
            "result" => unit(SavedStep::Result),
            "contact" => unit(SavedStep::Contact),
            "consent" => unit(SavedStep::Consent),
            _ => None,
        }
    }
}

impl From<&Screen> for SavedStep {
    fn from(screen: &Screen) -> SavedStep {
        match screen {
            Screen::Welcome => SavedStep::Welcome,
            Screen::Question { item } => SavedStep::Question { item: item.clone() },
            Screen::Review => SavedStep::Review,
            Screen::Result => SavedStep::Result,
            Screen::Contact => SavedStep::Contact,
            Screen::Consent => SavedStep::Consent,
        }
    }
}

impl From<Screen> for SavedStep {
    fn from(screen: Screen) -> SavedStep {
        SavedStep::from(&screen)
    }
}

impl From<SavedStep> for Screen {
    fn from(step: SavedStep) -> Screen {
        match step {
            SavedStep::Welcome => Screen::Welcome,
            SavedStep::Question { item } => Screen::Question { item },
            SavedStep::Review => Screen::Review,
            SavedStep::Result => Screen::Result,
            SavedStep::Contact => Screen::Contact,
            SavedStep::Consent => Screen::Consent,
        }
    }
}

/// A record read back by [`decode`].
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The record, in the current format, holding only valid answers.
    pub record: SavedRecord,
    /// Answers removed because they were unreadable, named no item of the questionnaire,
    /// or were not acceptable values (unknown option, wrong type, out of range), in
    /// item-id order.
    pub dropped: Vec<AnswerProblem>,
    /// The format version the text was written in, when older than [`FORMAT_VERSION`].
    pub migrated_from: Option<u32>,
}

/// Why a stored text could not be read as a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The text is not JSON at all.
    #[error("the saved text is not JSON")]
    NotJson,
    /// The text is JSON but not a record of any known format.
    #[error("the saved text is not a saved record")]
    NotARecord,
    /// The record was written by a newer version of the app, in a format this version does
    /// not know. It must be left as it is (not overwritten).
    #[error("the saved record has format version {found}, newer than {FORMAT_VERSION}")]
    NewerVersion {
        /// The format version found (saturated at `u32::MAX`).
        found: u32,
    },
}

/// Writes `record` as JSON, always in the current format ([`FORMAT_VERSION`], whatever
/// `record.format_version` says).
pub fn encode(record: &SavedRecord) -> String {
    let mut r = Map::new();
    let mut put = |key: &str, value: Value| {
        r.insert(key.into(), value);
    };
    // Put in the derive's field order, though the map sorts them: the text would stay the
    // same should serde_json's `preserve_order` ever be turned on.
    put("format_version", FORMAT_VERSION.into());
    put("questionnaire_id", record.questionnaire_id.clone().into());
    put(
        "questionnaire_version",
        record.questionnaire_version.clone().into(),
    );
    let mut versions = Map::new();
    for (id, version) in &record.instrument_versions {
        versions.insert(id.clone(), version.clone().into());
    }
    put("instrument_versions", Value::Object(versions));
    let mut answers = Map::new();
    for (item, answer) in record.answers.iter() {
        answers.insert(item.to_owned(), answer_value(answer));
    }
    put("answers", Value::Object(answers));
    put("step", record.step.to_json());
    put("lang", record.lang.tag().into());
    put("safety_plan", record.safety_plan.clone().into());
    // `f64` times as serde wrote them: `1700000000000.0`, and `null` if not finite.
    put("created_ms", record.created_ms.into());
    put("updated_ms", record.updated_ms.into());
    put("contact", contact::to_json(&record.contact));
    put("revision", record.revision.into());
    put("reflection", record.reflection.to_code().into());
    Value::Object(r).to_string()
}

/// An answer as serde's untagged derive wrote it: a string, an array of strings or an
/// integer.
fn answer_value(answer: &AnswerValue) -> Value {
    match answer {
        AnswerValue::Choice(value) => value.clone().into(),
        AnswerValue::Choices(values) => values
            .iter()
            .map(|value| Value::from(value.clone()))
            .collect(),
        AnswerValue::Number(n) => (*n).into(),
    }
}

/// Reads a stored text back, against the questionnaire in use now.
///
/// Never panics, whatever the text. Older formats are migrated; a newer format is an
/// error ([`DecodeError::NewerVersion`]) so the caller can leave it untouched. Answers
/// that do not fit `questionnaire` are removed and listed in [`Decoded::dropped`]. A
/// `step` naming a question that no longer exists becomes [`SavedStep::Welcome`].
pub fn decode(text: &str, questionnaire: &Questionnaire) -> Result<Decoded, DecodeError> {
    // serde_json limits nesting depth, so even hostile input cannot overflow the stack.
    let value: Value = serde_json::from_str(text).map_err(|_| DecodeError::NotJson)?;
    let Value::Object(map) = value else {
        return Err(DecodeError::NotARecord);
    };
    let version = map
        .get("format_version")
        .and_then(Value::as_u64)
        .ok_or(DecodeError::NotARecord)?;
    match version {
        0 => read_fields(&map, 0, questionnaire).map(|mut decoded| {
            decoded.migrated_from = Some(0);
            decoded
        }),
        1 => read_fields(&map, 1, questionnaire).map(|mut decoded| {
            decoded.migrated_from = Some(1);
            decoded
        }),
        2 => read_fields(&map, 2, questionnaire).map(|mut decoded| {
            decoded.migrated_from = Some(2);
            decoded
        }),
        3 => read_fields(&map, 3, questionnaire),
        newer => Err(DecodeError::NewerVersion {
            found: u32::try_from(newer).unwrap_or(u32::MAX),
        }),
    }
}

/// Reads the fields of formats 0 to 3; `version` says how `step`, `revision` and
/// `instrument_versions` are kept (format 1 added them), and whether there are contact
/// details (format 2) and a reflection (format 3).
fn read_fields(
    map: &Map<String, Value>,
    version: u64,
    questionnaire: &Questionnaire,
) -> Result<Decoded, DecodeError> {
    let answers_value = map.get("answers").ok_or(DecodeError::NotARecord)?;
    if !answers_value.is_object() {
        return Err(DecodeError::NotARecord);
    }
    let updated_ms = map
        .get("updated_ms")
        .and_then(Value::as_f64)
        .filter(|t| t.is_finite())
        .map(whole_ms)
        .ok_or(DecodeError::NotARecord)?;
    let created_ms = map
        .get("created_ms")
        .and_then(Value::as_f64)
        .filter(|t| t.is_finite())
        .map_or(updated_ms, whole_ms);

    let (mut answers, mut dropped) = Answers::from_json_lenient(answers_value);
    for problem in check_answers(questionnaire, &answers) {
        answers.remove(&problem.item);
        dropped.push(problem);
    }
    AnswerProblem::sort(&mut dropped);

    let string = |field: &str| {
        map.get(field)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let step = if version == 0 {
        map.get("step")
            .and_then(Value::as_str)
            .map(step_from_v0)
            .unwrap_or(SavedStep::Welcome)
    } else {
        map.get("step")
            .and_then(SavedStep::from_json)
            .unwrap_or(SavedStep::Welcome)
    };
    let step = match step {
        SavedStep::Question { item } if questionnaire.item(&item).is_none() => SavedStep::Welcome,
        step => step,
    };
    let instrument_versions = map
        .get("instrument_versions")
        .and_then(Value::as_object)
        .map(|versions| {
            versions
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .fold(BTreeMap::new(), insert_pair)
        })
        .unwrap_or_default();
    let revision = map.get("revision").and_then(Value::as_u64).unwrap_or(0);
    // Format 2 added the contact details; unreadable ones are dropped, not the record.
    let contact = map
        .get("contact")
        .filter(|_| version >= 2)
        .and_then(contact::from_json)
        .unwrap_or_default();
    // Format 3 added the reflection; unreadable answers are dropped, not the record.
    let reflection = map
        .get("reflection")
        .filter(|_| version >= 3)
        .and_then(Value::as_str)
        .map(Reflection::from_code)
        .unwrap_or_default();

    Ok(Decoded {
        record: SavedRecord {
            format_version: FORMAT_VERSION,
            questionnaire_id: string("questionnaire_id"),
            questionnaire_version: string("questionnaire_version"),
            instrument_versions,
            answers,
            step,
            lang: map
                .get("lang")
                .and_then(Value::as_str)
                .and_then(Lang::from_tag)
                .unwrap_or_default(),
            safety_plan: string("safety_plan"),
            contact,
            reflection,
            created_ms,
            updated_ms,
            revision,
        },
        dropped,
        migrated_from: None,
    })
}

/// `ms` rounded to a whole millisecond and clamped to ±9·10^14 (about 28,000 years either
/// side of 1970); `NaN` becomes 0.
///
/// Such times survive JSON exactly (`serde_json` reads `"…0.0"` by way of a mantissa
/// that must stay below 2^53), so a record is the same after a round trip through
/// storage, and so is its [`fingerprint`].
/// `Date.now()` gives whole milliseconds anyway.
pub fn whole_ms(ms: f64) -> f64 {
    const LIMIT: f64 = 900_000_000_000_000.0;
    if ms.is_nan() {
        0.0
    } else {
        // `+ 0.0` turns -0 into 0, so equal times have equal bits.
        ms.round().clamp(-LIMIT, LIMIT) + 0.0
    }
}

/// A format-0 step: a keyword or the id of the question shown.
fn step_from_v0(step: &str) -> SavedStep {
    match step {
        "" | "welcome" => SavedStep::Welcome,
        "review" => SavedStep::Review,
        "result" => SavedStep::Result,
        item => SavedStep::Question {
            item: item.to_owned(),
        },
    }
}

/// The instrument versions of `questionnaire`: for each section administering a standard
/// instrument, its stable id (`"phq9"`, …) and a fingerprint of the section as shown
/// (16 hex digits, see [`section_fingerprint`]).
///
/// The fingerprint changes whenever the wording or options change, even if nobody bumped
/// [`Questionnaire::version`], so stored answers can be traced to the wording shown.
pub fn instrument_versions(questionnaire: &Questionnaire) -> BTreeMap<String, String> {
    questionnaire
        .sections
        .iter()
        .filter_map(|section| {
            let id = section.instrument?.id().to_owned();
            Some((id, format!("{:016x}", section_fingerprint(section))))
        })
        .fold(BTreeMap::new(), insert_pair)
}

/// The instrument versions of the questionnaire this app asks
/// ([`crate::core::questionnaire_for`], whose instrument sections are fixed content, the
/// same for every configuration), as [`instrument_versions`] computes them. Written down,
/// because the start builds the questionnaire without its words, which they are a
/// fingerprint of; a test computes them, so a change of wording that forgets them fails.
const ASKED_INSTRUMENT_VERSIONS: [(&str, &str); 3] = [
    ("gad7", "a2b65f1bfbeb0876"),
    ("phq9", "5f44d3305c224c1d"),
    ("wsas", "09304d2cda1d8805"),
];

/// [`ASKED_INSTRUMENT_VERSIONS`], as a record holds them.
fn asked_instrument_versions() -> BTreeMap<String, String> {
    ASKED_INSTRUMENT_VERSIONS
        .iter()
        .map(|(id, version)| ((*id).to_owned(), (*version).to_owned()))
        .fold(BTreeMap::new(), insert_pair)
}

/// FNV-1a over what a section shows and scores, in order: its id, title and stem, and
/// for each item its id, wording, help and kind, with each option's value, label and
/// score. Every string is preceded by its length and every optional part by whether it
/// is there, so different sections never feed the hash the same bytes. Written out
/// rather than hashing the section's JSON, which took serde's writer for the whole
/// questionnaire into the first load.
fn section_fingerprint(section: &Section) -> u64 {
    let mut h = Fnv::default();
    h.str(&section.id);
    h.text(Some(&section.title));
    h.text(section.stem.as_ref());
    for item in &section.items {
        h.str(&item.id);
        h.text(Some(&item.text));
        h.text(item.help.as_ref());
        match &item.kind {
            ItemKind::Choice { .. } => h.bytes(b"c"),
            ItemKind::MultiChoice { .. } => h.bytes(b"m"),
            ItemKind::WholeNumber { min, max } => {
                h.bytes(b"n");
                h.bytes(&min.to_le_bytes());
                h.bytes(&max.to_le_bytes());
            }
        }
        h.bytes(&(item.kind.options().len() as u64).to_le_bytes());
        for option in item.kind.options() {
            h.str(&option.value);
            h.text(Some(&option.label));
            h.bytes(&[option.score.is_some().into(), option.score.unwrap_or(0)]);
        }
    }
    h.0
}

/// An FNV-1a hash being fed.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(FNV_OFFSET)
    }
}

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0 = fnv1a64_from(self.0, bytes);
    }

    fn str(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }

    /// Both languages of `text`, or a marker that there is none.
    fn text(&mut self, text: Option<&Text>) {
        self.bytes(&[text.is_some().into()]);
        if let Some(text) = text {
            self.str(&text.en);
            self.str(&text.zh);
        }
    }
}

/// Builds a map by inserting, as `collect()` would with the same result (the last value
/// for a key wins). `collect()` sorts the pairs first, and that sort is compiled into the
/// WebAssembly once per call site; inserting reuses code the decoder already has.
fn insert_pair(
    mut map: BTreeMap<String, String>,
    (key, value): (String, String),
) -> BTreeMap<String, String> {
    map.insert(key, value);
    map
}

/// A fingerprint of `record`'s canonical encoding ([`encode`]): equal for equal records,
/// different (short of a 2^-64 accident) for any other content.
pub fn fingerprint(record: &SavedRecord) -> u64 {
    fnv1a64(encode(record).as_bytes())
}

/// FNV-1a, 64 bits: tiny, deterministic on every platform, good enough to notice change.
fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_from(FNV_OFFSET, bytes)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, continued from `hash` over `bytes`.
fn fnv1a64_from(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::default_questionnaire;

    #[test]
    fn instrument_versions_cover_the_three_instruments_and_are_stable() {
        let q = default_questionnaire();
        let versions = instrument_versions(&q);
        assert_eq!(
            versions.keys().map(String::as_str).collect::<Vec<_>>(),
            ["gad7", "phq9", "wsas"]
        );
        assert!(versions.values().all(|v| v.len() == 16));
        assert_eq!(versions, instrument_versions(&q));
        // Any change to what is shown or scored changes the instrument's version, and only
        // that instrument's.
        let changes: [fn(&mut Section); 6] = [
            |s| s.items[0].text.en.push('!'),
            |s| s.items[0].text.zh.push('！'),
            |s| s.title.en.push('!'),
            |s| s.stem = None,
            |s| {
                if let ItemKind::Choice { options } = &mut s.items[1].kind {
                    options[2].score = Some(9);
                }
            },
            |s| {
                if let ItemKind::Choice { options } = &mut s.items[1].kind {
                    options[3].label.zh.push('！');
                }
            },
        ];
        let phq9 = q
            .sections
            .iter()
            .position(|s| s.instrument == Some(crate::core::Instrument::Phq9))
            .expect("PHQ-9");
        for change in changes {
            let mut changed = q.clone();
            change(&mut changed.sections[phq9]);
            let after = instrument_versions(&changed);
            assert_ne!(after["phq9"], versions["phq9"]);
            assert_eq!(after["gad7"], versions["gad7"]);
        }
    }

    #[test]
    fn a_new_record_has_the_versions_of_the_instruments_asked() {
        let written = asked_instrument_versions();
        for file in ["partner.json", "referral.json", "crisis-partner.json"] {
            let path = format!(
                "{}/tests/e2e/host/configs/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).expect("a test configuration");
            let config = crate::core::parse_config(&text).expect("a valid configuration");
            assert_eq!(
                instrument_versions(&crate::core::questionnaire_for(&config)),
                written,
                "update ASKED_INSTRUMENT_VERSIONS if the wording changed"
            );
        }
        assert_eq!(instrument_versions(&default_questionnaire()), written);
        let unworded = crate::core::unworded_questionnaire_for(&Default::default());
        assert_eq!(
            SavedRecord::new(&unworded, 0.0).instrument_versions,
            written
        );
    }

    #[test]
    fn step_converts_to_and_from_screen() {
        for screen in [
            Screen::Welcome,
            Screen::Question {
                item: "age".to_owned(),
            },
            Screen::Review,
            Screen::Result,
        ] {
            assert_eq!(Screen::from(SavedStep::from(&screen)), screen);
        }
    }

    #[test]
    fn v0_steps() {
        assert_eq!(step_from_v0("welcome"), SavedStep::Welcome);
        assert_eq!(step_from_v0("review"), SavedStep::Review);
        assert_eq!(step_from_v0("result"), SavedStep::Result);
        assert_eq!(
            step_from_v0("phq9_2"),
            SavedStep::Question {
                item: "phq9_2".to_owned()
            }
        );
    }
}
