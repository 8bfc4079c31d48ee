use crate::i18n::*;
use crate::session::use_session;
use leptos::ev;
use leptos::prelude::*;

/// How close together three Shift presses must be to count as "leave now".
const TRIPLE_SHIFT_WINDOW_MS: f64 = 2_000.0;

/// "Leave this site": always visible and first in keyboard order. It (or pressing Shift
/// three times) hides the screener at once and replaces the page with a neutral site, with
/// `location.replace` so Back does not return here. Escape is deliberately not used: it
/// also stops page loads, which would make it unreliable.
#[component]
pub fn QuickExit() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let leave = move || {
        let url = state.config().with(|c| c.quick_exit_url.clone());
        leave_now(&url);
    };

    let presses = StoredValue::new(Vec::<f64>::new());
    let handle = window_event_listener(ev::keydown, move |event| {
        if event.key() != "Shift" || event.repeat() {
            return;
        }
        let now = js_sys::Date::now();
        let triple = presses.try_update_value(|p| {
            p.retain(|t| now - t < TRIPLE_SHIFT_WINDOW_MS);
            p.push(now);
            p.len() >= 3
        });
        if triple == Some(true) {
            leave();
        }
    });
    on_cleanup(move || handle.remove());

    view! {
        <button type="button" class="screener__exit" on:click=move |_| leave()>
            {t!(i18n, quick_exit)}
        </button>
    }
}

/// Hides everything, then replaces the page. Hiding first matters: the new page may take
/// seconds to load, and the screener must not stay on screen meanwhile.
pub(crate) fn leave_now(url: &str) {
    let document = document();
    if let Some(body) = document.body() {
        let _ = body.style().set_property("display", "none");
    }
    document.set_title("");
    let _ = window().location().replace(url);
}
