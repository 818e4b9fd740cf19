//! The editor pop-up: opening it on a field, its keys, writing what is
//! typed into the workbook (text at once, dates and numbers when they
//! read), and closing it by the one Esc rule.

use ratatui::crossterm::event::KeyEvent;

use crate::review::diff::word_count;
use crate::tui::app::{App, Popup};
use crate::tui::edit::{Editor, Kind, Target, type_key};
use crate::tui::keys::Action;
use crate::tui::undo::{self, Part};
use crate::tui::widgets::esc::{Esc, esc};

impl App {
    /// Opens the editor on a field. `added`: the field is a new list item,
    /// dropped again if left empty.
    pub fn edit(&mut self, target: Target, added: bool) {
        if !self.may_change() || self.refused_in_reviewer_mode(&Part::of(&target)) {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let text = target.read(&doc.wb);
        self.popup = Some(Popup::Editor(Box::new(Editor::new(target, text, added))));
        self.open_group();
    }

    pub(crate) fn editor_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::Editor(ed)) = &mut self.popup else {
            return;
        };
        ed.asked &= action == Some(Action::Back);
        match action {
            // Text is written as it is typed; a date or a number when it
            // is finished with Enter or Esc, and Esc asks before
            // discarding one that does not read.
            Some(Action::Back) => self.editor_esc(),
            // Enter is a new line in a multi-line field.
            Some(Action::Done) => {
                if self.commit_editor() {
                    self.close_editor();
                }
            }
            Some(Action::Open) if !ed.multiline() => {
                if self.commit_editor() {
                    self.close_editor();
                }
            }
            Some(Action::Save) => {
                if let Some(d) = &mut self.doc {
                    d.save_now();
                }
            }
            Some(Action::Quit) => {
                self.commit_editor();
                self.close_editor();
                self.request_quit();
            }
            Some(Action::Undo) => {
                ed.area.undo();
                self.editor_changed();
            }
            Some(Action::Redo) => {
                ed.area.redo();
                self.editor_changed();
            }
            Some(Action::ScrollDetailDown) => self.scroll_beside(true),
            Some(Action::ScrollDetailUp) => self.scroll_beside(false),
            _ => {
                let breaks = ed.breaks();
                if type_key(&mut ed.area, ev, breaks) {
                    self.editor_changed();
                }
            }
        }
    }

    /// After each change in the editor: text fields are written at once,
    /// dates and numbers are only checked, so a half-typed one never
    /// reaches the file.
    pub(crate) fn editor_changed(&mut self) {
        let Some(Popup::Editor(ed)) = &mut self.popup else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        if matches!(ed.target, Target::Narrative(_)) {
            ed.words = ed.area.lines().iter().map(|l| word_count(l)).sum();
        }
        match ed.target.kind() {
            Kind::Date | Kind::Number => {
                ed.error = ed
                    .target
                    .check(&doc.wb, &ed.text())
                    .err()
                    .map(|e| e.to_string())
            }
            Kind::Text | Kind::Multi => {
                self.commit_editor();
            }
        }
    }

    /// Keeps what an open editor holds, as `Esc` would, when the interface
    /// must close without a key (a signal, the terminal gone). Text that
    /// does not check out stays in the editor and is lost with it; the
    /// editor says why as it is typed.
    pub(crate) fn keep_typed(&mut self) {
        if matches!(&self.popup, Some(Popup::Editor(ed)) if ed.text() != ed.original) {
            self.commit_editor();
        }
    }

    /// Writes the editor's text into the workbook, as any change is made
    /// ([`App::change`]). False if it does not check out (the error is shown
    /// in the editor) or may not be made.
    pub(crate) fn commit_editor(&mut self) -> bool {
        let Some(Popup::Editor(ed)) = &self.popup else {
            return false;
        };
        let text = ed.text();
        let target = ed.target.clone();
        let verb = if ed.added { "add" } else { "edit" };
        let Some(label) = self
            .wb()
            .map(|wb| format!("{verb} {}", undo::field_name(&target, wb)))
        else {
            return false;
        };
        let user = self.user.clone();
        let mut written = None;
        self.change(Part::of(&target), |wb| {
            let outcome = target.write(wb, &text);
            let changed = matches!(outcome, Ok(true));
            written = Some(outcome);
            if !changed {
                return None;
            }
            if let Some(q) = target.question() {
                wb.answer_mut(q).touch(&user, chrono::Utc::now());
            }
            Some(label)
        });
        let Some(Popup::Editor(ed)) = &mut self.popup else {
            return false;
        };
        match written {
            Some(Ok(_)) => {
                ed.error = None;
                true
            }
            Some(Err(e)) => {
                ed.error = Some(e.to_string());
                false
            }
            // Refused: the status bar says why.
            None => false,
        }
    }

    /// Esc in the editor, by the one rule ([`esc`]): closes keeping what was
    /// typed, or, when it cannot be kept, asks first.
    pub(crate) fn editor_esc(&mut self) {
        let Some(Popup::Editor(ed)) = &self.popup else {
            return;
        };
        let asked = ed.asked;
        let kept = ed.text() == ed.original || self.commit_editor();
        match esc(kept, asked, "it") {
            Esc::Close => self.close_editor(),
            Esc::Ask(question) => {
                if let Some(Popup::Editor(ed)) = &mut self.popup {
                    ed.asked = true;
                    ed.error = Some(match ed.error.take() {
                        Some(e) => format!("{question}. {e}"),
                        None => question,
                    });
                }
            }
        }
    }

    pub(crate) fn close_editor(&mut self) {
        let Some(Popup::Editor(ed)) = self.popup.take() else {
            return;
        };
        let label = self
            .wb()
            .map(|wb| format!("delete {}", undo::field_name(&ed.target, wb)))
            .unwrap_or_default();
        // A new list item left empty is not kept.
        if ed.added && ed.text().trim().is_empty() {
            let target = ed.target.clone();
            self.change(Part::of(&target), |wb| {
                let removed = target.remove_item(wb);
                if removed {
                    drop_emptied(wb, &target);
                }
                removed.then_some(label)
            });
        }
        // A line added on the Questions screen stays chosen once written.
        self.choose_edited_line(&ed.target);
        // A comment goes back to its thread.
        self.back_to_thread(&ed.target, ed.text() != ed.original);
        // What the editor changed is one entry, none if it came to nothing.
        if let (Some(g), Some(doc)) = (self.group.take(), &self.doc) {
            self.history.forget_if_unchanged(&doc.wb, g);
        }
    }
}

/// A reviewer's entry left with nothing once an empty new item is taken
/// away again is dropped, as every change to it drops it
/// (`Reviewer::drop_empty`).
fn drop_emptied(wb: &mut crate::workbook::Workbook, target: &Target) {
    if let Target::ReviewStrength(r, q, _)
    | Target::ReviewArea(r, q, _)
    | Target::ReviewSource(r, q, _) = target
        && let Some(rev) = wb.reviewers.iter_mut().find(|x| x.name == *r)
    {
        rev.drop_empty(q);
    }
}
