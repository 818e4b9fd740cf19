//! Exporting from the interface: the file goes beside the workbook; when a
//! file of that name is already there the user chooses to replace it, to
//! write under a new name (which is shown) or to cancel; and a pop-up then
//! says the whole path written, wrapped, never cut.

use std::path::{Path, PathBuf};

use super::pick::{ExportChoice, Pick, Purpose};
use crate::tui::app::{App, Popup};
use crate::tui::widgets::picker::{Choice, Extent, Picker, Size, Tone};

/// What the pop-up that asks about an existing file offers, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExisting {
    Replace,
    NewName,
    Cancel,
}

pub const ON_EXISTING: [OnExisting; 3] =
    [OnExisting::Replace, OnExisting::NewName, OnExisting::Cancel];

/// `dir/name` if no file is there, else the first `stem-k.ext` (k from 2)
/// that is free.
pub fn free_name(dir: &Path, name: &str) -> PathBuf {
    let mut path = dir.join(name);
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s, format!(".{e}")),
        None => (name, String::new()),
    };
    let mut k = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{k}{ext}"));
        k += 1;
    }
    path
}

/// A picker wide enough for a path: the screen less a margin.
fn wide(h: u16) -> Size {
    Size(Extent::Inset(4), Extent::Fixed(h))
}

/// Asks what to do when `path` exists; `other` is the free name offered.
pub fn exists(choice: ExportChoice, path: PathBuf, other: PathBuf) -> Pick {
    let file = |p: &Path| {
        p.file_name()
            .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
    };
    let choices = ON_EXISTING
        .iter()
        .map(|o| {
            let (label, note) = match o {
                OnExisting::Replace => (
                    "Replace it".to_string(),
                    format!("Writes over {}", path.display()),
                ),
                OnExisting::NewName => (
                    format!("Write it as {}", file(&other)),
                    format!("Writes {}", other.display()),
                ),
                OnExisting::Cancel => ("Cancel".to_string(), "Writes nothing".to_string()),
            };
            Choice {
                note: vec![(note, Tone::Plain)],
                ..Choice::new(label)
            }
        })
        .collect();
    let picker = Picker::new("A file of that name is already there", choices).size(wide(12));
    Pick::new_pub(
        picker,
        Purpose::ExportExists {
            choice,
            path,
            other,
        },
    )
}

/// Says the whole path an export was written to.
pub fn written(path: &Path) -> Pick {
    let choice = Choice {
        note: vec![
            ("Written to".to_string(), Tone::Dim),
            (path.display().to_string(), Tone::Plain),
        ],
        ..Choice::new("OK")
    };
    let picker = Picker::new("Exported", vec![choice]).size(wide(10));
    Pick::new_pub(picker, Purpose::Exported)
}

impl App {
    /// Exports beside the workbook: writes at once when the name is free,
    /// else asks what to do about the file already there.
    pub fn export(&mut self, choice: ExportChoice) {
        if self.feedback_waits(choice) {
            return;
        }
        let Some((_, dir, name)) = self.render_export(choice) else {
            return;
        };
        let path = dir.join(&name);
        if path.exists() {
            let other = free_name(&dir, &name);
            self.popup = Some(Popup::Pick(Box::new(exists(choice, path, other))));
        } else {
            self.write_export(choice, &path);
        }
    }

    /// The answer to [`exists`].
    pub(crate) fn export_existing(
        &mut self,
        on: OnExisting,
        choice: ExportChoice,
        path: &Path,
        other: &Path,
    ) {
        match on {
            OnExisting::Replace => self.write_export(choice, path),
            OnExisting::NewName => self.write_export(choice, other),
            OnExisting::Cancel => {
                self.message = Some(("Export cancelled: nothing written".into(), false));
            }
        }
    }

    /// The export's bytes, the folder it goes in and its file name.
    fn render_export(&self, choice: ExportChoice) -> Option<(Vec<u8>, PathBuf, String)> {
        let doc = self.doc.as_ref()?;
        let wb = &doc.wb;
        let opts = crate::export::Options {
            produced: chrono::Local::now().date_naive(),
        };
        let (bytes, name) = match choice {
            ExportChoice::Pack(pack, format) => (
                crate::export::render_by(wb, pack, format, &opts, &self.user),
                crate::export::file_name(wb, pack, format),
            ),
            ExportChoice::Draft(pack, format) => (
                crate::export::draft::render(wb, pack, format, &opts, &self.user),
                crate::export::file_name(wb, pack, format).replacen('.', "-draft.", 1),
            ),
            ExportChoice::ActionPlanCsv => (
                crate::export::pack::action_plan_csv(wb),
                crate::export::file_name(
                    wb,
                    crate::export::Pack::ActionPlan,
                    crate::export::Format::Markdown,
                )
                .replace(".md", ".csv"),
            ),
            ExportChoice::Csv => (
                crate::export::csv_io::export(wb),
                format!(
                    "{}.csv",
                    crate::workbook::file_stem(&format!(
                        "{} {}",
                        wb.review.council, wb.review.title
                    ))
                ),
            ),
        };
        let dir = doc
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Some((bytes, dir, name))
    }

    /// Writes the export to `path` and says so: a pop-up with the whole
    /// path, and the status bar.
    fn write_export(&mut self, choice: ExportChoice, path: &Path) {
        let Some((bytes, _, _)) = self.render_export(choice) else {
            return;
        };
        match crate::store::write_atomic(path, &bytes) {
            Ok(()) => {
                self.message = Some((format!("Exported to {}", path.display()), false));
                self.popup = Some(Popup::Pick(Box::new(written(path))));
            }
            Err(e) => self.message = Some((format!("Export failed: {e}"), true)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_name_counts_up_past_the_files_there() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(free_name(d, "a.md"), d.join("a.md"));
        std::fs::write(d.join("a.md"), "").unwrap();
        assert_eq!(free_name(d, "a.md"), d.join("a-2.md"));
        std::fs::write(d.join("a-2.md"), "").unwrap();
        assert_eq!(free_name(d, "a.md"), d.join("a-3.md"));
        std::fs::write(d.join("plain"), "").unwrap();
        assert_eq!(free_name(d, "plain"), d.join("plain-2"));
    }
}
