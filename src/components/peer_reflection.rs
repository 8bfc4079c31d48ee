use crate::components::ReflectionQuestion;
use crate::core::alternatives::{OthersHard, Reflection, SettingPref, StylePref, Timing};
use crate::i18n::*;
use crate::state::use_screener;
use leptos::prelude::*;

/// The optional peer-support reflection, folded away until opened: four unscored
/// questions (is now the right time; talk or activities; online or face to face; might
/// others' experiences be hard) whose answers only reorder the peer options listed below,
/// said plainly, with the honest note that peer support does not suit everyone. Answers
/// are kept on the device with the others ([`crate::state::ScreenerState::reflection`]) and
/// never decide eligibility; a polite status says when the order changed.
#[component]
pub fn PeerReflection() -> impl IntoView {
    let state = use_screener();
    let i18n = use_i18n();
    let r = state.reflection;
    // Each question reads and writes one field, by option position.
    fn pick<T: Copy + PartialEq>(all: &[T], v: Option<T>) -> Option<usize> {
        v.and_then(|v| all.iter().position(|&x| x == v))
    }
    const TIMING: [Timing; 3] = [Timing::Now, Timing::NotSure, Timing::NotNow];
    const STYLE: [StylePref; 3] = [StylePref::Talking, StylePref::Activities, StylePref::Either];
    const SETTING: [SettingPref; 3] = [
        SettingPref::FaceToFace,
        SettingPref::Online,
        SettingPref::Either,
    ];
    const OTHERS: [OthersHard; 3] = [OthersHard::Yes, OthersHard::Maybe, OthersHard::No];
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
                <ReflectionQuestion
                    name="reflect-timing"
                    question=msg::reflect_q_timing
                    options=vec![msg::reflect_timing_now, msg::reflect_timing_not_sure, msg::reflect_timing_not_now]
                    chosen=Signal::derive(move || pick(&TIMING, r.get().timing))
                    on_choose=Callback::new(move |i: usize| r.update(|r: &mut Reflection| r.timing = Some(TIMING[i])))
                />
                <ReflectionQuestion
                    name="reflect-style"
                    question=msg::reflect_q_style
                    options=vec![msg::reflect_style_talking, msg::reflect_style_activities, msg::reflect_style_either]
                    chosen=Signal::derive(move || pick(&STYLE, r.get().style))
                    on_choose=Callback::new(move |i: usize| r.update(|r: &mut Reflection| r.style = Some(STYLE[i])))
                />
                <ReflectionQuestion
                    name="reflect-setting"
                    question=msg::reflect_q_setting
                    options=vec![msg::reflect_setting_face_to_face, msg::reflect_setting_online, msg::reflect_setting_either]
                    chosen=Signal::derive(move || pick(&SETTING, r.get().setting))
                    on_choose=Callback::new(move |i: usize| r.update(|r: &mut Reflection| r.setting = Some(SETTING[i])))
                />
                <ReflectionQuestion
                    name="reflect-others"
                    question=msg::reflect_q_others
                    options=vec![msg::reflect_others_yes, msg::reflect_others_maybe, msg::reflect_others_no]
                    chosen=Signal::derive(move || pick(&OTHERS, r.get().others_hard))
                    on_choose=Callback::new(move |i: usize| r.update(|r: &mut Reflection| r.others_hard = Some(OTHERS[i])))
                />
                <p class="screener-reflection__status" role="status">{status}</p>
                <button
                    type="button"
                    class="screener__button screener__button--secondary screener__no-print"
                    on:click=move |_| r.set(Reflection::default())
                >
                    {t!(i18n, reflect_clear)}
                </button>
            </div>
        </details>
    }
}
