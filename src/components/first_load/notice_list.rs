use crate::i18n::*;
use crate::session::{use_session, Notice, SaveFailure};
use crate::storage::StorageNotice;
use leptos::prelude::*;

/// Calm notices about the person's answers (deleted, restored, storage trouble), each
/// dismissible. Rendered inside a polite live region so they are announced.
#[component]
pub fn NoticeList() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let text = move |notice: &Notice| -> String {
        match notice {
            Notice::AnswersDeleted => t_string!(i18n, notice_deleted).to_string(),
            Notice::NotKeepingOnDevice => t_string!(i18n, notice_not_keeping).to_string(),
            Notice::UpdatedFromAnotherTab => t_string!(i18n, notice_other_tab).to_string(),
            Notice::ReferralCancelled => t_string!(i18n, notice_referral_cancelled).to_string(),
            Notice::SentCopyDeleted => t_string!(i18n, notice_sent_copy_deleted).to_string(),
            Notice::SaveFailed(SaveFailure::QuotaExceeded) => {
                t_string!(i18n, notice_quota).to_string()
            }
            Notice::Storage(s) => match s {
                StorageNotice::Expired { days } => {
                    t_string!(i18n, notice_expired, days = *days).to_string()
                }
                StorageNotice::Unavailable => t_string!(i18n, notice_unavailable).to_string(),
                StorageNotice::Corrupt { .. } => t_string!(i18n, notice_corrupt).to_string(),
                StorageNotice::NewerVersion { .. } => t_string!(i18n, notice_newer).to_string(),
                StorageNotice::AnswersDropped { count } => {
                    t_string!(i18n, notice_dropped, count = *count).to_string()
                }
                StorageNotice::Migrated { .. } => t_string!(i18n, notice_migrated).to_string(),
            },
            Notice::SaveFailed(SaveFailure::Unavailable) => {
                t_string!(i18n, notice_unavailable).to_string()
            }
        }
    };
    view! {
        <div class="screener__notices" aria-live="polite">
            {move || state.notices().get().into_iter().map(|notice| {
                let message = text(&notice);
                let dismiss = notice.clone();
                view! {
                    <div class="screener__notice">
                        <p class="screener__notice-text">{message}</p>
                        <button
                            type="button"
                            class="screener__button screener__button--link"
                            on:click=move |_| state.dismiss(&dismiss)
                        >
                            {t!(i18n, notice_dismiss)}
                        </button>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
