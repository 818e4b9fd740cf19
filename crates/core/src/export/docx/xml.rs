//! Text into WordprocessingML: escaping, and a person's text as the content
//! of a run (line ends as breaks, tabs as tabs). Both copy unremarkable text
//! in whole slices straight into the output, without a string per run.

/// Opens the text of a run; spaces at either end are kept.
const T_OPEN: &str = "<w:t xml:space=\"preserve\">";
const T_CLOSE: &str = "</w:t>";

/// Whether the byte at `i` starts U+FFFE or U+FFFF (EF BF BE / EF BF BF),
/// which XML 1.0 cannot hold.
fn non_character(bytes: &[u8], i: usize) -> bool {
    bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
}

fn text_part(out: &mut String, open: &mut bool, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if !*open {
        out.push_str(T_OPEN);
        *open = true;
    }
    out.push_str(piece);
}

fn close(out: &mut String, open: &mut bool) {
    if *open {
        out.push_str(T_CLOSE);
        *open = false;
    }
}

/// `text` escaped for element content or a double-quoted attribute.
/// Characters XML 1.0 cannot contain become U+FFFD (one would make the
/// file fail to open); tabs and line ends are kept.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1F => "\u{FFFD}",
            0xEF if non_character(bytes, i) => "\u{FFFD}",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(rep);
        i += if b == 0xEF { 3 } else { 1 };
        start = i;
    }
    out.push_str(&text[start..]);
}

/// The inside of a run for `text`: `<w:t>` pieces, with line ends (\n,
/// \r\n, \r, and the vertical tab and form feed that pastes from Word and
/// PDFs carry) as `<w:br/>` and tabs as `<w:tab/>`. Everything else,
/// markup-looking or not, is kept exactly (escaped).
pub fn run_content(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut open = false;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let special =
            matches!(b, 0..=0x1F | b'&' | b'<' | b'>') || (b == 0xEF && non_character(bytes, i));
        if !special {
            i += 1;
            continue;
        }
        text_part(out, &mut open, &text[start..i]);
        match b {
            b'\t' => {
                close(out, &mut open);
                out.push_str("<w:tab/>");
                i += 1;
            }
            b'\r' | b'\n' | 0x0B | 0x0C => {
                close(out, &mut open);
                out.push_str("<w:br/>");
                i += 1;
                if b == b'\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'&' => {
                text_part(out, &mut open, "&amp;");
                i += 1;
            }
            b'<' => {
                text_part(out, &mut open, "&lt;");
                i += 1;
            }
            b'>' => {
                text_part(out, &mut open, "&gt;");
                i += 1;
            }
            0xEF => {
                text_part(out, &mut open, "\u{FFFD}");
                i += 3;
            }
            _ => {
                text_part(out, &mut open, "\u{FFFD}");
                i += 1;
            }
        }
        start = i;
    }
    text_part(out, &mut open, &text[start..]);
    close(out, &mut open);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        let mut s = String::new();
        run_content(&mut s, text);
        s
    }

    #[test]
    fn lines_and_tabs_become_breaks_and_tabs() {
        assert_eq!(
            run("a\r\nb\tc\rd\u{b}e"),
            "<w:t xml:space=\"preserve\">a</w:t><w:br/>\
             <w:t xml:space=\"preserve\">b</w:t><w:tab/>\
             <w:t xml:space=\"preserve\">c</w:t><w:br/>\
             <w:t xml:space=\"preserve\">d</w:t><w:br/>\
             <w:t xml:space=\"preserve\">e</w:t>"
        );
        assert_eq!(run(""), "");
        assert_eq!(run("\n"), "<w:br/>");
    }

    #[test]
    fn markup_is_escaped_and_impossible_characters_replaced() {
        assert_eq!(
            run("<b>&\u{1}\u{FFFE}ô"),
            "<w:t xml:space=\"preserve\">&lt;b&gt;&amp;\u{FFFD}\u{FFFD}ô</w:t>"
        );
        let mut s = String::new();
        escape_into(&mut s, "Care & \"Support\" <x>\u{0}\u{FFFF}\u{FFFD}é");
        assert_eq!(
            s,
            "Care &amp; &quot;Support&quot; &lt;x&gt;\u{FFFD}\u{FFFD}\u{FFFD}é"
        );
    }
}
