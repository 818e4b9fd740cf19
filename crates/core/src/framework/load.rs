//! Reading and validating one framework file against framework-format.md.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::{
    BUILTIN_SCALES, Band, Better, COLOURS, Domain, EvidenceCategory, Framework, Level, MapRef,
    Method, Metric, Origin, Question, Rounding, Scale, Scoring, builtin_scale, categories,
};
use crate::diag::{Diagnostic, Diagnostics, suggest};
use crate::yaml::read::{Obj, Reader, Unknown, is_item_id, is_slug};
use crate::yaml::{self, Path, Pos, PosIndex, Value};

const TOP_KEYS: &[&str] = &[
    "kind",
    "format",
    "id",
    "version",
    "title",
    "short_title",
    "source",
    "url",
    "description",
    "notes",
    "item_label",
    "scale",
    "scoring",
    "domains",
    "metrics",
    "evidence_categories",
];
const TOP_REQUIRED: &[&str] = &["kind", "format", "id", "version", "title", "domains"];
const DOMAIN_KEYS: &[&str] = &["id", "title", "description", "questions"];
const QUESTION_KEYS: &[&str] = &[
    "id",
    "ref",
    "text",
    "guidance",
    "prompts",
    "evidence",
    "maps_to",
    "tags",
    "evidence_categories",
];
const SCALE_KEYS: &[&str] = &["id", "not_applicable", "levels"];
const LEVEL_KEYS: &[&str] = &["value", "label", "description", "colour"];
const SCORING_KEYS: &[&str] = &["method", "rounding", "bands"];
const BAND_KEYS: &[&str] = &["from", "label", "colour"];
const METRIC_KEYS: &[&str] = &["id", "name", "unit", "better", "group"];

pub const SUPPORTED_FORMATS: &[i64] = &[1];
/// Keys whose values are text even when written as numbers (`id: 1.10`).
const TEXT_KEYS: &[&str] = &[
    "id",
    "version",
    "ref",
    "title",
    "short_title",
    "text",
    "label",
    "name",
    "unit",
    "group",
    "source",
    "url",
    "description",
    "notes",
    "item_label",
    "guidance",
];
const TEXT_LISTS: &[&str] = &["prompts", "evidence", "maps_to", "tags"];
/// Level values beyond this cannot be summed safely and mean nothing.
const MAX_LEVEL: i64 = 1_000_000;

/// Reads a framework from the bytes of a file. Returns the framework when it
/// has no errors, and every diagnostic (warnings too) found on the way.
pub fn load_text(file: &str, bytes: &[u8], origin: Origin) -> (Option<Framework>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let doc = match yaml::decode(bytes).and_then(yaml::parse) {
        Ok(doc) => doc,
        Err(e) => {
            let help = e.help.unwrap_or_else(|| {
                "fix the YAML syntax at this point; check indentation and quotes".to_string()
            });
            diags.push(Diagnostic::error(file, e.pos, e.message).with_help(help));
            return (None, diags);
        }
    };
    let (fw, mut diags) = from_value(file, &doc.value, &doc.index, &Path::root(), origin);
    diags.sort();
    (fw, diags)
}

/// Validates a framework held in a parsed document at `base` (the document
/// root for a framework file, `framework.content` inside a workbook).
pub fn from_value(
    file: &str,
    value: &Value,
    index: &PosIndex,
    base: &Path,
    origin: Origin,
) -> (Option<Framework>, Diagnostics) {
    let (mut fw, diags) = from_value_undigested(file, value, index, base, origin);
    if let Some(fw) = &mut fw {
        fw.digest = digest(&fw.content);
    }
    (fw, diags)
}

