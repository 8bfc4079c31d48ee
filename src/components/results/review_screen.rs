use crate::components::focus_heading_on_mount;
use crate::core::{AnswerValue, Answers, Item, ItemKind, Lang};
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// Every answer, section by section, each with a "Change" button that opens the question
/// and comes back here.
#[component]
pub fn ReviewScreen() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_heading_on_mount(heading);
    let lang = move || state.lang().get();

    let sections = move || {
        let answers = state.answers().get();
        let visible: Vec<String> = state.questionnaire().with(|q| {
            state.config().with(|c| {
                q.visible_items(&answers, c)
                    .into_iter()
                    .map(|i| i.id.clone())
                    .collect()
            })
        });
        state.questionnaire().with(|q| {
            q.sections
                .iter()
                .filter_map(|section| {
                    let items: Vec<Item> = section
                        .items
                        .iter()
                        .filter(|i| visible.contains(&i.id))
                        .cloned()
                        .collect();
                    (!items.is_empty()).then(|| (section.title.clone(), items))
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="screener__screen" aria-labelledby="screener-review-title">
            <h1 class="screener__title" id="screener-review-title" tabindex="-1" node_ref=heading>
                {t!(i18n, review_title)}
            </h1>
            <p class="screener__lead">{t!(i18n, review_lead)}</p>
            {move || sections().into_iter().map(|(title, items)| {
                let answers = state.answers().get_untracked();
                view! {
                    <h2 class="screener__subtitle">{title.get(lang()).to_string()}</h2>
                    <dl class="screener__review">
                        {items.into_iter().map(|item| {
                            let shown = answer_text(&item, &answers, lang())
                                .unwrap_or_else(|| t_string!(i18n, review_not_answered).to_string());
                            let question = item.text.get(lang()).to_string();
                            let id = item.id.clone();
                            view! {
                                <div class="screener__review-row">
                                    <dt class="screener__review-question">{question.clone()}</dt>
                                    <dd class="screener__review-answer">
                                        <span>{shown}</span>
                                        // The accessible name starts with the visible word and
                                        // says which answer it changes.
                                        <button
                                            type="button"
                                            class="screener__button screener__button--link"
                                            aria-label=format!("{}: {question}", t_string!(i18n, review_change))
                                            on:click=move |_| state.change_from_review(&id)
                                        >
                                            {t!(i18n, review_change)}
                                        </button>
                                    </dd>
                                </div>
                            }
                        }).collect_view()}
                    </dl>
                }
            }).collect_view()}
            <div class="screener__nav">
                <button type="button" class="screener__button screener__button--secondary" on:click=move |_| state.back()>
                    {t!(i18n, nav_back)}
                </button>
                <button type="button" class="screener__button screener__button--primary" on:click=move |_| state.next()>
                    {t!(i18n, review_see_result)}
                </button>
            </div>
        </section>
    }
}

/// The answer to `item` as the person chose it, in `lang`.
fn answer_text(item: &Item, answers: &Answers, lang: Lang) -> Option<String> {
    let label = |value: &str| {
        item.kind
            .options()
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.get(lang).to_string())
    };
    match (answers.get(&item.id)?, &item.kind) {
        (AnswerValue::Number(n), ItemKind::WholeNumber { .. }) => Some(n.to_string()),
        (AnswerValue::Choice(v), ItemKind::Choice { .. }) => label(v),
        (AnswerValue::Choices(vs), ItemKind::MultiChoice { .. }) => {
            let labels: Vec<String> = vs.iter().filter_map(|v| label(v)).collect();
            (!labels.is_empty()).then(|| labels.join(", "))
        }
        _ => None,
    }
}
