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
    /// The comment to add; without it the question's comments are listed
    pub text: Option<String>,
    /// Mark this comment resolved (by its id, as listed)
    #[arg(long, value_name = "ID", conflicts_with = "text")]
    pub resolve: Option<String>,
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

fn who() -> String {
    paths::user_name()
}

pub fn sign_off(args: SignOffArgs) -> Result<(), Failure> {
    if args.questions.is_empty() && !args.whole {
        return Err(Failure::new(
            "name the questions to sign off (e.g. \"KLOE 3\"), or give --workbook",
        ));
    }
    let (mut file, mut wb, _) = WorkbookFile::open(&args.workbook)?;
    let now = chrono::Utc::now();
    let by = who();
    let mut said = Vec::new();
    for q in &args.questions {
        let id = question_id(&wb, q)?;
        let r = reference(&wb, &id);
        let a = wb.answer_mut(&id);
        if args.withdraw {
            if signoff::withdraw(a) {
                said.push(format!("{r}: sign-off withdrawn"));
            }
            continue;
        }
        match signoff::sign_off(a, &by, now) {
            Ok(()) => said.push(format!("{r}: signed off by {by}")),
            Err(e @ SignOffError::NotReady { .. }) => {
                return Err(Failure::new(e.naming(&r).to_string()));
            }
            Err(e) => said.push(e.naming(&r).to_string()),
        }
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

pub fn comment(args: CommentArgs) -> Result<(), Failure> {
    if args.text.is_none() && args.resolve.is_none() {
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
    let (mut file, mut wb, _) = WorkbookFile::open(&args.workbook)?;
    let id = question_id(&wb, &args.question)?;
    let r = reference(&wb, &id);
    let a = wb.answer_mut(&id);
    let line = if let Some(cid) = &args.resolve {
        if !comments::set_resolved(a, cid, true) {
            return Err(Failure::new(format!(
                "no comment '{cid}' on {r}; `peerbook comment FILE \"{r}\"` lists them"
            )));
        }
        format!("Resolved {cid} on {r}.")
    } else {
        let text = args.text.unwrap_or_default();
        let Some(text) = comments::text_of(&text) else {
            return Err(Failure::new("the comment is empty; give its text"));
        };
        let cid = comments::add(a, &who(), chrono::Utc::now(), text);
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
