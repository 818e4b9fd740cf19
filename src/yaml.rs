//! All YAML access lives here, so the parser could be swapped in one place.
//!
//! `serde_yaml` parses documents into [`Value`]s and writes them back. It
//! reports positions for syntax errors but keeps none for values, so a second
//! pass with `yaml-rust2`'s event parser (which carries a mark on every event)
//! builds a [`PosIndex`]: for every path in the document, where its key and its
//! value start, and the scalar text exactly as written. Checks that run after
//! parsing (a duplicate id, a rating outside the scale) look positions up there,
//! so every message carries a line and column.

use std::collections::HashMap;
use std::fmt;

pub use serde_yaml::{Mapping, Value};

/// A line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// One step into a document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Idx(usize),
}

/// A location in a document, such as `domains[0].questions[3].id`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Path(Vec<Seg>);

impl Path {
    pub fn root() -> Path {
        Path(Vec::new())
    }
    pub fn key(&self, k: &str) -> Path {
        let mut p = self.0.clone();
        p.push(Seg::Key(k.to_string()));
        Path(p)
    }
    pub fn idx(&self, i: usize) -> Path {
        let mut p = self.0.clone();
        p.push(Seg::Idx(i));
        Path(p)
    }
    pub fn parent(&self) -> Option<Path> {
        if self.0.is_empty() {
            None
        } else {
            Some(Path(self.0[..self.0.len() - 1].to_vec()))
        }
    }
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return write!(f, "(top level)");
        }
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Idx(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct Entry {
    key: Option<Pos>,
    value: Pos,
    raw: Option<String>,
}

/// Where each node of a document starts, by path.
#[derive(Debug, Default, Clone)]
pub struct PosIndex {
    entries: HashMap<Path, Entry>,
}

impl PosIndex {
    /// Where the value at `path` starts; for a path the index does not know
    /// (inside an alias, say), the nearest enclosing node that it does.
    pub fn value(&self, path: &Path) -> Pos {
        let mut p = Some(path.clone());
        while let Some(cur) = p {
            if let Some(e) = self.entries.get(&cur) {
                return e.value;
            }
            p = cur.parent();
        }
        Pos::START
    }

    /// Where the key of the mapping entry at `path` starts (falls back to
    /// the value's position).
    pub fn key(&self, path: &Path) -> Pos {
        match self.entries.get(path) {
            Some(Entry { key: Some(k), .. }) => *k,
            _ => self.value(path),
        }
    }

    /// The scalar at `path` exactly as written in the file (without quotes),
    /// so `1.10` stays `1.10` rather than becoming the number 1.1.
    pub fn raw(&self, path: &Path) -> Option<&str> {
        self.entries.get(path).and_then(|e| e.raw.as_deref())
    }
}

/// A YAML syntax error, or text that is not UTF-8.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// A parsed document and the positions of its nodes.
#[derive(Debug, Clone)]
pub struct Document {
    pub value: Value,
    pub index: PosIndex,
}

/// Turns file bytes into text: UTF-8 required, a byte-order mark removed.
pub fn decode(bytes: &[u8]) -> Result<&str, SyntaxError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        SyntaxError {
            pos: Pos { line, col },
            message: "the file is not valid UTF-8 text; save it as UTF-8 (in most editors: \
                      Save As, encoding UTF-8)"
                .to_string(),
        }
    })
}

/// Parses one YAML document and indexes the positions of its nodes.
pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos {
                line: l.line(),
                col: l.column(),
            })
            .unwrap_or(Pos::START);
        let (message, pos) = explain_serde_error(&e.to_string(), pos);
        // Nested ones come with their path first ("review: duplicate entry").
        if message.contains("duplicate entry") {
            // serde_yaml points at the mapping; point at the repeated key.
            let mut b = IndexBuilder::default();
            let _ = yaml_rust2::parser::Parser::new_from_str(text).load(&mut b, false);
            if let Some(dup) = b.duplicates.first() {
                return SyntaxError {
                    pos: *dup,
                    message: format!("{message}; a key may appear only once in a mapping"),
                };
            }
        }
        SyntaxError { pos, message }
    })?;
    let mut builder = IndexBuilder::default();
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    // serde_yaml accepted the text; if the second parser disagrees, positions
    // fall back to the start of the file rather than failing the load.
    let _ = parser.load(&mut builder, false);
    Ok(Document {
        value,
        index: PosIndex {
            entries: builder.entries,
        },
    })
}

