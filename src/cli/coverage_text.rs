//! The checks before the feedback report, as the command line says them:
//! coverage in `status`, and `export --pack feedback` refusing while
//! something is left to settle (unless `--draft`).

use std::fmt::Write as _;

use super::Failure;
use crate::export::Pack;
use crate::review::coverage;
use crate::workbook::Workbook;

/// `status`'s lines on coverage and the feedback report.
pub fn coverage(out: &mut String, wb: &Workbook) {
    let open: Vec<String> = coverage::uncovered(wb)
        .into_iter()
        .map(|(_, r)| crate::text::inert(&r))
        .collect();
    let _ = writeln!(
        out,
        "  Not yet looked at by any reviewer: {}",
        if open.is_empty() {
            "none".into()
        } else {
            open.join(", ")
        }
    );
    let n = coverage::feedback_blockers(wb).len();
    let _ = writeln!(
        out,
        "  Before the feedback report: {}",
        match n {
            0 => "ready".to_string(),
            1 => "1 thing to settle (`peerbook export --pack feedback` lists it)".to_string(),
            n => format!("{n} things to settle (`peerbook export --pack feedback` lists them)"),
        }
    );
}

/// Refuses the feedback report while a check fails, listing every one,
/// unless a draft was asked for.
pub fn refuse_unready(wb: &Workbook, pack: Pack, draft: bool) -> Result<(), Failure> {
    if pack != Pack::Feedback || draft {
        return Ok(());
    }
    let blockers = coverage::feedback_blockers(wb);
    if blockers.is_empty() {
        return Ok(());
    }
    let mut msg = format!(
        "the feedback report was not written: {} thing{} to settle first:\n",
        blockers.len(),
        if blockers.len() == 1 { "" } else { "s" }
    );
    for line in coverage::describe(&blockers) {
        let _ = writeln!(msg, "  {}", crate::text::inert(&line));
    }
    msg.push_str("Settle them in `peerbook open`, or add --draft to write it marked DRAFT.");
    // 1, as `validate` exits when it finds something: the checks failed.
    Err(Failure {
        message: msg,
        code: 1,
    })
}
