//! Applying the configured theme to the widget root (`#screener`, the `.screener`
//! element).
//!
//! Each colour role in [`Theme::COLOR_KEYS`] maps to the `--screener-*` custom
//! properties that `style/screener.css` declares on `.screener` (see [`COLOR_PROPERTIES`];
//! a test checks every one exists there). Values were already checked by
//! [`Config::validate`](crate::core::Config::validate) to be plain colours, a plain font
//! list and an https logo address, so nothing can close a declaration or reach outside
//! the root.
//!
//! Properties are set with the CSSOM (`element.style.setProperty`), never by writing a
//! `style` attribute into markup: a strict Content-Security-Policy (`style-src 'self'`
//! without `'unsafe-inline'`) blocks the latter and allows the former.
//!
//! The logo becomes `--screener-logo: url(…)` and a class that `style/partner.css` turns
//! into a decorative banner above the widget: the service name is already written on
//! the first screen, so the image needs no text alternative, and a CSS image adds no
//! content outside the page's landmarks.

use crate::core::Theme;

use super::url_params::UrlTheme;

/// Which custom properties each colour role sets.
pub const COLOR_PROPERTIES: [(&str, &[&str]); 11] = [
    ("primary", &["--screener-color-primary"]),
    ("on_primary", &["--screener-color-primary-text"]),
    ("background", &["--screener-color-bg"]),
    ("surface", &["--screener-color-surface"]),
    ("text", &["--screener-color-text"]),
    ("muted_text", &["--screener-color-muted"]),
    ("border", &["--screener-color-border"]),
    ("accent", &["--screener-color-notice-border"]),
    ("focus", &["--screener-color-focus"]),
    (
        "danger",
        &[
            "--screener-color-crisis-border",
            "--screener-color-crisis-action",
        ],
    ),
    ("on_danger", &["--screener-color-crisis-action-text"]),
];

/// Class on the root when a logo is configured.
pub const LOGO_CLASS: &str = "screener-partner__has-logo";
/// Class on the root for the high-contrast theme.
pub const CONTRAST_CLASS: &str = "screener-partner__theme-contrast";

/// The custom properties to set for `theme`, in a stable order. Pure.
///
/// With the high-contrast theme chosen, the partner's colours are left out (its own
/// colours come from `style/partner.css`); the font and logo still apply.
pub fn custom_properties(theme: &Theme, url_theme: Option<UrlTheme>) -> Vec<(String, String)> {
    let mut properties = Vec::new();
    if url_theme != Some(UrlTheme::Contrast) {
        for (role, names) in COLOR_PROPERTIES {
            if let Some(value) = theme.colors.get(role) {
                for name in names {
                    properties.push(((*name).to_owned(), value.clone()));
                }
                if role == "primary" {
                    // The hover shade follows the partner's primary colour.
                    properties.push((
                        "--screener-color-primary-hover".to_owned(),
                        format!("color-mix(in srgb, {value} 80%, black)"),
                    ));
                }
            }
        }
    }
    if let Some(font) = &theme.font_family {
        properties.push(("--screener-font-family".to_owned(), font.clone()));
    }
    if let Some(logo) = &theme.logo_url {
        properties.push(("--screener-logo".to_owned(), format!("url({logo})")));
    }
    properties
}

/// The classes to add to the root. Pure.
pub fn root_classes(theme: &Theme, url_theme: Option<UrlTheme>) -> Vec<&'static str> {
    let mut classes = Vec::new();
    if theme.logo_url.is_some() {
        classes.push(LOGO_CLASS);
    }
    if url_theme == Some(UrlTheme::Contrast) {
        classes.push(CONTRAST_CLASS);
    }
    classes
}

/// Applies `theme` (and the theme chosen by the address) to the widget root.
pub fn apply(root: &web_sys::HtmlElement, theme: &Theme, url_theme: Option<UrlTheme>) {
    let style = root.style();
    for (name, value) in custom_properties(theme, url_theme) {
        let _ = style.set_property(&name, &value);
    }
    for class in root_classes(theme, url_theme) {
        let _ = root.class_list().add_1(class);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_role_is_mapped_once() {
        let mapped: Vec<&str> = COLOR_PROPERTIES.iter().map(|(role, _)| *role).collect();
        assert_eq!(mapped, Theme::COLOR_KEYS);
    }

    #[test]
    fn every_property_set_is_declared_by_the_stylesheet() {
        let css = include_str!("../../style/screener.css");
        let mut names: Vec<&str> = COLOR_PROPERTIES
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
            .collect();
        names.extend(["--screener-color-primary-hover", "--screener-font-family"]);
        for name in names {
            assert!(css.contains(&format!("{name}:")), "{name} is not declared");
        }
    }

    #[test]
    fn colours_font_and_logo_become_properties() {
        let mut theme = Theme::default();
        theme.colors.insert("primary".into(), "#005a9c".into());
        theme
            .colors
            .insert("danger".into(), "rgb(180, 0, 0)".into());
        theme.font_family = Some("\"Noto Sans TC\", sans-serif".into());
        theme.logo_url = Some("https://partner.example.org/logo.svg".into());
        let properties = custom_properties(&theme, None);
        let get = |name: &str| {
            properties
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("--screener-color-primary"), Some("#005a9c"));
        assert_eq!(
            get("--screener-color-primary-hover"),
            Some("color-mix(in srgb, #005a9c 80%, black)")
        );
        assert_eq!(
            get("--screener-color-crisis-border"),
            Some("rgb(180, 0, 0)")
        );
        assert_eq!(
            get("--screener-color-crisis-action"),
            Some("rgb(180, 0, 0)")
        );
        assert_eq!(
            get("--screener-font-family"),
            Some("\"Noto Sans TC\", sans-serif")
        );
        assert_eq!(
            get("--screener-logo"),
            Some("url(https://partner.example.org/logo.svg)")
        );
        assert_eq!(root_classes(&theme, None), vec![LOGO_CLASS]);
    }

    #[test]
    fn the_contrast_theme_replaces_partner_colours_only() {
        let mut theme = Theme::default();
        theme.colors.insert("primary".into(), "#005a9c".into());
        theme.font_family = Some("Arial".into());
        let properties = custom_properties(&theme, Some(UrlTheme::Contrast));
        assert_eq!(
            properties,
            vec![("--screener-font-family".to_owned(), "Arial".to_owned())]
        );
        assert_eq!(
            root_classes(&theme, Some(UrlTheme::Contrast)),
            vec![CONTRAST_CLASS]
        );
    }

    #[test]
    fn the_default_theme_sets_nothing() {
        assert!(custom_properties(&Theme::default(), None).is_empty());
        assert!(root_classes(&Theme::default(), Some(UrlTheme::Default)).is_empty());
    }
}
