use crate::components::{
    intake, questions, results, Announcer, AnswersMenu, ChunkScreen, CrisisPanel, GetHelpButton,
    LanguageSwitch, NoticeList, QuickExit, WelcomeScreen,
};
use crate::flow::Screen;
use crate::session::use_session;
use leptos::prelude::*;

/// The page's layout: the frame around every screen: the quick exit (first in keyboard order), "Get help
/// now", the language switch and the answers menu; the crisis panel (shown whenever risk
/// was reported or help was asked for); notices; then the current screen.
#[component]
pub fn Shell() -> impl IntoView {
    let state = use_session();

    // The crisis panel is built hidden, so that showing it later is one attribute change.
    // Like everything else the first screen does not show, building it waits until just
    // after that screen is painted, so it does not delay it; risk or a request for help
    // (resumed answers, a very quick tap) builds it at once.
    let build_crisis = move || state.first_screen_painted().get() || state.crisis_shown();

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
                <For each=move || [state.screen().get()] key=|screen| screen.clone() let:screen>
                    {match screen {
                        Screen::Welcome => view! { <WelcomeScreen/> }.into_any(),
                        // Every other screen's code is in a chunk (see `crate::chunks`).
                        Screen::Question { item } => view! {
                            <ChunkScreen load=move || questions::screen(item.clone())/>
                        }.into_any(),
                        Screen::Review => view! { <ChunkScreen load=results::review/> }.into_any(),
                        Screen::Result => view! { <ChunkScreen load=results::result/> }.into_any(),
                        Screen::Contact => view! { <ChunkScreen load=intake::contact/> }.into_any(),
                        Screen::Consent => view! { <ChunkScreen load=intake::consent/> }.into_any(),
                    }}
                </For>
            </main>
            <Announcer/>
        </div>
    }
}
