//! Loading the partner configuration from `./config.json`.
//!
//! The file sits beside `index.html` on the same origin, so only whoever deploys the app
//! can change it. It is fetched with `cache: "no-cache"` (the browser may keep a copy but
//! must revalidate it) so a corrected configuration takes effect on the next visit.
//!
//! What each answer from the server means ([`interpret`]):
//!
//! | response | result |
//! |---|---|
//! | 404 or 410 | no configuration deployed: defaults, silently (the standalone default deployment has none) |
//! | 204, or an HTML page (`text/html` starting with `<`) | the same: a single-page-app host answering every path with `index.html` has no configuration either |
//! | 2xx with JSON that [`parse_config_start`] accepts | that configuration, its deferred sections read later |
//! | 2xx with anything else | defaults, and every problem |
//! | any other status, a network error or no answer within [`TIMEOUT_MS`] | defaults, and one problem saying why |
//!
//! Problems go to `console.error` (for the deployer's developer tools) and to the
//! deployer notice in the page. The person is never left waiting on a broken file: the
//! static crisis help in `index.html` stays on screen until the app mounts, and the
//! timeout bounds that wait.

use crate::core::config::Deferred;
use crate::core::{parse_config_start, Config, ConfigProblem};

/// Where the configuration is read from, relative to the page.
pub const CONFIG_PATH: &str = "./config.json";

/// The `window` property under which the page's loader (`src/loader.mjs`) leaves the
/// promise of its early `fetch` of [`CONFIG_PATH`]. Started before the WebAssembly has
/// downloaded, it saves a round trip before the first screen; without it (tests, other
/// loaders) the app fetches the file itself, with the same request.
pub const PREFETCH_KEY: &str = "__screenerConfigFetch";

/// How long to wait for the configuration before starting on the defaults.
pub const TIMEOUT_MS: i32 = 8_000;

/// The configuration to use, and what was wrong with the partner's file (if anything).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedConfig {
    /// The configuration in force: the partner's, or the defaults if it was rejected.
    pub config: Config,
    /// Every problem found; empty when the partner's file was used or there was none.
    pub problems: Vec<ConfigProblem>,
    /// The sections the start left unread (see [`Deferred`]): read by the first screen
    /// that uses them, and used only when `problems` is empty.
    pub deferred: Deferred,
}

impl LoadedConfig {
    fn defaults() -> LoadedConfig {
        LoadedConfig {
            config: Config::default(),
            problems: Vec::new(),
            deferred: Deferred::default(),
        }
    }

    fn rejected(problems: Vec<ConfigProblem>) -> LoadedConfig {
        LoadedConfig {
            config: Config::default(),
            problems,
            deferred: Deferred::default(),
        }
    }
}

/// What fetching `config.json` produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fetched {
    /// The server answered.
    Response {
        /// HTTP status.
        status: u16,
        /// The `Content-Type` header (empty if none).
        content_type: String,
        /// The body.
        body: String,
    },
    /// No answer: a network error or the timeout.
    Failed(String),
}

fn problem(reason: String) -> ConfigProblem {
    ConfigProblem {
        path: "$".to_owned(),
        reason,
    }
}

/// Whether the answer's body matters: only a 2xx other than 204 is read. For any other
/// status [`interpret`] decides by the status alone, so the start does not wait for a
/// body it would ignore: offline, the service worker's cached 404 of the default
/// deployment delivered its body tens of milliseconds after its headers on a slow phone.
/// Pure.
pub fn reads_body(status: u16) -> bool {
    (200..300).contains(&status) && status != 204
}

/// Decides what a fetch result means (see the module docs). Pure.
pub fn interpret(fetched: Fetched) -> LoadedConfig {
    match fetched {
        Fetched::Failed(why) => LoadedConfig::rejected(vec![problem(format!(
            "config.json could not be loaded ({why})"
        ))]),
        Fetched::Response {
            status: 404 | 410 | 204,
            ..
        } => LoadedConfig::defaults(),
        Fetched::Response {
            status,
            content_type,
            body,
        } if (200..300).contains(&status) => {
            let html = content_type
                .trim()
                .to_ascii_lowercase()
                .starts_with("text/html");
            if html && body.trim_start().starts_with('<') {
                return LoadedConfig::defaults();
            }
            if body.trim().is_empty() {
                return LoadedConfig::rejected(vec![problem(
                    "config.json is empty (write {} for the defaults, or remove the file)".into(),
                )]);
            }
            let start = parse_config_start(&body);
            if start.problems.is_empty() {
                LoadedConfig {
                    config: start.config,
                    problems: Vec::new(),
                    deferred: start.deferred,
                }
            } else {
                // Still read later, so that the notice lists every problem of the file.
                LoadedConfig {
                    deferred: start.deferred,
                    ..LoadedConfig::rejected(start.problems)
                }
            }
        }
        Fetched::Response { status, .. } => LoadedConfig::rejected(vec![problem(format!(
            "config.json could not be loaded (HTTP status {status})"
        ))]),
    }
}

