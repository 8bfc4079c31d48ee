//! Boundary tables: each rule on both sides of each published cut-off.

use crate::common;

use rstest::rstest;
use screener_core::{
    default_questionnaire, evaluate, score, Answers, Band, Config, Headline, Instrument, Outcome,
    Reason, RiskKind, ScoreResult,
};

const FREQUENCY: [&str; 4] = [
    "not_at_all",
    "several_days",
    "more_than_half_the_days",
    "nearly_every_day",
];

/// Item scores (0–3) reaching `total` over `n` items, filling from the
/// first; item 9 of PHQ-9 is kept at 0 by passing `n = 8`.
fn spread(total: u8, n: usize) -> Vec<usize> {
    let mut left = total as usize;
    (0..n)
        .map(|_| {
            let s = left.min(3);
            left -= s;
            s
        })
        .collect()
}

/// A complete set of answers that is eligible, with the given PHQ-9 and
/// GAD-7 totals (PHQ-9 item 9 at 0).
fn answers(age: i64, phq9: u8, gad7: u8) -> Answers {
    assert!(phq9 <= 24, "item 9 stays at 0");
    let (phq9, gad7) = (spread(phq9, 8), spread(gad7, 7));
    common::complete(
        age,
        std::array::from_fn(|i| FREQUENCY[phq9[i]]),
        std::array::from_fn(|i| FREQUENCY[gad7[i]]),
        ["3"; 5],
    )
}

fn outcome(a: &Answers) -> Outcome {
    evaluate(&default_questionnaire(), a, &Config::default())
}

#[test]
fn the_helper_builds_what_it_says() {
    let a = answers(30, 7, 6);
    let o = outcome(&a);
    assert_eq!(o.headline, Headline::Eligible, "{o:?}");
    assert_eq!(o.score(Instrument::Phq9).and_then(|s| s.total()), Some(7));
    assert_eq!(o.score(Instrument::Gad7).and_then(|s| s.total()), Some(6));
    assert!(o.problems.is_empty());
}

#[rstest]
#[case::below_minimum(17, Headline::OutsideAgeRange, Some(Reason::AgeBelowMinimum { age: 17, min: 18 }))]
#[case::minimum(18, Headline::Eligible, None)]
#[case::maximum(65, Headline::Eligible, None)]
#[case::above_maximum(66, Headline::OutsideAgeRange, Some(Reason::AgeAboveMaximum { age: 66, max: 65 }))]
fn age_boundaries(#[case] age: i64, #[case] headline: Headline, #[case] reason: Option<Reason>) {
    let o = outcome(&answers(age, 7, 6));
    assert_eq!(o.headline, headline);
    if let Some(reason) = reason {
        assert!(o.reasons.contains(&reason), "{:?}", o.reasons);
    }
}

#[rstest]
#[case(4, Band::Minimal, Headline::Eligible)]
#[case(5, Band::Mild, Headline::Eligible)]
#[case(9, Band::Mild, Headline::Eligible)]
#[case(10, Band::Moderate, Headline::Eligible)]
#[case(14, Band::Moderate, Headline::Eligible)]
#[case(15, Band::ModeratelySevere, Headline::Eligible)]
#[case(19, Band::ModeratelySevere, Headline::Eligible)]
#[case(20, Band::Severe, Headline::HigherIntensity)]
fn phq9_boundaries(#[case] total: u8, #[case] band: Band, #[case] headline: Headline) {
    let a = answers(30, total, 0);
    let s = score(&default_questionnaire(), &a, Instrument::Phq9);
    assert_eq!(
        s.result,
        ScoreResult::Complete {
            total,
            max: 27,
            band
        }
    );
    let o = outcome(&a);
    assert_eq!(o.headline, headline);
    let referred = o.reasons.contains(&Reason::Phq9AtOrAbove {
        score: total,
        threshold: 20,
    });
    assert_eq!(referred, total >= 20);
}

#[rstest]
#[case(4, Band::Minimal, Headline::Eligible)]
#[case(5, Band::Mild, Headline::Eligible)]
#[case(9, Band::Mild, Headline::Eligible)]
#[case(10, Band::Moderate, Headline::Eligible)]
#[case(14, Band::Moderate, Headline::Eligible)]
#[case(15, Band::Severe, Headline::HigherIntensity)]
fn gad7_boundaries(#[case] total: u8, #[case] band: Band, #[case] headline: Headline) {
    let a = answers(30, 0, total);
    let s = score(&default_questionnaire(), &a, Instrument::Gad7);
    assert_eq!(
        s.result,
        ScoreResult::Complete {
            total,
            max: 21,
            band
        }
    );
    let o = outcome(&a);
    assert_eq!(o.headline, headline);
    let referred = o.reasons.contains(&Reason::Gad7AtOrAbove {
        score: total,
        threshold: 15,
    });
    assert_eq!(referred, total >= 15);
}

