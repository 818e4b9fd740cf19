//! Exports: pure functions from a workbook to bytes. Each export is built
//! once as a [`doc::Document`], then written as markdown or Word, so both
//! formats carry the same content.

mod asks;
pub mod cases;
pub mod csv_io;
pub mod doc;
pub mod docx;
pub mod draft;
pub mod feedback;
pub mod markdown;
pub mod notes;
pub mod pack;
pub mod progress;
pub mod readiness;

pub use pack::Options;

use crate::workbook::{Workbook, file_stem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    SelfAssessment,
    Summary,
    Feedback,
    ActionPlan,
    /// After the review: what was done, what is late, what is open.
    Progress,
}

impl Pack {
    pub fn name(self) -> &'static str {
        match self {
            Pack::SelfAssessment => "self-assessment",
            Pack::Summary => "summary",
            Pack::Feedback => "feedback",
            Pack::ActionPlan => "action-plan",
            Pack::Progress => "progress",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Pack::SelfAssessment => "Self-assessment pack",
            Pack::Summary => "Summary",
            Pack::Feedback => "Feedback report",
            Pack::ActionPlan => "Action plan",
            Pack::Progress => "Progress report",
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
        Pack::Progress => progress::progress(wb, opts),
    }
}

/// A pack as the bytes of a file, with no author in a Word file's
/// properties.
pub fn render(wb: &Workbook, pack: Pack, format: Format, opts: &Options) -> Vec<u8> {
    render_by(wb, pack, format, opts, "")
}

/// A pack as the bytes of a file; a Word file names `author` (the user's
/// name) as its author, and is created and modified on the production date.
pub fn render_by(
    wb: &Workbook,
    pack: Pack,
    format: Format,
    opts: &Options,
    author: &str,
) -> Vec<u8> {
    let d = build(wb, pack, opts);
    match format {
        Format::Markdown => {
            let mut s = markdown::render(&d);
            s.push('\n');
            s.into_bytes()
        }
        Format::Docx => docx::render_with(
            &d,
            &docx::Properties {
                title: &title(wb, pack),
                author,
                date: Some(opts.produced),
            },
        ),
    }
}

/// The author a Word file names: the user's name, none if it is unknown.
pub fn author(user: &crate::store::paths::UserName) -> &str {
    match user.source {
        crate::store::paths::NameSource::Unknown => "",
        _ => &user.name,
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
