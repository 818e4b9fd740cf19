//! What the new-workbook form holds: the framework chosen, the council
//! and title typed, which has focus, and what is wrong.

use crate::tui::widgets::input::TextInput;

pub struct NewWorkbook {
    pub framework: usize,
    pub council: TextInput,
    pub title: TextInput,
    pub on_title: bool,
    pub error: Option<String>,
    /// The last key was an Esc that asked before discarding the form.
    pub asked: bool,
}
