//! Chunk `questions`: one question per screen and its answer controls. The person needs
//! it at the first "Start", so it is the first chunk fetched after the first paint.
//!
//! Invariant: only [`screen`] (and its prefetch, [`preload`] and [`fill_wording`]) is
//! named from outside this folder; everything else here is reached through it, so it
//! stays in the chunk. Each first fills in the questionnaire's words
//! ([`Session::fill_wording`]), which the start leaves out.
//!
//! [`Session::fill_wording`]: crate::session::Session::fill_wording

mod choice_input;
mod multi_choice_input;
mod number_input;
mod progress;
mod question_screen;

use leptos::prelude::*;

use choice_input::ChoiceInput;
use multi_choice_input::MultiChoiceInput;
use number_input::NumberInput;
use progress::Progress;
use question_screen::QuestionScreen;

crate::chunks::split! {
    chunk = questions, preload = preload;
    /// The screen asking item `item`.
    pub fn screen(item: String) -> AnyView {
        crate::session::use_session().fill_wording();
        view! { <QuestionScreen item=item/> }.into_any()
    }
}

crate::chunks::split! {
    chunk = questions;
    /// Fills the questionnaire's words in as soon as this chunk is in (see
    /// `crate::chunks::prefetch`), so the first question shows without that work.
    pub fn fill_wording(state: crate::session::Session) -> () {
        state.fill_wording()
    }
}
