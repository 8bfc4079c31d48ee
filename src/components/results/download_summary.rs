use crate::i18n::*;
use crate::partner::protocol;
use crate::session::{use_session, with_screening};
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// Lets the person save their completed screening as a file, beside the printable
/// summary: a FHIR R4 `QuestionnaireResponse` in JSON, the standard form health
/// services' systems read, so the person can hand it to any service themselves.
///
/// The file always holds every answer, whatever the partner's handoff settings: it is
/// the person's own data, made on their device and given only to them. The hint says
/// so, and suggests deleting it from shared computers. The file name is neutral, as a
/// download list can be seen by others. If the browser refuses the download, the person
/// is told so in words (and the console gets the reason).
#[component]
pub fn DownloadSummary() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let failed = RwSignal::new(false);

    let download = move |_| {
        let value = with_screening(state, protocol::download);
        match download_json("questionnaire-response.json", &value) {
            Ok(()) => failed.set(false),
            Err(error) => {
                web_sys::console::error_2(&"screener: the download failed".into(), &error);
                failed.set(true);
            }
        }
    };

    view! {
        <div class="screener-partner__download screener__no-print">
            <h2 class="screener__subtitle" id="screener-download-title">{t!(i18n, download_title)}</h2>
            <p class="screener__hint" id="screener-download-hint">{t!(i18n, download_hint)}</p>
            <button
                type="button"
                class="screener__button screener__button--secondary"
                id="screener-download"
                aria-describedby="screener-download-hint"
                on:click=download
            >
                {t!(i18n, download_button)}
            </button>
            <p class="screener__hint" role="status">
                <Show when=move || failed.get()>{t!(i18n, download_failed)}</Show>
            </p>
        </div>
    }
}

/// Offers `value` as a JSON file download named `filename`.
pub fn download_json(filename: &str, value: &Value) -> Result<(), JsValue> {
    // Indented by the browser's JSON.stringify: serde_json's pretty printer would add its
    // own formatter to the WebAssembly for this one use.
    let parsed = js_sys::JSON::parse(&value.to_string())?;
    let text = js_sys::JSON::stringify_with_replacer_and_space(&parsed, &JsValue::NULL, &2.into())?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/fhir+json");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&text), &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // Revoke later rather than at once: some browsers read the object URL after the
    // click returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}
