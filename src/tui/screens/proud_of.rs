//! Proud of: the case studies on the left, the selected one on the right.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::app::{App, Pane, Screen};
use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::{CASE_FIELDS, Target};
use crate::tui::layout;
use crate::tui::widgets::draw_note;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::tui::widgets::list::{ListSpec, draw_list_with};
use crate::tui::widgets::placeholder_or;
use crate::workbook::fields::NEW_CASE;

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
    let Some(wb) = app.wb() else { return };
    if wb.proud_of.is_empty() {
        return draw_note(
            f,
            app.theme,
            area,
            " What we're proud of ",
            "No case studies yet. Press a to add one: what was done, its impact, the barriers, the conditions for success and a contact.",
        );
    }
    let (left, right) = layout::questions(area);
    draw_list_with(
        f,
        app.theme,
        &app.frame,
        left,
        out,
        ListSpec {
            title: format!(" What we're proud of ({}) ", wb.proud_of.len()),
            focused: app.proud.pane == Pane::List,
            len: wb.proud_of.len(),
            sel: app.proud.sel,
            list: List::Of(Screen::ProudOf),
        },
        |i| placeholder_or(&wb.proud_of[i].title, NEW_CASE),
    );
    let sel = app.proud.sel.min(wb.proud_of.len() - 1);
    let rows: Vec<(String, String)> = CASE_FIELDS
        .iter()
        .map(|fl| (fl.label().to_string(), Target::Case(sel, *fl).read(wb)))
        .collect();
    draw_form(
        f,
        app.theme,
        right,
        FormSpec {
            title: " Case study ".into(),
            focused: app.proud.pane == Pane::Form,
            rows: &rows,
            sel: app.proud.field,
            extra: Vec::new(),
        },
        None,
    );
}
