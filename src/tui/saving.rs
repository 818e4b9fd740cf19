//! What the interface does when saving does not simply work: quitting with
//! unsaved changes, a file changed on disk, save as, and opening a copy.
//! Changes are only ever dropped when the user says so twice.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::component::Handled;
use super::widgets::input::{TextInput, Typed, feed};
use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Popup, Screen};
use super::keys::Action;
use crate::store::recover;
use crate::store::session::{Doc, SessionError};

pub use super::popups::saving::{PathPrompt, PathPurpose, UnsavedPrompt};

/// A free file name beside `path` for a copy: `NAME-copy.yaml`, then
/// `NAME-copy-2.yaml`…
pub fn copy_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "workbook".into());
    (1..1000)
        .map(|n| match n {
            1 => path.with_file_name(format!("{stem}-copy.yaml")),
            n => path.with_file_name(format!("{stem}-copy-{n}.yaml")),
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| path.with_file_name(format!("{stem}-copy.yaml")))
}

fn prompt(purpose: PathPurpose, suggested: &Path) -> Popup {
    Popup::SavePath(Box::new(PathPrompt {
        input: TextInput::new(&suggested.display().to_string()),
        purpose,
        error: None,
    }))
}

/// How long quitting waits for a last save before asking.
const LAST_SAVE: Duration = Duration::from_secs(5);

impl App {
    /// Quits, unless changes could not be saved: then asks what to do.
    pub fn request_quit(&mut self) {
        if let Some(doc) = &mut self.doc
            && doc.has_unsaved()
            && !doc.flush(LAST_SAVE)
        {
            self.popup = Some(Popup::Unsaved(UnsavedPrompt {
                quitting: true,
                armed: None,
                error: None,
            }));
            return;
        }
        self.quit = true;
    }

    /// `Ctrl-s`: saves now, or, when the file changed on disk, asks what to
    /// do about it.
    pub fn save_action(&mut self) {
        let Some(d) = &mut self.doc else { return };
        if d.is_changed_on_disk() {
            self.popup = Some(Popup::Unsaved(UnsavedPrompt {
                quitting: false,
                armed: None,
                error: None,
            }));
            return;
        }
        d.save_now();
        self.message = Some(("Saving now".into(), false));
    }

    /// `S`: save to another file (for a read-only workbook, a copy to edit).
    pub fn save_as_action(&mut self, then_quit: bool) {
        let Some(d) = &self.doc else { return };
        self.popup = Some(prompt(
            PathPurpose::SaveAs { then_quit },
            &copy_path(&d.path),
        ));
    }

    /// On the start screen: make a copy of the selected workbook and open it.
    pub fn open_copy_action(&mut self, of: PathBuf) {
        self.popup = Some(prompt(PathPurpose::CopyOf(of.clone()), &copy_path(&of)));
    }

    /// Between events: a save that found the file changed on disk asks,
    /// once, what to do.
    pub fn saving_tick(&mut self, now: Instant) {
        let Some(d) = &mut self.doc else { return };
        let was = d.is_changed_on_disk();
        d.tick(now);
        if !was && d.is_changed_on_disk() && self.popup.is_none() {
            self.popup = Some(Popup::Unsaved(UnsavedPrompt {
                quitting: false,
                armed: None,
                error: None,
            }));
        }
    }

    /// The choices of the unsaved-changes pop-up that apply now.
    pub fn unsaved_choices(&self, p: &UnsavedPrompt) -> Vec<Action> {
        let on_disk = self.doc.as_ref().is_some_and(Doc::is_changed_on_disk);
        let mut out = Vec::new();
        if on_disk {
            out.push(Action::MergeDisk);
        }
        out.push(Action::SaveAs);
        out.push(Action::WriteRecovered);
        if on_disk {
            out.push(Action::Reload);
        }
        if p.quitting {
            out.push(Action::Discard);
        }
        out.push(Action::KeepTrying);
        out
    }

