//! The service's own facts (first contact, first conversation, sessions, cost, who it is
//! for), their validation, and the words every screen uses for them.
//!
//! Why the words are built here rather than written in `locales/`: each sentence depends
//! on which facts a partner configured and on their values (a mode list, a duration, an
//! age range), and a promise the service does not make must not appear at all. Building
//! the sentence from the facts in one pure place lets native tests check every
//! combination in both languages, and keeps every screen (welcome, result, next steps,
//! contact questions, FHIR `Questionnaire`) saying the same thing.
//!
//! A fact left out (`None`) is never mentioned. The model service's facts are filled in
//! only by [`ServiceInfo::default`], i.e. when a configuration omits the whole `service`
//! section; a partner who writes a `service` section gets exactly what it wrote.

use serde::{Deserialize, Serialize};

use super::validate::Problems;
use super::{AgeRange, ServiceInfo};
use crate::text::{t, Lang, Text};

/// A length of time, as a partner writes it: `{ "value": 2, "unit": "weeks" }`.
///
/// `value` is signed on purpose: a negative number is then reported by validation with
/// its path ("must be at least 1") instead of as an opaque type error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    /// How many units (at least 1).
    pub value: i32,
    /// Days, weeks or months.
    pub unit: DurationUnit,
}

/// The unit of a [`Duration`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Days.
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
}

/// How the first conversation can happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMode {
    /// A video call.
    Video,
    /// A phone call.
    Phone,
    /// Face to face.
    InPerson,
}

/// Every way a mode is written, in one place: the stored value and the words for it in
/// each sentence that names it.
struct ModeWords {
    /// The stored answer value of `contact_mode`.
    value: &'static str,
    /// The option label in the contact-mode question, in English and Chinese (the
    /// Chinese question names the options by these labels too).
    label: (&'static str, &'static str),
    /// In "by video or phone" (welcome facts); `in_person` reads "in person".
    fact_en: &'static str,
    /// In "視像或電話" (welcome facts).
    fact_zh: &'static str,
    /// In "Would you like the first conversation by video call or by phone?".
    question_en: &'static str,
}

impl ContactMode {
    /// Every mode, in the fixed order wording follows (video, phone, in person).
    const ALL: [ContactMode; 3] = [
        ContactMode::Video,
        ContactMode::Phone,
        ContactMode::InPerson,
    ];

    fn words(self) -> ModeWords {
        match self {
            ContactMode::Video => ModeWords {
                value: "video",
                label: ("Video call", "視像通話"),
                fact_en: "video",
                fact_zh: "視像",
                question_en: "by video call",
            },
            ContactMode::Phone => ModeWords {
                value: "phone",
                label: ("Phone call", "電話"),
                fact_en: "phone",
                fact_zh: "電話",
                question_en: "by phone",
            },
            ContactMode::InPerson => ModeWords {
                value: "in_person",
                label: ("In person", "面對面"),
                fact_en: "in person",
                fact_zh: "面對面",
                question_en: "in person",
            },
        }
    }

    /// The stored answer value of `contact_mode` for this mode.
    pub fn value(self) -> &'static str {
        self.words().value
    }

    /// The option label in the contact-mode question.
    pub fn label(self) -> Text {
        let (en, zh) = self.words().label;
        t(en, zh)
    }
}

/// The first conversation after a person is found suitable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstConversation {
    /// Its length in minutes (1 to 480); left out, no length is promised.
    #[serde(default)]
    pub minutes: Option<i32>,
    /// How it can happen (at least one, each once). With more than one, the person is
    /// asked which they prefer.
    pub modes: Vec<ContactMode>,
}

/// How many sessions the service offers, and over how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sessions {
    /// Fewest sessions (at least 1).
    pub min: i32,
    /// Most sessions (at least `min`).
    pub max: i32,
    /// Over how long; left out, no period is mentioned.
    #[serde(default)]
    pub over: Option<Duration>,
}

/// What the service costs the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Cost {
    /// Free of charge: `"cost": "free"`.
    Free,
    /// A charge, in the service's words: `"cost": { "paid": { "en": …, "zh": … } }`.
    Paid(Text),
}

