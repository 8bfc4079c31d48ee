//! Risk signals.
//!
//! **Rule.** A risk flag is raised by an answer itself, the moment it is
//! given, independent of every other answer, of the order sections are
//! answered in, and of whether the item is currently shown. Only changing
//! that same answer lowers it.
//!
//! This is enforced by construction: the risk an answer carries is data on
//! its [`ResponseOption`](super::questionnaire::ResponseOption::risk), so
//! [`risk_of`] looks at one item and one value and nothing else, and
//! [`risk_flags`] is the union of `risk_of` over all answers. There is no
//! state, no threshold on a total and no dependence on visibility to get
//! wrong. A follow-up that becomes hidden (e.g. "plans" after "thoughts" is
//! changed to "no") keeps its flag until that answer itself is changed,
//! because someone who told us about plans has told us, whatever they
//! answered afterwards.
//!
//! **Why direct questions as well as PHQ-9 item 9.** Any PHQ-9 item 9 answer
//! above "not at all" needs follow-up (Kroenke 2001; the service's referral
//! rule refers on when item 9 and follow-up show high or imminent risk). But
//! "not at all" does not mean safe: in a large US veterans' study most
//! people who died by suicide had answered item 9 "not at all" (Louzon SA et
//! al., *Psychiatr Serv* 2016;67(5):517–522). The service is not for anyone
//! with thoughts of suicide or self-harm (Mind Hong Kong, iACT service
//! description), so it asks directly about thoughts, plans, self-harm, harm
//! to others and immediate danger.
//!
//! **"Prefer not to say" is a risk signal.** Declining to answer a direct
//! risk question cannot be read as "no"; the safe reading is to offer
//! immediate help, which costs a person who is safe very little.

use serde::{Deserialize, Serialize};

use super::answers::{AnswerValue, Answers};
use super::questionnaire::Questionnaire;

/// The kind of risk an answer signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    /// PHQ-9 item 9 above "not at all": thoughts of being better off dead or
    /// of self-harm on at least several days (Kroenke 2001).
    Item9,
    /// Thoughts of ending one's life in the past month.
    Thoughts,
    /// Plans or preparations to end one's life.
    Plans,
    /// Hurting oneself on purpose recently.
    SelfHarm,
    /// Worry about harming someone else.
    HarmToOthers,
    /// In danger right now.
    ImmediateDanger,
    /// Declined to answer a direct risk question.
    PreferNotToSay,
}

/// A raised risk flag: its kind and the item whose answer raised it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RiskFlag {
    /// What the answer signals.
    pub kind: RiskKind,
    /// The item id.
    pub item: String,
}

/// The risk signalled by answering `item_id` with `value`, looking at
/// nothing else. `None` for unknown items, unknown option values, numbers
/// and options that carry no risk.
///
/// A value of the wrong shape that still names a risky option (e.g.
/// `["yes"]` for a single-choice risk item) raises the flag: the shape is
/// reported as a problem elsewhere, but what the person said is clear, and
/// when in doubt we offer help. For several options, the first risky one in
/// display order.
pub fn risk_of(
    questionnaire: &Questionnaire,
    item_id: &str,
    value: &AnswerValue,
) -> Option<RiskKind> {
    let item = questionnaire.item(item_id)?;
    let named: &[String] = match value {
        AnswerValue::Choice(v) => std::slice::from_ref(v),
        AnswerValue::Choices(values) => values,
        AnswerValue::Number(_) => return None,
    };
    item.kind
        .options()
        .iter()
        .filter(|o| named.contains(&o.value))
        .find_map(|o| o.risk)
}

/// Every raised flag, in questionnaire order (so the result does not depend
/// on the order answers were given in).
pub fn risk_flags(questionnaire: &Questionnaire, answers: &Answers) -> Vec<RiskFlag> {
    questionnaire
        .items()
        .filter_map(|item| {
            let value = answers.get(&item.id)?;
            Some(RiskFlag {
                kind: risk_of(questionnaire, &item.id, value)?,
                item: item.id.clone(),
            })
        })
        .collect()
}
