use crate::components::focus_heading_on_mount;
use crate::core::config::FieldRule;
use crate::core::referral::{check_contact, ContactField, ContactProblem, PhoneProblem};
use crate::flow::Screen;
use crate::i18n::*;
use crate::i18n::{fill, text, Msg};
use crate::session::use_session;
use leptos::prelude::*;

/// How the service can reach the person: the fields the partner's configuration asks
/// for (name, phone, email, and whether a voicemail or a text message is safe), with the
/// browser's standard `autocomplete` names and input modes. Checked when the person
/// continues: every problem is listed at the top (focused, each a link to its field)
/// and beside its field, in words that say how to fix it.
#[component]
pub fn ContactScreen() -> impl IntoView {
    let state = use_session();
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_heading_on_mount(heading);
    let fields = state.config().with(|c| c.referral.fields);
    let problems = RwSignal::new(Vec::<ContactProblem>::new());
    let summary = NodeRef::<leptos::html::Div>::new();

    let message = move |p: ContactProblem| -> String {
        match p {
            ContactProblem::Missing(ContactField::Name) => t_string!(i18n, contact_error_name),
            ContactProblem::Missing(ContactField::Phone) => t_string!(i18n, contact_error_phone),
            ContactProblem::Missing(ContactField::Email) => {
                t_string!(i18n, contact_error_email_missing)
            }
            ContactProblem::Missing(ContactField::Voicemail) => {
                t_string!(i18n, contact_error_voicemail)
            }
            ContactProblem::Missing(ContactField::Sms) => t_string!(i18n, contact_error_sms),
            ContactProblem::NameTooLong => t_string!(i18n, contact_error_name_long),
            ContactProblem::Phone(PhoneProblem::NotANumber) => {
                t_string!(i18n, contact_error_phone_chars)
            }
            ContactProblem::Phone(PhoneProblem::HongKongLength) => {
                t_string!(i18n, contact_error_phone_hk)
            }
            ContactProblem::Phone(PhoneProblem::HongKongAfterCode) => {
                t_string!(i18n, contact_error_phone_hk_code)
            }
            ContactProblem::Phone(PhoneProblem::InternationalLength) => {
                t_string!(i18n, contact_error_phone_intl)
            }
            ContactProblem::Email => t_string!(i18n, contact_error_email),
        }
        .to_string()
    };
    let field_id = |field: ContactField| match field {
        ContactField::Name => "screener-contact-name",
        ContactField::Phone => "screener-contact-phone",
        ContactField::Email => "screener-contact-email",
        ContactField::Voicemail => "screener-contact-voicemail-yes",
        ContactField::Sms => "screener-contact-sms-yes",
    };
    let error_of = move |field: ContactField| {
        problems.with(|ps| ps.iter().copied().find(|p| p.field() == field))
    };
    // Editing a field clears its message; the rest stay until the next check.
    let edited = move |field: ContactField| problems.update(|ps| ps.retain(|p| p.field() != field));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = state
            .contact()
            .with_untracked(|c| check_contact(c, &fields));
        if found.is_empty() {
            problems.set(Vec::new());
            state.next();
        } else {
            problems.set(found);
            request_animation_frame(move || {
                if let Some(el) = summary.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };

    // Labels are `Msg`s rendered by closures (no `Signal`: its machinery alone would
    // cost the WebAssembly more than this form).
    let optional = move |rule: FieldRule, label: Msg| {
        move || {
            let text = label.get(i18n.lang());
            if rule == FieldRule::Optional {
                fill(t_string!(i18n, contact_optional), &[("label", &text)])
            } else {
                text.to_string()
            }
        }
    };
    let text_field = move |field: ContactField,
                           label: Msg,
                           rule: FieldRule,
                           hint: Option<Msg>,
                           kind: &'static str,
                           autocomplete: &'static str,
                           inputmode: &'static str,
                           required: bool| {
        let id = field_id(field);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described = {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            ids.push(error_id.clone());
            ids.join(" ")
        };
        let value = move || {
            state.contact().with(|c| match field {
                ContactField::Name => c.name.clone(),
                ContactField::Phone => c.phone.clone(),
                _ => c.email.clone(),
            })
        };
        let on_input = move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            state.update_contact(|c| match field {
                ContactField::Name => c.name = text,
                ContactField::Phone => c.phone = text,
                _ => c.email = text,
            });
            edited(field);
        };
        view! {
            <div class="screener__field">
                <label class="screener__label" for=id>{optional(rule, label)}</label>
                {hint.map(|h| view! { <p class="screener__hint" id=hint_id.clone()>{text(i18n, h)}</p> })}
                <p class="screener__error" id=error_id.clone() hidden=move || error_of(field).is_none()>
                    {move || error_of(field).map(message)}
                </p>
                <input
                    class="screener__input screener__input--text"
                    id=id
                    name=autocomplete
                    type=kind
                    autocomplete=autocomplete
                    inputmode=inputmode
                    spellcheck="false"
                    required=required
                    aria-invalid=move || error_of(field).is_some().then_some("true")
                    aria-describedby=described
                    prop:value=value
                    on:input=on_input
                />
            </div>
        }
    };
    let yes_no = move |field: ContactField, question: Msg, hint: Msg| {
        let name = match field {
            ContactField::Voicemail => "screener-contact-voicemail",
            _ => "screener-contact-sms",
        };
        let legend_id = format!("{name}-legend");
        let hint_id = format!("{name}-hint");
        let error_id = format!("{name}-error");
        let current = move || {
            state.contact().with(|c| match field {
                ContactField::Voicemail => c.voicemail,
                _ => c.sms,
            })
        };
        let set = move |v: bool| {
            state.update_contact(|c| match field {
                ContactField::Voicemail => c.voicemail = Some(v),
                _ => c.sms = Some(v),
            });
            edited(field);
        };
        view! {
            <fieldset
                class="screener__fieldset screener__field"
                aria-describedby=format!("{hint_id} {error_id}")
            >
                <legend class="screener__label" id=legend_id>{text(i18n, question)}</legend>
                <p class="screener__hint" id=hint_id.clone()>{text(i18n, hint)}</p>
                <p class="screener__error" id=error_id.clone() hidden=move || error_of(field).is_none()>
                    {move || error_of(field).map(message)}
                </p>
                <div class="screener__options screener__options--inline">
                    <label class="screener__option" for=format!("{name}-yes")>
                        <input class="screener__radio" type="radio" id=format!("{name}-yes") name=name value="yes"
                            prop:checked=move || current() == Some(true) on:change=move |_| set(true)/>
                        <span class="screener__option-label">{t!(i18n, contact_yes)}</span>
                    </label>
                    <label class="screener__option" for=format!("{name}-no")>
                        <input class="screener__radio" type="radio" id=format!("{name}-no") name=name value="no"
                            prop:checked=move || current() == Some(false) on:change=move |_| set(false)/>
                        <span class="screener__option-label">{t!(i18n, contact_no)}</span>
                    </label>
                </div>
            </fieldset>
        }
    };

    view! {
        <section class="screener__screen screener__screen--contact" aria-labelledby="screener-contact-title">
            <h1 class="screener__title" id="screener-contact-title" tabindex="-1" node_ref=heading>
                {t!(i18n, contact_title)}
            </h1>
            <p class="screener__lead">{t!(i18n, contact_lead)}</p>
            <div
                class="screener__error-summary"
                role="alert"
                tabindex="-1"
                node_ref=summary
                hidden=move || problems.with(Vec::is_empty)
                aria-labelledby="screener-contact-summary-title"
            >
                <h2 class="screener__subtitle" id="screener-contact-summary-title">{t!(i18n, contact_error_summary)}</h2>
                <ul>
                    {move || problems.get().into_iter().map(|p| view! {
                        <li><a href=format!("#{}", field_id(p.field()))>{message(p)}</a></li>
                    }).collect_view()}
                </ul>
            </div>
            <form class="screener__form" novalidate on:submit=on_submit>
                {fields.name.asked().then(|| text_field(
                    ContactField::Name, msg::contact_name, fields.name, Some(msg::contact_name_hint),
                    "text", "name", "text", fields.name == FieldRule::Required,
                ))}
                {fields.phone.asked().then(|| text_field(
                    ContactField::Phone, msg::contact_phone, fields.phone, Some(msg::contact_phone_hint),
                    "tel", "tel", "tel", fields.phone == FieldRule::Required,
                ))}
                {(fields.phone.asked() && fields.voicemail).then(|| yes_no(
                    ContactField::Voicemail, msg::contact_voicemail, msg::contact_voicemail_hint,
                ))}
                {(fields.phone.asked() && fields.sms).then(|| yes_no(
                    ContactField::Sms, msg::contact_sms, msg::contact_sms_hint,
                ))}
                {fields.email.asked().then(|| text_field(
                    ContactField::Email, msg::contact_email, fields.email, None,
                    "email", "email", "email", fields.email == FieldRule::Required,
                ))}
                <p class="screener__hint">{t!(i18n, contact_privacy)}</p>
                <div class="screener__nav">
                    <button type="button" class="screener__button screener__button--secondary"
                        on:click=move |_| state.go(Screen::Result)>
                        {t!(i18n, nav_back)}
                    </button>
                    <button type="submit" class="screener__button screener__button--primary">
                        {t!(i18n, contact_continue)}
                    </button>
                </div>
            </form>
        </section>
    }
}
