//! The fields of a workbook that can be edited as text: what each is
//! called, how its text is read and written, and the rules its text must
//! keep. The interface's editor and anything else that edits a workbook
//! field by field go through [`Target`].
//!
//! The fields of list items (evidence, team members, metrics, case
//! studies, activities, recommendations) are one table each in `parts`.

mod error;
mod parts;
pub mod report;
#[cfg(test)]
mod tests;

pub use error::FieldError;
pub use parts::{
    ACT_FIELDS, ActField, CASE_FIELDS, CaseField, EV_DATA_FIELDS, EV_FIELDS, EvField,
    MEMBER_FIELDS, METRIC_FIELDS, MemberField, MetricField, ProgField, RecField,
};

use parts::{Form, Show, Slot, parse_date};

use crate::text::{Breaks, line_breaks};
use crate::workbook::comments;
use crate::workbook::{
    CaseStudy, EvidenceItem, EvidenceKind, MetricValue, Review, TeamMember, Workbook,
};

/// A field of the workbook that can be edited as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Narrative(String),
    Owner(String),
    Strength(String, usize),
    Area(String, usize),
    Council,
    Title,
    Focus(usize),
    OnsiteStart,
    OnsiteEnd,
    Member(usize, MemberField),
    Evidence(usize, EvField),
    Metric(String, MetricField),
    Case(usize, CaseField),
    /// A reviewer's notes on a question: (reviewer, question).
    ReviewNotes(String, String),
    ReviewStrength(String, String, usize),
    ReviewArea(String, String, usize),
    /// The text of a reviewer's source (its kind is chosen from a list).
    ReviewSource(String, String, usize),
    /// A field of an activity in a reviewer's log.
    Activity(String, usize, ActField),
    KeyMessage(usize),
    /// A domain's strength or area for consideration in the findings.
    FindingStrength(String, usize),
    FindingArea(String, usize),
    RecText(usize),
    RecOwner(usize),
    RecDue(usize),
    RecProgress(usize),
    NextStep(usize),
    /// A field of the feedback report ([`report::ReportTarget`]).
    Report(report::ReportTarget),
    /// The note on the agreed peer rating of a question (`consensus.note`).
    AgreedNote(String),
    /// A field of the `i`th item of the on-site programme.
    Programme(usize, ProgField),
    /// The text of a comment on a question's answer: (question, comment
    /// id). It may not be left empty.
    Comment(String, String),
    /// A new comment on a question's answer, being written: in the thread
    /// only while it has text ([`comments::write_draft`]).
    NewComment(String, comments::Draft),
    /// The narratives' word limit (`review.word_limit`; blank, none).
    WordLimit,
    /// The age in months past which evidence is old
    /// (`review.evidence_max_age_months`; blank, the default).
    EvidenceMaxAge,
}

/// How a field's text is checked before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any text, written as it is typed.
    Text,
    /// Text over several lines (Enter makes a new line).
    Multi,
    /// A YYYY-MM-DD date, written when it is valid.
    Date,
    /// A number, written when it is valid.
    Number,
}

