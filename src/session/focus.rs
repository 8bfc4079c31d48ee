//! Where keyboard and screen-reader focus goes when the session changes.
//!
//! Invariant: focus moves only because of something the person did (an answer that
//! raises risk, "Get help now", a screen change, "Send my request"), never on the first
//! screen of a page load, where it stays at the top (the quick exit comes first). Actions
//! of the [`Session`](super::Session) call [`Focus`] directly; the elements that take focus
//! register themselves here when they are built.

use crate::components::focus;
use leptos::prelude::*;

/// The focus requests of one page. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Focus {
    /// The crisis panel's heading, once the panel is built.
    crisis_heading: NodeRef<leptos::html::H2>,
    /// The person has moved from the first screen: later screens' headings take focus.
    navigated: StoredValue<bool>,
    /// "Send my request" was pressed: the request's status takes focus on the result
    /// screen, instead of its heading.
    referral_status: StoredValue<bool>,
}

impl Focus {
    pub(super) fn new() -> Focus {
        Focus {
            crisis_heading: NodeRef::new(),
            navigated: StoredValue::new(false),
            referral_status: StoredValue::new(false),
        }
    }

    /// The crisis panel's heading, for the panel to attach (`node_ref=`).
    pub fn crisis_heading(&self) -> NodeRef<leptos::html::H2> {
        self.crisis_heading
    }

    /// Focuses the crisis panel's heading after the next frame, when the panel is shown
    /// by then. The frame wait matters: when a person taps an answer's label, WebKit
    /// focuses the radio itself after the click, which would take focus back from the
    /// alert. A panel not built yet focuses itself when it appears (see `CrisisPanel`).
    pub fn crisis(&self) {
        let heading = self.crisis_heading;
        request_animation_frame(move || {
            if let Some(el) = heading.try_get_untracked().flatten() {
                if el.closest("[hidden]").ok().flatten().is_none() {
                    focus(&el);
                }
            }
        });
    }

    /// Notes that the person moved to another screen: its heading takes focus.
    pub(super) fn navigated(&self) {
        self.navigated.set_value(true);
    }

    /// Whether the person has moved from the page's first screen.
    pub fn has_navigated(&self) -> bool {
        self.navigated.try_get_value().unwrap_or(false)
    }

    pub(super) fn request_referral_status(&self) {
        self.referral_status.set_value(true);
    }

    /// Whether the request's status should take focus now; answers `true` once.
    pub fn take_referral_status(&self) -> bool {
        self.referral_status
            .try_update_value(std::mem::take)
            .unwrap_or(false)
    }
}

/// The focus requests in context (provided with the session).
///
/// # Panics
/// If called outside the app (a programming error caught by every test that mounts it).
pub fn use_focus() -> Focus {
    expect_context::<Focus>()
}
