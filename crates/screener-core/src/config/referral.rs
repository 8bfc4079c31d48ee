//! The `referral` section: where a person's consented request to be contacted goes, what
//! the consent screen says about it, and which contact details are asked; and
//! `service.contact`, how a person reaches the service themselves.
//!
//! The endpoint is set **only here**, in the partner's `config.json`: never by the page
//! address or a host page, because whoever sets it receives people's names and phone
//! numbers. Without one (the built-in default) nothing is ever sent, no contact details
//! are asked, and the result points to `service.contact` instead.

use serde::{Deserialize, Serialize};

use super::validate::{check_https_url, is_host_port, Problems};
use crate::headline::Headline;
use crate::text::{Lang, Text};

/// Where and how a request to be contacted is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReferralConfig {
    /// The service's FHIR R4 base URL (`https://`, or `http://` on a loopback host for
    /// local testing). `None`: no request is ever sent.
    pub endpoint: Option<String>,
    /// Who receives the request, as the person reads it on the consent screen (e.g.
    /// "the intake team of Example Wellbeing Centre"). Required with an endpoint.
    pub recipient: Text,
    /// What the service does with the request. Required with an endpoint.
    pub purpose: Text,
    /// How the person withdraws their request once sent (e.g. a phone number to call).
    /// Required with an endpoint.
    pub withdraw: Text,
    /// Outcomes whose result offers to send a request. Default: only `eligible`.
    /// `urgent_support` and `incomplete` are never allowed.
    pub outcomes: Vec<Headline>,
    /// Which contact details are asked, and which are required.
    pub fields: ContactFields,
    /// Send every answer given, not only the scores, contact preferences and outcome.
    /// Off by default: share the least that does the job. Shown on the consent screen.
    pub include_answers: bool,
}

impl Default for ReferralConfig {
    fn default() -> ReferralConfig {
        ReferralConfig {
            endpoint: None,
            recipient: Text::default(),
            purpose: Text::default(),
            withdraw: Text::default(),
            outcomes: vec![Headline::Eligible],
            fields: ContactFields::default(),
            include_answers: false,
        }
    }
}

impl ReferralConfig {
    /// Whether a result with `headline` may offer to send a request. Never for urgent
    /// support (crisis help comes first, and must not wait on a network) or an
    /// incomplete screening, whatever the configuration says.
    pub fn offers(&self, headline: Headline) -> bool {
        self.endpoint.is_some()
            && !matches!(headline, Headline::UrgentSupport | Headline::Incomplete)
            && self.outcomes.contains(&headline)
    }
}

/// Whether a contact field is asked, and whether it must be filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldRule {
    /// Asked and must be filled in.
    Required,
    /// Asked; may be left empty.
    Optional,
    /// Not asked.
    Off,
}

impl FieldRule {
    /// Whether the field is asked at all.
    pub fn asked(self) -> bool {
        self != FieldRule::Off
    }
}

/// The contact details asked before a request is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContactFields {
    /// What to call the person. Default: required.
    pub name: FieldRule,
    /// A phone number. Default: required.
    pub phone: FieldRule,
    /// An email address. Default: optional.
    pub email: FieldRule,
    /// Ask whether a voicemail may be left (someone else may hear it). Default: asked.
    pub voicemail: bool,
    /// Ask whether a text message may be sent (someone else may see it). Default: asked.
    pub sms: bool,
}

impl Default for ContactFields {
    fn default() -> ContactFields {
        ContactFields {
            name: FieldRule::Required,
            phone: FieldRule::Required,
            email: FieldRule::Optional,
            voicemail: true,
            sms: true,
        }
    }
}

/// How a person reaches the service themselves: shown when no request is sent. Each
/// field empty when not configured; the built-in default configures none rather than
/// invent a number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceContact {
    /// A phone number as displayed, e.g. `"2345 6789"` or `"+852 2345 6789"`.
    pub phone: String,
    /// An email address.
    pub email: String,
    /// A web page (https).
    pub url: String,
    /// When the phone is answered.
    pub hours: Text,
}

impl ServiceContact {
    /// Whether any way of reaching the service is configured.
    pub fn is_empty(&self) -> bool {
        self.phone.trim().is_empty() && self.email.trim().is_empty() && self.url.trim().is_empty()
    }

    /// The `tel:` link for [`ServiceContact::phone`]: its digits, with a leading `+`
    /// kept.
    pub fn phone_href(&self) -> Option<String> {
        let phone = self.phone.trim();
        if phone.is_empty() {
            return None;
        }
        let plus = if phone.starts_with('+') { "+" } else { "" };
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        Some(format!("tel:{plus}{digits}"))
    }
}

/// A FHIR base URL: `https://host[:port]/path`, or `http://` on a loopback host (local
/// testing only). No query, fragment or user info, and no trailing slash needed.
pub fn check_endpoint(url: &str) -> Result<(), &'static str> {
    if let Some(rest) = url.strip_prefix("http://") {
        let authority = rest.split('/').next().unwrap_or_default();
        let host = match authority.find(']') {
            Some(end) if authority.starts_with('[') => &authority[..=end],
            _ => authority.split(':').next().unwrap_or_default(),
        };
        let loopback = ["127.0.0.1", "localhost", "[::1]"].contains(&host);
        if !loopback || !is_host_port(authority) {
            return Err("must be an https:// URL (plain http:// only on a loopback host, for local testing)");
        }
    } else {
        check_https_url(url)?;
    }
    if url.contains(['?', '#']) {
        return Err("must be a FHIR base URL without a query or fragment");
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || "\"'<>\\`".contains(c))
    {
        return Err("contains characters not allowed in a URL");
    }
    Ok(())
}

