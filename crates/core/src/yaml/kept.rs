//! What a reader sets aside from a mapping (unknown keys and `x-`
//! extensions) and how the mapping was written, so that saving an item
//! nobody changed writes it back as it was found (issue 17: "kept where
//! they were"):
//!
//! - each kept key goes back after the known key it followed in the file
//!   (or first, if it came before every known key), not to the end;
//! - a one-line scalar written in another style than the writer's own
//!   (`"%"` where the writer would write `'%'`, `'Good'` where it would write
//!   no quotes, `yes` where it would quote) is written in that style again
//!   while its value is the one that was read. A changed or new value is
//!   written by the writer's own rule.
//!
//! The parser notes those scalars ([`Mark`](super::Mark)), the reader
//! gives each mapping's to its item's [`Kept`], and the writer asks the
//! `Kept` for its values. The style reaches `emit.rs` as the value wrapped
//! in a private tag, made only while a file is written and understood only
//! there; no value read from a file carries a tag (the parser reads past
//! tags).

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

use serde_yaml::value::{Tag, TaggedValue};

use super::{Mapping, Path, PosIndex, Seg, Value};

/// How a one-line scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Without quotes.
    Plain,
    /// `'in single quotes'`.
    Single,
    /// `"in double quotes"`.
    Double,
}

const PLAIN_TAG: &str = "peerbook-as-written-plain";
const SINGLE_TAG: &str = "peerbook-as-written-single";
const DOUBLE_TAG: &str = "peerbook-as-written-double";

/// Text to be written in `style`.
fn styled_text(style: Style, text: String) -> Value {
    let tag = match style {
        Style::Plain => PLAIN_TAG,
        Style::Single => SINGLE_TAG,
        Style::Double => DOUBLE_TAG,
    };
    Value::Tagged(Box::new(TaggedValue {
        tag: Tag::new(tag),
        value: Value::String(text),
    }))
}

/// For a value made by [`Kept`]: the style to write its text in.
pub(super) fn style_of(t: &TaggedValue) -> Option<(Style, &str)> {
    let Value::String(s) = &t.value else {
        return None;
    };
    let style = if t.tag == PLAIN_TAG {
        Style::Plain
    } else if t.tag == SINGLE_TAG {
        Style::Single
    } else if t.tag == DOUBLE_TAG {
        Style::Double
    } else {
        return None;
    };
    Some((style, s))
}

/// The keys of a mapping that a reader kept aside, in file order, with how
/// the mapping was written. It reads as the [`Mapping`] of the kept keys;
/// two are equal when those are, wherever they stood in their files.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    map: Mapping,
    /// None for a mapping that kept nothing and was written as the writer
    /// writes (nearly all of them): nothing to allocate or look through.
    layout: Option<Box<Layout>>,
}

#[derive(Debug, Clone, Default)]
struct Layout {
    /// For each kept key, the known key it followed in the file (`None`:
    /// it came before every known key).
    places: Vec<(Value, Option<Box<str>>)>,
    styles: Vec<Styled>,
}

/// A scalar under one of the mapping's keys (`rest` leads from that key's
/// value to it), written in `style`, whose value was `text`.
#[derive(Debug, Clone)]
struct Styled {
    key: Box<str>,
    rest: Vec<Seg>,
    style: Style,
    text: Box<str>,
}

impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        self.map == other.map
    }
}

impl Deref for Kept {
    type Target = Mapping;
    fn deref(&self) -> &Mapping {
        &self.map
    }
}

impl DerefMut for Kept {
    fn deref_mut(&mut self) -> &mut Mapping {
        &mut self.map
    }
}

impl From<Mapping> for Kept {
    fn from(map: Mapping) -> Kept {
        Kept { map, layout: None }
    }
}

impl Kept {
    fn layout_mut(&mut self) -> &mut Layout {
        self.layout.get_or_insert_with(Box::default)
    }

    /// Keeps `key: value`, found after the known key `after` (`None`: before
    /// any).
    pub(crate) fn keep(&mut self, key: Value, value: Value, after: Option<&str>) {
        self.layout_mut()
            .places
            .push((key.clone(), after.map(Into::into)));
        self.map.insert(key, value);
    }

    /// Notes that the scalar at `rest` under `key` was written in `style`
    /// and read as `text`.
    pub(crate) fn keep_style(&mut self, key: &str, rest: Vec<Seg>, style: Style, text: &str) {
        self.layout_mut().styles.push(Styled {
            key: key.into(),
            rest,
            style,
            text: text.into(),
        });
    }

