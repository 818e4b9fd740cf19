//! The council's part of a workbook: the review, its answers, the evidence
//! library, metric values and case studies, each described once
//! ([`record!`]), with the rules that tie an item's fields together.

use chrono::{DateTime, NaiveDate, Utc};

use super::codec::{
    Cx, Date, Items, Limit, Num, One, OneOrList, Opt, Rated, Req, Text, Texts, Time, Word, record,
};
use super::words::words;
use crate::yaml::read::{Obj, Reader};

record! {
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Review as "the review details", check check_review {
        pub council: String = Req,
        pub title: String = Req,
        /// The focus (scoping) questions agreed with the council.
        pub focus: Vec<String> = Texts,
        pub onsite_start: Option<NaiveDate> = Date,
        pub onsite_end: Option<NaiveDate> = Date,
        pub team: Vec<TeamMember> = Items,
        /// The on-site programme, shared by the team.
        pub programme: Vec<super::programme::ProgrammeItem> = Items,
        /// Evidence older than this many months is a gap (default 18).
        pub evidence_max_age_months: Option<u32> = Limit,
        /// A narrative longer than this many words is a gap (no limit when unset).
        pub word_limit: Option<u32> = Limit,
        /// The whole workbook signed off for the pack.
        pub signed_off: Option<super::SignOff> = One,
        ..extra
    }
}

record! {
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct TeamMember as "a team member" {
        pub name: String = Req,
        pub role: Option<String> = Opt,
        pub organisation: Option<String> = Opt,
        pub email: Option<String> = Opt,
        ..extra
    }
}

// `parse` accepts the file word or the label, any case.
words! {
    pub enum Status (lenient) {
        #[default]
        #[strum(message = "Not started")]
        NotStarted,
        #[strum(message = "Draft")]
        Draft,
        #[strum(message = "Ready for review")]
        ReadyForReview,
        #[strum(message = "Agreed")]
        Agreed,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rating {
    #[default]
    None,
    NotApplicable,
    Level(i64),
}

record! {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Answer as "an answer", check check_answer {
        pub question: String = Req,
        pub status: Status = Word,
        pub rating: Rating = Rated,
        pub owner: Option<String> = Opt,
        /// "Where we are".
        pub narrative: String = Text,
        pub strengths: Vec<String> = Texts,
        pub areas: Vec<String> = Texts,
        /// Ids of evidence items cited.
        pub evidence: Vec<String> = Texts,
        pub changed: Option<Changed> = One,
        /// Who signed the answer off, and when (see `signoff.rs`).
        pub signed_off: Option<super::SignOff> = One,
        /// A sign-off that a later change undid.
        pub sign_off_lapsed: Option<super::SignOff> = One,
        /// The thread of comments on the answer (see `comments.rs`).
        pub comments: Vec<super::comments::Comment> = Items,
        ..extra
    }
}

impl Answer {
    pub fn new(question: &str) -> Answer {
        Answer {
            question: question.to_string(),
            ..Answer::default()
        }
    }

    /// Something was written: record when and by whom, settle the status
    /// on what the answer now holds ([`Answer::settle_status`]) and lapse a
    /// sign-off ([`super::signoff::lapse`]).
    pub fn touch(&mut self, by: &str, at: DateTime<Utc>) {
        self.settle_status();
        super::signoff::lapse(self);
        self.changed = Some(Changed {
            at,
            by: by.to_string(),
            extra: Default::default(),
        });
    }

    /// Whether the question is answered: the answer holds a rating (a level
    /// or N/A), a narrative that is not blank, a strength or an area that is
    /// not blank, or a link to evidence. Its status, owner and change stamp
    /// do not count. The one rule for the dashboard, `status`, the packs,
    /// the scores and next-unanswered.
    pub fn is_answered(&self) -> bool {
        let written = |s: &String| super::is_written(s);
        self.rating != Rating::None
            || written(&self.narrative)
            || self.strengths.iter().any(written)
            || self.areas.iter().any(written)
            || !self.evidence.is_empty()
    }

    /// The status that follows from the content: a not-started answer that
    /// now holds something is a draft, and a draft emptied of everything
    /// is not started. "Ready for review" and "Agreed" were decided by
    /// someone and are kept. The same answer always settles the same way.
    pub fn settle_status(&mut self) {
        match (self.status, self.is_answered()) {
            (Status::NotStarted, true) => self.status = Status::Draft,
            (Status::Draft, false) => self.status = Status::NotStarted,
            _ => {}
        }
    }
}

record! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct Changed as "'changed'" {
        pub at: DateTime<Utc> = Time,
        pub by: String = Text,
        ..extra
    }
}

words! {
    pub enum EvidenceKind {
        #[default]
        #[strum(message = "Document")]
        Document,
        #[strum(message = "Data")]
        Data,
        #[strum(message = "Case file audit")]
        CaseFileAudit,
        #[strum(message = "Feedback")]
        Feedback,
        #[strum(message = "Other")]
        Other,
    }
}

record! {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct EvidenceItem as "an evidence item" {
        pub id: String = Req,
        pub title: String = Req,
        pub kind: EvidenceKind = Word,
        pub location: Option<String> = Opt,
        pub date: Option<NaiveDate> = Date,
        pub owner: Option<String> = Opt,
        pub note: Option<String> = Opt,
        /// For data: the figure, its unit and period, a comparator and a target.
        pub value: Option<f64> = Num,
        pub unit: Option<String> = Opt,
        pub period: Option<String> = Opt,
        pub comparator: Option<String> = Opt,
        pub comparator_value: Option<f64> = Num,
        pub target: Option<f64> = Num,
        /// Ids of the framework's evidence categories this item is
        /// evidence of (framework-format.md, "Evidence categories").
        pub categories: Vec<String> = Texts,
        ..extra
    }
}

record! {
    /// The council's figure for one of the framework's metrics.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct MetricValue as "a metric value", check check_metric {
        pub metric: String = Req,
        pub value: Option<f64> = Num,
        pub period: Option<String> = Opt,
        pub comparator: Option<String> = Opt,
        pub comparator_value: Option<f64> = Num,
        pub target: Option<f64> = Num,
        pub note: Option<String> = Opt,
        ..extra
    }
}

