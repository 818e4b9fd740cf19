//! The dashboard's lines about the team's work: what the peer team will
//! ask about (the core's `review::gaps`).

use ratatui::text::Line;

use super::dashboard::joined_within;
use crate::review::gaps;
use crate::workbook::Workbook;

/// Lines for the dashboard's "Still to do" box.
pub fn still_to_do(lines: &mut Vec<Line<'static>>, wb: &Workbook, room: usize) {
    let today = chrono::Local::now().date_naive();
    let asks = gaps::gaps(wb, today);
    if asks.is_empty() {
        return;
    }
    let months = gaps::evidence_months(wb);
    let said: Vec<String> = asks
        .iter()
        .map(|q| {
            let what: Vec<String> = q.gaps.iter().map(|g| short(g, months)).collect();
            format!("{} ({})", q.reference, what.join(", "))
        })
        .collect();
    lines.push(Line::from(format!(
        "The peer team will ask about ({}): {}",
        asks.len(),
        joined_within(said.iter().map(String::as_str), room)
    )));
}

/// A gap in a few words.
fn short(g: &gaps::Gap, months: u32) -> String {
    match g {
        gaps::Gap::NoEvidence => "no evidence".into(),
        gaps::Gap::OldEvidence(items) => {
            format!("{} older than {months} months", items.len())
        }
        gaps::Gap::OverWordLimit { words, limit } => format!("{words}/{limit} words"),
        gaps::Gap::NoStrengths => "no strengths".into(),
        gaps::Gap::NoAreas => "no areas".into(),
    }
}
