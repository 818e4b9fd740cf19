//! Merging reviewers' copies of a workbook made from the same base.
//!
//! The merge works on the workbook as written (its YAML tree), three ways
//! against the base: a value changed in one copy is taken; the same change
//! in several copies is taken once; different changes to the same value are
//! never chosen between silently: the base value stays and a conflict is
//! recorded in the merged workbook's `conflicts:` list, naming each copy's
//! value, for the review manager to resolve. Lists whose items have an
//! identity (answers by question, evidence by id, reviewers by name) are
//! merged item by item, so two reviewers' sections never collide.

pub use crate::workbook::Conflict;
use crate::workbook::{self, LoadError, Workbook};
use crate::yaml::{self, Mapping, Value};

/// A copy to merge: how to name it in conflicts, and its workbook.
pub struct Copy<'a> {
    pub label: String,
    pub workbook: &'a Workbook,
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

/// The result: the merged workbook and the conflicts found now (the
/// workbook's `conflicts:` holds these and any from earlier merges).
pub struct Merged {
    pub workbook: Workbook,
    pub conflicts: Vec<Conflict>,
    /// Paths taken from copies, for the report.
    pub changes: Vec<String>,
}

/// Lists whose items are matched by a key rather than by position, by
/// where they are (`reviewers[name=X].answers` is `reviewers.answers`).
fn identity(path: &str) -> Option<&'static str> {
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
        _ => None,
    }
}

