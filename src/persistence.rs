//! Keeps [`ScreenerState`] and the device's storage in step: resume on load, save on every
//! change, delete on request, follow other tabs.
//!
//! This is glue only. Every read and write goes through [`crate::storage::Store`], which
//! owns `localStorage`; every decision about what to ask or conclude stays in the core.
//! Nothing is written until the person has given an answer or written a safety plan, so
//! merely opening the page leaves no trace on the device.

use crate::core::alternatives::Reflection;
use crate::core::referral::ContactDetails;
use crate::core::{Answers, Lang};
use crate::flow::{self, Screen};
use crate::state::{Notice, SaveFailure, ScreenerState};
use crate::storage::{now_ms, on_record_changed, ExternalChange, SavedRecord, StorageError, Store};
use leptos::prelude::*;

/// The browser's `localStorage` backend (named apart from Leptos's arena `LocalStorage`).
type DeviceStorage = crate::storage::LocalStorage;
/// Arena storage for values that are not `Send` (the store holds JS handles).
type Local = leptos::prelude::LocalStorage;

/// The part of a record the person's actions change (times and revision aside), to tell a
/// real change from an echo of what was just loaded or adopted.
#[derive(Clone, PartialEq)]
struct Content {
    answers: Answers,
    screen: Screen,
    lang: Lang,
    safety_plan: String,
    contact: ContactDetails,
    reflection: Reflection,
}

impl Content {
    fn of_state(state: &ScreenerState) -> Content {
        Content {
            answers: state.answers.get(),
            screen: state.screen.get(),
            lang: state.lang.get(),
            safety_plan: state.safety_plan.get(),
            contact: state.contact.get(),
            reflection: state.reflection.get(),
        }
    }

    /// Subscribes the running effect to every signal [`Content::of_state`] reads, without
    /// copying their values (this runs on every answer).
    fn track(state: &ScreenerState) {
        state.answers.track();
        state.screen.track();
        state.lang.track();
        state.safety_plan.track();
        state.contact.track();
        state.reflection.track();
    }

    fn of_record(record: &SavedRecord) -> Content {
        Content {
            answers: record.answers.clone(),
            screen: record.step.clone().into(),
            lang: record.lang,
            safety_plan: record.safety_plan.clone(),
            contact: record.contact.clone(),
            reflection: record.reflection,
        }
    }

    fn is_empty(&self) -> bool {
        self.answers.is_empty()
            && self.safety_plan.trim().is_empty()
            && self.contact.is_empty()
            && self.reflection.is_empty()
    }
}

/// Opens the device's storage for `state`, restores a saved screening, and keeps saving.
/// Call once, from the component that owns the page's state. Returns the store, which
/// [`crate::delivery`] uses for the outbox.
pub fn install(state: ScreenerState) -> StoredValue<Store, Local> {
    let retention = state.config.with_value(|c| c.retention_days);
    // Borrowed, not copied: cloning the whole questionnaire here cost start-up time.
    let opened = state
        .questionnaire
        .with_value(|q| Store::open(DeviceStorage::new(), q, now_ms(), retention));
    for notice in opened.notices {
        state.notify(Notice::Storage(notice));
    }
    if let Some(record) = &opened.record {
        apply(&state, record);
    }
    let store = StoredValue::new_local(opened.store);
    // `None` until there is something to save: a fresh record fingerprints the
    // questionnaire's instruments (serialising them), work a visit that only reads the
    // first screen never needs, so it waits for the first save.
    let record = StoredValue::new_local(opened.record);

    // Save on every change of what the person did, once the browser has painted it: a risk
    // answer must put the crisis panel on screen in the same frame, and encoding and
    // writing the record first would delay that. The effect only notes that a
    // save is due; `flush` writes whatever the state is by then, so quick changes in one
    // frame make one write.
    let due = StoredValue::new_local(false);
    let flush = move || {
        // `None` once the app is gone (a timer may outlive it): nothing to save then.
        if due.try_get_value() != Some(true) {
            return;
        }
        due.set_value(false);
        let content = untrack(|| Content::of_state(&state));
        let unchanged = record.with_value(|r| match r {
            Some(r) => Content::of_record(r) == content || (content.is_empty() && r.revision == 0),
            None => content.is_empty(),
        });
        if unchanged {
            return;
        }
        let result = record.try_update_value(|r| {
            let r = r.get_or_insert_with(|| fresh_record(&state));
            r.answers = content.answers;
            r.step = (&content.screen).into();
            r.lang = content.lang;
            r.safety_plan = content.safety_plan;
            r.contact = content.contact;
            r.reflection = content.reflection;
            r.updated_ms = now_ms();
            store.try_update_value(|s| s.save(r))
        });
        if let Some(Some(Err(error))) = result {
            handle_save_error(&state, store, record, error);
        }
    };
    Effect::new(move |_| {
        Content::track(&state);
        if !due.get_value() {
            due.set_value(true);
            after_paint(flush);
        }
    });
    // Leaving or reloading the page must not lose the last answer to a pending save.
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    on_cleanup(move || pagehide.remove());

    // "Delete my answers": everything stored goes, and the next save starts afresh.
    Effect::watch(
        move || state.deletions.get(),
        move |_, _, _| {
            let result = store.try_update_value(|s| s.delete_all());
            record.set_value(None);
            if let Some(Err(error)) = result {
                web_sys::console::warn_1(&format!("screener: delete failed: {error}").into());
            }
        },
        false,
    );

    // "Don't keep my answers on this device": delete what is stored, keep going in memory.
    Effect::watch(
        move || state.keep_on_device.get(),
        move |keep, _, _| {
            let result = store.try_update_value(|s| s.set_keep_on_device(*keep));
            if let Some(Err(error)) = result {
                web_sys::console::warn_1(&format!("screener: storage: {error}").into());
            }
        },
        false,
    );

    // Another tab saved (or deleted): show its newer answers here.
    let handle = on_record_changed(move |new_value| {
        let change = store.try_update_value(|s| s.external_change(new_value.as_deref()));
        match change {
            Some(ExternalChange::Updated(newer)) => {
                record.set_value(Some(*newer.clone()));
                apply(&state, &newer);
                state.notify(Notice::UpdatedFromAnotherTab);
            }
            Some(ExternalChange::Deleted) => {
                record.set_value(None);
                state.reset();
                state.notify(Notice::AnswersDeleted);
            }
            Some(ExternalChange::NewerVersion { found }) => {
                state.notify(Notice::Storage(
                    crate::storage::StorageNotice::NewerVersion { found },
                ));
            }
            Some(ExternalChange::Ignored) | None => {}
        }
    });
    // The listener lives as long as the app (installed once per page).
    handle.forget();
    store
}