/// As [`from_value`], with the digest left empty for the caller to take
/// with [`digest`] (a workbook's load takes it on another core while it
/// reads the rest).
pub fn from_value_undigested(
    file: &str,
    value: &Value,
    index: &PosIndex,
    base: &Path,
    origin: Origin,
) -> (Option<Framework>, Diagnostics) {
    let mut r = Reader::new(file, index, Unknown::Reject);
    if value.is_null() {
        r.error(
            base,
            "the file is empty",
            "a framework starts with `kind: framework` and `format: 1`",
        );
        return (None, r.diags);
    }
    let Some(top) = r.obj(value, base, "the framework", TOP_KEYS, TOP_REQUIRED) else {
        return (None, r.diags);
    };
    if let Some(kind) = r.text(&top, "kind")
        && kind != "framework"
    {
        let help = if kind == "workbook" {
            "this file is a workbook; see it with `peerbook status`".to_string()
        } else {
            "a framework file starts with `kind: framework`".to_string()
        };
        r.error(
            &top.at("kind"),
            format!("'kind' is '{kind}', not 'framework'"),
            help,
        );
        return (None, r.diags);
    }
    if top.has("format") {
        match r.int(&top, "format") {
            Some(n) if SUPPORTED_FORMATS.contains(&n) => {}
            Some(n) => r.error(
                &top.at("format"),
                format!("framework format {n} is not supported"),
                "supported formats: 1; write `format: 1`",
            ),
            None => {}
        }
    }
    let id = r.req_text(&top, "id");
    if top.has("id") && !is_slug(&id) {
        r.error(
            &top.at("id"),
            format!("framework id '{id}' is not a slug"),
            "use lower-case letters, digits and '-', starting with a letter or digit, e.g. `cbo-standards`",
        );
    }
    let version = r.req_text(&top, "version");
    if top.has("version") && version.trim().is_empty() {
        r.error(
            &top.at("version"),
            "'version' is empty",
            "give the framework's edition, quoted, e.g. \"2016\"",
        );
    }
    let title = r.req_text(&top, "title");
    let short_title = r.text(&top, "short_title");
    let source = r.text(&top, "source");
    let url = r.text(&top, "url");
    let description = r.text(&top, "description");
    let notes = r.text(&top, "notes");
    let item_label = r
        .text(&top, "item_label")
        .unwrap_or_else(|| "Question".to_string());
    let scale = read_scale(&mut r, &top);
    let scoring = match top.get("scoring") {
        None => None,
        Some(v) => {
            if scale.is_none() && !top.has("scale") {
                r.error(
                    &top.at("scoring"),
                    "'scoring' needs a 'scale' to score",
                    "add a `scale:` (for example `scale: cqc-4`), or remove `scoring`",
                );
            }
            let s = read_scoring(&mut r, v, &top.at("scoring"));
            if let (Some(s), Some(scale)) = (&s, &scale)
                && s.method == Method::PercentOfMax
                && scale.max() <= 0
            {
                r.error(
                    &top.at("scoring"),
                    "'percent-of-max' needs a scale whose highest value is above 0",
                    "use `method: mean`, or give the scale positive values",
                );
            }
            s
        }
    };
    let evidence_categories = categories::read_declared(&mut r, &top);
    let cats = Declared {
        list: &evidence_categories,
        present: top.has("evidence_categories"),
    };
    let domains = read_domains(&mut r, &top, &cats);
    let metrics = read_metrics(&mut r, &top);

    if r.diags.has_errors() {
        return (None, r.diags);
    }
    let mut lookup = HashMap::new();
    for (di, d) in domains.iter().enumerate() {
        for (qi, q) in d.questions.iter().enumerate() {
            let flat = lookup.len();
            lookup.insert(q.id.clone(), (di, qi, flat));
        }
    }
    let id_pos = r.pos(&top.at("id"));
    let content = yaml::keep_raw_text(value, index, base, TEXT_KEYS, TEXT_LISTS);
    let fw = Framework {
        id_pos,
        id,
        version,
        title,
        short_title,
        source,
        url,
        description,
        notes,
        item_label,
        scale,
        scoring,
        domains,
        metrics,
        evidence_categories,
        digest: String::new(),
        content,
        origin,
        lookup,
    };
    (Some(fw), r.diags)
}

