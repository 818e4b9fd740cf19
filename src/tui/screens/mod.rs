//! The screens: which there are, what they are called, the state they
//! share, and one file a screen that draws it and, for the screens moved so
//! far (start, proud of, metrics, details, activity), handles its actions through [`ScreenCtx`]: what a
//! screen may ask of the app, passed in, so no screen's actions need the
//! app itself. (The other screens' actions are still in `app.rs`.)

pub mod activity;
pub mod dashboard;
pub mod details;
pub mod evidence;
pub mod findings;
pub mod metrics;
pub mod peer;
pub mod proud_of;
pub mod questions;
pub mod start;

use super::edit::Target;
use super::keys::Context;
use super::undo::Part;
use crate::workbook::Workbook;

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
    /// Opens a picker whose choice changes the workbook (refused, and the
    /// status bar says why, on a read-only one).
    fn choose(&mut self, pick: super::popups::pick::Pick);
    /// Who is reviewing, in reviewer mode, and the role they gave.
    fn reviewer(&self) -> Option<(String, Option<String>)>;
}

/// Removes the `i`th string of a list; false if there is none.
pub fn remove_at(list: &mut Vec<String>, i: usize) -> bool {
    if i < list.len() {
        list.remove(i);
        true
    } else {
        false
    }
}

/// What a confirmed question does.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    DeleteEvidence(usize),
    DeleteCase(usize),
    DeleteMember(usize),
    DeleteActivity(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Start,
    Questions,
    Evidence,
    Dashboard,
    Details,
    Metrics,
    ProudOf,
    /// A reviewer's activity log (reviewer mode).
    Activity,
    /// Everyone's ratings side by side, agreed ratings, gaps, triangulation.
    Peer,
    /// The review manager's findings and recommendations.
    Findings,
}

impl Screen {
    pub const TABS: [Screen; 6] = [
        Screen::Questions,
        Screen::Evidence,
        Screen::Dashboard,
        Screen::Details,
        Screen::Metrics,
        Screen::ProudOf,
    ];
    /// Reviewer mode's tabs: the questions, their own log, and what they
    /// can read.
    pub const REVIEW_TABS: [Screen; 5] = [
        Screen::Questions,
        Screen::Activity,
        Screen::Evidence,
        Screen::Dashboard,
        Screen::Details,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Screen::Start => "Start",
            Screen::Questions => "Questions",
            Screen::Evidence => "Evidence",
            Screen::Dashboard => "Dashboard",
            Screen::Details => "Details",
            Screen::Metrics => "Metrics",
            Screen::ProudOf => "Proud of",
            Screen::Activity => "Activity",
            Screen::Peer => "Peer",
            Screen::Findings => "Findings",
        }
    }
    pub fn context(self) -> Context {
        match self {
            Screen::Start => Context::Start,
            Screen::Questions => Context::Questions,
            Screen::Evidence => Context::Evidence,
            Screen::Dashboard => Context::Dashboard,
            Screen::Details => Context::Details,
            Screen::Metrics => Context::Metrics,
            Screen::ProudOf => Context::ProudOf,
            Screen::Activity => Context::Activity,
            Screen::Peer => Context::Peer,
            Screen::Findings => Context::Findings,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    List,
    Form,
}

#[derive(Debug, Default)]
pub struct ListForm {
    pub sel: usize,
    pub pane: Pane,
    pub field: usize,
}
