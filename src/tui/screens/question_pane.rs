//! The question and its prompts within reach: the answer pane scrolls by
//! keyboard (`]`/`[`, and `p` to the prompts, however long the answer), and
//! an editor opened on the Questions screen sits beside the question and
//! its prompts (from 100 columns the editor takes the answer pane and the
//! question stays on the left; narrower, the question and its prompts are
//! shown above the editor), scrolled with Alt-Up/Alt-Down while typing.

use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text::{inert, wrap_lines};
use crate::tui::app::App;
use crate::tui::keys::{Action, Context};
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::boxed;

/// From this width the editor takes the answer pane, beside the question.
pub const BESIDE_WIDTH: u16 = 100;

/// Rows a scroll key moves.
const STEP: usize = 3;

pub use super::questions::scroll::{DetailScroll, PaneScroll, Scroll};

impl App {
    /// The scroll keys of the Questions screen; true if the action was one.
    pub(in crate::tui) fn scroll_detail_action(&mut self, action: Action) -> bool {
        use crate::tui::drawn::List;
        let view = self.q.detail_view;
        let slot = self.q.slot;
        let end = self.frame.offset(List::DetailEnd, view);
        // From where the user scrolled to, else from what was drawn.
        let now = match self.q.scroll.detail {
            Some(d) if d.view == view && d.slot == slot => match d.to {
                Scroll::Row(r) => r,
                Scroll::Prompts => self.frame.offset(List::Detail, view),
            },
            _ => self.frame.offset(List::Detail, view),
        }
        .min(end);
        let to = match action {
            Action::ScrollDetailDown => Scroll::Row((now + STEP).min(end)),
            Action::ScrollDetailUp => Scroll::Row(now.saturating_sub(STEP)),
            Action::ShowPrompts => Scroll::Prompts,
            _ => return false,
        };
        self.q.scroll.detail = Some(DetailScroll { view, slot, to });
        true
    }

    /// The scroll keys while an editor is open beside the question.
    pub(in crate::tui) fn scroll_beside(&mut self, down: bool) {
        let view = self.q.detail_view;
        let end = self.frame.offset(crate::tui::drawn::List::BesideEnd, view);
        let now = self.q.scroll.beside_offset(view).min(end);
        let to = if down {
            (now + STEP).min(end)
        } else {
            now.saturating_sub(STEP)
        };
        self.q.scroll.beside = (view, to);
    }
}

/// The question, its guidance, then "To consider": its prompts and
/// suggested evidence, wrapped at `w`: made once per question and width.
pub fn question_lines(app: &App, w: usize) -> Rc<Vec<Line<'static>>> {
    let Some(qid) = app.current_question() else {
        return Rc::default();
    };
    let mut cache = app.q.prompts.borrow_mut();
    if let Some(((id, width), lines)) = &*cache
        && *id == qid
        && *width == w
    {
        return Rc::clone(lines);
    }
    let lines = Rc::new(wrapped_question(app, &qid, w, app.theme));
    *cache = Some(((qid, w), Rc::clone(&lines)));
    lines
}

fn wrapped_question(app: &App, qid: &str, w: usize, th: Theme) -> Vec<Line<'static>> {
    let Some((_, q)) = app.wb().and_then(|wb| wb.framework.question(qid)) else {
        return Vec::new();
    };
    let mut lines: Vec<Line> = wrap_lines(&q.text, w)
        .map(|l| Line::from(Span::styled(l, th.title())))
        .collect();
    if let Some(g) = &q.guidance {
        lines.extend(wrap_lines(g, w).map(|l| Line::from(Span::styled(l, th.dim()))));
    }
    for (head, items) in [("Prompts", &q.prompts), ("Suggested evidence", &q.evidence)] {
        if items.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(head.to_string(), th.accent())));
        for it in items {
            for (k, l) in wrap_lines(it, w.saturating_sub(2)).enumerate() {
                let lead = if k == 0 { "• " } else { "  " };
                lines.push(Line::from(format!("{lead}{l}")));
            }
        }
    }
    lines
}

