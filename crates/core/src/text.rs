//! Text as peerbook shows and keeps it.
//!
//! - Text from files is shown inert: control and escape characters never
//!   reach the terminal.
//! - Typed and pasted text has one kind of line break, LF ([`line_breaks`]).
//! - Text is measured in terminal columns, as the terminal draws it
//!   ([`width`]), never in characters: a CJK character or an emoji takes two
//!   columns, a combining accent none.
//! - Search and file names read Latin letters without their accents
//!   ([`fold_accents`]): `llyn` finds `Llŷn`, `Ynys Môn` is `ynys-mon.yaml`.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A character as it is drawn: a tab is a space, control characters and
/// bidirectional overrides are a visible placeholder, so a stray ESC cannot
/// drive the terminal.
fn inert_char(c: char) -> char {
    if c == '\t' {
        ' '
    } else if c.is_control() || is_bidi_control(c) {
        '\u{fffd}'
    } else {
        c
    }
}

/// Replaces control characters (other than newline where allowed) with a
/// visible placeholder, so a stray ESC cannot drive the terminal.
pub fn inert(s: &str) -> String {
    s.chars().map(inert_char).collect()
}

/// Like [`inert`], but keeps line breaks, for text that is wrapped later.
pub fn inert_keep_lines(s: &str) -> String {
    s.split('\n').map(inert).collect::<Vec<_>>().join("\n")
}

/// Like [`inert`] for text shown over several lines.
pub fn inert_lines(s: &str) -> Vec<String> {
    s.lines().map(inert).collect()
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

// ----- line breaks -----

/// What a line break becomes in text typed or pasted into a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Kept, as LF: the narrative editor and other multi-line fields.
    Keep,
    /// One space each: one-line fields (search, filter, owner, titles,
    /// names), where a pasted block becomes one line.
    Space,
}

/// Text with every line break made one kind. Terminals send a pasted line
/// break as CR, Windows text has CRLF: each CRLF, lone CR and LF becomes one
/// LF ([`Breaks::Keep`]) or one space ([`Breaks::Space`]). Every path that
/// puts typed or pasted text into a field goes through here, so the
/// workbook never holds a bare CR.
pub fn line_breaks(s: &str, breaks: Breaks) -> Cow<'_, str> {
    let clean = match breaks {
        Breaks::Keep => !s.contains('\r'),
        Breaks::Space => !s.contains(['\r', '\n']),
    };
    if clean {
        return Cow::Borrowed(s);
    }
    let to = match breaks {
        Breaks::Keep => '\n',
        Breaks::Space => ' ',
    };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(to);
            }
            '\n' => out.push(to),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

// ----- display width -----

/// The columns one grapheme (a character with its accents, or an emoji
/// sequence) takes when drawn, as ratatui draws it: none for one holding a
/// control character (it is not drawn), two for a wide character.
fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        return usize::from(!g.as_bytes()[0].is_ascii_control());
    }
    if g.contains(char::is_control) {
        return 0;
    }
    // Halfwidth sound marks are drawn in a column of their own.
    g.width() + g.matches(['\u{ff9e}', '\u{ff9f}']).count()
}

/// The columns a grapheme takes once made [`inert`].
fn inert_width(g: &str) -> usize {
    if g.contains(|c: char| c.is_control() || is_bidi_control(c)) {
        width(&inert(g))
    } else {
        grapheme_width(g)
    }
}

/// How many terminal columns a text takes on one line.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// The text cut to `width` columns, with an ellipsis where it was cut.
/// Reads only as far as the cut.
pub fn truncate(s: &str, width: usize) -> String {
    truncate_measured(s, width).0
}

/// [`truncate`], and the text's width when it was not cut (measured on the
/// way, so [`pad`] need not walk it again).
fn truncate_measured(s: &str, width: usize) -> (String, Option<usize>) {
    let mut used = 0;
    // Where the text stops fitting in `width - 1` columns, room for the "…".
    let mut cut = None;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if cut.is_none() && used + w > width.saturating_sub(1) {
            cut = Some(i);
        }
        used += w;
        if used > width {
            let mut out = s[..cut.unwrap_or(i)].to_string();
            if width > 0 {
                out.push('…');
            }
            return (out, None);
        }
    }
    (s.to_string(), Some(used))
}

