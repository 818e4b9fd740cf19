//! What the search pop-up holds: what is typed, the hits, the one chosen.

use crate::search::Hit;
use crate::tui::widgets::input::TextInput;

pub struct SearchState {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    pub sel: usize,
}