/// The model service's facts (the project's service notes: a practitioner gets in touch
/// within two weeks to arrange a 45-minute conversation by video or phone; 6 to 8
/// sessions; free). The period of the sessions (about 3 months) is left out because the
/// default description already says it and the pages have never repeated it.
pub(super) fn model_facts(info: &mut ServiceInfo) {
    info.first_contact_within = Some(Duration {
        value: 2,
        unit: DurationUnit::Weeks,
    });
    info.first_conversation = Some(FirstConversation {
        minutes: Some(45),
        modes: vec![ContactMode::Video, ContactMode::Phone],
    });
    info.sessions = Some(Sessions {
        min: 6,
        max: 8,
        over: None,
    });
    info.cost = Some(Cost::Free);
    info.for_whom = Some(t(
        "who are living with low mood, worry or stress that is mild to moderate",
        "受輕度至中度情緒低落、憂慮或壓力困擾的",
    ));
}

/// Longest first conversation accepted: a working day. Anything longer is a typo
/// (hours written as minutes, an extra digit).
const MAX_MINUTES: i32 = 480;

/// Adds every problem of the service facts to `p`, by path.
pub(super) fn validate(info: &ServiceInfo, langs: &[Lang], p: &mut Problems) {
    if let Some(d) = &info.first_contact_within {
        duration("service.first_contact_within", d, p);
    }
    if let Some(c) = &info.first_conversation {
        if let Some(m) = c.minutes {
            if !(1..=MAX_MINUTES).contains(&m) {
                p.push(
                    "service.first_conversation.minutes",
                    format!("must be 1 to {MAX_MINUTES} minutes (got {m})"),
                );
            }
        }
        if c.modes.is_empty() {
            p.push(
                "service.first_conversation.modes",
                "must name at least one of video, phone, in_person (leave first_conversation out to promise none)",
            );
        }
        for (i, mode) in c.modes.iter().enumerate() {
            if c.modes[..i].contains(mode) {
                p.push(
                    format!("service.first_conversation.modes[{i}]"),
                    format!("duplicate mode `{}`", mode.value()),
                );
            }
        }
    }
    if let Some(s) = &info.sessions {
        if s.min < 1 {
            p.push(
                "service.sessions.min",
                format!("must be at least 1 (got {})", s.min),
            );
        }
        if s.max < s.min {
            p.push(
                "service.sessions.max",
                format!("must be at least min ({}) (got {})", s.min, s.max),
            );
        }
        if let Some(d) = &s.over {
            duration("service.sessions.over", d, p);
        }
    }
    if let Some(Cost::Paid(text)) = &info.cost {
        p.text("service.cost.paid", text, langs);
    }
    if let Some(text) = &info.for_whom {
        p.text("service.for_whom", text, langs);
    }
}

fn duration(path: &str, d: &Duration, p: &mut Problems) {
    if d.value < 1 {
        p.push(
            format!("{path}.value"),
            format!("must be at least 1 (got {})", d.value),
        );
    }
}

// ---------------------------------------------------------------------------------------
// Wording

/// English number words for small counts, as the pages spell them ("two weeks").
fn en_number(n: i32) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// Chinese numerals for small counts; 兩 rather than 二 before a measure word ("兩星期").
fn zh_number(n: i32) -> String {
    const WORDS: [&str; 11] = [
        "零", "一", "兩", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| format!(" {n} "), |w| (*w).to_owned())
}

/// "two weeks" / "兩星期".
fn duration_text(d: Duration) -> Text {
    let (one, many, zh) = match d.unit {
        DurationUnit::Days => ("day", "days", "天"),
        DurationUnit::Weeks => ("week", "weeks", "星期"),
        DurationUnit::Months => ("month", "months", "個月"),
    };
    let unit = if d.value == 1 { one } else { many };
    t(
        format!("{} {unit}", en_number(d.value)),
        format!("{}{zh}", zh_number(d.value)),
    )
}

/// "a 45-minute" / "an 8-minute": the article follows how the number is said.
fn en_minutes_adjective(m: i32) -> String {
    let digits = m.to_string();
    let article = if digits.starts_with('8') || m == 11 || m == 18 {
        "an"
    } else {
        "a"
    };
    format!("{article} {m}-minute")
}

/// The modes in a fixed order (video, phone, in person), so wording does not depend on
/// how a partner happened to list them.
fn sorted_modes(c: &FirstConversation) -> Vec<ContactMode> {
    // A filter over the fixed order rather than a sort: the standard library's sort
    // costs about 4 KB of WebAssembly, and this also drops duplicates.
    ContactMode::ALL
        .into_iter()
        .filter(|m| c.modes.contains(m))
        .collect()
}

