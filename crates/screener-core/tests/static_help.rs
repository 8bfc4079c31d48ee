//! The static crisis list of `index.html` (`screener_core::static_help`). The two
//! `screener-cli` commands over it (`write-crisis-lines`, `check-config CONFIG PAGE`) are
//! tested through the binary, in `crates/screener-cli/tests/static_help.rs`.

use std::path::PathBuf;

use screener_core::static_help::{
    compare_static_list, expected_lines, read_static_list, write_static_list, StaticHelpError,
};
use screener_core::{parse_config, Config, Lang};

fn root(rel: &str) -> PathBuf {
    crate::common::repo(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root(rel)).expect("readable")
}

fn partner() -> Config {
    parse_config(&read("tests/fixtures/config-partner-lines.json")).expect("valid fixture")
}

/// The part of `page` outside its static list.
fn outside_list(page: &str) -> (String, String) {
    let start = page
        .find("<ul class=\"screener-static__list\"")
        .expect("list");
    let end = page[start..].find("</ul>").unwrap() + start + "</ul>".len();
    (page[..start].to_owned(), page[end..].to_owned())
}

#[test]
fn the_committed_index_html_is_what_the_default_configuration_writes() {
    // So the page and the default crisis lines cannot drift apart: edit the
    // configuration, then run `screener-cli write-crisis-lines` (see docs/deploying.md).
    let page = read("index.html");
    let written = write_static_list(&page, &Config::default()).unwrap();
    assert!(
        written == page,
        "index.html is not what the default configuration writes; regenerate it with\n  \
         cargo run -p screener-cli -- default-config > /tmp/default.json && \
         cargo run -p screener-cli -- write-crisis-lines /tmp/default.json index.html"
    );
    assert_eq!(
        compare_static_list(&page, &Config::default()).unwrap(),
        vec![]
    );
}

#[test]
fn the_default_page_lists_every_default_line_emergency_first() {
    let lines = read_static_list(&read("index.html")).unwrap();
    let config = Config::default();
    assert_eq!(lines.len(), config.crisis_resources.len());
    assert_eq!(lines[0].href, "tel:999");
    assert_eq!(lines[1].number, "2896 0000");
    assert_eq!(
        lines[1].name,
        vec![
            (Lang::En, "The Samaritans Hong Kong".to_owned()),
            (Lang::ZhHantHk, "香港撒瑪利亞會".to_owned())
        ]
    );
    assert!(lines.iter().all(|l| l.href.starts_with("tel:")));
}

#[test]
fn a_partner_page_gets_its_own_lines_emergency_first_in_both_languages() {
    let config = partner();
    let page = write_static_list(&read("index.html"), &config).unwrap();
    let lines = read_static_list(&page).unwrap();
    assert_eq!(lines, expected_lines(&config));
    // Configured order is Samaritans, Shout, emergency, NHS 111: the emergency line moves up.
    let numbers: Vec<&str> = lines.iter().map(|l| l.number.as_str()).collect();
    assert_eq!(numbers, ["999", "116 123", "85258", "111"]);
    assert_eq!(lines[2].href, "sms:85258");
    assert_eq!(
        lines[1].meta,
        vec![
            (Lang::En, "24 hours, every day · English & Welsh".to_owned()),
            (Lang::ZhHantHk, "每日 24 小時 · 英語及威爾斯語".to_owned())
        ]
    );
    // Markup in a partner's text is shown as text, never parsed as HTML.
    assert!(page.contains("Shout &lt;text SHOUT&gt;"));
    assert!(page.contains("English &amp; Welsh"));
    assert!(!page.contains("Hong Kong</span>"), "no default line left");
    assert_eq!(compare_static_list(&page, &config).unwrap(), vec![]);
}

#[test]
fn writing_keeps_every_byte_outside_the_list() {
    // The inline loader script is outside the list: unchanged bytes keep its
    // Content-Security-Policy hash valid (the built page is checked the same way
    // by .ci/check-static-help.sh).
    let page = read("index.html");
    let written = write_static_list(&page, &partner()).unwrap();
    assert_eq!(outside_list(&written), outside_list(&page));
    // Writing twice is writing once.
    assert_eq!(write_static_list(&written, &partner()).unwrap(), written);
}

