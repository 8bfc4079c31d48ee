//! The store (native), over the in-memory backend and the failing double: resume,
//! expiry, corrupt records kept in backups, newer formats left alone, quota and
//! unavailable storage, two tabs, delete everything, memory-only mode.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::rc::Rc;

use proptest::prelude::*;
use rstest::rstest;
use screener::core::{default_questionnaire, AnswerValue, Answers, Lang, Questionnaire};
use screener::storage::{
    decode, encode, Backend, ExternalChange, Fault, FaultyBackend, MemoryBackend, MemoryOnly,
    SavedRecord, SavedStep, StorageError, StorageNotice, Store, BACKUP_PREFIX, DAY_MS, RECORD_KEY,
};
use serde_json::json;

/// 2023-11-14T22:13:20Z.
const NOW: f64 = 1_700_000_000_000.0;

fn q() -> Questionnaire {
    default_questionnaire()
}

fn record_at(updated_ms: f64) -> SavedRecord {
    let mut record = SavedRecord::new(&q(), updated_ms - DAY_MS);
    record.answers = Answers::new()
        .with("age", 34)
        .with("phq9_1", "several_days");
    record.step = SavedStep::Question {
        item: "phq9_2".to_owned(),
    };
    record.lang = Lang::ZhHantHk;
    record.safety_plan = "call my sister".to_owned();
    // Records keep whole milliseconds.
    record.updated_ms = updated_ms.round();
    record.revision = 3;
    record
}

/// A backend shared with the test, so it can look inside after the store takes it.
fn shared() -> Rc<FaultyBackend> {
    Rc::new(FaultyBackend::new())
}

fn open(backend: &Rc<FaultyBackend>, now: f64) -> screener::storage::Opened {
    Store::open(Rc::clone(backend), &q(), now, 30)
}

fn stored(backend: &FaultyBackend) -> BTreeMap<String, String> {
    backend.inner().snapshot()
}

fn backups(backend: &FaultyBackend) -> Vec<(String, String)> {
    stored(backend)
        .into_iter()
        .filter(|(k, _)| k.starts_with(BACKUP_PREFIX))
        .collect()
}

// ------------------------------------------------------------------ resume

#[test]
fn fresh_device_opens_empty_and_persisting() {
    let backend = shared();
    let opened = open(&backend, NOW);
    assert_eq!(opened.record, None);
    assert_eq!(opened.notices, []);
    assert!(opened.store.is_persisting());
    assert_eq!(opened.store.memory_only(), None);
    assert!(stored(&backend).is_empty(), "opening writes nothing");
}

#[test]
fn saved_answers_are_resumed_at_the_same_step() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    assert_eq!(record.revision, 4, "save bumps the revision");
    assert_eq!(
        stored(&backend).get(RECORD_KEY),
        Some(&encode(&record)),
        "exactly the encoded record is stored"
    );

    let reopened = open(&backend, NOW + 60_000.0);
    assert_eq!(reopened.notices, []);
    assert_eq!(reopened.record, Some(record));
}

#[test]
fn every_save_is_written_and_revisions_increase() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    let mut record = SavedRecord::new(&q(), NOW);
    for (i, (item, value)) in [("age", 30), ("age", 31), ("age", 32)]
        .into_iter()
        .enumerate()
    {
        record.answers.set(item, value);
        record.updated_ms = NOW + i as f64;
        store.save(&mut record).unwrap();
        assert_eq!(record.revision, i as u64 + 1);
        let back = decode(&stored(&backend)[RECORD_KEY], &q()).unwrap().record;
        assert_eq!(back, record);
    }
}

// ------------------------------------------------------------------ expiry

#[rstest]
#[case::kept_at_29_9_days(29.9, false)]
#[case::kept_at_exactly_30_days(30.0, false)]
#[case::deleted_at_30_1_days(30.1, true)]
#[case::deleted_after_a_year(365.0, true)]
#[case::kept_when_saved_in_the_future(-2.0, false)]
fn expiry_boundary(#[case] age_days: f64, #[case] expired: bool) {
    let backend = shared();
    backend
        .inner()
        .insert(RECORD_KEY, encode(&record_at(NOW - age_days * DAY_MS)));
    let opened = open(&backend, NOW);
    if expired {
        assert_eq!(opened.record, None);
        assert_eq!(opened.notices, [StorageNotice::Expired { days: 30 }]);
        assert!(stored(&backend).is_empty(), "the expired record is deleted");
        assert!(opened.store.is_persisting());
    } else {
        assert_eq!(opened.record, Some(record_at(NOW - age_days * DAY_MS)));
        assert_eq!(opened.notices, []);
    }
}

