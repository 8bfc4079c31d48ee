use super::ReflectionQuestion;
use crate::core::alternatives::{Reflection, Timing};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// The four questions: radio group name, question, options in the order of
/// [`Reflection::position`].
const QUESTIONS: [(&str, Msg, [Msg; 3]); 4] = [
    (
        "reflect-timing",
        msg::reflect_q_timing,
        [
            msg::reflect_timing_now,
            msg::reflect_timing_not_sure,
            msg::reflect_timing_not_now,
        ],
    ),
    (
        "reflect-style",
        msg::reflect_q_style,
        [
            msg::reflect_style_talking,
            msg::reflect_style_activities,
            msg::reflect_style_either,
        ],
    ),
    (
        "reflect-setting",
        msg::reflect_q_setting,
        [
            msg::reflect_setting_face_to_face,
            msg::reflect_setting_online,
            msg::reflect_setting_either,
        ],
    ),
    (
        "reflect-others",
        msg::reflect_q_others,
        [
            msg::reflect_others_yes,
            msg::reflect_others_maybe,
            msg::reflect_others_no,
        ],
    ),
];

/// The optional peer-support reflection, folded away until opened: four unscored
/// questions (is now the right time; talk or activities; online or face to face; might
/// others' experiences be hard) whose answers only reorder the peer options listed below,
/// said plainly, with the honest note that peer support does not suit everyone. Answers
/// are kept on the device with the others ([`crate::session::Session::reflection`]) and
/// never decide eligibility; a polite status says when the order changed.
#[component]
pub fn PeerReflection() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let r = state.reflection();
    let status = move || {
        let now = r.get();
        if now.timing == Some(Timing::NotNow) {
            t_string!(i18n, reflect_not_now)
        } else if now.is_empty() {
            ""
        } else {
            t_string!(i18n, reflect_reordered)
        }
    };
    let open = !r.get_untracked().is_empty();
    view! {
        <details class="screener-reflection" open=open>
            <summary class="screener-reflection__summary">{t!(i18n, reflect_summary)}</summary>
            <div class="screener-reflection__body">
                <p>{t!(i18n, reflect_intro)}</p>
                <p><strong>{t!(i18n, alt_peer_note)}</strong></p>
                {QUESTIONS.into_iter().enumerate().map(|(q, (name, question, options))| view! {
                    <ReflectionQuestion q=q name=name question=question options=options/>
                }).collect_view()}
                <p class="screener-reflection__status" role="status">{status}</p>
                <button
                    type="button"
                    class="screener__button screener__button--secondary screener__no-print"
                    on:click=move |_| state.update_reflection(|r| *r = Reflection::default())
                >
                    {t!(i18n, reflect_clear)}
                </button>
            </div>
        </details>
    }
}
