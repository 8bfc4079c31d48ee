use crate::core::{Band, Instrument, ScoreResult};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// The scale scores as a table: scale, score out of its maximum, band name, and what the
/// band means in plain words. Bands are named in text, never shown by colour alone.
#[component]
pub fn ScoreSummary() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let scale_name = move |instrument: Instrument| match instrument {
        Instrument::Phq9 => t_string!(i18n, scale_phq9),
        Instrument::Gad7 => t_string!(i18n, scale_gad7),
        Instrument::Wsas => t_string!(i18n, scale_wsas),
    };
    let band_name = move |band: Band| match band {
        Band::Minimal => t_string!(i18n, band_minimal),
        Band::Mild => t_string!(i18n, band_mild),
        Band::Moderate => t_string!(i18n, band_moderate),
        Band::ModeratelySevere => t_string!(i18n, band_moderately_severe),
        Band::Severe => t_string!(i18n, band_severe),
        Band::WsasSubclinical => t_string!(i18n, band_wsas_subclinical),
        Band::WsasSignificant => t_string!(i18n, band_wsas_significant),
        Band::WsasSevere => t_string!(i18n, band_wsas_severe),
    };
    let meaning = move |instrument: Instrument, band: Band| match (instrument, band) {
        (Instrument::Wsas, _) => t_string!(i18n, meaning_wsas),
        (Instrument::Phq9, Band::Minimal | Band::Mild | Band::Moderate) => {
            t_string!(i18n, meaning_phq9_low)
        }
        (Instrument::Phq9, _) => t_string!(i18n, meaning_phq9_high),
        (Instrument::Gad7, Band::Minimal | Band::Mild | Band::Moderate) => {
            t_string!(i18n, meaning_gad7_low)
        }
        (Instrument::Gad7, _) => t_string!(i18n, meaning_gad7_high),
    };
    view! {
        <h2 class="screener__subtitle">{t!(i18n, scores_title)}</h2>
        <table class="screener__scores">
            <caption class="screener__sr-only">{t!(i18n, scores_title)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, scores_scale)}</th>
                    <th scope="col">{t!(i18n, scores_score)}</th>
                    <th scope="col">{t!(i18n, scores_band)}</th>
                </tr>
            </thead>
            <tbody>
                {move || state.outcome().with(|o| o.scores.iter().map(|s| {
                    let instrument = s.instrument;
                    let (score, band, note) = match s.result {
                        ScoreResult::Complete { total, max, band } => (
                            format!("{total} / {max}"),
                            band_name(band).to_string(),
                            meaning(instrument, band).to_string(),
                        ),
                        ScoreResult::Incomplete { answered, of } => (
                            t_string!(i18n, scores_incomplete, answered = answered, of = of).to_string(),
                            "—".to_string(),
                            String::new(),
                        ),
                    };
                    view! {
                        <tr>
                            <th scope="row">{scale_name(instrument)}</th>
                            <td>{score}</td>
                            <td>
                                <span class="screener__band">{band}</span>
                                {(!note.is_empty()).then(|| view! { <span class="screener__band-note">{note}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view())}
            </tbody>
        </table>
    }
}
