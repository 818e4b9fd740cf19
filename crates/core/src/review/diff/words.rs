//! A word-level diff of two texts: the longest common run of words kept,
//! what was taken out and what was put in between.

/// One stretch of a word diff, its words joined by single spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Gone(String),
    New(String),
}

/// Beyond this many words on either side the table of common runs would
/// be too large to build for one field; the whole text is then shown as
/// replaced.
const MAX_WORDS: usize = 4000;

/// The words of `old` and `new` compared: every word of both, in order,
/// each marked kept, taken out or put in. Line breaks and runs of spaces
/// count as one space.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut ops: Vec<(u8, &str)> = Vec::with_capacity(a.len() + b.len());
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        ops.extend(a.iter().map(|w| (1, *w)));
        ops.extend(b.iter().map(|w| (2, *w)));
    } else {
        // lcs[i][j]: the longest common run of a[i..] and b[j..].
        let w = b.len() + 1;
        let mut lcs = vec![0u32; (a.len() + 1) * w];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i * w + j] = if a[i] == b[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                ops.push((0, a[i]));
                i += 1;
                j += 1;
            } else if j < b.len() && (i == a.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
                ops.push((2, b[j]));
                j += 1;
            } else {
                ops.push((1, a[i]));
                i += 1;
            }
        }
    }
    // Taken-out words before put-in ones within each changed stretch, and
    // neighbours of one kind joined.
    let mut pieces: Vec<Piece> = Vec::new();
    let mut k = 0;
    while k < ops.len() {
        if ops[k].0 == 0 {
            let start = k;
            while k < ops.len() && ops[k].0 == 0 {
                k += 1;
            }
            pieces.push(Piece::Same(join(&ops[start..k], 0)));
        } else {
            let start = k;
            while k < ops.len() && ops[k].0 != 0 {
                k += 1;
            }
            let gone = join(&ops[start..k], 1);
            let new = join(&ops[start..k], 2);
            if !gone.is_empty() {
                pieces.push(Piece::Gone(gone));
            }
            if !new.is_empty() {
                pieces.push(Piece::New(new));
            }
        }
    }
    pieces
}

/// The pieces with long kept stretches cut to `context` words beside each
/// change (`…` where words were left out), so a one-word change in a long
/// narrative is one short line.
pub fn around_changes(pieces: &[Piece], context: usize) -> Vec<Piece> {
    let last = pieces.len().saturating_sub(1);
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let Piece::Same(text) = p else {
                return p.clone();
            };
            let words: Vec<&str> = text.split(' ').collect();
            let n = words.len();
            let (head, tail) = (i > 0, i < last);
            let keep = |ws: &[&str]| ws.join(" ");
            let cut = match (head, tail) {
                (false, false) => text.clone(),
                (false, true) if n > context => format!("… {}", keep(&words[n - context..])),
                (true, false) if n > context => format!("{} …", keep(&words[..context])),
                (true, true) if n > 2 * context => format!(
                    "{} … {}",
                    keep(&words[..context]),
                    keep(&words[n - context..])
                ),
                _ => text.clone(),
            };
            Piece::Same(cut)
        })
        .collect()
}

fn join(ops: &[(u8, &str)], kind: u8) -> String {
    ops.iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many words a text has, as the word limit counts them.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_string()
    }

    #[test]
    fn changed_words_are_marked_and_the_rest_kept() {
        let d = word_diff(
            "We have a clear plan for reablement",
            "We have a clear and costed plan for home first",
        );
        assert_eq!(
            d,
            vec![
                Piece::Same(s("We have a clear")),
                Piece::New(s("and costed")),
                Piece::Same(s("plan for")),
                Piece::Gone(s("reablement")),
                Piece::New(s("home first")),
            ]
        );
    }

    #[test]
    fn empty_sides_and_spacing() {
        assert_eq!(word_diff("", "New text"), vec![Piece::New(s("New text"))]);
        assert_eq!(word_diff("Old", ""), vec![Piece::Gone(s("Old"))]);
        assert_eq!(word_diff("a  b\nc", "a b c"), vec![Piece::Same(s("a b c"))]);
        assert!(word_diff("", "").is_empty());
    }

    #[test]
    fn long_kept_stretches_are_cut_beside_the_change() {
        let d = word_diff("a b c d e f g h", "a b c d X f g h");
        assert_eq!(
            around_changes(&d, 2),
            vec![
                Piece::Same(s("… c d")),
                Piece::Gone(s("e")),
                Piece::New(s("X")),
                Piece::Same(s("f g …")),
            ]
        );
        let d = word_diff("a b c d e f g h i", "a X c d e f g h Y");
        assert_eq!(around_changes(&d, 2)[3], Piece::Same(s("c d … g h")));
    }

    #[test]
    fn words_are_counted_across_lines() {
        assert_eq!(word_count("one two\n\nthree  four "), 4);
        assert_eq!(word_count("  "), 0);
    }
}
