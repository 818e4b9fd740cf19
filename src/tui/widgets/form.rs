//! A form of `label: value` rows, one selected, long values cut to five
//! lines, notes below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{boxed, wrap};
use crate::text::{cut, wrap_lines};
use crate::tui::drawn::{Drawn, Hit};
use crate::tui::theme::Theme;

/// What a form shows: `label: value` rows with one selected, and notes
/// below them.
pub struct FormSpec<'a> {
    pub title: String,
    pub focused: bool,
    pub rows: &'a [(String, String)],
    pub sel: usize,
    pub extra: Vec<String>,
}

/// A form of labelled rows. With `hits`, a click on a row's lines selects
/// that row. An empty value shows "–".
pub fn draw_form(f: &mut Frame, th: Theme, area: Rect, spec: FormSpec, hits: Option<&mut Drawn>) {
    draw_form_with(f, th, area, spec, hits, |_| None);
}

/// [`draw_form`], where an empty value shows the row's placeholder, dimmed
/// (a new team member's "New team member"), or "–" where it has none: a
/// placeholder is never the value.
pub fn draw_form_with<'p>(
    f: &mut Frame,
    th: Theme,
    area: Rect,
    spec: FormSpec,
    hits: Option<&mut Drawn>,
    placeholder: impl Fn(usize) -> Option<&'p str>,
) {
    let FormSpec {
        title,
        focused,
        rows,
        sel,
        extra,
    } = spec;
    let block = boxed(title, focused, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width.max(1) as usize;
    let mut lines = Vec::new();
    // The row each line belongs to.
    let mut owner: Vec<Option<usize>> = Vec::new();
    let mut sel_lines = (0, 0);
    for (i, (label, value)) in rows.iter().enumerate() {
        let style = if focused && i == sel {
            th.selected()
        } else {
            Style::default()
        };
        let placeholder = value.is_empty().then(|| placeholder(i)).flatten();
        let value = match placeholder {
            Some(p) => p,
            None if value.is_empty() => "–",
            None => value.as_str(),
        };
        // A placeholder is drawn dimmed, selected or not.
        let style = if placeholder.is_some() {
            style.patch(th.dim())
        } else {
            style
        };
        // The label and the first line of the value share a line; the
        // rest of the value wraps below, indented.
        let first_para = value.split('\n').next().unwrap_or("");
        let head = if label.is_empty() {
            String::new()
        } else {
            format!("{label}: ")
        };
        // Five rows at most, and one more to know there are more: only
        // those are wrapped, however long the value.
        let rest_paras = value
            .split('\n')
            .skip(1)
            .flat_map(|p| wrap_lines(p, w.saturating_sub(2)))
            .map(|l| format!("  {l}"));
        let wrapped: Vec<String> = wrap_lines(&format!("{head}{}", cut(first_para, 6 * w)), w)
            .chain(rest_paras)
            .take(6)
            .collect();
        let total = wrapped.len();
        if focused && i == sel {
            sel_lines = (lines.len(), lines.len() + total.min(5));
        }
        let label_head = format!("{label}:");
        for (k, l) in wrapped.into_iter().take(5).enumerate() {
            match l.strip_prefix(&label_head) {
                Some(rest) if k == 0 && !label.is_empty() && !rest.is_empty() => {
                    lines.push(Line::from(vec![
                        Span::styled(label_head.clone(), th.accent().patch(style)),
                        Span::styled(rest.to_string(), style),
                    ]));
                }
                _ => lines.push(Line::from(Span::styled(l, style))),
            }
        }
        if total > 5 {
            lines.push(Line::from(Span::styled(
                "  … (Enter to see it all)",
                th.dim(),
            )));
        }
        owner.resize(lines.len(), Some(i));
    }
    for e in extra {
        for l in wrap(&e, w) {
            lines.push(Line::from(Span::styled(l, th.dim())));
        }
    }
    // Keep the selected row in view.
    let h = inner.height as usize;
    let skip = sel_lines.1.saturating_sub(h).min(sel_lines.0);
    if let Some(out) = hits {
        for (k, row) in owner.iter().skip(skip).take(h).enumerate() {
            if let Some(i) = row {
                let y = inner.y + k as u16;
                out.hit(Rect::new(inner.x, y, inner.width, 1), Hit::Item(*i));
            }
        }
    }
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
    f.render_widget(Paragraph::new(shown), inner);
}
