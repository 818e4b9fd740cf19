//! How workbook types are read and written, described once per type.
//!
//! Each model type is declared with [`record!`]: its fields, in the order
//! they are written, each with a *codec* that says how that field is read
//! with the diagnostic-collecting [`Reader`] and how it is written. From
//! that one table come the struct, its known keys, its required keys, its
//! reading (every problem reported with file, line, column and a fix, all
//! of them in one run, unknown and `x-` keys kept) and its writing (a fixed
//! key order, empty values left out, kept keys after the known key each
//! followed in the file, text the user wrote in quotes of their own written
//! in them again while it is unchanged). A new field is one line in the
//! table.
//!
//! Why a table and not serde's derive: peerbook's reader reports every
//! problem of a file at once, with the fix for each, and keeps unknown
//! keys; serde stops at the first error of an item, with its own wording,
//! and the file's exact messages and positions are part of what peerbook
//! promises (tests/hostile.rs, tests/cli.rs). The codecs are the
//! `Reader`'s existing calls, so messages and bytes stay exactly the same.
//!
//! (Just over 600 lines because of its tests; the `record!` macro and
//! the codecs it names belong together.)

use chrono::{DateTime, NaiveDate, Utc};

use super::Rating;
use super::words::Words;
use crate::framework::Framework;
use crate::yaml::read::{Obj, Reader};
use crate::yaml::{self, Mapping, Path, Value};

/// What reading needs beyond the item: the embedded framework (ratings,
/// question ids) and the evidence ids answers may cite.
#[derive(Default)]
pub struct Cx<'a> {
    pub fw: Option<&'a Framework>,
    pub evidence: Option<&'a std::collections::HashSet<&'a str>>,
}

/// What writing needs: whether the framework has a rating scale (answers'
/// ratings are left out when it has not), and whether the value is for a
/// file, where unchanged text keeps the style it was written in
/// ([`crate::yaml::Kept`]); values for comparing (merge's conflicts) never
/// carry styles.
#[derive(Debug, Clone, Copy)]
pub struct WCx {
    pub rated: bool,
    pub file: bool,
}

impl Default for WCx {
    fn default() -> WCx {
        WCx {
            rated: true,
            file: false,
        }
    }
}

/// A mapping being written, in insertion order.
#[derive(Default)]
pub struct Out(Mapping);

impl Out {
    pub fn put(&mut self, key: &str, v: Value) {
        self.0.insert(key.into(), v);
    }
    /// Text, left out when empty.
    pub fn text(&mut self, key: &str, v: &str) {
        if !v.is_empty() {
            self.put(key, v.into());
        }
    }
    /// A list, left out when empty.
    pub fn list(&mut self, key: &str, items: impl Iterator<Item = Value>) {
        let items: Vec<Value> = items.collect();
        if !items.is_empty() {
            self.put(key, Value::Sequence(items));
        }
    }
    pub fn done(self) -> Value {
        Value::Mapping(self.0)
    }
    /// The mapping, with the keys kept from reading where they were (after
    /// the known key each followed; `order` names every known key, in the
    /// order written) and, in a file, text in the style it was written in.
    pub fn done_with(self, kept: Option<&yaml::Kept>, order: &[&str], cx: &WCx) -> Value {
        match kept {
            Some(kept) if !kept.is_bare() => Value::Mapping(kept.arrange(self.0, order, cx.file)),
            _ => Value::Mapping(self.0),
        }
    }
}

/// Whole numbers are written without a decimal point.
pub fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).into()
    } else {
        v.into()
    }
}

/// How one field of type `T` is read and written.
pub trait Codec<T> {
    /// Whether the key must be present (checked with the item's keys).
    const REQUIRED: bool = false;
    /// Whether the value is kept whole, however deep (not items read on
    /// their own), so the styles of all its text are kept with its item.
    const WHOLE: bool = false;
    fn read(r: &mut Reader, o: &Obj, key: &str, cx: &Cx) -> T;
    fn write(v: &T, out: &mut Out, key: &str, cx: &WCx);
}

