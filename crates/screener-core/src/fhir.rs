//! The result handoff as a standard: FHIR R4 `Questionnaire` and
//! `QuestionnaireResponse` resources built from the questionnaire model.
//!
//! Partners' systems already speak FHIR, so the completed screening is handed
//! over (and downloaded by the person) as a `QuestionnaireResponse` that
//! points at a `Questionnaire` generated from the same
//! [`Questionnaire`](super::Questionnaire) data the screener asks from. Nothing
//! is written by hand twice, so the two cannot drift apart.
//!
//! # Design decisions
//!
//! * **Two questionnaires.** [`Variant::Full`] is the whole intake as asked.
//!   [`Variant::Summary`] holds only what is handed off when the partner's
//!   configuration does not share answers (`handoff.include_answers: false`):
//!   instrument totals, contact preferences and the outcome. A summary
//!   response therefore validates against its own questionnaire instead of
//!   looking like an intake with required answers missing. Both use the same
//!   groups and link ids, so one mapping serves both.
//! * **Link ids are the stable item ids** (`phq9_1`, `contact_centre`), the
//!   identifiers the rest of the screener stores and compares. Groups use the
//!   section ids; totals `<instrument>_total`; section lead-ins
//!   `<section>_stem` (display items); the outcome `outcome`.
//! * **LOINC where it exists.** PHQ-9 panel 44249-1, its nine items and the
//!   difficulty item 69722-7, total 44261-6; GAD-7 panel 69737-5, its seven
//!   items, total 70274-6; the answer lists LL358-3 (`LA6568-5` "Not at all"
//!   … `LA6571-9` "Nearly every day") and the difficulty answers. WSAS and the
//!   screener's own questions have no LOINC codes; their answers use one code
//!   system per item under the deployment's base URL
//!   (`<base>/fhir/CodeSystem/intake-<item>`), because the same option value
//!   (`yes`) means different things on different items.
//! * **Canonical URLs live under the deployment** (`<base>/fhir/Questionnaire/intake`),
//!   where `base` is the address the app is served from: the screener has no
//!   server of its own, and the partner's address is the one namespace the
//!   partner controls.
//! * **Scores travel as `ordinalValue`** on each answer option (the R4
//!   extension), so a receiving system can recompute totals; the totals
//!   themselves are read-only integer items.
//! * **Languages.** The questionnaire's base language is the configuration's
//!   default language, with the other offered languages as `translation`
//!   extensions. A response's item texts are in the person's language (so
//!   the download reads naturally); codings keep one display per code.
//! * **Only what was asked.** A response holds only items visible with the
//!   answers given and answered validly: answers kept for hidden follow-ups
//!   (see the app's `flow`) and invalid answers are left out, as FHIR
//!   forbids answers to disabled items.
//! * **Conditions.** `show_if: answer_in` becomes `enableWhen` (any value).
//!   The contact section's condition (provisional eligibility) is computed by
//!   the screening rules and has no plain FHIR form, so its items are marked
//!   not required in FHIR: they are required by the screener only when shown.
//!
//! Pure: no clock (the `authored` time is passed in), no I/O.

use serde_json::{json, Map, Value};

use super::answers::{AnswerValue, Answers};
use super::config::Config;
use super::eligibility::{Headline, Outcome, Reason};
use super::instruments::Instrument;
use super::names::ids;
use super::questionnaire::{Condition, Item, ItemKind, Questionnaire, ResponseOption, Section};
use super::text::{t, Lang, Text};

/// The LOINC code system.
pub const LOINC: &str = "http://loinc.org";
/// R4 extension carrying an answer option's score.
pub const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/// R4 extension carrying a text in another language.
pub const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";

/// Link id of the outcome item.
pub const OUTCOME_LINK_ID: &str = "outcome";
/// Link id of the item naming the alternatives shown (only with a configured list).
pub const ALTERNATIVES_LINK_ID: &str = "alternatives_shown";

/// Which generated questionnaire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Every question asked, with totals and the outcome.
    Full,
    /// Totals, contact preferences and the outcome only: what is handed off
    /// when answers are not shared.
    Summary,
}

