//! A row of the question tree (a domain's header or one of its questions)
//! and a line of the list as drawn.

/// One row of the question tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Domain(usize),
    Question(usize, usize),
}

/// A line of the list as drawn: a heading (a domain's title, an owner, a
/// status) or a question with its flat index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Heading(String),
    Question(Row, usize),
}
