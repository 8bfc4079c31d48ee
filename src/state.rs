//! The app's shared state: one context struct, [`ScreenerState`], provided by
//! [`App`](crate::components::App) and read by every component with [`use_screener`].
//!
//! Components render this state and call its methods; the decisions (what is asked next,
//! what the outcome is, whether risk was reported) are made by [`crate::core`] and
//! [`crate::flow`]. Signals live here and only here: the core's types stay plain data.

use crate::core::alternatives::Reflection;
use crate::core::referral::{ContactDetails, Referral};
use crate::core::{
    default_questionnaire, evaluate, risk_flags, risk_of, AnswerValue, Answers, Config, Lang,
    Outcome, Questionnaire, RiskFlag,
};
use crate::flow::{self, Screen};
use leptos::prelude::*;

/// Something the person should know that is not part of a screen (a deletion done, an
/// answer restored, storage trouble). Shown calmly in the notice area and announced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Everything this app stored was deleted at the person's request.
    AnswersDeleted,
    /// Answers are now kept in memory only (shared computer).
    NotKeepingOnDevice,
    /// A notice from the device's storage (expired, unreadable, newer version…).
    Storage(crate::storage::StorageNotice),
    /// Saving failed; the answers are still in this page.
    SaveFailed(SaveFailure),
    /// Answers changed in another tab were loaded.
    UpdatedFromAnotherTab,
    /// A request that was not yet sent was cancelled by deleting the answers.
    ReferralCancelled,
    /// Answers were deleted after a request was sent: only this device's copy went.
    SentCopyDeleted,
}

/// Why a save did not reach the device's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// The browser's storage is full.
    QuotaExceeded,
    /// The browser's storage cannot be used.
    Unavailable,
}

/// The screener's shared state. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct ScreenerState {
    /// The questionnaire being asked (built from the configuration).
    pub questionnaire: StoredValue<Questionnaire>,
    /// The partner configuration in force (validated; defaults when invalid).
    pub config: StoredValue<Config>,
    /// Every answer given, including answers to questions now hidden.
    pub answers: RwSignal<Answers>,
    /// The screen shown.
    pub screen: RwSignal<Screen>,
    /// Set while an answer is changed from the review screen: Next returns there.
    pub from_review: RwSignal<bool>,
    /// The person asked for crisis help ("Get help now").
    pub help_requested: RwSignal<bool>,
    /// The crisis panel is collapsed to its one-line form.
    pub crisis_collapsed: RwSignal<bool>,
    /// Bumped whenever the crisis panel should take focus (new risk, or help requested).
    pub crisis_focus: RwSignal<u32>,
    /// The person's own safety plan, kept on the device like the answers.
    pub safety_plan: RwSignal<String>,
    /// The optional peer-support reflection: orders the peer options, never decides
    /// eligibility; kept on the device like the answers.
    pub reflection: RwSignal<Reflection>,
    /// Notices for the person, newest last.
    pub notices: RwSignal<Vec<Notice>>,
    /// Bumped on every screen change so the new screen's heading takes focus.
    pub screen_focus: RwSignal<u32>,
    /// The language shown.
    pub lang: RwSignal<Lang>,
    /// Keep answers on this device (false: in memory only, for shared computers).
    pub keep_on_device: RwSignal<bool>,
    /// Bumped when the person deletes their answers; storage watches it.
    pub deletions: RwSignal<u32>,
    /// The outcome of the answers so far.
    pub outcome: Memo<Outcome>,
    /// Risk flags raised by the answers so far, computed apart from the outcome so the
    /// crisis panel depends on nothing else.
    pub risk: Memo<Vec<RiskFlag>>,
    /// How the service can reach the person (asked before a request is sent).
    pub contact: RwSignal<ContactDetails>,
    /// The consented request to be contacted, pending or sent (`None`: none made).
    pub referral: RwSignal<Option<Referral>>,
    /// Bumped when the person consents: delivery watches it and sends at once.
    pub consents: RwSignal<u32>,
    /// The page's Content-Security-Policy blocked the request (a deployment error, shown
    /// to the deployer).
    pub referral_blocked: RwSignal<bool>,
    /// Set by "Send my request": the result screen then focuses the request's status
    /// instead of its heading, so a person on a phone sees at once whether it went (the
    /// status sits below the scores).
    pub focus_referral: StoredValue<bool>,
    /// The first screen has been painted (set by [`Shell`](crate::components::Shell) one
    /// frame after it is built, or after a second if no frame is painted). What that screen does not show (the hidden crisis panel,
    /// the closed answers menu, the deployer's notices, the host bridge) waits for it, so
    /// a slow phone compiles and builds less before a person can start.
    pub first_screen_painted: RwSignal<bool>,
}

impl ScreenerState {
    /// Creates the state for `config`, starting on the welcome screen.
    pub fn new(config: Config, lang: Lang) -> Self {
        let questionnaire = crate::core::questionnaire_for(&config);
        Self::with(questionnaire, config, lang)
    }