/// The text cut to `width` columns and filled with spaces to exactly that
/// width, for rows drawn as a block (a selected row in a list).
pub fn pad(s: &str, width: usize) -> String {
    let (mut out, w) = truncate_measured(s, width);
    let w = w.unwrap_or_else(|| self::width(&out));
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// The text as one row of at most `width` columns: made inert (a line
/// break shows as a placeholder), cut with an ellipsis. Reads only as far
/// as the row goes, however long the text.
pub fn cut(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut end = s.len();
    for (i, g) in s.grapheme_indices(true) {
        used += inert_width(g);
        if used > width {
            // One grapheme past the row: enough for truncate to cut it.
            end = i + g.len();
            break;
        }
    }
    truncate(&inert(&s[..end]), width)
}

/// The end of a one-line text in at most `width` columns, with an
/// ellipsis in front where its start was cut: for a field being typed in,
/// whose end is where the cursor is.
pub fn tail(s: &str, width: usize) -> String {
    if self::width(s) <= width {
        return s.to_string();
    }
    let mut used = 1; // the "…"
    let mut start = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        let w = grapheme_width(g);
        if used + w > width {
            break;
        }
        used += w;
        start = i;
    }
    format!("…{}", &s[start..])
}

/// The first line of a text, cut to `width` columns with an ellipsis.
pub fn one_line(s: &str, width: usize) -> String {
    cut(s.lines().next().unwrap_or(""), width)
}

// ----- wrapping -----

/// Word-wraps text into lines of at most `width` columns, made inert. A
/// word longer than a line is cut between characters. Lines are made as
/// they are asked for, so taking the first few of a megabyte of text costs
/// the few (callers `take` what fits on screen).
pub fn wrap_lines(text: &str, width: usize) -> WrapLines<'_> {
    WrapLines {
        paras: text.split('\n'),
        rest: None,
        width: width.max(1),
    }
}

/// The lines of [`wrap_lines`].
pub struct WrapLines<'a> {
    paras: std::str::Split<'a, char>,
    /// What is left of the paragraph being wrapped.
    rest: Option<&'a str>,
    width: usize,
}

impl Iterator for WrapLines<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let para = match self.rest.take() {
            Some(r) => r,
            None => self.paras.next()?,
        };
        let (line, rest) = first_line(para, self.width);
        self.rest = rest;
        Some(inert(line))
    }
}

/// The first line of a paragraph wrapped at `width` columns, and what is
/// left of the paragraph after it (None when the line is the last). Reads
/// only as far as the line goes.
fn first_line(para: &str, width: usize) -> (&str, Option<&str>) {
    let mut used = 0;
    // Where the line could end at a space: the byte offset of that space.
    let mut space = None;
    for (i, g) in para.grapheme_indices(true) {
        if g == " " {
            // A break here leaves something before it on the line.
            if !para[..i].trim_end_matches(' ').is_empty() {
                space = Some(i);
            }
        }
        let w = inert_width(g);
        if used + w <= width {
            used += w;
            continue;
        }
        // `g` does not fit: end the line at the last space, or cut here.
        let (line, rest) = match space {
            Some(s) if g != " " => (&para[..s], &para[s..]),
            _ if g == " " => (&para[..i], &para[i..]),
            // A grapheme wider than the line still goes on one.
            _ if i == 0 => (g, &para[g.len()..]),
            _ => (&para[..i], &para[i..]),
        };
        let line = line.trim_end_matches(' ');
        let rest = rest.trim_start_matches(' ');
        return (line, (!rest.is_empty()).then_some(rest));
    }
    (para, None)
}

/// Whether `c` is a Latin letter with an accent (Latin-1 to Extended-B,
/// and the Extended Additional block Welsh's ẁ and ẅ are in) or a combining
/// accent: what [`fold_accents`] changes.
fn is_accented_latin(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{24f}' | '\u{300}'..='\u{36f}' | '\u{1e00}'..='\u{1eff}')
        && c != '\u{d7}'
        && c != '\u{f7}'
}

