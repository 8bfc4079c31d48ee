use crate::flow::{self, Screen};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// A visually hidden polite live region that says where the person now is after each
/// screen change ("Question 5 of 27"), for screen-reader users.
#[component]
pub fn Announcer() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let focus_requests = crate::session::use_focus();
    let message = move || {
        // Said after every screen change the person made (not on the page's first screen).
        let screen = state.screen().get();
        if !focus_requests.has_navigated() {
            return String::new();
        }
        match screen {
            Screen::Question { item } => state
                .answers()
                .with_untracked(|a| {
                    state
                        .questionnaire()
                        .with(|q| state.config().with(|c| flow::position(q, a, c, &item)))
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
