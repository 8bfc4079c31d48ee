use crate::components::{
    Announcer, AnswersMenu, ConsentScreen, ContactScreen, CrisisPanel, GetHelpButton,
    LanguageSwitch, NoticeList, QuestionScreen, QuickExit, ResultScreen, ReviewScreen,
    WelcomeScreen,
};
use crate::flow::Screen;
use crate::state::use_screener;
use leptos::prelude::*;

/// The frame around every screen: the quick exit (first in keyboard order), "Get help
/// now", the language switch and the answers menu; the crisis panel (shown whenever risk
/// was reported or help was asked for); notices; then the current screen.
#[component]
pub fn Shell() -> impl IntoView {
    let state = use_screener();

    // The state's language is the source of truth; keep <html lang> in step with it (set
    // once now, so the first paint already has it).
    let apply_lang = move |lang: crate::core::Lang| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
    };
    apply_lang(state.lang.get_untracked());
    Effect::new(move |_| apply_lang(state.lang.get()));

    let store = crate::persistence::install(state);
    crate::delivery::install(state, store);

    // The crisis panel is built hidden, so that showing it later is one attribute change.
    // Like everything else the first screen does not show, building it waits until just
    // after that screen is painted, so it does not delay it; risk or a request for help
    // (resumed answers, a very quick tap) builds it at once.
    request_animation_frame(move || {
        // `try_set`: the page may be gone by then (a test unmounts it).
        set_timeout(
            move || {
                let _ = state.first_screen_painted.try_set(true);
            },
            std::time::Duration::ZERO,
        )
    });
    let build_crisis = move || state.first_screen_painted.get() || state.crisis_shown();

    view! {
        <div class="screener__shell">
            <header class="screener__bar">
                <QuickExit/>
                <div class="screener__bar-actions">
                    <GetHelpButton/>
                    <LanguageSwitch/>
                    <AnswersMenu/>
                </div>
            </header>
            <main class="screener__main" id="screener-main">
                <Show when=build_crisis>
                    <CrisisPanel/>
                </Show>
                <NoticeList/>
                // Keyed by the screen so every screen is built afresh: an in-place update of
                // one question's DOM into the next left radio buttons showing stale state.
                <For each=move || [state.screen.get()] key=|screen| screen.clone() let:screen>
                    {match screen {
                        Screen::Welcome => view! { <WelcomeScreen/> }.into_any(),
                        Screen::Question { item } => view! { <QuestionScreen item=item/> }.into_any(),
                        Screen::Review => view! { <ReviewScreen/> }.into_any(),
                        Screen::Result => view! { <ResultScreen/> }.into_any(),
                        Screen::Contact => view! { <ContactScreen/> }.into_any(),
                        Screen::Consent => view! { <ConsentScreen/> }.into_any(),
                    }}
                </For>
            </main>
            <Announcer/>
        </div>
    }
}
