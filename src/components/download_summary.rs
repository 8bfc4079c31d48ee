use crate::i18n::*;
use crate::partner::{bridge, protocol};
use crate::state::use_screener;
use leptos::prelude::*;

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
    let state = use_screener();
    let i18n = use_i18n();
    let failed = RwSignal::new(false);

    let download = move |_| {
        let value = bridge::with_screening(state, protocol::download);
        match bridge::download_json("questionnaire-response.json", &value) {
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
