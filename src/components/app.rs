use crate::components::{DeployerNotice, HostBridge, ReferralBlockedNotice, Shell};
use crate::core::{Config, ConfigProblem, Lang};
use crate::state::{provide_screener, ScreenerState};
use leptos::prelude::*;

/// The whole screener widget with the built-in default configuration.
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWith config=Config::default()/> }
}

/// The screener widget with a given configuration (already validated).
///
/// Besides the shell it renders, after everything a person needs (so never before the
/// quick exit in keyboard order): the deployer notice when the partner's configuration
/// was rejected, and the bridge to a host page when one is allowed. Those wait until the
/// first screen is painted ([`ScreenerState::first_screen_painted`]): neither is part of
/// it, and a host page hears `ready` only once there is a screen to show.
#[component]
pub fn AppWith(
    /// The configuration in force: the partner's, or the defaults if it was rejected.
    config: Config,
    /// The language chosen by the page address (`?lang=`); ignored unless the
    /// configuration offers it.
    #[prop(optional_no_strip)]
    url_lang: Option<Lang>,
    /// Why the partner's configuration was rejected (empty when it was used, or when
    /// there was none); shown to the deployer.
    #[prop(optional)]
    config_problems: Vec<ConfigProblem>,
) -> impl IntoView {
    let lang = url_lang
        .filter(|l| config.languages.contains(l))
        .unwrap_or_else(|| initial_lang(&config));
    let state = ScreenerState::new(config, lang);
    provide_screener(state);
    view! {
        <Shell/>
        <Show when=move || state.first_screen_painted.get()>
            <DeployerNotice problems=config_problems.clone()/>
            <ReferralBlockedNotice/>
            <HostBridge/>
        </Show>
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
