use super::{ReferralSummary, ServiceContactInfo};
use crate::components::focus;
use crate::core::referral::{Delivery, Referral};
use crate::flow::Screen;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// The request to be contacted, as it stands, on the result screen: an offer to send one
/// (nothing is sent until the person consents), "not sent yet" while it is pending
/// (never a false "sent"), the receipt once the server has it (when, to whom, a
/// reference to quote, what was sent, what happens next), or what to do instead when
/// the server refused it. The state is announced politely as it changes.
#[component]
pub fn ReferralStatus() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let lang = move || state.lang().get();
    // Just after "Send my request", focus comes here rather than to the result's heading.
    // The wrapper, not the box inside it: the box is rebuilt as the request's state
    // changes, and focus on a removed element would fall back to the page.
    let region = NodeRef::<leptos::html::Div>::new();
    let focus_requests = crate::session::use_focus();
    Effect::new(move |_| {
        if let Some(el) = region.get() {
            if focus_requests.take_referral_status() {
                focus(&el);
            }
        }
    });
    let (recipient, withdraw) = state
        .config()
        .with(|c| (c.referral.recipient.clone(), c.referral.withdraw.clone()));
    let recipient = StoredValue::new(recipient);
    let withdraw = StoredValue::new(withdraw);
    let when = move |ms: f64| -> String {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        let options = js_sys::Object::new();
        for (k, v) in [("dateStyle", "long"), ("timeStyle", "short")] {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        }
        String::from(date.to_locale_string(lang().tag(), &options))
    };

    let offer = move || {
        view! {
            <div class="screener__referral" aria-labelledby="screener-referral-offer-title">
                <h2 class="screener__subtitle" id="screener-referral-offer-title">{t!(i18n, referral_offer_title)}</h2>
                <p>{move || fill(t_string!(i18n, referral_offer_text), &[("recipient", &recipient.with_value(|r| r.get(lang()).to_string()))])}</p>
                <button type="button" class="screener__button screener__button--primary screener__no-print"
                    on:click=move |_| state.go(Screen::Contact)>
                    {t!(i18n, referral_offer_button)}
                </button>
            </div>
        }
    };
    let pending = move |r: &Referral| {
        let attempts = match r.delivery {
            Delivery::Pending { attempts, .. } => attempts,
            _ => 0,
        };
        view! {
            <div class="screener__referral screener__referral--pending" aria-labelledby="screener-referral-pending-title">
                <h2 class="screener__subtitle" id="screener-referral-pending-title">{t!(i18n, referral_pending_title)}</h2>
                <p>{t!(i18n, referral_pending_text)}</p>
                {move || if state.keeps_on_device().get() {
                    view! { <p>{t!(i18n, referral_pending_kept)}</p> }.into_any()
                } else {
                    view! { <p class="screener__hint--strong">{t!(i18n, referral_pending_memory)}</p> }.into_any()
                }}
                {(attempts >= 2).then(|| view! {
                    <p>{t!(i18n, referral_pending_slow)}</p>
                    <ServiceContactInfo/>
                })}
            </div>
        }
    };
    let sent = move |r: &Referral, at_ms: f64| {
        let contact = r.contact.clone();
        let reference = r.id.reference();
        view! {
            <div class="screener__referral screener__referral--sent" aria-labelledby="screener-referral-sent-title">
                <h2 class="screener__subtitle" id="screener-referral-sent-title">{t!(i18n, referral_sent_title)}</h2>
                <dl class="screener__receipt">
                    <div class="screener__review-row"><dt>{t!(i18n, referral_sent_reference)}</dt>
                        <dd class="screener__reference">{reference}</dd></div>
                    <div class="screener__review-row"><dt>{t!(i18n, referral_sent_when)}</dt><dd>{move || when(at_ms)}</dd></div>
                    <div class="screener__review-row"><dt>{t!(i18n, referral_sent_to)}</dt>
                        <dd>{move || recipient.with_value(|t| t.get(lang()).to_string())}</dd></div>
                </dl>
                <p>{t!(i18n, referral_sent_quote)}</p>
                <h3 class="screener__subtitle screener__subtitle--small">{t!(i18n, referral_sent_what)}</h3>
                <ReferralSummary contact=contact include_answers=r.include_answers/>
                <p>{t!(i18n, referral_sent_changes)}</p>
                <p>{move || withdraw.with_value(|t| t.get(lang()).to_string())}</p>
            </div>
        }
    };
    let refused = move |status: u16| {
        view! {
            <div class="screener__referral screener__referral--refused" aria-labelledby="screener-referral-refused-title">
                <h2 class="screener__subtitle" id="screener-referral-refused-title">{t!(i18n, referral_refused_title)}</h2>
                <p>{t!(i18n, referral_refused_text, status = status)}</p>
                <ServiceContactInfo/>
                <p>{t!(i18n, referral_refused_download)}</p>
            </div>
        }
    };

    view! {
        <div class="screener__referral-status" role="status" aria-live="polite" tabindex="-1" node_ref=region>
            {move || state.referral().with(|r| match r {
                None => offer().into_any(),
                Some(r) => match r.delivery {
                    Delivery::Pending { .. } => pending(r).into_any(),
                    Delivery::Sent { at_ms, .. } => sent(r, at_ms).into_any(),
                    Delivery::Refused { status, .. } => refused(status).into_any(),
                },
            })}
        </div>
    }
}