#[test]
fn retention_counts_from_the_last_change_not_creation() {
    let backend = shared();
    let mut record = record_at(NOW - DAY_MS);
    record.created_ms = NOW - 100.0 * DAY_MS;
    backend.inner().insert(RECORD_KEY, encode(&record));
    assert_eq!(open(&backend, NOW).record, Some(record));
}

#[test]
fn configured_retention_period_is_used() {
    let backend = shared();
    backend
        .inner()
        .insert(RECORD_KEY, encode(&record_at(NOW - 8.0 * DAY_MS)));
    let opened = Store::open(Rc::clone(&backend), &q(), NOW, 7);
    assert_eq!(opened.record, None);
    assert_eq!(opened.notices, [StorageNotice::Expired { days: 7 }]);
}

#[test]
fn backups_expire_with_the_retention_period_too() {
    let backend = shared();
    let old = format!("{BACKUP_PREFIX}{}", (NOW - 31.0 * DAY_MS) as u64);
    let old_dup = format!("{old}-1");
    let recent = format!("{BACKUP_PREFIX}{}", (NOW - 29.0 * DAY_MS) as u64);
    for key in [&old, &old_dup, &recent] {
        backend.inner().insert(key.as_str(), "not json");
    }
    backend.inner().insert("other.app", "theirs");
    let opened = open(&backend, NOW);
    assert_eq!(opened.notices, [StorageNotice::Expired { days: 30 }]);
    assert_eq!(
        stored(&backend).into_keys().collect::<Vec<_>>(),
        ["other.app".to_owned(), recent]
    );
}

#[test]
fn expired_record_that_cannot_be_removed_is_not_resumed() {
    let backend = shared();
    backend
        .inner()
        .insert(RECORD_KEY, encode(&record_at(NOW - 40.0 * DAY_MS)));
    backend.fail_removes(Some(Fault::Unavailable));
    let opened = open(&backend, NOW);
    assert_eq!(opened.record, None);
    assert_eq!(
        opened.notices,
        [
            StorageNotice::Expired { days: 30 },
            StorageNotice::Unavailable
        ]
    );
    assert_eq!(opened.store.memory_only(), Some(MemoryOnly::Unavailable));
}

// ------------------------------------------------------------------ unreadable records

#[rstest]
#[case::not_json("{\"format_version\":1,\"answers\":{\"age\":3")]
#[case::binary_garbage("\u{0}\u{1}\u{fffd}garbage")]
#[case::empty("")]
#[case::json_but_not_a_record("[1, 2, 3]")]
#[case::record_without_answers("{\"format_version\":1,\"updated_ms\":5}")]
fn unreadable_record_is_moved_to_a_backup_with_its_exact_text(#[case] text: &str) {
    let backend = shared();
    backend.inner().insert(RECORD_KEY, text);
    let opened = open(&backend, NOW);
    let backup_key = format!("{BACKUP_PREFIX}{}", NOW as u64);
    assert_eq!(opened.record, None);
    assert_eq!(
        opened.notices,
        [StorageNotice::Corrupt {
            backup_key: backup_key.clone()
        }]
    );
    assert_eq!(backups(&backend), [(backup_key.clone(), text.to_owned())]);
    assert_eq!(stored(&backend).get(RECORD_KEY), None);

    // The person starts afresh and is saved as usual; the backup stays.
    let mut store = opened.store;
    assert!(store.is_persisting());
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    assert_eq!(backups(&backend), [(backup_key, text.to_owned())]);
    assert!(stored(&backend).contains_key(RECORD_KEY));
}

#[test]
fn backups_never_overwrite_each_other() {
    let backend = shared();
    backend.inner().insert(RECORD_KEY, "first");
    let _ = open(&backend, NOW);
    backend.inner().insert(RECORD_KEY, "second");
    let _ = open(&backend, NOW);
    backend.inner().insert(RECORD_KEY, "third");
    let opened = open(&backend, NOW);
    let base = format!("{BACKUP_PREFIX}{}", NOW as u64);
    assert_eq!(
        opened.notices,
        [StorageNotice::Corrupt {
            backup_key: format!("{base}-2")
        }]
    );
    assert_eq!(
        backups(&backend),
        [
            (base.clone(), "first".to_owned()),
            (format!("{base}-1"), "second".to_owned()),
            (format!("{base}-2"), "third".to_owned()),
        ]
    );
}

