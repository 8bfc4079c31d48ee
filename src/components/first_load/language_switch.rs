use crate::core::Lang;
use crate::session::use_session;
use leptos::prelude::*;

/// Switches between the configured languages. Each option names its language in that
/// language (with its own `lang`), so a person who cannot read the current one finds it.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let state = use_session();
    let others = move || {
        let current = state.lang().get();
        state
            .config()
            .with(|c| c.languages.clone())
            .into_iter()
            .filter(move |l| *l != current)
            .collect::<Vec<_>>()
    };
    // Not a keyed `<For>`: with two languages there is one button, updated in place after
    // a switch, and start-up is spared a second keyed list's code (about 25 functions the
    // browser would otherwise compile before the first screen).
    move || {
        others()
            .into_iter()
            .map(|lang| {
                view! {
                    <button
                        type="button"
                        class="screener__lang"
                        lang=lang.tag()
                        on:click=move |_| state.set_lang(lang)
                    >
                        {native_name(lang)}
                    </button>
                }
            })
            .collect_view()
    }
}

/// A language's name in itself.
fn native_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::ZhHantHk => "繁體中文",
    }
}
