//! The help pop-up: every key of the screen shown, from the keymap (the
//! start screen's own list there), the editor's keys and the marks,
//! scrolled with j/k.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text::width;
use crate::tui::app::{App, Screen};
use crate::tui::drawn::Drawn;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::widgets::popup_block;

/// Draws help over `area`, from line `scroll`; records the last line it
/// can scroll to.
pub fn draw(f: &mut Frame, app: &App, scroll: usize, area: Rect, out: &mut Drawn) {
    let th = app.theme;
    let r = layout::centred(area, 70, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let on_start = app.screen == Screen::Start;
    let rows = if on_start {
        crate::tui::screens::start::help(&app.keymap)
    } else {
        crate::tui::screens::findings_only::help_rows(app, app.keymap.help(app.screen.context()))
    };
    let kw = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(24);
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        format!("Keys on the {} screen", app.screen.title()),
        th.title(),
    ))];
    // A description longer than the box wraps under itself, never
    // cut off.
    let room = (r.width.saturating_sub(2) as usize)
        .saturating_sub(kw + 2)
        .max(10);
    for (k, d) in rows.iter().map(|(k, d)| (digit_range(app, k.clone()), d)) {
        let lead = format!("{}{k}  ", " ".repeat(kw.saturating_sub(width(&k))));
        for (n, part) in crate::text::wrap_lines(d, room).enumerate() {
            let key = if n == 0 {
                lead.clone()
            } else {
                " ".repeat(width(&lead))
            };
            lines.push(Line::from(vec![
                Span::styled(key, th.accent()),
                Span::raw(part),
            ]));
        }
    }
    if !on_start {
        lines.push(Line::from(""));
        // Two lines, each short enough for the help box (68
        // columns inside), so none is cut off.
        let editor_keys = |rows: &[(Action, &str)]| -> String {
            rows.iter()
                .filter_map(|(a, what)| app.keymap.text_key(*a).map(|k| format!("{k} {what}")))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        lines.push(Line::from(Span::styled(
            format!(
                "In the editor: {}",
                editor_keys(&[
                    (Action::Back, "done"),
                    (Action::Done, "done"),
                    (Action::Save, "save")
                ])
            ),
            th.dim(),
        )));
        lines.push(Line::from(Span::styled(
            format!(
                "               {}",
                editor_keys(&[(Action::Undo, "undo"), (Action::Redo, "redo")])
            ),
            th.dim(),
        )));
        lines.push(Line::from(Span::styled(
            "Marks: · not started  ✎ draft  ◆ ready for review  ✔ agreed",
            th.dim(),
        )));
        if let Some(l) = crate::tui::popups::comments::help_line(&app.keymap, app.screen.context())
        {
            lines.push(Line::from(Span::styled(l, th.dim())));
        }
    }
    let inner_h = r.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(inner_h);
    out.help_last = max;
    let from = scroll.min(max);
    let title = if max == 0 {
        "Help (Esc to close)".to_string()
    } else {
        format!(
            "Help: lines {}-{} of {} (j/k scroll, Esc close)",
            from + 1,
            (from + inner_h).min(lines.len()),
            lines.len()
        )
    };
    let shown: Vec<Line> = lines.into_iter().skip(from).collect();
    f.render_widget(Paragraph::new(shown).block(popup_block(&title, th)), r);
}

/// "1-9" as the keys that rate on this framework's scale ("1-4").
pub fn digit_range(app: &App, keys: String) -> String {
    if keys != "1-9" {
        return keys;
    }
    let values: Vec<i64> = app
        .wb()
        .and_then(|w| w.framework.scale.as_ref())
        .map(|s| {
            s.levels
                .iter()
                .map(|l| l.value)
                .filter(|v| (1..=9).contains(v))
                .collect()
        })
        .unwrap_or_default();
    match (values.iter().min(), values.iter().max()) {
        (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
        _ => keys,
    }
}
