use crate::core::{CrisisResource, Lang};
use leptos::prelude::*;

/// One crisis line as a tap-to-call (or text, or visit) link: its name and number, the
/// emergency line marked as such. Used by the crisis panel and by the message shown when
/// a screen cannot be loaded, so both say exactly what the configuration says.
#[component]
pub fn CrisisLine(
    /// The configured line.
    resource: CrisisResource,
    /// The language to name it in.
    lang: Lang,
) -> impl IntoView {
    let class = if resource.emergency {
        "screener-crisis__call screener-crisis__call--emergency"
    } else {
        "screener-crisis__call"
    };
    view! {
        <a class=class href=resource.href.clone()>
            <span class="screener-crisis__name">{resource.name.get(lang).to_string()}</span>
            " "
            <span class="screener-crisis__number">{resource.number.clone()}</span>
        </a>
    }
}
