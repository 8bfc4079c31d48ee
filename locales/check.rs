// The rule for locales/*.json, in one place: `build.rs` refuses to build when it finds a
// problem, and `tests/locales.rs` tests the rule itself. Both `include!` this file, so it
// must stay plain std Rust with no `use` of anything outside std.

/// The locale files, in the order of `Msg::new`'s arguments.
const LOCALES: [&str; 2] = ["en", "zh-Hant-HK"];

/// Every problem with the catalogues (one per locale, in [`LOCALES`] order), as
/// "key: reason": a key missing from a locale, a blank message, the two versions of a
/// message using different `{{ placeholders }}`, or a key that is not a Rust identifier.
fn check(catalogs: &[std::collections::BTreeMap<String, String>]) -> Vec<String> {
    let keys: std::collections::BTreeSet<&String> =
        catalogs.iter().flat_map(|c| c.keys()).collect();
    let mut problems = Vec::new();
    for key in keys {
        let valid = key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            problems.push(format!("{key}: keys must be lower_snake_case identifiers"));
        }
        let mut placeholders = None;
        for (locale, catalog) in LOCALES.iter().zip(catalogs) {
            match catalog.get(key) {
                None => problems.push(format!("{key}: missing from {locale}.json")),
                Some(message) if message.trim().is_empty() => {
                    problems.push(format!("{key}: blank in {locale}.json"))
                }
                Some(message) => {
                    let names = placeholder_names(message);
                    match &placeholders {
                        None => placeholders = Some(names),
                        Some(first) if *first != names => problems.push(format!(
                            "{key}: {locale}.json uses placeholders {names:?}, {} uses {first:?}",
                            LOCALES[0]
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
    }
    problems
}

/// The `{{ name }}` placeholders in a message.
fn placeholder_names(message: &str) -> std::collections::BTreeSet<String> {
    message
        .split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}
