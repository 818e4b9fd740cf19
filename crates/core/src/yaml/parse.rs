//! One pass over `yaml-rust2`'s events builds the value tree and the position
//! index together, and refuses hostile documents as soon as they cross a
//! limit: nesting too deep, too many values, aliases that expand too far.
//!
//! (Over 600 lines: one pass that must see every event; about half of it is
//! its unit tests against the YAML specification.)

use serde_yaml::mapping::Entry as MapEntry;
use serde_yaml::{Mapping, Number, Value};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use super::kept::Style;
use super::{
    Document, Entry, Mark, Pos, PosIndex, ROOT_HASH, Seg, SyntaxError, emit, hash_idx, hash_key,
    narrow,
};

/// How deeply lists and mappings may nest. Frameworks and workbooks nest
/// fewer than ten levels; a file nested a hundred deep is not one of them.
pub const MAX_DEPTH: usize = 100;

/// How many values (scalars, lists and mappings, counting every copy an
/// alias makes) one document may hold. A 2,000-question workbook with
/// 20,000 evidence items holds about 400,000.
pub const MAX_NODES: usize = 4_000_000;

/// Aliases may add at most this many values beyond the number written out
/// in the file, so a small file cannot expand into a huge one.
const ALIAS_ALLOWANCE: usize = 10_000;

/// How many scalars written in another style than the writer's ([`Mark`])
/// one document may note. Past this the rest are written the writer's way;
/// a real workbook written by hand has a few hundred at most.
const MAX_MARKS: usize = 100_000;

/// The largest file peerbook reads (workbooks, frameworks, CSV imports,
/// `keys.yaml`): 64 MiB. A workbook at 100 times a real review's size is
/// about 50 MB; past this a file is refused by its size before any of it is
/// read (`store::read_capped`).
pub const MAX_BYTES: usize = 64 << 20;

/// How much text may be parsed again, in all, while tabs after `:` are
/// read as spaces (each one found costs a parse of the whole file): one
/// parse of the largest file read.
const TAB_REPARSE_BUDGET: usize = MAX_BYTES;

pub(super) fn parse(text: &str) -> Result<Document, SyntaxError> {
    parse_limited(text, MAX_NODES)
}

fn parse_limited(text: &str, max_nodes: usize) -> Result<Document, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_characters(text)?;
    // In a `|` or `>` block on the last line of a file with no last line
    // break, yaml-rust2 adds a line break to text and loses (or doubles) the
    // one a line of only spaces stands for. So the text is parsed with a line
    // break added (no position moves), and a block whose last line of text
    // is the file's last line loses it again ([`last_block`]).
    let added_break = !text.ends_with(['\n', '\r']);
    let with_break;
    let original = text;
    let text = if added_break {
        with_break = format!("{text}\n");
        with_break.as_str()
    } else {
        text
    };
    // YAML lets tabs separate `key:` from its value, but yaml-rust2 stops
    // there. The place it stops is outside any scalar, so those tabs are
    // read as spaces and the text parsed again (positions do not move).
    let mut fixed: Option<String> = None;
    let mut spent = 0;
    loop {
        let current = fixed.as_deref().unwrap_or(text);
        match parse_events(current, max_nodes, added_break, true) {
            Err(Stop::TabAfterColon(run)) if spent < TAB_REPARSE_BUDGET => {
                spent += current.len();
                let mut s = current.to_string();
                let spaces = " ".repeat(run.len());
                s.replace_range(run, &spaces);
                fixed = Some(s);
            }
            Err(Stop::TabAfterColon(run)) => {
                return Err(SyntaxError::new(
                    Pos::at(text, run.start),
                    "a tab follows ':' here, as in too many places to read past",
                )
                .with_help("use a space after ':' instead of a tab"));
            }
            Err(Stop::Error(e)) => return Err(within(e, original)),
            Ok(doc) => return Ok(doc),
        }
    }
}

/// An error found at the line break added to a file without one is at the
/// end of the file's own text.
fn within(mut e: SyntaxError, text: &str) -> SyntaxError {
    let end = Pos::at(text, text.len());
    if e.pos > end {
        e.pos = end;
    }
    e
}

enum Stop {
    Error(SyntaxError),
    /// The blanks after a `:`, tabs among them.
    TabAfterColon(std::ops::Range<usize>),
}

impl From<SyntaxError> for Stop {
    fn from(e: SyntaxError) -> Stop {
        Stop::Error(e)
    }
}

/// The blanks (tabs, and spaces among them) after the `:` that a "`:` must
/// be followed by whitespace" error is about, as a byte range, if that is
/// what stopped the parser.
fn tab_after_colon(text: &str, e: &ScanError) -> Option<std::ops::Range<usize>> {
    if !e.info().starts_with("':' must be followed by") {
        return None;
    }
    let near = text
        .char_indices()
        .nth(e.marker().index())
        .map_or(text.len(), |(i, _)| i);
    // Back to the colon, over blanks.
    let colon = text[..near].trim_end_matches([' ', '\t']).len();
    if !text[..colon].ends_with(':') {
        return None;
    }
    let end = colon + (text[colon..].len() - text[colon..].trim_start_matches([' ', '\t']).len());
    let run = colon..end;
    text[run.clone()].contains('\t').then_some(run)
}

