//! The Peer screen's state: its list of questions, and whether the
//! self/peer chart is shown instead of the selected question's notes.

use std::ops::{Deref, DerefMut};

use crate::tui::screens::ListForm;

#[derive(Debug, Default)]
pub struct PeerState {
    pub list: ListForm,
    /// The self/peer chart instead of the notes (`c`).
    pub gap_chart: bool,
}

/// The screen is a list first: where a screen's list is wanted (the
/// harness's selection, a click's row), the Peer screen gives its own.
impl Deref for PeerState {
    type Target = ListForm;
    fn deref(&self) -> &ListForm {
        &self.list
    }
}

impl DerefMut for PeerState {
    fn deref_mut(&mut self) -> &mut ListForm {
        &mut self.list
    }
}
