//! Search over the open workbook: its text lower-cased once per revision
//! ([`Lowered`]) and the hits a query finds in it, in reading order.

pub mod lowered;

pub use lowered::{Field, Lowered, fold_query};

use crate::workbook::Workbook;

/// One place a query was found, with a one-line label to list it by.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub label: String,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A question (flat index).
    Question(usize),
    Evidence(usize),
}

/// Finds text in questions, answers, strengths, areas and evidence, at
/// most `limit` hits. `q` is already lower-cased; accents do not count
/// (`llyn` finds `Llŷn`), and each hit shows the text as it is.
pub fn search(wb: &Workbook, low: &Lowered, q: &str, limit: usize) -> Vec<Hit> {
    let q = &fold_query(q);
    let mut hits = Vec::new();
    let questions: Vec<_> = wb.framework.questions().map(|(_, q)| q).collect();
    let answers = wb.answers_in_order();
    for f in low.questions.matching(q) {
        let Some(&(i, field)) = low.question_fields.get(f) else {
            continue;
        };
        let (Some(question), a) = (questions.get(i), answers.get(i).copied().flatten()) else {
            continue;
        };
        let (what, text) = match (field, a) {
            (Field::Question, _) => ("question", question.text.as_str()),
            (Field::Narrative, Some(a)) => (
                "narrative",
                a.narrative
                    .lines()
                    .find(|l| fold_query(&l.to_lowercase()).contains(q.as_str()))
                    .unwrap_or(&a.narrative),
            ),
            (Field::Strength(k), Some(a)) => ("strength", a.strengths[k].as_str()),
            (Field::Area(k), Some(a)) => ("area", a.areas[k].as_str()),
            _ => continue,
        };
        hits.push(Hit {
            label: format!(
                "{} · {what}: {}",
                question.display_ref(),
                crate::text::one_line(text, 200)
            ),
            place: Place::Question(i),
        });
        if hits.len() >= limit {
            return hits;
        }
    }
    for i in low.evidence.matching(q) {
        let Some(e) = wb.evidence.get(i) else {
            continue;
        };
        hits.push(Hit {
            label: format!(
                "{} · evidence: {}",
                e.id,
                crate::text::one_line(&e.title, 200)
            ),
            place: Place::Evidence(i),
        });
        if hits.len() >= limit {
            break;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;
    use crate::workbook::EvidenceItem;

    fn workbook() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let mut wb = Workbook::new(fw, "Cyngor Gwynedd", "Reablement peer review");
        let first = wb.framework.questions().next().unwrap().1.id.clone();
        wb.answer_mut(&first).narrative =
            "An opening line.\nVisits across Llŷn are planned weekly.".into();
        std::sync::Arc::make_mut(&mut wb.evidence).push(EvidenceItem {
            id: "E1".into(),
            title: "Notes from the café meeting".into(),
            ..EvidenceItem::default()
        });
        wb
    }

    fn labels(wb: &Workbook, q: &str) -> Vec<String> {
        let low = Lowered::new(wb);
        search(wb, &low, &q.to_lowercase(), 50)
            .into_iter()
            .map(|h| h.label)
            .collect()
    }

    #[test]
    fn accents_do_not_count_and_a_hit_shows_the_text_as_written() {
        let wb = workbook();
        let llyn = labels(&wb, "llyn");
        assert_eq!(llyn.len(), 1, "{llyn:?}");
        assert!(
            llyn[0].ends_with("narrative: Visits across Llŷn are planned weekly."),
            "{llyn:?}"
        );
        assert_eq!(labels(&wb, "LLŶN"), llyn);
        assert_eq!(
            labels(&wb, "cafe"),
            ["E1 · evidence: Notes from the café meeting"]
        );
        assert_eq!(labels(&wb, "café"), labels(&wb, "cafe"));
        // The evidence filter looks the same way.
        let low = Lowered::new(&wb);
        assert_eq!(low.evidence.matching("cafe").count(), 1);
        assert_eq!(low.evidence.matching("cafe\u{301}").count(), 1);
        assert_eq!(labels(&wb, "llyx"), Vec::<String>::new());
    }
}
