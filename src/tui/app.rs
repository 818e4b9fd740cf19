//! The interface's shared state (`App`) and its one `update`: a key
//! becomes an `Action`, `update` hands it to the open pop-up or the screen
//! shown, and the views in `view` only draw.
//!
//! What each part does lives with it, as `impl App` blocks or functions
//! given a context: the screens' actions in `screens/` (the questions
//! screen in `screens/questions/`), the pop-ups' keys in `popups/`, the
//! mouse in `mouse.rs`, the one place an edit happens in `changes.rs`,
//! saving in `saving.rs`, a picker's choice in `chosen.rs`. The screens'
//! state types are theirs and re-exported here. No file of `src/tui`
//! imports one that imports it back (`.ci/tui_circles.py` checks).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

use super::component::{Component, Handled};
pub use super::screens::Pending;
pub use super::screens::start::{Listed, StartChoice, StartState};
use super::widgets::input::TextInput;
use ratatui::crossterm::event::KeyEvent;

use super::drawn::Drawn;
use super::keys::{Action, Context, Key, Keymap};
pub use super::popups::Popup;
pub use super::popups::new_workbook::form::NewWorkbook;
use super::popups::pick;
pub use super::popups::pick::{EXPORTS, ExportChoice};
pub use super::popups::search::state::SearchState;
pub use super::screens::ctx::DrawCtx;
pub use super::screens::evidence::state::EvidenceState;
pub use super::screens::peer::state::PeerState;
pub use super::screens::question_filter::QuestionFilter;
pub use super::screens::questions::state::{QuestionsState, Row, Slot};
pub use super::screens::reading::state::ReadingState;
pub use super::screens::{ListForm, Pane, Screen};
use super::undo::History;
use crate::framework::registry::Registry;
use crate::review::scoring::{self, Report};
use crate::search::Lowered;
use crate::store::session::Doc;
use crate::text::{Breaks, line_breaks};
use crate::workbook::{EvidenceItem, Workbook};

pub struct App {
    pub keymap: Keymap,
    pub registry: Registry,
    pub doc: Option<Doc>,
    pub screen: Screen,
    pub start: StartState,
    pub q: QuestionsState,
    pub ev: EvidenceState,
    pub details: ListForm,
    pub metrics: ListForm,
    pub proud: ListForm,
    pub activity: ListForm,
    pub peer: PeerState,
    pub findings: ListForm,
    /// Where the reading view is (see [`super::screens::reading`]).
    pub reading: ReadingState,
    /// The Findings screen shows the feedback report's own fields.
    pub report_view: super::screens::report_state::ReportState,
    /// Reviewer mode: whose section the questions screen edits.
    pub reviewer: Option<String>,
    /// The role recorded when the reviewer's section is first written.
    pub reviewer_role: Option<String>,
    pub popup: Option<Popup>,
    /// A line for the status bar: (text, is an error).
    pub message: Option<(String, bool)>,
    pub quit: bool,
    /// Printed when the interface has closed (where changes went).
    pub exit_note: Option<String>,
    /// What the last frame drew: where clicks land, how far lists had
    /// scrolled, the size (see [`super::drawn`]).
    pub frame: Drawn,
    report: RefCell<Option<(u64, Rc<Report>)>>,
    /// The dashboard's "Still to do" lines, made once per revision and size.
    pub todo: super::screens::dashboard::TodoCache,
    /// Lower-cased text for search and the evidence filter, by revision.
    pub(super) lowered: RefCell<Option<(u64, Rc<Lowered>)>>,
    /// Evidence positions by id, for [`App::evidence_item`].
    evidence_pos: RefCell<HashMap<String, usize>>,
    /// Folder for new workbooks.
    pub workbooks_dir: PathBuf,
    /// Who is typing, for "last changed by".
    pub user: String,
    pub theme: super::theme::Theme,
    /// Changes to the workbook that Ctrl-z can undo.
    pub(super) history: History,
    /// While an editor is open, what it changes is one entry of the
    /// history: this group's (see `undo::History::record`).
    pub(super) group: Option<u64>,
    pub(super) groups: u64,
}

