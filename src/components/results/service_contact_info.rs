use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// How to reach the service directly, from the configuration's `service.contact`: a
/// `tel:` link, a `mailto:` link, a web page. Where none is configured (the built-in
/// default invents none) it says so plainly and points to the printable summary.
#[component]
pub fn ServiceContactInfo() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let lang = move || state.lang().get();
    let contact = state.config().with(|c| c.service.contact.clone());
    let name = state.config().with(|c| c.service.name.clone());
    if contact.is_empty() {
        return view! { <p>{t!(i18n, service_contact_none)}</p> }.into_any();
    }
    let phone = (!contact.phone.trim().is_empty()).then(|| {
        let href = contact.phone_href().unwrap_or_default();
        let hours = contact.hours.clone();
        view! {
            <li>
                {t!(i18n, service_contact_phone)}" "
                <a class="screener__link" href=href>{contact.phone.clone()}</a>
                {move || {
                    let h = hours.get(lang()).trim().to_string();
                    (!h.is_empty()).then(|| format!(" ({h})"))
                }}
            </li>
        }
    });
    let email = (!contact.email.trim().is_empty()).then(|| {
        view! {
            <li>
                {t!(i18n, service_contact_email)}" "
                <a class="screener__link" href=format!("mailto:{}", contact.email.trim())>{contact.email.clone()}</a>
            </li>
        }
    });
    let url = (!contact.url.trim().is_empty()).then(|| {
        view! {
            <li>
                {t!(i18n, service_contact_web)}" "
                <a class="screener__link" href=contact.url.clone() rel="noopener noreferrer">{contact.url.clone()}</a>
            </li>
        }
    });
    view! {
        <div class="screener__service-contact">
            <p>{move || fill(t_string!(i18n, service_contact_lead), &[("service", &name.get(lang()).to_string())])}</p>
            <ul class="screener__contact-list">{phone}{email}{url}</ul>
        </div>
    }
    .into_any()
}
