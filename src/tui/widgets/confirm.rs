//! The one yes/no question every confirmation uses ("Delete …?"): `y`
//! answers yes, `n` or Esc no, as the keymap's confirm context binds them,
//! and the keys it names are those bindings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{popup_block, wrap};
use crate::tui::component::{Component, Handled};
use crate::tui::keys::{Action, Context, Keymap};
use crate::tui::layout;
use crate::tui::theme::Theme;

pub struct Confirm {
    pub message: String,
    /// "y yes · n no", from the keymap when it was asked.
    keys: String,
}

impl Confirm {
    pub fn new(message: impl Into<String>, keymap: &Keymap) -> Confirm {
        let keys = hint_rows(keymap)
            .into_iter()
            .map(|(k, what)| format!("{k} {what}"))
            .collect::<Vec<_>>()
            .join(" · ");
        Confirm {
            message: message.into(),
            keys,
        }
    }
}

fn hint_rows(keymap: &Keymap) -> Vec<(String, String)> {
    [(Action::Yes, "yes"), (Action::No, "no")]
        .into_iter()
        .filter_map(|(a, what)| {
            keymap
                .key_for(Context::Confirm, a)
                .map(|k| (k.to_string(), what.to_string()))
        })
        .collect()
}

impl Component for Confirm {
    /// True for yes.
    type Output = bool;

    fn action(&mut self, action: Action) -> Handled<bool> {
        match action {
            Action::Yes => Handled::Done(true),
            Action::No | Action::Back => Handled::Done(false),
            _ => Handled::Ignored,
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, th: Theme) {
        let mut lines: Vec<Line> = wrap(&self.message, 56)
            .into_iter()
            .map(Line::from)
            .collect();
        // Tall enough for a long question (a list of checks), never less
        // than the five lines a short one has always had.
        let r = layout::centred(area, 60, (lines.len() as u16 + 4).max(7));
        f.render_widget(Clear, r);
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(self.keys.clone(), th.title())));
        f.render_widget(
            Paragraph::new(lines).block(popup_block("Are you sure?", th)),
            r,
        );
    }

    fn hints(&self, keymap: &Keymap) -> Vec<(String, String)> {
        hint_rows(keymap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_is_yes_and_no_or_back_is_no() {
        let km = Keymap::default();
        let mut c = Confirm::new("Delete it?", &km);
        assert_eq!(c.action(Action::Yes), Handled::Done(true));
        assert_eq!(c.action(Action::No), Handled::Done(false));
        assert_eq!(c.action(Action::Back), Handled::Done(false));
        assert_eq!(c.action(Action::Down), Handled::Ignored);
        assert_eq!(c.keys, "y yes · n no");
    }

    #[test]
    fn the_keys_it_names_follow_keys_yaml() {
        let mut km = Keymap::default();
        km.apply_config("keys.yaml", "confirm:\n  yes: j\n");
        assert_eq!(Confirm::new("Delete it?", &km).keys, "j yes · n no");
    }
}
