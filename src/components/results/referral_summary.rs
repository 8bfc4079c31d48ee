use crate::core::config::Config;
use crate::core::referral::{normalise_phone, ContactDetails};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// Exactly what a request to be contacted carries, as a list: the contact details
/// given (only the fields asked), the contact preferences, what of the answers travels
/// (the summary, or every answer, as the partner configured), and a reference. Shown on
/// the consent screen before sending and on the receipt after, from the same data.
#[component]
pub fn ReferralSummary(
    /// The contact details to list (the ones being sent, or sent): a value, since they
    /// cannot change while either screen is shown.
    contact: ContactDetails,
    /// Whether every answer travels (else the scores, contact preferences and result).
    include_answers: bool,
) -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let fields = state.config().with(|c: &Config| c.referral.fields);
    let yes_no = move |v: Option<bool>| match v {
        Some(true) => t_string!(i18n, contact_yes).to_string(),
        Some(false) => t_string!(i18n, contact_no).to_string(),
        None => String::new(),
    };
    let contact = StoredValue::new(contact);
    // Re-read on a language change (the labels are translated).
    let rows = move || {
        let c = contact.get_value();
        let c = &c;
        let mut rows: Vec<(String, String)> = Vec::new();
        if fields.name.asked() && !c.name.trim().is_empty() {
            rows.push((t_string!(i18n, contact_name).into(), c.name.trim().into()));
        }
        let phone = fields
            .phone
            .asked()
            .then(|| normalise_phone(&c.phone).ok())
            .flatten();
        if let Some(phone) = &phone {
            rows.push((t_string!(i18n, contact_phone).into(), phone.clone()));
            if fields.voicemail && c.voicemail.is_some() {
                rows.push((
                    t_string!(i18n, contact_voicemail).into(),
                    yes_no(c.voicemail),
                ));
            }
            if fields.sms && c.sms.is_some() {
                rows.push((t_string!(i18n, contact_sms).into(), yes_no(c.sms)));
            }
        }
        if fields.email.asked() && !c.email.trim().is_empty() {
            rows.push((t_string!(i18n, contact_email).into(), c.email.trim().into()));
        }
        rows
    };
    view! {
        <ul class="screener__sent-list">
            {move || rows().into_iter().map(|(label, value)| view! {
                <li><span class="screener__sent-label">{label}": "</span><strong>{value}</strong></li>
            }).collect_view()}
            <li>{t!(i18n, consent_item_preferences)}</li>
            <li>{if include_answers { t!(i18n, consent_item_all_answers).into_any() } else { t!(i18n, consent_item_summary).into_any() }}</li>
            <li>{t!(i18n, consent_item_reference)}</li>
        </ul>
    }
}
