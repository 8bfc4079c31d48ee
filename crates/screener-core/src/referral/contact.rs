//! The contact details a person gives so the service can reach them, and their checks.
//!
//! Which fields are asked, and which are required, is the partner's
//! [`ContactFields`]. A problem is a value ([`ContactProblem`]) that the UI words in the
//! person's language; the checks never guess: a number that is neither a Hong Kong
//! number (8 digits) nor an international one with its country code is refused, with a
//! message saying which of the two it could be.

use serde::{Deserialize, Serialize};

use crate::config::referral::is_plausible_email;
use crate::config::{ContactFields, FieldRule};

/// What a person told us about how to reach them. Kept on the device with the answers
/// (and deleted with them); sent nowhere but the referral they consent to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactDetails {
    /// What to call them.
    pub name: String,
    /// A phone number as typed.
    pub phone: String,
    /// An email address as typed.
    pub email: String,
    /// Whether a voicemail may be left; `None` until answered.
    pub voicemail: Option<bool>,
    /// Whether a text message may be sent; `None` until answered.
    pub sms: Option<bool>,
}

impl ContactDetails {
    /// Whether nothing has been entered.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty()
            && self.phone.trim().is_empty()
            && self.email.trim().is_empty()
            && self.voicemail.is_none()
            && self.sms.is_none()
    }
}

/// One of the contact fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContactField {
    /// What to call the person.
    Name,
    /// Phone number.
    Phone,
    /// Email address.
    Email,
    /// May a voicemail be left.
    Voicemail,
    /// May a text message be sent.
    Sms,
}

/// Why a phone number was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Letters or symbols other than spaces, hyphens, dots, brackets and a leading `+`.
    NotANumber,
    /// No `+` or `00`: taken as a Hong Kong number, which has exactly 8 digits.
    HongKongLength,
    /// `+852` followed by something other than 8 digits.
    HongKongAfterCode,
    /// With a country code: 8 to 15 digits in all (E.164).
    InternationalLength,
}

/// One thing to fix in the contact details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactProblem {
    /// A required field is empty (or a required yes/no question unanswered).
    Missing(ContactField),
    /// The name is longer than 100 characters.
    NameTooLong,
    /// The phone number cannot be used.
    Phone(PhoneProblem),
    /// The email address does not look like one.
    Email,
}

impl ContactProblem {
    /// The field the problem is about (where the message is shown).
    pub fn field(&self) -> ContactField {
        match self {
            ContactProblem::Missing(field) => *field,
            ContactProblem::NameTooLong => ContactField::Name,
            ContactProblem::Phone(_) => ContactField::Phone,
            ContactProblem::Email => ContactField::Email,
        }
    }
}

/// A phone number in E.164 form (`+85223456789`), or why it cannot be one.
///
/// Spaces, hyphens, dots and brackets are ignored. A number starting with `+` or `00`
/// carries its country code; otherwise it is a Hong Kong number of exactly 8 digits.
pub fn normalise_phone(input: &str) -> Result<String, PhoneProblem> {
    let trimmed = input.trim();
    let (international, rest) = if let Some(rest) = trimmed.strip_prefix('+') {
        (true, rest)
    } else if let Some(rest) = trimmed.strip_prefix("00") {
        (true, rest)
    } else {
        (false, trimmed)
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(PhoneProblem::NotANumber),
        }
    }
    if !international {
        return if digits.len() == 8 {
            Ok(format!("+852{digits}"))
        } else {
            Err(PhoneProblem::HongKongLength)
        };
    }
    if let Some(local) = digits.strip_prefix("852") {
        if local.len() != 8 {
            return Err(PhoneProblem::HongKongAfterCode);
        }
    }
    if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
        return Err(PhoneProblem::InternationalLength);
    }
    Ok(format!("+{digits}"))
}

fn required(rule: FieldRule, empty: bool, field: ContactField, out: &mut Vec<ContactProblem>) {
    if rule == FieldRule::Required && empty {
        out.push(ContactProblem::Missing(field));
    }
}

