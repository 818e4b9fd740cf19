//! Reading a workbook file, checking it against its embedded framework.

use std::sync::Arc;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{
    Answer, CaseStudy, Changed, EvidenceItem, EvidenceKind, FORMAT, MetricValue, Rating, Review,
    Status, TeamMember, Workbook,
};
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
const REVIEW_KEYS: &[&str] = &[
    "council",
    "title",
    "focus",
    "onsite_start",
    "onsite_end",
    "team",
];
const MEMBER_KEYS: &[&str] = &["name", "role", "organisation", "email"];
const FRAMEWORK_KEYS: &[&str] = &["id", "version", "digest", "content"];
const ANSWER_KEYS: &[&str] = &[
    "question",
    "status",
    "rating",
    "owner",
    "narrative",
    "strengths",
    "areas",
    "evidence",
    "changed",
];
const CHANGED_KEYS: &[&str] = &["at", "by"];
const EVIDENCE_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "location",
    "date",
    "owner",
    "note",
    "value",
    "unit",
    "period",
    "comparator",
    "comparator_value",
    "target",
];
const METRIC_KEYS: &[&str] = &[
    "metric",
    "value",
    "period",
    "comparator",
    "comparator_value",
    "target",
    "note",
];
const CASE_KEYS: &[&str] = &[
    "title",
    "summary",
    "what_we_did",
    "impact",
    "barriers",
    "conditions",
    "contact",
];
const STATUS_WORDS: &[&str] = &["not-started", "draft", "ready-for-review", "agreed"];
const KIND_WORDS: &[&str] = &["document", "data", "case-file-audit", "feedback", "other"];

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
    let review = top
        .get("review")
        .and_then(|v| read_review(&mut r, v, &top.at("review")))
        .unwrap_or_default();
    let evidence = read_evidence(&mut r, &top);
    let answers = read_answers(&mut r, &top, framework.as_ref(), &evidence);
    let metrics = read_metrics(&mut r, &top, framework.as_ref());
    let proud_of = read_cases(&mut r, &top);
    let (reviewers, consensus, findings) =
        super::onsite_read::read(&mut r, &top, framework.as_ref());
    let conflicts = r
        .list(&top, "conflicts")
        .into_iter()
        .map(|(_, v)| v.clone())
        .collect();
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

fn read_review(r: &mut Reader, v: &Value, path: &Path) -> Option<Review> {
    let o = r.obj(
        v,
        path,
        "the review details",
        REVIEW_KEYS,
        &["council", "title"],
    )?;
    let council = r.req_text(&o, "council");
    let title = r.req_text(&o, "title");
    let focus = r.text_list(&o, "focus");
    let onsite_start = r.date(&o, "onsite_start");
    let onsite_end = r.date(&o, "onsite_end");
    if let Err(e) = Review::check_onsite(onsite_start, onsite_end) {
        r.error(&o.at("onsite_end"), e.to_string(), "check the two dates");
    }
    let mut team = Vec::new();
    for (mp, mv) in r.list(&o, "team") {
        let Some(m) = r.obj(mv, &mp, "a team member", MEMBER_KEYS, &["name"]) else {
            continue;
        };
        team.push(TeamMember {
            name: r.req_text(&m, "name"),
            role: r.text(&m, "role"),
            organisation: r.text(&m, "organisation"),
            email: r.text(&m, "email"),
            extra: m.extra,
        });
    }
    Some(Review {
        council,
        title,
        focus,
        onsite_start,
        onsite_end,
        team,
        extra: o.extra,
    })
}

