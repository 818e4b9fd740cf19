//! Every choose-from-a-list pop-up: what it offers, where it opens, and
//! what choosing does. They are all one [`Picker`]; only the purpose
//! differs, so they move, choose and cancel alike.

use crate::framework::registry::Registry;
use crate::tui::widgets::picker::{Choice, Extent, Picker, Size, Tone};
use crate::tui::widgets::status_mark;
use crate::workbook::onsite::ActivityKind;
use crate::workbook::{EvidenceKind, Rating, Status, Workbook};

/// What a picker is choosing.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// The rating of the current question (or the agreed rating on the
    /// Peer screen, or the reviewer's own): the values offered.
    Rating(Vec<Rating>),
    Status,
    /// Evidence to link to the current question: the items offered.
    Link(Vec<usize>),
    /// The kind of the selected evidence item, or (`for_filter`, with "all
    /// kinds" first) the kind the library shows.
    Kind {
        for_filter: bool,
    },
    /// The framework for a new workbook.
    Framework,
    Export,
    /// The conflicts merging left.
    Conflict,
    /// The value to settle one conflict with.
    Resolve(usize),
    /// Read, heard or seen, for a new source (reviewer mode).
    SourceKind,
    /// The kind of the selected activity in the log.
    ActivityKind,
    /// Which questions the list shows: the filters offered.
    QuestionFilter(Vec<Option<crate::tui::screens::question_filter::QuestionFilter>>),
    /// The export's file is already there: replace it, write `other`, or
    /// cancel (see [`super::export`]).
    ExportExists {
        choice: ExportChoice,
        path: std::path::PathBuf,
        other: std::path::PathBuf,
    },
    /// An export was written: the pop-up that says the whole path.
    Exported,
    /// The evidence categories of the evidence item at this position.
    Categories(usize),
    /// The on-site programme (reviewer mode): the items' ids.
    Programme(Vec<String>),
    /// The kind of the programme item at this position (Details screen).
    ProgrammeKind(usize),
    /// The programme item a reviewer's source came from: the question, the
    /// source's position, and the items' ids (the first choice is none).
    SourceProgramme {
        question: String,
        source: usize,
        ids: Vec<String>,
    },
}

/// A picker pop-up: the list and what it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub picker: Picker,
    pub purpose: Purpose,
}

impl Pick {
    fn new(picker: Picker, purpose: Purpose) -> Pick {
        Pick { picker, purpose }
    }

    /// A picker for a purpose built outside this file.
    pub(crate) fn new_pub(picker: Picker, purpose: Purpose) -> Pick {
        Pick::new(picker, purpose)
    }

    /// The pop-up's name in [`crate::tui::shown::Shown`].
    pub fn name(&self) -> &'static str {
        match self.purpose {
            Purpose::Rating(_) => "rating",
            Purpose::Status => "status",
            Purpose::Link(_) => "link evidence",
            Purpose::Kind { .. } => "kind",
            Purpose::Framework => "frameworks",
            Purpose::Export => "export",
            Purpose::Conflict => "conflicts",
            Purpose::Resolve(_) => "resolve",
            Purpose::SourceKind => "source kind",
            Purpose::ActivityKind => "activity kind",
            Purpose::QuestionFilter(_) => "question filter",
            Purpose::ExportExists { .. } => "export exists",
            Purpose::Exported => "exported",
            Purpose::Categories(_) => "evidence categories",
            Purpose::Programme(_) => "programme",
            Purpose::ProgrammeKind(_) => "programme kind",
            Purpose::SourceProgramme { .. } => "source programme",
        }
    }
}

// ----- what each offers -----

/// The rating picker: each level with what it means, N/A where the scale
/// allows it, then "no rating"; on `current`.
pub fn rating(opts: Vec<(Rating, String, Option<String>)>, current: Rating) -> Option<Pick> {
    if opts.is_empty() {
        return None;
    }
    let on = opts.iter().position(|(r, _, _)| *r == current);
    let h = opts.len() as u16 + 6;
    let (values, choices): (Vec<Rating>, Vec<Choice>) = opts
        .into_iter()
        .map(|(r, label, description)| {
            let mut c = Choice::new(label);
            c.note = description.map(|d| (d, Tone::Dim)).into_iter().collect();
            (r, c)
        })
        .unzip();
    let picker = Picker::new("Rating", choices)
        .size(Size::fixed(60, h))
        .on(on);
    Some(Pick::new(picker, Purpose::Rating(values)))
}

