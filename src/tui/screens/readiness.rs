//! The Dashboard's readiness lines (issue 15): for a framework with
//! evidence categories, which kinds of evidence each question still lacks.

use ratatui::text::Line;

use crate::review::readiness::readiness;
use crate::text::{cut, inert};
use crate::workbook::Workbook;

/// "Evidence by category: 2 of 9 ready", then one line per question that
/// lacks a category ("QS1 no evidence yet: People's experience, …"), at
/// most `room` lines. Nothing for a framework without categories.
pub fn lines(wb: &Workbook, width: usize, room: usize) -> Vec<Line<'static>> {
    let rows = readiness(wb);
    if rows.is_empty() || room == 0 {
        return Vec::new();
    }
    let ready = rows.iter().filter(|q| q.is_ready()).count();
    let mut out = vec![Line::from(format!(
        "Evidence by category: {ready} of {} with every category",
        rows.len()
    ))];
    let lacking: Vec<_> = rows.iter().filter(|q| !q.is_ready()).collect();
    for (i, q) in lacking.iter().enumerate() {
        if out.len() + 1 >= room && i + 1 < lacking.len() {
            out.push(Line::from(format!("  … and {} more", lacking.len() - i)));
            break;
        }
        let missing: Vec<&str> = q.missing().map(|c| c.label.as_str()).collect();
        let text = format!(
            "  {} no evidence yet: {}",
            inert(q.reference),
            inert(&missing.join(", "))
        );
        out.push(Line::from(cut(&text, width)));
    }
    out
}
