//! Writing a value as block-style YAML: mappings one key a line, list items
//! under their key at the same indentation, multi-line text as literal
//! blocks, and quotes only where text would otherwise read as something
//! else. What it writes reads back as the same value, in peerbook and in
//! libyaml (see the tests and the `yaml_round_trip` fuzz target).
//!
//! (Over 600 lines because of its tests, a third of the file: the quoting
//! rules and their quick answers are checked against awkward text and the
//! seeds here, beside the rules.)

use serde_yaml::value::TaggedValue;
use serde_yaml::{Mapping, Value};

use super::kept::{self, Kept, Style};

pub(super) fn to_string(v: &Value) -> String {
    let mut out = String::with_capacity(4096);
    match v {
        Value::Mapping(m) if !m.is_empty() => map(&mut out, m, 0, false),
        Value::Sequence(s) if !s.is_empty() => seq(&mut out, s, 0, false),
        other => {
            scalar(&mut out, other, 0);
            out.push('\n');
        }
    }
    out
}

/// Writes a top-level mapping one entry at a time, so a large document never
/// has to exist as one `Value`: the items of a long list are each built,
/// written and dropped. It writes what [`to_string`] would write of the
/// whole mapping, with the top-level keys kept from reading ([`Kept`]) where
/// they were: after the known key each followed, written or not (so every
/// known key is given, in order, to [`DocWriter::entry`],
/// [`DocWriter::list`], [`DocWriter::mapping`] or [`DocWriter::skip`]).
pub struct DocWriter<'k> {
    out: String,
    kept: &'k Kept,
}

