//! What the session knows of the partner's `config.json` beyond the configuration in
//! force: its problems, for the deployer notice, and the sections the start left unread.
//!
//! Invariant: a deferred section is read once, by [`Session::read_deferred`], before the
//! first screen that uses it is built (the split points of the `results` and `intake`
//! chunks call it first), so no screen ever sees it unread; and it is used only when the
//! start used the rest of the file. Its problems join the start's in
//! [`Session::config_problems`] and the console, as `check-config` lists them.

use leptos::prelude::*;

use super::Session;
use crate::core::config::Deferred;
use crate::core::ConfigProblem;

/// The problems of the partner's configuration, as the deployer notice shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigProblems {
    /// The start refused the file: the built-in configuration is in force.
    pub refused: bool,
    /// Every problem found so far, by path.
    pub problems: Vec<ConfigProblem>,
}

/// The session's record of the partner's file: one stored value (and a `bool` signal that
/// says when it grew), not a signal of a type of its own, which would add its own copy
/// of the signal code to the first load.
#[derive(Debug, Default)]
pub(super) struct PartnerFile {
    found: ConfigProblems,
    deferred: Option<Deferred>,
}

impl Session {
    /// Records what the start made of the partner's file: its problems (the file was
    /// refused when there are any) and the sections it left unread. Once, where the app
    /// is assembled.
    pub fn set_partner_file(&self, problems: Vec<ConfigProblem>, deferred: Deferred) {
        let refused = !problems.is_empty();
        self.partner_file.set_value(PartnerFile {
            found: ConfigProblems { refused, problems },
            deferred: (!deferred.is_empty()).then_some(deferred),
        });
    }

    /// The problems of the partner's configuration found so far (tracked: a section read
    /// later may add some).
    pub fn config_problems(&self) -> ConfigProblems {
        self.config_problems_grew.track();
        self.partner_file.with_value(|f| f.found.clone())
    }

    /// Whether the configuration's `referral` section waits to be read: until it is, no
    /// result offers a request, and a contact or consent screen restored from the device
    /// stays until [`Session::read_deferred`] can tell whether it still applies.
    pub(super) fn referral_unread(&self) -> bool {
        self.partner_file
            .with_value(|f| f.deferred.as_ref().is_some_and(Deferred::has_referral))
    }

    /// Reads the configuration's deferred sections (the alternatives and the referral),
    /// the first time a screen that uses them is about to be built, or their chunk is in:
    /// each joins the configuration when the start used the file and it has no problem;
    /// their problems are reported. A contact or consent screen kept on restore whose
    /// request the configuration turns out not to offer gives way to the result.
    pub fn read_deferred(&self) {
        let Some(deferred) = self
            .partner_file
            .try_update_value(|f| f.deferred.take())
            .flatten()
        else {
            return;
        };
        let (sections, problems) = deferred.read();
        let refused = self.partner_file.with_value(|f| f.found.refused);
        if !refused {
            self.config.0.update_value(|c| sections.fill(c));
        }
        if deferred.has_referral() {
            // After this call: it may come while a screen is being built.
            let state = *self;
            queue_microtask(move || state.leave_intake_unless_offered());
        }
        if !problems.is_empty() {
            web_sys::console::error_1(
                &crate::partner::console_report_deferred(&problems, refused).into(),
            );
            self.partner_file
                .update_value(|f| f.found.problems.extend(problems));
            self.config_problems_grew.set(true);
        }
    }
}
