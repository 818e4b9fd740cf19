//! Why a field's text was refused.

use std::fmt;

use chrono::NaiveDate;

/// Why text typed into a field was not written. Its `Display` is the
/// sentence the user reads: what is wrong and what to type instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// Not a real YYYY-MM-DD date (the text as typed, trimmed).
    NotADate(String),
    /// Not a finite number (the text trimmed, thousands commas taken out).
    NotANumber(String),
    /// A number, but not a whole number of people from 0 to a million.
    NotACount(String),
    /// Not a limit: a whole number from 1 (the text trimmed).
    NotALimit(String),
    /// A comment's text that is not kept (empty, too long).
    Comment(crate::workbook::comments::TextProblem),
    /// The on-site week would end before it starts.
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    /// The item the field belongs to is no longer in the workbook.
    NoSuchItem,
    /// Not hours one activity can take (the text trimmed, and why).
    NotHours(String, crate::value::HoursProblem),
    /// A case study illustrates an id that is neither a question nor a
    /// domain of the framework.
    NotATheme(String),
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::NotADate(t) => {
                write!(
                    f,
                    "'{t}' is not a real date: write YYYY-MM-DD, e.g. 2026-03-14"
                )
            }
            FieldError::NotANumber(t) => {
                write!(f, "'{t}' is not a number: write digits, e.g. 42.5")
            }
            FieldError::NotACount(t) => {
                write!(f, "'{t}' is not a number of people: write a whole number")
            }
            FieldError::NotALimit(t) => write!(
                f,
                "'{t}' is not kept: write a whole number from 1, e.g. 400, or leave it blank"
            ),
            FieldError::Comment(crate::workbook::comments::TextProblem::Empty) => write!(
                f,
                "a comment cannot be left empty: write its text (to put the old text back, close and undo)"
            ),
            FieldError::Comment(p) => write!(f, "{p}"),
            FieldError::EndBeforeStart { start, end } => write!(
                f,
                "the on-site week cannot end ({end}) before it starts ({start})"
            ),
            FieldError::NotHours(t, why) => write!(f, "'{t}' was not kept: {why}"),
            FieldError::NoSuchItem => write!(
                f,
                "the item being edited is no longer in the workbook: press Esc to close the editor"
            ),
            FieldError::NotATheme(t) => write!(
                f,
                "'{t}' is not a question or domain id of the framework: write one id a line, e.g. a question's id"
            ),
        }
    }
}

impl std::error::Error for FieldError {}
