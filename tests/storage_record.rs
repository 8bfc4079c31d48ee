//! The saved record (native): encoding, lenient decoding, migration of the pre-release
//! format, newer formats refused, misfit answers dropped and reported, and property tests
//! feeding arbitrary strings and JSON-ish text to the decoder, which must never panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use screener::core::alternatives::{Reflection, SettingPref, Timing};
use screener::core::referral::ContactDetails;
use screener::core::{
    check_answers, default_questionnaire, AnswerValue, Answers, ItemKind, JsonKind, Lang,
    ProblemKind, Questionnaire,
};
use screener::flow::Screen;
use screener::storage::{
    decode, encode, instrument_versions, whole_ms, DecodeError, SavedRecord, SavedStep,
    FORMAT_VERSION,
};
use serde_json::{json, Value};

fn q() -> Questionnaire {
    default_questionnaire()
}

fn sample() -> SavedRecord {
    let q = q();
    let mut record = SavedRecord::new(&q, 1_700_000_000_000.0);
    record.answers = Answers::new()
        .with("age", 34)
        .with("phq9_1", "several_days")
        .with("contact_times", &["weekday_mornings", "weekends"][..]);
    record.step = SavedStep::Question {
        item: "phq9_2".to_owned(),
    };
    record.lang = Lang::ZhHantHk;
    record.safety_plan = "Call my sister 📞\n\"quotes\" and 中文".to_owned();
    record.updated_ms = 1_700_000_360_000.0;
    record.revision = 7;
    record
}

#[test]
fn sample_answers_are_valid() {
    // Guards the fixture itself: a typo here would hide real failures below.
    assert_eq!(check_answers(&q(), &sample().answers), []);
}

#[test]
fn round_trip() {
    let record = sample();
    let text = encode(&record);
    let decoded = decode(&text, &q()).unwrap();
    assert_eq!(decoded.record, record);
    assert_eq!(decoded.dropped, []);
    assert_eq!(decoded.migrated_from, None);
}

#[test]
fn encoded_form_is_the_documented_shape() {
    let value: Value = serde_json::from_str(&encode(&sample())).unwrap();
    assert_eq!(value["format_version"], json!(FORMAT_VERSION));
    assert_eq!(value["questionnaire_id"], json!("intake"));
    assert_eq!(value["questionnaire_version"], json!("1"));
    assert_eq!(value["answers"]["age"], json!(34));
    assert_eq!(
        value["answers"]["contact_times"],
        json!(["weekday_mornings", "weekends"])
    );
    assert_eq!(value["step"], json!({"step": "question", "item": "phq9_2"}));
    assert_eq!(value["lang"], json!("zh-Hant-HK"));
    assert_eq!(value["revision"], json!(7));
    assert_eq!(
        value["instrument_versions"],
        serde_json::to_value(instrument_versions(&q())).unwrap()
    );
}

#[test]
fn encode_always_writes_the_current_format() {
    let mut record = sample();
    record.format_version = 0;
    let value: Value = serde_json::from_str(&encode(&record)).unwrap();
    assert_eq!(value["format_version"], json!(FORMAT_VERSION));
}

#[test]
fn new_record_is_empty_and_stamped_with_the_questionnaire() {
    let q = q();
    let record = SavedRecord::new(&q, 5.0);
    assert_eq!(record.format_version, FORMAT_VERSION);
    assert_eq!(record.questionnaire_id, q.id);
    assert_eq!(record.questionnaire_version, q.version);
    assert_eq!(record.instrument_versions.len(), 3);
    assert!(record.answers.is_empty());
    assert_eq!(record.step, SavedStep::Welcome);
    assert_eq!((record.created_ms, record.updated_ms), (5.0, 5.0));
    assert_eq!(record.revision, 0);
}

/// A record as written by the pre-release builds (format 0).
const V0: &str = r#"{
    "format_version": 0,
    "questionnaire_id": "intake",
    "questionnaire_version": "0.9",
    "answers": {"age": 40, "gad7_1": "nearly_every_day"},
    "step": "gad7_2",
    "lang": "zh-Hant-HK",
    "safety_plan": "walk",
    "created_ms": 1000.0,
    "updated_ms": 2000.0
}"#;

