//! The saved record's JSON is written and read by hand (`src/storage/record.rs`,
//! `src/storage/contact.rs`), not by derived serde code. What the derived code wrote and
//! read (this file keeps a copy of those derives) is the contract: the text written for a
//! record must be the same byte for byte, since [`fingerprint`] hashes it, and the `step`
//! and `contact` readers must accept and refuse exactly what the derived readers did.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::sample::select;
use screener::core::alternatives::{OthersHard, Reflection, StylePref, Timing};
use screener::core::referral::ContactDetails;
use screener::core::{Answers, Lang};
use screener::storage::{contact, encode, SavedRecord, SavedStep, FORMAT_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

// ------------------------------------------------- the derived code, as it was

/// `SavedStep` with the derives and attributes it had.
#[derive(Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
enum DerivedStep {
    Welcome,
    Question { item: String },
    Review,
    Result,
    Contact,
    Consent,
}

impl From<&SavedStep> for DerivedStep {
    fn from(step: &SavedStep) -> DerivedStep {
        match step.clone() {
            SavedStep::Welcome => DerivedStep::Welcome,
            SavedStep::Question { item } => DerivedStep::Question { item },
            SavedStep::Review => DerivedStep::Review,
            SavedStep::Result => DerivedStep::Result,
            SavedStep::Contact => DerivedStep::Contact,
            SavedStep::Consent => DerivedStep::Consent,
        }
    }
}

impl From<DerivedStep> for SavedStep {
    fn from(step: DerivedStep) -> SavedStep {
        match step {
            DerivedStep::Welcome => SavedStep::Welcome,
            DerivedStep::Question { item } => SavedStep::Question { item },
            DerivedStep::Review => SavedStep::Review,
            DerivedStep::Result => SavedStep::Result,
            DerivedStep::Contact => SavedStep::Contact,
            DerivedStep::Consent => SavedStep::Consent,
        }
    }
}

/// `SavedRecord`'s derived `Serialize`: its fields in their order, `reflection` skipped.
#[derive(Serialize)]
struct DerivedRecord<'a> {
    format_version: u32,
    questionnaire_id: &'a str,
    questionnaire_version: &'a str,
    instrument_versions: &'a BTreeMap<String, String>,
    answers: &'a Answers,
    step: DerivedStep,
    lang: Lang,
    safety_plan: &'a str,
    created_ms: f64,
    updated_ms: f64,
    contact: &'a ContactDetails,
    revision: u64,
}

/// The encoder as it was: the derived form, then the two keys added by hand.
fn derived_encode(record: &SavedRecord) -> String {
    let mut value = serde_json::to_value(DerivedRecord {
        format_version: record.format_version,
        questionnaire_id: &record.questionnaire_id,
        questionnaire_version: &record.questionnaire_version,
        instrument_versions: &record.instrument_versions,
        answers: &record.answers,
        step: DerivedStep::from(&record.step),
        lang: record.lang,
        safety_plan: &record.safety_plan,
        created_ms: record.created_ms,
        updated_ms: record.updated_ms,
        contact: &record.contact,
        revision: record.revision,
    })
    .unwrap();
    let map = value.as_object_mut().unwrap();
    map.insert("format_version".to_owned(), Value::from(FORMAT_VERSION));
    map.insert(
        "reflection".to_owned(),
        Value::String(record.reflection.to_code()),
    );
    serde_json::to_string(&value).unwrap()
}

fn derived_step(value: &Value) -> Option<SavedStep> {
    serde_json::from_value::<DerivedStep>(value.clone())
        .ok()
        .map(SavedStep::from)
}

fn derived_contact(value: &Value) -> Option<ContactDetails> {
    serde_json::from_value::<ContactDetails>(value.clone()).ok()
}

// ------------------------------------------------- the readers under test

fn read_step(value: &Value) -> Option<SavedStep> {
    SavedStep::from_json(value)
}

fn read_contact(value: &Value) -> Option<ContactDetails> {
    contact::from_json(value)
}

// ------------------------------------------------- the encoded text, pinned

