use crate::components::focus_heading_on_mount;
use crate::components::results::ReferralSummary;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// Consent, in plain words, before anything leaves the device: exactly what will be
/// sent (listed), to whom, why, how it is protected, and how to withdraw. Only "Send my
/// request" sends; Back changes the details; leaving the page sends nothing.
#[component]
pub fn ConsentScreen() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_heading_on_mount(heading);
    let lang = move || state.lang().get();
    let (recipient, purpose, withdraw, include_answers) = state.config().with(|c| {
        let r = &c.referral;
        (
            r.recipient.clone(),
            r.purpose.clone(),
            r.withdraw.clone(),
            r.include_answers,
        )
    });
    let send = move |_| {
        // The request is made, saved and tried at once; the result screen shows its state.
        state.consent();
    };
    let contact = state.contact().get_untracked();

    view! {
        <section class="screener__screen screener__screen--consent" aria-labelledby="screener-consent-title">
            <h1 class="screener__title" id="screener-consent-title" tabindex="-1" node_ref=heading>
                {t!(i18n, consent_title)}
            </h1>
            <p class="screener__lead">{t!(i18n, consent_lead)}</p>
            <h2 class="screener__subtitle">{t!(i18n, consent_what)}</h2>
            <ReferralSummary contact=contact include_answers=include_answers/>
            <h2 class="screener__subtitle">{t!(i18n, consent_who)}</h2>
            <p>{move || recipient.get(lang()).to_string()}</p>
            <h2 class="screener__subtitle">{t!(i18n, consent_why)}</h2>
            <p>{move || purpose.get(lang()).to_string()}</p>
            <h2 class="screener__subtitle">{t!(i18n, consent_protected)}</h2>
            <p>{t!(i18n, consent_protected_text)}</p>
            <h2 class="screener__subtitle">{t!(i18n, consent_withdraw)}</h2>
            <p>{move || withdraw.get(lang()).to_string()}</p>
            <p>{t!(i18n, consent_changes)}</p>
            <Show when=move || !state.keeps_on_device().get()>
                <p class="screener__hint screener__hint--strong">{t!(i18n, consent_memory_only)}</p>
            </Show>
            <div class="screener__nav">
                <button type="button" class="screener__button screener__button--secondary" on:click=move |_| state.back()>
                    {t!(i18n, consent_back)}
                </button>
                <button type="button" class="screener__button screener__button--primary" on:click=send>
                    {t!(i18n, consent_send)}
                </button>
            </div>
        </section>
    }
}
