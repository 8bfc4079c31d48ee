use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// "Get help now": on every screen, in the same place, opening the crisis resources
/// whether or not risk was reported.
#[component]
pub fn GetHelpButton() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="screener__help-button"
            on:click=move |_| state.request_help()
        >
            {t!(i18n, get_help_now)}
        </button>
    }
}
