//! The evidence library: the items on the left, the selected one's form on
//! the right.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::app::{App, Pane, Screen};
use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::{Target, fmt_number};
use crate::tui::layout;
use crate::tui::widgets::draw_note;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::tui::widgets::list::{ListSpec, draw_list_with};
use crate::tui::widgets::placeholder_or;
use crate::workbook::evidence_label;
use crate::workbook::fields::NEW_EVIDENCE;

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
    let Some(wb) = app.wb() else { return };
    let shown = app.evidence_shown();
    let (left, right) = layout::questions(area);
    let filter = format!(
        " Evidence {} of {}{}{} ",
        shown.len(),
        wb.evidence.len(),
        app.ev
            .kind
            .map(|k| format!(" · {}", k.label()))
            .unwrap_or_default(),
        if app.ev.query.is_empty() {
            String::new()
        } else {
            format!(" · \"{}\"", app.ev.query)
        }
    );
    let sel = app.ev.list.sel.min(shown.len().saturating_sub(1));
    draw_list_with(
        f,
        app.theme,
        &app.frame,
        left,
        out,
        ListSpec {
            title: filter,
            focused: app.ev.list.pane == Pane::List,
            len: shown.len(),
            sel,
            list: List::Of(Screen::Evidence),
        },
        |i| {
            let e = &wb.evidence[shown[i]];
            let (title, dim) = placeholder_or(&e.title, NEW_EVIDENCE);
            let row = format!("{} [{}] {title}", evidence_label(shown[i]), e.kind.label());
            (row, dim)
        },
    );
    let Some(&idx) = shown.get(sel) else {
        let msg = if wb.evidence.is_empty() {
            "The evidence library is empty. Press a to add an item: a document, data with a comparator, a case file audit or feedback."
        } else {
            "Nothing matches the filter. Press f to choose a kind, / to change the text."
        };
        return draw_note(f, app.theme, right, "", msg);
    };
    let e = &wb.evidence[idx];
    let rows: Vec<(String, String)> = app
        .evidence_fields(idx)
        .iter()
        .map(|f| match f {
            None => ("Kind".to_string(), e.kind.label().to_string()),
            Some(field) => (
                field.label().to_string(),
                // draw_form makes inert what it draws.
                Target::Evidence(idx, *field).read(wb),
            ),
        })
        .collect();
    let cited = wb.citing_refs(&e.id);
    let mut extra = vec![if cited.is_empty() {
        "Cited by no question yet.".into()
    } else {
        format!("Cited by: {}", cited.join(", "))
    }];
    if let (Some(v), Some(c)) = (e.value, e.comparator_value) {
        extra.push(format!(
            "{} against {} ({})",
            fmt_number(v),
            fmt_number(c),
            e.comparator.as_deref().unwrap_or("comparator")
        ));
    }
    extra.extend(super::evidence_categories::line(wb, e));
    extra.extend(current_question_line(app, &e.id));
    draw_form(
        f,
        app.theme,
        right,
        FormSpec {
            title: format!(" {} ", evidence_label(idx)),
            focused: app.ev.list.pane == Pane::Form,
            rows: &rows,
            sel: app.ev.list.field,
            extra,
        },
        None,
    );
}

/// The line that names the current question (the one selected on the
/// questions screen, which `l` and `u` act on) and whether it cites the
/// item, with the key that changes that.
fn current_question_line(app: &App, id: &str) -> Option<String> {
    use crate::tui::keys::{Action, Context};
    let wb = app.wb()?;
    let qid = app.current_question()?;
    let (_, q) = wb.framework.question(&qid)?;
    let cites = wb
        .answer(&qid)
        .is_some_and(|a| a.evidence.iter().any(|e| e == id));
    let action = if cites { Action::Unlink } else { Action::Link };
    let key = app
        .keymap
        .key_for(Context::Evidence, action)
        .map_or(String::new(), |k| k.to_string());
    let reference = crate::text::inert(q.display_ref());
    Some(if cites {
        format!("Current question: {reference}, which cites this item ({key} unlinks it)")
    } else {
        format!("Current question: {reference} ({key} links this item to it)")
    })
}
