//! The screener's session: what a person has done on this page, and the named actions
//! that change it.
//!
//! Invariant: [`Session`] owns every signal of the screening privately. Components read
//! it through read-only views ([`Session::answers`], [`Session::screen`], …) and change it
//! only by calling an action ([`Session::answer`], [`Session::consent`],
//! [`Session::delete_everything`], [`Session::keep_on_device`], …). An action that
//! concerns the device's storage or the partner's server calls it directly, through the
//! small handles in [`Services`] ([`Saver`](crate::persistence::Saver) and
//! [`Courier`](crate::delivery::Courier)): a click can be followed to `localStorage` or
//! to the FHIR request by "go to definition", never through an effect watching a counter.
//!
//! The decisions (what is asked next, what the outcome is, whether risk was reported) are
//! made by [`crate::core`] and [`crate::flow`]; the core's types stay plain data.

mod focus;
mod partner_file;
mod screening;

pub use focus::{use_focus, Focus};
pub use partner_file::ConfigProblems;
pub use screening::with_screening;

use crate::core::alternatives::Reflection;
use crate::core::referral::{ContactDetails, Referral};
use crate::core::{
    evaluate, risk_flags, risk_of, AnswerValue, Answers, Config, Lang, Outcome, Questionnaire,
    RiskFlag,
};
use crate::delivery::Courier;
use crate::flow::{self, Screen};
use crate::persistence::Saver;
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

/// A value fixed for the page's lifetime (the configuration, the questionnaire): readable
/// by everyone, changed by no one (but for the configuration's deferred sections and the
/// questionnaire's words, filled in once by [`Session::read_deferred`] and
/// [`Session::fill_wording`] before any screen reads them).
pub struct Fixed<T: Send + Sync + 'static>(StoredValue<T>);

impl<T: Send + Sync + 'static> Clone for Fixed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Fixed<T> {}

impl<T: Send + Sync + 'static> Fixed<T> {
    /// Reads the value.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with_value(f)
    }
}

/// A read-only view of one of the session's signals: reading it in a closure tracks it,
/// as reading the signal would; nothing can change it through the view.
///
/// A thin wrapper rather than Leptos's `ReadSignal`: every read goes through the
/// `RwSignal` code the session already has, where a second signal type would add its own
/// copy of that code for every value type to the WebAssembly.
pub struct View<T: 'static>(RwSignal<T>);

impl<T: 'static> Clone for View<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for View<T> {}

impl<T: 'static> std::fmt::Debug for View<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("View")
    }
}

impl<T: Send + Sync + 'static> View<T> {
    /// Calls `f` with the value, tracking it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with(f)
    }

    /// Calls `f` with the value, without tracking it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with_untracked(f)
    }
}

impl<T: Clone + Send + Sync + 'static> View<T> {
    /// The value, tracked.
    pub fn get(&self) -> T {
        self.0.get()
    }

    /// The value, untracked.
    pub fn get_untracked(&self) -> T {
        self.0.get_untracked()
    }

    /// The value, untracked; `None` once the session is gone (a timer may outlive it).
    pub fn try_get_untracked(&self) -> Option<T> {
        self.0.try_get_untracked()
    }
}

/// The browser services the session's actions call: saving to the device and delivering
/// a consented request. Absent where a test mounts components without them.
#[derive(Clone, Copy)]
pub struct Services {
    /// Writes the screening to the device's storage.
    pub saver: Saver,
    /// Delivers the request to be contacted.
    pub courier: Courier,
}