pub fn status(current: Status) -> Pick {
    let labels = Status::ALL
        .iter()
        .map(|s| format!("{} {}", status_mark(*s), s.label()));
    let on = Status::ALL.iter().position(|s| *s == current);
    let picker = Picker::of_labels("Status", labels)
        .size(Size::fixed(36, 6))
        .on(on);
    Pick::new(picker, Purpose::Status)
}

/// Evidence items not yet linked to the question, by position.
pub fn link(wb: &Workbook, candidates: Vec<usize>) -> Pick {
    let labels: Vec<String> = candidates
        .iter()
        .filter_map(|i| {
            wb.evidence
                .get(*i)
                .map(|e| (crate::workbook::evidence_label(*i), e))
        })
        .map(|(label, e)| format!("{label} [{}] {}", e.kind.label(), e.title))
        .collect();
    let picker = Picker::of_labels("Link evidence to this question", labels)
        .size(Size(Extent::Fixed(70), Extent::Inset(4)));
    Pick::new(picker, Purpose::Link(candidates))
}

/// Kinds of evidence; for the library's filter "All kinds" comes first
/// and `current` None means it.
pub fn kind(for_filter: bool, current: Option<EvidenceKind>) -> Pick {
    let labels: Vec<String> = for_filter
        .then(|| "All kinds".to_string())
        .into_iter()
        .chain(EvidenceKind::ALL.iter().map(|k| k.label().to_string()))
        .collect();
    let at = current.and_then(|k| EvidenceKind::ALL.iter().position(|x| *x == k));
    let on = if for_filter {
        at.map_or(0, |i| i + 1)
    } else {
        at.unwrap_or(0)
    };
    let h = labels.len() as u16 + 2;
    let picker = Picker::of_labels("Kind of evidence", labels)
        .size(Size::fixed(30, h))
        .on(Some(on));
    Pick::new(picker, Purpose::Kind { for_filter })
}

/// The frameworks known, each with its description below the list.
pub fn framework(registry: &Registry) -> Pick {
    let choices = registry
        .frameworks
        .iter()
        .map(|fw| {
            let mut c = Choice::new(format!(
                "{} · {} {} · {}",
                fw.title,
                fw.question_count(),
                fw.items_label(),
                fw.scale_name()
            ));
            c.note
                .push((format!("{} ({})", fw.title, fw.key()), Tone::Title));
            for t in [&fw.description, &fw.source, &fw.notes]
                .into_iter()
                .flatten()
            {
                c.note.push((t.clone(), Tone::Plain));
            }
            c
        })
        .collect();
    let picker = Picker::new("Choose a framework — Enter to use it", choices)
        .size(Size::inset(4, 2))
        .half_height();
    Pick::new(picker, Purpose::Framework)
}

pub fn export() -> Pick {
    let note = vec![(
        "Written beside the workbook; Enter to export".to_string(),
        Tone::Dim,
    )];
    let choices = EXPORTS
        .iter()
        .map(|(_, l)| Choice {
            note: note.clone(),
            ..Choice::new(*l)
        })
        .collect();
    let picker = Picker::new("Export", choices).size(Size::fixed(50, EXPORTS.len() as u16 + 4));
    Pick::new(picker, Purpose::Export)
}

/// The conflicts merging left, on the `on`th.
pub fn conflicts(wb: &Workbook, on: usize) -> Pick {
    let labels: Vec<String> = wb
        .conflicts
        .iter()
        .map(|c| {
            let what = crate::review::conflict_words::what(wb, &c.path);
            let held = if c.held.is_some() { ", held" } else { "" };
            format!("{what}  ({} differing copies{held})", c.values.len())
        })
        .collect();
    let picker = Picker::of_labels("Conflicts from merging — Enter to settle one", labels)
        .size(Size::inset(6, 4))
        .on(Some(on));
    Pick::new(picker, Purpose::Conflict)
}

