//! Every sentence said about the crisis lines, built from the configured lines: the
//! default says exactly what the screens said before, and partners whose lines differ
//! from the model in each fact are never told a fact their lines do not back.

use screener_core::config::crisis::{
    danger_sentence, emergency_line, panel_intro, urgent_summary, MAX_LABEL, MAX_LINES,
};
use screener_core::config::{Reached, MAX_DOCUMENT_BYTES, MAX_STRING};
use screener_core::static_help::expected_lines;
use screener_core::{parse_config, Config, CrisisResource, Lang, Text};

/// A configuration from JSON, which must be valid.
fn config(json: &str) -> Config {
    parse_config(json).unwrap_or_else(|e| panic!("{json}: {:?}", e.problems))
}

/// The problems of an invalid configuration, as `path: reason`.
fn problems(json: &str) -> Vec<String> {
    match parse_config(json) {
        Ok(_) => panic!("{} was accepted", &json[..json.len().min(200)]),
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

fn lines(json_lines: &str) -> Vec<CrisisResource> {
    config(&format!(r#"{{ "crisis_resources": {json_lines} }}"#)).crisis_resources
}

/// Every sentence said about `lines`, in both languages.
fn all_words(lines: &[CrisisResource]) -> Vec<Text> {
    let mut words = vec![
        danger_sentence(lines),
        panel_intro(lines, Reached::RiskAnswered),
        panel_intro(lines, Reached::AskedForHelp),
        urgent_summary(lines),
    ];
    words.extend(lines.iter().map(|l| l.meta(lines)));
    words
}

/// Asserts that nothing said about `lines` contains any of `banned`, in either language.
fn never_says(lines: &[CrisisResource], banned: &[&str]) {
    for words in all_words(lines) {
        for lang in Lang::ALL {
            let text = words.get(lang);
            for b in banned {
                assert!(!text.contains(b), "{lang:?} says {b:?}: {text}");
            }
        }
    }
}

/// The lines of the partner in the end-to-end tests: an emergency number 112, a night
/// line open 7 pm to 7 am, a text line open on weekdays, a paid line; nothing as in the
/// model service.
const NIGHT_PARTNER: &str = r#"[
  { "id": "emergency", "name": { "en": "Emergency line", "zh": "緊急電話" },
    "number": "112", "href": "tel:112", "emergency": true,
    "hours": { "en": "Any time", "zh": "任何時間" } },
  { "id": "night", "name": { "en": "Night line", "zh": "夜間熱線" },
    "number": "0800 123 456", "href": "tel:0800123456", "cost": "free",
    "hours": { "en": "7 pm to 7 am", "zh": "晚上7時至早上7時" } },
  { "id": "text", "name": { "en": "Text line", "zh": "短訊熱線" },
    "number": "85258", "href": "sms:85258", "cost": "free",
    "hours": { "en": "Weekdays 9 am to 5 pm", "zh": "平日上午9時至下午5時" } },
  { "id": "advice", "name": { "en": "Advice line", "zh": "諮詢熱線" },
    "number": "0900 555 000", "href": "tel:0900555000",
    "cost": { "paid": { "en": "£1 a minute", "zh": "每分鐘1英鎊" } },
    "hours": { "en": "Weekdays 9 am to 9 pm", "zh": "平日上午9時至晚上9時" } }
]"#;

#[test]
fn the_default_says_exactly_what_the_screens_said_before() {
    let lines = Config::default().crisis_resources;
    let danger = danger_sentence(&lines);
    assert_eq!(
        danger.en,
        "If you are in danger now, call 999. If you can, stay with someone you trust until help comes."
    );
    assert_eq!(
        danger.zh,
        "如你現在身處危險，請致電 999。如果可以，請留在你信任的人身邊，直至救援到達。"
    );
    let intro = panel_intro(&lines, Reached::RiskAnswered);
    assert_eq!(
        intro.en,
        "Thank you for telling us. Talking to someone now can help. These lines are free, open 24 hours, and will listen without judging."
    );
    assert_eq!(
        intro.zh,
        "謝謝你告訴我們。現在找人傾訴會有幫助。以下熱線全部免費、24 小時開放，會耐心聆聽，不作批判。"
    );
    let urgent = urgent_summary(&lines);
    assert_eq!(
        urgent.en,
        "Your answers suggest you may be going through something very hard right now. Talking to someone today matters more than anything else here. The lines above are free and open 24 hours."
    );
    assert_eq!(
        urgent.zh,
        "你的答案顯示你現在可能正經歷非常艱難的時刻。今天找人傾訴，比這裡的一切都重要。上面的熱線全部免費，24 小時開放。"
    );
    // Each line: its hours and the languages spoken, as the panel and index.html showed.
    let metas: Vec<(String, String)> = lines
        .iter()
        .map(|l| {
            let m = l.meta(&lines);
            (m.en, m.zh)
        })
        .collect();
    assert_eq!(
        metas,
        [
            ("24 hours", "24小時"),
            (
                "24 hours · English, Cantonese, Mandarin and other languages",
                "24小時 · 英語、廣東話、普通話及其他語言"
            ),
            ("24 hours · Cantonese, English", "24小時 · 廣東話、英語"),
            ("24 hours · Cantonese", "24小時 · 廣東話"),
            ("24 hours", "24小時"),
            ("24 hours", "24小時"),
        ]
        .map(|(en, zh)| (en.to_owned(), zh.to_owned()))
    );
}

#[test]
fn help_asked_for_is_not_thanked_as_if_risk_was_told() {
    for lines in [Config::default().crisis_resources, lines(NIGHT_PARTNER)] {
        let asked = panel_intro(&lines, Reached::AskedForHelp);
        let told = panel_intro(&lines, Reached::RiskAnswered);
        assert!(asked.en.starts_with("Talking to someone now can help."));
        assert!(asked.zh.starts_with("現在找人傾訴會有幫助。"));
        assert!(!asked.en.contains("Thank you") && !asked.zh.contains("謝謝"));
        assert!(told.en.starts_with("Thank you for telling us. "));
        assert!(told.zh.starts_with("謝謝你告訴我們。"));
        assert_eq!(
            told.en.trim_start_matches("Thank you for telling us. "),
            asked.en
        );
        assert_eq!(told.zh.trim_start_matches("謝謝你告訴我們。"), asked.zh);
    }
}

#[test]
fn a_partner_unlike_the_model_in_every_fact_is_told_only_its_own() {
    let lines = lines(NIGHT_PARTNER);
    let danger = danger_sentence(&lines);
    assert_eq!(
        danger.en,
        "If you are in danger now, call 112. If you can, stay with someone you trust until help comes."
    );
    assert_eq!(
        danger.zh,
        "如你現在身處危險，請致電 112。如果可以，請留在你信任的人身邊，直至救援到達。"
    );
    // Not every line is free (one is paid, one does not say) nor open around the clock.
    let intro = panel_intro(&lines, Reached::RiskAnswered);
    assert_eq!(
        intro.en,
        "Thank you for telling us. Talking to someone now can help. These lines will listen without judging. Not all of them are open around the clock, so check each line's hours."
    );
    assert_eq!(
        intro.zh,
        "謝謝你告訴我們。現在找人傾訴會有幫助。以下熱線會耐心聆聽，不作批判。並非全部全日開放，請留意每條熱線的時間。"
    );
    assert!(urgent_summary(&lines).en.ends_with(
        "Not all of the lines above are open around the clock, so check each line's hours."
    ));
    let metas: Vec<Text> = lines.iter().map(|l| l.meta(&lines)).collect();
    assert_eq!(metas[0].en, "Any time");
    assert_eq!(metas[1].en, "7 pm to 7 am · Free");
    assert_eq!(metas[1].zh, "晚上7時至早上7時 · 免費");
    assert_eq!(
        metas[2].en,
        "Weekdays 9 am to 5 pm · Free · By text message"
    );
    assert_eq!(metas[2].zh, "平日上午9時至下午5時 · 免費 · 以短訊聯絡");
    assert_eq!(metas[3].en, "Weekdays 9 am to 9 pm · £1 a minute");
    assert_eq!(metas[3].zh, "平日上午9時至晚上9時 · 每分鐘1英鎊");
    never_says(&lines, &["999", "24 hours", "24小時", "free,", "are free"]);
    for words in all_words(&lines) {
        assert!(!words.zh.contains("全部免費"), "{}", words.zh);
        assert!(!words.zh.contains("24 小時") && !words.zh.contains("24小時"));
    }
}

#[test]
fn a_different_emergency_number_is_the_one_named() {
    let mut c = Config::default();
    c.crisis_resources[0].number = "112".into();
    c.crisis_resources[0].href = "tel:112".into();
    let danger = danger_sentence(&c.crisis_resources);
    assert!(danger.en.contains("call 112.") && !danger.en.contains("999"));
    assert!(danger.zh.contains("請致電 112。") && !danger.zh.contains("999"));
    // The first line marked as the emergency one is named, wherever it is in the list.
    let mut moved = Config::default().crisis_resources;
    moved.rotate_left(2);
    assert_eq!(
        emergency_line(&moved).map(|l| l.number.as_str()),
        Some("999")
    );
    assert!(danger_sentence(&moved).en.contains("call 999."));
}

#[test]
fn an_emergency_line_reached_by_text_or_chat_says_how() {
    let text = lines(
        r#"[{ "id": "e", "name": { "en": "Emergency SMS", "zh": "緊急短訊" }, "number": "112",
              "href": "sms:112", "emergency": true, "open_24_hours": true }]"#,
    );
    let danger = danger_sentence(&text);
    assert!(danger
        .en
        .starts_with("If you are in danger now, send a text to 112."));
    assert!(danger.zh.starts_with("如你現在身處危險，請發短訊至 112。"));
    let chat = lines(
        r#"[{ "id": "e", "name": { "en": "Emergency chat", "zh": "緊急對話" }, "number": "Chat",
              "href": "https://help.example.org/chat", "mode": "chat", "emergency": true,
              "open_24_hours": true }]"#,
    );
    let danger = danger_sentence(&chat);
    assert!(danger
        .en
        .starts_with("If you are in danger now, contact Emergency chat."));
    assert!(danger.zh.starts_with("如你現在身處危險，請聯絡緊急對話。"));
    assert_eq!(chat[0].meta(&chat).en, "24 hours · Online chat");
    assert_eq!(chat[0].meta(&chat).zh, "24小時 · 網上對話");
}

