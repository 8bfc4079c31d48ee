use crate::flow::{self, Screen};
use crate::i18n::*;
use crate::state::use_screener;
use leptos::prelude::*;

/// A visually hidden polite live region that says where the person now is after each
/// screen change ("Question 5 of 27"), for screen-reader users.
#[component]
pub fn Announcer() -> impl IntoView {
    let state = use_screener();
    let i18n = use_i18n();
    let message = move || {
        state.screen_focus.track();
        if state.screen_focus.get_untracked() == 0 {
            return String::new();
        }
        match state.screen.get_untracked() {
            Screen::Question { item } => state
                .answers
                .with_untracked(|a| {
                    state
                        .questionnaire
                        .with_value(|q| state.config.with_value(|c| flow::position(q, a, c, &item)))
                })
                .map(|p| t_string!(i18n, progress, number = p.number, of = p.of).to_string())
                .unwrap_or_default(),
            Screen::Review => t_string!(i18n, review_title).to_string(),
            Screen::Result => t_string!(i18n, result_ready).to_string(),
            Screen::Contact => t_string!(i18n, contact_title).to_string(),
            Screen::Consent => t_string!(i18n, consent_title).to_string(),
            Screen::Welcome => String::new(),
        }
    };
    view! { <div class="screener__sr-only" aria-live="polite" aria-atomic="true">{message}</div> }
}
