//! A row of the question tree: a domain's header or one of its questions.

/// One row of the question tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Domain(usize),
    Question(usize, usize),
}
