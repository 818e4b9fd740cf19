//! Drawing the saving prompts (their state is in `saving.rs`, what they
//! do in `tui/saving.rs`): what to do with changes that could not be
//! saved, and a file name being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::saving::{PathPrompt, PathPurpose, UnsavedPrompt};
use crate::text::{inert, tail, truncate};
use crate::tui::app::App;
use crate::tui::keys::{Action, Context};
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::{popup_block, wrap};

/// What to do with changes that could not be saved, or a file changed on
/// disk: the choices from the keymap, the one armed shown in red.
pub fn draw_unsaved(f: &mut Frame, app: &App, u: &UnsavedPrompt, area: Rect) {
    let th = app.theme;
    let Some(doc) = &app.doc else { return };
    let w = area.width.saturating_sub(6).min(76);
    let inner_w = w.saturating_sub(2) as usize;
    let (title, why) = if doc.is_changed_on_disk() {
        (
            "The file was changed on disk",
            format!(
                "{} was changed by another program (a sync, a git pull, another tool) since you opened it. Your changes are kept here and nothing was overwritten.",
                doc.path.display()
            ),
        )
    } else {
        (
            "Your changes are not saved",
            format!(
                "{} could not be saved: {}. Your changes are kept here.",
                doc.path.display(),
                doc.state.label().trim_start_matches("NOT SAVED: ")
            ),
        )
    };
    let mut lines: Vec<Line> = wrap(&inert(&why), inner_w)
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::from(""));
    let choices: Vec<(Action, String, String)> = app
        .unsaved_choices(u)
        .into_iter()
        .map(|a| {
            let what = match a {
                Action::KeepTrying if doc.is_changed_on_disk() => format!(
                    "go back; nothing is written until you choose ({} asks again)",
                    app.keymap.keys_for(Context::Global, Action::Save)
                ),
                a => a.describe(),
            };
            (a, app.keymap.keys_for(Context::Unsaved, a), what)
        })
        .collect();
    let kw = choices
        .iter()
        .map(|(_, k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (a, keys, what) in &choices {
        let style = if u.armed == Some(*a) {
            th.error()
        } else {
            th.title()
        };
        let text = format!("{keys:>kw$}  {what}");
        lines.push(Line::from(Span::styled(truncate(&text, inner_w), style)));
    }
    if let Some(a) = u.armed {
        let keys = app.keymap.keys_for(Context::Unsaved, a);
        let what = match a {
            Action::Discard => "discard your unsaved changes and quit",
            Action::WriteRecovered => {
                "quit and print the whole workbook to the terminal as YAML, the last place left"
            }
            _ => "drop your unsaved changes and reload",
        };
        lines.push(Line::from(""));
        let text = format!("Press {keys} again to {what}; any other key goes back.");
        lines.extend(error_lines(&text, inner_w, th));
    }
    if let Some(e) = &u.error {
        lines.push(Line::from(""));
        lines.extend(error_lines(&inert(e), inner_w, th));
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = layout::centred(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(popup_block(title, th)), r);
}

/// A message wrapped to `w` columns, in the error style.
fn error_lines(text: &str, w: usize, th: Theme) -> Vec<Line<'static>> {
    wrap(text, w)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, th.error())))
        .collect()
}

/// A file name being typed for "save as" or "open a copy".
pub fn draw_path_prompt(f: &mut Frame, app: &App, p: &PathPrompt, area: Rect) {
    let th = app.theme;
    let w = area.width.saturating_sub(6).min(90);
    let inner_w = w.saturating_sub(2) as usize;
    let (title, help) = match &p.purpose {
        PathPurpose::SaveAs { .. } => (
            "Save as",
            "The workbook is written to this new file and you go on editing it there.",
        ),
        PathPurpose::CopyOf(_) => (
            "Open a copy",
            "A copy is written to this new file and opened; the original is left as it is.",
        ),
    };
    // The end of a long path is the part being typed.
    let shown = tail(&inert(&p.input.text()), inner_w.saturating_sub(7));
    let mut lines = vec![
        Line::from(format!("File: {shown}▏")),
        Line::from(Span::styled(truncate(help, inner_w), th.dim())),
    ];
    if let Some(e) = &p.error {
        lines.extend(error_lines(&inert(e), inner_w, th));
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = layout::centred(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(popup_block(title, th)), r);
}
