//! The Findings screen's report view: its state and the words undo uses
//! for a report field, apart from the screen's keys and drawing (see
//! [`super::report`]) so that the app's state and undo can hold them without
//! importing the app.

use crate::workbook::fields::report::ReportTarget;

/// Whether the Findings screen shows the report's fields, and which row.
#[derive(Debug, Clone, Default)]
pub struct ReportState {
    pub on: bool,
    pub sel: usize,
}

/// What the undo message calls a report field.
pub fn what(t: &ReportTarget) -> String {
    use ReportTarget as T;
    match t {
        T::Detail(f) => format!("the report's {}", f.label().to_lowercase()),
        T::Contact(i, _) => format!("contact {}", i + 1),
        T::DomainNarrative(d) => format!("the paragraphs of {d}"),
        T::Rec(i, _) => format!("recommendation {}", i + 1),
        T::Theme(i, _) | T::ThemeStrength(i, _) | T::ThemeArea(i, _) => {
            format!("theme {}", i + 1)
        }
    }
}
