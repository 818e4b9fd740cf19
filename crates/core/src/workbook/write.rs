//! Writing a workbook: a fixed key order, empty values left out, text as the
//! person wrote it (in the quotes they chose, while it is unchanged), unknown
//! and `x-` keys put back where they were found: after the known key each
//! followed.

use super::FORMAT;
use super::Workbook;
use super::codec::{Record, WCx};
use crate::yaml::{self, Value};

/// The workbook as YAML text. The same workbook always gives the same bytes.
/// Written a section and a list item at a time: the whole workbook is never
/// built as one YAML value, which at 100× size would take more memory than
/// the workbook itself.
pub fn to_text(wb: &Workbook) -> String {
    to_text_sized(wb, 64 * 1024)
}

/// As [`to_text`], into a buffer made `bytes` long at the start: a save
/// passes about the length of the file it replaces, so the text is written
/// into one allocation instead of one doubling after another (a 4.3 MB
/// workbook would otherwise pass through buffers of 4 and 8 MB, which at
/// 100× size takes the save over its memory target). A text longer than
/// `bytes` still comes out whole: the buffer grows as it must.
pub fn to_text_sized(wb: &Workbook, bytes: usize) -> String {
    let mut w = yaml::DocWriter::new(bytes, &wb.extra);
    w.entry("kind", &"workbook".into());
    w.entry("format", &FORMAT.into());
    let cx = WCx {
        rated: wb.framework.scale.is_some(),
        file: true,
    };
    w.entry("review", &wb.review.to_value(&cx));
    w.list("answers", wb.answers.iter().map(|a| a.to_value(&cx)));
    w.list("evidence", wb.evidence.iter().map(|e| e.to_value(&cx)));
    w.list("metrics", wb.metrics.iter().map(|m| m.to_value(&cx)));
    w.list("proud_of", wb.proud_of.iter().map(|c| c.to_value(&cx)));
    w.list("reviewers", wb.reviewers.iter().map(|r| r.to_value(&cx)));
    w.list("consensus", wb.consensus.iter().map(|a| a.to_value(&cx)));
    if wb.findings.is_empty() {
        w.skip("findings");
    } else {
        w.entry("findings", &wb.findings.to_value(&cx));
    }
    w.list("conflicts", wb.conflicts.iter().map(|c| c.to_value(&cx)));
    match &wb.copy {
        Some(copy) => w.entry("copy", &copy.to_value(&cx)),
        None => w.skip("copy"),
    }
    // Kept keys with no known key to follow go before the framework, which
    // is last.
    w.unplaced(super::TOP_KEYS);
    let fw = &wb.framework;
    let (id, version, digest) = (
        Value::from(fw.id.as_str()),
        Value::from(fw.version.as_str()),
        Value::from(fw.digest.as_str()),
    );
    w.mapping(
        "framework",
        &[
            ("id", &id),
            ("version", &version),
            ("digest", &digest),
            ("content", &fw.content),
        ],
        &wb.framework_extra,
    );
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::super::{EvidenceItem, TeamMember, from_text, one_question_workbook};
    use super::to_text;

    /// The one-question workbook with a team member, strengths and an
    /// evidence item, as peerbook writes it.
    fn written() -> String {
        let mut wb = one_question_workbook();
        wb.evidence_mut().push(EvidenceItem {
            id: "e1".into(),
            title: "Share of people at home".into(),
            unit: Some("%".into()),
            ..Default::default()
        });
        wb.answers[0].strengths = vec!["Good: staff".into(), "Quick".into()];
        wb.answers[0].evidence = vec!["e1".into()];
        wb.review.team.push(TeamMember {
            name: "Ann".into(),
            role: Some("Lead peer".into()),
            ..Default::default()
        });
        to_text(&wb)
    }

    #[test]
    fn a_buffer_sized_too_small_or_large_gives_the_same_text() {
        let mut wb = super::super::one_question_workbook();
        wb.answers[0].narrative = "Visits are planned weekly. ".repeat(400);
        let text = to_text(&wb);
        assert!(text.len() > 10_000, "{}", text.len());
        for bytes in [
            0,
            1,
            100,
            text.len() - 1,
            text.len(),
            text.len() + 1,
            1 << 20,
        ] {
            let sized = super::to_text_sized(&wb, bytes);
            assert_eq!(sized, text, "sized to {bytes}");
            if bytes >= text.len() {
                assert_eq!(
                    sized.capacity(),
                    bytes,
                    "one buffer of {bytes}, never grown"
                );
            }
        }
    }

    fn edit(text: &str, from: &str, to: &str) -> String {
        assert!(text.contains(from), "{from:?} is not in:\n{text}");
        text.replacen(from, to, 1)
    }

    /// The same workbook as a person might have edited it: `x-` keys
    /// between known keys (first, at the top level, in the review, in a team
    /// member, in an answer, in an evidence item) and text in quotes of
    /// their own choosing, or none where peerbook would quote.
    fn by_hand() -> String {
        let mut t = written();
        for (from, to) in [
            ("kind: workbook\n", "x-first: yes\nkind: workbook\n"),
            (
                "format: 1\n",
                "format: 1\nx-made-by: \"the council's own tool\"\n",
            ),
            ("  council: C\n", "  council: \"C\"\n  x-note: 'kept'\n"),
            (
                "  - name: Ann\n    role: Lead peer\n",
                "  - name: Ann\n    x-pronouns: she/her\n    role: 'Lead peer'\n",
            ),
            (
                "- question: a\n",
                "- question: a\n  x-owner-note: \"ask Ann\"\n",
            ),
            (
                "  - 'Good: staff'\n  - Quick\n",
                "  - \"Good: staff\"\n  - 'Quick'\n",
            ),
            (
                "  title: Share of people at home\n",
                "  title: Share of people at home\n  x-source: ONS\n",
            ),
            ("  unit: '%'\n", "  unit: \"%\"\n"),
        ] {
            t = edit(&t, from, to);
        }
        t
    }

    #[test]
    fn an_unchanged_workbook_saves_back_as_it_was_written() {
        let text = by_hand();
        let (wb, _) = from_text("wb.yaml", text.as_bytes()).expect("it loads");
        assert_eq!(wb.extra.get("x-first"), Some(&"yes".into()));
        assert_eq!(wb.evidence[0].unit.as_deref(), Some("%"));
        assert_eq!(to_text(&wb), text);
        // What peerbook wrote itself saves back as it was too.
        let written = written();
        let (wb, _) = from_text("wb.yaml", written.as_bytes()).expect("it loads");
        assert_eq!(to_text(&wb), written);
    }

    #[test]
    fn changed_text_is_written_the_writers_way_and_the_rest_as_it_was() {
        let text = by_hand();
        let (mut wb, _) = from_text("wb.yaml", text.as_bytes()).expect("it loads");
        wb.evidence_mut()[0].unit = Some("% of people".into());
        wb.review.council = "Suffolk County Council".into();
        // Moved, not changed: each keeps its quotes.
        wb.answers[0].strengths.reverse();
        wb.review.team[0].role = None;
        wb.extra.insert("x-added".into(), "new: text".into());
        let mut want = text.clone();
        for (from, to) in [
            ("  unit: \"%\"\n", "  unit: '% of people'\n"),
            ("  council: \"C\"\n", "  council: Suffolk County Council\n"),
            (
                "  - \"Good: staff\"\n  - 'Quick'\n",
                "  - 'Quick'\n  - \"Good: staff\"\n",
            ),
            ("    role: 'Lead peer'\n", ""),
            // A key added since reading goes where new keys always went.
            ("framework:\n", "x-added: 'new: text'\nframework:\n"),
        ] {
            want = edit(&want, from, to);
        }
        let saved = to_text(&wb);
        assert_eq!(saved, want);
        // And it reads back as what was set.
        let (back, _) = from_text("wb.yaml", saved.as_bytes()).expect("it loads");
        assert_eq!(back.evidence[0].unit.as_deref(), Some("% of people"));
        assert_eq!(back.answers[0].strengths, ["Quick", "Good: staff"]);
        assert_eq!(back.extra, wb.extra);
    }

    #[test]
    fn a_kept_key_whose_known_key_is_no_longer_written_stays_in_its_place() {
        let text = edit(
            &by_hand(),
            "    role: 'Lead peer'\n",
            "    role: 'Lead peer'\n    x-after-role: 1\n",
        );
        let (mut wb, _) = from_text("wb.yaml", text.as_bytes()).expect("it loads");
        wb.review.team[0].role = None;
        let saved = to_text(&wb);
        assert!(
            saved.contains("  - name: Ann\n    x-pronouns: she/her\n    x-after-role: 1\nanswers:"),
            "{saved}"
        );
    }
}
