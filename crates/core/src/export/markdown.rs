//! Writing a document as GitHub-flavoured markdown that also reads well as
//! plain text. Everything a person typed is escaped so it shows as the text
//! it is and can never become a heading, a table, a link or HTML.

use super::doc::{Block, Document, Inline};

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let sections = doc.sections();
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                // A heading is one line, whatever the text holds.
                out.push_str(&escape_line(&text.replace(['\n', '\r'], " ")));
                out.push_str("\n\n");
            }
            Block::Para(inlines) => {
                let text = inlines_md(inlines, "\\\n");
                if !text.trim().is_empty() {
                    out.push_str(&text);
                    out.push_str("\n\n");
                }
            }
            Block::UserText(text) => {
                out.push_str(&user_text(text));
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str("- ");
                    // Continuation lines of an item are indented under it.
                    out.push_str(&inlines_md(item, "\\\n  "));
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                out.push('|');
                for h in header {
                    out.push(' ');
                    out.push_str(&escape_line(&h.replace(['\n', '\r'], " ")));
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
                            out.push_str(&inlines_from(cell, "<br>", false));
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
                    out.push_str(&format!("- [{}](#{anchor})\n", escape_line(text)));
                }
                out.push('\n');
            }
            Block::Anchor(id) => {
                out.push_str(&format!("<a id=\"{}\"></a>\n\n", attr(id)));
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Inline runs as markdown; `br` joins the lines of a multi-line run.
fn inlines_md(inlines: &[Inline], br: &str) -> String {
    inlines_from(inlines, br, true)
}

/// Inline runs; `line_start` says whether the first run begins a line (in a
/// table cell nothing does: block markers mean nothing there).
fn inlines_from(inlines: &[Inline], br: &str, line_start: bool) -> String {
    let mut s = String::new();
    let mut at_start = line_start;
    for i in inlines {
        match i {
            Inline::Text(t) => s.push_str(&escape_run(t, br, at_start)),
            Inline::Strong(t) | Inline::Emphasis(t) if !t.trim().is_empty() => {
                let mark = if matches!(i, Inline::Strong(_)) {
                    "**"
                } else {
                    "*"
                };
                // Spaces go outside the markers, or they do not count.
                let body = t.trim_end();
                s.push_str(mark);
                s.push_str(&escape_run(body, br, false));
                s.push_str(mark);
                s.push_str(&t[body.len()..]);
            }
            Inline::Strong(t) | Inline::Emphasis(t) => s.push_str(t),
            Inline::Link { text, anchor } => {
                s.push_str(&format!(
                    "[{}](#{})",
                    escape_run(text, " ", false),
                    attr(anchor)
                ));
            }
            Inline::Break => s.push_str(br),
        }
        at_start = matches!(i, Inline::Break);
    }
    s
}

/// A run of text that may hold line breaks of its own.
fn escape_run(t: &str, br: &str, at_start: bool) -> String {
    t.trim_end_matches(['\n', '\r'])
        .split('\n')
        .enumerate()
        .map(|(k, l)| {
            if k > 0 || at_start {
                escape_line(l)
            } else {
                escape_chars(l, false)
            }
        })
        .collect::<Vec<_>>()
        .join(br)
}

/// A person's text: paragraphs at blank lines, line breaks kept within.
pub fn user_text(text: &str) -> String {
    let mut out = String::new();
    let mut para: Vec<String> = Vec::new();
    let flush = |para: &mut Vec<String>, out: &mut String| {
        if !para.is_empty() {
            out.push_str(&para.join("\\\n"));
            out.push_str("\n\n");
            para.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(escape_line(line));
        }
    }
    flush(&mut para, &mut out);
    out
}

/// One line of text made inert: every character that can begin markdown or
/// HTML is backslash-escaped, a leading list or heading marker too, leading
/// spaces (which would start a code block) become no-break spaces, and
/// trailing spaces (which would make a line break) are dropped.
pub fn escape_line(line: &str) -> String {
    let line = line.trim_end();
    let indent = line.len() - line.trim_start().len();
    let mut out: String = line[..indent]
        .chars()
        .map(|c| {
            if c == '\t' {
                "\u{a0}\u{a0}\u{a0}\u{a0}"
            } else {
                "\u{a0}"
            }
        })
        .collect();
    out.push_str(&escape_chars(&line[indent..], true));
    out
}

/// Escapes markup characters; with `line_start`, also what would open a
/// block there (`- `, `+ `, `= `, `1. `, `1) `).
fn escape_chars(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let lead_digits = if line_start {
        chars.iter().take_while(|c| c.is_ascii_digit()).count()
    } else {
        0
    };
    for (i, &c) in chars.iter().enumerate() {
        // Control characters would drive a terminal that shows the file.
        if (c.is_control() && c != '\t') || crate::text::is_bidi_control(c) {
            out.push('\u{fffd}');
            continue;
        }
        let next = chars.get(i + 1).copied();
        let then_space = next.is_none_or(char::is_whitespace);
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' | '$'
        );
        let block_marker = line_start && i == 0 && matches!(c, '-' | '+' | '=' | ':');
        let list_number = line_start
            && lead_digits > 0
            && i == lead_digits
            && matches!(c, '.' | ')')
            && then_space;
        if special || block_marker || list_number {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text safe inside an HTML attribute we write ourselves.
fn attr(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect()
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
