use crate::core::alternatives::{Fit, SettingPref, StylePref, Suggestion};
use crate::core::config::{Alternative, Form, Mode, Situation};
use crate::core::Text;
use crate::i18n::*;
use crate::state::use_screener;
use leptos::prelude::*;

/// One suggested service: its name, why it is suggested (and which of the person's
/// peer-support preferences it meets), what it offers, and how to reach it (`tel:` and
/// `https:` links shown as their number and address, so the printed summary keeps them).
#[component]
pub fn SuggestedService(
    /// The service, from the configuration's `alternatives`.
    alternative: Alternative,
    /// Why it is suggested, from the matching in the core.
    suggestion: Suggestion,
) -> impl IntoView {
    let state = use_screener();
    let i18n = use_i18n();
    let a = alternative;
    let lang = move || state.lang.get();
    let tr = move |text: &Text| {
        let text = text.clone();
        move || text.get(lang()).to_string()
    };
    let why = match suggestion.situation {
        Situation::FewSymptoms => msg::suggest_why_few_symptoms,
        Situation::HigherIntensity => msg::suggest_why_higher_intensity,
        Situation::ComplexNeeds => msg::suggest_why_complex_needs,
        Situation::OutsideAgeRange => msg::suggest_why_outside_age_range,
        Situation::EligibleWaiting => msg::suggest_why_eligible_waiting,
        Situation::UrgentSupport => msg::suggest_why_urgent_support,
    };
    let fits = suggestion
        .fits
        .iter()
        .map(|fit| match fit {
            Fit::Setting(SettingPref::Online) => msg::suggest_fit_online,
            Fit::Setting(_) => msg::suggest_fit_face_to_face,
            Fit::Style(StylePref::Activities) => msg::suggest_fit_activities,
            Fit::Style(_) => msg::suggest_fit_talking,
            Fit::OneToOne => msg::suggest_fit_one_to_one,
        })
        .map(|m| view! { " "{text(i18n, m)} })
        .collect_view();
    let form = match a.form {
        Form::PeerGroup => msg::suggest_form_peer_group,
        Form::PeerOneToOne => msg::suggest_form_peer_one_to_one,
        Form::PeerOnline => msg::suggest_form_peer_online,
        Form::Doctor => msg::suggest_form_doctor,
        Form::Community => msg::suggest_form_community,
        Form::SelfHelp => msg::suggest_form_self_help,
    };
    let modes: Vec<_> = a
        .delivery
        .iter()
        .map(|mode| match mode {
            Mode::FaceToFace => msg::suggest_mode_face_to_face,
            Mode::Online => msg::suggest_mode_online,
            Mode::Phone => msg::suggest_mode_phone,
        })
        .collect();
    let how = move || {
        let sep = if lang() == crate::core::Lang::En { ", " } else { "、" };
        let modes: Vec<&str> = modes.iter().map(|m| m.get(lang())).collect();
        format!("{}: {}", form.get(lang()), modes.join(sep))
    };
    // One fact row, only when the partner gave it in this language.
    let row = move |label: Msg, shown: Text| {
        move || {
            shown.has(lang()).then(|| {
                view! {
                    <div class="screener-suggestion__fact">
                        <dt>{text(i18n, label)}</dt>
                        <dd>{shown.get(lang()).to_string()}</dd>
                    </div>
                }
            })
        }
    };
    let ages = a.age.map(|(min, max)| {
        view! {
            <div class="screener-suggestion__fact">
                <dt>{t!(i18n, suggest_label_ages)}</dt>
                <dd>{t!(i18n, suggest_ages, min = min, max = max)}</dd>
            </div>
        }
    });
    let phone = (!a.tel.is_empty()).then(|| {
        let hours = a.hours.clone();
        view! {
            <div class="screener-suggestion__fact">
                <dt>{t!(i18n, suggest_label_phone)}</dt>
                <dd>
                    <a class="screener-suggestion__link" href=a.tel.clone()>{a.phone_shown().to_string()}</a>
                    {move || hours.has(lang()).then(|| format!(" ({})", hours.get(lang())))}
                </dd>
            </div>
        }
    });
    let web = (!a.url.is_empty()).then(|| {
        let shown = a.url.trim_start_matches("https://").trim_end_matches('/').to_string();
        view! {
            <div class="screener-suggestion__fact">
                <dt>{t!(i18n, suggest_label_web)}</dt>
                <dd><a class="screener-suggestion__link" href=a.url.clone() rel="noopener noreferrer">{shown}</a></dd>
            </div>
        }
    });
    // Hours go beside the phone number when there is one.
    let hours = if a.tel.is_empty() { a.hours.clone() } else { Text::default() };
    view! {
        <li class="screener-suggestion" data-alternative=a.id.clone()>
            <h3 class="screener-suggestion__name">{tr(&a.name)}</h3>
            <p class="screener-suggestion__why">{text(i18n, why)}{fits}</p>
            <p class="screener-suggestion__offers">{tr(&a.offers)}</p>
            <dl class="screener-suggestion__facts">
                <div class="screener-suggestion__fact">
                    <dt>{t!(i18n, suggest_label_how)}</dt>
                    <dd>{how}</dd>
                </div>
                {ages}
                {row(msg::suggest_label_languages, a.languages.clone())}
                {row(msg::suggest_label_cost, a.cost.clone())}
                {phone}
                {web}
                {row(msg::suggest_label_address, a.address.clone())}
                {row(msg::suggest_label_hours, hours)}
            </dl>
        </li>
    }
}
