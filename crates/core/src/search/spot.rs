//! The text search looks in beyond questions, answers and evidence items'
//! titles: case studies, the review details, evidence comparators and
//! metric comparators. One table ([`spots`]) says which fields there are,
//! and each [`Spot`] finds its own text again and the place it leads to,
//! so the lowered haystack and a hit's label never disagree.

use std::borrow::Cow;

use super::Place;
use crate::workbook::Workbook;
use crate::workbook::fields::{CASE_FIELDS, CaseField, MemberField, Target};

/// One searchable field outside the questions and evidence haystacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Council,
    Title,
    Focus(usize),
    Member(usize, MemberField),
    /// Evidence item `i`'s comparator name.
    EvidenceComparator(usize),
    /// `wb.metrics[i]`'s comparator name.
    MetricComparator(usize),
    Case(usize, CaseField),
}

/// Every spot of the workbook, in reading order: the review details, the
/// evidence comparators, the metrics, the case studies.
pub fn spots(wb: &Workbook) -> Vec<Spot> {
    let r = &wb.review;
    let mut v = vec![Spot::Council, Spot::Title];
    v.extend((0..r.focus.len()).map(Spot::Focus));
    for i in 0..r.team.len() {
        v.push(Spot::Member(i, MemberField::Name));
        v.push(Spot::Member(i, MemberField::Role));
    }
    v.extend((0..wb.evidence.len()).map(Spot::EvidenceComparator));
    v.extend((0..wb.metrics.len()).map(Spot::MetricComparator));
    for i in 0..wb.proud_of.len() {
        v.extend(CASE_FIELDS.iter().map(|f| Spot::Case(i, *f)));
    }
    v
}

impl Spot {
    /// The field's text as written; None when it is not there.
    pub fn text<'a>(&self, wb: &'a Workbook) -> Option<Cow<'a, str>> {
        self.own_text(wb)
            .map(Cow::Borrowed)
            .or_else(|| match *self {
                // A list is searched as its items, one a line, as it is edited.
                Spot::Case(i, f) => Some(Cow::Owned(f.show(wb.proud_of.get(i)?))),
                _ => None,
            })
    }

    /// A field that is one text, as written; None for a list.
    fn own_text<'a>(&self, wb: &'a Workbook) -> Option<&'a str> {
        let r = &wb.review;
        match *self {
            Spot::Council => Some(&r.council),
            Spot::Title => Some(&r.title),
            Spot::Focus(i) => r.focus.get(i).map(String::as_str),
            Spot::Member(i, f) => {
                let m = r.team.get(i)?;
                match f {
                    MemberField::Name => Some(&m.name),
                    MemberField::Role => m.role.as_deref(),
                    _ => None,
                }
            }
            Spot::EvidenceComparator(i) => wb.evidence.get(i)?.comparator.as_deref(),
            Spot::MetricComparator(i) => wb.metrics.get(i)?.comparator.as_deref(),
            Spot::Case(i, f) => {
                let c = wb.proud_of.get(i)?;
                match f {
                    CaseField::Title => Some(&c.title),
                    CaseField::Summary => c.summary.as_deref(),
                    CaseField::WhatWeDid => c.what_we_did.as_deref(),
                    CaseField::Impact => c.impact.as_deref(),
                    CaseField::Contact => c.contact.as_deref(),
                    CaseField::Problem => c.problem.as_deref(),
                    CaseField::FurtherInformation => c.further_information.as_deref(),
                    _ => None,
                }
            }
        }
    }

    /// Where choosing the hit takes the user; None for a metric value the
    /// framework has no metric for (the Metrics screen does not list it).
    pub fn place(&self, wb: &Workbook) -> Option<Place> {
        Some(match *self {
            Spot::Council => Place::Details(Target::Council),
            Spot::Title => Place::Details(Target::Title),
            Spot::Focus(i) => Place::Details(Target::Focus(i)),
            Spot::Member(i, f) => Place::Details(Target::Member(i, f)),
            Spot::EvidenceComparator(i) => Place::Evidence(i),
            Spot::MetricComparator(i) => {
                let id = &wb.metrics.get(i)?.metric;
                Place::Metric(wb.framework.metrics.iter().position(|m| &m.id == id)?)
            }
            Spot::Case(i, f) => Place::Case(i, f),
        })
    }

    /// What the hit's label says before the text: the item and the field.
    pub fn prefix(&self, wb: &Workbook) -> String {
        let short = |s: &str| crate::text::one_line(s, 30);
        match *self {
            Spot::Council => "details · council".into(),
            Spot::Title => "details · review title".into(),
            Spot::Focus(i) => format!("details · focus question {}", i + 1),
            Spot::Member(_, MemberField::Role) => "details · team member's role".into(),
            Spot::Member(..) => "details · team member".into(),
            Spot::EvidenceComparator(i) => {
                format!(
                    "{} · evidence comparator",
                    crate::workbook::evidence_label(i)
                )
            }
            Spot::MetricComparator(i) => {
                let id = wb.metrics.get(i).map_or("", |m| m.metric.as_str());
                let name = wb.framework.metrics.iter().find(|m| m.id == id);
                format!(
                    "{} · metric comparator",
                    short(name.map_or(id, |m| m.name.as_str()))
                )
            }
            Spot::Case(_, CaseField::Title) => "case study".into(),
            Spot::Case(i, f) => {
                let title = wb.proud_of.get(i).map_or("", |c| c.title.as_str());
                format!("{} · {}", short(title), f.label().to_lowercase())
            }
        }
    }
}
