//! Crisis lines: what a partner says about each line, the checks on it, and every
//! sentence the screener says about the lines.
//!
//! Invariant: no sentence around the crisis lines states a fact (which number to call in
//! danger, that the lines are free, that they are open around the clock, that a line
//! takes texts) unless the configured lines back it. The facts live in the data, one
//! field each ([`CrisisResource::emergency`], [`CrisisResource::open_24_hours`],
//! [`CrisisResource::cost`], [`CrisisResource::mode`]), and the words are built here,
//! from those fields only, for the crisis panel, the urgent result and the static list in
//! `index.html` alike. So a partner whose emergency number is 112 is never told "call
//! 999", and a list with one line open at night only never reads "open 24 hours".
//!
//! Why here and not in `locales/`: a fixed sentence cannot know the partner's lines, and
//! one pure place lets native tests check every combination in both languages.

use serde::{Deserialize, Serialize};

use super::service::Cost;
use super::validate::Problems;
use crate::text::{t, Lang, Text};

/// A crisis line or service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisResource {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Number as displayed, e.g. `"2896 0000"`.
    pub number: String,
    /// Link: `tel:`, `sms:` or `https:`.
    pub href: String,
    /// Open around the clock, every day: the screener then says "24 hours" for this line,
    /// and "open 24 hours" of the list when every line is.
    #[serde(default)]
    pub open_24_hours: bool,
    /// Opening hours in the line's own words ("7 pm to 7 am"); required unless
    /// `open_24_hours`, and left out when it is (the screener writes the words then).
    #[serde(default)]
    pub hours: Text,
    /// What a call or message costs: `"free"`, or `{ "paid": { "en": …, "zh": … } }`;
    /// left out, nothing is said about cost (and the list is never called free).
    #[serde(default)]
    pub cost: Option<Cost>,
    /// How the line is reached; left out, it follows the link (`tel:` a call, `sms:` a
    /// text, `https:` a website).
    #[serde(default)]
    pub mode: Option<LineMode>,
    /// Languages spoken; both versions empty (or the field omitted) when
    /// the source does not say.
    #[serde(default)]
    pub languages: Text,
    /// The emergency number: shown first when someone is in danger now, and the number
    /// the danger sentence names.
    #[serde(default)]
    pub emergency: bool,
}

/// How a crisis line is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineMode {
    /// A phone call (`tel:`).
    Call,
    /// A text message (`sms:`, or an `https:` messaging link).
    Text,
    /// An online chat (`https:`).
    Chat,
    /// A website (`https:`).
    Website,
}

impl LineMode {
    /// The value written in a configuration.
    pub fn value(self) -> &'static str {
        match self {
            LineMode::Call => "call",
            LineMode::Text => "text",
            LineMode::Chat => "chat",
            LineMode::Website => "website",
        }
    }

    /// The link schemes a line of this mode can use.
    fn schemes(self) -> &'static [&'static str] {
        match self {
            LineMode::Call => &["tel:"],
            LineMode::Text => &["sms:", "https:"],
            LineMode::Chat | LineMode::Website => &["https:"],
        }
    }

    /// The words a line of this mode shows beside its hours; a call needs none.
    fn words(self) -> Option<Text> {
        match self {
            LineMode::Call => None,
            LineMode::Text => Some(t("By text message", "以短訊聯絡")),
            LineMode::Chat => Some(t("Online chat", "網上對話")),
            LineMode::Website => Some(t("Website", "網站")),
        }
    }
}

/// How the crisis panel was reached, which decides its opening words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// A risk answer stands: the person told us something, and is thanked for it.
    RiskAnswered,
    /// "Get help now" with no risk answered: there is nothing to thank them for.
    AskedForHelp,
}

impl CrisisResource {
    /// How the line is reached: as configured, or from the link's scheme.
    pub fn mode(&self) -> LineMode {
        self.mode.unwrap_or_else(|| {
            if self.href.starts_with("sms:") {
                LineMode::Text
            } else if self.href.starts_with("https:") {
                LineMode::Website
            } else {
                LineMode::Call
            }
        })
    }

    /// Whether the configuration says calls or messages to the line are free.
    pub fn is_free(&self) -> bool {
        self.cost == Some(Cost::Free)
    }

    /// The line's hours as shown: "24 hours" when open around the clock, else its own.
    pub fn hours_words(&self) -> Text {
        if self.open_24_hours {
            t("24 hours", "24小時")
        } else {
            self.hours.clone()
        }
    }

