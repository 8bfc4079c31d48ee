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

/// Mounts the app on a device with nothing saved (so nothing is resumed). Keep the handle:
/// dropping it unmounts the app.
async fn mount_on_a_clean_device() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable>,
) {
    if let Some(storage) = web_sys::window().unwrap().local_storage().ok().flatten() {
        let _ = storage.clear();
    }
    let container = fresh_container();
    let handle = mount_to(container.clone(), screener::components::App);
    tick().await;
    (container, handle)
}

/// Presses Start on the welcome screen and types `age` into the first question.
async fn start_and_answer_age(container: &web_sys::HtmlElement, age: &str) {
    click(container, ".screener__button--primary"); // Start
    tick().await;
    let input = container
        .query_selector("input[name=age]")
        .unwrap()
        .expect("the age question comes first")
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value(age);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
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
    let (container, _handle) = mount_on_a_clean_device().await;
    assert!(
        crisis_panel_hidden(&container),
        "no crisis panel on a fresh start"
    );
    // Walk to PHQ-9 item 9 through the age question and items 1–8.
    start_and_answer_age(&container, "30").await;
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

/// Holds back the page's frames: `requestAnimationFrame` callbacks wait until
/// [`HeldFrames::paint`], so "after the first paint" happens when the test says, in every
/// engine (a headless browser may otherwise paint between any two tasks).
struct HeldFrames {
    original: wasm_bindgen::JsValue,
    callbacks: js_sys::Array,
}

impl HeldFrames {
    fn hold() -> HeldFrames {
        let window = web_sys::window().unwrap();
        let key = wasm_bindgen::JsValue::from_str("requestAnimationFrame");
        let original = js_sys::Reflect::get(&window, &key).unwrap();
        let callbacks = js_sys::Array::new();
        let held = callbacks.clone();
        let stand_in =
            wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue) -> u32>::new(
                move |callback| held.push(&callback),
            );
        js_sys::Reflect::set(&window, &key, stand_in.as_ref()).unwrap();
        stand_in.forget();
        HeldFrames {
            original,
            callbacks,
        }
    }

    /// Restores `requestAnimationFrame`, runs the held callbacks (a frame), then lets the
    /// tasks they started run.
    async fn paint(self) {
        let key = wasm_bindgen::JsValue::from_str("requestAnimationFrame");
        js_sys::Reflect::set(&web_sys::window().unwrap(), &key, &self.original).unwrap();
        for callback in self.callbacks.iter() {
            let _ = callback
                .unchecked_into::<js_sys::Function>()
                .call1(&wasm_bindgen::JsValue::NULL, &0.into());
        }
        after_ms(0).await;
    }
}

/// Resolves once a timer of `ms` has fired (and the tasks it let run have run).
async fn after_ms(ms: i32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
    tick().await;
}

/// The answers menu's contents (its delete control), which wait for the first paint.
const MENU_CONTENTS: &str = "#screener-answers-menu .screener__delete";

#[wasm_bindgen_test]
async fn what_the_first_screen_does_not_show_is_built_after_its_paint_or_when_asked_for() {
    for open_early in [false, true] {
        let frames = HeldFrames::hold();
        let (container, _handle) = mount_on_a_clean_device().await;
        assert!(
            container
                .query_selector(".screener__button--primary")
                .unwrap()
                .is_some(),
            "the first screen is up"
        );
        assert!(
            container.query_selector(MENU_CONTENTS).unwrap().is_none(),
            "the closed answers menu's contents wait for the first paint"
        );
        assert!(
            container
                .query_selector("#screener-crisis")
                .unwrap()
                .is_none(),
            "so does the hidden crisis panel"
        );
        if open_early {
            // A very quick tap, before the first paint: the menu is built at once.
            click(&container, ".screener__menu-button");
            tick().await;
            assert!(
                container.query_selector(MENU_CONTENTS).unwrap().is_some(),
                "an opened menu shows its contents"
            );
        }
        frames.paint().await;
        let panel = container
            .query_selector("#screener-answers-menu")
            .unwrap()
            .expect("the panel is always there, for aria-controls");
        assert_eq!(panel.has_attribute("hidden"), !open_early);
        assert!(
            panel.query_selector(".screener__delete").unwrap().is_some(),
            "after the paint the menu's contents are built, open or not"
        );
        assert!(
            crisis_panel_hidden(&container)
                && container
                    .query_selector("#screener-crisis")
                    .unwrap()
                    .is_some(),
            "after the paint the crisis panel is built, hidden"
        );
    }
}

#[wasm_bindgen_test]
async fn with_no_frame_painted_what_waits_for_the_paint_comes_within_a_second() {
    // A background tab, or a partner's iframe scrolled out of view: no frame is painted.
    let frames = HeldFrames::hold();
    let (container, _handle) = mount_on_a_clean_device().await;
    after_ms(1_100).await;
    assert!(
        container.query_selector(MENU_CONTENTS).unwrap().is_some(),
        "the answers menu is built without a paint"
    );
    assert!(
        container
            .query_selector("#screener-crisis")
            .unwrap()
            .is_some(),
        "and so is the hidden crisis panel"
    );
    frames.paint().await;
}

/// The crisis panel is built hidden just after the first screen is painted, and shown
/// by removing `hidden`: not built yet or hidden both mean not on screen.
fn crisis_panel_hidden(container: &web_sys::HtmlElement) -> bool {
    container
        .query_selector("#screener-crisis")
        .unwrap()
        .is_none_or(|panel| panel.has_attribute("hidden"))
}

