//! A reviewer's activity log: the activities on the left, the selected
//! one's form on the right; what its keys do to them.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Pending;
use super::ctx::{DrawCtx, ScreenCtx};
use crate::text::inert;
use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::{ACT_FIELDS, ActField, Target};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::popups::pick;
use crate::tui::screens::{ListForm, Pane, Screen};
use crate::tui::undo::Part;
use crate::tui::widgets::draw_note;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::tui::widgets::list::{ListSpec, draw_list};

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ListForm, area: Rect, out: &mut Drawn) {
    let (Some(wb), Some(name)) = (cx.wb, cx.reviewer) else {
        return;
    };
    let acts: &[crate::workbook::onsite::Activity] =
        wb.reviewer(name).map_or(&[], |r| r.activities.as_slice());
    if acts.is_empty() {
        return draw_note(
            f,
            cx.theme,
            area,
            " Your activity log ",
            "Nothing logged yet. Press a to add an interview, focus group, case file audit, document read or visit: its date, what it was, how many people you met and for how long.",
        );
    }
    let (left, right) = layout::questions(area);
    let t = crate::review::analysis::totals(wb);
    draw_list(
        f,
        cx.theme,
        cx.frame,
        left,
        out,
        ListSpec {
            title: format!(" Your activity log ({}) ", acts.len()),
            focused: st.pane == Pane::List,
            len: acts.len(),
            sel: st.sel,
            list: List::Of(Screen::Activity),
        },
        |i| {
            let a = &acts[i];
            let d = a
                .date
                .map(|d| d.format("%d %b").to_string())
                .unwrap_or_default();
            format!("{d} {} {}", a.kind.label(), a.title)
        },
    );
    let sel = st.sel.min(acts.len() - 1);
    let a = &acts[sel];
    let mut rows = vec![("Kind".to_string(), a.kind.label().to_string())];
    rows.extend(crate::tui::edit::ACT_FIELDS.iter().map(|fl| {
        (
            fl.label().to_string(),
            inert(&Target::Activity(name.to_string(), sel, *fl).read(wb)),
        )
    }));
    draw_form(
        f,
        cx.theme,
        right,
        FormSpec {
            title: " Activity ".into(),
            focused: st.pane == Pane::Form,
            rows: &rows,
            sel: st.field,
            extra: vec![format!(
                "The whole team so far: {} read, {}, {} met, {} {}.",
                crate::text::count(t.documents as u32, "document", "documents"),
                crate::text::count(t.meetings as u32, "meeting", "meetings"),
                crate::text::count(t.people, "person", "people"),
                crate::workbook::fmt_number(t.hours),
                if t.hours == 1.0 { "hour" } else { "hours" }
            )],
        },
        None,
    );
}

/// The screen's own actions: add an activity (dated the first on-site day)
/// and type its title, open or edit a field (the kind from a picker),
/// delete after asking.
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let Some((name, role)) = cx.reviewer() else {
        return;
    };
    let sel = cx.list_form().sel;
    let current = cx
        .workbook()
        .and_then(|w| w.reviewer(&name))
        .and_then(|r| r.activities.get(sel))
        .map(|a| (a.kind, a.title.clone()));
    match action {
        Action::Programme => {
            if let Some(wb) = cx.workbook() {
                let p = crate::tui::popups::programme::pick(wb, &name);
                cx.choose(p);
            }
        }
        Action::Add => {
            cx.open_group();
            let mut i = 0;
            let added = cx.change(Part::Reviewer(name.clone()), |wb| {
                let date = wb.review.onsite_start;
                let r = wb.reviewer_mut(&name);
                if r.role.is_none() {
                    r.role = role;
                }
                r.activities.push(crate::workbook::onsite::Activity {
                    date,
                    ..Default::default()
                });
                i = r.activities.len() - 1;
                Some(format!("add activity {}", i + 1))
            });
            if !added {
                return;
            }
            let lf = cx.list_form();
            lf.sel = i;
            lf.pane = Pane::Form;
            lf.field = 2;
            cx.edit(Target::Activity(name, i, ActField::Title), false);
        }
        Action::Open | Action::Edit => {
            let Some((kind, _)) = current else { return };
            let lf = cx.list_form();
            if lf.pane == Pane::List {
                lf.pane = Pane::Form;
                lf.field = 0;
            } else if lf.field == 0 {
                cx.choose(pick::activity_kind(Some(kind)));
            } else if let Some(f) = ACT_FIELDS.get(lf.field - 1) {
                cx.edit(Target::Activity(name, sel, *f), false);
            }
        }
        Action::Delete => {
            let Some((_, title)) = current else { return };
            cx.ask(
                format!("Delete \"{title}\" from your activity log?"),
                Pending::DeleteActivity(sel),
            );
        }
        _ => {}
    }
}
