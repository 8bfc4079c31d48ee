use std::rc::Rc;

use crate::components::results;
use crate::flow::Screen;
use crate::partner::bridge::{self, HostLink};
use crate::partner::protocol::{self, HostCommand};
use crate::session::use_session;
use leptos::ev;
use leptos::prelude::*;

/// Connects the screener to the page embedding it, when that page's origin is one of the
/// configuration's `allowed_origins` (otherwise it does nothing at all). Renders nothing.
///
/// It watches the state and posts `ready`, `step`, `risk`, `completed` and `resize` to
/// the host (see [`protocol`]); it obeys the host's "set language" and "reset" and
/// ignores everything else. The messages and what each leaves out for privacy are
/// described in [`crate::partner::protocol`]; who counts as the host in
/// [`crate::partner::bridge`].
#[component]
pub fn HostBridge() -> impl IntoView {
    let state = use_session();
    let Some(link) = state.config().with(HostLink::connect) else {
        return;
    };
    let link = Rc::new(link);

    // Ready, then every screen (the first included: a resumed screening may start on a
    // question), and `completed` each time the result is shown.
    {
        let link = link.clone();
        Effect::new(move |previous: Option<Screen>| {
            let screen = state.screen().get();
            if previous.is_none() {
                link.post(&protocol::ready(state.lang().get_untracked()));
            }
            if previous.as_ref() != Some(&screen) {
                let step = state.questionnaire().with(|q| protocol::step(&screen, q));
                link.post(&step);
                if screen == Screen::Result {
                    // Built in the results chunk, which the result screen has loaded.
                    let link = link.clone();
                    crate::chunks::now_or_when_loaded(
                        results::completed_message(state),
                        move |message| {
                            if let Ok(message) = message {
                                link.post(&message);
                            }
                        },
                    );
                }
            }
            screen
        });
    }

    // Risk: once when the first flag is raised, again only after all were cleared.
    {
        let link = link.clone();
        Effect::new(move |was_at_risk: Option<bool>| {
            let at_risk = state.at_risk();
            if at_risk && was_at_risk != Some(true) {
                link.post(&protocol::risk());
            }
            at_risk
        });
    }

    {
        let link = link.clone();
        bridge::observe_height(move |height| link.post(&protocol::resize(height)));
    }

    let handle = window_event_listener(ev::message, move |event| {
        if !link.accepts(&event) {
            return;
        }
        let Some(data) = bridge::message_json(&event) else {
            return;
        };
        let command = state
            .config()
            .with(|c| protocol::parse_host_command(&data, c));
        match command {
            Some(HostCommand::SetLanguage(lang)) => state.set_lang(lang),
            Some(HostCommand::Reset) => state.reset(),
            None => {}
        }
    });
    on_cleanup(move || handle.remove());
}
