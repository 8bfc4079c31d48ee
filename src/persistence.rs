//! Keeps the [`Session`] and the device's storage in step: resume on load, save what
//! the session's actions mark as changed, delete on request, follow other tabs.
//!
//! This is glue only. Every read and write goes through [`crate::storage::Store`], which
//! owns `localStorage`; every decision about what to ask or conclude stays in the core.
//! Nothing is written until the person has given an answer or written a safety plan, so
//! merely opening the page leaves no trace on the device.

use crate::session::{Notice, Restored, SaveFailure, Session};
use crate::storage::{now_ms, on_record_changed, ExternalChange, SavedRecord, StorageError, Store};
use leptos::prelude::*;

/// The browser's `localStorage` backend (named apart from Leptos's arena `LocalStorage`).
type DeviceStorage = crate::storage::LocalStorage;
/// Arena storage for values that are not `Send` (the store holds JS handles).
type Local = leptos::prelude::LocalStorage;

/// The part of a record the person's actions change (times and revision aside), to tell a
/// real change from an echo of what was just loaded or adopted.
type Content = Restored;

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

fn is_empty(content: &Content) -> bool {
    content.answers.is_empty()
        && content.safety_plan.trim().is_empty()
        && content.contact.is_empty()
        && content.reflection.is_empty()
}

/// What the session's actions ask of the device's storage: write the screening soon,
/// delete it, stop or start keeping it. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Saver {
    session: Session,
    store: StoredValue<Store, Local>,
    /// The record as last saved or loaded; `None` until there is something to save (a
    /// fresh record fingerprints the questionnaire's instruments, work a visit that only
    /// reads the first screen never needs).
    record: StoredValue<Option<SavedRecord>, Local>,
    /// A save is scheduled for after the next paint.
    due: StoredValue<bool, Local>,
}

/// Opens the device's storage for `session`, restores a saved screening, and follows
/// other tabs. Call once, where the app is assembled. Returns the [`Saver`] the
/// session's actions call, which also hands [`crate::delivery`] the store for the outbox.
pub fn install(session: Session) -> Saver {
    let retention = session.config().with(|c| c.retention_days);
    // Borrowed, not copied: cloning the whole questionnaire here cost start-up time.
    let opened = session
        .questionnaire()
        .with(|q| Store::open(DeviceStorage::new(), q, now_ms(), retention));
    for notice in opened.notices {
        session.notify(Notice::Storage(notice));
    }
    if let Some(record) = &opened.record {
        session.restore(of_record(record));
    }
    let saver = Saver {
        session,
        store: StoredValue::new_local(opened.store),
        record: StoredValue::new_local(opened.record),
        due: StoredValue::new_local(false),
    };

    // What was restored may have been made safe (a screen no longer reachable): written
    // back after the first paint if it differs from the record, as any change is.
    saver.save_due();

    // Leaving or reloading the page must not lose the last answer to a pending save.
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| saver.flush());
    on_cleanup(move || pagehide.remove());

    // Another tab saved (or deleted): show its newer answers here.
    let handle = on_record_changed(move |new_value| saver.follow(new_value.as_deref()));
    // The listener lives as long as the app (installed once per page).
    handle.forget();
    saver
}

impl Saver {
    /// The store, for the outbox ([`crate::delivery::install`]).
    pub fn store(&self) -> StoredValue<Store, Local> {
        self.store
    }

    /// What the person did changed: write it once the browser has painted it. A risk
    /// answer must put the crisis panel on screen in the same frame, and encoding and
    /// writing the record first would delay that; quick changes in one frame make one
    /// write, of whatever the session holds by then.
    pub fn save_due(self) {
        if self.due.try_get_value() == Some(false) {
            self.due.set_value(true);
            after_paint(move || self.flush());
        }
    }

    /// Writes the session now if a save is due and it differs from what is stored.
    fn flush(self) {
        // `None` once the app is gone (a timer may outlive it): nothing to save then.
        if self.due.try_get_value() != Some(true) {
            return;
        }
        self.due.set_value(false);
        let content = self.session.content();
        let unchanged = self.record.with_value(|r| match r {
            Some(r) => of_record(r) == content || (is_empty(&content) && r.revision == 0),
            None => is_empty(&content),
        });
        if unchanged {
            return;
        }
        let session = self.session;
        let store = self.store;
        let result = self.record.try_update_value(|r| {
            let r = r.get_or_insert_with(|| fresh_record(session));
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
            self.handle_save_error(error);
        }
    }

    /// "Delete my answers": everything stored goes, and the next save starts afresh.
    pub fn delete_all(self) {
        let result = self.store.try_update_value(|s| s.delete_all());
        self.record.set_value(None);
        if let Some(Err(error)) = result {
            web_sys::console::warn_1(&format!("screener: delete failed: {error}").into());
        }
    }

    /// "Don't keep my answers on this device": delete what is stored, keep going in
    /// memory; or keep them again.
    pub fn set_keep_on_device(self, keep: bool) {
        let result = self.store.try_update_value(|s| s.set_keep_on_device(keep));
        if let Some(Err(error)) = result {
            web_sys::console::warn_1(&format!("screener: storage: {error}").into());
        }
    }

    /// Another tab wrote (`Some`) or deleted (`None`) the record.
    fn follow(self, new_value: Option<&str>) {
        let change = self
            .store
            .try_update_value(|s| s.external_change(new_value));
        match change {
            Some(ExternalChange::Updated(newer)) => {
                self.record.set_value(Some(*newer.clone()));
                self.session.restore(of_record(&newer));
                self.session.notify(Notice::UpdatedFromAnotherTab);
            }
            Some(ExternalChange::Deleted) => {
                self.record.set_value(None);
                self.session.reset();
                self.session.notify(Notice::AnswersDeleted);
            }
            Some(ExternalChange::NewerVersion { found }) => {
                self.session.notify(Notice::Storage(
                    crate::storage::StorageNotice::NewerVersion { found },
                ));
            }
            Some(ExternalChange::Ignored) | None => {}
        }
    }

    /// A save did not reach the device. The answers are still in the page; say so
    /// calmly, or follow another tab's newer answers.
    fn handle_save_error(self, error: StorageError) {
        let session = self.session;
        match error {
            StorageError::QuotaExceeded => {
                session.notify(Notice::SaveFailed(SaveFailure::QuotaExceeded))
            }
            StorageError::Unavailable => {
                session.notify(Notice::SaveFailed(SaveFailure::Unavailable))
            }
            StorageError::Conflict { newer } => {
                self.store.update_value(|s| s.adopt(&newer));
                self.record.set_value(Some(*newer.clone()));
                session.restore(of_record(&newer));
                session.notify(Notice::UpdatedFromAnotherTab);
            }
            StorageError::DeletedElsewhere => {
                self.store.update_value(|s| s.adopt_deletion());
                self.record.set_value(None);
                session.reset();
                session.notify(Notice::AnswersDeleted);
            }
            StorageError::NewerVersion { found } => session.notify(Notice::Storage(
                crate::storage::StorageNotice::NewerVersion { found },
            )),
        }
    }
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

fn fresh_record(session: Session) -> SavedRecord {
    let mut fresh = session
        .questionnaire()
        .with(|q| SavedRecord::new(q, now_ms()));
    fresh.lang = session.lang().get_untracked();
    fresh
}
