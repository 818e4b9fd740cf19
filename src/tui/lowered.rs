//! The lower-cased text that search (`/`) and the evidence filter look in,
//! made once per revision of the workbook, so a keystroke does not lower-case
//! the whole workbook again. Each field also keeps a 64-bit summary of the
//! bytes it holds; a field that lacks one of the query's bytes is skipped
//! without reading it, and the rest are searched with memchr's vectorised
//! substring search.

use crate::workbook::Workbook;

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
        let start = self.text.len();
        self.starts.push(start);
        // A field's own line breaks become spaces: a query is one line, and
        // must not match across two fields. Lower-cased as a whole, as the
        // query is (a final Σ becomes ς).
        self.text.push_str(&field.to_lowercase().replace('\n', " "));
        self.bytes.push(byte_mask(&self.text.as_bytes()[start..]));
        self.text.push('\n');
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Field `i`, lower-cased.
    pub fn field(&self, i: usize) -> &str {
        let end = self.starts.get(i + 1).map_or(self.text.len(), |e| e - 1);
        self.starts.get(i).map_or("", |s| &self.text[*s..end])
    }

    /// The fields that hold `q` (lower case, one line), in order.
    pub fn matching<'a>(&'a self, q: &'a str) -> impl Iterator<Item = usize> + 'a {
        let finder = memchr::memmem::Finder::new(q.as_bytes());
        let wanted = byte_mask(q.as_bytes());
        let searchable = !q.is_empty() && !q.contains('\n');
        self.bytes
            .iter()
            .enumerate()
            .filter(move |(i, has)| {
                searchable
                    && *has & wanted == wanted
                    && finder.find(self.field(*i).as_bytes()).is_some()
            })
            .map(|(i, _)| i)
    }
}

/// Fields per evidence item in [`Lowered::evidence`].
pub const EVIDENCE_FIELDS: usize = 4;

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
    /// By evidence item: its title, id, note and location, a field each
    /// ([`EVIDENCE_FIELDS`] per item).
    pub evidence: Haystack,
}

impl Lowered {
    /// Evidence items with a field that holds `q`, in order, each once.
    pub fn evidence_matching<'a>(&'a self, q: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut last = None;
        self.evidence
            .matching(q)
            .map(|f| f / EVIDENCE_FIELDS)
            .filter(move |i| last.replace(*i) != Some(*i))
    }

    /// Whether a field of evidence item `i` holds `q`.
    pub fn evidence_holds(&self, i: usize, q: &str) -> bool {
        (i * EVIDENCE_FIELDS..(i + 1) * EVIDENCE_FIELDS).any(|f| self.evidence.field(f).contains(q))
    }

    pub fn new(wb: &Workbook) -> Lowered {
        let mut questions = Haystack::default();
        let mut question_fields = Vec::new();
        let answers = wb.answers_in_order();
        for (i, ((_, q), a)) in wb.framework.questions().zip(answers).enumerate() {
            // The text and the ref are searched apart, as every field is.
            for field in [q.text.as_str(), q.display_ref()] {
                questions.push(field);
                question_fields.push((i, Field::Question));
            }
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
            for field in [e.title.as_str(), e.id.as_str(), note, location] {
                evidence.push(field);
            }
        }
        Lowered {
            questions,
            question_fields,
            evidence,
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
        assert_eq!(h.len(), 5);
    }

    #[test]
    fn a_query_never_spans_two_fields() {
        let h = hay(&["ends with a", "b starts", "line one\nline two"]);
        assert_eq!(h.matching("a b").count(), 0);
        assert_eq!(h.matching("a\nb").count(), 0);
        // A field's own line break reads as a space.
        assert_eq!(h.matching("one line").collect::<Vec<_>>(), [2]);
        // Lower-cased as the query is: a final sigma.
        let greek = hay(&["ΟΔΟΣ"]);
        assert_eq!(greek.matching(&"ΟΔΟΣ".to_lowercase()).count(), 1);
        assert_eq!(h.matching("").count(), 0);
    }
}