/// `marks`: whether to note text written in another style than the
/// writer's ([`Mark`]).
fn parse_events(
    text: &str,
    max_nodes: usize,
    added_break: bool,
    marks: bool,
) -> Result<Document, Stop> {
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder {
        max_nodes,
        src: text,
        ascii: text.is_ascii(),
        marks,
        ..Builder::default()
    };
    // About one node per 20 bytes in frameworks and workbooks.
    b.index.entries.reserve(text.len() / 20);
    let mut documents = 0;
    // A literal or folded block is held for one event: if that event is at
    // the end of the file, the block was the file's last value, which
    // yaml-rust2 may misread ([`last_block`]).
    let mut held: Option<(Event, Marker)> = None;
    let mut chars_in_text: Option<usize> = None;
    loop {
        let (ev, mark) = parser
            .next_token()
            .map_err(|e| match tab_after_colon(text, &e) {
                Some(at) => Stop::TabAfterColon(at),
                None => Stop::Error(scan_error(text, &e)),
            })?;
        let pos = pos_of(&mark);
        if let Some((mut block, at)) = held.take() {
            let total = *chars_in_text.get_or_insert_with(|| text.chars().count());
            if mark.index() >= total
                && let Event::Scalar(value, ..) = &mut block
            {
                last_block(text, value, &at, added_break);
            }
            b.event(block, pos_of(&at), at.index())?;
        }
        if matches!(
            ev,
            Event::Scalar(_, TScalarStyle::Literal | TScalarStyle::Folded, ..)
        ) {
            held = Some((ev, mark));
            continue;
        }
        match ev {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(Stop::Error(
                        SyntaxError::new(
                            pos,
                            "the file holds a second YAML document (after a `---` line)",
                        )
                        .with_help(
                            "a framework or workbook is one document: remove the second one or \
                         move it to its own file",
                        ),
                    ));
                }
            }
            ev => b.event(ev, pos, mark.index())?,
        }
    }
    b.index.finish();
    Ok(Document {
        value: b.root.unwrap_or(Value::Null),
        index: b.index,
    })
}

/// Puts right what yaml-rust2 reads of a `|` or `>` block that is the last
/// value in `text` (which ends with a line break), given the block's mark:
/// - A block whose last line of text is the last line of the file, and the
///   file had no line break there (`added_break`), has none at the end
///   either, as libyaml reads it and YAML says. A block that ends before
///   the file's last line (a comment follows, say) keeps its own.
/// - A block with no text at all, only its `|` line and blank lines, is
///   empty; kept (`|+`), it is a line break for each blank line.
fn last_block(text: &str, value: &mut String, at: &Marker, added_break: bool) {
    let start = text
        .char_indices()
        .nth(at.index())
        .map_or(text.len(), |(i, _)| i);
    let rest = &text[start..];
    if value.chars().all(|c| c == '\n') {
        // The mark is then on the `|` or `>` itself.
        if let Some(kept) = blank_lines_after_header(rest) {
            *value = kept;
        }
    } else if added_break && value.ends_with('\n') && text_to_the_end(rest, at.col()) {
        value.pop();
    }
}

/// For a block header (`|`, `>`, with `+`, `-` or a digit) followed only by
/// blank lines to the end of the text: the block's value.
fn blank_lines_after_header(rest: &str) -> Option<String> {
    let indicators = rest.strip_prefix(['|', '>'])?;
    let keep = indicators.chars().take(2).any(|c| c == '+');
    let mut lines = lines(rest);
    lines.next()?;
    let mut breaks: usize = 0;
    for line in lines {
        if !line.chars().all(|c| c == ' ') {
            return None;
        }
        breaks += 1;
    }
    // The text ends with a line break, after which comes an empty "line".
    breaks = breaks.saturating_sub(1);
    Some(if keep {
        "\n".repeat(breaks)
    } else {
        String::new()
    })
}

/// Whether a block whose first line of text starts `rest` at column `indent`
/// (counted from 0) goes on to the last line of the file and has text there:
/// every later line is blank or indented at least as far, and the last one
/// (before the line break that was added) holds more than spaces.
fn text_to_the_end(rest: &str, indent: usize) -> bool {
    let rest = rest.strip_suffix('\n').unwrap_or(rest);
    let mut has_text = true;
    for line in lines(rest).skip(1) {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let blank = spaces == line.len();
        if !blank && (spaces < indent || indent == 0 && document_marker(line)) {
            return false;
        }
        has_text = !blank;
    }
    has_text
}

/// `---` or `...` at the start of a line, alone or before a blank.
fn document_marker(line: &str) -> bool {
    ["---", "..."].iter().any(|m| {
        line.strip_prefix(m)
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t']))
    })
}

/// The lines of `s`, without their line breaks (`\n`, `\r\n` or `\r`);
/// the text after the last line break is a last line, perhaps empty.
fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        let Some(i) = r.find(['\n', '\r']) else {
            rest = None;
            return Some(r);
        };
        let len = if r[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = Some(&r[i + len..]);
        Some(&r[..i])
    })
}

fn pos_of(mark: &Marker) -> Pos {
    Pos {
        line: mark.line(),
        col: mark.col() + 1,
    }
}

