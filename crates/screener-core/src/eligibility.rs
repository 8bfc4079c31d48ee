//! Eligibility: from answers to an outcome with every reason that applies.
//!
//! [`evaluate`] collects *all* applicable [`Reason`]s, then derives the
//! [`Headline`] as the highest-precedence headline among them. Keeping
//! every reason (not just the winning one) lets the UI explain fully — "you
//! told us X, and also Y" — and lets a practitioner see the whole picture.
//!
//! # Rules and their sources
//!
//! Headline precedence, highest first:
//!
//! 1. **UrgentSupport** — any risk flag ([`risk`](super::risk)). The service
//!    is not for anyone with thoughts of suicide or self-harm or in an
//!    emergency; they are pointed to immediate help instead (Mind Hong Kong,
//!    iACT service description). Its published referral rule refers on when
//!    PHQ-9 item 9 and follow-up show high or imminent risk; because item 9
//!    alone misses many people at risk (Louzon et al. 2016), direct risk
//!    questions raise flags too, and "prefer not to say" counts as a flag.
//!    This comes first because safety does not wait for the rest of the
//!    questionnaire: one answer suffices.
//! 2. **OutsideAgeRange** — age below `config.age.min` or above
//!    `config.age.max` (default 18–65, the service FAQ).
//! 3. **ComplexNeeds** — diagnosed with a severe or complex condition
//!    (psychosis, bipolar disorder, personality disorder, eating disorder…),
//!    currently under a psychiatric team, or currently receiving another
//!    psychological therapy. The service is "not for people diagnosed with
//!    severe or complex mental health conditions" (service description).
//!    Current psychiatric care or another psychological therapy are
//!    exclusions this screener adds of its own: a team is
//!    already involved, and care should be coordinated with it rather than
//!    duplicated.
//! 4. **HigherIntensity** — PHQ-9 total ≥ `thresholds.phq9_higher_intensity`
//!    (default 20: the service's published referral rule, the PHQ-9 severe
//!    band of Kroenke 2001) or GAD-7 total ≥
//!    `thresholds.gad7_higher_intensity` (default 15: the GAD-7 severe band
//!    of Spitzer 2006). Only complete totals count.
//! 5. **Incomplete** — a required, currently shown item has no valid
//!    answer. People must not be told "eligible" before they have answered.
//!    It ranks below the exclusions above because those are already certain
//!    (a 70-year-old is outside the range whatever else they answer).
//! 6. **Eligible** — none of the above. One of two reasons says why:
//!    [`Reason::SymptomsInMildToModerateRange`] (at least one of PHQ-9/GAD-7
//!    at 5 or more, none at the higher-intensity threshold — the service is
//!    for mild to moderate depression or anxiety) or [`Reason::FewSymptoms`]
//!    (both minimal, below 5: still eligible — the service also takes "other
//!    emotional difficulties" — but the UI should say so, as self-help or
//!    peer support may suit better).
//!
//! WSAS is scored for the practitioner but enters no rule: the service's
//! published criteria do not use it.
//!
//! Contact preferences are asked only when the rest of the answers are
//! eligible ([`Condition::ProvisionallyEligible`]); once shown, they are
//! required like any other item, so `Eligible` means "eligible, and we know
//! how to reach you".
//!
//! Invalid answers never stop evaluation: they are listed in
//! [`Outcome::problems`] and treated as not given.
//!
//! The rules take what they need as data: the questionnaire, the answers and
//! the configuration are parameters, and the items they read (age, the
//! complexity questions, the value "yes") are named in [`names`](super::names),
//! the contract any questionnaire keeps. They never import a particular
//! questionnaire. They also say what is asked ([`Questionnaire::visible_items`]):
//! the model's visibility given the configuration's instruments and
//! [`provisionally_eligible`], which the model itself cannot know.
//!
//! [`Condition::ProvisionallyEligible`]: super::questionnaire::Condition::ProvisionallyEligible

