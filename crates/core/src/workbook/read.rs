//! Reading a workbook file, checking it against its embedded framework.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::codec::{Cx, Record};
use super::onsite::{Agreed, Findings, Reviewer};
use super::{Answer, CaseStudy, Conflict, EvidenceItem, FORMAT, MetricValue, Review, Workbook};
use crate::diag::{Diagnostic, Diagnostics};
use crate::framework::{self, Framework, Origin};
use crate::yaml::read::{Obj, Reader, Unknown, is_item_id};
use crate::yaml::{self, Path, Pos, Value};

const TOP_KEYS: &[&str] = &[
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
    "framework",
];
const FRAMEWORK_KEYS: &[&str] = &["id", "version", "digest", "content"];

/// Why a workbook could not be opened: every error found, with positions.
#[derive(Debug, Clone)]
pub struct LoadError(pub Diagnostics);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Reads a workbook from file bytes. On success returns the workbook and
/// any warnings (unknown keys kept, metrics the framework lacks).
pub fn from_text(file: &str, bytes: &[u8]) -> Result<(Workbook, Diagnostics), LoadError> {
    let doc = yaml::decode(bytes).and_then(yaml::parse).map_err(|e| {
        let mut d = Diagnostics::default();
        let help = match e.help {
            Some(h) => format!("{h}; the file was not changed"),
            None => "fix the YAML syntax at this point; the file was not changed".to_string(),
        };
        d.push(Diagnostic::error(file, e.pos, e.message).with_help(help));
        LoadError(d)
    })?;
    let read = from_document(file, &doc);
    yaml::drop_in_background(doc);
    read
}

fn from_document(file: &str, doc: &yaml::Document) -> Result<(Workbook, Diagnostics), LoadError> {
    let mut r = Reader::new(file, &doc.index, Unknown::Keep);
    let root = Path::root();
    if doc.value.is_null() {
        r.error(
            &root,
            "the file is empty",
            "create a workbook with `peerbook new`",
        );
        return Err(LoadError(r.diags));
    }
    let top = r
        .obj(
            &doc.value,
            &root,
            "the workbook",
            TOP_KEYS,
            &["kind", "format", "review", "framework"],
        )
        .ok_or_else(|| LoadError(r.diags.clone()))?;
    if let Some(kind) = r.text(&top, "kind")
        && kind != "workbook"
    {
        let help = if kind == "framework" {
            "this file is a framework; check it with `peerbook validate`, or make a workbook from it with `peerbook new --framework PATH`"
        } else {
            "a workbook starts with `kind: workbook`"
        };
        r.error(
            &top.at("kind"),
            format!("'kind' is '{kind}', not 'workbook'"),
            help,
        );
        return Err(LoadError(r.diags));
    }
    if let Some(n) = r.int(&top, "format")
        && n != FORMAT
    {
        r.error(
            &top.at("format"),
            format!("workbook format {n} is not supported by this peerbook"),
            "supported formats: 1; a newer peerbook may open it",
        );
        return Err(LoadError(r.diags));
    }
    let (framework, framework_extra) = read_framework(&mut r, &top, &doc.index);
    let cx = Cx {
        fw: framework.as_ref(),
        evidence: None,
    };
    let review = top
        .get("review")
        .and_then(|v| Review::read(&mut r, v, &top.at("review"), &cx))
        .unwrap_or_default();
    let evidence = read_evidence(&mut r, &top, &cx);
    let known: HashSet<&str> = evidence.iter().map(|e| e.id.as_str()).collect();
    let answers = read_answers(
        &mut r,
        &top,
        &Cx {
            evidence: Some(&known),
            ..cx
        },
    );
    let metrics = items::<MetricValue>(&mut r, &top, "metrics", &cx);
    let proud_of = items::<CaseStudy>(&mut r, &top, "proud_of", &cx);
    let reviewers = read_reviewers(&mut r, &top, &cx);
    let consensus = items::<Agreed>(&mut r, &top, "consensus", &cx);
    let findings = top
        .get("findings")
        .and_then(|v| Findings::read(&mut r, v, &top.at("findings"), &cx))
        .unwrap_or_default();
    let conflicts = items::<Conflict>(&mut r, &top, "conflicts", &cx);
    super::programme::check(
        &mut r,
        (&top.at("review"), &review),
        (&top.at("reviewers"), &reviewers),
    );
    let extra = top.extra.clone();
    r.diags.sort();
    match framework {
        Some(framework) if !r.diags.has_errors() => {
            let mut wb = Workbook {
                review,
                framework: Arc::new(framework),
                answers,
                evidence: Arc::new(evidence),
                metrics,
                proud_of,
                reviewers,
                consensus,
                findings,
                framework_extra,
                conflicts,
                extra,
            };
            wb.sort_answers();
            Ok((wb, r.diags))
        }
        _ => Err(LoadError(r.diags)),
    }
}

