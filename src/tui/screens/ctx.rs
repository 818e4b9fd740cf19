//! What a screen may ask of the app while it handles an action (the app
//! implements it, in `changes.rs`), and what it may read while it draws:
//! a screen's `action` and `draw` take these instead of the app.

use super::evidence::state::EvidenceState;
use super::peer::state::PeerState;
use super::reading::state::ReadingState;
use super::report_state::ReportState;
use super::{ListForm, Pending, Screen};
use crate::tui::drawn::Drawn;
use crate::tui::edit::Target;
use crate::tui::keys::Keymap;
use crate::tui::popups::Popup;
use crate::tui::popups::pick::Pick;
use crate::tui::theme::Theme;
use crate::tui::undo::Part;
use crate::workbook::{Answer, Workbook};
use ratatui::layout::Rect;

/// What a screen may ask of the app while it handles an action.
pub trait ScreenCtx {
    /// The open workbook.
    fn workbook(&self) -> Option<&Workbook>;
    /// The list and form of the screen being handled.
    fn list_form(&mut self) -> &mut ListForm;
    /// The one place a workbook edit is made (read-only refusal, undo,
    /// change record, save): `edit` returns what it did, or None if
    /// nothing changed. True if the workbook changed.
    fn change<F: FnOnce(&mut Workbook) -> Option<String>>(&mut self, part: Part, edit: F) -> bool;
    /// Opens the editor on a field (`added`: a new item, dropped if left
    /// empty).
    fn edit(&mut self, target: Target, added: bool);
    /// Asks a yes/no question; yes does `on_yes`.
    fn ask(&mut self, message: String, on_yes: Pending);
    /// Starts a group of changes undone together (a new item and the
    /// editor opened on it).
    fn open_group(&mut self);
    /// Whether `part` of the workbook may be changed here; if not, the
    /// status bar says why (read-only, or reviewer mode and not the
    /// reviewer's own section). Asked before opening what leads to a change.
    fn allowed(&mut self, part: &Part) -> bool;
    /// Opens a picker whose choice changes the workbook (refused, and the
    /// status bar says why, on a read-only one).
    fn choose(&mut self, pick: Pick);
    /// Who is reviewing, in reviewer mode, and the role they gave.
    fn reviewer(&self) -> Option<(String, Option<String>)>;
    /// Says something in the status bar (not an error).
    fn say(&mut self, message: String);
    /// Shows another screen.
    fn show(&mut self, screen: Screen);
    /// Whether the editor is open (an `edit` was not refused).
    fn editing(&self) -> bool;
    /// Says something wrong in the status bar (an error).
    fn warn(&mut self, message: String);
    /// Opens a pop-up that changes nothing by being opened (a filter, a
    /// list to read or choose from); what it leads to is refused, if it
    /// must be, when it is done.
    fn open(&mut self, popup: Popup);
    /// The question selected on the questions screen (the one the Evidence
    /// screen's `l` and `u` act on).
    fn current_question(&self) -> Option<String>;
    /// Selects the `i`th question (in framework order) on the questions
    /// screen (which [`ScreenCtx::show`] shows).
    fn select_question(&mut self, i: usize);
    /// Opens the thread of comments on a question's answer.
    fn comments(&mut self, qid: &str);
    /// The reading view's state.
    fn reading(&mut self) -> &mut ReadingState;
    /// The terminal's size at the last frame.
    fn frame_size(&self) -> Rect;
    /// Who is typing (for "last changed by", a sign-off, a comment).
    fn user(&self) -> String;
    /// The Findings screen's report view.
    fn report_view(&mut self) -> &mut ReportState;
    /// Changes a question's answer through [`ScreenCtx::change`], stamped
    /// as changed by the user. True if it changed.
    fn change_answer<F: FnOnce(&mut Answer)>(&mut self, qid: &str, edit: F) -> bool;
    /// The Evidence screen's state.
    fn evidence(&mut self) -> &mut EvidenceState;
    /// The evidence items its filters leave.
    fn evidence_shown(&self) -> Vec<usize>;
    /// The Peer screen's state.
    fn peer(&mut self) -> &mut PeerState;
    /// Opens the rating picker on a question, on its rating (refused, and
    /// the status bar says why, where nothing can be changed or there is
    /// no scale).
    fn rating_picker(&mut self, qid: &str);
    /// Opens every reviewer's notes on a question.
    fn team_notes(&mut self, qid: &str);
}

/// What a screen reads while it draws, none of which it can change: the
/// open workbook, the colours, what the last frame drew (how far its
/// lists had scrolled) and who is reviewing. The screen's own state is
/// passed beside it.
#[derive(Clone, Copy)]
pub struct DrawCtx<'a> {
    pub wb: Option<&'a Workbook>,
    /// The workbook's revision (what was made from it once per revision
    /// is kept against this).
    pub revision: u64,
    pub theme: Theme,
    pub frame: &'a Drawn,
    /// Reviewer mode: whose entries are shown.
    pub reviewer: Option<&'a str>,
    /// The keys, for a screen that names one.
    pub keymap: &'a Keymap,
}