/// The saved record as it is on the device right now, if there is one.
fn saved_record() -> Option<screener::storage::SavedRecord> {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let text = storage.get_item(screener::storage::RECORD_KEY).unwrap()?;
    let questionnaire = screener::core::default_questionnaire();
    Some(
        screener::storage::decode(&text, &questionnaire)
            .expect("the saved record decodes")
            .record,
    )
}

#[wasm_bindgen_test]
async fn an_answer_is_saved_after_the_frame_or_at_once_when_the_page_is_left() {
    let (container, _handle) = mount_on_a_clean_device().await;
    start_and_answer_age(&container, "41").await;
    // Only microtasks have run since the answer: no frame has been painted, so the save is
    // still pending (writing first would delay the crisis panel).
    assert!(
        saved_record().is_none(),
        "nothing is written before the frame is painted"
    );
    // Closing or reloading the page now must not lose the answer.
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
    let record = saved_record().expect("pagehide writes the pending answer at once");
    assert_eq!(
        record.answers.get("age"),
        Some(&screener::core::AnswerValue::from(41_i64))
    );
}

/// A `Promise` resolving to an HTTP 200 JSON response with `body`, as `fetch` gives.
fn json_response_promise(body: &str) -> js_sys::Promise {
    let init = web_sys::ResponseInit::new();
    init.set_status(200);
    let headers = web_sys::Headers::new().unwrap();
    headers.append("content-type", "application/json").unwrap();
    init.set_headers(&headers);
    let response =
        web_sys::Response::new_with_opt_str_and_init(Some(body), &init).expect("a Response");
    js_sys::Promise::resolve(&wasm_bindgen::JsValue::from(response))
}

#[wasm_bindgen_test]
async fn the_loaders_early_config_fetch_is_used_once() {
    use screener::partner::load::PREFETCH_KEY;
    let window = web_sys::window().unwrap();
    let key = wasm_bindgen::JsValue::from_str(PREFETCH_KEY);
    js_sys::Reflect::set(
        &window,
        &key,
        &json_response_promise(r#"{"retention_days": 7}"#),
    )
    .unwrap();
    let loaded = screener::partner::load_config().await;
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.config.retention_days, 7, "the early fetch's answer");
    assert!(
        js_sys::Reflect::get(&window, &key).unwrap().is_undefined(),
        "taken, so a later load fetches afresh"
    );
}

#[wasm_bindgen_test]
async fn without_the_loader_the_app_fetches_its_config_itself() {
    let window = web_sys::window().unwrap();
    let fetch_key = wasm_bindgen::JsValue::from_str("fetch");
    let real_fetch = js_sys::Reflect::get(&window, &fetch_key).unwrap();
    // A stand-in for `fetch` that notes what was asked for and answers with a config.
    let asked = std::rc::Rc::new(std::cell::RefCell::new(Vec::<(String, String)>::new()));
    let fake = {
        let asked = asked.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Request) -> js_sys::Promise>::new(
            move |request: web_sys::Request| {
                asked
                    .borrow_mut()
                    .push((request.url(), format!("{:?}", request.cache())));
                json_response_promise(r#"{"retention_days": 9}"#)
            },
        )
    };
    js_sys::Reflect::set(&window, &fetch_key, fake.as_ref()).unwrap();
    let loaded = screener::partner::load_config().await;
    js_sys::Reflect::set(&window, &fetch_key, &real_fetch).unwrap();

    assert_eq!(loaded.config.retention_days, 9);
    let asked = asked.borrow();
    assert_eq!(asked.len(), 1, "one request: {asked:?}");
    assert!(asked[0].0.ends_with("/config.json"), "{asked:?}");
    assert_eq!(
        asked[0].1, "NoCache",
        "a partner's edit shows on the next load"
    );
}

/// A chunk's screen that cannot be loaded (`ChunkScreen` with a load that fails once):
/// the failure message with every configured crisis line, then "Try again" loads it.
#[wasm_bindgen_test]
async fn a_screen_that_cannot_be_loaded_shows_the_crisis_lines_and_try_again_loads_it() {
    use leptos::prelude::*;
    use screener::chunks::ChunkError;
    use screener::components::ChunkScreen;
    use screener::core::{Config, Lang};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    let config = Config::default();
    let lines = config.crisis_resources.len();
    let attempts = Arc::new(AtomicU32::new(0));
    let counted = attempts.clone();
    let container = fresh_container();
    let _handle = mount_to(container.clone(), move || {
        screener::session::provide_session(screener::session::Session::new(config, Lang::En));
        let counted = counted.clone();
        let load = move || {
            let first = counted.fetch_add(1, Ordering::SeqCst) == 0;
            async move {
                if first {
                    Err(ChunkError)
                } else {
                    Ok(view! { <p class="loaded">"The screen"</p> }.into_any())
                }
            }
        };
        view! { <ChunkScreen load=load/> }
    });
    tick().await;
    let text = |selector: &str| {
        container
            .query_selector(selector)
            .unwrap()
            .and_then(|el| el.text_content())
    };
    assert_eq!(
        text("h1").as_deref(),
        Some("This screen could not be loaded")
    );
    let links = container
        .query_selector(".screener-chunk-failed ul")
        .unwrap()
        .expect("the crisis lines are listed")
        .child_element_count() as usize;
    assert_eq!(links, lines, "every configured crisis line is offered");
    assert!(text(".loaded").is_none());

    click(&container, ".screener-chunk-failed button"); // Try again
    tick().await;
    tick().await;
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
    assert_eq!(text(".loaded").as_deref(), Some("The screen"));
    assert!(text(".screener-chunk-failed").is_none());
}