impl App {
    pub fn new(keymap: Keymap, registry: Registry, workbooks_dir: PathBuf, user: String) -> App {
        let mut app = App {
            keymap,
            registry,
            doc: None,
            screen: Screen::Start,
            start: StartState::default(),
            q: QuestionsState::default(),
            ev: EvidenceState::default(),
            details: ListForm::default(),
            metrics: ListForm::default(),
            proud: ListForm::default(),
            activity: ListForm::default(),
            peer: PeerState::default(),
            findings: ListForm::default(),
            reading: ReadingState::default(),
            report_view: Default::default(),
            reviewer: None,
            reviewer_role: None,
            popup: None,
            message: None,
            quit: false,
            exit_note: None,
            frame: Drawn::default(),
            report: RefCell::new(None),
            todo: Default::default(),
            evidence_pos: RefCell::new(HashMap::new()),
            lowered: RefCell::new(None),
            workbooks_dir,
            user,
            theme: super::theme::Theme {
                color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            },
            history: History::default(),
            group: None,
            groups: 0,
        };
        app.refresh_start();
        app
    }

    /// Opens a workbook and shows its questions.
    pub fn open_doc(&mut self, doc: Doc) {
        self.q = QuestionsState::default();
        self.build_rows(&doc.wb.framework);
        self.ev = EvidenceState::default();
        self.details = ListForm::default();
        self.metrics = ListForm::default();
        self.proud = ListForm::default();
        self.reading = ReadingState::default();
        if let Some(n) = &doc.notice {
            self.message = Some((n.clone(), false));
        }
        // A read-only workbook says so in the status bar for as long as it
        // is open (see view::draw_status).
        // Caches are keyed by revision, and a new document's revisions start
        // again: none may carry over.
        *self.report.borrow_mut() = None;
        self.todo = Default::default();
        *self.lowered.borrow_mut() = None;
        self.evidence_pos.borrow_mut().clear();
        // Undo never reaches into the workbook open before.
        self.history.clear();
        self.group = None;
        self.doc = Some(doc);
        self.screen = Screen::Questions;
        // A new workbook's lists start at the top.
        self.frame = Drawn::new(self.frame.size);
    }

    pub fn open_path(&mut self, path: &Path) {
        match Doc::open(path) {
            Ok(doc) => self.open_doc(doc),
            Err(e) => self.message = Some((e.to_string(), true)),
        }
    }

    /// Reads the workbooks in the data folder for the start screen.
    pub fn refresh_start(&mut self) {
        self.start.refresh(&self.workbooks_dir);
    }

    /// The screens along the top.
    pub fn tabs(&self) -> Vec<Screen> {
        if self.reviewer.is_some() {
            return Screen::REVIEW_TABS.to_vec();
        }
        let mut v = Screen::TABS.to_vec();
        // The peer team's screens, once there is something of theirs.
        if self.wb().is_some_and(|w| {
            !w.reviewers.is_empty() || !w.consensus.is_empty() || !w.findings.is_empty()
        }) {
            v.extend([Screen::Peer, Screen::Findings]);
        }
        v
    }

    // ----- derived values -----

    /// Scores for the open workbook, computed once per change.
    /// The scores, computed once per revision of the workbook and shared.
    pub fn report(&self) -> Option<Rc<Report>> {
        let doc = self.doc.as_ref()?;
        Some(per_revision(&self.report, doc, scoring::report))
    }

    /// The evidence items the Evidence screen's filters leave (cached).
    pub fn evidence_shown(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        self.ev.shown(&doc.wb, doc.revision, || {
            per_revision(&self.lowered, doc, Lowered::new)
        })
    }

    /// Fields of an evidence item's form (see `evidence::fields`).
    pub fn evidence_fields(&self, item: usize) -> Vec<Option<super::edit::EvField>> {
        self.wb()
            .and_then(|w| w.evidence.get(item))
            .map_or_else(Vec::new, super::screens::evidence::fields)
    }

