use crate::core::{t, ConfigProblem};
use crate::state::use_screener;
use leptos::prelude::*;

/// Tells the people who run the site that their `config.json` was rejected, with every
/// problem by path and reason, while the screener carries on with its defaults.
///
/// It is worded for the site's administrators but calm for anyone else who reads it
/// (the screener works; only the partner's settings were not applied), and it comes
/// last in the page: it must never stand between a person and the quick exit, the
/// questions or the crisis help. The list is inside `<details>`, so it takes one line
/// until someone opens it; the reasons are English, as `screener-cli check-config`
/// prints them. Renders nothing when there are no problems.
#[component]
pub fn DeployerNotice(
    /// Every problem found in the partner's configuration (empty: nothing is shown).
    problems: Vec<ConfigProblem>,
) -> impl IntoView {
    if problems.is_empty() {
        return None;
    }
    let state = use_screener();
    let title = t(
        "For the site's administrators: configuration not used",
        "致網站管理員：設定檔未被採用",
    );
    let explanation = t(
        "This site's config.json has problems, so the screener is using its built-in settings and crisis lines. It works normally. Fix the problems below (or check the file with screener-cli check-config) and reload.",
        "本網站的 config.json 有問題，因此評估問卷正使用內置設定及求助熱線，並會如常運作。請修正以下問題（或以 screener-cli check-config 檢查檔案），然後重新載入。",
    );
    let count = problems.len();
    let summary = t(
        format!("{count} problem(s) found"),
        format!("發現 {count} 個問題"),
    );
    let lang = move || state.lang.get();
    let items = problems
        .into_iter()
        .map(|p| {
            view! {
                <li class="screener-partner__problem">
                    <code class="screener-partner__path">{p.path}</code>
                    ": "
                    <span class="screener-partner__reason">{p.reason}</span>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <aside
            class="screener-partner__notice"
            id="screener-deployer-notice"
            aria-labelledby="screener-deployer-notice-title"
        >
            <h2 class="screener-partner__notice-title" id="screener-deployer-notice-title">
                {move || title.get(lang()).to_owned()}
            </h2>
            <p class="screener-partner__notice-text">{move || explanation.get(lang()).to_owned()}</p>
            <details class="screener-partner__details">
                <summary class="screener-partner__summary">{move || summary.get(lang()).to_owned()}</summary>
                <ul class="screener-partner__problems" lang="en">
                    {items}
                </ul>
            </details>
        </aside>
    })
}
