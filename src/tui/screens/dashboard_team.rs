//! The dashboard's lines about the team's work: what the peer team will
//! ask about (the core's `review::gaps`), how many answers are signed off,
//! and the open comments.

use ratatui::text::Line;

use crate::review::gaps;
use crate::tui::widgets::joined::joined_within;
use crate::workbook::{Workbook, comments, signoff};

/// Lines for the dashboard's "Still to do" box.
pub fn still_to_do(lines: &mut Vec<Line<'static>>, wb: &Workbook, room: usize) {
    lines.push(Line::from(format!(
        "{} of {} signed off",
        signoff::signed_off_count(wb),
        wb.framework.question_count()
    )));
    let open = comments::open(wb);
    if !open.is_empty() {
        let said: Vec<String> = open
            .iter()
            .map(|(q, c)| {
                let r = wb
                    .framework
                    .question(q)
                    .map_or(q.to_string(), |(_, x)| x.display_ref().to_string());
                format!("{r} {}: {}", c.by, crate::text::one_line(&c.text, 40))
            })
            .collect();
        lines.push(Line::from(format!(
            "Open comments ({}): {}",
            open.len(),
            joined_within(said.iter().map(String::as_str), room)
        )));
    }
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