impl<'k> DocWriter<'k> {
    pub fn new(bytes: usize, kept: &'k Kept) -> DocWriter<'k> {
        let mut w = DocWriter {
            out: String::with_capacity(bytes),
            kept,
        };
        w.kept_after(None);
        w
    }

    /// `key: value`.
    pub fn entry(&mut self, key: &str, v: &Value) {
        let v = self.kept.styled(key, v);
        entry(&mut self.out, &Value::String(key.to_string()), &v, 0);
        self.kept_after(Some(key));
    }

    /// A known key with nothing to write: only the kept keys that followed
    /// it.
    pub fn skip(&mut self, key: &str) {
        self.kept_after(Some(key));
    }

    /// The kept keys that follow none of the known keys in `order` (added
    /// since reading, or after a key this writer does not know).
    pub fn unplaced(&mut self, order: &[&str]) {
        for (k, v) in self.kept.unplaced(order, true) {
            entry(&mut self.out, k, &v, 0);
        }
    }

    fn kept_after(&mut self, key: Option<&str>) {
        if self.kept.is_empty() {
            return;
        }
        for (k, v) in self.kept.after(key, true) {
            entry(&mut self.out, k, &v, 0);
        }
    }

    /// `key:` and the items, each made only when it is written; nothing
    /// when there are none.
    pub fn list(&mut self, key: &str, items: impl Iterator<Item = Value>) {
        let mut items = items.peekable();
        if items.peek().is_some() {
            single_line(&mut self.out, key);
            self.out.push_str(":\n");
            for v in items {
                self.out.push('-');
                value_after(&mut self.out, &v, 0, false);
            }
        }
        self.kept_after(Some(key));
    }

    /// `key:` and a mapping of the given known entries, in order, with the
    /// keys `kept` from reading it where they were.
    pub fn mapping(&mut self, key: &str, known: &[(&str, &Value)], kept: &Kept) {
        single_line(&mut self.out, key);
        self.out.push_str(":\n");
        let order: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
        let mut put = |k: &Value, v: &Value| entry(&mut self.out, k, v, 2);
        for (k, v) in kept.after(None, true) {
            put(k, &v);
        }
        for (k, v) in known {
            put(&Value::String((*k).to_string()), &kept.styled(k, v));
            for (k, v) in kept.after(Some(k), true) {
                put(k, &v);
            }
        }
        for (k, v) in kept.unplaced(&order, true) {
            put(k, &v);
        }
        self.kept_after(Some(key));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// One mapping entry at column `at`, to the end of its line(s).
fn entry(out: &mut String, k: &Value, v: &Value, at: usize) {
    indent(out, at);
    key_value(out, k, v, at);
}

/// `key: value` for a key whose line is already indented to `at`.
fn key_value(out: &mut String, k: &Value, v: &Value, at: usize) {
    key_at(out, k, at);
    out.push(':');
    value_after(out, v, at, true);
}

/// YAML lets a key stand on its own before `:` only up to 1,024 characters;
/// a longer one is written as an explicit key (`? key`, then `:` on the next
/// line at column `at`).
const LONGEST_PLAIN_KEY: usize = 1000;

fn key_at(out: &mut String, k: &Value, at: usize) {
    let mut text = String::new();
    key(&mut text, k);
    if text.chars().count() > LONGEST_PLAIN_KEY {
        out.push_str("? ");
        out.push_str(&text);
        out.push('\n');
        indent(out, at);
    } else {
        out.push_str(&text);
    }
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A mapping whose keys start at column `at`; `inline` when the first key
/// follows a `- ` already written.
fn map(out: &mut String, m: &Mapping, at: usize, mut inline: bool) {
    for (k, v) in m {
        if !std::mem::take(&mut inline) {
            indent(out, at);
        }
        key_value(out, k, v, at);
    }
}

/// A list whose dashes start at column `at`.
fn seq(out: &mut String, items: &[Value], at: usize, mut inline: bool) {
    for v in items {
        if !std::mem::take(&mut inline) {
            indent(out, at);
        }
        out.push('-');
        value_after(out, v, at, false);
    }
}

/// A value after `key:` or `-` (at column `at`), to the end of its line(s).
fn value_after(out: &mut String, v: &Value, at: usize, in_map: bool) {
    match v {
        Value::Mapping(m) if !m.is_empty() => {
            if in_map {
                out.push('\n');
                map(out, m, at + 2, false);
            } else {
                out.push(' ');
                map(out, m, at + 2, true);
            }
        }
        Value::Sequence(s) if !s.is_empty() => {
            if in_map {
                // Items of a list under a key sit at the key's indentation.
                out.push('\n');
                seq(out, s, at, false);
            } else {
                out.push(' ');
                seq(out, s, at + 2, true);
            }
        }
        Value::Tagged(t) if kept::style_of(t).is_some() => {
            out.push(' ');
            scalar(out, v, at);
            out.push('\n');
        }
        Value::Tagged(t) => {
            out.push(' ');
            out.push_str(&tag_text(&t.tag.to_string()));
            value_after(out, &t.value, at, in_map);
        }
        other => {
            out.push(' ');
            scalar(out, other, at);
            out.push('\n');
        }
    }
}

fn tag_text(t: &str) -> String {
    if t.starts_with('!') {
        t.to_string()
    } else {
        format!("!{t}")
    }
}

fn key(out: &mut String, k: &Value) {
    match k {
        Value::String(s) => single_line(out, s),
        Value::Mapping(_) | Value::Sequence(_) | Value::Tagged(_) => {
            // Keys of this kind are never read; written as text they at
            // least stay readable.
            single_line(out, &to_string(k).trim_end().replace('\n', " "))
        }
        other => scalar(out, other, 0),
    }
}

/// A scalar (or an empty list or mapping) at the end of a line whose node
/// sits at column `at`.
fn scalar(out: &mut String, v: &Value, at: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) if s.contains('\n') => text_block(out, s, at),
        Value::String(s) => single_line(out, s),
        Value::Sequence(_) => out.push_str("[]"),
        Value::Mapping(_) => out.push_str("{}"),
        Value::Tagged(t) if kept::style_of(t).is_some() => as_written(out, t, at),
        Value::Tagged(t) => {
            out.push_str(&tag_text(&t.tag.to_string()));
            out.push(' ');
            scalar(out, &t.value, at);
        }
    }
}

/// Multi-line text as a literal block (`|`), indented two past `at`, when
/// it reads back exactly; otherwise in double quotes.
fn text_block(out: &mut String, s: &str, at: usize) {
    if !block_ok(s) {
        double_quoted(out, s);
        return;
    }
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    out.push('|');
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            indent(out, at + 2);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    // The caller ends the line; a block has ended its own.
    out.pop();
}

/// Whether multi-line text reads back exactly from a literal block.
fn block_ok(s: &str) -> bool {
    let body = s.trim_end_matches('\n');
    !body.is_empty()
        // A leading space would need an indentation indicator, and libyaml
        // refuses a leading tab where it works the indentation out.
        && !body.starts_with([' ', '\n', '\t'])
        && body.chars().all(|c| c == '\n' || c == '\t' || printable(c))
        && body.split('\n').all(|l| !l.ends_with([' ', '\t']))
}

fn single_line(out: &mut String, s: &str) {
    write_in(out, s, line_style(s));
}

/// How text is written on one line: without quotes where it reads back the
/// same, in single quotes where every character may stand as it is, and in
/// double quotes otherwise.
fn line_style(s: &str) -> Style {
    if plain_ok(s) {
        Style::Plain
    } else {
        quoted_style(s)
    }
}

fn quoted_style(s: &str) -> Style {
    // Printable ASCII (most text) holds no line break either.
    if ascii_printable(s.as_bytes()) || s.chars().all(printable) && !s.contains('\n') {
        Style::Single
    } else {
        Style::Double
    }
}

/// The style the writer writes a text value in: `None` for a literal block.
/// (The parser asks this of every text it reads, so the common case, text
/// written without quotes, is answered first.)
pub(super) fn own_style(s: &str) -> Option<Style> {
    if plain_ok(s) {
        return Some(Style::Plain);
    }
    if ascii_printable(s.as_bytes()) {
        return Some(Style::Single);
    }
    if s.contains('\n') {
        return (!block_ok(s)).then_some(Style::Double);
    }
    Some(quoted_style(s))
}

fn write_in(out: &mut String, s: &str, style: Style) {
    match style {
        Style::Plain => out.push_str(s),
        Style::Single => single_quoted(out, s),
        Style::Double => double_quoted(out, s),
    }
}

fn single_quoted(out: &mut String, s: &str) {
    out.push('\'');
    for (i, part) in s.split('\'').enumerate() {
        if i > 0 {
            out.push_str("''");
        }
        out.push_str(part);
    }
    out.push('\'');
}

/// Whether `src` starts with `s` written in single quotes, exactly.
pub(super) fn starts_single_quoted(src: &str, s: &str) -> bool {
    let Some(mut rest) = src.strip_prefix('\'') else {
        return false;
    };
    for (i, part) in s.split('\'').enumerate() {
        if i > 0 {
            let Some(r) = rest.strip_prefix("''") else {
                return false;
            };
            rest = r;
        }
        let Some(r) = rest.strip_prefix(part) else {
            return false;
        };
        rest = r;
    }
    rest.starts_with('\'')
}

/// Text read from a file in a style the writer would not choose, unchanged
/// since ([`Kept`]): written in that style again. The parser noted it only
/// where that style gives its text back exactly on one line; anything else
/// (which no [`Kept`] makes) is written the writer's way.
fn as_written(out: &mut String, t: &TaggedValue, at: usize) {
    let Some((style, s)) = kept::style_of(t) else {
        return;
    };
    let one_line = !s.is_empty() && !s.contains(['\n', '\r']);
    match style {
        Style::Plain | Style::Single if one_line => write_in(out, s, style),
        Style::Double => double_quoted(out, s),
        _ => scalar(out, &t.value, at),
    }
}

/// Characters YAML lets a file hold as they are (and that are safe to).
/// The line and paragraph separators are line breaks to YAML 1.1 readers
/// such as libyaml, so they are escaped too.
fn printable(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
        ))
}

