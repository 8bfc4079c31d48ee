//! The service's facts in the configuration: their validation, and the words each
//! configured combination produces in both languages.

use screener_core::config::{age_group, ContactMode, Cost};
use screener_core::{parse_config, questionnaire_for, AgeRange, Config, Lang, Text};

fn en(t: &Text) -> &str {
    t.get(Lang::En)
}

fn zh(t: &Text) -> &str {
    t.get(Lang::ZhHantHk)
}

/// A configuration from JSON, which must be valid.
fn config(json: &str) -> Config {
    parse_config(json).unwrap_or_else(|e| panic!("{json}: {:?}", e.problems))
}

/// The problems of an invalid configuration, as `path: reason`.
fn problems(json: &str) -> Vec<String> {
    match parse_config(json) {
        Ok(_) => panic!("{json} was accepted"),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

fn assert_problem(json: &str, path: &str, reason_part: &str) {
    let all = problems(json);
    assert!(
        all.iter()
            .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(reason_part)),
        "expected `{path}: …{reason_part}…` in {all:?}"
    );
}

/// A partner whose every fact differs from the model service's (and ages 16 to 70).
const PARTNER: &str = r#"{
  "service": {
    "name": { "en": "Harbour Wellbeing Steps", "zh": "海港身心同行" },
    "description": { "en": "Short support.", "zh": "短期支援。" },
    "first_contact_within": { "value": 5, "unit": "days" },
    "first_conversation": { "minutes": 30, "modes": ["in_person", "phone"] },
    "sessions": { "min": 4, "max": 4, "over": { "value": 6, "unit": "weeks" } },
    "cost": { "paid": { "en": "HK$50 a session", "zh": "每節港幣50元" } },
    "for_whom": { "en": "who feel stressed at work", "zh": "受工作壓力困擾的" }
  },
  "age": { "min": 16, "max": 70 }
}"#;

#[test]
fn the_default_says_exactly_what_the_pages_said_before() {
    let c = Config::default();
    let s = &c.service;
    assert!(s.is_free());
    let facts = s.welcome_facts();
    assert_eq!(
        facts.iter().map(en).collect::<Vec<_>>(),
        [
            "It starts with a 45-minute conversation by video or phone, whichever you prefer.",
            "If it fits, someone usually gets in touch within two weeks.",
        ]
    );
    assert_eq!(
        facts.iter().map(zh).collect::<Vec<_>>(),
        [
            "首先會有一次 45 分鐘的視像或電話對談，由你選擇。",
            "如服務適合你，一般會在兩星期內與你聯絡。",
        ]
    );
    let who = s.who_for(c.age);
    assert_eq!(
        en(&who),
        "Adults aged 18 to 65 who are living with low mood, worry or stress that is mild to moderate."
    );
    assert_eq!(
        zh(&who),
        "18 至 65 歲、受輕度至中度情緒低落、憂慮或壓力困擾的成年人。"
    );
    let step = s.next_contact_step().unwrap();
    assert_eq!(en(&step), "A wellbeing practitioner usually contacts you within two weeks to arrange a 45-minute first conversation, by video or phone as you chose.");
    assert_eq!(
        zh(&step),
        "身心健康支援員一般會在兩星期內聯絡你，安排一次 45 分鐘的首次對談，按你的選擇以視像或電話進行。"
    );
    let sessions = s.next_sessions_step();
    assert_eq!(
        en(&sessions),
        "Together you decide whether the 6 to 8 sessions are right for you. You can stop at any time."
    );
    assert_eq!(
        zh(&sessions),
        "你們會一起決定 6 至 8 節面談是否適合你。你可以隨時停止。"
    );
    let (question, modes) = s.contact_mode_question().unwrap();
    assert_eq!(
        en(&question),
        "Would you like the first conversation by video call or by phone?"
    );
    assert_eq!(zh(&question), "你希望以視像通話還是電話進行第一次對話？");
    assert_eq!(modes, [ContactMode::Video, ContactMode::Phone]);
    let stem = s.contact_stem();
    assert_eq!(en(&stem), "A wellbeing practitioner will get in touch to arrange a first conversation of about 45 minutes. Tell us what suits you.");
    assert_eq!(
        zh(&stem),
        "身心健康從業員會聯絡你，安排一次約45分鐘的初步對話。請告訴我們怎樣最適合你。"
    );
    let group = age_group(c.age);
    assert_eq!(en(&group), "adults aged 18 to 65");
    assert_eq!(zh(&group), "18 至 65 歲的成年人");
}

