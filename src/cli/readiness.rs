//! What `peerbook status` says about readiness (issue 15): for a framework
//! with evidence categories, which kinds of evidence each question has and
//! which it still lacks, and `peerbook frameworks --long`, which shows each
//! framework's source with its `notes` beside it.

use std::fmt::Write;

use crate::framework::registry::Registry;
use crate::review::readiness::{self, QuestionReadiness};
use crate::workbook::Workbook;

/// The "Readiness" section of `status`, nothing for a framework without
/// evidence categories.
pub fn status_text(out: &mut String, wb: &Workbook) {
    let rows = readiness::readiness(wb);
    if rows.is_empty() {
        return;
    }
    let ready = rows.iter().filter(|q| q.is_ready()).count();
    let _ = writeln!(
        out,
        "\nReadiness (linked evidence by category): {ready} of {} with every category",
        rows.len()
    );
    let w = rows
        .iter()
        .map(|q| q.reference.chars().count())
        .max()
        .unwrap_or(0);
    for q in &rows {
        let _ = writeln!(out, "  {:<w$}  {}", q.reference, readiness::line(q));
    }
}

/// The readiness rows as `status --format json` gives them.
#[derive(serde::Serialize)]
pub struct Json<'a> {
    question: &'a str,
    #[serde(rename = "ref")]
    reference: &'a str,
    categories: Vec<JsonCategory<'a>>,
    /// Ids of the categories with no evidence yet.
    missing: Vec<&'a str>,
}

#[derive(serde::Serialize)]
struct JsonCategory<'a> {
    id: &'a str,
    label: &'a str,
    evidence: usize,
}

/// `None` for a framework without evidence categories, so its document is
/// as it always was.
pub fn json(wb: &Workbook) -> Option<Vec<Json<'_>>> {
    let rows = readiness::readiness(wb);
    if rows.is_empty() {
        return None;
    }
    Some(rows.into_iter().map(row_json).collect())
}

fn row_json(q: QuestionReadiness<'_>) -> Json<'_> {
    Json {
        question: q.question,
        reference: q.reference,
        missing: q
            .categories
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(c, _)| c.id.as_str())
            .collect(),
        categories: q
            .categories
            .iter()
            .map(|(c, n)| JsonCategory {
                id: &c.id,
                label: &c.label,
                evidence: *n,
            })
            .collect(),
    }
}

/// `peerbook frameworks --long`: each framework's title, where it comes
/// from (`source`, `url`) and what is the source's and what is the
/// author's (`notes`).
pub fn frameworks_long(reg: &Registry) -> String {
    let mut out = String::new();
    for f in &reg.frameworks {
        let _ = writeln!(out, "{}  {}", f.key(), crate::text::inert(&f.title));
        let _ = writeln!(
            out,
            "  {} {}, {}; {}",
            f.question_count(),
            f.items_label(),
            f.scale_name(),
            f.origin
        );
        if !f.evidence_categories.is_empty() {
            let cats: Vec<&str> = f
                .evidence_categories
                .iter()
                .map(|c| c.label.as_str())
                .collect();
            let _ = writeln!(out, "  Evidence categories: {}", cats.join(", "));
        }
        field(&mut out, "Source", f.source.as_deref());
        field(&mut out, "Web", f.url.as_deref());
        field(&mut out, "Notes", f.notes.as_deref());
        out.push('\n');
    }
    out
}

fn field(out: &mut String, name: &str, text: Option<&str>) {
    let Some(text) = text else { return };
    let text = crate::text::inert(text.trim());
    let mut line = format!("  {name}:");
    for word in text.split_whitespace() {
        if line.chars().count() + 1 + word.chars().count() > 78 {
            let _ = writeln!(out, "{line}");
            line = "   ".to_string();
        }
        line.push(' ');
        line.push_str(word);
    }
    let _ = writeln!(out, "{line}");
}
