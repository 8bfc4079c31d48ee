//! The WebAssembly's chunks: the screens a person reaches only after the first one load
//! as separate modules, so the first load carries the page, the welcome screen and crisis
//! help and nothing else of the screener's views.
//!
//! A chunk is declared by its entry points, written with [`entry!`] in the `mod.rs` of
//! the chunk's folder under `src/components/` (the folder tree is the chunk map). In the
//! release build (feature `split`, `.ci/split-build.mjs`) each entry is a split point of
//! `leptos::wasm_split`: calling it fetches and instantiates its chunk first, and a chunk
//! that cannot be fetched is a [`ChunkError`], never a panic: [`ChunkScreen`] then shows
//! the crisis lines and "Try again", and a later call fetches afresh. Without the feature
//! (`trunk serve`, debug builds, the wasm-bindgen tests, native tests) the same entries
//! are plain calls in one module.
//!
//! Invariant: crisis help never waits for a chunk. The crisis panel, "Get help now" and
//! the failure message are in the first load; [`prefetch`] starts only after the first
//! screen is painted.
//!
//! [`ChunkScreen`]: crate::components::ChunkScreen

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

/// Declares a chunk's entry point: `$module: fn name(args) { view }` becomes
/// `async fn name(args) -> Result<AnyView, ChunkError>`, which in the split build loads
/// chunk `$module` before building the view. Entries that name the same module share
/// one chunk. `$module, preload: fn …` also declares `preload()`, which fetches the
/// chunk without building anything (for [`prefetch`]); one entry per chunk says so.
macro_rules! entry {
    ($(#[$attr:meta])* $module:ident, preload: fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        #[cfg(feature = "split")]
        $(#[$attr])*
        #[::leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(
                /// Fetches and instantiates this chunk without building a view.
                preload
            )
        )]
        #[allow(improper_ctypes_definitions)]
        pub fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::chunks::ChunkError> {
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($body)))
        }

        #[cfg(not(feature = "split"))]
        $(#[$attr])*
        pub async fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::chunks::ChunkError> {
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($body)))
        }

        /// Fetches and instantiates this chunk without building a view (nothing to do in
        /// a build without chunks).
        #[cfg(not(feature = "split"))]
        pub async fn preload() -> Result<(), $crate::chunks::ChunkError> {
            Ok(())
        }
    };
    ($(#[$attr:meta])* $module:ident: fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        #[cfg(feature = "split")]
        $(#[$attr])*
        #[::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        #[allow(improper_ctypes_definitions)]
        pub fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::chunks::ChunkError> {
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($body)))
        }

        #[cfg(not(feature = "split"))]
        $(#[$attr])*
        pub async fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::chunks::ChunkError> {
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($body)))
        }
    };
}
pub(crate) use entry;

/// Fetches every chunk in the order a person needs them (questions, results, intake), one
/// at a time so each gets the whole connection, without building anything. Called once,
/// after the first screen is painted; a chunk that fails here is fetched again when its
/// screen is shown. Returns how many chunks loaded.
pub async fn prefetch() -> usize {
    use crate::components::{intake, questions, results};
    let mut loaded = 0;
    loaded += usize::from(questions::preload().await.is_ok());
    loaded += usize::from(results::preload().await.is_ok());
    loaded += usize::from(intake::preload().await.is_ok());
    loaded
}