#[test]
fn unreadable_record_that_cannot_be_backed_up_is_left_in_place() {
    let backend = shared();
    backend.inner().insert(RECORD_KEY, "{oops");
    backend.fail_writes(Some(Fault::QuotaExceeded));
    let opened = open(&backend, NOW);
    assert_eq!(
        opened.notices,
        [
            StorageNotice::Corrupt {
                backup_key: RECORD_KEY.to_owned()
            },
            StorageNotice::Unavailable
        ]
    );
    let mut store = opened.store;
    assert_eq!(store.memory_only(), Some(MemoryOnly::UnreadableNotMoved));
    backend.heal();
    let mut record = record_at(NOW);
    assert_eq!(
        store.save(&mut record),
        Ok(()),
        "memory only: nothing written"
    );
    assert_eq!(stored(&backend)[RECORD_KEY], "{oops", "never destroyed");
    // Until the person deletes their answers.
    store.delete_all().unwrap();
    assert!(stored(&backend).is_empty());
    assert!(store.is_persisting());
}

#[test]
fn unreadable_text_found_while_saving_is_backed_up_first() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    backend.inner().insert(RECORD_KEY, "scribbled over");
    record.updated_ms = NOW + 5.0;
    store.save(&mut record).unwrap();
    let key = format!("{BACKUP_PREFIX}{}", (NOW + 5.0) as u64);
    assert_eq!(
        backups(&backend),
        [(key.clone(), "scribbled over".to_owned())]
    );
    assert_eq!(
        store.take_notices(),
        [StorageNotice::Corrupt { backup_key: key }]
    );
    assert_eq!(store.take_notices(), []);
    assert_eq!(stored(&backend)[RECORD_KEY], encode(&record));
}

#[test]
fn out_of_range_and_unknown_answers_are_dropped_and_reported() {
    let backend = shared();
    let mut value: serde_json::Value = serde_json::from_str(&encode(&record_at(NOW))).unwrap();
    value["answers"] = json!({"age": 400, "phq9_1": "several_days", "old_question": "yes"});
    let text = value.to_string();
    backend.inner().insert(RECORD_KEY, text.as_str());
    let opened = open(&backend, NOW);
    assert_eq!(opened.notices, [StorageNotice::AnswersDropped { count: 2 }]);
    let record = opened.record.unwrap();
    assert_eq!(
        record.answers,
        Answers::new().with("phq9_1", "several_days")
    );
    assert_eq!(record.safety_plan, "call my sister");
    assert_eq!(stored(&backend)[RECORD_KEY], text, "not rewritten on open");
    // Saving the cleaned record is not a conflict with the uncleaned one.
    let mut store = opened.store;
    let mut record = record;
    store.save(&mut record).unwrap();
}

#[test]
fn older_format_is_migrated_and_rewritten_on_the_next_save() {
    let backend = shared();
    let v0 = json!({
        "format_version": 0, "questionnaire_id": "intake", "questionnaire_version": "0",
        "answers": {"age": 22}, "step": "review", "lang": "en", "safety_plan": "",
        "created_ms": NOW - 1000.0, "updated_ms": NOW - 500.0
    })
    .to_string();
    backend.inner().insert(RECORD_KEY, v0.as_str());
    let opened = open(&backend, NOW);
    assert_eq!(opened.notices, [StorageNotice::Migrated { from: 0 }]);
    let mut record = opened.record.unwrap();
    assert_eq!(record.step, SavedStep::Review);
    assert_eq!(record.answers, Answers::new().with("age", 22));
    let mut store = opened.store;
    store.save(&mut record).unwrap();
    let again = decode(&stored(&backend)[RECORD_KEY], &q()).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.record.revision, 1);
}

// ------------------------------------------------------------------ newer format

#[test]
fn newer_format_is_left_untouched_and_the_app_runs_in_memory() {
    let backend = shared();
    let newer = r#"{"format_version":4,"something":"we cannot read"}"#;
    backend.inner().insert(RECORD_KEY, newer);
    let opened = open(&backend, NOW);
    assert_eq!(opened.record, None);
    assert_eq!(opened.notices, [StorageNotice::NewerVersion { found: 4 }]);
    let mut store = opened.store;
    assert_eq!(
        store.memory_only(),
        Some(MemoryOnly::NewerVersion { found: 4 })
    );
    let mut record = record_at(NOW);
    assert_eq!(store.save(&mut record), Ok(()));
    assert_eq!(record.revision, 4, "revision still bumped in memory");
    // The person's "keep on device" choice does not lift it either.
    store.set_keep_on_device(true).unwrap();
    store.save(&mut record).unwrap();
    assert_eq!(stored(&backend)[RECORD_KEY], newer);
    assert!(backups(&backend).is_empty());
}

