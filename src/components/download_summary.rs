use crate::core::t;
use crate::partner::bridge;
use crate::partner::protocol::{self, Completion};
use crate::state::use_screener;
use leptos::prelude::*;

/// Lets the person save their completed screening as a file, beside the printable
/// summary: a FHIR R4 `QuestionnaireResponse` in JSON, the standard form health
/// services' systems read, so the person can hand it to any service themselves.
///
/// The file always holds every answer, whatever the partner's handoff settings: it is
/// the person's own data, made on their device and given only to them. The hint says
/// so, and suggests deleting it from shared computers. The file name is neutral, as a
/// download list can be seen by others.
#[component]
pub fn DownloadSummary() -> impl IntoView {
    let state = use_screener();
    let lang = move || state.lang.get();
    let title = t("Your answers as a file", "以檔案儲存你的答案");
    let hint = t(
        "A JSON file in FHIR, the standard many health services' systems read. It contains your answers: keep it safe, and delete it from shared computers.",
        "以 FHIR 格式儲存的 JSON 檔案，是不少醫療服務系統採用的標準格式。檔案載有你的答案：請妥善保管，並從共用電腦上刪除。",
    );
    let label = t("Download my answers (JSON)", "下載我的答案（JSON）");

    let download = move |_| {
        let base = bridge::deployment_base();
        let authored = bridge::now_iso();
        let value = state.questionnaire.with_value(|questionnaire| {
            state.config.with_value(|config| {
                state.answers.with_untracked(|answers| {
                    state.outcome.with_untracked(|outcome| {
                        protocol::download(&Completion {
                            questionnaire,
                            config,
                            answers,
                            outcome,
                            base: &base,
                            lang: state.lang.get_untracked(),
                            authored: &authored,
                        })
                    })
                })
            })
        });
        if let Err(error) = bridge::download_json("questionnaire-response.json", &value) {
            web_sys::console::error_2(&"screener: the download failed".into(), &error);
        }
    };

    view! {
        <div class="screener-partner__download">
            <h2 class="screener__subtitle" id="screener-download-title">
                {move || title.get(lang()).to_owned()}
            </h2>
            <p class="screener__hint" id="screener-download-hint">{move || hint.get(lang()).to_owned()}</p>
            <button
                type="button"
                class="screener__button screener__button--secondary"
                id="screener-download"
                aria-describedby="screener-download-hint"
                on:click=download
            >
                {move || label.get(lang()).to_owned()}
            </button>
        </div>
    }
}