/// Bytes the quick answer in [`plain_ok`] leaves to the full rules: ASCII
/// control characters, and every byte of a character beyond ASCII.
static LOOK_CLOSER: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || b >= 0x7f;
        b += 1;
    }
    t
};

/// Whether text can be written without quotes and read back as the same text.
fn plain_ok(s: &str) -> bool {
    plainly_plain(s) || plain_by_the_rules(s)
}

/// The quick answer for most text, in one pass: ASCII that starts with a
/// letter, holds no control character, `: ` or ` #`, does not end with a
/// space or `:`, and is not a short word that reads as something else
/// (null, true, false, and the YAML 1.1 words for them). None of
/// [`plain_by_the_rules`] refuses it: no number starts with a letter.
fn plainly_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return false;
    };
    if !first.is_ascii_alphabetic()
        || matches!(last, b' ' | b':')
        || b.len() <= 5 && KEYWORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
    {
        return false;
    }
    let mut prev = 0;
    for &c in b {
        if LOOK_CLOSER[usize::from(c)] || c == b' ' && prev == b':' || c == b'#' && prev == b' ' {
            return false;
        }
        prev = c;
    }
    true
}

/// For text read from a plain scalar (so read as text): whether the writer
/// writes it without quotes too. The parser asks this of most of what it
/// reads, so it looks only at what a plain scalar can hold: one never holds
/// `: ` or ` #`, nor starts or ends with a space. (Were that wrong, the text
/// would only be written the writer's way.) Where unsure, the full rules.
pub(super) fn stays_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return false;
    };
    let ordinary = if first.is_ascii_alphabetic() {
        b.len() > 5 || !KEYWORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
    } else {
        first.is_ascii_digit() && !looks_like_an_integer(s)
    };
    (ordinary && !matches!(last, b' ' | b':') && ascii_printable(b)) || plain_ok(s)
}

