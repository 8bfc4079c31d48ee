use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// A short safety plan in the person's own words, kept on this device with the answers
/// (and deleted with them). Many people in crisis will not call; writing down what helps
/// and who to reach is a recognised first step.
#[component]
pub fn SafetyPlan() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    // While an input method is composing (e.g. typing Chinese), the text is not final:
    // writing it back to the textarea would cancel the composition and lose characters.
    let composing = StoredValue::new(false);
    view! {
        <div class="screener-crisis__plan">
            <p id="screener-safety-plan-hint" class="screener__hint">{t!(i18n, safety_plan_hint)}</p>
            <label class="screener__label" for="screener-safety-plan">{t!(i18n, safety_plan_label)}</label>
            <textarea
                id="screener-safety-plan"
                class="screener__textarea"
                rows="5"
                aria-describedby="screener-safety-plan-hint"
                prop:value=move || state.safety_plan().get()
                on:compositionstart=move |_| composing.set_value(true)
                on:compositionend=move |ev| {
                    composing.set_value(false);
                    state.set_safety_plan(event_target_value(&ev));
                }
                on:input=move |ev| {
                    if !composing.get_value() {
                        state.set_safety_plan(event_target_value(&ev));
                    }
                }
            ></textarea>
            <p class="screener__hint">{t!(i18n, safety_plan_kept)}</p>
        </div>
    }
}
