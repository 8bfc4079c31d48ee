//! The static crisis list in `index.html`, made from a [`Config`].
//!
//! `index.html` shows the crisis lines as plain HTML so they are there while
//! the app loads, with scripts off, and when the app fails to start: exactly
//! the moments nothing else can correct a wrong number. So that list is never
//! written by hand. [`write_static_list`] replaces it with the lines of a
//! configuration, and [`compare_static_list`] names every way a page's list
//! and a configuration disagree (`screener-cli write-crisis-lines` and
//! `check-config CONFIG PAGE`).
//!
//! The list is the element `<ul id="screener-static-list">`. It is found by
//! that id rather than by comments, because Trunk's release minifier removes
//! comments (and quotes around attribute values, and optional end tags such
//! as `</li>`): the functions here read the built, minified page as well as
//! the source one. Nothing outside the list is touched, so the inline loader
//! script, and the Content-Security-Policy hash of it, stay as they were.
//!
//! Pure string work: no I/O (see the invariant in [the crate's docs](crate)).

use std::fmt;

use super::config::{Config, CrisisResource};
use super::text::Lang;

/// The `id` of the list element in `index.html`.
pub const LIST_ID: &str = "screener-static-list";

/// Why a page's static list could not be found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StaticHelpError {
    /// No `<ul id="screener-static-list">` in the page.
    #[error("the page has no static crisis list (<ul id=\"{LIST_ID}\">)")]
    NoList,
    /// The list element is opened but never closed.
    #[error("the page's static crisis list (<ul id=\"{LIST_ID}\">) has no closing </ul>")]
    Unclosed,
}

/// One crisis line as the static page shows it: each field per language, in
/// [`Lang::ALL`] order, only for languages present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaticLine {
    /// The link target (`tel:…`, `sms:…` or `https:…`).
    pub href: String,
    /// The number as displayed.
    pub number: String,
    /// The name, per language.
    pub name: Vec<(Lang, String)>,
    /// What the app's crisis panel shows under the line ([`CrisisResource::meta`]: hours,
    /// cost, how it is reached, languages), per language.
    pub meta: Vec<(Lang, String)>,
}

/// One way a page's static list and a configuration disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// 1-based position in the list (emergency line first).
    pub line: usize,
    /// Which line: its first name and number.
    pub label: String,
    /// What differs, in plain English.
    pub what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "crisis line {} ({}): {}",
            self.line, self.label, self.what
        )
    }
}

/// The lines the static page must show for `config`: the emergency line(s)
/// first, then the rest, each group in configured order, in every language the
/// configuration offers.
///
/// Emergency first, unlike the app's panel (which leads with listening lines
/// unless someone is in immediate danger): the static page cannot know why it
/// is being read, and when the app has failed it may be read by someone in
/// danger now.
pub fn expected_lines(config: &Config) -> Vec<StaticLine> {
    let langs: Vec<Lang> = Lang::ALL
        .into_iter()
        .filter(|l| config.languages.contains(l))
        .collect();
    let (mut ordered, rest): (Vec<&CrisisResource>, Vec<&CrisisResource>) =
        config.crisis_resources.iter().partition(|r| r.emergency);
    ordered.extend(rest);
    ordered
        .into_iter()
        .map(|r| StaticLine {
            href: r.href.trim().to_owned(),
            number: r.number.trim().to_owned(),
            name: langs
                .iter()
                .map(|&l| (l, r.name.get(l).trim().to_owned()))
                .collect(),
            meta: {
                let meta = r.meta(&config.crisis_resources);
                langs.iter().map(|&l| (l, meta.get(l).to_owned())).collect()
            },
        })
        .collect()
}

/// The list element for `config`, indented for a page whose `<ul` starts at
/// `indent` (`None`: a minified page, all on one line).
pub fn render_list(config: &Config, indent: Option<&str>) -> String {
    // Line breaks and indents before each item, before its meta line, and
    // before `</ul>`.
    let (item, meta_line, end) = match indent {
        Some(base) => (
            "\n".to_owned() + base + "  ",
            "\n".to_owned() + base + "    ",
            "\n".to_owned() + base,
        ),
        None => (String::new(), " ".to_owned(), String::new()),
    };
    let mut html = format!("<ul class=\"screener-static__list\" id=\"{LIST_ID}\">");
    for line in expected_lines(config) {
        html.push_str(&item);
        html.push_str(&format!(
            "<li><a class=\"screener-static__call\" href=\"{}\">",
            escape(&line.href)
        ));
        for (lang, name) in &line.name {
            html.push_str(&format!(
                "<span lang=\"{}\">{}</span> ",
                lang.tag(),
                escape(name)
            ));
        }
        html.push_str(&format!("<strong>{}</strong></a>", escape(&line.number)));
        html.push_str(&meta_line);
        html.push_str("<span class=\"screener-static__meta\">");
        let metas: Vec<String> = line
            .meta
            .iter()
            .map(|(lang, text)| format!("<span lang=\"{}\">{}</span>", lang.tag(), escape(text)))
            .collect();
        html.push_str(&metas.join(" · "));
        html.push_str("</span></li>");
    }
    html.push_str(&end);
    html.push_str("</ul>");
    html
}

