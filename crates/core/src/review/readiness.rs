//! Readiness: for each question of a framework that declares evidence
//! categories, how many of the evidence items linked to its answer are
//! tagged with each category it needs, so a council sees which kinds of
//! evidence it still lacks ("People's experience: no evidence yet").

use std::collections::HashMap;

use crate::framework::EvidenceCategory;
use crate::workbook::{EvidenceItem, Workbook};

/// One question's evidence, category by category.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionReadiness<'a> {
    pub domain: &'a str,
    pub question: &'a str,
    /// The question's `ref` as shown.
    pub reference: &'a str,
    /// Each category the question needs, in the framework's order, with the
    /// number of linked evidence items tagged with it.
    pub categories: Vec<(&'a EvidenceCategory, usize)>,
}

impl QuestionReadiness<'_> {
    /// The categories with no evidence yet.
    pub fn missing(&self) -> impl Iterator<Item = &EvidenceCategory> {
        self.categories
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(c, _)| *c)
    }

    /// Whether every category the question needs has evidence.
    pub fn is_ready(&self) -> bool {
        self.missing().next().is_none()
    }
}

/// Every question's readiness, in framework order; empty when the
/// framework declares no evidence categories.
pub fn readiness(wb: &Workbook) -> Vec<QuestionReadiness<'_>> {
    let fw = &wb.framework;
    if fw.evidence_categories.is_empty() {
        return Vec::new();
    }
    let items: HashMap<&str, &EvidenceItem> =
        wb.evidence.iter().map(|e| (e.id.as_str(), e)).collect();
    let answers = wb.answers_in_order();
    fw.questions()
        .zip(answers)
        .map(|((d, q), answer)| {
            let linked: Vec<&EvidenceItem> = answer
                .map(|a| {
                    a.evidence
                        .iter()
                        .filter_map(|id| items.get(id.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default();
            let categories = fw
                .evidence_categories
                .iter()
                .filter(|c| q.evidence_categories.contains(&c.id))
                .map(|c| {
                    let n = linked
                        .iter()
                        .filter(|e| e.categories.contains(&c.id))
                        .count();
                    (c, n)
                })
                .collect();
            QuestionReadiness {
                domain: &d.id,
                question: &q.id,
                reference: q.display_ref(),
                categories,
            }
        })
        .collect()
}

/// "Processes 2; no evidence yet: People's experience, Feedback from
/// partners" for one question, as status and the dashboard write it.
pub fn line(q: &QuestionReadiness) -> String {
    let has: Vec<String> = q
        .categories
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {n}", c.label))
        .collect();
    let missing: Vec<&str> = q.missing().map(|c| c.label.as_str()).collect();
    match (has.is_empty(), missing.is_empty()) {
        (_, true) => has.join(", "),
        (true, false) => format!("no evidence yet: {}", missing.join(", ")),
        (false, false) => format!(
            "{}; no evidence yet: {}",
            has.join(", "),
            missing.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;
    use crate::workbook::{EvidenceItem, Workbook};

    fn cqc() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg
            .resolve("cqc-local-authority-assessment")
            .unwrap()
            .clone();
        Workbook::new(fw, "A council", "Self-assessment")
    }

    #[test]
    fn a_question_without_evidence_lacks_every_category_it_needs() {
        let wb = cqc();
        let r = readiness(&wb);
        assert_eq!(r.len(), 9);
        assert_eq!(r[0].reference, "QS1");
        let ids: Vec<&str> = r[0].categories.iter().map(|(c, _)| c.id.as_str()).collect();
        // Outcomes is declared but CQC does not apply it to councils.
        assert_eq!(
            ids,
            [
                "peoples-experience",
                "staff-leaders",
                "partners",
                "processes"
            ]
        );
        assert!(!r[0].is_ready());
        assert_eq!(
            line(&r[0]),
            "no evidence yet: People's experience, Feedback from staff and leaders, \
             Feedback from partners, Processes"
        );
    }

    #[test]
    fn linked_tagged_evidence_counts_for_its_categories_only() {
        let mut wb = cqc();
        wb.evidence_mut().push(EvidenceItem {
            id: "ev-1".into(),
            title: "Carers' survey".into(),
            categories: vec!["peoples-experience".into(), "processes".into()],
            ..EvidenceItem::default()
        });
        wb.evidence_mut().push(EvidenceItem {
            id: "ev-2".into(),
            title: "Untagged".into(),
            ..EvidenceItem::default()
        });
        wb.answer_mut("QS1").evidence = vec!["ev-1".into(), "ev-2".into()];
        let r = readiness(&wb);
        let counts: Vec<usize> = r[0].categories.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [1, 0, 0, 1]);
        let missing: Vec<&str> = r[0].missing().map(|c| c.id.as_str()).collect();
        assert_eq!(missing, ["staff-leaders", "partners"]);
        assert_eq!(
            line(&r[0]),
            "People's experience 1, Processes 1; no evidence yet: \
             Feedback from staff and leaders, Feedback from partners"
        );
        // QS2 has nothing linked.
        assert!(r[1].categories.iter().all(|(_, n)| *n == 0));
    }

    #[test]
    fn a_framework_without_categories_has_no_readiness() {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let wb = Workbook::new(fw, "C", "T");
        assert!(readiness(&wb).is_empty());
    }
}
