//! The team's commands: `peerbook sign-off` and `peerbook comment`, and
//! the sign-off and comment lines of `peerbook status` (text and JSON).
//! The rules are the core's `workbook::signoff` and `workbook::comments`.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Failure;
use crate::store::{WorkbookFile, paths};
use crate::workbook::signoff::{self, SignOffError};
use crate::workbook::{Workbook, comments};

#[derive(Args, Debug)]
pub struct SignOffArgs {
    pub workbook: PathBuf,
    /// Questions to sign off, by reference or id ("KLOE 3" or 3); each must be ready for review
    #[arg(value_name = "QUESTION")]
    pub questions: Vec<String>,
    /// Sign the whole workbook off for the pack
    #[arg(long = "workbook")]
    pub whole: bool,
    /// Take the sign-off back instead
    #[arg(long)]
    pub withdraw: bool,
}

#[derive(Args, Debug)]
pub struct CommentArgs {
    pub workbook: PathBuf,
    /// The question, by reference or id
    #[arg(value_name = "QUESTION")]
    pub question: String,
    /// The comment to add (`-` reads it from standard input); without it
    /// the question's comments are listed
    pub text: Option<String>,
    /// Read the comment to add from this file (UTF-8 text)
    #[arg(long, value_name = "PATH", conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// Mark this comment resolved (by its id, as listed)
    #[arg(long, value_name = "ID", conflicts_with_all = ["text", "file", "reopen"])]
    pub resolve: Option<String>,
    /// Open a resolved comment again (by its id, as listed)
    #[arg(long, value_name = "ID", conflicts_with_all = ["text", "file"])]
    pub reopen: Option<String>,
    /// Put the text given (or --file's) in place of your own comment's (by
    /// its id, as listed)
    #[arg(long, value_name = "ID", conflicts_with_all = ["resolve", "reopen"])]
    pub edit: Option<String>,
}

/// A question's id from its reference ("KLOE 3") or id, any case.
fn question_id(wb: &Workbook, given: &str) -> Result<String, Failure> {
    let g = given.trim();
    wb.framework
        .questions()
        .find(|(_, q)| q.id == g || q.display_ref().eq_ignore_ascii_case(g))
        .map(|(_, q)| q.id.clone())
        .ok_or_else(|| {
            Failure::new(format!(
                "no question '{given}' in {}; give a reference as `peerbook status` shows it, or a question id",
                wb.framework.key()
            ))
        })
}

fn reference(wb: &Workbook, id: &str) -> String {
    wb.framework
        .question(id)
        .map_or(id.to_string(), |(_, q)| q.display_ref().to_string())
}

/// Who signs or comments. With no name at all (no `PEERBOOK_USER`, no name
/// kept by the interface, no login name) it is refused: a sign-off or a
/// comment by "unknown user" would say nothing the team can act on.
fn who(what: &str) -> Result<String, Failure> {
    let user = paths::user();
    if user.source == paths::NameSource::Unknown {
        return Err(Failure::new(format!(
            "{what} must say who made it, and peerbook does not know your name; \
             run it with PEERBOOK_USER=\"Your name\", or open peerbook once (it asks for \
             your name and keeps it). Nothing was changed."
        )));
    }
    Ok(user.name)
}

pub fn sign_off(args: SignOffArgs) -> Result<(), Failure> {
    if args.questions.is_empty() && !args.whole {
        return Err(Failure::new(
            "name the questions to sign off (e.g. \"KLOE 3\"), or give --workbook",
        ));
    }
    let (mut file, mut wb, _) = WorkbookFile::open(&args.workbook)?;
    let now = chrono::Utc::now();
    let by = who("a sign-off")?;
    let mut said = Vec::new();
    // Every question is tried, so that all that are refused are said at
    // once; then, if any was, nothing is saved.
    let mut refused = Vec::new();
    for q in &args.questions {
        let id = match question_id(&wb, q) {
            Ok(id) => id,
            Err(f) => {
                refused.push(f.message);
                continue;
            }
        };
        let r = reference(&wb, &id);
        let a = wb.answer_mut(&id);
        if args.withdraw {
            said.push(if signoff::withdraw(a) {
                format!("{r}: sign-off withdrawn")
            } else {
                format!("{r}: was not signed off")
            });
            continue;
        }
        match signoff::sign_off(a, &by, now) {
            Ok(()) => said.push(format!("{r}: signed off by {by}")),
            Err(e @ SignOffError::NotReady { .. }) => refused.push(e.naming(&r).to_string()),
            Err(e) => said.push(e.naming(&r).to_string()),
        }
    }
    if !refused.is_empty() {
        return Err(Failure::new(nothing_done(
            &refused,
            args.questions.len(),
            args.withdraw,
        )));
    }
    if args.whole {
        if args.withdraw {
            wb.review.signed_off = None;
            said.push("the workbook: sign-off withdrawn".into());
        } else {
            let s = crate::workbook::SignOff::new(&by, now);
            said.push(format!("the workbook: signed off by {}", s.describe()));
            wb.review.signed_off = Some(s);
        }
    }
    file.save(&wb)?;
    for s in said {
        outln!("{}", crate::text::inert(&s));
    }
    outln!(
        "{} of {} questions signed off.",
        signoff::signed_off_count(&wb),
        wb.framework.question_count()
    );
    Ok(())
}

