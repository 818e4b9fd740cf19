//! Lines every pack's title block adds about the workbook itself: who
//! signed it off and when, and, for a workbook marked `x-illustrative` (as
//! the seeds are), that it is an illustration, in its own words.

use super::doc::Inline;
use crate::workbook::Workbook;
use crate::yaml::Value;

/// The workbook's `x-illustrative` note: its text, or a sentence of ours
/// for `true`; `None` when it is absent, false or empty.
pub fn illustrative(wb: &Workbook) -> Option<String> {
    match wb.extra.get("x-illustrative")? {
        Value::Bool(true) => {
            Some("this is an illustrative example, not a council's own work.".into())
        }
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Appends the sign-off and illustrative lines to a title block.
pub fn title_lines(info: &mut Vec<Inline>, wb: &Workbook) {
    if let Some(s) = &wb.review.signed_off {
        info.push(Inline::Break);
        info.push(Inline::text(format!("Signed off by {}", s.describe())));
    }
    if let Some(note) = illustrative(wb) {
        info.push(Inline::Break);
        info.push(Inline::text(format!("Note: {note}")));
    }
}
