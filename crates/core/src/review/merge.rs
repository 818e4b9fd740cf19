//! Merging reviewers' copies of a workbook back into one.
//!
//! The merge works on the workbook as written (its YAML tree). Each copy is
//! compared with its own base (the workbook it was made from, or was last
//! merged as), and what it changed is applied to the target, the merged
//! workbook as it is now: a value changed in one copy is taken; the same
//! change in several copies is taken once; different changes to the same
//! value, or a change to a value the target has changed since the copy's
//! base, are never chosen between silently: the target's value stays and a
//! conflict is recorded in the merged workbook's `conflicts:` list, naming
//! each copy's value, for the review manager to resolve.
//!
//! Lists whose items have an identity (answers by question, evidence by id,
//! reviewers by name: [`identity`]) are merged item by item, so two
//! reviewers' sections never collide. An item a copy no longer has is a
//! deletion: taken when nothing else changed the item, a conflict when
//! something did. Other lists (strengths, focus questions) take every
//! copy's deletions and additions when each copy only deleted or added.
//! A copy made by `peerbook copy` may change only what it owns
//! ([`super::owners`]); anything else it changes is held as a conflict.
//!
//! (Just over 600 lines: the three-way walk and the rules of what a copy
//! may change belong together; the tests are in `merge/tests.rs`.)

use super::owners::Rule;
pub use super::resolve::{ResolveError, resolve, typed_value};
pub use crate::workbook::Conflict;
use crate::workbook::{self, LoadError, Workbook};
use crate::yaml::{self, Mapping, Value};

/// A copy to merge: how to name it in conflicts, and its workbook.
pub struct Copy<'a> {
    pub label: String,
    pub workbook: &'a Workbook,
}

/// A copy with its own base, for merging day by day ([`merge_parts`]).
pub struct Part<'a> {
    pub label: String,
    pub workbook: &'a Workbook,
    /// The workbook the copy was made from, or its state when it was last
    /// merged.
    pub base: &'a Workbook,
    /// Whether the copy may change only what its `copy:` record owns.
    pub owned: bool,
}

#[derive(Debug)]
pub enum MergeError {
    /// A copy of another workbook or framework.
    NotACopy { label: String, reason: String },
    /// The merged result does not read back (should not happen).
    Invalid(LoadError),
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::NotACopy { label, reason } => write!(
                f,
                "{label} is not a copy of the base workbook: {reason}. Nothing was merged."
            ),
            MergeError::Invalid(e) => write!(f, "the merged workbook does not check out:\n{e}"),
        }
    }
}

impl std::error::Error for MergeError {}

/// One change taken from the copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Where, e.g. `reviewers[name=Owen].answers[question=3].notes`.
    pub path: String,
    /// The copies it came from (several when they made the same change).
    pub from: Vec<String>,
    /// The item or value was deleted.
    pub deleted: bool,
}

/// The result: the merged workbook and the conflicts found now (the
/// workbook's `conflicts:` holds these and any from earlier merges).
pub struct Merged {
    pub workbook: Workbook,
    pub conflicts: Vec<Conflict>,
    /// What was taken from the copies, for the report.
    pub changes: Vec<Change>,
}

/// Lists whose items are matched by a key rather than by position, by
/// where they are (`reviewers[name=X].answers` is `reviewers.answers`).
pub fn identity(path: &str) -> Option<&'static str> {
    let mut shape = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => shape.push(c),
            _ => {}
        }
    }
    match shape.as_str() {
        "answers" | "consensus" | "reviewers.answers" => Some("question"),
        "evidence" | "answers.comments" => Some("id"),
        "reviewers" | "review.team" => Some("name"),
        "metrics" => Some("metric"),
        "findings.themes" => Some("id"),
        "findings.report.contacts" => Some("name"),
        "review.programme" => Some("id"),
        _ => None,
    }
}

