//! The question list's filter: all questions, the user's own, one owner's
//! or one status's. What it shows is worked out here, once per revision of
//! the workbook, as the flat indices of the questions shown (framework
//! order, the index `QuestionsState::sel` holds); the list draws, moves and
//! jumps through that one list.

use std::rc::Rc;

use crate::text::inert;
use crate::tui::app::{App, Popup, Row};
use crate::tui::popups::pick;
use crate::workbook::{Status, Workbook};

/// Which questions the list shows (no filter: every question).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionFilter {
    /// Questions whose owner is the user (by name, as typed).
    Mine(String),
    Owner(String),
    Status(Status),
}

/// Owners compare as people type them: case and spacing aside.
fn same_owner(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

impl QuestionFilter {
    /// Whether the question with this id is shown.
    pub fn matches(&self, wb: &Workbook, qid: &str) -> bool {
        let a = wb.answer(qid);
        match self {
            QuestionFilter::Mine(name) | QuestionFilter::Owner(name) => a
                .and_then(|a| a.owner.as_deref())
                .is_some_and(|o| same_owner(o, name)),
            QuestionFilter::Status(s) => a.map(|a| a.status).unwrap_or_default() == *s,
        }
    }

    /// What the list's title says of it ("owner: Jo", "Ready for
    /// review"): short, as the list is narrow.
    pub fn label(&self) -> String {
        match self {
            QuestionFilter::Mine(name) => format!("mine ({})", inert(name)),
            QuestionFilter::Owner(name) => format!("owner: {}", inert(name)),
            QuestionFilter::Status(s) => s.label().to_string(),
        }
    }
}

/// The filter picker's choices, in order: all questions, the user's own,
/// one per owner named in the workbook (sorted, each once), one per status.
pub fn choices(wb: &Workbook, user: &str) -> Vec<(Option<QuestionFilter>, String)> {
    let mut v = vec![
        (None, "All questions".to_string()),
        (
            Some(QuestionFilter::Mine(user.to_string())),
            format!("My questions (owner is {})", inert(user)),
        ),
    ];
    let mut owners: Vec<&str> = Vec::new();
    for o in wb.answers.iter().filter_map(|a| a.owner.as_deref()) {
        if !o.trim().is_empty() && !owners.iter().any(|x| same_owner(x, o)) {
            owners.push(o.trim());
        }
    }
    owners.sort_by_key(|o| o.to_lowercase());
    v.extend(owners.into_iter().map(|o| {
        (
            Some(QuestionFilter::Owner(o.to_string())),
            format!("Owner: {}", inert(o)),
        )
    }));
    v.extend(Status::ALL.iter().map(|s| {
        (
            Some(QuestionFilter::Status(*s)),
            format!("Status: {}", s.label()),
        )
    }));
    v
}

/// The flat indices of the questions a filter shows, in framework order.
pub fn shown(wb: &Workbook, filter: Option<&QuestionFilter>) -> Vec<usize> {
    wb.framework
        .questions()
        .enumerate()
        .filter(|(_, (_, q))| filter.is_none_or(|f| f.matches(wb, &q.id)))
        .map(|(i, _)| i)
        .collect()
}

/// The tree as drawn: each domain that has a question in `visible`, then
/// those questions, each with its flat index.
pub fn tree(rows: &[Row], visible: &[usize]) -> Vec<(Row, Option<usize>)> {
    let mut out = Vec::with_capacity(rows.len());
    let mut flat = 0;
    let mut header = None;
    for row in rows {
        match row {
            Row::Domain(_) => header = Some(*row),
            Row::Question(..) => {
                if visible.binary_search(&flat).is_ok() {
                    if let Some(h) = header.take() {
                        out.push((h, None));
                    }
                    out.push((*row, Some(flat)));
                }
                flat += 1;
            }
        }
    }
    out
}

// ----- the app's side: the one mapping, the picker, landing -----

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

    /// The questions the list draws and moves through, in the list's order
    /// (see [`super::question_sort`]): those shown, and the selected one
    /// even when an edit has just taken it out of the filter (it stays
    /// until the selection moves on).
    pub fn visible_questions(&self) -> Vec<usize> {
        let mut v = self.shown_questions().to_vec();
        if self.q.sel < self.q.question_rows.len()
            && let Err(at) = v.binary_search(&self.q.sel)
        {
            v.insert(at, self.q.sel);
        }
        match self.wb() {
            Some(wb) => super::question_sort::order(wb, self.q.sort, &v),
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
    pub(in crate::tui) fn open_question_filter(&mut self) {
        let Some(wb) = self.wb() else { return };
        let choices = choices(wb, &self.user);
        let on = choices.iter().position(|(f, _)| *f == self.q.filter);
        self.popup = Some(Popup::Pick(Box::new(pick::question_filter(choices, on))));
    }

    /// Puts a filter on (or off). One that shows no question is refused
    /// with a message, so the list is never empty; otherwise the selection
    /// stays if it is shown and moves to the first shown question if not.
    pub(in crate::tui) fn set_question_filter(&mut self, filter: Option<QuestionFilter>) {
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
    pub(in crate::tui) fn land_on(&mut self, i: usize) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_match_whatever_the_case_and_spacing() {
        assert!(same_owner("Jo  Smith", " jo smith"));
        assert!(!same_owner("Jo", "Joe"));
    }

    #[test]
    fn the_tree_keeps_only_domains_with_a_shown_question() {
        let rows = [
            Row::Domain(0),
            Row::Question(0, 0),
            Row::Domain(1),
            Row::Question(1, 0),
            Row::Question(1, 1),
        ];
        assert_eq!(
            tree(&rows, &[2]),
            vec![(Row::Domain(1), None), (Row::Question(1, 1), Some(2))]
        );
        assert_eq!(tree(&rows, &[0, 1, 2]).len(), rows.len());
    }
}
