//! `screener-cli` end to end, through the real binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use screener_core::{parse_config, Config, Headline, Outcome, ProblemKind, Questionnaire};

fn fixture(name: &str) -> PathBuf {
    crate::repo("tests/fixtures").join(name)
}

fn cli(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_screener-cli"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("screener-cli runs");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(input) = stdin {
            pipe.write_all(input.as_bytes()).expect("write stdin");
        }
    }
    child.wait_with_output().expect("screener-cli finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

fn outcome(output: &Output) -> Outcome {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout(output)).expect("outcome JSON")
}

#[test]
fn default_config_prints_a_valid_default() {
    let out = cli(&["default-config"], None);
    assert_eq!(out.status.code(), Some(0));
    let config: Config = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(config, Config::default());
    assert_eq!(parse_config(&stdout(&out)).unwrap(), Config::default());
}

#[test]
fn check_config_accepts_a_valid_config() {
    let out = cli(
        &[
            "check-config",
            fixture("config-partner.json").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // And the default, round-tripped through standard input.
    let default = stdout(&cli(&["default-config"], None));
    assert_eq!(
        cli(&["check-config", "-"], Some(&default)).status.code(),
        Some(0)
    );
}

#[test]
fn check_config_lists_every_problem_and_exits_1() {
    let out = cli(
        &[
            "check-config",
            fixture("config-invalid.json").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 15, "{text}");
    assert!(lines.contains(&"age: min (70) is above max (65)"), "{text}");
    assert!(
        lines.contains(&"retention_days: must be at least 1"),
        "{text}"
    );
    for path in [
        "crisis_resources[0].href:",
        "theme.colors.primary:",
        "allowed_origins[0]:",
        "centres[1].name.en:",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(path)),
            "{path} in {text}"
        );
    }
    let out = cli(
        &[
            "check-config",
            fixture("config-type-errors.json").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 5, "{}", stdout(&out));
}

#[test]
fn check_config_reports_syntax_and_missing_files() {
    let out = cli(&["check-config", "-"], Some("{ not json"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("$: not valid JSON"));
    let out = cli(&["check-config", "/nonexistent/config.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn evaluate_an_eligible_person_from_a_file() {
    let o = outcome(&cli(
        &[
            "evaluate",
            fixture("evaluate-eligible.json").to_str().unwrap(),
        ],
        None,
    ));
    assert_eq!(o.headline, Headline::Eligible);
    assert!(o.problems.is_empty());
    assert_eq!(o.scores.len(), 3);
}

#[test]
fn evaluate_reads_standard_input_by_default_and_with_dash() {
    let input = std::fs::read_to_string(fixture("evaluate-urgent.json")).unwrap();
    for args in [&["evaluate"][..], &["evaluate", "-"][..]] {
        let o = outcome(&cli(args, Some(&input)));
        assert_eq!(o.headline, Headline::UrgentSupport);
        assert_eq!(o.risk[0].item, "risk_plans");
        // The unreadable `true` is reported, not fatal.
        assert_eq!(o.problems.len(), 1);
        assert_eq!(o.problems[0].item, "favourite_colour");
        assert!(matches!(
            o.problems[0].problem,
            ProblemKind::Unreadable { .. }
        ));
    }
}

#[test]
fn evaluate_with_a_partner_config() {
    let path = fixture("evaluate-with-config.json");
    let o = outcome(&cli(&["evaluate", path.to_str().unwrap()], None));
    assert_eq!(o.headline, Headline::Eligible, "age 14 with a 12–65 range");
    // Without the config, the same answers are outside the default range.
    let mut input: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    input.as_object_mut().unwrap().remove("config");
    let o = outcome(&cli(&["evaluate", "-"], Some(&input.to_string())));
    assert_eq!(o.headline, Headline::OutsideAgeRange);
}

#[test]
fn evaluate_rejects_an_invalid_config_with_its_problems() {
    let out = cli(
        &["evaluate", "-"],
        Some(r#"{"config": {"retention_days": 0, "age": {"min": 40, "max": 30}}, "answers": {}}"#),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("retention_days: must be at least 1"), "{err}");
    assert!(err.contains("age: min (40) is above max (30)"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn evaluate_input_errors_exit_2() {
    for (input, needle) in [
        ("not json", "not valid JSON"),
        ("[1]", "expected an object"),
        ("{}", "missing field `answers`"),
        (r#"{"answers": {}, "extra": 1}"#, "unknown field `extra`"),
    ] {
        let out = cli(&["evaluate", "-"], Some(input));
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(needle),
            "{input}"
        );
    }
}

#[test]
fn evaluate_reports_answers_that_are_not_an_object() {
    let o = outcome(&cli(&["evaluate", "-"], Some(r#"{"answers": [1, 2]}"#)));
    assert_eq!(o.headline, Headline::Incomplete);
    assert_eq!(o.problems.len(), 1);
    assert_eq!(o.problems[0].item, "");
}

#[test]
fn questionnaire_command_prints_the_questionnaire() {
    let q: Questionnaire = serde_json::from_str(&stdout(&cli(&["questionnaire"], None))).unwrap();
    assert_eq!(q, screener_core::default_questionnaire());
    let out = cli(
        &[
            "questionnaire",
            fixture("config-partner.json").to_str().unwrap(),
        ],
        None,
    );
    let q: Questionnaire = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(q.item("contact_centre").unwrap().kind.options().len(), 2);
}

#[test]
fn usage() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["check-config"][..],
        &["evaluate", "a", "b"][..],
    ] {
        let out = cli(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage:"),
            "{args:?}"
        );
    }
    let out = cli(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("check-config"));
}

#[test]
fn check_config_refuses_a_referral_endpoint_that_is_not_https_and_names_every_problem() {
    let out = cli(
        &[
            "check-config",
            fixture("config-referral-invalid.json").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for path in [
        "referral.endpoint: must be an https:// URL",
        "referral.recipient.zh: must not be empty",
        "referral.outcomes[1]: urgent_support never offers a referral",
        "referral.fields: phone or email must be \"required\"",
        "referral.fields.sms:",
        "service.contact.phone:",
        "service.contact.email:",
        "service.contact.url:",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(path)),
            "{path} in {text}"
        );
    }
    let out = cli(
        &[
            "check-config",
            fixture("config-referral.json").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let config = parse_config(&std::fs::read_to_string(fixture("config-referral.json")).unwrap())
        .expect("valid");
    assert!(config.referral.offers(Headline::HigherIntensity));
    assert!(!config.referral.offers(Headline::UrgentSupport));
    // An unknown outcome name is a reading problem with its path.
    let problems = parse_config(r#"{"referral": {"outcomes": ["eligble"]}}"#)
        .unwrap_err()
        .problems;
    assert_eq!(problems[0].path, "referral", "{problems:?}");
    assert!(problems[0].reason.contains("eligble"), "{problems:?}");
}

#[test]
fn check_config_names_every_problem_of_the_service_facts_by_path() {
    let out = cli(
        &[
            "check-config",
            fixture("config-service-facts-invalid.json")
                .to_str()
                .unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for line in [
        "service.first_contact_within.value: must be at least 1 (got -3)",
        "service.first_conversation.minutes: must be 1 to 480 minutes (got 0)",
        "service.first_conversation.modes: must name at least one",
        "service.sessions.max: must be at least min (5) (got 3)",
        "service.cost.paid.zh: must not be empty",
        "service.for_whom.zh:",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(line)),
            "{line} in {text}"
        );
    }
}

#[test]
fn check_config_refuses_absurd_lengths_with_path_and_limit() {
    // A 5 MB service name.
    let huge = format!(
        r#"{{ "service": {{ "name": {{ "en": "{}", "zh": "名" }} }} }}"#,
        "x".repeat(5 * 1024 * 1024)
    );
    let out = cli(&["check-config", "-"], Some(&huge));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out).trim(),
        format!("$: is {} bytes long; the limit is 524288", huge.len())
    );
    // A crisis label over its own limit, by path.
    let label = format!(
        r#"{{ "crisis_resources": [{{ "id": "e", "name": {{ "en": "{}", "zh": "緊急" }},
           "number": "112", "href": "tel:112", "emergency": true, "open_24_hours": true }}] }}"#,
        "E".repeat(130)
    );
    let out = cli(&["check-config", "-"], Some(&label));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out).trim(),
        "crisis_resources[0].name.en: is 130 characters long; the limit is 120"
    );
}
