//! Each action's name in `keys.yaml`, what help says it does, and the
//! shorter words the footer gives it: one table, so help and the footer
//! cannot disagree about what an action is.

use super::Action;

/// Every action but `Rate` (which carries its level) as (action, its name
/// in `keys.yaml`, what the help screen says it does, what the footer
/// calls it: short, as the footer is one line).
pub(super) const NAMES: &[(Action, &str, &str, &str)] = &[
    (Action::Up, "up", "move up", "move up"),
    (Action::Down, "down", "move down", "move down"),
    (Action::PageUp, "page_up", "page up", "page up"),
    (Action::PageDown, "page_down", "page down", "page down"),
    (
        Action::Top,
        "top",
        "go to the first item",
        "go to the first item",
    ),
    (
        Action::Bottom,
        "bottom",
        "go to the last item",
        "go to the last item",
    ),
    (
        Action::Open,
        "open",
        "open or edit the selected item",
        "open",
    ),
    (Action::Back, "back", "go back or cancel", "back"),
    (Action::NextPane, "next_pane", "switch pane", "pane"),
    (
        Action::RatingPicker,
        "rating_picker",
        "choose a rating from the scale",
        "rating",
    ),
    (
        Action::ClearRating,
        "clear_rating",
        "clear the rating",
        "clear the rating",
    ),
    (
        Action::NotApplicable,
        "not_applicable",
        "mark as N/A",
        "mark as N/A",
    ),
    (
        Action::StatusPicker,
        "status_picker",
        "set the status",
        "status",
    ),
    (
        Action::EditOwner,
        "edit_owner",
        "set the owner",
        "set the owner",
    ),
    (
        Action::SignOff,
        "sign_off",
        "sign the answer off, or take it back",
        "sign off",
    ),
    (
        Action::EditNarrative,
        "edit_narrative",
        "edit the narrative",
        "narrative",
    ),
    (
        Action::NextUnanswered,
        "next_unanswered",
        "next unanswered question",
        "next gap",
    ),
    (
        Action::PrevUnanswered,
        "prev_unanswered",
        "previous unanswered question",
        "previous unanswered question",
    ),
    (Action::Search, "search", "search everything", "search"),
    (Action::Help, "help", "show every key", "help"),
    (Action::Save, "save", "save now", "save now"),
    (Action::Quit, "quit", "quit", "quit"),
    (
        Action::ShowQuestions,
        "show_questions",
        "questions",
        "questions",
    ),
    (
        Action::ShowEvidence,
        "show_evidence",
        "evidence library",
        "evidence library",
    ),
    (
        Action::ShowDashboard,
        "show_dashboard",
        "dashboard",
        "dashboard",
    ),
    (
        Action::ShowDetails,
        "show_details",
        "review details",
        "review details",
    ),
    (Action::ShowMetrics, "show_metrics", "metrics", "metrics"),
    (
        Action::ShowProudOf,
        "show_proud_of",
        "what we're proud of",
        "what we're proud of",
    ),
    (
        Action::ShowActivity,
        "show_activity",
        "your activity log (reviewer mode)",
        "your activity log (reviewer mode)",
    ),
    (
        Action::ShowPeer,
        "show_peer",
        "peer ratings, gaps and triangulation",
        "peer ratings, gaps and triangulation",
    ),
    (
        Action::ShowFindings,
        "show_findings",
        "findings and recommendations",
        "findings and recommendations",
    ),
    (
        Action::Conflicts,
        "conflicts",
        "resolve conflicts from merging",
        "conflicts",
    ),
    (
        Action::ReviewAs,
        "review_as",
        "switch into (or out of) reviewer mode",
        "switch into (or out of) reviewer mode",
    ),
    (
        Action::GapChart,
        "gap_chart",
        "show the self/peer gap chart",
        "gap chart",
    ),
    (
        Action::QuickWin,
        "quick_win",
        "mark or unmark a quick win",
        "quick win",
    ),
    (
        Action::DueDate,
        "due_date",
        "set the due date",
        "set the due date",
    ),
    (
        Action::Progress,
        "progress",
        "write progress on the action",
        "write progress on the action",
    ),
    (Action::Add, "add", "add", "add"),
    (Action::Edit, "edit", "edit", "edit"),
    (Action::Delete, "delete", "delete", "delete"),
    (
        Action::MoveUp,
        "move_up",
        "move the item up",
        "move the item up",
    ),
    (
        Action::MoveDown,
        "move_down",
        "move the item down",
        "move the item down",
    ),
    (Action::Link, "link", "link to the current question", "link"),
    (
        Action::Unlink,
        "unlink",
        "unlink from the current question",
        "unlink from the current question",
    ),
    (
        Action::FilterKind,
        "filter_kind",
        "filter by kind",
        "filter by kind",
    ),
    (
        Action::FilterQuestions,
        "filter_questions",
        "show only my questions, an owner's or a status's",
        "filter",
    ),
    (
        Action::SortQuestions,
        "sort_questions",
        "sort by owner, by status, or framework order",
        "sort",
    ),
    (
        Action::ScrollDetailUp,
        "scroll_detail_up",
        "scroll the answer pane up",
        "scroll the answer pane up",
    ),
    (
        Action::ScrollDetailDown,
        "scroll_detail_down",
        "scroll the answer pane down",
        "scroll the answer pane down",
    ),
    (
        Action::ShowPrompts,
        "show_prompts",
        "show the question's prompts",
        "prompts",
    ),
    (
        Action::Export,
        "export",
        "export a pack, summary or CSV",
        "export a pack, summary or CSV",
    ),
    (
        Action::Undo,
        "undo",
        "undo the last change to the workbook",
        "undo the last change to the workbook",
    ),
    (
        Action::Redo,
        "redo",
        "redo the change undone last",
        "redo the change undone last",
    ),
    (Action::Yes, "yes", "yes", "yes"),
    (Action::No, "no", "no", "no"),
    (
        Action::SaveAs,
        "save_as",
        "save to another file and go on there",
        "save as",
    ),
    (
        Action::OpenCopy,
        "open_copy",
        "make a copy of the workbook and open it",
        "open a copy",
    ),
    (
        Action::KeepTrying,
        "keep_trying",
        "go back; saving is tried again",
        "keep trying",
    ),
    (
        Action::WriteRecovered,
        "write_recovered",
        "write a recovered copy of your changes",
        "recovered copy",
    ),
    (
        Action::Discard,
        "discard",
        "discard your unsaved changes (press twice)",
        "discard",
    ),
    (
        Action::MergeDisk,
        "merge_disk",
        "merge your changes into the file as it is on disk now",
        "merge",
    ),
    (
        Action::Reload,
        "reload",
        "reload the file from disk, dropping your changes (press twice)",
        "reload",
    ),
    (
        Action::Done,
        "done",
        "finish typing in the field",
        "finish typing in the field",
    ),
    (
        Action::ReportView,
        "report_view",
        "the feedback report's own fields (title, summary, background, themes, contacts), and back",
        "report",
    ),
    (
        Action::Categories,
        "categories",
        "tag the item with evidence categories",
        "categories",
    ),
    (
        Action::TeamNotes,
        "team_notes",
        "read every reviewer's notes on the question; take one into the findings",
        "team notes",
    ),
    (
        Action::Programme,
        "programme",
        "the week's programme",
        "programme",
    ),
    // ----- Issue 17: comments and the reading view -----
    (
        Action::Comments,
        "comments",
        "the answer's comments: read, add, resolve or reopen",
        "comments",
    ),
    (
        Action::ResolveComment,
        "resolve_comment",
        "resolve the comment, or reopen it",
        "resolve/reopen",
    ),
    (
        Action::ReadingView,
        "reading_view",
        "read the domain's narratives one after another",
        "read",
    ),
    (
        Action::NextDomain,
        "next_domain",
        "the next domain",
        "next domain",
    ),
    (
        Action::PrevDomain,
        "prev_domain",
        "the previous domain",
        "previous domain",
    ),
    // ----- reviewer mode: a source's programme item (issue 13) -----
    (
        Action::SourceProgramme,
        "source_programme",
        "point a source at its programme item (reviewer mode)",
        "from programme",
    ),
];

impl Action {
    /// The action's row of [`NAMES`].
    fn row(self) -> Option<&'static (Action, &'static str, &'static str, &'static str)> {
        NAMES.iter().find(|(x, ..)| *x == self)
    }
    pub fn name(self) -> &'static str {
        match self {
            Action::Rate(_) => "rate",
            a => a.row().map_or("", |(_, n, ..)| n),
        }
    }
    /// What the help screen says the action does.
    pub fn describe(self) -> String {
        match self {
            Action::Rate(n) => format!("rate at level {n}"),
            a => a.row().map_or(String::new(), |(_, _, d, _)| d.to_string()),
        }
    }
    /// What the footer calls the action.
    pub fn footer_words(self) -> &'static str {
        match self {
            Action::Rate(_) => "rate",
            a => a.row().map_or("", |(.., f)| f),
        }
    }
    pub(super) fn from_name(name: &str) -> Option<Action> {
        NAMES.iter().find(|(_, n, ..)| *n == name).map(|(a, ..)| *a)
    }
}