/// `page` with its static list replaced by the lines of `config`; every
/// other byte of the page is kept.
pub fn write_static_list(page: &str, config: &Config) -> Result<String, StaticHelpError> {
    let (start, end) = find_list(page)?;
    // Indent like the page: the source page has the `<ul` alone at the start
    // of a line, a minified page does not.
    let line_start = page[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &page[line_start..start];
    let indent =
        (line_start > 0 && before.chars().all(|c| c == ' ' || c == '\t')).then_some(before);
    let mut out = String::with_capacity(page.len() + 1024);
    out.push_str(&page[..start]);
    out.push_str(&render_list(config, indent));
    out.push_str(&page[end..]);
    Ok(out)
}

/// Every difference between the static list in `page` and what `config`
/// calls for (empty: they agree).
pub fn compare_static_list(
    page: &str,
    config: &Config,
) -> Result<Vec<Difference>, StaticHelpError> {
    let shown = read_static_list(page)?;
    let wanted = expected_lines(config);
    let mut out = Vec::new();
    for (i, (s, w)) in shown.iter().zip(&wanted).enumerate() {
        let line = i + 1;
        let label = describe(w);
        let mut differ = |field: &str, page: &str, config: &str| {
            if page != config {
                out.push(Difference {
                    line,
                    label: label.clone(),
                    what: format!(
                        "{field}: {} on the page, {} in the configuration",
                        quoted(page),
                        quoted(config)
                    ),
                });
            }
        };
        differ("link", &s.href, &w.href);
        differ("number", &s.number, &w.number);
        for lang in Lang::ALL {
            differ(
                &format!("name ({})", lang.tag()),
                lookup(&s.name, lang),
                lookup(&w.name, lang),
            );
            differ(
                &format!("hours and languages ({})", lang.tag()),
                lookup(&s.meta, lang),
                lookup(&w.meta, lang),
            );
        }
    }
    for (i, w) in wanted.iter().enumerate().skip(shown.len()) {
        out.push(Difference {
            line: i + 1,
            label: describe(w),
            what: "in the configuration, missing from the page".to_owned(),
        });
    }
    for (i, s) in shown.iter().enumerate().skip(wanted.len()) {
        out.push(Difference {
            line: i + 1,
            label: describe(s),
            what: "on the page, not in the configuration".to_owned(),
        });
    }
    Ok(out)
}

/// Reads the static list of `page` back into lines.
pub fn read_static_list(page: &str) -> Result<Vec<StaticLine>, StaticHelpError> {
    let (start, end) = find_list(page)?;
    let mut lines: Vec<StaticLine> = Vec::new();
    // Where text goes: nowhere, a name, the number, or hours and languages.
    enum Target {
        Nothing,
        Name(Lang),
        Number,
        Meta(Lang),
    }
    let mut into = Target::Nothing;
    let mut in_link = false;
    let mut in_meta = false;
    for token in tokens(&page[start..end]) {
        match token {
            Token::Start { name, attrs } => match name.as_str() {
                "li" => {
                    lines.push(StaticLine::default());
                    in_link = false;
                    in_meta = false;
                    into = Target::Nothing;
                }
                "a" => {
                    in_link = true;
                    if let Some(line) = lines.last_mut() {
                        line.href = attr(&attrs, "href").unwrap_or_default().trim().to_owned();
                    }
                }
                "strong" if in_link => into = Target::Number,
                "span" => {
                    let lang = attr(&attrs, "lang").and_then(|t| exact_lang(&t));
                    if attr(&attrs, "class")
                        .is_some_and(|c| c.split_whitespace().any(|c| c == "screener-static__meta"))
                    {
                        in_meta = true;
                    } else if let Some(lang) = lang {
                        into = if in_link {
                            Target::Name(lang)
                        } else if in_meta {
                            Target::Meta(lang)
                        } else {
                            Target::Nothing
                        };
                    }
                }
                _ => {}
            },
            Token::End(name) => match name.as_str() {
                "a" => {
                    in_link = false;
                    into = Target::Nothing;
                }
                "strong" => into = Target::Nothing,
                "span" => {
                    // A language span closes back to its parent; the meta span
                    // closes after its language spans.
                    if matches!(into, Target::Nothing) {
                        in_meta = false;
                    }
                    into = Target::Nothing;
                }
                _ => {}
            },
            Token::Text(text) => {
                let Some(line) = lines.last_mut() else {
                    continue;
                };
                match into {
                    Target::Nothing => {}
                    Target::Number => line.number.push_str(&text),
                    Target::Name(lang) => push_text(&mut line.name, lang, &text),
                    Target::Meta(lang) => push_text(&mut line.meta, lang, &text),
                }
            }
        }
    }
    for line in &mut lines {
        line.number = collapse(&line.number);
        for (_, text) in line.name.iter_mut().chain(line.meta.iter_mut()) {
            *text = collapse(text);
        }
    }
    Ok(lines)
}

fn describe(line: &StaticLine) -> String {
    let name = line.name.first().map_or("", |(_, n)| n.as_str());
    format!("{name} {}", line.number).trim().to_owned()
}

fn quoted(text: &str) -> String {
    if text.is_empty() {
        "missing".to_owned()
    } else {
        format!("\"{text}\"")
    }
}

fn lookup(list: &[(Lang, String)], lang: Lang) -> &str {
    list.iter()
        .find(|(l, _)| *l == lang)
        .map_or("", |(_, t)| t.as_str())
}

fn push_text(list: &mut Vec<(Lang, String)>, lang: Lang, text: &str) {
    match list.iter_mut().find(|(l, _)| *l == lang) {
        Some((_, t)) => t.push_str(text),
        None => list.push((lang, text.to_owned())),
    }
}

/// Only the exact tags the page is written with: a `lang="zh"` written by
/// hand is a difference to report, not something to read leniently.
fn exact_lang(tag: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.tag() == tag)
}

