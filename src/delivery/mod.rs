//! Delivery of the person's consented request to be contacted: the browser edge of
//! [`crate::core::referral`].
//!
//! The core decides (when to try, what an answer means, which copy of the outbox wins);
//! this module does what the core cannot: it reads the clock and the random source,
//! takes the Web Lock ([`lock`]), makes the one `fetch` ([`http`]), sets the timers and
//! listens for the network coming back, and reads and writes the outbox only through
//! [`crate::storage::Store`].
//!
//! # When a try is made
//!
//! On consent (after the outbox is saved, so a closed tab loses nothing), on every visit
//! with a pending request, when the browser comes back `online`, when the service
//! worker's Background Sync fires (while a try waits, `PENDING_EVENT` asks the
//! loader to register a sync; the worker's sync event comes back as `RETRY_EVENT`; the
//! worker itself never sends, as it cannot read the outbox), and when the backoff timer
//! fires. Each try runs inside the lock and starts and ends by reconciling with
//! the stored outbox, so another tab's receipt is never overwritten and a request is
//! never tried after it was sent, whatever the number of tabs.
//!
//! # Invariants
//!
//! * Nothing is sent before the person presses "Send my request" ([`Session::consent`]
//!   calls [`Courier::submit`]), and only for an outcome the configuration lets send
//!   ([`ReferralConfig::offers`](crate::core::config::ReferralConfig::offers)).
//! * One try at a time per tab; a reason to try that comes during a try (the network
//!   back, a sync) is not lost: one more try follows it.
//! * Crisis help never waits on this module: it runs in its own tasks, after the
//!   screens it serves.

pub mod http;
pub mod lock;

use leptos::prelude::*;

use crate::core::referral::{
    reconcile, referral_bundle, Action, BundleInput, Referral, ReferralId, Trigger,
};
use crate::session::{with_screening, Session};
use crate::storage::{decode_outbox, is_expired, now_ms, on_outbox_changed, Store};

/// Arena storage for values that are not `Send` (the store holds JS handles).
type Local = leptos::prelude::LocalStorage;

/// Dispatched on `window` while a request waits for a later try: the loader
/// (`src/loader.mjs`) then asks the service worker for Background Sync.
const PENDING_EVENT: &str = "screener:outbox-pending";
/// Dispatched on `window` by the loader when the service worker's sync event fires.
const RETRY_EVENT: &str = "screener:retry";

/// What the session's actions ask of delivery: send a consented request, stop trying,
/// follow the choice of keeping answers on the device. `Copy`: every field is an arena
/// handle.
#[derive(Clone, Copy)]
pub struct Courier {
    runner: Runner,
}

/// The handles a try needs, all `Copy`.
#[derive(Clone, Copy)]
struct Runner {
    state: Session,
    store: StoredValue<Store, Local>,
    /// The pending backoff timer, if any.
    timer: StoredValue<Option<TimeoutHandle>, Local>,
    /// A try is under way in this tab (one at a time).
    busy: StoredValue<bool, Local>,
    /// A reason to try came during a try: one more try follows it, with this trigger.
    again: StoredValue<Option<Trigger>, Local>,
}

impl Courier {
    /// "Send my request": makes the request from the screening as it stands, saves it
    /// (so a closed tab loses nothing), shows it, and tries at once. Makes nothing when the
    /// outcome may not send one, or a request was already made for this screening.
    pub fn submit(self) {
        let runner = self.runner;
        // The consent screen is in the intake chunk, so the chunk is in by now and the
        // request is made and saved before this returns.
        crate::chunks::now_or_when_loaded(referral_for(runner.state), move |made| match made {
            Ok(Some(referral)) => {
                runner.save(&referral);
                runner.state.show_referral(Some(referral));
                runner.spawn(Trigger::Consent);
            }
            Ok(None) => {}
            Err(error) => web_sys::console::error_1(
                &format!("screener: the request could not be made: {error}").into(),
            ),
        });
    }

    /// Stops trying (the answers were deleted, and the request with them).
    pub fn cancel(self) {
        self.runner.cancel_timer();
    }

    /// Back to keeping answers on the device: the outbox goes back there too.
    pub fn keep_on_device(self, keep: bool) {
        if keep {
            if let Some(referral) = self.runner.state.referral().get_untracked() {
                self.runner.save(&referral);
            }
        }
    }
}

