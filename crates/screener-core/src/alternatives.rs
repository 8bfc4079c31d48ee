//! Matching: which of the partner's listed services ([`Config::alternatives`]) a person
//! is shown, in what order, and why.
//!
//! # INVARIANT
//!
//! [`suggest`] is a pure function of the configuration's list, the outcome, the age given
//! and the optional peer-support [`Reflection`]; it never fails and never changes the
//! outcome. **The reflection only reorders the peer options** (and says which of the
//! person's preferences each one meets): it adds or removes nothing, so the set of
//! services shown, and the ids handed off ([`shown_ids`]), depend on the outcome and the
//! age alone. Crisis lines are not alternatives: on an urgent-support result they stay
//! first (the crisis panel), and these follow below them.
//!
//! # Rules
//!
//! 1. The outcome gives its [`situations`], most relevant first: the headline's own, then
//!    the other exclusions among its reasons (a 70-year-old with scores in the severe
//!    range is outside the age range *and* may need more intensive help). An incomplete
//!    screening gives none.
//! 2. A service is suggested when it suits one of them and takes the person's age (an
//!    unknown age, e.g. a risk answer before the age question, excludes no one).
//! 3. Order: by the first situation it suits (its position in rule 1), then the
//!    partner's order.
//! 4. With a reflection, the peer options trade places among the positions peer options
//!    hold, best match first (setting, then approach, then one-to-one when hearing others'
//!    experiences may be hard); "not now" moves every peer option after the others.

use super::answers::Answers;
use super::config::{Alternative, Approach, Config, Form, Mode, Situation};
use super::eligibility::{Headline, Outcome, Reason};
use super::names::ids;
use super::questionnaire::Questionnaire;

/// Is now the right time to try peer support?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// Yes, now.
    Now,
    /// Not sure.
    NotSure,
    /// Not now.
    NotNow,
}

/// Would the person rather talk, or do things together?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StylePref {
    /// Talk things through.
    Talking,
    /// Do activities together.
    Activities,
    /// Either.
    Either,
}

/// Online, or face to face?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingPref {
    /// Meet in person.
    FaceToFace,
    /// Online.
    Online,
    /// Either.
    Either,
}

/// Might hearing others' experiences be hard right now?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OthersHard {
    /// Yes, it might.
    Yes,
    /// Maybe.
    Maybe,
    /// No.
    No,
}

/// The optional peer-support reflection: unscored, every answer may be left out, kept on
/// the device with the other answers, and never used for eligibility.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reflection {
    /// Is now the right time?
    pub timing: Option<Timing>,
    /// Talking or activities?
    pub style: Option<StylePref>,
    /// Online or face to face?
    pub setting: Option<SettingPref>,
    /// Might hearing others' experiences be hard?
    pub others_hard: Option<OthersHard>,
}

/// Each question's options, in display order (the order of [`Reflection::position`]).
const TIMING: [Timing; 3] = [Timing::Now, Timing::NotSure, Timing::NotNow];
const STYLE: [StylePref; 3] = [StylePref::Talking, StylePref::Activities, StylePref::Either];
const SETTING: [SettingPref; 3] = [
    SettingPref::FaceToFace,
    SettingPref::Online,
    SettingPref::Either,
];
const OTHERS: [OthersHard; 3] = [OthersHard::Yes, OthersHard::Maybe, OthersHard::No];

impl Reflection {
    /// Whether nothing was answered.
    pub fn is_empty(&self) -> bool {
        *self == Reflection::default()
    }

    /// The stored form: four characters, one per question in the order of
    /// [`Reflection::position`], each the option's position (`0`–`2`) or `-` when
    /// unanswered; e.g. `"0-1-"` is "now" and "online". A compact string rather than an
    /// object: it costs the WebAssembly almost nothing to write and read.
    pub fn to_code(&self) -> String {
        (0..4)
            .map(|q| match self.position(q) {
                Some(i) => char::from(b'0' + i as u8),
                None => '-',
            })
            .collect()
    }

    /// Reads [`Reflection::to_code`]'s form leniently: anything unknown is unanswered.
    pub fn from_code(code: &str) -> Reflection {
        let mut r = Reflection::default();
        for (q, c) in code.chars().take(4).enumerate() {
            if let Some(i) = c.to_digit(10) {
                r.set_position(q, i as usize);
            }
        }
        r
    }

    /// The answer to question `q` (0: timing, 1: style, 2: setting, 3: others' experiences)
    /// as the position of its option in display order (the order of each enum).
    pub fn position(&self, q: usize) -> Option<usize> {
        fn at<T: Copy + PartialEq>(table: &[T], v: Option<T>) -> Option<usize> {
            table.iter().position(|x| Some(*x) == v)
        }
        match q {
            0 => at(&TIMING, self.timing),
            1 => at(&STYLE, self.style),
            2 => at(&SETTING, self.setting),
            _ => at(&OTHERS, self.others_hard),
        }
    }

    /// Answers question `q` (see [`Reflection::position`]) with the option at `i`; an
    /// option that does not exist leaves the question unanswered.
    pub fn set_position(&mut self, q: usize, i: usize) {
        match q {
            0 => self.timing = TIMING.get(i).copied(),
            1 => self.style = STYLE.get(i).copied(),
            2 => self.setting = SETTING.get(i).copied(),
            _ => self.others_hard = OTHERS.get(i).copied(),
        }
    }
}

/// A preference of the person's that a peer option meets (for the UI to say so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// It meets in the setting the person prefers.
    Setting(SettingPref),
    /// It is about what the person prefers (talking or activities).
    Style(StylePref),
    /// It is one to one, for someone who finds others' experiences hard to hear.
    OneToOne,
}

