//! Proud of: the case studies on the left, the selected one on the right;
//! what its keys do to them.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Pending;
use super::ctx::{DrawCtx, ScreenCtx};
use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::{CASE_FIELDS, Target, new_case};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::screens::{ListForm, Pane, Screen};
use crate::tui::undo::Part;
use crate::tui::widgets::draw_note;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::tui::widgets::list::{ListSpec, draw_list_with};
use crate::tui::widgets::placeholder_or;
use crate::workbook::fields::NEW_CASE;

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ListForm, area: Rect, out: &mut Drawn) {
    let Some(wb) = cx.wb else { return };
    if wb.proud_of.is_empty() {
        return draw_note(
            f,
            cx.theme,
            area,
            " What we're proud of ",
            "No case studies yet. Press a to add one: what was done, its impact, the barriers, the conditions for success and a contact.",
        );
    }
    let (left, right) = layout::questions(area);
    draw_list_with(
        f,
        cx.theme,
        cx.frame,
        left,
        out,
        ListSpec {
            title: format!(" What we're proud of ({}) ", wb.proud_of.len()),
            focused: st.pane == Pane::List,
            len: wb.proud_of.len(),
            sel: st.sel,
            list: List::Of(Screen::ProudOf),
        },
        |i| placeholder_or(&wb.proud_of[i].title, NEW_CASE),
    );
    let sel = st.sel.min(wb.proud_of.len() - 1);
    let rows: Vec<(String, String)> = CASE_FIELDS
        .iter()
        .map(|fl| (fl.label().to_string(), Target::Case(sel, *fl).read(wb)))
        .collect();
    draw_form(
        f,
        cx.theme,
        right,
        FormSpec {
            title: " Case study ".into(),
            focused: st.pane == Pane::Form,
            rows: &rows,
            sel: st.field,
            extra: Vec::new(),
        },
        None,
    );
}

/// The screen's own actions (moving in its list and form is the shared
/// list-form handling's): add a case study and edit it at once, open or
/// edit a field, delete after asking.
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let sel = cx.list_form().sel;
    let count = cx.workbook().map_or(0, |w| w.proud_of.len());
    match action {
        Action::Add => {
            cx.open_group();
            let mut n = 0;
            let added = cx.change(Part::ProudOf, |wb| {
                wb.proud_of.push(new_case());
                n = wb.proud_of.len();
                Some(format!("add case study {n}"))
            });
            if !added {
                return;
            }
            let lf = cx.list_form();
            lf.sel = n - 1;
            lf.pane = Pane::Form;
            lf.field = 0;
            cx.edit(Target::Case(n - 1, CASE_FIELDS[0]), false);
        }
        Action::Open | Action::Edit => {
            if sel >= count {
                return;
            }
            let lf = cx.list_form();
            if lf.pane == Pane::List {
                lf.pane = Pane::Form;
                lf.field = 0;
            } else if let Some(f) = CASE_FIELDS.get(lf.field) {
                cx.edit(Target::Case(sel, *f), false);
            }
        }
        Action::Delete => {
            let Some(title) = cx
                .workbook()
                .and_then(|w| w.proud_of.get(sel))
                .map(|c| c.title.clone())
            else {
                return;
            };
            cx.ask(
                format!("Delete the case study \"{title}\"?"),
                Pending::DeleteCase(sel),
            );
        }
        _ => {}
    }
}
