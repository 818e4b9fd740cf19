//! Which question and which line of its answer are chosen: the question
//! tree built for a framework, the selected question's id, the answer
//! pane's lines, and selecting a question from anywhere.

use super::state::{Row, Slot};
use crate::tui::app::App;

impl App {
    /// The question tree for a framework. What was made from the framework
    /// before (the list's lines, the wrapped prompts) is dropped with it: a
    /// reload may bring another framework.
    pub(crate) fn build_rows(&mut self, fw: &crate::framework::Framework) {
        *self.q.entries.borrow_mut() = None;
        *self.q.prompts.borrow_mut() = None;
        self.q.rows.clear();
        self.q.question_rows.clear();
        for (di, d) in fw.domains.iter().enumerate() {
            self.q.rows.push(Row::Domain(di));
            for qi in 0..d.questions.len() {
                self.q.question_rows.push(self.q.rows.len());
                self.q.rows.push(Row::Question(di, qi));
            }
        }
    }

    /// The selected question's id.
    pub fn current_question(&self) -> Option<String> {
        let wb = self.wb()?;
        let row = *self.q.question_rows.get(self.q.sel)?;
        match self.q.rows.get(row)? {
            Row::Question(d, q) => Some(wb.framework.domains[*d].questions[*q].id.clone()),
            Row::Domain(_) => None,
        }
    }

    /// After an editor closes on a strength, area or source of the question
    /// shown, its line in the answer pane becomes the chosen one (so that
    /// `j` after adding a strength goes on from it, not from the line the
    /// `a` was pressed on). A line left empty and dropped changes nothing.
    pub(crate) fn choose_edited_line(&mut self, target: &crate::tui::edit::Target) {
        use crate::tui::edit::Target as T;
        if self.screen != crate::tui::screens::Screen::Questions {
            return;
        }
        let (q, slot) = match target {
            T::Strength(q, i) => (q, Slot::Strength(*i)),
            T::Area(q, i) => (q, Slot::Area(*i)),
            T::ReviewStrength(_, q, i) => (q, Slot::ReviewStrength(*i)),
            T::ReviewArea(_, q, i) => (q, Slot::ReviewArea(*i)),
            T::ReviewSource(_, q, i) => (q, Slot::ReviewSource(*i)),
            _ => return,
        };
        if self.current_question().as_ref() != Some(q) {
            return;
        }
        if let Some(k) = self.slots().iter().position(|s| *s == slot) {
            self.q.slot = k;
        }
    }

    /// The answer pane's selectable lines for the current question.
    pub fn slots(&self) -> Vec<Slot> {
        let Some(wb) = self.wb() else {
            return Vec::new();
        };
        let Some(qid) = self.current_question() else {
            return Vec::new();
        };
        let mut v = Vec::new();
        if let Some(name) = &self.reviewer {
            let a = wb.reviewer(name).and_then(|r| r.answer(&qid));
            if wb.framework.scale.is_some() {
                v.push(Slot::ReviewRating);
            }
            v.push(Slot::ReviewNotes);
            v.extend((0..a.map_or(0, |a| a.strengths.len())).map(Slot::ReviewStrength));
            v.push(Slot::AddReviewStrength);
            v.extend((0..a.map_or(0, |a| a.areas.len())).map(Slot::ReviewArea));
            v.push(Slot::AddReviewArea);
            v.extend((0..a.map_or(0, |a| a.sources.len())).map(Slot::ReviewSource));
            v.push(Slot::AddReviewSource);
            return v;
        }
        if wb.framework.scale.is_some() {
            v.push(Slot::Rating);
        }
        v.extend([Slot::Status, Slot::Owner, Slot::Narrative]);
        let a = wb.answer(&qid);
        let n = |f: fn(&crate::workbook::Answer) -> usize| a.map_or(0, f);
        v.extend((0..n(|a| a.strengths.len())).map(Slot::Strength));
        v.push(Slot::AddStrength);
        v.extend((0..n(|a| a.areas.len())).map(Slot::Area));
        v.push(Slot::AddArea);
        v.extend((0..n(|a| a.evidence.len())).map(Slot::Evidence));
        v.push(Slot::LinkEvidence);
        v
    }

    /// Selects a question by flat index, from wherever (the list's own
    /// moves, search, the Peer screen, `n`, a reload): one the filter hides
    /// clears the filter, and says so (see `App::land_on` in `questions/filter.rs`).
    pub fn select_question(&mut self, i: usize) {
        self.land_on(i);
        self.q.slot = 0;
        self.q.detail_view += 1;
    }
}
