//! A person's answers, and what can be wrong with them.
//!
//! Answers are plain data keyed by stable item id, so they can be stored,
//! restored, sent to a practitioner or replayed in a test without the
//! questionnaire in hand. Nothing here trusts them: an answer may come from an
//! old version of the questionnaire, from local storage edited by hand, or
//! from a partner's test harness. Every answer is therefore *checked* against
//! the questionnaire, and anything that does not fit is reported as an
//! [`AnswerProblem`] and then treated as not given — never guessed, never a
//! panic, never an error that stops the screening.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::questionnaire::{Item, ItemKind, Questionnaire, ResponseOption};

/// One answer. Serialised untagged: a string, an array of strings or an
/// integer, so stored answers read naturally (`{"age": 34, "phq9_1": "not_at_all"}`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// The stable value of one option (single choice).
    Choice(String),
    /// The stable values of the chosen options (multiple choice).
    Choices(Vec<String>),
    /// A whole number.
    Number(i64),
}

impl AnswerValue {
    /// The shape of this value.
    pub fn kind(&self) -> ValueKind {
        match self {
            AnswerValue::Choice(_) => ValueKind::Choice,
            AnswerValue::Choices(_) => ValueKind::Choices,
            AnswerValue::Number(_) => ValueKind::Number,
        }
    }
}

impl From<&str> for AnswerValue {
    fn from(value: &str) -> Self {
        AnswerValue::Choice(value.to_owned())
    }
}

impl From<String> for AnswerValue {
    fn from(value: String) -> Self {
        AnswerValue::Choice(value)
    }
}

impl From<i64> for AnswerValue {
    fn from(value: i64) -> Self {
        AnswerValue::Number(value)
    }
}

impl From<Vec<String>> for AnswerValue {
    fn from(values: Vec<String>) -> Self {
        AnswerValue::Choices(values)
    }
}

impl From<&[&str]> for AnswerValue {
    fn from(values: &[&str]) -> Self {
        AnswerValue::Choices(values.iter().map(|v| (*v).to_owned()).collect())
    }
}

/// The shape of an answer value, used to report a mismatch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A single option value (string).
    Choice,
    /// A list of option values (array of strings).
    Choices,
    /// A whole number.
    Number,
}

/// All answers given so far, keyed by item id.
///
/// Serialised as a plain JSON object. A `BTreeMap` keeps serialisation
/// deterministic, which matters for fixtures and for comparing handoffs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, AnswerValue>);

impl Answers {
    /// No answers.
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Records (or replaces) the answer to `item`.
    pub fn set(&mut self, item: impl Into<String>, value: impl Into<AnswerValue>) {
        self.0.insert(item.into(), value.into());
    }

    /// Builder form of [`Answers::set`], handy in tests and fixtures.
    #[must_use]
    pub fn with(mut self, item: impl Into<String>, value: impl Into<AnswerValue>) -> Answers {
        self.set(item, value);
        self
    }

    /// The answer to `item`, if any (valid or not).
    pub fn get(&self, item: &str) -> Option<&AnswerValue> {
        self.0.get(item)
    }

    /// Forgets the answer to `item`, returning it.
    pub fn remove(&mut self, item: &str) -> Option<AnswerValue> {
        self.0.remove(item)
    }

