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
}