/// Every field set: a question step, answers of each shape, contact details with a yes/no
/// answered and one not, a reflection, instrument versions, text needing escapes.
fn full() -> SavedRecord {
    SavedRecord {
        // Ignored: `encode` always writes the current format.
        format_version: 1,
        questionnaire_id: "intake".into(),
        questionnaire_version: "1".into(),
        instrument_versions: BTreeMap::from([
            ("phq9".to_owned(), "0123456789abcdef".to_owned()),
            ("gad7".to_owned(), "fedcba9876543210".to_owned()),
        ]),
        answers: Answers::new()
            .with("age", 34)
            .with("phq9_1", "several_days")
            .with("contact_times", &["weekday_mornings", "weekends"][..])
            .with("zz_negative", -5),
        step: SavedStep::Question {
            item: "phq9_2".into(),
        },
        lang: Lang::ZhHantHk,
        safety_plan: "Call my sister 📞\n\"quotes\" \\ \t\u{1} and 中文".into(),
        created_ms: 1_700_000_000_000.0,
        updated_ms: 1_700_000_360_000.0,
        contact: ContactDetails {
            name: "Ka Yan".into(),
            phone: "9123 4567".into(),
            email: "ky@example.org".into(),
            voicemail: Some(false),
            sms: None,
        },
        reflection: Reflection {
            timing: Some(Timing::Now),
            style: Some(StylePref::Either),
            setting: None,
            others_hard: Some(OthersHard::Maybe),
        },
        revision: 7,
    }
}

/// Written by the derived encoder for [`full`].
const FULL: &str = r#"{"answers":{"age":34,"contact_times":["weekday_mornings","weekends"],"phq9_1":"several_days","zz_negative":-5},"contact":{"email":"ky@example.org","name":"Ka Yan","phone":"9123 4567","sms":null,"voicemail":false},"created_ms":1700000000000.0,"format_version":3,"instrument_versions":{"gad7":"fedcba9876543210","phq9":"0123456789abcdef"},"lang":"zh-Hant-HK","questionnaire_id":"intake","questionnaire_version":"1","reflection":"02-1","revision":7,"safety_plan":"Call my sister 📞\n\"quotes\" \\ \t\u0001 and 中文","step":{"item":"phq9_2","step":"question"},"updated_ms":1700000360000.0}"#;

/// Nothing answered, both yes/no questions answered, and times and a revision at the
/// edges of their formatting (not a number, a fraction, the largest revision).
fn edges() -> SavedRecord {
    SavedRecord {
        format_version: FORMAT_VERSION,
        questionnaire_id: "intake".into(),
        questionnaire_version: "1".into(),
        instrument_versions: BTreeMap::new(),
        answers: Answers::new(),
        step: SavedStep::Welcome,
        lang: Lang::En,
        safety_plan: String::new(),
        created_ms: f64::NAN,
        updated_ms: 0.5,
        contact: ContactDetails {
            voicemail: Some(true),
            sms: Some(true),
            ..ContactDetails::default()
        },
        reflection: Reflection::default(),
        revision: u64::MAX,
    }
}

/// Written by the derived encoder for [`edges`].
const EDGES: &str = r#"{"answers":{},"contact":{"email":"","name":"","phone":"","sms":true,"voicemail":true},"created_ms":null,"format_version":3,"instrument_versions":{},"lang":"en","questionnaire_id":"intake","questionnaire_version":"1","reflection":"----","revision":18446744073709551615,"safety_plan":"","step":{"step":"welcome"},"updated_ms":0.5}"#;

