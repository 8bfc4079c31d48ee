use crate::core::{AnswerValue, ResponseOption};
use crate::session::use_session;
use leptos::prelude::*;

/// Any number of options: native checkboxes, each inside its label.
#[component]
pub fn MultiChoiceInput(
    /// Id of the item answered.
    item: String,
    /// The options, in display order.
    options: Vec<ResponseOption>,
) -> impl IntoView {
    let state = use_session();
    let item = StoredValue::new(item);
    let chosen = move || {
        state.answers().with(|a| {
            item.with_value(|id| match a.get(id) {
                Some(AnswerValue::Choices(v)) => v.clone(),
                _ => Vec::new(),
            })
        })
    };
    let order: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
    let order = StoredValue::new(order);
    let toggle = move |value: String, on: bool| {
        let before = chosen();
        // In the options' order, so the stored answer does not depend on click order.
        let now: Vec<String> = order.with_value(|order| {
            order
                .iter()
                .filter(|o| if **o == value { on } else { before.contains(o) })
                .cloned()
                .collect()
        });
        item.with_value(|id| {
            if now.is_empty() {
                state.clear_answer(id);
            } else {
                state.answer(id, AnswerValue::Choices(now));
            }
        });
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
                            class="screener__checkbox"
                            type="checkbox"
                            id=input_id.clone()
                            name=item.get_value()
                            value=value.clone()
                            prop:checked=move || chosen().contains(&checked_value)
                            on:change=move |ev| toggle(value.clone(), event_target_checked(&ev))
                        />
                        <span class="screener__option-label">{move || option.label.get(state.lang().get()).to_string()}</span>
                    </label>
                }
            }).collect_view()}
        </div>
    }
}
