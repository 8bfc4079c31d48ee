use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// One optional question of the peer-support reflection: a fieldset of radio buttons
/// (arrow keys move between them, as in any radio group), reading and answering question
/// `q` of the state's reflection. Nothing is required; "Clear these answers" empties all.
#[component]
pub fn ReflectionQuestion(
    /// Which question (see `Reflection::position`).
    q: usize,
    /// Radio group name and id stem, e.g. `"reflect-timing"`.
    name: &'static str,
    /// The question (the fieldset's legend).
    question: Msg,
    /// The answer options, in display order.
    options: [Msg; 3],
) -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let r = state.reflection();
    view! {
        <fieldset class="screener-reflection__question">
            <legend class="screener-reflection__legend">{text(i18n, question)}</legend>
            <div class="screener__options">
                {options.into_iter().enumerate().map(|(i, option)| {
                    let id = format!("screener-{name}-{i}");
                    let for_id = id.clone();
                    view! {
                        <label class="screener__option" for=for_id>
                            <input
                                class="screener__radio"
                                type="radio"
                                id=id
                                name=name
                                prop:checked=move || r.with(|r| r.position(q)) == Some(i)
                                on:change=move |_| state.update_reflection(|r| r.set_position(q, i))
                            />
                            <span class="screener__option-label">{text(i18n, option)}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
