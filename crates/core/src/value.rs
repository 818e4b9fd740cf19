//! Dates and numbers written as text: the one reading of them shared by the
//! workbook reader, the editable fields and the command line.

use chrono::NaiveDate;

/// How peerbook writes a date: 2026-03-14.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// A real calendar date written YYYY-MM-DD (spaces around it ignored).
/// `None` for anything else, an impossible date such as 2026-02-30
/// included.
pub fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), DATE_FORMAT).ok()
}

/// A number as people type it: digits with an optional sign, point and
/// exponent; commas between thousands are ignored. `None` for anything
/// else, infinities and NaN included.
pub fn number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
}

/// A count of people: a whole number from 0 to a million.
pub fn count(n: f64) -> Option<u32> {
    (n >= 0.0 && n.fract() == 0.0 && n <= 1e6).then_some(n as u32)
}

/// A limit a workbook sets (its narratives' word limit, the age in months
/// past which evidence is old): a whole number from 1. The one rule for a
/// limit read from the file and one typed in the interface or given to
/// `peerbook settings`; none is the key left out.
pub fn limit(n: i64) -> Option<u32> {
    u32::try_from(n).ok().filter(|n| *n >= 1)
}

/// The most hours one activity may last: a day.
pub const MAX_HOURS: f64 = 24.0;

/// Why a number of hours was refused: the sentence the user reads, what is
/// wrong and what to write instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursProblem {
    /// `3,5`: a decimal comma (or thousands commas, which hours never need).
    Comma,
    /// Not digits with an optional decimal point (`1e6`, `two`, `+1`).
    NotDigits,
    Negative,
    /// More than [`MAX_HOURS`].
    TooMany,
}

impl std::fmt::Display for HoursProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HoursProblem::Comma => {
                "hours take a decimal point, not a comma: write 3.5 for three and a half hours"
            }
            HoursProblem::NotDigits => {
                "hours are digits with an optional decimal point, e.g. 1.5"
            }
            HoursProblem::Negative => "hours cannot be negative: write the time spent, e.g. 2",
            HoursProblem::TooMany => {
                "one activity cannot last more than 24 hours: log each day as an activity of its own"
            }
        })
    }
}

impl std::error::Error for HoursProblem {}

/// Hours as people type them: digits with an optional decimal point, from 0
/// to 24. Unlike [`number`], a comma is refused rather than taken as a
/// thousands separator (`3,5` means three and a half, never 35), and so is
/// an exponent.
pub fn hours(text: &str) -> Result<f64, HoursProblem> {
    let t = text.trim();
    if t.contains(',') {
        return Err(HoursProblem::Comma);
    }
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    let ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let well_formed =
        ok(whole) && frac.is_none_or(ok) && !(whole.is_empty() && frac.is_none_or(str::is_empty));
    if !well_formed {
        return Err(HoursProblem::NotDigits);
    }
    let n: f64 = digits.parse().map_err(|_| HoursProblem::NotDigits)?;
    check_hours(if t.starts_with('-') { -n } else { n })
}

/// The range rule of [`hours`], for a number already read (a YAML float).
pub fn check_hours(n: f64) -> Result<f64, HoursProblem> {
    if !n.is_finite() {
        Err(HoursProblem::NotDigits)
    } else if n < 0.0 {
        Err(HoursProblem::Negative)
    } else if n > MAX_HOURS {
        Err(HoursProblem::TooMany)
    } else {
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_and_written_year_first() {
        assert_eq!(date(" 2026-03-14 "), NaiveDate::from_ymd_opt(2026, 3, 14));
        for bad in ["2026-02-30", "14/03/2026", "", "2026-03-14T10:00"] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_may_have_thousands_commas_but_must_be_finite() {
        assert_eq!(number("12,345.5"), Some(12345.5));
        assert_eq!(number(" -3e2 "), Some(-300.0));
        for bad in ["lots", "inf", "NaN", "1e999", ""] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_count_is_a_whole_number_up_to_a_million() {
        assert_eq!(count(12.0), Some(12));
        assert_eq!(count(1e6), Some(1_000_000));
        for bad in [-1.0, 2.5, 1e6 + 1.0] {
            assert_eq!(count(bad), None, "{bad}");
        }
    }

    #[test]
    fn hours_are_a_decimal_from_0_to_24_and_say_why_not() {
        assert_eq!(hours("1.5"), Ok(1.5));
        assert_eq!(hours(" 2 "), Ok(2.0));
        assert_eq!(hours(".5"), Ok(0.5));
        assert_eq!(hours("24"), Ok(24.0));
        assert_eq!(hours("0"), Ok(0.0));
        assert_eq!(hours("3,5"), Err(HoursProblem::Comma));
        assert_eq!(hours("1,000"), Err(HoursProblem::Comma));
        assert_eq!(hours("-2"), Err(HoursProblem::Negative));
        assert_eq!(hours("24.5"), Err(HoursProblem::TooMany));
        assert_eq!(hours("1e6"), Err(HoursProblem::NotDigits));
        for bad in ["two", "+1", ".", "1.2.3", "inf", "NaN", "1 5"] {
            assert_eq!(hours(bad), Err(HoursProblem::NotDigits), "{bad}");
        }
        assert_eq!(check_hours(1e6), Err(HoursProblem::TooMany));
        assert_eq!(check_hours(-0.5), Err(HoursProblem::Negative));
        assert!(HoursProblem::Comma.to_string().contains("3.5"));
    }
}