    /// An evidence item by id, through a map of positions that is checked
    /// at every use (the item found must carry the id) and rebuilt when it
    /// is out of date, so drawing a question's citations does not search
    /// the whole library for each one.
    pub fn evidence_item(&self, id: &str) -> Option<&EvidenceItem> {
        let i = self.evidence_position(id)?;
        self.wb()?.evidence.get(i)
    }

    /// Where an evidence item is in the library (its label is
    /// `workbook::evidence_label` of it), through the same map.
    pub fn evidence_position(&self, id: &str) -> Option<usize> {
        let wb = self.wb()?;
        if let Some(&i) = self.evidence_pos.borrow().get(id)
            && wb.evidence.get(i).is_some_and(|e| e.id == id)
        {
            return Some(i);
        }
        // Not in the map, or moved: search, and remake the map if it was
        // out of date (an id that names no item leaves it as it is).
        let i = wb.evidence.iter().position(|e| e.id == id)?;
        let mut map = self.evidence_pos.borrow_mut();
        map.clear();
        for (k, e) in wb.evidence.iter().enumerate() {
            map.entry(e.id.clone()).or_insert(k);
        }
        Some(i)
    }

    pub fn wb(&self) -> Option<&Workbook> {
        self.doc.as_ref().map(|d| &d.wb)
    }

