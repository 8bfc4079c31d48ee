//! The referral core: the FHIR transaction Bundle, and the delivery state machine's
//! rules (Retry-After, backoff, a late answer, a deletion). The property test that runs
//! the machine through any sequence of failures, successes, reloads and tab switches
//! saves it in the app's outbox format, so it is the app's: `tests/storage_outbox.rs`.

use crate::common;

use serde_json::{json, Value};

use screener_core::config::{FieldRule, ReferralConfig};
use screener_core::referral::{
    reconcile, referral_bundle, Action, Attempt, BundleInput, ContactDetails, Delivery, Failure,
    Referral, ReferralId, Trigger, IDENTIFIER_SYSTEM,
};
use screener_core::{default_questionnaire, evaluate, Config, Headline};

fn referral_config(include_answers: bool) -> Config {
    Config {
        referral: ReferralConfig {
            endpoint: Some("https://fhir.example.org/R4".into()),
            recipient: screener_core::t("Example intake team", "示例接案團隊"),
            purpose: screener_core::t("To call you back.", "回電給你。"),
            withdraw: screener_core::t("Call 2345 6789.", "致電 2345 6789。"),
            include_answers,
            ..ReferralConfig::default()
        },
        ..Config::default()
    }
}

fn contact() -> ContactDetails {
    ContactDetails {
        name: "Ka Yan".into(),
        phone: "9123 4567".into(),
        email: "kayan@example.org".into(),
        voicemail: Some(false),
        sms: Some(true),
    }
}

fn bundle_for(config: &Config, contact: &ContactDetails) -> (Value, ReferralId) {
    let q = default_questionnaire();
    let answers = common::eligible();
    let outcome = evaluate(&q, &answers, config);
    assert_eq!(
        outcome.headline,
        Headline::Eligible,
        "{:?}",
        outcome.reasons
    );
    let id = ReferralId::from_random([0x5a; 16]);
    let bundle = referral_bundle(&BundleInput {
        questionnaire: &q,
        config,
        answers: &answers,
        outcome: &outcome,
        contact,
        id,
        authored: "2026-12-01T10:00:00.000Z",
        base: "https://screener.example.org/",
        lang: screener_core::Lang::En,
    });
    (bundle, id)
}

fn entry<'a>(bundle: &'a Value, kind: &str) -> &'a Value {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["resource"]["resourceType"] == kind)
        .unwrap_or_else(|| panic!("no {kind}"))
}

#[test]
fn the_bundle_is_a_transaction_of_three_conditional_creates_on_one_identifier() {
    let (bundle, id) = bundle_for(&referral_config(false), &contact());
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "transaction");
    let entries = bundle["entry"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let condition = format!("identifier={IDENTIFIER_SYSTEM}|urn:uuid:{id}");
    let mut urls = Vec::new();
    for (e, kind) in entries
        .iter()
        .zip(["Patient", "QuestionnaireResponse", "ServiceRequest"])
    {
        assert_eq!(e["resource"]["resourceType"], kind);
        assert_eq!(
            e["request"],
            json!({"method": "POST", "url": kind, "ifNoneExist": condition})
        );
        let full_url = e["fullUrl"].as_str().unwrap();
        assert!(full_url.starts_with("urn:uuid:"), "{full_url}");
        urls.push(full_url.to_owned());
        let identifier = &e["resource"]["identifier"];
        let first = if identifier.is_array() {
            &identifier[0]
        } else {
            identifier
        };
        assert_eq!(
            first,
            &json!({"system": IDENTIFIER_SYSTEM, "value": id.urn()})
        );
    }
    urls.dedup();
    assert_eq!(urls.len(), 3, "distinct full URLs");

    let patient = &entry(&bundle, "Patient")["resource"];
    let keys: Vec<&str> = patient
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["identifier", "name", "resourceType", "telecom"],
        "name and telecom only"
    );
    assert_eq!(patient["name"], json!([{"text": "Ka Yan"}]));
    assert_eq!(
        patient["telecom"],
        json!([
            {"system": "phone", "value": "+85291234567", "rank": 1},
            {"system": "sms", "value": "+85291234567"},
            {"system": "email", "value": "kayan@example.org"},
        ])
    );

    let patient_url = entry(&bundle, "Patient")["fullUrl"].clone();
    let response_url = entry(&bundle, "QuestionnaireResponse")["fullUrl"].clone();
    let request = &entry(&bundle, "ServiceRequest")["resource"];
    assert_eq!(request["intent"], "proposal");
    assert_eq!(request["status"], "active");
    assert_eq!(request["subject"]["reference"], patient_url);
    assert_eq!(request["requester"]["reference"], patient_url);
    assert_eq!(request["supportingInfo"][0]["reference"], response_url);
    assert_eq!(request["identifier"][1]["value"], id.reference());
    assert_eq!(request["authoredOn"], "2026-12-01T10:00:00.000Z");
    assert_eq!(request["performer"][0]["display"], "Example intake team");
    let note = request["note"][0]["text"].as_str().unwrap();
    assert!(note.contains("do not leave a voicemail"), "{note}");
    assert!(note.contains("Text messages are welcome"), "{note}");
    let response = &entry(&bundle, "QuestionnaireResponse")["resource"];
    assert_eq!(response["subject"]["reference"], patient_url);
    assert_eq!(response["status"], "completed");
}