#[test]
fn v0_is_migrated() {
    let decoded = decode(V0, &q()).unwrap();
    assert_eq!(decoded.migrated_from, Some(0));
    assert_eq!(decoded.dropped, []);
    let record = decoded.record;
    assert_eq!(record.format_version, FORMAT_VERSION);
    assert_eq!(record.questionnaire_version, "0.9");
    assert!(record.instrument_versions.is_empty());
    assert_eq!(
        record.answers,
        Answers::new()
            .with("age", 40)
            .with("gad7_1", "nearly_every_day")
    );
    assert_eq!(
        record.step,
        SavedStep::Question {
            item: "gad7_2".to_owned()
        }
    );
    assert_eq!(record.lang, Lang::ZhHantHk);
    assert_eq!(record.safety_plan, "walk");
    assert_eq!((record.created_ms, record.updated_ms), (1000.0, 2000.0));
    assert_eq!(record.revision, 0);
    // Once migrated, it is written and read back in the current format.
    let again = decode(&encode(&record), &q()).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.record, record);
}

#[test]
fn v0_keyword_steps_and_missing_created_time() {
    for (step, expected) in [
        ("welcome", SavedStep::Welcome),
        ("review", SavedStep::Review),
        ("result", SavedStep::Result),
        ("no_such_question", SavedStep::Welcome),
    ] {
        let text = json!({"format_version": 0, "answers": {}, "step": step, "updated_ms": 9.0})
            .to_string();
        let record = decode(&text, &q()).unwrap().record;
        assert_eq!(record.step, expected, "{step}");
        assert_eq!(record.created_ms, 9.0);
    }
}

#[test]
fn a_format_1_record_is_migrated_with_no_contact_details_and_format_2_keeps_them() {
    let mut value: Value = serde_json::from_str(&encode(&sample())).unwrap();
    value["contact"] = json!({"name": "Ka Yan", "phone": "9123 4567", "sms": false});
    let kept = decode(&value.to_string(), &q()).unwrap();
    assert_eq!(kept.migrated_from, None);
    assert_eq!(kept.record.contact.name, "Ka Yan");
    assert_eq!(kept.record.contact.sms, Some(false));
    value["format_version"] = json!(1);
    let migrated = decode(&value.to_string(), &q()).unwrap();
    assert_eq!(migrated.migrated_from, Some(1));
    assert_eq!(
        migrated.record.contact,
        Default::default(),
        "format 1 had no contact details"
    );
    // Unreadable contact details cost only themselves.
    value["format_version"] = json!(3);
    value["contact"] = json!("not an object");
    let decoded = decode(&value.to_string(), &q()).unwrap();
    assert_eq!(decoded.record.answers, sample().answers);
    assert!(decoded.record.contact.is_empty());
}

#[test]
fn a_format_2_record_is_migrated_with_no_reflection_and_format_3_keeps_it() {
    let mut record = sample();
    record.reflection = Reflection {
        timing: Some(Timing::NotSure),
        setting: Some(SettingPref::Online),
        ..Reflection::default()
    };
    let mut value: Value = serde_json::from_str(&encode(&record)).unwrap();
    assert_eq!(value["reflection"], json!("1-1-"));
    let kept = decode(&value.to_string(), &q()).unwrap();
    assert_eq!(kept.migrated_from, None);
    assert_eq!(kept.record, record);
    // A format 2 record (as written before the reflection existed) has none.
    value["format_version"] = json!(2);
    value.as_object_mut().unwrap().remove("reflection");
    let migrated = decode(&value.to_string(), &q()).unwrap();
    assert_eq!(migrated.migrated_from, Some(2));
    assert!(migrated.record.reflection.is_empty());
    assert_eq!(migrated.record.answers, record.answers);
    assert_eq!(migrated.record.contact, record.contact);
    // An unreadable reflection costs only itself.
    value["format_version"] = json!(3);
    value["reflection"] = json!({"timing": "tomorrow"});
    let decoded = decode(&value.to_string(), &q()).unwrap();
    assert!(decoded.record.reflection.is_empty());
    value["reflection"] = json!("x9");
    let decoded = decode(&value.to_string(), &q()).unwrap();
    assert_eq!(decoded.record.answers, record.answers);
    assert!(decoded.record.reflection.is_empty());
}

