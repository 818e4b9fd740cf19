//! The one place the workbook is changed from the interface: a read-only
//! workbook refuses (and the status bar says so), and so does reviewer mode
//! for anything but the reviewer's own section; the part changed is kept
//! for undo, the change is recorded under what it did, and the save is
//! started. Undo and redo go through the same gate and the same save (the
//! history is in `undo`): an undo in reviewer mode can no more touch the
//! council's data than the change it undoes could.

use super::app::{App, Pane, Screen};
use super::keys::Action;
use super::undo::{History, Part, Snapshot, Spot};
use crate::store::session::Doc;
use crate::workbook::Workbook;

const READ_ONLY: &str = "Read-only: nothing can be changed here";

impl App {
    /// Performs a workbook edit: unless `part` may not be changed (the
    /// workbook is read-only, or reviewer mode and not the reviewer's own
    /// section), it is kept for undo and `edit` runs; if it names what it changed, the
    /// change is recorded under that label and the save is started. True if
    /// the workbook changed.
    pub(in crate::tui) fn change(
        &mut self,
        part: Part,
        edit: impl FnOnce(&mut Workbook) -> Option<String>,
    ) -> bool {
        // The part as it was, unless the change folds into the open group's
        // entry; taken only once the change is allowed.
        let group = self.group;
        let mut snap = None;
        let mut label = None;
        self.perform(&part, |wb, history| {
            if !history.continues(group) {
                snap = Some(Snapshot::take(wb, &part));
            }
            label = edit(wb);
            label.is_some()
        });
        match label {
            Some(label) => {
                self.remember(snap, label);
                true
            }
            None => false,
        }
    }

    /// Whether `part` may be changed: not when the workbook is read-only,
    /// nor, in reviewer mode, when it is not the reviewer's own section
    /// (the status bar says why). Every change and every undo or redo
    /// asks it first.
    pub(in crate::tui) fn may_change_part(&mut self, part: &Part) -> bool {
        self.may_change() && !self.refused_in_reviewer_mode(part)
    }

    /// Runs `edit` on the workbook and its history unless `part` may not be
    /// changed ([`App::may_change_part`]: None then, and the status bar
    /// says why); if it says it changed something, the save is started.
    /// Only [`App::change`] and undo use it, so an undo is refused and saved
    /// exactly as the change it undoes was.
    fn perform(
        &mut self,
        part: &Part,
        edit: impl FnOnce(&mut Workbook, &mut History) -> bool,
    ) -> Option<bool> {
        if !self.may_change_part(part) {
            return None;
        }
        let doc = self.doc.as_mut()?;
        let changed = edit(&mut doc.wb, &mut self.history);
        if changed {
            doc.changed();
        }
        Some(changed)
    }

    /// False, and the status bar says why, if the workbook is read-only:
    /// asked before opening what would lead to a change (an editor, a
    /// picker, a question).
    pub(in crate::tui) fn may_change(&mut self) -> bool {
        if self.doc.as_ref().is_some_and(Doc::is_read_only) {
            self.message = Some((READ_ONLY.into(), true));
            return false;
        }
        true
    }

    /// Refuses an action that always changes the workbook when it is
    /// read-only, before any screen sees it. True if refused.
    pub(super) fn refuse_read_only(&mut self, action: Action) -> bool {
        self.screen != Screen::Start && action.changes_workbook() && !self.may_change()
    }
}

impl App {
    /// Where the selection is, to come back to when a change is undone.
    pub(super) fn spot(&self) -> Spot {
        let list = self.current_list_form();
        Spot {
            screen: self.screen,
            question: self.q.sel,
            pane: match self.screen {
                Screen::Questions => self.q.pane,
                _ => list.map_or(Pane::List, |l| l.pane),
            },
            slot: self.q.slot,
            list: match self.screen {
                Screen::Findings => self.findings.sel,
                _ => list.map_or(0, |l| l.sel),
            },
            field: list.map_or(0, |l| l.field),
        }
    }

    /// Starts a group of changes that are undone together (an editor and
    /// the new item it was opened on); it ends when the editor closes.
    pub(in crate::tui) fn open_group(&mut self) {
        if self.group.is_none() {
            self.groups += 1;
            self.group = Some(self.groups);
        }
    }

    /// Records a change made after `before` was taken. A deletion says in
    /// the status bar how to undo it.
    fn remember(&mut self, before: Option<Snapshot>, label: String) {
        let Some(before) = before else { return };
        if let Some(what) = label.strip_prefix("delete ") {
            let key = self.key_name(Action::Undo);
            self.message = Some((format!("Deleted {what} — {key} to undo"), false));
        }
        let spot = self.spot();
        self.history.record(before, label, spot, self.group);
    }

    /// The key for an action here, as the status bar names it.
    pub(super) fn key_name(&self, action: Action) -> String {
        self.keymap
            .key_for(self.screen.context(), action)
            .map_or_else(|| action.name().to_string(), |k| k.to_string())
    }

