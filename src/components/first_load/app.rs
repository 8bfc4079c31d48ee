use crate::components::{DeployerNotice, HostBridge, ReferralBlockedNotice, Shell};
use crate::core::config::Deferred;
use crate::core::{Config, ConfigProblem, Lang};
use crate::session::{provide_session, Services, Session};
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
/// has problems, and the bridge to a host page when one is allowed. Those wait until the
/// first screen is painted ([`Session::first_screen_painted`]): neither is part of
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
    /// The sections of the partner's configuration the start left unread, for the screens
    /// that use them (none when there was no file).
    #[prop(optional)]
    deferred: Deferred,
) -> impl IntoView {
    let lang = url_lang
        .filter(|l| config.languages.contains(l))
        .unwrap_or_else(|| initial_lang(&config));
    // The one session of the page, with the services its actions call: storage first
    // (it restores a saved screening), then delivery (it resumes a saved request).
    let state = Session::new(config, lang);
    state.set_partner_file(config_problems, deferred);
    provide_session(state);
    let saver = crate::persistence::install(state);
    let courier = crate::delivery::install(state, saver.store());
    state.connect(Services { saver, courier });
    // What the first screen does not show waits until just after it is painted, or at
    // most a second: browsers pause frames in background tabs and in iframes scrolled
    // out of view, and the host bridge and the notices must not wait for a paint that
    // may not come.
    // Then the chunks of the later screens are fetched in the background, so a person
    // does not wait for one on a normal network.
    let painted = move || {
        if state.first_screen_is_painted() {
            leptos::task::spawn_local(crate::chunks::prefetch(state));
        }
    };
    request_animation_frame(move || set_timeout(painted, std::time::Duration::ZERO));
    set_timeout(painted, FIRST_PAINT_LIMIT);
    view! {
        <Shell/>
        <Show when=move || state.first_screen_painted().get()>
            <DeployerNotice/>
            <ReferralBlockedNotice/>
            <HostBridge/>
        </Show>
    }
}

/// The longest what the first screen does not show waits for that screen's paint.
const FIRST_PAINT_LIMIT: std::time::Duration = std::time::Duration::from_secs(1);

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
