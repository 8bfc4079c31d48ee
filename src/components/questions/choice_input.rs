use crate::core::{AnswerValue, ResponseOption};
use crate::session::use_session;
use leptos::prelude::*;

/// Exactly one option: native radio inputs, each inside its label so the whole row is the
/// target. Arrow keys move between options as browsers do for radio groups.
#[component]
pub fn ChoiceInput(
    /// Id of the item answered (also the radio group's name).
    item: String,
    /// The options, in display order.
    options: Vec<ResponseOption>,
) -> impl IntoView {
    let state = use_session();
    let item = StoredValue::new(item);
    let chosen = move || {
        state.answers().with(|a| {
            item.with_value(|id| match a.get(id) {
                Some(AnswerValue::Choice(v)) => Some(v.clone()),
                _ => None,
            })
        })
    };
    view! {
        <div class="screener__options">
            {options.into_iter().enumerate().map(|(i, option)| {
                let value = option.value.clone();
                let checked_value = value.clone();
                let input_id = item.with_value(|id| format!("screener-{id}-{i}"));
                view! {
                    <label class="screener__option" for=input_id.clone()>
                        <input
                            class="screener__radio"
                            type="radio"
                            id=input_id.clone()
                            name=item.get_value()
                            value=value.clone()
                            prop:checked=move || chosen().as_deref() == Some(checked_value.as_str())
                            on:change=move |_| item.with_value(|id| state.answer(id, AnswerValue::Choice(value.clone())))
                        />
                        <span class="screener__option-label">{move || option.label.get(state.lang().get()).to_string()}</span>
                    </label>
                }
            }).collect_view()}
        </div>
    }
}
