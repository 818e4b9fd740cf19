//! What changed between two versions of a workbook, in words: per question
//! its rating, status, owner, narrative (word by word), strengths, areas
//! and evidence; then the review details, the evidence library, each
//! reviewer's section, the agreed ratings and the findings. `peerbook diff`
//! prints it (`render.rs`: text, markdown, and the one-workbook text that
//! `git diff` compares through a textconv setting).

mod render;
mod words;

use std::collections::HashSet;

pub use render::{markdown, text, textconv};
pub use words::{Piece, around_changes, word_count, word_diff};

use crate::export::csv_io::rating_text;
use crate::framework::Framework;
use crate::workbook::onsite::{Reviewer, ReviewerAnswer};
use crate::workbook::{Answer, Rating, Workbook};

/// One change, to one field or list.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The field, as people call it ("rating", "strengths").
    pub field: String,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// A value replaced; each side in words ("no rating", "nobody").
    Set {
        from: String,
        to: String,
    },
    /// An entry of a list put in or taken out.
    Added(String),
    Removed(String),
    /// A text changed word by word.
    Words(Vec<Piece>),
}

/// The changes under one heading (a question, a reviewer, the findings).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub changes: Vec<Change>,
}

/// Everything that changed, in the order of the newer workbook's framework.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    pub sections: Vec<Section>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }
}

/// Collects the changes of one section.
#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn set(&mut self, field: &str, from: String, to: String) {
        if from != to {
            self.0.push(Change {
                field: field.into(),
                what: What::Set { from, to },
            });
        }
    }
    fn words(&mut self, field: &str, old: &str, new: &str) {
        if old.split_whitespace().ne(new.split_whitespace()) {
            self.0.push(Change {
                field: field.into(),
                what: What::Words(word_diff(old, new)),
            });
        }
    }
    /// Entries taken out, then entries put in; a list only reordered says so.
    fn list(&mut self, field: &str, old: &[String], new: &[String]) {
        let before = self.0.len();
        for o in old.iter().filter(|o| !new.contains(o)) {
            self.0.push(Change {
                field: field.into(),
                what: What::Removed(o.clone()),
            });
        }
        for n in new.iter().filter(|n| !old.contains(n)) {
            self.0.push(Change {
                field: field.into(),
                what: What::Added(n.clone()),
            });
        }
        if self.0.len() == before && old != new {
            self.set(field, "in the old order".into(), "reordered".into());
        }
    }
    fn into_section(self, heading: String, out: &mut Diff) {
        if !self.0.is_empty() {
            out.sections.push(Section {
                heading,
                changes: self.0,
            });
        }
    }
}

/// A rating in words: "2 Some shortfalls", "N/A", "no rating".
pub fn rating_words(fw: &Framework, r: Rating) -> String {
    match r {
        Rating::None => "no rating".into(),
        Rating::NotApplicable => "N/A".into(),
        Rating::Level(n) => {
            let label = rating_text(fw, r);
            if label == n.to_string() {
                label
            } else {
                format!("{n} {label}")
            }
        }
    }
}

fn or_none(v: &Option<String>, none: &str) -> String {
    v.clone().unwrap_or_else(|| none.to_string())
}

/// The question ids of both workbooks: the newer one's framework order,
/// then questions only the older one has, then answers to questions
/// neither framework has.
fn question_ids(old: &Workbook, new: &Workbook) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    let all = new
        .framework
        .questions()
        .map(|(_, q)| q.id.clone())
        .chain(old.framework.questions().map(|(_, q)| q.id.clone()))
        .chain(old.answers.iter().map(|a| a.question.clone()))
        .chain(new.answers.iter().map(|a| a.question.clone()));
    for id in all {
        if seen.insert(id.clone()) {
            ids.push(id);
        }
    }
    ids
}

fn heading_of(old: &Workbook, new: &Workbook, id: &str) -> String {
    match new
        .framework
        .question(id)
        .or_else(|| old.framework.question(id))
    {
        Some((_, q)) => format!("{}: {}", q.display_ref(), q.text),
        None => format!("Former question {id}"),
    }
}

/// Evidence cited, by title where the library has it.
fn cited(wb: &Workbook, a: &Answer) -> Vec<String> {
    a.evidence
        .iter()
        .map(|id| match wb.evidence_item(id) {
            Some(e) => format!("{} ({id})", e.title),
            None => id.clone(),
        })
        .collect()
}

fn answer_changes(old: &Workbook, new: &Workbook, a: &Answer, b: &Answer) -> Changes {
    let mut c = Changes::default();
    c.set(
        "rating",
        rating_words(&old.framework, a.rating),
        rating_words(&new.framework, b.rating),
    );
    c.set("status", a.status.label().into(), b.status.label().into());
    c.set(
        "owner",
        or_none(&a.owner, "nobody"),
        or_none(&b.owner, "nobody"),
    );
    c.words("narrative", &a.narrative, &b.narrative);
    c.list("strengths", &a.strengths, &b.strengths);
    c.list("areas", &a.areas, &b.areas);
    c.list("evidence", &cited(old, a), &cited(new, b));
    let signed = |x: &Answer| match (&x.signed_off, &x.sign_off_lapsed) {
        (Some(s), _) => format!("signed off by {}", s.describe()),
        (None, Some(s)) => format!("changed after sign-off by {}", s.describe()),
        (None, None) => "not signed off".into(),
    };
    c.set("sign-off", signed(a), signed(b));
    comments(&mut c, a, b);
    c
}

