//! Each action's name in `keys.yaml`, what help says it does, and the
//! shorter words the footer gives it.

use super::Action;

/// Names used in `keys.yaml`, and what the help screen says.
pub(super) const NAMES: &[(Action, &str, &str)] = &[
    (Action::Up, "up", "move up"),
    (Action::Down, "down", "move down"),
    (Action::PageUp, "page_up", "page up"),
    (Action::PageDown, "page_down", "page down"),
    (Action::Top, "top", "go to the first item"),
    (Action::Bottom, "bottom", "go to the last item"),
    (Action::Open, "open", "open or edit the selected item"),
    (Action::Back, "back", "go back or cancel"),
    (Action::NextPane, "next_pane", "switch pane"),
    (
        Action::RatingPicker,
        "rating_picker",
        "choose a rating from the scale",
    ),
    (Action::ClearRating, "clear_rating", "clear the rating"),
    (Action::NotApplicable, "not_applicable", "mark as N/A"),
    (Action::StatusPicker, "status_picker", "set the status"),
    (Action::EditOwner, "edit_owner", "set the owner"),
    (
        Action::SignOff,
        "sign_off",
        "sign the answer off, or take it back",
    ),
    (
        Action::EditNarrative,
        "edit_narrative",
        "edit the narrative",
    ),
    (
        Action::NextUnanswered,
        "next_unanswered",
        "next unanswered question",
    ),
    (
        Action::PrevUnanswered,
        "prev_unanswered",
        "previous unanswered question",
    ),
    (Action::Search, "search", "search everything"),
    (Action::Help, "help", "show every key"),
    (Action::Save, "save", "save now"),
    (Action::Quit, "quit", "quit"),
    (Action::ShowQuestions, "show_questions", "questions"),
    (Action::ShowEvidence, "show_evidence", "evidence library"),
    (Action::ShowDashboard, "show_dashboard", "dashboard"),
    (Action::ShowDetails, "show_details", "review details"),
    (Action::ShowMetrics, "show_metrics", "metrics"),
    (Action::ShowProudOf, "show_proud_of", "what we're proud of"),
    (
        Action::ShowActivity,
        "show_activity",
        "your activity log (reviewer mode)",
    ),
    (
        Action::ShowPeer,
        "show_peer",
        "peer ratings, gaps and triangulation",
    ),
    (
        Action::ShowFindings,
        "show_findings",
        "findings and recommendations",
    ),
    (
        Action::Conflicts,
        "conflicts",
        "resolve conflicts from merging",
    ),
    (
        Action::ReviewAs,
        "review_as",
        "switch into (or out of) reviewer mode",
    ),
    (
        Action::GapChart,
        "gap_chart",
        "show the self/peer gap chart",
    ),
    (Action::QuickWin, "quick_win", "mark or unmark a quick win"),
    (Action::DueDate, "due_date", "set the due date"),
    (Action::Progress, "progress", "write progress on the action"),
    (Action::Add, "add", "add"),
    (Action::Edit, "edit", "edit"),
    (Action::Delete, "delete", "delete"),
    (Action::MoveUp, "move_up", "move the item up"),
    (Action::MoveDown, "move_down", "move the item down"),
    (Action::Link, "link", "link to the current question"),
    (Action::Unlink, "unlink", "unlink from the current question"),
    (Action::FilterKind, "filter_kind", "filter by kind"),
    (
        Action::FilterQuestions,
        "filter_questions",
        "show only my questions, an owner's or a status's",
    ),
    (
        Action::SortQuestions,
        "sort_questions",
        "sort by owner, by status, or framework order",
    ),
    (
        Action::ScrollDetailUp,
        "scroll_detail_up",
        "scroll the answer pane up",
    ),
    (
        Action::ScrollDetailDown,
        "scroll_detail_down",
        "scroll the answer pane down",
    ),
    (
        Action::ShowPrompts,
        "show_prompts",
        "show the question's prompts",
    ),
    (Action::Export, "export", "export a pack, summary or CSV"),
    (Action::Undo, "undo", "undo the last change to the workbook"),
    (Action::Redo, "redo", "redo the change undone last"),
    (Action::Yes, "yes", "yes"),
    (Action::No, "no", "no"),
    (
        Action::SaveAs,
        "save_as",
        "save to another file and go on there",
    ),
    (
        Action::OpenCopy,
        "open_copy",
        "make a copy of the workbook and open it",
    ),
    (
        Action::KeepTrying,
        "keep_trying",
        "go back; saving is tried again",
    ),
    (
        Action::WriteRecovered,
        "write_recovered",
        "write a recovered copy of your changes",
    ),
    (
        Action::Discard,
        "discard",
        "discard your unsaved changes (press twice)",
    ),
    (
        Action::MergeDisk,
        "merge_disk",
        "merge your changes into the file as it is on disk now",
    ),
    (
        Action::Reload,
        "reload",
        "reload the file from disk, dropping your changes (press twice)",
    ),
    (Action::Done, "done", "finish typing in the field"),
    (
        Action::ReportView,
        "report_view",
        "the feedback report's own fields (title, summary, background, themes, contacts), and back",
    ),
    (
        Action::Categories,
        "categories",
        "tag the item with evidence categories",
    ),
    (
        Action::TeamNotes,
        "team_notes",
        "read every reviewer's notes on the question; take one into the findings",
    ),
    (Action::Programme, "programme", "the week's programme"),
    // ----- Issue 17: comments and the reading view -----
    (
        Action::Comments,
        "comments",
        "the answer's comments: read, add, resolve or reopen",
    ),
    (
        Action::ResolveComment,
        "resolve_comment",
        "resolve the comment, or reopen it",
    ),
    (
        Action::ReadingView,
        "reading_view",
        "read the domain's narratives one after another",
    ),
    (Action::NextDomain, "next_domain", "the next domain"),
    (Action::PrevDomain, "prev_domain", "the previous domain"),
    // ----- reviewer mode: a source's programme item (issue 13) -----
    (
        Action::SourceProgramme,
        "source_programme",
        "point a source at its programme item (reviewer mode)",
    ),
];

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Rate(_) => "rate",
            a => NAMES
                .iter()
                .find(|(x, _, _)| *x == a)
                .map_or("", |(_, n, _)| n),
        }
    }
    pub fn describe(self) -> String {
        match self {
            Action::Rate(n) => format!("rate at level {n}"),
            a => NAMES
                .iter()
                .find(|(x, _, _)| *x == a)
                .map_or(String::new(), |(_, _, d)| d.to_string()),
        }
    }
    pub(super) fn from_name(name: &str) -> Option<Action> {
        NAMES
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| *a)
    }
}