/// The screening on this page. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Session {
    questionnaire: Fixed<Questionnaire>,
    config: Fixed<Config>,
    answers: RwSignal<Answers>,
    screen: RwSignal<Screen>,
    from_review: RwSignal<bool>,
    help_requested: RwSignal<bool>,
    crisis_collapsed: RwSignal<bool>,
    safety_plan: RwSignal<String>,
    reflection: RwSignal<Reflection>,
    notices: RwSignal<Vec<Notice>>,
    lang: RwSignal<Lang>,
    keep_on_device: RwSignal<bool>,
    outcome: Memo<Outcome>,
    risk: Memo<Vec<RiskFlag>>,
    contact: RwSignal<ContactDetails>,
    referral: RwSignal<Option<Referral>>,
    referral_blocked: RwSignal<bool>,
    first_screen_painted: RwSignal<bool>,
    focus: Focus,
    services: StoredValue<Option<Services>, LocalStorage>,
    partner_file: StoredValue<partner_file::PartnerFile>,
    config_problems_grew: RwSignal<bool>,
    /// The questionnaire is still without its words (see [`Session::fill_wording`]).
    unworded: StoredValue<bool>,
}

impl Session {
    /// Creates the session for `config`, starting on the welcome screen.
    pub fn new(config: Config, lang: Lang) -> Self {
        // Without its words, which only the chunks' screens show (see `fill_wording`).
        let questionnaire = crate::core::unworded_questionnaire_for(&config);
        let questionnaire = Fixed(StoredValue::new(questionnaire));
        let config = Fixed(StoredValue::new(config));
        let answers = RwSignal::new(Answers::new());
        let outcome = Memo::new(move |_| {
            answers.with(|a| questionnaire.with(|q| config.with(|c| evaluate(q, a, c))))
        });
        let risk = Memo::new(move |_| answers.with(|a| questionnaire.with(|q| risk_flags(q, a))));
        apply_html_lang(lang);
        Self {
            questionnaire,
            config,
            answers,
            screen: RwSignal::new(Screen::Welcome),
            from_review: RwSignal::new(false),
            help_requested: RwSignal::new(false),
            crisis_collapsed: RwSignal::new(false),
            safety_plan: RwSignal::new(String::new()),
            reflection: RwSignal::new(Reflection::default()),
            notices: RwSignal::new(Vec::new()),
            lang: RwSignal::new(lang),
            keep_on_device: RwSignal::new(true),
            outcome,
            risk,
            contact: RwSignal::new(ContactDetails::default()),
            referral: RwSignal::new(None),
            referral_blocked: RwSignal::new(false),
            first_screen_painted: RwSignal::new(false),
            focus: Focus::new(),
            services: StoredValue::new_local(None),
            partner_file: StoredValue::new(partner_file::PartnerFile::default()),
            config_problems_grew: RwSignal::new(false),
            unworded: StoredValue::new(true),
        }
    }

    /// Fills the questionnaire's words in (questions, options, titles, in both languages),
    /// once, before the first screen that shows them is built. The start builds the
    /// questionnaire without them, as everything in the first load needs only its
    /// structure (the rules, the route, risk, the saved answers); the split points of the
    /// `questions`, `results` and `intake` chunks call this first, and so does
    /// [`crate::chunks::prefetch`] once `questions` is in, so the words travel in a chunk.
    pub fn fill_wording(&self) {
        if self.unworded.try_update_value(std::mem::take) != Some(true) {
            return;
        }
        let worded = self.config.with(crate::core::questionnaire_for);
        self.questionnaire.0.set_value(worded);
    }

    /// Fills in everything the start left out: the questionnaire's words
    /// ([`Session::fill_wording`]) and the configuration's deferred sections
    /// ([`Session::read_deferred`]). First in every split point of `results` and `intake`.
    pub fn complete(&self) {
        self.fill_wording();
        self.read_deferred();
    }

    /// Connects the services the actions call (once, where the app is assembled).
    pub fn connect(&self, services: Services) {
        self.services.set_value(Some(services));
    }

    fn services(&self) -> Option<Services> {
        self.services.try_get_value().flatten()
    }

    /// Tells storage that what the person did changed: it is written after the next paint.
    fn changed(&self) {
        if let Some(s) = self.services() {
            s.saver.save_due();
        }
    }

    // --- Read-only views -----------------------------------------------------------

    /// The questionnaire being asked (built from the configuration).
    pub fn questionnaire(&self) -> Fixed<Questionnaire> {
        self.questionnaire
    }

