//! The outbox's saved format, written and read by hand (`src/storage/outbox.rs`): what the
//! derived serde code of the first intake build wrote must still read back the same, and
//! what this build writes must be that same JSON, field for field.

use screener::core::referral::{ContactDetails, Delivery, Failure, Referral, ReferralId};
use screener::storage::{decode_outbox, encode_outbox, OutboxDecodeError};
use serde_json::{json, Value};

/// Written by the derived encoder (commit 8ba1318) for [`referral`] with each delivery.
const PENDING: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"pending","attempts":2,"next_ms":1764000010000.5,"not_before_ms":0.0,"last":{"kind":"status","status":503}}}}"#;
const PENDING_TIMEOUT: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"pending","attempts":1,"next_ms":5.0,"not_before_ms":7.0,"last":{"kind":"timeout"}}}}"#;
const SENT: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"sent","at_ms":1764000020000.0,"attempts":3,"created":false}}}"#;
const REFUSED: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"refused","at_ms":1764000030000.0,"status":422}}}"#;

fn referral(delivery: Delivery) -> Referral {
    let contact = ContactDetails {
        name: "Ka Yan".into(),
        phone: "9123 4567".into(),
        email: String::new(),
        voicemail: Some(true),
        sms: None,
    };
    let mut r = Referral::new(
        ReferralId::from_random([7; 16]),
        1_764_000_000_000.0,
        "https://fhir.example.org/R4".into(),
        json!({"resourceType": "Bundle", "type": "transaction"}),
        contact,
        true,
    );
    r.delivery = delivery;
    r
}

fn cases() -> [(&'static str, Referral); 4] {
    [
        (
            PENDING,
            referral(Delivery::Pending {
                attempts: 2,
                next_ms: 1_764_000_010_000.5,
                not_before_ms: 0.0,
                last: Some(Failure::Status { status: 503 }),
            }),
        ),
        (
            PENDING_TIMEOUT,
            referral(Delivery::Pending {
                attempts: 1,
                next_ms: 5.0,
                not_before_ms: 7.0,
                last: Some(Failure::Timeout),
            }),
        ),
        (
            SENT,
            referral(Delivery::Sent {
                at_ms: 1_764_000_020_000.0,
                attempts: 3,
                created: false,
            }),
        ),
        (
            REFUSED,
            referral(Delivery::Refused {
                at_ms: 1_764_000_030_000.0,
                status: 422,
            }),
        ),
    ]
}

#[test]
fn what_the_first_intake_build_saved_reads_back_the_same() {
    for (saved, expected) in cases() {
        assert_eq!(decode_outbox(saved), Ok(expected), "{saved}");
    }
}

#[test]
fn this_build_writes_the_same_json() {
    for (saved, referral) in cases() {
        let written: Value = serde_json::from_str(&encode_outbox(&referral)).unwrap();
        let before: Value = serde_json::from_str(saved).unwrap();
        assert_eq!(written, before);
        assert_eq!(decode_outbox(&encode_outbox(&referral)), Ok(referral));
    }
}

#[test]
fn every_failure_and_no_failure_survive_a_round_trip() {
    for last in [
        None,
        Some(Failure::Network),
        Some(Failure::Timeout),
        Some(Failure::Blocked),
        Some(Failure::Status { status: 429 }),
    ] {
        let r = referral(Delivery::Pending {
            attempts: 4,
            next_ms: 1.5,
            not_before_ms: 2.5,
            last,
        });
        assert_eq!(decode_outbox(&encode_outbox(&r)), Ok(r));
    }
}

#[test]
fn a_damaged_or_newer_outbox_is_refused_not_guessed() {
    let damaged = [
        SENT.replace(r#""state":"sent""#, r#""state":"delivered""#),
        SENT.replace(r#""attempts":3"#, r#""attempts":-3"#),
        SENT.replace(r#","created":false"#, ""),
        PENDING.replace(r#""kind":"status","status":503"#, r#""kind":"status""#),
        PENDING.replace(r#""kind":"status""#, r#""kind":"lost""#),
        REFUSED.replace(r#""status":422"#, r#""status":70000"#),
        SENT.replace("07070707-0707-4707-8707-070707070707", "not-an-id"),
        SENT.replace(r#""endpoint":"https://fhir.example.org/R4","#, ""),
        "{}".to_owned(),
        "[1]".to_owned(),
        "not json".to_owned(),
    ];
    for text in damaged {
        assert!(
            ![PENDING, SENT, REFUSED].contains(&text.as_str()),
            "not damaged: {text}"
        );
        assert_eq!(
            decode_outbox(&text),
            Err(OutboxDecodeError::Unreadable),
            "{text}"
        );
    }
    let newer = SENT.replace(r#""format_version":1"#, r#""format_version":2"#);
    assert_eq!(
        decode_outbox(&newer),
        Err(OutboxDecodeError::NewerVersion { found: 2 })
    );
}
