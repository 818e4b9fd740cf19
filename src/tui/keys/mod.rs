//! The one table of key bindings: it turns keys into actions, and the help
//! screen and footer are drawn from it. A `keys.yaml` in the config folder
//! can change any binding.
//!
//! What a user can ask for (`Action`) and where (`Context`) are here, with
//! the keymap's lookups; the rest is in its own file: the names and words
//! of each action (`names.rs`), a key as written and shown (`key.rs`), the
//! default bindings (`defaults.rs`, one line a binding) and reading
//! `keys.yaml` (`config.rs`).

mod config;
mod defaults;
mod key;
mod names;

pub use key::Key;

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

pub(super) const CONTEXTS: &[(Context, &str)] = &[
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
                    a => (bnd.key.to_string(), a.footer_words().to_string()),
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
}

#[cfg(test)]
mod tests;