/// Resumes a saved outbox and keeps delivering. Call once, after
/// [`crate::persistence::install`], with its store. Returns the [`Courier`] the
/// session's actions call.
pub fn install(state: Session, store: StoredValue<Store, Local>) -> Courier {
    http::watch_csp();
    let runner = Runner {
        state,
        store,
        timer: StoredValue::new_local(None),
        busy: StoredValue::new_local(false),
        again: StoredValue::new_local(None),
    };
    let mut saved = store.with_value(|s| s.load_outbox()).ok().flatten();
    // A receipt is kept as long as answers are (the retention period); one still to send
    // is kept until it is sent or the person deletes it.
    let retention = state.config().with(|c| c.retention_days);
    if saved
        .as_ref()
        .is_some_and(|r| !r.is_pending() && is_expired(r.consented_ms, now_ms(), retention))
    {
        let _ = store.try_update_value(Store::remove_outbox);
        saved = None;
    }
    let resume = saved.as_ref().is_some_and(Referral::is_pending);
    if saved.is_some() {
        state.show_referral(saved);
    }
    if resume {
        runner.spawn(Trigger::Visit);
    }

    // The network is back.
    let online = window_event_listener(leptos::ev::online, move |_| runner.spawn(Trigger::Online));
    on_cleanup(move || online.remove());
    // The same, as the service worker's Background Sync saw it (src/loader.mjs turns its
    // message into this event; the worker cannot send: the outbox is in localStorage).
    let synced = window_event_listener_untyped(RETRY_EVENT, move |_| runner.spawn(Trigger::Online));
    on_cleanup(move || synced.remove());

    // Another tab sent, retried or consented: show its state here.
    let handle = on_outbox_changed(move |text| {
        let theirs = text.as_deref().and_then(|t| decode_outbox(t).ok());
        if theirs.is_some() {
            let ours = state.referral().get_untracked();
            state.show_referral(reconcile(ours.as_ref(), theirs.as_ref()));
        }
    });
    handle.forget();

    Courier { runner }
}

crate::chunks::split! {
    chunk = intake;
    /// The referral for the answers as they stand, if the outcome may send one. In the
    /// intake chunk with the FHIR builders, which only a consent needs.
    fn referral_for(state: Session) -> Option<Referral> {
        // The request names the alternatives shown and the questions asked (its FHIR
        // response).
        state.complete();
        make_referral(state)
    }
}

crate::chunks::split! {
    chunk = intake;
    /// One try (see [`Runner::try_once`]), in the intake chunk with the request and its
    /// answers' handling: the first screen of a visit with a pending request does not
    /// wait for it.
    fn one_try(runner: Runner, trigger: Trigger) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
        Box::pin(runner.try_once(trigger))
    }
}

/// The referral for the answers as they stand, if the outcome may send one.
fn make_referral(state: Session) -> Option<Referral> {
    // One request per screening: a second consent (another tab's screen, say) makes none.
    if !state.referral_offered() || state.referral().get_untracked().is_some() {
        return None;
    }
    let endpoint = state.config().with(|c| c.referral.endpoint.clone())?;
    let id = ReferralId::from_random(random_bytes()?);
    let contact = state.contact().get_untracked();
    let include_answers = state.config().with(|c| c.referral.include_answers);
    // The same screening as the host handoff and the download read: base, time, language.
    let bundle = with_screening(state, |c| {
        referral_bundle(&BundleInput {
            questionnaire: c.questionnaire,
            config: c.config,
            answers: c.answers,
            outcome: c.outcome,
            contact: &contact,
            id,
            authored: c.authored.unwrap_or_default(),
            base: c.base,
            lang: c.lang,
        })
    });
    Some(Referral::new(
        id,
        now_ms(),
        endpoint,
        bundle,
        contact,
        include_answers,
    ))
}

/// 16 bytes from the browser's cryptographic random source.
fn random_bytes() -> Option<[u8; 16]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

impl Runner {
    fn persisting(self) -> bool {
        self.store.with_value(Store::is_persisting)
    }

    fn save(self, referral: &Referral) {
        if let Some(Err(error)) = self.store.try_update_value(|s| s.save_outbox(referral)) {
            web_sys::console::warn_1(
                &format!("screener: the request could not be saved: {error}").into(),
            );
        }
    }

