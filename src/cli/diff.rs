//! `peerbook diff`: what changed between two versions of a workbook, in
//! words (the core's `review::diff`), and one workbook as text for git's
//! textconv setting.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::Failure;
use crate::review::diff;
use crate::store::WorkbookFile;
use crate::workbook::{self, Workbook};

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The older version: a workbook, its .bak, or - to read it from standard input
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer version (- for standard input); not given with --textconv
    #[arg(value_name = "NEW", required_unless_present = "textconv")]
    pub new: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Print the one workbook OLD as plain text, for git's diff.peerbook.textconv
    #[arg(long, conflicts_with = "new")]
    pub textconv: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Md,
}

/// Reads a workbook from a file, or from standard input for `-`.
fn read(path: &Path) -> Result<Workbook, Failure> {
    let (wb, warnings) = if path.as_os_str() == "-" {
        let cap = crate::store::MAX_FILE_BYTES;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::new(format!("standard input: {e}")))?;
        if bytes.len() as u64 > cap {
            return Err(Failure::new(format!(
                "standard input: more than {} MiB; peerbook reads workbooks of at most that size",
                cap >> 20
            )));
        }
        workbook::from_text("standard input", &bytes)?
    } else {
        WorkbookFile::read(path)?
    };
    if !warnings.0.is_empty() {
        eprint!("{warnings}");
    }
    Ok(wb)
}

fn label(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".into()
    } else {
        path.display().to_string()
    }
}

pub fn run(args: DiffArgs) -> Result<(), Failure> {
    let stdin = |p: &Path| p.as_os_str() == "-";
    if stdin(&args.old) && args.new.as_deref().is_some_and(stdin) {
        return Err(Failure::new(
            "only one of OLD and NEW can be read from standard input (-)",
        ));
    }
    let old = read(&args.old)?;
    let Some(new_path) = &args.new else {
        outln!("{}", diff::textconv(&old).trim_end());
        return Ok(());
    };
    let new = read(new_path)?;
    let d = diff::diff(&old, &new);
    let (a, b) = (label(&args.old), label(new_path));
    let shown = match args.format {
        DiffFormat::Text => diff::text(&d, &a, &b),
        DiffFormat::Md => diff::markdown(&d, &a, &b),
    };
    out!("{shown}");
    Ok(())
}
