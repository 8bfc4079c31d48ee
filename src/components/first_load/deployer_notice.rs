use crate::core::ConfigProblem;
use crate::i18n::*;
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
    let i18n = use_i18n();
    let count = problems.len();
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
                {t!(i18n, deployer_title)}
            </h2>
            <p class="screener-partner__notice-text">{t!(i18n, deployer_explanation)}</p>
            <details class="screener-partner__details">
                <summary class="screener-partner__summary">{t!(i18n, deployer_count, count = count)}</summary>
                <ul class="screener-partner__problems" lang="en">
                    {items}
                </ul>
            </details>
        </aside>
    })
}
