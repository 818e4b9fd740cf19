//! The interface's state and its one `update`: a key becomes an `Action`,
//! `update` changes the state, and the views in `view` only draw it.
//!
//! (Far over 600 lines: issue 12 is splitting it into components. The
//! pickers, the edit-performing place, the open pop-up's description and
//! the hit map have moved out (`popups/`, `widgets/`, `changes.rs`,
//! `chosen.rs`, `shown.rs`, `drawn.rs`); every screen's actions are still
//! here until each moves to `screens/` with its drawing.)

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

use super::component::{Component, Handled};
use super::screens::ListSizes;
pub use super::screens::Pending;
use super::screens::remove_at;
pub use super::screens::start::{Listed, StartChoice, StartState};
use super::widgets::confirm::Confirm;
use super::widgets::input::{TextInput, Typed, feed};
use ratatui::crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};

use super::drawn::{self, Drawn};
use super::edit::{
    CASE_FIELDS, EV_DATA_FIELDS, EV_FIELDS, Editor, EvField, Kind, METRIC_FIELDS, Target,
    new_evidence, type_key,
};
use super::keys::{Action, Context, Key, Keymap};
use super::popups::pick;
pub use super::popups::pick::{EXPORTS, ExportChoice};
pub use super::screens::question_filter::QuestionFilter;
pub use super::screens::{ListForm, Pane, Screen};
use super::undo::{self, History, Part};
use super::widgets::esc::{Esc, esc};
use crate::framework::registry::Registry;
use crate::review::scoring::{self, Report};
use crate::search::{Hit, Lowered, Place, search};
use crate::store::WorkbookFile;
use crate::store::session::Doc;
use crate::text::{Breaks, line_breaks};
use crate::workbook::{EvidenceItem, EvidenceKind, Rating, Workbook};

/// One row of the question tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Domain(usize),
    Question(usize, usize),
}

/// A selectable line of the answer pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Rating,
    Status,
    Owner,
    Narrative,
    Strength(usize),
    AddStrength,
    Area(usize),
    AddArea,
    Evidence(usize),
    LinkEvidence,
    /// Reviewer mode: the reviewer's own entries.
    ReviewRating,
    ReviewNotes,
    ReviewStrength(usize),
    AddReviewStrength,
    ReviewArea(usize),
    AddReviewArea,
    ReviewSource(usize),
    AddReviewSource,
}

#[derive(Debug, Default)]
pub struct QuestionsState {
    /// The tree: domain headers and questions, built once per framework.
    pub rows: Vec<Row>,
    /// Row index of each question, in framework order.
    pub question_rows: Vec<usize>,
    /// Selected question (index into `question_rows`).
    pub sel: usize,
    pub pane: Pane,
    /// Selected slot of the answer pane.
    pub slot: usize,
    /// Changed when another question is chosen, so the answer pane's
    /// scroll starts again from the top (see [`super::drawn`]).
    pub detail_view: u64,
    /// Which questions the list shows (None: all).
    pub filter: Option<QuestionFilter>,
    /// The flat indices of the questions the filter shows, by revision
    /// (see [`App::shown_questions`]); emptied when the filter changes.
    pub shown: RefCell<Option<(u64, Rc<Vec<usize>>)>>,
}

/// Rows of the activity form: the kind, then the fields.
pub const ACTIVITY_ROWS: usize = 5;

/// Items shown, by (revision, kind filter, text filter).
type EvidenceCache = Option<((u64, Option<EvidenceKind>, String), Vec<usize>)>;

#[derive(Debug, Default)]
pub struct EvidenceState {
    pub list: ListForm,
    pub kind: Option<EvidenceKind>,
    pub query: String,
    /// Indices of the items shown, cached by (revision, kind, query).
    pub cache: RefCell<EvidenceCache>,
}

pub struct SearchState {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    pub sel: usize,
}

pub struct NewWorkbook {
    pub framework: usize,
    pub council: TextInput,
    pub title: TextInput,
    pub on_title: bool,
    pub error: Option<String>,
    /// The last key was an Esc that asked before discarding the form.
    pub asked: bool,
}

pub enum Popup {
    Help {
        scroll: usize,
    },
    /// Any choose-from-a-list pop-up (see [`super::popups::pick`]).
    Pick(Box<super::popups::pick::Pick>),
    Editor(Box<Editor>),
    Search(Box<SearchState>),
    Filter(Box<TextInput>),
    /// A yes/no question, and what yes does.
    Confirm {
        ask: Confirm,
        on_yes: Pending,
    },
    New(Box<NewWorkbook>),
    /// The name to review as.
    ReviewAs(Box<TextInput>),
    /// Changes that could not be saved: what to do with them.
    Unsaved(super::popups::saving::UnsavedPrompt),
    /// A file name for save as or a copy.
    SavePath(Box<super::popups::saving::PathPrompt>),
    /// The user's name, asked once on the first run.
    UserName(Box<TextInput>),
}

impl Popup {
    /// Whether text is typed into it: its keys are looked up in the text
    /// context ([`Context::Text`]).
    fn takes_text(&self) -> bool {
        matches!(
            self,
            Popup::SavePath(_)
                | Popup::UserName(_)
                | Popup::Editor(_)
                | Popup::Search(_)
                | Popup::Filter(_)
                | Popup::New(_)
                | Popup::ReviewAs(_)
        )
    }

    fn context(&self) -> Option<Context> {
        match self {
            Popup::Confirm { .. } => Some(Context::Confirm),
            Popup::Unsaved(_) => Some(Context::Unsaved),
            Popup::SavePath(_)
            | Popup::UserName(_)
            | Popup::Editor(_)
            | Popup::Search(_)
            | Popup::Filter(_)
            | Popup::New(_)
            | Popup::ReviewAs(_) => None,
            _ => Some(Context::Popup),
        }
    }
}