/// Merges copies all made from `base` into it (the copies' `copy:` records
/// are not enforced: this is the merge of two versions of one workbook).
pub fn merge(base: &Workbook, copies: &[Copy]) -> Result<Merged, MergeError> {
    let parts: Vec<Part> = copies
        .iter()
        .map(|c| Part {
            label: c.label.clone(),
            workbook: c.workbook,
            base,
            owned: false,
        })
        .collect();
    merge_parts(base, &parts)
}

/// Merges copies, each against its own base, into `target`.
pub fn merge_parts(target: &Workbook, parts: &[Part]) -> Result<Merged, MergeError> {
    for p in parts {
        let w = p.workbook;
        let reason = if w.framework.digest != target.framework.digest {
            Some(format!(
                "it uses {} and the base uses {}",
                w.framework.key(),
                target.framework.key()
            ))
        } else if w.copy.is_none()
            && (w.review.council != p.base.review.council || w.review.title != p.base.review.title)
        {
            Some(format!(
                "it is the workbook for \"{}: {}\", the base is \"{}: {}\"",
                w.review.council, w.review.title, p.base.review.council, p.base.review.title
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(MergeError::NotACopy {
                label: p.label.clone(),
                reason,
            });
        }
    }
    let tree = |w: &Workbook| -> Value {
        yaml::parse(&workbook::to_text(w))
            .map(|d| d.value)
            .unwrap_or(Value::Null)
    };
    // The target's own text, so that the merged workbook keeps how it was
    // written (quotes of a person's choosing) where its values are the
    // target's.
    let (target_v, target_index) = match yaml::parse(&workbook::to_text(target)) {
        Ok(doc) => (doc.value, Some(doc.index)),
        Err(_) => (Value::Null, None),
    };
    // Twenty copies of one base parse that base once.
    let mut bases: Vec<(*const Workbook, Value)> = Vec::new();
    for p in parts {
        if !bases.iter().any(|(b, _)| std::ptr::eq(*b, p.base)) {
            bases.push((p.base, tree(p.base)));
        }
    }
    let values: Vec<Value> = parts.iter().map(|p| tree(p.workbook)).collect();
    let sides: Vec<Side> = parts
        .iter()
        .zip(&values)
        .map(|(p, value)| Side {
            label: &p.label,
            rule: if p.owned {
                Rule::of(p.workbook.copy.as_ref())
            } else {
                Rule::Anything
            },
            base: bases
                .iter()
                .find(|(b, _)| std::ptr::eq(*b, p.base))
                .map_or(&NULL, |(_, v)| v),
            value,
        })
        .collect();
    let mut m = Merger::default();
    let merged = m.value("", &target_v, &sides);
    let mut merged = match merged {
        Value::Mapping(map) => map,
        _ => Mapping::new(),
    };
    keep_cited(&mut merged, &target_v, &mut m);
    // Earlier conflicts stay until resolved; new ones are added once.
    let mut all: Vec<Value> = match merged.get("conflicts") {
        Some(Value::Sequence(s)) => s.clone(),
        _ => Vec::new(),
    };
    for c in &m.conflicts {
        let v = c.to_yaml();
        if !all.contains(&v) {
            all.push(v);
        }
    }
    merged.remove("conflicts");
    if !all.is_empty() {
        // Before the embedded framework, which stays last.
        let fw = merged.remove("framework");
        merged.insert("conflicts".into(), Value::Sequence(all));
        if let Some(fw) = fw {
            merged.insert("framework".into(), fw);
        }
    }
    let merged = Value::Mapping(merged);
    let text = match &target_index {
        Some(index) => yaml::to_string_as(&merged, index),
        None => yaml::to_string(&merged),
    };
    let (workbook, _) =
        workbook::from_text("merged workbook", text.as_bytes()).map_err(MergeError::Invalid)?;
    Ok(Merged {
        workbook,
        conflicts: m.conflicts,
        changes: m.changes,
    })
}

/// An evidence item a copy deleted that an answer still cites (another copy
/// linked it meanwhile) is kept, and the deletion becomes a conflict: the
/// merged workbook never cites evidence it does not have.
fn keep_cited(merged: &mut Mapping, t: &Value, m: &mut Merger) {
    let texts = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_sequence)
            .map(|s| s.iter().filter_map(yaml::scalar_text).collect())
            .unwrap_or_default()
    };
    let cited: Vec<String> = merged
        .get("answers")
        .and_then(Value::as_sequence)
        .map(|s| s.iter().flat_map(|a| texts(a.get("evidence"))).collect())
        .unwrap_or_default();
    let mut i = 0;
    while i < m.changes.len() {
        let c = &m.changes[i];
        let id = c
            .path
            .strip_prefix("evidence[id=")
            .and_then(|r| r.strip_suffix(']'));
        let item = match id {
            Some(id) if c.deleted && cited.iter().any(|x| x == id) => {
                find(t.get("evidence").unwrap_or(&NULL), "id", id)
            }
            _ => &NULL,
        };
        if item.is_null() {
            i += 1;
            continue;
        }
        let c = m.changes.remove(i);
        let list = merged
            .entry("evidence".into())
            .or_insert_with(|| Value::Sequence(Vec::new()));
        if let Value::Sequence(items) = list {
            items.push(item.clone());
        }
        let mut conflict = Conflict::new(
            c.path,
            item.clone(),
            c.from.into_iter().map(|f| (f, Value::Null)).collect(),
        );
        conflict.held = Some(
            "an answer still cites it (another copy linked it): unlink it there before deleting it"
                .into(),
        );
        m.conflicts.push(conflict);
    }
}