#[test]
fn a_minified_page_is_written_and_read_on_one_line() {
    // What Trunk's release minifier makes of the page: no quotes, no </li>.
    let page = "<!doctype html><main><ul class=screener-static__list id=screener-static-list><li><a class=screener-static__call href=tel:999><span lang=en>Emergency services</span> <span lang=zh-Hant-HK>緊急服務</span> <strong>999</strong></a> <span class=screener-static__meta><span lang=en>24 hours</span> · <span lang=zh-Hant-HK>24小時</span></span></ul></main><script type=module>import init from '/x.js';init()</script>";
    let differences = compare_static_list(page, &Config::default()).unwrap();
    assert_eq!(
        differences.len(),
        5,
        "five default lines missing: {differences:?}"
    );
    let written = write_static_list(page, &Config::default()).unwrap();
    assert!(!written.contains('\n'), "stays on one line");
    assert!(
        written.ends_with("</main><script type=module>import init from '/x.js';init()</script>")
    );
    assert_eq!(
        compare_static_list(&written, &Config::default()).unwrap(),
        vec![]
    );
}

#[test]
fn every_difference_is_named() {
    let config = Config::default();
    let page = read("index.html")
        .replace("<strong>2896 0000</strong>", "<strong>2896 0001</strong>")
        .replace("href=\"tel:+85223892222\"", "href=\"tel:+85223892223\"")
        .replace(
            "<span lang=\"zh-Hant-HK\">生命熱線</span>",
            "<span lang=\"zh\">生命熱線</span>",
        )
        .replace(
            "<span lang=\"en\">24 hours · Cantonese</span>",
            "<span lang=\"en\">9am to 5pm · Cantonese</span>",
        );
    let differences: Vec<String> = compare_static_list(&page, &config)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        differences,
        [
            "crisis line 2 (The Samaritans Hong Kong 2896 0000): number: \"2896 0001\" on the page, \"2896 0000\" in the configuration",
            "crisis line 3 (Samaritan Befrienders Hong Kong 2389 2222): link: \"tel:+85223892223\" on the page, \"tel:+85223892222\" in the configuration",
            "crisis line 4 (Suicide Prevention Services 2382 0000): hours and languages (en): \"9am to 5pm · Cantonese\" on the page, \"24 hours · Cantonese\" in the configuration",
            "crisis line 4 (Suicide Prevention Services 2382 0000): name (zh-Hant-HK): missing on the page, \"生命熱線\" in the configuration",
        ]
    );
}

#[test]
fn missing_and_extra_lines_are_named() {
    let page = read("index.html");
    let mut fewer = Config::default();
    fewer.crisis_resources.truncate(4);
    let differences: Vec<String> = compare_static_list(&page, &fewer)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        differences,
        [
            "crisis line 5 (Mental Health Support Hotline 18111): on the page, not in the configuration",
            "crisis line 6 (Hospital Authority Mental Health Direct 2466 7350): on the page, not in the configuration",
        ]
    );
    let short = write_static_list(&page, &fewer).unwrap();
    let differences = compare_static_list(&short, &Config::default()).unwrap();
    assert_eq!(differences.len(), 2);
    assert_eq!(
        differences[0].to_string(),
        "crisis line 5 (Mental Health Support Hotline 18111): in the configuration, missing from the page"
    );
}

#[test]
fn an_english_only_configuration_writes_english_only() {
    let config = Config {
        languages: vec![Lang::En],
        ..Config::default()
    };
    let page = write_static_list(&read("index.html"), &config).unwrap();
    let (_, list_and_after) = page.split_at(page.find("screener-static-list").unwrap());
    let list = &list_and_after[..list_and_after.find("</ul>").unwrap()];
    assert!(!list.contains("zh-Hant-HK"));
    assert_eq!(compare_static_list(&page, &config).unwrap(), vec![]);
    // The bilingual default page then differs in every Chinese text.
    assert_eq!(
        compare_static_list(&read("index.html"), &config)
            .unwrap()
            .len(),
        12
    );
}

#[test]
fn a_page_without_a_list_is_refused() {
    let err = compare_static_list("<ul class=screener-static__list></ul>", &Config::default());
    assert_eq!(err, Err(StaticHelpError::NoList));
    assert_eq!(
        write_static_list("<ul id=screener-static-list><li>", &Config::default()),
        Err(StaticHelpError::Unclosed)
    );
}