/// A comment as the diff names it: "Jo Smith, 2026-02-10 09:00: text".
fn comment_words(c: &crate::workbook::comments::Comment) -> String {
    format!(
        "{}, {}: {}",
        c.by,
        c.at.format("%Y-%m-%d %H:%M"),
        c.text.replace('\n', " ")
    )
}

/// Comments added or taken out (matched by id), those resolved or
/// reopened, and those whose text was edited.
fn comments(c: &mut Changes, a: &Answer, b: &Answer) {
    let state =
        |x: &crate::workbook::comments::Comment| if x.resolved { "resolved" } else { "open" };
    for o in &a.comments {
        match b.comments.iter().find(|n| n.id == o.id) {
            None => c.0.push(Change {
                field: "comments".into(),
                what: What::Removed(comment_words(o)),
            }),
            Some(n) => {
                c.set(
                    &format!("comment by {}", comment_words(o)),
                    state(o).into(),
                    state(n).into(),
                );
                // Its author edited it: word by word, as a narrative.
                c.words(
                    &format!("comment by {}, {}", o.by, o.at.format("%Y-%m-%d %H:%M")),
                    &o.text,
                    &n.text,
                );
            }
        }
    }
    for n in b
        .comments
        .iter()
        .filter(|n| !a.comments.iter().any(|o| o.id == n.id))
    {
        let word = if n.resolved { " (resolved)" } else { "" };
        c.0.push(Change {
            field: "comments".into(),
            what: What::Added(format!("{}{word}", comment_words(n))),
        });
    }
}

/// Compares two versions of a workbook.
pub fn diff(old: &Workbook, new: &Workbook) -> Diff {
    let mut out = Diff::default();
    let mut c = Changes::default();
    c.set("framework", old.framework.key(), new.framework.key());
    c.set(
        "council",
        old.review.council.clone(),
        new.review.council.clone(),
    );
    c.set("title", old.review.title.clone(), new.review.title.clone());
    c.list("focus questions", &old.review.focus, &new.review.focus);
    let date = |d: Option<chrono::NaiveDate>| d.map_or("none".into(), |d| d.to_string());
    c.set(
        "on-site start",
        date(old.review.onsite_start),
        date(new.review.onsite_start),
    );
    c.set(
        "on-site end",
        date(old.review.onsite_end),
        date(new.review.onsite_end),
    );
    let team = |wb: &Workbook| -> Vec<String> {
        wb.review
            .team
            .iter()
            .map(|m| match &m.role {
                Some(r) => format!("{} ({r})", m.name),
                None => m.name.clone(),
            })
            .collect()
    };
    c.list("peer team", &team(old), &team(new));
    let whole = |wb: &Workbook| {
        wb.review
            .signed_off
            .as_ref()
            .map_or("not signed off".into(), |s| {
                format!("signed off by {}", s.describe())
            })
    };
    c.set("workbook sign-off", whole(old), whole(new));
    c.into_section("Review details".into(), &mut out);

    for id in question_ids(old, new) {
        let blank = Answer::new(&id);
        let a = old.answer(&id).unwrap_or(&blank);
        let b = new.answer(&id).unwrap_or(&blank);
        answer_changes(old, new, a, b).into_section(heading_of(old, new, &id), &mut out);
    }

    let library = |wb: &Workbook| -> Vec<String> {
        wb.evidence
            .iter()
            .map(|e| format!("{} ({})", e.title, e.id))
            .collect()
    };
    let mut c = Changes::default();
    c.list("item", &library(old), &library(new));
    c.into_section("Evidence library".into(), &mut out);

    reviewers(old, new, &mut out);
    agreed(old, new, &mut out);
    findings(old, new, &mut out);

    let mut c = Changes::default();
    c.set(
        "conflicts",
        old.conflicts.len().to_string(),
        new.conflicts.len().to_string(),
    );
    c.into_section("Merge conflicts".into(), &mut out);
    out
}

