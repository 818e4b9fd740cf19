//! Writing a document as a Word file with docx-rs.
//!
//! Headings are real "heading N" paragraph styles with outline levels, so
//! Word's navigation pane and table of contents see them; tables are real
//! tables; what people typed goes in as text runs, never as markup, so it
//! cannot add a heading or a table however it is written.
//!
//! The output is byte-identical for the same document. docx-rs numbers
//! paragraphs from a thread-local counter and names table-of-contents
//! bookmarks from a process-wide one, so this module sets every paragraph id
//! and bookmark itself and builds the contents field by hand rather than
//! with `TableOfContents::auto`. Dates in core.xml and the zip entries are
//! docx-rs's and zip's fixed defaults (1970 and 1980), which the tests pin.
//!
//! (Over 600 lines: one writer for the document model, block by block;
//! its tables, headings and lists share the run and paragraph helpers.
//! Issue 16 reworks how it builds the XML, which is where it splits.)

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, BreakType, DocumentChild, Docx, FieldCharType, Hyperlink, HyperlinkType,
    IndentLevel, InstrText, InstrToC, Level, LevelJc, LevelText, LineSpacing, LineSpacingType,
    NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts, Shading, ShdType,
    SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use super::doc::{Block, Document, Inline};

/// A4 with 2.54 cm margins, in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: i32 = 1440;
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

const BODY_FONT: &str = "Calibri";
const HEADING_COLOUR: &str = "1F3864";
const HEADER_FILL: &str = "E7E6E6";
/// The bullet list's numbering id. docx-rs always writes a decimal list
/// numbered 1, so ours must not be 1.
const BULLETS: usize = 2;

/// The Word file for `doc`. `title` goes in the document's properties.
pub fn render(doc: &Document, title: &str) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    build(doc, title)
        .build()
        .pack(&mut out)
        .expect("writing a docx to memory cannot fail");
    out.into_inner()
}

/// The docx-rs document, before it is packed.
fn build(doc: &Document, title: &str) -> Docx {
    let mut w = Writer::new(doc);
    let mut docx = styled(Docx::new());
    // docx-rs cannot set the core (dc:title) property, and writes custom
    // property values without escaping them, so the title is escaped here.
    // Custom properties live in a HashMap: a second one would come out in
    // a random order and break byte-identical output.
    docx = docx.custom_property("Title", xml_escape(&clean(title)));
    for block in &doc.blocks {
        w.block(&mut docx, block);
    }
    if !w.pending.is_empty() {
        let p = w.para();
        add_paragraph(&mut docx, p);
    }
    docx
}

/// What `Docx::add_paragraph` does, without moving the whole document (a
/// few kilobytes) in and out for every paragraph: that copying was a quarter
/// of the time of a large export.
fn add_paragraph(docx: &mut Docx, p: Paragraph) {
    let numbered = p.has_numbering;
    add_child(docx, numbered, DocumentChild::Paragraph(Box::new(p)));
}

/// As [`add_paragraph`], for `Docx::add_table`.
fn add_table(docx: &mut Docx, t: Table) {
    let numbered = t.has_numbering;
    add_child(docx, numbered, DocumentChild::Table(Box::new(t)));
}

fn add_child(docx: &mut Docx, numbered: bool, child: DocumentChild) {
    if numbered {
        docx.document_rels.has_numberings = true;
        docx.document.has_numbering = true;
    }
    docx.document.children.push(child);
}

