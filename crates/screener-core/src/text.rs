//! Bilingual text.
//!
//! Every word a person reads comes in English and Traditional Chinese (Hong
//! Kong). The [`Text`] type carries both, so a text with a missing language is
//! visible in the data (and caught by tests and by config validation) rather
//! than discovered at run time as a blank label.
//!
//! Only two languages are modelled on purpose: the service runs in English,
//! Cantonese and Mandarin, and written Cantonese and Mandarin readers in Hong
//! Kong both read Traditional Chinese. A third language would be a new field,
//! which the compiler then demands everywhere — that is the point.

use serde::{Deserialize, Serialize};

/// A display language.
///
/// Serialised as a BCP 47 tag: `"en"` or `"zh-Hant-HK"`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Traditional Chinese as written in Hong Kong.
    #[serde(rename = "zh-Hant-HK")]
    ZhHantHk,
}

impl Lang {
    /// Every supported language, in display order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhHantHk];

    /// The canonical BCP 47 tag (`"en"`, `"zh-Hant-HK"`), as used in `lang=`
    /// attributes and in serialised data.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHantHk => "zh-Hant-HK",
        }
    }

    /// Reads a language tag leniently, as browsers and partners send many
    /// spellings (`navigator.language`, `?lang=`, `Accept-Language` parts).
    ///
    /// Case-insensitive, surrounding spaces ignored. Anything starting with
    /// `en` is English. Any Chinese tag (`zh`, `zh-HK`, `zh-Hant`, `zh-TW`,
    /// `zh_hk`, even `zh-CN`) and Cantonese (`yue…`) map to
    /// [`Lang::ZhHantHk`], because it is the only Chinese we offer and a
    /// Chinese reader is better served by it than by English. Anything else
    /// is `None`, so the caller chooses the fallback (usually
    /// `Config::default_language`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if tag.starts_with("en") {
            Some(Lang::En)
        } else if matches!(primary, "zh" | "yue") {
            Some(Lang::ZhHantHk)
        } else {
            None
        }
    }
}

/// One text in both languages.
///
/// When read from JSON a missing language is an empty string rather than a
/// parse error, so that validation can name exactly which text lacks which
/// language (and so an English-only partner need not write `"zh": ""`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Traditional Chinese (Hong Kong).
    pub zh: String,
}

impl Text {
    /// Builds a text from its two versions.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhHantHk => &self.zh,
        }
    }

    /// Whether the version in `lang` has visible content.
    pub fn has(&self, lang: Lang) -> bool {
        !self.get(lang).trim().is_empty()
    }

    /// Whether both versions have visible content.
    pub fn is_complete(&self) -> bool {
        Lang::ALL.iter().all(|&lang| self.has(lang))
    }
}

/// Shorthand for [`Text::new`], which keeps the questionnaire data readable.
pub fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
    Text::new(en, zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.tag()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
        }
    }

    #[test]
    fn lenient_tags() {
        for tag in [
            "zh-HK",
            "zh-Hant",
            "zh-TW",
            "zh_hk",
            "ZH",
            "yue-Hant-HK",
            " zh-Hant-HK ",
        ] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::ZhHantHk), "{tag}");
        }
        for tag in ["en", "en-GB", "EN-us", "en_HK", "english"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::En), "{tag}");
        }
        for tag in ["", "fr", "ja-JP", "-", "e", "zhx", "yu"] {
            assert_eq!(Lang::from_tag(tag), None, "{tag}");
        }
    }

    #[test]
    fn get_and_completeness() {
        let text = t("Hello", "你好");
        assert_eq!(text.get(Lang::En), "Hello");
        assert_eq!(text.get(Lang::ZhHantHk), "你好");
        assert!(text.is_complete());
        assert!(!t("Hello", " ").is_complete());
        assert!(t("Hello", " ").has(Lang::En));
    }
}
