//! The word count shown while a narrative is written, against the
//! workbook's word limit when it sets one (`review.word_limit`).

use crate::tui::edit::Editor;
use crate::workbook::Workbook;
use crate::workbook::fields::Target;

/// " · 123 words" or " · 123/400 words" for a narrative being edited;
/// empty for any other field.
pub fn editor_note(wb: Option<&Workbook>, ed: &Editor) -> String {
    if !matches!(ed.target, Target::Narrative(_)) {
        return String::new();
    }
    format!(
        " · {}",
        words_note(ed.words, wb.and_then(|wb| wb.review.word_limit))
    )
}

/// "123 words", or "123/400 words" against the workbook's word limit, with
/// how far over it is: the same words while writing and in the answer.
pub fn words_note(words: usize, limit: Option<u32>) -> String {
    match limit.map(|l| l as usize) {
        Some(limit) if words > limit => format!("{words}/{limit} words, {} over", words - limit),
        Some(limit) => format!("{words}/{limit} words"),
        None if words == 1 => "1 word".into(),
        None => format!("{words} words"),
    }
}

/// The heading of the narrative in the answer pane, with its word count
/// once there is text.
pub fn narrative_heading(words: usize, limit: Option<u32>) -> String {
    const HEAD: &str = "Narrative (where we are):";
    match words {
        0 => HEAD.into(),
        n => format!("{HEAD} {}", words_note(n, limit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::diff::word_count;

    #[test]
    fn the_answer_pane_counts_words_against_the_limit() {
        assert_eq!(
            narrative_heading(word_count("  "), Some(5)),
            "Narrative (where we are):"
        );
        assert_eq!(
            narrative_heading(word_count("One"), None),
            "Narrative (where we are): 1 word"
        );
        assert_eq!(
            narrative_heading(word_count("We have a plan"), Some(5)),
            "Narrative (where we are): 4/5 words"
        );
        assert_eq!(
            narrative_heading(word_count("We have a clear plan for reablement"), Some(5)),
            "Narrative (where we are): 7/5 words, 2 over"
        );
    }
}
