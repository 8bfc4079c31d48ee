use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// Tells the people who run the site that their `config.json` has problems, with every
/// problem by path and reason: the whole file was not used (the screener carries on with
/// its defaults), or a section the result reads later was left out (the rest is used).
///
/// It is worded for the site's administrators but calm for anyone else who reads it
/// (the screener works; only the partner's settings were not applied), and it comes
/// last in the page: it must never stand between a person and the quick exit, the
/// questions or the crisis help. The list is inside `<details>`, so it takes one line
/// until someone opens it; the reasons are English, as `screener-cli check-config`
/// prints them. Renders nothing when there are no problems; grows when a section read
/// later adds some.
#[component]
pub fn DeployerNotice() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    move || {
        let found = state.config_problems();
        if found.problems.is_empty() {
            return ().into_any();
        }
        let count = found.problems.len();
        let items = found
            .problems
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
        let (title, explanation) = if found.refused {
            (
                t!(i18n, deployer_title).into_any(),
                t!(i18n, deployer_explanation).into_any(),
            )
        } else {
            (
                t!(i18n, deployer_title_partial).into_any(),
                t!(i18n, deployer_explanation_partial).into_any(),
            )
        };
        view! {
            <aside
                class="screener-partner__notice"
                id="screener-deployer-notice"
                aria-labelledby="screener-deployer-notice-title"
            >
                <h2 class="screener-partner__notice-title" id="screener-deployer-notice-title">
                    {title}
                </h2>
                <p class="screener-partner__notice-text">{explanation}</p>
                <details class="screener-partner__details">
                    <summary class="screener-partner__summary">{t!(i18n, deployer_count, count = count)}</summary>
                    <ul class="screener-partner__problems" lang="en">
                        {items}
                    </ul>
                </details>
            </aside>
        }
        .into_any()
    }
}