/// Whether every byte is a printable ASCII character (none of
/// [`LOOK_CLOSER`]), eight bytes at a time: the last eight overlap the
/// word before them, and shorter text is padded with letters.
fn ascii_printable(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte from 0x80, below 0x20, or 0x7f (DEL).
    let fine = |w: &[u8; 8]| {
        let w = u64::from_le_bytes(*w);
        let del = w ^ (0x7f * ONES);
        (w | (w.wrapping_sub(0x20 * ONES) & !w) | (del.wrapping_sub(ONES) & !del)) & HIGH == 0
    };
    match b.last_chunk::<8>() {
        Some(last) => b.as_chunks::<8>().0.iter().all(fine) && fine(last),
        None => {
            let mut w = [b'a'; 8];
            w[..b.len()].copy_from_slice(b);
            fine(&w)
        }
    }
}

/// Words of at most five letters that read as something other than text,
/// in any case (`nULL` is text, but the quick answer need not know).
const KEYWORDS: &[&str] = &["null", "true", "false", "y", "n", "yes", "no", "on", "off"];

fn plain_by_the_rules(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.starts_with("...")
        || s.contains('\t')
        || !s.chars().all(printable)
    {
        return false;
    }
    // Text that would read back as something else: null, true, a number;
    // YAML 1.1 words for true and false, and digits with a leading zero,
    // for the sake of other tools that read the file.
    if !super::parse::reads_as_text(s) {
        return false;
    }
    if s.len() <= 4
        && [
            "y", "n", "yes", "no", "on", "off", "<<", "=", ".inf", ".nan",
        ]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(s))
    {
        return false;
    }
    !looks_like_an_integer(s)
}

