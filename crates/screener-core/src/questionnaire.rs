//! The questionnaire model: sections, items, options, conditions.
//!
//! A questionnaire is *data*. Scores and risk signals live on the response
//! options themselves ([`ResponseOption::score`], [`ResponseOption::risk`]),
//! so scoring and risk detection are lookups rather than per-item code, and
//! a reviewer can check the clinical content by reading one file
//! ([`default_questionnaire`](mod@super::default_questionnaire)).
//!
//! Item ids and option values are stable identifiers: they are what gets
//! stored, handed off and compared in tests. Never renumber them; add new
//! ones instead.
//!
//! Visibility ([`Questionnaire::visible_items_given`]) decides only what is
//! *asked*. It never changes what an answer *means*: a risk answer raises its
//! flag whether or not its item is currently shown (see [`risk`](super::risk)).
//!
//! **The model knows no rule and no configuration.** What visibility needs
//! besides the answers (which instruments are asked, whether the person is
//! provisionally eligible) comes in as a [`Visibility`]; the rules compute it
//! ([`Questionnaire::visible_items`], in [`eligibility`](super::eligibility)).
//! This file imports only the model's own vocabulary (answers, instruments,
//! risk kinds, texts), so the rules can read the model without a circle.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::answers::{AnswerValue, Answers, ValueKind};
use super::instruments::{Instrument, InstrumentSet};
use super::risk::RiskKind;
use super::text::Text;

/// A whole questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// Stable id, e.g. `"intake"`.
    pub id: String,
    /// Content version; bump it whenever wording or options change, so
    /// stored answers can be traced to the wording that was shown.
    pub version: String,
    /// Sections in the order they are asked.
    pub sections: Vec<Section>,
}

/// A group of items shown together (one page, typically).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id, e.g. `"phq9"`, `"risk"`, `"contact"`.
    pub id: String,
    /// Heading.
    pub title: Text,
    /// Shared lead-in for the items, e.g. "Over the last 2 weeks, how often
    /// have you been bothered by any of the following problems?".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stem: Option<Text>,
    /// The standard instrument this section administers, if any. Sections of
    /// instruments the configuration disables are not asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<Instrument>,
    /// Shown only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Items in the order they are asked.
    pub items: Vec<Item>,
}

/// Where the Chinese wording of a standard instrument comes from.
///
/// Standard instruments must use a published, validated translation, never
/// our own: a reworded item is a different item, and its scores no longer
/// mean what the published bands say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationSource {
    /// The published translation followed.
    pub citation: String,
    /// `true` only once every text has been compared word for word with the
    /// published document. `false` means the wording is believed to follow
    /// it but must be checked before clinical use.
    pub translation_confirmed: bool,
    /// What was and was not confirmed.
    pub note: String,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id, e.g. `"age"`, `"phq9_1"`, `"risk_thoughts"`.
    pub id: String,
    /// The question.
    pub text: Text,
    /// Optional explanation shown with the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// How it is answered.
    pub kind: ItemKind,
    /// Shown only when this holds (evaluated after the section's condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Whether an answer is needed (when the item is shown) before an
    /// outcome other than `Incomplete` can be given.
    pub required: bool,
}

/// How an item is answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    /// Exactly one option.
    Choice {
        /// The options, in display order.
        options: Vec<ResponseOption>,
    },
    /// Any number of options (at least one when required).
    MultiChoice {
        /// The options, in display order.
        options: Vec<ResponseOption>,
    },
    /// A whole number within an *input* range. The input range only catches
    /// typing slips; eligibility ranges live in [`Config`](crate::Config), so a person
    /// outside the service's range still gets a clear answer.
    WholeNumber {
        /// Smallest accepted input.
        min: i64,
        /// Largest accepted input.
        max: i64,
    },
}

impl ItemKind {
    /// The options (empty for whole numbers).
    pub fn options(&self) -> &[ResponseOption] {
        match self {
            ItemKind::Choice { options } | ItemKind::MultiChoice { options } => options,
            ItemKind::WholeNumber { .. } => &[],
        }
    }

