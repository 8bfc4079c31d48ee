//! Chunk `intake`: how the service can reach the person, and their consent. Only a
//! person whose result may send a request sees it, so it is fetched last.
//!
//! Invariant: only the entry points below are named from outside this folder.

mod consent_screen;
mod contact_screen;

use consent_screen::ConsentScreen;
use contact_screen::ContactScreen;

crate::chunks::entry! {
    /// Contact details and preferences.
    intake, preload: fn contact() {
        leptos::view! { <ContactScreen/> }
    }
}

crate::chunks::entry! {
    /// What will be sent, and the consent to send it.
    intake: fn consent() {
        leptos::view! { <ConsentScreen/> }
    }
}