fn read_evidence(r: &mut Reader, top: &Obj) -> Vec<EvidenceItem> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for (ep, ev) in r.list(top, "evidence") {
        let Some(o) = r.obj(ev, &ep, "an evidence item", EVIDENCE_KEYS, &["id", "title"]) else {
            continue;
        };
        let id = r.req_text(&o, "id");
        if o.has("id") {
            let here = r.pos(&o.at("id"));
            if !is_item_id(&id) {
                r.error_at(
                    here,
                    format!("evidence id '{id}' has characters that are not allowed"),
                    "use letters, digits, '.', '_' and '-', e.g. `ev-12`",
                );
            } else if let Some(first) = seen.get(&id) {
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
        let kind = r
            .choice(&o, "kind", KIND_WORDS)
            .and_then(EvidenceKind::parse)
            .unwrap_or_default();
        out.push(EvidenceItem {
            id,
            title: r.req_text(&o, "title"),
            kind,
            location: r.text(&o, "location"),
            date: r.date(&o, "date"),
            owner: r.text(&o, "owner"),
            note: r.text(&o, "note"),
            value: r.number(&o, "value"),
            unit: r.text(&o, "unit"),
            period: r.text(&o, "period"),
            comparator: r.text(&o, "comparator"),
            comparator_value: r.number(&o, "comparator_value"),
            target: r.number(&o, "target"),
            extra: o.extra,
        });
    }
    out
}

fn read_answers(
    r: &mut Reader,
    top: &Obj,
    fw: Option<&Framework>,
    evidence: &[EvidenceItem],
) -> Vec<Answer> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    let known: std::collections::HashSet<&str> = evidence.iter().map(|e| e.id.as_str()).collect();
    for (ap, av) in r.list(top, "answers") {
        let Some(o) = r.obj(av, &ap, "an answer", ANSWER_KEYS, &["question"]) else {
            continue;
        };
        let question = r.req_text(&o, "question");
        let here = r.pos(&o.at("question"));
        if let Some(first) = seen.get(&question) {
            let line = first.line;
            r.error_at(
                here,
                format!("question '{question}' is answered twice (first at line {line})"),
                "merge the two answers into one",
            );
        }
        seen.insert(question.clone(), here);
        let status = r
            .choice(&o, "status", STATUS_WORDS)
            .and_then(Status::parse)
            .unwrap_or_default();
        let rating = read_rating(r, &o, fw);
        let cited = r.text_list(&o, "evidence");
        for (i, id) in cited.iter().enumerate() {
            if !known.contains(id.as_str()) {
                r.error(
                    &o.at("evidence").idx(i),
                    format!("answer to '{question}' cites evidence '{id}', which is not in the evidence list"),
                    "add the item to `evidence:` or remove the citation",
                );
            }
        }
        let changed = o.get("changed").and_then(|v| {
            let co = r.obj(v, &o.at("changed"), "'changed'", CHANGED_KEYS, &["at"])?;
            let at_text = r.req_text(&co, "at");
            let at = match DateTime::parse_from_rfc3339(at_text.trim()) {
                Ok(t) => t.with_timezone(&Utc),
                Err(_) => {
                    r.error(
                        &co.at("at"),
                        format!("'{at_text}' is not a date and time"),
                        "write it as 2026-03-14T09:30:00Z",
                    );
                    return None;
                }
            };
            Some(Changed {
                at,
                by: r.text(&co, "by").unwrap_or_default(),
                extra: co.extra.clone(),
            })
        });
        out.push(Answer {
            question,
            status,
            rating,
            owner: r.text(&o, "owner"),
            narrative: r.text(&o, "narrative").unwrap_or_default(),
            strengths: r.text_list(&o, "strengths"),
            areas: r.text_list(&o, "areas"),
            evidence: cited,
            changed,
            extra: o.extra,
        });
    }
    out
}

pub(super) fn read_rating(r: &mut Reader, o: &Obj, fw: Option<&Framework>) -> Rating {
    let Some(v) = o.get("rating") else {
        return Rating::None;
    };
    let path = o.at("rating");
    let scale = fw.and_then(|f| f.scale.as_ref());
    let text = yaml::scalar_text(v).unwrap_or_default();
    let Some(fw) = fw else {
        return Rating::None;
    };
    let Some(scale) = scale else {
        r.error(
            &path,
            format!("'{}' is findings-only and has no ratings", fw.key()),
            "remove the `rating:` line",
        );
        return Rating::None;
    };
    if text.eq_ignore_ascii_case("n/a") {
        if scale.not_applicable {
            return Rating::NotApplicable;
        }
        r.error(
            &path,
            "this framework's scale does not allow N/A",
            format!("use one of: {}", scale.describe()),
        );
        return Rating::None;
    }
    match v.as_i64() {
        Some(n) if scale.level(n).is_some() => Rating::Level(n),
        _ => {
            r.error(
                &path,
                format!("rating '{text}' is not on the scale"),
                format!("use one of: {}", scale.describe()),
            );
            Rating::None
        }
    }
}

fn read_metrics(r: &mut Reader, top: &Obj, fw: Option<&Framework>) -> Vec<MetricValue> {
    let mut out = Vec::new();
    for (mp, mv) in r.list(top, "metrics") {
        let Some(o) = r.obj(mv, &mp, "a metric value", METRIC_KEYS, &["metric"]) else {
            continue;
        };
        let metric = r.req_text(&o, "metric");
        if let Some(fw) = fw
            && !fw.metrics.iter().any(|m| m.id == metric)
        {
            r.warning(
                &o.at("metric"),
                format!(
                    "metric '{metric}' is not one of {}'s metrics; it is kept",
                    fw.key()
                ),
                "",
            );
        }
        out.push(MetricValue {
            metric,
            value: r.number(&o, "value"),
            period: r.text(&o, "period"),
            comparator: r.text(&o, "comparator"),
            comparator_value: r.number(&o, "comparator_value"),
            target: r.number(&o, "target"),
            note: r.text(&o, "note"),
            extra: o.extra,
        });
    }
    out
}

fn read_cases(r: &mut Reader, top: &Obj) -> Vec<CaseStudy> {
    let mut out = Vec::new();
    for (cp, cv) in r.list(top, "proud_of") {
        let Some(o) = r.obj(cv, &cp, "a case study", CASE_KEYS, &["title"]) else {
            continue;
        };
        out.push(CaseStudy {
            title: r.req_text(&o, "title"),
            summary: r.text(&o, "summary"),
            what_we_did: r.text(&o, "what_we_did"),
            impact: r.text(&o, "impact"),
            barriers: r.text(&o, "barriers"),
            conditions: r.text(&o, "conditions"),
            contact: r.text(&o, "contact"),
            extra: o.extra,
        });
    }
    out
}
