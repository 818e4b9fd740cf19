//! Exports: pure functions from a workbook to bytes. Each export is built
//! once as a [`doc::Document`], then written as markdown or Word, so both
//! formats carry the same content.

mod asks;
pub mod csv_io;
pub mod doc;
pub mod docx;
pub mod markdown;
pub mod notes;
pub mod pack;

pub use pack::Options;

use crate::workbook::{Workbook, file_stem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    SelfAssessment,
    Summary,
    Feedback,
    ActionPlan,
}

impl Pack {
    pub fn name(self) -> &'static str {
        match self {
            Pack::SelfAssessment => "self-assessment",
            Pack::Summary => "summary",
            Pack::Feedback => "feedback",
            Pack::ActionPlan => "action-plan",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Pack::SelfAssessment => "Self-assessment pack",
            Pack::Summary => "Summary",
            Pack::Feedback => "Feedback report",
            Pack::ActionPlan => "Action plan",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
        }
    }
}

/// Builds a pack as a document.
pub fn build(wb: &Workbook, pack: Pack, opts: &Options) -> doc::Document {
    match pack {
        Pack::SelfAssessment => pack::self_assessment(wb, opts),
        Pack::Summary => pack::summary(wb, opts),
        Pack::Feedback => pack::feedback(wb, opts),
        Pack::ActionPlan => pack::action_plan(wb, opts),
    }
}

/// A pack as the bytes of a file.
pub fn render(wb: &Workbook, pack: Pack, format: Format, opts: &Options) -> Vec<u8> {
    let d = build(wb, pack, opts);
    match format {
        Format::Markdown => {
            let mut s = markdown::render(&d);
            s.push('\n');
            s.into_bytes()
        }
        Format::Docx => docx::render(&d, &format!("{}: {}", wb.review.council, wb.review.title)),
    }
}

/// The file name an export gets by default: from council, review and pack.
/// Safe in any folder: letters, digits and '-' only.
pub fn file_name(wb: &Workbook, pack: Pack, format: Format) -> String {
    format!(
        "{}-{}.{}",
        file_stem(&format!("{} {}", wb.review.council, wb.review.title)),
        pack.name(),
        format.extension()
    )
}
