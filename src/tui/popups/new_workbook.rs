//! The new-workbook form: the framework chosen, then the council and the
//! review's title; Enter on the title creates the file in the data folder.

pub mod form;

use ratatui::crossterm::event::KeyEvent;

pub use form::NewWorkbook;

use crate::store::WorkbookFile;
use crate::tui::app::{App, Popup};
use crate::tui::component::Handled;
use crate::tui::keys::Action;
use crate::tui::widgets::esc::{Esc, esc};
use crate::tui::widgets::input::{Typed, feed};
use crate::workbook::Workbook;

impl App {
    pub(crate) fn new_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::New(n)) = &mut self.popup else {
            return;
        };
        let asked = std::mem::take(&mut n.asked) && action == Some(Action::Back);
        if let Some(Action::NextPane | Action::Up | Action::Down) = action {
            n.on_title = !n.on_title;
            return;
        }
        let input = if n.on_title {
            &mut n.title
        } else {
            &mut n.council
        };
        match feed(input, action, ev) {
            Handled::Done(Typed::Cancel) => {
                let typed = !n.council.trimmed().is_empty() || !n.title.trimmed().is_empty();
                match esc(!typed, asked, "the council and title typed") {
                    Esc::Close => self.popup = None,
                    Esc::Ask(question) => {
                        n.asked = true;
                        n.error = Some(question);
                    }
                }
            }
            // Enter on the council goes on to the title; on the title it
            // creates the workbook.
            Handled::Done(Typed::Submit(_)) if !n.on_title => n.on_title = true,
            Handled::Done(Typed::Submit(_)) => self.create_workbook(),
            Handled::Consumed | Handled::Ignored => n.error = None,
        }
    }

    pub(crate) fn create_workbook(&mut self) {
        let Some(Popup::New(n)) = &mut self.popup else {
            return;
        };
        let council = n.council.trimmed();
        let title = n.title.trimmed();
        if council.is_empty() || title.is_empty() {
            n.error = Some("Give both the council and the review title".into());
            n.on_title = !council.is_empty();
            return;
        }
        let Some(fw) = self.registry.frameworks.get(n.framework).cloned() else {
            return;
        };
        let wb = Workbook::new(fw, &council, &title);
        let stem = crate::workbook::file_stem(&format!("{council} {title}"));
        let mut path = self.workbooks_dir.join(format!("{stem}.yaml"));
        let mut k = 2;
        while path.exists() {
            path = self.workbooks_dir.join(format!("{stem}-{k}.yaml"));
            k += 1;
        }
        match WorkbookFile::create(&path, &wb) {
            Ok(file) => {
                drop(file);
                self.popup = None;
                self.open_path(&path);
                self.message = Some((format!("Created {}", path.display()), false));
            }
            Err(e) => n.error = Some(e.to_string()),
        }
    }
}
