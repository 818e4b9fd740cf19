//! What the peer team will ask about, per question: a rating with no
//! evidence cited, evidence older than the workbook's threshold, a
//! narrative over its word limit, and a rating given while strengths or
//! areas are empty. One set of rules for the pack's gaps section and the
//! dashboard.

use chrono::{Months, NaiveDate};

use super::diff::word_count;
use crate::workbook::{Answer, Rating, Workbook};

/// How old evidence may be, in months, when the workbook does not say
/// (`review.evidence_max_age_months`).
pub const DEFAULT_EVIDENCE_MONTHS: u32 = 18;

/// One thing the peer team will pick at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// Rated (a level, not N/A) with no evidence cited.
    NoEvidence,
    /// Evidence cited that is dated before the threshold: (id, title, date).
    OldEvidence(Vec<(String, String, NaiveDate)>),
    /// The narrative has `words` words, over the workbook's `limit`.
    OverWordLimit { words: usize, limit: u32 },
    /// Rated with no strength written.
    NoStrengths,
    /// Rated with no area for development written.
    NoAreas,
}

impl Gap {
    /// The gap in words, for a list.
    pub fn describe(&self, months: u32) -> String {
        match self {
            Gap::NoEvidence => "rated, but no evidence is cited".into(),
            Gap::OldEvidence(items) => {
                let list: Vec<String> = items
                    .iter()
                    .map(|(_, title, date)| format!("{title} ({date})"))
                    .collect();
                format!("evidence older than {months} months: {}", list.join("; "))
            }
            Gap::OverWordLimit { words, limit } => {
                format!("narrative of {words} words, over the limit of {limit}")
            }
            Gap::NoStrengths => "rated, but no strengths are written".into(),
            Gap::NoAreas => "rated, but no areas for development are written".into(),
        }
    }
}

/// A question's gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionGaps {
    pub question: String,
    /// The question's reference as shown ("KLOE 3").
    pub reference: String,
    pub text: String,
    pub gaps: Vec<Gap>,
}

/// The evidence age threshold the workbook sets, or the default.
pub fn evidence_months(wb: &Workbook) -> u32 {
    wb.review
        .evidence_max_age_months
        .unwrap_or(DEFAULT_EVIDENCE_MONTHS)
}

/// The day evidence age is judged on: the first day of the on-site week,
/// when the workbook has it (that is when the peer team reads it), else
/// `today`.
pub fn judged_on(wb: &Workbook, today: NaiveDate) -> NaiveDate {
    wb.review.onsite_start.unwrap_or(today)
}

/// The gaps of one answer, judged on `today` (see [`judged_on`]).
pub fn of_answer(wb: &Workbook, a: &Answer, today: NaiveDate) -> Vec<Gap> {
    let today = judged_on(wb, today);
    let mut out = Vec::new();
    let rated = matches!(a.rating, Rating::Level(_));
    if rated && a.evidence.is_empty() {
        out.push(Gap::NoEvidence);
    }
    let oldest_allowed = today.checked_sub_months(Months::new(evidence_months(wb)));
    let old: Vec<(String, String, NaiveDate)> = a
        .evidence
        .iter()
        .filter_map(|id| wb.evidence_item(id))
        .filter_map(|e| Some((e, e.date?)))
        .filter(|(_, d)| oldest_allowed.is_some_and(|limit| *d < limit))
        .map(|(e, d)| (e.id.clone(), e.title.clone(), d))
        .collect();
    if !old.is_empty() {
        out.push(Gap::OldEvidence(old));
    }
    if let Some(limit) = wb.review.word_limit {
        let words = word_count(&a.narrative);
        if words > limit as usize {
            out.push(Gap::OverWordLimit { words, limit });
        }
    }
    let written = |v: &[String]| v.iter().any(|s| crate::workbook::is_written(s));
    if rated && !written(&a.strengths) {
        out.push(Gap::NoStrengths);
    }
    if rated && !written(&a.areas) {
        out.push(Gap::NoAreas);
    }
    out
}

/// Every question with something the peer team will ask about, in
/// framework order.
pub fn gaps(wb: &Workbook, today: NaiveDate) -> Vec<QuestionGaps> {
    wb.framework
        .questions()
        .zip(wb.answers_in_order())
        .filter_map(|((_, q), a)| {
            let gaps = of_answer(wb, a?, today);
            (!gaps.is_empty()).then(|| QuestionGaps {
                question: q.id.clone(),
                reference: q.display_ref().to_string(),
                text: q.text.clone(),
                gaps,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{EvidenceItem, one_question_workbook};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rated() -> Workbook {
        let mut wb = one_question_workbook();
        let id = wb.answers[0].question.clone();
        wb.answer_mut(&id).rating = Rating::Level(2);
        wb
    }

    #[test]
    fn a_rating_without_evidence_strengths_or_areas_is_three_gaps() {
        let wb = rated();
        let g = gaps(&wb, day("2026-01-01"));
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].gaps,
            vec![Gap::NoEvidence, Gap::NoStrengths, Gap::NoAreas]
        );
        // Not rated, or N/A: none of these.
        let mut wb = wb;
        wb.answers[0].rating = Rating::NotApplicable;
        assert!(gaps(&wb, day("2026-01-01")).is_empty());
    }

    #[test]
    fn evidence_older_than_the_threshold_is_named() {
        let mut wb = rated();
        wb.answers[0].strengths.push("S".into());
        wb.answers[0].areas.push("A".into());
        wb.evidence_mut().push(EvidenceItem {
            id: "ev-1".into(),
            title: "Audit".into(),
            date: Some(day("2024-06-30")),
            ..EvidenceItem::default()
        });
        wb.answers[0].evidence.push("ev-1".into());
        // 18 months before 2026-01-01 is 2024-07-01.
        let g = of_answer(&wb, &wb.answers[0], day("2026-01-01"));
        assert_eq!(
            g,
            vec![Gap::OldEvidence(vec![(
                "ev-1".into(),
                "Audit".into(),
                day("2024-06-30")
            )])]
        );
        assert!(of_answer(&wb, &wb.answers[0], day("2025-12-31")).is_empty());
        // Judged on the first day on site, when there is one.
        wb.review.onsite_start = Some(day("2025-12-31"));
        assert!(of_answer(&wb, &wb.answers[0], day("2026-01-01")).is_empty());
        wb.review.onsite_start = None;
        // The workbook's own threshold.
        wb.review.evidence_max_age_months = Some(24);
        assert!(of_answer(&wb, &wb.answers[0], day("2026-01-01")).is_empty());
        assert_eq!(
            Gap::OldEvidence(vec![("ev-1".into(), "Audit".into(), day("2024-06-30"))]).describe(24),
            "evidence older than 24 months: Audit (2024-06-30)"
        );
    }

    #[test]
    fn a_narrative_over_the_word_limit_says_by_how_much() {
        let mut wb = one_question_workbook();
        wb.answers[0].narrative = "one two three four".into();
        assert!(of_answer(&wb, &wb.answers[0], day("2026-01-01")).is_empty());
        wb.review.word_limit = Some(3);
        assert_eq!(
            of_answer(&wb, &wb.answers[0], day("2026-01-01")),
            vec![Gap::OverWordLimit { words: 4, limit: 3 }]
        );
        wb.review.word_limit = Some(4);
        assert!(of_answer(&wb, &wb.answers[0], day("2026-01-01")).is_empty());
    }
}
