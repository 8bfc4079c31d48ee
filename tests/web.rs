//! Browser tests (wasm-bindgen-test in headless Chromium): the shell mounts and renders.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    container.unchecked_into()
}

#[wasm_bindgen_test]
async fn app_mounts_with_a_level_one_heading() {
    let container = fresh_container();
    let _handle = mount_to(container.clone(), screener::components::App);
    tick().await;
    let heading = container
        .query_selector("h1")
        .unwrap()
        .expect("an h1 is rendered");
    assert!(!heading.text_content().unwrap_or_default().trim().is_empty());
}

fn click(container: &web_sys::HtmlElement, selector: &str) {
    container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is rendered"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn a_risk_answer_shows_the_crisis_panel_before_next_is_pressed() {
    // Start from a clean device so no saved answers are resumed.
    if let Some(storage) = web_sys::window().unwrap().local_storage().ok().flatten() {
        let _ = storage.clear();
    }
    let container = fresh_container();
    let _handle = mount_to(container.clone(), screener::components::App);
    tick().await;
    assert!(
        crisis_panel_hidden(&container),
        "no crisis panel on a fresh start"
    );
    click(&container, ".screener__button--primary"); // Start
    tick().await;
    // Walk to PHQ-9 item 9 through the age question and items 1–8.
    let input = container
        .query_selector("input[name=age]")
        .unwrap()
        .expect("the age question comes first")
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value("30");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    click(&container, "button[type=submit]");
    tick().await;
    for n in 1..=8 {
        click(
            &container,
            &format!("input[name=phq9_{n}][value=not_at_all]"),
        );
        tick().await;
        click(&container, "button[type=submit]");
        tick().await;
    }
    assert!(crisis_panel_hidden(&container), "no risk reported yet");
    click(&container, "input[name=phq9_9][value=several_days]");
    tick().await;
    assert!(
        !crisis_panel_hidden(&container),
        "the crisis panel appears on the same screen"
    );
    let panel = container
        .query_selector("#screener-crisis")
        .unwrap()
        .unwrap();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    assert!(panel.inner_html().contains("tel:"));
    // Still on item 9: the panel came before Next.
    assert!(container
        .query_selector("input[name=phq9_9]")
        .unwrap()
        .is_some());
}

/// The crisis panel is built hidden just after the first screen is painted, and shown
/// by removing `hidden`: not built yet or hidden both mean not on screen.
fn crisis_panel_hidden(container: &web_sys::HtmlElement) -> bool {
    container
        .query_selector("#screener-crisis")
        .unwrap()
        .is_none_or(|panel| panel.has_attribute("hidden"))
}