    /// The answer shape this kind takes.
    pub fn value_kind(&self) -> ValueKind {
        match self {
            ItemKind::Choice { .. } => ValueKind::Choice,
            ItemKind::MultiChoice { .. } => ValueKind::Choices,
            ItemKind::WholeNumber { .. } => ValueKind::Number,
        }
    }
}

/// One answer option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseOption {
    /// Stable value stored in [`Answers`], e.g. `"several_days"`.
    pub value: String,
    /// What the person reads.
    pub label: Text,
    /// Points towards the instrument total; `None` for unscored options
    /// (including "not applicable").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    /// The risk this answer signals by itself, whatever else is answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskKind>,
}

/// When a section or item is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Condition {
    /// The (shown) item `item` has a valid answer among `values`; for a
    /// multiple-choice item, any chosen value counts.
    AnswerIn {
        /// Id of an item asked earlier.
        item: String,
        /// Option values that make this relevant.
        values: Vec<String>,
    },
    /// The person is provisionally eligible: [`evaluate`](super::eligibility::evaluate),
    /// ignoring every item under this condition, would say `Eligible` (given as
    /// [`Visibility::provisionally_eligible`]). Used for contact preferences:
    /// we only ask how to reach people we can offer the service to.
    ProvisionallyEligible,
}

/// What decides visibility besides the answers, decided elsewhere and given here as data:
/// the model knows no configuration and no eligibility rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visibility {
    /// The instruments asked: sections of the others are not shown (the configuration's
    /// [`InstrumentSet`]).
    pub instruments: InstrumentSet,
    /// Whether the items under [`Condition::ProvisionallyEligible`] are shown: whether the
    /// rules, ignoring those items, find the answers eligible
    /// ([`provisionally_eligible`](crate::eligibility::provisionally_eligible)).
    pub provisionally_eligible: bool,
}

