//! The CSV round trip: one row per question, so a team can draft in a
//! spreadsheet and bring the answers back.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use crate::framework::Framework;
use crate::workbook::{Answer, Rating, Status, Workbook};

pub const COLUMNS: &[&str] = &[
    "domain",
    "ref",
    "question",
    "rating",
    "status",
    "owner",
    "narrative",
    "strengths",
    "areas",
];

const BOM: &str = "\u{feff}";

/// What a spreadsheet takes as the start of a formula when it opens a CSV
/// (OWASP, "CSV injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text as it is written into a CSV cell, so that a spreadsheet shows it
/// and never runs it. A text that starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, after any number of `'`, gets one more `'` in front
/// (so `=SUM(A1)` is written `'=SUM(A1)` and `'=x` is written `''=x`).
/// A plain number (`-1`, `+2`, `-12.5`) is a number to a spreadsheet, not
/// a formula, and is written as it is. Every other text is written as it
/// is. [`from_cell`] undoes exactly this.
pub fn to_cell(text: &str) -> Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_START) && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a cell of an imported CSV holds: one leading `'` is taken off a
/// cell that starts with `'` and, after its `'`s, with a character of a
/// formula (the cells [`to_cell`] quotes). Any other cell is read as it is,
/// so a round trip through a CSV gives back exactly the text written.
pub fn from_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// An optional sign, digits and an optional decimal part.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, part) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(part)
}

/// A CSV made to be opened in a spreadsheet: UTF-8 with a byte-order mark
/// (so Excel reads it right), RFC 4180 quoting, CRLF line ends, and every
/// cell written through [`to_cell`]. Used for the answers and the action
/// plan.
pub struct Sheet {
    w: csv::Writer<Vec<u8>>,
    /// A workbook marked `x-illustrative` (as the seeds are) says so on
    /// every row, in a last column, so that no row copied out of the sheet
    /// passes for a council's own work. Import reads columns by name and
    /// leaves it alone.
    illustrative: bool,
}

/// The last column on a sheet from an illustrative workbook: its heading,
/// and what every row says in it (short: the workbook's own note can run to
/// a paragraph, and is in every other export).
pub const ILLUSTRATIVE: [&str; 2] = [
    "illustrative",
    "yes: an illustrative example, not a council's own work",
];

impl Default for Sheet {
    fn default() -> Sheet {
        Sheet::new()
    }
}

impl Sheet {
    pub fn new() -> Sheet {
        Sheet {
            w: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(BOM.as_bytes().to_vec()),
            illustrative: false,
        }
    }

    /// A sheet made from `wb`: marked on every row when `wb` is
    /// illustrative.
    pub fn of(wb: &Workbook) -> Sheet {
        Sheet {
            illustrative: crate::export::notes::illustrative(wb).is_some(),
            ..Sheet::new()
        }
    }

    /// The header row: `cells`, and the illustrative column's heading.
    pub fn header<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let last = self.illustrative.then_some(ILLUSTRATIVE[0]);
        self.write(cells, last);
    }

    /// A row: `cells`, and the illustrative note.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let last = self.illustrative.then_some(ILLUSTRATIVE[1]);
        self.write(cells, last);
    }

    fn write<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>, last: Option<&str>) {
        // Writing to a Vec cannot fail.
        for c in cells {
            let _ = self.w.write_field(to_cell(c.as_ref()).as_bytes());
        }
        if let Some(l) = last {
            let _ = self.w.write_field(to_cell(l).as_bytes());
        }
        let _ = self.w.write_record(None::<&[u8]>);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.w.into_inner().unwrap_or_default()
    }
}

/// The workbook's answers as a [`Sheet`]. Strengths and areas are one item
/// per line within their cell.
pub fn export(wb: &Workbook) -> Vec<u8> {
    let mut w = Sheet::of(wb);
    let fw = &wb.framework;
    w.header(COLUMNS);
    for (d, q) in fw.questions() {
        let empty = Answer::new(&q.id);
        let a = wb.answer(&q.id).unwrap_or(&empty);
        w.row([
            d.title.as_str(),
            q.display_ref(),
            q.text.as_str(),
            &rating_text(fw, a.rating),
            a.status.label(),
            a.owner.as_deref().unwrap_or(""),
            a.narrative.as_str(),
            &a.strengths.join("\n"),
            &a.areas.join("\n"),
        ]);
    }
    w.into_bytes()
}

