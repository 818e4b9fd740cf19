//! Exports: pure functions from a workbook to bytes. Each export is built
//! once as a [`doc::Document`], then written as markdown or Word, so both
//! formats carry the same content.

pub mod cases;
pub mod csv_io;
pub mod doc;
pub mod docx;
pub mod feedback;
pub mod markdown;
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
        Pack::Feedback => feedback::feedback(wb, opts),
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
        Format::Docx => docx::render(&d, &title(wb, pack)),
    }
}

/// The title a pack's file carries: the feedback report's own title, or
/// council and review for the others.
pub fn title(wb: &Workbook, pack: Pack) -> String {
    match pack {
        Pack::Feedback => feedback::title(wb),
        _ => format!("{}: {}", wb.review.council, wb.review.title),
    }
}

/// The file name an export gets by default: from council, review (or the
/// feedback report's own title, where it has one) and pack, cut where a
/// word ends. Safe in any folder: letters, digits and '-' only.
pub fn file_name(wb: &Workbook, pack: Pack, format: Format) -> String {
    let own = wb
        .findings
        .report
        .as_ref()
        .and_then(|r| r.title.as_deref())
        .filter(|t| !t.trim().is_empty());
    let from = match (pack, own) {
        (Pack::Feedback, Some(t)) => t.to_string(),
        _ => format!("{} {}", wb.review.council, wb.review.title),
    };
    format!(
        "{}-{}.{}",
        file_stem(&from),
        pack.name(),
        format.extension()
    )
}