#[test]
fn newer_format_appearing_while_saving_stops_saving() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    let newer = r#"{"format_version":5}"#;
    backend.inner().insert(RECORD_KEY, newer);
    assert_eq!(
        store.save(&mut record),
        Err(StorageError::NewerVersion { found: 5 })
    );
    assert!(!store.is_persisting());
    assert_eq!(store.save(&mut record), Ok(()));
    assert_eq!(stored(&backend)[RECORD_KEY], newer);
}

// ------------------------------------------------------------------ unavailable, quota

#[test]
fn unavailable_storage_means_memory_only_with_a_notice() {
    let backend = shared();
    backend.fail_everything(Fault::Unavailable);
    let opened = open(&backend, NOW);
    assert_eq!(opened.record, None);
    assert_eq!(opened.notices, [StorageNotice::Unavailable]);
    let mut store = opened.store;
    assert_eq!(store.memory_only(), Some(MemoryOnly::Unavailable));
    let mut record = record_at(NOW);
    assert_eq!(store.save(&mut record), Ok(()));
    assert_eq!(record.answers.len(), 2);
    backend.heal();
    store.save(&mut record).unwrap();
    assert!(stored(&backend).is_empty(), "told it is not kept: not kept");
    assert_eq!(store.external_change(None), ExternalChange::Ignored);
}

#[test]
fn quota_exceeded_on_save_keeps_the_answers_and_says_so() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    let before = stored(&backend);

    backend.fail_writes(Some(Fault::QuotaExceeded));
    record.answers.set("phq9_2", "nearly_every_day");
    assert_eq!(store.save(&mut record), Err(StorageError::QuotaExceeded));
    assert_eq!(
        record.answers.get("phq9_2"),
        Some(&"nearly_every_day".into()),
        "the answer is still in memory"
    );
    assert_eq!(stored(&backend), before, "nothing half-written");
    assert!(store.is_persisting(), "the next save tries again");

    backend.heal();
    store.save(&mut record).unwrap();
    assert_eq!(
        decode(&stored(&backend)[RECORD_KEY], &q()).unwrap().record,
        record
    );
}

#[test]
fn a_real_quota_is_hit_by_a_long_safety_plan() {
    let backend = shared();
    backend.set_quota(Some(2_000));
    let mut store = open(&backend, NOW).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    record.safety_plan = "很長的計劃".repeat(400);
    assert_eq!(store.save(&mut record), Err(StorageError::QuotaExceeded));
    record.safety_plan = "shorter".to_owned();
    store.save(&mut record).unwrap();
}

#[test]
fn storage_failing_mid_session_is_an_error_value() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    let mut record = record_at(NOW);
    backend.fail_reads(Some(Fault::Unavailable));
    assert_eq!(store.save(&mut record), Err(StorageError::Unavailable));
    backend.heal();
    backend.fail_writes(Some(Fault::Unavailable));
    assert_eq!(store.save(&mut record), Err(StorageError::Unavailable));
}

// ------------------------------------------------------------------ two tabs

#[test]
fn an_older_tab_never_overwrites_newer_answers() {
    let backend = shared();
    backend.inner().insert(RECORD_KEY, encode(&record_at(NOW)));
    let a = open(&backend, NOW);
    let b = open(&backend, NOW);
    let (mut tab_a, mut rec_a) = (a.store, a.record.unwrap());
    let (mut tab_b, mut rec_b) = (b.store, b.record.unwrap());

    rec_a.answers.set("phq9_2", "not_at_all");
    tab_a.save(&mut rec_a).unwrap();
    let written_by_a = stored(&backend)[RECORD_KEY].clone();

    rec_b.answers.set("phq9_3", "not_at_all");
    let Err(StorageError::Conflict { newer }) = tab_b.save(&mut rec_b) else {
        panic!("tab B must not overwrite tab A's newer answers");
    };
    assert_eq!(*newer, rec_a);
    assert_eq!(stored(&backend)[RECORD_KEY], written_by_a);

    // Tab B adopts the newer answers, re-applies its own change and saves.
    tab_b.adopt(&newer);
    let mut merged = *newer;
    merged.answers.set("phq9_3", "not_at_all");
    tab_b.save(&mut merged).unwrap();
    assert_eq!(merged.revision, rec_a.revision + 1);
    // And now tab A is the older one.
    assert!(matches!(
        tab_a.save(&mut rec_a),
        Err(StorageError::Conflict { .. })
    ));
}

