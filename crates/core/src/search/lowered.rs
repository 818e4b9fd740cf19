//! The lower-cased text, accents folded ([`crate::text::fold_accents`]),
//! that search (`/`) and the evidence filter look in,
//! made once per revision of the workbook, so a keystroke does not lower-case
//! the whole workbook again. Each field also keeps a 64-bit summary of the
//! bytes it holds; a field that lacks one of the query's bytes is skipped
//! without reading it, and the rest are searched with memchr's vectorised
//! substring search.

use super::spot::{Spot, spots};
use crate::text::fold_accents;
use crate::workbook::Workbook;

/// A query as it is looked for: lower case (as given) with its accents
/// folded, as every field is.
pub fn fold_query(q: &str) -> String {
    fold_accents(q).into_owned()
}

/// Lower-cased fields, one per line, and where each starts.
#[derive(Default)]
pub struct Haystack {
    text: String,
    starts: Vec<usize>,
    /// For each field, the bits of [`byte_bit`] of every byte in it.
    bytes: Vec<u64>,
}

/// One of 64 bits for a byte: a bit each for letters, digits and space,
/// shared bits for other ASCII and for the bytes of other characters.
fn byte_bit(b: u8) -> u64 {
    let bit = match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + b - b'0',
        b' ' => 36,
        0..=127 => 37 + b % 19,
        _ => 56 + b % 8,
    };
    1 << bit
}

/// Which bytes a text holds, as bits.
fn byte_mask(s: &[u8]) -> u64 {
    s.iter().fold(0, |m, b| m | byte_bit(*b))
}

impl Haystack {
    fn push(&mut self, field: &str) {
        self.push_parts(&[field]);
    }

    /// One field made of parts (an evidence item's title, id, note and
    /// location) kept apart by line breaks: a query is one line, so it never
    /// matches across two parts, and the field is still one search.
    fn push_parts(&mut self, parts: &[&str]) {
        let start = self.text.len();
        self.starts.push(start);
        for (k, part) in parts.iter().enumerate() {
            if k > 0 {
                self.text.push('\n');
            }
            // A part's own line breaks become spaces; lower-cased as a
            // whole, as the query is (a final Σ becomes ς), and its accents
            // folded, as the query's are ([`fold_query`]).
            let lower = part.to_lowercase();
            self.text.push_str(&fold_accents(&lower).replace('\n', " "));
        }
        self.bytes.push(byte_mask(&self.text.as_bytes()[start..]));
        // The end of the field: a byte no text holds.
        self.text.push('\0');
    }

    /// Field `i`, lower-cased, its accents folded.
    pub fn field(&self, i: usize) -> &str {
        // Each field ends with its one-byte terminator.
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len()) - 1;
        self.starts.get(i).map_or("", |s| &self.text[*s..end])
    }

    /// Where `q` (already folded, [`fold_query`]) first is in field `i`:
    /// which of the field's parts, and the byte offset in that part's
    /// folded text. For a hit's label, not for every field.
    pub fn find(&self, i: usize, q: &str) -> Option<(usize, usize)> {
        let field = self.field(i);
        let at = memchr::memmem::find(field.as_bytes(), q.as_bytes())?;
        let part_start = field[..at].rfind('\n').map_or(0, |p| p + 1);
        Some((field[..at].matches('\n').count(), at - part_start))
    }

    /// The fields that hold `q` (lower case, one line), in order; accents
    /// do not count (`llyn` finds `Llŷn`, `café` finds `cafe`).
    pub fn matching<'a>(&'a self, q: &str) -> impl Iterator<Item = usize> + 'a {
        let holds = self.holder(q);
        (0..self.bytes.len()).filter(move |i| holds(*i))
    }

    /// As [`Haystack::matching`], looking only in the fields `among` (in
    /// order): those a shorter query that `q` contains was found in.
    pub fn matching_among<'a>(
        &'a self,
        q: &str,
        among: &'a [usize],
    ) -> impl Iterator<Item = usize> + 'a {
        let holds = self.holder(q);
        among.iter().copied().filter(move |i| holds(*i))
    }

    /// Whether field `i` holds `q`: its byte summary first, then the text.
    fn holder<'a>(&'a self, q: &str) -> impl Fn(usize) -> bool + 'a {
        let q = fold_query(q);
        let finder = memchr::memmem::Finder::new(q.as_bytes()).into_owned();
        let wanted = byte_mask(q.as_bytes());
        let searchable = !q.is_empty() && !q.contains(['\n', '\0']);
        move |i| {
            searchable
                && self.bytes.get(i).is_some_and(|has| has & wanted == wanted)
                && finder.find(self.field(i).as_bytes()).is_some()
        }
    }
}