impl Variant {
    /// The resource id: the questionnaire's id, with `-summary` for the summary.
    pub fn resource_id(self, questionnaire: &Questionnaire) -> String {
        match self {
            Variant::Full => questionnaire.id.clone(),
            Variant::Summary => format!("{}-summary", questionnaire.id),
        }
    }
}

/// The canonical URL of a generated questionnaire:
/// `<base>/fhir/Questionnaire/<id>`.
pub fn questionnaire_url(base: &str, questionnaire: &Questionnaire, variant: Variant) -> String {
    format!(
        "{}/fhir/Questionnaire/{}",
        base.trim_end_matches('/'),
        variant.resource_id(questionnaire)
    )
}

/// The code system of an item's own (non-LOINC) answer options.
pub fn answer_system(base: &str, questionnaire: &Questionnaire, item_id: &str) -> String {
    format!(
        "{}/fhir/CodeSystem/{}-{item_id}",
        base.trim_end_matches('/'),
        questionnaire.id
    )
}

/// The code system of the outcome codes (the [`Headline`] names).
pub fn outcome_system(base: &str, questionnaire: &Questionnaire) -> String {
    answer_system(base, questionnaire, OUTCOME_LINK_ID)
}

/// Link id of an instrument's total item, e.g. `phq9_total`.
pub fn total_link_id(instrument: Instrument) -> String {
    format!("{}_total", instrument.id())
}

/// LOINC codes of the scored items, in [`Instrument::item_ids`] order, with
/// their LOINC display names.
fn loinc_items(instrument: Instrument) -> &'static [(&'static str, &'static str)] {
    match instrument {
        Instrument::Phq9 => &[
            ("44250-9", "Little interest or pleasure in doing things"),
            ("44255-8", "Feeling down, depressed, or hopeless"),
            (
                "44259-0",
                "Trouble falling or staying asleep, or sleeping too much",
            ),
            ("44254-1", "Feeling tired or having little energy"),
            ("44251-7", "Poor appetite or overeating"),
            (
                "44258-2",
                "Feeling bad about yourself-or that you are a failure or have let yourself or your family down",
            ),
            (
                "44252-5",
                "Trouble concentrating on things, such as reading the newspaper or watching television",
            ),
            (
                "44253-3",
                "Moving or speaking so slowly that other people could have noticed. Or the opposite-being so fidgety or restless that you have been moving around a lot more than usual",
            ),
            (
                "44260-8",
                "Thoughts that you would be better off dead, or of hurting yourself in some way",
            ),
        ],
        Instrument::Gad7 => &[
            ("69725-0", "Feeling nervous, anxious or on edge"),
            ("68509-9", "Not being able to stop or control worrying"),
            ("69733-4", "Worrying too much about different things"),
            ("69734-2", "Trouble relaxing"),
            ("69735-9", "Being so restless that it is hard to sit still"),
            ("69689-8", "Becoming easily annoyed or irritable"),
            ("69736-7", "Feeling afraid as if something awful might happen"),
        ],
        Instrument::Wsas => &[],
    }
}

const PHQ9_DIFFICULTY_LOINC: (&str, &str) = (
    "69722-7",
    "How difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
);

/// LOINC display names of the panels and totals.
fn loinc_display(code: &str) -> &'static str {
    match code {
        "44249-1" => "PHQ-9 quick depression assessment panel",
        "44261-6" => "Patient Health Questionnaire 9 item (PHQ-9) total score",
        "69737-5" => "Generalized anxiety disorder 7 item (GAD-7)",
        "70274-6" => "Generalized anxiety disorder 7 item (GAD-7) total score",
        _ => "",
    }
}

