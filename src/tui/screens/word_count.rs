//! The word count shown while a narrative is written, against the
//! workbook's word limit when it sets one (`review.word_limit`).

use crate::review::diff::word_count;
use crate::tui::app::App;
use crate::tui::edit::Editor;
use crate::workbook::fields::Target;

/// " · 123 words" or " · 123/400 words" for a narrative being edited;
/// empty for any other field.
pub fn editor_note(app: &App, ed: &Editor) -> String {
    if !matches!(ed.target, Target::Narrative(_)) {
        return String::new();
    }
    let words: usize = ed.area.lines().iter().map(|l| word_count(l)).sum();
    match app.wb().and_then(|wb| wb.review.word_limit) {
        Some(limit) => format!(" · {words}/{limit} words"),
        None if words == 1 => " · 1 word".into(),
        None => format!(" · {words} words"),
    }
}