/// YAML allows no control characters other than tab, line feed and carriage
/// return (and DEL and the C1 set only escaped). The parser would stop at
/// them with an offset; this finds the first one with its line and column.
fn check_characters(text: &str) -> Result<(), SyntaxError> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    let Some((at, c)) = text.char_indices().find(|(_, c)| bad(*c)) else {
        return Ok(());
    };
    Err(SyntaxError::new(
        Pos::at(text, at),
        format!(
            "a control character (U+{:04X}) is here; control characters are not allowed \
             in YAML text",
            c as u32
        ),
    )
    .with_help(format!(
        "delete it (an editor may show it as ^@, ^[ or a box), or write it inside double \
         quotes as \\u{:04X}",
        c as u32
    )))
}

/// The parser's message in plain words, at the most useful place.
fn scan_error(text: &str, e: &ScanError) -> SyntaxError {
    let pos = pos_of(e.marker());
    let info = e.info();
    if info.contains("recursion limit") {
        return too_deep(pos);
    }
    if let Some(tab) = tab_near(text, pos, info.contains("tab")) {
        return SyntaxError::new(
            tab,
            format!(
                "a tab is used for indentation on line {}; YAML indents with spaces only",
                tab.line
            ),
        )
        .with_help("replace the tab with spaces (tabs are fine inside quoted or block text)");
    }
    SyntaxError::new(pos, info)
}

/// The tab that most likely stopped the parser: on the line it stopped at,
/// at or just before the place; or, when the parser said it met a tab, at the
/// start of one of the next few lines (a plain scalar runs on until it meets
/// the tab that indents the next line).
fn tab_near(text: &str, pos: Pos, said_tab: bool) -> Option<Pos> {
    let mut lines = text.lines().skip(pos.line.saturating_sub(1));
    let here: Vec<char> = lines.next()?.chars().take(pos.col).collect();
    if let Some(i) = here.iter().rposition(|c| *c == '\t')
        && (said_tab || i + 2 >= pos.col)
    {
        return Some(Pos {
            line: pos.line,
            col: i + 1,
        });
    }
    if !said_tab {
        return None;
    }
    lines.take(3).enumerate().find_map(|(n, l)| {
        let lead = l.len() - l.trim_start_matches([' ', '\t']).len();
        l[..lead].find('\t').map(|i| Pos {
            line: pos.line + n + 1,
            col: l[..i].chars().count() + 1,
        })
    })
}

fn too_deep(pos: Pos) -> SyntaxError {
    SyntaxError::new(
        pos,
        format!("lists or mappings are nested more than {MAX_DEPTH} levels deep here"),
    )
    .with_help(
        "frameworks and workbooks nest fewer than ten levels; this file is not one of them, \
         or its brackets are not closed",
    )
}

/// A list or mapping being built. Its items wait on the builder's shared
/// stacks, from `start`, until it ends; it is then made at its exact size, so
/// no list or mapping grows by copying as it fills.
struct Frame {
    map: bool,
    start: usize,
    hash: u64,
    /// Its own place in the index.
    entry: usize,
    anchor: usize,
    /// `nodes` when it started, to size it for aliases.
    nodes_before: usize,
    /// For a mapping: the key read and waiting for its value.
    key: Option<PendingKey>,
    /// For a mapping: no key read yet. The first key's position becomes the
    /// mapping's own, since a block mapping's mark can fall after that key.
    first_key: bool,
}

/// A mapping key waiting for its value.
struct PendingKey {
    value: Value,
    /// The key as written, where that differs from the value (`1.10`).
    raw: Option<String>,
    /// The path of the entry.
    hash: u64,
    pos: Pos,
}

/// A mapping entry waiting for its mapping to end.
struct MapItem {
    key: PendingKey,
    value: Value,
}

#[derive(Default)]
struct Builder<'t> {
    /// The text parsed, for the scalars' text as written.
    src: &'t str,
    /// When it is all ASCII, a mark's character index is its byte offset.
    ascii: bool,
    /// A character index and its byte offset, where the last look-up of a
    /// scalar's text left off (scalars come in file order).
    cursor: (usize, usize),
    /// Whether to note text written otherwise than the writer would.
    marks: bool,
    stack: Vec<Frame>,
    /// Items of the open lists, innermost last.
    seq_items: Vec<Value>,
    /// Entries of the open mappings, innermost last.
    map_items: Vec<MapItem>,
    root: Option<Value>,
    index: PosIndex,
    /// Anchored values by anchor id, with their size in values and, for a
    /// number or boolean, the text as written.
    anchors: std::collections::HashMap<usize, (Value, usize, Option<String>)>,
    /// Values made so far, copies through aliases included.
    nodes: usize,
    /// Values made by aliases.
    alias_nodes: usize,
    /// The most values allowed ([`MAX_NODES`] but in tests).
    max_nodes: usize,
}

/// Where a node being started goes.
enum Slot {
    /// A value at this path hash; `Some` key position for mapping entries.
    Value(u64, Option<Pos>),
    /// The key of a mapping entry.
    Key,
}