pub fn merge(base: &Workbook, copies: &[Copy]) -> Result<Merged, MergeError> {
    for c in copies {
        let w = c.workbook;
        let reason = if w.framework.digest != base.framework.digest {
            Some(format!(
                "it uses {} and the base uses {}",
                w.framework.key(),
                base.framework.key()
            ))
        } else if w.review.council != base.review.council || w.review.title != base.review.title {
            Some(format!(
                "it is the workbook for \"{}: {}\", the base is \"{}: {}\"",
                w.review.council, w.review.title, base.review.council, base.review.title
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(MergeError::NotACopy {
                label: c.label.clone(),
                reason,
            });
        }
    }
    let tree = |w: &Workbook| -> Value {
        yaml::parse(&workbook::to_text(w))
            .map(|d| d.value)
            .unwrap_or(Value::Null)
    };
    let base_v = tree(base);
    let copies_v: Vec<(String, Value)> = copies
        .iter()
        .map(|c| (c.label.clone(), tree(c.workbook)))
        .collect();
    let mut m = Merger::default();
    let merged = m.value(
        "",
        &base_v,
        &copies_v
            .iter()
            .map(|(l, v)| (l.as_str(), v))
            .collect::<Vec<_>>(),
    );
    let mut merged = match merged {
        Value::Mapping(map) => map,
        _ => Mapping::new(),
    };
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
    let text = yaml::to_string(&Value::Mapping(merged));
    let (workbook, _) =
        workbook::from_text("merged workbook", text.as_bytes()).map_err(MergeError::Invalid)?;
    Ok(Merged {
        workbook,
        conflicts: m.conflicts,
        changes: m.changes,
    })
}

#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
    changes: Vec<String>,
}

impl Merger {
    fn value(&mut self, path: &str, base: &Value, copies: &[(&str, &Value)]) -> Value {
        // Something absent is an empty mapping or list of the kind the
        // copies have, so sections added in several copies merge too.
        let all = |f: fn(&Value) -> bool| {
            (f(base) || base.is_null()) && copies.iter().all(|(_, v)| f(v) || v.is_null())
        };
        let empty_map = Mapping::new();
        // Mappings merge key by key; lists with an identity item by item.
        if all(Value::is_mapping) && !(base.is_null() && copies.iter().all(|(_, v)| v.is_null())) {
            let b = base.as_mapping().unwrap_or(&empty_map);
            let empty = Value::Mapping(Mapping::new());
            let cs: Vec<(&str, &Value)> = copies
                .iter()
                .map(|(l, v)| (*l, if v.is_null() { &empty } else { *v }))
                .collect();
            let out = self.mapping(path, b, &cs);
            return if out.is_empty() && base.is_null() {
                Value::Null
            } else {
                Value::Mapping(out)
            };
        }
        if let Some(key) = identity(path)
            && all(Value::is_sequence)
            && !(base.is_null() && copies.iter().all(|(_, v)| v.is_null()))
        {
            let b: &[Value] = base.as_sequence().map_or(&[], |s| s.as_slice());
            let out = self.keyed_list(path, key, b, copies);
            return if out.is_empty() && base.is_null() {
                Value::Null
            } else {
                Value::Sequence(out)
            };
        }
        self.atom(path, base, copies)
    }

    fn mapping(&mut self, path: &str, base: &Mapping, copies: &[(&str, &Value)]) -> Mapping {
        let mut keys: Vec<Value> = base.keys().cloned().collect();
        for (_, c) in copies {
            if let Value::Mapping(m) = c {
                for k in m.keys() {
                    if !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
        }
        let mut out = Mapping::new();
        for k in keys {
            let name = yaml::scalar_text(&k).unwrap_or_default();
            if name == "conflicts" && path.is_empty() {
                // Carried separately: the base's, then new ones.
                if let Some(v) = base.get(&k) {
                    out.insert(k.clone(), v.clone());
                }
                continue;
            }
            let child = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            let null = Value::Null;
            let b = base.get(&k).unwrap_or(&null);
            let cs: Vec<(&str, &Value)> = copies
                .iter()
                .map(|(l, c)| (*l, c.get(&k).unwrap_or(&null)))
                .collect();
            let v = if name == "changed" {
                latest(b, &cs)
            } else {
                self.value(&child, b, &cs)
            };
            if !v.is_null() {
                out.insert(k, v);
            }
        }
        out
    }

    fn keyed_list(
        &mut self,
        path: &str,
        key: &str,
        base: &[Value],
        copies: &[(&str, &Value)],
    ) -> Vec<Value> {
        let id = |v: &Value| v.get(key).and_then(yaml::scalar_text);
        let mut ids: Vec<String> = base.iter().filter_map(id).collect();
        for (_, c) in copies {
            if let Value::Sequence(items) = c {
                for it in items {
                    if let Some(i) = id(it)
                        && !ids.contains(&i)
                    {
                        ids.push(i);
                    }
                }
            }
        }
        let find = |items: &[Value], i: &str| -> Value {
            items
                .iter()
                .find(|v| id(v).as_deref() == Some(i))
                .cloned()
                .unwrap_or(Value::Null)
        };
        let mut out = Vec::new();
        for i in ids {
            let b = find(base, &i);
            let cs: Vec<(&str, Value)> = copies
                .iter()
                .map(|(l, c)| {
                    let items = match c {
                        Value::Sequence(s) => s.as_slice(),
                        _ => &[],
                    };
                    (*l, find(items, &i))
                })
                .collect();
            let refs: Vec<(&str, &Value)> = cs.iter().map(|(l, v)| (*l, v)).collect();
            let v = self.value(&format!("{path}[{key}={i}]"), &b, &refs);
            if !v.is_null() {
                out.push(v);
            }
        }
        out
    }

    /// A value merged whole: unchanged, changed once, changed alike, or a
    /// conflict (the base value stays).
    fn atom(&mut self, path: &str, base: &Value, copies: &[(&str, &Value)]) -> Value {
        let changed: Vec<(&str, &Value)> =
            copies.iter().filter(|(_, v)| *v != base).copied().collect();
        match changed.as_slice() {
            [] => base.clone(),
            [(_, v), rest @ ..] if rest.iter().all(|(_, w)| w == v) => {
                self.changes.push(path.to_string());
                (*v).clone()
            }
            _ => {
                self.conflicts.push(Conflict::new(
                    path,
                    base.clone(),
                    changed
                        .iter()
                        .map(|(l, v)| (l.to_string(), (*v).clone()))
                        .collect(),
                ));
                base.clone()
            }
        }
    }
}

/// For "last changed": the most recent of the values.
fn latest(base: &Value, copies: &[(&str, &Value)]) -> Value {
    let at = |v: &Value| v.get("at").and_then(yaml::scalar_text).unwrap_or_default();
    std::iter::once(base)
        .chain(copies.iter().map(|(_, v)| *v))
        .filter(|v| !v.is_null())
        .max_by_key(|v| at(v))
        .cloned()
        .unwrap_or(Value::Null)
}

/// Why a conflict could not be settled. Nothing was changed.
#[derive(Debug, Clone)]
pub enum ResolveError {
    /// No conflict at that place in the list.
    NoSuchConflict(usize),
    /// The conflict's path does not lead into the workbook.
    Path(String),
    /// The workbook would not read back with that value (every check of
    /// a workbook file applies).
    Invalid(LoadError),
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::NoSuchConflict(_) => write!(f, "no such conflict"),
            ResolveError::Path(e) => write!(f, "{e}"),
            ResolveError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ResolveError {}

/// Settles the conflict at `index` of `wb.conflicts`: puts `value` at its
/// path (e.g. `answers[question=3].narrative`) and drops the conflict.
/// The workbook is rebuilt from its YAML, so every check still applies.
pub fn resolve(wb: &Workbook, index: usize, value: &Value) -> Result<Workbook, ResolveError> {
    let conflict = wb
        .conflicts
        .get(index)
        .ok_or(ResolveError::NoSuchConflict(index))?;
    let mut settled = wb.clone();
    settled.conflicts.remove(index);
    let mut tree = yaml::parse(&workbook::to_text(&settled))
        .map_err(|e| ResolveError::Path(e.message))?
        .value;
    set_path(&mut tree, &conflict.path, value.clone()).map_err(ResolveError::Path)?;
    let text = yaml::to_string(&tree);
    workbook::from_text("the resolved workbook", text.as_bytes())
        .map(|(w, _)| w)
        .map_err(ResolveError::Invalid)
}

/// Sets the value at a merge path, creating list items and keys on the way.
fn set_path(tree: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let mut node = tree;
    let mut rest = path;
    while !rest.is_empty() {
        let (name, selector, tail) = split_segment(rest)?;
        rest = tail;
        let map = match node {
            Value::Mapping(m) => m,
            _ => return Err(format!("'{path}' does not lead to a field")),
        };
        if rest.is_empty() && selector.is_none() {
            if value.is_null() {
                map.remove(name);
            } else {
                map.insert(name.into(), value);
            }
            return Ok(());
        }
        if !map.contains_key(name) {
            let fresh = if selector.is_some() {
                Value::Sequence(Vec::new())
            } else {
                Value::Mapping(Mapping::new())
            };
            map.insert(name.into(), fresh);
        }
        node = map.get_mut(name).ok_or("unreachable")?;
        if let Some((key, id)) = selector {
            let Value::Sequence(items) = node else {
                return Err(format!("'{path}' does not lead to a list"));
            };
            let pos = items
                .iter()
                .position(|v| v.get(key).and_then(yaml::scalar_text).as_deref() == Some(id));
            let i = match pos {
                Some(i) => i,
                None => {
                    let mut m = Mapping::new();
                    m.insert(key.into(), id.into());
                    items.push(Value::Mapping(m));
                    items.len() - 1
                }
            };
            if rest.is_empty() {
                if value.is_null() {
                    items.remove(i);
                } else {
                    items[i] = value;
                }
                return Ok(());
            }
            node = &mut items[i];
        }
    }
    Ok(())
}

/// One step of a merge path: a key, an optional `[key=id]` selector, and
/// what follows.
type Segment<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a str);

/// `name[key=id].rest` into its parts.
fn split_segment(s: &str) -> Result<Segment<'_>, String> {
    let end = s.find(['.', '[']).unwrap_or(s.len());
    let name = &s[..end];
    let mut rest = &s[end..];
    let mut selector = None;
    if let Some(r) = rest.strip_prefix('[') {
        let close = r
            .find(']')
            .ok_or_else(|| format!("unclosed '[' in '{s}'"))?;
        let inner = &r[..close];
        let (k, v) = inner
            .split_once('=')
            .ok_or_else(|| format!("'{inner}' is not key=value"))?;
        selector = Some((k, v));
        rest = &r[close + 1..];
    }
    Ok((name, selector, rest.strip_prefix('.').unwrap_or(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settling_a_conflict_that_is_not_there_is_a_typed_error() {
        let mut wb = crate::workbook::one_question_workbook();
        let err = resolve(&wb, 0, &Value::Null).err();
        assert!(
            matches!(err, Some(ResolveError::NoSuchConflict(0))),
            "{err:?}"
        );
        // A path that leads nowhere is refused, and says why.
        wb.conflicts.push(Conflict::new(
            "answers[question=a",
            Value::Null,
            vec![("alice.yaml".into(), "x".into())],
        ));
        match resolve(&wb, 0, &Value::from("x")) {
            Err(ResolveError::Path(why)) => assert!(why.contains("unclosed '['"), "{why}"),
            other => panic!("{:?}", other.map(|w| w.conflicts)),
        }
        // A good path settles it: the value is in place, the conflict gone.
        wb.conflicts[0].path = "answers[question=a].narrative".into();
        let w = resolve(&wb, 0, &Value::from("settled")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(w.answer("a").map(|a| a.narrative.as_str()), Some("settled"));
        assert!(w.conflicts.is_empty());
    }
}
