//! Chunk `results`: the review of every answer, the result with its reasons and next
//! steps, alternatives, the reflection, the referral's status and the download. Fetched
//! after `questions`, long before the last answer on any network a person can answer on.
//!
//! Invariant: only the entry points below are named from outside this folder (the intake
//! chunk also uses [`ReferralSummary`], which then travels in a chunk the two share).
//! Each first fills in what the start left out ([`Session::complete`]): the
//! questionnaire's words and the configuration's deferred sections, which these screens
//! show.

mod download_summary;
mod next_steps;
mod peer_reflection;
mod referral_status;
mod referral_summary;
mod reflection_question;
mod result_screen;
mod review_screen;
mod score_summary;
mod service_contact_info;
mod suggested_service;
mod suggested_services;

use crate::partner::protocol;
use crate::session::{with_screening, Session};
use leptos::prelude::*;

use download_summary::DownloadSummary;
use next_steps::NextSteps;
use peer_reflection::PeerReflection;
use referral_status::ReferralStatus;
pub(crate) use referral_summary::ReferralSummary;
use reflection_question::ReflectionQuestion;
use result_screen::ResultScreen;
use review_screen::ReviewScreen;
use score_summary::ScoreSummary;
use service_contact_info::ServiceContactInfo;
use suggested_service::SuggestedService;
use suggested_services::SuggestedServices;

crate::chunks::split! {
    chunk = results, preload = preload;
    /// Every answer, each with a way to change it.
    pub fn review() -> AnyView {
        crate::session::use_session().complete();
        view! { <ReviewScreen/> }.into_any()
    }
}

crate::chunks::split! {
    chunk = results;
    /// The outcome, its reasons and next steps.
    pub fn result() -> AnyView {
        crate::session::use_session().complete();
        view! { <ResultScreen/> }.into_any()
    }
}

crate::chunks::split! {
    chunk = results;
    /// The host's `completed` message for the screening as it stands (see
    /// [`protocol::completed`]): here because only the result screen sends it, and its
    /// FHIR builders are large.
    pub fn completed_message(state: Session) -> serde_json::Value {
        state.complete();
        let referral = state.referral().get_untracked();
        with_screening(state, |c| protocol::completed(c, referral.as_ref()))
    }
}

crate::chunks::split! {
    chunk = results;
    /// Fills in what the start left out as soon as this chunk is in (see
    /// `crate::chunks::prefetch`), so the deployer notice lists the deferred sections'
    /// problems without waiting for a person to reach a result.
    pub fn complete(state: Session) -> () {
        state.complete()
    }
}
