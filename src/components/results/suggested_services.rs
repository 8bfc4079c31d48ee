use super::{PeerReflection, SuggestedService};
use crate::core::alternatives::{age_of, offers_reflection, suggest, Reflection};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// The partner's listed services that fit this person's outcome and age, most relevant
/// first, as decided by [`crate::core::alternatives::suggest`], with the peer-support
/// reflection above them when one of them is peer support. Renders nothing when none
/// fits (always so with the built-in default, which lists no service).
#[component]
pub fn SuggestedServices(
    /// Eligible and waiting: give the list its own "While you wait" heading.
    #[prop(optional)]
    waiting: bool,
) -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    // Plain closures, not memos: a list of a few services is cheap to match again, and a
    // memo of a new type costs the WebAssembly more.
    // The set shown does not depend on the reflection (only the order does), so only the
    // list reads it: answering never re-creates the reflection under the person's focus.
    let suggestions = move |reflection: Reflection| {
        let age = state
            .answers()
            .with(|a| state.questionnaire().with(|q| age_of(q, a)));
        state.outcome().with(|o| {
            state
                .config()
                .with(|c| suggest(&c.alternatives, o, age, &reflection))
        })
    };
    let has_peer = move || {
        let s = suggestions(Reflection::default());
        state
            .config()
            .with(|c| offers_reflection(&c.alternatives, &s))
    };
    move || {
        (!suggestions(Reflection::default()).is_empty()).then(|| {
            view! {
                <div class="screener-suggestions">
                    {waiting.then(|| view! {
                        <h2 class="screener__subtitle">{t!(i18n, suggest_waiting_title)}</h2>
                        <p>{t!(i18n, suggest_waiting_lead)}</p>
                    })}
                    {move || has_peer().then(|| view! { <PeerReflection/> })}
                    <ul class="screener-suggestions__list" aria-label=t!(i18n, suggest_list_label)>
                        {move || suggestions(state.reflection().get()).into_iter().map(|s| {
                            let alternative = state.config().with(|c| c.alternatives[s.index].clone());
                            view! { <SuggestedService alternative=alternative suggestion=s/> }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