#[test]
fn the_encoded_text_is_what_the_derived_encoder_wrote() {
    assert_eq!(encode(&full()), FULL);
    assert_eq!(encode(&edges()), EDGES);
    let mut other = edges();
    for (step, json) in [
        (SavedStep::Review, r#""step":{"step":"review"}"#),
        (SavedStep::Result, r#""step":{"step":"result"}"#),
        (SavedStep::Contact, r#""step":{"step":"contact"}"#),
        (SavedStep::Consent, r#""step":{"step":"consent"}"#),
    ] {
        other.step = step;
        other.created_ms = -0.0;
        other.updated_ms = 1e300;
        let text = encode(&other);
        assert!(text.contains(json), "{text}");
        assert!(
            text.contains(r#""created_ms":-0.0"#) && text.contains(r#""updated_ms":1e+300"#),
            "{text}"
        );
        assert_eq!(text, derived_encode(&other));
    }
}

// ------------------------------------------------- what is read, pinned

fn question(item: &str) -> Option<SavedStep> {
    Some(SavedStep::Question {
        item: item.to_owned(),
    })
}

#[test]
fn steps_read_as_the_derived_reader_read_them() {
    let table = [
        (json!({"step": "welcome"}), Some(SavedStep::Welcome)),
        (json!({"step": "review"}), Some(SavedStep::Review)),
        (json!({"step": "result"}), Some(SavedStep::Result)),
        (json!({"step": "contact"}), Some(SavedStep::Contact)),
        (json!({"step": "consent"}), Some(SavedStep::Consent)),
        (
            json!({"step": "question", "item": "phq9_2"}),
            question("phq9_2"),
        ),
        // Other keys are ignored.
        (
            json!({"step": "question", "item": "a", "extra": 1}),
            question("a"),
        ),
        (
            json!({"step": "welcome", "item": "x", "more": [1]}),
            Some(SavedStep::Welcome),
        ),
        (json!({"step": "question", "item": ""}), question("")),
        // A question needs its item, as a string.
        (json!({"step": "question"}), None),
        (json!({"step": "question", "item": 3}), None),
        (json!({"step": "question", "item": null}), None),
        (json!({"step": "question", "item": ["a"]}), None),
        // The tag: one of the six names, exactly, as a string.
        (json!({"step": "Question", "item": "a"}), None),
        (json!({"step": "WELCOME"}), None),
        (json!({"step": "unknown"}), None),
        (json!({"step": ""}), None),
        (json!({"step": 0}), None),
        (json!({"step": 1, "item": "a"}), None),
        (json!({"step": null}), None),
        (json!({"step": true}), None),
        (json!({"step": ["welcome"]}), None),
        (json!({"step": {"step": "welcome"}}), None),
        (json!({}), None),
        (json!({"item": "a"}), None),
        (json!({"Step": "welcome"}), None),
        // Neither an object nor an array.
        (json!("welcome"), None),
        (json!("question"), None),
        (Value::Null, None),
        (json!(0), None),
        (json!(1), None),
        (json!(true), None),
        (json!(1.5), None),
        // An array is read by position, tag first (the derived reader did so too).
        (json!(["welcome"]), Some(SavedStep::Welcome)),
        (json!(["review"]), Some(SavedStep::Review)),
        (json!(["consent"]), Some(SavedStep::Consent)),
        (json!(["question", "a"]), question("a")),
        (json!([]), None),
        (json!(["welcome", 1]), None),
        (json!(["welcome", null]), None),
        (json!(["welcome", {}]), None),
        (json!(["question"]), None),
        (json!(["question", "a", "b"]), None),
        (json!(["question", 1]), None),
        (json!(["question", {"item": "a"}]), None),
        (json!([0]), None),
        (json!([1, "a"]), None),
        (json!([null]), None),
        (json!(["nope"]), None),
        (json!([["welcome"]]), None),
    ];
    for (value, expected) in table {
        assert_eq!(derived_step(&value), expected, "derived, {value}");
        assert_eq!(read_step(&value), expected, "{value}");
    }
}

fn contact(
    name: &str,
    phone: &str,
    email: &str,
    voicemail: Option<bool>,
    sms: Option<bool>,
) -> Option<ContactDetails> {
    Some(ContactDetails {
        name: name.to_owned(),
        phone: phone.to_owned(),
        email: email.to_owned(),
        voicemail,
        sms,
    })
}

#[test]
fn contact_details_read_as_the_derived_reader_read_them() {
    let empty = Some(ContactDetails::default());
    let table = [
        // Missing fields are empty; other keys are ignored.
        (json!({}), empty.clone()),
        (json!({"name": "a"}), contact("a", "", "", None, None)),
        (
            json!({"name": "a", "phone": "b", "email": "c", "voicemail": true, "sms": false}),
            contact("a", "b", "c", Some(true), Some(false)),
        ),
        (json!({"voicemail": null, "sms": null}), empty.clone()),
        (
            json!({"name": "a", "extra": [1, 2]}),
            contact("a", "", "", None, None),
        ),
        (json!({"Name": "a"}), empty.clone()),
        // A field of the wrong type makes the whole unreadable.
        (json!({"name": 1}), None),
        (json!({"name": null}), None),
        (json!({"phone": ["b"]}), None),
        (json!({"email": false}), None),
        (json!({"voicemail": "yes"}), None),
        (json!({"voicemail": 1}), None),
        (json!({"sms": 0}), None),
        (json!({"sms": {}}), None),
        (json!({"name": "a", "sms": "no"}), None),
        // Neither an object nor an array.
        (Value::Null, None),
        (json!("x"), None),
        (json!(1), None),
        (json!(true), None),
        // An array is read by position, at most five (the derived reader did so too).
        (json!([]), empty.clone()),
        (json!(["a"]), contact("a", "", "", None, None)),
        (json!(["a", "b"]), contact("a", "b", "", None, None)),
        (json!(["a", "b", "c"]), contact("a", "b", "c", None, None)),
        (
            json!(["a", "b", "c", true]),
            contact("a", "b", "c", Some(true), None),
        ),
        (
            json!(["a", "b", "c", true, null]),
            contact("a", "b", "c", Some(true), None),
        ),
        (
            json!(["a", "b", "c", null, false]),
            contact("a", "b", "c", None, Some(false)),
        ),
        (json!(["a", "b", "c", true, null, 1]), None),
        (json!(["a", "b", "c", true, null, null]), None),
        (json!([1]), None),
        (json!([null]), None),
        (json!(["a", "b", "c", "x"]), None),
    ];
    for (value, expected) in table {
        assert_eq!(derived_contact(&value), expected, "derived, {value}");
        assert_eq!(read_contact(&value), expected, "{value}");
    }
}

// ------------------------------------------------- the same on any input

/// JSON shaped like steps and contact details, and damaged ones.
fn step_or_contact_ish() -> impl Strategy<Value = Value> {
    let key = select(vec![
        "step",
        "item",
        "name",
        "phone",
        "email",
        "voicemail",
        "sms",
        "extra",
        "Step",
    ])
    .prop_map(str::to_owned);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-2i64..3).prop_map(Value::from),
        Just(json!(1.5)),
        select(vec![
            "welcome", "question", "review", "result", "contact", "consent", "Welcome", "",
            "phq9_2",
        ])
        .prop_map(Value::from),
        ".{0,3}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 7, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..7).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..7)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn any_step() -> impl Strategy<Value = SavedStep> {
    prop_oneof![
        Just(SavedStep::Welcome),
        Just(SavedStep::Review),
        Just(SavedStep::Result),
        Just(SavedStep::Contact),
        Just(SavedStep::Consent),
        ".*".prop_map(|item| SavedStep::Question { item }),
    ]
}

fn any_time() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        (-900_000_000_000_000i64..=900_000_000_000_000).prop_map(|n| n as f64),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-0.0),
    ]
}

fn any_record() -> impl Strategy<Value = SavedRecord> {
    let answer = prop_oneof![
        any::<i64>().prop_map(screener::core::AnswerValue::Number),
        ".*".prop_map(screener::core::AnswerValue::Choice),
        proptest::collection::vec(".*", 0..3).prop_map(screener::core::AnswerValue::Choices),
    ];
    let contact = (
        ".*",
        ".*",
        ".*",
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(name, phone, email, voicemail, sms)| ContactDetails {
            name,
            phone,
            email,
            voicemail,
            sms,
        });
    (
        (any::<u32>(), ".*", ".*"),
        proptest::collection::btree_map(".*", ".*", 0..4),
        proptest::collection::btree_map(".*", answer, 0..5),
        any_step(),
        select(Lang::ALL.to_vec()),
        ".*",
        (any_time(), any_time()),
        contact,
        "[0-2-]{4}",
        any::<u64>(),
    )
        .prop_map(
            |(
                (format_version, questionnaire_id, questionnaire_version),
                instrument_versions,
                answers,
                step,
                lang,
                safety_plan,
                (created_ms, updated_ms),
                contact,
                reflection,
                revision,
            )| SavedRecord {
                format_version,
                questionnaire_id,
                questionnaire_version,
                instrument_versions,
                answers: Answers(answers),
                step,
                lang,
                safety_plan,
                created_ms,
                updated_ms,
                contact,
                reflection: Reflection::from_code(&reflection),
                revision,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn any_record_is_written_as_the_derived_encoder_wrote_it(record in any_record()) {
        prop_assert_eq!(encode(&record), derived_encode(&record));
    }

    #[test]
    fn any_step_is_read_as_the_derived_reader_read_it(value in step_or_contact_ish()) {
        prop_assert_eq!(read_step(&value), derived_step(&value));
    }

    #[test]
    fn any_contact_is_read_as_the_derived_reader_read_it(value in step_or_contact_ish()) {
        prop_assert_eq!(read_contact(&value), derived_contact(&value));
    }
}