use serde::{Deserialize, Serialize};

pub use super::headline::Headline;

use super::answers::{check_answers, AnswerProblem, Answers};
use super::config::Config;
use super::instruments::{score, Band, Instrument, ScaleScore, ScoreResult};
use super::names::{ids, values};
use super::questionnaire::{Item, Questionnaire, Visibility};
use super::risk::{risk_flags, RiskFlag, RiskKind};

/// Why: one applicable fact, as data for the UI to translate.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// A risk answer (one reason per kind; the items are in
    /// [`Outcome::risk`]).
    Risk {
        /// The kind of risk.
        kind: RiskKind,
    },
    /// Younger than the minimum age.
    AgeBelowMinimum {
        /// Age given.
        age: i64,
        /// Configured minimum.
        min: u8,
    },
    /// Older than the maximum age.
    AgeAboveMaximum {
        /// Age given.
        age: i64,
        /// Configured maximum.
        max: u8,
    },
    /// Diagnosed with a severe or complex mental health condition.
    ComplexCondition,
    /// Currently under a psychiatrist or psychiatric team.
    UnderPsychiatricTeam,
    /// Currently receiving another psychological therapy.
    OtherTherapy,
    /// PHQ-9 total at or above the higher-intensity threshold.
    Phq9AtOrAbove {
        /// PHQ-9 total.
        score: u8,
        /// Configured threshold.
        threshold: u8,
    },
    /// GAD-7 total at or above the higher-intensity threshold.
    Gad7AtOrAbove {
        /// GAD-7 total.
        score: u8,
        /// Configured threshold.
        threshold: u8,
    },
    /// Required, shown items without a valid answer, in questionnaire order.
    MissingAnswers {
        /// Item ids.
        items: Vec<String>,
    },
    /// PHQ-9 and GAD-7 complete, at least one mild or above, none at the
    /// higher-intensity threshold.
    SymptomsInMildToModerateRange,
    /// PHQ-9 and GAD-7 complete and both minimal (below 5).
    FewSymptoms,
}

impl Reason {
    /// The headline this reason argues for.
    pub fn headline(&self) -> Headline {
        match self {
            Reason::Risk { .. } => Headline::UrgentSupport,
            Reason::AgeBelowMinimum { .. } | Reason::AgeAboveMaximum { .. } => {
                Headline::OutsideAgeRange
            }
            Reason::ComplexCondition | Reason::UnderPsychiatricTeam | Reason::OtherTherapy => {
                Headline::ComplexNeeds
            }
            Reason::Phq9AtOrAbove { .. } | Reason::Gad7AtOrAbove { .. } => {
                Headline::HigherIntensity
            }
            Reason::MissingAnswers { .. } => Headline::Incomplete,
            Reason::SymptomsInMildToModerateRange | Reason::FewSymptoms => Headline::Eligible,
        }
    }
}

/// The result of screening.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The verdict: the highest-precedence headline among `reasons`.
    pub headline: Headline,
    /// Every applicable reason, grouped in headline precedence order.
    pub reasons: Vec<Reason>,
    /// Scores of the instruments the configuration enables.
    pub scores: Vec<ScaleScore>,
    /// Every raised risk flag, in questionnaire order.
    pub risk: Vec<RiskFlag>,
    /// Answers that could not be used (unknown item, wrong type, unknown
    /// option, out of range), in item-id order.
    pub problems: Vec<AnswerProblem>,
}

impl Outcome {
    /// The score of `instrument`, if it was asked.
    pub fn score(&self, instrument: Instrument) -> Option<&ScaleScore> {
        self.scores.iter().find(|s| s.instrument == instrument)
    }

    /// Whether someone said they are in danger right now (show the
    /// emergency number before anything else).
    pub fn immediate_danger(&self) -> bool {
        self.risk
            .iter()
            .any(|f| f.kind == RiskKind::ImmediateDanger)
    }
}

