//! Standard instruments and their published scoring.
//!
//! | instrument | items | item range | total | bands | source |
//! |---|---|---|---|---|---|
//! | PHQ-9 | 9 | 0–3 | 0–27 | 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe | Kroenke, Spitzer & Williams 2001 |
//! | GAD-7 | 7 | 0–3 | 0–21 | 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe | Spitzer, Kroenke, Williams & Löwe 2006 |
//! | WSAS | 5 | 0–8 | 0–40 | <10 subclinical, 10–20 significant impairment, >20 moderately severe or worse | Mundt, Marks, Shear & Greist 2002 |
//!
//! Scoring is a plain sum of the option scores held in the questionnaire
//! data. A total is given only when every scored item has a valid answer;
//! otherwise the result is [`ScoreResult::Incomplete`] with how many were
//! answered, because a sum of some items is not a lower-severity total, and
//! prorating would be a guess presented as a measurement.
//!
//! **WSAS work item "not applicable".** Mundt et al. let people who are
//! retired, or not working for reasons unrelated to their problem, mark item
//! 1 as not applicable. We then total the four other items (range 0–32, shown
//! as `max: 32`) and apply the published bands unchanged, rather than
//! prorating to 40: prorating invents an answer, while the four-item total
//! is exactly what the person told us. The cost is that the bands may
//! under-state impairment for these people; WSAS does not enter the
//! eligibility rules (see [`eligibility`](super::eligibility)), so this
//! cannot wrongly exclude anyone, and the practitioner sees `max: 32`.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::questionnaire::Questionnaire;

/// A standard instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// Patient Health Questionnaire, 9 items: depression severity.
    ///
    /// Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief
    /// depression severity measure. *J Gen Intern Med* 2001;16(9):606–613.
    Phq9,
    /// Generalized Anxiety Disorder scale, 7 items: anxiety severity.
    ///
    /// Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for
    /// assessing generalized anxiety disorder: the GAD-7. *Arch Intern Med*
    /// 2006;166(10):1092–1097.
    Gad7,
    /// Work and Social Adjustment Scale, 5 items: functional impairment.
    ///
    /// Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social
    /// Adjustment Scale: a simple measure of impairment in functioning.
    /// *Br J Psychiatry* 2002;180:461–464.
    Wsas,
}

/// Which standard instruments are asked and scored: the configuration's `instruments`
/// section ([`Config::instruments`](crate::Config::instruments), default in
/// `config/defaults.rs`). Here, beside [`Instrument`], so that the questionnaire model can
/// be told which sections to ask without knowing the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InstrumentSet {
    /// PHQ-9 (depression).
    pub phq9: bool,
    /// GAD-7 (anxiety).
    pub gad7: bool,
    /// WSAS (functioning; scored, not used for eligibility).
    pub wsas: bool,
}

impl InstrumentSet {
    /// Whether `instrument` is asked.
    pub fn enabled(&self, instrument: Instrument) -> bool {
        match instrument {
            Instrument::Phq9 => self.phq9,
            Instrument::Gad7 => self.gad7,
            Instrument::Wsas => self.wsas,
        }
    }
}

const PHQ9_ITEMS: [&str; 9] = [
    "phq9_1", "phq9_2", "phq9_3", "phq9_4", "phq9_5", "phq9_6", "phq9_7", "phq9_8", "phq9_9",
];
const GAD7_ITEMS: [&str; 7] = [
    "gad7_1", "gad7_2", "gad7_3", "gad7_4", "gad7_5", "gad7_6", "gad7_7",
];
const WSAS_ITEMS: [&str; 5] = ["wsas_1", "wsas_2", "wsas_3", "wsas_4", "wsas_5"];

impl Instrument {
    /// Every instrument, in the order they are asked.
    pub const ALL: [Instrument; 3] = [Instrument::Phq9, Instrument::Gad7, Instrument::Wsas];

