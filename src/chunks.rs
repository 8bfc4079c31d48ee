//! The WebAssembly's chunks: the screens a person reaches only after the first one load
//! as separate modules, so the first load carries the page, the welcome screen and crisis
//! help and nothing else of the screener's views.
//!
//! A chunk is declared by its split points, written with [`split!`]: a screen's in the
//! `mod.rs` of the chunk's folder under `src/components/` (the folder tree is the chunk
//! map), delivery's in [`crate::delivery`] (chunk `intake`) and the host's `completed`
//! message in `components/results` (chunk `results`). In the release build (feature
//! `split`, `.ci/split-build.mjs`) each is a split point of `leptos::wasm_split`:
//! calling it fetches and instantiates its chunk first, and a chunk that cannot be
//! fetched is a [`ChunkError`], never a panic: [`ChunkScreen`] then shows the crisis
//! lines and "Try again", and a later call fetches afresh. Without the feature
//! (`trunk serve`, debug builds, the wasm-bindgen tests, native tests) the same functions
//! are plain calls in one module.
//!
//! Invariant: crisis help never waits for a chunk. The crisis panel, "Get help now" and
//! the failure message are in the first load; [`prefetch`] starts only after the first
//! screen is painted.
//!
//! [`ChunkScreen`]: crate::components::ChunkScreen

use std::future::Future;
use std::task::{Context, Poll};

/// A chunk could not be loaded (offline on a first visit, a server error, a file of
/// another build). The person can try again; nothing of theirs is lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a part of the screener could not be loaded")]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Declares a split point: a function whose code (and all it alone calls) is in chunk
/// `$module`. `fn name(args) -> T { body }` becomes
/// `async fn name(args) -> Result<T, ChunkError>`, which in the split build loads the
/// chunk before running the body; functions that name the same chunk share it.
/// `preload = name` also declares `async fn name() -> Result<(), _>`, which only fetches
/// the chunk (for [`prefetch`]); one split point per chunk says so.
///
/// What crosses the boundary is passed by value and must not borrow (the split build
/// calls the body through an `extern "C"` function); the body runs untracked, like a
/// component's.
macro_rules! split {
    (
        chunk = $module:ident $(, preload = $preload:ident)?;
        $(#[$attr:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block
    ) => {
        #[cfg(feature = "split")]
        $(#[$attr])*
        #[::leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload(
                /// Fetches and instantiates this chunk, without running anything in it.
                $preload
            ))?
        )]
        #[allow(improper_ctypes_definitions)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::chunks::ChunkError> {
            Ok(::leptos::prelude::untrack(move || $body))
        }

        #[cfg(not(feature = "split"))]
        $(#[$attr])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::chunks::ChunkError> {
            Ok(::leptos::prelude::untrack(move || $body))
        }

        $(
            /// Fetches and instantiates this chunk (nothing to do without chunks).
            #[cfg(not(feature = "split"))]
            $vis async fn $preload() -> Result<(), $crate::chunks::ChunkError> {
                Ok(())
            }
        )?
    };
}
pub(crate) use split;

/// Runs `work`, a call of a split point, and hands its result to `then`: within this
/// call when the chunk is already in, which is the usual case, so an action's effects are
/// there when the action returns and a screen shows without a frame of "Loading", as
/// they would without chunks; otherwise once the chunk has arrived.
///
/// The rest runs under the reactive owner current here (a screen's components read the
/// session from it), and not at all once that owner is gone (the person has moved on).
pub fn now_or_when_loaded<T: 'static>(
    work: impl Future<Output = T> + 'static,
    then: impl FnOnce(T) + 'static,
) {
    let mut work = Box::pin(work);
    // One poll, with a waker that does nothing: a split point whose chunk is in does not
    // wait on anything. A load under way keeps the waker of its latest poll, so the task
    // below, which polls it again, is the one woken.
    match work
        .as_mut()
        .poll(&mut Context::from_waker(std::task::Waker::noop()))
    {
        Poll::Ready(value) => then(value),
        Poll::Pending => {
            leptos::task::spawn_local_scoped_with_cancellation(async move { then(work.await) });
        }
    }
}

/// Fetches every chunk in the order a person needs them (questions, results, intake), one
/// at a time so each gets the whole connection, without building any screen. Once
/// `questions` is in, it fills in the questionnaire's words; once `results` is in, it
/// reads the configuration's deferred sections, so their problems reach the deployer
/// notice and the console without waiting for a result. Called once,
/// after the first screen is painted; a chunk that fails here is fetched again when its
/// screen is shown.
pub async fn prefetch(state: crate::session::Session) {
    use crate::components::{intake, questions, results};
    let _ = questions::fill_wording(state).await;
    let _ = results::complete(state).await;
    let _ = intake::preload().await;
}
