//! The Findings screen's `K`/`J`: a recommendation (its place is its number
//! in the report and the action plan) or a key message moves up or down,
//! and the selection goes with it.

use super::ctx::ScreenCtx;
use crate::tui::keys::Action;
use crate::tui::undo::Part;

/// Moves the selected recommendation or key message; other rows say what
/// can be moved.
/// `which`: the selected row, if it is a recommendation (`(true, i)`) or a
/// key message (`(false, i)`).
pub(super) fn reorder(cx: &mut impl ScreenCtx, action: Action, which: Option<(bool, usize)>) {
    let up = match action {
        Action::MoveUp => true,
        Action::MoveDown => false,
        _ => return,
    };
    let (rec, i) = match which {
        Some(w) => w,
        None => {
            cx.say("K and J move a recommendation or a key message".into());
            return;
        }
    };
    let to = if up { i.checked_sub(1) } else { Some(i + 1) };
    let moved = cx.change(Part::Findings, |wb| {
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
        let lf = cx.list_form();
        lf.sel = if up {
            lf.sel.saturating_sub(1)
        } else {
            lf.sel + 1
        };
        if rec && let Some(to) = to {
            cx.say(format!("Now recommendation {}", to + 1));
        }
    }
}