/// A rating as written in the CSV: the level's label, `N/A`, or empty.
pub fn rating_text(fw: &Framework, r: Rating) -> String {
    match r {
        Rating::None => String::new(),
        Rating::NotApplicable => "N/A".to_string(),
        Rating::Level(n) => fw
            .scale
            .as_ref()
            .and_then(|s| s.level(n))
            .map_or_else(|| n.to_string(), |l| l.label.clone()),
    }
}

/// What importing one row changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    /// Row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub reference: String,
    /// Names of the fields that changed.
    pub fields: Vec<&'static str>,
}

/// A row that cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}: {}", self.row, self.message)
    }
}

/// Applies a CSV to a workbook. Either every row is valid and the changes
/// are all made, or nothing is changed and every bad row is reported.
pub fn import(
    wb: &mut Workbook,
    bytes: &[u8],
    by: &str,
    now: DateTime<Utc>,
) -> Result<Vec<RowChange>, Vec<RowError>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix(BOM).unwrap_or(t),
        Err(e) => {
            return Err(vec![RowError {
                row: 1,
                message: format!(
                    "the file is not UTF-8 text (bad byte at offset {}); save it as \"CSV UTF-8\"",
                    e.valid_up_to()
                ),
            }]);
        }
    };
    // RFC 4180 quotes come in pairs; an odd count means a cell was opened
    // and never closed, which the reader would silently run to the end.
    if text.matches('"').count() % 2 == 1 {
        let row = text[..text.rfind('"').unwrap_or(0)].matches('\n').count() + 1;
        return Err(vec![RowError {
            row,
            message: "a quoted cell is never closed (a \" without its partner); check the quotes from here on".into(),
        }]);
    }
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(e) => {
            return Err(vec![RowError {
                row: 1,
                message: format!("cannot read the header row: {e}"),
            }]);
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(ref_col) = col("ref") else {
        return Err(vec![RowError {
            row: 1,
            message: format!(
                "the header row has no 'ref' column; expected columns: {}",
                COLUMNS.join(", ")
            ),
        }]);
    };
    let mut errors = Vec::new();
    let mut updated: Vec<(usize, Answer)> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, record) in rdr.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError {
                    row,
                    message: format!("cannot read the row: {e}"),
                });
                continue;
            }
        };
        let get = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .map(|cell| from_cell(cell).to_string())
        };
        let reference = from_cell(record.get(ref_col).unwrap_or(""))
            .trim()
            .to_string();
        if reference.is_empty() && record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some((_, q)) = wb.framework.find_by_ref(&reference) else {
            errors.push(RowError {
                row,
                message: format!(
                    "no question with ref '{reference}' in {}",
                    wb.framework.key()
                ),
            });
            continue;
        };
        let qid = q.id.clone();
        if let Some((_, first)) = seen.iter().find(|(id, _)| *id == qid) {
            errors.push(RowError {
                row,
                message: format!("'{reference}' already appears in row {first}"),
            });
            continue;
        }
        seen.push((qid.clone(), row));
        let before = wb
            .answer(&qid)
            .cloned()
            .unwrap_or_else(|| Answer::new(&qid));
        let mut after = before.clone();
        if let Some(text) = get("rating") {
            match parse_rating(&wb.framework, &text) {
                Ok(r) => after.rating = r,
                Err(e) => errors.push(RowError {
                    row,
                    message: e.to_string(),
                }),
            }
        }
        if let Some(text) = get("status").filter(|t| !t.trim().is_empty()) {
            match Status::parse(&text) {
                Some(s) => after.status = s,
                None => errors.push(RowError {
                    row,
                    message: format!(
                        "status '{}' is not one of: {}",
                        text.trim(),
                        Status::ALL.map(Status::label).join(", ")
                    ),
                }),
            }
        }
        if let Some(owner) = get("owner") {
            let owner = owner.trim();
            after.owner = (!owner.is_empty()).then(|| owner.to_string());
        }
        if let Some(n) = get("narrative") {
            after.narrative = n.replace("\r\n", "\n");
        }
        if let Some(s) = get("strengths") {
            after.strengths = lines(&s);
        }
        if let Some(s) = get("areas") {
            after.areas = lines(&s);
        }
        // The status is the sheet's, settled on what the row holds, the
        // same way whatever the workbook held before: so importing a sheet
        // twice gives what importing it once gave.
        after.settle_status();
        if !changed_fields(&before, &after).is_empty() {
            after.touch(by, now);
            updated.push((row, after));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut changes = Vec::new();
    for (row, answer) in updated {
        let before = wb
            .answer(&answer.question)
            .cloned()
            .unwrap_or_else(|| Answer::new(&answer.question));
        let reference = wb
            .framework
            .question(&answer.question)
            .map(|(_, q)| q.display_ref().to_string())
            .unwrap_or_default();
        changes.push(RowChange {
            row,
            reference,
            fields: changed_fields(&before, &answer),
        });
        let qid = answer.question.clone();
        *wb.answer_mut(&qid) = answer;
    }
    Ok(changes)
}