/// serde_yaml's messages read "PROBLEM at line L column C[, CONTEXT at line
/// L2 column C2]". The position is reported separately; where libyaml names
/// the construct the problem arose in (an unclosed quote, say), its start is
/// the more useful place to point at.
fn explain_serde_error(msg: &str, pos: Pos) -> (String, Pos) {
    let Some(i) = msg.find(" at line ") else {
        return (msg.to_string(), pos);
    };
    let problem = &msg[..i];
    let rest = &msg[i + " at line ".len()..];
    let Some((_, context)) = rest.split_once(", ") else {
        return (problem.to_string(), pos);
    };
    match context.find(" at line ") {
        Some(j) => {
            let ctx_pos = parse_mark(&context[j + " at line ".len()..]).unwrap_or(pos);
            (
                format!(
                    "{problem}, {} that starts here (the problem shows on line {})",
                    &context[..j],
                    pos.line
                ),
                ctx_pos,
            )
        }
        None => (format!("{problem}, {context}"), pos),
    }
}

/// "11 column 15" as a position.
fn parse_mark(s: &str) -> Option<Pos> {
    let (line, rest) = s.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Pos {
        line: line.trim().parse().ok()?,
        col: col.parse().ok()?,
    })
}

/// Writes a value as YAML text: block style, keys in the order given,
/// multi-line strings as literal block scalars.
pub fn to_string(value: &Value) -> String {
    // Serialising an in-memory Value cannot fail: every key is a plain scalar.
    serde_yaml::to_string(value).unwrap_or_default()
}

/// A copy of `v` in which numbers and booleans at the given text keys (and
/// in the given lists of text) become the text exactly as written, so an id
/// written `1.10` stays `1.10` wherever the value is written out again.
pub fn keep_raw_text(
    v: &Value,
    index: &PosIndex,
    path: &Path,
    text_keys: &[&str],
    text_lists: &[&str],
) -> Value {
    let as_text = |v: &Value, p: &Path| match v {
        Value::Number(_) | Value::Bool(_) => Value::String(
            index
                .raw(p)
                .map(str::to_string)
                .or_else(|| scalar_text(v))
                .unwrap_or_default(),
        ),
        other => other.clone(),
    };
    match v {
        Value::Mapping(m) => {
            let mut out = Mapping::new();
            for (k, val) in m {
                let key = scalar_text(k).unwrap_or_default();
                let p = path.key(&key);
                let new = match val {
                    Value::Sequence(items) if text_lists.contains(&key.as_str()) => {
                        Value::Sequence(
                            items
                                .iter()
                                .enumerate()
                                .map(|(i, item)| as_text(item, &p.idx(i)))
                                .collect(),
                        )
                    }
                    _ if text_keys.contains(&key.as_str()) => as_text(val, &p),
                    _ => keep_raw_text(val, index, &p, text_keys, text_lists),
                };
                out.insert(k.clone(), new);
            }
            Value::Mapping(out)
        }
        Value::Sequence(items) => Value::Sequence(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| keep_raw_text(item, index, &path.idx(i), text_keys, text_lists))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The text of a scalar value, as a person would read it.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A short name for the kind of a value, for messages.
pub fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping of keys",
        Value::Tagged(_) => "a tagged value",
    }
}

enum Frame {
    Map {
        path: Path,
        pending: Option<(String, Pos)>,
        skip_value: bool,
        /// No key seen yet: the first key's position becomes the mapping's,
        /// since a block mapping's own mark can fall after its first key.
        first: bool,
    },
    Seq {
        path: Path,
        next: usize,
    },
    /// A mapping or sequence used as a key: not indexed.
    Skip,
}

#[derive(Default)]
struct IndexBuilder {
    stack: Vec<Frame>,
    entries: HashMap<Path, Entry>,
    /// Scalar text by anchor id, so an alias keeps the text as written.
    anchors: HashMap<usize, String>,
    /// Keys written twice in one mapping, where the second one is.
    duplicates: Vec<Pos>,
}

enum Slot {
    Node(Path, Option<Pos>),
    Key,
    Ignored,
}

impl IndexBuilder {
    /// Decides what the node starting now is: a value at a path, a key, or
    /// something not worth indexing.
    fn slot(&mut self) -> Slot {
        match self.stack.last_mut() {
            None => Slot::Node(Path::root(), None),
            Some(Frame::Skip) => Slot::Ignored,
            Some(Frame::Seq { path, next }) => {
                let p = path.idx(*next);
                *next += 1;
                Slot::Node(p, None)
            }
            Some(Frame::Map {
                path,
                pending,
                skip_value,
                ..
            }) => {
                if *skip_value {
                    *skip_value = false;
                    Slot::Ignored
                } else if let Some((k, kpos)) = pending.take() {
                    Slot::Node(path.key(&k), Some(kpos))
                } else {
                    Slot::Key
                }
            }
        }
    }

