//! The state of the pop-ups that ask about saving: a file name being typed
//! and what to do with changes that could not be saved. (What they do is in
//! `tui/saving.rs`; they are drawn by `view`.)

use std::path::PathBuf;

use crate::tui::widgets::input::TextInput;

use crate::tui::keys::Action;

/// A file name being typed, and what it is for.
pub struct PathPrompt {
    pub input: TextInput,
    pub purpose: PathPurpose,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathPurpose {
    /// Save the open workbook there and go on editing it (then quit, when
    /// asked for while quitting).
    SaveAs { then_quit: bool },
    /// Copy this workbook there and open the copy.
    CopyOf(PathBuf),
}

/// The pop-up shown while changes are not saved and the user must choose.
#[derive(Debug, Clone, PartialEq)]
pub struct UnsavedPrompt {
    /// Asked for by quitting: discarding is offered.
    pub quitting: bool,
    /// The first press of a key that needs a second (discard, reload).
    pub armed: Option<Action>,
    /// Why the last choice did not work.
    pub error: Option<String>,
}
