//! A [`Diff`] written out: as text for the terminal, as markdown for the
//! next team meeting; and one workbook as plain text, a line per field and
//! a line per sentence, for `git diff` to compare (its textconv setting).

use std::fmt::Write as _;

use super::{Diff, Piece, What, around_changes, comment_words, rating_words};

/// Words kept on each side of a changed stretch of text.
const CONTEXT: usize = 8;
use crate::export::markdown::escape_line;
use crate::text::inert;
use crate::workbook::Workbook;

/// The changes as text: a heading per question or section, a line per
/// change; taken-out words in `[-…-]`, put-in words in `{+…+}`.
pub fn text(d: &Diff, old: &str, new: &str) -> String {
    let mut out = format!("Changes from {} to {}\n", inert(old), inert(new));
    if d.is_empty() {
        out.push_str("\nNo changes.\n");
        return out;
    }
    for s in &d.sections {
        let _ = writeln!(out, "\n{}", inert(&s.heading));
        for c in &s.changes {
            let line = match &c.what {
                What::Set { from, to } => format!("{} → {}", from, to),
                What::Added(x) => format!("+ {x}"),
                What::Removed(x) => format!("- {x}"),
                What::Words(pieces) => words_text(pieces),
            };
            let _ = writeln!(out, "  {}: {}", c.field, inert(&line));
        }
    }
    out
}

fn words_text(pieces: &[Piece]) -> String {
    around_changes(pieces, CONTEXT)
        .iter()
        .map(|p| match p {
            Piece::Same(s) => s.clone(),
            Piece::Gone(s) => format!("[-{s}-]"),
            Piece::New(s) => format!("{{+{s}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The changes as a markdown document: taken-out words struck through,
/// put-in words in bold, everything people typed escaped.
pub fn markdown(d: &Diff, old: &str, new: &str) -> String {
    let mut out = String::from("# What changed\n\n");
    let _ = writeln!(out, "From {} to {}.\n", code(old), code(new));
    if d.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    for s in &d.sections {
        let _ = writeln!(out, "## {}\n", escape_line(&s.heading));
        for c in &s.changes {
            let field = escape_line(&c.field);
            let line = match &c.what {
                What::Set { from, to } => {
                    format!("**{field}**: {} → {}", escape_line(from), escape_line(to))
                }
                What::Added(x) => format!("**{field}** added: {}", escape_line(x)),
                What::Removed(x) => format!("**{field}** removed: ~~{}~~", escape_line(x)),
                What::Words(pieces) => {
                    let words: Vec<String> = around_changes(pieces, CONTEXT)
                        .iter()
                        .map(|p| match p {
                            Piece::Same(s) => escape_line(s),
                            Piece::Gone(s) => format!("~~{}~~", escape_line(s)),
                            Piece::New(s) => format!("**{}**", escape_line(s)),
                        })
                        .collect();
                    format!("**{field}**: {}", words.join(" "))
                }
            };
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }
    out
}

/// A file name in backticks, with any backtick in it dropped.
fn code(name: &str) -> String {
    format!("`{}`", inert(name).replace('`', ""))
}

/// Text cut at line breaks and after each sentence, so that a changed
/// sentence is a changed line.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut cur = String::new();
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
            let ends = w.ends_with('.') || w.ends_with('?') || w.ends_with('!');
            if ends && i + 1 < words.len() {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// One workbook as plain text for `git diff` (`peerbook diff --textconv
/// FILE`): every answer that holds something, a line per field, its
/// narrative a line per sentence; then each reviewer's entries.
pub fn textconv(wb: &Workbook) -> String {
    let fw = &wb.framework;
    let mut out = format!(
        "{} — {}\nframework: {}\n",
        inert(&wb.review.council),
        inert(&wb.review.title),
        fw.key()
    );
    let list = |out: &mut String, name: &str, items: &[String]| {
        if !items.is_empty() {
            let _ = writeln!(out, "{name}:");
            for i in items {
                let _ = writeln!(out, "  - {}", inert(&i.replace('\n', " ")));
            }
        }
    };
    let heading = |id: &str| match fw.question(id) {
        Some((_, q)) => format!("{}: {}", q.display_ref(), q.text),
        None => format!("Former question {id}"),
    };
    for a in &wb.answers {
        let empty = !a.is_answered()
            && a.owner.is_none()
            && a.status.label() == "Not started"
            && a.comments.is_empty();
        if empty {
            continue;
        }
        let _ = writeln!(out, "\n== {}", inert(&heading(&a.question)));
        let _ = writeln!(out, "rating: {}", rating_words(fw, a.rating));
        let _ = writeln!(out, "status: {}", a.status.label());
        if let Some(o) = &a.owner {
            let _ = writeln!(out, "owner: {}", inert(o));
        }
        let narrative = sentences(&a.narrative);
        if !narrative.is_empty() {
            let _ = writeln!(out, "narrative:");
            for s in narrative {
                let _ = writeln!(out, "  {}", inert(&s));
            }
        }
        list(&mut out, "strengths", &a.strengths);
        list(&mut out, "areas", &a.areas);
        let cited: Vec<String> = a
            .evidence
            .iter()
            .map(|id| match wb.evidence_item(id) {
                Some(e) => format!("{} ({id})", e.title),
                None => id.clone(),
            })
            .collect();
        list(&mut out, "evidence", &cited);
        let comments: Vec<String> = a
            .comments
            .iter()
            .map(|c| {
                let state = if c.resolved { "resolved" } else { "open" };
                format!("{} ({state})", comment_words(c))
            })
            .collect();
        list(&mut out, "comments", &comments);
    }
    for r in &wb.reviewers {
        for a in r.answers.iter().filter(|a| a.is_answered()) {
            let _ = writeln!(
                out,
                "\n== Reviewer {} · {}",
                inert(&r.name),
                inert(&heading(&a.question))
            );
            let _ = writeln!(out, "rating: {}", rating_words(fw, a.rating));
            let notes = sentences(&a.notes);
            if !notes.is_empty() {
                let _ = writeln!(out, "notes:");
                for s in notes {
                    let _ = writeln!(out, "  {}", inert(&s));
                }
            }
            list(&mut out, "strengths", &a.strengths);
            list(&mut out, "areas for consideration", &a.areas);
            let sources: Vec<String> = a
                .sources
                .iter()
                .map(|s| format!("{}: {}", s.kind.label().to_lowercase(), s.text))
                .collect();
            list(&mut out, "sources", &sources);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_lines() {
        assert_eq!(
            sentences("One. Two? Three\nFour."),
            vec!["One.", "Two?", "Three", "Four."]
        );
    }

    #[test]
    fn markdown_escapes_what_people_typed() {
        let d = Diff {
            sections: vec![super::super::Section {
                heading: "# KLOE".into(),
                changes: vec![super::super::Change {
                    field: "strengths".into(),
                    what: What::Added("*bold* <b>".into()),
                }],
            }],
        };
        let md = markdown(&d, "a.yaml", "b.yaml");
        assert!(md.contains("## \\# KLOE"), "{md}");
        assert!(md.contains("\\*bold\\*"), "{md}");
        assert!(!md.contains("<b>"), "{md}");
    }
}
