//! What the search pop-up holds: what is typed, the hits, the one chosen.

use crate::search::{Found, Hit};
use crate::tui::widgets::input::TextInput;

pub struct SearchState {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    pub sel: usize,
    /// What the last query found, with the revision it was found in: a
    /// letter added looks only there (see [`crate::search::search_from`]).
    pub found: Option<(u64, Found)>,
}
