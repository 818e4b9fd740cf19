//! The Word export read back with docx-rs's reader: what people typed, however
//! hostile, adds no heading and no table and comes back exactly as typed;
//! the output is byte-identical run to run.

use docx_rs::{DocumentChild, Paragraph, ParagraphChild, RunChild, TableCellContent};
use peerbook::export::doc::{Block, Document, Inline, lines};
use peerbook::export::docx::render;

fn long_word() -> String {
    "Llanfairpwllgwyngyll".repeat(10)
}

/// Text that would be markup in markdown, HTML or a careless XML writer.
fn hostile() -> String {
    [
        "# Not a heading",
        "## Nor this",
        "| a | b |",
        "|---|---|",
        "| 1 | 2 |",
        "`code` and ```fence```",
        "<script>alert(1)</script>",
        "[link](x) & <b>bold</b> \"quoted\" 'single'",
        "---",
        "   indented, then trailing   ",
        "Llanfair Ynys Môn, Ysbyty Ifan, Pen-y-bont ar Ogwr ✓🙂 naïve café",
        &long_word(),
    ]
    .join("\n")
}

fn paste() -> String {
    (1..=1000)
        .map(|n| format!("pasted line {n} | # not a heading"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn cell(s: &str) -> Vec<Inline> {
    lines(s)
}

fn sample() -> Document {
    let mut d = Document::default();
    d.heading(1, "Self-assessment: Ynys Môn ✓");
    d.push(Block::Contents);
    d.heading(2, "Safe");
    d.heading(3, "Safeguarding");
    d.para(vec![
        Inline::strong("Score: "),
        Inline::text("3 of 4"),
        Inline::Break,
        Inline::Emphasis("provisional".into()),
        Inline::text(" "),
        Inline::Link {
            text: "see evidence E1".into(),
            anchor: "e1".into(),
        },
    ]);
    d.push(Block::UserText(hostile()));
    d.push(Block::Bullets(vec![
        vec![Inline::text("first")],
        vec![
            Inline::text("# second"),
            Inline::Break,
            Inline::text("line"),
        ],
        vec![Inline::text(long_word())],
    ]));
    d.push(Block::Mermaid("pie title Scores\n  \"Safe\": 3".into()));
    d.push(Block::Table {
        header: vec!["Statement".into(), "Score".into(), "Notes".into()],
        rows: vec![
            vec![cell("We plan"), cell("3"), cell("| a | b |\n<script>")],
            vec![cell("We act"), cell("2"), cell(&long_word())],
        ],
    });
    d.heading(2, "Well led");
    d.push(Block::Anchor("e1".into()));
    d.heading(3, "Evidence");
    d.push(Block::UserText(paste()));
    d.heading(4, "Small print");
    d.push(Block::Table {
        header: vec!["Only".into()],
        rows: vec![],
    });
    d
}

fn expected_headings() -> Vec<(String, String)> {
    [
        ("Heading1", "Self-assessment: Ynys Môn ✓"),
        ("Heading2", "Safe"),
        ("Heading3", "Safeguarding"),
        ("Heading2", "Well led"),
        ("Heading3", "Evidence"),
        ("Heading4", "Small print"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// A paragraph's text, hyperlinks included, breaks as '\n'.
fn para_text(p: &Paragraph) -> String {
    fn run_text(children: &[RunChild], out: &mut String) {
        for c in children {
            match c {
                RunChild::Text(t) => out.push_str(&t.text),
                RunChild::Tab(_) => out.push('\t'),
                RunChild::Break(_) => out.push('\n'),
                _ => {}
            }
        }
    }
    fn walk(children: &[ParagraphChild], out: &mut String) {
        for c in children {
            match c {
                ParagraphChild::Run(r) => run_text(&r.children, out),
                ParagraphChild::Hyperlink(h) => walk(&h.children, out),
                _ => {}
            }
        }
    }
    let mut s = String::new();
    walk(&p.children, &mut s);
    s
}

fn style(p: &Paragraph) -> String {
    p.property
        .style
        .as_ref()
        .map(|s| s.val.clone())
        .unwrap_or_default()
}

/// Every paragraph in reading order, table cells included.
fn all_paragraphs(d: &docx_rs::Docx) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for c in &d.document.children {
        match c {
            DocumentChild::Paragraph(p) => out.push((**p).clone()),
            DocumentChild::Table(t) => {
                for docx_rs::TableChild::TableRow(r) in &t.rows {
                    for docx_rs::TableRowChild::TableCell(c) in &r.cells {
                        for content in &c.children {
                            if let TableCellContent::Paragraph(p) = content {
                                out.push((**p).clone());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn read_back_has_exactly_the_headings_and_tables_built() {
    let bytes = render(&sample(), "Self-assessment");
    let d = docx_rs::read_docx(&bytes).expect("the docx reads back");

    let headings: Vec<(String, String)> = all_paragraphs(&d)
        .iter()
        .filter(|p| style(p).starts_with("Heading") || style(p) == "Title")
        .map(|p| (style(p), para_text(p)))
        .collect();
    assert_eq!(headings, expected_headings());

    let tables: Vec<Vec<usize>> = d
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            DocumentChild::Table(t) => Some(
                t.rows
                    .iter()
                    .map(|docx_rs::TableChild::TableRow(r)| r.cells.len())
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    assert_eq!(tables, vec![vec![3, 3, 3], vec![1]]);

    let bullets = d
        .document
        .children
        .iter()
        .filter(|c| match c {
            DocumentChild::Paragraph(p) => p.property.numbering_property.is_some(),
            _ => false,
        })
        .count();
    assert_eq!(bullets, 3);
}

#[test]
fn typed_text_comes_back_exactly_once_and_verbatim() {
    let bytes = render(&sample(), "Self-assessment");
    let d = docx_rs::read_docx(&bytes).unwrap();
    let texts: Vec<String> = all_paragraphs(&d).iter().map(para_text).collect();

    let h = hostile();
    assert_eq!(texts.iter().filter(|t| **t == h).count(), 1, "{texts:#?}");
    let all = texts.join("\n\n");
    assert_eq!(all.matches("<script>alert(1)</script>").count(), 1);
    assert_eq!(all.matches("Llanfair Ynys Môn").count(), 1);

    let p = paste();
    assert_eq!(texts.iter().filter(|t| **t == p).count(), 1);

    // The long word, in the typed text, a bullet and a table cell.
    assert_eq!(all.matches(&long_word()).count(), 3);
    // Table cells keep their lines and their pipes.
    assert!(texts.contains(&"| a | b |\n<script>".to_string()));
    // The mermaid source is left out; the link text is there.
    assert!(!all.contains("pie title"));
    assert!(all.contains("see evidence E1"));
    // Contents lists the level-2 headings.
    let toc: Vec<String> = all_paragraphs(&d)
        .iter()
        .filter(|p| style(p) == "TOC2")
        .map(para_text)
        .collect();
    assert_eq!(toc, vec!["Safe", "Well led"]);
}

#[test]
fn same_document_gives_the_same_bytes() {
    let a = render(&sample(), "Self-assessment");
    let b = render(&sample(), "Self-assessment");
    assert!(a == b, "two renders differ");
    // Reading a docx makes paragraphs in this thread; that must not shift
    // the ids of the next render.
    let _ = docx_rs::read_docx(&a).unwrap();
    let c = render(&sample(), "Self-assessment");
    assert!(a == c, "a render after a read differs");
    // And from another thread.
    let d = std::thread::spawn(|| render(&sample(), "Self-assessment"))
        .join()
        .unwrap();
    assert!(a == d, "a render on another thread differs");
}

#[test]
fn zip_entries_carry_no_clock_time() {
    // zip stamps entries with the current time if its "time" feature is
    // ever switched on by some other crate; that would break determinism.
    let bytes = render(&sample(), "t");
    let mut found = 0;
    let mut i = 0;
    while i + 14 <= bytes.len() {
        if bytes[i..i + 4] == [0x50, 0x4b, 0x03, 0x04] {
            let time = u16::from_le_bytes([bytes[i + 10], bytes[i + 11]]);
            let date = u16::from_le_bytes([bytes[i + 12], bytes[i + 13]]);
            // 1980-01-01 00:00:00, zip's fixed default.
            assert_eq!((time, date), (0, 0x21), "entry at {i}");
            found += 1;
            i += 30;
        } else {
            i += 1;
        }
    }
    assert!(found >= 8, "found {found} zip entries");
}

#[test]
fn empty_document_still_opens() {
    let bytes = render(&Document::default(), "");
    let d = docx_rs::read_docx(&bytes).unwrap();
    assert!(all_paragraphs(&d).is_empty());
    let mut only_contents = Document::default();
    only_contents.push(Block::Contents);
    only_contents.push(Block::Anchor("dangling".into()));
    only_contents.para(vec![Inline::Link {
        text: "nowhere".into(),
        anchor: "missing".into(),
    }]);
    let d = docx_rs::read_docx(&render(&only_contents, "x")).unwrap();
    let texts: Vec<String> = all_paragraphs(&d).iter().map(para_text).collect();
    assert!(texts.contains(&"nowhere".to_string()));
}

/// With LibreOffice installed, the file also converts to text there. Most
/// machines do not have it, so this is skipped unless `soffice` is found.
#[test]
fn libreoffice_reads_it_when_installed() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|b| {
        std::process::Command::new("which")
            .arg(b)
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("LibreOffice not installed; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.docx");
    std::fs::write(&path, render(&sample(), "Self-assessment")).unwrap();
    let status = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "txt:Text (encoded):UTF8"])
        .arg("--outdir")
        .arg(dir.path())
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(dir.path().join("pack.txt")).unwrap();
    assert!(text.contains("Llanfair Ynys Môn"));
    assert!(text.contains("<script>alert(1)</script>"));
}
