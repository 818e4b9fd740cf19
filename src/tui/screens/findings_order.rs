//! The Findings screen's `K`/`J`: a recommendation (its place is its number
//! in the report and the action plan) or a key message moves up or down,
//! and the selection goes with it.

use crate::tui::app::{App, FindRow};
use crate::tui::keys::Action;
use crate::tui::undo::Part;

impl App {
    /// Moves the selected recommendation or key message; other rows say
    /// what can be moved.
    pub(in crate::tui) fn findings_reorder(&mut self, action: Action, row: Option<FindRow>) {
        let up = match action {
            Action::MoveUp => true,
            Action::MoveDown => false,
            _ => return,
        };
        let (rec, i) = match row {
            Some(FindRow::Rec(i)) => (true, i),
            Some(FindRow::KeyMessage(i)) => (false, i),
            _ => {
                self.message = Some((
                    "K and J move a recommendation or a key message".into(),
                    false,
                ));
                return;
            }
        };
        let to = if up { i.checked_sub(1) } else { Some(i + 1) };
        let moved = self.change(Part::Findings, |wb| {
            let f = &mut wb.findings;
            let len = if rec {
                f.recommendations.len()
            } else {
                f.key_messages.len()
            };
            let to = to.filter(|t| *t < len)?;
            if rec {
                f.recommendations.swap(i, to);
            } else {
                f.key_messages.swap(i, to);
            }
            let what = if rec { "recommendation" } else { "key message" };
            Some(format!("move {what} {} to {}", i + 1, to + 1))
        });
        if moved {
            self.findings.sel = if up {
                self.findings.sel.saturating_sub(1)
            } else {
                self.findings.sel + 1
            };
            if rec && let Some(to) = to {
                self.message = Some((format!("Now recommendation {}", to + 1), false));
            }
        }
    }
}
