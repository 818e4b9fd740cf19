//! The one table of key bindings: it turns keys into actions, and the help
//! screen and footer are drawn from it. A `keys.yaml` in the config folder
//! can change any binding.
//!
//! (Over 600 lines: most of it is the table itself, one line a binding.)

use std::fmt;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::yaml::{self, Path as YPath, Value};

/// Everything a user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    NextPane,
    Rate(u8),
    RatingPicker,
    ClearRating,
    NotApplicable,
    StatusPicker,
    EditOwner,
    EditNarrative,
    NextUnanswered,
    PrevUnanswered,
    Search,
    Help,
    Save,
    Quit,
    ShowQuestions,
    ShowEvidence,
    ShowDashboard,
    ShowDetails,
    ShowMetrics,
    ShowProudOf,
    ShowActivity,
    ShowPeer,
    ShowFindings,
    Conflicts,
    ReviewAs,
    GapChart,
    QuickWin,
    DueDate,
    Progress,
    Add,
    Edit,
    Delete,
    MoveUp,
    MoveDown,
    Link,
    Unlink,
    FilterKind,
    /// Show only some questions: the user's, an owner's or a status's.
    FilterQuestions,
    Export,
    /// Undo the last change to the workbook (outside the text editor).
    Undo,
    Redo,
    Yes,
    No,
    SaveAs,
    OpenCopy,
    KeepTrying,
    WriteRecovered,
    Discard,
    MergeDisk,
    Reload,
    /// Finish typing in a field, even a multi-line one (where Enter is a
    /// new line).
    Done,
    /// Put the question list in the next order: framework, by owner, by
    /// status.
    SortQuestions,
    /// Scroll the answer pane (or, while typing, the question beside the
    /// editor) without moving the selection.
    ScrollDetailUp,
    ScrollDetailDown,
    /// Scroll the answer pane to the question's prompts.
    ShowPrompts,
    /// On the Findings screen: the feedback report's own fields, and back.
    ReportView,
    /// Tag the selected evidence item with the framework's categories.
    Categories,
    /// The Peer screen: every reviewer's full notes on the question.
    TeamNotes,
    /// The Activity screen: the on-site programme, to mark what you attended.
    Programme,
    /// Sign the selected answer off, or take the sign-off back.
    SignOff,

    // ----- Issue 17: comments on an answer, and the reading view -----
    /// Questions and the reading view: the answer's thread of comments.
    Comments,
    /// In the thread: resolve the selected comment, or reopen it.
    ResolveComment,
    /// Questions: every narrative of the domain, one after another.
    ReadingView,
    /// The reading view: the next or the previous domain.
    NextDomain,
    PrevDomain,
    // ----- end of issue 17's actions -----
    // ----- reviewer mode: a source's programme item (issue 13) -----
    /// Reviewer mode: choose the programme item the selected source came
    /// from (or none).
    SourceProgramme,
}

impl Action {
    /// True for actions that always change the workbook, whatever screen
    /// they are pressed on: a read-only workbook refuses them at once (see
    /// `App::refuse_read_only`). Those that first open an editor or a
    /// picker are refused when it would open.
    pub fn changes_workbook(self) -> bool {
        matches!(
            self,
            Action::Rate(_)
                | Action::ClearRating
                | Action::NotApplicable
                | Action::Add
                | Action::Delete
                | Action::MoveUp
                | Action::MoveDown
                | Action::Link
                | Action::Unlink
                | Action::QuickWin
                | Action::Undo
                | Action::Redo
        )
    }
}

/// Names used in `keys.yaml`, and what the help screen says.
const NAMES: &[(Action, &str, &str)] = &[
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
    fn from_name(name: &str) -> Option<Action> {
        NAMES
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| *a)
    }
}

/// Where a binding applies. `Global` bindings apply in every screen that
/// does not bind the same key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Start,
    Questions,
    Evidence,
    Dashboard,
    Details,
    Metrics,
    ProudOf,
    Activity,
    Peer,
    Findings,
    /// Pickers and lists in pop-ups.
    Popup,
    /// A yes/no question.
    Confirm,
    /// What to do with changes that could not be saved.
    Unsaved,
    /// Typing in a field (the editor, search, the one-line prompts): only
    /// the keys bound here do something else than type, and other
    /// contexts' bindings do not reach it, so letters always type.
    Text,
    /// Issue 17: the thread of comments on an answer (a pop-up of its own
    /// keys).
    Comments,
    /// Issue 17: the reading view of a domain's narratives.
    Reading,
}