    /// Undoes (or redoes) the newest change, selects where it was made and
    /// says what it was. The workbook is saved as after any change.
    pub(super) fn undo_step(&mut self, redo: bool) {
        let what = if redo { "redo" } else { "undo" };
        if !self.may_change() {
            return;
        }
        let Some((part, label)) = self.history.next(redo).map(|(p, l)| (p, l.to_string())) else {
            self.message = Some((format!("Nothing to {what}"), false));
            return;
        };
        let mut step = None;
        let done = self.perform(&part, |wb, history| {
            step = if redo {
                history.redo(wb)
            } else {
                history.undo(wb)
            };
            step.is_some()
        });
        if done.is_none() {
            // Reviewer mode: the change is to the council's data (or another
            // reviewer's), which only leaving reviewer mode may touch.
            if self.reviewer.is_some() {
                let key = self.key_name(Action::ReviewAs);
                self.message = Some((
                    format!(
                        "Reviewer mode: nothing to {what} of your own; the last change ({label}) is not in your section ({key} leaves reviewer mode)"
                    ),
                    true,
                ));
            }
            return;
        }
        let Some(step) = step else {
            self.message = Some((format!("Nothing to {what}"), false));
            return;
        };
        self.return_to(step.spot);
        let (done, other, again) = if redo {
            ("redid", Action::Undo, "undo")
        } else {
            ("undid", Action::Redo, "redo")
        };
        let key = self.key_name(other);
        self.message = Some((format!("{done}: {} — {key} to {again}", step.label), false));
    }

    /// Goes back to where a change was made, within what is there now.
    pub(super) fn return_to(&mut self, spot: Spot) {
        if self.tabs().contains(&spot.screen) {
            self.screen = spot.screen;
        }
        let last = |n: usize| n.saturating_sub(1);
        self.land_on(spot.question.min(last(self.q.question_rows.len())));
        match self.screen {
            Screen::Questions => {
                self.q.pane = spot.pane;
                self.q.slot = spot.slot.min(last(self.slots().len()));
            }
            Screen::Findings => {
                self.findings.sel = spot.list.min(last(
                    self.wb()
                        .map_or(0, |w| super::screens::findings::rows(w).len()),
                ));
            }
            _ => {
                let n = self.list_len();
                if let Some(lf) = self.current_list_form_mut() {
                    lf.sel = spot.list.min(last(n));
                    lf.pane = spot.pane;
                }
                let m = self.form_len();
                if let Some(lf) = self.current_list_form_mut() {
                    lf.field = spot.field.min(last(m));
                }
            }
        }
    }
}

/// The app as the screens see it while they handle an action.
impl super::screens::ctx::ScreenCtx for App {
    fn workbook(&self) -> Option<&Workbook> {
        self.wb()
    }
    fn list_form(&mut self) -> &mut super::screens::ListForm {
        match self.screen {
            Screen::Evidence => &mut self.ev.list,
            Screen::Details => &mut self.details,
            Screen::Metrics => &mut self.metrics,
            Screen::Activity => &mut self.activity,
            Screen::Findings => &mut self.findings,
            Screen::Peer => &mut self.peer.list,
            _ => &mut self.proud,
        }
    }
    fn change<F: FnOnce(&mut Workbook) -> Option<String>>(&mut self, part: Part, edit: F) -> bool {
        App::change(self, part, edit)
    }
    fn edit(&mut self, target: super::edit::Target, added: bool) {
        App::edit(self, target, added)
    }
    fn ask(&mut self, message: String, on_yes: super::screens::Pending) {
        self.popup = Some(super::app::Popup::Confirm {
            ask: super::widgets::confirm::Confirm::new(message, &self.keymap),
            on_yes,
        });
    }
    fn open_group(&mut self) {
        App::open_group(self)
    }
    fn allowed(&mut self, part: &Part) -> bool {
        self.may_change_part(part)
    }
    fn choose(&mut self, pick: super::popups::pick::Pick) {
        if self.may_change() {
            self.popup = Some(super::app::Popup::Pick(Box::new(pick)));
        }
    }
    fn reviewer(&self) -> Option<(String, Option<String>)> {
        let name = self.reviewer.clone()?;
        Some((name, self.reviewer_role.clone()))
    }
    fn say(&mut self, message: String) {
        self.message = Some((message, false));
    }
    fn show(&mut self, screen: Screen) {
        self.screen = screen;
    }
    fn editing(&self) -> bool {
        matches!(self.popup, Some(super::app::Popup::Editor(_)))
    }
    fn warn(&mut self, message: String) {
        self.message = Some((message, true));
    }
    fn open(&mut self, popup: super::app::Popup) {
        self.popup = Some(popup);
    }
    fn current_question(&self) -> Option<String> {
        App::current_question(self)
    }
    fn select_question(&mut self, i: usize) {
        App::select_question(self, i);
    }
    fn comments(&mut self, qid: &str) {
        self.open_comments(qid, None);
    }
    fn reading(&mut self) -> &mut super::screens::reading::state::ReadingState {
        &mut self.reading
    }
    fn frame_size(&self) -> ratatui::layout::Rect {
        self.frame.size
    }
    fn user(&self) -> String {
        self.user.clone()
    }
    fn report_view(&mut self) -> &mut super::screens::report_state::ReportState {
        &mut self.report_view
    }
    fn change_answer<F: FnOnce(&mut crate::workbook::Answer)>(
        &mut self,
        qid: &str,
        edit: F,
    ) -> bool {
        self.with_answer(qid, edit)
    }
    fn evidence(&mut self) -> &mut super::screens::evidence::state::EvidenceState {
        &mut self.ev
    }
    fn evidence_shown(&self) -> Vec<usize> {
        App::evidence_shown(self)
    }
    fn peer(&mut self) -> &mut super::screens::peer::state::PeerState {
        &mut self.peer
    }
    fn rating_picker(&mut self, qid: &str) {
        self.open_rating_picker(qid)
    }
    fn team_notes(&mut self, qid: &str) {
        self.open_team_notes(qid)
    }
}
