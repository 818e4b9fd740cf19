//! The questions screen's state: the tree of questions, the selected one,
//! the answer pane's lines, and the filter in force.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::text::Line;

pub use super::tree::{Entry, Row};
use crate::tui::screens::Pane;
use crate::tui::screens::question_filter::QuestionFilter;

/// A selectable line of the answer pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Rating,
    Status,
    Owner,
    Narrative,
    Strength(usize),
    AddStrength,
    Area(usize),
    AddArea,
    Evidence(usize),
    LinkEvidence,
    /// Reviewer mode: the reviewer's own entries.
    ReviewRating,
    ReviewNotes,
    ReviewStrength(usize),
    AddReviewStrength,
    ReviewArea(usize),
    AddReviewArea,
    ReviewSource(usize),
    AddReviewSource,
}

#[derive(Debug, Default)]
pub struct QuestionsState {
    /// The tree: domain headers and questions, built once per framework.
    pub rows: Vec<Row>,
    /// Row index of each question, in framework order.
    pub question_rows: Vec<usize>,
    /// Selected question (index into `question_rows`).
    pub sel: usize,
    pub pane: Pane,
    /// Selected slot of the answer pane.
    pub slot: usize,
    /// Changed when another question is chosen, so the answer pane's
    /// scroll starts again from the top (see [`crate::tui::drawn`]).
    pub detail_view: u64,
    /// Which questions the list shows (None: all).
    pub filter: Option<QuestionFilter>,
    /// The flat indices of the questions the filter shows, by revision
    /// (see [`crate::tui::app::App::shown_questions`]); emptied when the filter changes.
    pub shown: RefCell<Option<(u64, Rc<Vec<usize>>)>>,
    /// The list's lines as drawn, for the questions shown (the `Rc` in
    /// `shown` they were made from, compared by pointer), the order and
    /// the selection when the filter leaves it out (see
    /// [`crate::tui::app::App::list_entries`]).
    pub entries: RefCell<Option<(EntriesFor, Rc<Vec<Entry>>)>>,
    /// The question and its prompts as drawn beside an editor, wrapped for
    /// one question id and width (the framework does not change while the
    /// workbook is open), so typing does not wrap them again on each key.
    pub prompts: RefCell<Option<Wrapped>>,
    /// The selected answer's narrative's word count, by revision and
    /// question id (see [`QuestionsState::narrative_words`]).
    pub words: RefCell<Option<(u64, String, usize)>>,
    /// The list's order (framework, by owner, by status), kept while the
    /// workbook is open.
    pub sort: super::sort_order::QuestionSort,
    /// What the key being handled said on the way about clearing the
    /// filter, kept beside whatever it says last (see
    /// `App::keep_side_note`).
    pub cleared: Option<String>,
    /// Where the user scrolled the answer pane and the question beside an
    /// editor (see [`crate::tui::screens::question_pane`]).
    pub scroll: super::scroll::PaneScroll,
}

/// Lines wrapped for one question id and width.
pub type Wrapped = ((String, usize), Rc<Vec<Line<'static>>>);

/// What the list's lines were made from.
#[derive(Debug)]
pub struct EntriesFor {
    pub shown: Rc<Vec<usize>>,
    pub sort: super::sort_order::QuestionSort,
    /// The selected question when the filter does not show it.
    pub extra: Option<usize>,
}

impl PartialEq for EntriesFor {
    fn eq(&self, other: &Self) -> bool {
        // The same `Rc`: made for the same revision and filter (a new one
        // is made whenever either changes, and this one is kept alive here,
        // so its address is not reused).
        Rc::ptr_eq(&self.shown, &other.shown)
            && self.sort == other.sort
            && self.extra == other.extra
    }
}

impl QuestionsState {
    /// The words of the answer's narrative to question `qid`, counted once
    /// per revision of the workbook and question: the answer pane shows
    /// them on every frame.
    pub fn narrative_words(&self, revision: u64, qid: &str, narrative: &str) -> usize {
        let mut cache = self.words.borrow_mut();
        if let Some((rev, id, n)) = &*cache
            && *rev == revision
            && id == qid
        {
            return *n;
        }
        let n = crate::review::diff::word_count(narrative);
        *cache = Some((revision, qid.to_string(), n));
        n
    }
}
