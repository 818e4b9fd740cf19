//! The self-assessment pack's parts for issue 15: where the framework comes
//! from and which parts are peerbook's own ("How to read this pack"), and
//! the evidence readiness table for a framework with evidence categories.

use super::doc::{Block, Document, Inline};
use crate::framework::{Framework, Rounding};
use crate::review::readiness::readiness;
use crate::workbook::Workbook;

/// "Where this framework comes from": its `source` and `notes`, so nothing
/// an author wrote reads as the source's. Nothing when it has neither.
pub fn provenance(d: &mut Document, fw: &Framework) {
    let mut parts = Vec::new();
    if let Some(src) = &fw.source {
        parts.push(format!("The framework is based on: {}", src.trim()));
    }
    if let Some(notes) = &fw.notes {
        parts.push(format!(
            "What is the source's and what is peerbook's: {}",
            notes.trim()
        ));
    }
    for p in parts {
        d.para(vec![Inline::text(p)]);
    }
}

/// Whether a narrative starts with the words "Where we are" (any case, after
/// spaces or a `#`), so the pack does not print the heading twice.
pub fn opens_with_where_we_are(narrative: &str) -> bool {
    let start = narrative.trim_start().trim_start_matches(['#', '*', ' ']);
    start
        .get(..12)
        .is_some_and(|w| w.eq_ignore_ascii_case("where we are"))
}

/// The performance table's first column, "Group", when the framework groups
/// its measures (the Leeds domains): each row of a framework metric gets its
/// group, the others an empty cell. Rows are as `pack::performance` builds
/// them, framework metrics first in the framework's order.
pub fn group_column(wb: &Workbook, rows: &mut [Vec<Vec<Inline>>]) -> Option<&'static str> {
    let fw = &wb.framework;
    if !fw.metrics.iter().any(|m| m.group.is_some()) {
        return None;
    }
    let groups: Vec<Option<&str>> = fw
        .metrics
        .iter()
        .filter(|m| wb.metrics.iter().any(|v| v.metric == m.id))
        .map(|m| m.group.as_deref())
        .collect();
    for (i, row) in rows.iter_mut().enumerate() {
        let g = groups.get(i).copied().flatten().unwrap_or_default();
        row.insert(0, vec![Inline::text(g)]);
    }
    Some("Group")
}

/// One short note on why a score such as 62.5 sits beside a band that
/// starts at 63 (the framework's rounding), and on provisional scores.
pub fn scoring_note(s: &crate::framework::Scoring) -> Option<String> {
    let round = match s.rounding {
        Rounding::None => return Some(PROVISIONAL.to_string()),
        Rounding::Nearest => {
            "rounded to the nearest whole number (halves up), so 62.5 counts as 63"
        }
        Rounding::Down => "cut to a whole number, so 62.9 counts as 62",
    };
    Some(format!(
        "Scores are shown to one decimal place; the band is chosen once the score is {round}. {PROVISIONAL}"
    ))
}

const PROVISIONAL: &str =
    "A score marked provisional rests on fewer than half of the questions that could be rated.";

/// A table of each question against the evidence categories it needs: the
/// number of linked items tagged with each, or "no evidence yet". Nothing
/// for a framework without evidence categories.
pub fn table(d: &mut Document, wb: &Workbook) {
    let rows = readiness(wb);
    if rows.is_empty() {
        return;
    }
    let fw = &wb.framework;
    // The categories some question needs, in the framework's order.
    let used: Vec<_> = fw
        .evidence_categories
        .iter()
        .filter(|c| {
            rows.iter()
                .any(|q| q.categories.iter().any(|(qc, _)| qc.id == c.id))
        })
        .collect();
    d.heading(2, "Evidence readiness");
    let ready = rows.iter().filter(|q| q.is_ready()).count();
    d.para(vec![Inline::text(format!(
        "For each {}, the evidence linked to it in each category the framework asks for. {ready} of {} have evidence in every category they need.",
        fw.item_label.to_lowercase(),
        rows.len()
    ))]);
    let mut header = vec![fw.item_label.clone()];
    header.extend(used.iter().map(|c| c.label.clone()));
    let body = rows
        .iter()
        .map(|q| {
            let text = fw
                .question(q.question)
                .map_or("", |(_, fq)| fq.text.as_str());
            let mut row = vec![vec![Inline::text(format!("{}: {text}", q.reference))]];
            for c in &used {
                let cell = match q.categories.iter().find(|(qc, _)| qc.id == c.id) {
                    None => "not asked".to_string(),
                    Some((_, 0)) => "no evidence yet".to_string(),
                    Some((_, 1)) => "1 item".to_string(),
                    Some((_, n)) => format!("{n} items"),
                };
                row.push(vec![Inline::text(cell)]);
            }
            row
        })
        .collect();
    d.push(Block::Table { header, rows: body });
    let unused: Vec<&str> = fw
        .evidence_categories
        .iter()
        .filter(|c| !used.iter().any(|u| u.id == c.id))
        .map(|c| c.label.as_str())
        .collect();
    if !unused.is_empty() {
        d.para(vec![Inline::text(format!(
            "Declared but asked of no {}: {}.",
            fw.item_label.to_lowercase(),
            unused.join(", ")
        ))]);
    }
}