#[rstest]
#[case([0, 0, 0, 1, 8], Band::WsasSubclinical)]
#[case([2, 2, 2, 2, 2], Band::WsasSignificant)]
#[case([4, 4, 4, 4, 4], Band::WsasSignificant)]
#[case([4, 4, 4, 4, 5], Band::WsasSevere)]
fn wsas_boundaries(#[case] items: [u8; 5], #[case] band: Band) {
    let mut a = answers(30, 7, 6);
    for (i, s) in items.iter().enumerate() {
        a.set(format!("wsas_{}", i + 1), s.to_string());
    }
    let total: u8 = items.iter().sum();
    let s = score(&default_questionnaire(), &a, Instrument::Wsas);
    assert_eq!(
        s.result,
        ScoreResult::Complete {
            total,
            max: 40,
            band
        }
    );
    // WSAS enters no eligibility rule.
    assert_eq!(outcome(&a).headline, Headline::Eligible);
}

#[rstest]
#[case::totals_9_and_10(9, 10)]
#[case::totals_20_and_21(20, 21)]
fn wsas_totals_either_side(#[case] below: u8, #[case] above: u8) {
    let band = |total: u8| {
        let mut a = Answers::new();
        for (i, s) in spread_wsas(total).into_iter().enumerate() {
            a.set(format!("wsas_{}", i + 1), s.to_string());
        }
        score(&default_questionnaire(), &a, Instrument::Wsas).band()
    };
    assert_ne!(band(below), band(above));
    assert_eq!(Instrument::Wsas.band(below), band(below).unwrap());
    assert_eq!(Instrument::Wsas.band(above), band(above).unwrap());
}

fn spread_wsas(total: u8) -> Vec<u8> {
    let mut left = total;
    (0..5)
        .map(|_| {
            let s = left.min(8);
            left -= s;
            s
        })
        .collect()
}

#[test]
fn item9_at_one_with_total_three_is_urgent() {
    let mut a = answers(30, 2, 0);
    a.set("phq9_9", "several_days");
    let o = outcome(&a);
    let phq9 = o.score(Instrument::Phq9).unwrap();
    assert_eq!(
        phq9.result,
        ScoreResult::Complete {
            total: 3,
            max: 27,
            band: Band::Minimal
        }
    );
    assert_eq!(o.headline, Headline::UrgentSupport);
    assert!(o.reasons.contains(&Reason::Risk {
        kind: RiskKind::Item9
    }));
    assert_eq!(o.risk.len(), 1);
    assert_eq!(o.risk[0].item, "phq9_9");
}

#[rstest]
#[case::both_minimal(4, 4, Reason::FewSymptoms)]
#[case::phq9_mild(5, 4, Reason::SymptomsInMildToModerateRange)]
#[case::gad7_mild(4, 5, Reason::SymptomsInMildToModerateRange)]
#[case::moderately_severe(19, 14, Reason::SymptomsInMildToModerateRange)]
fn eligible_reasons(#[case] phq9: u8, #[case] gad7: u8, #[case] reason: Reason) {
    let o = outcome(&answers(30, phq9, gad7));
    assert_eq!(o.headline, Headline::Eligible);
    assert_eq!(o.reasons, vec![reason]);
}

#[rstest]
#[case::lower_phq9_threshold(15, 15, 15, 0, Headline::HigherIntensity)]
#[case::just_below_it(15, 15, 14, 14, Headline::Eligible)]
#[case::raised_gad7_threshold(20, 21, 0, 20, Headline::Eligible)]
#[case::at_raised_gad7(20, 21, 0, 21, Headline::HigherIntensity)]
fn configured_thresholds(
    #[case] phq9_threshold: u8,
    #[case] gad7_threshold: u8,
    #[case] phq9: u8,
    #[case] gad7: u8,
    #[case] headline: Headline,
) {
    let mut config = Config::default();
    config.thresholds.phq9_higher_intensity = phq9_threshold;
    config.thresholds.gad7_higher_intensity = gad7_threshold;
    assert!(config.validate().is_empty());
    let o = evaluate(&default_questionnaire(), &answers(30, phq9, gad7), &config);
    assert_eq!(o.headline, headline, "{:?}", o.reasons);
}

#[rstest]
#[case(11, Headline::OutsideAgeRange)]
#[case(12, Headline::Eligible)]
#[case(65, Headline::Eligible)]
#[case(66, Headline::OutsideAgeRange)]
fn configured_age_range(#[case] age: i64, #[case] headline: Headline) {
    let mut config = Config::default();
    config.age.min = 12;
    let o = evaluate(&default_questionnaire(), &answers(age, 7, 6), &config);
    assert_eq!(o.headline, headline);
}
