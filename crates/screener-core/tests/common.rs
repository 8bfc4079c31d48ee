//! What several modules of the test program share: a complete set of answers to the
//! default questionnaire, made in one place so that a change to its items is made once (a
//! module changes what its scenario needs with [`Answers::with`]), and the path of a file
//! of the repository.

use std::path::{Path, PathBuf};

use screener_core::Answers;

/// `rel`, a path from the root of the repository (`tests/fixtures/…`, `index.html`): the
/// fixtures and pages the core is tested against are the ones the app, the CLI and the
/// end-to-end tests use.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/screener-core is two folders below the repository's root")
        .join(rel)
}

/// The complexity and risk questions, all answered "no" by [`complete`].
pub const NO_TO: [&str; 7] = [
    "complex_diagnosis",
    "psychiatric_team",
    "other_therapy",
    "risk_thoughts",
    "risk_self_harm",
    "risk_harm_others",
    "risk_danger_now",
];

/// Complete answers: `age`; PHQ-9 items 1–8 as given and item 9 (the risk item) "not at
/// all"; "somewhat difficult"; GAD-7 and WSAS as given; "no" to every complexity and risk
/// question ([`NO_TO`]); contact by video at Mong Kok in Mandarin, on weekday mornings and
/// weekends. Eligible when the scores are mild to moderate and the age is in range.
pub fn complete(age: i64, phq9: [&str; 8], gad7: [&str; 7], wsas: [&str; 5]) -> Answers {
    let mut a = Answers::new().with("age", age);
    for (i, value) in phq9.into_iter().enumerate() {
        a.set(format!("phq9_{}", i + 1), value);
    }
    a.set("phq9_9", "not_at_all");
    a.set("phq9_difficulty", "somewhat_difficult");
    for (i, value) in gad7.into_iter().enumerate() {
        a.set(format!("gad7_{}", i + 1), value);
    }
    for (i, value) in wsas.into_iter().enumerate() {
        a.set(format!("wsas_{}", i + 1), value);
    }
    for id in NO_TO {
        a.set(id, "no");
    }
    a.with("contact_mode", "video")
        .with("contact_centre", "mong_kok")
        .with("contact_language", "mandarin")
        .with(
            "contact_times",
            vec!["weekday_mornings".to_owned(), "weekends".to_owned()],
        )
}

/// The usual eligible person, aged 30: "several days" on PHQ-9 items 1–8 (8) and on every
/// GAD-7 item (7), WSAS 2 on each item (10).
pub fn eligible() -> Answers {
    complete(30, ["several_days"; 8], ["several_days"; 7], ["2"; 5])
}