/// "a, b or c" in English; "a、b或c" (or with another final joiner) in Chinese.
fn join_en(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn join_zh(words: &[&str], or: &str) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{}{or}{last}", init.join("、")),
    }
}

/// "by video or phone" / "in person" / "by phone or in person"; Chinese "視像或電話".
fn modes_text(modes: &[ContactMode]) -> Text {
    let en_words: Vec<&str> = modes.iter().map(|m| m.words().fact_en).collect();
    let en = if modes == [ContactMode::InPerson] {
        "in person".to_owned()
    } else {
        format!("by {}", join_en(&en_words))
    };
    let zh_words: Vec<&str> = modes.iter().map(|m| m.words().fact_zh).collect();
    t(en, join_zh(&zh_words, "或"))
}

impl ServiceInfo {
    /// Whether the service says it is free (the welcome title then says "free support").
    pub fn is_free(&self) -> bool {
        self.cost == Some(Cost::Free)
    }

    /// The facts listed under the welcome title, in order: the first conversation, the
    /// first contact, a charge. Facts left out give no line.
    pub fn welcome_facts(&self) -> Vec<Text> {
        let mut facts = Vec::new();
        if let Some(c) = &self.first_conversation {
            let modes = sorted_modes(c);
            let how = modes_text(&modes);
            let choice = modes.len() > 1;
            let en = match c.minutes {
                Some(m) => format!(
                    "It starts with {} conversation {}",
                    en_minutes_adjective(m),
                    how.en
                ),
                None => format!("It starts with a conversation {}", how.en),
            };
            let zh = match c.minutes {
                Some(m) => format!("首先會有一次 {m} 分鐘的{}對談", how.zh),
                None => format!("首先會有一次{}對談", how.zh),
            };
            facts.push(if choice {
                t(
                    format!("{en}, whichever you prefer."),
                    format!("{zh}，由你選擇。"),
                )
            } else {
                t(format!("{en}."), format!("{zh}。"))
            });
        }
        if let Some(d) = self.first_contact_within {
            let d = duration_text(d);
            facts.push(t(
                format!("If it fits, someone usually gets in touch within {}.", d.en),
                format!("如服務適合你，一般會在{}內與你聯絡。", d.zh),
            ));
        }
        if let Some(Cost::Paid(text)) = &self.cost {
            facts.push(t(
                format!("Cost: {}", text.en),
                format!("費用：{}", text.zh),
            ));
        }
        facts
    }

    /// "Who it is for": the age group, then the service's own words when it wrote them.
    pub fn who_for(&self, age: AgeRange) -> Text {
        let group = age_group(age);
        let mut en = capitalise(&group.en);
        let zh = match &self.for_whom {
            Some(words) => {
                en.push(' ');
                en.push_str(words.en.trim());
                // The Chinese phrase comes before the noun: "18 至 65 歲、受…困擾的成年人".
                format!(
                    "{} 至 {} 歲、{}{}",
                    age.min,
                    age.max,
                    words.zh.trim(),
                    zh_people(age)
                )
            }
            None => group.zh,
        };
        t(format!("{en}."), format!("{zh}。"))
    }

    /// What happens after a request reached the service: who gets in touch, when, and
    /// the first conversation. `None` when the service promises neither.
    pub fn next_contact_step(&self) -> Option<Text> {
        let when = self.first_contact_within.map(duration_text);
        let conversation = self.first_conversation.as_ref().map(|c| {
            let modes = sorted_modes(c);
            let how = modes_text(&modes);
            let choice = modes.len() > 1;
            let en = match c.minutes {
                Some(m) => format!("{} first conversation", en_minutes_adjective(m)),
                None => "a first conversation".to_owned(),
            };
            let zh = match c.minutes {
                Some(m) => format!("一次 {m} 分鐘的首次對談"),
                None => "首次對談".to_owned(),
            };
            let (en_how, zh_how) = if choice {
                (
                    format!("{} as you chose", how.en),
                    format!("按你的選擇以{}進行", how.zh),
                )
            } else {
                (how.en.clone(), format!("以{}進行", how.zh))
            };
            t(format!("{en}, {en_how}"), format!("{zh}，{zh_how}"))
        });
        match (when, conversation) {
            (None, None) => None,
            (Some(w), None) => Some(t(
                format!(
                    "A wellbeing practitioner usually contacts you within {}.",
                    w.en
                ),
                format!("身心健康支援員一般會在{}內聯絡你。", w.zh),
            )),
            (Some(w), Some(c)) => Some(t(
                format!(
                    "A wellbeing practitioner usually contacts you within {} to arrange {}.",
                    w.en, c.en
                ),
                format!("身心健康支援員一般會在{}內聯絡你，安排{}。", w.zh, c.zh),
            )),
            (None, Some(c)) => Some(t(
                format!(
                    "A wellbeing practitioner will get in touch to arrange {}.",
                    c.en
                ),
                format!("身心健康支援員會聯絡你，安排{}。", c.zh),
            )),
        }
    }

