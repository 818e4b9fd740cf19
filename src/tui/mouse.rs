//! The mouse: the wheel moves as the arrows do, and a click is resolved
//! against what the last frame drew there (see [`super::drawn`]).

use ratatui::crossterm::event::{MouseEvent, MouseEventKind};

use super::app::App;
use super::drawn;
use super::keys::Action;
use super::screens::{Pane, Screen};

impl App {
    pub fn handle_mouse(&mut self, m: MouseEvent) {
        if self.popup.is_some() {
            return;
        }
        match m.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(_) => self.click(m.column, m.row),
            _ => {}
        }
    }

    /// A click, on what the last frame drew there.
    pub(crate) fn click(&mut self, col: u16, row: u16) {
        match self.frame.at(col, row) {
            Some(drawn::Hit::Tab(s)) => self.screen = s,
            Some(drawn::Hit::Question(i)) => {
                self.q.sel = i;
                self.q.pane = Pane::List;
                self.q.slot = 0;
            }
            Some(drawn::Hit::Start(i)) => self.start.sel = i.min(self.start.books.len()),
            Some(drawn::Hit::Item(i)) => {
                if let Some(lf) = self.current_list_form_mut() {
                    lf.sel = i;
                    lf.pane = Pane::List;
                    lf.field = 0;
                }
            }
            Some(drawn::Hit::Form) => match self.screen {
                Screen::Questions => self.q.pane = Pane::Form,
                _ => {
                    if let Some(lf) = self.current_list_form_mut() {
                        lf.pane = Pane::Form;
                    }
                }
            },
            Some(drawn::Hit::Inert) | None => {}
        }
    }
}
