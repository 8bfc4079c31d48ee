//! Leptos components: they render [`Session`](crate::session::Session) and send
//! events to it; the screening core decides. One component per file, named after it.
//!
//! Architecture invariant: no component computes a score, a risk flag or an outcome, and
//! none touches `localStorage` (that is [`crate::storage`]'s alone).

mod announcer;
mod answers_menu;
mod app;
mod choice_input;
mod consent_screen;
mod contact_screen;
mod crisis_panel;
mod delete_answers;
mod deployer_notice;
mod download_summary;
mod get_help_button;
mod host_bridge;
mod language_switch;
mod multi_choice_input;
mod next_steps;
mod notice_list;
mod number_input;
mod peer_reflection;
mod progress;
mod question_screen;
mod quick_exit;
mod referral_blocked_notice;
mod referral_status;
mod referral_summary;
mod reflection_question;
mod result_screen;
mod review_screen;
mod safety_plan;
mod score_summary;
mod service_contact_info;
mod shell;
mod suggested_service;
mod suggested_services;
mod welcome_screen;

pub use announcer::Announcer;
pub use answers_menu::AnswersMenu;
pub use app::{App, AppWith};
pub use choice_input::ChoiceInput;
pub use consent_screen::ConsentScreen;
pub use contact_screen::ContactScreen;
pub use crisis_panel::CrisisPanel;
pub use delete_answers::DeleteAnswers;
pub use deployer_notice::DeployerNotice;
pub use download_summary::DownloadSummary;
pub use get_help_button::GetHelpButton;
pub use host_bridge::HostBridge;
pub use language_switch::LanguageSwitch;
pub use multi_choice_input::MultiChoiceInput;
pub use next_steps::NextSteps;
pub use notice_list::NoticeList;
pub use number_input::NumberInput;
pub use peer_reflection::PeerReflection;
pub use progress::Progress;
pub use question_screen::QuestionScreen;
pub use quick_exit::QuickExit;
pub use referral_blocked_notice::ReferralBlockedNotice;
pub use referral_status::ReferralStatus;
pub use referral_summary::ReferralSummary;
pub use reflection_question::ReflectionQuestion;
pub use result_screen::ResultScreen;
pub use review_screen::ReviewScreen;
pub use safety_plan::SafetyPlan;
pub use score_summary::ScoreSummary;
pub use service_contact_info::ServiceContactInfo;
pub use shell::Shell;
pub use suggested_service::SuggestedService;
pub use suggested_services::SuggestedServices;
pub use welcome_screen::WelcomeScreen;

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
    Effect::new(move |_| {
        if focus_requests.has_navigated() {
            if let Some(el) = heading.get() {
                focus(&el);
            }
        }
    });
}
