//! Where the person is in the screener, and where Next and Back take them.
//!
//! Pure functions over the core's plain data, so the whole route through the questions is
//! tested natively. The screens are: a welcome, one screen per *visible* question (see
//! [`Questionnaire::visible_items`]), a review of every answer, and the result.
//!
//! Invariant: navigation never changes answers. Hiding a follow-up question (because an
//! earlier answer changed) hides it from the route but keeps its answer, so changing the
//! earlier answer back restores it, and a risk answer keeps its flag until it is itself
//! changed.

use crate::core::{Answers, Config, Questionnaire};
use serde::{Deserialize, Serialize};

/// One screen of the screener.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum Screen {
    /// What the service is, who it is for, and how answers are kept.
    Welcome,
    /// One question, by stable item id.
    Question {
        /// The item's id.
        item: String,
    },
    /// Every answer, with a way to change each.
    Review,
    /// The outcome, its reasons and next steps.
    Result,
    /// How the service can reach the person (only when their result may send a request).
    Contact,
    /// Exactly what will be sent, to whom and why; the person confirms or goes back.
    Consent,
}

/// Position of a question among the questions asked now ("Question 4 of 27").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based index.
    pub number: usize,
    /// How many questions are asked with the answers so far.
    pub of: usize,
}

/// The visible item ids, in order.
fn route(q: &Questionnaire, answers: &Answers, config: &Config) -> Vec<String> {
    q.visible_items(answers, config)
        .into_iter()
        .map(|item| item.id.clone())
        .collect()
}

/// The first unanswered required question after `after` (or from the start), if any.
fn next_needed(
    q: &Questionnaire,
    answers: &Answers,
    config: &Config,
    after: Option<&str>,
) -> Option<String> {
    let visible = q.visible_items(answers, config);
    let start = after
        .and_then(|id| visible.iter().position(|item| item.id == id))
        .map_or(0, |i| i + 1);
    visible[start..]
        .iter()
        .find(|item| item.required && !item.is_answered(answers))
        .map(|item| item.id.clone())
}

/// Where Next goes from `screen`.
///
/// `from_review` is set while the person is changing an answer from the review screen:
/// Next then goes back to the review, unless the change made a new required question
/// appear after this one (a follow-up), which is asked first.
pub fn next(
    q: &Questionnaire,
    answers: &Answers,
    config: &Config,
    screen: &Screen,
    from_review: bool,
) -> Screen {
    match screen {
        Screen::Welcome => route(q, answers, config)
            .into_iter()
            .next()
            .map_or(Screen::Review, |item| Screen::Question { item }),
        Screen::Question { item } => {
            if from_review {
                return next_needed(q, answers, config, Some(item))
                    .map_or(Screen::Review, |item| Screen::Question { item });
            }
            let route = route(q, answers, config);
            let following = match route.iter().position(|id| id == item) {
                Some(i) => route.get(i + 1).cloned(),
                // The question was hidden meanwhile: continue with the first one still needed.
                None => next_needed(q, answers, config, None),
            };
            following.map_or(Screen::Review, |item| Screen::Question { item })
        }
        Screen::Review | Screen::Result => Screen::Result,
        Screen::Contact => Screen::Consent,
        Screen::Consent => Screen::Result,
    }
}

/// Where Back goes from `screen`.
pub fn back(q: &Questionnaire, answers: &Answers, config: &Config, screen: &Screen) -> Screen {
    let route = route(q, answers, config);
    match screen {
        Screen::Welcome => Screen::Welcome,
        Screen::Question { item } => match route.iter().position(|id| id == item) {
            Some(0) | None => Screen::Welcome,
            Some(i) => Screen::Question {
                item: route[i - 1].clone(),
            },
        },
        Screen::Review => route
            .last()
            .cloned()
            .map_or(Screen::Welcome, |item| Screen::Question { item }),
        Screen::Result => Screen::Review,
        Screen::Contact => Screen::Result,
        Screen::Consent => Screen::Contact,
    }
}

/// The question's position among those asked now, or `None` if it is not asked now.
pub fn position(
    q: &Questionnaire,
    answers: &Answers,
    config: &Config,
    item: &str,
) -> Option<Position> {
    let route = route(q, answers, config);
    route.iter().position(|id| id == item).map(|i| Position {
        number: i + 1,
        of: route.len(),
    })
}

