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
    let mut w = yaml::DocWriter::new(64 * 1024, &wb.extra);
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
    w.unplaced(ORDER);
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

/// The top-level keys, in the order written.
const ORDER: &[&str] = &[
    "kind",
    "format",
    "review",
    "answers",
    "evidence",
    "metrics",
    "proud_of",
    "reviewers",
    "consensus",
    "findings",
    "conflicts",
    "copy",
    "framework",
];
