//! Common widgets the screens and pop-ups are built from. Each owns its
//! state and keeps the contract in [`super::component`]; none knows the app.

pub mod confirm;
pub mod esc;
pub mod footer;
pub mod form;
pub mod input;
pub mod joined;
pub mod list;
pub mod picker;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::text::{cut, inert, pad, wrap_lines};
use crate::workbook::{Rating, Status, Workbook};

/// A pop-up's frame: a bold accent border with the title in it.
pub fn popup_block<'a>(title: &str, th: Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(th.accent().add_modifier(Modifier::BOLD))
}

/// One line per item, each as wide as `w`, the `sel`th reversed.
pub fn list_lines(items: &[String], sel: usize, w: usize, th: Theme) -> Vec<Line<'static>> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let t = pad(&cut(t, w), w);
            let style = if i == sel {
                th.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(t, style))
        })
        .collect()
}

/// The mark beside a question in the tree: a different shape per status,
/// so it reads without colour.
pub fn status_mark(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "·",
        Status::Draft => "✎",
        Status::ReadyForReview => "◆",
        Status::Agreed => "✔",
    }
}

/// A pane's frame: bold accent when it has the focus, dim when not.
pub fn boxed<'a>(title: String, focused: bool, th: Theme) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .title(focus_title(title, focused));
    if focused {
        b.border_style(th.accent().add_modifier(Modifier::BOLD))
    } else {
        b.border_style(th.dim())
    }
}

/// A name to show, or the placeholder when it is empty: (text, dimmed).
pub fn placeholder_or(text: &str, placeholder: &str) -> (String, bool) {
    if text.trim().is_empty() {
        (placeholder.to_string(), true)
    } else {
        (text.to_string(), false)
    }
}

/// The marker before a focused pane's title, so focus never rests on the
/// border's style alone (without colour it is the only sign).
pub const FOCUS_MARK: &str = "▶";

/// A pane's title with [`FOCUS_MARK`] before it when the pane has focus.
pub fn focus_title(title: String, focused: bool) -> String {
    if !focused {
        return title;
    }
    match title.strip_prefix(' ') {
        Some(rest) => format!(" {FOCUS_MARK} {rest}"),
        None => format!("{FOCUS_MARK} {title}"),
    }
}

/// Word-wraps text into lines of at most `width` columns, made inert
/// ([`wrap_lines`], which makes only the lines taken).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_lines(text, width).collect()
}

/// A boxed paragraph, for a screen with nothing to list yet.
pub fn draw_note(f: &mut Frame, th: Theme, area: Rect, title: &str, text: &str) {
    f.render_widget(
        Paragraph::new(text.to_string())
            .wrap(Wrap { trim: true })
            // One without a title sits beside the focused pane, so it
            // never carries the focus mark.
            .block(boxed(title.to_string(), !title.trim().is_empty(), th)),
        area,
    );
}

/// A rating as text: "3 Good standard", "N/A", or "not rated".
pub fn rating_text(wb: &Workbook, r: Rating) -> String {
    match r {
        Rating::None => "not rated".into(),
        Rating::NotApplicable => "N/A".into(),
        Rating::Level(n) => match wb.framework.scale.as_ref().and_then(|s| s.level(n)) {
            Some(l) => format!("{n} {}", inert(&l.label)),
            None => n.to_string(),
        },
    }
}

pub fn rating_colour(wb: &Workbook, r: Rating) -> Option<&str> {
    match r {
        Rating::Level(n) => wb
            .framework
            .scale
            .as_ref()
            .and_then(|s| s.level(n))
            .and_then(|l| l.colour.as_deref()),
        _ => None,
    }
}

pub fn short_rating(r: Rating) -> String {
    match r {
        Rating::Level(n) => n.to_string(),
        Rating::NotApplicable => "N/A".into(),
        Rating::None => "–".into(),
    }
}
