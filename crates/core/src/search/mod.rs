//! Search over the open workbook: its text lower-cased once per revision
//! ([`Lowered`]) and the hits a query finds in it, in reading order.

pub mod lowered;

pub use lowered::{Field, Lowered};

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
/// most `limit` hits. `q` is already lower-cased.
pub fn search(wb: &Workbook, low: &Lowered, q: &str, limit: usize) -> Vec<Hit> {
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
                    .find(|l| l.to_lowercase().contains(q))
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