/// Runs `f` just after the next frame is painted (a frame callback, then a task), or
/// after at most [`SAVE_DELAY_LIMIT`]: browsers pause frame callbacks in background tabs,
/// and an answer must still reach the device there. `f` must be safe to call twice.
fn after_paint(f: impl Fn() + Copy + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
    set_timeout(f, SAVE_DELAY_LIMIT);
}

/// The longest a change waits to be saved when no frame is painted.
const SAVE_DELAY_LIMIT: std::time::Duration = std::time::Duration::from_millis(250);

/// Shows a saved record in the state: answers, position (made safe), language, plan.
fn apply(state: &ScreenerState, record: &SavedRecord) {
    let screen = state.questionnaire.with_value(|q| {
        state
            .config
            .with_value(|c| flow::restore(q, &record.answers, c, record.step.clone().into()))
    });
    state.answers.set(record.answers.clone());
    state.safety_plan.set(record.safety_plan.clone());
    state.contact.set(record.contact.clone());
    state.reflection.set(record.reflection);
    if state
        .config
        .with_value(|c| c.languages.contains(&record.lang))
    {
        state.lang.set(record.lang);
    }
    state.screen.set(screen);
}

fn fresh_record(state: &ScreenerState) -> SavedRecord {
    let mut fresh = state
        .questionnaire
        .with_value(|q| SavedRecord::new(q, now_ms()));
    fresh.lang = state.lang.get_untracked();
    fresh
}

/// A save did not reach the device. The answers are still in the page; say so calmly, or
/// follow another tab's newer answers.
fn handle_save_error(
    state: &ScreenerState,
    store: StoredValue<Store, Local>,
    record: StoredValue<Option<SavedRecord>, Local>,
    error: StorageError,
) {
    match error {
        StorageError::QuotaExceeded => state.notify(Notice::SaveFailed(SaveFailure::QuotaExceeded)),
        StorageError::Unavailable => state.notify(Notice::SaveFailed(SaveFailure::Unavailable)),
        StorageError::Conflict { newer } => {
            store.update_value(|s| s.adopt(&newer));
            record.set_value(Some(*newer.clone()));
            apply(state, &newer);
            state.notify(Notice::UpdatedFromAnotherTab);
        }
        StorageError::DeletedElsewhere => {
            store.update_value(|s| s.adopt_deletion());
            record.set_value(None);
            state.reset();
            state.notify(Notice::AnswersDeleted);
        }
        StorageError::NewerVersion { found } => state.notify(Notice::Storage(
            crate::storage::StorageNotice::NewerVersion { found },
        )),
    }
}
