//! A draft of a pack: the same document, marked DRAFT in its title, its
//! heading block and (in Word) its title property, with what is still to
//! settle listed under the title. `peerbook export --draft` writes one while
//! the checks before the feedback report ([`crate::review::coverage`])
//! still find something.

use super::doc::{Block, Document, Inline};
use super::{Format, Options, Pack, build, docx, markdown};
use crate::review::coverage::{self, Blocker};
use crate::workbook::Workbook;

/// What a draft's title starts with.
pub const MARK: &str = "DRAFT";

/// Marks a built document as a draft: `DRAFT:` before its title, and a
/// paragraph after it saying so, with the blockers listed.
pub fn mark(doc: &mut Document, blockers: &[Blocker]) {
    let at = match doc
        .blocks
        .iter_mut()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
    {
        Some(i) => {
            if let Block::Heading { text, .. } = &mut doc.blocks[i] {
                *text = format!("{MARK}: {text}");
            }
            i + 1
        }
        None => 0,
    };
    let said = if blockers.is_empty() {
        format!("{MARK}: not the final report.")
    } else {
        format!(
            "{MARK}: not the final report. Still to settle ({}):",
            blockers.len()
        )
    };
    let mut add = vec![Block::Para(vec![Inline::strong(said)])];
    if !blockers.is_empty() {
        add.push(Block::Bullets(
            blockers
                .iter()
                .map(|b| vec![Inline::text(b.to_string())])
                .collect(),
        ));
    }
    doc.blocks.splice(at..at, add);
}

/// A pack as file bytes, marked as a draft with the feedback report's
/// blockers (for other packs, with none listed). `author` is named in a
/// Word file's properties, as [`super::render_by`] does.
pub fn render(wb: &Workbook, pack: Pack, format: Format, opts: &Options, author: &str) -> Vec<u8> {
    let blockers = if pack == Pack::Feedback {
        coverage::feedback_blockers(wb)
    } else {
        Vec::new()
    };
    let mut d = build(wb, pack, opts);
    mark(&mut d, &blockers);
    match format {
        Format::Markdown => {
            let mut s = markdown::render(&d);
            s.push('\n');
            s.into_bytes()
        }
        Format::Docx => docx::render_with(
            &d,
            &docx::Properties {
                title: &format!("{MARK}: {}", super::title(wb, pack)),
                author,
                date: Some(opts.produced),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;
    use chrono::NaiveDate;

    #[test]
    fn a_draft_says_so_in_its_title_and_lists_what_is_left() {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let wb = Workbook::new(fw, "Suffolk", "Reablement");
        let opts = Options {
            produced: NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(),
        };
        let md =
            String::from_utf8(render(&wb, Pack::Feedback, Format::Markdown, &opts, "")).unwrap();
        assert!(
            md.starts_with("# DRAFT: Suffolk: peer review feedback report"),
            "{md}"
        );
        assert!(md.contains("**DRAFT: not the final report. Still to settle ("));
        assert!(md.contains("no agreed rating: KLOE 1"));
        assert!(md.contains("nothing written yet: Key messages"));
        let plain = String::from_utf8(super::super::render(
            &wb,
            Pack::Feedback,
            Format::Markdown,
            &opts,
        ))
        .unwrap();
        assert!(!plain.contains("DRAFT"));
    }
}