/// A model type read from a mapping and written as one. Implemented by
/// [`record!`].
pub trait Record: Sized {
    /// How the item is named in messages ("an evidence item").
    const WHAT: &'static str;
    const KEYS: &'static [&'static str];
    /// For each of `KEYS`, whether it is required.
    const REQUIRED: &'static [bool];
    /// The fields, from a mapping already checked for keys.
    fn from_obj(r: &mut Reader, o: Obj, cx: &Cx) -> Self;
    fn to_value(&self, cx: &WCx) -> Value;

    /// Reads `v` at `path`: `None` (with the problem reported) when it is
    /// not a mapping.
    fn read(r: &mut Reader, v: &Value, path: &Path, cx: &Cx) -> Option<Self> {
        let required = Self::KEYS
            .iter()
            .zip(Self::REQUIRED)
            .filter(|(_, req)| **req)
            .map(|(k, _)| *k);
        let o = r.obj_of(v, path, Self::WHAT, Self::KEYS, required)?;
        Some(Self::from_obj(r, o, cx))
    }
}

/// Declares a model type once: the struct, and how it is read and written.
///
/// ```ignore
/// record! {
///     #[derive(Debug, Clone, PartialEq, Default)]
///     pub struct TeamMember as "a team member" {
///         pub name: String = Req,
///         pub role: Option<String> = Opt,
///         ..extra
///     }
/// }
/// ```
///
/// Keys are the field names. `, check f` after the name runs
/// `f(&item, reader, &obj, cx)` once the item is read, for rules across its
/// fields; `..extra` keeps unknown and `x-` keys in a field of that name.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $what:literal $(, check $check:path)? {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty = $codec:ty, )*
            $( ..$extra:ident )?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            $(
                /// Unknown and `x-` keys, kept for the next save with
                /// where they were and how the item's text was written.
                pub $extra: $crate::yaml::Kept,
            )?
        }

        impl $crate::workbook::codec::Record for $name {
            const WHAT: &'static str = $what;
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];
            const REQUIRED: &'static [bool] =
                &[$(<$codec as $crate::workbook::codec::Codec<$ty>>::REQUIRED),*];

            #[allow(unused_mut)]
            fn from_obj(
                r: &mut $crate::yaml::read::Reader,
                mut o: $crate::yaml::read::Obj,
                cx: &$crate::workbook::codec::Cx,
            ) -> Self {
                $(
                    if <$codec as $crate::workbook::codec::Codec<$ty>>::WHOLE {
                        r.keep_styles_under(&mut o, stringify!($field));
                    }
                )*
                let item = $name {
                    $( $field: <$codec as $crate::workbook::codec::Codec<$ty>>::read(
                        r, &o, stringify!($field), cx,
                    ), )*
                    $( $extra: std::mem::take(&mut o.extra), )?
                };
                $( $check(&item, r, &o, cx); )?
                item
            }

            fn to_value(&self, cx: &$crate::workbook::codec::WCx) -> $crate::yaml::Value {
                let mut out = $crate::workbook::codec::Out::default();
                $( <$codec as $crate::workbook::codec::Codec<$ty>>::write(
                    &self.$field, &mut out, stringify!($field), cx,
                ); )*
                out.done_with(None $( .or(Some(&self.$extra)) )?, Self::KEYS, cx)
            }
        }
    };
}

pub(crate) use record;

/// Required text, always written.
pub struct Req;
impl Codec<String> for Req {
    const REQUIRED: bool = true;
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> String {
        r.req_text(o, key)
    }
    fn write(v: &String, out: &mut Out, key: &str, _: &WCx) {
        out.put(key, v.as_str().into());
    }
}

/// Text that may be missing (read as empty), left out when empty.
pub struct Text;
impl Codec<String> for Text {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> String {
        r.text(o, key).unwrap_or_default()
    }
    fn write(v: &String, out: &mut Out, key: &str, _: &WCx) {
        out.text(key, v);
    }
}

