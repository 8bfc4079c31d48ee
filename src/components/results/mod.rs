//! Chunk `results`: the review of every answer, the result with its reasons and next
//! steps, alternatives, the reflection, the referral's status and the download. Fetched
//! after `questions`, long before the last answer on any network a person can answer on.
//!
//! Invariant: only the entry points below are named from outside this folder (the intake
//! chunk also uses [`ReferralSummary`], which then travels in a chunk the two share).

mod download_summary;
mod next_steps;
mod peer_reflection;
mod reflection_question;
mod referral_status;
mod referral_summary;
mod result_screen;
mod review_screen;
mod score_summary;
mod service_contact_info;
mod suggested_service;
mod suggested_services;

use download_summary::DownloadSummary;
use next_steps::NextSteps;
use peer_reflection::PeerReflection;
use reflection_question::ReflectionQuestion;
use referral_status::ReferralStatus;
pub(crate) use referral_summary::ReferralSummary;
use result_screen::ResultScreen;
use review_screen::ReviewScreen;
use score_summary::ScoreSummary;
use service_contact_info::ServiceContactInfo;
use suggested_service::SuggestedService;
use suggested_services::SuggestedServices;

crate::chunks::entry! {
    /// Every answer, each with a way to change it.
    results, preload: fn review() {
        leptos::view! { <ReviewScreen/> }
    }
}

crate::chunks::entry! {
    /// The outcome, its reasons and next steps.
    results: fn result() {
        leptos::view! { <ResultScreen/> }
    }
}
