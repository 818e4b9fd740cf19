//! The self-assessment pack's "What we're proud of": each case study in
//! the shape regional "what we're proud of" collections use (a one-line
//! summary, the problem, partners, what was done, impact and its figures,
//! quotes, barriers, conditions for success, further information, contact),
//! grouped by the theme it illustrates. Empty parts are left out.

use super::doc::{Block, Document, Inline, lines};
use crate::framework::Framework;
use crate::workbook::{CaseStudy, Workbook};

fn t(s: impl Into<String>) -> Inline {
    Inline::text(s)
}

fn b(s: impl Into<String>) -> Inline {
    Inline::strong(s)
}

/// The heading of the case studies that illustrate no theme.
pub const NO_THEME: &str = "Other case studies";

/// The domain a case study's first known question or domain id belongs to,
/// as its index in the framework; None when it names none.
pub fn theme_of(fw: &Framework, c: &CaseStudy) -> Option<usize> {
    c.illustrates.iter().find_map(|id| {
        fw.domains
            .iter()
            .position(|d| d.id == *id || d.questions.iter().any(|q| q.id == *id))
    })
}

/// The case studies grouped by theme, in the framework's domain order, then
/// those with no theme; each group keeps the workbook's order. The theme is
/// None for the last group.
pub fn grouped(wb: &Workbook) -> Vec<(Option<usize>, Vec<&CaseStudy>)> {
    let fw = &wb.framework;
    let themes: Vec<Option<usize>> = wb.proud_of.iter().map(|c| theme_of(fw, c)).collect();
    let mut out = Vec::new();
    for key in (0..fw.domains.len()).map(Some).chain([None]) {
        let group: Vec<&CaseStudy> = wb
            .proud_of
            .iter()
            .zip(&themes)
            .filter(|(_, th)| **th == key)
            .map(|(c, _)| c)
            .collect();
        if !group.is_empty() {
            out.push((key, group));
        }
    }
    out
}

/// Writes the section, from its level-2 heading on.
pub fn section(d: &mut Document, wb: &Workbook) {
    d.heading(2, "What we're proud of");
    if wb.proud_of.is_empty() {
        d.para(vec![t("No case studies were recorded.")]);
        return;
    }
    let groups = grouped(wb);
    // Theme headings only when some case study names a theme.
    let themed = groups.iter().any(|(k, _)| k.is_some());
    for (key, group) in groups {
        let level = if themed {
            let name = key.map_or(NO_THEME, |i| wb.framework.domains[i].title.as_str());
            d.heading(3, name);
            4
        } else {
            3
        };
        for c in group {
            case(d, wb, c, level);
        }
    }
}

fn bullets(d: &mut Document, items: &[String]) {
    if !items.is_empty() {
        d.push(Block::Bullets(items.iter().map(|s| lines(s)).collect()));
    }
}

fn text_part(d: &mut Document, label: &str, v: &Option<String>) {
    if let Some(v) = v.as_ref().filter(|v| !v.trim().is_empty()) {
        d.para(vec![b(label)]);
        d.push(Block::UserText(v.clone()));
    }
}

fn list_part(d: &mut Document, label: &str, items: &[String]) {
    if !items.is_empty() {
        d.para(vec![b(label)]);
        bullets(d, items);
    }
}

/// What a case study illustrates, as the pack names questions and domains.
fn illustrates(wb: &Workbook, c: &CaseStudy) -> Vec<String> {
    let fw = &wb.framework;
    c.illustrates
        .iter()
        .map(|id| match fw.question(id) {
            Some((_, q)) => format!("{}: {}", q.display_ref(), q.text),
            None => fw
                .domains
                .iter()
                .find(|d| d.id == *id)
                .map_or_else(|| id.clone(), |d| d.title.clone()),
        })
        .collect()
}

fn case(d: &mut Document, wb: &Workbook, c: &CaseStudy, level: u8) {
    d.heading(level, &c.title);
    if let Some(s) = c.summary.as_ref().filter(|s| !s.trim().is_empty()) {
        d.push(Block::Para(vec![Inline::Emphasis(s.trim().to_string())]));
    }
    let ill = illustrates(wb, c);
    if !ill.is_empty() {
        d.para(vec![b("Illustrates: "), t(ill.join("; "))]);
    }
    if !c.partners.is_empty() {
        d.para(vec![b("Partners: "), t(c.partners.join("; "))]);
    }
    text_part(d, "The problem it addressed", &c.problem);
    text_part(d, "What we did", &c.what_we_did);
    if c.impact.is_some() || !c.figures.is_empty() {
        d.para(vec![b("Impact")]);
        if let Some(v) = &c.impact {
            d.push(Block::UserText(v.clone()));
        }
        bullets(d, &c.figures);
    }
    let quotes: Vec<String> = c.quotes.iter().map(|q| quoted(q)).collect();
    list_part(d, "In their words", &quotes);
    list_part(d, "What were the barriers to success?", &c.barriers);
    list_part(d, "What were the conditions for success?", &c.conditions);
    if c.further_information.is_some() || !c.links.is_empty() {
        d.para(vec![b("Further information")]);
        if let Some(v) = &c.further_information {
            d.push(Block::UserText(v.clone()));
        }
        bullets(d, &c.links);
    }
    if let Some(v) = c.contact.as_ref().filter(|v| !v.trim().is_empty()) {
        d.para(vec![b("Contact: "), t(v.trim())]);
    }
}

/// A quote in curly quotation marks, unless it already has some; who said
/// it may follow " — " and stays outside the marks.
fn quoted(q: &str) -> String {
    let q = q.trim();
    let (words, who) = match q.rsplit_once(" \u{2014} ") {
        Some((w, who)) => (w.trim(), format!(" \u{2014} {}", who.trim())),
        None => (q, String::new()),
    };
    if words.starts_with(['"', '\u{201c}']) {
        format!("{words}{who}")
    } else {
        format!("\u{201c}{words}\u{201d}{who}")
    }
}