/// Optional text, left out when missing or empty.
pub struct Opt;
impl Codec<Option<String>> for Opt {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Option<String> {
        r.text(o, key)
    }
    fn write(v: &Option<String>, out: &mut Out, key: &str, _: &WCx) {
        if let Some(v) = v {
            out.text(key, v);
        }
    }
}

/// A list of text (a single text is a list of one), left out when empty.
pub struct Texts;
impl Codec<Vec<String>> for Texts {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Vec<String> {
        r.text_list(o, key)
    }
    fn write(v: &Vec<String>, out: &mut Out, key: &str, _: &WCx) {
        out.list(key, v.iter().map(|s| s.as_str().into()));
    }
}

/// A list of text written as a single text when it holds one item, so a
/// field that was one text (a case study's barriers) reads and writes back
/// unchanged; left out when empty.
pub struct OneOrList;
impl Codec<Vec<String>> for OneOrList {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Vec<String> {
        let mut v = r.text_list(o, key);
        v.retain(|s| !s.trim().is_empty());
        v
    }
    fn write(v: &Vec<String>, out: &mut Out, key: &str, _: &WCx) {
        match v.as_slice() {
            [one] => out.text(key, one),
            _ => out.list(key, v.iter().map(|s| s.as_str().into())),
        }
    }
}

/// An optional number; whole numbers written without a decimal point.
pub struct Num;
impl Codec<Option<f64>> for Num {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Option<f64> {
        r.number(o, key)
    }
    fn write(v: &Option<f64>, out: &mut Out, key: &str, _: &WCx) {
        if let Some(v) = v {
            out.put(key, number(*v));
        }
    }
}

/// Optional hours one activity took: 0 to 24 ([`crate::value::hours`]).
pub struct Hours;
impl Codec<Option<f64>> for Hours {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Option<f64> {
        let v = o.get(key)?;
        let read = match v {
            Value::Number(n) => n.as_f64().map_or(
                Err(crate::value::HoursProblem::NotDigits),
                crate::value::check_hours,
            ),
            Value::String(s) => crate::value::hours(s),
            _ => Err(crate::value::HoursProblem::NotDigits),
        };
        match read {
            Ok(h) => Some(h),
            Err(why) => {
                let found = yaml::scalar_text(v).unwrap_or_else(|| yaml::kind_name(v).into());
                r.error(
                    &o.at(key),
                    format!("'{key}: {found}' is not kept: {why}"),
                    format!("write the hours as digits, e.g. `{key}: 1.5`"),
                );
                None
            }
        }
    }
    fn write(v: &Option<f64>, out: &mut Out, key: &str, _: &WCx) {
        if let Some(v) = v {
            out.put(key, number(*v));
        }
    }
}

/// An optional count of people or things: a whole number, not negative.
pub struct Count;
impl Codec<Option<u32>> for Count {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Option<u32> {
        let n = r.int(o, key)?;
        let kept = u32::try_from(n).ok();
        if kept.is_none() {
            r.error(
                &o.at(key),
                format!("'{key}' should be a whole number from 0, found {n}"),
                format!("write how many, e.g. `{key}: 6`"),
            );
        }
        kept
    }
    fn write(v: &Option<u32>, out: &mut Out, key: &str, _: &WCx) {
        if let Some(v) = v {
            out.put(key, (*v).into());
        }
    }
}

/// An optional limit: a whole number from 1 ([`crate::value::limit`]; a
/// limit of 0 would allow nothing; none is the key left out).
pub struct Limit;
impl Codec<Option<u32>> for Limit {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Option<u32> {
        let n = r.int(o, key)?;
        let kept = crate::value::limit(n);
        if kept.is_none() {
            let (example, left_out) = match key {
                "word_limit" => (400, "for no limit"),
                _ => (18, "for the default"),
            };
            r.error(
                &o.at(key),
                format!("'{key}' should be a whole number from 1, found {n}"),
                format!(
                    "write the limit, e.g. `{key}: {example}`, or leave `{key}` out {left_out}"
                ),
            );
        }
        kept
    }
    fn write(v: &Option<u32>, out: &mut Out, key: &str, cx: &WCx) {
        Count::write(v, out, key, cx)
    }
}

