use crate::components::CrisisLine;
use crate::core::CrisisResource;
use crate::session::use_session;
use leptos::prelude::*;

/// The crisis lines as a list: each line's link, then what the configuration says of it
/// (hours, cost, how it is reached, languages; `CrisisResource::meta`). Used by the
/// crisis panel and by the message shown when a screen cannot be loaded, so both say
/// exactly the same of every line.
#[component]
pub fn CrisisLineList<F>(
    /// The lines to list, in the order to list them (re-read when the language changes).
    lines: F,
) -> impl IntoView
where
    F: Fn() -> Vec<CrisisResource> + Send + Sync + 'static,
{
    let state = use_session();
    let lang = move || state.lang().get();
    let meta = move |r: &CrisisResource| {
        state
            .config()
            .with(|c| r.meta(&c.crisis_resources).get(lang()).to_owned())
    };
    view! {
        <ul class="screener-crisis__list">
            {move || lines().into_iter().map(|r| view! {
                <li class="screener-crisis__item">
                    <CrisisLine resource=r.clone() lang=lang()/>
                    <span class="screener-crisis__meta">{meta(&r)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}