#[test]
fn newer_versions_are_refused_not_read() {
    let mut value: Value = serde_json::from_str(&encode(&sample())).unwrap();
    for (version, found) in [
        (json!(4), 4),
        (json!(99), 99),
        (json!(1u64 << 40), u32::MAX),
    ] {
        value["format_version"] = version;
        assert_eq!(
            decode(&value.to_string(), &q()),
            Err(DecodeError::NewerVersion { found })
        );
    }
    // Even when the rest of a newer record is unrecognisable.
    assert_eq!(
        decode(r#"{"format_version": 4, "data": "opaque"}"#, &q()),
        Err(DecodeError::NewerVersion { found: 4 })
    );
}

#[test]
fn not_json() {
    for text in [
        "",
        " ",
        "{",
        "{\"format_version\":1,",
        "undefined",
        "NaN",
        "\u{0}",
        "[object Object]",
    ] {
        assert_eq!(decode(text, &q()), Err(DecodeError::NotJson), "{text:?}");
    }
}

#[test]
fn not_a_record() {
    let good = serde_json::from_str::<Value>(&encode(&sample())).unwrap();
    let with = |field: &str, value: Value| {
        let mut v = good.clone();
        v[field] = value;
        v.to_string()
    };
    let without = |field: &str| {
        let mut v = good.clone();
        v.as_object_mut().unwrap().remove(field);
        v.to_string()
    };
    for text in [
        "null".to_owned(),
        "1".to_owned(),
        "\"text\"".to_owned(),
        "[]".to_owned(),
        "{}".to_owned(),
        without("format_version"),
        with("format_version", json!("1")),
        with("format_version", json!(-1)),
        with("format_version", json!(1.5)),
        with("format_version", Value::Null),
        without("answers"),
        with("answers", json!([])),
        with("answers", json!("age=34")),
        with("answers", Value::Null),
        without("updated_ms"),
        with("updated_ms", json!("yesterday")),
        with("updated_ms", Value::Null),
    ] {
        assert_eq!(decode(&text, &q()), Err(DecodeError::NotARecord), "{text}");
    }
}

#[test]
fn misfit_answers_are_dropped_and_reported() {
    let mut value: Value = serde_json::from_str(&encode(&sample())).unwrap();
    value["answers"] = json!({
        "age": 999,
        "phq9_1": "several_days",
        "phq9_2": "sometimes",
        "phq9_3": 2,
        "gone_item": "yes",
        "gad7_1": true,
        "contact_times": ["weekends", "weekends"],
    });
    let decoded = decode(&value.to_string(), &q()).unwrap();
    assert_eq!(
        decoded.record.answers,
        Answers::new().with("phq9_1", "several_days")
    );
    let problems: Vec<(&str, &ProblemKind)> = decoded
        .dropped
        .iter()
        .map(|p| (p.item.as_str(), &p.problem))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "age",
                &ProblemKind::OutOfRange {
                    value: 999,
                    min: 0,
                    max: 120
                }
            ),
            (
                "contact_times",
                &ProblemKind::DuplicateOption {
                    value: "weekends".to_owned()
                }
            ),
            (
                "gad7_1",
                &ProblemKind::Unreadable {
                    found: JsonKind::Boolean
                }
            ),
            ("gone_item", &ProblemKind::UnknownItem),
            (
                "phq9_2",
                &ProblemKind::UnknownOption {
                    value: "sometimes".to_owned()
                }
            ),
            (
                "phq9_3",
                &ProblemKind::WrongType {
                    expected: screener::core::ValueKind::Choice,
                    found: screener::core::ValueKind::Number
                }
            ),
        ]
    );
    // The rest of the record survives.
    assert_eq!(decoded.record.safety_plan, sample().safety_plan);
    assert_eq!(decoded.record.revision, 7);
}

