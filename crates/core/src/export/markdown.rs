//! Writing a document as GitHub-flavoured markdown that also reads well as
//! plain text. Everything a person typed is escaped so it shows as the text
//! it is and can never become a heading, a table, a link or HTML.

use super::doc::{Block, Document, Inline};

pub fn render(doc: &Document) -> String {
    // Everything is written straight into one string: no string per run,
    // line or cell (a third of a large pack's time went on those).
    let mut out = String::with_capacity(4096);
    let sections = doc.sections();
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text, .. } => {
                for _ in 0..(*level).clamp(1, 6) {
                    out.push('#');
                }
                out.push(' ');
                // A heading is one line, whatever the text holds.
                escape_line_into(&mut out, &one_line(text));
                out.push_str("\n\n");
            }
            Block::Para(inlines) => {
                let before = out.len();
                inlines_into(&mut out, inlines, "\\\n", true);
                if out[before..].trim().is_empty() {
                    out.truncate(before);
                } else {
                    out.push_str("\n\n");
                }
            }
            Block::UserText(text) => user_text_into(&mut out, text),
            Block::Bullets(items) => {
                for item in items {
                    out.push_str("- ");
                    // Continuation lines of an item are indented under it.
                    inlines_into(&mut out, item, "\\\n  ", true);
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                out.push('|');
                for h in header {
                    out.push(' ');
                    escape_line_into(&mut out, &one_line(h));
                    out.push_str(" |");
                }
                out.push_str("\n|");
                for _ in header {
                    out.push_str(" --- |");
                }
                out.push('\n');
                for row in rows {
                    out.push('|');
                    for i in 0..header.len() {
                        out.push(' ');
                        if let Some(cell) = row.get(i) {
                            inlines_into(&mut out, cell, "<br>", false);
                        }
                        out.push_str(" |");
                    }
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Mermaid(src) => {
                out.push_str("```mermaid\n");
                out.push_str(src);
                if !src.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("```\n\n");
            }
            Block::Contents => {
                for (text, anchor) in sections.iter().filter(|(t, _)| t != "Contents") {
                    out.push_str("- [");
                    escape_line_into(&mut out, text);
                    out.push_str("](#");
                    out.push_str(anchor);
                    out.push_str(")\n");
                }
                out.push('\n');
            }
            Block::Anchor(id) => {
                out.push_str("<a id=\"");
                attr_into(&mut out, id);
                out.push_str("\"></a>\n\n");
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Text on one line: line ends become spaces (copied only if it has any).
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ").into()
    } else {
        text.into()
    }
}

/// Inline runs; `br` joins the lines of a multi-line run; `line_start`
/// says whether the first run begins a line (in a table cell nothing does:
/// block markers mean nothing there).
fn inlines_into(out: &mut String, inlines: &[Inline], br: &str, line_start: bool) {
    let mut at_start = line_start;
    for i in inlines {
        match i {
            Inline::Text(t) => escape_run_into(out, t, br, at_start),
            Inline::Strong(t) | Inline::Emphasis(t) if !t.trim().is_empty() => {
                let mark = if matches!(i, Inline::Strong(_)) {
                    "**"
                } else {
                    "*"
                };
                // Spaces go outside the markers, or they do not count.
                let body = t.trim_end();
                out.push_str(mark);
                escape_run_into(out, body, br, false);
                out.push_str(mark);
                out.push_str(&t[body.len()..]);
            }
            Inline::Strong(t) | Inline::Emphasis(t) => out.push_str(t),
            Inline::Link { text, anchor } => {
                out.push('[');
                escape_run_into(out, text, " ", false);
                out.push_str("](#");
                attr_into(out, anchor);
                out.push(')');
            }
            Inline::Break => out.push_str(br),
        }
        at_start = matches!(i, Inline::Break);
    }
}

/// A run of text that may hold line breaks of its own.
fn escape_run_into(out: &mut String, t: &str, br: &str, at_start: bool) {
    for (k, l) in t.trim_end_matches(['\n', '\r']).split('\n').enumerate() {
        if k > 0 {
            out.push_str(br);
        }
        if k > 0 || at_start {
            escape_line_into(out, l);
        } else {
            escape_chars_into(out, l, false);
        }
    }
}

/// A person's text: paragraphs at blank lines, line breaks kept within.
pub fn user_text(text: &str) -> String {
    let mut out = String::new();
    user_text_into(&mut out, text);
    out
}

fn user_text_into(out: &mut String, text: &str) {
    let mut in_para = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            if in_para {
                out.push_str("\n\n");
                in_para = false;
            }
        } else {
            if in_para {
                out.push_str("\\\n");
            }
            escape_line_into(out, line);
            in_para = true;
        }
    }
    if in_para {
        out.push_str("\n\n");
    }
}

