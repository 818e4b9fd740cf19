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
    format!(
        " · {}",
        words_note(ed.words, app.wb().and_then(|wb| wb.review.word_limit))
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

impl App {
    /// The words of the answer's narrative to question `qid`, counted once
    /// per revision of the workbook and question: the answer pane shows
    /// them on every frame.
    pub fn narrative_words(&self, qid: &str, narrative: &str) -> usize {
        let revision = self.doc.as_ref().map_or(0, |d| d.revision);
        let mut cache = self.q.words.borrow_mut();
        if let Some((rev, id, n)) = &*cache
            && *rev == revision
            && id == qid
        {
            return *n;
        }
        let n = word_count(narrative);
        *cache = Some((revision, qid.to_string(), n));
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