fn lines(cell: &str) -> Vec<String> {
    cell.lines()
        .map(|l| l.trim().trim_start_matches("- ").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn changed_fields(a: &Answer, b: &Answer) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.rating != b.rating {
        out.push("rating");
    }
    if a.status != b.status {
        out.push("status");
    }
    if a.owner != b.owner {
        out.push("owner");
    }
    if a.narrative != b.narrative {
        out.push("narrative");
    }
    if a.strengths != b.strengths {
        out.push("strengths");
    }
    if a.areas != b.areas {
        out.push("areas");
    }
    out
}

/// Why a rating cell does not read as a rating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    /// A rating given for a framework that has none.
    #[error(
        "rating '{given}' given, but {framework} is findings-only and has no ratings; leave the cell empty"
    )]
    FindingsOnly { given: String, framework: String },
    /// `N/A` on a scale that does not allow it.
    #[error("this framework's scale does not allow N/A")]
    NoNotApplicable,
    /// Neither a level's value nor its label.
    #[error("rating '{given}' is not on the scale; use one of: {scale}")]
    NotOnScale { given: String, scale: String },
}

/// Reads a rating cell: empty, `N/A`, a level's value, its label, or
/// "3: Good standard".
pub fn parse_rating(fw: &Framework, text: &str) -> Result<Rating, RatingError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Rating::None);
    }
    let Some(scale) = &fw.scale else {
        return Err(RatingError::FindingsOnly {
            given: t.to_string(),
            framework: fw.key(),
        });
    };
    if t.eq_ignore_ascii_case("n/a") || t.eq_ignore_ascii_case("na") {
        return if scale.not_applicable {
            Ok(Rating::NotApplicable)
        } else {
            Err(RatingError::NoNotApplicable)
        };
    }
    // A bare number, or "3: Good standard" / "3 - Good standard".
    let head = if t.parse::<i64>().is_ok() {
        t
    } else {
        t.split([':', '-', '–']).next().unwrap_or(t).trim()
    };
    if let Ok(n) = head.parse::<i64>() {
        if scale.level(n).is_some() {
            return Ok(Rating::Level(n));
        }
    } else if let Some(l) = scale
        .levels
        .iter()
        .find(|l| l.label.eq_ignore_ascii_case(t))
    {
        return Ok(Rating::Level(l.value));
    }
    Err(RatingError::NotOnScale {
        given: t.to_string(),
        scale: scale.describe(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_cell_that_does_not_read_says_which_kind_of_wrong_it_is() {
        let reg = crate::framework::registry::Registry::load(&[]);
        let suffolk = reg.resolve("suffolk-reablement-2016").unwrap();
        assert_eq!(parse_rating(suffolk, " 3 "), Ok(Rating::Level(3)));
        match parse_rating(suffolk, "Brilliant") {
            Err(e @ RatingError::NotOnScale { .. }) => assert!(
                e.to_string()
                    .starts_with("rating 'Brilliant' is not on the scale; use one of: "),
                "{e}"
            ),
            other => panic!("{other:?}"),
        }
        let findings = reg
            .frameworks
            .iter()
            .find(|f| f.scale.is_none())
            .expect("a findings-only framework is bundled");
        assert_eq!(
            parse_rating(findings, "2").unwrap_err().to_string(),
            format!(
                "rating '2' given, but {} is findings-only and has no ratings; leave the cell empty",
                findings.key()
            )
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_leading_quote() {
        for text in [
            "=1+1",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "-",
            "'=already quoted",
            "''@twice",
        ] {
            assert_eq!(to_cell(text), format!("'{text}"), "{text:?}");
        }
        // Ordinary text, and numbers a spreadsheet reads as numbers, are
        // written as they are.
        for text in [
            "",
            "Where we are",
            "'quoted for no reason",
            "'",
            "3",
            "-1",
            "+2",
            "-12.5",
            "2026-03-10",
            " =1",
        ] {
            assert_eq!(to_cell(text), text, "{text:?}");
        }
    }

    #[test]
    fn every_text_comes_back_from_its_cell_exactly() {
        for text in [
            "", "plain", "=1+1", "+1+1", "-1", "-1-1", "@x", "\tx", "\rx", "'", "''", "'=x",
            "''=x", "'-1", "'plain", "'\t",
        ] {
            assert_eq!(from_cell(&to_cell(text)), text, "{text:?}");
        }
    }
}
