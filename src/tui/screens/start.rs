//! The start screen: the workbooks in the data folder and a new one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::text::{inert, pad};
use crate::tui::app::App;
use crate::tui::drawn::{Drawn, Hit};
use crate::tui::keys::{Action, Context, Keymap};
use crate::tui::widgets::boxed;

/// What the start screen answers to, in the order its help lists them:
/// its own keys and the few global ones that do anything before a workbook
/// is open (not the other screens', which need one).
const START_ACTIONS: &[Action] = &[
    Action::Open,
    Action::Add,
    Action::OpenCopy,
    Action::Up,
    Action::Down,
    Action::Top,
    Action::Bottom,
    Action::Help,
    Action::Quit,
];

/// The start screen's help rows, (keys, what they do), from the keymap: a
/// key rebound in `keys.yaml` is listed as bound.
pub fn help(keymap: &Keymap) -> Vec<(String, String)> {
    START_ACTIONS
        .iter()
        .filter_map(|a| {
            let mut keys = keymap.keys_for(Context::Start, *a);
            if keys.is_empty() {
                keys = keymap.keys_for(Context::Global, *a);
            }
            (!keys.is_empty()).then(|| (keys.replace('/', " "), a.describe()))
        })
        .collect()
}

/// Draws the start screen into the body; its rows are clickable.
pub fn draw(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
    let th = app.theme;
    let block = boxed(
        format!(" Workbooks in {} ", app.workbooks_dir.display()),
        true,
        th,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines = vec![
        Line::from(Span::styled(
            "Rate and evidence each question before the peer review.",
            th.dim(),
        )),
        Line::from(""),
    ];
    let w = inner.width as usize;
    let new = "+ New workbook from a framework";
    lines.push(Line::from(Span::styled(
        pad(new, w),
        if app.start.sel == 0 {
            th.selected()
        } else {
            th.title()
        },
    )));
    let height = inner.height.saturating_sub(3) as usize;
    // "New workbook" is on the third line, the workbooks below it.
    let rows = Rect::new(
        inner.x,
        inner.y.saturating_add(2),
        inner.width,
        inner.height.saturating_sub(2),
    );
    out.rows(rows, 0, app.start.books.len().min(height) + 1, Hit::Start);
    for (i, b) in app.start.books.iter().enumerate().take(height) {
        let text = match &b.error {
            Some(e) => format!("  {}  does not open: {}", inert(&b.council), inert(e)),
            None => format!(
                "  {} — {}  ·  {}  ·  {}/{} answered  ·  changed {}",
                inert(&b.council),
                inert(&b.title),
                b.framework,
                b.answered,
                b.total,
                b.changed
            ),
        };
        let style = if app.start.sel == i + 1 {
            th.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
    }
    if app.start.books.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(
            "No workbooks yet. Press Enter to make your first one: choose a framework, then type the council and the review title.",
        ));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "Already have a workbook file? Quit and run: peerbook open PATH",
            th.dim(),
        )));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
