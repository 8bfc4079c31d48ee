//! Browser tests of the storage module (wasm-bindgen-test in headless Chromium):
//! a real `localStorage` round trip, the browser's own errors (a real quota, a throwing
//! `window.localStorage`, a sandboxed frame, throwing `Storage` methods) mapped to values,
//! every fault run through the store with the failing double, and the `storage` event.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use js_sys::{Function, Object, Reflect};
use screener::core::{default_questionnaire, Answers, Lang, Questionnaire};
use screener::storage::{
    decode, encode, on_record_changed, Backend, ExternalChange, Fault, FaultyBackend, LocalStorage,
    MemoryOnly, SavedRecord, SavedStep, StorageError, StorageNotice, Store, BACKUP_PREFIX, DAY_MS,
    KEY_PREFIX, RECORD_KEY,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: f64 = 1_700_000_000_000.0;

fn q() -> Questionnaire {
    default_questionnaire()
}

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn raw_local_storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// Removes every key of this app from the real `localStorage` (tests share one page).
fn clear_ours() {
    let raw = raw_local_storage();
    let keys: Vec<String> = (0..raw.length().unwrap())
        .filter_map(|i| raw.key(i).unwrap())
        .filter(|k| k.starts_with(KEY_PREFIX))
        .collect();
    for key in keys {
        raw.remove_item(&key).unwrap();
    }
}

fn record_at(updated_ms: f64) -> SavedRecord {
    let mut record = SavedRecord::new(&q(), updated_ms - DAY_MS);
    record.answers = Answers::new()
        .with("age", 29)
        .with("gad7_1", "more_than_half_the_days");
    record.step = SavedStep::Question {
        item: "gad7_2".to_owned(),
    };
    record.lang = Lang::ZhHantHk;
    record.safety_plan = "打電話給朋友 / call a friend".to_owned();
    record.updated_ms = updated_ms;
    record
}

/// Waits `ms` milliseconds (a `setTimeout`), letting the browser deliver queued events.
fn sleep(ms: i32) -> impl Future<Output = ()> {
    struct Sleep {
        state: Rc<RefCell<(bool, Option<Waker>)>>,
        _callback: Closure<dyn FnMut()>,
    }
    impl Future for Sleep {
        type Output = ();
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            let mut state = self.state.borrow_mut();
            if state.0 {
                Poll::Ready(())
            } else {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
    let state = Rc::new(RefCell::new((false, None::<Waker>)));
    let fired = Rc::clone(&state);
    let callback = Closure::once(move || {
        let mut state = fired.borrow_mut();
        state.0 = true;
        if let Some(waker) = state.1.take() {
            waker.wake();
        }
    });
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            ms,
        )
        .unwrap();
    Sleep {
        state,
        _callback: callback,
    }
}

// ------------------------------------------------------------------ the real localStorage

#[wasm_bindgen_test]
fn real_local_storage_round_trip() {
    clear_ours();
    raw_local_storage()
        .set_item("host.page.setting", "keep me")
        .unwrap();

    let opened = Store::open(LocalStorage::new(), &q(), NOW, 30);
    assert_eq!(opened.notices, []);
    assert_eq!(opened.record, None);
    let mut store = opened.store;
    assert!(store.is_persisting());

    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    assert_eq!(
        raw_local_storage().get_item(RECORD_KEY).unwrap(),
        Some(encode(&record)),
        "the record is in the page's real localStorage"
    );
    record.answers.set("gad7_2", "not_at_all");
    record.step = SavedStep::Review;
    record.updated_ms = NOW + 1000.0;
    store.save(&mut record).unwrap();

    // A reload: a new store over a new handle on the same storage.
    let reopened = Store::open(LocalStorage::new(), &q(), NOW + 60_000.0, 30);
    assert_eq!(reopened.notices, []);
    assert_eq!(reopened.record.as_ref(), Some(&record));
    assert_eq!(record.revision, 2);

    let mut store = reopened.store;
    store.delete_all().unwrap();
    assert_eq!(raw_local_storage().get_item(RECORD_KEY).unwrap(), None);
    assert_eq!(
        raw_local_storage().get_item("host.page.setting").unwrap(),
        Some("keep me".to_owned()),
        "other keys on the origin are not ours to delete"
    );
    raw_local_storage()
        .remove_item("host.page.setting")
        .unwrap();
}

#[wasm_bindgen_test]
fn real_local_storage_unreadable_record_is_backed_up_then_deleted_with_everything() {
    clear_ours();
    let garbage = "{\"format_version\":1,\"answers\":{\"age\":";
    raw_local_storage().set_item(RECORD_KEY, garbage).unwrap();
    let opened = Store::open(LocalStorage::new(), &q(), NOW, 30);
    let backup_key = format!("{BACKUP_PREFIX}{}", NOW as u64);
    assert_eq!(
        opened.notices,
        [StorageNotice::Corrupt {
            backup_key: backup_key.clone()
        }]
    );
    assert_eq!(
        raw_local_storage()
            .get_item(&backup_key)
            .unwrap()
            .as_deref(),
        Some(garbage)
    );
    assert_eq!(raw_local_storage().get_item(RECORD_KEY).unwrap(), None);
    let mut store = opened.store;
    store.delete_all().unwrap();
    assert_eq!(raw_local_storage().get_item(&backup_key).unwrap(), None);
}

#[wasm_bindgen_test]
fn real_local_storage_expiry() {
    clear_ours();
    raw_local_storage()
        .set_item(RECORD_KEY, &encode(&record_at(NOW - 31.0 * DAY_MS)))
        .unwrap();
    let opened = Store::open(LocalStorage::new(), &q(), NOW, 30);
    assert_eq!(opened.notices, [StorageNotice::Expired { days: 30 }]);
    assert_eq!(opened.record, None);
    assert_eq!(raw_local_storage().get_item(RECORD_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
fn real_quota_exceeded_is_a_value_and_keeps_the_answers() {
    clear_ours();
    // Chromium allows 10 MiB per origin, counted in UTF-16: 6 million characters is over.
    let huge = "x".repeat(6_000_000);
    let backend = LocalStorage::new();
    assert_eq!(
        backend.set("screener.test.big", &huge),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(backend.get("screener.test.big"), Ok(None));

    let mut store = Store::open(LocalStorage::new(), &q(), NOW, 30).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    let saved = encode(&record);
    record.safety_plan = huge;
    assert_eq!(store.save(&mut record), Err(StorageError::QuotaExceeded));
    assert_eq!(record.answers.len(), 2, "the answers are still in memory");
    assert_eq!(
        raw_local_storage().get_item(RECORD_KEY).unwrap(),
        Some(saved),
        "the last good save is intact"
    );
    clear_ours();
}

// ------------------------------------------------------------------ the browser's errors

/// Replaces `window.localStorage` with a getter that throws, as in a sandboxed frame;
/// restores it when dropped.
struct ThrowingLocalStorage {
    original: JsValue,
}

impl ThrowingLocalStorage {
    fn install() -> ThrowingLocalStorage {
        let window = window();
        let original = Object::get_own_property_descriptor(&window, &"localStorage".into());
        let descriptor = Object::new();
        let getter = Function::new_no_args(
            "throw new DOMException('The document is sandboxed and lacks the \
             \\'allow-same-origin\\' flag.', 'SecurityError');",
        );
        Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
        Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
        Object::define_property(&window, &"localStorage".into(), &descriptor);
        ThrowingLocalStorage { original }
    }
}

impl Drop for ThrowingLocalStorage {
    fn drop(&mut self) {
        let window = window();
        if self.original.is_undefined() {
            Reflect::delete_property(&window, &"localStorage".into()).unwrap();
        } else {
            Object::define_property(
                &window,
                &"localStorage".into(),
                self.original.unchecked_ref(),
            );
        }
    }
}

#[wasm_bindgen_test]
fn throwing_window_local_storage_means_memory_only_not_a_crash() {
    {
        let _throwing = ThrowingLocalStorage::install();
        assert!(
            window().local_storage().is_err(),
            "the double throws as a sandboxed frame does"
        );
        let backend = LocalStorage::new();
        assert!(!backend.is_available());
        assert_eq!(backend.get(RECORD_KEY), Err(StorageError::Unavailable));

        let opened = Store::open(LocalStorage::new(), &q(), NOW, 30);
        assert_eq!(opened.notices, [StorageNotice::Unavailable]);
        let mut store = opened.store;
        assert_eq!(store.memory_only(), Some(MemoryOnly::Unavailable));
        let mut record = record_at(NOW);
        assert_eq!(store.save(&mut record), Ok(()));
        assert_eq!(record.revision, 1);
    }
    assert!(LocalStorage::new().is_available(), "restored");
}

#[wasm_bindgen_test]
fn sandboxed_frame_storage_is_unavailable_not_a_crash() {
    let document = window().document().unwrap();
    let frame = document.create_element("iframe").unwrap();
    frame.set_attribute("sandbox", "").unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    let frame_window: web_sys::Window = Reflect::get(&frame, &"contentWindow".into())
        .unwrap()
        .unchecked_into();
    // Its origin is opaque: touching its localStorage throws a SecurityError.
    assert!(frame_window.local_storage().is_err());
    let backend = LocalStorage::of_window(&frame_window);
    assert!(!backend.is_available());
    assert_eq!(backend.keys(), Err(StorageError::Unavailable));
    let opened = Store::open(backend, &q(), NOW, 30);
    assert_eq!(opened.notices, [StorageNotice::Unavailable]);
    frame.remove();
}

/// A `Storage` double whose `getItem` and `setItem` run the given JavaScript bodies.
fn scripted_storage(get_item: &str, set_item: &str) -> LocalStorage {
    let storage = Object::new();
    let method = |name: &str, args: &str, body: &str| {
        Reflect::set(&storage, &name.into(), &Function::new_with_args(args, body)).unwrap();
    };
    method("getItem", "key", get_item);
    method("setItem", "key, value", set_item);
    method("removeItem", "key", "");
    method("key", "index", "return null;");
    Reflect::set(&storage, &"length".into(), &JsValue::from(0)).unwrap();
    LocalStorage::from_raw(storage.unchecked_into())
}

#[wasm_bindgen_test]
fn thrown_storage_errors_are_mapped_to_values() {
    for (thrown, expected) in [
        (
            "throw new DOMException('full', 'QuotaExceededError');",
            StorageError::QuotaExceeded,
        ),
        (
            "throw { name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 };",
            StorageError::QuotaExceeded,
        ),
        (
            "throw new DOMException('denied', 'SecurityError');",
            StorageError::Unavailable,
        ),
        (
            "throw new DOMException('broken', 'InvalidStateError');",
            StorageError::Unavailable,
        ),
        ("throw new TypeError('odd');", StorageError::Unavailable),
        ("throw 'a bare string';", StorageError::Unavailable),
        ("throw null;", StorageError::Unavailable),
        ("throw undefined;", StorageError::Unavailable),
    ] {
        let backend = scripted_storage(thrown, thrown);
        assert_eq!(backend.set("k", "v"), Err(expected.clone()), "{thrown}");
        assert_eq!(backend.get("k"), Err(expected), "{thrown}");
    }
}

#[wasm_bindgen_test]
fn throwing_storage_methods_through_the_store() {
    let reads_throw = scripted_storage(
        "throw new DOMException('denied', 'SecurityError');",
        "throw new DOMException('denied', 'SecurityError');",
    );
    let opened = Store::open(reads_throw, &q(), NOW, 30);
    assert_eq!(opened.notices, [StorageNotice::Unavailable]);

    let writes_full = scripted_storage(
        "return null;",
        "throw new DOMException('full', 'QuotaExceededError');",
    );
    let opened = Store::open(writes_full, &q(), NOW, 30);
    assert_eq!(opened.notices, []);
    let mut store = opened.store;
    let mut record = record_at(NOW);
    assert_eq!(store.save(&mut record), Err(StorageError::QuotaExceeded));
    assert_eq!(record.answers.len(), 2);
}

// ------------------------------------------------------------------ every fault, via the double

#[wasm_bindgen_test]
fn fault_unavailable_storage() {
    let backend = Rc::new(FaultyBackend::new());
    backend.fail_everything(Fault::Unavailable);
    let opened = Store::open(Rc::clone(&backend), &q(), NOW, 30);
    assert_eq!(opened.notices, [StorageNotice::Unavailable]);
    let mut store = opened.store;
    assert!(!store.is_persisting());
    let mut record = record_at(NOW);
    assert_eq!(store.save(&mut record), Ok(()));
    assert_eq!(store.delete_all(), Err(StorageError::Unavailable));
}

#[wasm_bindgen_test]
fn fault_quota_exceeded_on_write() {
    let backend = Rc::new(FaultyBackend::new());
    let mut store = Store::open(Rc::clone(&backend), &q(), NOW, 30).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    backend.fail_writes(Some(Fault::QuotaExceeded));
    record.answers.set("gad7_2", "not_at_all");
    assert_eq!(store.save(&mut record), Err(StorageError::QuotaExceeded));
    assert!(record.answers.get("gad7_2").is_some());
    backend.heal();
    store.save(&mut record).unwrap();
    let stored = backend.inner().snapshot()[RECORD_KEY].clone();
    assert_eq!(decode(&stored, &q()).unwrap().record, record);
}

#[wasm_bindgen_test]
fn fault_not_json() {
    let backend = Rc::new(FaultyBackend::new());
    backend.inner().insert(RECORD_KEY, "}{ not json");
    let opened = Store::open(Rc::clone(&backend), &q(), NOW, 30);
    let key = format!("{BACKUP_PREFIX}{}", NOW as u64);
    assert_eq!(
        opened.notices,
        [StorageNotice::Corrupt {
            backup_key: key.clone()
        }]
    );
    assert_eq!(backend.inner().snapshot()[&key], "}{ not json");
    assert!(!backend.inner().snapshot().contains_key(RECORD_KEY));
}

#[wasm_bindgen_test]
fn fault_out_of_range_and_unknown_answers() {
    let backend = Rc::new(FaultyBackend::new());
    let mut value: serde_json::Value = serde_json::from_str(&encode(&record_at(NOW))).unwrap();
    value["answers"]["age"] = serde_json::json!(-5);
    value["answers"]["retired_question"] = serde_json::json!("yes");
    value["answers"]["gad7_2"] = serde_json::json!(["not", "a", "choice"]);
    backend.inner().insert(RECORD_KEY, value.to_string());
    let opened = Store::open(Rc::clone(&backend), &q(), NOW, 30);
    assert_eq!(opened.notices, [StorageNotice::AnswersDropped { count: 3 }]);
    assert_eq!(
        opened.record.unwrap().answers,
        Answers::new().with("gad7_1", "more_than_half_the_days")
    );
}

#[wasm_bindgen_test]
fn fault_newer_version_left_untouched() {
    let backend = Rc::new(FaultyBackend::new());
    let newer = r#"{"format_version":4,"answers":{"age":"unknown shape"}}"#;
    backend.inner().insert(RECORD_KEY, newer);
    let opened = Store::open(Rc::clone(&backend), &q(), NOW, 30);
    assert_eq!(opened.notices, [StorageNotice::NewerVersion { found: 4 }]);
    let mut store = opened.store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    assert_eq!(backend.inner().snapshot()[RECORD_KEY], newer);
}

#[wasm_bindgen_test]
fn fault_backup_impossible_keeps_the_original() {
    let backend = Rc::new(FaultyBackend::new());
    backend.inner().insert(RECORD_KEY, "garbage");
    backend.fail_writes(Some(Fault::QuotaExceeded));
    let opened = Store::open(Rc::clone(&backend), &q(), NOW, 30);
    assert_eq!(
        opened.notices,
        [
            StorageNotice::Corrupt {
                backup_key: RECORD_KEY.to_owned()
            },
            StorageNotice::Unavailable
        ]
    );
    assert_eq!(backend.inner().snapshot()[RECORD_KEY], "garbage");
}

#[wasm_bindgen_test]
fn fault_two_tabs_conflict() {
    let backend = Rc::new(FaultyBackend::new());
    let mut tab_a = Store::open(Rc::clone(&backend), &q(), NOW, 30).store;
    let mut tab_b = Store::open(Rc::clone(&backend), &q(), NOW, 30).store;
    let mut newer = record_at(NOW);
    tab_a.save(&mut newer).unwrap();
    let mut older = SavedRecord::new(&q(), NOW);
    match tab_b.save(&mut older) {
        Err(StorageError::Conflict { newer: stored }) => assert_eq!(*stored, newer),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(backend.inner().snapshot()[RECORD_KEY], encode(&newer));
}

// ------------------------------------------------------------------ the storage event

fn dispatch_storage_event(key: Option<&str>, new_value: Option<&str>, area: Option<JsValue>) {
    let init = Object::new();
    let opt = |v: Option<&str>| v.map_or(JsValue::NULL, JsValue::from_str);
    Reflect::set(&init, &"key".into(), &opt(key)).unwrap();
    Reflect::set(&init, &"newValue".into(), &opt(new_value)).unwrap();
    if let Some(area) = area {
        Reflect::set(&init, &"storageArea".into(), &area).unwrap();
    }
    let constructor: Function = Reflect::get(&window(), &"StorageEvent".into())
        .unwrap()
        .unchecked_into();
    let args = js_sys::Array::of2(&"storage".into(), &init);
    let event: web_sys::Event = Reflect::construct(&constructor, &args)
        .unwrap()
        .unchecked_into();
    window().dispatch_event(&event).unwrap();
}

/// What a callback received, in order.
type Received = Rc<RefCell<Vec<Option<String>>>>;

fn recorder() -> (Received, impl Fn(Option<String>)) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let push = Rc::clone(&seen);
    (seen, move |value| push.borrow_mut().push(value))
}

#[wasm_bindgen_test]
fn storage_event_for_the_record_reaches_the_callback_and_others_do_not() {
    let (seen, callback) = recorder();
    let handle = on_record_changed(callback);
    assert!(handle.is_listening());

    dispatch_storage_event(Some(RECORD_KEY), Some("new text"), None);
    dispatch_storage_event(Some("other.key"), Some("x"), None);
    dispatch_storage_event(Some("screener.backup.1"), Some("x"), None);
    dispatch_storage_event(Some(RECORD_KEY), None, None);
    // `localStorage.clear()` elsewhere: key is null.
    dispatch_storage_event(None, None, None);
    // sessionStorage changes are not ours.
    let session = window().session_storage().unwrap().unwrap();
    dispatch_storage_event(Some(RECORD_KEY), Some("session"), Some(session.into()));
    // Our own localStorage as the area is accepted.
    dispatch_storage_event(
        Some(RECORD_KEY),
        Some("local"),
        Some(raw_local_storage().into()),
    );
    // A plain Event named "storage" is not a StorageEvent.
    window()
        .dispatch_event(&web_sys::Event::new("storage").unwrap())
        .unwrap();

    assert_eq!(
        *seen.borrow(),
        [
            Some("new text".to_owned()),
            None,
            None,
            Some("local".to_owned())
        ]
    );

    drop(handle);
    dispatch_storage_event(Some(RECORD_KEY), Some("after drop"), None);
    assert_eq!(
        seen.borrow().len(),
        4,
        "no calls once the handle is dropped"
    );
}

#[wasm_bindgen_test]
async fn a_change_saved_in_another_document_reaches_this_one() {
    clear_ours();
    let (seen, callback) = recorder();
    let _handle = on_record_changed(callback);
    let mut this_tab = Store::open(LocalStorage::new(), &q(), NOW, 30).store;

    // A same-origin frame stands in for another tab: its writes to the shared
    // localStorage fire a real `storage` event here.
    let document = window().document().unwrap();
    let frame = document.create_element("iframe").unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    let frame_window: web_sys::Window = Reflect::get(&frame, &"contentWindow".into())
        .unwrap()
        .unchecked_into();
    let other_tab_backend = LocalStorage::of_window(&frame_window);
    assert!(other_tab_backend.is_available());
    let mut other_tab = Store::open(other_tab_backend, &q(), NOW, 30).store;
    let mut record = record_at(NOW);
    other_tab.save(&mut record).unwrap();

    for _ in 0..50 {
        if !seen.borrow().is_empty() {
            break;
        }
        sleep(20).await;
    }
    let values = seen.borrow().clone();
    assert_eq!(values, [Some(encode(&record))]);
    assert_eq!(
        this_tab.external_change(values[0].as_deref()),
        ExternalChange::Updated(Box::new(record.clone()))
    );

    // Deleting in the other tab reaches this one too.
    other_tab.delete_all().unwrap();
    for _ in 0..50 {
        if seen.borrow().len() > 1 {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(seen.borrow().get(1), Some(&None));
    assert_eq!(this_tab.external_change(None), ExternalChange::Deleted);
    frame.remove();
    clear_ours();
}
