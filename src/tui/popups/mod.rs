//! The pop-ups: the pickers (which draw themselves), the saving prompts,
//! and the keys of the editor, search and filter, the name prompts, the
//! new-workbook form, export and confirm. (Help's scrolling and the
//! dispatch to each pop-up are in `app.rs`; their drawing in `view.rs`.)

pub mod checks;
pub mod comments;
pub mod confirm;
pub mod conflict_value;
pub mod editor;
pub mod export;
pub mod export_choice;
pub mod help;
pub mod names;
pub mod new_workbook;
pub mod pick;
pub mod programme;
pub mod saving;
pub mod saving_draw;
pub mod search;
pub mod team_notes;

use crate::tui::edit::Editor;
use crate::tui::keys::Context;
use crate::tui::screens::Pending;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::input::TextInput;
use new_workbook::form::NewWorkbook;
use search::state::SearchState;

/// The pop-up open over the screen (at most one).
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// Any choose-from-a-list pop-up (see [`pick`]).
    Pick(Box<pick::Pick>),
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
    Unsaved(saving::UnsavedPrompt),
    /// A file name for save as or a copy.
    SavePath(Box<saving::PathPrompt>),
    /// The user's name, asked once on the first run.
    UserName(Box<TextInput>),
    /// Every reviewer's notes on a question (Peer screen, `n`).
    Notes(Box<team_notes::TeamNotes>),
    /// A value of one's own to settle a conflict with.
    ConflictValue(Box<conflict_value::ValuePrompt>),
    /// The thread of comments on an answer (Questions, `c`).
    Comments(Box<comments::Thread>),
}

impl Popup {
    /// Whether text is typed into it: its keys are looked up in the text
    /// context ([`Context::Text`]).
    pub(crate) fn takes_text(&self) -> bool {
        matches!(
            self,
            Popup::SavePath(_)
                | Popup::UserName(_)
                | Popup::Editor(_)
                | Popup::Search(_)
                | Popup::Filter(_)
                | Popup::New(_)
                | Popup::ReviewAs(_)
                | Popup::ConflictValue(_)
        )
    }

    pub(crate) fn context(&self) -> Option<Context> {
        match self {
            Popup::Confirm { .. } => Some(Context::Confirm),
            Popup::Comments(_) => Some(Context::Comments),
            Popup::Unsaved(_) => Some(Context::Unsaved),
            Popup::SavePath(_)
            | Popup::UserName(_)
            | Popup::Editor(_)
            | Popup::Search(_)
            | Popup::Filter(_)
            | Popup::New(_)
            | Popup::ReviewAs(_)
            | Popup::ConflictValue(_) => None,
            _ => Some(Context::Popup),
        }
    }
}
