//! Exhaustive scoring checks: every PHQ-9 (4^9), GAD-7 (4^7, and 5^7 with
//! unanswered items) and WSAS (9^5 plus the work item's "not applicable")
//! answer vector, scored through the real questionnaire data and compared
//! with oracles written here from the publications, independently of the
//! library's band code.

use screener_core::{
    default_questionnaire, risk_flags, score, Answers, Band, Instrument, Questionnaire, RiskKind,
    ScoreResult,
};

/// Option values of the PHQ-9/GAD-7 frequency scale, by score. Written out
/// here rather than imported so a renamed value fails the test.
const FREQUENCY: [&str; 4] = [
    "not_at_all",
    "several_days",
    "more_than_half_the_days",
    "nearly_every_day",
];

/// PHQ-9 severity (Kroenke, Spitzer & Williams 2001): 0–4 minimal, 5–9
/// mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
fn phq9_oracle(total: u32) -> Band {
    if total >= 20 {
        Band::Severe
    } else if total >= 15 {
        Band::ModeratelySevere
    } else if total >= 10 {
        Band::Moderate
    } else if total >= 5 {
        Band::Mild
    } else {
        Band::Minimal
    }
}

/// GAD-7 severity (Spitzer et al. 2006): 0–4 minimal, 5–9 mild, 10–14
/// moderate, 15–21 severe.
fn gad7_oracle(total: u32) -> Band {
    if total >= 15 {
        Band::Severe
    } else if total >= 10 {
        Band::Moderate
    } else if total >= 5 {
        Band::Mild
    } else {
        Band::Minimal
    }
}

/// WSAS (Mundt et al. 2002): below 10 subclinical, 10–20 significant,
/// above 20 moderately severe or worse.
fn wsas_oracle(total: u32) -> Band {
    if total > 20 {
        Band::WsasSevere
    } else if total >= 10 {
        Band::WsasSignificant
    } else {
        Band::WsasSubclinical
    }
}

/// Digits of `code` in base `base`, least significant first.
fn digits<const N: usize>(mut code: u32, base: u32) -> [u32; N] {
    let mut out = [0; N];
    for d in &mut out {
        *d = code % base;
        code /= base;
    }
    out
}

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix}_{i}")).collect()
}

fn complete(total: u32, max: u8, band: Band) -> ScoreResult {
    ScoreResult::Complete {
        total: u8::try_from(total).expect("small total"),
        max,
        band,
    }
}

#[test]
fn phq9_every_answer_vector_and_item9_risk() {
    let q = default_questionnaire();
    let ids = ids("phq9", 9);
    let mut answers = Answers::new();
    let mut seen_totals = [0u32; 28];
    for code in 0..4u32.pow(9) {
        let v: [u32; 9] = digits(code, 4);
        for (id, &s) in ids.iter().zip(&v) {
            answers.set(id.as_str(), FREQUENCY[s as usize]);
        }
        let total: u32 = v.iter().sum();
        seen_totals[total as usize] += 1;
        let got = score(&q, &answers, Instrument::Phq9);
        assert_eq!(got.instrument, Instrument::Phq9);
        assert_eq!(
            got.result,
            complete(total, 27, phq9_oracle(total)),
            "vector {v:?}"
        );

        // Item 9 above "not at all" flags Item9, and nothing else flags.
        let flags = risk_flags(&q, &answers);
        if v[8] > 0 {
            assert_eq!(flags.len(), 1, "vector {v:?}");
            assert_eq!(flags[0].kind, RiskKind::Item9);
            assert_eq!(flags[0].item, "phq9_9");
        } else {
            assert!(flags.is_empty(), "vector {v:?}: {flags:?}");
        }
    }
    // Every total 0..=27 was reached, with the multinomial counts of a sum of
    // nine 0–3 dice (e.g. exactly one way to score 0 and one to score 27).
    assert_eq!(seen_totals[0], 1);
    assert_eq!(seen_totals[27], 1);
    assert_eq!(seen_totals[1], 9);
    assert_eq!(seen_totals.iter().sum::<u32>(), 4u32.pow(9));
}

#[test]
fn gad7_every_answer_vector() {
    let q = default_questionnaire();
    let ids = ids("gad7", 7);
    let mut answers = Answers::new();
    for code in 0..4u32.pow(7) {
        let v: [u32; 7] = digits(code, 4);
        for (id, &s) in ids.iter().zip(&v) {
            answers.set(id.as_str(), FREQUENCY[s as usize]);
        }
        let total: u32 = v.iter().sum();
        let got = score(&q, &answers, Instrument::Gad7);
        assert_eq!(
            got.result,
            complete(total, 21, gad7_oracle(total)),
            "vector {v:?}"
        );
        // GAD-7 carries no risk options.
        assert!(risk_flags(&q, &answers).is_empty());
    }
}

#[test]
fn gad7_every_partial_vector_is_incomplete_never_a_total() {
    let q = default_questionnaire();
    let ids = ids("gad7", 7);
    // Digit 4 = unanswered.
    for code in 0..5u32.pow(7) {
        let v: [u32; 7] = digits(code, 5);
        let mut answers = Answers::new();
        for (id, &s) in ids.iter().zip(&v) {
            if s < 4 {
                answers.set(id.as_str(), FREQUENCY[s as usize]);
            }
        }
        let answered = v.iter().filter(|&&s| s < 4).count() as u8;
        let got = score(&q, &answers, Instrument::Gad7);
        if answered == 7 {
            let total: u32 = v.iter().sum();
            assert_eq!(got.result, complete(total, 21, gad7_oracle(total)));
        } else {
            assert_eq!(
                got.result,
                ScoreResult::Incomplete { answered, of: 7 },
                "vector {v:?}"
            );
        }
    }
}

/// WSAS with every item answered 0–8 (9^5), and with the work item "not
/// applicable" and the other four 0–8 (9^4): the total is then the sum of
/// the four, out of 32.
#[test]
fn wsas_every_answer_vector_including_not_applicable() {
    let q: Questionnaire = default_questionnaire();
    let ids = ids("wsas", 5);
    let mut answers = Answers::new();
    // Digit 9 on the work item = not applicable.
    for code in 0..(10 * 9u32.pow(4)) {
        let work = code % 10;
        let rest: [u32; 4] = digits(code / 10, 9);
        if work == 9 {
            answers.set("wsas_1", "not_applicable");
        } else {
            answers.set("wsas_1", work.to_string());
        }
        for (id, s) in ids[1..].iter().zip(rest) {
            answers.set(id.as_str(), s.to_string());
        }
        let four: u32 = rest.iter().sum();
        let expected = if work == 9 {
            complete(four, 32, wsas_oracle(four))
        } else {
            complete(four + work, 40, wsas_oracle(four + work))
        };
        assert_eq!(
            score(&q, &answers, Instrument::Wsas).result,
            expected,
            "work {work}, rest {rest:?}"
        );
    }
}

#[test]
fn out_of_scale_values_are_never_scored() {
    let q = default_questionnaire();
    let mut answers = Answers::new();
    for id in ids("phq9", 9) {
        answers.set(id, "nearly_every_day");
    }
    for bad in ["3", "4", "", "Nearly every day", "NEARLY_EVERY_DAY"] {
        answers.set("phq9_1", bad);
        assert_eq!(
            score(&q, &answers, Instrument::Phq9).result,
            ScoreResult::Incomplete { answered: 8, of: 9 },
            "{bad:?}"
        );
    }
    answers.set("phq9_1", 3);
    assert_eq!(
        score(&q, &answers, Instrument::Phq9).result,
        ScoreResult::Incomplete { answered: 8, of: 9 }
    );
}