/// The headline implied by a set of reasons: the highest-precedence one,
/// or `Eligible` when there are none (possible only if the configuration
/// disables both PHQ-9 and GAD-7, which validation rejects).
pub fn headline_of(reasons: &[Reason]) -> Headline {
    reasons
        .iter()
        .map(Reason::headline)
        .min()
        .unwrap_or(Headline::Eligible)
}

/// Screens `answers`. Never panics and never fails: bad answers are
/// reported in [`Outcome::problems`]. See the module docs for the rules.
pub fn evaluate(questionnaire: &Questionnaire, answers: &Answers, config: &Config) -> Outcome {
    let risk = risk_flags(questionnaire, answers);
    let scores = enabled_scores(questionnaire, answers, config);
    let reasons = reasons(questionnaire, answers, config, &risk, &scores);
    Outcome {
        headline: headline_of(&reasons),
        reasons,
        scores,
        risk,
        problems: check_answers(questionnaire, answers),
    }
}

/// Whether the answers so far, ignoring everything under
/// [`Condition::ProvisionallyEligible`](super::questionnaire::Condition::ProvisionallyEligible),
/// are eligible — i.e. whether contact preferences should be asked.
pub fn provisionally_eligible(
    questionnaire: &Questionnaire,
    answers: &Answers,
    config: &Config,
) -> bool {
    let risk = risk_flags(questionnaire, answers);
    let scores = enabled_scores(questionnaire, answers, config);
    let base = reasons_assuming(questionnaire, answers, config, &risk, &scores, false);
    headline_of(&base) == Headline::Eligible
}

/// What the screener asks: the questionnaire model's visibility
/// ([`Questionnaire::visible_items_given`]) with the configuration's instruments and the
/// rules' provisional eligibility. Here, with the rules, because the model knows neither.
impl Questionnaire {
    /// The items to ask now, in order.
    ///
    /// Skips sections of instruments that `config` disables, sections and
    /// items whose [`Condition`](super::questionnaire::Condition) fails, and anything under
    /// [`Condition::ProvisionallyEligible`](super::questionnaire::Condition::ProvisionallyEligible)
    /// unless the answers so far are eligible ([`provisionally_eligible`]). A condition on
    /// an item that is itself hidden fails, so follow-ups disappear with the question they
    /// follow.
    pub fn visible_items<'q>(&'q self, answers: &Answers, config: &Config) -> Vec<&'q Item> {
        let visibility = Visibility {
            instruments: config.instruments,
            provisionally_eligible: provisionally_eligible(self, answers, config),
        };
        self.visible_items_given(answers, visibility)
    }

    /// How long answering takes, as the welcome screen says it before any answer: the
    /// number of questions asked of someone the service fits, rounded to the nearest 5
    /// ("about 30"), and the minutes at about 10 seconds a question, at least 2.
    ///
    /// Computed rather than written down because the partner's configuration decides
    /// which instruments are asked: a fixed "about 30" would be wrong for a partner who
    /// asks only the PHQ-9.
    pub fn length_estimate(&self, config: &Config) -> (usize, usize) {
        let asked = self.visible_items(&Answers::default(), config).len();
        let rounded = ((asked + 2) / 5 * 5).max(5);
        let minutes = asked.div_ceil(6).max(2);
        (rounded, minutes)
    }
}

/// Scores of the instruments that are both in the questionnaire and
/// enabled by the configuration.
fn enabled_scores(
    questionnaire: &Questionnaire,
    answers: &Answers,
    config: &Config,
) -> Vec<ScaleScore> {
    Instrument::ALL
        .into_iter()
        .filter(|&i| config.instruments.enabled(i) && questionnaire.instrument_section(i).is_some())
        .map(|i| score(questionnaire, answers, i))
        .collect()
}

