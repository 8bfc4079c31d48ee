use crate::components::{
    intake, questions, results, Announcer, AnswersMenu, ChunkScreen, CrisisPanel, GetHelpButton,
    LanguageSwitch, NoticeList, QuickExit, WelcomeScreen,
};
use crate::flow::Screen;
use crate::session::use_session;
use leptos::either::Either;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

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

    // Rebuilt only when the screen itself changes, not when `go` sets the same one again.
    let screen = Memo::new(move |_| state.screen().get());
    let fresh = Fresh::default();
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
                {move || fresh.next(match screen.get() {
                    Screen::Welcome => view! { <WelcomeScreen/> }.into_any(),
                    // Every other screen's code is in a chunk (see `crate::chunks`).
                    Screen::Question { item } => view! {
                        <ChunkScreen load=move || questions::screen(item.clone())/>
                    }.into_any(),
                    Screen::Review => view! { <ChunkScreen load=results::review/> }.into_any(),
                    Screen::Result => view! { <ChunkScreen load=results::result/> }.into_any(),
                    Screen::Contact => view! { <ChunkScreen load=intake::contact/> }.into_any(),
                    Screen::Consent => view! { <ChunkScreen load=intake::consent/> }.into_any(),
                })}
            </main>
            <Announcer/>
        </div>
    }
}

/// Makes every screen a new build. Leptos updates a view in place when the next one has
/// the same type (one question after another), and a screen patched into the next could
/// carry over what the person did on the last (a checked radio button, focus). From one
/// screen to the next the two sides of an `Either` alternate, so the old screen's DOM is
/// always removed and the new one built; the smoke test checks that the last question's
/// form is gone. (A keyed `<For>` over the one screen did the same for 4.4 KB more of the
/// first load.)
#[derive(Default)]
struct Fresh(AtomicBool);

impl Fresh {
    fn next(&self, screen: AnyView) -> Either<AnyView, AnyView> {
        if self.0.fetch_xor(true, Ordering::Relaxed) {
            Either::Right(screen)
        } else {
            Either::Left(screen)
        }
    }
}