/// Page, fonts, styles and the bullet list definition.
fn styled(docx: Docx) -> Docx {
    let fonts = || {
        RunFonts::new()
            .ascii(BODY_FONT)
            .hi_ansi(BODY_FONT)
            .cs(BODY_FONT)
            .east_asia(BODY_FONT)
    };
    let mut docx = docx
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(708)
                .footer(708),
        )
        .default_fonts(fonts())
        .default_size(22)
        .default_tab_stop(720)
        .default_line_spacing(
            LineSpacing::new()
                .after(120)
                .line(264)
                .line_rule(LineSpacingType::Auto),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .size(52)
                .color(HEADING_COLOUR)
                .line_spacing(LineSpacing::new().after(240)),
        );
    let sizes = [32, 28, 24, 22, 22, 22];
    for (i, size) in sizes.into_iter().enumerate() {
        let n = i + 1;
        let mut s = Style::new(format!("Heading{n}"), StyleType::Paragraph)
            .name(format!("heading {n}"))
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(size)
            .color(HEADING_COLOUR)
            .outline_lvl(i)
            .line_spacing(
                LineSpacing::new()
                    .before(if n <= 2 { 360 } else { 240 })
                    .after(120),
            );
        if n >= 5 {
            s = s.italic();
        }
        docx = docx.add_style(s);
    }
    docx.add_style(
        Style::new("TOC2", StyleType::Paragraph)
            .name("toc 2")
            .based_on("Normal")
            .next("Normal")
            .line_spacing(LineSpacing::new().after(60)),
    )
    .add_style(
        Style::new("Hyperlink", StyleType::Character)
            .name("Hyperlink")
            .color("0563C1")
            .underline("single"),
    )
    .add_abstract_numbering(
        AbstractNumbering::new(BULLETS).add_level(
            Level::new(
                0,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new("\u{2022}"),
                LevelJc::new("left"),
            )
            .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
        ),
    )
    .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// Builds the body, numbering paragraphs and bookmarks itself.