    /// What a screen reads while it draws (see [`DrawCtx`]).
    pub fn draw_ctx(&self) -> DrawCtx<'_> {
        DrawCtx {
            wb: self.wb(),
            revision: self.doc.as_ref().map_or(0, |d| d.revision),
            theme: self.theme,
            frame: &self.frame,
            reviewer: self.reviewer.as_deref(),
            keymap: &self.keymap,
        }
    }

    /// Rows of the details form.
    pub fn detail_targets(&self) -> Vec<super::screens::details::Row> {
        self.wb()
            .map(super::screens::details::rows)
            .unwrap_or_default()
    }

    // ----- input -----

    pub fn context(&self) -> Context {
        self.popup
            .as_ref()
            .and_then(Popup::context)
            .unwrap_or(self.screen.context())
    }

    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.q.cleared = None;
        self.handle_key_now(ev);
        self.keep_side_note();
    }

    fn handle_key_now(&mut self, ev: KeyEvent) {
        let key = Key::from_event(&ev);
        let quits = self.keymap.lookup(Context::Global, key) == Some(Action::Quit);
        // The editor's quit key (Ctrl-c) keeps what was typed, so it works
        // even while the terminal is too small to show the editor.
        let editor_quits = matches!(self.popup, Some(Popup::Editor(_)))
            && self.keymap.lookup(Context::Text, key) == Some(Action::Quit);
        let popup_open = self.popup.is_some() && !editor_quits;
        if super::layout::key_waits(self.frame.size, popup_open, quits || editor_quits) {
            return;
        }
        // Text input goes to the field being typed in: the keys bound in
        // the text context are actions the field may use; what it does not
        // use is typed.
        if self.popup.as_ref().is_some_and(Popup::takes_text) {
            let action = self.keymap.lookup(Context::Text, key);
            match &self.popup {
                Some(Popup::Editor(_)) => self.editor_key(action, ev),
                Some(Popup::Search(_)) => self.search_key(action, ev),
                Some(Popup::Filter(_)) => self.filter_key(action, ev),
                Some(Popup::New(_)) => self.new_key(action, ev),
                Some(Popup::ReviewAs(_)) => self.review_as_key(action, ev),
                Some(Popup::ConflictValue(_)) => self.conflict_value_key(action, ev),
                Some(Popup::SavePath(_)) => self.path_key(action, ev),
                Some(Popup::UserName(_)) => self.user_name_key(action, ev),
                _ => {}
            }
            return;
        }
        match self.keymap.lookup(self.context(), key) {
            Some(action) => self.update(action),
            // Any other key takes back the first press of a double one.
            None => {
                if let Some(Popup::Unsaved(u)) = &mut self.popup {
                    u.armed = None;
                }
            }
        }
    }

    /// Pasted text goes into the field being typed in. Its line breaks
    /// (CR from terminals, CRLF) are line breaks in a multi-line field and
    /// spaces in a one-line field.
    pub fn handle_paste(&mut self, text: &str) {
        // Like a key, a paste waits for a terminal big enough to show it.
        if super::layout::too_small(self.frame.size) {
            return;
        }
        match &mut self.popup {
            Some(Popup::Editor(ed)) => {
                ed.area.insert_str(line_breaks(text, ed.breaks()));
                self.editor_changed();
            }
            Some(Popup::Search(s)) => {
                s.input.paste(text);
                self.run_search();
            }
            Some(Popup::Filter(input)) => {
                input.paste(text);
                self.ev.query = input.text();
                self.ev.list.sel = 0;
            }
            Some(Popup::New(n)) => {
                let input = if n.on_title {
                    &mut n.title
                } else {
                    &mut n.council
                };
                input.paste(text);
                n.error = None;
            }
            Some(Popup::ReviewAs(input) | Popup::UserName(input)) => {
                input.paste(text);
            }
            Some(Popup::ConflictValue(p)) => {
                p.input.paste(line_breaks(text, Breaks::Space).trim());
            }
            Some(Popup::SavePath(p)) => {
                p.input.paste(line_breaks(text, Breaks::Space).trim());
            }
            _ => {}
        }
    }

    /// The one place state changes in answer to an action.
    pub fn update(&mut self, action: Action) {
        // An editor's changes are one entry; with no editor open, each
        // change is its own.
        if !matches!(self.popup, Some(Popup::Editor(_))) {
            self.group = None;
        }
        if self.popup.is_some() {
            return self.popup_action(action);
        }
        if self.refuse_read_only(action) {
            return;
        }
        match action {
            Action::Help => {
                self.popup = Some(Popup::Help { scroll: 0 });
                return;
            }
            Action::Quit => {
                self.request_quit();
                return;
            }
            Action::Save => {
                self.save_action();
                return;
            }
            Action::SaveAs if self.doc.is_some() => {
                self.save_as_action(false);
                return;
            }
            _ => {}
        }
        if self.doc.is_some() {
            let to = match action {
                Action::ShowQuestions => Some(Screen::Questions),
                Action::ShowEvidence => Some(Screen::Evidence),
                Action::ShowDashboard => Some(Screen::Dashboard),
                Action::ShowDetails => Some(Screen::Details),
                Action::ShowMetrics => Some(Screen::Metrics),
                Action::ShowProudOf => Some(Screen::ProudOf),
                Action::ShowActivity if self.reviewer.is_some() => Some(Screen::Activity),
                Action::ShowPeer | Action::ShowFindings if self.reviewer.is_some() => {
                    self.message = Some((
                        "Reviewer mode: the review manager's screens are in `peerbook open`".into(),
                        false,
                    ));
                    return;
                }
                Action::ShowPeer => Some(Screen::Peer),
                Action::ShowFindings => Some(Screen::Findings),
                _ => None,
            };
            if let Some(s) = to {
                self.screen = s;
                return;
            }
            if action == Action::ReviewAs {
                if self.reviewer.is_some() {
                    self.ask_leave_reviewer();
                } else {
                    self.popup = Some(Popup::ReviewAs(Box::default()));
                }
                return;
            }
            if action == Action::Export {
                self.popup = Some(Popup::Pick(Box::new(pick::export())));
                return;
            }
            if matches!(action, Action::Undo | Action::Redo) {
                self.undo_step(action == Action::Redo);
                return;
            }
            if action == Action::Search && self.screen != Screen::Evidence {
                self.popup = Some(Popup::Search(Box::new(SearchState {
                    input: TextInput::default(),
                    hits: Vec::new(),
                    sel: 0,
                    found: None,
                })));
                return;
            }
        }
        match self.screen {
            Screen::Start => self.start_action(action),
            Screen::Questions => self.questions_action(action),
            Screen::Dashboard => {
                if action == Action::Back {
                    self.screen = Screen::Questions;
                }
            }
            Screen::Peer => super::screens::peer::action(self, action),
            Screen::Reading => super::screens::reading::action(self, action),
            Screen::Findings => {
                if !super::screens::report::action(self, action) {
                    super::screens::findings::action(self, action)
                }
            }
            Screen::Evidence
            | Screen::Details
            | Screen::Metrics
            | Screen::ProudOf
            | Screen::Activity => self.list_form_action(action),
        }
    }

    fn start_action(&mut self, action: Action) {
        match self.start.action(action) {
            Handled::Done(StartChoice::New) => {
                self.popup = Some(Popup::Pick(Box::new(pick::framework(&self.registry))))
            }
            Handled::Done(StartChoice::Open(p)) => self.open_path(&p),
            Handled::Done(StartChoice::OpenCopy(p)) => self.open_copy_action(p),
            Handled::Done(StartChoice::Quit) => self.request_quit(),
            Handled::Consumed | Handled::Ignored => {}
        }
    }

    fn popup_action(&mut self, action: Action) {
        match &mut self.popup {
            Some(Popup::Unsaved(_)) => self.unsaved_action(action),
            Some(Popup::Pick(_)) => self.pick_action(action),
            Some(Popup::Notes(_)) => self.team_notes_action(action),
            Some(Popup::Comments(_)) => self.comments_action(action),
            Some(Popup::Help { scroll }) => match action {
                // Within what the last frame could show.
                Action::Down => *scroll = scroll.saturating_add(1).min(self.frame.help_last),
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll = scroll.saturating_add(10).min(self.frame.help_last),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::Top => *scroll = 0,
                Action::Bottom => *scroll = self.frame.help_last,
                Action::Back | Action::Open | Action::Help => self.popup = None,
                _ => {}
            },
            Some(Popup::Confirm { ask, on_yes }) => match ask.action(action) {
                Handled::Done(true) => {
                    let op = on_yes.clone();
                    self.popup = None;
                    self.confirmed(op);
                }
                Handled::Done(false) => self.popup = None,
                Handled::Consumed | Handled::Ignored => {}
            },
            // Text is typed into these; their keys are handled as they come.
            Some(
                Popup::Editor(_)
                | Popup::Search(_)
                | Popup::Filter(_)
                | Popup::New(_)
                | Popup::ReviewAs(_)
                | Popup::SavePath(_)
                | Popup::UserName(_)
                | Popup::ConflictValue(_),
            )
            | None => {}
        }
    }

    /// The values a conflict can be settled with: the base's, then each
    /// copy's, as (label, value).
    pub fn conflict_choices(&self, i: usize) -> Vec<(String, crate::yaml::Value)> {
        let Some(c) = self.wb().and_then(|w| w.conflicts.get(i)) else {
            return Vec::new();
        };
        let mut v = vec![("Keep the base value".to_string(), c.base.clone())];
        for (from, value) in &c.values {
            v.push((format!("Take {from}'s"), value.clone()));
        }
        v
    }

    /// Called between events: starts pending saves and collects results.
    pub fn tick(&mut self, now: Instant) {
        self.saving_tick(now);
    }
}

/// A value made from the open workbook at most once per revision of it.
pub(super) fn per_revision<T>(
    cache: &RefCell<Option<(u64, Rc<T>)>>,
    doc: &Doc,
    make: impl FnOnce(&Workbook) -> T,
) -> Rc<T> {
    let mut c = cache.borrow_mut();
    match &*c {
        Some((rev, v)) if *rev == doc.revision => Rc::clone(v),
        _ => {
            let v = Rc::new(make(&doc.wb));
            *c = Some((doc.revision, Rc::clone(&v)));
            v
        }
    }
}
