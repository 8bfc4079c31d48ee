use super::{ChoiceInput, MultiChoiceInput, NumberInput, Progress};
use crate::components::focus;
use crate::core::ItemKind;
use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// One question: the section and its stem, the question as the screen's heading inside
/// the fieldset legend (so screen readers read it with the options), the answer control,
/// and Back / Next. Next on a required question without an answer explains what is
/// needed instead of moving on.
#[component]
pub fn QuestionScreen(
    /// Id of the item to ask.
    item: String,
) -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    crate::components::focus_heading_on_mount(heading);

    let Some((section, question)) = state
        .questionnaire()
        .with(|q| q.section_of(&item).cloned().zip(q.item(&item).cloned()))
    else {
        // A stale id (e.g. a restored position): the flow never produces one, but if it
        // happens the person is sent on rather than shown an empty screen.
        state.next();
        return ().into_any();
    };

    let lang = move || state.lang().get();
    let missing = RwSignal::new(false);
    let error_id = format!("screener-error-{}", question.id);
    let help_id = format!("screener-help-{}", question.id);
    let required = question.required;
    let item_id = StoredValue::new(question.id.clone());
    let answered = move || {
        state.answers().with(|a| {
            state
                .questionnaire()
                .with(|q| item_id.with_value(|id| q.item(id).is_some_and(|i| i.is_answered(a))))
        })
    };
    let on_next = move || {
        if required && !answered() {
            missing.set(true);
            if let Some(el) = heading.get() {
                focus(&el);
            }
            return;
        }
        state.next();
    };
    // Clear the error as soon as an answer is given.
    Effect::new(move |_| {
        if answered() {
            missing.set(false);
        }
    });

    let describedby = {
        let mut ids = Vec::new();
        if question.help.is_some() {
            ids.push(help_id.clone());
        }
        ids.push(error_id.clone());
        ids.join(" ")
    };
    let control = match &question.kind {
        ItemKind::Choice { options } => view! {
            <ChoiceInput item=question.id.clone() options=options.clone()/>
        }
        .into_any(),
        ItemKind::MultiChoice { options } => view! {
            <MultiChoiceInput item=question.id.clone() options=options.clone()/>
        }
        .into_any(),
        ItemKind::WholeNumber { min, max } => view! {
            <NumberInput
                item=question.id.clone()
                min=*min
                max=*max
                labelledby="screener-question-title"
                describedby=describedby.clone()
            />
        }
        .into_any(),
    };
    let is_fieldset = !matches!(question.kind, ItemKind::WholeNumber { .. });
    let section_title = section.title.clone();
    let stem = section.stem.clone();
    let text = question.text.clone();
    let help = question.help.clone();
    let item_for_progress = question.id.clone();

    let legend = move || {
        let stem = stem.clone();
        let text = text.clone();
        view! {
            <span class="screener__caption">{section_title.get(lang()).to_string()}</span>
            {stem.map(|s| view! { <span class="screener__stem">{s.get(lang()).to_string()}</span> })}
            <h1
                class="screener__title screener__title--question"
                id="screener-question-title"
                tabindex="-1"
                node_ref=heading
            >
                {text.get(lang()).to_string()}
            </h1>
        }
    };

    view! {
        <section class="screener__screen screener__screen--question">
            <Progress item=item_for_progress/>
            <form class="screener__form" novalidate=true on:submit=move |ev| { ev.prevent_default(); on_next(); }>
                {if is_fieldset {
                    view! {
                        <fieldset class="screener__fieldset" aria-describedby=describedby.clone()>
                            <legend class="screener__legend">{legend.clone()}</legend>
                            {help.clone().map(|h| view! { <p class="screener__hint" id=help_id.clone()>{move || h.get(lang()).to_string()}</p> })}
                            <p class="screener__error" id=error_id.clone() hidden=move || !missing.get()>
                                {t!(i18n, error_choose)}
                            </p>
                            {control}
                        </fieldset>
                    }.into_any()
                } else {
                    view! {
                        <div class="screener__fieldset">
                            <div class="screener__legend">{legend.clone()}</div>
                            {help.clone().map(|h| view! { <p class="screener__hint" id=help_id.clone()>{move || h.get(lang()).to_string()}</p> })}
                            <p class="screener__error" id=error_id.clone() hidden=move || !missing.get()>
                                {t!(i18n, error_number)}
                            </p>
                            {control}
                        </div>
                    }.into_any()
                }}
                <div class="screener__nav">
                    <button type="button" class="screener__button screener__button--secondary" on:click=move |_| state.back()>
                        {t!(i18n, nav_back)}
                    </button>
                    <button type="submit" class="screener__button screener__button--primary">
                        {move || if state.from_review().get() { t_string!(i18n, nav_save_review) } else { t_string!(i18n, nav_next) }}
                    </button>
                </div>
            </form>
        </section>
    }
    .into_any()
}