impl Target {
    /// How the field's text is kept, and its label: one line per field.
    fn spec(&self) -> (Form, &'static str) {
        use Form::*;
        match self {
            Target::Narrative(_) => (Text, "Narrative: where we are"),
            Target::Owner(_) => (Opt, "Owner"),
            Target::Strength(..) => (Item, "Strength"),
            Target::Area(..) => (Item, "Area for development"),
            Target::Council => (Line, "Council"),
            Target::Title => (Line, "Review title"),
            Target::Focus(_) => (Item, "Focus question"),
            Target::OnsiteStart => (Date, "On-site from (YYYY-MM-DD)"),
            Target::OnsiteEnd => (Date, "On-site to (YYYY-MM-DD)"),
            Target::ReviewNotes(..) => (Text, "Your notes on this question"),
            Target::ReviewStrength(..) => (Item, "Strength"),
            Target::ReviewArea(..) => (Item, "Area for consideration"),
            Target::ReviewSource(..) => (Flat, "Source"),
            Target::KeyMessage(_) => (Para, "Key message"),
            Target::FindingStrength(..) => (Item, "Strength"),
            Target::FindingArea(..) => (Item, "Area for consideration"),
            Target::NextStep(_) => (Item, "Next step"),
            Target::Member(_, f) => f.spec(),
            Target::Evidence(_, f) => f.spec(),
            Target::Metric(_, f) => f.spec(),
            Target::Case(_, f) => f.spec(),
            Target::Activity(_, _, f) => f.spec(),
            Target::RecText(_) => RecField::Text.spec(),
            Target::RecOwner(_) => RecField::Owner.spec(),
            Target::RecDue(_) => RecField::Due.spec(),
            Target::RecProgress(_) => RecField::Progress.spec(),
            Target::Report(t) => t.spec(),
            Target::AgreedNote(_) => (OptText, "Note on the agreed rating"),
            Target::Programme(_, f) => f.spec(),
            Target::Comment(..) | Target::NewComment(..) => (Text, "Comment"),
            Target::WordLimit => (Limit, "Word limit of a narrative (blank: none)"),
            Target::EvidenceMaxAge => (Limit, "Evidence is old after (months; blank: 18)"),
        }
    }

    /// A recommendation's field, as (its number in the list, the field).
    fn recommendation(&self) -> Option<(usize, RecField)> {
        match self {
            Target::RecText(i) => Some((*i, RecField::Text)),
            Target::RecOwner(i) => Some((*i, RecField::Owner)),
            Target::RecDue(i) => Some((*i, RecField::Due)),
            Target::RecProgress(i) => Some((*i, RecField::Progress)),
            _ => None,
        }
    }

    fn form(&self) -> Form {
        self.spec().0
    }

    /// How the editor takes the field's text: one line or several, or a
    /// date or number checked as it is typed.
    pub fn kind(&self) -> Kind {
        self.form().kind()
    }