    /// The partner configuration in force (validated; defaults when invalid).
    pub fn config(&self) -> Fixed<Config> {
        self.config
    }

    /// Every answer given, including answers to questions now hidden.
    pub fn answers(&self) -> View<Answers> {
        View(self.answers)
    }

    /// The screen shown.
    pub fn screen(&self) -> View<Screen> {
        View(self.screen)
    }

    /// Whether an answer is being changed from the review screen (Next returns there).
    pub fn from_review(&self) -> View<bool> {
        View(self.from_review)
    }

    /// Whether the crisis panel is collapsed to its one-line form.
    pub fn crisis_collapsed(&self) -> View<bool> {
        View(self.crisis_collapsed)
    }

    /// The person's own safety plan, kept on the device like the answers.
    pub fn safety_plan(&self) -> View<String> {
        View(self.safety_plan)
    }

    /// The optional peer-support reflection: orders the peer options, never decides
    /// eligibility; kept on the device like the answers.
    pub fn reflection(&self) -> View<Reflection> {
        View(self.reflection)
    }

    /// Notices for the person, newest last.
    pub fn notices(&self) -> View<Vec<Notice>> {
        View(self.notices)
    }

    /// The language shown.
    pub fn lang(&self) -> View<Lang> {
        View(self.lang)
    }

    /// Whether answers are kept on this device (false: in memory only, shared computers).
    pub fn keeps_on_device(&self) -> View<bool> {
        View(self.keep_on_device)
    }

    /// The outcome of the answers so far.
    pub fn outcome(&self) -> Memo<Outcome> {
        self.outcome
    }

    /// Risk flags raised by the answers so far, computed apart from the outcome so the
    /// crisis panel depends on nothing else.
    pub fn risk(&self) -> Memo<Vec<RiskFlag>> {
        self.risk
    }

    /// How the service can reach the person (asked before a request is sent).
    pub fn contact(&self) -> View<ContactDetails> {
        View(self.contact)
    }

    /// The consented request to be contacted, pending or sent (`None`: none made).
    pub fn referral(&self) -> View<Option<Referral>> {
        View(self.referral)
    }

    /// Whether the page's Content-Security-Policy blocked the request (a deployment
    /// error, shown to the deployer).
    pub fn referral_blocked(&self) -> View<bool> {
        View(self.referral_blocked)
    }

    /// Whether the first screen has been painted. What that screen does not show (the
    /// hidden crisis panel, the closed answers menu, the deployer's notices, the host
    /// bridge) waits for it, so a slow phone builds less before a person can start.
    pub fn first_screen_painted(&self) -> View<bool> {
        View(self.first_screen_painted)
    }

    /// Where focus goes next (the crisis panel's heading, a screen's heading).
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Whether any risk flag stands.
    pub fn at_risk(&self) -> bool {
        self.risk.with(|r| !r.is_empty())
    }

    /// Whether the crisis panel is on screen: a risk flag stands or help was asked for.
    pub fn crisis_shown(&self) -> bool {
        self.at_risk() || self.help_requested.get()
    }

    /// Whether the result's outcome may offer to send a request to be contacted.
    pub fn referral_offered(&self) -> bool {
        let headline = self.outcome.with(|o| o.headline);
        self.config.with(|c| c.referral.offers(headline))
    }

    // --- Actions: answering and moving ----------------------------------------------

    /// Records an answer. If the answer itself signals risk, the crisis panel opens
    /// (expanded) and takes focus at once, before the person moves on.
    pub fn answer(&self, item: &str, value: AnswerValue) {
        let raises_risk = self
            .questionnaire
            .with(|q| risk_of(q, item, &value).is_some());
        self.answers.update(|a| a.set(item, value));
        if raises_risk {
            self.crisis_collapsed.set(false);
            self.focus.crisis();
        }
        self.changed();
    }

    /// Removes the answer to `item` (e.g. a number field emptied).
    pub fn clear_answer(&self, item: &str) {
        self.answers.update(|a| {
            a.remove(item);
        });
        self.changed();
    }

