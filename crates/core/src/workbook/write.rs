//! Writing a workbook: a fixed key order, empty values left out, text as the
//! person wrote it, unknown keys put back where they were found.

use super::{Answer, CaseStudy, EvidenceItem, FORMAT, MetricValue, Rating, Review, Workbook};
use crate::yaml::{self, Mapping, Value};

/// The workbook as YAML text. The same workbook always gives the same bytes.
/// Written a section and a list item at a time: the whole workbook is never
/// built as one YAML value, which at 100× size would take more memory than
/// the workbook itself.
pub fn to_text(wb: &Workbook) -> String {
    let mut w = yaml::DocWriter::with_capacity(64 * 1024);
    w.entry("kind", &"workbook".into());
    w.entry("format", &FORMAT.into());
    w.entry("review", &review(&wb.review));
    let rated = wb.framework.scale.is_some();
    w.list("answers", wb.answers.iter().map(|a| answer(a, rated)));
    w.list("evidence", wb.evidence.iter().map(evidence));
    w.list("metrics", wb.metrics.iter().map(metric));
    w.list("proud_of", wb.proud_of.iter().map(case));
    w.list(
        "reviewers",
        wb.reviewers.iter().map(super::onsite_write::reviewer),
    );
    w.list(
        "consensus",
        wb.consensus.iter().map(super::onsite_write::agreed),
    );
    if !wb.findings.is_empty() {
        w.entry("findings", &super::onsite_write::findings(&wb.findings));
    }
    w.list("conflicts", wb.conflicts.iter().cloned());
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

#[derive(Default)]
pub(super) struct Obj(Mapping);

impl Obj {
    pub(super) fn put(&mut self, key: &str, v: Value) {
        self.0.insert(key.into(), v);
    }
    pub(super) fn text(&mut self, key: &str, v: &str) {
        if !v.is_empty() {
            self.put(key, v.into());
        }
    }
    pub(super) fn opt(&mut self, key: &str, v: &Option<String>) {
        if let Some(v) = v {
            self.text(key, v);
        }
    }
    pub(super) fn num(&mut self, key: &str, v: Option<f64>) {
        if let Some(v) = v {
            self.put(key, number(v));
        }
    }
    pub(super) fn texts(&mut self, key: &str, items: &[String]) {
        self.list(key, items.iter().map(|s| s.as_str().into()));
    }
    pub(super) fn list(&mut self, key: &str, items: impl Iterator<Item = Value>) {
        let items: Vec<Value> = items.collect();
        if !items.is_empty() {
            self.put(key, Value::Sequence(items));
        }
    }
    pub(super) fn extra(&mut self, extra: &Mapping) {
        for (k, v) in extra {
            self.0.insert(k.clone(), v.clone());
        }
    }
    pub(super) fn done(self) -> Value {
        Value::Mapping(self.0)
    }
}

/// Whole numbers are written without a decimal point.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).into()
    } else {
        v.into()
    }
}

fn review(r: &Review) -> Value {
    let mut m = Obj::default();
    m.put("council", r.council.as_str().into());
    m.put("title", r.title.as_str().into());
    m.texts("focus", &r.focus);
    if let Some(d) = r.onsite_start {
        m.put("onsite_start", d.to_string().into());
    }
    if let Some(d) = r.onsite_end {
        m.put("onsite_end", d.to_string().into());
    }
    m.list(
        "team",
        r.team.iter().map(|t| {
            let mut p = Obj::default();
            p.put("name", t.name.as_str().into());
            p.opt("role", &t.role);
            p.opt("organisation", &t.organisation);
            p.opt("email", &t.email);
            p.extra(&t.extra);
            p.done()
        }),
    );
    m.extra(&r.extra);
    m.done()
}

fn answer(a: &Answer, rated: bool) -> Value {
    let mut m = Obj::default();
    m.put("question", a.question.as_str().into());
    m.put("status", a.status.as_str().into());
    match a.rating {
        Rating::Level(n) if rated => m.put("rating", n.into()),
        Rating::NotApplicable if rated => m.put("rating", "n/a".into()),
        _ => {}
    }
    m.opt("owner", &a.owner);
    m.text("narrative", &a.narrative);
    m.texts("strengths", &a.strengths);
    m.texts("areas", &a.areas);
    m.texts("evidence", &a.evidence);
    if let Some(c) = &a.changed {
        let mut ch = Obj::default();
        ch.put(
            "at",
            c.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                .into(),
        );
        ch.text("by", &c.by);
        ch.extra(&c.extra);
        m.put("changed", ch.done());
    }
    m.extra(&a.extra);
    m.done()
}

fn evidence(e: &EvidenceItem) -> Value {
    let mut m = Obj::default();
    m.put("id", e.id.as_str().into());
    m.put("title", e.title.as_str().into());
    m.put("kind", e.kind.as_str().into());
    m.opt("location", &e.location);
    if let Some(d) = e.date {
        m.put("date", d.to_string().into());
    }
    m.opt("owner", &e.owner);
    m.opt("note", &e.note);
    m.num("value", e.value);
    m.opt("unit", &e.unit);
    m.opt("period", &e.period);
    m.opt("comparator", &e.comparator);
    m.num("comparator_value", e.comparator_value);
    m.num("target", e.target);
    m.extra(&e.extra);
    m.done()
}

fn metric(v: &MetricValue) -> Value {
    let mut m = Obj::default();
    m.put("metric", v.metric.as_str().into());
    m.num("value", v.value);
    m.opt("period", &v.period);
    m.opt("comparator", &v.comparator);
    m.num("comparator_value", v.comparator_value);
    m.num("target", v.target);
    m.opt("note", &v.note);
    m.extra(&v.extra);
    m.done()
}

fn case(c: &CaseStudy) -> Value {
    let mut m = Obj::default();
    m.put("title", c.title.as_str().into());
    m.opt("summary", &c.summary);
    m.opt("what_we_did", &c.what_we_did);
    m.opt("impact", &c.impact);
    m.opt("barriers", &c.barriers);
    m.opt("conditions", &c.conditions);
    m.opt("contact", &c.contact);
    m.extra(&c.extra);
    m.done()
}
