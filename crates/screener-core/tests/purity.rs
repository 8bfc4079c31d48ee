//! The part of the core's purity (see `src/lib.rs`) that the compiler does not check: no
//! I/O and no clock.
//!
//! No UI framework or browser API needs no test: `Cargo.toml` names none of those crates,
//! so the compiler refuses any use of them. But `std` is always there, and with it files,
//! the network, the environment, processes, threads and the clock. So this scan
//! tokenises each source file under `crates/screener-core/src` (skipping comments,
//! strings and character literals, so the invariant may be *described* in docs) and
//! fails on any path `std::{fs, net, env, process, io, time, thread}`, written out or in
//! a `use std::{…}` group, and on `SystemTime` or `Instant` wherever they come from.

use std::path::{Path, PathBuf};

/// `std` modules that mean I/O, environment, processes, a clock or threads.
const FORBIDDEN_STD: &[&str] = &["fs", "net", "env", "process", "io", "time", "thread"];
/// Identifiers that mean a clock wherever they come from.
const FORBIDDEN_IDENTS: &[&str] = &["SystemTime", "Instant"];

/// Identifiers and `::` separators of Rust source, outside comments,
/// strings and character literals.
pub(crate) fn code_tokens(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            // Block comments nest in Rust.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(after_prefix) = raw_string_start(&chars, i) {
            // Raw string: r"..." or r#"..."# (optionally b-prefixed).
            let mut j = after_prefix;
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1; // opening quote
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1; // lifetime: its name is read as an identifier
            }
        } else if c == ':' && at(i + 1) == ':' {
            tokens.push("::".to_owned());
            i += 2;
        } else if is_ident_start(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else {
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
            i += 1;
        }
    }
    tokens
}

/// If a raw string (`r"`, `r#"`, `br"`, …) starts at `i`, the index just
/// after its `r`.
fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && is_ident_char(chars[i - 1]) {
        return None;
    }
    let after = match (chars.get(i), chars.get(i + 1)) {
        (Some('r'), _) => i + 1,
        (Some('b'), Some('r')) => i + 2,
        _ => return None,
    };
    let mut j = after;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some(after)
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every violation in `source`, as human-readable strings.
fn violations(source: &str) -> Vec<String> {
    let tokens = code_tokens(source);
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if FORBIDDEN_IDENTS.contains(&token.as_str()) {
            found.push(format!("uses `{token}`"));
        }
        if token != "std" || tokens.get(i + 1).is_none_or(|t| t != "::") {
            continue;
        }
        match tokens.get(i + 2).map(String::as_str) {
            Some(module) if FORBIDDEN_STD.contains(&module) => {
                found.push(format!("uses `std::{module}`"));
            }
            // `use std::{collections::BTreeMap, fs};`: the group's first names.
            Some("{") => {
                let mut depth = 0;
                let mut first = true;
                for t in &tokens[i + 2..] {
                    match t.as_str() {
                        "{" => {
                            depth += 1;
                            first = true;
                        }
                        "}" => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            first = false;
                        }
                        "," => first = true,
                        name => {
                            if first && depth == 1 && FORBIDDEN_STD.contains(&name) {
                                found.push(format!("uses `std::{name}`"));
                            }
                            first = false;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_does_no_io_and_reads_no_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() >= 8,
        "expected the core's module files under {}, found {files:?}",
        root.display()
    );
    let mut report = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("readable source");
        for violation in violations(&source) {
            report.push(format!("{}: {violation}", file.display()));
        }
    }
    assert!(
        report.is_empty(),
        "the core must stay pure (see crates/screener-core/src/lib.rs):\n{}",
        report.join("\n")
    );
}

#[test]
fn the_check_catches_imports_and_paths() {
    assert_eq!(violations("let s = std::fs::read(p);"), ["uses `std::fs`"]);
    assert_eq!(
        violations("use ::std::net::TcpStream;"),
        ["uses `std::net`"]
    );
    assert_eq!(
        violations("use std::{collections::BTreeMap, env, process::exit};"),
        ["uses `std::env`", "uses `std::process`"]
    );
    assert_eq!(
        violations("use std::{fmt, io::{self, Read}};"),
        ["uses `std::io`"]
    );
    assert_eq!(
        violations("use std::time::SystemTime;"),
        ["uses `std::time`", "uses `SystemTime`"]
    );
    assert_eq!(violations("use std :: io;"), ["uses `std::io`"]);
    assert_eq!(violations("let t = Instant::now();"), ["uses `Instant`"]);
}

#[test]
fn the_check_ignores_comments_strings_and_lookalikes() {
    let source = r####"
        //! No leptos, web_sys, gloo, wasm_bindgen or js_sys here.
        /* block leptos /* nested web_sys */ still comment gloo */
        /// std::fs is forbidden
        const A: &str = "leptos::view! and std::fs";
        const B: &str = r#"web_sys "quoted" gloo"#;
        const C: &[u8] = br"js_sys";
        const D: char = '"';
        fn leptos_free<'a>(x: &'a str) -> &'a str { x }
        use std::collections::BTreeMap;
        use std::fmt;
        let my_leptos = 1; let fs = 2;
    "####;
    assert_eq!(violations(source), Vec::<String>::new());
}