    fn record(&mut self, slot: &Slot, pos: Pos, raw: Option<String>) {
        if let Slot::Node(path, key) = slot {
            // First occurrence wins, so a duplicate key keeps the first position.
            self.entries.entry(path.clone()).or_insert(Entry {
                key: *key,
                value: pos,
                raw,
            });
        }
    }

    fn open(&mut self, slot: Slot, pos: Pos, seq: bool) {
        match slot {
            Slot::Node(ref path, _) => {
                self.record(&slot, pos, None);
                let path = path.clone();
                self.stack.push(if seq {
                    Frame::Seq { path, next: 0 }
                } else {
                    Frame::Map {
                        path,
                        pending: None,
                        skip_value: false,
                        first: true,
                    }
                });
            }
            Slot::Key => {
                if let Some(Frame::Map { skip_value, .. }) = self.stack.last_mut() {
                    *skip_value = true;
                }
                self.stack.push(Frame::Skip);
            }
            Slot::Ignored => self.stack.push(Frame::Skip),
        }
    }
}

impl yaml_rust2::parser::MarkedEventReceiver for IndexBuilder {
    fn on_event(&mut self, ev: yaml_rust2::parser::Event, mark: yaml_rust2::scanner::Marker) {
        use yaml_rust2::parser::Event;
        let pos = Pos {
            line: mark.line(),
            col: mark.col() + 1,
        };
        match ev {
            Event::Scalar(text, _, anchor, _) => match self.slot() {
                Slot::Key => {
                    if let Some(Frame::Map { path, .. }) = self.stack.last()
                        && self.entries.contains_key(&path.key(&text))
                    {
                        self.duplicates.push(pos);
                    }
                    if let Some(Frame::Map {
                        pending,
                        first,
                        path,
                        ..
                    }) = self.stack.last_mut()
                    {
                        *pending = Some((text, pos));
                        if std::mem::take(first)
                            && let Some(e) = self.entries.get_mut(path)
                        {
                            e.value = pos;
                        }
                    }
                }
                slot => {
                    if anchor > 0 {
                        self.anchors.insert(anchor, text.clone());
                    }
                    self.record(&slot, pos, Some(text));
                }
            },
            Event::Alias(anchor) => match self.slot() {
                Slot::Key => {
                    if let Some(Frame::Map { skip_value, .. }) = self.stack.last_mut() {
                        *skip_value = true;
                    }
                }
                slot => {
                    let raw = self.anchors.get(&anchor).cloned();
                    self.record(&slot, pos, raw);
                }
            },
            Event::MappingStart(..) => {
                let slot = self.slot();
                self.open(slot, pos, false);
            }
            Event::SequenceStart(..) => {
                let slot = self.slot();
                self.open(slot, pos, true);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_keys_values_and_raw_scalars() {
        let doc = parse("id: x\ndomains:\n  - id: d\n    questions:\n      - id: 1.10\n").unwrap();
        let q = Path::root()
            .key("domains")
            .idx(0)
            .key("questions")
            .idx(0)
            .key("id");
        assert_eq!(doc.index.key(&q), Pos { line: 5, col: 9 });
        assert_eq!(doc.index.value(&q), Pos { line: 5, col: 13 });
        assert_eq!(doc.index.raw(&q), Some("1.10"));
        assert_eq!(
            doc.index.value(&Path::root().key("id")),
            Pos { line: 1, col: 5 }
        );
    }

    #[test]
    fn unknown_paths_fall_back_to_the_nearest_parent() {
        let doc = parse("a:\n  b: 1\n").unwrap();
        let p = Path::root().key("a").key("zzz");
        assert_eq!(doc.index.value(&p), Pos { line: 2, col: 3 });
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(err.pos.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let doc = parse("\u{feff}a: 1\r\nb: two\r\n").unwrap();
        assert_eq!(doc.value["b"], Value::String("two".into()));
        assert_eq!(
            doc.index.value(&Path::root().key("b")),
            Pos { line: 2, col: 4 }
        );
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode(b"a: 1\nb: \xff\n").unwrap_err();
        assert_eq!(err.pos, Pos { line: 2, col: 4 });
    }

    #[test]
    fn multi_line_text_is_written_as_a_block_and_round_trips() {
        let mut m = Mapping::new();
        let text = "First line: with colon\n  indented #not a comment\n\nlast";
        m.insert("narrative".into(), text.into());
        m.insert("long".into(), "word ".repeat(40).trim_end().into());
        let out = to_string(&Value::Mapping(m));
        assert!(out.contains("narrative: |"), "{out}");
        let back = parse(&out).unwrap();
        assert_eq!(back.value["narrative"], Value::String(text.into()));
        assert_eq!(out, to_string(&back.value));
    }
}