/// The LOINC answer code of an option, where the item uses a LOINC answer
/// list: the PHQ-9/GAD-7 frequency scale (LL358-3) and the PHQ-9 difficulty
/// answers.
fn loinc_answer(
    section: &Section,
    item: &Item,
    option: &ResponseOption,
) -> Option<(&'static str, &'static str)> {
    let instrument = section.instrument?;
    if item.id == ids::PHQ9_DIFFICULTY {
        return match option.value.as_str() {
            "not_difficult_at_all" => Some(("LA6572-7", "Not difficult at all")),
            "somewhat_difficult" => Some(("LA6573-5", "Somewhat difficult")),
            "very_difficult" => Some(("LA6575-0", "Very difficult")),
            "extremely_difficult" => Some(("LA6574-3", "Extremely difficult")),
            _ => None,
        };
    }
    if !matches!(instrument, Instrument::Phq9 | Instrument::Gad7)
        || !instrument.item_ids().contains(&item.id.as_str())
    {
        return None;
    }
    match option.value.as_str() {
        "not_at_all" => Some(("LA6568-5", "Not at all")),
        "several_days" => Some(("LA6569-3", "Several days")),
        "more_than_half_the_days" => Some(("LA6570-1", "More than half the days")),
        "nearly_every_day" => Some(("LA6571-9", "Nearly every day")),
        _ => None,
    }
}

/// The LOINC code of an item, where one exists.
fn loinc_item(section: &Section, item: &Item) -> Option<(&'static str, &'static str)> {
    let instrument = section.instrument?;
    if instrument == Instrument::Phq9 && item.id == ids::PHQ9_DIFFICULTY {
        return Some(PHQ9_DIFFICULTY_LOINC);
    }
    let position = instrument.item_ids().iter().position(|id| *id == item.id)?;
    loinc_items(instrument).get(position).copied()
}

/// Text in `lang`, falling back to any language that has it (a partner may
/// offer one language only).
fn text_in(text: &Text, lang: Lang) -> &str {
    if text.has(lang) {
        text.get(lang)
    } else {
        Lang::ALL
            .iter()
            .map(|&l| text.get(l))
            .find(|s| !s.trim().is_empty())
            .unwrap_or_default()
    }
}

/// The languages texts are written in: the configuration's default first
/// (the resource's base language), then every other offered language as a
/// translation.
struct Languages {
    primary: Lang,
    offered: Vec<Lang>,
}

impl Languages {
    fn of(config: &Config) -> Languages {
        let mut offered = vec![config.default_language];
        offered.extend(
            config
                .languages
                .iter()
                .copied()
                .filter(|&l| l != config.default_language),
        );
        Languages {
            primary: config.default_language,
            offered,
        }
    }

    /// The `_<field>` element carrying the translations of a text whose base
    /// version is in `base`, if there are any.
    fn translations(&self, text: &Text, base: Lang) -> Option<Value> {
        let base_text = text_in(text, base);
        let extensions: Vec<Value> = self
            .offered
            .iter()
            .filter(|&&l| l != base && text.has(l) && text.get(l) != base_text)
            .map(|&l| {
                json!({
                    "url": TRANSLATION,
                    "extension": [
                        { "url": "lang", "valueCode": l.tag() },
                        { "url": "content", "valueString": text.get(l) }
                    ]
                })
            })
            .collect();
        (!extensions.is_empty()).then(|| json!({ "extension": extensions }))
    }

    /// Sets `field` in the primary language (and `_field` with translations)
    /// on `object`.
    fn set_text(&self, object: &mut Map<String, Value>, field: &str, text: &Text) {
        object.insert(field.to_owned(), json!(text_in(text, self.primary)));
        if let Some(translations) = self.translations(text, self.primary) {
            object.insert(format!("_{field}"), translations);
        }
    }
}

/// The coding of an answer option: LOINC where the item uses a LOINC answer
/// list, else the item's own code system. Display in the primary language,
/// with translations.
fn option_coding(
    base: &str,
    questionnaire: &Questionnaire,
    section: &Section,
    item: &Item,
    option: &ResponseOption,
    langs: &Languages,
) -> Value {
    let mut coding = Map::new();
    match loinc_answer(section, item, option) {
        Some((code, display)) => {
            coding.insert("system".into(), json!(LOINC));
            coding.insert("code".into(), json!(code));
            coding.insert("display".into(), json!(display));
            // LOINC's display is English; the wording shown in other languages
            // travels as translations.
            let text = Text {
                en: display.to_owned(),
                zh: option.label.zh.clone(),
            };
            if let Some(translations) = langs.translations(&text, Lang::En) {
                coding.insert("_display".into(), translations);
            }
        }
        None => {
            coding.insert(
                "system".into(),
                json!(answer_system(base, questionnaire, &item.id)),
            );
            coding.insert("code".into(), json!(option.value));
            langs.set_text(&mut coding, "display", &option.label);
        }
    }
    Value::Object(coding)
}

