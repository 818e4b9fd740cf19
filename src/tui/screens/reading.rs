//! The reading view (`w` on the Questions screen): every narrative of a
//! domain one after another, each under its question as a heading with its
//! rating and status line, to read and edit the self-assessment as a
//! document. `j`/`k` move the cursor a row, PageUp/PageDown turn a page,
//! `g`/`G` go to the ends, Tab and Shift-Tab (or `]`/`[`) change domain,
//! `e` opens the Questions screen's editor on the narrative at the cursor
//! (in reviewer mode, on your own notes on it, as `e` there does), `c` its
//! comments, and Esc goes back to the Questions screen on that question.
//! Only the rows on screen are wrapped and drawn (see `reading/state.rs`).

pub mod state;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::comment_marks as thread;
use super::ctx::{DrawCtx, ScreenCtx};
use crate::framework::Question;
use crate::review::diff::word_count;
use crate::text::{inert, pad, truncate};
use crate::tui::component::Handled;
use crate::tui::edit::Target;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::screens::Screen;
use crate::tui::widgets::{boxed, rating_text, status_mark};
use crate::workbook::Workbook;
use state::{Page, Pos, ReadingOut, ReadingState, RowKind};

/// The widest a line of text is set, however wide the terminal: lines much
/// longer than this are hard to read.
const MEASURE: usize = 100;

/// The mark before the rows of the question at the cursor (so which one
/// `e` edits shows without colour), and the room it takes.
const MARK: &str = " ┃ ";
const GUTTER: usize = 3;

/// The text's width and the rows shown, for the body of the screen.
pub fn text_size(body: Rect) -> (usize, usize) {
    let inner_w = body.width.saturating_sub(2) as usize;
    (
        inner_w.saturating_sub(GUTTER).clamp(1, MEASURE),
        body.height.saturating_sub(2).max(1) as usize,
    )
}

/// The status row of a question's block: its rating (where the framework
/// rates), status, open comments, words, owner and sign-off, the first
/// kept when the row is cut.
fn status_line(wb: &Workbook, q: &Question) -> String {
    let no_answer = crate::workbook::Answer::default();
    let a = wb.answer(&q.id).unwrap_or(&no_answer);
    let mut parts = Vec::new();
    if wb.framework.scale.is_some() {
        parts.push(format!("Rating: {}", rating_text(wb, a.rating)));
    }
    parts.push(format!("{} {}", status_mark(a.status), a.status.label()));
    if let Some(n) = thread::count_note(a) {
        parts.push(n);
    }
    match word_count(&a.narrative) {
        0 => {}
        n => parts.push(super::word_count::words_note(n, wb.review.word_limit)),
    }
    if let Some(o) = &a.owner {
        parts.push(format!("owner {}", inert(o)));
    }
    match super::signoff::status_note(a) {
        n if n.is_empty() => {}
        n => parts.push(inert(&n)),
    }
    parts.join(" · ")
}

