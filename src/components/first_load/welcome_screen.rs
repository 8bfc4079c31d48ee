use crate::components::{focus_heading_on_mount, DeleteAnswers};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// The first screen: what the service is, who it is for and not for, how long this takes,
/// how answers are kept, and how to leave quickly.
#[component]
pub fn WelcomeScreen() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_heading_on_mount(heading);

    let lang = move || state.lang().get();
    let name = move || {
        state
            .config()
            .with(|c| c.service.name.get(lang()).to_string())
    };
    let description = move || {
        state
            .config()
            .with(|c| c.service.description.get(lang()).to_string())
    };
    // The service's facts come from its configuration: a fact it leaves out gives no line.
    let (facts, who_for, free) = state.config().with(|c| {
        (
            c.service.welcome_facts(),
            c.service.who_for(c.age),
            c.service.is_free(),
        )
    });
    let days = state.config().with(|c| c.retention_days);
    let (count, minutes) = state
        .questionnaire()
        .with(|q| state.config().with(|c| q.length_estimate(c)));
    let has_answers = move || state.answers().with(|a| !a.is_empty());

    view! {
        <section class="screener__screen" aria-labelledby="screener-welcome-title">
            <p class="screener__eyebrow">{name}</p>
            <h1 class="screener__title" id="screener-welcome-title" tabindex="-1" node_ref=heading>
                {if free { t!(i18n, welcome_title_free) } else { t!(i18n, welcome_title) }}
            </h1>
            <p class="screener__lead">{description}</p>
            {(!facts.is_empty()).then(|| view! {
                <ul class="screener__facts">
                    {facts.into_iter().map(|fact| view! {
                        <li>{move || fact.get(lang()).to_owned()}</li>
                    }).collect_view()}
                </ul>
            })}
            <h2 class="screener__subtitle">{t!(i18n, welcome_for_title)}</h2>
            <p>{move || who_for.get(lang()).to_owned()}</p>
            <h2 class="screener__subtitle">{t!(i18n, welcome_not_for_title)}</h2>
            <p>{t!(i18n, welcome_not_for)}</p>
            <h2 class="screener__subtitle">{t!(i18n, welcome_how_title)}</h2>
            <p>{t!(i18n, welcome_how, count = count, minutes = minutes)}</p>
            <p>{t!(i18n, welcome_not_diagnosis)}</p>
            <div class="screener__privacy">
                <h2 class="screener__subtitle">{t!(i18n, welcome_privacy_title)}</h2>
                // The configured retention, not the default's 30 days.
                <p>{move || if days == 1 {
                    t_string!(i18n, welcome_privacy_one_day).to_string()
                } else {
                    t_string!(i18n, welcome_privacy, days = days).to_string()
                }}</p>
                <p>{t!(i18n, welcome_exit_explain)}</p>
                <DeleteAnswers id="screener-welcome-delete"/>
            </div>
            <div class="screener__nav">
                <button
                    type="button"
                    class="screener__button screener__button--primary"
                    on:click=move |_| state.next()
                >
                    {move || if has_answers() { t_string!(i18n, welcome_continue) } else { t_string!(i18n, welcome_start) }}
                </button>
            </div>
        </section>
    }
}