/// The digest of a framework's content, written canonically.
pub fn digest(content: &Value) -> String {
    let text = yaml::canonical_text(content);
    let hash = Sha256::digest(text.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn read_scale(r: &mut Reader, top: &Obj) -> Option<Scale> {
    let v = top.get("scale")?;
    let path = top.at("scale");
    if let Value::String(name) = v {
        return match builtin_scale(name) {
            Some(s) => Some(s),
            None => {
                let hint = match suggest(name, BUILTIN_SCALES) {
                    Some(s) => format!("did you mean '{s}'? "),
                    None => String::new(),
                };
                r.error(
                    &path,
                    format!("unknown built-in scale '{name}'"),
                    format!(
                        "{hint}built-in scales: {}; or describe the scale with `levels:`",
                        BUILTIN_SCALES.join(", ")
                    ),
                );
                None
            }
        };
    }
    let o = r.obj(v, &path, "the scale", SCALE_KEYS, &["levels"])?;
    let name = r.text(&o, "id");
    let not_applicable = r.bool(&o, "not_applicable").unwrap_or(true);
    let mut levels: Vec<Level> = Vec::new();
    let mut seen: HashMap<i64, Pos> = HashMap::new();
    let items = r.list(&o, "levels");
    if o.has("levels") && items.len() < 2 {
        r.error(
            &o.at("levels"),
            format!("a scale needs at least two levels, found {}", items.len()),
            "list each level with `- value: N` and `label: ...`",
        );
    }
    for (lp, lv) in items {
        let Some(lo) = r.obj(lv, &lp, "a scale level", LEVEL_KEYS, &["value", "label"]) else {
            continue;
        };
        let value = r.int(&lo, "value");
        let label = r.req_text(&lo, "label");
        let description = r.text(&lo, "description");
        let colour = read_colour(r, &lo);
        let Some(value) = value else { continue };
        let here = r.pos(&lo.at("value"));
        if value.abs() > MAX_LEVEL {
            r.error_at(
                here,
                format!("scale level value {value} is too large"),
                format!("use whole numbers between -{MAX_LEVEL} and {MAX_LEVEL}"),
            );
            continue;
        }
        if let Some(first) = seen.get(&value) {
            r.error_at(
                here,
                format!(
                    "scale level value {value} is used twice (first at line {})",
                    first.line
                ),
                "give each level its own value",
            );
            continue;
        }
        if let Some(prev) = levels.last()
            && value < prev.value
        {
            r.error_at(
                here,
                format!(
                    "scale levels must be in ascending order: {value} comes after {}",
                    prev.value
                ),
                "list the levels from the lowest value to the highest",
            );
        }
        seen.insert(value, here);
        levels.push(Level {
            value,
            label,
            description,
            colour,
        });
    }
    Some(Scale {
        name,
        not_applicable,
        levels,
    })
}

fn read_colour(r: &mut Reader, o: &Obj) -> Option<String> {
    r.choice(o, "colour", COLOURS).map(str::to_string)
}

fn read_scoring(r: &mut Reader, v: &Value, path: &Path) -> Option<Scoring> {
    let o = r.obj(v, path, "'scoring'", SCORING_KEYS, &[])?;
    let method = match r.choice(&o, "method", &["percent-of-max", "mean"]) {
        Some("mean") => Method::Mean,
        _ => Method::PercentOfMax,
    };
    let rounding = match r.choice(&o, "rounding", &["none", "nearest", "down"]) {
        Some("nearest") => Rounding::Nearest,
        Some("down") => Rounding::Down,
        _ => Rounding::None,
    };
    let mut bands: Vec<(Band, Pos)> = Vec::new();
    for (bp, bv) in r.list(&o, "bands") {
        let Some(bo) = r.obj(bv, &bp, "a band", BAND_KEYS, &["from", "label"]) else {
            continue;
        };
        let from = r.number(&bo, "from");
        let label = r.req_text(&bo, "label");
        let colour = read_colour(r, &bo);
        let Some(from) = from else { continue };
        let here = r.pos(&bo.at("from"));
        if let Some((_, first)) = bands.iter().find(|(b, _)| b.from == from) {
            let line = first.line;
            r.error_at(
                here,
                format!("two bands start at {from} (the first at line {line})"),
                "each band needs its own `from`; remove or change one of them",
            );
            continue;
        }
        bands.push((
            Band {
                from,
                label,
                colour,
            },
            here,
        ));
    }
    let mut bands: Vec<Band> = bands.into_iter().map(|(b, _)| b).collect();
    bands.sort_by(|a, b| b.from.total_cmp(&a.from));
    Some(Scoring {
        method,
        rounding,
        bands,
    })
}

/// The framework's evidence categories, as questions check against them.
struct Declared<'a> {
    list: &'a [EvidenceCategory],
    present: bool,
}

fn read_domains(r: &mut Reader, top: &Obj, cats: &Declared) -> Vec<Domain> {
    let mut domains = Vec::new();
    let items = r.list(top, "domains");
    if top.has("domains")
        && items.is_empty()
        && matches!(top.get("domains"), Some(Value::Sequence(_)))
    {
        r.error(
            &top.at("domains"),
            "'domains' is empty",
            "a framework needs at least one domain with at least one question",
        );
    }
    let mut domain_ids: HashMap<String, Pos> = HashMap::new();
    let mut question_ids: HashMap<String, Pos> = HashMap::new();
    for (dp, dv) in items {
        let Some(d) = r.obj(
            dv,
            &dp,
            "a domain",
            DOMAIN_KEYS,
            &["id", "title", "questions"],
        ) else {
            continue;
        };
        let id = r.req_text(&d, "id");
        if d.has("id") {
            check_item_id(r, &d.at("id"), &id, "domain", &mut domain_ids, "domains");
        }
        let title = r.req_text(&d, "title");
        let description = r.text(&d, "description");
        let qitems = r.list(&d, "questions");
        if matches!(d.get("questions"), Some(Value::Sequence(q)) if q.is_empty()) {
            r.error(
                &d.at("questions"),
                format!("domain '{id}' has no questions"),
                "add at least one question, or remove the domain",
            );
        }
        let mut questions = Vec::new();
        for (qp, qv) in qitems {
            if let Some(q) = read_question(r, &qp, qv, &mut question_ids, cats) {
                questions.push(q);
            }
        }
        domains.push(Domain {
            id,
            title,
            description,
            questions,
        });
    }
    domains
}

fn check_item_id(
    r: &mut Reader,
    path: &Path,
    id: &str,
    what: &str,
    seen: &mut HashMap<String, Pos>,
    scope: &str,
) {
    let here = r.pos(path);
    if !is_item_id(id) {
        r.error_at(
            here,
            format!("{what} id '{id}' has characters that are not allowed"),
            "use letters, digits, '.', '_' and '-', starting with a letter or digit",
        );
        return;
    }
    if let Some(first) = seen.get(id) {
        let line = first.line;
        r.error_at(
            here,
            format!("{what} id '{id}' is used twice (first at line {line})"),
            format!("{what} ids must be unique across the framework's {scope}; rename one of them"),
        );
        return;
    }
    seen.insert(id.to_string(), here);
}

fn read_question(
    r: &mut Reader,
    qp: &Path,
    qv: &Value,
    seen: &mut HashMap<String, Pos>,
    cats: &Declared,
) -> Option<Question> {
    let q = r.obj(qv, qp, "a question", QUESTION_KEYS, &["id", "text"])?;
    let id = r.req_text(&q, "id");
    if q.has("id") {
        check_item_id(r, &q.at("id"), &id, "question", seen, "questions");
    }
    let reference = r.text(&q, "ref");
    let text = r.req_text(&q, "text");
    let guidance = r.text(&q, "guidance");
    let prompts = r.text_list(&q, "prompts");
    let evidence = r.text_list(&q, "evidence");
    let tags = r.text_list(&q, "tags");
    let raw_maps = r.text_list(&q, "maps_to");
    let mut maps_to = Vec::new();
    for (i, m) in raw_maps.iter().enumerate() {
        let mp = if matches!(q.get("maps_to"), Some(Value::Sequence(_))) {
            q.at("maps_to").idx(i)
        } else {
            q.at("maps_to")
        };
        let pos = r.pos(&mp);
        match m.split_once(':') {
            Some((fw, qid)) if is_slug(fw.trim()) && is_item_id(qid.trim()) => {
                maps_to.push(MapRef {
                    framework: fw.trim().to_string(),
                    question: qid.trim().to_string(),
                    pos,
                })
            }
            _ => r.error_at(
                pos,
                format!("'{m}' in maps_to is not a framework-id:question-id reference"),
                "write it as the other framework's id, a colon and a question id, e.g. \"cbo-standards:6\"",
            ),
        }
    }
    let evidence_categories = categories::read_for_question(r, &q, cats.list, cats.present);
    Some(Question {
        id,
        reference,
        text,
        guidance,
        prompts,
        evidence,
        maps_to,
        tags,
        evidence_categories,
    })
}

fn read_metrics(r: &mut Reader, top: &Obj) -> Vec<Metric> {
    let mut metrics = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for (mp, mv) in r.list(top, "metrics") {
        let Some(m) = r.obj(mv, &mp, "a metric", METRIC_KEYS, &["id", "name"]) else {
            continue;
        };
        let id = r.req_text(&m, "id");
        if m.has("id") {
            check_item_id(r, &m.at("id"), &id, "metric", &mut seen, "metrics");
        }
        let name = r.req_text(&m, "name");
        let unit = r.text(&m, "unit");
        let better = match r.choice(&m, "better", &["higher", "lower"]) {
            Some("higher") => Some(Better::Higher),
            Some("lower") => Some(Better::Lower),
            _ => None,
        };
        let group = r.text(&m, "group");
        metrics.push(Metric {
            id,
            name,
            unit,
            better,
            group,
        });
    }
    metrics
}