fn headline_code(headline: Headline) -> &'static str {
    match headline {
        Headline::UrgentSupport => "urgent_support",
        Headline::OutsideAgeRange => "outside_age_range",
        Headline::ComplexNeeds => "complex_needs",
        Headline::HigherIntensity => "higher_intensity",
        Headline::Incomplete => "incomplete",
        Headline::Eligible => "eligible",
    }
}

fn headline_text(headline: Headline) -> Text {
    match headline {
        Headline::UrgentSupport => t("Urgent support needed", "需要緊急支援"),
        Headline::OutsideAgeRange => t("Outside the service's age range", "不在服務的年齡範圍內"),
        Headline::ComplexNeeds => t("Needs more specialised care", "需要較專門的照顧"),
        Headline::HigherIntensity => t("Higher-intensity care suggested", "建議較高強度的照顧"),
        Headline::Incomplete => t("Incomplete", "未完成"),
        Headline::Eligible => t("Eligible for the service", "符合服務資格"),
    }
}

fn outcome_coding(
    base: &str,
    questionnaire: &Questionnaire,
    headline: Headline,
    langs: &Languages,
) -> Value {
    let mut coding = Map::new();
    coding.insert("system".into(), json!(outcome_system(base, questionnaire)));
    coding.insert("code".into(), json!(headline_code(headline)));
    langs.set_text(&mut coding, "display", &headline_text(headline));
    Value::Object(coding)
}

fn outcome_title() -> Text {
    t("Screening outcome", "評估結果")
}

fn total_title(instrument: Instrument) -> Text {
    let name = instrument.name();
    t(format!("{name} total score"), format!("{name} 總分"))
}

/// Whether `section` is in the variant's questionnaire, and which of its
/// items are.
fn section_in(variant: Variant, section: &Section) -> bool {
    match variant {
        Variant::Full => true,
        Variant::Summary => section.instrument.is_some() || is_contact(section),
    }
}

fn is_contact(section: &Section) -> bool {
    matches!(section.show_if, Some(Condition::ProvisionallyEligible))
}

fn items_in(variant: Variant, section: &Section) -> bool {
    match variant {
        Variant::Full => true,
        Variant::Summary => is_contact(section),
    }
}

/// The sections asked under `config` (instruments it disables are left out).
fn asked_sections<'q>(questionnaire: &'q Questionnaire, config: &Config) -> Vec<&'q Section> {
    questionnaire
        .sections
        .iter()
        .filter(|s| {
            s.instrument
                .is_none_or(|instrument| config.instruments.enabled(instrument))
        })
        .collect()
}