/// Every problem with `details` under `fields`, in the order the fields are shown.
/// Fields that are not asked are ignored, whatever they hold.
pub fn check_contact(details: &ContactDetails, fields: &ContactFields) -> Vec<ContactProblem> {
    let mut out = Vec::new();
    let name = details.name.trim();
    if fields.name.asked() {
        required(fields.name, name.is_empty(), ContactField::Name, &mut out);
        if name.chars().count() > 100 {
            out.push(ContactProblem::NameTooLong);
        }
    }
    let phone = details.phone.trim();
    if fields.phone.asked() {
        required(
            fields.phone,
            phone.is_empty(),
            ContactField::Phone,
            &mut out,
        );
        if !phone.is_empty() {
            if let Err(problem) = normalise_phone(phone) {
                out.push(ContactProblem::Phone(problem));
            }
        }
    }
    let email = details.email.trim();
    if fields.email.asked() {
        required(
            fields.email,
            email.is_empty(),
            ContactField::Email,
            &mut out,
        );
        if !email.is_empty() && !is_plausible_email(email) {
            out.push(ContactProblem::Email);
        }
    }
    // The yes/no questions matter only with a phone number to call or text.
    let has_phone = fields.phone.asked() && !phone.is_empty();
    if fields.voicemail && has_phone && details.voicemail.is_none() {
        out.push(ContactProblem::Missing(ContactField::Voicemail));
    }
    if fields.sms && has_phone && details.sms.is_none() {
        out.push(ContactProblem::Missing(ContactField::Sms));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hong_kong_and_international_numbers() {
        assert_eq!(normalise_phone("2345 6789"), Ok("+85223456789".into()));
        assert_eq!(normalise_phone(" 9123-4567 "), Ok("+85291234567".into()));
        assert_eq!(normalise_phone("+852 9123 4567"), Ok("+85291234567".into()));
        assert_eq!(normalise_phone("00852 91234567"), Ok("+85291234567".into()));
        assert_eq!(
            normalise_phone("+44 20 7946 0958"),
            Ok("+442079460958".into())
        );
        assert_eq!(
            normalise_phone("+86 (10) 1234 5678"),
            Ok("+861012345678".into())
        );
        assert_eq!(
            normalise_phone("1234567"),
            Err(PhoneProblem::HongKongLength)
        );
        assert_eq!(
            normalise_phone("123456789"),
            Err(PhoneProblem::HongKongLength)
        );
        assert_eq!(
            normalise_phone("+852 1234"),
            Err(PhoneProblem::HongKongAfterCode)
        );
        assert_eq!(
            normalise_phone("+1234"),
            Err(PhoneProblem::InternationalLength)
        );
        assert_eq!(
            normalise_phone("+1234567890123456"),
            Err(PhoneProblem::InternationalLength)
        );
        assert_eq!(normalise_phone("call me"), Err(PhoneProblem::NotANumber));
        assert_eq!(normalise_phone("2345 678x"), Err(PhoneProblem::NotANumber));
        assert_eq!(normalise_phone(""), Err(PhoneProblem::HongKongLength));
    }

    #[test]
    fn required_fields_and_follow_up_questions() {
        let fields = ContactFields::default();
        let empty = ContactDetails::default();
        assert_eq!(
            check_contact(&empty, &fields),
            vec![
                ContactProblem::Missing(ContactField::Name),
                ContactProblem::Missing(ContactField::Phone)
            ]
        );
        let mut d = ContactDetails {
            name: "Ka Yan".into(),
            phone: "2345 6789".into(),
            ..Default::default()
        };
        assert_eq!(
            check_contact(&d, &fields),
            vec![
                ContactProblem::Missing(ContactField::Voicemail),
                ContactProblem::Missing(ContactField::Sms)
            ]
        );
        d.voicemail = Some(false);
        d.sms = Some(true);
        assert_eq!(check_contact(&d, &fields), vec![]);
        d.email = "not an email".into();
        assert_eq!(check_contact(&d, &fields), vec![ContactProblem::Email]);
        let no_email = ContactFields {
            email: FieldRule::Off,
            ..fields
        };
        assert_eq!(
            check_contact(&d, &no_email),
            vec![],
            "a field not asked is ignored"
        );
        d.phone = "12".into();
        assert_eq!(
            check_contact(&d, &fields),
            vec![
                ContactProblem::Phone(PhoneProblem::HongKongLength),
                ContactProblem::Email
            ]
        );
    }
}
