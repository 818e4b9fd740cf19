//! Settling a conflict with a value of one's own (Peer screen, `C`, a
//! conflict, then "Type a value…"): read as `peerbook resolve --value`
//! reads it, and checked as every workbook is. What does not check out
//! stays in the field with the reason, and nothing is changed.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::review::{conflict_words, merge};
use crate::text::inert;
use crate::tui::app::{App, Popup};
use crate::tui::component::Handled;
use crate::tui::keys::{Action, Keymap};
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::undo::Part;
use crate::tui::widgets::input::{TextInput, Typed, feed, key_line};
use crate::tui::widgets::popup_block;
use crate::yaml::Value;

pub struct ValuePrompt {
    /// The conflict's place in the workbook's list.
    pub conflict: usize,
    /// What the conflict is about, in words.
    pub what: String,
    pub input: TextInput,
    pub error: Option<String>,
}

impl App {
    /// Opens the prompt for conflict `c`.
    pub(crate) fn ask_conflict_value(&mut self, c: usize) {
        let Some(what) = self.wb().and_then(|wb| {
            wb.conflicts
                .get(c)
                .map(|k| conflict_words::describe(wb, k).what)
        }) else {
            return;
        };
        self.popup = Some(Popup::ConflictValue(Box::new(ValuePrompt {
            conflict: c,
            what,
            input: TextInput::default(),
            error: None,
        })));
    }

    pub(crate) fn conflict_value_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::ConflictValue(p)) = &mut self.popup else {
            return;
        };
        match feed(&mut p.input, action, ev) {
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(text)) => {
                let c = p.conflict;
                let typed = match self
                    .wb()
                    .and_then(|wb| wb.conflicts.get(c).map(|k| (wb, k)))
                {
                    Some((wb, k)) => merge::typed_value(wb, k, &text),
                    None => Err("that conflict is no longer there".into()),
                };
                let outcome = typed.and_then(|v| self.settle_conflict(c, &v));
                match outcome {
                    // Refused before it was tried (a read-only workbook): the
                    // status bar says why.
                    Ok(_) => self.popup = None,
                    Err(e) => {
                        if let Some(Popup::ConflictValue(p)) = &mut self.popup {
                            p.error = Some(format!("{e}. Nothing was changed."));
                        }
                    }
                }
            }
            Handled::Consumed | Handled::Ignored => {
                if let Some(Popup::ConflictValue(p)) = &mut self.popup {
                    p.error = None;
                }
            }
        }
    }

    /// Settles conflict `c` with `value`, as one change (undo takes it
    /// back); says so in the status bar. False when the workbook may not
    /// be changed (the status bar says why); the error says why the value
    /// does not do.
    pub(crate) fn settle_conflict(&mut self, c: usize, value: &Value) -> Result<bool, String> {
        let mut failed = None;
        let changed = self.change(Part::Whole, |wb| match merge::resolve(wb, c, value) {
            Ok(w) => {
                *wb = w;
                Some("settle a conflict".into())
            }
            Err(e) => {
                failed = Some(e.to_string());
                None
            }
        });
        match failed {
            Some(e) => Err(e),
            None => {
                if changed {
                    self.message = Some(("Conflict resolved".into(), false));
                }
                Ok(changed)
            }
        }
    }
}

impl ValuePrompt {
    pub fn draw(&self, f: &mut Frame, area: Rect, km: &Keymap, th: Theme) {
        let r = layout::centred(area, 64, 8);
        f.render_widget(Clear, r);
        let mut lines = vec![
            Line::from(Span::styled(inert(&self.what), th.dim())),
            Line::from(format!("Value: {}", self.input.shown(true))),
        ];
        match &self.error {
            Some(e) => lines.push(Line::from(Span::styled(inert(e), th.error()))),
            None => lines.push(Line::from(Span::styled(
                format!(
                    "A rating by its number or label, or N/A; a list one item a line. {}",
                    key_line(km, &[(&[Action::Open], "settles it")])
                ),
                th.dim(),
            ))),
        }
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(popup_block("Settle with a value of your own", th)),
            r,
        );
    }
}