#[test]
fn no_emergency_line_names_no_number() {
    let mut lines = Config::default().crisis_resources;
    for l in &mut lines {
        l.emergency = false;
    }
    let danger = danger_sentence(&lines);
    assert_eq!(
        danger.en,
        "If you are in danger now, contact one of the lines below. If you can, stay with someone you trust."
    );
    assert!(!danger.zh.contains("999") && danger.zh.contains("以下其中一條熱線"));
    // The model requires one: a configuration without it is refused.
    assert_problem(
        r#"{ "crisis_resources": [{ "id": "a", "name": { "en": "A", "zh": "甲" }, "number": "1",
              "href": "tel:1", "open_24_hours": true }] }"#,
        "crisis_resources",
        "marked \"emergency\": true",
    );
}

#[test]
fn lines_not_all_open_around_the_clock_are_never_called_so() {
    let mut lines = Config::default().crisis_resources;
    lines[3].open_24_hours = false;
    lines[3].hours = Text::new("9 am to 5 pm", "上午9時至下午5時");
    let intro = panel_intro(&lines, Reached::AskedForHelp);
    assert_eq!(
        intro.en,
        "Talking to someone now can help. These lines are free and will listen without judging. Not all of them are open around the clock, so check each line's hours."
    );
    assert_eq!(
        intro.zh,
        "現在找人傾訴會有幫助。以下熱線全部免費，會耐心聆聽，不作批判。並非全部全日開放，請留意每條熱線的時間。"
    );
    assert!(urgent_summary(&lines).en.ends_with(
        "The lines above are free; not all of them are open around the clock, so check each line's hours."
    ));
    assert!(urgent_summary(&lines)
        .zh
        .ends_with("上面的熱線全部免費，但並非全部全日開放，請留意每條熱線的時間。"));
    assert_eq!(lines[3].meta(&lines).en, "9 am to 5 pm · Cantonese");
}

