//! The tests of `screener-cli`, one program (so the core is linked once): each module
//! runs the real binary (`CARGO_BIN_EXE_screener-cli`) as a partner or a script would.
//!
//! - `cli`: `evaluate`, `check-config`, `default-config`, `questionnaire`, exit statuses;
//! - `static_help`: `write-crisis-lines` and `check-config CONFIG PAGE` on a built page.
//!
//! The fixtures and the page are the repository's (`tests/fixtures/`, `index.html`), the
//! same files the core's tests and the end-to-end tests use.

use std::path::{Path, PathBuf};

mod cli;
mod static_help;

/// `rel`, a path from the root of the repository.
fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/screener-cli is two folders below the repository's root")
        .join(rel)
}