#[test]
fn an_empty_configuration_is_the_default() {
    assert_eq!(config("{}"), Config::default());
    // And the default written out reads back the same (every fact survives JSON).
    let json = serde_json::to_string(&Config::default()).unwrap();
    assert_eq!(config(&json), Config::default());
}

#[test]
fn a_service_section_without_facts_promises_nothing() {
    let c = config(r#"{ "service": { "name": { "en": "A", "zh": "甲" } } }"#);
    let s = &c.service;
    assert_eq!(s.first_contact_within, None);
    assert_eq!(s.first_conversation, None);
    assert_eq!(s.sessions, None);
    assert_eq!(s.cost, None);
    assert_eq!(s.for_whom, None);
    assert!(!s.is_free());
    assert!(s.welcome_facts().is_empty());
    let who = s.who_for(c.age);
    assert_eq!(en(&who), "Adults aged 18 to 65.");
    assert_eq!(zh(&who), "18 至 65 歲的成年人。");
    assert_eq!(s.next_contact_step(), None);
    let sessions = s.next_sessions_step();
    assert_eq!(
        en(&sessions),
        "Together you decide whether the support is right for you. You can stop at any time."
    );
    assert_eq!(
        zh(&sessions),
        "你們會一起決定這項支援是否適合你。你可以隨時停止。"
    );
    assert_eq!(s.contact_mode_question(), None);
    assert!(!en(&s.contact_stem()).contains("minutes"));
    assert!(!zh(&s.contact_stem()).contains("分鐘"));
    // No mode question when there is nothing to choose.
    let q = questionnaire_for(&c);
    assert!(q.item("contact_mode").is_none());
    assert!(q.item("contact_centre").is_some());
}

#[test]
fn a_partner_gets_exactly_its_own_facts_in_both_languages() {
    let c = config(PARTNER);
    let s = &c.service;
    assert!(!s.is_free());
    let facts = s.welcome_facts();
    assert_eq!(
        facts.iter().map(en).collect::<Vec<_>>(),
        [
            "It starts with a 30-minute conversation by phone or in person, whichever you prefer.",
            "If it fits, someone usually gets in touch within five days.",
            "Cost: HK$50 a session",
        ]
    );
    assert_eq!(
        facts.iter().map(zh).collect::<Vec<_>>(),
        [
            "首先會有一次 30 分鐘的電話或面對面對談，由你選擇。",
            "如服務適合你，一般會在五天內與你聯絡。",
            "費用：每節港幣50元",
        ]
    );
    let who = s.who_for(c.age);
    assert_eq!(en(&who), "People aged 16 to 70 who feel stressed at work.");
    assert_eq!(zh(&who), "16 至 70 歲、受工作壓力困擾的人士。");
    let step = s.next_contact_step().unwrap();
    assert_eq!(en(&step), "A wellbeing practitioner usually contacts you within five days to arrange a 30-minute first conversation, by phone or in person as you chose.");
    assert_eq!(
        zh(&step),
        "身心健康支援員一般會在五天內聯絡你，安排一次 30 分鐘的首次對談，按你的選擇以電話或面對面進行。"
    );
    let sessions = s.next_sessions_step();
    assert_eq!(
        en(&sessions),
        "Together you decide whether the 4 sessions over six weeks are right for you. You can stop at any time."
    );
    assert_eq!(
        zh(&sessions),
        "你們會一起決定在六星期內的 4 節面談是否適合你。你可以隨時停止。"
    );
    let (question, modes) = s.contact_mode_question().unwrap();
    assert_eq!(
        en(&question),
        "Would you like the first conversation by phone or in person?"
    );
    assert_eq!(zh(&question), "你希望以電話還是面對面進行第一次對話？");
    assert_eq!(modes, [ContactMode::Phone, ContactMode::InPerson]);
    let q = questionnaire_for(&c);
    let options: Vec<_> = q
        .item("contact_mode")
        .unwrap()
        .kind
        .options()
        .iter()
        .map(|o| (o.value.clone(), o.label.en.clone()))
        .collect();
    assert_eq!(
        options,
        [
            ("phone".to_owned(), "Phone call".to_owned()),
            ("in_person".to_owned(), "In person".to_owned())
        ]
    );
    let stem = q.section("contact").unwrap().stem.as_ref().unwrap();
    assert!(en(stem).contains("about 30 minutes"), "{stem:?}");
    assert!(zh(stem).contains("約30分鐘"), "{stem:?}");
}

#[test]
fn age_wording_says_adults_only_from_18() {
    for (min, max, en_group, zh_group) in [
        (18, 65, "adults aged 18 to 65", "18 至 65 歲的成年人"),
        (21, 30, "adults aged 21 to 30", "21 至 30 歲的成年人"),
        (17, 65, "people aged 17 to 65", "17 至 65 歲的人士"),
        (12, 25, "people aged 12 to 25", "12 至 25 歲的人士"),
    ] {
        let g = age_group(AgeRange { min, max });
        assert_eq!((en(&g), zh(&g)), (en_group, zh_group));
    }
    let c = config(r#"{ "service": {}, "age": { "min": 12, "max": 17 } }"#);
    let who = c.service.who_for(c.age);
    assert_eq!(en(&who), "People aged 12 to 17.");
    assert_eq!(zh(&who), "12 至 17 歲的人士。");
}

#[test]
fn each_fact_alone() {
    // First contact only: the next step names when, and nothing about a conversation.
    let c =
        config(r#"{ "service": { "first_contact_within": { "value": 1, "unit": "months" } } }"#);
    let facts = c.service.welcome_facts();
    assert_eq!(facts.len(), 1);
    assert_eq!(
        en(&facts[0]),
        "If it fits, someone usually gets in touch within one month."
    );
    assert_eq!(zh(&facts[0]), "如服務適合你，一般會在一個月內與你聯絡。");
    let step = c.service.next_contact_step().unwrap();
    assert_eq!(
        en(&step),
        "A wellbeing practitioner usually contacts you within one month."
    );
    assert_eq!(zh(&step), "身心健康支援員一般會在一個月內聯絡你。");

    // One mode, no length: no choice offered, none asked.
    let c = config(r#"{ "service": { "first_conversation": { "modes": ["video"] } } }"#);
    let facts = c.service.welcome_facts();
    assert_eq!(
        facts.iter().map(en).collect::<Vec<_>>(),
        ["It starts with a conversation by video."]
    );
    assert_eq!(
        facts.iter().map(zh).collect::<Vec<_>>(),
        ["首先會有一次視像對談。"]
    );
    let step = c.service.next_contact_step().unwrap();
    assert_eq!(
        en(&step),
        "A wellbeing practitioner will get in touch to arrange a first conversation, by video."
    );
    assert_eq!(
        zh(&step),
        "身心健康支援員會聯絡你，安排首次對談，以視像進行。"
    );
    assert_eq!(c.service.contact_mode_question(), None);
    assert!(questionnaire_for(&c).item("contact_mode").is_none());

    // Three modes, an 8-minute call ("an"), in a partner's own order.
    let c = config(
        r#"{ "service": { "first_conversation": { "minutes": 8, "modes": ["in_person", "video", "phone"] } } }"#,
    );
    assert_eq!(
        en(&c.service.welcome_facts()[0]),
        "It starts with an 8-minute conversation by video, phone or in person, whichever you prefer."
    );
    assert_eq!(
        zh(&c.service.welcome_facts()[0]),
        "首先會有一次 8 分鐘的視像、電話或面對面對談，由你選擇。"
    );
    let (q, _) = c.service.contact_mode_question().unwrap();
    assert_eq!(
        en(&q),
        "Would you like the first conversation by video call, by phone or in person?"
    );
    assert_eq!(zh(&q), "你希望以視像通話、電話還是面對面進行第一次對話？");

    // In person only.
    let c = config(r#"{ "service": { "first_conversation": { "modes": ["in_person"] } } }"#);
    assert_eq!(
        en(&c.service.welcome_facts()[0]),
        "It starts with a conversation in person."
    );

    // Free, and nothing else: the title says free, no fact line.
    let c = config(r#"{ "service": { "cost": "free" } }"#);
    assert!(c.service.is_free());
    assert!(c.service.welcome_facts().is_empty());

    // Sessions: a range without a period; a single session.
    let c = config(r#"{ "service": { "sessions": { "min": 3, "max": 10 } } }"#);
    assert_eq!(
        en(&c.service.next_sessions_step()),
        "Together you decide whether the 3 to 10 sessions are right for you. You can stop at any time."
    );
    let c = config(r#"{ "service": { "sessions": { "min": 1, "max": 1 } } }"#);
    assert_eq!(
        en(&c.service.next_sessions_step()),
        "Together you decide whether the 1 session is right for you. You can stop at any time."
    );
    assert_eq!(
        zh(&c.service.next_sessions_step()),
        "你們會一起決定 1 節面談是否適合你。你可以隨時停止。"
    );

    // A long wait is written in digits.
    let c = config(r#"{ "service": { "first_contact_within": { "value": 21, "unit": "days" } } }"#);
    assert_eq!(
        en(&c.service.welcome_facts()[0]),
        "If it fits, someone usually gets in touch within 21 days."
    );
    assert_eq!(
        zh(&c.service.welcome_facts()[0]),
        "如服務適合你，一般會在 21 天內與你聯絡。"
    );
}

#[test]
fn durations_must_be_positive() {
    for value in ["0", "-3"] {
        assert_problem(
            &format!(
                r#"{{ "service": {{ "first_contact_within": {{ "value": {value}, "unit": "weeks" }} }} }}"#
            ),
            "service.first_contact_within.value",
            "must be at least 1",
        );
        assert_problem(
            &format!(
                r#"{{ "service": {{ "sessions": {{ "min": 2, "max": 4, "over": {{ "value": {value}, "unit": "months" }} }} }} }}"#
            ),
            "service.sessions.over.value",
            "must be at least 1",
        );
        assert_problem(
            &format!(
                r#"{{ "service": {{ "first_conversation": {{ "minutes": {value}, "modes": ["phone"] }} }} }}"#
            ),
            "service.first_conversation.minutes",
            "must be 1 to 480",
        );
    }
    assert_problem(
        r#"{ "service": { "first_conversation": { "minutes": 481, "modes": ["phone"] } } }"#,
        "service.first_conversation.minutes",
        "must be 1 to 480",
    );
    // An unknown unit is a reading problem under the service section.
    assert_problem(
        r#"{ "service": { "first_contact_within": { "value": 2, "unit": "fortnights" } } }"#,
        "service",
        "fortnights",
    );
}

#[test]
fn modes_must_be_listed_once_each() {
    assert_problem(
        r#"{ "service": { "first_conversation": { "minutes": 45, "modes": [] } } }"#,
        "service.first_conversation.modes",
        "at least one",
    );
    assert_problem(
        r#"{ "service": { "first_conversation": { "modes": ["phone", "video", "phone"] } } }"#,
        "service.first_conversation.modes[2]",
        "duplicate mode `phone`",
    );
    assert_problem(
        r#"{ "service": { "first_conversation": { "modes": ["carrier_pigeon"] } } }"#,
        "service",
        "carrier_pigeon",
    );
}

#[test]
fn sessions_must_be_a_range() {
    assert_problem(
        r#"{ "service": { "sessions": { "min": 0, "max": 4 } } }"#,
        "service.sessions.min",
        "must be at least 1",
    );
    assert_problem(
        r#"{ "service": { "sessions": { "min": 6, "max": 4 } } }"#,
        "service.sessions.max",
        "must be at least min (6)",
    );
}

#[test]
fn texts_need_every_offered_language() {
    let all = problems(
        r#"{ "service": {
            "cost": { "paid": { "en": "HK$50" } },
            "for_whom": { "zh": "受壓力困擾的" }
        } }"#,
    );
    assert!(
        all.contains(&"service.cost.paid.zh: must not be empty".to_owned()),
        "{all:?}"
    );
    assert!(
        all.contains(&"service.for_whom.en: must not be empty".to_owned()),
        "{all:?}"
    );
    // Every problem at once, each by its path.
    let all = problems(
        r#"{ "service": {
            "first_contact_within": { "value": -1, "unit": "days" },
            "first_conversation": { "modes": [] },
            "cost": { "paid": { "en": "", "zh": "" } }
        } }"#,
    );
    for path in [
        "service.first_contact_within.value",
        "service.first_conversation.modes",
        "service.cost.paid.en",
        "service.cost.paid.zh",
    ] {
        assert!(
            all.iter().any(|p| p.starts_with(&format!("{path}: "))),
            "{path} in {all:?}"
        );
    }
    // An English-only service need not translate.
    let c = config(
        r#"{ "languages": ["en"], "service": {
            "name": { "en": "A" }, "description": { "en": "B" },
            "cost": { "paid": { "en": "HK$50" } }, "for_whom": { "en": "who work" }
        } }"#,
    );
    assert_eq!(c.service.cost, Some(Cost::Paid(Text::new("HK$50", ""))));
}

#[test]
fn a_misspelt_fact_is_rejected_not_ignored() {
    assert_problem(
        r#"{ "service": { "first_contact": { "value": 2, "unit": "weeks" } } }"#,
        "service",
        "unknown field `first_contact`",
    );
}

/// The example partners start from spells out the default (apart from a host page and a
/// theme, which it demonstrates): copying it and editing one
/// line must not silently drop the model service's facts (a `service` section that leaves
/// a fact out promises nothing), so every default is written in it.
#[test]
fn the_example_configuration_is_the_default_written_out() {
    let mut example = config(include_str!("../../../static/config.example.json"));
    // The two things the example shows that have no default: a host page and a theme.
    assert!(!example.allowed_origins.is_empty() && example.theme != Default::default());
    example.allowed_origins.clear();
    example.theme = Default::default();
    assert_eq!(example, Config::default());
}