/// The text logged with `console.error` when the configuration was rejected: one line
/// per problem, `path: reason`, as `screener-cli check-config` prints them.
pub fn console_report(problems: &[ConfigProblem]) -> String {
    with_problems(
        format!(
            "screener: config.json was not used ({} problem(s)); the screener runs on its built-in defaults, including the default crisis resources.",
            problems.len()
        ),
        problems,
    )
}

/// `head`, then one line per problem, `path: reason`.
fn with_problems(mut text: String, problems: &[ConfigProblem]) -> String {
    for p in problems {
        text.push_str("\n  ");
        text.push_str(&p.to_string());
    }
    text
}

/// The text logged with `console.error` for problems of the deferred sections, found when
/// the first screen that uses them is built; `refused`: the rest of the file was refused
/// too (and logged by [`console_report`]).
pub fn console_report_deferred(problems: &[ConfigProblem], refused: bool) -> String {
    let in_section = |name: &str| problems.iter().any(|p| p.path.starts_with(name));
    // Each broken section, and what leaving it out means for the person.
    let broken: Vec<(&str, &str)> = [
        ("alternatives", "the result lists no other services"),
        ("referral", "no result offers a request to be contacted"),
    ]
    .into_iter()
    .filter(|(name, _)| in_section(name))
    .collect();
    let names = broken
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(" and ");
    let head = if refused {
        format!(
            "screener: config.json also has {} problem(s) in its {names}.",
            problems.len()
        )
    } else {
        let left_out = broken
            .iter()
            .map(|(name, effect)| format!("its {name} ({effect})"))
            .collect::<Vec<_>>()
            .join(" and ");
        format!(
            "screener: part of config.json was not used ({} problem(s)): {left_out}. The rest of the file is used.",
            problems.len()
        )
    };
    with_problems(head, problems)
}

/// Fetches and checks `./config.json`. Never fails: on any problem the defaults are
/// returned with the problems, which are also logged with `console.error`.
pub async fn load_config() -> LoadedConfig {
    let loaded = interpret(fetch().await);
    if !loaded.problems.is_empty() {
        web_sys::console::error_1(&console_report(&loaded.problems).into());
    }
    loaded
}

async fn fetch() -> Fetched {
    use wasm_bindgen::JsCast;

    let Some(window) = web_sys::window() else {
        return Fetched::Failed("no browser window".into());
    };
    let pending = match take_prefetched(&window) {
        Some(promise) => promise,
        None => {
            let init = web_sys::RequestInit::new();
            init.set_method("GET");
            init.set_cache(web_sys::RequestCache::NoCache);
            match web_sys::Request::new_with_str_and_init(CONFIG_PATH, &init) {
                Ok(request) => window.fetch_with_request(&request),
                Err(e) => return Fetched::Failed(describe(&e)),
            }
        }
    };
    let response = match within_deadline(&window, pending).await {
        Ok(value) => match value.dyn_into::<web_sys::Response>() {
            Ok(response) => response,
            Err(_) => return Fetched::Failed("not an HTTP response".into()),
        },
        Err(e) => return Fetched::Failed(describe(&e)),
    };
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let body = if !reads_body(status) {
        String::new()
    } else {
        match response.text() {
            Ok(promise) => match within_deadline(&window, promise).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(e) => return Fetched::Failed(describe(&e)),
            },
            Err(e) => return Fetched::Failed(describe(&e)),
        }
    };
    Fetched::Response {
        status,
        content_type,
        body,
    }
}

/// The loader's early fetch, if it made one; taken once (a later load fetches afresh).
fn take_prefetched(window: &web_sys::Window) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;

    let key = wasm_bindgen::JsValue::from_str(PREFETCH_KEY);
    let value = js_sys::Reflect::get(window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(window, &key);
    value.dyn_into::<js_sys::Promise>().ok()
}