#[test]
fn a_record_created_in_another_tab_is_not_overwritten() {
    let backend = shared();
    let mut tab_a = open(&backend, NOW).store;
    let mut tab_b = open(&backend, NOW).store;
    let mut rec_a = record_at(NOW);
    tab_a.save(&mut rec_a).unwrap();
    let mut rec_b = SavedRecord::new(&q(), NOW + 1.0);
    assert!(matches!(
        tab_b.save(&mut rec_b),
        Err(StorageError::Conflict { newer }) if *newer == rec_a
    ));
}

#[test]
fn a_new_record_after_a_deletion_is_not_overwritten_by_a_higher_old_revision() {
    let backend = shared();
    let mut tab_a = open(&backend, NOW).store;
    let mut rec_a = record_at(NOW);
    rec_a.revision = 50;
    tab_a.save(&mut rec_a).unwrap();
    let b = open(&backend, NOW);
    let mut tab_b = b.store;
    tab_b.delete_all().unwrap();
    let mut fresh = SavedRecord::new(&q(), NOW + 10.0);
    tab_b.save(&mut fresh).unwrap();
    assert_eq!(fresh.revision, 1);
    // Tab A's revision 52 is higher, but the stored record is another one.
    assert!(matches!(
        tab_a.save(&mut rec_a),
        Err(StorageError::Conflict { newer }) if *newer == fresh
    ));
}

#[test]
fn records_with_equal_times_and_revisions_are_still_told_apart() {
    // Both tabs start a record in the same millisecond; tab B's first save lands on
    // something unreadable (backed up), so both now hold revision 1 of "the same" time.
    let backend = shared();
    let mut tab_a = open(&backend, NOW).store;
    let mut tab_b = open(&backend, NOW).store;
    let mut rec_a = SavedRecord::new(&q(), NOW);
    rec_a.answers.set("age", 40);
    tab_a.save(&mut rec_a).unwrap();
    backend.inner().insert(RECORD_KEY, "{");
    let mut rec_b = SavedRecord::new(&q(), NOW);
    rec_b.answers.set("age", 41);
    // Tab B never saw tab A's record, and the garbage is no record: B may write.
    tab_b.save(&mut rec_b).unwrap();
    assert_eq!(
        (rec_a.created_ms, rec_a.revision),
        (rec_b.created_ms, rec_b.revision)
    );
    // Tab A must not take B's record for its own.
    assert!(matches!(
        tab_a.save(&mut rec_a),
        Err(StorageError::Conflict { newer }) if *newer == rec_b
    ));
    assert_eq!(stored(&backend)[RECORD_KEY], encode(&rec_b));
}

#[test]
fn saving_an_answer_that_does_not_fit_is_not_a_conflict_with_itself() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    let mut record = record_at(NOW);
    record.answers.set("age", 150); // out of the input range: dropped when read back
    store.save(&mut record).unwrap();
    store.save(&mut record).unwrap();
    assert_eq!(record.revision, 5);
    let reopened = open(&backend, NOW);
    assert_eq!(
        reopened.notices,
        [StorageNotice::AnswersDropped { count: 1 }]
    );
    // Adopting a record as given is as good as adopting it as read back.
    let mut other = open(&backend, NOW).store;
    other.adopt(&record);
    other.save(&mut record).unwrap();
}

#[test]
fn answers_deleted_in_another_tab_are_not_brought_back() {
    let backend = shared();
    let mut tab_a = open(&backend, NOW).store;
    let mut rec_a = record_at(NOW);
    tab_a.save(&mut rec_a).unwrap();
    let mut tab_b = open(&backend, NOW).store;
    tab_b.delete_all().unwrap();

    assert_eq!(tab_a.save(&mut rec_a), Err(StorageError::DeletedElsewhere));
    assert!(stored(&backend).is_empty());
    // The UI forgets the answers and accepts the deletion; later answers are saved anew.
    tab_a.adopt_deletion();
    let mut fresh = SavedRecord::new(&q(), NOW + 5.0);
    tab_a.save(&mut fresh).unwrap();
    assert_eq!(stored(&backend)[RECORD_KEY], encode(&fresh));
}