fn check_display_phone(phone: &str) -> Result<(), &'static str> {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let plus_ok = phone.find('+').is_none_or(|i| i == 0) && phone.matches('+').count() <= 1;
    if !(3..=15).contains(&digits)
        || !plus_ok
        || !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
    {
        return Err("must be a phone number: 3 to 15 digits, with optional spaces, hyphens, brackets and a leading +");
    }
    Ok(())
}

/// A plausible email address: something, `@`, a domain with a dot; no spaces or
/// characters that could break out of a `mailto:` link.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    (3..=254).contains(&email.len())
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`(),;:[]".contains(c))
}

/// Validates the `referral` section, adding every problem to `p`.
pub(super) fn validate(referral: &ReferralConfig, langs: &[Lang], p: &mut Problems) {
    if let Some(endpoint) = &referral.endpoint {
        if let Err(reason) = check_endpoint(endpoint) {
            p.push("referral.endpoint", reason);
        }
        p.text("referral.recipient", &referral.recipient, langs);
        p.text("referral.purpose", &referral.purpose, langs);
        p.text("referral.withdraw", &referral.withdraw, langs);
    }
    for (i, outcome) in referral.outcomes.iter().enumerate() {
        let at = format!("referral.outcomes[{i}]");
        match outcome {
            Headline::UrgentSupport => p.push(
                at,
                "urgent_support never offers a referral: crisis help comes first and must not wait on a network",
            ),
            Headline::Incomplete => p.push(at, "an incomplete screening cannot be referred"),
            _ if referral.outcomes[..i].contains(outcome) => {
                p.push(at, "duplicate outcome");
            }
            _ => {}
        }
    }
    let fields = &referral.fields;
    if fields.phone != FieldRule::Required && fields.email != FieldRule::Required {
        p.push(
            "referral.fields",
            "phone or email must be \"required\": the service needs a way to reach the person",
        );
    }
    if fields.sms && !fields.phone.asked() {
        p.push(
            "referral.fields.sms",
            "is asked about a phone number that is not asked",
        );
    }
    if fields.voicemail && !fields.phone.asked() {
        p.push(
            "referral.fields.voicemail",
            "is asked about a phone number that is not asked",
        );
    }
}

/// Validates `service.contact`, adding every problem to `p`.
pub(super) fn validate_contact(contact: &ServiceContact, langs: &[Lang], p: &mut Problems) {
    if !contact.phone.trim().is_empty() {
        if let Err(reason) = check_display_phone(&contact.phone) {
            p.push("service.contact.phone", reason);
        }
        p.text("service.contact.hours", &contact.hours, langs);
    }
    if !contact.email.trim().is_empty() && !is_plausible_email(&contact.email) {
        p.push(
            "service.contact.email",
            "must be an email address such as intake@example.org",
        );
    }
    if !contact.url.trim().is_empty() {
        if let Err(reason) = check_https_url(&contact.url) {
            p.push("service.contact.url", reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        for ok in [
            "https://fhir.example.org/R4",
            "https://fhir.example.org:8443/base/R4",
            "http://127.0.0.1:8191/fhir/R4",
            "http://localhost:8191/fhir/R4",
            "http://[::1]:8191/fhir",
        ] {
            assert_eq!(check_endpoint(ok), Ok(()), "{ok}");
        }
        for bad in [
            "http://fhir.example.org/R4",
            "http://127.0.0.1.evil.org/R4",
            "ftp://fhir.example.org",
            "https://fhir.example.org/R4?x=1",
            "https://fhir.example.org/R4#a",
            "https://user@fhir.example.org/R4",
            "javascript:alert(1)",
            "",
        ] {
            assert!(check_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn display_phones_and_emails() {
        assert!(check_display_phone("2345 6789").is_ok());
        assert!(check_display_phone("+852 2345-6789").is_ok());
        assert!(check_display_phone("12").is_err());
        assert!(check_display_phone("23+45").is_err());
        assert!(check_display_phone("call us").is_err());
        assert!(is_plausible_email("intake@example.org"));
        for bad in [
            "",
            "a@b",
            "@example.org",
            "a b@example.org",
            "a@example.org>",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn offers_never_urgent_support_or_incomplete() {
        let mut r = ReferralConfig::default();
        assert!(!r.offers(Headline::Eligible), "no endpoint, no offer");
        r.endpoint = Some("https://fhir.example.org/R4".into());
        r.outcomes = Headline::PRECEDENCE.to_vec();
        for h in Headline::PRECEDENCE {
            assert_eq!(
                r.offers(h),
                !matches!(h, Headline::UrgentSupport | Headline::Incomplete),
                "{h:?}"
            );
        }
        assert_eq!(
            ServiceContact {
                phone: "+852 2345 6789".into(),
                ..Default::default()
            }
            .phone_href()
            .as_deref(),
            Some("tel:+85223456789")
        );
    }
}