/// What a field of the questions haystack is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The question's text and ref.
    Question,
    Narrative,
    Strength(usize),
    Area(usize),
}

pub struct Lowered {
    /// By question in framework order: its text and ref, then its answer's
    /// narrative, strengths and areas.
    pub questions: Haystack,
    /// For each field of `questions`: the question's flat index and the field.
    pub question_fields: Vec<(usize, Field)>,
    /// By evidence item: its title, id, note and location, as the parts of
    /// one field.
    pub evidence: Haystack,
    /// The review details, evidence and metric comparators and case
    /// studies, a field each ([`spots`]).
    pub more: Haystack,
    /// For each field of `more`: what it is.
    pub more_spots: Vec<Spot>,
}

impl Lowered {
    pub fn new(wb: &Workbook) -> Lowered {
        let mut questions = Haystack::default();
        let mut question_fields = Vec::new();
        let answers = wb.answers_in_order();
        for (i, ((_, q), a)) in wb.framework.questions().zip(answers).enumerate() {
            // The text and the ref are parts of one field.
            questions.push_parts(&[q.text.as_str(), q.display_ref()]);
            question_fields.push((i, Field::Question));
            let Some(a) = a else { continue };
            questions.push(&a.narrative);
            question_fields.push((i, Field::Narrative));
            for (k, s) in a.strengths.iter().enumerate() {
                questions.push(s);
                question_fields.push((i, Field::Strength(k)));
            }
            for (k, s) in a.areas.iter().enumerate() {
                questions.push(s);
                question_fields.push((i, Field::Area(k)));
            }
        }
        let mut evidence = Haystack::default();
        for e in wb.evidence.iter() {
            let note = e.note.as_deref().unwrap_or("");
            let location = e.location.as_deref().unwrap_or("");
            evidence.push_parts(&[e.title.as_str(), e.id.as_str(), note, location]);
        }
        let mut more = Haystack::default();
        let mut more_spots = Vec::new();
        for spot in spots(wb) {
            if let Some(text) = spot.text(wb).filter(|t| !t.is_empty()) {
                more.push(&text);
                more_spots.push(spot);
            }
        }
        Lowered {
            questions,
            question_fields,
            evidence,
            more,
            more_spots,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hay(fields: &[&str]) -> Haystack {
        let mut h = Haystack::default();
        for f in fields {
            h.push(f);
        }
        h
    }

    #[test]
    fn each_matching_field_is_found_once_in_order() {
        let h = hay(&["Alpha beta", "GAMMA", "beta beta beta", "", "Ünïcode BETA"]);
        assert_eq!(h.matching("beta").collect::<Vec<_>>(), [0, 2, 4]);
        assert_eq!(h.matching("ünï").collect::<Vec<_>>(), [4]);
        assert_eq!(h.matching("zzz").count(), 0);
        // Bytes the summary shares a bit with still have to match.
        assert_eq!(h.matching("#").count(), 0);
        assert_eq!(h.matching("a b").collect::<Vec<_>>(), [0, 2]);
        assert_eq!(h.field(1), "gamma");
        assert_eq!(h.field(3), "");
        // Kept with its accents folded, as the query is (search's own
        // behaviour changed in issue 11: `unic` finds `Ünïcode` too).
        assert_eq!(h.field(4), "unicode beta");
        assert_eq!(h.matching("unic").collect::<Vec<_>>(), [4]);
    }

    #[test]
    fn a_query_never_spans_two_fields() {
        let h = hay(&["ends with a", "b starts", "line one\nline two"]);
        assert_eq!(h.matching("a b").count(), 0);
        assert_eq!(h.matching("a\nb").count(), 0);
        // A field's own line break reads as a space.
        assert_eq!(h.matching("one line").collect::<Vec<_>>(), [2]);
        // Lower-cased as the query is: a final sigma.
        let mut parts = Haystack::default();
        parts.push_parts(&["Title ends", "ID-7"]);
        assert_eq!(parts.matching("ends id").count(), 0);
        assert_eq!(parts.matching("id-7").count(), 1);
        assert_eq!(parts.field(0), "title ends\nid-7");
        let greek = hay(&["ΟΔΟΣ"]);
        assert_eq!(greek.matching(&"ΟΔΟΣ".to_lowercase()).count(), 1);
        assert_eq!(h.matching("").count(), 0);
    }
}
