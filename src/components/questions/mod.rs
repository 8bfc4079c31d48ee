//! Chunk `questions`: one question per screen and its answer controls. The person needs
//! it at the first "Start", so it is the first chunk fetched after the first paint.
//!
//! Invariant: only [`screen`] (and its prefetch, [`preload`]) is named from outside this
//! folder; everything else here is reached through it, so it stays in the chunk.

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
        view! { <QuestionScreen item=item/> }.into_any()
    }
}
