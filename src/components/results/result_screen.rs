use super::{DownloadSummary, NextSteps, ScoreSummary};
use crate::components::focus_heading_on_mount;
use crate::components::DeleteAnswers;
use crate::core::{Headline, Reason, RiskKind};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// The outcome in plain words, never as a diagnosis: a headline ("your answers
/// suggest…"), every reason that applies, the scale scores with what they mean, and next
/// steps for this outcome. Urgent support leads with the crisis panel (shown above).
#[component]
pub fn ResultScreen() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_heading_on_mount(heading);
    let headline = move || state.outcome().with(|o| o.headline);
    let group = state
        .config()
        .with(|c| crate::core::config::age_group(c.age));

    let title = move || match headline() {
        Headline::UrgentSupport => t_string!(i18n, result_title_urgent),
        Headline::OutsideAgeRange => t_string!(i18n, result_title_age),
        Headline::ComplexNeeds => t_string!(i18n, result_title_complex),
        Headline::HigherIntensity => t_string!(i18n, result_title_higher),
        Headline::Incomplete => t_string!(i18n, result_title_incomplete),
        Headline::Eligible => t_string!(i18n, result_title_eligible),
    };
    // What the urgent summary says of the lines above comes from their configuration.
    let urgent = state
        .config()
        .with(|c| crate::core::config::crisis::urgent_summary(&c.crisis_resources));
    let summary = move || match headline() {
        Headline::UrgentSupport => urgent.get(i18n.lang()).to_string(),
        Headline::OutsideAgeRange => {
            t_string!(i18n, result_summary_age, group = group.get(i18n.lang())).to_string()
        }
        Headline::ComplexNeeds => t_string!(i18n, result_summary_complex).to_string(),
        Headline::HigherIntensity => t_string!(i18n, result_summary_higher).to_string(),
        Headline::Incomplete => t_string!(i18n, result_summary_incomplete).to_string(),
        Headline::Eligible => t_string!(i18n, result_summary_eligible).to_string(),
    };
    let reason_text = move |reason: &Reason| -> String {
        match reason {
            Reason::Risk { kind } => match kind {
                RiskKind::Item9 => t_string!(i18n, reason_risk_item9).to_string(),
                RiskKind::Thoughts => t_string!(i18n, reason_risk_thoughts).to_string(),
                RiskKind::Plans => t_string!(i18n, reason_risk_plans).to_string(),
                RiskKind::SelfHarm => t_string!(i18n, reason_risk_self_harm).to_string(),
                RiskKind::HarmToOthers => t_string!(i18n, reason_risk_harm_others).to_string(),
                RiskKind::ImmediateDanger => t_string!(i18n, reason_risk_danger).to_string(),
                RiskKind::PreferNotToSay => t_string!(i18n, reason_risk_prefer_not).to_string(),
            },
            Reason::AgeBelowMinimum { age, min } => {
                t_string!(i18n, reason_age_below, age = *age, min = *min).to_string()
            }
            Reason::AgeAboveMaximum { age, max } => {
                t_string!(i18n, reason_age_above, age = *age, max = *max).to_string()
            }
            Reason::ComplexCondition => t_string!(i18n, reason_complex_condition).to_string(),
            Reason::UnderPsychiatricTeam => t_string!(i18n, reason_psychiatric_team).to_string(),
            Reason::OtherTherapy => t_string!(i18n, reason_other_therapy).to_string(),
            Reason::Phq9AtOrAbove { score, threshold } => t_string!(
                i18n,
                reason_phq9_high,
                score = *score,
                threshold = *threshold
            )
            .to_string(),
            Reason::Gad7AtOrAbove { score, threshold } => t_string!(
                i18n,
                reason_gad7_high,
                score = *score,
                threshold = *threshold
            )
            .to_string(),
            Reason::MissingAnswers { items } => {
                t_string!(i18n, reason_missing, count = items.len()).to_string()
            }
            Reason::SymptomsInMildToModerateRange => {
                t_string!(i18n, reason_mild_moderate).to_string()
            }
            Reason::FewSymptoms => t_string!(i18n, reason_few_symptoms).to_string(),
        }
    };
    let print = move |_| {
        let _ = window().print();
    };

    view! {
        <section class="screener__screen screener__screen--result" aria-labelledby="screener-result-title">
            <p class="screener__eyebrow">{t!(i18n, result_eyebrow)}</p>
            <h1 class="screener__title" id="screener-result-title" tabindex="-1" node_ref=heading>{title}</h1>
            <p class="screener__lead">{summary}</p>
            <h2 class="screener__subtitle">{t!(i18n, result_why)}</h2>
            <ul class="screener__reasons">
                // Reasons that argue for "eligible" are left out under any other headline:
                // "in the range this service is designed for" beside "get help now" confuses.
                {move || state.outcome().with(|o| o.reasons.iter()
                    .filter(|r| o.headline == Headline::Eligible || r.headline() != Headline::Eligible)
                    .map(|r| view! { <li>{reason_text(r)}</li> })
                    .collect_view())}
            </ul>
            <ScoreSummary/>
            <NextSteps/>
            <p class="screener__hint">{t!(i18n, result_not_diagnosis)}</p>
            <div class="screener__nav screener__no-print">
                <button type="button" class="screener__button screener__button--secondary" on:click=move |_| state.back()>
                    {t!(i18n, result_back_to_review)}
                </button>
                <button type="button" class="screener__button screener__button--primary" on:click=print>
                    {t!(i18n, result_print)}
                </button>
            </div>
            <DownloadSummary/>
            <div class="screener__no-print">
                <DeleteAnswers id="screener-result-delete"/>
            </div>
        </section>
    }
}