/// What the footer calls an action: short, as the footer is one line.
pub(super) fn short(a: Action) -> String {
    match a {
        Action::Help => "help".into(),
        Action::Quit => "quit".into(),
        Action::Search => "search".into(),
        Action::NextPane => "pane".into(),
        Action::RatingPicker => "rating".into(),
        Action::StatusPicker => "status".into(),
        Action::EditNarrative => "narrative".into(),
        Action::NextUnanswered => "next gap".into(),
        Action::FilterQuestions => "filter".into(),
        Action::SortQuestions => "sort".into(),
        Action::ShowPrompts => "prompts".into(),
        Action::Conflicts => "conflicts".into(),
        Action::GapChart => "gap chart".into(),
        Action::QuickWin => "quick win".into(),
        Action::TeamNotes => "team notes".into(),
        Action::Programme => "programme".into(),
        Action::Categories => "categories".into(),
        Action::ReportView => "report".into(),
        Action::Open => "open".into(),
        Action::Back => "back".into(),
        Action::Yes => "yes".into(),
        Action::Link => "link".into(),
        Action::Edit => "edit".into(),
        Action::Delete => "delete".into(),
        Action::Add => "add".into(),
        Action::No => "no".into(),
        Action::SaveAs => "save as".into(),
        Action::OpenCopy => "open a copy".into(),
        Action::KeepTrying => "keep trying".into(),
        Action::WriteRecovered => "recovered copy".into(),
        Action::Discard => "discard".into(),
        Action::MergeDisk => "merge".into(),
        Action::Reload => "reload".into(),
        Action::SignOff => "sign off".into(),
        // Issue 17.
        Action::Comments => "comments".into(),
        Action::ResolveComment => "resolve/reopen".into(),
        Action::ReadingView => "read".into(),
        Action::NextDomain => "next domain".into(),
        Action::PrevDomain => "previous domain".into(),
        // ----- reviewer mode: a source's programme item (issue 13) -----
        Action::SourceProgramme => "from programme".into(),
        other => other.describe(),
    }
}
