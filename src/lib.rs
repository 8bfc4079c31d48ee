//! # The screener
//!
//! An intake and eligibility screener for a free, low-intensity psychological support
//! service, running entirely in the browser. It asks the questions, decides an outcome
//! with reasons, explains it in plain words and points to next steps, while keeping the
//! answers on the person's device.
//!
//! ## Layout: a pure core and a thin shell
//!
//! - [`core`]: the questionnaire model, instruments, scoring, risk, eligibility and
//!   configuration: the crate `screener-core` (`crates/screener-core`), which depends on
//!   no browser or framework crate; tested natively.
//! - [`components`]: Leptos components. They render state and send events; the core
//!   decides. One component per file, named after it.
//! - [`delivery`]: sends a consented request to be contacted to the partner's FHIR
//!   server, exactly once (the decisions are the core's, in [`core::referral`]).
//! - [`partner`]: what partner deployments need in the browser: their `config.json`,
//!   the address's harmless choices, the theme, and the link to a host page.
//! - [`i18n`]: the UI's own words in English and Traditional Chinese (Hong Kong), from
//!   `locales/*.json` (checked by `build.rs`).
//!
//! Three things are never traded away: safety (crisis help is always one tap away),
//! privacy (nothing leaves the device unless asked) and accessibility (WCAG 2.2 AA).

pub mod chunks;
pub mod components;
/// The screening core, its own crate (`crates/screener-core`), under the name the app's
/// code has always used: `crate::core::…` here, `screener::core::…` in the tests.
pub use screener_core as core;
pub mod delivery;
pub mod flow;
pub mod i18n;
pub mod partner;
pub mod persistence;
pub mod session;
pub mod storage;

/// Ids of the elements in `index.html` that the app attaches to.
pub mod dom_ids {
    /// The static crisis help that works without WebAssembly.
    pub const STATIC_HELP: &str = "screener-static";
    /// The element the app mounts into.
    pub const APP_ROOT: &str = "screener-app";
    /// The widget root (`.screener`), which carries the theme's custom properties.
    pub const WIDGET_ROOT: &str = "screener";
}

/// Starts the app in the page: installs the panic hook, loads the partner configuration
/// (`./config.json`, see [`partner::load`]), applies its theme, mounts into
/// `#screener-app` and hides the static crisis help, which the app then offers itself.
///
/// The configuration is read before mounting so the first screen a person sees is
/// already the partner's (name, rules, crisis lines, language); meanwhile, and if
/// anything before the mount fails, the static help simply stays visible. A rejected or
/// unreachable configuration never stops the start: the app mounts on the defaults and
/// the problems go to the console and the deployer notice.
pub fn start() {
    use wasm_bindgen::JsCast;

    std::panic::set_hook(Box::new(on_panic));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document
        .get_element_by_id(dom_ids::APP_ROOT)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        web_sys::console::error_1(&"screener: #screener-app is missing from the page".into());
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let partner::LoadedConfig {
            config,
            problems,
            deferred,
        } = partner::load_config().await;
        let choices = partner::UrlChoices::from_location(&config);
        if let Some(widget) = document
            .get_element_by_id(dom_ids::WIDGET_ROOT)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            partner::theme::apply(&widget, &config.theme, choices.theme);
        }
        let url_lang = choices.lang;
        leptos::mount::mount_to(root, move || {
            leptos::view! {
                <components::AppWith config=config url_lang=url_lang config_problems=problems deferred=deferred/>
            }
        })
        .forget();
        if let Some(help) = document.get_element_by_id(dom_ids::STATIC_HELP) {
            let _ = help.set_attribute("hidden", "");
        }
        // Test-only trigger for the end-to-end suite, which proves that a panic leaves
        // the static crisis help on screen. Harmless in production: it only shows that
        // help.
        if document.location().and_then(|l| l.hash().ok()).as_deref()
            == Some("#screener-test-panic")
        {
            panic!("screener-test-panic: deliberate panic requested by the URL fragment");
        }
    });
}

/// A panic must never leave a person without crisis help: reveal the static resources,
/// hide the (now unreliable) app and say so, then log the panic for the deployer.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("screener: {info}").into());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(help) = document.get_element_by_id(dom_ids::STATIC_HELP) {
        let _ = help.remove_attribute("hidden");
    }
    if let Some(app) = document.get_element_by_id(dom_ids::APP_ROOT) {
        let _ = app.set_attribute("hidden", "");
    }
    if let Some(status) = document.get_element_by_id("screener-static-status") {
        let _ = status.set_attribute("data-state", "failed");
        status.set_inner_html(
            "<span lang=\"en\">Something went wrong and the screener stopped. \
             The help below still works.</span> \
             <span lang=\"zh-Hant-HK\">評估問卷出現問題而停止運作。以下求助資料仍可使用。</span>",
        );
    }
    if let Some(root) = document.get_element_by_id("screener") {
        let _ = root.class_list().add_1("screener--failed");
    }
}
