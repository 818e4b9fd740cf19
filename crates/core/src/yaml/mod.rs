//! All YAML access lives here, so the parser could be swapped in one place.
//!
//! Text is parsed once, by `yaml-rust2`'s event parser, which carries a mark
//! on every event ([`parse`]). One pass over the events builds both the value
//! tree (a `serde_yaml` [`Value`], resolved with the same rules `serde_yaml`
//! uses for plain scalars) and a [`PosIndex`]: for every path in the document,
//! where its key and its value start, and the text as written of scalars that
//! became numbers or booleans. Checks that run after parsing (a duplicate id,
//! a rating outside the scale) look positions up there, so every message
//! carries a line and column. The same pass enforces the limits that keep
//! hostile files cheap: nesting depth, the number of values, and how far
//! aliases may expand.
//!
//! Writing ([`to_string`]) walks a `Value` and emits block-style YAML
//! directly ([`emit`]).
//!
//! So that a save of an item nobody changed gives back what was read, the
//! same pass notes each one-line scalar written in a style other than the
//! writer's own ([`Mark`]), and the reader keeps, for each item, the keys it
//! set aside with the known key each followed and those scalars' styles
//! ([`Kept`]); the writer puts them back (`kept.rs`).
//!
//! (Just over 600 lines with its tests, which check the index and the marks
//! together; the code is under 500.)

mod emit;
mod kept;
mod parse;
pub mod read;

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

pub use emit::DocWriter;
pub use kept::{Kept, Style};
pub use parse::MAX_BYTES;
pub use serde_yaml::{Mapping, Value};