    /// How many answers are recorded (valid or not).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no answer is recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The answers in item-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Reads answers from any JSON value without failing.
    ///
    /// Strict deserialisation (`serde_json::from_value::<Answers>`) rejects the
    /// whole object if one value has an odd type. Stored or hand-written
    /// answers deserve better: every readable answer is kept, and every
    /// unreadable one (`true`, `null`, `1.5`, an object, an array holding
    /// non-strings, an integer beyond `i64`) becomes an [`AnswerProblem`] of
    /// kind [`ProblemKind::Unreadable`], in item-id order. A non-object
    /// input yields no answers and one problem with an empty item id.
    pub fn from_json_lenient(value: &serde_json::Value) -> (Answers, Vec<AnswerProblem>) {
        use serde_json::Value;
        let mut answers = Answers::new();
        let mut problems = Vec::new();
        let Value::Object(map) = value else {
            problems.push(AnswerProblem {
                item: String::new(),
                problem: ProblemKind::Unreadable {
                    found: JsonKind::of(value),
                },
            });
            return (answers, problems);
        };
        for (item, value) in map {
            let read = match value {
                Value::String(s) => Some(AnswerValue::Choice(s.clone())),
                Value::Number(n) => n.as_i64().map(AnswerValue::Number),
                Value::Array(values) => values
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .map(AnswerValue::Choices),
                _ => None,
            };
            match read {
                Some(answer) => answers.set(item.clone(), answer),
                None => problems.push(AnswerProblem {
                    item: item.clone(),
                    problem: ProblemKind::Unreadable {
                        found: JsonKind::of(value),
                    },
                }),
            }
        }
        // Item-id order, whatever order the JSON map iterates in.
        AnswerProblem::sort(&mut problems);
        (answers, problems)
    }
}

impl<K: Into<String>, V: Into<AnswerValue>> FromIterator<(K, V)> for Answers {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Answers(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

/// An answer that cannot be used, and why. Reported in
/// [`Outcome::problems`](super::eligibility::Outcome::problems); the answer is
/// then treated as not given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerProblem {
    /// The item id the answer was recorded under (empty when the answers as a
    /// whole were unreadable).
    pub item: String,
    /// What is wrong.
    pub problem: ProblemKind,
}

impl AnswerProblem {
    /// Puts problems in item-id order (stable), so reports read the same every time.
    ///
    /// An insertion sort: there are a handful of problems at most, and the standard
    /// library's stable sort adds a few kilobytes to the WebAssembly for this one use.
    pub fn sort(problems: &mut [AnswerProblem]) {
        for i in 1..problems.len() {
            let mut j = i;
            // Strictly greater, so equal ids keep their order (stable).
            while j > 0 && problems[j - 1].item > problems[j].item {
                problems.swap(j - 1, j);
                j -= 1;
            }
        }
    }
}

/// What is wrong with an answer. Data, not prose: the UI or a log decides
/// how to say it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    /// No item has this id (e.g. an answer kept from an older questionnaire).
    UnknownItem,
    /// The value has the wrong shape for the item (e.g. a number for a
    /// single-choice item).
    WrongType {
        /// The shape the item takes.
        expected: ValueKind,
        /// The shape that was given.
        found: ValueKind,
    },
    /// The value names no option of the item.
    UnknownOption {
        /// The value given.
        value: String,
    },
    /// The same option appears twice in a multiple-choice answer.
    DuplicateOption {
        /// The repeated value.
        value: String,
    },
    /// A whole number outside the item's accepted input range.
    OutOfRange {
        /// The number given.
        value: i64,
        /// Smallest accepted.
        min: i64,
        /// Largest accepted.
        max: i64,
    },
    /// The JSON value is not an answer at all (see
    /// [`Answers::from_json_lenient`]).
    Unreadable {
        /// What was found instead.
        found: JsonKind,
    },
}

/// The JSON type of an unreadable answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number that is not an integer, or beyond the `i64` range.
    NonIntegerNumber,
    /// A string (only unreadable where a whole object was expected).
    String,
    /// An array holding something other than strings.
    Array,
    /// A JSON object.
    Object,
}

impl JsonKind {
    fn of(value: &serde_json::Value) -> JsonKind {
        use serde_json::Value;
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Boolean,
            Value::Number(_) => JsonKind::NonIntegerNumber,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }
}

