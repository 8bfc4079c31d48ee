//! Partner deployments: what lets an organisation put the screener on its own site.
//!
//! * [`load`]: reads the partner's `config.json` (same origin, revalidated) before the
//!   app mounts. Anything wrong with it (missing fields are fine, they take the
//!   defaults; bad JSON, unknown fields, wrong types, inconsistent values, unsafe links
//!   are not) rejects the *whole* file: the person gets the built-in default rules and
//!   crisis resources, and the deployer gets every problem, by path, on the console and
//!   in a notice. Never a blank page, and never a half-applied configuration whose
//!   crisis lines nobody checked.
//! * [`url_params`]: the page address may choose only harmless things, the language
//!   (among the configured ones) and a theme from a fixed list. Rules, thresholds,
//!   crisis resources and the handoff target come only from the same-origin
//!   configuration, so a link someone sends cannot change what a person at risk is told.
//! * [`theme`]: the configuration's colours, font and logo become `--screener-*` custom
//!   properties on the widget root through the CSSOM (`style.setProperty`), which the
//!   Content-Security-Policy allows, unlike a `style` attribute written into markup.
//! * [`protocol`]: the messages exchanged with a host page, as plain JSON values. Pure,
//!   and tested natively.
//! * [`bridge`]: the browser side of the host link: finding the host's origin, posting
//!   to it (always to that one named origin, never `"*"`), checking incoming messages,
//!   reporting the content height.
//! * [`address`]: the deployment's own base address, which the FHIR resources name.
//!
//! Security model of the host link, in short: the app talks only to its *parent* frame,
//! only when the parent's origin (as reported by the browser, not by the URL) is one of
//! `allowed_origins`, and names that origin as the `postMessage` target so the browser
//! itself refuses delivery to anything else. It listens only to messages whose origin is
//! that origin *and* whose source is that parent window, and understands two commands
//! ("set language", "reset"); everything else is ignored without a word.

pub mod address;
pub mod bridge;
pub mod load;
pub mod protocol;
pub mod theme;
pub mod url_params;

pub use load::{console_report_deferred, load_config, LoadedConfig};
pub use url_params::{UrlChoices, UrlTheme};