/// A line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// Where byte `at` of `text` is (columns count characters).
    pub fn at(text: &str, at: usize) -> Pos {
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos {
            line: before.matches('\n').count() + 1,
            col: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// One step into a document: a mapping key or a sequence index.
#[derive(Debug, Clone)]
pub enum Seg {
    Key(String),
    Idx(usize),
}

/// A location in a document, such as `domains[0].questions[3].id`. Steps
/// are shared with the parent path, so making a child path costs one small
/// allocation at any depth, and each path keeps a hash of its steps, so
/// looking it up in a [`PosIndex`] costs the same at any depth.
#[derive(Debug, Clone, Default)]
pub struct Path(Option<Rc<Step>>);

#[derive(Debug)]
struct Step {
    seg: Seg,
    /// The hash of the path up to and including this step.
    hash: u64,
    up: Path,
}

/// FNV-1a over the steps of a path. A key step starts with 0xFF and an index
/// step with 0xFE, bytes that never occur in UTF-8, so no two different
/// paths share their input.
const ROOT_HASH: u64 = 0xcbf2_9ce4_8422_2325;

fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn hash_key(h: u64, k: &str) -> u64 {
    mix(mix(h, &[0xFF]), k.as_bytes())
}

fn hash_idx(h: u64, i: usize) -> u64 {
    mix(mix(h, &[0xFE]), &(i as u64).to_le_bytes())
}

impl Path {
    pub fn root() -> Path {
        Path(None)
    }
    fn hash(&self) -> u64 {
        self.0.as_ref().map_or(ROOT_HASH, |s| s.hash)
    }
    fn child(&self, seg: Seg, hash: u64) -> Path {
        Path(Some(Rc::new(Step {
            seg,
            hash,
            up: self.clone(),
        })))
    }
    pub fn key(&self, k: &str) -> Path {
        self.child(Seg::Key(k.to_string()), hash_key(self.hash(), k))
    }
    pub fn idx(&self, i: usize) -> Path {
        self.child(Seg::Idx(i), hash_idx(self.hash(), i))
    }
    pub fn parent(&self) -> Option<Path> {
        self.0.as_ref().map(|s| s.up.clone())
    }
    /// The steps from the top.
    fn segs(&self) -> Vec<&Seg> {
        let mut out = Vec::new();
        let mut cur = &self.0;
        while let Some(step) = cur {
            out.push(&step.seg);
            cur = &step.up.0;
        }
        out.reverse();
        out
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let segs = self.segs();
        if segs.is_empty() {
            return write!(f, "(top level)");
        }
        for (i, s) in segs.into_iter().enumerate() {
            match s {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Idx(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Where one node starts, and for a mapping entry where its key starts
/// (line 0 when it has none), stored compactly: an index at 100× size holds
/// a quarter of a million of them.
#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
    line: u32,
    col: u32,
    key_line: u32,
    key_col: u32,
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Entry {
    fn new(hash: u64, key: Option<Pos>, value: Pos) -> Entry {
        let key = key.unwrap_or(Pos { line: 0, col: 0 });
        Entry {
            hash,
            line: narrow(value.line),
            col: narrow(value.col),
            key_line: narrow(key.line),
            key_col: narrow(key.col),
        }
    }
    fn value(&self) -> Pos {
        Pos {
            line: self.line as usize,
            col: self.col as usize,
        }
    }
    fn key(&self) -> Option<Pos> {
        (self.key_line > 0).then_some(Pos {
            line: self.key_line as usize,
            col: self.key_col as usize,
        })
    }
}

/// Where each node of a document starts, by path: a list sorted by path
/// hash once the document is read, searched by halving.
#[derive(Debug, Default, Clone)]
pub struct PosIndex {
    entries: Vec<Entry>,
    /// Scalars that became a number or a boolean, as written, by path hash.
    raw: HashMap<u64, Box<str>, BuildHasherDefault<PathHasher>>,
    /// Text written in another style than the writer's, sorted by the list
    /// or mapping it is in. Empty for a file peerbook wrote.
    marks: Vec<Mark>,
}

/// A one-line text scalar written in a style the writer would not choose
/// for its value (`unit: "%"`, which it would write `'%'`), noted so that
/// it can be written that way again while the value is unchanged.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The path hash of the list or mapping it is in.
    container: u64,
    /// Its key or index there.
    pub seg: Seg,
    pub style: Style,
    /// Its value.
    pub text: Box<str>,
}

/// Path hashes are already well mixed: use them as they are.
#[derive(Default)]
struct PathHasher(u64);

impl Hasher for PathHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl PosIndex {
    /// Sorts the entries for lookup; where two share a path (a repeated
    /// key), the first in the file is kept.
    fn finish(&mut self) {
        self.entries.sort_by_key(|e| e.hash);
        self.entries.dedup_by_key(|e| e.hash);
        self.entries.shrink_to_fit();
        // Stable: within one list or mapping, marks stay in file order.
        self.marks.sort_by_key(|m| m.container);
    }

    /// Whether any text in the document was written in another style than
    /// the writer's (never, for a file peerbook wrote).
    pub fn has_marks(&self) -> bool {
        !self.marks.is_empty()
    }

    /// The marks of the scalars directly in the list or mapping at `path`.
    pub fn marks_in(&self, path: &Path) -> &[Mark] {
        let h = path.hash();
        let start = self.marks.partition_point(|m| m.container < h);
        let end = start + self.marks[start..].partition_point(|m| m.container == h);
        &self.marks[start..end]
    }

    fn get(&self, path: &Path) -> Option<&Entry> {
        let h = path.hash();
        self.entries
            .binary_search_by_key(&h, |e| e.hash)
            .ok()
            .map(|i| &self.entries[i])
    }

    /// Where the value at `path` starts; for a path the index does not know
    /// (inside an alias, say), the nearest enclosing node that it does.
    pub fn value(&self, path: &Path) -> Pos {
        if let Some(e) = self.get(path) {
            return e.value();
        }
        let mut p = path.parent();
        while let Some(cur) = p {
            if let Some(e) = self.get(&cur) {
                return e.value();
            }
            p = cur.parent();
        }
        Pos::START
    }

    /// Where the key of the mapping entry at `path` starts (falls back to
    /// the value's position).
    pub fn key(&self, path: &Path) -> Pos {
        match self.get(path).and_then(Entry::key) {
            Some(k) => k,
            None => self.value(path),
        }
    }

    /// A number or boolean at `path` exactly as written in the file, so `1.10`
    /// stays `1.10` rather than becoming the number 1.1.
    pub fn raw(&self, path: &Path) -> Option<&str> {
        self.raw.get(&path.hash()).map(|r| &**r)
    }
}

/// A YAML syntax error, or text that is not UTF-8.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
    /// What to do about it, where the loader's general advice ("fix the
    /// YAML syntax here") would not help: a limit, a tab, a stray character.
    pub help: Option<String>,
}

impl SyntaxError {
    pub fn new(pos: Pos, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            pos,
            message: message.into(),
            help: None,
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> SyntaxError {
        self.help = Some(help.into());
        self
    }
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
        // Everything before the first bad byte is UTF-8.
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        SyntaxError::new(
            Pos::at(good, good.len()),
            "the file is not valid UTF-8 text",
        )
        .with_help("save it as UTF-8 (in most editors: Save As, encoding UTF-8)")
    })
}

/// Parses one YAML document and indexes the positions of its nodes.
pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    parse::parse(text)
}

/// The text of a top-level key's scalar value (`kind:`, say), without
/// parsing the whole document. `None` when it is missing or not a scalar, or
/// the text stops parsing before it.
pub fn top_level_text(text: &str, key: &str) -> Option<String> {
    parse::top_level_text(text, key)
}

/// Frees a large parsed document on another thread. The model read from it
/// owns copies of everything it needs; freeing hundreds of thousands of
/// small values costs a load at 100× size about a tenth of its time, which
/// the interface need not wait for.
pub fn drop_in_background(doc: Document) {
    if doc.index.entries.len() < 10_000 {
        return;
    }
    // If no thread can be started, the closure and the document with it are
    // freed here instead.
    let _ = std::thread::Builder::new()
        .name("peerbook-free".into())
        .spawn(move || drop(doc));
}

/// The text a framework's digest is taken over: serde_yaml's writing of the
/// value, as every earlier peerbook took it. It must never change, or
/// workbooks made before the change would no longer match their digest;
/// it is not the text peerbook saves (see [`to_string`]).
pub fn canonical_text(value: &Value) -> String {
    // Serialising an in-memory Value cannot fail: every key is a scalar.
    serde_yaml::to_string(value).unwrap_or_default()
}

/// Writes a value as YAML text: block style, keys in the order given,
/// multi-line strings as literal block scalars.
pub fn to_string(value: &Value) -> String {
    emit::to_string(value)
}

/// [`to_string`], but text that the document `v` was made from (`like`, its
/// index) holds at the same place, reading the same, in a style of its own
/// (`"%"`), is written in that style again. A merge writes its result so.
pub fn to_string_as(v: &Value, like: &PosIndex) -> String {
    if !like.has_marks() {
        return emit::to_string(v);
    }
    let mut v = v.clone();
    kept::restyle_like(&mut v, &Path::root(), like);
    emit::to_string(&v)
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

    /// The marks of a document, as `(path of the container, key or index,
    /// style, text)`.
    fn marks(text: &str) -> Vec<(String, String, Style, String)> {
        let doc = parse(text).unwrap();
        let mut out: Vec<_> = doc
            .index
            .marks
            .iter()
            .map(|m| {
                let at = match &m.seg {
                    Seg::Key(k) => k.clone(),
                    Seg::Idx(i) => i.to_string(),
                };
                (m.container, at, m.style, m.text.to_string())
            })
            .collect();
        let name = |h: u64| {
            [
                Path::root(),
                Path::root().key("list"),
                Path::root().key("m"),
            ]
            .iter()
            .find(|p| p.hash() == h)
            .map_or("?".into(), |p| p.to_string())
        };
        out.sort_by_key(|m| m.1.clone());
        out.into_iter()
            .map(|(c, at, s, t)| (name(c), at, s, t))
            .collect()
    }

    #[test]
    fn text_written_otherwise_than_the_writer_would_is_marked() {
        let m = |c: &str, at: &str, s: Style, t: &str| (c.into(), at.into(), s, t.into());
        // After text that is not ASCII, so byte and character offsets differ.
        let text = "a: Llŷn ’quoted’\nb: \"%\"\nc: 'plain'\nd: '%'\ne: yes\nf: plain\n\
                    g: \"caf\\u00e9\"\nh: 'it''s: x'\ni: \"it's: x\"\nlist:\n- \"x\"\n- z\n\
                    m:\n  k: -x\n";
        assert_eq!(
            marks(text),
            vec![
                m("list", "0", Style::Double, "x"),
                m("(top level)", "b", Style::Double, "%"),
                m("(top level)", "c", Style::Single, "plain"),
                m("(top level)", "e", Style::Plain, "yes"),
                m("(top level)", "g", Style::Double, "café"),
                m("(top level)", "i", Style::Double, "it's: x"),
                m("m", "k", Style::Plain, "-x"),
            ]
        );
        // Text over several lines, blocks, keys, numbers and tagged text
        // are not marked.
        let text = "a: 'two\n  lines'\nb: \"two\n  lines\"\nc: plain\n  over two\n\
                    d: >-\n  folded\n\"e\": 1\nf: !!str yes\ng: '1'\n";
        assert_eq!(marks(text), vec![]);
        // What the writer writes is never marked.
        let doc = parse(text).unwrap();
        assert!(!parse(&to_string(&doc.value)).unwrap().index.has_marks());
    }

    /// A top-level mapping's marks, for its own values and its lists'
    /// items, as the reader keeps them.
    fn kept_marks(doc: &Document) -> Kept {
        let mut kept = Kept::default();
        for m in doc.index.marks_in(&Path::root()) {
            if let Seg::Key(k) = &m.seg {
                kept.keep_style(k, vec![], m.style, &m.text);
            }
        }
        for k in doc.value.as_mapping().unwrap().keys() {
            let k = k.as_str().unwrap();
            for m in doc.index.marks_in(&Path::root().key(k)) {
                if let Seg::Idx(i) = m.seg {
                    kept.keep_style(k, vec![Seg::Idx(i)], m.style, &m.text);
                }
            }
        }
        kept
    }

    #[test]
    fn marked_text_written_in_its_style_reads_back_the_same() {
        for text in [
            "a: [x:]\n",
            "a: [-x, ?y, :z, x:y]\n",
            "a: {b: c}\n",
            "a: [yes, 'no', \"on\", ~x, 007, 0x1F]\n",
            "a: x\tb\nb: 'x\tb'\nc: \"x\\tb\"\n",
            "a: x\u{85}y\nb: '\u{2028}'\nc: \u{a0}x\n",
            "a: \"\"\nb: ''\nc: \" \"\nd: '-'\ne: \"...\"\n",
            "a: [\"a'b\", 'a\"b', 'it''s']\n",
        ] {
            let doc = parse(text).unwrap_or_else(|e| panic!("{e:?} in {text:?}"));
            let kept = kept_marks(&doc);
            let map = doc.value.as_mapping().unwrap().clone();
            let order: Vec<String> = map
                .keys()
                .map(|k| k.as_str().unwrap().to_string())
                .collect();
            let order: Vec<&str> = order.iter().map(String::as_str).collect();
            let out = to_string(&Value::Mapping(kept.arrange(map, &order, true)));
            let back = parse(&out).unwrap_or_else(|e| panic!("{e:?} in {out:?} from {text:?}"));
            assert_eq!(back.value, doc.value, "{text:?} written as {out:?}");
        }
    }

    #[test]
    fn a_tree_made_from_a_document_is_written_in_its_styles_where_unchanged() {
        let text = "a: \"%\"\nb:\n- 'x'\n- c: \"d\"\ne: \"f\"\n";
        let doc = parse(text).unwrap();
        assert_eq!(to_string_as(&doc.value, &doc.index), text);
        // A changed value, and one that moved, are written the writer's way.
        let mut v = doc.value.clone();
        v["e"] = "g".into();
        v["b"].as_sequence_mut().unwrap().reverse();
        assert_eq!(
            to_string_as(&v, &doc.index),
            "a: \"%\"\nb:\n- c: d\n- x\ne: g\n"
        );
    }

    #[test]
    fn marked_text_is_written_in_its_style_while_unchanged() {
        let text = "a: \"%\"\nb: yes\nc: 'plain'\nd: \"caf\\u00e9\"\ne: -x\nlist:\n- \"x\"\n";
        let doc = parse(text).unwrap();
        let kept = kept_marks(&doc);
        let Value::Mapping(map) = &doc.value else {
            panic!()
        };
        let order = ["a", "b", "c", "d", "e", "list"];
        let styled = Value::Mapping(kept.arrange(map.clone(), &order, true));
        let out = to_string(&styled);
        // Double quotes are written with the writer's escapes.
        assert_eq!(out, text.replace("\\u00e9", "é"));
        assert_eq!(parse(&out).unwrap().value, doc.value);
        // Changed text is written the writer's way; so is everything when
        // not written to a file.
        let mut changed = map.clone();
        changed.insert("a".into(), "% of all".into());
        changed.insert("b".into(), "no".into());
        let out = to_string(&Value::Mapping(kept.arrange(changed, &order, true)));
        assert!(
            out.starts_with("a: '% of all'\nb: 'no'\nc: 'plain'\n"),
            "{out}"
        );
        let plain = kept.arrange(map.clone(), &order, false);
        assert_eq!(Value::Mapping(plain), doc.value);
    }
}
