//! Chunk `intake`: how the service can reach the person, and their consent. Only a
//! person whose result may send a request sees it, so it is fetched last.
//!
//! Invariant: only the entry points below are named from outside this folder, and each
//! first fills in what the start left out ([`Session::complete`]): the questionnaire's
//! words and the configuration's deferred sections, which the request names.
//!
//! [`Session::complete`]: crate::session::Session::complete

mod consent_screen;
mod contact_screen;

use leptos::prelude::*;

use consent_screen::ConsentScreen;
use contact_screen::ContactScreen;

crate::chunks::split! {
    chunk = intake, preload = preload;
    /// Contact details and preferences.
    pub fn contact() -> AnyView {
        crate::session::use_session().complete();
        view! { <ContactScreen/> }.into_any()
    }
}

crate::chunks::split! {
    chunk = intake;
    /// What will be sent, and the consent to send it.
    pub fn consent() -> AnyView {
        crate::session::use_session().complete();
        view! { <ConsentScreen/> }.into_any()
    }
}
