use crate::i18n::*;
use leptos::prelude::*;

/// One optional question of the peer-support reflection: a fieldset of radio buttons
/// (arrow keys move between them, as in any radio group). Nothing is required; the
/// reflection's "Clear these answers" empties every question.
#[component]
pub fn ReflectionQuestion(
    /// Radio group name and id stem, e.g. `"reflect-timing"`.
    name: &'static str,
    /// The question (the fieldset's legend).
    question: Msg,
    /// The answer options, in display order.
    options: Vec<Msg>,
    /// Which option is chosen now, by position.
    chosen: Signal<Option<usize>>,
    /// Called with the position of the option chosen.
    on_choose: Callback<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
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
                                prop:checked=move || chosen.get() == Some(i)
                                on:change=move |_| on_choose.run(i)
                            />
                            <span class="screener__option-label">{text(i18n, option)}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