/// The values one conflict can be settled with (see
/// `App::conflict_choices`), each shown under its label.
pub fn resolve(conflict: usize, values: Vec<(String, crate::yaml::Value)>) -> Pick {
    let choices = values
        .into_iter()
        .map(|(label, value)| {
            let text = if value.is_null() {
                "(nothing)".to_string()
            } else {
                crate::yaml::scalar_text(&value)
                    .unwrap_or_else(|| crate::yaml::to_string(&value).trim().to_string())
            };
            Choice {
                detail: Some(text),
                ..Choice::new(label)
            }
        })
        .chain(std::iter::once(Choice {
            detail: Some("a rating, a number or text, checked before it is kept".into()),
            ..Choice::new("Type a value…")
        }))
        .collect();
    let picker = Picker::new("Choose the value to keep — Enter", choices)
        .size(Size::inset(6, 4))
        .bold_labels();
    Pick::new(picker, Purpose::Resolve(conflict))
}

pub fn source_kind() -> Pick {
    let picker = Picker::of_labels(
        "Source",
        [
            "Read: a document or data",
            "Heard: an interview or focus group",
            "Seen: a visit or observation",
        ],
    )
    .size(Size::fixed(40, 7));
    Pick::new(picker, Purpose::SourceKind)
}

pub fn activity_kind(current: Option<ActivityKind>) -> Pick {
    let labels = ActivityKind::ALL.iter().map(|k| k.label());
    let on = current.and_then(|k| ActivityKind::ALL.iter().position(|x| *x == k));
    let picker = Picker::of_labels("Kind of activity", labels)
        .size(Size::fixed(32, ActivityKind::ALL.len() as u16 + 2))
        .on(on);
    Pick::new(picker, Purpose::ActivityKind)
}

/// The kinds of activity, for the kind of the programme item at `item`.
pub fn programme_kind(item: usize, current: Option<ActivityKind>) -> Pick {
    let Pick { picker, .. } = activity_kind(current);
    Pick::new(picker, Purpose::ProgrammeKind(item))
}

/// The question list's filters (see `screens::question_filter::choices`),
/// on the one now on.
pub fn question_filter(
    choices: Vec<(
        Option<crate::tui::screens::question_filter::QuestionFilter>,
        String,
    )>,
    on: Option<usize>,
) -> Pick {
    let h = (choices.len() as u16 + 2).min(20);
    let (filters, labels): (Vec<_>, Vec<_>) = choices.into_iter().unzip();
    let picker = Picker::of_labels("Show questions", labels)
        .size(Size::fixed(50, h))
        .on(on);
    Pick::new(picker, Purpose::QuestionFilter(filters))
}

pub use super::export_choice::ExportChoice;

pub const EXPORTS: &[(ExportChoice, &str)] = {
    use crate::export::{Format, Pack};
    &[
        (
            ExportChoice::Pack(Pack::SelfAssessment, Format::Markdown),
            "Self-assessment pack (markdown)",
        ),
        (
            ExportChoice::Pack(Pack::SelfAssessment, Format::Docx),
            "Self-assessment pack (Word)",
        ),
        (
            ExportChoice::Pack(Pack::Summary, Format::Markdown),
            "Summary (markdown)",
        ),
        (
            ExportChoice::Pack(Pack::Summary, Format::Docx),
            "Summary (Word)",
        ),
        (
            ExportChoice::Pack(Pack::Feedback, Format::Markdown),
            "Peer feedback report (markdown)",
        ),
        (
            ExportChoice::Pack(Pack::Feedback, Format::Docx),
            "Peer feedback report (Word)",
        ),
        (
            ExportChoice::Pack(Pack::ActionPlan, Format::Markdown),
            "Action plan (markdown)",
        ),
        (
            ExportChoice::Pack(Pack::ActionPlan, Format::Docx),
            "Action plan (Word)",
        ),
        (
            ExportChoice::ActionPlanCsv,
            "Action plan as CSV, for a spreadsheet",
        ),
        (
            ExportChoice::Pack(Pack::Progress, Format::Markdown),
            "Progress on the recommendations (markdown)",
        ),
        (
            ExportChoice::Pack(Pack::Progress, Format::Docx),
            "Progress on the recommendations (Word)",
        ),
        (ExportChoice::Csv, "Answers as CSV, for a spreadsheet"),
    ]
};
