//! The review's details: council, title, dates, focus questions, the team.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::text::inert;
use crate::tui::app::App;
use crate::tui::drawn::Drawn;
use crate::tui::edit::Target;
use crate::tui::widgets::form::{FormSpec, draw_form};

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
    let Some(wb) = app.wb() else { return };
    let targets = app.detail_targets();
    let focus_n = wb.review.focus.len();
    let rows: Vec<(String, String)> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| match t {
            Some(Target::Focus(k)) => (
                format!("Focus question {}", k + 1),
                inert(&Target::Focus(*k).read(wb)),
            ),
            Some(Target::Member(k, _)) => (
                format!(
                    "Team {} {}",
                    k + 1,
                    t.as_ref()
                        .map_or("", Target::label)
                        .trim_start_matches("Team member: ")
                ),
                inert(&t.as_ref().map(|t| t.read(wb)).unwrap_or_default()),
            ),
            Some(t) => (t.label().to_string(), t.read(wb)),
            None if i == 4 + focus_n => (String::new(), "+ add a focus question".into()),
            None => (String::new(), "+ add a team member".into()),
        })
        .collect();
    draw_form(
        f,
        app.theme,
        area,
        FormSpec {
            title: " Review details ".into(),
            focused: true,
            rows: &rows,
            sel: app.details.sel,
            extra: vec![format!(
                "Framework: {} ({})",
                inert(&wb.framework.title),
                wb.framework.key()
            )],
        },
        Some(out),
    );
}
