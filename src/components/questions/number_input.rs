use crate::core::AnswerValue;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// A whole-number answer (age). A text input with `inputmode="numeric"` rather than
/// `type="number"`: it gets the phone's number pad without the spinner and scroll-wheel
/// surprises. Input outside `min..=max` or not a whole number is not recorded.
#[component]
pub fn NumberInput(
    /// Id of the item answered.
    item: String,
    /// Smallest accepted value.
    min: i64,
    /// Largest accepted value.
    max: i64,
    /// Id of the element that labels the input (the question heading).
    labelledby: &'static str,
    /// Ids of the hint and error messages.
    describedby: String,
) -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let item = StoredValue::new(item);
    let current = move || {
        state.answers().with(|a| {
            item.with_value(|id| match a.get(id) {
                Some(AnswerValue::Number(n)) => n.to_string(),
                _ => String::new(),
            })
        })
    };
    let composing = StoredValue::new(false);
    let on_input = move |ev: leptos::ev::Event| {
        if composing.get_value() {
            return;
        }
        let text = event_target_value(&ev);
        let digits = text.trim();
        item.with_value(|id| match digits.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => state.answer(id, AnswerValue::Number(n)),
            _ => state.clear_answer(id),
        });
    };
    view! {
        <div class="screener__number">
            <input
                class="screener__input screener__input--number"
                type="text"
                inputmode="numeric"
                pattern="[0-9]*"
                autocomplete="off"
                maxlength="3"
                name=item.get_value()
                aria-labelledby=labelledby
                aria-describedby=describedby
                prop:value=current
                on:compositionstart=move |_| composing.set_value(true)
                on:compositionend=move |ev| {
                    composing.set_value(false);
                    on_input(ev.into());
                }
                on:input=on_input
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    // Enter that ends an input-method composition must not submit.
                    if ev.key() == "Enter" && ev.is_composing() {
                        ev.prevent_default();
                    }
                }
            />
            <span class="screener__unit">{t!(i18n, unit_years)}</span>
        </div>
    }
}