#[test]
fn storage_events_bring_newer_answers_and_deletions() {
    let backend = shared();
    let mut tab_a = open(&backend, NOW).store;
    let mut tab_b = open(&backend, NOW).store;
    let mut rec_a = record_at(NOW);
    tab_a.save(&mut rec_a).unwrap();
    let text = stored(&backend)[RECORD_KEY].clone();

    assert_eq!(
        tab_b.external_change(Some(&text)),
        ExternalChange::Updated(Box::new(rec_a.clone()))
    );
    // Seen once: the same value again is nothing new.
    assert_eq!(tab_b.external_change(Some(&text)), ExternalChange::Ignored);
    // Tab B may now save over it without a conflict.
    let mut rec_b = rec_a.clone();
    rec_b.answers.set("phq9_2", "not_at_all");
    tab_b.save(&mut rec_b).unwrap();
    // An older value (say, a late event) is ignored.
    assert_eq!(tab_b.external_change(Some(&text)), ExternalChange::Ignored);
    // Garbage is ignored (the next save backs it up).
    assert_eq!(tab_b.external_change(Some("{")), ExternalChange::Ignored);

    assert_eq!(tab_a.external_change(None), ExternalChange::Deleted);
    assert_eq!(
        tab_a.external_change(Some(r#"{"format_version":9}"#)),
        ExternalChange::NewerVersion { found: 9 }
    );
    assert!(!tab_a.is_persisting());
    assert_eq!(tab_a.external_change(Some(&text)), ExternalChange::Ignored);
}

// ------------------------------------------------------------------ delete, keep on device

#[test]
fn delete_all_removes_every_key_of_this_app_and_nothing_else() {
    let backend = shared();
    backend.inner().insert(RECORD_KEY, encode(&record_at(NOW)));
    backend
        .inner()
        .insert(format!("{BACKUP_PREFIX}1"), "old backup");
    backend
        .inner()
        .insert(format!("{BACKUP_PREFIX}2-1"), "another");
    backend
        .inner()
        .insert("screener.v2.record", "from the future");
    backend.inner().insert("screener", "not ours: no dot");
    backend.inner().insert("host.page.key", "the host's");
    let mut store = open(&backend, NOW).store;
    store.delete_all().unwrap();
    assert_eq!(
        stored(&backend).into_keys().collect::<Vec<_>>(),
        ["host.page.key", "screener"]
    );
    assert!(
        store.is_persisting(),
        "deleting is not a memory-only choice"
    );
    let mut fresh = SavedRecord::new(&q(), NOW);
    store.save(&mut fresh).unwrap();
}

#[test]
fn delete_all_tries_every_key_and_reports_failure() {
    let backend = shared();
    backend.inner().insert(RECORD_KEY, encode(&record_at(NOW)));
    let mut store = open(&backend, NOW).store;
    backend.fail_removes(Some(Fault::Unavailable));
    assert_eq!(store.delete_all(), Err(StorageError::Unavailable));
    backend.heal();
    backend.fail_listing(Some(Fault::Unavailable));
    assert_eq!(store.delete_all(), Err(StorageError::Unavailable));
    assert_eq!(
        stored(&backend).get(RECORD_KEY),
        None,
        "the record itself is removed even when keys cannot be listed"
    );
}

#[test]
fn delete_all_also_removes_a_newer_format_record_and_resumes_saving() {
    let backend = shared();
    backend
        .inner()
        .insert(RECORD_KEY, r#"{"format_version":4}"#);
    let mut store = open(&backend, NOW).store;
    store.delete_all().unwrap();
    assert!(stored(&backend).is_empty());
    assert!(store.is_persisting());
}

#[test]
fn not_keeping_answers_on_the_device_deletes_them_and_stops_saving() {
    let backend = shared();
    backend
        .inner()
        .insert(format!("{BACKUP_PREFIX}1"), "a backup");
    let opened = open(&backend, NOW);
    let mut store = opened.store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();

    store.set_keep_on_device(false).unwrap();
    assert!(stored(&backend).is_empty(), "record and backups removed");
    assert_eq!(store.memory_only(), Some(MemoryOnly::Chosen));
    record.answers.set("phq9_2", "not_at_all");
    store.save(&mut record).unwrap();
    assert!(stored(&backend).is_empty(), "kept in memory only");
    assert_eq!(
        store.external_change(Some(&encode(&record))),
        ExternalChange::Ignored
    );

    store.set_keep_on_device(true).unwrap();
    assert!(store.is_persisting());
    store.save(&mut record).unwrap();
    assert_eq!(stored(&backend)[RECORD_KEY], encode(&record));
}

#[test]
fn not_keeping_answers_when_storage_fails_still_goes_memory_only() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    backend.fail_everything(Fault::Unavailable);
    assert_eq!(
        store.set_keep_on_device(false),
        Err(StorageError::Unavailable)
    );
    assert_eq!(store.memory_only(), Some(MemoryOnly::Chosen));
}

#[test]
fn in_memory_store_never_touches_a_device() {
    let mut store = Store::in_memory(&q());
    assert!(!store.is_persisting());
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    assert_eq!(record.revision, 4);
}

#[test]
fn plain_memory_backend_works_as_a_backend() {
    let backend = Rc::new(MemoryBackend::new());
    let mut store = Store::open(Rc::clone(&backend), &q(), NOW, 30).store;
    let mut record = record_at(NOW);
    store.save(&mut record).unwrap();
    assert_eq!(backend.get(RECORD_KEY).unwrap(), Some(encode(&record)));
}

// ------------------------------------------------------------------ properties

#[derive(Clone, Debug)]
enum Op {
    Answer { tab: usize, age: i64 },
    Save { tab: usize },
    Reload { tab: usize },
    Delete { tab: usize },
    Keep { tab: usize, keep: bool },
    Event { tab: usize },
    Fault(Option<Fault>),
    Scribble(String),
}

fn op() -> impl Strategy<Value = Op> {
    let tab = 0usize..2;
    prop_oneof![
        4 => (tab.clone(), 0i64..200).prop_map(|(tab, age)| Op::Answer { tab, age }),
        6 => tab.clone().prop_map(|tab| Op::Save { tab }),
        1 => tab.clone().prop_map(|tab| Op::Reload { tab }),
        1 => tab.clone().prop_map(|tab| Op::Delete { tab }),
        1 => (tab.clone(), any::<bool>()).prop_map(|(tab, keep)| Op::Keep { tab, keep }),
        2 => tab.prop_map(|tab| Op::Event { tab }),
        2 => proptest::option::of(prop_oneof![
            Just(Fault::Unavailable),
            Just(Fault::QuotaExceeded)
        ])
        .prop_map(Op::Fault),
        1 => prop_oneof![
            Just("{".to_owned()),
            Just(r#"{"format_version":3}"#.to_owned()),
            ".{0,6}"
        ]
        .prop_map(Op::Scribble),
    ]
}

struct Tab {
    store: Store,
    record: SavedRecord,
    /// The stored record this tab last loaded, saved or adopted.
    seen: Option<SavedRecord>,
}

fn open_tab(backend: &Rc<FaultyBackend>, now: f64) -> Tab {
    let opened = Store::open(Rc::clone(backend), &q(), now, 30);
    let seen = opened.record.clone();
    Tab {
        store: opened.store,
        record: opened.record.unwrap_or_else(|| SavedRecord::new(&q(), now)),
        seen,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the tabs do and the storage suffers: nothing panics, a save that succeeds
    /// replaced only what that tab had seen (no lost update), what it wrote reads back as
    /// the tab's record, and nothing stored is ever destroyed except by a deletion.
    #[test]
    fn two_tabs_and_faults_never_lose_an_update(ops in proptest::collection::vec(op(), 1..40)) {
        let backend = shared();
        let mut now = NOW;
        let mut tabs = [open_tab(&backend, now), open_tab(&backend, now)];
        for op in ops {
            now += 1000.0;
            match op {
                Op::Answer { tab, age } => tabs[tab].record.answers.set("age", age),
                Op::Save { tab } => {
                    let before = backend.inner().snapshot();
                    let t = &mut tabs[tab];
                    t.record.updated_ms = now;
                    let result = t.store.save(&mut t.record);
                    let after = backend.inner().snapshot();
                    match result {
                        Ok(()) if t.store.is_persisting() => {
                            if let Some(prev) = before.get(RECORD_KEY) {
                                if let Ok(prev) = decode(prev, &q()) {
                                    prop_assert_eq!(Some(&prev.record), t.seen.as_ref(),
                                        "a save replaced a record this tab had not seen");
                                }
                            } else {
                                prop_assert!(t.seen.is_none(), "a deleted record came back");
                            }
                            // As written, less any answer that does not fit (age > 120).
                            let written = decode(&after[RECORD_KEY], &q()).unwrap().record;
                            let mut expected = t.record.clone();
                            if matches!(expected.answers.get("age"), Some(AnswerValue::Number(n)) if *n > 120) {
                                expected.answers.remove("age");
                            }
                            prop_assert_eq!(&written, &expected);
                            t.seen = Some(written);
                            // Backups are only ever added.
                            for (k, v) in before.iter().filter(|(k, _)| k.starts_with(BACKUP_PREFIX)) {
                                prop_assert_eq!(after.get(k), Some(v));
                            }
                        }
                        Ok(()) => prop_assert_eq!(before, after),
                        Err(StorageError::Conflict { newer }) => {
                            prop_assert_eq!(&before, &after);
                            t.store.adopt(&newer);
                            t.seen = Some((*newer).clone());
                            t.record = *newer;
                        }
                        Err(StorageError::DeletedElsewhere) => {
                            prop_assert_eq!(&before, &after);
                            t.store.adopt_deletion();
                            t.seen = None;
                            t.record = SavedRecord::new(&q(), now);
                        }
                        Err(_) => {
                            // Unavailable, quota, newer format: nothing stored was lost.
                            for (k, v) in &before {
                                if k != RECORD_KEY || after.contains_key(k) {
                                    prop_assert_eq!(after.get(k), Some(v));
                                }
                            }
                        }
                    }
                }
                Op::Reload { tab } => tabs[tab] = open_tab(&backend, now),
                Op::Delete { tab } => {
                    if tabs[tab].store.delete_all().is_ok() {
                        prop_assert!(backend.inner().snapshot().keys().all(|k| !k.starts_with("screener.")));
                    }
                    tabs[tab].seen = None;
                    tabs[tab].record = SavedRecord::new(&q(), now);
                }
                Op::Keep { tab, keep } => {
                    let _ = tabs[tab].store.set_keep_on_device(keep);
                    if !keep {
                        tabs[tab].seen = None;
                    }
                }
                Op::Event { tab } => {
                    let value = backend.inner().snapshot().get(RECORD_KEY).cloned();
                    match tabs[tab].store.external_change(value.as_deref()) {
                        ExternalChange::Updated(record) => {
                            tabs[tab].seen = Some((*record).clone());
                            tabs[tab].record = *record;
                        }
                        ExternalChange::Deleted => {
                            tabs[tab].seen = None;
                            tabs[tab].record = SavedRecord::new(&q(), now);
                        }
                        ExternalChange::NewerVersion { .. } | ExternalChange::Ignored => {}
                    }
                }
                Op::Fault(fault) => {
                    backend.heal();
                    if let Some(fault) = fault {
                        backend.fail_writes(Some(fault));
                    }
                }
                Op::Scribble(text) => backend.inner().insert(RECORD_KEY, text),
            }
        }
    }
}

// ------------------------------------------------------------------ the outbox

fn a_referral() -> screener::core::referral::Referral {
    screener::core::referral::Referral::new(
        screener::core::referral::ReferralId::from_random([9; 16]),
        NOW,
        "https://fhir.example.org/R4".into(),
        json!({"resourceType": "Bundle", "type": "transaction"}),
        Default::default(),
        false,
    )
}

#[test]
fn the_outbox_is_kept_beside_the_record_and_deleted_with_everything() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    assert_eq!(store.load_outbox(), Ok(None));
    let referral = a_referral();
    store.save_outbox(&referral).unwrap();
    assert!(stored(&backend).contains_key(screener::storage::OUTBOX_KEY));
    // Another tab (a new store on the same storage) reads the same request.
    let other = open(&backend, NOW).store;
    assert_eq!(other.load_outbox(), Ok(Some(referral.clone())));
    store.delete_all().unwrap();
    assert_eq!(store.load_outbox(), Ok(None));
    assert!(stored(&backend).is_empty(), "{:?}", stored(&backend));
}

#[test]
fn memory_only_keeps_the_outbox_off_the_device_and_unreadable_ones_are_not_guessed() {
    let backend = shared();
    let mut store = open(&backend, NOW).store;
    store.set_keep_on_device(false).unwrap();
    store.save_outbox(&a_referral()).unwrap();
    assert!(stored(&backend).is_empty(), "memory only writes nothing");
    assert_eq!(store.load_outbox(), Ok(None));

    let backend = shared();
    backend.inner().insert(
        screener::storage::OUTBOX_KEY,
        r#"{"format_version":1,"referral":"?"}"#,
    );
    assert_eq!(open(&backend, NOW).store.load_outbox(), Ok(None));
    backend.inner().insert(
        screener::storage::OUTBOX_KEY,
        r#"{"format_version":9,"referral":{}}"#,
    );
    assert_eq!(
        screener::storage::decode_outbox(r#"{"format_version":9,"referral":{}}"#),
        Err(screener::storage::OutboxDecodeError::NewerVersion { found: 9 })
    );
    let mut store = open(&backend, NOW).store;
    store.remove_outbox().unwrap();
    assert!(!stored(&backend).contains_key(screener::storage::OUTBOX_KEY));
}