    /// What the line shows under its name and number, per language: its hours, its cost
    /// (a free line says "Free" only when `lines` are not all free, since the list's
    /// sentence says it otherwise), how it is reached unless by call, and the languages
    /// spoken, joined by " · ". The panel and the static list both show exactly this.
    pub fn meta(&self, lines: &[CrisisResource]) -> Text {
        let mut parts = vec![self.hours_words()];
        match &self.cost {
            Some(Cost::Free) if !all_free(lines) => parts.push(t("Free", "免費")),
            Some(Cost::Paid(words)) => parts.push(words.clone()),
            _ => {}
        }
        parts.extend(self.mode().words());
        parts.push(self.languages.clone());
        let join = |lang: Lang| {
            parts
                .iter()
                .map(|p| p.get(lang).trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        };
        t(join(Lang::En), join(Lang::ZhHantHk))
    }
}

fn all_free(lines: &[CrisisResource]) -> bool {
    !lines.is_empty() && lines.iter().all(CrisisResource::is_free)
}

fn all_24_hours(lines: &[CrisisResource]) -> bool {
    !lines.is_empty() && lines.iter().all(|l| l.open_24_hours)
}

/// The first line marked as the emergency number, in configured order.
pub fn emergency_line(lines: &[CrisisResource]) -> Option<&CrisisResource> {
    lines.iter().find(|l| l.emergency)
}

/// What to do in danger now, naming the emergency line's own number and how to reach
/// it; without an emergency line, the lines below in general.
pub fn danger_sentence(lines: &[CrisisResource]) -> Text {
    let stay_en = "If you can, stay with someone you trust until help comes.";
    let stay_zh = "如果可以，請留在你信任的人身邊，直至救援到達。";
    let Some(line) = emergency_line(lines) else {
        return t(
            "If you are in danger now, contact one of the lines below. If you can, stay with someone you trust.",
            "如你現在身處危險，請聯絡以下其中一條熱線。如果可以，請留在你信任的人身邊。",
        );
    };
    let number = line.number.trim();
    let (en, zh) = match line.mode() {
        LineMode::Call => (format!("call {number}"), format!("請致電 {number}")),
        LineMode::Text => (
            format!("send a text to {number}"),
            format!("請發短訊至 {number}"),
        ),
        LineMode::Chat | LineMode::Website => (
            format!("contact {}", line.name.en.trim()),
            format!("請聯絡{}", line.name.zh.trim()),
        ),
    };
    t(
        format!("If you are in danger now, {en}. {stay_en}"),
        format!("如你現在身處危險，{zh}。{stay_zh}"),
    )
}

/// The crisis panel's opening words: thanks only when a risk answer brought it up, then
/// what the lines are, saying "free" and "open 24 hours" only when every line is.
pub fn panel_intro(lines: &[CrisisResource], reached: Reached) -> Text {
    let (free, always) = (all_free(lines), all_24_hours(lines));
    let (facts_en, facts_zh) = match (free, always) {
        (true, true) => (
            "These lines are free, open 24 hours, and will listen without judging.",
            "以下熱線全部免費、24 小時開放，會耐心聆聽，不作批判。",
        ),
        (true, false) => (
            "These lines are free and will listen without judging. Not all of them are open around the clock, so check each line's hours.",
            "以下熱線全部免費，會耐心聆聽，不作批判。並非全部全日開放，請留意每條熱線的時間。",
        ),
        (false, true) => (
            "These lines are open 24 hours and will listen without judging.",
            "以下熱線全部 24 小時開放，會耐心聆聽，不作批判。",
        ),
        (false, false) => (
            "These lines will listen without judging. Not all of them are open around the clock, so check each line's hours.",
            "以下熱線會耐心聆聽，不作批判。並非全部全日開放，請留意每條熱線的時間。",
        ),
    };
    let (thanks_en, thanks_zh) = match reached {
        Reached::RiskAnswered => ("Thank you for telling us. ", "謝謝你告訴我們。"),
        Reached::AskedForHelp => ("", ""),
    };
    t(
        format!("{thanks_en}Talking to someone now can help. {facts_en}"),
        format!("{thanks_zh}現在找人傾訴會有幫助。{facts_zh}"),
    )
}

/// The urgent result's summary: the lines above come first, with what is true of them.
pub fn urgent_summary(lines: &[CrisisResource]) -> Text {
    let (facts_en, facts_zh) = match (all_free(lines), all_24_hours(lines)) {
        (true, true) => (
            "The lines above are free and open 24 hours.",
            "上面的熱線全部免費，24 小時開放。",
        ),
        (true, false) => (
            "The lines above are free; not all of them are open around the clock, so check each line's hours.",
            "上面的熱線全部免費，但並非全部全日開放，請留意每條熱線的時間。",
        ),
        (false, true) => (
            "The lines above are open 24 hours.",
            "上面的熱線全部 24 小時開放。",
        ),
        (false, false) => (
            "Not all of the lines above are open around the clock, so check each line's hours.",
            "上面的熱線並非全部全日開放，請留意每條熱線的時間。",
        ),
    };
    t(
        format!("Your answers suggest you may be going through something very hard right now. Talking to someone today matters more than anything else here. {facts_en}"),
        format!("你的答案顯示你現在可能正經歷非常艱難的時刻。今天找人傾訴，比這裡的一切都重要。{facts_zh}"),
    )
}

/// Longest line name, and hours, cost or languages text, in characters: a longer one
/// would crowd out the other lines on a phone in crisis.
pub const MAX_LABEL: usize = 120;
/// Longest displayed number, in characters.
pub const MAX_NUMBER: usize = 32;
/// Most crisis lines in one configuration: a person in crisis must find the right one.
pub const MAX_LINES: usize = 20;

/// Adds every problem of the crisis lines to `p`, by path.
pub(super) fn validate(lines: &[CrisisResource], langs: &[Lang], p: &mut Problems) {
    if lines.is_empty() {
        p.push(
            "crisis_resources",
            "at least one crisis resource is needed: people at risk must always be shown where to get help",
        );
    } else if emergency_line(lines).is_none() {
        p.push(
            "crisis_resources",
            "one resource must be marked \"emergency\": true (the emergency number shown first)",
        );
    }
    if lines.len() > MAX_LINES {
        p.push(
            "crisis_resources",
            format!(
                "has {} lines; at most {MAX_LINES} are allowed (a person in crisis must find the right one quickly)",
                lines.len()
            ),
        );
    }
    let mut seen = std::collections::BTreeMap::new();
    for (i, r) in lines.iter().enumerate() {
        let at = format!("crisis_resources[{i}]");
        p.id(format!("{at}.id"), &r.id, &mut seen);
        p.text(&format!("{at}.name"), &r.name, langs);
        p.text_max(&format!("{at}.name"), &r.name, MAX_LABEL);
        if r.number.trim().is_empty() {
            p.push(format!("{at}.number"), "must not be empty");
        }
        p.str_max(&format!("{at}.number"), &r.number, MAX_NUMBER);
        if let Err(reason) = super::validate::check_crisis_href(&r.href) {
            p.push(format!("{at}.href"), reason);
        }
        if r.open_24_hours {
            if r.hours.has(Lang::En) || r.hours.has(Lang::ZhHantHk) {
                p.push(
                    format!("{at}.hours"),
                    "leave hours out when open_24_hours is true: the screener then says \"24 hours\"",
                );
            }
        } else {
            p.text(&format!("{at}.hours"), &r.hours, langs);
        }
        p.text_max(&format!("{at}.hours"), &r.hours, MAX_LABEL);
        if let Some(Cost::Paid(words)) = &r.cost {
            p.text(&format!("{at}.cost.paid"), words, langs);
            p.text_max(&format!("{at}.cost.paid"), words, MAX_LABEL);
        }
        if let Some(mode) = r.mode {
            let schemes = mode.schemes();
            if !schemes.iter().any(|s| r.href.starts_with(s)) {
                p.push(
                    format!("{at}.mode"),
                    format!(
                        "`{}` needs a {} link (href is `{}`)",
                        mode.value(),
                        schemes.join(" or "),
                        r.href
                    ),
                );
            }
        }
        let given = langs.iter().any(|&l| r.languages.has(l));
        if given {
            p.text(&format!("{at}.languages"), &r.languages, langs);
        }
        p.text_max(&format!("{at}.languages"), &r.languages, MAX_LABEL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(href: &str) -> CrisisResource {
        CrisisResource {
            id: "x".into(),
            name: t("X", "X"),
            number: "1".into(),
            href: href.into(),
            open_24_hours: true,
            hours: Text::default(),
            cost: None,
            mode: None,
            languages: Text::default(),
            emergency: false,
        }
    }

    #[test]
    fn the_mode_follows_the_link_unless_configured() {
        assert_eq!(line("tel:1").mode(), LineMode::Call);
        assert_eq!(line("sms:1").mode(), LineMode::Text);
        assert_eq!(line("https://x.org").mode(), LineMode::Website);
        let mut chat = line("https://x.org");
        chat.mode = Some(LineMode::Chat);
        assert_eq!(chat.mode(), LineMode::Chat);
    }

    #[test]
    fn an_empty_list_is_never_free_or_always_open() {
        assert!(!all_free(&[]));
        assert!(!all_24_hours(&[]));
    }
}