impl Builder<'_> {
    /// One event, which starts at character `at` of the text.
    fn event(&mut self, ev: Event, pos: Pos, at: usize) -> Result<(), SyntaxError> {
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                self.count(pos, 1)?;
                let written = match (style, &tag) {
                    (TScalarStyle::Plain, None) => Some(Style::Plain),
                    (TScalarStyle::SingleQuoted, None) => Some(Style::Single),
                    (TScalarStyle::DoubleQuoted, None) => Some(Style::Double),
                    _ => None,
                };
                let (value, raw) = resolve(text, style, tag.as_ref(), pos)?;
                // Keys are written the writer's way; only values are noted.
                let mark = match (&value, written) {
                    (Value::String(s), Some(w))
                        if self.marks && !matches!(self.slot(), Slot::Key) =>
                    {
                        self.restyle(s, w, at)
                    }
                    _ => None,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), 1, raw.clone()));
                }
                self.place(value, raw, pos, mark)
            }
            Event::Alias(id) => {
                let Some((value, size, raw)) = self.anchors.get(&id) else {
                    return Err(SyntaxError::new(
                        pos,
                        "this alias (`*name`) names no anchor (`&name`) before it",
                    ));
                };
                let (value, size, raw) = (value.clone(), *size, raw.clone());
                self.alias_nodes += size;
                let written = self.nodes.saturating_sub(self.alias_nodes - size);
                if self.alias_nodes > written + ALIAS_ALLOWANCE {
                    return Err(SyntaxError::new(
                        pos,
                        format!(
                            "aliases (`*name`) here repeat more values than the file itself \
                             holds ({} copies so far)",
                            self.alias_nodes
                        ),
                    )
                    .with_help(
                        "peerbook refuses files whose aliases expand this far, as a file \
                         built to exhaust memory would; write the values out instead",
                    ));
                }
                self.count(pos, size)?;
                self.place(value, raw, pos, None)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let map = matches!(ev, Event::MappingStart(..));
                if self.stack.len() >= MAX_DEPTH {
                    return Err(too_deep(pos));
                }
                self.count(pos, 1)?;
                let (hash, entry) = match self.slot() {
                    Slot::Value(hash, key) => (hash, self.record(hash, key, pos)),
                    Slot::Key => return Err(not_text_key(pos)),
                };
                self.stack.push(Frame {
                    map,
                    start: if map {
                        self.map_items.len()
                    } else {
                        self.seq_items.len()
                    },
                    hash,
                    entry,
                    anchor,
                    nodes_before: self.nodes - 1,
                    key: None,
                    first_key: true,
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let value = if frame.map {
                    let mut map = Mapping::with_capacity(self.map_items.len() - frame.start);
                    for item in self.map_items.drain(frame.start..) {
                        match map.entry(item.key.value) {
                            MapEntry::Vacant(v) => {
                                v.insert(item.value);
                            }
                            MapEntry::Occupied(o) => {
                                let text = item.key.raw.as_deref().or(o.key().as_str());
                                return Err(duplicate(item.key.pos, text.unwrap_or_default()));
                            }
                        }
                    }
                    Value::Mapping(map)
                } else {
                    Value::Sequence(self.seq_items.drain(frame.start..).collect())
                };
                if frame.anchor > 0 {
                    let size = self.nodes - frame.nodes_before;
                    self.anchors
                        .insert(frame.anchor, (value.clone(), size, None));
                }
                self.attach(value);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn count(&mut self, pos: Pos, n: usize) -> Result<(), SyntaxError> {
        self.nodes += n;
        if self.nodes > self.max_nodes {
            return Err(SyntaxError::new(
                pos,
                format!(
                    "the file holds more than {} values (list items, keys and their values) \
                     by here",
                    self.max_nodes
                ),
            )
            .with_help(
                "peerbook refuses files this large; a 2,000-question workbook holds about \
                 400,000 values: split the file or remove what is repeated",
            ));
        }
        Ok(())
    }

    /// Where the node starting now goes.
    fn slot(&self) -> Slot {
        match self.stack.last() {
            None => Slot::Value(ROOT_HASH, None),
            Some(f) if !f.map => {
                Slot::Value(hash_idx(f.hash, self.seq_items.len() - f.start), None)
            }
            Some(Frame { key: Some(k), .. }) => Slot::Value(k.hash, Some(k.pos)),
            Some(_) => Slot::Key,
        }
    }

    /// Notes where a node starts; returns its place in the index.
    fn record(&mut self, hash: u64, key: Option<Pos>, value: Pos) -> usize {
        self.index.entries.push(Entry::new(hash, key, value));
        self.index.entries.len() - 1
    }

    /// A scalar or alias: index it (with the style it was written in, if
    /// that is to be kept), then attach it (or take it as a key).
    fn place(
        &mut self,
        value: Value,
        raw: Option<String>,
        pos: Pos,
        mark: Option<Style>,
    ) -> Result<(), SyntaxError> {
        match self.slot() {
            Slot::Value(hash, key) => {
                self.record(hash, key, pos);
                if let Some(raw) = raw {
                    self.index.raw.insert(hash, raw.into_boxed_str());
                }
                if let (Some(style), Value::String(text)) = (mark, &value) {
                    self.mark(style, text);
                }
                self.attach(value);
                Ok(())
            }
            Slot::Key => self.key(value, raw, pos),
        }
    }

    /// For text written in style `written` starting at character `at`: that
    /// style, if the writer would write the text another way and `written`
    /// gives it back on one line (see [`Mark`]).
    fn restyle(&mut self, text: &str, written: Style, at: usize) -> Option<Style> {
        let agrees = match written {
            Style::Plain => emit::stays_plain(text),
            _ => emit::own_style(text) == Some(written),
        };
        if agrees || self.index.marks.len() >= MAX_MARKS {
            return None;
        }
        let from = self.byte_at(at);
        let src = self.src.get(from..)?;
        let exact = match written {
            // A plain scalar over several lines reads with a space (or a
            // line break) where the file has a line break and indentation;
            // one in a flow (`[a:]`) may not read the same in a block.
            Style::Plain => {
                !text.contains(['\n', '\r']) && src.starts_with(text) && reads_back_plain(text)
            }
            Style::Single => emit::starts_single_quoted(src, text),
            // Escapes may be spelt in several ways; the writer spells them
            // its own way, but keeps the quotes of one that fits a line.
            Style::Double => one_line_double_quoted(src),
        };
        exact.then_some(written)
    }

    /// The byte offset of character `at` of the text.
    fn byte_at(&mut self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        if at < self.cursor.0 {
            self.cursor = (0, 0);
        }
        let (mut c, mut b) = self.cursor;
        for ch in self.src[b..].chars() {
            if c == at {
                break;
            }
            c += 1;
            b += ch.len_utf8();
        }
        self.cursor = (c, b);
        b
    }

    /// Notes the style of the text about to be attached to the open list or
    /// mapping.
    fn mark(&mut self, style: Style, text: &str) {
        let Some(f) = self.stack.last() else {
            return;
        };
        let seg = if f.map {
            let Some(k) = &f.key else {
                return;
            };
            let key = match (&k.raw, &k.value) {
                (Some(raw), _) => raw.clone(),
                (None, Value::String(s)) => s.clone(),
                _ => String::new(),
            };
            Seg::Key(key)
        } else {
            Seg::Idx(self.seq_items.len() - f.start)
        };
        self.index.marks.push(Mark {
            container: f.hash,
            seg,
            style,
            text: text.into(),
        });
    }

    /// A mapping key: kept until its value arrives.
    fn key(&mut self, value: Value, raw: Option<String>, pos: Pos) -> Result<(), SyntaxError> {
        let text = match (&value, &raw) {
            (_, Some(raw)) => raw.as_str(),
            (Value::String(s), None) => s.as_str(),
            (Value::Null, None) => "",
            _ => return Err(not_text_key(pos)),
        };
        let Some(frame) = self.stack.last_mut() else {
            return Ok(());
        };
        let hash = hash_key(frame.hash, text);
        if std::mem::take(&mut frame.first_key)
            && let Some(e) = self.index.entries.get_mut(frame.entry)
        {
            e.line = narrow(pos.line);
            e.col = narrow(pos.col);
        }
        frame.key = Some(PendingKey {
            value,
            raw,
            hash,
            pos,
        });
        Ok(())
    }

    /// Puts a finished value into its list or mapping, or makes it the
    /// document.
    fn attach(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(f) if !f.map => self.seq_items.push(value),
            Some(f) => {
                if let Some(key) = f.key.take() {
                    self.map_items.push(MapItem { key, value });
                }
            }
        }
    }
}

/// Whether `text`, written without quotes as a value in a block mapping (and
/// so in a block list: the rules are the same), reads back as that text.
fn reads_back_plain(text: &str) -> bool {
    let line = format!("k: {text}\n");
    match parse_events(&line, 3, false, false) {
        Ok(doc) => doc.value.get("k") == Some(&Value::String(text.to_string())),
        Err(_) => false,
    }
}

/// Whether `src` starts with a double-quoted scalar that ends on its line.
fn one_line_double_quoted(src: &str) -> bool {
    let Some(rest) = src.strip_prefix('"') else {
        return false;
    };
    let mut escaped = false;
    for c in rest.chars() {
        match c {
            '\n' | '\r' => return false,
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return true,
            _ => {}
        }
    }
    false
}

fn duplicate(pos: Pos, key: &str) -> SyntaxError {
    SyntaxError::new(
        pos,
        format!(
            "duplicate entry with key '{}'; a key may appear only once in a mapping",
            crate::text::one_line(key, 60)
        ),
    )
    .with_help("keep one of the two entries and delete the other")
}

fn not_text_key(pos: Pos) -> SyntaxError {
    SyntaxError::new(pos, "a key here is a list or a mapping, not text")
        .with_help("write each key as plain text followed by `: `")
}

/// A scalar's value, with the text as written when that differs in kind
/// (a number or boolean). Plain scalars are resolved as `serde_yaml` resolves
/// them; quoted and block scalars are always text.
fn resolve(
    text: String,
    style: TScalarStyle,
    tag: Option<&yaml_rust2::parser::Tag>,
    pos: Pos,
) -> Result<(Value, Option<String>), SyntaxError> {
    if let Some(tag) = tag {
        return resolve_tagged(text, style, tag, pos);
    }
    if style != TScalarStyle::Plain {
        return Ok((Value::String(text), None));
    }
    Ok(plain(text))
}

fn plain(text: String) -> (Value, Option<String>) {
    match not_text(&text) {
        None => (Value::String(text), None),
        Some(Value::Null) => (Value::Null, None),
        Some(v) => (v, Some(text)),
    }
}

/// What unquoted text reads as when that is not text: null, true or false,
/// a number. Everything else, integers beyond 64 bits included, is text as
/// written.
fn not_text(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        return text.parse::<Number>().ok().map(Value::Number);
    }
    None
}