#[test]
fn odd_optional_fields_fall_back_to_defaults() {
    let mut value: Value = serde_json::from_str(&encode(&sample())).unwrap();
    value["lang"] = json!("fr");
    value["step"] = json!({"step": "question", "item": "removed_question"});
    value["safety_plan"] = json!(12);
    value["questionnaire_id"] = json!(null);
    value["instrument_versions"] = json!({"phq9": "abc", "gad7": 3});
    value["revision"] = json!(-4);
    value["created_ms"] = json!("then");
    value["extra"] = json!({"ignored": true});
    let record = decode(&value.to_string(), &q()).unwrap().record;
    assert_eq!(record.lang, Lang::En);
    assert_eq!(record.step, SavedStep::Welcome);
    assert_eq!(record.safety_plan, "");
    assert_eq!(record.questionnaire_id, "");
    assert_eq!(
        record.instrument_versions.into_iter().collect::<Vec<_>>(),
        [("phq9".to_owned(), "abc".to_owned())]
    );
    assert_eq!(record.revision, 0);
    assert_eq!(record.created_ms, record.updated_ms);
    assert_eq!(record.answers, sample().answers);

    value["lang"] = json!("zh-HK");
    value["step"] = json!("review");
    let record = decode(&value.to_string(), &q()).unwrap().record;
    assert_eq!(record.lang, Lang::ZhHantHk);
    assert_eq!(record.step, SavedStep::Welcome);
}

#[test]
fn steps_round_trip_through_screens() {
    for step in [
        SavedStep::Welcome,
        SavedStep::Question {
            item: "risk_plans".to_owned(),
        },
        SavedStep::Review,
        SavedStep::Result,
    ] {
        assert_eq!(SavedStep::from(Screen::from(step.clone())), step);
        let mut record = sample();
        record.step = step.clone();
        assert_eq!(decode(&encode(&record), &q()).unwrap().record.step, step);
    }
}

// ---------------------------------------------------------------- properties

/// A valid answer to every item (a random subset of the questionnaire's items).
fn valid_answers() -> impl Strategy<Value = Answers> {
    let items: Vec<_> = q().items().cloned().collect();
    let per_item: Vec<BoxedStrategy<Option<(String, AnswerValue)>>> = items
        .into_iter()
        .map(|item| {
            let id = item.id.clone();
            let value: BoxedStrategy<AnswerValue> = match &item.kind {
                ItemKind::Choice { options } => {
                    let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
                    select(values).prop_map(AnswerValue::Choice).boxed()
                }
                ItemKind::MultiChoice { options } => {
                    let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
                    let n = values.len();
                    subsequence(values, 0..=n)
                        .prop_map(AnswerValue::Choices)
                        .boxed()
                }
                ItemKind::WholeNumber { min, max } => {
                    (*min..=*max).prop_map(AnswerValue::Number).boxed()
                }
            };
            proptest::option::of(value.prop_map(move |v| (id.clone(), v))).boxed()
        })
        .collect();
    per_item.prop_map(|pairs| pairs.into_iter().flatten().collect::<Answers>())
}

fn step() -> impl Strategy<Value = SavedStep> {
    let ids: Vec<String> = q().items().map(|i| i.id.clone()).collect();
    prop_oneof![
        Just(SavedStep::Welcome),
        Just(SavedStep::Review),
        Just(SavedStep::Result),
        Just(SavedStep::Contact),
        Just(SavedStep::Consent),
        select(ids).prop_map(|item| SavedStep::Question { item }),
    ]
}

/// Whole milliseconds, as `Date.now()` gives (and as records keep them).
fn whole_time() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-900_000_000_000_000i64..=900_000_000_000_000).prop_map(|n| n as f64),
        (1_600_000_000_000i64..1_900_000_000_000).prop_map(|n| n as f64),
        Just(0.0),
    ]
}

/// Any time at all, including fractions, infinities and NaN.
fn any_time() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        -1e16..1e16f64,
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(f64::NAN),
        Just(f64::INFINITY),
    ]
}

