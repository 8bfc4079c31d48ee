use crate::core::alternatives::{Fit, SettingPref, StylePref, Suggestion};
use crate::core::config::{Alternative, Form, Mode, Situation};
use crate::core::default_questionnaire::AGE_INPUT_MAX;
use crate::core::Lang;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// One suggested service: its name, why it is suggested (and which of the person's
/// peer-support preferences it meets), what it offers, and its facts and ways to reach it
/// (`tel:` and `https:` links shown as their number and address, so the printed summary
/// keeps them). Every fact row is rendered by one loop, which keeps the WebAssembly small.
#[component]
pub fn SuggestedService(
    /// The service, from the configuration's `alternatives`.
    alternative: Alternative,
    /// Why it is suggested, from the matching in the core.
    suggestion: Suggestion,
) -> impl IntoView {
    let state = use_session();
    let a = StoredValue::new(alternative);
    let lang = move || state.lang().get();
    let why = move || {
        let lang = lang();
        let mut why = String::from(situation_msg(suggestion.situation).get(lang));
        for &fit in &suggestion.fits {
            if lang == Lang::En {
                why.push(' ');
            }
            why.push_str(fit_msg(fit).get(lang));
        }
        why
    };
    view! {
        <li class="screener-suggestion" data-alternative=a.with_value(|a| a.id.clone())>
            <h3 class="screener-suggestion__name">{move || a.with_value(|a| a.name.get(lang()).to_string())}</h3>
            <p class="screener-suggestion__why">{why}</p>
            <p class="screener-suggestion__offers">{move || a.with_value(|a| a.offers.get(lang()).to_string())}</p>
            <dl class="screener-suggestion__facts">
                {move || a.with_value(|a| facts(a, lang())).into_iter().map(|(label, value, href)| view! {
                    <div class="screener-suggestion__fact">
                        <dt>{label}</dt>
                        <dd>{if href.is_empty() {
                            value.into_any()
                        } else {
                            view! { <a class="screener-suggestion__link" href=href rel="noopener noreferrer">{value}</a> }.into_any()
                        }}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </li>
    }
}

fn situation_msg(situation: Situation) -> Msg {
    match situation {
        Situation::FewSymptoms => msg::suggest_why_few_symptoms,
        Situation::HigherIntensity => msg::suggest_why_higher_intensity,
        Situation::ComplexNeeds => msg::suggest_why_complex_needs,
        Situation::OutsideAgeRange => msg::suggest_why_outside_age_range,
        Situation::EligibleWaiting => msg::suggest_why_eligible_waiting,
        Situation::UrgentSupport => msg::suggest_why_urgent_support,
    }
}

fn fit_msg(fit: Fit) -> Msg {
    match fit {
        Fit::Setting(SettingPref::Online) => msg::suggest_fit_online,
        Fit::Setting(_) => msg::suggest_fit_face_to_face,
        Fit::Style(StylePref::Activities) => msg::suggest_fit_activities,
        Fit::Style(_) => msg::suggest_fit_talking,
        Fit::OneToOne => msg::suggest_fit_one_to_one,
    }
}

/// The fact rows in `lang`: label, value, and a link (empty for plain text). Optional
/// facts the partner did not give are left out.
fn facts(a: &Alternative, lang: Lang) -> Vec<(String, String, String)> {
    let form = match a.form {
        Form::PeerGroup => msg::suggest_form_peer_group,
        Form::PeerOneToOne => msg::suggest_form_peer_one_to_one,
        Form::PeerOnline => msg::suggest_form_peer_online,
        Form::Doctor => msg::suggest_form_doctor,
        Form::Community => msg::suggest_form_community,
        Form::SelfHelp => msg::suggest_form_self_help,
    };
    let modes: Vec<&str> = a
        .delivery
        .iter()
        .map(|mode| {
            match mode {
                Mode::FaceToFace => msg::suggest_mode_face_to_face,
                Mode::Online => msg::suggest_mode_online,
                Mode::Phone => msg::suggest_mode_phone,
            }
            .get(lang)
        })
        .collect();
    let (sep, colon) = if lang == Lang::En {
        (", ", ": ")
    } else {
        ("、", "：")
    };
    let mut rows = vec![(
        msg::suggest_label_how,
        format!("{}{colon}{}", form.get(lang), modes.join(sep)),
        String::new(),
    )];
    if let Some((min, max)) = a.age {
        // The top of the age question's range means "no upper limit".
        let template = if i64::from(max) >= AGE_INPUT_MAX {
            msg::suggest_ages_from
        } else {
            msg::suggest_ages
        };
        let ages = fill(template.get(lang), &[("min", &min), ("max", &max)]);
        rows.push((msg::suggest_label_ages, ages, String::new()));
    }
    let shown = a.url.trim_start_matches("https://").trim_end_matches('/');
    for (label, value, href) in [
        (msg::suggest_label_languages, a.languages.get(lang), ""),
        (msg::suggest_label_cost, a.cost.get(lang), ""),
        (msg::suggest_label_phone, a.phone_shown(), a.tel.as_str()),
        (msg::suggest_label_hours, a.hours.get(lang), ""),
        (msg::suggest_label_web, shown, a.url.as_str()),
        (msg::suggest_label_address, a.address.get(lang), ""),
    ] {
        if !value.trim().is_empty() {
            rows.push((label, value.to_owned(), href.to_owned()));
        }
    }
    rows.into_iter()
        .map(|(label, value, href)| {
            (
                format!("{}{}", label.get(lang), colon.trim_end()),
                value,
                href,
            )
        })
        .collect()
}