struct Writer<'a> {
    doc: &'a Document,
    /// Anchor → bookmark name, for the first heading or anchor that has it.
    bookmarks: HashMap<&'a str, String>,
    /// Anchors already given their bookmark.
    placed: HashSet<&'a str>,
    /// Bookmarks waiting for the next paragraph: (id, name).
    pending: Vec<(usize, String)>,
    next_para: u32,
    next_bookmark: usize,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document) -> Writer<'a> {
        // Word bookmark names are at most 40 characters, letters, digits
        // and '_'; anchors are slugs of any length in any script, so each
        // gets a short name. A leading '_' hides them from Word's list.
        let mut bookmarks = HashMap::new();
        for b in &doc.blocks {
            let (anchor, prefix) = match b {
                Block::Heading { anchor, .. } => (anchor.as_str(), "_Toc"),
                Block::Anchor(a) => (a.as_str(), "_Ref"),
                _ => continue,
            };
            let n = bookmarks.len() + 1;
            bookmarks
                .entry(anchor)
                .or_insert_with(|| format!("{prefix}{n:08}"));
        }
        Writer {
            doc,
            bookmarks,
            placed: HashSet::new(),
            pending: Vec::new(),
            next_para: 0,
            next_bookmark: 0,
        }
    }

    /// A new paragraph with the next fixed id (w14:paraId, which must stay
    /// below 0x80000000), carrying any bookmarks waiting for one.
    fn para(&mut self) -> Paragraph {
        self.next_para += 1;
        let mut p = Paragraph::new().id(format!("{:08X}", self.next_para));
        for (id, name) in self.pending.drain(..) {
            p = p.add_bookmark_start(id, name).add_bookmark_end(id);
        }
        p
    }

    /// Queues the bookmark for `anchor` for the next paragraph, once.
    fn mark(&mut self, anchor: &'a str) {
        if !self.placed.insert(anchor) {
            return;
        }
        if let Some(name) = self.bookmarks.get(anchor) {
            self.next_bookmark += 1;
            self.pending.push((self.next_bookmark, name.clone()));
        }
    }

    fn block(&mut self, docx: &mut Docx, block: &'a Block) {
        match block {
            Block::Heading {
                level,
                text,
                anchor,
            } => {
                self.mark(anchor);
                let n = (*level).clamp(1, 6);
                let one_line = text.lines().collect::<Vec<_>>().join(" ");
                let p = self.para().style(&format!("Heading{n}")).keep_next(true);
                add_paragraph(docx, runs(p, &segments(&one_line), Look::Plain));
            }
            Block::Para(inlines) => {
                if !is_blank(inlines) {
                    let p = self.para();
                    add_paragraph(docx, self.inlines(p, inlines));
                }
            }
            Block::UserText(text) => {
                for para in user_paragraphs(text) {
                    let p = self.para();
                    add_paragraph(docx, runs(p, &segments(&para), Look::Plain));
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    let p = self
                        .para()
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
                    add_paragraph(docx, self.inlines(p, item));
                }
            }
            Block::Table { header, rows } => {
                if let Some(t) = self.table(header, rows) {
                    add_table(docx, t);
                }
            }
            // Word cannot draw mermaid; a table with the same figures is
            // always alongside.
            Block::Mermaid(_) => {}
            Block::Contents => self.contents(docx),
            Block::Anchor(a) => self.mark(a),
        }
    }

    /// Inlines as runs, links as internal hyperlinks to their bookmark.
    fn inlines(&self, mut p: Paragraph, inlines: &[Inline]) -> Paragraph {
        for i in inlines {
            p = match i {
                Inline::Text(t) => runs(p, &segments(t), Look::Plain),
                Inline::Strong(t) => runs(p, &segments(t), Look::Strong),
                Inline::Emphasis(t) => runs(p, &segments(t), Look::Emphasis),
                Inline::Break => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
                Inline::Link { text, anchor } => {
                    // A link is one line, as in the markdown.
                    let one_line = text.lines().collect::<Vec<_>>().join(" ");
                    match self.bookmarks.get(anchor.as_str()) {
                        Some(name) => p.add_hyperlink(link(name, &one_line)),
                        None => runs(p, &segments(&one_line), Look::Plain),
                    }
                }
            };
        }
        p
    }

    /// A real table: bold shaded header row, borders, full text width,
    /// fixed layout (so long words wrap inside their column).
    fn table(&mut self, header: &[String], rows: &[Vec<Vec<Inline>>]) -> Option<Table> {
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([header.len()])
            .max()
            .unwrap_or(0);
        if cols == 0 {
            return None;
        }
        let grid = column_widths(header, rows, cols);
        let mut trs = Vec::with_capacity(rows.len() + 1);
        if !header.is_empty() {
            let mut cells = Vec::with_capacity(cols);
            for (i, width) in grid.iter().enumerate() {
                let text = header.get(i).map(String::as_str).unwrap_or("");
                let p = runs(self.para(), &segments(text), Look::Strong);
                cells.push(
                    TableCell::new()
                        .width(*width, WidthType::Dxa)
                        .shading(
                            Shading::new()
                                .shd_type(ShdType::Clear)
                                .color("auto")
                                .fill(HEADER_FILL),
                        )
                        .add_paragraph(p),
                );
            }
            trs.push(TableRow::new(cells).cant_split());
        }
        for row in rows {
            let mut cells = Vec::with_capacity(cols);
            for (i, width) in grid.iter().enumerate() {
                let p = self.para();
                let p = match row.get(i) {
                    Some(inlines) => self.inlines(p, inlines),
                    None => p,
                };
                cells.push(
                    TableCell::new()
                        .width(*width, WidthType::Dxa)
                        .add_paragraph(p),
                );
            }
            trs.push(TableRow::new(cells));
        }
        Some(
            Table::new(trs)
                .set_grid(grid)
                .width(TEXT_WIDTH, WidthType::Dxa)
                .layout(TableLayoutType::Fixed),
        )
    }

    /// A table-of-contents field over the level-2 headings, whose shown
    /// result is those headings as links, as in the markdown; Word's
    /// "Update field" redoes it with page numbers.
    fn contents(&mut self, docx: &mut Docx) {
        let instr = InstrToC::new()
            .heading_styles_range(2, 2)
            .hyperlink()
            .hide_tab_and_page_numbers_in_webview()
            .use_applied_paragraph_line_level();
        let begin = Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::TOC(instr))
            .add_field_char(FieldCharType::Separate, false);
        let end = || Run::new().add_field_char(FieldCharType::End, false);
        let sections = self.doc.sections();
        if sections.is_empty() {
            let p = self.para().add_run(begin).add_run(end());
            add_paragraph(docx, p);
            return;
        }
        let last = sections.len() - 1;
        let mut begin = Some(begin);
        for (i, (text, anchor)) in sections.iter().enumerate() {
            let mut p = self.para().style("TOC2");
            if let Some(b) = begin.take() {
                p = p.add_run(b);
            }
            let one_line = text.lines().collect::<Vec<_>>().join(" ");
            p = match self.bookmarks.get(anchor.as_str()) {
                Some(name) => p.add_hyperlink(link(name, &one_line)),
                None => runs(p, &segments(&one_line), Look::Plain),
            };
            if i == last {
                p = p.add_run(end());
            }
            add_paragraph(docx, p);
        }
    }
}