    /// Stable id, as configurations, saved records and FHIR link ids write it (`"phq9"`).
    pub fn id(self) -> &'static str {
        match self {
            Instrument::Phq9 => "phq9",
            Instrument::Gad7 => "gad7",
            Instrument::Wsas => "wsas",
        }
    }

    /// Short display name (the same in both languages).
    pub fn name(self) -> &'static str {
        match self {
            Instrument::Phq9 => "PHQ-9",
            Instrument::Gad7 => "GAD-7",
            Instrument::Wsas => "WSAS",
        }
    }

    /// Ids of the scored items, in order. (The PHQ-9 difficulty item,
    /// `phq9_difficulty`, is asked but, as published, never scored.)
    pub fn item_ids(self) -> &'static [&'static str] {
        match self {
            Instrument::Phq9 => &PHQ9_ITEMS,
            Instrument::Gad7 => &GAD7_ITEMS,
            Instrument::Wsas => &WSAS_ITEMS,
        }
    }

    /// Number of scored items.
    pub fn item_count(self) -> u8 {
        self.item_ids().len() as u8
    }

    /// Highest score of one item: 3 for PHQ-9 and GAD-7, 8 for WSAS.
    pub fn item_max(self) -> u8 {
        match self {
            Instrument::Phq9 | Instrument::Gad7 => 3,
            Instrument::Wsas => 8,
        }
    }

    /// Highest total: 27, 21, 40.
    pub fn max_score(self) -> u8 {
        self.item_count() * self.item_max()
    }

    /// LOINC code of the panel, where one exists (PHQ-9 44249-1, GAD-7
    /// 69737-5). None is recorded for WSAS here.
    pub fn loinc_panel(self) -> Option<&'static str> {
        match self {
            Instrument::Phq9 => Some("44249-1"),
            Instrument::Gad7 => Some("69737-5"),
            Instrument::Wsas => None,
        }
    }

    /// LOINC code of the total score, where one exists (PHQ-9 44261-6,
    /// GAD-7 70274-6).
    pub fn loinc_total(self) -> Option<&'static str> {
        match self {
            Instrument::Phq9 => Some("44261-6"),
            Instrument::Gad7 => Some("70274-6"),
            Instrument::Wsas => None,
        }
    }

    /// The publication that defines the instrument and its bands.
    pub fn citation(self) -> &'static str {
        match self {
            Instrument::Phq9 => "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606-613.",
            Instrument::Gad7 => "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097.",
            Instrument::Wsas => "Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple measure of impairment in functioning. Br J Psychiatry 2002;180:461-464.",
        }
    }

    /// The published severity band of a total.
    ///
    /// * PHQ-9 (Kroenke 2001): cut-offs 5, 10, 15, 20.
    /// * GAD-7 (Spitzer 2006): cut-offs 5, 10, 15.
    /// * WSAS (Mundt 2002): below 10, 10–20, above 20.
    ///
    /// Totals above the maximum (impossible from valid answers) fall in the
    /// top band rather than panicking.
    pub fn band(self, total: u8) -> Band {
        match self {
            Instrument::Phq9 => match total {
                0..=4 => Band::Minimal,
                5..=9 => Band::Mild,
                10..=14 => Band::Moderate,
                15..=19 => Band::ModeratelySevere,
                _ => Band::Severe,
            },
            Instrument::Gad7 => match total {
                0..=4 => Band::Minimal,
                5..=9 => Band::Mild,
                10..=14 => Band::Moderate,
                _ => Band::Severe,
            },
            Instrument::Wsas => match total {
                0..=9 => Band::WsasSubclinical,
                10..=20 => Band::WsasSignificant,
                _ => Band::WsasSevere,
            },
        }
    }
}

/// A published severity band. One enum for all instruments keeps the UI's
/// translation table small; [`Instrument::band`] says which apply to which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// PHQ-9 or GAD-7 0–4.
    Minimal,
    /// PHQ-9 or GAD-7 5–9.
    Mild,
    /// PHQ-9 or GAD-7 10–14.
    Moderate,
    /// PHQ-9 15–19.
    ModeratelySevere,
    /// PHQ-9 20–27 or GAD-7 15–21.
    Severe,
    /// WSAS below 10: associated with subclinical populations.
    WsasSubclinical,
    /// WSAS 10–20: significant functional impairment.
    WsasSignificant,
    /// WSAS above 20: moderately severe or worse.
    WsasSevere,
}

/// The score of one instrument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleScore {
    /// Which instrument.
    pub instrument: Instrument,
    /// The total, or how far from complete it is.
    pub result: ScoreResult,
}

impl ScaleScore {
    /// The total, when complete.
    pub fn total(&self) -> Option<u8> {
        match self.result {
            ScoreResult::Complete { total, .. } => Some(total),
            ScoreResult::Incomplete { .. } => None,
        }
    }

    /// The band, when complete.
    pub fn band(&self) -> Option<Band> {
        match self.result {
            ScoreResult::Complete { band, .. } => Some(band),
            ScoreResult::Incomplete { .. } => None,
        }
    }
}

/// A total, or the reason there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ScoreResult {
    /// Every scored item answered.
    Complete {
        /// Sum of item scores.
        total: u8,
        /// Highest possible total for the items counted (e.g. 32 for WSAS
        /// with the work item not applicable).
        max: u8,
        /// Published band of `total`.
        band: Band,
    },
    /// Some scored items have no valid answer: no total is given.
    Incomplete {
        /// Items with a valid answer.
        answered: u8,
        /// Items scored.
        of: u8,
    },
}

/// Scores `instrument` from `answers`, using the option scores in
/// `questionnaire`.
///
/// Invalid answers (unknown option, wrong type) count as unanswered; an
/// option without a score ("not applicable") counts as answered and is left
/// out of both the total and the maximum. Scoring does not look at
/// visibility or configuration: the caller decides whether to score.
pub fn score(
    questionnaire: &Questionnaire,
    answers: &Answers,
    instrument: Instrument,
) -> ScaleScore {
    let mut answered = 0u8;
    let mut total = 0u8;
    let mut max = 0u8;
    for id in instrument.item_ids() {
        let Some(option) = questionnaire.item(id).and_then(|item| item.chosen(answers)) else {
            continue;
        };
        answered += 1;
        if let Some(points) = option.score {
            // Saturating: option scores are data, and a malformed
            // questionnaire must not be able to panic the screener.
            total = total.saturating_add(points);
            max = max.saturating_add(instrument.item_max());
        }
    }
    let of = instrument.item_count();
    let result = if answered == of {
        ScoreResult::Complete {
            total,
            max,
            band: instrument.band(total),
        }
    } else {
        ScoreResult::Incomplete { answered, of }
    };
    ScaleScore { instrument, result }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maxima() {
        assert_eq!(Instrument::Phq9.max_score(), 27);
        assert_eq!(Instrument::Gad7.max_score(), 21);
        assert_eq!(Instrument::Wsas.max_score(), 40);
    }

    #[test]
    fn bands_cover_every_total() {
        for instrument in Instrument::ALL {
            for total in 0..=instrument.max_score() {
                let _ = instrument.band(total);
            }
            // Out-of-range totals do not panic.
            let _ = instrument.band(u8::MAX);
        }
        assert_eq!(Instrument::Phq9.band(27), Band::Severe);
        assert_eq!(Instrument::Gad7.band(21), Band::Severe);
        assert_eq!(Instrument::Wsas.band(40), Band::WsasSevere);
    }
}