/// One suggested service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Its position in [`Config::alternatives`].
    pub index: usize,
    /// The situation it is suggested for (the reason the UI words).
    pub situation: Situation,
    /// The reflection's preferences it meets (peer options only; empty without answers).
    pub fits: Vec<Fit>,
}

/// The situations of an outcome, most relevant first (rule 1).
pub fn situations(outcome: &Outcome) -> Vec<Situation> {
    let mut list = Vec::new();
    match outcome.headline {
        Headline::Incomplete => {}
        Headline::Eligible => {
            if outcome.reasons.contains(&Reason::FewSymptoms) {
                list.push(Situation::FewSymptoms);
            }
            list.push(Situation::EligibleWaiting);
        }
        headline => {
            if headline == Headline::UrgentSupport {
                list.push(Situation::UrgentSupport);
            }
            for reason in &outcome.reasons {
                let situation = match reason.headline() {
                    Headline::OutsideAgeRange => Situation::OutsideAgeRange,
                    Headline::ComplexNeeds => Situation::ComplexNeeds,
                    Headline::HigherIntensity => Situation::HigherIntensity,
                    _ => continue,
                };
                if !list.contains(&situation) {
                    list.push(situation);
                }
            }
        }
    }
    list
}

/// The age answered, if any.
pub fn age_of(questionnaire: &Questionnaire, answers: &Answers) -> Option<i64> {
    questionnaire
        .item(ids::AGE)
        .and_then(|item| item.number(answers))
}

/// The suggestions for this person, in order (see the module docs for the rules).
pub fn suggest(
    alternatives: &[Alternative],
    outcome: &Outcome,
    age: Option<i64>,
    reflection: &Reflection,
) -> Vec<Suggestion> {
    let wanted = situations(outcome);
    // By situation, then the partner's order: a scan per situation rather than a sort
    // (a sort would be compiled into the WebAssembly for this one call).
    let mut list: Vec<Suggestion> = Vec::new();
    for (rank, &situation) in wanted.iter().enumerate() {
        for (index, a) in alternatives.iter().enumerate() {
            let first = wanted.iter().position(|s| a.suits.contains(s));
            if first == Some(rank) && a.takes_age(age) {
                list.push(Suggestion {
                    index,
                    situation,
                    fits: fits(a, reflection),
                });
            }
        }
    }

    // The peer options, best match first (ties keep their order), by repeated choice of
    // the best remaining one.
    let is_peer = |s: &Suggestion| alternatives[s.index].form.is_peer();
    let mut rest: Vec<Suggestion> = list.iter().filter(|s| is_peer(s)).cloned().collect();
    let mut peers = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let mut best = 0;
        for (i, s) in rest.iter().enumerate() {
            if score(&alternatives[s.index], reflection)
                > score(&alternatives[rest[best].index], reflection)
            {
                best = i;
            }
        }
        peers.push(rest.remove(best));
    }
    if reflection.timing == Some(Timing::NotNow) {
        list.retain(|s| !is_peer(s));
        list.extend(peers);
    } else {
        let mut peers = peers.into_iter();
        for slot in list
            .iter_mut()
            .filter(|s| alternatives[s.index].form.is_peer())
        {
            if let Some(next) = peers.next() {
                *slot = next;
            }
        }
    }
    list
}

/// The ids of the services shown for this outcome and age (the reflection changes only
/// their order, so it is not needed): what the handoff names.
pub fn shown_ids(config: &Config, outcome: &Outcome, age: Option<i64>) -> Vec<String> {
    suggest(&config.alternatives, outcome, age, &Reflection::default())
        .into_iter()
        .map(|s| config.alternatives[s.index].id.clone())
        .collect()
}

/// Whether the reflection is worth offering: some suggestion is peer support.
pub fn offers_reflection(alternatives: &[Alternative], suggestions: &[Suggestion]) -> bool {
    suggestions
        .iter()
        .any(|s| alternatives[s.index].form.is_peer())
}

fn fits(a: &Alternative, r: &Reflection) -> Vec<Fit> {
    let mut list = Vec::new();
    if !a.form.is_peer() {
        return list;
    }
    let online = a.delivery.contains(&Mode::Online) || a.form == Form::PeerOnline;
    match r.setting {
        Some(SettingPref::FaceToFace) if a.delivery.contains(&Mode::FaceToFace) => {
            list.push(Fit::Setting(SettingPref::FaceToFace));
        }
        Some(SettingPref::Online) if online => list.push(Fit::Setting(SettingPref::Online)),
        _ => {}
    }
    match r.style {
        Some(StylePref::Talking) if a.approach.contains(&Approach::Talking) => {
            list.push(Fit::Style(StylePref::Talking));
        }
        Some(StylePref::Activities) if a.approach.contains(&Approach::Activities) => {
            list.push(Fit::Style(StylePref::Activities));
        }
        _ => {}
    }
    if matches!(r.others_hard, Some(OthersHard::Yes | OthersHard::Maybe))
        && a.form == Form::PeerOneToOne
    {
        list.push(Fit::OneToOne);
    }
    list
}

/// How well a peer option meets the reflection: setting counts most, then approach, then
/// one to one (for someone who may find others' experiences hard), and a group or forum,
/// full of others' experiences, counts against for them.
fn score(a: &Alternative, r: &Reflection) -> i32 {
    let mut score = 0;
    for fit in fits(a, r) {
        score += match fit {
            Fit::Setting(_) => 4,
            Fit::Style(_) => 2,
            Fit::OneToOne => 1,
        };
    }
    if r.others_hard == Some(OthersHard::Yes) && a.form != Form::PeerOneToOne {
        score -= 1;
    }
    score
}