/// A row of the findings screen.
#[derive(Debug, Clone, PartialEq)]
pub enum FindRow {
    KeyMessage(usize),
    AddKeyMessage,
    Strength(String, usize),
    AddStrength(String),
    Area(String, usize),
    AddArea(String),
    Rec(usize),
    AddRec,
    NextStep(usize),
    AddNextStep,
}

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
    pub peer: ListForm,
    /// The Peer screen shows the self/peer chart instead of the notes.
    pub gap_chart: bool,
    pub findings: ListForm,
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
    /// Lower-cased text for search and the evidence filter, by revision.
    lowered: RefCell<Option<(u64, Rc<Lowered>)>>,
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
            peer: ListForm::default(),
            gap_chart: false,
            findings: ListForm::default(),
            reviewer: None,
            reviewer_role: None,
            popup: None,
            message: None,
            quit: false,
            exit_note: None,
            frame: Drawn::default(),
            report: RefCell::new(None),
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
        if let Some(n) = &doc.notice {
            self.message = Some((n.clone(), false));
        }
        // A read-only workbook says so in the status bar for as long as it
        // is open (see view::draw_status).
        // Caches are keyed by revision, and a new document's revisions start
        // again: none may carry over.
        *self.report.borrow_mut() = None;
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

    /// The question tree for a framework.
    pub(super) fn build_rows(&mut self, fw: &crate::framework::Framework) {
        self.q.rows.clear();
        self.q.question_rows.clear();
        for (di, d) in fw.domains.iter().enumerate() {
            self.q.rows.push(Row::Domain(di));
            for qi in 0..d.questions.len() {
                self.q.question_rows.push(self.q.rows.len());
                self.q.rows.push(Row::Question(di, qi));
            }
        }
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

    /// Rows of the findings screen.
    pub fn finding_rows(&self) -> Vec<FindRow> {
        let Some(wb) = self.wb() else {
            return Vec::new();
        };
        let f = &wb.findings;
        let mut v: Vec<FindRow> = (0..f.key_messages.len()).map(FindRow::KeyMessage).collect();
        v.push(FindRow::AddKeyMessage);
        for d in &wb.framework.domains {
            let df = f.domains.iter().find(|x| x.domain == d.id);
            let id = d.id.clone();
            v.extend(
                (0..df.map_or(0, |x| x.strengths.len())).map(|i| FindRow::Strength(id.clone(), i)),
            );
            v.push(FindRow::AddStrength(id.clone()));
            v.extend((0..df.map_or(0, |x| x.areas.len())).map(|i| FindRow::Area(id.clone(), i)));
            v.push(FindRow::AddArea(id));
        }
        v.extend((0..f.recommendations.len()).map(FindRow::Rec));
        v.push(FindRow::AddRec);
        v.extend((0..f.next_steps.len()).map(FindRow::NextStep));
        v.push(FindRow::AddNextStep);
        v
    }

    // ----- derived values -----

    /// Scores for the open workbook, computed once per change.
    /// The scores, computed once per revision of the workbook and shared.
    pub fn report(&self) -> Option<Rc<Report>> {
        let doc = self.doc.as_ref()?;
        Some(per_revision(&self.report, doc, scoring::report))
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

    /// The selected question's id.
    pub fn current_question(&self) -> Option<String> {
        let wb = self.wb()?;
        let row = *self.q.question_rows.get(self.q.sel)?;
        match self.q.rows.get(row)? {
            Row::Question(d, q) => Some(wb.framework.domains[*d].questions[*q].id.clone()),
            Row::Domain(_) => None,
        }
    }

    /// The answer pane's selectable lines for the current question.
    pub fn slots(&self) -> Vec<Slot> {
        let Some(wb) = self.wb() else {
            return Vec::new();
        };
        let Some(qid) = self.current_question() else {
            return Vec::new();
        };
        let mut v = Vec::new();
        if let Some(name) = &self.reviewer {
            let a = wb.reviewer(name).and_then(|r| r.answer(&qid));
            if wb.framework.scale.is_some() {
                v.push(Slot::ReviewRating);
            }
            v.push(Slot::ReviewNotes);
            v.extend((0..a.map_or(0, |a| a.strengths.len())).map(Slot::ReviewStrength));
            v.push(Slot::AddReviewStrength);
            v.extend((0..a.map_or(0, |a| a.areas.len())).map(Slot::ReviewArea));
            v.push(Slot::AddReviewArea);
            v.extend((0..a.map_or(0, |a| a.sources.len())).map(Slot::ReviewSource));
            v.push(Slot::AddReviewSource);
            return v;
        }
        if wb.framework.scale.is_some() {
            v.push(Slot::Rating);
        }
        v.extend([Slot::Status, Slot::Owner, Slot::Narrative]);
        let a = wb.answer(&qid);
        let n = |f: fn(&crate::workbook::Answer) -> usize| a.map_or(0, f);
        v.extend((0..n(|a| a.strengths.len())).map(Slot::Strength));
        v.push(Slot::AddStrength);
        v.extend((0..n(|a| a.areas.len())).map(Slot::Area));
        v.push(Slot::AddArea);
        v.extend((0..n(|a| a.evidence.len())).map(Slot::Evidence));
        v.push(Slot::LinkEvidence);
        v
    }

    /// Evidence items shown on the evidence screen (filtered), cached.
    pub fn evidence_shown(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let key = (doc.revision, self.ev.kind, self.ev.query.clone());
        if let Some((k, v)) = &*self.ev.cache.borrow()
            && *k == key
        {
            return v.clone();
        }
        let q = self.ev.query.to_lowercase();
        let kind = |i: &usize| self.ev.kind.is_none_or(|k| doc.wb.evidence[*i].kind == k);
        let v: Vec<usize> = if q.is_empty() {
            (0..doc.wb.evidence.len()).filter(kind).collect()
        } else {
            per_revision(&self.lowered, doc, Lowered::new)
                .evidence
                .matching(&q)
                .filter(|i| *i < doc.wb.evidence.len() && kind(i))
                .collect()
        };
        *self.ev.cache.borrow_mut() = Some((key, v.clone()));
        v
    }

    /// Rows of the details form.
    pub fn detail_targets(&self) -> Vec<Option<Target>> {
        self.wb()
            .map(super::screens::details::rows)
            .unwrap_or_default()
    }

    /// Fields of the selected evidence item's form.
    pub fn evidence_fields(&self, item: usize) -> Vec<Option<EvField>> {
        let Some(e) = self.wb().and_then(|w| w.evidence.get(item)) else {
            return Vec::new();
        };
        // None is the kind, chosen from a list.
        let mut v: Vec<Option<EvField>> = vec![Some(EvField::Title), None];
        v.extend(EV_FIELDS[1..].iter().map(|f| Some(*f)));
        if e.kind == EvidenceKind::Data {
            v.extend(EV_DATA_FIELDS.iter().map(|f| Some(*f)));
        }
        v
    }

    // ----- input -----

    pub fn context(&self) -> Context {
        self.popup
            .as_ref()
            .and_then(Popup::context)
            .unwrap_or(self.screen.context())
    }

    pub fn handle_key(&mut self, ev: KeyEvent) {
        let key = Key::from_event(&ev);
        let quits = self.keymap.lookup(Context::Global, key) == Some(Action::Quit);
        if super::layout::key_waits(self.frame.size, self.popup.is_some(), quits) {
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
            Some(Popup::SavePath(p)) => {
                p.input.paste(line_breaks(text, Breaks::Space).trim());
            }
            _ => {}
        }
    }

    pub fn handle_mouse(&mut self, m: MouseEvent) {
        if self.popup.is_some() {
            return;
        }
        match m.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(_) => self.click(m.column, m.row),
            _ => {}
        }
    }

    /// A click, on what the last frame drew there.
    fn click(&mut self, col: u16, row: u16) {
        match self.frame.at(col, row) {
            Some(drawn::Hit::Tab(s)) => self.screen = s,
            Some(drawn::Hit::Question(i)) => {
                self.q.sel = i;
                self.q.pane = Pane::List;
                self.q.slot = 0;
            }
            Some(drawn::Hit::Start(i)) => self.start.sel = i.min(self.start.books.len()),
            Some(drawn::Hit::Item(i)) => {
                if let Some(lf) = self.current_list_form_mut() {
                    lf.sel = i;
                    lf.pane = Pane::List;
                    lf.field = 0;
                }
            }
            Some(drawn::Hit::Form) => match self.screen {
                Screen::Questions => self.q.pane = Pane::Form,
                _ => {
                    if let Some(lf) = self.current_list_form_mut() {
                        lf.pane = Pane::Form;
                    }
                }
            },
            Some(drawn::Hit::Inert) | None => {}
        }
    }

    pub(super) fn current_list_form(&self) -> Option<&ListForm> {
        match self.screen {
            Screen::Evidence => Some(&self.ev.list),
            Screen::Details => Some(&self.details),
            Screen::Metrics => Some(&self.metrics),
            Screen::ProudOf => Some(&self.proud),
            Screen::Activity => Some(&self.activity),
            _ => None,
        }
    }

    pub(super) fn current_list_form_mut(&mut self) -> Option<&mut ListForm> {
        match self.screen {
            Screen::Evidence => Some(&mut self.ev.list),
            Screen::Details => Some(&mut self.details),
            Screen::Metrics => Some(&mut self.metrics),
            Screen::ProudOf => Some(&mut self.proud),
            Screen::Activity => Some(&mut self.activity),
            _ => None,
        }
    }

    pub(super) fn list_len(&self) -> usize {
        let Some(wb) = self.wb() else { return 0 };
        match self.screen {
            Screen::Evidence => self.evidence_shown().len(),
            Screen::Details => self.detail_targets().len(),
            Screen::Metrics => wb.framework.metrics.len(),
            Screen::ProudOf => wb.proud_of.len(),
            Screen::Activity => self
                .reviewer
                .as_ref()
                .and_then(|n| wb.reviewer(n))
                .map_or(0, |r| r.activities.len()),
            _ => 0,
        }
    }

    pub(super) fn form_len(&self) -> usize {
        match self.screen {
            Screen::Evidence => self
                .evidence_shown()
                .get(self.ev.list.sel)
                .map_or(0, |i| self.evidence_fields(*i).len()),
            Screen::Metrics => METRIC_FIELDS.len(),
            Screen::ProudOf => CASE_FIELDS.len(),
            Screen::Activity => ACTIVITY_ROWS,
            _ => 0,
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
                if let Some(name) = self.reviewer.take() {
                    self.screen = Screen::Questions;
                    self.q.slot = 0;
                    self.message = Some((format!("Left reviewer mode ({name})"), false));
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
            Screen::Peer => self.peer_action(action),
            Screen::Findings => self.findings_action(action),
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

    fn questions_action(&mut self, action: Action) {
        let Some(qid) = self.current_question() else {
            return;
        };
        if self.reviewer.is_some() && self.review_action(&qid, action) {
            return;
        }
        // The list moves through the questions it shows (all, or the
        // filter's): positions in `visible`, selections by flat index.
        let visible = self.visible_questions();
        let total = visible.len();
        let at = visible.iter().position(|i| *i == self.q.sel).unwrap_or(0);
        let page = self.frame.size.height.saturating_sub(6).max(1) as usize;
        let to = |k: usize| visible[k.min(total - 1)];
        match (self.q.pane, action) {
            (_, Action::NextPane) => {
                self.q.pane = match self.q.pane {
                    Pane::List => Pane::Form,
                    Pane::Form => Pane::List,
                };
            }
            (Pane::List, Action::Up) => self.select_question(to(at.saturating_sub(1))),
            (Pane::List, Action::Down) => self.select_question(to(at + 1)),
            (Pane::List, Action::PageUp) => self.select_question(to(at.saturating_sub(page))),
            (Pane::List, Action::PageDown) => self.select_question(to(at + page)),
            (Pane::List, Action::Top) => self.select_question(to(0)),
            (Pane::List, Action::Bottom) => self.select_question(to(total - 1)),
            (_, Action::FilterQuestions) => self.open_question_filter(),
            (Pane::List, Action::Open) => self.q.pane = Pane::Form,
            (Pane::Form, Action::Up) => self.q.slot = self.q.slot.saturating_sub(1),
            (Pane::Form, Action::Down) => {
                self.q.slot = (self.q.slot + 1).min(self.slots().len().saturating_sub(1))
            }
            (Pane::Form, Action::Top) => self.q.slot = 0,
            (Pane::Form, Action::Bottom) => self.q.slot = self.slots().len().saturating_sub(1),
            (Pane::Form, Action::Back) => self.q.pane = Pane::List,
            (Pane::Form, Action::Open) => self.open_slot(&qid),
            (_, Action::Back) => {
                self.message = Some(("Press q to quit, ? for help".into(), false));
            }
            (_, Action::NextUnanswered) => self.jump_unanswered(true),
            (_, Action::PrevUnanswered) => self.jump_unanswered(false),
            (_, Action::Rate(n)) => self.set_rating_value(&qid, i64::from(n)),
            (_, Action::ClearRating) => self.set_rating(&qid, Rating::None),
            (_, Action::NotApplicable) => self.set_rating(&qid, Rating::NotApplicable),
            (_, Action::RatingPicker) => self.open_rating_picker(&qid),
            (_, Action::StatusPicker) => self.open_status_picker(&qid),
            (_, Action::EditOwner) => self.edit(Target::Owner(qid), false),
            (_, Action::EditNarrative) => self.edit(Target::Narrative(qid), false),
            (_, Action::SignOff) => crate::tui::screens::signoff::toggle(self, &qid),
            (Pane::Form, Action::Add) => match self.slots().get(self.q.slot) {
                Some(Slot::Area(_) | Slot::AddArea) => self.add_item(&qid, false),
                Some(Slot::Evidence(_) | Slot::LinkEvidence) => self.open_link_picker(&qid),
                _ => self.add_item(&qid, true),
            },
            (Pane::List, Action::Add) => {
                self.add_item(&qid, true);
                if matches!(self.popup, Some(Popup::Editor(_))) {
                    let what = crate::tui::screens::questions::adding_from_list(self, &qid);
                    self.message = Some((what, false));
                }
            }
            (_, Action::Link) => self.open_link_picker(&qid),
            (Pane::Form, Action::Delete) => self.delete_slot(&qid),
            (Pane::Form, Action::MoveUp) => self.move_slot(&qid, true),
            (Pane::Form, Action::MoveDown) => self.move_slot(&qid, false),
            _ => {}
        }
    }

    /// Reviewer mode: the keys that change an answer change the reviewer's
    /// own entry; the council's answer is read-only. True if handled.
    fn review_action(&mut self, qid: &str, action: Action) -> bool {
        let slot = self.slots().get(self.q.slot).cloned();
        let form = self.q.pane == Pane::Form;
        match action {
            Action::Rate(n) => {
                let v = i64::from(n);
                match self.wb().and_then(|w| w.framework.scale.clone()) {
                    Some(s) if s.level(v).is_some() => {
                        self.set_review_rating(qid, Rating::Level(v))
                    }
                    Some(s) => {
                        self.message =
                            Some((format!("{v} is not on the scale: {}", s.describe()), true))
                    }
                    None => {
                        self.message =
                            Some(("This framework is findings-only: no ratings".into(), true))
                    }
                }
            }
            Action::ClearRating => self.set_review_rating(qid, Rating::None),
            Action::NotApplicable => self.set_review_rating(qid, Rating::NotApplicable),
            Action::RatingPicker => self.open_rating_picker(qid),
            Action::EditNarrative => {
                let name = self.reviewer.clone().unwrap_or_default();
                self.edit(Target::ReviewNotes(name, qid.to_string()), false);
            }
            Action::StatusPicker | Action::EditOwner | Action::Link => {
                self.message = Some((
                    "Reviewer mode: the council's answer is read-only; your entries are below it"
                        .into(),
                    false,
                ));
            }
            Action::Open if form => self.open_review_slot(qid, slot),
            Action::Add => {
                let slot = match slot {
                    Some(Slot::ReviewArea(_) | Slot::AddReviewArea) => Slot::AddReviewArea,
                    Some(Slot::ReviewSource(_) | Slot::AddReviewSource) => Slot::AddReviewSource,
                    _ => Slot::AddReviewStrength,
                };
                self.q.pane = Pane::Form;
                self.open_review_slot(qid, Some(slot));
            }
            Action::Delete if form => self.delete_review_slot(qid, slot),
            Action::MoveUp | Action::MoveDown if form => {
                self.move_review_slot(qid, slot, action == Action::MoveUp)
            }
            _ => return false,
        }
        true
    }

    pub(super) fn with_review(
        &mut self,
        qid: &str,
        f: impl FnOnce(&mut crate::workbook::onsite::ReviewerAnswer),
    ) {
        let Some(name) = self.reviewer.clone() else {
            return;
        };
        let role = self.reviewer_role.clone();
        self.change(Part::Reviewer(name.clone()), |wb| {
            let reference = undo::question_ref(wb, qid);
            let r = wb.reviewer_mut(&name);
            if r.role.is_none() {
                r.role = role;
            }
            let a = r.answer_mut(qid);
            let before = a.clone();
            f(a);
            let label = (*a != before).then(|| undo::review_change(&before, a, &reference));
            r.drop_empty(qid);
            label
        });
    }

    pub(super) fn set_review_rating(&mut self, qid: &str, r: Rating) {
        if r == Rating::NotApplicable
            && self
                .wb()
                .and_then(|w| w.framework.scale.as_ref())
                .is_some_and(|s| !s.not_applicable)
        {
            self.message = Some(("This scale does not allow N/A".into(), true));
            return;
        }
        self.with_review(qid, |a| a.rating = r);
    }

    fn open_review_slot(&mut self, qid: &str, slot: Option<Slot>) {
        let name = self.reviewer.clone().unwrap_or_default();
        let q = qid.to_string();
        let count = |f: fn(&crate::workbook::onsite::ReviewerAnswer) -> usize| {
            self.wb()
                .and_then(|w| w.reviewer(&name))
                .and_then(|r| r.answer(qid))
                .map_or(0, f)
        };
        match slot {
            Some(Slot::ReviewRating) => self.open_rating_picker(qid),
            Some(Slot::ReviewNotes) => self.edit(Target::ReviewNotes(name, q), false),
            Some(Slot::ReviewStrength(i)) => self.edit(Target::ReviewStrength(name, q, i), false),
            Some(Slot::ReviewArea(i)) => self.edit(Target::ReviewArea(name, q, i), false),
            Some(Slot::ReviewSource(i)) => self.edit(Target::ReviewSource(name, q, i), false),
            Some(Slot::AddReviewStrength) => {
                let n = count(|a| a.strengths.len());
                self.edit(Target::ReviewStrength(name, q, n), true);
            }
            Some(Slot::AddReviewArea) => {
                let n = count(|a| a.areas.len());
                self.edit(Target::ReviewArea(name, q, n), true);
            }
            Some(Slot::AddReviewSource) if self.may_change() => {
                self.popup = Some(Popup::Pick(Box::new(pick::source_kind())));
            }
            _ => {}
        }
    }

    fn delete_review_slot(&mut self, qid: &str, slot: Option<Slot>) {
        match slot {
            Some(Slot::ReviewStrength(i)) => self.with_review(qid, |a| {
                a.strengths.remove(i);
            }),
            Some(Slot::ReviewArea(i)) => self.with_review(qid, |a| {
                a.areas.remove(i);
            }),
            Some(Slot::ReviewSource(i)) => self.with_review(qid, |a| {
                a.sources.remove(i);
            }),
            Some(Slot::ReviewRating) => self.set_review_rating(qid, Rating::None),
            _ => {}
        }
        self.q.slot = self.q.slot.min(self.slots().len().saturating_sub(1));
    }

    fn move_review_slot(&mut self, qid: &str, slot: Option<Slot>, up: bool) {
        fn swap<T>(list: &mut [T], i: usize, up: bool) -> bool {
            let Some(j) = (if up { i.checked_sub(1) } else { Some(i + 1) }) else {
                return false;
            };
            if j >= list.len() {
                return false;
            }
            list.swap(i, j);
            true
        }
        let mut moved = false;
        match slot {
            Some(Slot::ReviewStrength(i)) => {
                self.with_review(qid, |a| moved = swap(&mut a.strengths, i, up))
            }
            Some(Slot::ReviewArea(i)) => {
                self.with_review(qid, |a| moved = swap(&mut a.areas, i, up))
            }
            Some(Slot::ReviewSource(i)) => {
                self.with_review(qid, |a| moved = swap(&mut a.sources, i, up))
            }
            _ => {}
        }
        if moved {
            if up {
                self.q.slot -= 1;
            } else {
                self.q.slot += 1;
            }
        }
    }

    /// The question selected on the Peer screen.
    pub(super) fn peer_question(&self) -> Option<String> {
        self.wb().and_then(|w| {
            w.framework
                .questions()
                .nth(self.peer.sel)
                .map(|(_, q)| q.id.clone())
        })
    }

    fn peer_action(&mut self, action: Action) {
        let n = self.q.question_rows.len();
        let Some(qid) = self.peer_question() else {
            return;
        };
        match action {
            Action::Up => self.peer.sel = self.peer.sel.saturating_sub(1),
            Action::Down => self.peer.sel = (self.peer.sel + 1).min(n.saturating_sub(1)),
            Action::Top => self.peer.sel = 0,
            Action::Bottom => self.peer.sel = n.saturating_sub(1),
            Action::Rate(v) => match self.wb().and_then(|w| w.framework.scale.clone()) {
                Some(s) if s.level(i64::from(v)).is_some() => {
                    self.set_agreed(&qid, Rating::Level(i64::from(v)))
                }
                Some(s) => {
                    self.message =
                        Some((format!("{v} is not on the scale: {}", s.describe()), true))
                }
                None => {
                    self.message =
                        Some(("This framework is findings-only: no ratings".into(), true))
                }
            },
            Action::ClearRating => self.set_agreed(&qid, Rating::None),
            Action::NotApplicable => self.set_agreed(&qid, Rating::NotApplicable),
            Action::RatingPicker => self.open_rating_picker(&qid),
            Action::Open => {
                self.screen = Screen::Questions;
                self.select_question(self.peer.sel);
            }
            Action::GapChart => self.gap_chart = !self.gap_chart,
            Action::Conflicts => {
                if self.wb().is_some_and(|w| w.conflicts.is_empty()) {
                    self.message = Some(("No conflicts: every merged field agreed".into(), false));
                } else {
                    self.open_conflicts(0);
                }
            }
            Action::Back => self.screen = Screen::Questions,
            _ => {}
        }
    }

    /// Records the agreed peer rating for a question.
    pub(super) fn set_agreed(&mut self, qid: &str, r: Rating) {
        self.change(Part::Consensus, |wb| {
            let label = format!(
                "change the agreed rating of {}",
                undo::question_ref(wb, qid)
            );
            let list = &mut wb.consensus;
            match list.iter().position(|a| a.question == qid) {
                Some(i) if r == Rating::None && list[i].note.is_none() => {
                    list.remove(i);
                }
                Some(i) => list[i].rating = r,
                None if r == Rating::None => return None,
                None => {
                    // Kept in framework order.
                    let order = |q: &str| wb.framework.order_of(q).unwrap_or(usize::MAX);
                    let at = list
                        .iter()
                        .position(|a| order(&a.question) > order(qid))
                        .unwrap_or(list.len());
                    list.insert(
                        at,
                        crate::workbook::onsite::Agreed {
                            question: qid.to_string(),
                            rating: r,
                            ..Default::default()
                        },
                    );
                }
            }
            Some(label)
        });
    }

    fn findings_action(&mut self, action: Action) {
        let rows = self.finding_rows();
        let n = rows.len();
        let sel = self.findings.sel.min(n.saturating_sub(1));
        let row = rows.get(sel).cloned();
        match action {
            Action::Up => self.findings.sel = sel.saturating_sub(1),
            Action::Down => self.findings.sel = (sel + 1).min(n.saturating_sub(1)),
            Action::Top => self.findings.sel = 0,
            Action::Bottom => self.findings.sel = n.saturating_sub(1),
            Action::Back => self.screen = Screen::Questions,
            Action::Open | Action::Edit => match row {
                Some(FindRow::KeyMessage(i)) => self.edit(Target::KeyMessage(i), false),
                Some(FindRow::Strength(d, i)) => self.edit(Target::FindingStrength(d, i), false),
                Some(FindRow::Area(d, i)) => self.edit(Target::FindingArea(d, i), false),
                Some(FindRow::Rec(i)) => self.edit(Target::RecText(i), false),
                Some(FindRow::NextStep(i)) => self.edit(Target::NextStep(i), false),
                Some(add) => self.findings_add(&add),
                None => {}
            },
            Action::Add => {
                if let Some(r) = row {
                    self.findings_add(&r);
                }
            }
            Action::Delete => {
                let label = match &row {
                    Some(FindRow::KeyMessage(i)) => format!("delete key message {}", i + 1),
                    Some(FindRow::Strength(d, i)) => format!("delete strength {} of {d}", i + 1),
                    Some(FindRow::Area(d, i)) => format!("delete area {} of {d}", i + 1),
                    Some(FindRow::NextStep(i)) => format!("delete next step {}", i + 1),
                    Some(FindRow::Rec(i)) => format!("delete recommendation {}", i + 1),
                    _ => String::new(),
                };
                self.change(Part::Findings, |wb| {
                    let f = &mut wb.findings;
                    let removed = match row {
                        Some(FindRow::KeyMessage(i)) => remove_at(&mut f.key_messages, i),
                        Some(FindRow::Strength(d, i)) => {
                            remove_at(&mut f.domain_mut(&d).strengths, i)
                        }
                        Some(FindRow::Area(d, i)) => remove_at(&mut f.domain_mut(&d).areas, i),
                        Some(FindRow::NextStep(i)) => remove_at(&mut f.next_steps, i),
                        Some(FindRow::Rec(i)) if i < f.recommendations.len() => {
                            f.recommendations.remove(i);
                            true
                        }
                        _ => false,
                    };
                    removed.then_some(label)
                });
            }
            Action::QuickWin | Action::StatusPicker => {
                let Some(FindRow::Rec(i)) = row else {
                    self.message = Some(("Choose a recommendation first".into(), false));
                    return;
                };
                self.change(Part::Findings, |wb| {
                    let r = wb.findings.recommendations.get_mut(i)?;
                    let label = if action == Action::QuickWin {
                        format!("mark recommendation {} as a quick win or not", i + 1)
                    } else {
                        format!("change the status of recommendation {}", i + 1)
                    };
                    if action == Action::QuickWin {
                        r.quick_win = !r.quick_win;
                    } else {
                        use crate::workbook::onsite::ActionStatus as S;
                        r.status = match r.status {
                            S::Open => S::InProgress,
                            S::InProgress => S::Done,
                            S::Done => S::Open,
                        };
                    }
                    Some(label)
                });
            }
            Action::EditOwner | Action::DueDate | Action::Progress => {
                let Some(FindRow::Rec(i)) = row else {
                    self.message = Some(("Choose a recommendation first".into(), false));
                    return;
                };
                let t = match action {
                    Action::EditOwner => Target::RecOwner(i),
                    Action::DueDate => Target::RecDue(i),
                    _ => Target::RecProgress(i),
                };
                self.edit(t, false);
            }
            _ => {}
        }
    }

    /// Adds an item to the section of a findings row and edits it.
    fn findings_add(&mut self, row: &FindRow) {
        let target = match row {
            FindRow::Rec(_) | FindRow::AddRec => {
                // A recommendation has fields of its own: it is added
                // first, and its text edited.
                self.open_group();
                let mut i = 0;
                let added = self.change(Part::Findings, |wb| {
                    let recs = &mut wb.findings.recommendations;
                    recs.push(crate::workbook::onsite::Recommendation::default());
                    i = recs.len() - 1;
                    Some(format!("add recommendation {}", i + 1))
                });
                if !added {
                    return;
                }
                Target::RecText(i)
            }
            _ => {
                let Some(t) = self.wb().and_then(|w| new_finding(&w.findings, row)) else {
                    return;
                };
                t
            }
        };
        self.edit(target, true);
        // Keep the cursor on the new item's row.
        let rows = self.finding_rows();
        if let Some(Popup::Editor(ed)) = &self.popup {
            let want = match &ed.target {
                Target::KeyMessage(i) => Some(FindRow::KeyMessage(*i)),
                Target::RecText(i) => Some(FindRow::Rec(*i)),
                Target::NextStep(i) => Some(FindRow::NextStep(*i)),
                _ => None,
            };
            if let Some(w) = want
                && let Some(p) = rows.iter().position(|r| *r == w)
            {
                self.findings.sel = p;
            }
        }
    }

    /// Selects a question by flat index, from wherever (the list's own
    /// moves, search, the Peer screen, `n`, a reload): one the filter hides
    /// clears the filter, and says so (see [`App::land_on`]).
    pub fn select_question(&mut self, i: usize) {
        self.land_on(i);
        self.q.slot = 0;
        self.q.detail_view += 1;
    }

    fn jump_unanswered(&mut self, forward: bool) {
        // Within the questions the list shows.
        let visible = self.visible_questions();
        let Some(wb) = self.wb() else { return };
        let n = visible.len();
        if n == 0 {
            return;
        }
        let at = visible.iter().position(|i| *i == self.q.sel).unwrap_or(0);
        let unanswered = |k: usize| -> bool {
            let row = self.q.question_rows[visible[k]];
            match self.q.rows[row] {
                Row::Question(d, q) => {
                    let id = &wb.framework.domains[d].questions[q].id;
                    match &self.reviewer {
                        // Reviewer mode: questions this reviewer has not yet looked at.
                        Some(name) => !wb.reviewer(name).is_some_and(|r| r.has_reviewed(id)),
                        None => !wb.answer(id).is_some_and(|a| a.is_answered()),
                    }
                }
                Row::Domain(_) => false,
            }
        };
        let found = (1..=n)
            .map(|k| {
                if forward {
                    (at + k) % n
                } else {
                    (at + n - k % n) % n
                }
            })
            .find(|k| unanswered(*k));
        let from = self.q.sel;
        match found.map(|k| visible[k]) {
            Some(i) => {
                self.select_question(i);
                if let Some(m) = crate::tui::screens::questions::wrapped_note(from, i, forward) {
                    self.message = Some((m.into(), false));
                }
            }
            None if self.q.filter.is_some() => {
                self.message = Some(("Every question shown has an answer".into(), false))
            }
            None => self.message = Some(("Every question has an answer".into(), false)),
        }
    }

    /// Changes a question's answer, saying who changed it and when. True if
    /// it changed.
    pub(super) fn with_answer(
        &mut self,
        qid: &str,
        f: impl FnOnce(&mut crate::workbook::Answer),
    ) -> bool {
        let user = self.user.clone();
        self.change(Part::Answer(qid.to_string()), |wb| {
            let r = undo::question_ref(wb, qid);
            let a = wb.answer_mut(qid);
            let before = a.clone();
            f(a);
            if *a == before {
                return None;
            }
            let label = undo::answer_change(&before, a, &r);
            let status = a.status;
            a.touch(&user, chrono::Utc::now());
            // An explicit status change is not overridden by touch().
            if before.status != status {
                a.status = status;
            }
            Some(label)
        })
    }

    pub(super) fn set_rating(&mut self, qid: &str, r: Rating) {
        let allowed = self.wb().and_then(|w| w.framework.scale.clone());
        match (&allowed, r) {
            (None, _) => {
                self.message = Some(("This framework is findings-only: no ratings".into(), true));
            }
            (Some(s), Rating::NotApplicable) if !s.not_applicable => {
                self.message = Some(("This scale does not allow N/A".into(), true));
            }
            _ => {
                self.with_answer(qid, |a| a.rating = r);
            }
        }
    }

    fn set_rating_value(&mut self, qid: &str, v: i64) {
        let scale = self.wb().and_then(|w| w.framework.scale.clone());
        match scale {
            Some(s) if s.level(v).is_some() => self.set_rating(qid, Rating::Level(v)),
            Some(s) => {
                self.message = Some((format!("{v} is not on the scale: {}", s.describe()), true))
            }
            None => self.set_rating(qid, Rating::None),
        }
    }

    /// The rating picker's options: "no rating" first (so an unrated
    /// question's picker opens at the top and `j` goes to the first level),
    /// then each level, then N/A where allowed.
    pub fn rating_options(&self) -> Vec<(Rating, String, Option<String>)> {
        let Some(scale) = self.wb().and_then(|w| w.framework.scale.as_ref()) else {
            return Vec::new();
        };
        let mut v: Vec<(Rating, String, Option<String>)> = scale
            .levels
            .iter()
            .map(|l| {
                (
                    Rating::Level(l.value),
                    format!("{}  {}", l.value, l.label),
                    l.description.clone(),
                )
            })
            .collect();
        if scale.not_applicable {
            v.push((Rating::NotApplicable, "N/A  not applicable".into(), None));
        }
        v.insert(0, (Rating::None, "–  no rating".into(), None));
        v
    }

    fn open_rating_picker(&mut self, qid: &str) {
        let opts = self.rating_options();
        if opts.is_empty() {
            self.message = Some(("This framework is findings-only: no ratings".into(), true));
            return;
        }
        let cur = match &self.reviewer {
            Some(name) => self
                .wb()
                .and_then(|w| w.reviewer(name))
                .and_then(|r| r.answer(qid))
                .map(|a| a.rating),
            None => self.wb().and_then(|w| w.answer(qid)).map(|a| a.rating),
        }
        .unwrap_or_default();
        self.popup = pick::rating(self.rating_options(), cur).map(|p| Popup::Pick(Box::new(p)));
    }

    fn open_slot(&mut self, qid: &str) {
        let slots = self.slots();
        let Some(slot) = slots.get(self.q.slot).cloned() else {
            return;
        };
        let q = qid.to_string();
        match slot {
            Slot::Rating => self.open_rating_picker(qid),
            Slot::Status => self.open_status_picker(qid),
            Slot::Owner => self.edit(Target::Owner(q), false),
            Slot::Narrative => self.edit(Target::Narrative(q), false),
            Slot::Strength(i) => self.edit(Target::Strength(q, i), false),
            Slot::Area(i) => self.edit(Target::Area(q, i), false),
            Slot::AddStrength => self.add_item(qid, true),
            Slot::AddArea => self.add_item(qid, false),
            Slot::Evidence(i) => {
                // Show the item in the library.
                let id = self
                    .wb()
                    .and_then(|w| w.answer(qid))
                    .and_then(|a| a.evidence.get(i).cloned());
                if let Some(id) = id
                    && let Some(idx) = self
                        .wb()
                        .and_then(|w| w.evidence.iter().position(|e| e.id == id))
                {
                    self.ev.kind = None;
                    self.ev.query.clear();
                    self.ev.list.sel = idx;
                    self.ev.list.pane = Pane::Form;
                    self.screen = Screen::Evidence;
                }
            }
            Slot::LinkEvidence => self.open_link_picker(qid),
            // Reviewer mode's lines are handled by review_action.
            _ => {}
        }
    }

    fn open_status_picker(&mut self, qid: &str) {
        let cur = self
            .wb()
            .and_then(|w| w.answer(qid))
            .map(|a| a.status)
            .unwrap_or_default();
        self.popup = Some(Popup::Pick(Box::new(pick::status(cur))));
    }

    fn add_item(&mut self, qid: &str, strength: bool) {
        if !self.may_change() {
            return;
        }
        let len = self.wb().and_then(|w| w.answer(qid)).map_or(0, |a| {
            if strength {
                a.strengths.len()
            } else {
                a.areas.len()
            }
        });
        let t = if strength {
            Target::Strength(qid.to_string(), len)
        } else {
            Target::Area(qid.to_string(), len)
        };
        self.q.pane = Pane::Form;
        self.edit(t, true);
    }

    fn open_link_picker(&mut self, qid: &str) {
        if !self.may_change() {
            return;
        }
        let Some(wb) = self.wb() else { return };
        let linked = wb
            .answer(qid)
            .map(|a| a.evidence.clone())
            .unwrap_or_default();
        let candidates: Vec<usize> = wb
            .evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| !linked.contains(&e.id))
            .map(|(i, _)| i)
            .collect();
        if candidates.is_empty() {
            self.message = Some((
                "No evidence to link: add items in the evidence library (E)".into(),
                false,
            ));
            return;
        }
        let p = pick::link(wb, candidates);
        self.popup = Some(Popup::Pick(Box::new(p)));
    }

    fn delete_slot(&mut self, qid: &str) {
        let slots = self.slots();
        match slots.get(self.q.slot) {
            Some(Slot::Strength(i)) => {
                let i = *i;
                self.with_answer(qid, |a| {
                    a.strengths.remove(i);
                });
            }
            Some(Slot::Area(i)) => {
                let i = *i;
                self.with_answer(qid, |a| {
                    a.areas.remove(i);
                });
            }
            Some(Slot::Evidence(i)) => {
                let i = *i;
                if self.with_answer(qid, |a| {
                    a.evidence.remove(i);
                }) {
                    self.message = Some(("Unlinked (the item stays in the library)".into(), false));
                }
            }
            Some(Slot::Owner) => {
                self.with_answer(qid, |a| a.owner = None);
            }
            Some(Slot::Rating) => self.set_rating(qid, Rating::None),
            _ => {}
        }
        self.q.slot = self.q.slot.min(self.slots().len().saturating_sub(1));
    }

    fn move_slot(&mut self, qid: &str, up: bool) {
        let slots = self.slots();
        let swap = |list: &mut Vec<String>, i: usize| -> Option<usize> {
            let j = if up { i.checked_sub(1)? } else { i + 1 };
            if j >= list.len() {
                return None;
            }
            list.swap(i, j);
            Some(j)
        };
        let mut moved = None;
        match slots.get(self.q.slot) {
            Some(Slot::Strength(i)) => {
                let i = *i;
                self.with_answer(qid, |a| moved = swap(&mut a.strengths, i));
            }
            Some(Slot::Area(i)) => {
                let i = *i;
                self.with_answer(qid, |a| moved = swap(&mut a.areas, i));
            }
            Some(Slot::Evidence(i)) => {
                let i = *i;
                self.with_answer(qid, |a| moved = swap(&mut a.evidence, i));
            }
            _ => {}
        }
        if moved.is_some() {
            if up {
                self.q.slot -= 1;
            } else {
                self.q.slot += 1;
            }
        }
    }

    /// Opens the editor on a field. `added`: the field is a new list item,
    /// dropped again if left empty.
    pub fn edit(&mut self, target: Target, added: bool) {
        if !self.may_change() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let text = target.read(&doc.wb);
        self.popup = Some(Popup::Editor(Box::new(Editor::new(target, text, added))));
        self.open_group();
    }

    fn editor_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::Editor(ed)) = &mut self.popup else {
            return;
        };
        ed.asked &= action == Some(Action::Back);
        match action {
            // Text is written as it is typed; a date or a number when it
            // is finished with Enter or Esc, and Esc asks before
            // discarding one that does not read.
            Some(Action::Back) => self.editor_esc(),
            // Enter is a new line in a multi-line field.
            Some(Action::Done) => {
                if self.commit_editor() {
                    self.close_editor();
                }
            }
            Some(Action::Open) if !ed.multiline() => {
                if self.commit_editor() {
                    self.close_editor();
                }
            }
            Some(Action::Save) => {
                if let Some(d) = &mut self.doc {
                    d.save_now();
                }
            }
            Some(Action::Quit) => {
                self.commit_editor();
                self.close_editor();
                self.request_quit();
            }
            Some(Action::Undo) => {
                ed.area.undo();
                self.editor_changed();
            }
            Some(Action::Redo) => {
                ed.area.redo();
                self.editor_changed();
            }
            _ => {
                let breaks = ed.breaks();
                if type_key(&mut ed.area, ev, breaks) {
                    self.editor_changed();
                }
            }
        }
    }

    /// After each change in the editor: text fields are written at once,
    /// dates and numbers are only checked, so a half-typed one never
    /// reaches the file.
    fn editor_changed(&mut self) {
        let Some(Popup::Editor(ed)) = &mut self.popup else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        match ed.target.kind() {
            Kind::Date | Kind::Number => {
                ed.error = ed
                    .target
                    .check(&doc.wb, &ed.text())
                    .err()
                    .map(|e| e.to_string())
            }
            Kind::Text | Kind::Multi => {
                self.commit_editor();
            }
        }
    }

    /// Writes the editor's text into the workbook. False if it does not
    /// check out (the error is shown in the editor).
    fn commit_editor(&mut self) -> bool {
        let Some(Popup::Editor(ed)) = &mut self.popup else {
            return false;
        };
        let text = ed.text();
        let target = ed.target.clone();
        let verb = if ed.added { "add" } else { "edit" };
        let snap = self.before_change(&Part::of(&target));
        let Some(Popup::Editor(ed)) = &mut self.popup else {
            return false;
        };
        let Some(doc) = &mut self.doc else {
            return false;
        };
        let label = format!("{verb} {}", undo::field_name(&target, &doc.wb));
        match target.write(&mut doc.wb, &text) {
            Ok(changed) => {
                ed.error = None;
                if changed {
                    if let Some(q) = target.question() {
                        let a = doc.wb.answer_mut(q);
                        a.touch(&self.user, chrono::Utc::now());
                    }
                    doc.changed();
                    self.remember(snap, label);
                }
                true
            }
            Err(e) => {
                ed.error = Some(e.to_string());
                false
            }
        }
    }

    /// Esc in the editor, by the one rule ([`esc`]): closes keeping what was
    /// typed, or, when it cannot be kept, asks first.
    fn editor_esc(&mut self) {
        let Some(Popup::Editor(ed)) = &self.popup else {
            return;
        };
        let asked = ed.asked;
        let kept = ed.text() == ed.original || self.commit_editor();
        match esc(kept, asked, "it") {
            Esc::Close => self.close_editor(),
            Esc::Ask(question) => {
                if let Some(Popup::Editor(ed)) = &mut self.popup {
                    ed.asked = true;
                    ed.error = Some(match ed.error.take() {
                        Some(e) => format!("{question}. {e}"),
                        None => question,
                    });
                }
            }
        }
    }

    fn close_editor(&mut self) {
        let Some(Popup::Editor(ed)) = self.popup.take() else {
            return;
        };
        let snap = self.before_change(&Part::of(&ed.target));
        let label = self
            .wb()
            .map(|wb| format!("delete {}", undo::field_name(&ed.target, wb)))
            .unwrap_or_default();
        // A new list item left empty is not kept.
        if ed.added
            && ed.text().trim().is_empty()
            && let Some(doc) = &mut self.doc
        {
            let removed = ed.target.remove_item(&mut doc.wb);
            if removed {
                doc.changed();
                self.remember(snap, label);
            }
        }
        // What the editor changed is one entry, none if it came to nothing.
        if let (Some(g), Some(doc)) = (self.group.take(), &self.doc) {
            self.history.forget_if_unchanged(&doc.wb, g);
        }
    }

    fn search_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::Search(s)) = &mut self.popup else {
            return;
        };
        match action {
            Some(Action::Up) => return s.sel = s.sel.saturating_sub(1),
            Some(Action::Down) => return s.sel = (s.sel + 1).min(s.hits.len().saturating_sub(1)),
            Some(Action::Quit) => {
                self.popup = None;
                return self.request_quit();
            }
            _ => {}
        }
        match feed(&mut s.input, action, ev) {
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(_)) => {
                let hit = s.hits.get(s.sel).cloned();
                self.popup = None;
                match hit.map(|h| h.place) {
                    Some(Place::Question(i)) => {
                        self.screen = Screen::Questions;
                        self.q.pane = Pane::List;
                        self.select_question(i);
                    }
                    Some(Place::Evidence(i)) => {
                        self.ev.kind = None;
                        self.ev.query.clear();
                        self.ev.list.sel = i;
                        self.screen = Screen::Evidence;
                    }
                    Some(Place::Case(i, field)) => {
                        let field = CASE_FIELDS.iter().position(|f| *f == field);
                        self.proud = ListForm {
                            sel: i,
                            pane: Pane::List,
                            field: field.unwrap_or(0),
                        };
                        self.screen = Screen::ProudOf;
                    }
                    Some(Place::Details(target)) => {
                        let rows = self.wb().map(super::screens::details::rows);
                        let row =
                            rows.and_then(|r| r.iter().position(|t| *t == Some(target.clone())));
                        self.details.sel = row.unwrap_or(0);
                        self.details.pane = Pane::List;
                        self.screen = Screen::Details;
                    }
                    Some(Place::Metric(i)) => {
                        self.metrics.sel = i;
                        self.metrics.pane = Pane::List;
                        self.screen = Screen::Metrics;
                    }
                    None => {}
                }
            }
            Handled::Consumed => self.run_search(),
            Handled::Ignored => {}
        }
    }

    fn run_search(&mut self) {
        let Some(Popup::Search(s)) = &mut self.popup else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        let q = s.input.trimmed().to_lowercase();
        s.hits = if q.is_empty() {
            Vec::new()
        } else {
            let low = per_revision(&self.lowered, doc, Lowered::new);
            search(&doc.wb, &low, &q, 200)
        };
        s.sel = 0;
    }

    fn filter_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::Filter(input)) = &mut self.popup else {
            return;
        };
        match feed(input, action, ev) {
            // The filter is applied as it is typed; Enter and Esc both
            // leave it in force.
            Handled::Done(_) => self.popup = None,
            Handled::Consumed => {
                self.ev.query = input.text();
                self.ev.list.sel = 0;
            }
            Handled::Ignored => {}
        }
    }

    /// Asks for the user's name (the first run): it goes in locks and in
    /// "last changed by", and is kept in the config folder.
    pub fn ask_user_name(&mut self) {
        // A login name is offered to keep; "unknown user" is not a name to
        // keep, so the field starts empty then.
        let offered = match self.user.as_str() {
            crate::store::paths::UNKNOWN_USER => "",
            name => name,
        };
        self.popup = Some(Popup::UserName(Box::new(TextInput::new(offered))));
    }

    fn user_name_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::UserName(input)) = &mut self.popup else {
            return;
        };
        match feed(input, action, ev) {
            // Esc keeps the login name for this run and asks again next time.
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(name)) => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return;
                }
                self.popup = None;
                self.message = Some(match crate::store::paths::store_user_name(&name) {
                    Ok(at) => (
                        format!("Hello, {name}. Your name is kept in {}", at.display()),
                        false,
                    ),
                    Err(e) => (
                        format!("Your name is used now but could not be kept: {e}"),
                        true,
                    ),
                });
                // The rest of this run names them too (locks of workbooks
                // opened from now on, CSV imports).
                crate::store::paths::set_user_name(&name);
                self.user = name;
            }
            Handled::Consumed | Handled::Ignored => {}
        }
    }

    fn review_as_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::ReviewAs(input)) = &mut self.popup else {
            return;
        };
        match feed(input, action, ev) {
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(name)) => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return;
                }
                self.popup = None;
                self.message = Some((format!("Reviewing as {name}: W again to leave"), false));
                self.reviewer = Some(name);
                self.screen = Screen::Questions;
                self.q.slot = 0;
            }
            Handled::Consumed | Handled::Ignored => {}
        }
    }

    fn new_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::New(n)) = &mut self.popup else {
            return;
        };
        let asked = std::mem::take(&mut n.asked) && action == Some(Action::Back);
        if let Some(Action::NextPane | Action::Up | Action::Down) = action {
            n.on_title = !n.on_title;
            return;
        }
        let input = if n.on_title {
            &mut n.title
        } else {
            &mut n.council
        };
        match feed(input, action, ev) {
            Handled::Done(Typed::Cancel) => {
                let typed = !n.council.trimmed().is_empty() || !n.title.trimmed().is_empty();
                match esc(!typed, asked, "the council and title typed") {
                    Esc::Close => self.popup = None,
                    Esc::Ask(question) => {
                        n.asked = true;
                        n.error = Some(question);
                    }
                }
            }
            // Enter on the council goes on to the title; on the title it
            // creates the workbook.
            Handled::Done(Typed::Submit(_)) if !n.on_title => n.on_title = true,
            Handled::Done(Typed::Submit(_)) => self.create_workbook(),
            Handled::Consumed | Handled::Ignored => n.error = None,
        }
    }

    fn create_workbook(&mut self) {
        let Some(Popup::New(n)) = &mut self.popup else {
            return;
        };
        let council = n.council.trimmed();
        let title = n.title.trimmed();
        if council.is_empty() || title.is_empty() {
            n.error = Some("Give both the council and the review title".into());
            n.on_title = !council.is_empty();
            return;
        }
        let Some(fw) = self.registry.frameworks.get(n.framework).cloned() else {
            return;
        };
        let wb = Workbook::new(fw, &council, &title);
        let stem = crate::workbook::file_stem(&format!("{council} {title}"));
        let mut path = self.workbooks_dir.join(format!("{stem}.yaml"));
        let mut k = 2;
        while path.exists() {
            path = self.workbooks_dir.join(format!("{stem}-{k}.yaml"));
            k += 1;
        }
        match WorkbookFile::create(&path, &wb) {
            Ok(file) => {
                drop(file);
                self.popup = None;
                self.open_path(&path);
                self.message = Some((format!("Created {}", path.display()), false));
            }
            Err(e) => n.error = Some(e.to_string()),
        }
    }

    fn popup_action(&mut self, action: Action) {
        match &mut self.popup {
            Some(Popup::Unsaved(_)) => self.unsaved_action(action),
            Some(Popup::Pick(_)) => self.pick_action(action),
            Some(Popup::Help { scroll }) => match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll += 10,
                Action::PageUp => *scroll = scroll.saturating_sub(10),
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
                | Popup::UserName(_),
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

    /// Writes an export beside the workbook, under a name not yet taken,
    /// and says where it went.
    pub fn export(&mut self, choice: ExportChoice) {
        let Some(doc) = &self.doc else { return };
        let wb = &doc.wb;
        let opts = crate::export::Options {
            produced: chrono::Local::now().date_naive(),
        };
        let (bytes, name) = match choice {
            ExportChoice::Pack(pack, format) => (
                crate::export::render(wb, pack, format, &opts),
                crate::export::file_name(wb, pack, format),
            ),
            ExportChoice::Csv => (
                crate::export::csv_io::export(wb),
                format!(
                    "{}.csv",
                    crate::workbook::file_stem(&format!(
                        "{} {}",
                        wb.review.council, wb.review.title
                    ))
                ),
            ),
        };
        let dir = doc
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let mut path = dir.join(&name);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
        let mut k = 2;
        while path.exists() {
            path = dir.join(format!("{stem}-{k}.{ext}"));
            k += 1;
        }
        self.message = Some(match crate::store::write_atomic(&path, &bytes) {
            Ok(()) => (format!("Exported to {}", path.display()), false),
            Err(e) => (format!("Export failed: {e}"), true),
        });
    }

    pub(super) fn link(&mut self, qid: &str, idx: usize) {
        let Some(id) = self
            .wb()
            .and_then(|w| w.evidence.get(idx))
            .map(|e| e.id.clone())
        else {
            return;
        };
        let mut already = false;
        let added = self.with_answer(qid, |a| {
            if a.evidence.contains(&id) {
                already = true;
            } else {
                a.evidence.push(id.clone());
            }
        });
        if !added && !already {
            return; // refused: the status bar says why
        }
        let r = self
            .wb()
            .and_then(|w| w.framework.question(qid))
            .map(|(_, q)| q.display_ref().to_string())
            .unwrap_or_default();
        let label = crate::workbook::evidence_label(idx);
        self.message = Some(if added {
            (format!("Linked {label} to {r}"), false)
        } else {
            (format!("{label} is already linked to {r}"), false)
        });
    }

    fn confirmed(&mut self, op: Pending) {
        let name = self.reviewer.clone().unwrap_or_default();
        let (part, label) = match &op {
            Pending::DeleteEvidence(i) => {
                let id = self.wb().and_then(|w| w.evidence.get(*i));
                let id = id.map_or(String::new(), |e| e.id.clone());
                (Part::Whole, format!("delete evidence {id}"))
            }
            Pending::DeleteCase(i) => (Part::ProudOf, format!("delete case study {}", i + 1)),
            Pending::DeleteActivity(i) => {
                (Part::Reviewer(name), format!("delete activity {}", i + 1))
            }
            Pending::DeleteMember(i) => (Part::Review, format!("delete team member {}", i + 1)),
        };
        let reviewer = self.reviewer.clone();
        let done = self.change(part, |wb| {
            match op {
                Pending::DeleteEvidence(i) => {
                    if i < wb.evidence.len() {
                        let id = wb.evidence_mut().remove(i).id;
                        for a in &mut wb.answers {
                            a.evidence.retain(|e| *e != id);
                        }
                    }
                }
                Pending::DeleteCase(i) => {
                    if i < wb.proud_of.len() {
                        wb.proud_of.remove(i);
                    }
                }
                Pending::DeleteActivity(i) => {
                    if let Some(name) = reviewer {
                        let acts = &mut wb.reviewer_mut(&name).activities;
                        if i < acts.len() {
                            acts.remove(i);
                        }
                    }
                }
                Pending::DeleteMember(i) => {
                    if i < wb.review.team.len() {
                        wb.review.team.remove(i);
                    }
                }
            }
            Some(label)
        });
        if !done {
            return;
        }
        let n = self.list_len();
        if let Some(lf) = self.current_list_form_mut() {
            lf.sel = lf.sel.min(n.saturating_sub(1));
            lf.field = 0;
        }
    }

    fn list_form_action(&mut self, action: Action) {
        let sizes = ListSizes {
            items: self.list_len(),
            fields: self.form_len(),
            page: self.frame.size.height.saturating_sub(6).max(1) as usize,
            // The details screen is one list of fields, with no form beside it.
            has_form: self.screen != Screen::Details,
        };
        let screen = self.screen;
        let Some(lf) = self.current_list_form_mut() else {
            return;
        };
        match lf.navigate(action, sizes) {
            Handled::Done(()) => return self.screen = Screen::Questions,
            Handled::Consumed if action == Action::NextPane => return,
            _ => {}
        }
        match screen {
            Screen::Evidence => self.evidence_action(action),
            Screen::Details => super::screens::details::action(self, action),
            Screen::Metrics => super::screens::metrics::action(self, action),
            Screen::ProudOf => super::screens::proud_of::action(self, action),
            Screen::Activity => super::screens::activity::action(self, action),
            _ => {}
        }
    }

    fn evidence_action(&mut self, action: Action) {
        let shown = self.evidence_shown();
        let cur = shown.get(self.ev.list.sel).copied();
        match action {
            Action::FilterKind => {
                self.popup = Some(Popup::Pick(Box::new(pick::kind(true, self.ev.kind))));
            }
            Action::Search => {
                let input = TextInput::new(&self.ev.query);
                self.popup = Some(Popup::Filter(Box::new(input)));
            }
            Action::Add => {
                self.open_group();
                let kind = self.ev.kind.unwrap_or_default();
                let mut idx = 0;
                let added = self.change(Part::Evidence, |wb| {
                    let item = new_evidence(wb, kind);
                    let label = format!("add evidence {}", item.id);
                    wb.evidence_mut().push(item);
                    idx = wb.evidence.len() - 1;
                    Some(label)
                });
                if !added {
                    return;
                }
                self.ev.query.clear();
                let pos = self
                    .evidence_shown()
                    .iter()
                    .position(|i| *i == idx)
                    .unwrap_or(0);
                self.ev.list.sel = pos;
                self.ev.list.pane = Pane::Form;
                self.ev.list.field = 0;
                self.edit(Target::Evidence(idx, EvField::Title), false);
            }
            Action::Open | Action::Edit => {
                let Some(i) = cur else { return };
                if self.ev.list.pane == Pane::List {
                    self.ev.list.pane = Pane::Form;
                    self.ev.list.field = 0;
                    return;
                }
                match self.evidence_fields(i).get(self.ev.list.field) {
                    Some(Some(f)) => self.edit(Target::Evidence(i, *f), false),
                    Some(None) => {
                        if !self.may_change() {
                            return;
                        }
                        let k = self.wb().map(|w| w.evidence[i].kind).unwrap_or_default();
                        self.popup = Some(Popup::Pick(Box::new(pick::kind(false, Some(k)))));
                    }
                    None => {}
                }
            }
            Action::Delete => {
                let Some(i) = cur else { return };
                let Some(wb) = self.wb() else { return };
                let e = &wb.evidence[i];
                let refs = wb.citing_refs(&e.id);
                let message = if refs.is_empty() {
                    format!("Delete {} \"{}\"? No question cites it.", e.id, e.title)
                } else {
                    format!(
                        "Delete {} \"{}\"? It is cited by {}; those links go too.",
                        e.id,
                        e.title,
                        refs.join(", ")
                    )
                };
                self.popup = Some(Popup::Confirm {
                    ask: Confirm::new(message, &self.keymap),
                    on_yes: Pending::DeleteEvidence(i),
                });
            }
            Action::Link | Action::Unlink => {
                let (Some(i), Some(q)) = (cur, self.current_question()) else {
                    return;
                };
                if action == Action::Link {
                    self.link(&q, i);
                } else if let Some(id) = self.wb().map(|w| w.evidence[i].id.clone()) {
                    let mut removed = false;
                    self.with_answer(&q, |a| {
                        let before = a.evidence.len();
                        a.evidence.retain(|e| *e != id);
                        removed = a.evidence.len() != before;
                    });
                    let label = crate::workbook::evidence_label(i);
                    self.message = Some((
                        if removed {
                            format!("Unlinked {label} from the current question")
                        } else {
                            format!("{label} is not linked to the current question")
                        },
                        false,
                    ));
                }
            }
            _ => {}
        }
    }

    /// Called between events: starts pending saves and collects results.
    pub fn tick(&mut self, now: Instant) {
        self.saving_tick(now);
    }
}

/// The field a new item of a findings row's section is typed in (the
/// editor adds it); None for a recommendation, which is added first.
fn new_finding(f: &crate::workbook::onsite::Findings, row: &FindRow) -> Option<Target> {
    let in_domain = |d: &str, n: fn(&crate::workbook::onsite::DomainFindings) -> usize| {
        f.domains.iter().find(|x| x.domain == d).map_or(0, n)
    };
    Some(match row {
        FindRow::KeyMessage(_) | FindRow::AddKeyMessage => Target::KeyMessage(f.key_messages.len()),
        FindRow::Strength(d, _) | FindRow::AddStrength(d) => {
            Target::FindingStrength(d.clone(), in_domain(d, |x| x.strengths.len()))
        }
        FindRow::Area(d, _) | FindRow::AddArea(d) => {
            Target::FindingArea(d.clone(), in_domain(d, |x| x.areas.len()))
        }
        FindRow::NextStep(_) | FindRow::AddNextStep => Target::NextStep(f.next_steps.len()),
        FindRow::Rec(_) | FindRow::AddRec => return None,
    })
}

/// A value made from the open workbook at most once per revision of it.
fn per_revision<T>(
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