    fn cancel_timer(self) {
        if let Some(Some(handle)) = self.timer.try_update_value(Option::take) {
            handle.clear();
        }
    }

    /// Tries now, unless a try is under way: then one more try follows that one (however
    /// many reasons came meanwhile), so the network coming back during a slow failing try
    /// is not lost to the backoff.
    fn spawn(self, trigger: Trigger) {
        match self.busy.try_get_value() {
            Some(false) => {}
            Some(true) => {
                // A person's own reasons (consent, a visit, the network back) outrank the
                // timer's, which respects the backoff.
                let _ = self.again.try_update_value(|again| {
                    if again.is_none_or(|t| t == Trigger::Timer) {
                        *again = Some(trigger);
                    }
                });
                return;
            }
            None => return,
        }
        self.busy.set_value(true);
        wasm_bindgen_futures::spawn_local(async move {
            let mut trigger = trigger;
            loop {
                lock::with_lock(async move {
                    match one_try(self, trigger).await {
                        Ok(attempt) => attempt.await,
                        // Offline on a first visit: the next reason to try (the network
                        // back, the next visit) tries again.
                        Err(error) => web_sys::console::warn_1(
                            &format!("screener: referral not sent yet: {error}").into(),
                        ),
                    }
                })
                .await;
                match self.again.try_update_value(Option::take).flatten() {
                    Some(next) => trigger = next,
                    None => break,
                }
            }
            let _ = self.busy.try_set_value(false);
        });
    }

    /// The copy to act on: the stored outbox reconciled with this tab's (memory only:
    /// this tab's, the only one).
    fn current(self) -> Option<Referral> {
        let ours = self.state.referral().try_get_untracked().flatten();
        if !self.persisting() {
            return ours;
        }
        let stored = self.store.with_value(|s| s.load_outbox()).ok().flatten();
        match (&ours, &stored) {
            // Deleted here (answers deleted): stays deleted.
            (None, _) => None,
            // Not stored (storage failing, or another tab deleted it): ours is what there is.
            (Some(_), None) => ours,
            _ => reconcile(ours.as_ref(), stored.as_ref()),
        }
    }

    async fn try_once(self, trigger: Trigger) {
        let Some(referral) = self.current() else {
            return;
        };
        self.state.show_referral(Some(referral.clone()));
        match referral.next_action(now_ms(), trigger) {
            Action::Done => return,
            Action::WaitUntil(at) => {
                self.schedule(at);
                return;
            }
            Action::Send => {}
        }
        let (attempt, error) = http::post_bundle(&referral.endpoint, &referral.bundle).await;
        if let Some(error) = &error {
            web_sys::console::warn_1(&format!("screener: referral not sent yet: {error}").into());
            if matches!(error, http::SendError::Blocked(_)) {
                web_sys::console::error_1(
                    &format!("screener (for the site's deployer): {error}").into(),
                );
                self.state.referral_was_blocked();
            }
        }
        let after = referral.after(attempt, now_ms(), js_sys::Math::random());
        // Deleted while the request was on its way: leave it deleted.
        if self
            .state
            .referral()
            .try_get_untracked()
            .flatten()
            .is_none()
        {
            return;
        }
        let stored = self
            .persisting()
            .then(|| self.store.with_value(|s| s.load_outbox()).ok().flatten())
            .flatten();
        let kept = match stored {
            Some(stored) => reconcile(Some(&after), Some(&stored)).unwrap_or(after),
            None => after,
        };
        self.save(&kept);
        self.state.show_referral(Some(kept.clone()));
        if let Action::WaitUntil(at) = kept.next_action(now_ms(), Trigger::Timer) {
            self.schedule(at);
        }
    }

    fn schedule(self, at_ms: f64) {
        self.cancel_timer();
        // Offline, where the browser has Background Sync, the loader asks for it: it may
        // bring the retry sooner than the timer once the network is back.
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(PENDING_EVENT)) {
            let _ = window.dispatch_event(&event);
        }
        let wait = (at_ms - now_ms()).clamp(0.0, f64::from(i32::MAX));
        let handle = set_timeout_with_handle(
            move || self.spawn(Trigger::Timer),
            std::time::Duration::from_millis(wait as u64),
        )
        .ok();
        let _ = self.timer.try_set_value(handle);
    }
}