/// The FHIR R4 `Questionnaire` for `questionnaire` under `config`, with
/// canonical URL under `base` (see [`questionnaire_url`]).
pub fn questionnaire_resource(
    questionnaire: &Questionnaire,
    config: &Config,
    base: &str,
    variant: Variant,
) -> Value {
    let langs = Languages::of(config);
    let mut resource = Map::new();
    resource.insert("resourceType".into(), json!("Questionnaire"));
    resource.insert("id".into(), json!(variant.resource_id(questionnaire)));
    resource.insert("language".into(), json!(langs.primary.tag()));
    resource.insert(
        "url".into(),
        json!(questionnaire_url(base, questionnaire, variant)),
    );
    resource.insert("version".into(), json!(questionnaire.version));
    resource.insert(
        "name".into(),
        json!(match variant {
            Variant::Full => "ScreenerIntake",
            Variant::Summary => "ScreenerIntakeSummary",
        }),
    );
    let title = match variant {
        Variant::Full => config.service.name.clone(),
        Variant::Summary => {
            let name = &config.service.name;
            let with = |s: &str, suffix: &str| {
                if s.trim().is_empty() {
                    String::new()
                } else {
                    format!("{s}{suffix}")
                }
            };
            t(with(&name.en, " (summary)"), with(&name.zh, "（摘要）"))
        }
    };
    langs.set_text(&mut resource, "title", &title);
    resource.insert("status".into(), json!("active"));
    resource.insert("subjectType".into(), json!(["Patient"]));
    langs.set_text(&mut resource, "description", &config.service.description);

    let mut items = Vec::new();
    for section in asked_sections(questionnaire, config) {
        if !section_in(variant, section) {
            continue;
        }
        items.push(section_group(base, questionnaire, section, variant, &langs));
    }
    let mut outcome = Map::new();
    outcome.insert("linkId".into(), json!(OUTCOME_LINK_ID));
    langs.set_text(&mut outcome, "text", &outcome_title());
    outcome.insert("type".into(), json!("choice"));
    outcome.insert("required".into(), json!(true));
    outcome.insert("readOnly".into(), json!(true));
    outcome.insert(
        "answerOption".into(),
        Headline::PRECEDENCE
            .iter()
            .map(|&h| json!({ "valueCoding": outcome_coding(base, questionnaire, h, &langs) }))
            .collect(),
    );
    items.push(Value::Object(outcome));
    // Which of the partner's listed services were shown (ids as codes): only with a list.
    if !config.alternatives.is_empty() {
        let mut shown = Map::new();
        shown.insert("linkId".into(), json!(ALTERNATIVES_LINK_ID));
        langs.set_text(&mut shown, "text", &alternatives_title());
        shown.insert("type".into(), json!("choice"));
        shown.insert("repeats".into(), json!(true));
        shown.insert("readOnly".into(), json!(true));
        shown.insert(
            "answerOption".into(),
            config
                .alternatives
                .iter()
                .map(|a| json!({ "valueCoding": alternative_coding(base, questionnaire, &a.id, &a.name, &langs) }))
                .collect(),
        );
        items.push(Value::Object(shown));
    }
    resource.insert("item".into(), Value::Array(items));
    Value::Object(resource)
}

fn alternatives_title() -> Text {
    t("Other support suggested", "建議的其他支援")
}

fn alternative_coding(
    base: &str,
    questionnaire: &Questionnaire,
    id: &str,
    name: &Text,
    langs: &Languages,
) -> Value {
    let mut coding = Map::new();
    coding.insert(
        "system".into(),
        json!(answer_system(base, questionnaire, ALTERNATIVES_LINK_ID)),
    );
    coding.insert("code".into(), json!(id));
    langs.set_text(&mut coding, "display", name);
    Value::Object(coding)
}

fn section_group(
    base: &str,
    questionnaire: &Questionnaire,
    section: &Section,
    variant: Variant,
    langs: &Languages,
) -> Value {
    let mut group = Map::new();
    group.insert("linkId".into(), json!(section.id));
    if let Some(code) = section.instrument.and_then(Instrument::loinc_panel) {
        group.insert(
            "code".into(),
            json!([{ "system": LOINC, "code": code, "display": loinc_display(code) }]),
        );
    }
    langs.set_text(&mut group, "text", &section.title);
    group.insert("type".into(), json!("group"));
    let mut children = Vec::new();
    if items_in(variant, section) {
        if let Some(stem) = &section.stem {
            let mut display = Map::new();
            display.insert("linkId".into(), json!(format!("{}_stem", section.id)));
            langs.set_text(&mut display, "text", stem);
            display.insert("type".into(), json!("display"));
            children.push(Value::Object(display));
        }
        for item in &section.items {
            children.push(question_item(base, questionnaire, section, item, langs));
        }
    }
    if let Some(instrument) = section.instrument {
        let mut total = Map::new();
        total.insert("linkId".into(), json!(total_link_id(instrument)));
        if let Some(code) = instrument.loinc_total() {
            total.insert(
                "code".into(),
                json!([{ "system": LOINC, "code": code, "display": loinc_display(code) }]),
            );
        }
        langs.set_text(&mut total, "text", &total_title(instrument));
        total.insert("type".into(), json!("integer"));
        total.insert("readOnly".into(), json!(true));
        total.insert(
            "extension".into(),
            json!([
                { "url": MIN_VALUE, "valueInteger": 0 },
                { "url": MAX_VALUE, "valueInteger": instrument.max_score() }
            ]),
        );
        children.push(Value::Object(total));
    }
    group.insert("item".into(), Value::Array(children));
    Value::Object(group)
}