/// Where an editor opened on the Questions screen goes, having drawn the
/// question and its prompts beside it (wide) or above it (narrow): the
/// editor's area, or None to draw it as a plain pop-up (another screen, or
/// a one-line field at a narrow width).
pub fn place_editor(
    f: &mut Frame,
    app: &App,
    multi: bool,
    area: Rect,
    out: &mut crate::tui::drawn::Drawn,
) -> Option<Rect> {
    // The reading view selects the question it edits (see `reading.rs`).
    let beside = matches!(
        app.screen,
        super::Screen::Questions | super::Screen::Reading
    );
    if !beside || app.current_question().is_none() {
        return None;
    }
    let th = app.theme;
    let body = layout::main(area).body;
    let (question, editor) = if area.width >= BESIDE_WIDTH {
        let (left, right) = layout::questions(body);
        // A one-line field sits at the top of the answer pane.
        let h = if multi {
            right.height
        } else {
            5.min(right.height)
        };
        (left, Rect::new(right.x, right.y, right.width, h))
    } else if multi {
        let r = layout::centred(
            area,
            area.width.saturating_sub(6).min(100),
            area.height.saturating_sub(4).max(8),
        );
        // As many rows as the question and its prompts need, up to half,
        // leaving the editor at least five.
        let need = question_lines(app, r.width.saturating_sub(2).max(1) as usize).len() as u16 + 2;
        let top = need
            .min(r.height / 2)
            .max(4)
            .min(r.height.saturating_sub(5));
        (
            Rect::new(r.x, r.y, r.width, top),
            Rect::new(r.x, r.y + top, r.width, r.height - top),
        )
    } else {
        return None;
    };
    let reference = app
        .wb()
        .zip(app.current_question())
        .and_then(|(wb, q)| {
            wb.framework
                .question(&q)
                .map(|(_, q)| inert(q.display_ref()))
        })
        .unwrap_or_default();
    let keys = scroll_keys(app);
    let title = if keys.is_empty() {
        format!(" {reference}: the question and its prompts ")
    } else {
        format!(" {reference}: the question and its prompts · {keys} scroll ")
    };
    let block = boxed(title, false, th);
    let inner = block.inner(question);
    f.render_widget(Clear, question);
    f.render_widget(block, question);
    let lines = question_lines(app, inner.width.max(1) as usize);
    let last = lines.len().saturating_sub(inner.height as usize);
    let from = app.q.scroll.beside_offset(app.q.detail_view).min(last);
    out.set_offset(crate::tui::drawn::List::BesideEnd, app.q.detail_view, last);
    let shown: Vec<Line> = lines
        .iter()
        .skip(from)
        .take(inner.height as usize)
        .cloned()
        .collect();
    f.render_widget(Paragraph::new(shown), inner);
    Some(editor)
}

/// "Alt-Up/Alt-Down": the keys that scroll the question beside an editor.
fn scroll_keys(app: &App) -> String {
    let km = &app.keymap;
    match (
        km.key_for(Context::Text, Action::ScrollDetailUp),
        km.key_for(Context::Text, Action::ScrollDetailDown),
    ) {
        (Some(u), Some(d)) => format!("{u}/{d}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_scroll_holds_for_its_question_and_line_only() {
        let mut s = PaneScroll::default();
        assert_eq!(s.detail_offset(1, 0, 30, 4, 50), 4, "follows the selection");
        s.detail = Some(DetailScroll {
            view: 1,
            slot: 0,
            to: Scroll::Prompts,
        });
        assert_eq!(s.detail_offset(1, 0, 30, 4, 50), 30);
        assert_eq!(s.detail_offset(1, 0, 30, 4, 20), 20, "never past the end");
        assert_eq!(s.detail_offset(2, 0, 30, 4, 50), 4, "another question");
        assert_eq!(s.detail_offset(1, 1, 30, 4, 50), 4, "another line");
        s.beside = (3, 6);
        assert_eq!(s.beside_offset(3), 6);
        assert_eq!(s.beside_offset(4), 0);
    }
}