fn link(bookmark: &str, text: &str) -> Hyperlink {
    let mut h = Hyperlink::new(bookmark, HyperlinkType::Anchor);
    for s in segments(text) {
        h = h.add_run(s.run(Look::Plain).style("Hyperlink"));
    }
    h
}

#[derive(Clone, Copy)]
enum Look {
    Plain,
    Strong,
    Emphasis,
}

/// A piece of text as Word holds it: text, a tab or a line break.
#[derive(Debug, PartialEq)]
enum Seg {
    Text(String),
    Tab,
    Break,
}

impl Seg {
    fn run(&self, look: Look) -> Run {
        let r = match self {
            Seg::Text(t) => Run::new().add_text(t.as_str()),
            Seg::Tab => Run::new().add_tab(),
            Seg::Break => Run::new().add_break(BreakType::TextWrapping),
        };
        match look {
            Look::Plain => r,
            Look::Strong => r.bold(),
            Look::Emphasis => r.italic(),
        }
    }
}

fn runs(mut p: Paragraph, segs: &[Seg], look: Look) -> Paragraph {
    for s in segs {
        p = p.add_run(s.run(look));
    }
    p
}

/// Text split into runs Word can hold: line ends (\n, \r\n, \r, and the
/// vertical tab and form feed that pastes from Word and PDFs carry) become
/// line breaks, tabs become tabs, and characters XML 1.0 cannot hold at
/// all become U+FFFD (one would make the file fail to open). Everything
/// else, markup-looking or not, is kept exactly.
fn segments(text: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    let flush = |cur: &mut String, out: &mut Vec<Seg>| {
        if !cur.is_empty() {
            out.push(Seg::Text(std::mem::take(cur)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\t' => {
                flush(&mut cur, &mut out);
                out.push(Seg::Tab);
            }
            '\r' | '\n' | '\u{0B}' | '\u{0C}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                flush(&mut cur, &mut out);
                out.push(Seg::Break);
            }
            _ => cur.push(clean_char(c)),
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// U+FFFD for a character XML 1.0 cannot contain.
fn clean_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
        _ => c,
    }
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { clean_char(c) })
        .collect()
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t) => t.trim().is_empty(),
        Inline::Link { .. } => false,
        Inline::Break => true,
    })
}

/// A person's text as paragraphs (split at blank lines), each keeping its
/// line breaks, as the markdown does.
fn user_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !para.is_empty() {
                out.push(para.join("\n"));
                para.clear();
            }
        } else {
            para.push(line);
        }
    }
    if !para.is_empty() {
        out.push(para.join("\n"));
    }
    out
}

/// Column widths that add up to the text width, shared out by how much
/// text each column holds (within limits, so no column is starved).
fn column_widths(header: &[String], rows: &[Vec<Vec<Inline>>], cols: usize) -> Vec<usize> {
    let mut weight = vec![0usize; cols];
    for (i, w) in weight.iter_mut().enumerate() {
        let head = header.get(i).map_or(0, |h| h.chars().count());
        let longest = rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(|cell| cell_chars(cell))
            .max()
            .unwrap_or(0);
        *w = head.max(longest).clamp(6, 40);
    }
    let total: usize = weight.iter().sum();
    let mut widths: Vec<usize> = weight.iter().map(|w| TEXT_WIDTH * w / total).collect();
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    widths
}

