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