/// Draws the view into the body. Nothing is recorded: where it is reading
/// is the state's, and what it shows follows from it and the size.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ReadingState, area: Rect) {
    let th = cx.theme;
    let Some(wb) = cx.wb else { return };
    let domains = &wb.framework.domains;
    let d = st.domain.min(domains.len().saturating_sub(1));
    let title = match domains.get(d) {
        Some(dm) => format!(
            " Reading {}/{}: {} ",
            d + 1,
            domains.len(),
            inert(&dm.title)
        ),
        None => " Reading ".into(),
    };
    let block = boxed(title, true, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (w, h) = text_size(area);
    let page = Page::new(wb, d, w);
    if page.is_empty() {
        let note = Span::styled("This domain has no questions.", th.dim());
        f.render_widget(Paragraph::new(Line::from(note)), inner);
        return;
    }
    let cursor = page.clamp(st.cursor);
    let top = page.top_for(st.top, cursor, h);
    let empty = if cx.reviewer.is_some() {
        "(no narrative yet)"
    } else {
        "(no narrative yet: press e to write it)"
    };
    let mut lines: Vec<Line> = Vec::with_capacity(h);
    let mut p = top;
    'blocks: while p.q < page.len() {
        let Some(question) = page.question(p.q) else {
            break;
        };
        let here = p.q == cursor.q;
        for (k, row) in page.rows(p.q, p.row).enumerate() {
            if lines.len() >= h {
                break 'blocks;
            }
            let at = Pos {
                q: p.q,
                row: p.row + k,
            };
            let (text, style) = match row.kind {
                RowKind::Heading => (row.text, th.title()),
                RowKind::Status => (truncate(&status_line(wb, question), w), th.dim()),
                RowKind::Narrative => (row.text, Style::default()),
                RowKind::NoNarrative => (truncate(empty, w), th.dim()),
                RowKind::Gap => (String::new(), Style::default()),
            };
            let (text, style) = if at == cursor {
                (pad(&text, w), th.selected())
            } else {
                (text, style)
            };
            let mark = if here && row.kind != RowKind::Gap {
                Span::styled(MARK, th.accent())
            } else {
                Span::raw(" ".repeat(GUTTER))
            };
            lines.push(Line::from(vec![mark, Span::styled(text, style)]));
        }
        p = Pos { q: p.q + 1, row: 0 };
    }
    // On a wide terminal the column of text sits in the middle.
    let used = (GUTTER + w) as u16;
    let side = inner.width.saturating_sub(used) / 2;
    let column = Rect::new(inner.x + side, inner.y, used.min(inner.width), inner.height);
    f.render_widget(Paragraph::new(lines), column);
}

/// The Questions screen's footer names the reading view's key beside the
/// narrative's, where it is seen at 80 columns (it is bound after the
/// screen's other keys, so it would come last and be the first left out).
pub fn footer_order(hints: &mut Vec<(Action, String, String)>) {
    let Some(from) = hints.iter().position(|(a, _, _)| *a == Action::ReadingView) else {
        return;
    };
    let hint = hints.remove(from);
    let at = hints
        .iter()
        .position(|(a, _, _)| *a == Action::EditNarrative)
        .map_or(hints.len(), |i| i + 1);
    hints.insert(at, hint);
}

/// `w` on the Questions screen: the reading view of the selected
/// question's domain, from that question.
pub fn open(cx: &mut impl ScreenCtx) {
    let (Some(wb), Some(qid)) = (cx.workbook(), cx.current_question()) else {
        return;
    };
    let found = wb.framework.domains.iter().enumerate().find_map(|(d, dm)| {
        dm.questions
            .iter()
            .position(|q| q.id == qid)
            .map(|i| (d, i))
    });
    if let Some((d, i)) = found {
        *cx.reading() = ReadingState::at(d, i);
        cx.show(Screen::Reading);
    }
}

/// A key in the reading view.
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let (w, h) = text_size(layout::main(cx.frame_size()).body);
    // The state is taken out while it moves over the workbook, and put back.
    let mut st = std::mem::take(cx.reading());
    let Some(wb) = cx.workbook() else { return };
    let done = st.action(action, wb, w, h);
    *cx.reading() = st;
    let Handled::Done(out) = done else {
        return;
    };
    match out {
        ReadingOut::Note(m) => cx.say(m.into()),
        ReadingOut::Back => {
            select_reading_question(cx);
            cx.show(Screen::Questions);
        }
        ReadingOut::Edit => {
            let Some(qid) = select_reading_question(cx) else {
                return;
            };
            let target = match cx.reviewer() {
                // As `e` on the Questions screen: the reviewer's own notes.
                Some((name, _)) => Target::ReviewNotes(name, qid),
                None => Target::Narrative(qid),
            };
            cx.edit(target, false);
        }
        ReadingOut::Comments => {
            if let Some(qid) = select_reading_question(cx) {
                cx.comments(&qid);
            }
        }
    }
}

/// Selects, on the Questions screen, the question at the reading view's
/// cursor, so that the editor beside it, undo and the way back all name
/// that one; its id.
fn select_reading_question(cx: &mut impl ScreenCtx) -> Option<String> {
    let st = cx.reading().clone();
    let wb = cx.workbook()?;
    let id = st.question(wb)?.id.clone();
    let flat = wb.framework.order_of(&id)?;
    if cx.current_question().as_deref() != Some(id.as_str()) {
        cx.select_question(flat);
    }
    Some(id)
}
