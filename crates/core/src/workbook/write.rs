//! Writing a workbook: a fixed key order, empty values left out, text as the
//! person wrote it, unknown keys put back where they were found.

use super::FORMAT;
use super::Workbook;
use super::codec::{Record, WCx};
use crate::yaml::{self, Value};

/// The workbook as YAML text. The same workbook always gives the same bytes.
/// Written a section and a list item at a time: the whole workbook is never
/// built as one YAML value, which at 100× size would take more memory than
/// the workbook itself.
pub fn to_text(wb: &Workbook) -> String {
    let mut w = yaml::DocWriter::with_capacity(64 * 1024);
    w.entry("kind", &"workbook".into());
    w.entry("format", &FORMAT.into());
    let cx = WCx {
        rated: wb.framework.scale.is_some(),
    };
    w.entry("review", &wb.review.to_value(&cx));
    w.list("answers", wb.answers.iter().map(|a| a.to_value(&cx)));
    w.list("evidence", wb.evidence.iter().map(|e| e.to_value(&cx)));
    w.list("metrics", wb.metrics.iter().map(|m| m.to_value(&cx)));
    w.list("proud_of", wb.proud_of.iter().map(|c| c.to_value(&cx)));
    w.list("reviewers", wb.reviewers.iter().map(|r| r.to_value(&cx)));
    w.list("consensus", wb.consensus.iter().map(|a| a.to_value(&cx)));
    if !wb.findings.is_empty() {
        w.entry("findings", &wb.findings.to_value(&cx));
    }
    w.list("conflicts", wb.conflicts.iter().map(|c| c.to_value(&cx)));
    if let Some(copy) = &wb.copy {
        w.entry("copy", &copy.to_value(&cx));
    }
    w.entries(&wb.extra);
    let fw = &wb.framework;
    let named = |k: &str, v: &str| (Value::from(k), Value::from(v));
    let head = [
        named("id", &fw.id),
        named("version", &fw.version),
        named("digest", &fw.digest),
    ];
    let content = Value::from("content");
    w.mapping(
        "framework",
        head.iter()
            .map(|(k, v)| (k, v))
            .chain(wb.framework_extra.iter())
            .chain([(&content, &fw.content)]),
    );
    w.finish()
}