    /// What the editor's title says.
    pub fn label(&self) -> &'static str {
        self.spec().1
    }

    /// The field's current text: empty when it, or the item it belongs
    /// to, is not there yet.
    pub fn read(&self, wb: &Workbook) -> String {
        self.show(wb).unwrap_or_default()
    }

    fn show(&self, wb: &Workbook) -> Option<String> {
        let item = |list: &[String], i: usize| list.get(i).cloned();
        let answer = |q: &str| wb.answer(q);
        let reviewed = |r: &str, q: &str| wb.reviewer(r).and_then(|r| r.answer(q));
        let domain = |d: &str| wb.findings.domains.iter().find(|x| x.domain == d);
        Some(match self {
            Target::Narrative(q) => answer(q)?.narrative.show(),
            Target::Owner(q) => answer(q)?.owner.show(),
            Target::Strength(q, i) => item(&answer(q)?.strengths, *i)?,
            Target::Area(q, i) => item(&answer(q)?.areas, *i)?,
            Target::Council => wb.review.council.show(),
            Target::Title => wb.review.title.show(),
            Target::Focus(i) => item(&wb.review.focus, *i)?,
            Target::OnsiteStart => wb.review.onsite_start.show(),
            Target::OnsiteEnd => wb.review.onsite_end.show(),
            Target::Member(i, f) => f.show(wb.review.team.get(*i)?),
            Target::Evidence(i, f) => f.show(wb.evidence.get(*i)?),
            Target::Metric(id, f) => f.show(wb.metrics.iter().find(|m| &m.metric == id)?),
            Target::Case(i, f) => f.show(wb.proud_of.get(*i)?),
            Target::ReviewNotes(r, q) => reviewed(r, q)?.notes.show(),
            Target::ReviewStrength(r, q, i) => item(&reviewed(r, q)?.strengths, *i)?,
            Target::ReviewArea(r, q, i) => item(&reviewed(r, q)?.areas, *i)?,
            Target::ReviewSource(r, q, i) => reviewed(r, q)?.sources.get(*i)?.text.show(),
            Target::Activity(r, i, f) => f.show(wb.reviewer(r)?.activities.get(*i)?),
            Target::KeyMessage(i) => item(&wb.findings.key_messages, *i)?,
            Target::FindingStrength(d, i) => item(&domain(d)?.strengths, *i)?,
            Target::FindingArea(d, i) => item(&domain(d)?.areas, *i)?,
            Target::NextStep(i) => item(&wb.findings.next_steps, *i)?,
            Target::AgreedNote(q) => wb.consensus.iter().find(|a| &a.question == q)?.note.show(),
            Target::Programme(i, f) => f.show(wb.review.programme.get(*i)?),
            Target::Comment(q, id) => comments::find(answer(q)?, id)?.text.show(),
            Target::NewComment(q, d) => comments::find(answer(q)?, &d.id)?.text.show(),
            Target::WordLimit => wb.review.word_limit.show(),
            Target::EvidenceMaxAge => wb.review.evidence_max_age_months.show(),
            Target::RecText(_)
            | Target::RecOwner(_)
            | Target::RecDue(_)
            | Target::RecProgress(_) => {
                let (i, f) = self.recommendation()?;
                f.show(wb.findings.recommendations.get(i)?)
            }
            Target::Report(t) => t.show(wb)?,
        })
    }

    /// Where the field's value is, to be written. An answer, a reviewer's
    /// section, a metric's figure or a domain's findings are made when
    /// they are not there yet; `None` when the list item is gone.
    fn slot<'w>(&self, wb: &'w mut Workbook) -> Option<Slot<'w>> {
        Some(match self {
            Target::Narrative(q) => Slot::Text(&mut wb.answer_mut(q).narrative),
            Target::Owner(q) => Slot::Opt(&mut wb.answer_mut(q).owner),
            Target::Strength(q, i) => Slot::Item(&mut wb.answer_mut(q).strengths, *i),
            Target::Area(q, i) => Slot::Item(&mut wb.answer_mut(q).areas, *i),
            Target::Council => Slot::Line(&mut wb.review.council),
            Target::Title => Slot::Line(&mut wb.review.title),
            Target::Focus(i) => Slot::Item(&mut wb.review.focus, *i),
            Target::OnsiteStart => Slot::Date(&mut wb.review.onsite_start),
            Target::OnsiteEnd => Slot::Date(&mut wb.review.onsite_end),
            Target::Member(i, f) => f.slot(wb.review.team.get_mut(*i)?),
            Target::Evidence(i, f) => f.slot(wb.evidence_mut().get_mut(*i)?),
            Target::Metric(id, f) => f.slot(metric_mut(wb, id)),
            Target::Case(i, f) => f.slot(wb.proud_of.get_mut(*i)?),
            Target::ReviewNotes(r, q) => Slot::Text(&mut wb.reviewer_mut(r).answer_mut(q).notes),
            Target::ReviewStrength(r, q, i) => {
                Slot::Item(&mut wb.reviewer_mut(r).answer_mut(q).strengths, *i)
            }
            Target::ReviewArea(r, q, i) => {
                Slot::Item(&mut wb.reviewer_mut(r).answer_mut(q).areas, *i)
            }
            Target::ReviewSource(r, q, i) => {
                let source = wb.reviewer_mut(r).answer_mut(q).sources.get_mut(*i)?;
                Slot::Flat(&mut source.text)
            }
            Target::Activity(r, i, f) => f.slot(wb.reviewer_mut(r).activities.get_mut(*i)?),
            Target::KeyMessage(i) => Slot::Para(&mut wb.findings.key_messages, *i),
            Target::AgreedNote(q) => Slot::OptText(&mut agreed_mut(wb, q).note),
            Target::Programme(i, f) => f.slot(wb.review.programme.get_mut(*i)?),
            Target::Comment(q, id) => {
                let a = wb.answers.iter_mut().find(|a| &a.question == q)?;
                let c = a.comments.iter_mut().find(|c| &c.id == id)?;
                Slot::Text(&mut c.text)
            }
            // Written by `comments::write_draft` (see `write`).
            Target::NewComment(..) => return None,
            Target::WordLimit => Slot::Limit(&mut wb.review.word_limit),
            Target::EvidenceMaxAge => Slot::Limit(&mut wb.review.evidence_max_age_months),
            Target::FindingStrength(d, i) => {
                Slot::Item(&mut wb.findings.domain_mut(d).strengths, *i)
            }
            Target::FindingArea(d, i) => Slot::Item(&mut wb.findings.domain_mut(d).areas, *i),
            Target::NextStep(i) => Slot::Item(&mut wb.findings.next_steps, *i),
            Target::RecText(_)
            | Target::RecOwner(_)
            | Target::RecDue(_)
            | Target::RecProgress(_) => {
                let (i, f) = self.recommendation()?;
                f.slot(wb.findings.recommendations.get_mut(i)?)
            }
            Target::Report(t) => t.slot(wb)?,
        })
    }

    /// Checks text for the field without writing it, so a half-typed date
    /// or number never reaches the workbook.
    pub fn check(&self, wb: &Workbook, text: &str) -> Result<(), FieldError> {
        self.form().check(text)?;
        match self {
            // The one rule for a comment's text; a new one may be blank
            // (it is then not in the thread).
            Target::Comment(..) => {
                return comments::text_of(text)
                    .map(drop)
                    .map_err(FieldError::Comment);
            }
            Target::NewComment(..) => {
                return match comments::text_of(text) {
                    Err(e @ comments::TextProblem::TooLong { .. }) => Err(FieldError::Comment(e)),
                    _ => Ok(()),
                };
            }
            _ => {}
        }
        if let Target::Case(_, CaseField::Illustrates) = self {
            let fw = &wb.framework;
            let known =
                |id: &str| fw.question(id).is_some() || fw.domains.iter().any(|d| d.id == id);
            return match text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !known(l))
            {
                Some(bad) => Err(FieldError::NotATheme(bad.to_string())),
                None => Ok(()),
            };
        }
        let (start, end) = match self {
            Target::OnsiteStart => (parse_date(text)?, wb.review.onsite_end),
            Target::OnsiteEnd => (wb.review.onsite_start, parse_date(text)?),
            _ => return Ok(()),
        };
        Review::check_onsite(start, end)
    }

    /// Writes text into the field once it checks out ([`Target::check`]);
    /// the error says what to type. Returns whether anything changed.
    pub fn write(&self, wb: &mut Workbook, text: &str) -> Result<bool, FieldError> {
        // Whatever typed it, no bare CR is stored.
        let text: &str = &line_breaks(text, Breaks::Keep);
        if self.read(wb) == text {
            return Ok(false);
        }
        self.check(wb, text)?;
        if let Target::NewComment(q, d) = self {
            // A blank draft makes no answer.
            if comments::text_of(text).is_err() && wb.answer(q).is_none() {
                return Ok(false);
            }
            return comments::write_draft(wb.answer_mut(q), d, text).map_err(FieldError::Comment);
        }
        self.slot(wb).ok_or(FieldError::NoSuchItem)?.set(text)?;
        Ok(true)
    }

    /// Takes out the list item this field is (a strength, a focus question,
    /// a key message, a source, a recommendation…), as for a new item left
    /// empty. False when the field is not a list item or the item is gone.
    pub fn remove_item(&self, wb: &mut Workbook) -> bool {
        fn take<T>(list: &mut Vec<T>, i: usize) -> bool {
            (i < list.len()).then(|| list.remove(i)).is_some()
        }
        match self {
            Target::RecText(i) => take(&mut wb.findings.recommendations, *i),
            Target::ReviewSource(r, q, i) => {
                take(&mut wb.reviewer_mut(r).answer_mut(q).sources, *i)
            }
            Target::Comment(q, id) => wb
                .answers
                .iter_mut()
                .find(|a| &a.question == q)
                .is_some_and(|a| comments::remove(a, id)),
            Target::NewComment(q, d) => wb
                .answers
                .iter_mut()
                .find(|a| &a.question == q)
                .is_some_and(|a| comments::remove(a, &d.id)),
            // Only a list item's slot: finding another field's would make
            // the answer or the figure it belongs to.
            _ if matches!(self.form(), Form::Item | Form::Para) => match self.slot(wb) {
                Some(Slot::Item(list, i) | Slot::Para(list, i)) => take(list, i),
                _ => false,
            },
            _ => false,
        }
    }

    /// The question this field belongs to, for "last changed" (a comment
    /// is not a change to the answer: it leaves the stamp and the sign-off
    /// as they are).
    pub fn question(&self) -> Option<&str> {
        match self {
            Target::Narrative(q)
            | Target::Owner(q)
            | Target::Strength(q, _)
            | Target::Area(q, _) => Some(q),
            _ => None,
        }
    }
}

