//! The contact details' saved form, shared by the record and the outbox: written and read
//! by hand, exactly as serde's derive for [`ContactDetails`] wrote and read them.
//!
//! ```json
//! {"email":"","name":"Ka Yan","phone":"9123 4567","sms":null,"voicemail":true}
//! ```
//!
//! [`from_json`] accepts what the derive accepted and nothing more: an object (a missing
//! field is empty, unknown keys are ignored) or an array of at most five fields in that
//! order; a field of the wrong type makes the whole unreadable. By hand because the
//! derived code is several KB of the WebAssembly's first load.

use serde_json::{Map, Value};

use crate::core::referral::ContactDetails;

/// The field names, in the derive's order: the order of the array form.
const FIELDS: [&str; 5] = ["name", "phone", "email", "voicemail", "sms"];

/// `contact` in its saved form; an unanswered yes/no question is `null`.
pub fn to_json(contact: &ContactDetails) -> Value {
    let mut c = Map::new();
    c.insert(FIELDS[0].into(), contact.name.clone().into());
    c.insert(FIELDS[1].into(), contact.phone.clone().into());
    c.insert(FIELDS[2].into(), contact.email.clone().into());
    c.insert(FIELDS[3].into(), contact.voicemail.into());
    c.insert(FIELDS[4].into(), contact.sms.into());
    Value::Object(c)
}

/// Reads contact details saved by [`to_json`]; `None` when they cannot be read.
pub fn from_json(value: &Value) -> Option<ContactDetails> {
    match value {
        Value::Object(_) => {}
        Value::Array(list) if list.len() <= FIELDS.len() => {}
        _ => return None,
    }
    let field = |at: usize| match value {
        Value::Object(map) => map.get(FIELDS[at]),
        Value::Array(list) => list.get(at),
        _ => None,
    };
    let text = |at: usize| match field(at) {
        None => Some(String::new()),
        Some(v) => v.as_str().map(str::to_owned),
    };
    let yes_no = |at: usize| match field(at) {
        None | Some(Value::Null) => Some(None),
        Some(v) => v.as_bool().map(Some),
    };
    Some(ContactDetails {
        name: text(0)?,
        phone: text(1)?,
        email: text(2)?,
        voicemail: yes_no(3)?,
        sms: yes_no(4)?,
    })
}