/// One line of text made inert: every character that can begin markdown or
/// HTML is backslash-escaped, a leading list or heading marker too, leading
/// spaces (which would start a code block) become no-break spaces, and
/// trailing spaces (which would make a line break) are dropped.
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    escape_line_into(&mut out, line);
    out
}

fn escape_line_into(out: &mut String, line: &str) {
    let line = line.trim_end();
    let indent = line.len() - line.trim_start().len();
    for c in line[..indent].chars() {
        out.push_str(if c == '\t' {
            "\u{a0}\u{a0}\u{a0}\u{a0}"
        } else {
            "\u{a0}"
        });
    }
    escape_chars_into(out, &line[indent..], true);
}

/// Escapes markup characters; with `line_start`, also what would open a
/// block there (`- `, `+ `, `= `, `1. `, `1) `). Text between the escapes
/// is copied in whole slices.
fn escape_chars_into(out: &mut String, text: &str, line_start: bool) {
    let lead_digits = if line_start {
        text.bytes().take_while(u8::is_ascii_digit).count()
    } else {
        0
    };
    let mut start = 0;
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((i, (at, c))) = chars.next() {
        // Control characters would drive a terminal that shows the file.
        if (c.is_control() && c != '\t') || crate::text::is_bidi_control(c) {
            out.push_str(&text[start..at]);
            out.push('\u{fffd}');
            start = at + c.len_utf8();
            continue;
        }
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' | '$'
        );
        let block_marker = line_start && i == 0 && matches!(c, '-' | '+' | '=' | ':');
        let list_number = line_start
            && lead_digits > 0
            && i == lead_digits
            && matches!(c, '.' | ')')
            && chars
                .peek()
                .is_none_or(|(_, (_, next))| next.is_whitespace());
        if special || block_marker || list_number {
            out.push_str(&text[start..at]);
            out.push('\\');
            start = at;
        }
    }
    out.push_str(&text[start..]);
}

/// Text safe inside an HTML attribute we write ourselves.
fn attr_into(out: &mut String, s: &str) {
    out.extend(
        s.chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("- not a list"), "\\- not a list");
        assert_eq!(escape_line("12. not a list"), "12\\. not a list");
        assert_eq!(escape_line("50.0"), "50.0");
        assert_eq!(escape_line("a | b"), "a \\| b");
        assert_eq!(escape_line("<script>"), "\\<script\\>");
        assert_eq!(escape_line("[x](y)"), "\\[x\\](y)");
        assert_eq!(escape_line("    code?"), "\u{a0}\u{a0}\u{a0}\u{a0}code?");
        assert_eq!(escape_line("Ynys Môn 3.5% ✓"), "Ynys Môn 3.5% ✓");
    }

    #[test]
    fn a_heading_stays_one_line() {
        let mut d = Document::default();
        d.heading(2, "Foo\n# Bar");
        assert_eq!(render(&d), "## Foo \\# Bar\n");
    }

    #[test]
    fn user_text_keeps_paragraphs_and_lines() {
        assert_eq!(user_text("one\ntwo\n\nthree"), "one\\\ntwo\n\nthree\n\n");
    }
}