/// What `sign-off` says when some of the questions it was given were
/// refused: each, with why, and that nothing at all was changed.
fn nothing_done(refused: &[String], asked: usize, withdraw: bool) -> String {
    let what = if withdraw { "withdrawn" } else { "signed off" };
    let mut out = if asked == 1 {
        format!("nothing was {what}: {}", refused[0])
    } else {
        let mut out = format!(
            "nothing was {what}: {} of the {asked} questions given {} refused:",
            refused.len(),
            if refused.len() == 1 { "was" } else { "were" }
        );
        for r in refused {
            let _ = write!(out, "\n  {r}");
        }
        let them = if refused.len() == 1 { "it" } else { "them" };
        let _ = write!(out, "\nFix {them} or leave {them} out, and run it again.");
        out
    };
    out.push_str("\nThe workbook is unchanged.");
    out
}

/// The text of a comment to add: the argument, standard input (`-`) or a
/// file, read up to the most a comment may hold, and kept by the one rule
/// ([`comments::text_of`]).
fn comment_text(args: &CommentArgs) -> Result<String, Failure> {
    use std::io::Read as _;
    let cap = comments::MAX_BYTES as u64 + 1;
    let (bytes, from) = match (&args.file, args.text.as_deref()) {
        (Some(p), _) => {
            let f = std::fs::File::open(p).map_err(|e| {
                Failure::new(format!("cannot read the comment from {}: {e}", p.display()))
            })?;
            let mut b = Vec::new();
            f.take(cap)
                .read_to_end(&mut b)
                .map_err(|e| Failure::new(format!("cannot read {}: {e}", p.display())))?;
            (b, p.display().to_string())
        }
        (None, Some("-")) => {
            let mut b = Vec::new();
            std::io::stdin()
                .take(cap)
                .read_to_end(&mut b)
                .map_err(|e| Failure::new(format!("cannot read standard input: {e}")))?;
            (b, "standard input".to_string())
        }
        (None, t) => (t.unwrap_or_default().as_bytes().to_vec(), String::new()),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::new(format!(
            "the comment in {from} is not UTF-8 text (at byte {}); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to()
        ))
    })?;
    comments::text_of(&text).map_err(|e| match e {
        comments::TextProblem::Empty if !from.is_empty() => Failure::new(format!(
            "the comment in {from} is empty; write its text there"
        )),
        e => Failure::new(e.to_string()),
    })
}

