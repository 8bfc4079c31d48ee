//! One tab sends at a time: the Web Locks API, where the browser has it.
//!
//! Without it (older browsers) the job runs unlocked. That stays safe, because the
//! server deduplicates on the referral's identifier and every tab reconciles with the
//! stored outbox before and after a try; the lock only spares the server the duplicate
//! requests.

use std::future::Future;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks` (web-sys has it only behind its unstable-API flag).
    type LockManager;
    #[wasm_bindgen(method, js_name = request)]
    fn request(this: &LockManager, name: &str, callback: &js_sys::Function) -> js_sys::Promise;
}

/// The lock every tab of this origin takes before sending the referral.
pub const LOCK_NAME: &str = "screener-referral";

/// Runs `job` holding the exclusive lock [`LOCK_NAME`] (waiting for another tab to
/// release it), or unlocked where the browser has no Web Locks.
pub async fn with_lock<F>(job: F)
where
    F: Future<Output = ()> + 'static,
{
    let manager = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok())
        .filter(|locks| locks.is_object());
    let Some(manager) = manager else {
        job.await;
        return;
    };
    let manager: LockManager = manager.unchecked_into();
    let callback = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
        future_to_promise(async move {
            job.await;
            Ok(JsValue::UNDEFINED)
        })
    });
    // A rejected request (never expected) just means this try did not happen; the
    // referral stays pending and a later trigger tries again.
    let _ = JsFuture::from(manager.request(LOCK_NAME, callback.unchecked_ref())).await;
}