static NULL: Value = Value::Null;
/// An identity list a copy left out (lists are not written when empty).
static EMPTY: Value = Value::Sequence(Vec::new());

/// One copy at one place in the tree: its base's value and its own.
#[derive(Clone, Copy)]
struct Side<'a> {
    label: &'a str,
    rule: Rule<'a>,
    base: &'a Value,
    value: &'a Value,
}

impl<'a> Side<'a> {
    fn at(&self, key: &str) -> Side<'a> {
        Side {
            base: self.base.get(key).unwrap_or(&NULL),
            value: self.value.get(key).unwrap_or(&NULL),
            ..*self
        }
    }

    fn item(&self, key: &str, id: &str) -> Side<'a> {
        Side {
            base: find(self.base, key, id),
            value: find(self.value, key, id),
            ..*self
        }
    }
}

fn id_of(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(yaml::scalar_text)
}

fn find<'v>(list: &'v Value, key: &str, id: &str) -> &'v Value {
    list.as_sequence()
        .and_then(|items| items.iter().find(|v| id_of(v, key).as_deref() == Some(id)))
        .unwrap_or(&NULL)
}

#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
    changes: Vec<Change>,
}

impl Merger {
    fn value<'a>(&mut self, path: &str, t: &'a Value, sides: &[Side<'a>]) -> Value {
        let changed: Vec<Side> = sides
            .iter()
            .filter(|s| s.value != s.base)
            .copied()
            .collect();
        if changed.is_empty() {
            return t.clone();
        }
        let keyed = identity(path);
        if keyed.is_some()
            && (t.is_sequence()
                || changed
                    .iter()
                    .any(|s| s.base.is_sequence() || s.value.is_sequence()))
        {
            let list = |v: &'a Value| if v.is_null() { &EMPTY } else { v };
            let t = list(t);
            let sides: Vec<Side<'a>> = changed
                .iter()
                .map(|s| Side {
                    base: list(s.base),
                    value: list(s.value),
                    ..*s
                })
                .collect();
            return self.keyed_list(path, keyed.unwrap_or_default(), t, &sides);
        }
        let structured = |v: &Value| v.is_mapping() || (keyed.is_some() && v.is_sequence());
        if !structured(t)
            && !changed
                .iter()
                .any(|s| structured(s.base) || structured(s.value))
        {
            return self.atom(path, t, &changed);
        }
        // Every side must be of one kind (or absent) to merge inside it.
        let kind: fn(&Value) -> bool = if t.is_mapping()
            || changed
                .iter()
                .any(|s| s.base.is_mapping() || s.value.is_mapping())
        {
            Value::is_mapping
        } else {
            Value::is_sequence
        };
        let fits = |v: &Value| v.is_null() || kind(v);
        if !fits(t) || !changed.iter().all(|s| fits(s.base) && fits(s.value)) {
            return self.atom(path, t, &changed);
        }
        // Something a copy added that it does not own is held whole.
        let (held, rest): (Vec<Side>, Vec<Side>) = changed
            .iter()
            .partition(|s| s.base.is_null() && !s.rule.allows(path));
        if !held.is_empty() {
            self.hold(path, t, &held);
        }
        if rest.is_empty() {
            return t.clone();
        }
        // A deletion, a change to something the target no longer has, or
        // something new from one copy is decided whole.
        let added = |s: &Side| t.is_null() && s.base.is_null();
        if rest
            .iter()
            .any(|s| s.value.is_null() || (t.is_null() && !s.base.is_null()))
            || (rest.len() == 1 && added(&rest[0]))
        {
            return self.atom(path, t, &rest);
        }
        match keyed {
            Some(key) if !t.is_mapping() && !rest.iter().any(|s| s.value.is_mapping()) => {
                self.keyed_list(path, key, t, &rest)
            }
            _ => self.mapping(path, t, &rest),
        }
    }

