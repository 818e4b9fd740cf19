//! The one-line text input every prompt uses (the path to save to, the
//! user's name, the name to review as, the new workbook's fields, search,
//! the evidence filter): it starts on the current value with the cursor at
//! its end, types what the keymap leaves as text, turns a line break into a
//! space, and finishes with Enter (or Ctrl-Enter) or is cancelled with Esc,
//! as the `text` context binds them.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea};

use crate::text::{Breaks, inert, line_breaks};
use crate::tui::component::{Component, Handled};
use crate::tui::edit::type_key;
use crate::tui::keys::{Action, Keymap};
use crate::tui::theme::Theme;

/// How a text input finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// Enter: the text as typed (not trimmed; the caller decides).
    Submit(String),
    /// Esc.
    Cancel,
}

#[derive(Default)]
pub struct TextInput {
    area: TextArea<'static>,
}

impl TextInput {
    /// An input holding `text`, the cursor after it.
    pub fn new(text: &str) -> TextInput {
        let mut area = TextArea::default();
        area.insert_str(line_breaks(text, Breaks::Space));
        area.move_cursor(CursorMove::End);
        TextInput { area }
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.area.lines().join(" ")
    }

    /// The text, trimmed.
    pub fn trimmed(&self) -> String {
        self.text().trim().to_string()
    }

    /// Pasted text goes in at the cursor, its line breaks as spaces.
    pub fn paste(&mut self, text: &str) -> bool {
        self.area.insert_str(line_breaks(text, Breaks::Space))
    }

    /// The text as shown (control characters made visible), with a cursor
    /// mark at its end when the input has focus.
    pub fn shown(&self, focused: bool) -> String {
        let cursor = if focused { "▏" } else { "" };
        format!("{}{cursor}", inert(&self.text()))
    }
}

impl Component for TextInput {
    type Output = Typed;

    fn action(&mut self, action: Action) -> Handled<Typed> {
        match action {
            Action::Open | Action::Done => Handled::Done(Typed::Submit(self.text())),
            Action::Back => Handled::Done(Typed::Cancel),
            _ => Handled::Ignored,
        }
    }

    /// Types the key; `Consumed` when the text changed.
    fn text_key(&mut self, key: KeyEvent) -> Handled<Typed> {
        // One line: Enter, when keys.yaml leaves it unbound, types nothing.
        if key.code == KeyCode::Enter {
            return Handled::Ignored;
        }
        if type_key(&mut self.area, key, Breaks::Space) {
            Handled::Consumed
        } else {
            Handled::Ignored
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, _th: Theme) {
        f.render_widget(Paragraph::new(self.shown(true)), area);
    }

    fn hints(&self, keymap: &Keymap) -> Vec<(String, String)> {
        text_hints(
            keymap,
            &[(&[Action::Open], "done"), (&[Action::Back], "cancel")],
        )
    }
}

/// A key for a text input: the keymap's action if the input uses it,
/// otherwise the key is typed.
pub fn feed(input: &mut TextInput, action: Option<Action>, key: KeyEvent) -> Handled<Typed> {
    match action.map(|a| input.action(a)) {
        Some(h) if h.consumed() => h,
        _ => input.text_key(key),
    }
}

/// Footer hints for typing in a field: each row's keys are the `text`
/// context's keys for its actions (joined, as `↑↓`), and a row whose
/// actions keys.yaml left without a key is not shown.
pub fn text_hints(km: &Keymap, rows: &[(&[Action], &str)]) -> Vec<(String, String)> {
    rows.iter()
        .filter_map(|(actions, what)| {
            let keys: Vec<String> = actions.iter().filter_map(|a| km.text_key(*a)).collect();
            if keys.is_empty() {
                return None;
            }
            let sep = if keys.iter().all(|k| k.chars().count() == 1) {
                ""
            } else {
                "/"
            };
            Some((keys.join(sep), what.to_string()))
        })
        .collect()
}

/// "Enter creates · Esc cancels": a prompt's line about its keys, from the
/// keymap.
pub fn key_line(km: &Keymap, rows: &[(&[Action], &str)]) -> String {
    text_hints(km, rows)
        .into_iter()
        .map(|(k, what)| format!("{k} {what}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn starts_on_the_value_types_at_its_end_and_finishes_or_cancels() {
        let mut t = TextInput::new("Ynys");
        assert_eq!(t.text_key(key(' ')), Handled::Consumed);
        t.text_key(key('M'));
        t.paste("ô\nn");
        assert_eq!(t.text(), "Ynys Mô n");
        assert_eq!(t.shown(true), "Ynys Mô n▏");
        assert_eq!(
            t.action(Action::Open),
            Handled::Done(Typed::Submit("Ynys Mô n".into()))
        );
        assert_eq!(t.action(Action::Back), Handled::Done(Typed::Cancel));
        assert_eq!(t.action(Action::Down), Handled::Ignored);
    }

    #[test]
    fn a_line_break_typed_is_a_space() {
        let mut t = TextInput::new("a");
        t.text_key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL));
        t.text_key(key('b'));
        assert_eq!(t.text(), "a b");
    }

    #[test]
    fn hints_follow_the_keymap() {
        let mut km = Keymap::default();
        assert_eq!(
            key_line(
                &km,
                &[(&[Action::Open], "creates"), (&[Action::Back], "cancels")]
            ),
            "Enter creates · Esc cancels"
        );
        km.apply_config("keys.yaml", "text:\n  back: f4\n");
        let t = TextInput::default();
        assert!(t.hints(&km).contains(&("F4".into(), "cancel".into())));
    }
}
