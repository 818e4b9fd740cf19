//! In what order the question list shows its questions (see
//! [`crate::tui::screens::question_sort`], which uses it): state only, so
//! the screen's state can hold it without importing the app.

/// In what order the list shows its questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QuestionSort {
    /// Under their domains, as the framework has them.
    #[default]
    Framework,
    /// Grouped by owner (A to Z, whatever the case), then those with none.
    Owner,
    /// Grouped by status, from not started to agreed.
    Status,
}

impl QuestionSort {
    /// The next order the sort key gives.
    pub fn next(self) -> QuestionSort {
        match self {
            QuestionSort::Framework => QuestionSort::Owner,
            QuestionSort::Owner => QuestionSort::Status,
            QuestionSort::Status => QuestionSort::Framework,
        }
    }

    /// What the list's title and the status bar say of it.
    pub fn label(self) -> &'static str {
        match self {
            QuestionSort::Framework => "framework order",
            QuestionSort::Owner => "by owner",
            QuestionSort::Status => "by status",
        }
    }
}
