//! The pack's "What the peer team will ask" part of its gaps: per
//! question, the rules of [`crate::review::gaps`] in words.

use super::doc::{Block, Document, Inline};
use crate::review::gaps::{QuestionGaps, evidence_months};
use crate::workbook::Workbook;

pub fn asks(d: &mut Document, wb: &Workbook, asks: &[QuestionGaps]) {
    if asks.is_empty() {
        return;
    }
    let months = evidence_months(wb);
    d.para(vec![Inline::strong(format!(
        "What the peer team will ask ({})",
        asks.len()
    ))]);
    let items = asks
        .iter()
        .map(|q| {
            let said: Vec<String> = q.gaps.iter().map(|g| g.describe(months)).collect();
            vec![Inline::text(format!(
                "{}: {}",
                q.reference,
                said.join("; ")
            ))]
        })
        .collect();
    d.push(Block::Bullets(items));
}
