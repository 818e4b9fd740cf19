//! Text from files is shown inert: control and escape characters never reach
//! the terminal.

/// Replaces control characters (other than newline where allowed) with a
/// visible placeholder, so a stray ESC cannot drive the terminal.
pub fn inert(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else if c.is_control() || is_bidi_control(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
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

/// The first line of a text, cut to `width` characters with an ellipsis.
pub fn one_line(s: &str, width: usize) -> String {
    let first = inert(s.lines().next().unwrap_or(""));
    truncate(&first, width)
}

pub fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
