//! Partner configuration: defaults, reading, and validation with every
//! problem listed at once.

use rstest::rstest;
use screener_core::{parse_config, t, Config, ConfigProblem, Instrument, Lang};

fn fixture(name: &str) -> String {
    let path = crate::common::repo("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn paths(problems: &[ConfigProblem]) -> Vec<&str> {
    problems.iter().map(|p| p.path.as_str()).collect()
}

#[test]
fn defaults_model_the_hong_kong_service() {
    let c = Config::default();
    assert_eq!((c.age.min, c.age.max), (18, 65));
    assert_eq!(c.thresholds.phq9_higher_intensity, 20);
    assert_eq!(c.thresholds.gad7_higher_intensity, 15);
    assert!(c.instruments.phq9 && c.instruments.gad7 && c.instruments.wsas);
    assert_eq!(c.centres.len(), 5);
    assert_eq!(c.retention_days, 30);
    assert_eq!(c.quick_exit_url, "https://www.hko.gov.hk/en/index.html");
    assert_eq!(c.languages, [Lang::En, Lang::ZhHantHk]);
    assert!(c.allowed_origins.is_empty());
    assert!(!c.handoff.include_answers);
    let lines: Vec<(&str, &str, &str, bool)> = c
        .crisis_resources
        .iter()
        .map(|r| {
            (
                r.name.en.as_str(),
                r.number.as_str(),
                r.href.as_str(),
                r.emergency,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Emergency services", "999", "tel:999", true),
            (
                "The Samaritans Hong Kong",
                "2896 0000",
                "tel:+85228960000",
                false
            ),
            (
                "Samaritan Befrienders Hong Kong",
                "2389 2222",
                "tel:+85223892222",
                false
            ),
            (
                "Suicide Prevention Services",
                "2382 0000",
                "tel:+85223820000",
                false
            ),
            ("Mental Health Support Hotline", "18111", "tel:18111", false),
            (
                "Hospital Authority Mental Health Direct",
                "2466 7350",
                "tel:+85224667350",
                false
            ),
        ]
    );
    for r in &c.crisis_resources {
        assert!(r.open_24_hours && r.is_free(), "{}", r.id);
        assert_eq!(r.hours_words(), t("24 hours", "24小時"));
    }
    assert_eq!(
        c.crisis_resources[1].languages.en,
        "English, Cantonese, Mandarin and other languages"
    );
    assert_eq!(c.crisis_resources[2].languages.en, "Cantonese, English");
    assert_eq!(c.crisis_resources[3].languages.en, "Cantonese");
    assert_eq!(c.validate(), []);
}

#[test]
fn default_json_round_trips() {
    let json = serde_json::to_string_pretty(&Config::default()).unwrap();
    assert_eq!(parse_config(&json).unwrap(), Config::default());
    assert_eq!(
        serde_json::from_str::<Config>(&json).unwrap(),
        Config::default()
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["languages"], serde_json::json!(["en", "zh-Hant-HK"]));
}

#[test]
fn an_empty_object_is_the_default() {
    assert_eq!(parse_config("{}").unwrap(), Config::default());
}

#[test]
fn a_partner_config_reads_with_defaults_for_what_it_omits() {
    let c = parse_config(&fixture("config-partner.json")).unwrap();
    assert_eq!((c.age.min, c.age.max), (16, 70));
    assert_eq!(c.thresholds, Config::default().thresholds);
    assert!(!c.instruments.enabled(Instrument::Wsas));
    assert!(
        c.instruments.enabled(Instrument::Phq9),
        "omitted inside a given object: default"
    );
    assert_eq!(c.crisis_resources, Config::default().crisis_resources);
    assert_eq!(c.default_language, Lang::ZhHantHk);
    assert_eq!(c.theme.colors.len(), 3);
    // parse_config agrees with plain serde on valid input.
    assert_eq!(
        serde_json::from_str::<Config>(&fixture("config-partner.json")).unwrap(),
        c
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let err = parse_config(&fixture("config-invalid.json")).unwrap_err();
    let mut got = paths(&err.problems);
    got.sort_unstable();
    let mut expected = vec![
        "age",
        "thresholds.phq9_higher_intensity",
        "thresholds.gad7_higher_intensity",
        "instruments",
        "centres[1].id",
        "centres[1].name.en",
        "crisis_resources",
        "crisis_resources[0].href",
        "quick_exit_url",
        "retention_days",
        "default_language",
        "allowed_origins[0]",
        "theme.colors.primary",
        "theme.colors.sparkle",
        "theme.logo_url",
    ];
    expected.sort_unstable();
    assert_eq!(got, expected, "{:#?}", err.problems);
    assert!(err.to_string().contains("15 problem"), "{err}");
    let reason = |path: &str| {
        err.problems
            .iter()
            .find(|p| p.path == path)
            .unwrap()
            .reason
            .clone()
    };
    assert_eq!(reason("age"), "min (70) is above max (65)");
    assert!(reason("centres[1].id").contains("duplicate id `central`"));
    assert!(reason("allowed_origins[0]").contains("wildcard"));
    assert_eq!(
        err.problems[0].to_string(),
        format!("{}: {}", err.problems[0].path, err.problems[0].reason)
    );
}

#[test]
fn type_errors_are_reported_per_field_not_just_the_first() {
    let err = parse_config(&fixture("config-type-errors.json")).unwrap_err();
    let got = paths(&err.problems);
    for path in [
        "age",
        "retention_days",
        "centres[1]",
        "languages[1]",
        "colour",
    ] {
        assert!(
            got.contains(&path),
            "{path} missing from {:#?}",
            err.problems
        );
    }
    assert_eq!(got.len(), 5, "{:#?}", err.problems);
    // Plain serde would have stopped at the first.
    assert!(serde_json::from_str::<Config>(&fixture("config-type-errors.json")).is_err());
}

#[rstest]
#[case::syntax("{\"age\": ", "$")]
#[case::not_an_object("[1, 2]", "$")]
#[case::unknown_nested_field("{\"age\": {\"minimum\": 3}}", "age")]
#[case::wrong_list_type("{\"centres\": {}}", "centres")]
#[case::bad_lang("{\"default_language\": \"klingon\"}", "default_language")]
fn unreadable_configs(#[case] json: &str, #[case] path: &str) {
    let err = parse_config(json).unwrap_err();
    assert_eq!(paths(&err.problems), [path], "{:#?}", err.problems);
}

/// One change to the default configuration, and the problem it must cause.
#[rstest]
#[case::min_above_max(|c: &mut Config| { c.age.min = 66; }, "age")]
#[case::max_beyond_input(|c: &mut Config| { c.age.max = 121; }, "age.max")]
#[case::phq9_zero(|c: &mut Config| c.thresholds.phq9_higher_intensity = 0, "thresholds.phq9_higher_intensity")]
#[case::phq9_above_27(|c: &mut Config| c.thresholds.phq9_higher_intensity = 28, "thresholds.phq9_higher_intensity")]
#[case::gad7_above_21(|c: &mut Config| c.thresholds.gad7_higher_intensity = 22, "thresholds.gad7_higher_intensity")]
#[case::no_symptom_scale(|c: &mut Config| { c.instruments.phq9 = false; c.instruments.gad7 = false; }, "instruments")]
#[case::no_centres(|c: &mut Config| c.centres.clear(), "centres")]
#[case::bad_centre_id(|c: &mut Config| c.centres[0].id = "Central Office".into(), "centres[0].id")]
#[case::duplicate_centre(|c: &mut Config| c.centres[4].id = "central".into(), "centres[4].id")]
#[case::centre_zh_missing(|c: &mut Config| c.centres[2].area.zh.clear(), "centres[2].area.zh")]
#[case::no_crisis_resources(|c: &mut Config| c.crisis_resources.clear(), "crisis_resources")]
#[case::no_emergency(|c: &mut Config| c.crisis_resources[0].emergency = false, "crisis_resources")]
#[case::http_link(|c: &mut Config| c.crisis_resources[2].href = "http://sbhk.org.hk".into(), "crisis_resources[2].href")]
#[case::javascript_link(|c: &mut Config| c.crisis_resources[1].href = "javascript:alert(1)".into(), "crisis_resources[1].href")]
#[case::tel_without_number(|c: &mut Config| c.crisis_resources[1].href = "tel:".into(), "crisis_resources[1].href")]
#[case::empty_number(|c: &mut Config| c.crisis_resources[3].number = " ".into(), "crisis_resources[3].number")]
#[case::duplicate_resource(|c: &mut Config| c.crisis_resources[5].id = "emergency".into(), "crisis_resources[5].id")]
#[case::half_translated_languages(|c: &mut Config| c.crisis_resources[1].languages.zh.clear(), "crisis_resources[1].languages.zh")]
#[case::quick_exit_http(|c: &mut Config| c.quick_exit_url = "http://www.hko.gov.hk/".into(), "quick_exit_url")]
#[case::quick_exit_javascript(|c: &mut Config| c.quick_exit_url = "javascript:history.back()".into(), "quick_exit_url")]
#[case::retention_zero(|c: &mut Config| c.retention_days = 0, "retention_days")]
#[case::retention_years(|c: &mut Config| c.retention_days = 3650, "retention_days")]
#[case::no_languages(|c: &mut Config| c.languages.clear(), "languages")]
#[case::duplicate_language(|c: &mut Config| c.languages.push(Lang::En), "languages[2]")]
#[case::default_not_offered(|c: &mut Config| c.languages = vec![Lang::ZhHantHk], "default_language")]
#[case::service_name_empty(|c: &mut Config| c.service.name.en.clear(), "service.name.en")]
#[case::wildcard_origin(|c: &mut Config| c.allowed_origins = vec!["*".into()], "allowed_origins[0]")]
#[case::origin_with_path(|c: &mut Config| c.allowed_origins = vec!["https://a.org/embed".into()], "allowed_origins[0]")]
#[case::plain_http_origin(|c: &mut Config| c.allowed_origins = vec!["http://a.org".into()], "allowed_origins[0]")]
#[case::duplicate_origin(|c: &mut Config| c.allowed_origins = vec!["https://a.org".into(), "https://a.org".into()], "allowed_origins[1]")]
#[case::answers_to_nowhere(|c: &mut Config| c.handoff.include_answers = true, "handoff.include_answers")]
#[case::unknown_colour_role(|c: &mut Config| { c.theme.colors.insert("sparkle".into(), "#fff".into()); }, "theme.colors.sparkle")]
#[case::css_injection(|c: &mut Config| { c.theme.colors.insert("primary".into(), "red;}*{display:none".into()); }, "theme.colors.primary")]
#[case::css_url(|c: &mut Config| { c.theme.colors.insert("background".into(), "url(https://x.org/a)".into()); }, "theme.colors.background")]
#[case::font_injection(|c: &mut Config| c.theme.font_family = Some("Arial;} body {display:none".into()), "theme.font_family")]
#[case::logo_http(|c: &mut Config| c.theme.logo_url = Some("http://a.org/logo.png".into()), "theme.logo_url")]
#[case::logo_breaks_out(|c: &mut Config| c.theme.logo_url = Some("https://a.org/l.png) ; x(".into()), "theme.logo_url")]
fn each_inconsistency_is_rejected(#[case] change: fn(&mut Config), #[case] path: &str) {
    let mut config = Config::default();
    change(&mut config);
    let problems = config.validate();
    assert_eq!(paths(&problems), [path], "{problems:#?}");
    // The same through JSON, as a partner would write it.
    let json = serde_json::to_string(&config).unwrap();
    let err = parse_config(&json).unwrap_err();
    assert_eq!(paths(&err.problems), [path]);
}

#[rstest]
#[case::sms_link(|c: &mut Config| c.crisis_resources[1].href = "sms:+85291234567".into())]
#[case::https_link(|c: &mut Config| c.crisis_resources[1].href = "https://samaritans.org.hk/".into())]
#[case::english_only(|c: &mut Config| { c.languages = vec![Lang::En]; c.service.name.zh.clear(); })]
#[case::chinese_default(|c: &mut Config| c.default_language = Lang::ZhHantHk)]
#[case::handoff_with_origin(|c: &mut Config| { c.handoff.include_answers = true; c.allowed_origins = vec!["https://partner.org".into()]; })]
#[case::localhost_origin(|c: &mut Config| c.allowed_origins = vec!["http://localhost:3000".into()])]
#[case::gad7_only(|c: &mut Config| c.instruments.phq9 = false)]
#[case::one_day(|c: &mut Config| c.retention_days = 1)]
#[case::single_age(|c: &mut Config| { c.age.min = 30; c.age.max = 30; })]
#[case::colours(|c: &mut Config| { c.theme.colors.insert("text".into(), "hsl(210 40% 20%)".into()); c.theme.colors.insert("danger".into(), "#b00020".into()); })]
fn reasonable_variations_are_accepted(#[case] change: fn(&mut Config)) {
    let mut config = Config::default();
    change(&mut config);
    assert_eq!(config.validate(), []);
}

#[test]
fn a_missing_language_is_named_by_validation_not_a_parse_error() {
    let err =
        parse_config(r#"{"service": {"name": {"en": "Steps"}, "description": {"zh": "服務"}}}"#)
            .unwrap_err();
    assert_eq!(
        paths(&err.problems),
        ["service.name.zh", "service.description.en"]
    );
    // English only: no Chinese needed anywhere the partner writes text.
    let json = r#"{
        "languages": ["en"],
        "service": {"name": {"en": "Steps"}, "description": {"en": "Support."}},
        "crisis_resources": [{"id": "e", "name": {"en": "Emergency"}, "number": "999",
                              "href": "tel:999", "hours": {"en": "24 hours"}, "emergency": true}]
    }"#;
    let config = parse_config(json).unwrap();
    assert!(config.crisis_resources[0].languages.en.is_empty());
}
