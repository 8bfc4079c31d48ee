//! The two `screener-cli` commands over the static crisis list of `index.html`, through
//! the binary: `write-crisis-lines` and `check-config CONFIG PAGE`. The list itself
//! (`screener_core::static_help`) is tested in `crates/screener-core/tests/static_help.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root(rel: &str) -> PathBuf {
    crate::repo(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root(rel)).expect("readable")
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_screener-cli"))
        .args(args)
        .output()
        .expect("screener-cli runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn temp(name: &str, contents: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("static_help");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn cli_writes_a_partner_page_and_then_agrees_with_it() {
    let page = temp("partner.html", &read("index.html"));
    let config = root("tests/fixtures/config-partner-lines.json");
    let out = cli(&[
        "check-config",
        config.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains(
        "crisis line 2 (Samaritans 116 123): number: \"2896 0000\" on the page, \"116 123\" in the configuration"
    ), "{report}");
    assert!(text(&out.stderr).contains("write-crisis-lines"));

    let out = cli(&[
        "write-crisis-lines",
        config.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("wrote 4 crisis line(s) into {}\n", page.display())
    );
    let out = cli(&[
        "check-config",
        config.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).starts_with("ok: the configuration is valid and"));
}

#[test]
fn cli_writes_into_another_file_when_asked() {
    let page = temp("source.html", &read("index.html"));
    let out_file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("static_help/out.html");
    let config = root("tests/fixtures/config-partner-lines.json");
    let out = cli(&[
        "write-crisis-lines",
        config.to_str().unwrap(),
        page.to_str().unwrap(),
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), read("index.html"));
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .contains("tel:116123"));
}

#[test]
fn cli_refuses_to_write_an_invalid_configuration_and_leaves_the_page() {
    let page = temp("invalid.html", &read("index.html"));
    let config = root("tests/fixtures/config-invalid.json");
    let out = cli(&[
        "write-crisis-lines",
        config.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("crisis_resources[0].href"), "{err}");
    assert!(
        err.contains("crisis_resources: one resource must be marked"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&page).unwrap(), read("index.html"));
    // check-config with a page reports the configuration's problems, not the page's.
    let out = cli(&[
        "check-config",
        config.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("crisis_resources[0].href"));
    assert!(!text(&out.stdout).contains("crisis line"));
}

#[test]
fn cli_names_a_page_without_a_list() {
    let page = temp("nolist.html", "<!doctype html><p>hello</p>");
    let config = root("tests/fixtures/config-partner-lines.json");
    for command in ["check-config", "write-crisis-lines"] {
        let out = cli(&[command, config.to_str().unwrap(), page.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            text(&out.stderr).contains("the page has no static crisis list"),
            "{command}: {}",
            text(&out.stderr)
        );
    }
    let out = cli(&["write-crisis-lines", config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "usage error");
}