/// The text with its Latin letters' accents taken off, by deunicode's
/// table: `Llŷn` → `Llyn`, `café` → `cafe`, `Straße` → `Strasse`, a
/// combining accent dropped. Other scripts, symbols and ASCII are kept as
/// they are (ASCII text is returned without a copy).
pub fn fold_accents(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_accented_latin) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match deunicode::deunicode_char(c) {
            Some(plain)
                if is_accented_latin(c) && plain.chars().all(|p| p.is_ascii_alphabetic()) =>
            {
                out.push_str(plain)
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tail_keeps_the_end_in_columns() {
        assert_eq!(tail("short", 10), "short");
        assert_eq!(tail("/a/long/path/name.yaml", 10), "…name.yaml");
        // A wide character is two columns: only four fit after the "…".
        assert_eq!(tail("abc審査審査", 5), "…審査");
        assert_eq!(width(&tail("abc審査審査", 6)), 5);
    }

    use super::*;

    fn wrap(s: &str, w: usize) -> Vec<String> {
        wrap_lines(s, w).collect()
    }

    #[test]
    fn escapes_are_made_inert() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a\u{fffd}[2Jb");
        assert_eq!(inert("bell\u{7}"), "bell\u{fffd}");
        assert_eq!(inert("Ynys Môn ✓"), "Ynys Môn ✓");
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(one_line("first\nsecond", 10), "first");
    }

    #[test]
    fn every_kind_of_line_break_becomes_one_lf() {
        assert_eq!(line_breaks("a\r\nb\rc\nd", Breaks::Keep), "a\nb\nc\nd");
        assert_eq!(line_breaks("a\r\rb", Breaks::Keep), "a\n\nb");
        assert_eq!(line_breaks("a\r\n\r\nb\r", Breaks::Keep), "a\n\nb\n");
        assert!(matches!(
            line_breaks("a\nb", Breaks::Keep),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn in_a_one_line_field_each_line_break_is_one_space() {
        assert_eq!(line_breaks("a\r\nb\rc\nd", Breaks::Space), "a b c d");
        assert_eq!(line_breaks("Jo\r\n", Breaks::Space), "Jo ");
        assert!(matches!(
            line_breaks("a b", Breaks::Space),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn width_counts_columns_not_characters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("Ynys Môn"), 8);
        assert_eq!(width("日本語"), 6);
        assert_eq!(width("😀 ok"), 5);
        // An accent on its own code point takes no column.
        assert_eq!(width("e\u{301}"), 1);
        // An emoji made of several code points is one wide character.
        assert_eq!(width("❤\u{fe0f}"), 2);
        assert_eq!(width("👩\u{200d}👩\u{200d}👧"), 2);
    }

    #[test]
    fn truncating_wide_text_stays_within_the_columns() {
        assert_eq!(truncate("日本語テキスト", 6), "日本…");
        assert_eq!(width(&truncate("日本語テキスト", 6)), 5);
        assert_eq!(truncate("日本語", 6), "日本語");
        assert_eq!(truncate("😀😀😀", 4), "😀…");
        // An accent stays with its letter.
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
    }

    #[test]
    fn a_row_cut_from_a_long_text_is_inert_and_within_the_columns() {
        assert_eq!(cut("abc", 5), "abc");
        assert_eq!(cut("abcdef", 5), "abcd…");
        assert_eq!(cut("a\u{1b}b\ncd", 10), "a\u{fffd}b\u{fffd}cd");
        assert_eq!(cut("日本語テキスト", 7), "日本語…");
        assert_eq!(cut(&"x".repeat(1_000_000), 4), "xxx…");
        assert_eq!(one_line("first\nsecond", 3), "fi…");
    }

    #[test]
    fn a_padded_row_is_the_cut_text_and_spaces_to_its_width() {
        // Measured while it is cut, as `width` measures it after.
        for s in [
            "",
            "plain",
            "● 1.2 ✓ 💬 Standard 4 – Ynys Môn",
            "e\u{301}e\u{301} café",
            "日本語テキスト",
            "line\r\nbreak\ttab",
            "\u{1b}[2J",
            "🇬🇧🇫🇷 flags",
            "halfwidth ｶﾞﾊﾟ",
        ] {
            for w in 0..40 {
                let cut = truncate(s, w);
                let mut want = cut.clone();
                want.extend(std::iter::repeat_n(' ', w.saturating_sub(width(&cut))));
                assert_eq!(pad(s, w), want, "{s:?} in {w}");
            }
        }
    }

    #[test]
    fn padding_fills_to_the_columns() {
        assert_eq!(pad("日本", 6), "日本  ");
        assert_eq!(width(&pad("日本語テキスト", 6)), 6);
        assert_eq!(pad("abc", 2), "a…");
    }

    #[test]
    fn wrapping_keeps_every_character() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("first\n\nthird", 10), ["first", "", "third"]);
        assert_eq!(wrap("", 10), [""]);
        // A line that exactly fills the width keeps its last character.
        assert_eq!(wrap("abcde fghij", 5), ["abcde", "fghij"]);
        assert_eq!(wrap("ab cd", 5), ["ab cd"]);
    }

    #[test]
    fn wrapping_measures_wide_characters_in_columns() {
        // Two columns each: three fit in six.
        assert_eq!(wrap("日本語テキスト", 6), ["日本語", "テキス", "ト"]);
        assert_eq!(wrap("😀😀 😀😀", 5), ["😀😀", "😀😀"]);
        // A wide character never goes over the width, even cut mid-word.
        assert_eq!(wrap("a日本", 4), ["a日", "本"]);
        // One wider than the line still goes somewhere.
        assert_eq!(wrap("日本", 1), ["日", "本"]);
        for l in wrap("Ein Öl — 日本語のテキストと 😀 emoji ❤\u{fe0f} mixed", 7) {
            assert!(width(&l) <= 7, "{l:?} is {} columns", width(&l));
        }
        let all = "Ein Öl — 日本語のテキストと 😀 emoji ❤\u{fe0f} mixed";
        let joined: String = wrap(all, 7).concat();
        assert_eq!(joined.replace(' ', ""), all.replace(' ', ""));
    }

    #[test]
    fn wrapping_draws_control_characters_inert() {
        assert_eq!(wrap("a\u{1b}b", 10), ["a\u{fffd}b"]);
        // The placeholder takes a column.
        assert_eq!(wrap("ab\u{7}cd", 3), ["ab\u{fffd}", "cd"]);
    }

    #[test]
    fn wrapping_a_long_line_reads_only_what_is_asked_for() {
        let long = "word ".repeat(200_000);
        let first: Vec<String> = wrap_lines(&long, 12).take(3).collect();
        assert_eq!(first, ["word word", "word word", "word word"]);
        let unbroken = "x".repeat(1_000_000);
        let first: Vec<String> = wrap_lines(&unbroken, 80).take(2).collect();
        assert_eq!(first, ["x".repeat(80), "x".repeat(80)]);
    }

    #[test]
    fn accents_are_folded_from_latin_letters_only() {
        assert_eq!(fold_accents("Llŷn"), "Llyn");
        assert_eq!(fold_accents("café crème"), "cafe creme");
        assert_eq!(fold_accents("Ynys Môn, Ŵyl, ẅ"), "Ynys Mon, Wyl, w");
        assert_eq!(fold_accents("Straße, Æsir, Øre"), "Strasse, AEsir, Ore");
        // A decomposed accent (e + combining acute) goes too.
        assert_eq!(fold_accents("cafe\u{301}"), "cafe");
        // Not letters, or not Latin: kept.
        assert_eq!(fold_accents("3 × 4 ÷ 2"), "3 × 4 ÷ 2");
        assert_eq!(fold_accents("ΟΔΟΣ 北京 ✓"), "ΟΔΟΣ 北京 ✓");
        assert!(matches!(fold_accents("plain ascii"), Cow::Borrowed(_)));
    }
}

/// A count with its noun in the singular or plural: "1 meeting", "2
/// meetings", "1 person", "3 people".
pub fn count(n: impl Into<f64> + Copy + std::fmt::Display, one: &str, many: &str) -> String {
    let word = if n.into() == 1.0 { one } else { many };
    format!("{n} {word}")
}

#[cfg(test)]
mod count_tests {
    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(super::count(1u32, "meeting", "meetings"), "1 meeting");
        assert_eq!(super::count(0u32, "meeting", "meetings"), "0 meetings");
        assert_eq!(super::count(1u32, "person", "people"), "1 person");
        assert_eq!(super::count(2u32, "conflict", "conflicts"), "2 conflicts");
    }
}
