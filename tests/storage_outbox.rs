//! The outbox's saved format, written and read by hand (`src/storage/outbox.rs`): what the
//! derived serde code of the first intake build wrote must still read back the same, and
//! what this build writes must be that same JSON, field for field; and the delivery state
//! machine through that format, across tabs and reloads (a property test).

use screener::core::referral::{ContactDetails, Delivery, Failure, Referral, ReferralId};
use screener::storage::{decode_outbox, encode_outbox, OutboxDecodeError};
use serde_json::{json, Value};

/// Written by the derived encoder (commit 8ba1318) for [`referral`] with each delivery.
const PENDING: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"pending","attempts":2,"next_ms":1764000010000.5,"not_before_ms":0.0,"last":{"kind":"status","status":503}}}}"#;
const PENDING_TIMEOUT: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"pending","attempts":1,"next_ms":5.0,"not_before_ms":7.0,"last":{"kind":"timeout"}}}}"#;
const SENT: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"sent","at_ms":1764000020000.0,"attempts":3,"created":false}}}"#;
const REFUSED: &str = r#"{"format_version":1,"referral":{"id":"07070707-0707-4707-8707-070707070707","consented_ms":1764000000000.0,"endpoint":"https://fhir.example.org/R4","bundle":{"resourceType":"Bundle","type":"transaction"},"contact":{"name":"Ka Yan","phone":"9123 4567","email":"","voicemail":true,"sms":null},"include_answers":true,"delivery":{"state":"refused","at_ms":1764000030000.0,"status":422}}}"#;

fn referral(delivery: Delivery) -> Referral {
    let contact = ContactDetails {
        name: "Ka Yan".into(),
        phone: "9123 4567".into(),
        email: String::new(),
        voicemail: Some(true),
        sms: None,
    };
    let mut r = Referral::new(
        ReferralId::from_random([7; 16]),
        1_764_000_000_000.0,
        "https://fhir.example.org/R4".into(),
        json!({"resourceType": "Bundle", "type": "transaction"}),
        contact,
        true,
    );
    r.delivery = delivery;
    r
}