fn read_framework(
    r: &mut Reader,
    top: &Obj,
    index: &yaml::PosIndex,
) -> (Option<Framework>, yaml::Mapping) {
    let Some(v) = top.get("framework") else {
        return (None, yaml::Mapping::new());
    };
    let Some(o) = r.obj(
        v,
        &top.at("framework"),
        "the embedded framework",
        FRAMEWORK_KEYS,
        &["id", "version", "digest", "content"],
    ) else {
        return (None, yaml::Mapping::new());
    };
    let extra = o.extra.clone();
    (embedded(r, &o, index), extra)
}

fn embedded(r: &mut Reader, o: &Obj, index: &yaml::PosIndex) -> Option<Framework> {
    let id = r.req_text(o, "id");
    let version = r.req_text(o, "version");
    let digest = r.req_text(o, "digest");
    let content = o.get("content")?;
    let (fw, diags) = framework::from_value(
        r.file,
        content,
        index,
        &o.at("content"),
        Origin::Embedded(r.file.to_string()),
    );
    // The embedded framework's own warnings (maps_to into frameworks not
    // loaded) are not the workbook's business.
    r.diags
        .0
        .extend(diags.0.into_iter().filter(|d| d.is_error()));
    let fw = fw?;
    if fw.digest != digest {
        r.error(
            &o.at("digest"),
            "the embedded framework does not match its digest: it was changed after the workbook was made",
            "undo the edit to `framework.content` (the previous save is kept as NAME.yaml.bak); to change the questions, edit a framework file with a new version and move the workbook to it with `peerbook upgrade`",
        );
    }
    if fw.id != id || fw.version != version {
        r.error(
            &o.at("id"),
            format!(
                "the workbook names framework {id}@{version} but embeds {}",
                fw.key()
            ),
            "make `framework.id` and `framework.version` match the embedded content",
        );
    }
    Some(fw)
}

/// The items of a top-level list, each read at its own place.
fn items<T: Record>(r: &mut Reader, top: &Obj, key: &str, cx: &Cx) -> Vec<T> {
    r.list(top, key)
        .into_iter()
        .filter_map(|(p, v)| T::read(r, v, &p, cx))
        .collect()
}

/// Evidence ids are well formed and used once.
fn read_evidence(r: &mut Reader, top: &Obj, cx: &Cx) -> Vec<EvidenceItem> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for (ep, ev) in r.list(top, "evidence") {
        let Some(item) = EvidenceItem::read(r, ev, &ep, cx) else {
            continue;
        };
        if has(ev, "id") {
            let id = &item.id;
            let here = r.pos(&ep.key("id"));
            if !is_item_id(id) {
                r.error_at(
                    here,
                    format!("evidence id '{id}' has characters that are not allowed"),
                    "use letters, digits, '.', '_' and '-', e.g. `ev-12`",
                );
            } else if let Some(first) = seen.get(id) {
                let line = first.line;
                r.error_at(
                    here,
                    format!("evidence id '{id}' is used twice (first at line {line})"),
                    "give each evidence item its own id",
                );
            } else {
                seen.insert(id.clone(), here);
            }
        }
        out.push(item);
    }
    out
}

/// Whether a mapping has a key with a value (not empty).
fn has(v: &Value, key: &str) -> bool {
    v.get(key).is_some_and(|v| !v.is_null())
}

/// Each question is answered once.
fn read_answers(r: &mut Reader, top: &Obj, cx: &Cx) -> Vec<Answer> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for (ap, av) in r.list(top, "answers") {
        let Some(answer) = Answer::read(r, av, &ap, cx) else {
            continue;
        };
        let question = &answer.question;
        let here = r.pos(&ap.key("question"));
        if let Some(first) = seen.get(question) {
            let line = first.line;
            r.error_at(
                here,
                format!("question '{question}' is answered twice (first at line {line})"),
                "merge the two answers into one",
            );
        }
        seen.insert(question.clone(), here);
        out.push(answer);
    }
    out
}

/// Each reviewer has one section.
fn read_reviewers(r: &mut Reader, top: &Obj, cx: &Cx) -> Vec<Reviewer> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for (p, v) in r.list(top, "reviewers") {
        let Some(reviewer) = Reviewer::read(r, v, &p, cx) else {
            continue;
        };
        let name = &reviewer.name;
        let here = r.pos(&p.key("name"));
        if let Some(first) = seen.get(name) {
            let line = first.line;
            r.error_at(
                here,
                format!("reviewer '{name}' appears twice (first at line {line})"),
                "keep one section per reviewer",
            );
        }
        seen.insert(name.clone(), here);
        out.push(reviewer);
    }
    out
}