    /// The last step for the eligible: deciding together on the sessions offered.
    pub fn next_sessions_step(&self) -> Text {
        let Some(s) = self.sessions else {
            return t(
                "Together you decide whether the support is right for you. You can stop at any time.",
                "你們會一起決定這項支援是否適合你。你可以隨時停止。",
            );
        };
        let (en_count, zh_count) = if s.min == s.max {
            let noun = if s.min == 1 { "session" } else { "sessions" };
            (format!("{} {noun}", s.min), format!("{} 節面談", s.min))
        } else {
            (
                format!("{} to {} sessions", s.min, s.max),
                format!("{} 至 {} 節面談", s.min, s.max),
            )
        };
        let (en, zh) = match s.over {
            Some(d) => {
                let d = duration_text(d);
                (
                    format!("the {en_count} over {}", d.en),
                    format!("在{}內的 {zh_count}", d.zh),
                )
            }
            // The space matches the pages' spacing around digits ("決定 6 至 8 節").
            None => (format!("the {en_count}"), format!(" {zh_count}")),
        };
        let verb = if s.min == s.max && s.min == 1 {
            "is"
        } else {
            "are"
        };
        t(
            format!(
                "Together you decide whether {en} {verb} right for you. You can stop at any time."
            ),
            format!("你們會一起決定{zh}是否適合你。你可以隨時停止。"),
        )
    }

    /// The contact-mode question and its options, in the fixed mode order; `None` when
    /// there is nothing to choose (no first conversation configured, or only one way).
    pub fn contact_mode_question(&self) -> Option<(Text, Vec<ContactMode>)> {
        let modes = sorted_modes(self.first_conversation.as_ref()?);
        if modes.len() < 2 {
            return None;
        }
        let en: Vec<&str> = modes.iter().map(|m| m.words().question_en).collect();
        // In Chinese the question names the options by their labels.
        let zh: Vec<&str> = modes.iter().map(|m| m.words().label.1).collect();
        Some((
            t(
                format!("Would you like the first conversation {}?", join_en(&en)),
                format!("你希望以{}進行第一次對話？", join_zh(&zh, "還是")),
            ),
            modes,
        ))
    }

    /// The introduction to the contact questions.
    pub fn contact_stem(&self) -> Text {
        match self.first_conversation.as_ref().and_then(|c| c.minutes) {
            Some(m) => t(
                format!("A wellbeing practitioner will get in touch to arrange a first conversation of about {m} minutes. Tell us what suits you."),
                format!("身心健康從業員會聯絡你，安排一次約{m}分鐘的初步對話。請告訴我們怎樣最適合你。"),
            ),
            None => t(
                "A wellbeing practitioner will get in touch to arrange a first conversation. Tell us what suits you.",
                "身心健康從業員會聯絡你，安排初步對話。請告訴我們怎樣最適合你。",
            ),
        }
    }
}

/// The age group in running text: "adults aged 18 to 65" only when everyone in the
/// range is an adult, otherwise "people aged 16 to 70"; Chinese "18 至 65 歲的成年人" /
/// "16 至 70 歲的人士".
pub fn age_group(age: AgeRange) -> Text {
    let en = if age.min >= 18 { "adults" } else { "people" };
    t(
        format!("{en} aged {} to {}", age.min, age.max),
        format!("{} 至 {} 歲的{}", age.min, age.max, zh_people(age)),
    )
}

fn zh_people(age: AgeRange) -> &'static str {
    if age.min >= 18 {
        "成年人"
    } else {
        "人士"
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