/// Whitespace runs as one space, trimmed: what a reader sees, whether the page
/// is minified or not.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte range of the list element, from its `<ul` to the end of its `</ul>`.
fn find_list(page: &str) -> Result<(usize, usize), StaticHelpError> {
    let lower = page.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<ul") {
        let start = from + found;
        let tag_end = lower[start..]
            .find('>')
            .map(|i| start + i + 1)
            .ok_or(StaticHelpError::Unclosed)?;
        if let Token::Start { attrs, .. } = parse_tag(&page[start + 1..tag_end - 1]) {
            if attr(&attrs, "id").as_deref() == Some(LIST_ID) {
                let close = lower[tag_end..]
                    .find("</ul")
                    .map(|i| tag_end + i)
                    .ok_or(StaticHelpError::Unclosed)?;
                let end = lower[close..]
                    .find('>')
                    .map(|i| close + i + 1)
                    .ok_or(StaticHelpError::Unclosed)?;
                return Ok((start, end));
            }
        }
        from = tag_end;
    }
    Err(StaticHelpError::NoList)
}

/// A piece of HTML: enough of the syntax for the list's own markup (tags with
/// quoted or unquoted attributes, text with character references).
enum Token {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
    Text(String),
}

fn tokens(html: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(body) = rest.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |i| &body[i + 3..]);
        } else if rest.starts_with('<') {
            let end = rest.find('>').unwrap_or(rest.len());
            out.push(parse_tag(&rest[1..end]));
            rest = rest.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(unescape(&rest[..end])));
            rest = &rest[end..];
        }
    }
    out
}

/// Parses the inside of `<…>`.
fn parse_tag(inner: &str) -> Token {
    let inner = inner.trim_end_matches('/');
    if let Some(name) = inner.strip_prefix('/') {
        return Token::End(name.trim().to_ascii_lowercase());
    }
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = next.trim_start();
            unescape(value)
        } else {
            String::new()
        };
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
    Token::Start { name, attrs }
}

fn attr(attrs: &[(String, String)], key: &str) -> Option<String> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// Text for HTML content and double-quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Character references back to text: the named ones a minifier or an
/// editor writes for these characters, and numeric ones; any other `&` is
/// kept as it is (HTML allows a bare `&`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest[..rest.len().min(12)].find(';');
        let decoded = semi.and_then(|s| {
            let name = &rest[1..s];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, s + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_unescape_round_trip() {
        let text = "A & B <c> \"d\" 'e' 香港";
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(
            unescape("a & b &#x39;&#57; &unknown; &"),
            "a & b 99 &unknown; &"
        );
    }

    #[test]
    fn reads_minified_markup() {
        let page = "<p>x</p><ul class=screener-static__list id=screener-static-list><li><a class=screener-static__call href=tel:999><span lang=en>Emergency</span> <span lang=zh-Hant-HK>緊急</span> <strong>999</strong></a> <span class=screener-static__meta><span lang=en>24 hours</span> · <span lang=zh-Hant-HK>24小時</span></span><li><a href='tel:1'><span lang=en>B &amp; C</span><strong> 1 </strong></a></ul>";
        let lines = read_static_list(page).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].href, "tel:999");
        assert_eq!(lines[0].number, "999");
        assert_eq!(
            lines[0].name,
            vec![
                (Lang::En, "Emergency".into()),
                (Lang::ZhHantHk, "緊急".into())
            ]
        );
        assert_eq!(
            lines[0].meta,
            vec![
                (Lang::En, "24 hours".into()),
                (Lang::ZhHantHk, "24小時".into())
            ]
        );
        assert_eq!(lines[1].name, vec![(Lang::En, "B & C".into())]);
        assert_eq!(lines[1].number, "1");
    }

    #[test]
    fn a_page_without_the_list_is_an_error() {
        let config = Config::default();
        assert_eq!(
            write_static_list("<ul class=screener-static__list><li>x</ul>", &config),
            Err(StaticHelpError::NoList)
        );
        assert_eq!(
            compare_static_list("<ul id=\"screener-static-list\"><li>x", &config),
            Err(StaticHelpError::Unclosed)
        );
    }
}