fn cell_chars(cell: &[Inline]) -> usize {
    cell.iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t) => t.chars().count(),
            Inline::Link { text, .. } => text.chars().count(),
            Inline::Break => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::doc::lines;
    use docx_rs::{DocumentChild, ParagraphChild, RunChild};

    fn sample() -> Document {
        let mut d = Document::default();
        d.heading(1, "Self-assessment");
        d.push(Block::Contents);
        d.heading(2, "Safe & well");
        d.para(vec![
            Inline::strong("Score: "),
            Inline::text("3"),
            Inline::Break,
            Inline::Link {
                text: "see evidence".into(),
                anchor: "ev-1".into(),
            },
        ]);
        d.push(Block::Anchor("ev-1".into()));
        d.push(Block::UserText("a <b> & c\n\nsecond\tpara\u{1}".into()));
        d.push(Block::Mermaid("pie\n  \"x\": 1".into()));
        d.push(Block::Table {
            header: vec!["Area".into(), "Score".into()],
            rows: vec![vec![lines("one\ntwo"), vec![Inline::text("2")]]],
        });
        d
    }

    fn document_xml(doc: &Document) -> String {
        let x = build(doc, "t").build();
        String::from_utf8(x.document).unwrap()
    }

    #[test]
    fn text_is_escaped_by_the_crate_and_never_markup() {
        let xml = document_xml(&sample());
        assert!(xml.contains("a &lt;b&gt; &amp; c"), "{xml}");
        assert!(!xml.contains("<b>"));
        // The control character became U+FFFD; the tab a real tab.
        assert!(xml.contains("para\u{FFFD}"));
        assert!(xml.contains("<w:tab />"));
        // Mermaid is left out.
        assert!(!xml.contains("pie"));
    }

    #[test]
    fn headings_use_heading_styles_and_links_reach_bookmarks() {
        let xml = document_xml(&sample());
        assert!(xml.contains(r#"<w:pStyle w:val="Heading1" />"#), "{xml}");
        assert!(xml.contains(r#"<w:pStyle w:val="Heading2" />"#));
        assert!(xml.contains(r#"w:name="_Toc00000002""#), "{xml}");
        assert!(xml.contains(r#"w:anchor="_Toc00000002""#));
        assert!(xml.contains(r#"w:name="_Ref00000003""#));
        assert!(xml.contains(r#"w:anchor="_Ref00000003""#));
        assert!(xml.contains("TOC \\o &quot;2-2&quot; \\h"));
        let x = build(&sample(), "t").build();
        let styles = String::from_utf8(x.styles).unwrap();
        let numbering = String::from_utf8(x.numberings).unwrap();
        assert!(numbering.contains(r#"<w:num w:numId="2"><w:abstractNumId w:val="2" />"#));
        assert_eq!(
            numbering.matches(r#"w:numId="2""#).count(),
            1,
            "{numbering}"
        );
        assert!(numbering.contains(r#"<w:numFmt w:val="bullet" />"#));
        assert!(
            styles.contains(r#"<w:name w:val="heading 1" />"#),
            "{styles}"
        );
        assert!(styles.contains(r#"<w:outlineLvl w:val="1" />"#));
    }

    #[test]
    fn paragraph_ids_are_ours_and_stable() {
        let a = document_xml(&sample());
        // Paragraphs made elsewhere in this thread must not shift the ids.
        for _ in 0..10 {
            let _ = Paragraph::new();
        }
        let b = document_xml(&sample());
        assert_eq!(a, b);
        assert!(a.contains(r#"w14:paraId="00000001""#));
    }

    #[test]
    fn segments_split_lines_and_tabs() {
        assert_eq!(
            segments("a\r\nb\tc\rd\u{b}e"),
            vec![
                Seg::Text("a".into()),
                Seg::Break,
                Seg::Text("b".into()),
                Seg::Tab,
                Seg::Text("c".into()),
                Seg::Break,
                Seg::Text("d".into()),
                Seg::Break,
                Seg::Text("e".into()),
            ]
        );
    }

    #[test]
    fn user_text_keeps_paragraphs_and_lines() {
        assert_eq!(
            user_paragraphs("one\ntwo\n \nthree\n\n\n"),
            vec!["one\ntwo".to_string(), "three".to_string()]
        );
    }

    #[test]
    fn columns_fill_the_width() {
        let rows = vec![vec![vec![Inline::text("x".repeat(300))], vec![]]];
        let w = column_widths(&["A".into(), "B".into()], &rows, 3);
        assert_eq!(w.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(w[0] > w[1]);
    }

    #[test]
    fn reads_back_with_title_property() {
        let bytes = render(&sample(), "Care & <Support>");
        let d = docx_rs::read_docx(&bytes).unwrap();
        let title = d.doc_props.custom.properties.get("Title").cloned();
        assert_eq!(title.as_deref(), Some("Care & <Support>"));
        let first = d.document.children.iter().find_map(|c| match c {
            DocumentChild::Paragraph(p) => Some(p),
            _ => None,
        });
        let text: String = first
            .unwrap()
            .children
            .iter()
            .filter_map(|c| match c {
                ParagraphChild::Run(r) => Some(r),
                _ => None,
            })
            .flat_map(|r| r.children.iter())
            .filter_map(|c| match c {
                RunChild::Text(t) => Some(t.text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "Self-assessment");
    }
}