record! {
    /// A "What we're proud of" case study.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CaseStudy as "a case study", check check_case {
        pub title: String = Req,
        pub summary: Option<String> = Opt,
        pub what_we_did: Option<String> = Opt,
        pub impact: Option<String> = Opt,
        pub barriers: Vec<String> = OneOrList,
        pub conditions: Vec<String> = OneOrList,
        pub contact: Option<String> = Opt,
        pub problem: Option<String> = Opt,
        pub partners: Vec<String> = Texts,
        pub figures: Vec<String> = Texts,
        pub quotes: Vec<String> = Texts,
        pub further_information: Option<String> = Opt,
        pub links: Vec<String> = Texts,
        pub illustrates: Vec<String> = Texts,
        ..extra
    }
}

/// The on-site week may not end before it starts.
fn check_review(review: &Review, r: &mut Reader, o: &Obj, _: &Cx) {
    if let Err(e) = Review::check_onsite(review.onsite_start, review.onsite_end) {
        r.error(&o.at("onsite_end"), e.to_string(), "check the two dates");
    }
}

impl Review {
    /// The one rule for the on-site week's dates, kept by the reader and
    /// by the editable fields alike: it may not end before it starts.
    pub fn check_onsite(
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
    ) -> Result<(), super::fields::FieldError> {
        match (start, end) {
            (Some(start), Some(end)) if end < start => {
                Err(super::fields::FieldError::EndBeforeStart { start, end })
            }
            _ => Ok(()),
        }
    }
}

/// An answer cites only evidence that is in the evidence list.
fn check_answer(a: &Answer, r: &mut Reader, o: &Obj, cx: &Cx) {
    let Some(known) = cx.evidence else {
        return;
    };
    for (i, id) in a.evidence.iter().enumerate() {
        if !known.contains(id.as_str()) {
            r.error(
                &o.at("evidence").idx(i),
                format!(
                    "answer to '{}' cites evidence '{id}', which is not in the evidence list",
                    a.question
                ),
                "add the item to `evidence:` or remove the citation",
            );
        }
    }
}

/// What a case study illustrates is one of the framework's question or
/// domain ids.
fn check_case(c: &CaseStudy, r: &mut Reader, o: &Obj, cx: &Cx) {
    let Some(fw) = cx.fw else { return };
    for (i, id) in c.illustrates.iter().enumerate() {
        if fw.question(id).is_none() && !fw.domains.iter().any(|d| d.id == *id) {
            r.error(
                &o.at("illustrates").idx(i),
                format!(
                    "case study '{}' illustrates '{id}', which is not a question or domain of {}",
                    c.title,
                    fw.key()
                ),
                "use a question id or a domain id from the framework , or remove the line",
            );
        }
    }
}

/// A metric the framework lacks is kept, with a warning.
fn check_metric(m: &MetricValue, r: &mut Reader, o: &Obj, cx: &Cx) {
    let metric = &m.metric;
    if let Some(fw) = cx.fw
        && !fw.metrics.iter().any(|x| x.id == *metric)
    {
        r.warning(
            &o.at("metric"),
            format!(
                "metric '{metric}' is not one of {}'s metrics; it is kept",
                fw.key()
            ),
            "",
        );
    }
}