/// Makes a restored screen safe to show: a question that no longer exists or is hidden
/// by the answers falls back to the first question still needed (or the review); the
/// contact and consent screens fall back to the result unless its outcome offers a
/// request to be contacted. `referral_read`: whether `config`'s `referral` section is
/// read; until it is (it is read with the code of those screens), they stay, and the
/// session checks them once it is.
pub fn restore(
    q: &Questionnaire,
    answers: &Answers,
    config: &Config,
    screen: Screen,
    referral_read: bool,
) -> Screen {
    match &screen {
        Screen::Contact | Screen::Consent if referral_read => {
            let headline = crate::core::evaluate(q, answers, config).headline;
            if config.referral.offers(headline) {
                screen
            } else {
                Screen::Result
            }
        }
        Screen::Question { item } if !route(q, answers, config).contains(item) => {
            next_needed(q, answers, config, None)
                .map_or(Screen::Review, |item| Screen::Question { item })
        }
        _ => screen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{default_questionnaire, AnswerValue};

    fn setup() -> (Questionnaire, Config) {
        (default_questionnaire(), Config::default())
    }

    fn q(item: &str) -> Screen {
        Screen::Question { item: item.into() }
    }

    #[test]
    fn welcome_leads_to_the_first_question_and_back_returns() {
        let (qn, cfg) = setup();
        let a = Answers::new();
        let first = next(&qn, &a, &cfg, &Screen::Welcome, false);
        assert_eq!(first, q("age"));
        assert_eq!(back(&qn, &a, &cfg, &first), Screen::Welcome);
    }

    #[test]
    fn walking_next_visits_every_visible_item_once_then_review() {
        let (qn, cfg) = setup();
        let a = Answers::new();
        let mut screen = Screen::Welcome;
        let mut seen = Vec::new();
        loop {
            screen = next(&qn, &a, &cfg, &screen, false);
            match &screen {
                Screen::Question { item } => seen.push(item.clone()),
                other => {
                    assert_eq!(other, &Screen::Review);
                    break;
                }
            }
        }
        assert_eq!(seen, route(&qn, &a, &cfg));
        assert_eq!(position(&qn, &a, &cfg, "age").unwrap().number, 1);
        assert_eq!(
            position(&qn, &a, &cfg, seen.last().unwrap()).unwrap().of,
            seen.len()
        );
    }

    #[test]
    fn a_follow_up_appears_after_the_answer_that_makes_it_relevant() {
        let (qn, cfg) = setup();
        let mut a = Answers::new();
        assert!(position(&qn, &a, &cfg, "risk_plans").is_none());
        a.set("risk_thoughts", AnswerValue::Choice("yes".into()));
        assert_eq!(
            next(&qn, &a, &cfg, &q("risk_thoughts"), false),
            q("risk_plans")
        );
    }

    /// Answers every visible required question harmlessly ("no", the first option, 30).
    fn complete(qn: &Questionnaire, cfg: &Config, mut a: Answers) -> Answers {
        use crate::core::ItemKind;
        loop {
            let missing: Vec<_> = qn
                .visible_items(&a, cfg)
                .into_iter()
                .filter(|i| i.required && !i.is_answered(&a))
                .cloned()
                .collect();
            if missing.is_empty() {
                return a;
            }
            for item in missing {
                let value = match &item.kind {
                    ItemKind::WholeNumber { .. } => AnswerValue::Number(30),
                    ItemKind::Choice { options } => AnswerValue::Choice(
                        options
                            .iter()
                            .find(|o| o.value == "no")
                            .unwrap_or(&options[0])
                            .value
                            .clone(),
                    ),
                    ItemKind::MultiChoice { options } => {
                        AnswerValue::Choices(vec![options[0].value.clone()])
                    }
                };
                a.set(item.id.clone(), value);
            }
        }
    }

    #[test]
    fn changing_from_review_returns_to_review_unless_a_follow_up_is_needed() {
        let (qn, cfg) = setup();
        let mut a = complete(&qn, &cfg, Answers::new());
        assert_eq!(
            next(&qn, &a, &cfg, &q("risk_thoughts"), true),
            Screen::Review
        );
        a.set("risk_thoughts", AnswerValue::Choice("yes".into()));
        assert_eq!(
            next(&qn, &a, &cfg, &q("risk_thoughts"), true),
            q("risk_plans")
        );
        a.set("risk_plans", AnswerValue::Choice("no".into()));
        assert_eq!(next(&qn, &a, &cfg, &q("risk_plans"), true), Screen::Review);
    }

    #[test]
    fn hiding_a_follow_up_keeps_its_answer() {
        let (qn, cfg) = setup();
        let mut a = Answers::new();
        a.set("risk_thoughts", AnswerValue::Choice("yes".into()));
        a.set("risk_plans", AnswerValue::Choice("no".into()));
        a.set("risk_thoughts", AnswerValue::Choice("no".into()));
        // Navigation from the now-hidden question goes on, and the answer is still there.
        let after = next(&qn, &a, &cfg, &q("risk_plans"), false);
        assert_ne!(after, q("risk_plans"));
        assert!(a.get("risk_plans").is_some());
    }

    #[test]
    fn restore_replaces_a_hidden_or_unknown_question() {
        let (qn, cfg) = setup();
        let a = Answers::new();
        assert_eq!(restore(&qn, &a, &cfg, q("no_such_item"), true), q("age"));
        assert_eq!(restore(&qn, &a, &cfg, q("age"), true), q("age"));
        assert_eq!(restore(&qn, &a, &cfg, Screen::Review, true), Screen::Review);
    }

    #[test]
    fn restore_keeps_contact_and_consent_only_while_the_referral_is_unread() {
        // The default configuration sends no request: its result offers none.
        let (qn, cfg) = setup();
        let a = Answers::new();
        for screen in [Screen::Contact, Screen::Consent] {
            assert_eq!(restore(&qn, &a, &cfg, screen.clone(), true), Screen::Result);
            assert_eq!(restore(&qn, &a, &cfg, screen.clone(), false), screen);
        }
    }
}