    fn mapping<'a>(&mut self, path: &str, t: &'a Value, sides: &[Side<'a>]) -> Value {
        let mut keys: Vec<&Value> = Vec::new();
        for v in std::iter::once(t).chain(sides.iter().map(|s| s.value)) {
            if let Value::Mapping(m) = v {
                for k in m.keys() {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        let mut out = Mapping::new();
        for k in keys {
            let name = yaml::scalar_text(k).unwrap_or_default();
            let tv = t.get(&name).unwrap_or(&NULL);
            // The target's own: earlier conflicts (new ones are added
            // after) and its copy record, if it is a copy itself.
            let v = if path.is_empty() && (name == "conflicts" || name == "copy") {
                tv.clone()
            } else {
                let cs: Vec<Side> = sides.iter().map(|s| s.at(&name)).collect();
                if name == "changed" {
                    // Only from copies that may change what it stamps.
                    let own: Vec<Side> = cs.into_iter().filter(|s| s.rule.allows(path)).collect();
                    latest(tv, &own)
                } else {
                    let child = if path.is_empty() {
                        name.clone()
                    } else {
                        format!("{path}.{name}")
                    };
                    self.value(&child, tv, &cs)
                }
            };
            if !v.is_null() {
                out.insert(k.clone(), v);
            }
        }
        if out.is_empty() && t.is_null() {
            Value::Null
        } else {
            Value::Mapping(out)
        }
    }

    fn keyed_list<'a>(&mut self, path: &str, key: &str, t: &'a Value, sides: &[Side<'a>]) -> Value {
        let mut ids: Vec<String> = Vec::new();
        for v in std::iter::once(t).chain(sides.iter().map(|s| s.value)) {
            for item in v.as_sequence().map_or(&[][..], |s| s.as_slice()) {
                if let Some(i) = id_of(item, key)
                    && !ids.contains(&i)
                {
                    ids.push(i);
                }
            }
        }
        let mut out = Vec::new();
        for i in ids {
            let cs: Vec<Side> = sides.iter().map(|s| s.item(key, &i)).collect();
            let v = self.value(&format!("{path}[{key}={i}]"), find(t, key, &i), &cs);
            if !v.is_null() {
                out.push(v);
            }
        }
        if out.is_empty() {
            Value::Null
        } else {
            Value::Sequence(out)
        }
    }

    /// A value merged whole: what the copies that may change it decide,
    /// then anything else held for the manager.
    fn atom(&mut self, path: &str, t: &Value, changed: &[Side]) -> Value {
        let (ok, held): (Vec<Side>, Vec<Side>) = changed.iter().partition(|s| s.rule.allows(path));
        let r = self.decide(path, t, &ok);
        let held: Vec<Side> = held.into_iter().filter(|s| *s.value != r).collect();
        if !held.is_empty() {
            self.hold(path, &r, &held);
        }
        r
    }

    /// Unchanged, changed once, changed alike, or a conflict (the target's
    /// value stays).
    fn decide(&mut self, path: &str, t: &Value, ok: &[Side]) -> Value {
        // Only changes not already in the target count.
        let news: Vec<Side> = ok.iter().filter(|s| s.value != t).copied().collect();
        let Some(first) = news.first() else {
            return t.clone();
        };
        let from = || news.iter().map(|s| s.label.to_string()).collect::<Vec<_>>();
        // Each copy changed the value as the target still has it, alike.
        if news.iter().all(|s| s.base == t && s.value == first.value) {
            self.changes.push(Change {
                path: path.to_string(),
                from: from(),
                deleted: first.value.is_null(),
            });
            return first.value.clone();
        }
        if let Some(v) = list_merge(t, &news) {
            self.changes.push(Change {
                path: path.to_string(),
                from: from(),
                deleted: false,
            });
            return v;
        }
        self.conflicts.push(Conflict::new(
            path,
            t.clone(),
            news.iter()
                .map(|s| (s.label.to_string(), s.value.clone()))
                .collect(),
        ));
        t.clone()
    }

    /// Changes copies made to what they do not own: a conflict to accept or
    /// drop, joined to the conflict just recorded here if there is one.
    fn hold(&mut self, path: &str, kept: &Value, held: &[Side]) {
        let values = held.iter().map(|s| (s.label.to_string(), s.value.clone()));
        let why = held
            .iter()
            .map(|s| s.rule.why_held(s.label))
            .collect::<Vec<_>>()
            .join("; ");
        match self.conflicts.last_mut() {
            Some(c) if c.path == path => {
                c.values.extend(values);
                c.held = Some(why);
            }
            _ => {
                let mut c = Conflict::new(path, kept.clone(), values.collect());
                c.held = Some(why);
                self.conflicts.push(c);
            }
        }
    }
}

/// Lists without an identity (strengths, focus questions): when each copy
/// only deleted items or added them at the end, every copy's deletions and
/// additions are applied to the target's list.
fn list_merge(t: &Value, news: &[Side]) -> Option<Value> {
    let seq = |v: &Value| -> Option<Vec<Value>> {
        match v {
            Value::Null => Some(Vec::new()),
            Value::Sequence(s) => Some(s.clone()),
            _ => None,
        }
    };
    let mut out = seq(t)?;
    let mut added = Vec::new();
    for s in news {
        let (base, value) = (seq(s.base)?, seq(s.value)?);
        // What the copy kept, in the base's order, then what it added.
        let mut rest = value.as_slice();
        let mut removed = Vec::new();
        for b in &base {
            match rest.first() {
                Some(v) if v == b => rest = &rest[1..],
                _ => removed.push(b.clone()),
            }
        }
        if rest.iter().any(|v| base.contains(v)) {
            return None; // moved or edited in place: not only deletions and additions
        }
        for r in removed {
            if let Some(i) = out.iter().position(|v| *v == r) {
                out.remove(i);
            }
        }
        added.extend(rest.iter().cloned());
    }
    for a in added {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Some(if out.is_empty() {
        Value::Null
    } else {
        Value::Sequence(out)
    })
}

/// For "last changed": the most recent of the values.
fn latest(t: &Value, sides: &[Side]) -> Value {
    let at = |v: &Value| v.get("at").and_then(yaml::scalar_text).unwrap_or_default();
    std::iter::once(t)
        .chain(sides.iter().map(|s| s.value))
        .filter(|v| !v.is_null())
        .max_by_key(|v| at(v))
        .cloned()
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests;
