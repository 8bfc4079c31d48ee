use super::{ReferralStatus, ServiceContactInfo, SuggestedServices};
use crate::core::{AnswerValue, Headline};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// What to do next for the outcome: for the eligible, their contact choices and what
/// happens next; for everyone else, kind alternatives (peer support in its forms, a
/// family doctor, other services); for urgent support, the crisis lines come first (the
/// panel above) and then the same alternatives.
#[component]
pub fn NextSteps() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let headline = move || state.outcome().with(|o| o.headline);
    let lang = move || state.lang().get();
    // The service's own facts, from its configuration (none promised: no line).
    let has_contact = state.config().with(|c| !c.service.contact.is_empty());
    let contact_step = StoredValue::new(state.config().with(|c| c.service.next_contact_step()));
    let sessions_step = StoredValue::new(state.config().with(|c| c.service.next_sessions_step()));
    let sent = move || {
        state
            .referral()
            .with(|r| r.as_ref().is_some_and(|r| r.is_sent()))
    };
    let contact_summary = move || {
        let answers = state.answers().get();
        state.questionnaire().with(|q| {
            [
                "contact_mode",
                "contact_centre",
                "contact_language",
                "contact_times",
            ]
            .iter()
            .filter_map(|id| {
                let item = q.item(id)?;
                let label = |v: &str| {
                    item.kind
                        .options()
                        .iter()
                        .find(|o| o.value == v)
                        .map(|o| o.label.get(lang()).to_string())
                };
                let value = match answers.get(id)? {
                    AnswerValue::Choice(v) => label(v)?,
                    AnswerValue::Choices(vs) => vs
                        .iter()
                        .filter_map(|v| label(v))
                        .collect::<Vec<_>>()
                        .join(", "),
                    AnswerValue::Number(n) => n.to_string(),
                };
                Some((item.text.get(lang()).to_string(), value))
            })
            .collect::<Vec<_>>()
        })
    };
    let alternatives = move || {
        view! {
            <h2 class="screener__subtitle">{t!(i18n, alt_title)}</h2>
            <p>{t!(i18n, alt_lead)}</p>
            <SuggestedServices/>
            <ul class="screener__alternatives">
                <li><strong>{t!(i18n, alt_peer_title)}</strong>" "{t!(i18n, alt_peer)}</li>
                <li><strong>{t!(i18n, alt_gp_title)}</strong>" "{t!(i18n, alt_gp)}</li>
                <li><strong>{t!(i18n, alt_other_title)}</strong>" "{t!(i18n, alt_other)}</li>
            </ul>
            <p class="screener__hint">{t!(i18n, alt_peer_note)}</p>
        }
    };
    view! {
        <div class="screener__next">
            {move || match headline() {
                Headline::Eligible => view! {
                    <h2 class="screener__subtitle">{t!(i18n, next_title)}</h2>
                    {move || {
                        let rows = contact_summary();
                        (!rows.is_empty()).then(|| view! {
                            <dl class="screener__review">
                                {rows.into_iter().map(|(q, a)| view! {
                                    <div class="screener__review-row"><dt>{q}</dt><dd>{a}</dd></div>
                                }).collect_view()}
                            </dl>
                        })
                    }}
                    {move || if state.referral_offered() {
                        view! { <ReferralStatus/> }.into_any()
                    } else {
                        // Without a configured contact, ServiceContactInfo would only say
                        // "print your summary", which the first step below already says.
                        view! {
                            <p>{t!(i18n, next_not_sent)}</p>
                            {has_contact.then(|| view! { <ServiceContactInfo/> })}
                        }.into_any()
                    }}
                    <ol class="screener__steps">
                        <li>{t!(i18n, next_eligible_1)}</li>
                        // Only a request the service has is followed by its call.
                        {move || {
                            let step = contact_step.get_value().filter(|_| sent())?;
                            Some(view! { <li>{move || step.get(lang()).to_owned()}</li> })
                        }}
                        <li>{move || sessions_step.with_value(|s| s.get(lang()).to_owned())}</li>
                    </ol>
                    <SuggestedServices waiting=true/>
                }.into_any(),
                Headline::Incomplete => view! {
                    <p>{t!(i18n, next_incomplete)}</p>
                }.into_any(),
                // A partner may let other outcomes (not urgent support) ask to be
                // contacted too; alternatives follow.
                _ => view! {
                    {move || state.referral_offered().then(|| view! { <ReferralStatus/> })}
                    {alternatives()}
                }.into_any(),
            }}
        </div>
    }
}
