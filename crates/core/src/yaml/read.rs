//! Reading a parsed YAML document into the model, collecting every problem
//! with its position instead of stopping at the first.

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics, suggest};
use crate::yaml::{Mapping, Path, Pos, PosIndex, Value, kind_name, scalar_text};

/// What to do with a key the reader does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// An error with the nearest known key suggested (framework files).
    Reject,
    /// Kept for the next save and reported as a warning (workbooks from a
    /// newer peerbook).
    Keep,
}

pub struct Reader<'a> {
    pub file: &'a str,
    pub index: &'a PosIndex,
    pub diags: Diagnostics,
    pub unknown: Unknown,
}

/// A mapping being read: its entries, where it is, and the keys kept aside.
pub struct Obj<'v> {
    pub map: &'v Mapping,
    pub path: Path,
    /// Unknown keys (in `Keep` mode) and `x-` extensions, in file order.
    pub extra: Mapping,
}

impl<'v> Obj<'v> {
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub fn at(&self, key: &str) -> Path {
        self.path.key(key)
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a str, index: &'a PosIndex, unknown: Unknown) -> Reader<'a> {
        Reader {
            file,
            index,
            diags: Diagnostics::default(),
            unknown,
        }
    }

    pub fn pos(&self, path: &Path) -> Pos {
        self.index.value(path)
    }

    pub fn error(&mut self, path: &Path, message: impl Into<String>, help: impl Into<String>) {
        let pos = self.pos(path);
        self.error_at(pos, message, help);
    }

    pub fn error_at(&mut self, pos: Pos, message: impl Into<String>, help: impl Into<String>) {
        let mut d = Diagnostic::error(self.file, pos, message);
        let help = help.into();
        if !help.is_empty() {
            d = d.with_help(help);
        }
        self.diags.push(d);
    }

    pub fn warning(&mut self, path: &Path, message: impl Into<String>, help: impl Into<String>) {
        let mut d = Diagnostic::warning(self.file, self.pos(path), message);
        let help = help.into();
        if !help.is_empty() {
            d = d.with_help(help);
        }
        self.diags.push(d);
    }

    /// Reads `v` as a mapping with the given known and required keys.
    pub fn obj<'v>(
        &mut self,
        v: &'v Value,
        path: &Path,
        what: &str,
        known: &[&str],
        required: &[&str],
    ) -> Option<Obj<'v>> {
        self.obj_of(v, path, what, known, required.iter().copied())
    }

    /// [`Reader::obj`] with the required keys from an iterator (a model
    /// type's own description of them).
    pub fn obj_of<'v, 'k>(
        &mut self,
        v: &'v Value,
        path: &Path,
        what: &str,
        known: &[&str],
        required: impl IntoIterator<Item = &'k str>,
    ) -> Option<Obj<'v>> {
        let Value::Mapping(map) = v else {
            self.error(
                path,
                format!("{what} should be a mapping of keys, found {}", kind_name(v)),
                format!(
                    "write it as `key: value` lines; expected keys: {}",
                    known.join(", ")
                ),
            );
            return None;
        };
        let mut extra = Mapping::new();
        for (k, val) in map {
            // Known keys, nearly all of them, are checked without a copy.
            if let Value::String(key) = k
                && known.contains(&key.as_str())
            {
                continue;
            }
            let Some(key) = scalar_text(k) else {
                self.error(path, format!("{what} has a key that is not text"), "");
                continue;
            };
            if known.contains(&key.as_str()) {
                continue;
            }
            if key.starts_with("x-") {
                extra.insert(k.clone(), val.clone());
                continue;
            }
            let kp = self.index.key(&path.key(&key));
            let hint = match suggest(&key, known) {
                Some(s) => format!("did you mean '{s}'?"),
                None => format!("known keys here: {}", known.join(", ")),
            };
            match self.unknown {
                Unknown::Reject => self.error_at(
                    kp,
                    format!("unknown key '{key}' in {what}"),
                    format!("{hint} (extensions must start with 'x-')"),
                ),
                Unknown::Keep => {
                    let d = Diagnostic::warning(
                        self.file,
                        kp,
                        format!("unknown key '{key}' in {what}; it is kept as it is"),
                    )
                    .with_help(hint);
                    self.diags.push(d);
                    extra.insert(k.clone(), val.clone());
                }
            }
        }
        for req in required {
            match map.get(req) {
                None => self.error(
                    path,
                    format!("{what} is missing the required key '{req}'"),
                    format!("add a line `{req}: ...` to it"),
                ),
                // An empty value has no position of its own: point at its key.
                Some(v) if v.is_null() => self.error_at(
                    self.index.key(&path.key(req)),
                    format!("'{req}' in {what} is empty"),
                    format!("give '{req}' a value"),
                ),
                Some(_) => {}
            }
        }
        Some(Obj {
            map,
            path: path.clone(),
            extra,
        })
    }

    /// A text value; numbers and booleans are read as the text written.
    pub fn text(&mut self, o: &Obj, key: &str) -> Option<String> {
        let v = o.get(key)?;
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(_) | Value::Bool(_) => self
                .index
                .raw(&o.at(key))
                .map(str::to_string)
                .or_else(|| scalar_text(v)),
            other => {
                self.error(
                    &o.at(key),
                    format!("'{key}' should be text, found {}", kind_name(other)),
                    "write the text on the same line, or as a block after `|`",
                );
                None
            }
        }
    }

    /// A required text value (a missing one is already reported by `obj`).
    pub fn req_text(&mut self, o: &Obj, key: &str) -> String {
        self.text(o, key).unwrap_or_default()
    }

    /// A list of text items; a single text is accepted as a list of one.
    pub fn text_list(&mut self, o: &Obj, key: &str) -> Vec<String> {
        let Some(v) = o.get(key) else {
            return Vec::new();
        };
        let path = o.at(key);
        match v {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let ip = path.idx(i);
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(_) | Value::Bool(_) => out.push(
                            self.index
                                .raw(&ip)
                                .map(str::to_string)
                                .or_else(|| scalar_text(item))
                                .unwrap_or_default(),
                        ),
                        Value::Null => {}
                        other => self.error(
                            &ip,
                            format!(
                                "each item of '{key}' should be text, found {}",
                                kind_name(other)
                            ),
                            "write each item as `- some text`",
                        ),
                    }
                }
                out
            }
            Value::String(s) => vec![s.clone()],
            other => {
                self.error(
                    &path,
                    format!(
                        "'{key}' should be a list of text, found {}",
                        kind_name(other)
                    ),
                    "write each item on its own line as `- some text`",
                );
                Vec::new()
            }
        }
    }

    pub fn bool(&mut self, o: &Obj, key: &str) -> Option<bool> {
        match o.get(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(
                    &o.at(key),
                    format!(
                        "'{key}' should be true or false, found {}",
                        kind_name(other)
                    ),
                    format!("write `{key}: true` or `{key}: false`"),
                );
                None
            }
        }
    }

    pub fn int(&mut self, o: &Obj, key: &str) -> Option<i64> {
        let v = o.get(key)?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.error(
                    &o.at(key),
                    format!("'{key}' should be a whole number, found {}", describe(v)),
                    format!("write it as digits without quotes, e.g. `{key}: 1`"),
                );
                None
            }
        }
    }

    pub fn number(&mut self, o: &Obj, key: &str) -> Option<f64> {
        let v = o.get(key)?;
        match v.as_f64().filter(|f| f.is_finite()) {
            Some(n) => Some(n),
            None => {
                self.error(
                    &o.at(key),
                    format!("'{key}' should be a number, found {}", describe(v)),
                    format!("write it as digits, e.g. `{key}: 42.5`"),
                );
                None
            }
        }
    }

    pub fn date(&mut self, o: &Obj, key: &str) -> Option<NaiveDate> {
        let text = self.text(o, key)?;
        match crate::value::date(&text) {
            Some(d) => Some(d),
            None => {
                self.error(
                    &o.at(key),
                    format!("'{key}' is not a real date: '{text}'"),
                    "write dates as YYYY-MM-DD, e.g. 2026-03-14",
                );
                None
            }
        }
    }

    /// The items of a list, with their paths. A missing key is an empty list.
    pub fn list<'v>(&mut self, o: &Obj<'v>, key: &str) -> Vec<(Path, &'v Value)> {
        let Some(v) = o.get(key) else {
            return Vec::new();
        };
        let path = o.at(key);
        match v {
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (path.idx(i), item))
                .collect(),
            other => {
                self.error(
                    &path,
                    format!("'{key}' should be a list, found {}", kind_name(other)),
                    "start each item on its own line with `- `",
                );
                Vec::new()
            }
        }
    }

    /// Checks a value against one of a fixed set of words.
    pub fn choice<'c>(&mut self, o: &Obj, key: &str, choices: &[&'c str]) -> Option<&'c str> {
        let text = self.text(o, key)?;
        if let Some(c) = choices.iter().find(|c| **c == text.trim()) {
            return Some(c);
        }
        let hint = match suggest(&text, choices) {
            Some(s) => format!("did you mean '{s}'? "),
            None => String::new(),
        };
        self.error(
            &o.at(key),
            format!("'{key}' cannot be '{text}'"),
            format!("{hint}use one of: {}", choices.join(", ")),
        );
        None
    }
}

fn describe(v: &Value) -> String {
    match scalar_text(v) {
        Some(t) => format!("'{t}'"),
        None => kind_name(v).to_string(),
    }
}

/// `[a-z0-9][a-z0-9-]*`: framework ids.
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `[A-Za-z0-9][A-Za-z0-9._-]*`: domain and question ids.
pub fn is_item_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_item_ids() {
        assert!(is_slug("cbo-standards"));
        assert!(!is_slug("CBO"));
        assert!(!is_slug("-x"));
        assert!(!is_slug(""));
        assert!(is_item_id("QS3.1_a"));
        assert!(!is_item_id("a/b"));
        assert!(!is_item_id(".."));
    }
}
