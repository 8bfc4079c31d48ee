//! What the first load carries: the page's frame, the welcome screen, crisis help in both
//! languages, the menus and notices, and [`ChunkScreen`], which shows a chunk's screen
//! once its code is in (or says it could not be loaded, with the crisis lines).
//!
//! Invariant: nothing here waits for a chunk or the network to offer crisis help.

mod announcer;
mod answers_menu;
mod app;
mod chunk_failed;
mod chunk_screen;
mod crisis_line;
mod crisis_line_list;
mod crisis_panel;
mod delete_answers;
mod deployer_notice;
mod get_help_button;
mod host_bridge;
mod language_switch;
mod notice_list;
mod quick_exit;
mod referral_blocked_notice;
mod safety_plan;
mod shell;
mod welcome_screen;

pub use announcer::Announcer;
pub use answers_menu::AnswersMenu;
pub use app::{App, AppWith};
pub use chunk_failed::ChunkFailed;
pub use chunk_screen::ChunkScreen;
pub use crisis_line::CrisisLine;
pub use crisis_line_list::CrisisLineList;
pub use crisis_panel::CrisisPanel;
pub use delete_answers::DeleteAnswers;
pub use deployer_notice::DeployerNotice;
pub use get_help_button::GetHelpButton;
pub use host_bridge::HostBridge;
pub use language_switch::LanguageSwitch;
pub use notice_list::NoticeList;
pub use quick_exit::QuickExit;
pub use referral_blocked_notice::ReferralBlockedNotice;
pub use safety_plan::SafetyPlan;
pub use shell::Shell;
pub use welcome_screen::WelcomeScreen;
