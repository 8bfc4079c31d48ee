//! Browser glue: the `storage` event (changes made in other tabs) and the clock.
//!
//! Outside WebAssembly (native tests, the CLI) these compile to inert stand-ins: no
//! listener is added and the clock is the system clock.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::{closure::Closure, JsCast};

/// Keeps a `storage` listener attached; dropping it removes the listener.
#[must_use = "the listener is removed as soon as the handle is dropped"]
pub struct ListenerHandle {
    #[cfg(target_arch = "wasm32")]
    listener: Option<Listener>,
}

#[cfg(target_arch = "wasm32")]
struct Listener {
    window: web_sys::Window,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl std::fmt::Debug for ListenerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListenerHandle")
            .field("listening", &self.is_listening())
            .finish()
    }
}

impl ListenerHandle {
    fn inert() -> ListenerHandle {
        ListenerHandle {
            #[cfg(target_arch = "wasm32")]
            listener: None,
        }
    }

    /// Whether a listener is attached (false outside a browser, or if attaching failed).
    pub fn is_listening(&self) -> bool {
        #[cfg(target_arch = "wasm32")]
        {
            self.listener.is_some()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            false
        }
    }

    /// Keeps the listener for the rest of the page's life (its closure is leaked on
    /// purpose; use it for the one app-wide listener).
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for ListenerHandle {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(listener) = self.listener.take() {
            let _ = listener.window.remove_event_listener_with_callback(
                "storage",
                listener.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Calls `f` whenever another tab (or window or frame) of the same origin changes the
/// saved record: with the new text, or `None` when it was removed or the whole storage
/// was cleared. Changes to other keys, to `sessionStorage`, and events that are not
/// `StorageEvent`s are ignored. Browsers never send this event to the tab that made the
/// change. Pass the text to [`Store::external_change`](super::Store::external_change).
///
/// The listener lives as long as the returned handle. Never panics; without a window it
/// returns a handle that listens to nothing.
pub fn on_record_changed(f: impl Fn(Option<String>) + 'static) -> ListenerHandle {
    on_key_changed(super::RECORD_KEY, f)
}

/// [`on_record_changed`] for the outbox ([`OUTBOX_KEY`](super::OUTBOX_KEY)): another tab
/// sent, retried or consented to a referral.
pub fn on_outbox_changed(f: impl Fn(Option<String>) + 'static) -> ListenerHandle {
    on_key_changed(super::OUTBOX_KEY, f)
}

fn on_key_changed(watched: &'static str, f: impl Fn(Option<String>) + 'static) -> ListenerHandle {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(window) = web_sys::window() else {
            return ListenerHandle::inert();
        };
        let own = window.clone();
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            if let (Some(area), Ok(Some(local))) = (event.storage_area(), own.local_storage()) {
                if !js_sys::Object::is(&area, &local) {
                    return;
                }
            }
            match event.key() {
                Some(key) if key == watched => f(event.new_value()),
                Some(_) => {}
                // `localStorage.clear()` in another tab.
                None => f(None),
            }
        });
        if window
            .add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref())
            .is_err()
        {
            return ListenerHandle::inert();
        }
        ListenerHandle {
            listener: Some(Listener { window, closure }),
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (watched, f);
        ListenerHandle::inert()
    }
}

/// The current time in milliseconds since the Unix epoch (`Date.now()` in a browser).
/// The only clock the storage module reads; everything else takes the time as an argument.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}
