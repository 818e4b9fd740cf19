//! Settling a conflict merging left: the chosen (or typed) value is put at
//! the conflict's path and the workbook is read back, so every check of a
//! workbook file applies to it.

use crate::workbook::{self, Conflict, LoadError, Workbook};
use crate::yaml::{self, Mapping, Value};

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
/// A value typed to settle conflict `c` (`peerbook resolve --value`, the
/// interface's "Type a value"), read as the field reads it: a rating by its level or
/// label, a number as a number, a list one item a line, text as text.
pub fn typed_value(wb: &Workbook, c: &Conflict, text: &str) -> Result<Value, String> {
    let t = text.trim();
    if c.path.ends_with(".rating") {
        if t.is_empty() {
            return Ok(Value::Null);
        }
        let scale = wb.framework.scale.as_ref();
        if t.eq_ignore_ascii_case("n/a") && scale.is_some_and(|s| s.not_applicable) {
            return Ok(Value::from("n/a"));
        }
        let level = scale.and_then(|s| {
            s.levels
                .iter()
                .find(|l| t.parse::<i64>().ok() == Some(l.value) || l.label.eq_ignore_ascii_case(t))
        });
        return match level {
            Some(l) => Ok(Value::from(l.value)),
            None => Err(format!(
                "'{t}' is not a rating here; give one of {}{}",
                scale.map(|s| s.describe()).unwrap_or_default(),
                if scale.is_some_and(|s| s.not_applicable) {
                    ", or N/A"
                } else {
                    ""
                }
            )),
        };
    }
    let all = std::iter::once(&c.base).chain(c.values.iter().map(|(_, v)| v));
    let kinds: Vec<&Value> = all.filter(|v| !v.is_null()).collect();
    if kinds.iter().any(|v| v.is_sequence()) {
        let items: Vec<Value> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(Value::from)
            .collect();
        return Ok(Value::Sequence(items));
    }
    if !kinds.is_empty() && kinds.iter().all(|v| v.is_number()) {
        return match t.parse::<i64>() {
            Ok(n) => Ok(Value::from(n)),
            Err(_) => t
                .parse::<f64>()
                .map(Value::from)
                .map_err(|_| format!("'{t}' is not a number")),
        };
    }
    Ok(Value::from(text))
}

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
    use crate::workbook::Conflict;

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