fn reasons(
    questionnaire: &Questionnaire,
    answers: &Answers,
    config: &Config,
    risk: &[RiskFlag],
    scores: &[ScaleScore],
) -> Vec<Reason> {
    let base = reasons_assuming(questionnaire, answers, config, risk, scores, false);
    if headline_of(&base) == Headline::Eligible {
        // Now the contact section is shown; its answers become required.
        reasons_assuming(questionnaire, answers, config, risk, scores, true)
    } else {
        base
    }
}

fn reasons_assuming(
    questionnaire: &Questionnaire,
    answers: &Answers,
    config: &Config,
    risk: &[RiskFlag],
    scores: &[ScaleScore],
    provisionally_eligible: bool,
) -> Vec<Reason> {
    let mut reasons = Vec::new();

    for flag in risk {
        let reason = Reason::Risk { kind: flag.kind };
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }

    if let Some(age) = questionnaire
        .item(ids::AGE)
        .and_then(|item| item.number(answers))
    {
        if age < i64::from(config.age.min) {
            reasons.push(Reason::AgeBelowMinimum {
                age,
                min: config.age.min,
            });
        } else if age > i64::from(config.age.max) {
            reasons.push(Reason::AgeAboveMaximum {
                age,
                max: config.age.max,
            });
        }
    }

    let said_yes = |id: &str| {
        questionnaire
            .item(id)
            .and_then(|item| item.chosen(answers))
            .is_some_and(|option| option.value == values::YES)
    };
    for (id, reason) in [
        (ids::COMPLEX_DIAGNOSIS, Reason::ComplexCondition),
        (ids::PSYCHIATRIC_TEAM, Reason::UnderPsychiatricTeam),
        (ids::OTHER_THERAPY, Reason::OtherTherapy),
    ] {
        if said_yes(id) {
            reasons.push(reason);
        }
    }

    let total = |instrument| {
        scores
            .iter()
            .find(|s| s.instrument == instrument)
            .and_then(ScaleScore::total)
    };
    let phq9 = total(Instrument::Phq9);
    let gad7 = total(Instrument::Gad7);
    let phq9_threshold = config.thresholds.phq9_higher_intensity;
    let gad7_threshold = config.thresholds.gad7_higher_intensity;
    let phq9_high = phq9.filter(|&s| s >= phq9_threshold);
    let gad7_high = gad7.filter(|&s| s >= gad7_threshold);
    if let Some(score) = phq9_high {
        reasons.push(Reason::Phq9AtOrAbove {
            score,
            threshold: phq9_threshold,
        });
    }
    if let Some(score) = gad7_high {
        reasons.push(Reason::Gad7AtOrAbove {
            score,
            threshold: gad7_threshold,
        });
    }

    let visibility = Visibility {
        instruments: config.instruments,
        provisionally_eligible,
    };
    let missing: Vec<String> = questionnaire
        .visible_items_given(answers, visibility)
        .into_iter()
        .filter(|item| item.required && !item.is_answered(answers))
        .map(|item| item.id.clone())
        .collect();
    if !missing.is_empty() {
        reasons.push(Reason::MissingAnswers { items: missing });
    }

    // Symptom level: only from complete PHQ-9/GAD-7 scores that are asked.
    let symptom_scores: Vec<&ScaleScore> = scores
        .iter()
        .filter(|s| matches!(s.instrument, Instrument::Phq9 | Instrument::Gad7))
        .collect();
    let all_complete = symptom_scores
        .iter()
        .all(|s| matches!(s.result, ScoreResult::Complete { .. }));
    if !symptom_scores.is_empty() && all_complete && phq9_high.is_none() && gad7_high.is_none() {
        if symptom_scores
            .iter()
            .all(|s| s.band() == Some(Band::Minimal))
        {
            reasons.push(Reason::FewSymptoms);
        } else {
            reasons.push(Reason::SymptomsInMildToModerateRange);
        }
    }

    reasons
}
