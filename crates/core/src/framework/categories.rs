//! `evidence_categories`: the kinds of evidence a framework asks for, at the
//! top of the file, and which of them each question needs
//! (framework-format.md, "Evidence categories").

use std::collections::HashMap;

use super::EvidenceCategory;
use crate::diag::suggest;
use crate::yaml::read::{Obj, Reader, is_slug};
use crate::yaml::{Pos, Value};

const CATEGORY_KEYS: &[&str] = &["id", "label", "description"];

/// Reads the framework's declared categories, in file order. Each needs an
/// `id` (a slug, used once) and a `label`.
pub(super) fn read_declared(r: &mut Reader, top: &Obj) -> Vec<EvidenceCategory> {
    let mut out = Vec::new();
    if matches!(top.get("evidence_categories"), Some(Value::Sequence(s)) if s.is_empty()) {
        r.error(
            &top.at("evidence_categories"),
            "'evidence_categories' is empty",
            "list at least one category with `- id: ...` and `label: ...`, or remove the key",
        );
    }
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for (cp, cv) in r.list(top, "evidence_categories") {
        let Some(c) = r.obj(
            cv,
            &cp,
            "an evidence category",
            CATEGORY_KEYS,
            &["id", "label"],
        ) else {
            continue;
        };
        let id = r.req_text(&c, "id");
        let label = r.req_text(&c, "label");
        let description = r.text(&c, "description");
        if !c.has("id") {
            continue;
        }
        let here = r.pos(&c.at("id"));
        if !is_slug(&id) {
            r.error_at(
                here,
                format!("evidence category id '{id}' is not a slug"),
                "use lower-case letters, digits and '-', starting with a letter or digit, e.g. `peoples-experience`",
            );
            continue;
        }
        if let Some(first) = seen.get(&id) {
            let line = first.line;
            r.error_at(
                here,
                format!("evidence category '{id}' is declared twice (first at line {line})"),
                "give each category its own id, or remove one of them",
            );
            continue;
        }
        seen.insert(id.clone(), here);
        out.push(EvidenceCategory {
            id,
            label,
            description,
        });
    }
    out
}

/// The categories one question needs: those it names, or every declared
/// category when it names none. `declared_key` says whether the framework
/// has the top-level key at all (so a question's list is not reported twice
/// when the declared list itself is broken).
pub(super) fn read_for_question(
    r: &mut Reader,
    q: &Obj,
    declared: &[EvidenceCategory],
    declared_key: bool,
) -> Vec<String> {
    if !q.has("evidence_categories") {
        return declared.iter().map(|c| c.id.clone()).collect();
    }
    let path = q.at("evidence_categories");
    let names = r.text_list(q, "evidence_categories");
    if !declared_key {
        r.error(
            &path,
            "this question names evidence categories, but the framework declares none",
            "declare them at the top of the file under `evidence_categories:` (each with `id` and `label`), or remove this key",
        );
        return Vec::new();
    }
    let ids: Vec<&str> = declared.iter().map(|c| c.id.as_str()).collect();
    let listed = matches!(q.get("evidence_categories"), Some(Value::Sequence(_)));
    let mut out: Vec<String> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let here = if listed { path.idx(i) } else { path.clone() };
        let name = name.trim();
        if !ids.contains(&name) {
            let hint = match suggest(name, &ids) {
                Some(s) => format!("did you mean '{s}'? "),
                None => String::new(),
            };
            r.error(
                &here,
                format!("evidence category '{name}' is not declared in this framework"),
                format!("{hint}declared categories: {}", ids.join(", ")),
            );
        } else if out.iter().any(|c| c == name) {
            r.error(
                &here,
                format!("evidence category '{name}' is named twice for this question"),
                "name each category once",
            );
        } else {
            out.push(name.to_string());
        }
    }
    if names.is_empty() && !declared.is_empty() {
        r.error(
            &path,
            "'evidence_categories' is empty",
            "name the categories this question needs, or remove the key to need all of them",
        );
    }
    out
}
