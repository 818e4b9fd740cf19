//! What the export picker's choice does: writes the pack or CSV beside
//! the workbook under a name not yet taken, and says where.

use std::path::{Path, PathBuf};

use crate::tui::app::App;
use crate::tui::popups::pick::ExportChoice;

impl App {
    /// Writes an export beside the workbook, under a name not yet taken,
    /// and says where it went.
    pub fn export(&mut self, choice: ExportChoice) {
        let Some(doc) = &self.doc else { return };
        let wb = &doc.wb;
        let opts = crate::export::Options {
            produced: chrono::Local::now().date_naive(),
        };
        let (bytes, name) = match choice {
            ExportChoice::Pack(pack, format) => (
                crate::export::render(wb, pack, format, &opts),
                crate::export::file_name(wb, pack, format),
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
        let mut path = dir.join(&name);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
        let mut k = 2;
        while path.exists() {
            path = dir.join(format!("{stem}-{k}.{ext}"));
            k += 1;
        }
        self.message = Some(match crate::store::write_atomic(&path, &bytes) {
            Ok(()) => (format!("Exported to {}", path.display()), false),
            Err(e) => (format!("Export failed: {e}"), true),
        });
    }
}