/// Awaits `promise`, or fails after [`TIMEOUT_MS`].
async fn within_deadline(
    window: &web_sys::Window,
    promise: js_sys::Promise,
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let timeout = js_sys::Promise::new(&mut |_resolve, reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_1(
            &reject,
            TIMEOUT_MS,
            &format!("no answer within {} s", TIMEOUT_MS / 1000).into(),
        );
    });
    let race = js_sys::Promise::race(&js_sys::Array::of2(&promise, &timeout));
    wasm_bindgen_futures::JsFuture::from(race).await
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            js_sys::Reflect::get(error, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "network error".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, content_type: &str, body: &str) -> Fetched {
        Fetched::Response {
            status,
            content_type: content_type.into(),
            body: body.into(),
        }
    }

    #[test]
    fn absent_configuration_means_defaults_silently() {
        for fetched in [
            response(404, "text/plain", "not found"),
            response(410, "", ""),
            response(204, "", ""),
            response(200, "text/html; charset=utf-8", "<!DOCTYPE html><html>"),
        ] {
            assert_eq!(interpret(fetched), LoadedConfig::defaults());
        }
    }

    /// Every status whose body is not read is decided without it: the same result
    /// whatever the body would have been.
    #[test]
    fn a_body_that_is_not_read_never_matters() {
        let bodies = ["", "{}", r#"{"retention_days": 7}"#, "{", "<html>"];
        for status in 100..=599 {
            if reads_body(status) {
                continue;
            }
            for content_type in ["application/json", "text/html", ""] {
                let without = interpret(response(status, content_type, ""));
                for body in bodies {
                    assert_eq!(
                        interpret(response(status, content_type, body)),
                        without,
                        "{status} {body}"
                    );
                }
            }
        }
        assert!(reads_body(200) && reads_body(203) && !reads_body(204) && !reads_body(404));
    }

    #[test]
    fn a_valid_configuration_is_used() {
        let loaded = interpret(response(
            200,
            "application/json",
            r#"{"retention_days": 7}"#,
        ));
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.config.retention_days, 7);
    }

    #[test]
    fn an_empty_object_is_the_defaults() {
        assert_eq!(
            interpret(response(200, "application/json", "{}")),
            LoadedConfig::defaults()
        );
    }

    #[test]
    fn an_invalid_configuration_gives_defaults_and_every_problem() {
        let loaded = interpret(response(
            200,
            "application/json",
            r#"{"retention_days": 0, "quick_exit_url": "http://x.org", "colour": 1}"#,
        ));
        assert_eq!(loaded.config, Config::default());
        let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"retention_days"), "{paths:?}");
        assert!(paths.contains(&"quick_exit_url"), "{paths:?}");
        assert!(paths.contains(&"colour"), "{paths:?}");
    }

    #[test]
    fn broken_alternatives_leave_the_rest_in_force_and_wait_for_the_result() {
        let loaded = interpret(response(
            200,
            "application/json",
            r#"{"retention_days": 7, "alternatives": [{"id": "x"}]}"#,
        ));
        // The start neither reads nor checks them: the partner's file is used.
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.config.retention_days, 7);
        assert!(loaded.config.alternatives.is_empty());
        let (sections, problems) = loaded.deferred.read();
        assert!(sections.alternatives.is_empty());
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"alternatives[0].name"), "{paths:?}");
        let report = console_report_deferred(&problems, false);
        assert!(report.contains("was not used"), "{report}");
        assert!(
            report.contains("its alternatives (the result lists no other services)."),
            "{report}"
        );
        assert!(report.contains("\n  alternatives[0].name: "), "{report}");
    }

    #[test]
    fn a_broken_referral_leaves_the_rest_in_force_and_offers_no_request() {
        let loaded = interpret(response(
            200,
            "application/json",
            r#"{"retention_days": 7, "referral": {"endpoint": "http://fhir.example.org"}}"#,
        ));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.config.retention_days, 7);
        assert_eq!(loaded.config.referral.endpoint, None);
        let (sections, problems) = loaded.deferred.read();
        assert_eq!(sections.referral.endpoint, None);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"referral.endpoint"), "{paths:?}");
        assert!(paths.contains(&"referral.recipient.en"), "{paths:?}");
        let report = console_report_deferred(&problems, false);
        assert!(
            report.starts_with("screener: part of config.json was not used (7 problem(s)): its referral (no result offers a request to be contacted)."),
            "{report}"
        );
        assert!(report.contains("no result offers a request"), "{report}");
        assert!(!report.contains("other services"), "{report}");
    }

    #[test]
    fn json_served_as_html_is_still_read() {
        let loaded = interpret(response(200, "text/html", r#"{"retention_days": 9}"#));
        assert_eq!(loaded.config.retention_days, 9);
    }

    #[test]
    fn failures_are_reported() {
        for (fetched, expected) in [
            (response(500, "text/plain", "oops"), "HTTP status 500"),
            (response(403, "", ""), "HTTP status 403"),
            (Fetched::Failed("no answer within 8 s".into()), "no answer"),
            (response(200, "application/json", "  "), "empty"),
            (response(200, "application/json", "{"), "not valid JSON"),
        ] {
            let loaded = interpret(fetched);
            assert_eq!(loaded.config, Config::default());
            assert_eq!(loaded.problems.len(), 1);
            assert_eq!(loaded.problems[0].path, "$");
            assert!(
                loaded.problems[0].reason.contains(expected),
                "{:?}",
                loaded.problems
            );
        }
    }

    #[test]
    fn the_console_report_lists_every_problem_by_path() {
        let problems = vec![
            problem("first".into()),
            ConfigProblem {
                path: "age.min".into(),
                reason: "too low".into(),
            },
        ];
        let report = console_report(&problems);
        assert!(report.contains("2 problem(s)"));
        assert!(report.contains("\n  $: first"));
        assert!(report.contains("\n  age.min: too low"));
    }
}