#[test]
fn a_paid_line_is_never_called_free() {
    let mut lines = Config::default().crisis_resources;
    lines[1].cost = Some(screener_core::config::Cost::Paid(Text::new(
        "Standard call rates",
        "標準通話費",
    )));
    let intro = panel_intro(&lines, Reached::RiskAnswered);
    assert_eq!(
        intro.en,
        "Thank you for telling us. Talking to someone now can help. These lines are open 24 hours and will listen without judging."
    );
    assert_eq!(
        intro.zh,
        "謝謝你告訴我們。現在找人傾訴會有幫助。以下熱線全部 24 小時開放，會耐心聆聽，不作批判。"
    );
    assert!(urgent_summary(&lines)
        .en
        .ends_with("The lines above are open 24 hours."));
    assert!(urgent_summary(&lines)
        .zh
        .ends_with("上面的熱線全部 24 小時開放。"));
    // The paid line shows its cost; the free ones now say so themselves.
    assert_eq!(
        lines[1].meta(&lines).en,
        "24 hours · Standard call rates · English, Cantonese, Mandarin and other languages"
    );
    assert_eq!(lines[0].meta(&lines).en, "24 hours · Free");
    assert_eq!(lines[0].meta(&lines).zh, "24小時 · 免費");
    // A line whose cost is not stated is not called free either.
    let mut unstated = Config::default().crisis_resources;
    unstated[4].cost = None;
    assert!(!panel_intro(&unstated, Reached::AskedForHelp)
        .en
        .contains("free"));
    assert_eq!(unstated[4].meta(&unstated).en, "24 hours");
}

