//! Leptos components: they render [`Session`](crate::session::Session) and send
//! events to it; the screening core decides. One component per file, named after it.
//!
//! The folders are the WebAssembly's chunk map (see [`crate::chunks`]):
//!
//! | folder | loaded | holds |
//! |---|---|---|
//! | `first_load/` | with the page | the shell, the welcome screen, crisis help, the menus and notices, and the frame a chunk's screen is shown in |
//! | `questions/` | chunk `questions`, fetched just after the first screen is painted | the question screen and its answer controls |
//! | `results/` | chunk `results`, fetched after `questions` | review, result, next steps, alternatives, the reflection, the referral's status, the download |
//! | `intake/` | chunk `intake`, fetched last | contact details and consent |
//!
//! Architecture invariant: no component computes a score, a risk flag or an outcome, and
//! none touches `localStorage` (that is [`crate::storage`]'s alone). Code in `first_load/`
//! names nothing in a chunk's folder except that chunk's entry points (its `mod.rs`):
//! anything else it named would be pulled into the first load.

mod first_load;
pub mod intake;
pub mod questions;
pub mod results;

pub use first_load::*;

/// Moves keyboard and screen-reader focus to `el` (which has `tabindex="-1"` when it is
/// not itself focusable) without scrolling past it on small screens.
pub(crate) fn focus(el: &web_sys::HtmlElement) {
    let _ = el.focus();
}

/// Focuses the screen heading `heading` once it is mounted, unless this is the first
/// screen of the page load (then focus stays at the top, where the quick exit is first).
pub(crate) fn focus_heading_on_mount(heading: leptos::prelude::NodeRef<leptos::html::H1>) {
    use leptos::prelude::*;
    let focus_requests = crate::session::use_focus();
    // On the next frame: a screen whose chunk arrived after a wait is built before it is
    // mounted, so its heading is not yet in the document when this effect first runs. Unless a part of
    // the same screen has taken focus meanwhile on purpose (the request's status, just
    // after "Send my request").
    Effect::new(move |_| {
        if focus_requests.has_navigated() {
            if let Some(el) = heading.get() {
                request_animation_frame(move || {
                    let screen = el.closest(".screener__screen").ok().flatten();
                    let active = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.active_element());
                    let taken = matches!((&screen, &active), (Some(screen), Some(active))
                        if screen.contains(Some(active)) && *active != **el);
                    if !taken {
                        focus(&el);
                    }
                });
            }
        }
    });
}