    /// Shows `screen` and moves focus to its heading.
    pub fn go(&self, screen: Screen) {
        // Reaching anything but a question ends a change made from the review.
        if !matches!(screen, Screen::Question { .. }) {
            self.from_review.set(false);
        }
        self.focus.navigated();
        self.screen.set(screen);
        self.changed();
    }

    /// Goes to the next screen.
    pub fn next(&self) {
        let current = self.screen.get_untracked();
        let from_review = self.from_review.get_untracked();
        let target = self.answers.with_untracked(|a| {
            self.questionnaire.with(|q| {
                self.config
                    .with(|c| flow::next(q, a, c, &current, from_review))
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
                .with(|q| self.config.with(|c| flow::back(q, a, c, &current)))
        });
        self.go(target);
    }

    /// Opens a question from the review screen; Next will come back to the review.
    pub fn change_from_review(&self, item: &str) {
        self.from_review.set(true);
        self.focus.navigated();
        self.screen.set(Screen::Question { item: item.into() });
        self.changed();
    }

    /// Shows the interface in `lang` (and says so to the page: `<html lang>`).
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        apply_html_lang(lang);
        self.changed();
    }

    // --- Actions: crisis help ------------------------------------------------------

    /// Opens the crisis resources, whether or not risk was reported.
    pub fn request_help(&self) {
        self.help_requested.set(true);
        self.crisis_collapsed.set(false);
        self.focus.crisis();
    }

    /// Puts away crisis help that was asked for (help that risk called for stays).
    pub fn close_help(&self) {
        self.help_requested.set(false);
    }

    /// Collapses the crisis panel to one line, or expands it again.
    pub fn toggle_crisis_collapsed(&self) {
        self.crisis_collapsed.update(|c| *c = !*c);
    }

    /// Keeps the person's safety plan (saved with the answers).
    pub fn set_safety_plan(&self, plan: String) {
        self.safety_plan.set(plan);
        self.changed();
    }

    // --- Actions: the result and intake ----------------------------------------------

    /// Changes the peer-support reflection.
    pub fn update_reflection(&self, f: impl FnOnce(&mut Reflection)) {
        self.reflection.update(f);
        self.changed();
    }

    /// Changes the contact details.
    pub fn update_contact(&self, f: impl FnOnce(&mut ContactDetails)) {
        self.contact.update(f);
        self.changed();
    }

    /// "Send my request": the request is made from the screening as it stands, saved and
    /// tried at once ([`Courier::submit`]); the result screen then shows its state, with
    /// focus on it.
    pub fn consent(&self) {
        if let Some(s) = self.services() {
            s.courier.submit();
        }
        self.focus.request_referral_status();
        self.go(Screen::Result);
    }

    // --- Actions: the device --------------------------------------------------------

    /// "Don't keep my answers on this device" (`false`), or keep them again (`true`):
    /// storage deletes or writes the record, delivery the outbox.
    pub fn keep_on_device(&self, keep: bool) {
        self.keep_on_device.set(keep);
        if let Some(s) = self.services() {
            s.saver.set_keep_on_device(keep);
            s.courier.keep_on_device(keep);
        }
        if !keep {
            self.notify(Notice::NotKeepingOnDevice);
        }
    }

    /// Deletes every answer, the safety plan, the contact details and the request to be
    /// contacted, here and on the device, and says so (a pending request is cancelled; a
    /// sent one stays with the service).
    pub fn delete_everything(&self) {
        let referral = self.referral.get_untracked();
        self.reset();
        if let Some(s) = self.services() {
            s.courier.cancel();
            s.saver.delete_all();
        }
        self.notices.set(Vec::new());
        self.notify(Notice::AnswersDeleted);
        match referral {
            Some(r) if r.is_sent() => self.notify(Notice::SentCopyDeleted),
            Some(r) if r.is_pending() => self.notify(Notice::ReferralCancelled),
            _ => {}
        }
    }

    /// Forgets every answer, the safety plan and the position, in memory (the host page's
    /// "reset", and another tab's deletion). Storage follows with the next save.
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

    // --- Actions: notices and the page ----------------------------------------------

    /// Adds a notice (shown, and announced politely).
    pub fn notify(&self, notice: Notice) {
        self.notices.update(|n| {
            n.retain(|old| old != &notice);
            n.push(notice);
        });
    }

    /// Takes a notice away.
    pub fn dismiss(&self, notice: &Notice) {
        self.notices.update(|n| n.retain(|x| x != notice));
    }

    /// The first screen is on screen: what it does not show may now be built. True only
    /// the first time (it is called on the first frame and again by a time limit).
    pub fn first_screen_is_painted(&self) -> bool {
        // `try_*`: the page may be gone by then (a test unmounts it).
        let first = self.first_screen_painted.try_get_untracked() == Some(false);
        if first {
            let _ = self.first_screen_painted.try_set(true);
        }
        first
    }

    // --- For storage and delivery: what they found ----------------------------------

    /// Shows a screening read from the device (on load, or from another tab): answers,
    /// position (made safe), language if offered, plan, contact details, reflection.
    pub fn restore(&self, restored: Restored) {
        let referral_read = !self.referral_unread();
        let screen = self.questionnaire.with(|q| {
            self.config
                .with(|c| flow::restore(q, &restored.answers, c, restored.screen, referral_read))
        });
        self.answers.set(restored.answers);
        self.safety_plan.set(restored.safety_plan);
        self.contact.set(restored.contact);
        self.reflection.set(restored.reflection);
        if self.config.with(|c| c.languages.contains(&restored.lang)) {
            self.lang.set(restored.lang);
            apply_html_lang(restored.lang);
        }
        self.screen.set(screen);
    }

    /// The result instead of a contact or consent screen whose request the
    /// configuration does not offer (a screen restored before the `referral` section was
    /// read, see [`flow::restore`]).
    fn leave_intake_unless_offered(&self) {
        let on_intake = matches!(
            self.screen.try_get_untracked(),
            Some(Screen::Contact | Screen::Consent)
        );
        if on_intake && !self.referral_offered() {
            self.screen.set(Screen::Result);
        }
    }

    /// Shows the request as delivery last knew it (`None`: deleted).
    pub fn show_referral(&self, referral: Option<Referral>) {
        let _ = self.referral.try_set(referral);
    }

    /// The page's Content-Security-Policy blocked the request.
    pub fn referral_was_blocked(&self) {
        let _ = self.referral_blocked.try_set(true);
    }

    /// What [`Session::restore`] shows; the saved record's content.
    pub fn content(&self) -> Restored {
        Restored {
            answers: self.answers.get_untracked(),
            screen: self.screen.get_untracked(),
            lang: self.lang.get_untracked(),
            safety_plan: self.safety_plan.get_untracked(),
            contact: self.contact.get_untracked(),
            reflection: self.reflection.get_untracked(),
        }
    }
}

/// A screening as storage keeps it: what [`Session::restore`] shows and
/// [`Session::content`] gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    /// Every answer.
    pub answers: Answers,
    /// The screen the person was on.
    pub screen: Screen,
    /// The language chosen.
    pub lang: Lang,
    /// The safety plan.
    pub safety_plan: String,
    /// The contact details.
    pub contact: ContactDetails,
    /// The peer-support reflection.
    pub reflection: Reflection,
}

/// Keeps `<html lang>` in step with the language shown (so the first paint has it too).
fn apply_html_lang(lang: Lang) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.tag());
    }
}

/// Provides `session`, and its focus requests as a context of their own, to the
/// components below.
pub fn provide_session(session: Session) {
    provide_context(session);
    provide_context(session.focus());
}

/// The session provided by [`App`](crate::components::App).
///
/// # Panics
/// If called outside the app (a programming error caught by every test that mounts it).
pub fn use_session() -> Session {
    expect_context::<Session>()
}