    fn with(questionnaire: Questionnaire, config: Config, lang: Lang) -> Self {
        let questionnaire = StoredValue::new(questionnaire);
        let config = StoredValue::new(config);
        let answers = RwSignal::new(Answers::new());
        let outcome = Memo::new(move |_| {
            answers.with(|a| questionnaire.with_value(|q| config.with_value(|c| evaluate(q, a, c))))
        });
        let risk =
            Memo::new(move |_| answers.with(|a| questionnaire.with_value(|q| risk_flags(q, a))));
        Self {
            questionnaire,
            config,
            answers,
            screen: RwSignal::new(Screen::Welcome),
            from_review: RwSignal::new(false),
            help_requested: RwSignal::new(false),
            crisis_collapsed: RwSignal::new(false),
            crisis_focus: RwSignal::new(0),
            safety_plan: RwSignal::new(String::new()),
            reflection: RwSignal::new(Reflection::default()),
            notices: RwSignal::new(Vec::new()),
            screen_focus: RwSignal::new(0),
            lang: RwSignal::new(lang),
            keep_on_device: RwSignal::new(true),
            deletions: RwSignal::new(0),
            outcome,
            risk,
            contact: RwSignal::new(ContactDetails::default()),
            referral: RwSignal::new(None),
            consents: RwSignal::new(0),
            referral_blocked: RwSignal::new(false),
            focus_referral: StoredValue::new(false),
            first_screen_painted: RwSignal::new(false),
        }
    }

    /// A state with the built-in default configuration (for tests and previews).
    pub fn default_for_tests() -> Self {
        Self::with(default_questionnaire(), Config::default(), Lang::En)
    }

    /// Records an answer. If the answer itself signals risk, the crisis panel opens
    /// (expanded) and takes focus at once, before the person moves on.
    pub fn answer(&self, item: &str, value: AnswerValue) {
        let raises_risk = self
            .questionnaire
            .with_value(|q| risk_of(q, item, &value).is_some());
        self.answers.update(|a| a.set(item, value));
        if raises_risk {
            self.crisis_collapsed.set(false);
            self.crisis_focus.update(|n| *n += 1);
        }
    }

    /// Removes the answer to `item` (e.g. a number field emptied).
    pub fn clear_answer(&self, item: &str) {
        self.answers.update(|a| {
            a.remove(item);
        });
    }

    /// Whether any risk flag stands.
    pub fn at_risk(&self) -> bool {
        self.risk.with(|r| !r.is_empty())
    }

    /// Whether the crisis panel is on screen: a risk flag stands or help was asked for.
    pub fn crisis_shown(&self) -> bool {
        self.at_risk() || self.help_requested.get()
    }

    /// Shows `screen` and moves focus to its heading.
    pub fn go(&self, screen: Screen) {
        // Reaching anything but a question ends a change made from the review.
        if !matches!(screen, Screen::Question { .. }) {
            self.from_review.set(false);
        }
        self.screen.set(screen);
        self.screen_focus.update(|n| *n += 1);
    }

    /// Goes to the next screen.
    pub fn next(&self) {
        let current = self.screen.get_untracked();
        let from_review = self.from_review.get_untracked();
        let target = self.answers.with_untracked(|a| {
            self.questionnaire.with_value(|q| {
                self.config
                    .with_value(|c| flow::next(q, a, c, &current, from_review))
            })
        });
        self.go(target);
    }

    /// Goes to the previous screen.
    pub fn back(&self) {
        let current = self.screen.get_untracked();
        if self.from_review.get_untracked() && matches!(current, Screen::Question { .. }) {
            self.go(Screen::Review);
            return;
        }
        let target = self.answers.with_untracked(|a| {
            self.questionnaire
                .with_value(|q| self.config.with_value(|c| flow::back(q, a, c, &current)))
        });
        self.go(target);
    }

    /// Opens a question from the review screen; Next will come back to the review.
    pub fn change_from_review(&self, item: &str) {
        self.from_review.set(true);
        self.screen.set(Screen::Question { item: item.into() });
        self.screen_focus.update(|n| *n += 1);
    }

    /// Opens the crisis resources, whether or not risk was reported.
    pub fn request_help(&self) {
        self.help_requested.set(true);
        self.crisis_collapsed.set(false);
        self.crisis_focus.update(|n| *n += 1);
    }

    /// Adds a notice (shown, and announced politely).
    pub fn notify(&self, notice: Notice) {
        self.notices.update(|n| {
            n.retain(|old| old != &notice);
            n.push(notice);
        });
    }

    /// Deletes every answer, the safety plan, the contact details and the request to be
    /// contacted, here and on the device, and says so (a pending request is cancelled; a
    /// sent one stays with the service).
    pub fn delete_everything(&self) {
        let referral = self.referral.get_untracked();
        self.reset();
        self.notices.set(Vec::new());
        self.deletions.update(|n| *n += 1);
        self.notify(Notice::AnswersDeleted);
        match referral {
            Some(r) if r.is_sent() => self.notify(Notice::SentCopyDeleted),
            Some(r) if r.is_pending() => self.notify(Notice::ReferralCancelled),
            _ => {}
        }
    }

    /// Whether the result's outcome may offer to send a request to be contacted.
    pub fn referral_offered(&self) -> bool {
        let headline = self.outcome.with(|o| o.headline);
        self.config.with_value(|c| c.referral.offers(headline))
    }

    /// Forgets every answer, the safety plan and the position, in memory.
    pub fn reset(&self) {
        self.answers.set(Answers::new());
        self.safety_plan.set(String::new());
        self.reflection.set(Reflection::default());
        self.contact.set(ContactDetails::default());
        self.referral.set(None);
        self.help_requested.set(false);
        self.from_review.set(false);
        self.go(Screen::Welcome);
    }
}

/// Provides `state` to the components below.
pub fn provide_screener(state: ScreenerState) {
    provide_context(state);
}

/// The screener state provided by [`App`](crate::components::App).
///
/// # Panics
/// If called outside the app (a programming error caught by every test that mounts it).
pub fn use_screener() -> ScreenerState {
    expect_context::<ScreenerState>()
}