/// Digits (or `0x`, `0o`, `0b` and their digits) with an optional sign, of
/// any length: text like this is quoted, as other readers take it for a
/// number, or fail on one too large for 64 bits.
fn looks_like_an_integer(s: &str) -> bool {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (digits, radix) = match unsigned.get(..2) {
        Some("0x") => (&unsigned[2..], 16),
        Some("0o") => (&unsigned[2..], 8),
        Some("0b") => (&unsigned[2..], 2),
        _ => (unsigned, 10),
    };
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

fn double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if !printable(c) => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml::Number;

    const AWKWARD: &[&str] = &[
        "",
        " ",
        "   ",
        "%",
        "it's: x",
        "a: b",
        "-x",
        "- x",
        "-",
        "true",
        "True",
        "1.10",
        "007",
        "-5",
        "1e3",
        ".5",
        "+1",
        "0x1F",
        ".inf",
        "~",
        "null",
        "yes",
        "no",
        "on",
        "2026-03-10",
        "12:30",
        " lead",
        "trail ",
        "x #y",
        "x#y",
        "@at",
        "a\tb",
        "[a]",
        "{a}",
        "a,b",
        "*ref",
        "&anc",
        "!tag",
        "|pipe",
        ">gt",
        "'sq'",
        "\"dq\"",
        "`bt`",
        "key:",
        "?q",
        ": c",
        "...",
        "---",
        "--- x",
        "<<",
        "esc\u{1b}[31m",
        "nul\0",
        "nel\u{85}x",
        "bidi\u{202e}x",
        "\u{feff}bom",
        "line\u{2028}sep",
        "para\u{2029}sep\nmore",
        "back\\slash",
        "multi\nline",
        "multi\nline\n",
        "ends\n\n\n",
        "only\n",
        "\n",
        "\n\n",
        "\nstarts",
        " lead\nline",
        "trail \nline",
        "crlf\r\nline",
        "tab\n\tindented",
        "0x2EEEE0EEEEEEEEEEEEEEEEEEEEEEEEE",
        "123456789012345678901234567890123456789012345",
        "-0o7777777777777777777777777777777",
        "\tstarts with a tab\n",
        "# not a comment\n  indented\n\nlast",
        "line\n---\nmore",
        "x\n...\ny",
    ];

    fn round_trip(v: &Value) -> String {
        let text = to_string(v);
        let back = crate::yaml::parse(&text)
            .unwrap_or_else(|e| panic!("{e:?} in:\n{text}"))
            .value;
        assert_eq!(&back, v, "written as:\n{text}");
        // Other tools read it the same way: libyaml, through serde_yaml.
        let theirs: Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{e} in:\n{text}"));
        assert_eq!(&theirs, v, "libyaml reads differently:\n{text}");
        text
    }

    #[test]
    fn awkward_text_reads_back_the_same_as_values_and_keys() {
        let mut m = Mapping::new();
        for (i, s) in AWKWARD.iter().enumerate() {
            m.insert(Value::String(format!("k{i}")), Value::String(s.to_string()));
        }
        round_trip(&Value::Mapping(m));
        let mut keys = Mapping::new();
        for (i, s) in AWKWARD.iter().enumerate() {
            keys.insert(Value::String(s.to_string()), Value::Number(Number::from(i)));
        }
        round_trip(&Value::Mapping(keys));
        // A key longer than YAML allows a simple key to be, with each kind
        // of value, at the top, nested and in a list.
        let long = "word ".repeat(300);
        let mut m = Mapping::new();
        m.insert(long.clone().into(), "v".into());
        m.insert(format!("{long}2").into(), Value::Sequence(vec!["a".into()]));
        let mut inner = Mapping::new();
        inner.insert(long.clone().into(), Value::Mapping(m.clone()));
        m.insert("nested".into(), Value::Mapping(inner.clone()));
        m.insert("list".into(), Value::Sequence(vec![Value::Mapping(inner)]));
        let text = round_trip(&Value::Mapping(m));
        assert!(text.starts_with("? "), "{text}");
        let list = Value::Sequence(
            AWKWARD
                .iter()
                .map(|s| Value::String(s.to_string()))
                .collect(),
        );
        round_trip(&list);
    }

    #[test]
    fn nested_shapes_read_back_the_same() {
        let inner: Mapping = [("a", "x\ny"), ("b", "1")]
            .iter()
            .map(|(k, v)| (Value::from(*k), Value::from(*v)))
            .collect();
        let mut m = Mapping::new();
        m.insert("map".into(), Value::Mapping(inner.clone()));
        m.insert(
            "list of maps".into(),
            Value::Sequence(vec![Value::Mapping(inner.clone()), Value::Mapping(inner)]),
        );
        m.insert(
            "list of lists".into(),
            Value::Sequence(vec![
                Value::Sequence(vec!["a".into(), Value::Sequence(vec!["b".into()])]),
                Value::Sequence(vec![]),
            ]),
        );
        m.insert("empty map".into(), Value::Mapping(Mapping::new()));
        m.insert("empty list".into(), Value::Sequence(vec![]));
        m.insert("null".into(), Value::Null);
        m.insert("bool".into(), Value::Bool(false));
        m.insert("int".into(), Value::Number((-7).into()));
        m.insert("float".into(), Value::Number(2.0.into()));
        m.insert("big".into(), Value::Number(u64::MAX.into()));
        let text = round_trip(&Value::Mapping(m));
        assert!(text.contains("float: 2.0\n"), "{text}");
        // Top-level scalars and lists too.
        round_trip(&Value::String("just text".into()));
        round_trip(&Value::Sequence(vec![Value::Null, "- a".into()]));
    }

    #[test]
    fn text_is_quoted_only_where_it_must_be() {
        let mut m = Mapping::new();
        for (k, v) in [
            ("id", "1.10"),
            ("title", "Safeguarding: making it personal"),
            ("council", "Suffolk County Council"),
            ("unit", "%"),
            ("note", "it's ours: all of it"),
            ("date", "2026-03-10"),
            ("narrative", "One.\n\nTwo."),
        ] {
            m.insert(k.into(), v.into());
        }
        assert_eq!(
            round_trip(&Value::Mapping(m)),
            "id: '1.10'\ntitle: 'Safeguarding: making it personal'\ncouncil: Suffolk County \
             Council\nunit: '%'\nnote: 'it''s ours: all of it'\ndate: 2026-03-10\nnarrative: \
             |-\n  One.\n\n  Two.\n"
        );
    }

    #[test]
    fn the_quick_answer_for_plain_text_agrees_with_the_rules() {
        let seeds = [
            "suffolk-reablement-2016-onsite.yaml",
            "halton-intermediate-care-2019.yaml",
        ];
        let mut words: Vec<String> = AWKWARD.iter().map(|s| s.to_string()).collect();
        for seed in seeds {
            let path = format!("{}/../../seeds/{seed}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            // Every line, every line's value, and every run of words.
            for line in text.lines() {
                words.push(line.to_string());
                words.push(line.trim().to_string());
                if let Some((_, v)) = line.split_once(": ") {
                    words.push(v.to_string());
                }
                let w: Vec<&str> = line.split(' ').collect();
                for n in 1..w.len().min(4) {
                    words.extend(w.windows(n).map(|w| w.join(" ")));
                }
            }
        }
        for w in [
            "Nullable",
            "nulls",
            "trueish",
            "Falsey",
            "yes sir",
            "offset",
            "inf_value",
            "nan-bread",
            "x_y_z_",
            "abcde ",
            "Hello\x7f",
            "Hello#",
            "Hello:",
            "Hello\tx",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "false",
            "FALSE",
            "y",
            "Y",
            "n",
            "N",
            "yes",
            "Yes",
            "YES",
            "no",
            "No",
            "on",
            "On",
            "ON",
            "off",
            "Off",
            "OFF",
            "nan",
            "NaN",
            "inf",
            "Inf",
            "e",
            "E5",
            "x",
            "ev-1",
            "draft",
            "d1-q1",
            "bench",
            "https://example.org/a#b",
            "a:b",
            "a: b",
            "a #b",
            "a#b",
            "ab:",
            "ab :",
            "a\u{85}b",
        ] {
            words.push(w.to_string());
        }
        let quick = words.iter().filter(|w| plainly_plain(w)).count();
        assert!(quick > 1000, "{quick}");
        for w in &words {
            if plainly_plain(w) {
                assert!(plain_by_the_rules(w), "{w:?}");
            }
            let bytes = w.as_bytes();
            let printable = bytes.iter().all(|c| (0x20..0x7f).contains(c));
            assert_eq!(ascii_printable(bytes), printable, "{w:?}");
            // What a plain scalar read as text can hold (no `: `, ` #`,
            // or blank at either end) gets the full rules' answer.
            let could_be_plain = super::super::parse::reads_as_text(w)
                && !w.contains(": ")
                && !w.contains(" #")
                && !w.starts_with([' ', '\t'])
                && !w.ends_with([' ', '\t']);
            if could_be_plain {
                assert_eq!(stays_plain(w), plain_ok(w), "{w:?}");
            }
        }
        // Each kind of byte ASCII_PRINTABLE looks for, at each place in a
        // word of eight.
        for bad in [0u8, 0x1f, 0x7f, 0x80, 0xff] {
            for len in 1..20 {
                for at in 0..len {
                    let mut b = b"abcdefghijklmnopqrst"[..len].to_vec();
                    assert!(ascii_printable(&b));
                    b[at] = bad;
                    assert!(!ascii_printable(&b), "{bad:#x} at {at} of {len}");
                }
            }
        }
        assert!(ascii_printable(b""));
    }

    #[test]
    fn control_characters_are_written_as_escapes() {
        let text = round_trip(&Value::String("a\u{1b}[2Jb\u{7}".into()));
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
}