/// The agreed rating of a question, made (not rated) when there is none.
fn agreed_mut<'w>(wb: &'w mut Workbook, q: &str) -> &'w mut crate::workbook::onsite::Agreed {
    let i = match wb.consensus.iter().position(|a| a.question == q) {
        Some(i) => i,
        None => {
            wb.consensus.push(crate::workbook::onsite::Agreed {
                question: q.to_string(),
                ..Default::default()
            });
            wb.consensus.len() - 1
        }
    };
    &mut wb.consensus[i]
}

/// The workbook's figure for a metric, made when it has none yet.
fn metric_mut<'w>(wb: &'w mut Workbook, id: &str) -> &'w mut MetricValue {
    let i = match wb.metrics.iter().position(|m| m.metric == id) {
        Some(i) => i,
        None => {
            wb.metrics.push(MetricValue {
                metric: id.to_string(),
                ..MetricValue::default()
            });
            wb.metrics.len() - 1
        }
    };
    &mut wb.metrics[i]
}

/// What a new item's empty title or name is shown as (dimmed, by the
/// interface): a placeholder, never the item's content, so typing starts
/// the text rather than adding to it.
pub const NEW_EVIDENCE: &str = "New evidence";
pub const NEW_CASE: &str = "New case study";
pub const NEW_MEMBER: &str = "New team member";
pub const NEW_COMMENT: &str = "Your comment (a question, a figure to check, a fix)";

impl Target {
    /// The placeholder shown while this field is empty, for the fields a
    /// new item is named by.
    pub fn placeholder(&self) -> Option<&'static str> {
        match self {
            Target::Evidence(_, EvField::Title) => Some(NEW_EVIDENCE),
            Target::Case(_, CaseField::Title) => Some(NEW_CASE),
            Target::Member(_, MemberField::Name) => Some(NEW_MEMBER),
            Target::NewComment(..) => Some(NEW_COMMENT),
            _ => None,
        }
    }
}

/// New, empty items for the lists that the interface adds to.
pub fn new_evidence(wb: &Workbook, kind: EvidenceKind) -> EvidenceItem {
    let mut n = wb.evidence.len() + 1;
    while wb.evidence.iter().any(|e| e.id == format!("ev-{n}")) {
        n += 1;
    }
    EvidenceItem {
        id: format!("ev-{n}"),
        kind,
        ..EvidenceItem::default()
    }
}

pub fn new_case() -> CaseStudy {
    CaseStudy::default()
}

pub fn new_member() -> TeamMember {
    TeamMember::default()
}