    pub(super) fn unsaved_action(&mut self, action: Action) {
        let Some(Popup::Unsaved(p)) = &self.popup else {
            return;
        };
        let p = p.clone();
        let action = match action {
            Action::Back => Action::KeepTrying,
            a => a,
        };
        if !self.unsaved_choices(&p).contains(&action) {
            return;
        }
        let Some(doc) = &mut self.doc else {
            self.popup = None;
            return;
        };
        let again = p.armed == Some(action);
        let fail = |e: SessionError| {
            Some(Popup::Unsaved(UnsavedPrompt {
                error: Some(e.to_string()),
                armed: None,
                ..p.clone()
            }))
        };
        match action {
            Action::KeepTrying => {
                self.popup = None;
                doc.save_now();
                self.message = Some(("Your changes are kept; saving is tried again".into(), false));
            }
            Action::SaveAs => self.save_as_action(p.quitting),
            Action::WriteRecovered => match recover::keep(&doc.path, doc.text().as_bytes()) {
                Ok(at) if p.quitting => {
                    doc.discard();
                    self.exit_note = Some(format!(
                        "Your unsaved changes were written to {}; {} is as it was last saved.",
                        at.display(),
                        doc.path.display()
                    ));
                    self.popup = None;
                    self.quit = true;
                }
                Ok(at) => {
                    self.popup = None;
                    self.message = Some((
                        format!(
                            "Your changes were written to {} (the workbook itself is still not saved)",
                            at.display()
                        ),
                        false,
                    ));
                }
                // Nowhere takes it: on the second press, quit and leave
                // the workbook on standard error (see `tui::run_as`).
                Err(_) if again && p.quitting => {
                    self.popup = None;
                    self.quit = true;
                }
                Err(e) => {
                    self.popup = Some(Popup::Unsaved(UnsavedPrompt {
                        error: Some(e.to_string()),
                        armed: p.quitting.then_some(Action::WriteRecovered),
                        ..p.clone()
                    }))
                }
            },
            Action::MergeDisk => match doc.merge_with_disk() {
                Ok(m) => {
                    self.popup = None;
                    self.message = Some((
                        if m.was_removed {
                            "The file had been removed; your workbook is being written there again"
                                .to_string()
                        } else if m.conflicts > 0 {
                            format!(
                                "Merged your changes into the file on disk: {} taken, {} conflict(s) kept for you to settle (V, then C)",
                                m.taken, m.conflicts
                            )
                        } else {
                            format!(
                                "Merged your changes into the file on disk: {} taken, no conflicts",
                                m.taken
                            )
                        },
                        false,
                    ));
                    self.after_workbook_replaced();
                }
                Err(e) => self.popup = fail(e),
            },
            Action::Reload if again => match doc.reload() {
                Ok(()) => {
                    self.popup = None;
                    self.message = Some((
                        "Reloaded the file from disk; your unsaved changes were dropped".into(),
                        false,
                    ));
                    self.after_workbook_replaced();
                }
                Err(e) => self.popup = fail(e),
            },
            Action::Discard if again => {
                doc.discard();
                self.popup = None;
                self.quit = true;
            }
            Action::Reload | Action::Discard => {
                self.popup = Some(Popup::Unsaved(UnsavedPrompt {
                    armed: Some(action),
                    error: None,
                    ..p
                }));
            }
            _ => {}
        }
    }

    /// Keys typed into the file name prompt.
    pub(super) fn path_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::SavePath(p)) = &mut self.popup else {
            return;
        };
        match feed(&mut p.input, action, ev) {
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(text)) => {
                let text = text.trim().to_string();
                if text.is_empty() {
                    p.error = Some("Type a file name, or Esc to cancel".into());
                    return;
                }
                let to = PathBuf::from(text);
                let purpose = p.purpose.clone();
                match self.save_to(&purpose, &to) {
                    Ok(()) => {}
                    Err(e) => {
                        if let Some(Popup::SavePath(p)) = &mut self.popup {
                            p.error = Some(e.to_string());
                        }
                    }
                }
            }
            Handled::Consumed | Handled::Ignored => p.error = None,
        }
    }

    fn save_to(&mut self, purpose: &PathPurpose, to: &Path) -> Result<(), SessionError> {
        match purpose {
            PathPurpose::SaveAs { then_quit } => {
                let Some(doc) = &mut self.doc else {
                    return Ok(());
                };
                let old = doc.path.clone();
                doc.save_as(to)?;
                self.popup = None;
                self.message = Some((
                    format!(
                        "Saved as {}; you are editing it now ({} is left as it was)",
                        to.display(),
                        old.display()
                    ),
                    false,
                ));
                if *then_quit {
                    self.exit_note = Some(format!(
                        "Your changes were saved to {}; {} is as it was last saved.",
                        to.display(),
                        old.display()
                    ));
                    self.quit = true;
                }
                Ok(())
            }
            PathPurpose::CopyOf(from) => {
                let doc = Doc::copy_of(from, to)?;
                self.popup = None;
                self.open_doc(doc);
                self.message = Some((
                    format!("Opened a copy: {} (from {})", to.display(), from.display()),
                    false,
                ));
                Ok(())
            }
        }
    }

    /// The workbook was replaced under the screens (a merge or a reload):
    /// keep the place, but within what now exists.
    fn after_workbook_replaced(&mut self) {
        // What was kept for undo belongs to the workbook before.
        self.history.clear();
        if self.screen == Screen::Start {
            return;
        }
        if let Some(d) = &self.doc {
            let fw = std::sync::Arc::clone(&d.wb.framework);
            self.build_rows(&fw);
        }
        let n = self.q.question_rows.len();
        if n > 0 {
            let i = self.q.sel.min(n - 1);
            self.select_question(i);
        }
    }
}
