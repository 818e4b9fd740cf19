//! The framework's metrics: each metric on the left, its value and notes on
//! the right.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::ctx::{DrawCtx, ScreenCtx};
use crate::text::inert;
use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::{METRIC_FIELDS, Target, fmt_number};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::screens::{ListForm, Pane, Screen};
use crate::tui::widgets::draw_note;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::tui::widgets::list::{ListSpec, draw_list};

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ListForm, area: Rect, out: &mut Drawn) {
    let Some(wb) = cx.wb else { return };
    let metrics = &wb.framework.metrics;
    if metrics.is_empty() {
        let text = format!(
            "{} suggests no performance measures. Data with comparators can still go in the evidence library (E) as items of kind Data.",
            inert(&wb.framework.title)
        );
        return draw_note(f, cx.theme, area, " Metrics ", &text);
    }
    let (left, right) = layout::questions(area);
    draw_list(
        f,
        cx.theme,
        cx.frame,
        left,
        out,
        ListSpec {
            title: format!(" Metrics ({}) ", metrics.len()),
            focused: st.pane == Pane::List,
            len: metrics.len(),
            sel: st.sel,
            list: List::Of(Screen::Metrics),
        },
        |i| {
            let m = &metrics[i];
            let v = wb
                .metrics
                .iter()
                .find(|v| v.metric == m.id)
                .and_then(|v| v.value)
                .map(fmt_number)
                .unwrap_or_else(|| "–".into());
            format!("{v:>6}  {}", m.name)
        },
    );
    let Some(m) = metrics.get(st.sel) else {
        return;
    };
    let rows: Vec<(String, String)> = METRIC_FIELDS
        .iter()
        .map(|fl| {
            let t = Target::Metric(m.id.clone(), *fl);
            (t.label().to_string(), t.read(wb))
        })
        .collect();
    let mut extra = vec![inert(&m.name)];
    if let Some(u) = &m.unit {
        extra.push(format!("Unit: {}", inert(u)));
    }
    if let Some(b) = m.better {
        extra.push(format!(
            "Better: {}",
            match b {
                crate::framework::Better::Higher => "higher",
                crate::framework::Better::Lower => "lower",
            }
        ));
    }
    if let Some(g) = &m.group {
        extra.push(format!("Group: {}", inert(g)));
    }
    draw_form(
        f,
        cx.theme,
        right,
        FormSpec {
            title: format!(" {} ", inert(&m.id)),
            focused: st.pane == Pane::Form,
            rows: &rows,
            sel: st.field,
            extra,
        },
        None,
    );
}

/// The screen's own actions: Enter or `e` goes into the form, then edits
/// the field chosen there.
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    if !matches!(action, Action::Open | Action::Edit) {
        return;
    }
    let sel = cx.list_form().sel;
    let Some(m) = cx
        .workbook()
        .and_then(|w| w.framework.metrics.get(sel))
        .map(|m| m.id.clone())
    else {
        return;
    };
    let lf = cx.list_form();
    if lf.pane == Pane::List {
        lf.pane = Pane::Form;
        lf.field = 0;
    } else if let Some(f) = METRIC_FIELDS.get(lf.field) {
        cx.edit(Target::Metric(m, *f), false);
    }
}
