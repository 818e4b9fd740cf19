//! The question list's filter: all questions, the user's own, one owner's
//! or one status's. What it shows is worked out here, once per revision of
//! the workbook, as the flat indices of the questions shown (framework
//! order, the index `QuestionsState::sel` holds); the list draws, moves and
//! jumps through that one list.

use crate::text::inert;
use crate::tui::screens::questions::tree::Row;
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
    // `visible` is in order: walk it beside the rows (drawn every frame, so
    // no search per row).
    let mut next = visible.iter().copied().peekable();
    for row in rows {
        match row {
            Row::Domain(_) => header = Some(*row),
            Row::Question(..) => {
                while next.next_if(|v| *v < flat).is_some() {}
                if next.next_if_eq(&flat).is_some() {
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