/// A yes/no that is no when missing, written only when yes.
pub struct Flag;
impl Codec<bool> for Flag {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> bool {
        r.bool(o, key).unwrap_or(false)
    }
    fn write(v: &bool, out: &mut Out, key: &str, _: &WCx) {
        if *v {
            out.put(key, true.into());
        }
    }
}

/// An optional date, YYYY-MM-DD.
pub struct Date;
impl Codec<Option<NaiveDate>> for Date {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Option<NaiveDate> {
        r.date(o, key)
    }
    fn write(v: &Option<NaiveDate>, out: &mut Out, key: &str, _: &WCx) {
        if let Some(d) = v {
            out.put(key, d.to_string().into());
        }
    }
}

/// A required date and time (RFC 3339), written to the second in UTC.
pub struct Time;
impl Codec<DateTime<Utc>> for Time {
    const REQUIRED: bool = true;
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> DateTime<Utc> {
        let text = r.req_text(o, key);
        match DateTime::parse_from_rfc3339(text.trim()) {
            Ok(t) => t.with_timezone(&Utc),
            Err(_) => {
                r.error(
                    &o.at(key),
                    format!("'{text}' is not a date and time"),
                    "write it as 2026-03-14T09:30:00Z",
                );
                DateTime::default()
            }
        }
    }
    fn write(v: &DateTime<Utc>, out: &mut Out, key: &str, _: &WCx) {
        out.put(
            key,
            v.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into(),
        );
    }
}

/// One of a fixed set of words (see [`Words`]), always written; the default
/// when missing.
pub struct Word;
impl<E: Words> Codec<E> for Word {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> E {
        read_word(r, o, key)
    }
    fn write(v: &E, out: &mut Out, key: &str, _: &WCx) {
        out.put(key, v.word().into());
    }
}

/// A [`Word`] that must be present.
pub struct ReqWord;
impl<E: Words> Codec<E> for ReqWord {
    const REQUIRED: bool = true;
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> E {
        read_word(r, o, key)
    }
    fn write(v: &E, out: &mut Out, key: &str, _: &WCx) {
        out.put(key, v.word().into());
    }
}

fn read_word<E: Words>(r: &mut Reader, o: &Obj, key: &str) -> E {
    r.choice(o, key, E::WORDS)
        .and_then(E::from_word)
        .unwrap_or_default()
}