const CONTEXTS: &[(Context, &str)] = &[
    (Context::Global, "global"),
    (Context::Start, "start"),
    (Context::Questions, "questions"),
    (Context::Evidence, "evidence"),
    (Context::Dashboard, "dashboard"),
    (Context::Details, "details"),
    (Context::Metrics, "metrics"),
    (Context::ProudOf, "proud_of"),
    (Context::Activity, "activity"),
    (Context::Peer, "peer"),
    (Context::Findings, "findings"),
    (Context::Popup, "popup"),
    (Context::Confirm, "confirm"),
    (Context::Unsaved, "unsaved"),
    (Context::Text, "text"),
    (Context::Comments, "comments"),
    (Context::Reading, "reading"),
];

impl Context {
    pub fn name(self) -> &'static str {
        CONTEXTS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("", |(_, n)| n)
    }
    /// Whether global bindings reach this context.
    fn inherits_global(self) -> bool {
        !matches!(
            self,
            Context::Popup
                | Context::Confirm
                | Context::Unsaved
                | Context::Text
                | Context::Comments
        )
    }
}

/// A key with its modifiers, as written in `keys.yaml`: `j`, `ctrl-s`,
/// `enter`, `shift-tab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// True for a key that types a character in a field (no Ctrl or Alt).
    pub fn types(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    pub const fn ctrl_of(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: true,
            alt: false,
        }
    }
    pub const fn alt_of(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: true,
        }
    }

    pub fn from_event(e: &KeyEvent) -> Key {
        // Shift is part of the character already ('N', '?'), except for
        // Tab, which arrives as BackTab.
        Key {
            code: match e.code {
                KeyCode::Char(c) if e.modifiers.contains(KeyModifiers::CONTROL) => {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
                other => other,
            },
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// The terminal event this key arrives as: the inverse of
    /// [`Key::from_event`], so a key written as in `keys.yaml` can be fed to
    /// the app (the interface tests do).
    pub fn to_event(self) -> KeyEvent {
        let mut mods = KeyModifiers::NONE;
        if self.ctrl {
            mods |= KeyModifiers::CONTROL;
        }
        if self.alt {
            mods |= KeyModifiers::ALT;
        }
        match self.code {
            KeyCode::Char(c) if c.is_uppercase() => mods |= KeyModifiers::SHIFT,
            _ => {}
        }
        KeyEvent::new(self.code, mods)
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-") {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let code = match rest.to_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" | "page_up" => KeyCode::PageUp,
            "pagedown" | "pgdn" | "page_down" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f.len() > 1 && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ if rest.chars().count() == 1 => {
                let c = rest.chars().next().unwrap_or(' ');
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => {
                return Err(format!(
                    "'{s}' is not a key; write a character (`j`, `?`), a name (`enter`, `esc`, `tab`, `up`, `pgdn`, `f2`) with optional `ctrl-` or `alt-`"
                ));
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        if self.alt {
            write!(f, "Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => write!(f, "Enter"),
            KeyCode::Esc => write!(f, "Esc"),
            KeyCode::Tab => write!(f, "Tab"),
            KeyCode::BackTab => write!(f, "Shift-Tab"),
            KeyCode::Backspace => write!(f, "Backspace"),
            KeyCode::Delete => write!(f, "Del"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::Home => write!(f, "Home"),
            KeyCode::End => write!(f, "End"),
            KeyCode::PageUp => write!(f, "PgUp"),
            KeyCode::PageDown => write!(f, "PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    /// Shown in the footer of its context.
    pub footer: bool,
}

/// The key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

fn b(context: Context, key: Key, action: Action, footer: bool) -> Binding {
    Binding {
        context,
        key,
        action,
        footer,
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Action as A;
        use Context as C;
        use KeyCode as K;
        let mut v = vec![
            b(C::Global, Key::plain(K::Up), A::Up, false),
            b(C::Global, Key::ch('k'), A::Up, false),
            b(C::Global, Key::plain(K::Down), A::Down, false),
            b(C::Global, Key::ch('j'), A::Down, false),
            b(C::Global, Key::plain(K::PageUp), A::PageUp, false),
            b(C::Global, Key::plain(K::PageDown), A::PageDown, false),
            b(C::Global, Key::plain(K::Home), A::Top, false),
            b(C::Global, Key::ch('g'), A::Top, false),
            b(C::Global, Key::plain(K::End), A::Bottom, false),
            b(C::Global, Key::ch('G'), A::Bottom, false),
            b(C::Global, Key::plain(K::Enter), A::Open, false),
            b(C::Global, Key::plain(K::Esc), A::Back, false),
            b(C::Global, Key::ch('?'), A::Help, true),
            b(C::Global, Key::ctrl('s'), A::Save, false),
            b(C::Global, Key::ctrl('z'), A::Undo, false),
            b(C::Global, Key::ctrl('y'), A::Redo, false),
            b(C::Global, Key::ch('q'), A::Quit, true),
            b(C::Global, Key::ctrl('c'), A::Quit, false),
            b(C::Global, Key::ch('/'), A::Search, true),
            b(C::Global, Key::ch('Q'), A::ShowQuestions, false),
            b(C::Global, Key::ch('E'), A::ShowEvidence, false),
            b(C::Global, Key::ch('D'), A::ShowDashboard, false),
            b(C::Global, Key::ch('R'), A::ShowDetails, false),
            b(C::Global, Key::ch('M'), A::ShowMetrics, false),
            b(C::Global, Key::ch('P'), A::ShowProudOf, false),
            b(C::Global, Key::plain(K::F(2)), A::ShowQuestions, false),
            b(C::Global, Key::plain(K::F(3)), A::ShowEvidence, false),
            b(C::Global, Key::plain(K::F(4)), A::ShowDashboard, false),
            b(C::Global, Key::plain(K::F(5)), A::ShowDetails, false),
            b(C::Global, Key::plain(K::F(6)), A::ShowMetrics, false),
            b(C::Global, Key::plain(K::F(7)), A::ShowProudOf, false),
            b(C::Global, Key::ch('X'), A::Export, false),
            b(C::Global, Key::ch('A'), A::ShowActivity, false),
            b(C::Global, Key::ch('V'), A::ShowPeer, false),
            b(C::Global, Key::ch('F'), A::ShowFindings, false),
            b(C::Global, Key::ch('W'), A::ReviewAs, false),
        ];
        // The Peer screen is for agreeing ratings: its digits come first in
        // its footer, then the agreed rating's note.
        v.extend((1..=9u8).map(|d| b(C::Peer, Key::ch(char::from(b'0' + d)), A::Rate(d), d == 1)));
        v.extend([
            b(C::Peer, Key::ch('r'), A::RatingPicker, true),
            b(C::Peer, Key::ch('e'), A::Edit, true),
            b(C::Peer, Key::ch('0'), A::ClearRating, false),
            b(C::Peer, Key::ch('x'), A::NotApplicable, false),
            b(C::Peer, Key::ch('C'), A::Conflicts, true),
            b(C::Peer, Key::ch('c'), A::GapChart, true),
            b(C::Peer, Key::ch('n'), A::TeamNotes, true),
            b(C::Peer, Key::plain(K::Enter), A::Open, true),
            b(C::Findings, Key::plain(K::Enter), A::Edit, true),
            b(C::Findings, Key::ch('a'), A::Add, true),
            b(C::Findings, Key::ch('d'), A::Delete, true),
            b(C::Findings, Key::ch('w'), A::QuickWin, true),
            b(C::Findings, Key::ch('o'), A::EditOwner, false),
            b(C::Findings, Key::ch('t'), A::DueDate, false),
            b(C::Findings, Key::ch('s'), A::StatusPicker, false),
            b(C::Findings, Key::ch('p'), A::Progress, false),
            b(C::Findings, Key::ch('r'), A::ReportView, false),
            b(C::Findings, Key::ch('K'), A::MoveUp, false),
            b(C::Findings, Key::ch('J'), A::MoveDown, false),
            b(C::Activity, Key::ch('a'), A::Add, true),
            b(C::Activity, Key::plain(K::Enter), A::Edit, true),
            b(C::Activity, Key::ch('d'), A::Delete, true),
            b(C::Activity, Key::ch('p'), A::Programme, true),
            b(C::Activity, Key::plain(K::Tab), A::NextPane, false),
            // Start screen
            b(C::Start, Key::plain(K::Enter), A::Open, true),
            b(C::Start, Key::ch('n'), A::Add, true),
            // Questions
            b(C::Questions, Key::plain(K::Tab), A::NextPane, true),
            b(C::Questions, Key::plain(K::BackTab), A::NextPane, false),
            b(C::Questions, Key::ch('r'), A::RatingPicker, true),
            b(C::Questions, Key::ch('0'), A::ClearRating, false),
            b(C::Questions, Key::ch('x'), A::NotApplicable, false),
            b(C::Questions, Key::ch('s'), A::StatusPicker, true),
            b(C::Questions, Key::ch('o'), A::EditOwner, false),
            b(C::Questions, Key::ch('e'), A::EditNarrative, true),
            b(C::Questions, Key::ch('n'), A::NextUnanswered, true),
            b(C::Questions, Key::ch('N'), A::PrevUnanswered, false),
            b(C::Questions, Key::ch('a'), A::Add, false),
            b(C::Questions, Key::ch('d'), A::Delete, false),
            b(C::Questions, Key::ch('K'), A::MoveUp, false),
            b(C::Questions, Key::ch('J'), A::MoveDown, false),
            b(C::Questions, Key::ch('l'), A::Link, false),
            b(C::Questions, Key::ch('f'), A::FilterQuestions, false),
            b(C::Questions, Key::ch('O'), A::SortQuestions, false),
            b(C::Questions, Key::ch('['), A::ScrollDetailUp, false),
            b(C::Questions, Key::ch(']'), A::ScrollDetailDown, false),
            b(C::Questions, Key::ch('p'), A::ShowPrompts, false),
            b(C::Questions, Key::ch('v'), A::SignOff, false),
            // Evidence
            b(C::Evidence, Key::ch('a'), A::Add, true),
            b(C::Evidence, Key::plain(K::Enter), A::Edit, true),
            b(C::Evidence, Key::ch('d'), A::Delete, true),
            b(C::Evidence, Key::ch('l'), A::Link, true),
            b(C::Evidence, Key::ch('u'), A::Unlink, false),
            b(C::Evidence, Key::ch('f'), A::FilterKind, false),
            b(C::Evidence, Key::ch('c'), A::Categories, false),
            b(C::Evidence, Key::plain(K::Tab), A::NextPane, false),
            b(C::Metrics, Key::plain(K::Tab), A::NextPane, false),
            // Details, metrics, proud of
            b(C::Details, Key::plain(K::Enter), A::Edit, true),
            b(C::Details, Key::ch('a'), A::Add, true),
            b(C::Details, Key::ch('d'), A::Delete, false),
            b(C::Metrics, Key::plain(K::Enter), A::Edit, true),
            b(C::ProudOf, Key::plain(K::Enter), A::Edit, true),
            b(C::ProudOf, Key::ch('a'), A::Add, true),
            b(C::ProudOf, Key::ch('d'), A::Delete, false),
            b(C::ProudOf, Key::plain(K::Tab), A::NextPane, false),
            // Pop-ups
            b(C::Popup, Key::plain(K::Up), A::Up, false),
            b(C::Popup, Key::ch('k'), A::Up, false),
            b(C::Popup, Key::plain(K::Down), A::Down, false),
            b(C::Popup, Key::ch('j'), A::Down, false),
            b(C::Popup, Key::ch('g'), A::Top, false),
            b(C::Popup, Key::ch('G'), A::Bottom, false),
            b(C::Popup, Key::plain(K::Home), A::Top, false),
            b(C::Popup, Key::plain(K::End), A::Bottom, false),
            b(C::Popup, Key::plain(K::Enter), A::Open, true),
            b(C::Popup, Key::plain(K::Esc), A::Back, true),
            b(C::Popup, Key::ch('q'), A::Back, false),
            b(C::Confirm, Key::ch('y'), A::Yes, true),
            b(C::Confirm, Key::ch('n'), A::No, true),
            b(C::Confirm, Key::plain(K::Esc), A::No, false),
            b(C::Global, Key::ch('S'), A::SaveAs, false),
            b(C::Start, Key::ch('c'), A::OpenCopy, true),
            b(C::Unsaved, Key::ch('m'), A::MergeDisk, false),
            b(C::Unsaved, Key::ch('a'), A::SaveAs, false),
            b(C::Unsaved, Key::ch('c'), A::WriteRecovered, false),
            b(C::Unsaved, Key::ch('r'), A::Reload, false),
            b(C::Unsaved, Key::ch('d'), A::Discard, false),
            b(C::Unsaved, Key::plain(K::Esc), A::KeepTrying, false),
            // Typing: what a field does with these is its own (Enter is
            // a new line in a multi-line field, Up and Down move the
            // cursor there and the choice in search); keys a field does
            // not use are typed.
            b(C::Text, Key::plain(K::Esc), A::Back, false),
            b(C::Text, Key::plain(K::Enter), A::Open, false),
            b(C::Text, Key::alt_of(K::Enter), A::Open, false),
            b(C::Text, Key::ctrl_of(K::Enter), A::Done, false),
            b(C::Text, Key::plain(K::Up), A::Up, false),
            b(C::Text, Key::plain(K::Down), A::Down, false),
            b(C::Text, Key::plain(K::Tab), A::NextPane, false),
            b(C::Text, Key::plain(K::BackTab), A::NextPane, false),
            b(C::Text, Key::ctrl('s'), A::Save, false),
            b(C::Text, Key::ctrl('z'), A::Undo, false),
            b(C::Text, Key::ctrl('y'), A::Redo, false),
            b(C::Text, Key::ctrl('c'), A::Quit, false),
            b(C::Text, Key::alt_of(K::Up), A::ScrollDetailUp, false),
            b(C::Text, Key::alt_of(K::Down), A::ScrollDetailDown, false),
        ]);
        v.extend((1..=9u8).map(|d| {
            b(
                C::Questions,
                Key::ch(char::from(b'0' + d)),
                A::Rate(d),
                d == 1,
            )
        }));
        v.extend(comments_and_reading());
        // ----- reviewer mode: a source's programme item (issue 13) -----
        v.push(b(C::Questions, Key::ch('m'), A::SourceProgramme, false));
        Keymap { bindings: v }
    }
}

/// Issue 17's bindings, kept together: the thread of comments (`c` on the
/// Questions screen and in the reading view, then its own keys) and the
/// reading view (`w` on the Questions screen).
fn comments_and_reading() -> Vec<Binding> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    vec![
        b(C::Questions, Key::ch('c'), A::Comments, true),
        b(C::Questions, Key::ch('w'), A::ReadingView, true),
        // The thread: its own keys only, as a pop-up has.
        b(C::Comments, Key::plain(K::Up), A::Up, false),
        b(C::Comments, Key::ch('k'), A::Up, false),
        b(C::Comments, Key::plain(K::Down), A::Down, false),
        b(C::Comments, Key::ch('j'), A::Down, false),
        b(C::Comments, Key::plain(K::PageUp), A::PageUp, false),
        b(C::Comments, Key::plain(K::PageDown), A::PageDown, false),
        b(C::Comments, Key::ch('g'), A::Top, false),
        b(C::Comments, Key::plain(K::Home), A::Top, false),
        b(C::Comments, Key::ch('G'), A::Bottom, false),
        b(C::Comments, Key::plain(K::End), A::Bottom, false),
        b(C::Comments, Key::ch('a'), A::Add, true),
        b(C::Comments, Key::plain(K::Enter), A::Add, false),
        b(C::Comments, Key::ch('r'), A::ResolveComment, true),
        b(C::Comments, Key::plain(K::Esc), A::Back, true),
        b(C::Comments, Key::ch('q'), A::Back, false),
        b(C::Comments, Key::ch('c'), A::Back, false),
        // The reading view (moving, help and quitting are global).
        b(C::Reading, Key::ch('e'), A::EditNarrative, true),
        b(C::Reading, Key::plain(K::Tab), A::NextDomain, true),
        b(C::Reading, Key::plain(K::BackTab), A::PrevDomain, false),
        b(C::Reading, Key::ch(']'), A::NextDomain, false),
        b(C::Reading, Key::ch('['), A::PrevDomain, false),
        b(C::Reading, Key::ch('c'), A::Comments, true),
        b(C::Reading, Key::plain(K::Esc), A::Back, true),
    ]
}

impl Keymap {
    /// The action for a key in a context: the context's own binding first,
    /// then a global one.
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |c: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == c && b.key == key)
                .map(|b| b.action)
        };
        find(context).or_else(|| {
            if context.inherits_global() {
                find(Context::Global)
            } else {
                None
            }
        })
    }

    /// The first key that does an action in a context (its own binding, or
    /// a global one that is not shadowed there), for messages that name it.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .find(|b| b.context == context || self.lookup(context, b.key) == Some(action))
            .map(|b| b.key)
    }

    /// Bindings that apply in a context, grouped by action, for the help
    /// screen: (keys, description).
    pub fn help(&self, context: Context) -> Vec<(String, String)> {
        let mut rows: Vec<(Action, Vec<Key>)> = Vec::new();
        let mut add = |c: Context, shadow: bool| {
            for bnd in self.bindings.iter().filter(|b| b.context == c) {
                if shadow
                    && self
                        .bindings
                        .iter()
                        .any(|o| o.context == context && o.key == bnd.key)
                {
                    continue;
                }
                match rows.iter_mut().find(|(a, _)| *a == bnd.action) {
                    Some((_, keys)) => keys.push(bnd.key),
                    None => rows.push((bnd.action, vec![bnd.key])),
                }
            }
        };
        add(context, false);
        if context.inherits_global() && context != Context::Global {
            add(Context::Global, true);
        }
        // Digits read better as one row.
        let mut out = Vec::new();
        let mut digits = Vec::new();
        for (a, keys) in rows {
            if let Action::Rate(n) = a {
                digits.push(n);
                continue;
            }
            let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
            out.push((keys.join(" "), a.describe()));
        }
        if let (Some(lo), Some(hi)) = (digits.iter().min(), digits.iter().max()) {
            out.insert(
                0,
                (
                    format!("{lo}-{hi}"),
                    "rate at that level of the scale".into(),
                ),
            );
        }
        out
    }

    /// The keys bound to an action in a context, as shown to the user.
    pub fn keys_for(&self, context: Context, action: Action) -> String {
        let keys: Vec<String> = self
            .bindings
            .iter()
            .filter(|b| b.context == context && b.action == action)
            .map(|b| b.key.to_string())
            .collect();
        keys.join("/")
    }

    /// The few keys that matter in a context, for the footer.
    pub fn footer(&self, context: Context) -> Vec<(String, String)> {
        self.footer_actions(context)
            .into_iter()
            .map(|(_, k, d)| (k, d))
            .collect()
    }

    /// The footer's keys with the action each does, so that what is shown
    /// can be chosen by action (never by the words describing it).
    pub fn footer_actions(&self, context: Context) -> Vec<(Action, String, String)> {
        let mut out: Vec<(Action, String, String)> = Vec::new();
        for c in [context, Context::Global] {
            if c == Context::Global && !context.inherits_global() {
                continue;
            }
            for bnd in self.bindings.iter().filter(|b| b.context == c && b.footer) {
                let (keys, label) = match bnd.action {
                    Action::Rate(_) => ("1-9".to_string(), "rate".to_string()),
                    a => (bnd.key.to_string(), short(a)),
                };
                if !out.iter().any(|(_, k, _)| *k == keys) {
                    out.push((bnd.action, keys, label));
                }
            }
        }
        out
    }

    /// The key that does an action while typing in a field, as shown to
    /// the user (`None` if keys.yaml left it without one).
    pub fn text_key(&self, action: Action) -> Option<String> {
        self.key_for(Context::Text, action).map(|k| k.to_string())
    }

    /// Applies `keys.yaml` over the defaults. Returns the messages for
    /// anything in it that could not be used (the defaults stay for those).
    pub fn apply_config(&mut self, file: &str, text: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let doc = match yaml::parse(text) {
            Ok(d) => d,
            Err(e) => {
                return vec![format!(
                    "{file}:{}:{}: {}; using the default keys",
                    e.pos.line, e.pos.col, e.message
                )];
            }
        };
        let Value::Mapping(top) = &doc.value else {
            if doc.value.is_null() {
                return problems;
            }
            return vec![format!(
                "{file}:1:1: expected `context: {{action: key}}` mappings; using the default keys"
            )];
        };
        // Keys this file gives, so one given twice in a context is reported.
        let mut given: Vec<(Context, Key, Action, usize)> = Vec::new();
        for (ck, actions) in top {
            let cname = yaml::scalar_text(ck).unwrap_or_default();
            let cpath = YPath::root().key(&cname);
            let Some(context) = CONTEXTS.iter().find(|(_, n)| *n == cname).map(|(c, _)| *c) else {
                let p = doc.index.key(&cpath);
                let known: Vec<&str> = CONTEXTS.iter().map(|(_, n)| *n).collect();
                problems.push(format!(
                    "{file}:{}:{}: unknown screen '{cname}'; known: {}",
                    p.line,
                    p.col,
                    known.join(", ")
                ));
                continue;
            };
            let Value::Mapping(actions) = actions else {
                let p = doc.index.value(&cpath);
                problems.push(format!(
                    "{file}:{}:{}: under '{cname}' write `action: key` lines",
                    p.line, p.col
                ));
                continue;
            };
            for (ak, keys) in actions {
                let aname = yaml::scalar_text(ak).unwrap_or_default();
                let apath = cpath.key(&aname);
                let Some(action) = Action::from_name(&aname) else {
                    let p = doc.index.key(&apath);
                    let names: Vec<&str> = NAMES.iter().map(|(_, n, _)| *n).collect();
                    let hint = crate::diag::suggest(&aname, &names)
                        .map(|s| format!("did you mean '{s}'?"))
                        .unwrap_or_else(|| format!("known actions: {}", names.join(", ")));
                    problems.push(format!(
                        "{file}:{}:{}: unknown action '{aname}'; {hint}",
                        p.line, p.col
                    ));
                    continue;
                };
                let texts: Vec<(YPath, String)> = match keys {
                    Value::Sequence(items) => items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (apath.idx(i), yaml::scalar_text(v).unwrap_or_default()))
                        .collect(),
                    v => vec![(apath.clone(), yaml::scalar_text(v).unwrap_or_default())],
                };
                let mut parsed = Vec::new();
                for (p, t) in texts {
                    let pos = doc.index.value(&p);
                    match Key::parse(&t) {
                        // In a field a plain character must type.
                        Ok(k) if context == Context::Text && k.types() => {
                            problems.push(format!(
                                "{file}:{}:{}: '{t}' would no longer type in a field; \
                                 give '{aname}' a Ctrl, Alt or named key (esc, enter, F2)",
                                pos.line, pos.col
                            ));
                        }
                        Ok(k) => match given.iter().find(|g| g.0 == context && g.1 == k) {
                            Some(&(_, _, other, line)) if other != action => {
                                problems.push(format!(
                                    "{file}:{}:{}: '{t}' is given to both '{}' (line {line}) \
                                     and '{aname}' under '{cname}'; '{}' keeps it",
                                    pos.line,
                                    pos.col,
                                    other.name(),
                                    other.name()
                                ));
                            }
                            _ => {
                                given.push((context, k, action, pos.line));
                                parsed.push(k);
                            }
                        },
                        Err(e) => {
                            problems.push(format!("{file}:{}:{}: {e}", pos.line, pos.col));
                        }
                    }
                }
                if parsed.is_empty() {
                    continue;
                }
                let footer = self
                    .bindings
                    .iter()
                    .any(|b| b.context == context && b.action == action && b.footer);
                let mut unique: Vec<Key> = Vec::with_capacity(parsed.len());
                for k in parsed {
                    if !unique.contains(&k) {
                        unique.push(k);
                    }
                }
                let parsed = unique;
                // The new keys take the place of the action's old ones, so
                // a rebound key keeps its place in the footer; a key now
                // used for this action leaves its old action.
                let mut kept = Vec::with_capacity(self.bindings.len());
                let mut at = None;
                for bnd in std::mem::take(&mut self.bindings) {
                    let ours = bnd.context == context && bnd.action == action;
                    if ours && at.is_none() {
                        at = Some(kept.len());
                    }
                    let retaken = bnd.context == context && parsed.contains(&bnd.key);
                    if !(ours || retaken) {
                        kept.push(bnd);
                    }
                }
                let at = at.unwrap_or(kept.len());
                kept.splice(
                    at..at,
                    parsed.into_iter().map(|key| Binding {
                        context,
                        key,
                        action,
                        footer,
                    }),
                );
                self.bindings = kept;
            }
        }
        problems
    }

    /// The defaults with the user's `keys.yaml` (if any) applied.
    pub fn load(path: &Path) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let problems = match crate::store::read_capped(path) {
            Ok(bytes) => match yaml::decode(&bytes) {
                Ok(text) => map.apply_config(&path.display().to_string(), text),
                Err(e) => vec![format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.pos.line,
                    e.pos.col,
                    e.message
                )],
            },
            Err(e) if e.is_not_found() => Vec::new(),
            Err(e) => vec![e.to_string()],
        };
        (map, problems)
    }
}

fn short(a: Action) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_bindings_shadow_global_ones() {
        let k = Keymap::default();
        assert_eq!(
            k.lookup(Context::Questions, Key::ch('n')),
            Some(Action::NextUnanswered)
        );
        assert_eq!(k.lookup(Context::Start, Key::ch('n')), Some(Action::Add));
        assert_eq!(
            k.lookup(Context::Questions, Key::ch('3')),
            Some(Action::Rate(3))
        );
        assert_eq!(
            k.lookup(Context::Questions, Key::ch('q')),
            Some(Action::Quit)
        );
        assert_eq!(k.lookup(Context::Popup, Key::ch('/')), None);
    }

    #[test]
    fn help_is_generated_from_the_table() {
        let k = Keymap::default();
        let help = k.help(Context::Questions);
        assert!(
            help.iter()
                .any(|(keys, d)| keys == "1-9" && d.contains("rate"))
        );
        assert!(
            help.iter()
                .any(|(keys, d)| keys == "n" && d == "next unanswered question")
        );
        assert!(help.iter().any(|(keys, _)| keys == "Ctrl-s"));
        // A key bound in the screen hides the global binding of that key.
        assert_eq!(
            help.iter()
                .filter(|(keys, _)| keys.split(' ').any(|k| k == "n"))
                .count(),
            1
        );
    }

    #[test]
    fn config_rebinds_and_reports_problems_with_positions() {
        let mut k = Keymap::default();
        let problems = k.apply_config(
            "keys.yaml",
            "questions:\n  next_unanswered: [ctrl-n, F8]\n  nxt: x\nglobal:\n  quit: hyper-q\n",
        );
        assert_eq!(
            k.lookup(Context::Questions, Key::ctrl('n')),
            Some(Action::NextUnanswered)
        );
        assert_eq!(
            k.lookup(Context::Questions, Key::plain(KeyCode::F(8))),
            Some(Action::NextUnanswered)
        );
        // The old binding moved away; 'n' falls through to nothing here.
        assert_ne!(
            k.lookup(Context::Questions, Key::ch('n')),
            Some(Action::NextUnanswered)
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("keys.yaml:3:3: unknown action 'nxt'"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("keys.yaml:5:9: 'hyper-q' is not a key"),
            "{problems:?}"
        );
        // 'q' still quits: a bad entry keeps the default.
        assert_eq!(
            k.lookup(Context::Questions, Key::ch('q')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn broken_config_gives_defaults_and_a_message() {
        let mut k = Keymap::default();
        let problems = k.apply_config("keys.yaml", "questions: [\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("using the default keys"));
        assert_eq!(
            k.lookup(Context::Questions, Key::ch('n')),
            Some(Action::NextUnanswered)
        );
    }

    #[test]
    fn keys_parse_and_display() {
        assert_eq!(Key::parse("ctrl-s").unwrap(), Key::ctrl('s'));
        assert_eq!(Key::parse("Enter").unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!(Key::ctrl('s').to_string(), "Ctrl-s");
        assert!(Key::parse("nonsense").is_err());
    }
}
