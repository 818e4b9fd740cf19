//! Where the user has scrolled the question's panes (see
//! [`crate::tui::screens::question_pane`], which uses it): state only, so
//! the screen's state can hold it without importing the app.

/// Where the user has scrolled the answer pane to, for one question and
/// one selected line of it (choosing another lets the pane follow the
/// selection again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailScroll {
    pub view: u64,
    pub slot: usize,
    pub to: Scroll,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    /// From this row.
    Row(usize),
    /// From the "To consider" heading (the prompts and suggested evidence).
    Prompts,
}

/// The scroll state of the question's panes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneScroll {
    /// The answer pane's, when the user has scrolled it.
    pub detail: Option<DetailScroll>,
    /// The question pane beside an editor: (question view, first row).
    pub beside: (u64, usize),
}

impl PaneScroll {
    /// The answer pane's first row: the user's scroll for this question
    /// and line if there is one (`prompts` is the row of "To consider"),
    /// else `follow` (the row that keeps the selection in view); never past
    /// the last screenful.
    pub fn detail_offset(
        &self,
        view: u64,
        slot: usize,
        prompts: usize,
        follow: usize,
        last: usize,
    ) -> usize {
        match self.detail {
            Some(d) if d.view == view && d.slot == slot => match d.to {
                Scroll::Row(r) => r,
                Scroll::Prompts => prompts,
            }
            .min(last),
            _ => follow,
        }
    }

    /// The first row of the question pane beside the editor.
    pub fn beside_offset(&self, view: u64) -> usize {
        if self.beside.0 == view {
            self.beside.1
        } else {
            0
        }
    }
}
