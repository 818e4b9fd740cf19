//! Reviewer mode keeps its hands off the council's data: in a reviewer's
//! copy only the reviewer's own section changes. The council's answers, the
//! review details, the evidence, metrics and case studies, the agreed ratings
//! and the findings are read-only, and the status bar says how to suggest a
//! correction instead (a note on the question). Leaving reviewer mode asks
//! first, so digits do not start changing the council's own ratings unseen.

use super::app::App;
use super::undo::Part;

/// What the status bar says when reviewer mode refuses a change.
pub const REFUSED: &str = "Reviewer mode: the council's data is read-only; suggest a correction as a note (e on Questions)";

/// The question `W` asks before leaving reviewer mode.
pub fn leave_question(name: &str) -> String {
    format!(
        "Leave reviewer mode ({name})? Digits and edits will then change the council's own answers."
    )
}

impl App {
    /// True, and the status bar says why, when reviewer mode forbids
    /// changing `part`: anything but the reviewer's own section.
    pub(super) fn refused_in_reviewer_mode(&mut self, part: &Part) -> bool {
        let Some(name) = &self.reviewer else {
            return false;
        };
        if matches!(part, Part::Reviewer(n) if n == name) {
            return false;
        }
        self.message = Some((REFUSED.into(), true));
        true
    }

    /// `W` confirmed: back to the council's view.
    pub(super) fn leave_reviewer_mode(&mut self) {
        if let Some(name) = self.reviewer.take() {
            self.screen = super::screens::Screen::Questions;
            self.q.slot = 0;
            self.message = Some((format!("Left reviewer mode ({name})"), false));
        }
    }
}

impl App {
    /// `W` in reviewer mode: asks before leaving it (see [`leave_question`]).
    pub(crate) fn ask_leave_reviewer(&mut self) {
        if let Some(name) = &self.reviewer {
            let ask = leave_question(name);
            crate::tui::screens::ctx::ScreenCtx::ask(
                self,
                ask,
                crate::tui::screens::Pending::LeaveReviewer,
            );
        }
    }
}
