//! The browser side of the host link: finding the host, posting to it, hearing it, and
//! telling it the content's height.
//!
//! **Finding the host.** The app talks to a host only when it is framed (its parent is
//! another window) and the parent's origin is one of `allowed_origins`. That origin is
//! taken from the browser, never from the address: `location.ancestorOrigins[0]` where
//! the browser has it (Chromium, Safari), else the origin of `document.referrer` (which
//! `embed.js` guarantees by giving the frame `referrerpolicy="origin"`). Both are set by
//! the browser from the page that actually embeds the frame. Even so, the origin is only
//! a *target*: every `postMessage` names it, and the browser delivers nothing if the
//! parent is not, at that moment, on that origin. A wrong guess fails closed.
//!
//! **Listening.** A host message counts only when its `origin` is that origin *and* its
//! `source` is the parent window: another frame on the page (an advert, say), a popup,
//! or a page on another origin cannot drive the screener.

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::Config;

/// An origin as browsers serialise it: scheme and host in lower case, the default port
/// left out. Config origins were validated as `scheme://host[:port]`. Pure.
pub fn normalize_origin(origin: &str) -> String {
    let lower = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    for (scheme, port) in [("https://", ":443"), ("http://", ":80")] {
        if lower.starts_with(scheme) {
            if let Some(without) = lower.strip_suffix(port) {
                return without.to_owned();
            }
        }
    }
    lower
}

/// The allowed origin matching `candidate`, if any. Pure.
pub fn choose_host(candidate: &str, allowed: &[String]) -> Option<String> {
    let candidate = normalize_origin(candidate);
    if candidate.is_empty() || candidate == "null" {
        return None;
    }
    allowed
        .iter()
        .map(|o| normalize_origin(o))
        .find(|o| *o == candidate)
}

/// A connection to an allowed host page.
pub struct HostLink {
    parent: web_sys::Window,
    origin: String,
}

impl HostLink {
    /// Connects to the parent page if this app is framed by an allowed origin.
    pub fn connect(config: &Config) -> Option<HostLink> {
        if config.allowed_origins.is_empty() {
            return None;
        }
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        if js_sys::Object::is(&parent, &window) {
            return None; // not framed
        }
        let candidate = ancestor_origin(&window).or_else(|| referrer_origin(&window))?;
        let origin = choose_host(&candidate, &config.allowed_origins)?;
        Some(HostLink { parent, origin })
    }

    /// The host's origin.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Posts `message` to the host, naming its origin as the target.
    pub fn post(&self, message: &Value) {
        if let Ok(data) = js_sys::JSON::parse(&message.to_string()) {
            let _ = self.parent.post_message(&data, &self.origin);
        }
    }

    /// Whether `event` comes from the host: its origin *and* its source window.
    pub fn accepts(&self, event: &web_sys::MessageEvent) -> bool {
        event.origin() == self.origin
            && event
                .source()
                .is_some_and(|source| js_sys::Object::is(&source, &self.parent))
    }
}

/// A message's data as JSON, if it is plain JSON data (anything else, e.g. a port or
/// a cyclic object, is not a command).
pub fn message_json(event: &web_sys::MessageEvent) -> Option<Value> {
    let text = js_sys::JSON::stringify(&event.data()).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

fn ancestor_origin(window: &web_sys::Window) -> Option<String> {
    let list = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok()?;
    if list.is_undefined() || list.is_null() {
        return None;
    }
    js_sys::Reflect::get(&list, &0.into()).ok()?.as_string()
}

fn referrer_origin(window: &web_sys::Window) -> Option<String> {
    let referrer = window.document()?.referrer();
    if referrer.is_empty() {
        return None;
    }
    Some(web_sys::Url::new(&referrer).ok()?.origin())
}

/// Calls `on_height` with the page's content height (CSS pixels, rounded up) whenever
/// it changes. The height is that of the root element, which shrinks with its content
/// (the widget sets no minimum height), so a frame sized to it never scrolls inside and
/// never keeps empty space below a shorter screen.
pub fn observe_height(on_height: impl Fn(u32) + 'static) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let last = std::cell::Cell::new(0u32);
    let measured = root.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil().max(0.0) as u32;
        if height != last.get() {
            last.set(height);
            on_height(height);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The observer lives as long as the page: nothing ever needs to stop it.
    callback.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_as_browsers_serialise_them() {
        assert_eq!(
            normalize_origin("https://Partner.ORG:443"),
            "https://partner.org"
        );
        assert_eq!(normalize_origin("http://localhost:80"), "http://localhost");
        assert_eq!(
            normalize_origin("http://127.0.0.1:8282"),
            "http://127.0.0.1:8282"
        );
        let allowed = vec![
            "https://partner.example.org".to_owned(),
            "http://127.0.0.1:8282".to_owned(),
        ];
        assert_eq!(
            choose_host("http://127.0.0.1:8282", &allowed).as_deref(),
            Some("http://127.0.0.1:8282")
        );
        assert_eq!(
            choose_host("https://partner.example.org", &allowed).as_deref(),
            Some("https://partner.example.org")
        );
        for other in [
            "http://localhost:8282",
            "http://127.0.0.1:8283",
            "https://partner.example.org.evil.test",
            "null",
            "",
        ] {
            assert_eq!(choose_host(other, &allowed), None, "{other}");
        }
        assert_eq!(choose_host("https://partner.example.org", &[]), None);
    }
}