fn resolve_tagged(
    text: String,
    style: TScalarStyle,
    tag: &yaml_rust2::parser::Tag,
    pos: Pos,
) -> Result<(Value, Option<String>), SyntaxError> {
    // `!` alone, YAML's non-specific tag: text, whatever it looks like.
    if tag.handle.is_empty() && tag.suffix == "!" {
        return Ok((Value::String(text), None));
    }
    let core = tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!";
    let wrong = |kind: &str| {
        SyntaxError::new(pos, format!("'{text}' is tagged `!!{kind}` but is not one"))
            .with_help(format!("remove the `!!{kind}` tag or correct the value"))
    };
    if core {
        return match tag.suffix.as_str() {
            "str" => Ok((Value::String(text), None)),
            "null" => match plain(text.clone()) {
                (Value::Null, _) => Ok((Value::Null, None)),
                _ => Err(wrong("null")),
            },
            "bool" => match plain(text.clone()) {
                (v @ Value::Bool(_), raw) => Ok((v, raw)),
                _ => Err(wrong("bool")),
            },
            "int" => match plain(text.clone()) {
                (v @ Value::Number(_), raw) if v.is_i64() || v.is_u64() => Ok((v, raw)),
                _ => Err(wrong("int")),
            },
            "float" => match plain(text.clone()) {
                // `!!float 1` is the number 1.0, as serde_yaml reads it.
                (Value::Number(n), raw) => match n.as_f64() {
                    Some(f) if !n.is_f64() => Ok((Value::Number(f.into()), raw)),
                    _ => Ok((Value::Number(n), raw)),
                },
                _ => Err(wrong("float")),
            },
            _ => Ok(untagged(text, style)),
        };
    }
    Ok(untagged(text, style))
}

