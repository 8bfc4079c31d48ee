use std::future::Future;
use std::sync::Arc;

use crate::chunks::{now_or_when_loaded, ChunkError};
use crate::components::ChunkFailed;
use crate::i18n::*;
use leptos::prelude::*;

/// A screen whose code is in a chunk: shown at once when the chunk is in (it is fetched
/// just after the first screen, so that is the usual case), "Loading the next screen…"
/// while it is fetched, and [`ChunkFailed`] if it cannot be, whose "Try again" calls
/// `load` afresh.
///
/// A signal and [`now_or_when_loaded`] rather than Leptos's `Suspense`: the same
/// behaviour, and the first load does not carry Suspense's machinery.
#[component]
pub fn ChunkScreen<F, Fut>(
    /// Builds the screen: a chunk's split point (see `crate::chunks`).
    load: F,
) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    let i18n = use_i18n();
    // The screen, once built: taken out by the view below, which shows it.
    let built = RwSignal::new_local(None::<AnyView>);
    let failed = RwSignal::new(false);
    let load = Arc::new(load);
    // "Try again" is clicked inside the failure message, which the first line of an
    // attempt removes: the attempt belongs to this screen's owner, not to the message's.
    let owner = Owner::current();
    let attempt = move || {
        failed.set(false);
        let run = || {
            now_or_when_loaded(load(), move |result| match result {
                Ok(view) => {
                    let _ = built.try_set(Some(view));
                }
                Err(ChunkError) => {
                    let _ = failed.try_set(true);
                }
            })
        };
        match &owner {
            Some(owner) => owner.with(run),
            None => run(),
        }
    };
    attempt.clone()();
    let retry = Callback::new(move |()| attempt());

    move || {
        if failed.get() {
            return view! { <ChunkFailed on_retry=retry/> }.into_any();
        }
        built.track();
        match built.try_update_untracked(Option::take).flatten() {
            Some(screen) => screen,
            None => view! {
                <p class="screener__loading" role="status">{t!(i18n, chunk_loading)}</p>
            }
            .into_any(),
        }
    }
}