    /// Whether nothing was kept and nothing is to be written otherwise than
    /// the writer would.
    pub fn is_bare(&self) -> bool {
        self.map.is_empty() && self.layout.is_none()
    }

    /// Where the kept `key` was: `Some(after)` if it was read from a file.
    fn place_of(&self, key: &Value) -> Option<Option<&str>> {
        let layout = self.layout.as_ref()?;
        layout
            .places
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, after)| after.as_deref())
    }

    /// The kept entries that followed the known key `after` in the file
    /// (`None`: those before every known key), as they are to be written.
    pub(crate) fn after<'a>(
        &'a self,
        after: Option<&'a str>,
        styled: bool,
    ) -> impl Iterator<Item = (&'a Value, Cow<'a, Value>)> + 'a {
        self.map
            .iter()
            .filter(move |(k, _)| self.place_of(k) == Some(after))
            .map(move |(k, v)| (k, self.value(k, v, styled)))
    }

    /// The kept entries that [`Kept::after`] gives for none of the known
    /// keys in `order`: those added since reading, or found after a key
    /// that is no longer written.
    pub(crate) fn unplaced<'a>(
        &'a self,
        order: &'a [&'a str],
        styled: bool,
    ) -> impl Iterator<Item = (&'a Value, Cow<'a, Value>)> + 'a {
        self.map
            .iter()
            .filter(move |(k, _)| match self.place_of(k) {
                Some(None) => false,
                Some(Some(after)) => !order.contains(&after),
                None => true,
            })
            .map(move |(k, v)| (k, self.value(k, v, styled)))
    }

    /// A mapping's known entries (`known`, written in the order of `order`,
    /// which names every known key, written or not) with the kept entries
    /// among them where they were; `styled` when it is written to a file.
    pub fn arrange(&self, known: Mapping, order: &[&str], styled: bool) -> Mapping {
        let mut out = Mapping::with_capacity(known.len() + self.map.len());
        let put = |out: &mut Mapping, (k, v): (&Value, Cow<Value>)| {
            out.insert(k.clone(), v.into_owned());
        };
        for kv in self.after(None, styled) {
            put(&mut out, kv);
        }
        let mut known = known.into_iter().peekable();
        for key in order {
            if let Some((k, mut v)) = known.next_if(|(k, _)| k.as_str() == Some(key)) {
                if styled {
                    self.style(key, &mut v);
                }
                out.insert(k, v);
            }
            for kv in self.after(Some(key), styled) {
                put(&mut out, kv);
            }
        }
        for (k, mut v) in known {
            if styled && let Some(key) = k.as_str() {
                self.style(key, &mut v);
            }
            out.insert(k, v);
        }
        for kv in self.unplaced(order, styled) {
            put(&mut out, kv);
        }
        out
    }

    /// A kept value as it is to be written.
    fn value<'v>(&self, k: &Value, v: &'v Value, styled: bool) -> Cow<'v, Value> {
        match k.as_str() {
            Some(key) if styled => self.styled(key, v),
            _ => Cow::Borrowed(v),
        }
    }

    /// `v`, the value of `key`, with the scalars in it that are as they
    /// were read marked to be written in the style they were written in.
    pub fn styled<'v>(&self, key: &str, v: &'v Value) -> Cow<'v, Value> {
        if !self.has_styles(key) {
            return Cow::Borrowed(v);
        }
        let mut v = v.clone();
        self.style(key, &mut v);
        Cow::Owned(v)
    }

    fn has_styles(&self, key: &str) -> bool {
        self.layout
            .as_ref()
            .is_some_and(|l| l.styles.iter().any(|s| &*s.key == key))
    }

    /// [`Kept::styled`] in place.
    pub fn style(&self, key: &str, v: &mut Value) {
        let Some(layout) = &self.layout else {
            return;
        };
        for s in layout.styles.iter().filter(|s| &*s.key == key) {
            apply(v, &s.rest, s.style, &s.text);
        }
    }
}