impl Questionnaire {
    /// Every item, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|item| item.id == id)
    }

    /// The section holding the item with this id.
    pub fn section_of(&self, item_id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.id == item_id))
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The section administering `instrument`.
    pub fn instrument_section(&self, instrument: Instrument) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.instrument == Some(instrument))
    }

    /// The items to ask now, in order, given what visibility depends on besides the
    /// answers ([`Visibility`]).
    ///
    /// Skips sections of instruments not in `visibility.instruments`, sections and items
    /// whose [`Condition`] fails, and anything under
    /// [`Condition::ProvisionallyEligible`] unless `visibility.provisionally_eligible`. A
    /// condition on an item that is itself hidden fails, so follow-ups disappear with the
    /// question they follow.
    ///
    /// The screener asks what [`visible_items`](Questionnaire::visible_items) returns:
    /// this with the configuration's instruments and the rules' provisional eligibility.
    pub fn visible_items_given<'q>(
        &'q self,
        answers: &Answers,
        visibility: Visibility,
    ) -> Vec<&'q Item> {
        let Visibility {
            instruments,
            provisionally_eligible,
        } = visibility;
        let mut shown: Vec<&Item> = Vec::new();
        for section in &self.sections {
            if let Some(instrument) = section.instrument {
                if !instruments.enabled(instrument) {
                    continue;
                }
            }
            let holds = |condition: &Option<Condition>, shown: &[&Item]| match condition {
                None => true,
                Some(c) => c.holds(answers, shown, provisionally_eligible),
            };
            if !holds(&section.show_if, &shown) {
                continue;
            }
            for item in &section.items {
                if holds(&item.show_if, &shown) {
                    shown.push(item);
                }
            }
        }
        shown
    }

    /// Structural mistakes in the questionnaire itself: duplicate ids,
    /// duplicate option values, conditions that refer to unknown or later
    /// items or to values that are not options, empty texts, empty input
    /// ranges, scored instrument items missing. Empty for a sound
    /// questionnaire; the default one is tested to be sound.
    pub fn structural_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut section_ids = BTreeSet::new();
        let mut earlier: Vec<&Item> = Vec::new();
        for section in &self.sections {
            if !section_ids.insert(section.id.as_str()) {
                problems.push(format!("section `{}`: duplicate section id", section.id));
            }
            check_text(
                &mut problems,
                &format!("section `{}` title", section.id),
                &section.title,
            );
            if let Some(stem) = &section.stem {
                check_text(
                    &mut problems,
                    &format!("section `{}` stem", section.id),
                    stem,
                );
            }
            if let Some(c) = &section.show_if {
                check_condition(
                    &mut problems,
                    &format!("section `{}`", section.id),
                    c,
                    &earlier,
                );
            }
            for item in &section.items {
                let at = format!("item `{}`", item.id);
                if self.items().filter(|i| i.id == item.id).count() > 1
                    && !problems.contains(&format!("{at}: duplicate item id"))
                {
                    problems.push(format!("{at}: duplicate item id"));
                }
                check_text(&mut problems, &at, &item.text);
                if let Some(help) = &item.help {
                    check_text(&mut problems, &format!("{at} help"), help);
                }
                if let Some(c) = &item.show_if {
                    check_condition(&mut problems, &at, c, &earlier);
                }
                match &item.kind {
                    ItemKind::WholeNumber { min, max } if min > max => {
                        problems.push(format!("{at}: input range {min}..={max} is empty"));
                    }
                    ItemKind::Choice { options } | ItemKind::MultiChoice { options } => {
                        if options.is_empty() {
                            problems.push(format!("{at}: no options"));
                        }
                        for (i, option) in options.iter().enumerate() {
                            if options[..i].iter().any(|o| o.value == option.value) {
                                problems.push(format!("{at}: duplicate option `{}`", option.value));
                            }
                            check_text(
                                &mut problems,
                                &format!("{at} option `{}`", option.value),
                                &option.label,
                            );
                        }
                    }
                    ItemKind::WholeNumber { .. } => {}
                }
                earlier.push(item);
            }
        }
        for instrument in Instrument::ALL {
            let Some(section) = self.instrument_section(instrument) else {
                continue;
            };
            for id in instrument.item_ids() {
                match section.items.iter().find(|i| i.id == *id) {
                    None => {
                        problems.push(format!("{}: scored item `{id}` missing", instrument.name()))
                    }
                    Some(item) => {
                        let max = item.kind.options().iter().filter_map(|o| o.score).max();
                        if max != Some(instrument.item_max()) {
                            problems.push(format!(
                                "{}: item `{id}` options do not reach {}",
                                instrument.name(),
                                instrument.item_max()
                            ));
                        }
                    }
                }
            }
        }
        problems
    }
}

fn check_text(problems: &mut Vec<String>, at: &str, text: &Text) {
    if !text.is_complete() {
        problems.push(format!("{at}: text missing in a language"));
    }
}

fn check_condition(problems: &mut Vec<String>, at: &str, condition: &Condition, earlier: &[&Item]) {
    if let Condition::AnswerIn { item, values } = condition {
        match earlier.iter().find(|i| &i.id == item) {
            None => problems.push(format!(
                "{at}: condition refers to `{item}`, which is not asked earlier"
            )),
            Some(target) => {
                for value in values {
                    if !target.kind.options().iter().any(|o| &o.value == value) {
                        problems.push(format!(
                            "{at}: condition value `{value}` is not an option of `{item}`"
                        ));
                    }
                }
            }
        }
    }
}

impl Condition {
    /// Whether this condition holds, given the items shown so far.
    fn holds(&self, answers: &Answers, shown: &[&Item], provisionally_eligible: bool) -> bool {
        match self {
            Condition::ProvisionallyEligible => provisionally_eligible,
            Condition::AnswerIn { item, values } => {
                let Some(target) = shown.iter().find(|i| &i.id == item) else {
                    return false;
                };
                let Some(value) = answers.get(item) else {
                    return false;
                };
                if target.check(value).is_err() {
                    return false;
                }
                match value {
                    AnswerValue::Choice(v) => values.contains(v),
                    AnswerValue::Choices(vs) => vs.iter().any(|v| values.contains(v)),
                    AnswerValue::Number(_) => false,
                }
            }
        }
    }
}

impl Item {
    /// The option with this value.
    pub fn option(&self, value: &str) -> Option<&ResponseOption> {
        self.kind.options().iter().find(|o| o.value == value)
    }
}
