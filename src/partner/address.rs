//! The deployment's own address: the base of the page the screener is served from.
//!
//! Invariant: the base is the origin and directory of the page itself, read from the
//! browser, never from a parameter; it names the FHIR `Questionnaire` the handoff, the
//! download and a referral refer to.

/// The base address of the deployment, `origin` plus the directory of `pathname`,
/// without a trailing slash (e.g. `https://partner.org/screener`). Pure.
pub fn base_from(origin: &str, pathname: &str) -> String {
    let directory = pathname.rfind('/').map_or("", |i| &pathname[..i]);
    format!("{origin}{directory}")
}

/// The base address of this deployment (see [`base_from`]).
pub fn deployment_base() -> String {
    web_sys::window()
        .map(|w| w.location())
        .and_then(|l| Some(base_from(&l.origin().ok()?, &l.pathname().ok()?)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_the_directory_of_the_page() {
        assert_eq!(base_from("https://a.org", "/"), "https://a.org");
        assert_eq!(base_from("https://a.org", "/index.html"), "https://a.org");
        assert_eq!(
            base_from("https://a.org", "/screener/"),
            "https://a.org/screener"
        );
        assert_eq!(
            base_from("https://a.org", "/screener/index.html"),
            "https://a.org/screener"
        );
    }
}
