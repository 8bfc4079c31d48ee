use crate::components::{focus_heading_on_mount, CrisisLineList};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// What a person sees instead of a screen whose code could not be loaded (offline on a
/// first visit, a server error): a plain message, "Try again", and every configured
/// crisis line, so the failure is never a blank page and never stands between a person
/// and help. It is in the first load, like the crisis panel, so it needs no network.
#[component]
pub fn ChunkFailed(
    /// What "Try again" does: loads the screen's code again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_heading_on_mount(heading);
    let lines = move || state.config().with(|c| c.crisis_resources.clone());

    view! {
        <section class="screener__screen screener-chunk-failed" aria-labelledby="screener-chunk-failed-title">
            <h1 class="screener__title" id="screener-chunk-failed-title" tabindex="-1" node_ref=heading>
                {t!(i18n, chunk_failed_title)}
            </h1>
            <p>{t!(i18n, chunk_failed_body)}</p>
            <div class="screener__actions">
                <button type="button" class="screener__button" on:click=move |_| on_retry.run(())>
                    {t!(i18n, chunk_try_again)}
                </button>
            </div>
            <p class="screener-chunk-failed__help">{t!(i18n, chunk_failed_help)}</p>
            <CrisisLineList lines=lines/>
        </section>
    }
}
