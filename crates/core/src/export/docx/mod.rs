//! Writing a document as a Word file: WordprocessingML written straight
//! into a deflated zip (the `zip` crate), a block at a time.
//!
//! Headings are real "heading N" paragraph styles with outline levels, so
//! Word's navigation pane and table of contents see them; tables are real
//! tables whose header row repeats on each page; what people typed goes in
//! as text runs, never as markup, so it cannot add a heading or a table
//! however it is written.
//!
//! The body is written into a small buffer that is handed to the zip's
//! compressor whenever it fills, so memory does not grow with the document
//! beyond the compressed file. (docx-rs, used before, built a node of
//! kilobytes per paragraph and run, then the whole XML, then stored it
//! uncompressed: 0.7 s and 400 MB at 100×.)
//!
//! The output is byte-identical for the same document and properties:
//! bookmarks are numbered in document order, zip entries carry zip's fixed
//! 1980-01-01 and the document's dates are the ones passed in.

mod parts;
mod xml;

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Write};

use chrono::NaiveDate;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::doc::{Block, Document, Inline};
use parts::{BULLETS, HEADER_FILL, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH, W_NS};
use xml::run_content;

/// What Word shows as the document's properties.
#[derive(Debug, Clone, Copy, Default)]
pub struct Properties<'a> {
    pub title: &'a str,
    /// The author and last to modify it; none if empty.
    pub author: &'a str,
    /// Created and modified; 1970-01-01 if none, so output stays fixed.
    pub date: Option<NaiveDate>,
}

/// The Word file for `doc`, with `title` in its properties.
pub fn render(doc: &Document, title: &str) -> Vec<u8> {
    render_with(
        doc,
        &Properties {
            title,
            ..Properties::default()
        },
    )
}

/// The Word file for `doc` with these properties.
pub fn render_with(doc: &Document, props: &Properties) -> Vec<u8> {
    // Writing into memory fails only if memory runs out, which aborts anyway.
    pack(doc, props).expect("writing a docx to memory cannot fail")
}

/// How hard to deflate: level 1 is measured at 100× as half the time of the
/// default for a file about a tenth larger (docs/performance.md).
const LEVEL: i64 = 1;
/// The body is handed to the compressor in pieces of about this size.
const CHUNK: usize = 64 * 1024;