/// Marks the text in `v` (at `path`) that `index` noted at the same place,
/// reading the same, to be written in the style noted there.
pub(super) fn restyle_like(v: &mut Value, path: &Path, index: &PosIndex) {
    let marks = index.marks_in(path);
    let noted = |seg: &Seg, text: &str| {
        marks
            .iter()
            .find(|m| same_seg(&m.seg, seg) && &*m.text == text)
    };
    let visit = |seg: Seg, child: &mut Value| match child {
        Value::String(s) => {
            if let Some(m) = noted(&seg, s) {
                *child = styled_text(m.style, std::mem::take(s));
            }
        }
        Value::Mapping(_) | Value::Sequence(_) => {
            let at = match &seg {
                Seg::Key(k) => path.key(k),
                Seg::Idx(i) => path.idx(*i),
            };
            restyle_like(child, &at, index);
        }
        _ => {}
    };
    match v {
        Value::Mapping(m) => {
            for (k, child) in m.iter_mut() {
                if let Some(k) = super::scalar_text(k) {
                    visit(Seg::Key(k), child);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                visit(Seg::Idx(i), child);
            }
        }
        _ => {}
    }
}

fn same_seg(a: &Seg, b: &Seg) -> bool {
    match (a, b) {
        (Seg::Key(a), Seg::Key(b)) => a == b,
        (Seg::Idx(a), Seg::Idx(b)) => a == b,
        _ => false,
    }
}

/// Marks the text at `rest` in `v` to be written in `style`, if it is still
/// `text`. A list item that has moved (one before it was deleted, or the
/// list was reordered) is found by its text.
fn apply(v: &mut Value, rest: &[Seg], style: Style, text: &str) {
    match rest.split_first() {
        None => {
            if let Value::String(s) = v
                && s == text
            {
                *v = styled_text(style, std::mem::take(s));
            }
        }
        Some((Seg::Key(k), more)) => {
            if let Value::Mapping(m) = v
                && let Some(inner) = m.get_mut(k.as_str())
            {
                apply(inner, more, style, text);
            }
        }
        Some((Seg::Idx(i), more)) => {
            let Value::Sequence(items) = v else {
                return;
            };
            if !more.is_empty() {
                if let Some(inner) = items.get_mut(*i) {
                    apply(inner, more, style, text);
                }
                return;
            }
            let same = |v: &Value| matches!(v, Value::String(s) if s == text);
            let at = match items.get(*i) {
                Some(item) if same(item) => Some(*i),
                _ => items.iter().position(same),
            };
            if let Some(item) = at.and_then(|at| items.get_mut(at)) {
                apply(item, &[], style, text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, Value)]) -> Mapping {
        entries
            .iter()
            .map(|(k, v)| (Value::from(*k), v.clone()))
            .collect()
    }

    fn keys(m: &Mapping) -> Vec<&str> {
        m.keys().filter_map(Value::as_str).collect()
    }

    #[test]
    fn kept_keys_go_back_after_the_known_key_they_followed() {
        let mut kept = Kept::default();
        kept.keep("x-first".into(), "1".into(), None);
        kept.keep("x-mid".into(), "2".into(), Some("b"));
        kept.keep("x-gone".into(), "3".into(), Some("c"));
        kept.insert("x-new".into(), "4".into());
        // `c` has nothing to write now: what followed it stays where it was.
        let known = map(&[("a", "A".into()), ("b", "B".into()), ("d", "D".into())]);
        let out = kept.arrange(known, &["a", "b", "c", "d"], true);
        assert_eq!(
            keys(&out),
            ["x-first", "a", "b", "x-mid", "x-gone", "d", "x-new"]
        );
    }

    #[test]
    fn only_unchanged_text_keeps_its_style() {
        let mut kept = Kept::default();
        kept.keep_style("unit", vec![], Style::Double, "%");
        kept.keep_style("list", vec![Seg::Idx(1)], Style::Single, "b");
        let styled = |v: &Value| matches!(v, Value::Tagged(_));
        assert!(styled(&kept.styled("unit", &"%".into())));
        assert!(!styled(&kept.styled("unit", &"per cent".into())));
        // A list item found where it was, or moved.
        for items in [vec!["a", "b"], vec!["b"], vec!["c", "a", "b"]] {
            let list = Value::Sequence(items.iter().map(|s| Value::from(*s)).collect());
            let out = kept.styled("list", &list).into_owned();
            let seq = out.as_sequence().unwrap();
            let at = items.iter().position(|s| *s == "b").unwrap();
            assert!(styled(&seq[at]), "{items:?}");
            assert_eq!(seq.iter().filter(|v| styled(v)).count(), 1);
        }
        // Equal whatever the layout.
        assert_eq!(kept, Kept::default());
    }
}
