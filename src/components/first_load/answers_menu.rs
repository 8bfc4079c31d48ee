use crate::components::DeleteAnswers;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// "Your answers" menu, on every screen: delete them, or stop keeping them on this device
/// (for a shared computer). Needed inside partner iframes too, where the host page cannot
/// clear the frame's storage.
#[component]
pub fn AnswersMenu() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let on_dont_keep_change = move |ev: leptos::ev::Event| {
        let dont_keep = event_target_checked(&ev);
        state.keep_on_device(!dont_keep);
    };
    view! {
        <div class="screener__menu">
            <button
                type="button"
                class="screener__menu-button"
                aria-expanded=move || open.get().to_string()
                aria-controls="screener-answers-menu"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t!(i18n, menu_your_answers)}
            </button>
            <div
                class="screener__menu-panel"
                id="screener-answers-menu"
                hidden=move || !open.get()
            >
                // Built once the first screen is painted (or at once if opened before):
                // closed, the panel shows nothing.
                <Show when=move || state.first_screen_painted().get() || open.get()>
                    <p class="screener__menu-text">{t!(i18n, menu_privacy)}</p>
                    <DeleteAnswers id="screener-menu-delete"/>
                    <label class="screener__check">
                        <input
                            type="checkbox"
                            prop:checked=move || !state.keeps_on_device().get()
                            on:change=on_dont_keep_change
                        />
                        <span>{t!(i18n, menu_dont_keep)}</span>
                    </label>
                </Show>
            </div>
        </div>
    }
}