fn pack(doc: &Document, props: &Properties) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts::fixed() {
        zip.start_file(name, opts)?;
        zip.write_all(text.as_bytes())?;
    }
    let date = props
        .date
        .unwrap_or_default()
        .format("%Y-%m-%dT00:00:00Z")
        .to_string();
    zip.start_file("docProps/core.xml", opts)?;
    zip.write_all(parts::core(&clean(props.title), &clean(props.author), &date).as_bytes())?;

    zip.start_file("word/document.xml", opts)?;
    let mut w = Writer::new(doc, &mut zip);
    w.out.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"{W_NS}\"><w:body>"
    ));
    let mut blocks = doc.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        let before_contents = matches!(blocks.peek(), Some(Block::Contents));
        w.block(block, before_contents);
        w.spill(CHUNK)?;
    }
    if !w.pending.is_empty() {
        w.para_open(None);
        w.para_close();
    }
    w.out.push_str(&format!(
        "<w:sectPr><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
         <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" \
         w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    ));
    w.spill(0)?;
    Ok(zip.finish()?.into_inner())
}

type Zip = ZipWriter<Cursor<Vec<u8>>>;

/// Writes the body, numbering bookmarks itself.
struct Writer<'a, 'z> {
    doc: &'a Document,
    /// The XML not yet handed to the compressor.
    out: String,
    zip: &'z mut Zip,
    /// Anchor → bookmark name, for the first heading or anchor that has it.
    bookmarks: HashMap<&'a str, String>,
    /// Anchors already given their bookmark.
    placed: HashSet<&'a str>,
    /// Bookmarks waiting for the next paragraph: (id, anchor).
    pending: Vec<(usize, &'a str)>,
    next_bookmark: usize,
}

#[derive(Clone, Copy)]
enum Look {
    Plain,
    Strong,
    Emphasis,
    Link,
}

impl<'a, 'z> Writer<'a, 'z> {
    fn new(doc: &'a Document, zip: &'z mut Zip) -> Writer<'a, 'z> {
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
            out: String::with_capacity(CHUNK + 4096),
            zip,
            bookmarks,
            placed: HashSet::new(),
            pending: Vec::new(),
            next_bookmark: 0,
        }
    }

    /// Hands the buffer to the compressor once it holds `at_least` bytes.
    fn spill(&mut self, at_least: usize) -> std::io::Result<()> {
        if self.out.len() >= at_least.max(1) {
            self.zip.write_all(self.out.as_bytes())?;
            self.out.clear();
        }
        Ok(())
    }

    /// Opens a paragraph (with a style, or a bullet for "bullet"), carrying
    /// any bookmarks waiting for one.
    fn para_open(&mut self, style: Option<&str>) {
        self.out.push_str("<w:p>");
        match style {
            None => {}
            Some("bullet") => self.out.push_str(&format!(
                "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{BULLETS}\"/></w:numPr></w:pPr>"
            )),
            Some(s) => {
                let keep = if s.starts_with("Heading") || s == "TOCHeading" {
                    "<w:keepNext/>"
                } else {
                    ""
                };
                self.out
                    .push_str(&format!("<w:pPr><w:pStyle w:val=\"{s}\"/>{keep}</w:pPr>"));
            }
        }
        for (id, anchor) in std::mem::take(&mut self.pending) {
            let name = &self.bookmarks[anchor];
            self.out.push_str(&format!(
                "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/><w:bookmarkEnd w:id=\"{id}\"/>"
            ));
        }
    }

    fn para_close(&mut self) {
        self.out.push_str("</w:p>");
    }

    /// One run of text, however many lines and tabs it holds.
    fn run(&mut self, text: &str, look: Look) {
        if text.is_empty() {
            return;
        }
        self.out.push_str(match look {
            Look::Plain => "<w:r>",
            Look::Strong => "<w:r><w:rPr><w:b/><w:bCs/></w:rPr>",
            Look::Emphasis => "<w:r><w:rPr><w:i/><w:iCs/></w:rPr>",
            Look::Link => "<w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr>",
        });
        run_content(&mut self.out, text);
        self.out.push_str("</w:r>");
    }

    /// A run of one line: line ends inside become spaces, as a heading or a
    /// link is one line in the markdown.
    fn one_line(&mut self, text: &str, look: Look) {
        if text.contains(['\n', '\r']) {
            let joined = text.lines().collect::<Vec<_>>().join(" ");
            self.run(&joined, look);
        } else {
            self.run(text, look);
        }
    }

    /// A link to the bookmark of `anchor`, or plain text if there is none.
    fn link(&mut self, text: &str, anchor: &str) {
        match self.bookmarks.get(anchor) {
            Some(name) => {
                self.out.push_str(&format!(
                    "<w:hyperlink w:anchor=\"{name}\" w:history=\"1\">"
                ));
                self.one_line(text, Look::Link);
                self.out.push_str("</w:hyperlink>");
            }
            None => self.one_line(text, Look::Plain),
        }
    }

    /// Queues the bookmark for `anchor` for the next paragraph, once.
    fn mark(&mut self, anchor: &'a str) {
        if !self.placed.insert(anchor) {
            return;
        }
        if self.bookmarks.contains_key(anchor) {
            self.next_bookmark += 1;
            self.pending.push((self.next_bookmark, anchor));
        }
    }

    /// One block; `before_contents` when the contents come next (its own
    /// heading, which the contents field must not list).
    fn block(&mut self, block: &'a Block, before_contents: bool) {
        match block {
            Block::Heading {
                level,
                text,
                anchor,
            } => {
                self.mark(anchor);
                let n = (*level).clamp(1, 6);
                if n == 2 && before_contents {
                    self.para_open(Some("TOCHeading"));
                } else {
                    self.para_open(Some(&format!("Heading{n}")));
                }
                self.one_line(text, Look::Plain);
                self.para_close();
            }
            Block::Para(inlines) => {
                if !is_blank(inlines) {
                    self.para_open(None);
                    self.inlines(inlines);
                    self.para_close();
                }
            }
            Block::UserText(text) => {
                for para in user_paragraphs(text) {
                    self.para_open(None);
                    self.out.push_str("<w:r>");
                    for (i, line) in para.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str("<w:br/>");
                        }
                        run_content(&mut self.out, line);
                    }
                    self.out.push_str("</w:r>");
                    self.para_close();
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    self.para_open(Some("bullet"));
                    self.inlines(item);
                    self.para_close();
                }
            }
            Block::Table { header, rows } => self.table(header, rows),
            // Word cannot draw mermaid; a table with the same figures is
            // always alongside.
            Block::Mermaid(_) => {}
            Block::Contents => self.contents(),
            Block::Anchor(a) => self.mark(a),
        }
    }

    /// Inlines as runs, links as internal hyperlinks to their bookmark.
    fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            match i {
                Inline::Text(t) => self.run(t, Look::Plain),
                Inline::Strong(t) => self.run(t, Look::Strong),
                Inline::Emphasis(t) => self.run(t, Look::Emphasis),
                Inline::Break => self.out.push_str("<w:r><w:br/></w:r>"),
                Inline::Link { text, anchor } => self.link(text, anchor),
            }
        }
    }

    /// A real table: bold shaded header row that repeats on every page,
    /// borders, full text width, fixed layout (so long words wrap inside
    /// their column).
    fn table(&mut self, header: &[String], rows: &[Vec<Vec<Inline>>]) {
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([header.len()])
            .max()
            .unwrap_or(0);
        if cols == 0 {
            return;
        }
        let grid = column_widths(header, rows, cols);
        self.out.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblBorders>"
        ));
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            self.out.push_str(&format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
            ));
        }
        self.out.push_str(
            "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>\
             <w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
             </w:tblCellMar></w:tblPr><w:tblGrid>",
        );
        for w in &grid {
            self.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.out.push_str("</w:tblGrid>");
        if !header.is_empty() {
            self.out
                .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (i, width) in grid.iter().enumerate() {
                self.out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>\
                     <w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{HEADER_FILL}\"/></w:tcPr>"
                ));
                self.para_open(None);
                self.run(
                    header.get(i).map(String::as_str).unwrap_or(""),
                    Look::Strong,
                );
                self.para_close();
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        for row in rows {
            self.out.push_str("<w:tr>");
            for (i, width) in grid.iter().enumerate() {
                self.out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
                ));
                self.para_open(None);
                if let Some(inlines) = row.get(i) {
                    self.inlines(inlines);
                }
                self.para_close();
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
    }

    /// A table-of-contents field over the level-2 headings, whose shown
    /// result is those headings as links, as in the markdown; Word's
    /// "Update field" redoes it with page numbers. The contents' own
    /// heading is not among them.
    fn contents(&mut self) {
        const BEGIN: &str = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
             <w:r><w:instrText xml:space=\"preserve\">TOC \\o &quot;2-2&quot; \\h \\z \\u</w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
        const END: &str = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
        let doc = self.doc;
        let mut sections = Vec::new();
        let mut blocks = doc.blocks.iter().peekable();
        while let Some(b) = blocks.next() {
            if let Block::Heading {
                level: 2,
                text,
                anchor,
            } = b
                && !matches!(blocks.peek(), Some(Block::Contents))
            {
                sections.push((text.as_str(), anchor.as_str()));
            }
        }
        if sections.is_empty() {
            self.para_open(None);
            self.out.push_str(BEGIN);
            self.out.push_str(END);
            self.para_close();
            return;
        }
        let last = sections.len() - 1;
        for (i, (text, anchor)) in sections.into_iter().enumerate() {
            self.para_open(Some("TOC2"));
            if i == 0 {
                self.out.push_str(BEGIN);
            }
            self.link(text, anchor);
            if i == last {
                self.out.push_str(END);
            }
            self.para_close();
        }
    }
}

/// Control characters (which a property cannot hold) as spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t) => t.trim().is_empty(),
        Inline::Link { .. } => false,
        Inline::Break => true,
    })
}

/// A person's text as paragraphs (split at blank lines), each as its
/// lines, as the markdown does.
fn user_paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
        } else {
            para.push(line);
        }
    }
    if !para.is_empty() {
        out.push(para);
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
mod tests;