#[test]
fn only_what_was_asked_travels() {
    // The summary: scores, contact preferences and outcome; no item answers.
    let (summary, _) = bundle_for(&referral_config(false), &contact());
    let text = entry(&summary, "QuestionnaireResponse")["resource"].to_string();
    assert!(!text.contains("\"phq9_1\""), "{text}");
    assert!(text.contains("\"phq9_total\""));
    assert!(
        text.contains("\"contact_mode\""),
        "contact preferences travel"
    );
    // Every answer, when the partner chose so.
    let (full, _) = bundle_for(&referral_config(true), &contact());
    let text = entry(&full, "QuestionnaireResponse")["resource"].to_string();
    assert!(text.contains("\"phq9_1\""));
    assert!(
        !text.contains("\"risk_plans\""),
        "a follow-up not asked is not sent"
    );

    // Fields not asked are not sent, whatever was kept from earlier.
    let mut config = referral_config(false);
    config.referral.fields.email = FieldRule::Off;
    config.referral.fields.sms = false;
    config.referral.fields.voicemail = false;
    let (bundle, _) = bundle_for(&config, &contact());
    let patient = &entry(&bundle, "Patient")["resource"];
    assert_eq!(
        patient["telecom"],
        json!([{"system": "phone", "value": "+85291234567", "rank": 1}])
    );
    assert!(entry(&bundle, "ServiceRequest")["resource"]
        .get("note")
        .is_none());
    // No SMS contact point when texts are not safe.
    let mut no_texts = contact();
    no_texts.sms = Some(false);
    let (bundle, _) = bundle_for(&referral_config(false), &no_texts);
    assert!(!entry(&bundle, "Patient")["resource"]["telecom"]
        .to_string()
        .contains("\"sms\""));
}

#[test]
fn the_same_referral_makes_the_same_bundle() {
    let (a, _) = bundle_for(&referral_config(false), &contact());
    let (b, _) = bundle_for(&referral_config(false), &contact());
    assert_eq!(a, b, "a retry sends exactly what was consented to");
}

// ---------------------------------------------------------------- the state machine

fn fresh(now: f64) -> Referral {
    Referral::new(
        ReferralId::from_random([1; 16]),
        now,
        "https://fhir.example.org/R4".into(),
        json!({"resourceType": "Bundle"}),
        contact(),
        false,
    )
}

#[test]
fn retry_after_is_honoured_even_by_a_reload_but_backoff_is_not() {
    let r = fresh(0.0);
    assert_eq!(r.next_action(0.0, Trigger::Consent), Action::Send);
    let r = r.after(
        Attempt::Retry {
            failure: Failure::Status { status: 503 },
            retry_after_ms: Some(60_000.0),
        },
        1_000.0,
        0.0,
    );
    assert_eq!(
        r.next_action(2_000.0, Trigger::Visit),
        Action::WaitUntil(61_000.0)
    );
    assert_eq!(r.next_action(61_000.0, Trigger::Online), Action::Send);
    let r = r.after(
        Attempt::Retry {
            failure: Failure::Network,
            retry_after_ms: None,
        },
        70_000.0,
        0.0,
    );
    // Backoff for a timer; a reload tries at once.
    assert!(matches!(
        r.next_action(70_001.0, Trigger::Timer),
        Action::WaitUntil(_)
    ));
    assert_eq!(r.next_action(70_001.0, Trigger::Visit), Action::Send);
    let sent = r.after(Attempt::Accepted { status: 200 }, 80_000.0, 0.0);
    assert_eq!(
        sent.delivery,
        Delivery::Sent {
            at_ms: 80_000.0,
            attempts: 3,
            created: false
        }
    );
    assert_eq!(sent.next_action(1e12, Trigger::Visit), Action::Done);
    let refused = fresh(0.0).after(Attempt::Refused { status: 400 }, 5.0, 0.0);
    assert_eq!(refused.next_action(1e12, Trigger::Online), Action::Done);
}

#[test]
fn a_late_answer_never_undoes_a_receipt_and_a_deletion_stays() {
    let pending = fresh(0.0);
    let sent = pending.after(Attempt::Accepted { status: 201 }, 1.0, 0.0);
    let failed_elsewhere = pending.after(
        Attempt::Retry {
            failure: Failure::Timeout,
            retry_after_ms: None,
        },
        2.0,
        0.5,
    );
    assert_eq!(
        reconcile(Some(&failed_elsewhere), Some(&sent)),
        Some(sent.clone())
    );
    assert_eq!(
        reconcile(Some(&sent), Some(&failed_elsewhere)),
        Some(sent.clone())
    );
    assert_eq!(sent.after(Attempt::Refused { status: 400 }, 3.0, 0.0), sent);
    assert_eq!(reconcile(Some(&sent), None), None);
}
