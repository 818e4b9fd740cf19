//! A list on the left of a list-and-form screen, drawn virtually (only the
//! rows on screen), scrolling on from where the last frame left it; its
//! rows are clickable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::boxed;
use crate::text::{cut, pad};
use crate::tui::drawn::{Drawn, Hit, List};
use crate::tui::layout;
use crate::tui::theme::Theme;

/// What a list shows: its title, whether it has the focus, its length,
/// the selection and the scroll position it keeps.
pub struct ListSpec {
    pub title: String,
    pub focused: bool,
    pub len: usize,
    pub sel: usize,
    /// Whose scroll position it is.
    pub list: List,
}

/// A list on the left, drawn virtually: only the rows on screen.
pub fn draw_list(
    f: &mut Frame,
    th: Theme,
    prev: &Drawn,
    area: Rect,
    out: &mut Drawn,
    spec: ListSpec,
    row: impl Fn(usize) -> String,
) {
    draw_list_with(f, th, prev, area, out, spec, |i| (row(i), false));
}

/// [`draw_list`] where a row may be dimmed (`true`): a placeholder
/// standing in for an empty name.
pub fn draw_list_with(
    f: &mut Frame,
    th: Theme,
    prev: &Drawn,
    area: Rect,
    out: &mut Drawn,
    spec: ListSpec,
    row: impl Fn(usize) -> (String, bool),
) {
    let ListSpec {
        title,
        focused,
        len,
        sel,
        list,
    } = spec;
    let block = boxed(title, focused, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let h = inner.height as usize;
    let o = layout::scroll(prev.offset(list, 0), sel, h, len);
    out.set_offset(list, 0, o);
    out.rows(inner, o, len, Hit::Item);
    let w = inner.width as usize;
    let lines: Vec<Line> = (o..len.min(o + h))
        .map(|i| {
            let (text, dim) = row(i);
            let t = pad(&cut(&text, w), w);
            let style = match (i == sel, dim) {
                (true, false) => th.selected(),
                (true, true) => th.selected().patch(th.dim()),
                (false, true) => th.dim(),
                (false, false) => Style::default(),
            };
            Line::from(Span::styled(t, style))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
