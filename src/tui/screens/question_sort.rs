//! The question list's order: the framework's (under its domains), by
//! owner, or by status (each under a heading for its group, in framework
//! order within it). The sort key steps through them; the order stays while
//! the workbook is open and works with the filter (see
//! [`super::question_filter`]): the filter says which questions, the sort
//! in what order.

use crate::text::inert;
use crate::tui::app::{App, Row};
use crate::workbook::{Status, Workbook};

pub use super::questions::sort_order::QuestionSort;

pub use super::questions::tree::Entry;

/// The group a question falls in, as (sort key, heading).
fn group(wb: &Workbook, sort: QuestionSort, qid: &str) -> (String, String) {
    let a = wb.answer(qid);
    match sort {
        QuestionSort::Framework => (String::new(), String::new()),
        QuestionSort::Owner => match a.and_then(|a| a.owner.as_deref()).map(str::trim) {
            Some(o) if !o.is_empty() => {
                let o = o.split_whitespace().collect::<Vec<_>>().join(" ");
                (
                    format!("0{}", o.to_lowercase()),
                    format!("Owner: {}", inert(&o)),
                )
            }
            // After every named owner.
            _ => ("1".into(), "No owner".into()),
        },
        QuestionSort::Status => {
            let s = a.map(|a| a.status).unwrap_or_default();
            let at = Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
            (format!("{at}"), s.label().to_string())
        }
    }
}

/// Puts the flat indices in `visible` (framework order) in the sort's
/// order: grouped, framework order within each group.
pub fn order(wb: &Workbook, sort: QuestionSort, visible: &[usize]) -> Vec<usize> {
    let mut v = visible.to_vec();
    if sort == QuestionSort::Framework {
        return v;
    }
    let ids: Vec<&str> = wb
        .framework
        .questions()
        .map(|(_, q)| q.id.as_str())
        .collect();
    v.sort_by_cached_key(|i| ids.get(*i).map(|id| group(wb, sort, id).0));
    v
}

/// The list's lines: for framework order the domains' tree (as
/// `question_filter::tree` leaves it), otherwise a heading before each
/// group of `ordered` (which [`order`] made).
pub fn entries(
    wb: &Workbook,
    sort: QuestionSort,
    rows: &[Row],
    question_rows: &[usize],
    ordered: &[usize],
) -> Vec<Entry> {
    if sort == QuestionSort::Framework {
        return super::question_filter::tree(rows, ordered)
            .into_iter()
            .map(|(row, flat)| match (row, flat) {
                (Row::Question(..), Some(i)) => Entry::Question(row, i),
                (Row::Domain(d), _) => Entry::Heading(wb.framework.domains[d].title.clone()),
                (Row::Question(..), None) => Entry::Heading(String::new()),
            })
            .collect();
    }
    let ids: Vec<&str> = wb
        .framework
        .questions()
        .map(|(_, q)| q.id.as_str())
        .collect();
    let mut out = Vec::with_capacity(ordered.len() + 8);
    let mut last: Option<String> = None;
    for &i in ordered {
        let (Some(id), Some(&r)) = (ids.get(i), question_rows.get(i)) else {
            continue;
        };
        let (key, heading) = group(wb, sort, id);
        if last.as_ref() != Some(&key) {
            out.push(Entry::Heading(heading));
            last = Some(key);
        }
        if let Some(row) = rows.get(r) {
            out.push(Entry::Question(*row, i));
        }
    }
    out
}

impl App {
    /// The sort key: the next order, said in the status bar.
    pub(in crate::tui) fn next_question_sort(&mut self) {
        self.q.sort = self.q.sort.next();
        self.message = Some((
            format!(
                "Questions {}; {} for the next order",
                self.q.sort.label(),
                self.keymap
                    .key_for(
                        crate::tui::keys::Context::Questions,
                        crate::tui::keys::Action::SortQuestions
                    )
                    .map_or("the sort key".to_string(), |k| k.to_string())
            ),
            false,
        ));
    }