pub fn comment(args: CommentArgs) -> Result<(), Failure> {
    let adds = args.text.is_some() || args.file.is_some();
    if args.edit.is_some() && !adds {
        return Err(Failure::new(
            "--edit needs the comment's new text: give it after the question, or with --file",
        ));
    }
    if !adds && args.resolve.is_none() && args.reopen.is_none() {
        let (wb, _) = WorkbookFile::read(&args.workbook)?;
        let id = question_id(&wb, &args.question)?;
        let a = wb.answer(&id);
        let thread = a.map(|a| a.comments.as_slice()).unwrap_or_default();
        if thread.is_empty() {
            outln!("No comments on {}.", reference(&wb, &id));
        }
        for c in thread {
            outln!(
                "{}  {}  {}{}\n  {}",
                c.id,
                crate::text::inert(&c.by),
                c.when(),
                if c.is_open() { "" } else { "  (resolved)" },
                crate::text::inert(&c.text.replace('\n', " "))
            );
        }
        return Ok(());
    }
    // The text is read, and checked, before the workbook is opened: a
    // refused one leaves it untouched, and no lock waits on the reader.
    let text = if adds {
        Some(comment_text(&args)?)
    } else {
        None
    };
    let (mut file, mut wb, _) = WorkbookFile::open(&args.workbook)?;
    let id = question_id(&wb, &args.question)?;
    let r = reference(&wb, &id);
    let a = wb.answer_mut(&id);
    let line = if let Some((cid, resolved)) = args
        .resolve
        .as_ref()
        .map(|c| (c, true))
        .or(args.reopen.as_ref().map(|c| (c, false)))
    {
        let Some(was_open) = comments::find(a, cid).map(|c| c.is_open()) else {
            return Err(Failure::new(format!(
                "no comment '{cid}' on {r}; `peerbook comment FILE \"{r}\"` lists them"
            )));
        };
        if was_open != resolved {
            let state = if resolved { "resolved" } else { "open" };
            outln!("{cid} on {r} is already {state}.");
            return Ok(());
        }
        comments::set_resolved(a, cid, resolved);
        format!(
            "{} {cid} on {r}.",
            if resolved { "Resolved" } else { "Reopened" }
        )
    } else if let Some(cid) = &args.edit {
        let text = text.unwrap_or_default();
        let me = who("an edited comment")?;
        let Some(c) = a.comments.iter_mut().find(|c| &c.id == cid) else {
            return Err(Failure::new(format!(
                "no comment '{cid}' on {r}; `peerbook comment FILE \"{r}\"` lists them"
            )));
        };
        if !comments::is_author(c, &me) {
            return Err(Failure::new(format!(
                "{cid} is {}'s comment: only they can change its words; add a reply of your own. Nothing was changed.",
                crate::text::inert(&c.by)
            )));
        }
        if c.text == text {
            outln!("{cid} on {r} already says that.");
            return Ok(());
        }
        c.text = text;
        format!("Edited {cid} on {r}.")
    } else {
        let text = text.unwrap_or_default();
        let by = who("a comment")?;
        let cid = comments::add(a, &by, chrono::Utc::now(), &text);
        format!("Added {cid} on {r}.")
    };
    file.save(&wb)?;
    outln!("{line}");
    Ok(())
}

/// `status` in JSON: the team's figures.
#[derive(Serialize)]
pub struct Team {
    signed_off: usize,
    questions: usize,
    /// Question references whose sign-off a later change undid.
    changed_after_sign_off: Vec<String>,
    /// "Name on YYYY-MM-DD", or null.
    workbook_signed_off: Option<String>,
    open_comments: usize,
}

impl Team {
    pub fn of(wb: &Workbook) -> Team {
        Team {
            signed_off: signoff::signed_off_count(wb),
            questions: wb.framework.question_count(),
            changed_after_sign_off: lapsed(wb),
            workbook_signed_off: wb.review.signed_off.as_ref().map(|s| s.describe()),
            open_comments: comments::open(wb).len(),
        }
    }
}

fn lapsed(wb: &Workbook) -> Vec<String> {
    wb.answers
        .iter()
        .filter(|a| a.signed_off.is_none() && a.sign_off_lapsed.is_some())
        .map(|a| reference(wb, &a.question))
        .collect()
}

/// `status` as text: sign-off and open comments.
pub fn status_text(out: &mut String, wb: &Workbook) {
    let t = Team::of(wb);
    let _ = writeln!(
        out,
        "\nSigned off: {} of {} questions",
        t.signed_off, t.questions
    );
    if !t.changed_after_sign_off.is_empty() {
        let _ = writeln!(
            out,
            "  Changed after sign-off, back to ready for review: {}",
            t.changed_after_sign_off.join(", ")
        );
    }
    if let Some(s) = &t.workbook_signed_off {
        let _ = writeln!(out, "  The workbook is signed off by {s}");
    }
    let open = comments::open(wb);
    let _ = writeln!(
        out,
        "Open comments: {}",
        if open.is_empty() {
            "none".to_string()
        } else {
            open.len().to_string()
        }
    );
    for (q, c) in open {
        let _ = writeln!(
            out,
            "  {}  {}: {}",
            reference(wb, q),
            c.by,
            crate::text::one_line(&c.text, 60)
        );
    }
}
