//! The text around a match, for a hit's label: where the match is in the
//! field as written (the haystack holds it lower-cased, accents folded),
//! and a window of display columns centred on it, "…" where it was cut.

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{cut, fold_accents, width};

/// How many bytes `c` takes once lower-cased and its accents folded, as
/// [`super::lowered`] keeps it. (A final Σ lowers to ς as a whole text and
/// to σ alone: the same two bytes.)
fn folded_len(c: char) -> usize {
    let mut buf = [0u8; 4];
    c.to_lowercase()
        .map(|l| fold_accents(l.encode_utf8(&mut buf)).len())
        .sum()
}

/// The byte offset in `text` of the character whose folded form holds
/// folded offset `pos`; with `end`, the offset after it (for the end of a
/// match that stops inside a character folded to more than one, as ß).
pub fn original_offset(text: &str, pos: usize, end: bool) -> usize {
    let mut folded = 0;
    for (i, c) in text.char_indices() {
        let next = folded + folded_len(c);
        if (end && next >= pos && pos > folded) || (!end && next > pos) {
            return if end { i + c.len_utf8() } else { i };
        }
        if end && pos == folded {
            return i;
        }
        folded = next;
    }
    text.len()
}

/// `text` as one row of at most `cols` columns centred on the match at
/// bytes `start..end`: as much before as after where both sides are long,
/// the room one side leaves given to the other, a cut made at a word
/// boundary where one is near, "…" where text was left out. Only the line
/// the match is on (the lines, if it spans a line break) is shown, its
/// breaks as spaces; the row is made inert.
pub fn around(text: &str, start: usize, end: usize, cols: usize) -> String {
    let (start, end) = (start.min(text.len()), end.min(text.len()).max(start));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return cut(text, cols);
    }
    let first = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let last = text[end..].find('\n').map_or(text.len(), |p| end + p);
    let text = &text[first..last].replace(['\n', '\r'], " ");
    let (start, end) = (start - first, end - first);
    if width(text) <= cols {
        return cut(text, cols);
    }
    let (before, found, after) = (&text[..start], &text[start..end], &text[end..]);
    let room = cols.saturating_sub(width(found));
    let (bw, aw) = (width(before), width(after));
    // Half each, and what one side does not need to the other.
    let right = aw.min(room - bw.min(room / 2));
    let left = bw.min(room - right);
    // A side that is cut gives a column to its "…".
    let left = if left < bw {
        left.saturating_sub(1)
    } else {
        left
    };
    let right = if right < aw {
        right.saturating_sub(1)
    } else {
        right
    };

    let mut from = start;
    let mut used = 0;
    for (i, g) in before.grapheme_indices(true).rev() {
        used += width(g);
        if used > left {
            break;
        }
        from = i;
    }
    let mut to = end;
    let mut used = 0;
    for (i, g) in after.grapheme_indices(true) {
        used += width(g);
        if used > right {
            break;
        }
        to = end + i + g.len();
    }
    // Cut at a word boundary where the kept text has one.
    if from > 0
        && !text[..from].ends_with(' ')
        && let Some(sp) = text[from..start].find(' ')
    {
        from += sp + 1;
    }
    if to < text.len()
        && !text[to..].starts_with(' ')
        && let Some(sp) = text[end..to].rfind(' ')
    {
        to = end + sp;
    }
    let mut row = String::new();
    if from > 0 {
        row.push('…');
    }
    row.push_str(text[from..to].trim_matches(' '));
    if to < text.len() {
        row.push('…');
    }
    cut(&row, cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_lower_case_and_accents() {
        let text = "Ünïcode Straße LLŶN";
        let folded = fold_accents(&text.to_lowercase()).into_owned();
        assert_eq!(folded, "unicode strasse llyn");
        let at = |q: &str| {
            let p = folded.find(q).unwrap();
            let (s, e) = (
                original_offset(text, p, false),
                original_offset(text, p + q.len(), true),
            );
            &text[s..e]
        };
        assert_eq!(at("llyn"), "LLŶN");
        assert_eq!(at("unic"), "Ünïc");
        assert_eq!(at("strasse"), "Straße");
        // A match ending inside ß takes all of it.
        assert_eq!(at("stras"), "Straß");
        assert_eq!(at("code s"), "code S");
    }

    #[test]
    fn a_short_text_is_shown_whole() {
        assert_eq!(around("Short text here", 6, 10, 40), "Short text here");
        // The line the match is on; lines it spans read as one.
        assert_eq!(around("line one\nline two", 9, 13, 40), "line two");
        assert_eq!(
            around("line one\nline two\nthree", 5, 13, 40),
            "line one line two"
        );
    }

    #[test]
    fn a_match_deep_in_a_long_text_shows_the_words_around_it() {
        let words: Vec<String> = (0..200).map(|i| format!("word{i}")).collect();
        let text = format!("{} zebra crossing {}", words.join(" "), words.join(" "));
        let start = text.find("zebra").unwrap();
        let row = around(&text, start, start + 5, 40);
        assert!(width(&row) <= 40, "{row}");
        assert!(row.starts_with('…') && row.ends_with('…'), "{row}");
        assert!(
            row.contains("word198 word199 zebra crossing word0"),
            "{row}"
        );
        // Centred: about as much before the match as after.
        let at = row.find("zebra").unwrap();
        let (b, a) = (width(&row[..at]), width(&row[at + 5..]));
        assert!(b.abs_diff(a) <= 8, "{row}");
        // Cut at word boundaries: no part-word next to an ellipsis.
        assert!(row.starts_with("…word"), "{row}");
        assert!(!row.contains("… "), "{row}");
    }

    #[test]
    fn a_match_near_either_end_gives_the_room_to_the_other_side() {
        let text = "Zebra ".to_string() + &"crossing ".repeat(20);
        let row = around(&text, 0, 5, 30);
        assert!(row.starts_with("Zebra crossing"), "{row}");
        assert!(row.ends_with('…') && width(&row) <= 30, "{row}");
        let text = "crossing ".repeat(20) + "zebra";
        let s = text.find("zebra").unwrap();
        let row = around(&text, s, s + 5, 30);
        assert!(
            row.starts_with('…') && row.ends_with("crossing zebra"),
            "{row}"
        );
        assert!(width(&row) >= 20, "{row}");
    }

    #[test]
    fn columns_not_bytes_and_a_match_wider_than_the_row() {
        // Wide characters take two columns each.
        let text = "漢字".repeat(30) + "猫" + &"漢字".repeat(30);
        let s = text.find('猫').unwrap();
        let row = around(&text, s, s + '猫'.len_utf8(), 21);
        assert!(width(&row) <= 21 && row.contains('猫'), "{row}");
        let long = "x".repeat(100);
        assert!(width(&around(&long, 0, 100, 10)) <= 10);
        // Offsets off a character boundary do not panic.
        let _ = around("Llŷn and more text than fits", 3, 4, 10);
    }
}