fn question_item(
    base: &str,
    questionnaire: &Questionnaire,
    section: &Section,
    item: &Item,
    langs: &Languages,
) -> Value {
    let mut q = Map::new();
    q.insert("linkId".into(), json!(item.id));
    if let Some((code, display)) = loinc_item(section, item) {
        q.insert(
            "code".into(),
            json!([{ "system": LOINC, "code": code, "display": display }]),
        );
    }
    langs.set_text(&mut q, "text", &item.text);
    match &item.kind {
        ItemKind::Choice { options } | ItemKind::MultiChoice { options } => {
            q.insert("type".into(), json!("choice"));
            q.insert(
                "repeats".into(),
                json!(matches!(item.kind, ItemKind::MultiChoice { .. })),
            );
            q.insert(
                "answerOption".into(),
                options
                    .iter()
                    .map(|option| {
                        let mut answer = Map::new();
                        if let Some(score) = option.score {
                            answer.insert(
                                "extension".into(),
                                json!([{ "url": ORDINAL_VALUE, "valueDecimal": score }]),
                            );
                        }
                        answer.insert(
                            "valueCoding".into(),
                            option_coding(base, questionnaire, section, item, option, langs),
                        );
                        Value::Object(answer)
                    })
                    .collect(),
            );
        }
        ItemKind::WholeNumber { min, max } => {
            q.insert("type".into(), json!("integer"));
            q.insert(
                "extension".into(),
                json!([
                    { "url": MIN_VALUE, "valueInteger": min },
                    { "url": MAX_VALUE, "valueInteger": max }
                ]),
            );
        }
    }
    // Required only when the screener's own condition can be expressed in FHIR
    // (see the module docs on the contact section).
    let required = item.required && !is_contact(section);
    q.insert("required".into(), json!(required));
    if let Some(Condition::AnswerIn { item: on, values }) = &item.show_if {
        if let Some(target) = questionnaire.item(on) {
            let target_section = questionnaire.section_of(on).unwrap_or(section);
            let conditions: Vec<Value> = values
                .iter()
                .filter_map(|value| target.option(value))
                .map(|option| {
                    json!({
                        "question": on,
                        "operator": "=",
                        "answerCoding": strip_translations(option_coding(
                            base,
                            questionnaire,
                            target_section,
                            target,
                            option,
                            langs,
                        )),
                    })
                })
                .collect();
            if !conditions.is_empty() {
                q.insert("enableWhen".into(), Value::Array(conditions));
                q.insert("enableBehavior".into(), json!("any"));
            }
        }
    }
    Value::Object(q)
}

/// A coding reduced to system and code (what `enableWhen` compares).
fn strip_translations(coding: Value) -> Value {
    json!({ "system": coding["system"], "code": coding["code"] })
}

/// What a [`questionnaire_response`] is built from.
#[derive(Clone, Copy, Debug)]
pub struct ResponseInput<'a> {
    /// The questionnaire asked.
    pub questionnaire: &'a Questionnaire,
    /// The configuration in force.
    pub config: &'a Config,
    /// Every answer given.
    pub answers: &'a Answers,
    /// The outcome of those answers.
    pub outcome: &'a Outcome,
    /// Base URL of the deployment (see [`questionnaire_url`]).
    pub base: &'a str,
    /// The person's language: the response's item texts are in it.
    pub lang: Lang,
    /// When the screening was completed, as a FHIR `dateTime`
    /// (e.g. `2025-03-01T10:15:00.000Z`). Passed in: the core reads no clock.
    pub authored: Option<&'a str>,
    /// Which questionnaire the response answers.
    pub variant: Variant,
}

