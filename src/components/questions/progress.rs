use crate::flow;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// "Question 4 of 27", in words, with a bar that repeats it visually (hidden from
/// assistive technology, which gets the words).
#[component]
pub fn Progress(
    /// Id of the item shown.
    item: String,
) -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let position = move || {
        state.answers().with(|a| {
            state
                .questionnaire()
                .with(|q| state.config().with(|c| flow::position(q, a, c, &item)))
        })
    };
    view! {
        {move || position().map(|p| {
            let percent = p.number * 100 / p.of.max(1);
            view! {
                <div class="screener__progress">
                    <p class="screener__progress-text">{t!(i18n, progress, number = p.number, of = p.of)}</p>
                    <div class="screener__progress-bar" aria-hidden="true">
                        <div class="screener__progress-fill" style:width=format!("{percent}%")></div>
                    </div>
                </div>
            }
        })}
    }
}