#[test]
fn a_text_only_line_says_it_takes_texts() {
    let lines = lines(
        r#"[{ "id": "e", "name": { "en": "Emergency", "zh": "緊急" }, "number": "999",
              "href": "tel:999", "emergency": true, "open_24_hours": true, "cost": "free" },
            { "id": "t", "name": { "en": "Shout", "zh": "Shout" }, "number": "85258",
              "href": "sms:85258", "open_24_hours": true, "cost": "free" }]"#,
    );
    assert_eq!(lines[1].meta(&lines).en, "24 hours · By text message");
    assert_eq!(lines[1].meta(&lines).zh, "24小時 · 以短訊聯絡");
    assert_eq!(lines[0].meta(&lines).en, "24 hours");
    // Free and always open: the model's sentence is true here too.
    assert!(panel_intro(&lines, Reached::AskedForHelp)
        .en
        .ends_with("These lines are free, open 24 hours, and will listen without judging."));
}

#[test]
fn the_static_list_says_what_the_panel_says() {
    let c = config(&format!(r#"{{ "crisis_resources": {NIGHT_PARTNER} }}"#));
    for line in expected_lines(&c) {
        let r = c
            .crisis_resources
            .iter()
            .find(|r| r.number == line.number)
            .unwrap();
        let meta = r.meta(&c.crisis_resources);
        assert_eq!(
            line.meta,
            vec![
                (Lang::En, meta.en.clone()),
                (Lang::ZhHantHk, meta.zh.clone())
            ]
        );
    }
}

#[test]
fn each_fact_is_checked_with_its_path() {
    let base = |line: &str| {
        format!(
            r#"{{ "crisis_resources": [{{ "id": "e", "name": {{ "en": "E", "zh": "緊急" }},
                 "number": "112", "href": "tel:112", "emergency": true, "open_24_hours": true }},
                 {line}] }}"#
        )
    };
    // Hours are required unless the line is open around the clock…
    assert_problem(
        &base(
            r#"{ "id": "a", "name": { "en": "A", "zh": "甲" }, "number": "1", "href": "tel:1" }"#,
        ),
        "crisis_resources[1].hours.en",
        "must not be empty",
    );
    // …and left out when it is, so the two cannot disagree.
    assert_problem(
        &base(
            r#"{ "id": "a", "name": { "en": "A", "zh": "甲" }, "number": "1", "href": "tel:1",
                 "open_24_hours": true, "hours": { "en": "7 pm to 7 am", "zh": "晚上" } }"#,
        ),
        "crisis_resources[1].hours",
        "leave hours out when open_24_hours is true",
    );
    // A mode must match the link.
    assert_problem(
        &base(
            r#"{ "id": "a", "name": { "en": "A", "zh": "甲" }, "number": "1", "href": "tel:1",
                 "open_24_hours": true, "mode": "text" }"#,
        ),
        "crisis_resources[1].mode",
        "`text` needs a sms: or https: link",
    );
    assert_problem(
        &base(
            r#"{ "id": "a", "name": { "en": "A", "zh": "甲" }, "number": "1", "href": "sms:1",
                 "open_24_hours": true, "mode": "call" }"#,
        ),
        "crisis_resources[1].mode",
        "`call` needs a tel: link",
    );
    assert_problem(
        &base(
            r#"{ "id": "a", "name": { "en": "A", "zh": "甲" }, "number": "1", "href": "tel:1",
                 "open_24_hours": true, "mode": "by_pigeon" }"#,
        ),
        "crisis_resources[1]",
        "unknown variant `by_pigeon`",
    );
    // A paid line says what it costs, in every language.
    assert_problem(
        &base(
            r#"{ "id": "a", "name": { "en": "A", "zh": "甲" }, "number": "1", "href": "tel:1",
                 "open_24_hours": true, "cost": { "paid": { "en": "£1 a minute" } } }"#,
        ),
        "crisis_resources[1].cost.paid.zh",
        "must not be empty",
    );
}

