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

use chrono::{DateTime, Timelike, Utc};

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
    let id = new_id(&a.comments, by, at);
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

/// The id a new comment by `by` at `at` gets in a thread.
fn new_id(thread: &[Comment], by: &str, at: DateTime<Utc>) -> String {
    let who: String = by
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let base = format!("c-{}-{}", at.format("%Y%m%d%H%M%S"), who);
    let taken = |id: &str| thread.iter().any(|c| c.id == id);
    if taken(&base) {
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    } else {
        base
    }
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

/// The most a comment's text may hold: 1 MiB. A comment is a note in a
/// thread (a pasted e-mail, a report's paragraph fits many times over); a
/// longer text belongs in the evidence library. The same for a comment
/// typed in the interface, given to `peerbook comment` or read from a file.
pub const MAX_BYTES: usize = 1 << 20;

/// Why a comment's text is not kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    #[error("the comment is empty; give its text")]
    Empty,
    #[error(
        "the comment is {bytes} bytes, over the {} KiB a comment may hold; put a text that long in the evidence library and say in the comment where it is",
        MAX_BYTES / 1024
    )]
    TooLong { bytes: usize },
}

/// A comment's text as it is kept, the one rule for every way one is
/// written: line breaks made LF (no bare CR), trimmed; refused when
/// nothing is left or it is over [`MAX_BYTES`]. Other characters are kept
/// as typed, as in every field, and shown inert.
pub fn text_of(typed: &str) -> Result<String, TextProblem> {
    let t = crate::text::line_breaks(typed, crate::text::Breaks::Keep);
    let t = t.trim();
    if t.is_empty() {
        return Err(TextProblem::Empty);
    }
    if t.len() > MAX_BYTES {
        return Err(TextProblem::TooLong { bytes: t.len() });
    }
    Ok(t.to_string())
}

/// Whether `user` wrote the comment, and so may change its text. Anyone
/// may resolve or reopen a comment, as in Word; its words stay its
/// author's.
pub fn is_author(c: &Comment, user: &str) -> bool {
    c.by.trim() == user.trim()
}

/// A comment being written in the interface, not yet in the thread: it
/// enters it with its first words (never empty, so a crash while it is
/// being typed leaves no empty comment behind), is changed as more is
/// typed, and leaves it again if everything is taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A draft of a new comment on an answer (which may not be there yet),
/// under `by` at `at` (to the second, as the file keeps it), with the id
/// [`add`] would give it now.
pub fn draft(a: Option<&Answer>, by: &str, at: DateTime<Utc>) -> Draft {
    let at = at.with_nanosecond(0).unwrap_or(at);
    Draft {
        id: new_id(a.map_or(&[][..], |a| &a.comments), by, at),
        by: by.to_string(),
        at,
    }
}

/// Writes a draft's text as typed so far: blank, it is taken out of the
/// thread (if it was in it); otherwise put in, or its text changed. True
/// if the thread changed.
pub fn write_draft(a: &mut Answer, d: &Draft, typed: &str) -> Result<bool, TextProblem> {
    match text_of(typed) {
        Err(TextProblem::Empty) => return Ok(remove(a, &d.id)),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    match a.comments.iter_mut().find(|c| c.id == d.id) {
        Some(c) if c.text == typed => Ok(false),
        Some(c) => {
            c.text = typed.to_string();
            Ok(true)
        }
        None => {
            a.comments.push(Comment {
                id: d.id.clone(),
                by: d.by.clone(),
                at: d.at,
                text: typed.to_string(),
                resolved: false,
                extra: Default::default(),
            });
            Ok(true)
        }
    }
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
        assert_eq!(
            text_of("  Which year?\r\nThis one\n").as_deref(),
            Ok("Which year?\nThis one")
        );
        assert_eq!(text_of(" \n "), Err(TextProblem::Empty));
        assert_eq!(a.comments.len(), 1);
    }

    #[test]
    fn a_draft_is_in_the_thread_only_while_it_has_text() {
        let mut wb = one_question_workbook();
        let at: DateTime<Utc> = "2026-02-10T09:00:00.750Z".parse().unwrap();
        let d = draft(wb.answers.first(), "Jo Smith", at);
        assert_eq!(d.id, "c-20260210090000-josmith");
        assert_eq!(d.at.to_rfc3339(), "2026-02-10T09:00:00+00:00");
        let a = &mut wb.answers[0];
        // Opening it, or typing only spaces, puts nothing in the thread.
        assert_eq!(write_draft(a, &d, "  "), Ok(false));
        assert!(a.comments.is_empty());
        assert_eq!(write_draft(a, &d, "W"), Ok(true));
        assert_eq!(write_draft(a, &d, "Which "), Ok(true));
        assert_eq!(a.comments.len(), 1);
        assert_eq!(a.comments[0].text, "Which ");
        assert_eq!(a.comments[0].by, "Jo Smith");
        // Everything taken out: it leaves the thread again.
        assert_eq!(write_draft(a, &d, ""), Ok(true));
        assert!(a.comments.is_empty());
        let long = "x".repeat(MAX_BYTES + 1);
        assert_eq!(
            write_draft(a, &d, &long),
            Err(TextProblem::TooLong {
                bytes: MAX_BYTES + 1
            })
        );
        assert!(a.comments.is_empty());
    }

    #[test]
    fn a_comment_holds_up_to_a_mebibyte_and_its_author_is_who_wrote_it() {
        let at: DateTime<Utc> = "2026-02-10T09:00:00Z".parse().unwrap();
        let most = "y".repeat(MAX_BYTES);
        assert_eq!(
            text_of(&format!(" {most}\n")).map(|t| t.len()),
            Ok(MAX_BYTES)
        );
        let over = format!("{most}y");
        let e = text_of(&over).unwrap_err();
        assert!(
            e.to_string()
                .contains("over the 1024 KiB a comment may hold"),
            "{e}"
        );
        let mut wb = one_question_workbook();
        let id = add(&mut wb.answers[0], "Jo Smith", at, "Which year?");
        let c = find(&wb.answers[0], &id).unwrap();
        assert!(is_author(c, "Jo Smith"));
        assert!(!is_author(c, "Sam Patel"));
    }
}
