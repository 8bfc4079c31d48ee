use crate::chunks::ChunkError;
use crate::components::ChunkFailed;
use crate::i18n::*;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;

/// A screen whose code is in a chunk: shown as soon as the chunk is in (at once when it
/// was prefetched, which is the usual case), "Loading the next screen…" while it is
/// fetched, and [`ChunkFailed`] if it cannot be, whose "Try again" calls `load` afresh.
#[component]
pub fn ChunkScreen<F, Fut>(
    /// Builds the screen: a chunk's entry point (see `crate::chunks`).
    load: F,
) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    let i18n = use_i18n();
    let attempts = RwSignal::new(0u32);
    let retry = Callback::new(move |()| attempts.update(|n| *n += 1));
    let screen = move || {
        attempts.track();
        // The split loader's future holds JavaScript promises, so it is not `Send`;
        // everything here runs on the page's one thread.
        let loading = SendWrapper::new(load());
        Suspend::new(async move {
            match loading.await {
                Ok(view) => view,
                Err(ChunkError) => view! { <ChunkFailed on_retry=retry/> }.into_any(),
            }
        })
    };

    view! {
        <Suspense fallback=move || view! {
            <p class="screener__loading" role="status">{t!(i18n, chunk_loading)}</p>
        }>
            {screen}
        </Suspense>
    }
}
