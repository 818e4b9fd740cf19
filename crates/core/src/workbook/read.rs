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
            super::TOP_KEYS,
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
    let (mut framework, framework_extra, digest) = read_framework(&mut r, &top, &doc.index);
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
    let copy = top
        .get("copy")
        .and_then(|v| super::CopyOf::read(&mut r, v, &top.at("copy"), &cx));
    if let (Some(fw), Some(digest)) = (framework.as_mut(), digest) {
        digest.check(&mut r, fw);
    }
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
                copy,
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
) -> (Option<Framework>, yaml::Kept, Option<PendingDigest>) {
    let Some(v) = top.get("framework") else {
        return (None, yaml::Kept::default(), None);
    };
    let Some(mut o) = r.obj(
        v,
        &top.at("framework"),
        "the embedded framework",
        FRAMEWORK_KEYS,
        &["id", "version", "digest", "content"],
    ) else {
        return (None, yaml::Kept::default(), None);
    };
    // The content is kept whole, as read: so is how its text was written.
    r.keep_styles_under(&mut o, "content");
    let extra = o.extra.clone();
    match embedded(r, &o, index) {
        Some((fw, digest)) => (Some(fw), extra, Some(digest)),
        None => (None, extra, None),
    }
}

/// The embedded framework's digest, being taken on another core while the
/// rest of the workbook is read (it writes the whole framework out, a
/// tenth of a large load). The framework's content is lent to that thread
/// and given back by [`PendingDigest::check`].
/// Frameworks of at least this many questions have their digest taken on
/// another thread (a real one has 20 to 60; the synthetic 100× one 1,300).
const DIGEST_THREAD_QUESTIONS: usize = 200;

struct PendingDigest {
    written: String,
    at: Path,
    content: Arc<yaml::Value>,
    /// None if no thread could be started: then it is taken here.
    running: Option<std::thread::JoinHandle<String>>,
}

impl PendingDigest {
    fn start(fw: &mut Framework, written: String, at: Path) -> PendingDigest {
        let content = Arc::new(std::mem::take(&mut fw.content));
        let lent = Arc::clone(&content);
        // A small framework's digest is quicker than waiting for a thread
        // to be scheduled on a busy machine.
        let running = (fw.questions().count() >= DIGEST_THREAD_QUESTIONS)
            .then(|| {
                std::thread::Builder::new()
                    .name("peerbook-digest".into())
                    .spawn(move || framework::digest(&lent))
                    .ok()
            })
            .flatten();
        PendingDigest {
            written,
            at,
            content,
            running,
        }
    }

    /// Gives the content back and reports a digest that does not match.
    fn check(self, r: &mut Reader, fw: &mut Framework) {
        let digest = match self.running {
            Some(handle) => match handle.join() {
                Ok(d) => d,
                Err(e) => std::panic::resume_unwind(e),
            },
            None => framework::digest(&self.content),
        };
        // The thread has ended, so its share of the content is gone.
        fw.content = Arc::try_unwrap(self.content).unwrap_or_else(|c| (*c).clone());
        fw.digest = digest;
        if fw.digest != self.written {
            r.error(
                &self.at,
                "the embedded framework does not match its digest: it was changed after the workbook was made",
                "undo the edit to `framework.content` (the previous save is kept as NAME.yaml.bak); to change the questions, edit a framework file with a new version and move the workbook to it with `peerbook upgrade`",
            );
        }
    }
}

fn embedded(r: &mut Reader, o: &Obj, index: &yaml::PosIndex) -> Option<(Framework, PendingDigest)> {
    let id = r.req_text(o, "id");
    let version = r.req_text(o, "version");
    let digest = r.req_text(o, "digest");
    let content = o.get("content")?;
    let (fw, diags) = framework::from_value_undigested(
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
    let mut fw = fw?;
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
    let pending = PendingDigest::start(&mut fw, digest, o.at("digest"));
    Some((fw, pending))
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
        check_categories(r, &ep, &item, cx);
        out.push(item);
    }
    out
}

/// Each category an evidence item is tagged with is one its framework
/// declares.
fn check_categories(r: &mut Reader, ep: &Path, item: &EvidenceItem, cx: &Cx) {
    let Some(fw) = cx.fw else { return };
    let declared: Vec<&str> = fw
        .evidence_categories
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    for (i, c) in item.categories.iter().enumerate() {
        if declared.contains(&c.as_str()) {
            continue;
        }
        let here = ep.key("categories").idx(i);
        let help = if declared.is_empty() {
            format!(
                "{} declares no evidence categories; remove `categories` from this item",
                fw.key()
            )
        } else {
            format!("use one of: {}", declared.join(", "))
        };
        r.error(
            &here,
            format!("evidence category '{c}' is not one of the framework's"),
            help,
        );
    }
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
        check_comment_ids(r, &ap, &answer);
        out.push(answer);
    }
    out
}

/// Each comment on an answer has its own id: merge and `peerbook comment
/// --resolve` find a comment by it, and two under one id would be taken
/// for one.
fn check_comment_ids(r: &mut Reader, ap: &Path, answer: &Answer) {
    let mut seen: HashMap<&str, Pos> = HashMap::new();
    for (i, c) in answer.comments.iter().enumerate() {
        let here = r.pos(&ap.key("comments").idx(i).key("id"));
        if let Some(first) = seen.get(c.id.as_str()) {
            let line = first.line;
            r.error_at(
                here,
                format!(
                    "comment id '{}' is used twice on this answer (first at line {line})",
                    c.id
                ),
                "give each comment its own id, e.g. add `-2` to the second",
            );
        } else {
            seen.insert(c.id.as_str(), here);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook on a framework of `n` questions, as saved text.
    fn saved(n: usize) -> (String, String) {
        let mut text = String::from(
            "kind: framework\nformat: 1\nid: big\nversion: '1'\ntitle: Big\ndomains:\n- id: d1\n  title: One\n  questions:\n",
        );
        for q in 0..n {
            text.push_str(&format!("  - id: q{q}\n    text: Question {q}\n"));
        }
        let (fw, diags) =
            framework::load_text("big.yaml", text.as_bytes(), Origin::File("big.yaml".into()));
        let fw = fw.unwrap_or_else(|| panic!("{diags}"));
        let digest = fw.digest.clone();
        (super::super::to_text(&Workbook::new(fw, "C", "T")), digest)
    }

    #[test]
    fn digests_taken_on_another_thread_match_and_catch_edits() {
        for n in [3, DIGEST_THREAD_QUESTIONS + 1] {
            let (text, digest) = saved(n);
            let (wb, _) = from_text("w.yaml", text.as_bytes()).expect("it loads");
            assert_eq!(wb.framework.digest, digest, "{n} questions");
            // The content lent to the digest's thread came back whole.
            assert_eq!(framework::digest(&wb.framework.content), digest);
            assert_eq!(super::super::to_text(&wb), text);
            let edited = text.replacen("Question 2\n", "Question two\n", 1);
            assert_ne!(edited, text);
            let err = from_text("w.yaml", edited.as_bytes()).expect_err("refused");
            assert!(
                err.0.to_string().contains("does not match its digest"),
                "{n}: {}",
                err.0
            );
        }
    }
}