/// Other tags (`!local`, `!!set`) mean nothing to peerbook and are read past:
/// kept, they would be written back as tags other YAML readers take
/// differently (the fuzzer found one).
fn untagged(text: String, style: TScalarStyle) -> (Value, Option<String>) {
    if style == TScalarStyle::Plain {
        plain(text)
    } else {
        (Value::String(text), None)
    }
}

/// Whether unquoted text would read back as text.
pub(super) fn reads_as_text(s: &str) -> bool {
    not_text(s).is_none()
}

/// The text of a top-level key's scalar value, read from the events alone
/// (no tree is built), stopping as soon as it is found.
pub(super) fn top_level_text(text: &str, wanted: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    // Inside the top-level mapping: whether the next node is a key, and
    // whether the key just read is the one wanted.
    let mut is_key = true;
    let mut found = false;
    loop {
        let (ev, _) = parser.next_token().ok()?;
        match ev {
            Event::StreamEnd => return None,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 && matches!(ev, Event::SequenceStart(..)) || found {
                    return None;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.checked_sub(1)?;
                if depth == 1 {
                    is_key = !is_key;
                }
            }
            Event::Scalar(s, ..) if depth == 1 => {
                if found {
                    return Some(s);
                }
                found = is_key && s == wanted;
                is_key = !is_key;
            }
            Event::Alias(_) if depth == 1 => {
                if found {
                    return None;
                }
                is_key = !is_key;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SyntaxError {
        parse(text).expect_err("should be refused")
    }

    #[test]
    fn plain_scalars_resolve_as_serde_yaml_does() {
        let doc = parse(
            "a: 1\nb: -2\nc: 1.10\nd: true\ne: ~\nf: 007\ng: yes\nh: '1'\ni: .inf\n\
             j: 123456789012345678901234567890\nk: !!str 12\nl:\nm: !!'tr 34\nn: !local 'x'\n",
        )
        .unwrap();
        let v = &doc.value;
        assert_eq!(v["a"].as_i64(), Some(1));
        assert_eq!(v["b"].as_i64(), Some(-2));
        assert_eq!(v["c"].as_f64(), Some(1.1));
        assert_eq!(v["d"], Value::Bool(true));
        assert!(v["e"].is_null() && v["l"].is_null());
        // Digits with a leading zero, YAML 1.1 words, quotes: text.
        assert_eq!(v["f"], Value::String("007".into()));
        assert_eq!(v["g"], Value::String("yes".into()));
        assert_eq!(v["h"], Value::String("1".into()));
        assert_eq!(v["i"].as_f64(), Some(f64::INFINITY));
        // Beyond 64 bits: the digits as text, not a parser error.
        assert_eq!(
            v["j"],
            Value::String("123456789012345678901234567890".into())
        );
        assert_eq!(v["k"], Value::String("12".into()));
        assert!(parse("x: !!float 1\n").unwrap().value["x"].is_f64());
        // Other tags are read past.
        assert_eq!(v["m"].as_i64(), Some(34));
        assert_eq!(v["n"], Value::String("x".into()));
        // Numbers keep the text as written.
        assert_eq!(
            doc.index.raw(&super::super::Path::root().key("c")),
            Some("1.10")
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_at_once() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        let e = err(&deep);
        assert!(e.message.contains("nested more than"), "{e:?}");
        assert_eq!(e.pos.line, 1);
        // Far deeper than the scanner's own limit: the same message.
        let e = err(&"{a: ".repeat(100_000));
        assert!(e.message.contains("nested more than"), "{e:?}");
        let block: String = (0..200)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert!(err(&block).message.contains("nested"));
    }

    #[test]
    fn aliases_may_not_expand_far_beyond_the_file() {
        // A few aliases are fine, and give copies.
        let doc = parse("a: &x [1, 2]\nb: *x\nc: *x\n").unwrap();
        assert_eq!(doc.value["c"], doc.value["a"]);
        // A list of 1,000 aliased 1,000 times (a million values from a few
        // kilobytes) is refused.
        let items = vec!["x"; 1000].join(",");
        let refs = vec!["*a"; 1000].join(",");
        let e = err(&format!("items: &a [{items}]\ncopies: [{refs}]\n"));
        assert!(e.message.contains("aliases"), "{e:?}");
        assert!(e.help.unwrap().contains("write the values out"));
        // An alias to nothing.
        let e = err("a: *nothing\n");
        assert_eq!(e.pos.line, 1, "{e:?}");
    }

    #[test]
    fn too_many_values_are_refused_with_the_place() {
        let text: String = (0..50).map(|i| format!("- {i}\n")).collect();
        assert!(parse_limited(&text, 100).is_ok());
        let e = parse_limited(&text, 30).unwrap_err();
        assert!(e.message.contains("more than 30 values"), "{e:?}");
        assert_eq!(e.pos.line, 30);
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let e = err("a: 1\nb:\n  c: 1\n  c: 2\n");
        assert_eq!((e.pos.line, e.pos.col), (4, 3));
        assert!(e.message.contains("duplicate entry with key 'c'"), "{e:?}");
    }

    #[test]
    fn control_characters_are_refused_at_their_line_and_column() {
        let e = err("a: 1\nb: x\u{1b}y\n");
        assert_eq!((e.pos.line, e.pos.col), (2, 5));
        assert!(e.message.contains("U+001B"), "{e:?}");
        // Tabs, line ends and a byte-order mark are not control characters
        // here.
        assert!(parse("\u{feff}a: \"x\ty\"\r\nb: 1\n").is_ok());
    }

    #[test]
    fn a_tab_after_a_colon_is_read_as_a_space() {
        let doc = parse("a:\tone\ttwo\nb:\t2\nc: |\n  x:\ty\n").unwrap();
        assert_eq!(doc.value["a"], Value::String("one\ttwo".into()));
        assert_eq!(doc.value["b"].as_i64(), Some(2));
        // Inside text the tab stays.
        assert_eq!(doc.value["c"], Value::String("x:\ty\n".into()));
        assert_eq!(
            doc.index.value(&super::super::Path::root().key("b")),
            Pos { line: 2, col: 4 }
        );
    }

    #[test]
    fn blocks_read_as_serde_yaml_reads_them_at_the_end_of_a_file() {
        for text in [
            "a: |\n  text",
            "a: |\n  text\n",
            "a: |-\n  text",
            "a: |+\n  text",
            "a: >\n  folded\n  more",
            "a: |\n  text\nb: 1",
            "x:\n  y: |\n    text",
            "x:\n- |\n  one\n- |\n  two",
            "a: |\n  text\n\n",
        ] {
            let ours = parse(text).unwrap().value;
            let theirs: Value = serde_yaml::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    /// The text of key `a`.
    fn text_of_a(text: &str) -> String {
        let doc = parse(text).unwrap_or_else(|e| panic!("{e:?} in {text:?}"));
        match &doc.value["a"] {
            Value::String(s) => s.clone(),
            other => panic!("{other:?} in {text:?}"),
        }
    }

    #[test]
    fn a_block_ended_by_a_last_comment_keeps_its_line_break() {
        // The block ends before the comment, with a line break of its own,
        // though the file's last line has none. libyaml reads them alike.
        for (text, want) in [
            ("a: |\n  text\n# comment", "text\n"),
            ("a: >\n  folded\n  text\n# comment", "folded text\n"),
            ("a: |+\n  text\n\n# comment", "text\n\n"),
            ("a: |\r\n  text\r\n# comment", "text\n"),
            ("a: |\r  text\r# comment", "text\n"),
            ("a: |\n  text\n\n# comment", "text\n"),
            ("a: |2\n   text\n# comment", " text\n"),
            ("a: |\n  text\n# comment\n  # indented comment", "text\n"),
            ("x:\n  a: |\n    text\n  # comment", "text\n"),
        ] {
            let ours = parse(text).unwrap().value;
            let a = ours.get("x").unwrap_or(&ours)["a"].clone();
            assert_eq!(a, Value::String(want.into()), "{text:?}");
            let theirs: Value = serde_yaml::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text:?}");
        }
        // A comment indented as far as the text is part of the text.
        assert_eq!(
            text_of_a("a: |\n  text\n  # not a comment"),
            "text\n# not a comment"
        );
    }

    #[test]
    fn a_file_that_ends_with_a_carriage_return_has_a_last_line_break() {
        for (text, want) in [
            ("a: |\r  text\r", "text\n"),
            ("a: |+\r  text\r\r", "text\n\n"),
            ("a: >\r  one\r  two\r", "one two\n"),
        ] {
            assert_eq!(text_of_a(text), want, "{text:?}");
            let theirs: Value = serde_yaml::from_str(text).unwrap();
            assert_eq!(theirs["a"], Value::String(want.into()), "{text:?}");
        }
    }

    #[test]
    fn a_last_line_of_only_spaces_reads_as_a_line_with_its_line_break() {
        // The YAML test suite's cases JEF9 and L24T: spaces after the last
        // line break read as a line that has one. (libyaml drops such a line.)
        for text in [
            "- |+\n   ",
            "a: |\n  x\n   ",
            "a: |\n  text\n  ",
            "a: |\n  text\n ",
            "a: |+\n  text\n ",
            "a: |\n  text\n\n   ",
            "a: |\r\n  text\r\n ",
            "a: >\n  text\n ",
            "a: |\n ",
        ] {
            let with_break = format!("{text}\n");
            assert_eq!(
                parse(text).unwrap().value,
                parse(&with_break).unwrap().value,
                "{text:?}"
            );
        }
        assert_eq!(
            parse("- |+\n   ").unwrap().value[0],
            Value::String("\n".into())
        );
        assert_eq!(text_of_a("a: |\n  x\n   "), "x\n \n");
        assert_eq!(text_of_a("a: |\n  text\n "), "text\n");
        assert_eq!(text_of_a("a: |+\n  text\n "), "text\n\n");
    }

    #[test]
    fn a_block_with_no_text_at_the_end_of_a_file_is_empty() {
        // Only kept (`+`) blank lines after the `|` line are text.
        for (text, want) in [
            ("a: |\n", ""),
            ("a: >\n\n", ""),
            ("a: |\n\n\n", ""),
            ("a: |-\n\n", ""),
            ("a: |+\n", ""),
            ("a: |+\n\n", "\n"),
            ("a: |+ # a comment\n\n\n", "\n\n"),
            ("a: |+\r\n\r\n", "\n"),
            ("a: |+\r\r", "\n"),
            ("a: |+\r\r\n\r", "\n\n"),
            ("a: |", ""),
            ("a: |+", ""),
        ] {
            assert_eq!(text_of_a(text), want, "{text:?}");
            let theirs: Value = serde_yaml::from_str(text).unwrap();
            assert_eq!(theirs["a"], Value::String(want.into()), "{text:?}");
        }
    }

    #[test]
    fn an_error_at_the_end_of_a_file_is_on_its_last_line() {
        // No last line break: the error is at the end of the text, not on a
        // line after it that the file does not have.
        for (text, at) in [("a: [1,", (1, 7)), ("a: 1\nb: [x,", (2, 7))] {
            let e = err(text);
            assert_eq!((e.pos.line, e.pos.col), at, "{text:?}: {e:?}");
        }
        assert_eq!(err("a: [1,\n").pos.line, 2);
    }

    #[test]
    fn the_tag_bang_alone_makes_text() {
        // `!` alone is YAML's non-specific tag: the value is text, whatever
        // it looks like (the test suite's case S4JQ).
        let doc = parse("- \"12\"\n- 12\n- ! 12\n").unwrap();
        assert_eq!(
            doc.value,
            Value::Sequence(vec![
                Value::String("12".into()),
                Value::Number(12.into()),
                Value::String("12".into()),
            ])
        );
        let doc = parse("a: ! true\nb: ! ~\nc: ! 1.5\nd: ! 'x'\ne: !\nf: ! [1]\n").unwrap();
        let v = &doc.value;
        assert_eq!(v["a"], Value::String("true".into()));
        assert_eq!(v["b"], Value::String("~".into()));
        assert_eq!(v["c"], Value::String("1.5".into()));
        assert_eq!(v["d"], Value::String("x".into()));
        assert_eq!(v["e"], Value::String("".into()));
        assert_eq!(v["f"][0].as_i64(), Some(1));
        // Written back, the text stays text.
        let again = parse(&super::super::to_string(v)).unwrap().value;
        assert_eq!(&again, v);
        // Other local tags are still read past.
        let doc = parse("a: !local 12\nb: !x true\n").unwrap();
        assert_eq!(doc.value["a"].as_i64(), Some(12));
        assert_eq!(doc.value["b"], Value::Bool(true));
    }

    #[test]
    fn many_tabs_after_colons_are_all_read_as_spaces() {
        let mut text = String::new();
        for i in 0..200 {
            text.push_str(&format!("k{i}:\t\t v{i}\n"));
        }
        text.push_str("title:\t\tTabbed\nquoted: 'a:\tb'\n");
        let doc = parse(&text).unwrap();
        assert_eq!(doc.value["k199"], Value::String("v199".into()));
        assert_eq!(doc.value["title"], Value::String("Tabbed".into()));
        assert_eq!(doc.value["quoted"], Value::String("a:\tb".into()));
        assert_eq!(
            doc.index.value(&super::super::Path::root().key("title")),
            Pos { line: 201, col: 9 }
        );
    }

    #[test]
    fn a_tab_used_for_indentation_is_named_with_its_line() {
        let e = err("a:\n  b: 1\n\tc: 2\n");
        assert!(e.message.contains("tab"), "{e:?}");
        assert_eq!(e.pos.line, 3, "{e:?}");
    }

    #[test]
    fn one_document_only() {
        let e = err("a: 1\n---\nb: 2\n");
        assert!(e.message.contains("second YAML document"), "{e:?}");
        assert_eq!(e.pos.line, 2);
        assert!(parse("---\na: 1\n").is_ok());
    }

    #[test]
    fn list_and_mapping_keys_are_kept_for_the_reader_to_refuse() {
        let e = err("? [a, b]\n: x\n");
        assert!(e.message.contains("not text"), "{e:?}");
    }

    #[test]
    fn the_kind_is_read_without_the_rest() {
        assert_eq!(
            top_level_text("kind: workbook\nrest: [", "kind").as_deref(),
            Some("workbook")
        );
        assert_eq!(
            top_level_text("a:\n  kind: x\nb: [1]\nkind: framework\n", "kind").as_deref(),
            Some("framework")
        );
        assert_eq!(top_level_text("kind: [a]\n", "kind"), None);
        assert_eq!(top_level_text("- kind\n", "kind"), None);
        assert_eq!(top_level_text("other: 1\n", "kind"), None);
    }
}