    /// The list's title with the order in it when it is not the
    /// framework's ("Questions 4/13 · by owner").
    pub fn sorted_title(&self, title: String) -> String {
        if self.q.sort == QuestionSort::Framework {
            return title;
        }
        format!("{} · {} ", title.trim_end(), self.q.sort.label())
    }
}

/// While a sort is on, its key goes in the list's footer after the
/// filter's (or first after "answer"), so the way back to the framework's
/// order is never off the screen; help lists it always.
pub fn sort_hint(
    app: &App,
    in_list: bool,
    hints: &mut Vec<(crate::tui::keys::Action, String, String)>,
) {
    use crate::tui::keys::{Action, Context};
    if !in_list || app.q.sort == QuestionSort::Framework {
        return;
    }
    let Some(k) = app
        .keymap
        .key_for(Context::Questions, Action::SortQuestions)
    else {
        return;
    };
    let at = hints
        .iter()
        .position(|(a, _, _)| *a == Action::FilterQuestions)
        .map_or(hints.len().min(1), |i| i + 1);
    hints.insert(at, (Action::SortQuestions, k.to_string(), "sort".into()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;

    /// Suffolk's 13 questions: 3 and 1 owned by "jo  smith"/"Jo Smith",
    /// 2 by Al, 1 and 4 ready for review.
    fn owned() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let mut wb = Workbook::new(fw, "C", "T");
        let ids: Vec<String> = wb
            .framework
            .questions()
            .map(|(_, q)| q.id.clone())
            .collect();
        wb.answer_mut(&ids[3]).owner = Some("jo  smith".into());
        wb.answer_mut(&ids[1]).owner = Some("Jo Smith".into());
        wb.answer_mut(&ids[2]).owner = Some("Al".into());
        wb.answer_mut(&ids[1]).status = Status::ReadyForReview;
        wb.answer_mut(&ids[4]).status = Status::ReadyForReview;
        wb
    }

    #[test]
    fn the_sort_steps_round_its_three_orders() {
        let s = QuestionSort::default();
        assert_eq!(s, QuestionSort::Framework);
        assert_eq!(s.next().next().next(), s);
        assert_eq!(s.next().label(), "by owner");
    }

    #[test]
    fn by_owner_groups_owners_a_to_z_then_those_with_none() {
        let wb = owned();
        let all: Vec<usize> = (0..13).collect();
        let v = order(&wb, QuestionSort::Owner, &all);
        assert_eq!(&v[..4], &[2, 1, 3, 0], "Al, then Jo Smith (both spellings)");
        assert_eq!(v.len(), 13);
        assert_eq!(order(&wb, QuestionSort::Framework, &all), all);
        // Within the filter's questions only.
        assert_eq!(order(&wb, QuestionSort::Owner, &[0, 1, 2]), vec![2, 1, 0]);
    }

    #[test]
    fn by_status_goes_from_not_started_to_agreed_with_a_heading_each() {
        let wb = owned();
        let all: Vec<usize> = (0..13).collect();
        let v = order(&wb, QuestionSort::Status, &all);
        assert_eq!(&v[11..], &[1, 4], "ready for review after not started");
        let rows: Vec<Row> = wb
            .framework
            .domains
            .iter()
            .enumerate()
            .flat_map(|(d, dom)| (0..dom.questions.len()).map(move |q| Row::Question(d, q)))
            .collect();
        let qrows: Vec<usize> = (0..rows.len()).collect();
        let e = entries(&wb, QuestionSort::Status, &rows, &qrows, &v);
        let heads: Vec<&str> = e
            .iter()
            .filter_map(|e| match e {
                Entry::Heading(h) => Some(h.as_str()),
                Entry::Question(..) => None,
            })
            .collect();
        assert_eq!(
            heads,
            vec![Status::NotStarted.label(), Status::ReadyForReview.label()]
        );
        assert_eq!(e.len(), 15);
    }
}
