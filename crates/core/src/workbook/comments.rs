//! Comments on an answer: a short thread, the way Word comments are used
//! while a self-assessment is written. Each has an id made from its time
//! and author, so that two officers commenting on one answer in two copies
//! both survive a merge (`review/merge.rs` matches `answers.comments` by
//! id). Comments are never printed in the packs.
//!
//! The command line (`peerbook comment`) and the interface (the thread on
//! the Questions screen, `c`) both go through these functions: the id, who
//! and when, resolving and reopening, what is open, and how a comment's
//! time and state are said.

use chrono::{DateTime, Utc};

use super::codec::{Flag, Req, Time, record};
use super::{Answer, Workbook};

record! {
    /// One comment on an answer.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Comment as "a comment" {
        pub id: String = Req,
        pub by: String = Req,
        pub at: DateTime<Utc> = Time,
        pub text: String = Req,
        pub resolved: bool = Flag,
        ..extra
    }
}

/// Adds a comment to an answer and returns its id: `c-` with the time to
/// the second and the author's name in letters and digits, made unique
/// within the answer.
pub fn add(a: &mut Answer, by: &str, at: DateTime<Utc>, text: &str) -> String {
    let who: String = by
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let base = format!("c-{}-{}", at.format("%Y%m%d%H%M%S"), who);
    let taken = |id: &str| a.comments.iter().any(|c| c.id == id);
    let id = if taken(&base) {
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    } else {
        base
    };
    a.comments.push(Comment {
        id: id.clone(),
        by: by.to_string(),
        at,
        text: text.to_string(),
        resolved: false,
        extra: Default::default(),
    });
    id
}

impl Comment {
    /// Not yet resolved.
    pub fn is_open(&self) -> bool {
        !self.resolved
    }

    /// When it was written, as the thread and `peerbook comment` show it
    /// (to the minute, UTC, as every stamp in the workbook).
    pub fn when(&self) -> String {
        self.at.format("%Y-%m-%d %H:%M").to_string()
    }

    /// "open" or "resolved".
    pub fn state(&self) -> &'static str {
        if self.resolved { "resolved" } else { "open" }
    }
}

/// A comment's text as it is kept: trimmed, and None when nothing is left,
/// for a blank comment is not kept (`peerbook comment` refuses one; the
/// interface drops a new one left empty, as it does any new item).
pub fn text_of(typed: &str) -> Option<&str> {
    Some(typed.trim()).filter(|t| !t.is_empty())
}

/// The comment with this id on an answer.
pub fn find<'a>(a: &'a Answer, id: &str) -> Option<&'a Comment> {
    a.comments.iter().find(|c| c.id == id)
}

/// Takes a comment out of the thread (one begun in the interface and left
/// empty). False if there is no such comment.
pub fn remove(a: &mut Answer, id: &str) -> bool {
    let before = a.comments.len();
    a.comments.retain(|c| c.id != id);
    a.comments.len() != before
}

/// How many comments on an answer are open.
pub fn open_on(a: &Answer) -> usize {
    a.comments.iter().filter(|c| c.is_open()).count()
}

/// Marks a comment resolved (or open again). False if there is no such
/// comment.
pub fn set_resolved(a: &mut Answer, id: &str, resolved: bool) -> bool {
    match a.comments.iter_mut().find(|c| c.id == id) {
        Some(c) => {
            c.resolved = resolved;
            true
        }
        None => false,
    }
}

/// Open comments across the workbook: (question id, comment), in
/// framework order.
pub fn open(wb: &Workbook) -> Vec<(&str, &Comment)> {
    wb.answers
        .iter()
        .flat_map(|a| {
            a.comments
                .iter()
                .filter(|c| c.is_open())
                .map(move |c| (a.question.as_str(), c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::one_question_workbook;

    #[test]
    fn comments_get_unique_ids_and_can_be_resolved() {
        let mut wb = one_question_workbook();
        let at: DateTime<Utc> = "2026-02-10T09:00:00Z".parse().unwrap();
        let a = &mut wb.answers[0];
        let one = add(a, "Jo Smith", at, "Is this figure for the year?");
        let two = add(a, "Jo Smith", at, "And which year?");
        assert_eq!(one, "c-20260210090000-josmith");
        assert_eq!(two, "c-20260210090000-josmith-2");
        assert_eq!(open(&wb).len(), 2);
        assert!(set_resolved(&mut wb.answers[0], &one, true));
        assert!(!set_resolved(&mut wb.answers[0], "c-none", true));
        let left: Vec<&str> = open(&wb).iter().map(|(_, c)| c.id.as_str()).collect();
        assert_eq!(left, vec![two.as_str()]);
        let a = &mut wb.answers[0];
        assert_eq!(open_on(a), 1);
        assert_eq!(find(a, &one).map(Comment::state), Some("resolved"));
        assert_eq!(
            find(a, &two).map(Comment::when).as_deref(),
            Some("2026-02-10 09:00")
        );
        // Reopened, it is open again; removed, it is gone.
        assert!(set_resolved(a, &one, false));
        assert_eq!(open_on(a), 2);
        assert!(remove(a, &one));
        assert!(!remove(a, &one));
        assert_eq!(text_of("  Which year?\n"), Some("Which year?"));
        assert_eq!(text_of(" \n "), None);
        assert_eq!(a.comments.len(), 1);
    }
}