fn reviewers(old: &Workbook, new: &Workbook, out: &mut Diff) {
    let mut names: Vec<&str> = new.reviewers.iter().map(|r| r.name.as_str()).collect();
    for r in &old.reviewers {
        if !names.contains(&r.name.as_str()) {
            names.push(&r.name);
        }
    }
    let none = Reviewer::default();
    for name in names {
        let (ra, rb) = (old.reviewer(name), new.reviewer(name));
        let mut c = Changes::default();
        match (ra, rb) {
            (None, Some(_)) => c.set("section", "none".into(), "added".into()),
            (Some(_), None) => c.set("section", "present".into(), "removed".into()),
            _ => {}
        }
        let (ra, rb) = (ra.unwrap_or(&none), rb.unwrap_or(&none));
        c.set("role", or_none(&ra.role, "none"), or_none(&rb.role, "none"));
        let log = |r: &Reviewer| -> Vec<String> {
            r.activities
                .iter()
                .map(|a| {
                    let when = a.date.map(|d| format!("{d} ")).unwrap_or_default();
                    format!("{when}{}: {}", a.kind.label(), a.title)
                })
                .collect()
        };
        c.list("activity", &log(ra), &log(rb));
        c.into_section(format!("Reviewer {name}"), out);
        for id in question_ids(old, new) {
            let blank = ReviewerAnswer::default();
            let a = ra.answer(&id).unwrap_or(&blank);
            let b = rb.answer(&id).unwrap_or(&blank);
            let mut c = Changes::default();
            c.set(
                "rating",
                rating_words(&old.framework, a.rating),
                rating_words(&new.framework, b.rating),
            );
            c.words("notes", &a.notes, &b.notes);
            c.list("strengths", &a.strengths, &b.strengths);
            c.list("areas for consideration", &a.areas, &b.areas);
            let sources = |x: &ReviewerAnswer| -> Vec<String> {
                x.sources
                    .iter()
                    .map(|s| format!("{}: {}", s.kind.label().to_lowercase(), s.text))
                    .collect()
            };
            c.list("sources", &sources(a), &sources(b));
            let q = heading_of(old, new, &id);
            c.into_section(format!("Reviewer {name} · {q}"), out);
        }
    }
}

fn agreed(old: &Workbook, new: &Workbook, out: &mut Diff) {
    let mut c = Changes::default();
    for id in question_ids(old, new) {
        let get = |wb: &Workbook| {
            wb.consensus
                .iter()
                .find(|x| x.question == id)
                .map_or(Rating::None, |x| x.rating)
        };
        let reference = new
            .framework
            .question(&id)
            .or_else(|| old.framework.question(&id))
            .map_or(id.clone(), |(_, q)| q.display_ref().to_string());
        c.set(
            &reference,
            rating_words(&old.framework, get(old)),
            rating_words(&new.framework, get(new)),
        );
    }
    c.into_section("Agreed peer ratings".into(), out);
}

fn findings(old: &Workbook, new: &Workbook, out: &mut Diff) {
    let (fa, fb) = (&old.findings, &new.findings);
    let mut c = Changes::default();
    c.list("key messages", &fa.key_messages, &fb.key_messages);
    let recs = |wb: &Workbook| -> Vec<String> {
        wb.findings
            .recommendations
            .iter()
            .map(|r| r.text.clone())
            .collect()
    };
    c.list("recommendations", &recs(old), &recs(new));
    for (ra, rb) in fa
        .recommendations
        .iter()
        .filter_map(|r| Some((r, fb.recommendations.iter().find(|x| x.text == r.text)?)))
    {
        c.set(
            &format!("status of \"{}\"", ra.text),
            ra.status.label().into(),
            rb.status.label().into(),
        );
    }
    c.list("next steps", &fa.next_steps, &fb.next_steps);
    for d in &new.framework.domains {
        let get = |wb: &Workbook| {
            wb.findings
                .domains
                .iter()
                .find(|x| x.domain == d.id)
                .cloned()
        };
        let (a, b) = (get(old).unwrap_or_default(), get(new).unwrap_or_default());
        c.list(
            &format!("{} strengths", d.title),
            &a.strengths,
            &b.strengths,
        );
        c.list(&format!("{} areas", d.title), &a.areas, &b.areas);
    }
    c.into_section("Findings".into(), out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Status, one_question_workbook};

    #[test]
    fn an_unchanged_workbook_has_no_changes() {
        let wb = one_question_workbook();
        assert!(diff(&wb, &wb.clone()).is_empty());
    }

    #[test]
    fn each_field_of_an_answer_is_said_in_words() {
        let old = one_question_workbook();
        let mut new = old.clone();
        let id = new.answers[0].question.clone();
        let a = new.answer_mut(&id);
        a.status = Status::ReadyForReview;
        a.owner = Some("Jo Smith".into());
        a.narrative = "A new narrative".into();
        a.strengths.push("Clear plan".into());
        let d = diff(&old, &new);
        assert_eq!(d.sections.len(), 1);
        let fields: Vec<&str> = d.sections[0]
            .changes
            .iter()
            .map(|c| c.field.as_str())
            .collect();
        assert!(fields.contains(&"status"), "{fields:?}");
        assert!(fields.contains(&"owner"));
        assert!(fields.contains(&"narrative"));
        assert!(fields.contains(&"strengths"));
        let owner = d.sections[0].changes.iter().find(|c| c.field == "owner");
        assert_eq!(
            owner.map(|c| &c.what),
            Some(&What::Set {
                from: "nobody".into(),
                to: "Jo Smith".into()
            })
        );
    }

    #[test]
    fn a_reordered_list_says_so() {
        let mut c = Changes::default();
        c.list(
            "areas",
            &["a".into(), "b".into()],
            &["b".into(), "a".into()],
        );
        assert_eq!(c.0.len(), 1);
        assert!(matches!(&c.0[0].what, What::Set { to, .. } if to == "reordered"));
    }
}
