//! Intake: a person's request to be contacted by the service, from the contact details
//! they give to the moment the service's FHIR server has it, exactly once.
//!
//! * [`contact`]: the contact details and their checks (Hong Kong and international
//!   phone numbers, email), each problem a value the UI words in the person's language.
//! * [`id`]: the [`ReferralId`] made on the device at consent time (random bytes passed
//!   in), and the short [`reference`](ReferralId::reference) a person quotes on the phone.
//! * [`bundle`](mod@bundle): the FHIR R4 transaction Bundle (Patient, QuestionnaireResponse,
//!   ServiceRequest), every entry created conditionally on that one identifier, so the
//!   server holds one referral however often it is sent.
//! * [`outbox`]: the delivery state machine: when to try, what an answer from the
//!   network means, what state follows, and how two tabs' copies are reconciled.
//!
//! # Invariants
//!
//! * **Nothing is sent without consent.** A [`Referral`] exists only once the person
//!   confirmed on the consent screen; its bundle is frozen then, so what is sent is
//!   exactly what they were shown, and changing answers afterwards never re-sends.
//! * **Never "sent" before the server said so.** [`Delivery::Sent`] follows only a 2xx
//!   answer to the transaction; every other event leaves the request pending (retried)
//!   or refused (stopped, with what to do instead).
//! * **Exactly once.** The server deduplicates on the identifier (conditional create),
//!   and a referral that is sent is never tried again, in this tab or another
//!   ([`reconcile`]).
//! * Pure like the rest of the core: the clock, the random bytes and the jitter are
//!   passed in; the shell does the fetch, the locks and the storage.

pub mod bundle;
pub mod contact;
pub mod id;
pub mod outbox;

pub use bundle::{referral_bundle, BundleInput, IDENTIFIER_SYSTEM};
pub use contact::{
    check_contact, normalise_phone, ContactDetails, ContactField, ContactProblem, PhoneProblem,
};
pub use id::ReferralId;
pub use outbox::{
    backoff_ms, classify, parse_retry_after, reconcile, Action, Attempt, Delivery, Failure,
    Referral, Trigger,
};