impl Item {
    /// Checks one value against this item. `Ok` means it can be used.
    pub fn check(&self, value: &AnswerValue) -> Result<(), ProblemKind> {
        match (&self.kind, value) {
            (ItemKind::Choice { options }, AnswerValue::Choice(v)) => {
                if options.iter().any(|o| &o.value == v) {
                    Ok(())
                } else {
                    Err(ProblemKind::UnknownOption { value: v.clone() })
                }
            }
            (ItemKind::MultiChoice { options }, AnswerValue::Choices(values)) => {
                for (i, v) in values.iter().enumerate() {
                    if !options.iter().any(|o| &o.value == v) {
                        return Err(ProblemKind::UnknownOption { value: v.clone() });
                    }
                    if values[..i].contains(v) {
                        return Err(ProblemKind::DuplicateOption { value: v.clone() });
                    }
                }
                Ok(())
            }
            (ItemKind::WholeNumber { min, max }, AnswerValue::Number(n)) => {
                if (*min..=*max).contains(n) {
                    Ok(())
                } else {
                    Err(ProblemKind::OutOfRange {
                        value: *n,
                        min: *min,
                        max: *max,
                    })
                }
            }
            (kind, value) => Err(ProblemKind::WrongType {
                expected: kind.value_kind(),
                found: value.kind(),
            }),
        }
    }

    /// The option chosen in a valid single-choice answer.
    pub fn chosen<'q>(&'q self, answers: &Answers) -> Option<&'q ResponseOption> {
        match (&self.kind, answers.get(&self.id)?) {
            (ItemKind::Choice { options }, AnswerValue::Choice(v)) => {
                options.iter().find(|o| &o.value == v)
            }
            _ => None,
        }
    }

    /// The valid whole-number answer, if any.
    pub fn number(&self, answers: &Answers) -> Option<i64> {
        match answers.get(&self.id)? {
            value @ AnswerValue::Number(n) if self.check(value).is_ok() => Some(*n),
            _ => None,
        }
    }

    /// Whether this item has a usable answer: present, valid, and (for
    /// multiple choice) at least one option chosen.
    pub fn is_answered(&self, answers: &Answers) -> bool {
        match answers.get(&self.id) {
            None => false,
            Some(AnswerValue::Choices(values)) if values.is_empty() => false,
            Some(value) => self.check(value).is_ok(),
        }
    }
}

/// Every problem with `answers` against `questionnaire`, in item-id order.
///
/// Answers to items that are currently hidden are *not* problems: people go
/// back and change earlier answers, and the later answers must survive.
pub fn check_answers(questionnaire: &Questionnaire, answers: &Answers) -> Vec<AnswerProblem> {
    answers
        .iter()
        .filter_map(|(id, value)| {
            let problem = match questionnaire.item(id) {
                None => ProblemKind::UnknownItem,
                Some(item) => item.check(value).err()?,
            };
            Some(AnswerProblem {
                item: id.to_owned(),
                problem,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn untagged_serde() {
        let answers = Answers::new()
            .with("a", "x")
            .with("b", 3)
            .with("c", vec!["p".to_owned(), "q".to_owned()]);
        let json = serde_json::to_value(&answers).unwrap();
        assert_eq!(json, json!({"a": "x", "b": 3, "c": ["p", "q"]}));
        assert_eq!(serde_json::from_value::<Answers>(json).unwrap(), answers);
    }

    #[test]
    fn lenient_reading_keeps_good_and_reports_bad() {
        let (answers, problems) = Answers::from_json_lenient(&json!({
            "ok": "x", "n": -4, "list": ["a"], "t": true, "z": null,
            "f": 1.5, "o": {}, "mixed": ["a", 1], "big": 18446744073709551615u64
        }));
        assert_eq!(answers.len(), 3);
        assert_eq!(answers.get("n"), Some(&AnswerValue::Number(-4)));
        let bad: Vec<_> = problems.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(bad, ["big", "f", "mixed", "o", "t", "z"]);
        let (answers, problems) = Answers::from_json_lenient(&json!([1]));
        assert!(answers.is_empty());
        assert_eq!(
            problems[0].problem,
            ProblemKind::Unreadable {
                found: JsonKind::Array
            }
        );
    }

    #[test]
    fn set_get_remove() {
        let mut answers = Answers::new();
        assert!(answers.is_empty());
        answers.set("age", 30);
        answers.set("age", 31);
        assert_eq!(answers.len(), 1);
        assert_eq!(answers.get("age"), Some(&AnswerValue::Number(31)));
        assert_eq!(answers.remove("age"), Some(AnswerValue::Number(31)));
        assert!(answers.get("age").is_none());
    }
}
