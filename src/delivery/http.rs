//! The one network request the screener makes: POST the referral's transaction Bundle to
//! the partner's FHIR base, and say what came of it as a core [`Attempt`].
//!
//! No credentials, no cache, a time limit ([`TIMEOUT_MS`]). A request the page's own
//! Content-Security-Policy blocks looks, to `fetch`, like any network error; the
//! `securitypolicyviolation` event tells them apart ([`watch_csp`]), so a deployer who
//! left the endpoint out of `connect-src` is told, and the request stays pending.

use std::cell::RefCell;

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::referral::{classify, Attempt, Failure};

/// How long one try may take before it counts as a timeout.
pub const TIMEOUT_MS: i32 = 20_000;

/// Why a try failed at this edge, for the console (the person sees calmer words).
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The request could not be built (never expected).
    #[error("the request could not be made: {0}")]
    Build(String),
    /// No answer: offline, refused, dropped, or not allowed by CORS.
    #[error("no answer from {0} (offline, connection dropped, or CORS not allowed)")]
    Network(String),
    /// The time limit passed.
    #[error("no answer from {0} within {TIMEOUT_MS} ms")]
    Timeout(String),
    /// The page's Content-Security-Policy does not allow the endpoint.
    #[error("this page's Content-Security-Policy blocked the request to {0}: add its origin to connect-src")]
    Blocked(String),
}

thread_local! {
    /// URLs the page's CSP blocked, as the `securitypolicyviolation` event reports them.
    static BLOCKED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Starts noting CSP violations (call once, before the first try).
pub fn watch_csp() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        if let Some(event) = event.dyn_ref::<web_sys::SecurityPolicyViolationEvent>() {
            BLOCKED.with(|b| b.borrow_mut().push(event.blocked_uri()));
        }
    });
    let _ = document.add_event_listener_with_callback(
        "securitypolicyviolation",
        listener.as_ref().unchecked_ref(),
    );
    // Lives as long as the page.
    listener.forget();
}

fn was_blocked(endpoint: &str) -> bool {
    let origin = web_sys::Url::new(endpoint).map(|u| u.origin()).ok();
    BLOCKED.with(|b| {
        b.borrow().iter().any(|uri| {
            uri.starts_with(endpoint.trim_end_matches('/'))
                || origin.as_deref().is_some_and(|o| uri.starts_with(o))
        })
    })
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// POSTs `bundle` to `endpoint` once. `now_ms` is read after the answer (for
/// `Retry-After`).
pub async fn post_bundle(endpoint: &str, bundle: &Value) -> (Attempt, Option<SendError>) {
    let network = |e: SendError, failure| {
        (
            Attempt::Retry {
                failure,
                retry_after_ms: None,
            },
            Some(e),
        )
    };
    let request = match build(endpoint, bundle) {
        Ok(r) => r,
        Err(e) => return network(SendError::Build(format!("{e:?}")), Failure::Network),
    };
    let Some(window) = web_sys::window() else {
        return network(SendError::Build("no window".into()), Failure::Network);
    };
    let controller = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
        let abort = Closure::once_into_js({
            let c = c.clone();
            move || c.abort()
        });
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.unchecked_ref(),
            TIMEOUT_MS,
        );
    }
    let answer = JsFuture::from(window.fetch_with_request_and_init(&request, &init)).await;
    let response = match answer {
        Ok(r) => r.unchecked_into::<web_sys::Response>(),
        Err(error) => {
            let aborted = js_sys::Reflect::get(&error, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .is_some_and(|n| n == "AbortError");
            if aborted {
                return network(SendError::Timeout(endpoint.into()), Failure::Timeout);
            }
            // The violation event is queued as its own task: give it a moment to land.
            sleep(50).await;
            if was_blocked(endpoint) {
                return network(SendError::Blocked(endpoint.into()), Failure::Blocked);
            }
            return network(SendError::Network(endpoint.into()), Failure::Network);
        }
    };
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let attempt = classify(
        response.status(),
        retry_after.as_deref(),
        js_sys::Date::now(),
    );
    // Read the body so the connection can be reused; its content is not needed.
    if let Ok(text) = response.text() {
        let _ = JsFuture::from(text).await;
    }
    (attempt, None)
}

fn build(endpoint: &str, bundle: &Value) -> Result<web_sys::Request, JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_body(&JsValue::from_str(&bundle.to_string()));
    let headers = web_sys::Headers::new()?;
    headers.set("Content-Type", "application/fhir+json")?;
    headers.set("Accept", "application/fhir+json")?;
    init.set_headers(&headers);
    web_sys::Request::new_with_str_and_init(endpoint.trim_end_matches('/'), &init)
}
