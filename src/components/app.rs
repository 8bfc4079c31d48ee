use crate::components::Shell;
use crate::core::{Config, Lang};
use crate::i18n::I18nContextProvider;
use crate::state::{provide_screener, ScreenerState};
use leptos::prelude::*;

/// The whole screener widget with the built-in default configuration.
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWith config=Config::default()/> }
}

/// The screener widget with a given configuration (already validated).
#[component]
pub fn AppWith(
    /// The configuration in force.
    config: Config,
) -> impl IntoView {
    let lang = initial_lang(&config);
    provide_screener(ScreenerState::new(config, lang));
    view! {
        // The screener sets <html lang> itself (see Shell), after the language is known.
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false>
            <Shell/>
        </I18nContextProvider>
    }
}

/// First visit: the browser's preferred language if it is offered, else the configured
/// default. (A saved choice, when there is one, replaces this on resume.)
fn initial_lang(config: &Config) -> Lang {
    let preferred = web_sys::window()
        .map(|w| w.navigator().languages().to_vec())
        .unwrap_or_default();
    preferred
        .iter()
        .filter_map(|tag| tag.as_string())
        .filter_map(|tag| Lang::from_tag(&tag))
        .find(|lang| config.languages.contains(lang))
        .unwrap_or(config.default_language)
}
