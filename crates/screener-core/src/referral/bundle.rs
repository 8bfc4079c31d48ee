//! The referral as a FHIR R4 transaction Bundle.
//!
//! Three entries, each created conditionally (`request.ifNoneExist`) on the one
//! identifier made at consent time, so a retry of a request the server already holds
//! creates nothing new (201 the first time, 200 after):
//!
//! * a **Patient** with only a name and contact points (`phone`, `sms` when text
//!   messages are welcome, `email`): what the service needs to call back, nothing more;
//! * the **QuestionnaireResponse** the screener already builds (the summary, or every
//!   answer when the partner's `referral.include_answers` is set), its `subject` the
//!   Patient;
//! * a **ServiceRequest**: a self-referral (`intent` `proposal`, `requester` the person)
//!   to the configured service, pointing at both, carrying the short reference as a
//!   second identifier so staff can find it when the person calls, and whether a
//!   voicemail or a text message is safe, in a note.
//!
//! Entries refer to each other by `urn:uuid:` full URLs, which the server replaces with
//! the ids it assigns.

use serde_json::{json, Value};

use super::contact::{normalise_phone, ContactDetails};
use super::id::ReferralId;
use crate::answers::Answers;
use crate::config::Config;
use crate::eligibility::Outcome;
use crate::fhir::{questionnaire_response, ResponseInput, Variant};
use crate::questionnaire::Questionnaire;
use crate::text::{t, Lang};

/// The identifier system of the referral's id: a URI (`urn:uuid:…`), per FHIR's
/// convention for identifiers that are UUIDs.
pub const IDENTIFIER_SYSTEM: &str = "urn:ietf:rfc:3986";

/// What a referral bundle is built from.
#[derive(Clone, Copy, Debug)]
pub struct BundleInput<'a> {
    /// The questionnaire asked.
    pub questionnaire: &'a Questionnaire,
    /// The configuration in force.
    pub config: &'a Config,
    /// Every answer given.
    pub answers: &'a Answers,
    /// Their outcome.
    pub outcome: &'a Outcome,
    /// How to reach the person.
    pub contact: &'a ContactDetails,
    /// The identifier made at consent time.
    pub id: ReferralId,
    /// When the person consented, as a FHIR `dateTime`.
    pub authored: &'a str,
    /// Base URL of the deployment (namespaces the questionnaire and the reference).
    pub base: &'a str,
    /// The person's language.
    pub lang: Lang,
}

/// The system of the short reference on the ServiceRequest: `<base>/fhir/referral-reference`.
pub fn reference_system(base: &str) -> String {
    format!("{}/fhir/referral-reference", base.trim_end_matches('/'))
}

/// The transaction Bundle that carries one referral.
pub fn referral_bundle(input: &BundleInput<'_>) -> Value {
    let BundleInput {
        questionnaire,
        config,
        answers,
        outcome,
        contact,
        id,
        authored,
        base,
        lang,
    } = *input;
    let fields = &config.referral.fields;
    let urn = id.urn();
    let identifier = json!({ "system": IDENTIFIER_SYSTEM, "value": urn });
    let if_none_exist = format!("identifier={IDENTIFIER_SYSTEM}|{urn}");
    let (patient_url, response_url, request_url) =
        (id.entry_urn(0), id.entry_urn(1), id.entry_urn(2));

    let mut patient = json!({
        "resourceType": "Patient",
        "identifier": [identifier.clone()],
    });
    let name = contact.name.trim();
    if fields.name.asked() && !name.is_empty() {
        patient["name"] = json!([{ "text": name }]);
    }
    let mut telecom = Vec::new();
    let phone = fields
        .phone
        .asked()
        .then(|| normalise_phone(&contact.phone).ok())
        .flatten();
    if let Some(phone) = &phone {
        telecom.push(json!({ "system": "phone", "value": phone, "rank": 1 }));
        if fields.sms && contact.sms == Some(true) {
            telecom.push(json!({ "system": "sms", "value": phone }));
        }
    }
    let email = contact.email.trim();
    if fields.email.asked() && !email.is_empty() {
        telecom.push(json!({ "system": "email", "value": email }));
    }
    if !telecom.is_empty() {
        patient["telecom"] = Value::Array(telecom);
    }

    let variant = if config.referral.include_answers {
        Variant::Full
    } else {
        Variant::Summary
    };
    let mut response = questionnaire_response(&ResponseInput {
        questionnaire,
        config,
        answers,
        outcome,
        base,
        lang,
        authored: Some(authored),
        variant,
    });
    response["identifier"] = identifier.clone();
    response["subject"] = json!({ "reference": patient_url });

    // Staff read the note: write it in the service's own default language.
    let staff = config.default_language;
    let mut notes = Vec::new();
    if phone.is_some() {
        for (asked, answer, yes, no) in [
            (
                fields.voicemail,
                contact.voicemail,
                t("A voicemail may be left.", "可以留下語音訊息。"),
                t(
                    "Please do not leave a voicemail: someone else may hear it.",
                    "請不要留下語音訊息：其他人可能會聽到。",
                ),
            ),
            (
                fields.sms,
                contact.sms,
                t("Text messages are welcome.", "可以發送短訊。"),
                t(
                    "Please do not send text messages: someone else may see them.",
                    "請不要發送短訊：其他人可能會看到。",
                ),
            ),
        ] {
            match (asked, answer) {
                (true, Some(true)) => notes.push(yes.get(staff).to_owned()),
                (true, Some(false)) => notes.push(no.get(staff).to_owned()),
                _ => {}
            }
        }
    }
    let mut request = json!({
        "resourceType": "ServiceRequest",
        "identifier": [
            identifier,
            { "system": reference_system(base), "value": id.reference() },
        ],
        "status": "active",
        "intent": "proposal",
        "category": [{ "text": t("Self-referral", "自行轉介").get(staff) }],
        "code": { "text": config.service.name.get(staff) },
        "subject": { "reference": patient_url },
        "requester": { "reference": patient_url },
        "authoredOn": authored,
        "supportingInfo": [{ "reference": response_url }],
    });
    let recipient = config.referral.recipient.get(staff).trim();
    if !recipient.is_empty() {
        request["performer"] = json!([{ "display": recipient }]);
    }
    if !notes.is_empty() {
        request["note"] = json!([{ "text": notes.join(" ") }]);
    }

    let entry = |full_url: &str, resource: Value, kind: &str| {
        json!({
            "fullUrl": full_url,
            "resource": resource,
            "request": { "method": "POST", "url": kind, "ifNoneExist": if_none_exist },
        })
    };
    json!({
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            entry(&patient_url, patient, "Patient"),
            entry(&response_url, response, "QuestionnaireResponse"),
            entry(&request_url, request, "ServiceRequest"),
        ],
    })
}
