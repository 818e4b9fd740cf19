//! The checks before the feedback report, in the interface: choosing the
//! feedback report while something is left to settle lists it and asks
//! whether to export a draft, marked DRAFT, instead.

use crate::export::Pack;
use crate::review::coverage;
use crate::tui::app::App;
use crate::tui::popups::pick::ExportChoice;
use crate::tui::screens::Pending;
use crate::tui::screens::ctx::ScreenCtx;

/// How many of the blockers the question names before "and N more".
const LISTED: usize = 3;

/// The question asked: how many, the first few, and what yes does.
pub fn draft_question(blockers: &[coverage::Blocker]) -> String {
    let n = blockers.len();
    let mut listed: Vec<String> = blockers
        .iter()
        .take(LISTED)
        .map(ToString::to_string)
        .collect();
    if n > LISTED {
        listed.push(format!(
            "and {} more (the Peer screen's n lists them)",
            n - LISTED
        ));
    }
    format!(
        "The feedback report has {n} thing{} to settle: {}. Export it marked DRAFT?",
        if n == 1 { "" } else { "s" },
        listed.join("; ")
    )
}

impl App {
    /// True when the choice is the final feedback report and its checks
    /// still find something: the user is asked about a draft instead.
    pub(in crate::tui) fn feedback_waits(&mut self, choice: ExportChoice) -> bool {
        let ExportChoice::Pack(Pack::Feedback, format) = choice else {
            return false;
        };
        let Some(wb) = self.wb() else { return false };
        let blockers = coverage::feedback_blockers(wb);
        if blockers.is_empty() {
            return false;
        }
        let ask = draft_question(&blockers);
        ScreenCtx::ask(
            self,
            ask,
            Pending::Export(ExportChoice::Draft(Pack::Feedback, format)),
        );
        true
    }
}
