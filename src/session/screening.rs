//! The screening as it stands, for what leaves the page with it: the FHIR handoff to a
//! host page, the download, and the request to be contacted.
//!
//! Invariant: all three read the same snapshot (the deployment's base address, the time
//! now, the language, and the answers and outcome read without tracking), so what a host
//! receives, what a person downloads and what the service receives agree.

use crate::core::fhir::{ResponseInput, Variant};
use crate::partner::address::deployment_base;
use leptos::prelude::*;

use super::Session;

/// Calls `f` with the screening as it stands, ready for
/// [`protocol::completed`](crate::partner::protocol::completed),
/// [`protocol::download`](crate::partner::protocol::download) or the referral bundle
/// (which choose the variant).
pub fn with_screening<R>(session: Session, f: impl FnOnce(ResponseInput<'_>) -> R) -> R {
    let base = deployment_base();
    let authored = now_iso();
    let lang = session.lang().get_untracked();
    session.questionnaire().with(|questionnaire| {
        session.config().with(|config| {
            session.answers().with_untracked(|answers| {
                session.outcome().with_untracked(|outcome| {
                    f(ResponseInput {
                        questionnaire,
                        config,
                        answers,
                        outcome,
                        base: &base,
                        lang,
                        authored: Some(&authored),
                        variant: Variant::Full,
                    })
                })
            })
        })
    })
}

/// The time now as an ISO 8601 instant (UTC), from the browser's clock.
fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}
