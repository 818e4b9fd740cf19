//! The screens: which there are, what they are called, the state they
//! share, and one file (or folder) a screen that draws it and handles its
//! actions. Start, details, metrics, proud of, activity, findings,
//! evidence, peer, the reading view and the report view act through [`ctx::ScreenCtx`] (what a screen may ask
//! of the app, passed in) and draw from [`ctx::DrawCtx`] (what they may
//! read) with their own state, so they need nothing of the app; the
//! dashboard draws so too. The questions screen's actions are still `impl App` blocks in their own
//! files, and it draws from `&App`.

pub mod activity;
pub mod comment_marks;
pub mod ctx;
pub mod dashboard;
mod dashboard_team;
pub mod details;
pub mod evidence;
pub mod evidence_categories;
pub mod findings;
pub mod findings_only;
mod findings_order;
pub mod list_forms;
pub mod metrics;
pub mod peer;
pub mod proud_of;
pub mod question_filter;
pub mod question_pane;
pub mod question_sort;
pub mod questions;
pub mod readiness;
pub mod reading;
pub mod report;
pub mod report_state;
pub mod signoff;
pub mod start;
pub mod word_count;

use super::component::Handled;
use super::keys::{Action, Context};

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
    /// `W` in reviewer mode: back to the council's view.
    LeaveReviewer,
    /// An export asked about first (the feedback report as a draft).
    Export(super::popups::export_choice::ExportChoice),
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
    /// A domain's narratives one after another, to read and edit as a
    /// document (`w` on the Questions screen; not a tab of its own).
    Reading,
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
            Screen::Reading => "Reading",
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
            Screen::Reading => Context::Reading,
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

/// How long a list-form screen's list and form are, for moving in them.
#[derive(Debug, Clone, Copy)]
pub struct ListSizes {
    pub items: usize,
    pub fields: usize,
    /// Rows a page moves.
    pub page: usize,
    /// False for a screen that is one list with no form beside it.
    pub has_form: bool,
}

impl ListForm {
    /// Moving in the list and the form, shared by the list-form screens:
    /// Tab switches pane, the arrows and pages move in the pane with focus,
    /// Esc in the form goes back to the list. `Done` for Esc in the list
    /// (leave the screen); `Consumed` when it moved (the screen may still
    /// use the action: Enter, say).
    pub fn navigate(&mut self, action: Action, n: ListSizes) -> Handled<()> {
        let in_form = self.pane == Pane::Form && n.has_form;
        let last_item = n.items.saturating_sub(1);
        let last_field = n.fields.saturating_sub(1);
        match action {
            Action::NextPane if n.has_form => {
                self.pane = if self.pane == Pane::List {
                    Pane::Form
                } else {
                    Pane::List
                };
                self.field = 0;
                return Handled::Consumed;
            }
            Action::Up if in_form => self.field = self.field.saturating_sub(1),
            Action::Down if in_form => self.field = (self.field + 1).min(last_field),
            Action::Top | Action::PageUp if in_form => self.field = 0,
            Action::Bottom | Action::PageDown if in_form => self.field = last_field,
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(last_item),
            Action::PageUp => self.sel = self.sel.saturating_sub(n.page),
            Action::PageDown => self.sel = (self.sel + n.page).min(last_item),
            Action::Top => self.sel = 0,
            Action::Bottom => self.sel = last_item,
            Action::Back if in_form => self.pane = Pane::List,
            Action::Back => return Handled::Done(()),
            _ => return Handled::Ignored,
        }
        if matches!(action, Action::Up | Action::Down) && !in_form {
            self.field = 0;
        }
        Handled::Consumed
    }
}
