//! `peerbook settings`: the workbook's own settings, the limits the
//! pack's gaps and the dashboard judge by (the narratives' word limit and
//! the age past which evidence is old). Shown without options; set with
//! them, by the rule the Details screen and the file keep
//! (`workbook::fields`, [`crate::value::limit`]).

use std::path::PathBuf;

use clap::Args;

use super::Failure;
use crate::review::gaps;
use crate::store::WorkbookFile;
use crate::workbook::Workbook;
use crate::workbook::fields::Target;

#[derive(Args, Debug)]
pub struct SettingsArgs {
    pub workbook: PathBuf,
    /// A narrative longer than this many words is a gap; `none` for no limit
    #[arg(long, value_name = "WORDS|none", allow_hyphen_values = true)]
    pub word_limit: Option<String>,
    /// Evidence older than this many months is a gap; `default` for 18
    #[arg(long, value_name = "MONTHS|default", allow_hyphen_values = true)]
    pub evidence_max_age_months: Option<String>,
}

/// Each setting: its option, the field it sets, and the word that clears it.
const SETTINGS: [(&str, Target, &str); 2] = [
    ("--word-limit", Target::WordLimit, "none"),
    (
        "--evidence-max-age-months",
        Target::EvidenceMaxAge,
        "default",
    ),
];

pub fn run(args: SettingsArgs) -> Result<(), Failure> {
    let given = [&args.word_limit, &args.evidence_max_age_months];
    if given.iter().all(|g| g.is_none()) {
        let (wb, _) = WorkbookFile::read(&args.workbook)?;
        show(&wb);
        return Ok(());
    }
    let (mut file, mut wb, _) = WorkbookFile::open(&args.workbook)?;
    // Every value is checked before any is written: one refused, nothing
    // changes.
    let mut typed = Vec::new();
    for ((option, target, clear), value) in SETTINGS.iter().zip(given) {
        let Some(value) = value else { continue };
        let text = if value.trim().eq_ignore_ascii_case(clear) {
            ""
        } else {
            value.as_str()
        };
        if text.trim().is_empty() && !value.trim().eq_ignore_ascii_case(clear) {
            return Err(Failure::new(format!(
                "{option} needs a whole number from 1, or `{clear}`"
            )));
        }
        if target.check(&wb, text).is_err() {
            return Err(Failure::new(format!(
                "{option} {}: not a whole number from 1; give one (e.g. {option} {}), or `{clear}`. Nothing was changed.",
                crate::text::inert(value),
                if *option == "--word-limit" { 400 } else { 24 }
            )));
        }
        typed.push((target, text));
    }
    let mut changed = false;
    for (target, text) in typed {
        changed |= target.write(&mut wb, text)?;
    }
    if changed {
        file.save(&wb)?;
    }
    show(&wb);
    Ok(())
}

fn show(wb: &Workbook) {
    match wb.review.word_limit {
        Some(n) => outln!("Word limit: {n} words a narrative"),
        None => outln!("Word limit: none"),
    }
    let months = gaps::evidence_months(wb);
    let default = if wb.review.evidence_max_age_months.is_none() {
        " (the default)"
    } else {
        ""
    };
    outln!("Evidence is old after: {months} months{default}");
}
