//! The question filter's side in the app: the one mapping from the filter
//! to the questions the list shows (once per revision), its picker, and
//! landing on a question the filter hides. (What a filter shows is in
//! `screens/question_filter.rs`.)

use std::rc::Rc;

use crate::text::inert;
use crate::tui::app::{App, Popup};
use crate::tui::popups::pick;
use crate::tui::screens::question_filter::{QuestionFilter, choices, shown};
use crate::tui::screens::question_sort::{Entry, entries};
use crate::tui::screens::questions::state::EntriesFor;

impl App {
    /// The flat indices of the questions the filter shows, made once per
    /// revision of the workbook (every question when there is no filter).
    pub fn shown_questions(&self) -> Rc<Vec<usize>> {
        let Some(doc) = &self.doc else {
            return Rc::new(Vec::new());
        };
        let mut cache = self.q.shown.borrow_mut();
        match &*cache {
            Some((rev, v)) if *rev == doc.revision => Rc::clone(v),
            _ => {
                let v = Rc::new(shown(&doc.wb, self.q.filter.as_ref()));
                *cache = Some((doc.revision, Rc::clone(&v)));
                v
            }
        }
    }

    /// The list's lines as drawn (headings and questions, see
    /// [`crate::tui::screens::question_sort::entries`]), made again only
    /// when the questions shown, the order or a selection outside the
    /// filter change: a frame takes the rows on screen from it.
    pub fn list_entries(&self) -> Rc<Vec<Entry>> {
        let Some(wb) = self.wb() else {
            return Rc::new(Vec::new());
        };
        let shown = self.shown_questions();
        let extra = (self.q.sel < self.q.question_rows.len()
            && shown.binary_search(&self.q.sel).is_err())
        .then_some(self.q.sel);
        let key = EntriesFor {
            shown,
            sort: self.q.sort,
            extra,
        };
        let mut cache = self.q.entries.borrow_mut();
        if let Some((made_for, v)) = &*cache
            && *made_for == key
        {
            return Rc::clone(v);
        }
        let v = Rc::new(entries(
            wb,
            self.q.sort,
            &self.q.rows,
            &self.q.question_rows,
            &self.visible_questions(),
        ));
        *cache = Some((key, Rc::clone(&v)));
        v
    }

    /// The questions the list draws and moves through, in the list's order
    /// (see [`crate::tui::screens::question_sort`]): those shown, and the
    /// selected one even when an edit has just taken it out of the filter
    /// (it stays until the selection moves on).
    pub fn visible_questions(&self) -> Vec<usize> {
        let mut v = self.shown_questions().to_vec();
        if self.q.sel < self.q.question_rows.len()
            && let Err(at) = v.binary_search(&self.q.sel)
        {
            v.insert(at, self.q.sel);
        }
        match self.wb() {
            Some(wb) => crate::tui::screens::question_sort::order(wb, self.q.sort, &v),
            None => v,
        }
    }

    /// The question list's title while a filter is on: "Questions 3/13 ·
    /// owner: Jo" (None without a filter).
    pub fn filter_title(&self) -> Option<String> {
        let f = self.q.filter.as_ref()?;
        Some(format!(
            " Questions {}/{} · {} ",
            self.shown_questions().len(),
            self.q.question_rows.len(),
            f.label()
        ))
    }

    /// Opens the filter picker on the filter now on.
    pub(crate) fn open_question_filter(&mut self) {
        let Some(wb) = self.wb() else { return };
        let choices = choices(wb, &self.user);
        let on = choices.iter().position(|(f, _)| *f == self.q.filter);
        self.popup = Some(Popup::Pick(Box::new(pick::question_filter(choices, on))));
    }

    /// Puts a filter on (or off). One that shows no question is refused
    /// with a message, so the list is never empty; otherwise the selection
    /// stays if it is shown and moves to the first shown question if not.
    pub(crate) fn set_question_filter(&mut self, filter: Option<QuestionFilter>) {
        let Some(wb) = self.wb() else { return };
        let now = shown(wb, filter.as_ref());
        if now.is_empty() {
            let label = filter.as_ref().map_or(String::new(), QuestionFilter::label);
            self.message = Some((
                format!("No question matches {label}: the list is as it was"),
                false,
            ));
            return;
        }
        self.message = Some(match &filter {
            Some(f) => (
                format!(
                    "Showing {} of {} questions: {}",
                    now.len(),
                    self.q.question_rows.len(),
                    f.label()
                ),
                false,
            ),
            None => ("Showing all questions".into(), false),
        });
        self.q.filter = filter;
        *self.q.shown.borrow_mut() = None;
        if now.binary_search(&self.q.sel).is_err() {
            self.select_question(now[0]);
        }
    }

    /// Selects the question at flat index `i`. When the filter hides it
    /// (a jump from search, the Peer screen, undo or a reload), the filter
    /// is cleared and the status bar says so.
    pub(crate) fn land_on(&mut self, i: usize) {
        if let Some(f) = &self.q.filter
            && i != self.q.sel
            && self.shown_questions().binary_search(&i).is_err()
        {
            let reference = self
                .wb()
                .and_then(|wb| wb.framework.questions().nth(i))
                .map_or(String::new(), |(_, q)| inert(q.display_ref()));
            let note = format!(
                "Filter cleared ({}): {reference} is not among them",
                f.label()
            );
            self.message = Some((note.clone(), false));
            self.q.cleared = Some(note);
            self.q.filter = None;
            *self.q.shown.borrow_mut() = None;
        }
        self.q.sel = i;
    }
}

impl App {
    /// The status bar's rule for one key: it says what the key did, and a
    /// note about something done on the way (the filter cleared to reach a
    /// question) is kept after it, so neither hides the other: "undid: … ·
    /// Filter cleared (…): KLOE 3 is not among them".
    pub(in crate::tui) fn keep_side_note(&mut self) {
        let Some(note) = self.q.cleared.take() else {
            return;
        };
        self.message = Some(match self.message.take() {
            Some((m, error)) if m != note && !m.contains(&note) => (format!("{m} · {note}"), error),
            Some(same) => same,
            None => (note, false),
        });
    }
}