#[test]
fn absurd_lengths_are_refused_with_their_path_and_limit() {
    // A 5 MB service name: the document is refused whole, before anything is read.
    let huge = "x".repeat(5 * 1024 * 1024);
    let json = format!(r#"{{ "service": {{ "name": {{ "en": "{huge}", "zh": "名" }} }} }}"#);
    assert_eq!(
        problems(&json),
        [format!(
            "$: is {} bytes long; the limit is {MAX_DOCUMENT_BYTES}",
            json.len()
        )]
    );
    // A string over the general limit, anywhere, by its path.
    let long = "y".repeat(MAX_STRING + 1);
    let json = format!(r#"{{ "alternatives": [{{ "id": "a", "name": {{ "en": "{long}" }} }}] }}"#);
    assert_eq!(
        problems(&json),
        [format!(
            "alternatives[0].name.en: is {} characters long; the limit is {MAX_STRING}",
            MAX_STRING + 1
        )]
    );
    // A crisis line's label over its own limit.
    let label = "L".repeat(MAX_LABEL + 1);
    assert_problem(
        &format!(
            r#"{{ "crisis_resources": [{{ "id": "e", "name": {{ "en": "{label}", "zh": "緊急" }},
                 "number": "112", "href": "tel:112", "emergency": true, "open_24_hours": true }}] }}"#
        ),
        "crisis_resources[0].name.en",
        &format!(
            "is {} characters long; the limit is {MAX_LABEL}",
            MAX_LABEL + 1
        ),
    );
    assert_problem(
        &format!(
            r#"{{ "crisis_resources": [{{ "id": "e", "name": {{ "en": "E", "zh": "緊急" }},
                 "number": "{}", "href": "tel:112", "emergency": true, "open_24_hours": true }}] }}"#,
            "1".repeat(40)
        ),
        "crisis_resources[0].number",
        "is 40 characters long; the limit is 32",
    );
    // A service name over its limit (characters, not bytes: Chinese counts one each).
    assert_problem(
        &format!(
            r#"{{ "service": {{ "name": {{ "en": "S", "zh": "{}" }}, "description": {{ "en": "D", "zh": "描述" }} }} }}"#,
            "名".repeat(201)
        ),
        "service.name.zh",
        "is 201 characters long; the limit is 200",
    );
    // Too many lines to find the right one in.
    let many: Vec<String> = (0..=MAX_LINES)
        .map(|i| {
            format!(
                r#"{{ "id": "l{i}", "name": {{ "en": "L", "zh": "線" }}, "number": "{i}",
                     "href": "tel:{i}", "emergency": true, "open_24_hours": true }}"#
            )
        })
        .collect();
    assert_problem(
        &format!(r#"{{ "crisis_resources": [{}] }}"#, many.join(",")),
        "crisis_resources",
        &format!("at most {MAX_LINES} are allowed"),
    );
    // A field name of absurd length is named by where it is, not echoed.
    let key = "k".repeat(100);
    let all = problems(&format!(r#"{{ "theme": {{ "{key}": 1 }} }}"#));
    assert_eq!(
        all,
        ["theme: has a field name 100 characters long; the limit is 64"]
    );
}