fn cases() -> [(&'static str, Referral); 4] {
    [
        (
            PENDING,
            referral(Delivery::Pending {
                attempts: 2,
                next_ms: 1_764_000_010_000.5,
                not_before_ms: 0.0,
                last: Some(Failure::Status { status: 503 }),
            }),
        ),
        (
            PENDING_TIMEOUT,
            referral(Delivery::Pending {
                attempts: 1,
                next_ms: 5.0,
                not_before_ms: 7.0,
                last: Some(Failure::Timeout),
            }),
        ),
        (
            SENT,
            referral(Delivery::Sent {
                at_ms: 1_764_000_020_000.0,
                attempts: 3,
                created: false,
            }),
        ),
        (
            REFUSED,
            referral(Delivery::Refused {
                at_ms: 1_764_000_030_000.0,
                status: 422,
            }),
        ),
    ]
}

#[test]
fn what_the_first_intake_build_saved_reads_back_the_same() {
    for (saved, expected) in cases() {
        assert_eq!(decode_outbox(saved), Ok(expected), "{saved}");
    }
}

#[test]
fn this_build_writes_the_same_json() {
    for (saved, referral) in cases() {
        let written: Value = serde_json::from_str(&encode_outbox(&referral)).unwrap();
        let before: Value = serde_json::from_str(saved).unwrap();
        assert_eq!(written, before);
        assert_eq!(decode_outbox(&encode_outbox(&referral)), Ok(referral));
    }
}

#[test]
fn every_failure_and_no_failure_survive_a_round_trip() {
    for last in [
        None,
        Some(Failure::Network),
        Some(Failure::Timeout),
        Some(Failure::Blocked),
        Some(Failure::Status { status: 429 }),
    ] {
        let r = referral(Delivery::Pending {
            attempts: 4,
            next_ms: 1.5,
            not_before_ms: 2.5,
            last,
        });
        assert_eq!(decode_outbox(&encode_outbox(&r)), Ok(r));
    }
}

#[test]
fn a_damaged_or_newer_outbox_is_refused_not_guessed() {
    let damaged = [
        SENT.replace(r#""state":"sent""#, r#""state":"delivered""#),
        SENT.replace(r#""attempts":3"#, r#""attempts":-3"#),
        SENT.replace(r#","created":false"#, ""),
        PENDING.replace(r#""kind":"status","status":503"#, r#""kind":"status""#),
        PENDING.replace(r#""kind":"status""#, r#""kind":"lost""#),
        REFUSED.replace(r#""status":422"#, r#""status":70000"#),
        SENT.replace("07070707-0707-4707-8707-070707070707", "not-an-id"),
        SENT.replace(r#""endpoint":"https://fhir.example.org/R4","#, ""),
        "{}".to_owned(),
        "[1]".to_owned(),
        "not json".to_owned(),
    ];
    for text in damaged {
        assert!(
            ![PENDING, SENT, REFUSED].contains(&text.as_str()),
            "not damaged: {text}"
        );
        assert_eq!(
            decode_outbox(&text),
            Err(OutboxDecodeError::Unreadable),
            "{text}"
        );
    }
    let newer = SENT.replace(r#""format_version":1"#, r#""format_version":2"#);
    assert_eq!(
        decode_outbox(&newer),
        Err(OutboxDecodeError::NewerVersion { found: 2 })
    );
}

/// The delivery state machine (`screener::core::referral`) through this saved format:
/// whatever sequence of failures, successes, reloads and tab switches, the server creates
/// the referral at most once and no tab says "sent" before the server has it. Each tab's
/// memory is rebuilt from what [`encode_outbox`] wrote, as a reload does.
#[cfg(not(target_arch = "wasm32"))]
mod across_tabs_and_reloads {
    use proptest::prelude::*;
    use screener::core::referral::{
        reconcile, Action, Attempt, ContactDetails, Failure, Referral, ReferralId, Trigger,
    };
    use screener::storage::{decode_outbox, encode_outbox};
    use serde_json::json;

    fn fresh(now: f64) -> Referral {
        Referral::new(
            ReferralId::from_random([1; 16]),
            now,
            "https://fhir.example.org/R4".into(),
            json!({"resourceType": "Bundle"}),
            ContactDetails {
                name: "Ka Yan".into(),
                phone: "9123 4567".into(),
                email: "kayan@example.org".into(),
                voicemail: Some(false),
                sms: Some(true),
            },
            false,
        )
    }

    /// One event in the life of a referral.
    #[derive(Clone, Debug)]
    enum Event {
        /// Time passes.
        Wait(u32),
        /// The active tab is asked to act on this trigger.
        Trigger(Trigger),
        /// The server answers the next try like this.
        Server(ServerBehaviour),
        /// The page is reloaded: the tab's memory is rebuilt from storage.
        Reload,
        /// Another tab becomes the active one.
        SwitchTab,
    }

    #[derive(Clone, Copy, Debug)]
    enum ServerBehaviour {
        /// Stores it (or finds it) and answers.
        Accept,
        /// 503, with or without Retry-After.
        Unavailable(Option<u16>),
        /// Connection dropped before the server saw it.
        Drop,
        /// Stored, then the answer was lost.
        StoreThenDrop,
        /// 400: refused.
        Refuse,
        /// Blocked by CSP.
        Blocked,
    }

    fn event() -> impl Strategy<Value = Event> {
        prop_oneof![
            (0u32..200_000).prop_map(Event::Wait),
            prop_oneof![
                Just(Trigger::Visit),
                Just(Trigger::Online),
                Just(Trigger::Timer)
            ]
            .prop_map(Event::Trigger),
            prop_oneof![
                4 => Just(ServerBehaviour::Accept),
                3 => proptest::option::of(0u16..120).prop_map(ServerBehaviour::Unavailable),
                3 => Just(ServerBehaviour::Drop),
                3 => Just(ServerBehaviour::StoreThenDrop),
                1 => Just(ServerBehaviour::Refuse),
                1 => Just(ServerBehaviour::Blocked),
            ]
            .prop_map(Event::Server),
            Just(Event::Reload),
            Just(Event::SwitchTab),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever happens, the server creates the referral at most once, the device never
        /// says "sent" before the server has it, and nothing is tried after it is sent.
        #[test]
        fn accepted_at_most_once_and_never_reported_sent_before_it_was(
            events in proptest::collection::vec(event(), 1..60),
            jitter in 0.0f64..1.0,
        ) {
            let mut now = 1_000.0;
            let mut storage: Option<String> = Some(encode_outbox(&fresh(now)));
            // Two tabs, each with its own memory of the outbox.
            let mut tabs: [Option<Referral>; 2] = [storage.as_deref().map(|t| decode_outbox(t).unwrap()), None];
            let mut active = 0;
            let mut server_has = false;
            let mut creates = 0;
            let mut tries_after_sent = 0;
            let mut next_behaviour = ServerBehaviour::Accept;

            for event in events {
                match event {
                    Event::Wait(ms) => now += f64::from(ms),
                    Event::Server(b) => next_behaviour = b,
                    Event::Reload => {
                        tabs[active] = storage.as_deref().and_then(|t| decode_outbox(t).ok());
                    }
                    Event::SwitchTab => active = 1 - active,
                    Event::Trigger(trigger) => {
                        // What the shell does inside the lock: reconcile with storage first.
                        let stored = storage.as_deref().and_then(|t| decode_outbox(t).ok());
                        let Some(current) = reconcile(tabs[active].as_ref().or(stored.as_ref()), stored.as_ref()) else {
                            continue;
                        };
                        tabs[active] = Some(current.clone());
                        if current.next_action(now, trigger) != Action::Send {
                            continue;
                        }
                        if server_has && current.is_sent() {
                            tries_after_sent += 1;
                        }
                        // The server deduplicates on the identifier (conditional create).
                        let mut store = || {
                            if !server_has {
                                server_has = true;
                                creates += 1;
                                201
                            } else {
                                200
                            }
                        };
                        let attempt = match next_behaviour {
                            ServerBehaviour::Accept => Attempt::Accepted { status: store() },
                            ServerBehaviour::Unavailable(after) => screener::core::referral::classify(
                                503,
                                after.map(|s| s.to_string()).as_deref(),
                                now,
                            ),
                            ServerBehaviour::Drop => Attempt::Retry { failure: Failure::Network, retry_after_ms: None },
                            ServerBehaviour::StoreThenDrop => {
                                store();
                                Attempt::Retry { failure: Failure::Network, retry_after_ms: None }
                            }
                            ServerBehaviour::Refuse => Attempt::Refused { status: 400 },
                            ServerBehaviour::Blocked => Attempt::Retry { failure: Failure::Blocked, retry_after_ms: None },
                        };
                        now += 10.0;
                        let after = current.after(attempt, now, jitter);
                        let stored = storage.as_deref().and_then(|t| decode_outbox(t).ok());
                        let kept = reconcile(Some(&after), stored.as_ref()).unwrap_or(after);
                        storage = Some(encode_outbox(&kept));
                        tabs[active] = Some(kept);
                    }
                }
                for tab in tabs.iter().flatten() {
                    prop_assert!(!tab.is_sent() || server_has, "reported sent before the server had it");
                }
                prop_assert!(creates <= 1, "created {creates} times");
            }
            prop_assert_eq!(tries_after_sent, 0);
        }
    }
}
