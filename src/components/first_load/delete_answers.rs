use crate::i18n::*;
use crate::session::use_session;
use leptos::prelude::*;

/// "Delete my answers", with a confirmation step: removes everything this app stored on
/// the device (answers, safety plan, backups) and says so.
#[component]
pub fn DeleteAnswers(
    /// Unique prefix for element ids (the control can appear twice on one screen).
    id: &'static str,
) -> impl IntoView {
    let question_id = format!("{id}-question");
    let state = use_session();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    let ask = move |_| {
        confirming.set(true);
        // Focus the confirming button so keyboard users land on the choice.
        request_animation_frame(move || {
            if let Some(el) = confirm_ref.get() {
                let _ = el.focus();
            }
        });
    };
    view! {
        <div class="screener__delete">
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" class="screener__button screener__button--secondary" on:click=ask>
                            {t!(i18n, delete_my_answers)}
                        </button>
                    }
                }
            >
                <div class="screener__confirm" role="group" aria-labelledby=question_id.clone()>
                    // Deleting says what happens to a request to be contacted.
                    <p id=question_id.clone()>{move || state.referral().with(|r| match r {
                        Some(r) if r.is_pending() => t_string!(i18n, delete_confirm_pending),
                        Some(r) if r.is_sent() => t_string!(i18n, delete_confirm_sent),
                        _ => t_string!(i18n, delete_confirm_question),
                    })}</p>
                    <button
                        type="button"
                        class="screener__button screener__button--danger"
                        node_ref=confirm_ref
                        on:click=move |_| {
                            confirming.set(false);
                            state.delete_everything();
                        }
                    >
                        {t!(i18n, delete_confirm_yes)}
                    </button>
                    <button
                        type="button"
                        class="screener__button screener__button--secondary"
                        on:click=move |_| confirming.set(false)
                    >
                        {t!(i18n, delete_confirm_cancel)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
