//! What the page address may choose: only harmless things.
//!
//! A link can be sent to anyone, and a host page decides the address of the frame it
//! embeds, so neither may change what the screener decides or whom it tells. The whole
//! whitelist is:
//!
//! * `lang`: the display language, honoured only if the configuration offers it
//!   (read leniently, as [`Lang::from_tag`] does: `zh-HK`, `zh-Hant`, `en-GB`…);
//! * `theme`: one of [`UrlTheme::ALLOWED`] (`default`, `contrast`).
//!
//! Every other parameter, including anything that looks like a threshold, a crisis line,
//! a configuration address or a handoff target, is ignored: there is no code path from
//! the address to those settings.

use crate::core::{Config, Lang};

/// A theme the page address may choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UrlTheme {
    /// The configured theme (or the built-in one).
    Default,
    /// Higher contrast: near-black text, darker borders and controls. It replaces the
    /// partner's colours, since it is asked for by (or for) a person who needs it.
    Contrast,
}

impl UrlTheme {
    /// Every theme the address may name, with its name.
    pub const ALLOWED: [(&'static str, UrlTheme); 2] = [
        ("default", UrlTheme::Default),
        ("contrast", UrlTheme::Contrast),
    ];

    /// The theme named `name` (exactly, lower case), if it is allowed.
    pub fn from_name(name: &str) -> Option<UrlTheme> {
        UrlTheme::ALLOWED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, theme)| *theme)
    }
}

/// The choices read from the page address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UrlChoices {
    /// `?lang=`, if it names an offered language.
    pub lang: Option<Lang>,
    /// `?theme=`, if it names an allowed theme.
    pub theme: Option<UrlTheme>,
}

impl UrlChoices {
    /// Reads the choices from the values of the `lang` and `theme` parameters. Pure.
    pub fn from_values(lang: Option<&str>, theme: Option<&str>, config: &Config) -> UrlChoices {
        UrlChoices {
            lang: lang
                .and_then(Lang::from_tag)
                .filter(|l| config.languages.contains(l)),
            theme: theme.and_then(|t| UrlTheme::from_name(t.trim())),
        }
    }

    /// Reads the choices from the current page's address.
    pub fn from_location(config: &Config) -> UrlChoices {
        let params = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .and_then(|href| web_sys::Url::new(&href).ok())
            .map(|url| url.search_params());
        let get = |name: &str| params.as_ref().and_then(|p| p.get(name));
        UrlChoices::from_values(get("lang").as_deref(), get("theme").as_deref(), config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_offered_languages_are_honoured() {
        let config = Config::default();
        let read = |lang| UrlChoices::from_values(Some(lang), None, &config).lang;
        assert_eq!(read("zh-HK"), Some(Lang::ZhHantHk));
        assert_eq!(read("zh-Hant-HK"), Some(Lang::ZhHantHk));
        assert_eq!(read("en"), Some(Lang::En));
        assert_eq!(read("fr"), None);
        let english_only = Config {
            languages: vec![Lang::En],
            ..Config::default()
        };
        assert_eq!(
            UrlChoices::from_values(Some("zh-HK"), None, &english_only).lang,
            None
        );
    }

    #[test]
    fn only_listed_themes_are_honoured() {
        let config = Config::default();
        let read = |theme| UrlChoices::from_values(None, Some(theme), &config).theme;
        assert_eq!(read("contrast"), Some(UrlTheme::Contrast));
        assert_eq!(read("default"), Some(UrlTheme::Default));
        for bad in ["dark", "Contrast", "contrast;x", "url(x)", ""] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn nothing_else_is_read() {
        assert_eq!(
            UrlChoices::from_values(None, None, &Config::default()),
            UrlChoices::default()
        );
    }
}
