//! The two pop-ups that ask for a name: the user's own (once, on the
//! first run) and the reviewer's to review as.

use ratatui::crossterm::event::KeyEvent;

use crate::tui::app::{App, Popup};
use crate::tui::component::Handled;
use crate::tui::keys::Action;
use crate::tui::screens::Screen;
use crate::tui::widgets::input::{TextInput, Typed, feed};

impl App {
    /// Asks for the user's name (the first run): it goes in locks and in
    /// "last changed by", and is kept in the config folder.
    pub fn ask_user_name(&mut self) {
        // A login name is offered to keep; "unknown user" is not a name to
        // keep, so the field starts empty then.
        let offered = match self.user.as_str() {
            crate::store::paths::UNKNOWN_USER => "",
            name => name,
        };
        self.popup = Some(Popup::UserName(Box::new(TextInput::new(offered))));
    }

    pub(crate) fn user_name_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::UserName(input)) = &mut self.popup else {
            return;
        };
        match feed(input, action, ev) {
            // Esc keeps the login name for this run and asks again next time.
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(name)) => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return;
                }
                self.popup = None;
                self.message = Some(match crate::store::paths::store_user_name(&name) {
                    Ok(at) => (
                        format!("Hello, {name}. Your name is kept in {}", at.display()),
                        false,
                    ),
                    Err(e) => (
                        format!("Your name is used now but could not be kept: {e}"),
                        true,
                    ),
                });
                // The rest of this run names them too (locks of workbooks
                // opened from now on, CSV imports).
                crate::store::paths::set_user_name(&name);
                self.user = name;
            }
            Handled::Consumed | Handled::Ignored => {}
        }
    }

    pub(crate) fn review_as_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::ReviewAs(input)) = &mut self.popup else {
            return;
        };
        match feed(input, action, ev) {
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(name)) => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return;
                }
                self.popup = None;
                self.message = Some((format!("Reviewing as {name}: W again to leave"), false));
                self.reviewer = Some(name);
                self.screen = Screen::Questions;
                self.q.slot = 0;
            }
            Handled::Consumed | Handled::Ignored => {}
        }
    }
}
