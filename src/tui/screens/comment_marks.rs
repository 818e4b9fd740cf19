//! The marks that say an answer has open comments: `✉2` after a
//! question's reference in the list, and the reading view's note.

use crate::workbook::{Answer, comments};

/// The list's mark after a question's reference for its open comments:
/// ` ✉2`; empty when none is open.
pub fn list_mark(a: Option<&Answer>) -> String {
    match a.map_or(0, comments::open_on) {
        0 => String::new(),
        n => format!(" ✉{n}"),
    }
}

/// "2 open comments" (None when none is open), as the reading view's
/// status line says it.
pub fn count_note(a: &Answer) -> Option<String> {
    match comments::open_on(a) {
        0 => None,
        1 => Some("✉ 1 open comment".into()),
        n => Some(format!("✉ {n} open comments")),
    }
}
