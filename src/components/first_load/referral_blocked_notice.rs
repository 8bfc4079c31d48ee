use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// Tells the site's deployer that the page's own Content-Security-Policy blocked the
/// request to the configured FHIR endpoint (its origin is missing from `connect-src`).
/// Like [`DeployerNotice`](crate::components::DeployerNotice) it comes last in the page
/// and is calm for anyone else: the person's request stays pending, never reported sent.
#[component]
pub fn ReferralBlockedNotice() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    // The blocked request's own endpoint: the one it was made for and tried.
    let endpoint = move || {
        state
            .referral()
            .with(|r| r.as_ref().map(|r| r.endpoint.clone()))
            .unwrap_or_default()
    };
    view! {
        <Show when=move || state.referral_blocked().get()>
            <aside class="screener-partner__notice" id="screener-referral-blocked"
                aria-labelledby="screener-referral-blocked-title">
                <h2 class="screener-partner__notice-title" id="screener-referral-blocked-title">
                    {t!(i18n, deployer_title)}
                </h2>
                <p class="screener-partner__notice-text" lang="en">
                    "The request to " <code class="screener-partner__path">{endpoint}</code>
                    " was blocked by this page's Content-Security-Policy. Add the endpoint's origin to connect-src (see docs/deploying.md). The person's request stays pending and is retried."
                </p>
            </aside>
        </Show>
    }
}
