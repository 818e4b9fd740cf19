//! Reading a parsed YAML document into the model, collecting every problem
//! with its position instead of stopping at the first.

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics, suggest};
use crate::yaml::{Kept, Mapping, Path, Pos, PosIndex, Seg, Value, kind_name, scalar_text};

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
    /// Unknown keys (in `Keep` mode) and `x-` extensions, in file order,
    /// each with the known key it followed, and the styles of the text in
    /// the mapping written otherwise than the writer would.
    pub extra: Kept,
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
        let mut extra = Kept::default();
        // The last known key read, which a kept key goes back after.
        let mut after: Option<&str> = None;
        for (k, val) in map {
            // Known keys, nearly all of them, are checked without a copy.
            if let Value::String(key) = k
                && known.contains(&key.as_str())
            {
                after = Some(key);
                continue;
            }
            let Some(key) = scalar_text(k) else {
                self.error(path, format!("{what} has a key that is not text"), "");
                continue;
            };
            if let Some(k) = known.iter().find(|k| **k == key) {
                after = Some(k);
                continue;
            }
            if key.starts_with("x-") {
                extra.keep(k.clone(), val.clone(), after);
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
                    extra.keep(k.clone(), val.clone(), after);
                }
            }
        }
        if self.index.has_marks() {
            self.keep_styles(map, path, &mut extra);
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

    /// Notes in `extra` the styles of the text in the mapping `map` at
    /// `path` that was written otherwise than the writer would: its own
    /// values, the items of its lists of text, and anything in its kept
    /// keys. (Mappings in it are items of their own, read with their own
    /// styles, or are kept whole by [`Reader::keep_styles_under`].)
    fn keep_styles(&self, map: &Mapping, path: &Path, extra: &mut Kept) {
        for m in self.index.marks_in(path) {
            if let Seg::Key(k) = &m.seg {
                extra.keep_style(k, Vec::new(), m.style, &m.text);
            }
        }
        for (k, v) in map {
            let Some(key) = scalar_text(k) else {
                continue;
            };
            if extra.contains_key(k) {
                self.styles_within(v, &path.key(&key), &key, &mut Vec::new(), extra);
            } else if let Value::Sequence(_) = v {
                for m in self.index.marks_in(&path.key(&key)) {
                    if let Seg::Idx(i) = m.seg {
                        extra.keep_style(&key, vec![Seg::Idx(i)], m.style, &m.text);
                    }
                }
            }
        }
    }

    /// Notes in `o.extra` the styles of all the text under `key` (a value
    /// kept whole, such as an embedded framework), as [`Reader::obj`] does
    /// for the mapping's own values and lists.
    pub fn keep_styles_under(&self, o: &mut Obj, key: &str) {
        if !self.index.has_marks() {
            return;
        }
        let Some(v) = o.map.get(key) else {
            return;
        };
        let at = o.at(key);
        match v {
            // Its items were noted with the mapping's other lists.
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut rest = vec![Seg::Idx(i)];
                    self.styles_within(item, &at.idx(i), key, &mut rest, &mut o.extra);
                }
            }
            _ => self.styles_within(v, &at, key, &mut Vec::new(), &mut o.extra),
        }
    }

    /// Everything in `v` (at `path`, reached from the mapping's `key` by
    /// `rest`) that was written otherwise than the writer would.
    fn styles_within(
        &self,
        v: &Value,
        path: &Path,
        key: &str,
        rest: &mut Vec<Seg>,
        extra: &mut Kept,
    ) {
        let children: Box<dyn Iterator<Item = (Seg, &Value)>> = match v {
            Value::Mapping(m) => Box::new(
                m.iter()
                    .filter_map(|(k, v)| Some((Seg::Key(scalar_text(k)?), v))),
            ),
            Value::Sequence(items) => {
                Box::new(items.iter().enumerate().map(|(i, v)| (Seg::Idx(i), v)))
            }
            _ => return,
        };
        for m in self.index.marks_in(path) {
            rest.push(m.seg.clone());
            extra.keep_style(key, rest.clone(), m.style, &m.text);
            rest.pop();
        }
        for (seg, child) in children {
            if !matches!(child, Value::Mapping(_) | Value::Sequence(_)) {
                continue;
            }
            let at = match &seg {
                Seg::Key(k) => path.key(k),
                Seg::Idx(i) => path.idx(*i),
            };
            rest.push(seg);
            self.styles_within(child, &at, key, rest, extra);
            rest.pop();
        }
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
