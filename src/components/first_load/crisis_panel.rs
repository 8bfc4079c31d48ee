use crate::components::{focus, CrisisLine, CrisisLineList, SafetyPlan};
use crate::core::config::crisis::{danger_sentence, panel_intro, Reached};
use crate::core::RiskKind;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// Crisis help. Appears the moment a risk answer is given (or "Get help now" is pressed),
/// on the same screen, as an alert that takes focus, and stays on every later screen while
/// any risk flag stands: it can be collapsed to one line, never closed. Immediate danger
/// puts the emergency number first.
///
/// The panel is built hidden just after the first screen (see `Shell`) and stays in the
/// page, so showing it is one attribute change: no view to build and no code to compile
/// at the moment a person reports risk (building it then took most of a frame).
///
/// Every fact it states (the number to call in danger, free, open 24 hours, how a line is
/// reached) is built from the configured lines by `core::config::crisis`, never written
/// here or in `locales/`.
#[component]
pub fn CrisisPanel() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = crate::session::use_focus().crisis_heading();
    let shown = Memo::new(move |_| state.crisis_shown());

    // Focus when it appears (a new risk answer or help request while it is already shown
    // asks for focus through `Focus::crisis`). Effects run after the DOM update, so the
    // heading is no longer hidden by then. The focus waits for the next frame: when a
    // person taps an answer's label, WebKit runs this effect inside the label's click and
    // then focuses the radio itself, which took the focus back from the alert (found by
    // tests/engines in WebKit only).
    Effect::new(move |_| {
        if shown.get() {
            if let Some(el) = heading.get() {
                request_animation_frame(move || focus(&el));
            }
        }
    });

    let lang = move || state.lang().get();
    let at_risk = move || state.at_risk();
    let danger = move || {
        state
            .risk()
            .with(|r| r.iter().any(|f| f.kind == RiskKind::ImmediateDanger))
    };
    let resources = move || {
        let list = state.config().with(|c| c.crisis_resources.clone());
        // Immediate danger: emergency services first. Otherwise the listening lines lead
        // and the emergency number closes the list. Each group keeps the configured order.
        let danger = danger();
        let (mut lead, rest): (Vec<_>, Vec<_>) =
            list.into_iter().partition(|r| r.emergency == danger);
        lead.extend(rest);
        lead
    };
    // Built once: the lines do not change while the page is open, and the words depend
    // only on them and on how the panel was reached.
    let words = StoredValue::new(state.config().with(|c| {
        let lines = &c.crisis_resources;
        [
            danger_sentence(lines),
            panel_intro(lines, Reached::RiskAnswered),
            panel_intro(lines, Reached::AskedForHelp),
        ]
    }));
    let intro = move || {
        let which = if danger() {
            0
        } else if at_risk() {
            1
        } else {
            2
        };
        words.with_value(|w| w[which].get(lang()).to_owned())
    };
    let collapsed = move || state.crisis_collapsed().get();
    let first = move || resources().into_iter().next();

    view! {
        <section
            class="screener-crisis"
            class:screener-crisis--collapsed=collapsed
            hidden=move || !shown.get()
            id="screener-crisis"
            role="alert"
            aria-labelledby="screener-crisis-title"
        >
            <h2 class="screener-crisis__title" id="screener-crisis-title" tabindex="-1" node_ref=heading>
                {move || if at_risk() { t_string!(i18n, crisis_title_risk) } else { t_string!(i18n, crisis_title_help) }}
            </h2>
            <Show
                when=move || !collapsed()
                fallback=move || view! {
                    {move || first().map(|r| view! { <CrisisLine resource=r lang=lang()/> })}
                }
            >
                <p class="screener-crisis__intro">
                    {intro}
                </p>
                <CrisisLineList lines=resources/>
                <details class="screener-crisis__more">
                    <summary>{t!(i18n, grounding_title)}</summary>
                    <ol class="screener-crisis__steps">
                        <li>{t!(i18n, grounding_1)}</li>
                        <li>{t!(i18n, grounding_2)}</li>
                        <li>{t!(i18n, grounding_3)}</li>
                        <li>{t!(i18n, grounding_4)}</li>
                    </ol>
                </details>
                <details class="screener-crisis__more">
                    <summary>{t!(i18n, safety_plan_title)}</summary>
                    <SafetyPlan/>
                </details>
            </Show>
            <div class="screener-crisis__actions">
                <button
                    type="button"
                    class="screener__button screener__button--secondary"
                    aria-expanded=move || (!collapsed()).to_string()
                    on:click=move |_| state.toggle_crisis_collapsed()
                >
                    {move || if collapsed() { t_string!(i18n, crisis_expand) } else { t_string!(i18n, crisis_collapse) }}
                </button>
                // Closing is offered only when no risk was reported: help asked for can be
                // put away; help that risk answers called for cannot.
                <Show when=move || !at_risk()>
                    <button
                        type="button"
                        class="screener__button screener__button--secondary"
                        on:click=move |_| state.close_help()
                    >
                        {t!(i18n, crisis_close)}
                    </button>
                </Show>
            </div>
        </section>
    }
}