/// Any YAML value, kept as written; written even when null.
pub struct Any;
impl Codec<Value> for Any {
    const WHOLE: bool = true;
    fn read(_: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Value {
        o.get(key).cloned().unwrap_or(Value::Null)
    }
    fn write(v: &Value, out: &mut Out, key: &str, _: &WCx) {
        out.put(key, v.clone());
    }
}

/// A list of records, each read at its own place; left out when empty.
pub struct Items;
impl<T: Record> Codec<Vec<T>> for Items {
    fn read(r: &mut Reader, o: &Obj, key: &str, cx: &Cx) -> Vec<T> {
        r.list(o, key)
            .into_iter()
            .filter_map(|(p, v)| T::read(r, v, &p, cx))
            .collect()
    }
    fn write(v: &Vec<T>, out: &mut Out, key: &str, cx: &WCx) {
        out.list(key, v.iter().map(|x| x.to_value(cx)));
    }
}

/// An optional record.
pub struct One;
impl<T: Record> Codec<Option<T>> for One {
    fn read(r: &mut Reader, o: &Obj, key: &str, cx: &Cx) -> Option<T> {
        o.get(key).and_then(|v| T::read(r, v, &o.at(key), cx))
    }
    fn write(v: &Option<T>, out: &mut Out, key: &str, cx: &WCx) {
        if let Some(v) = v {
            out.put(key, v.to_value(cx));
        }
    }
}

/// A council's rating: checked against the framework's scale, and left out
/// when the framework has none.
pub struct Rated;
impl Codec<Rating> for Rated {
    fn read(r: &mut Reader, o: &Obj, key: &str, cx: &Cx) -> Rating {
        read_rating(r, o, key, cx.fw)
    }
    fn write(v: &Rating, out: &mut Out, key: &str, cx: &WCx) {
        if cx.rated {
            write_rating(v, out, key);
        }
    }
}

/// A peer rating: checked like [`Rated`], always written when set.
pub struct PeerRated;
impl Codec<Rating> for PeerRated {
    fn read(r: &mut Reader, o: &Obj, key: &str, cx: &Cx) -> Rating {
        read_rating(r, o, key, cx.fw)
    }
    fn write(v: &Rating, out: &mut Out, key: &str, _: &WCx) {
        write_rating(v, out, key);
    }
}

fn write_rating(v: &Rating, out: &mut Out, key: &str) {
    match v {
        Rating::Level(n) => out.put(key, (*n).into()),
        Rating::NotApplicable => out.put(key, "n/a".into()),
        Rating::None => {}
    }
}

fn read_rating(r: &mut Reader, o: &Obj, key: &str, fw: Option<&Framework>) -> Rating {
    let Some(v) = o.get(key) else {
        return Rating::None;
    };
    let path = o.at(key);
    let text = yaml::scalar_text(v).unwrap_or_default();
    let Some(fw) = fw else {
        return Rating::None;
    };
    let Some(scale) = fw.scale.as_ref() else {
        r.error(
            &path,
            format!("'{}' is findings-only and has no ratings", fw.key()),
            "remove the `rating:` line",
        );
        return Rating::None;
    };
    if text.eq_ignore_ascii_case("n/a") {
        if scale.not_applicable {
            return Rating::NotApplicable;
        }
        r.error(
            &path,
            "this framework's scale does not allow N/A",
            format!("use one of: {}", scale.describe()),
        );
        return Rating::None;
    }
    match v.as_i64() {
        Some(n) if scale.level(n).is_some() => Rating::Level(n),
        _ => {
            r.error(
                &path,
                format!("rating '{text}' is not on the scale"),
                format!("use one of: {}", scale.describe()),
            );
            Rating::None
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Diagnostic;
    use crate::workbook::{self, Conflict, EvidenceItem, Workbook};
    use crate::yaml::{Pos, Value};

    fn workbook() -> Workbook {
        let mut wb = crate::workbook::one_question_workbook();
        wb.evidence_mut().push(EvidenceItem {
            id: "e1".into(),
            title: "Policy".into(),
            ..EvidenceItem::default()
        });
        wb
    }

    /// The workbook's text with the evidence item's `kind:` line replaced.
    fn with_evidence_lines(lines: &str) -> String {
        let text = workbook::to_text(&workbook());
        assert!(text.contains("- id: e1\n  title: Policy\n  kind: document\n"));
        text.replace("  kind: document\n", lines)
    }

    /// Where `needle` starts in `text` (its first occurrence).
    fn pos_of(text: &str, needle: &str) -> Pos {
        Pos::at(
            text,
            text.find(needle).unwrap_or_else(|| panic!("{needle}")),
        )
    }

    fn errors(text: &str) -> Vec<Diagnostic> {
        match workbook::from_text("wb.yaml", text.as_bytes()) {
            Ok(_) => panic!("read without errors:\n{text}"),
            Err(e) => e.0.0.into_iter().filter(Diagnostic::is_error).collect(),
        }
    }

    #[test]
    fn an_error_inside_an_item_is_reported_where_it_is_with_a_fix() {
        let text = with_evidence_lines("  kind: paper\n");
        let errs = errors(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        let e = &errs[0];
        assert_eq!(e.file, "wb.yaml");
        assert_eq!(e.pos, pos_of(&text, "paper"));
        assert_eq!(e.message, "'kind' cannot be 'paper'");
        let help = e.help.as_deref().unwrap_or_default();
        assert!(
            help.ends_with("use one of: document, data, case-file-audit, feedback, other"),
            "{help}"
        );
    }

    #[test]
    fn every_error_in_one_item_is_reported() {
        let text = with_evidence_lines("  kind: data\n  date: 2026-13-01\n  value: lots\n");
        let errs = errors(&text);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].pos, pos_of(&text, "2026-13-01"));
        assert_eq!(errs[0].message, "'date' is not a real date: '2026-13-01'");
        assert!(errs[0].help.is_some());
        assert_eq!(errs[1].pos, pos_of(&text, "lots"));
        assert_eq!(errs[1].message, "'value' should be a number, found 'lots'");
        assert_eq!(
            errs[1].help.as_deref(),
            Some("write it as digits, e.g. `value: 42.5`")
        );
    }

    #[test]
    fn x_keys_and_unknown_keys_survive_a_round_trip() {
        let text = with_evidence_lines("  kind: data\n  x-local: kept\n  later: also kept\n");
        let (wb, warnings) =
            workbook::from_text("wb.yaml", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let item = &wb.evidence[0];
        assert_eq!(item.extra.get("x-local"), Some(&Value::from("kept")));
        assert_eq!(item.extra.get("later"), Some(&Value::from("also kept")));
        // The unknown key is reported (as a warning), the extension is not.
        assert_eq!(warnings.0.len(), 1, "{warnings}");
        assert_eq!(warnings.0[0].pos, pos_of(&text, "later"));
        let again = workbook::to_text(&wb);
        assert!(
            again.contains("  kind: data\n  x-local: kept\n  later: also kept\n"),
            "{again}"
        );
        assert_eq!(again, text);
    }

    #[test]
    fn a_reviewers_source_keeps_its_unknown_keys() {
        // The reader's warning says such a key is kept: it must be.
        let mut wb = workbook();
        wb.reviewer_mut("Ann")
            .answer_mut("a")
            .sources
            .push(crate::workbook::onsite::Source::new(
                crate::workbook::onsite::SourceKind::Heard,
                "Front door staff",
            ));
        let text = workbook::to_text(&wb);
        let line = "      text: Front door staff
";
        assert!(text.contains(line), "{text}");
        let text = text.replace(line, &format!("{line}      x-asked-by: Ann\n"));
        let (back, _) =
            workbook::from_text("wb.yaml", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let source = &back.reviewer("Ann").unwrap().answer("a").unwrap().sources[0];
        assert_eq!(source.extra.get("x-asked-by"), Some(&Value::from("Ann")));
        assert_eq!(workbook::to_text(&back), text);
    }

    #[test]
    fn typed_conflicts_round_trip_in_the_same_shape() {
        let mut wb = workbook();
        let mut c = Conflict::new(
            "answers[question=a].narrative",
            Value::from("base text"),
            vec![
                ("alice.yaml".into(), Value::from("Alice's")),
                ("bob.yaml".into(), Value::from(3)),
            ],
        );
        c.extra.insert("x-note".into(), "ask Carol".into());
        wb.conflicts.push(c.clone());
        let text = workbook::to_text(&wb);
        let shape = "conflicts:\n\
                     - path: answers[question=a].narrative\n  base: base text\n  values:\n  \
                     - from: alice.yaml\n    value: Alice's\n  - from: bob.yaml\n    value: 3\n  \
                     x-note: ask Carol\n";
        assert!(text.contains(shape), "{text}");
        let (back, _) =
            workbook::from_text("wb.yaml", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.conflicts, vec![c]);
        assert_eq!(workbook::to_text(&back), text);
    }

    #[test]
    fn a_conflict_without_a_path_is_reported() {
        let mut text = workbook::to_text(&workbook());
        let at = text.find("framework:").unwrap_or(0);
        text.insert_str(at, "conflicts:\n- base: 1\n");
        let errs = errors(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].message,
            "a conflict is missing the required key 'path'"
        );
        assert_eq!(errs[0].pos, pos_of(&text, "base: 1"));
    }
}