fn record() -> impl Strategy<Value = SavedRecord> {
    (
        valid_answers(),
        step(),
        select(Lang::ALL.to_vec()),
        ".*",
        whole_time(),
        whole_time(),
        any::<u64>(),
        proptest::collection::btree_map(".*", ".*", 0..4),
        (".*", ".*", ".*", proptest::option::of(any::<bool>())),
    )
        .prop_map(
            |(
                answers,
                step,
                lang,
                plan,
                created,
                updated,
                revision,
                versions,
                (id, version, name, sms),
            )| {
                SavedRecord {
                    format_version: FORMAT_VERSION,
                    questionnaire_id: id,
                    questionnaire_version: version,
                    instrument_versions: versions,
                    answers,
                    step,
                    lang,
                    safety_plan: plan,
                    contact: ContactDetails {
                        name,
                        sms,
                        ..ContactDetails::default()
                    },
                    reflection: Reflection::default(),
                    created_ms: created,
                    updated_ms: updated,
                    revision,
                }
            },
        )
}

/// JSON of any shape, biased towards record fields, so the decoder's paths past
/// "is it JSON" and "is it an object" are exercised.
fn json_ish() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        select(vec![
            "format_version",
            "answers",
            "step",
            "lang",
            "safety_plan",
            "created_ms",
            "updated_ms",
            "revision",
            "instrument_versions",
            "questionnaire_id",
            "item",
            "age",
            "phq9_1",
            "contact_times",
        ])
        .prop_map(str::to_owned),
        ".{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (0u32..4).prop_map(Value::from),
        ".*".prop_map(Value::from),
        select(vec![
            "welcome",
            "question",
            "review",
            "en",
            "zh-Hant-HK",
            "several_days",
            "weekends",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// What every successful decode promises.
fn check_decoded(text: &str) {
    let q = q();
    if let Ok(decoded) = decode(text, &q) {
        let record = decoded.record;
        assert_eq!(record.format_version, FORMAT_VERSION);
        assert_eq!(check_answers(&q, &record.answers), [], "only valid answers");
        for time in [record.updated_ms, record.created_ms] {
            assert_eq!(
                whole_ms(time),
                time,
                "times are whole ms, exact through JSON"
            );
        }
        if let SavedStep::Question { item } = &record.step {
            assert!(q.item(item).is_some());
        }
        // A decoded record re-encodes to itself, with nothing more dropped.
        let again = decode(&encode(&record), &q).expect("re-encoded record decodes");
        assert_eq!(again.record, record);
        assert_eq!(again.dropped, []);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(text in ".*") {
        check_decoded(&text);
    }

    #[test]
    fn arbitrary_bytes_as_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        check_decoded(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_ish()) {
        check_decoded(&value.to_string());
    }

    #[test]
    fn record_like_json_never_panics(
        fields in proptest::collection::btree_map(
            select(vec!["format_version", "answers", "step", "lang", "safety_plan",
                        "created_ms", "updated_ms", "revision", "instrument_versions"]),
            json_ish(),
            0..9,
        ),
        version in 0u64..3,
    ) {
        let mut map: serde_json::Map<String, Value> =
            fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        map.insert("format_version".to_owned(), Value::from(version));
        map.entry("updated_ms").or_insert(Value::from(1.0));
        check_decoded(&Value::Object(map).to_string());
    }

    #[test]
    fn damaged_records_never_panic(
        record in record(),
        cut in any::<prop::sample::Index>(),
        insert in ".{0,4}",
    ) {
        let text = encode(&record);
        let chars: Vec<char> = text.chars().collect();
        let at = cut.index(chars.len() + 1);
        let truncated: String = chars[..at].iter().collect();
        check_decoded(&truncated);
        let spliced: String = chars[..at].iter().copied()
            .chain(insert.chars())
            .chain(chars[at..].iter().copied())
            .collect();
        check_decoded(&spliced);
    }

    #[test]
    fn whole_ms_is_exact_through_json(t in any_time()) {
        let whole = whole_ms(t);
        prop_assert!(whole.is_finite());
        prop_assert_eq!(whole_ms(whole), whole);
        let back: f64 = serde_json::from_str(&serde_json::to_string(&whole).unwrap()).unwrap();
        prop_assert_eq!(back.to_bits(), whole.to_bits());
    }

    #[test]
    fn every_valid_record_round_trips(record in record()) {
        let decoded = decode(&encode(&record), &q()).unwrap();
        prop_assert_eq!(decoded.dropped, vec![]);
        prop_assert_eq!(decoded.migrated_from, None);
        prop_assert_eq!(decoded.record, record);
    }
}