/// The FHIR R4 `QuestionnaireResponse` for a screening.
///
/// `status` is `completed` unless required questions shown to the person are
/// unanswered (then `in-progress`).
pub fn questionnaire_response(input: &ResponseInput<'_>) -> Value {
    let ResponseInput {
        questionnaire,
        config,
        answers,
        outcome,
        base,
        lang,
        authored,
        variant,
    } = *input;
    let langs = Languages::of(config);
    let visible: Vec<&str> = questionnaire
        .visible_items(answers, config)
        .into_iter()
        .map(|item| item.id.as_str())
        .collect();
    let complete = !outcome
        .reasons
        .iter()
        .any(|r| matches!(r, Reason::MissingAnswers { .. }));

    let mut response = Map::new();
    response.insert("resourceType".into(), json!("QuestionnaireResponse"));
    response.insert("language".into(), json!(lang.tag()));
    response.insert(
        "questionnaire".into(),
        json!(format!(
            "{}|{}",
            questionnaire_url(base, questionnaire, variant),
            questionnaire.version
        )),
    );
    response.insert(
        "status".into(),
        json!(if complete { "completed" } else { "in-progress" }),
    );
    if let Some(authored) = authored {
        response.insert("authored".into(), json!(authored));
    }

    let mut items = Vec::new();
    for section in asked_sections(questionnaire, config) {
        if !section_in(variant, section) {
            continue;
        }
        let mut children = Vec::new();
        if items_in(variant, section) {
            for item in &section.items {
                if !visible.contains(&item.id.as_str()) {
                    continue;
                }
                let answer = answer_of(base, questionnaire, section, item, answers, &langs);
                if !answer.is_empty() {
                    children.push(json!({
                        "linkId": item.id,
                        "text": text_in(&item.text, lang),
                        "answer": answer,
                    }));
                }
            }
        }
        if let Some(instrument) = section.instrument {
            if let Some(total) = outcome.score(instrument).and_then(|s| s.total()) {
                children.push(json!({
                    "linkId": total_link_id(instrument),
                    "text": text_in(&total_title(instrument), lang),
                    "answer": [{ "valueInteger": total }],
                }));
            }
        }
        if !children.is_empty() {
            items.push(json!({
                "linkId": section.id,
                "text": text_in(&section.title, lang),
                "item": children,
            }));
        }
    }
    items.push(json!({
        "linkId": OUTCOME_LINK_ID,
        "text": text_in(&outcome_title(), lang),
        "answer": [{ "valueCoding": outcome_coding(base, questionnaire, outcome.headline, &langs) }],
    }));
    let age = super::alternatives::age_of(questionnaire, answers);
    let shown: Vec<Value> = super::alternatives::suggest(
        &config.alternatives,
        outcome,
        age,
        &Default::default(),
    )
    .into_iter()
    .map(|s| {
        let a = &config.alternatives[s.index];
        json!({ "valueCoding": alternative_coding(base, questionnaire, &a.id, &a.name, &langs) })
    })
    .collect();
    if !shown.is_empty() {
        items.push(json!({
            "linkId": ALTERNATIVES_LINK_ID,
            "text": text_in(&alternatives_title(), lang),
            "answer": shown,
        }));
    }
    response.insert("item".into(), Value::Array(items));
    Value::Object(response)
}

/// The answers to one item as FHIR `answer` elements (empty when there is no
/// valid answer).
fn answer_of(
    base: &str,
    questionnaire: &Questionnaire,
    section: &Section,
    item: &Item,
    answers: &Answers,
    langs: &Languages,
) -> Vec<Value> {
    let Some(value) = answers.get(&item.id) else {
        return Vec::new();
    };
    if item.check(value).is_err() {
        return Vec::new();
    }
    let coding = |v: &str| {
        item.option(v).map(|option| {
            json!({ "valueCoding": option_coding(base, questionnaire, section, item, option, langs) })
        })
    };
    match value {
        AnswerValue::Number(n) => vec![json!({ "valueInteger": n })],
        AnswerValue::Choice(v) => coding(v).into_iter().collect(),
        // In display order, whatever order they were chosen in.
        AnswerValue::Choices(chosen) => item
            .kind
            .options()
            .iter()
            .filter(|o| chosen.contains(&o.value))
            .filter_map(|o| coding(&o.value))
            .collect(),
    }
}
