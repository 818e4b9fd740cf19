//! The Word writer's own tests: the XML of each part, read out of the zip.
use super::*;
use crate::export::doc::lines;
use std::io::Read;

fn sample() -> Document {
    let mut d = Document::default();
    d.heading(1, "Self-assessment");
    d.heading(2, "Contents");
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

/// One part of a Word file, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entry = zip.by_name(name).unwrap();
    assert_eq!(entry.compression(), CompressionMethod::Deflated, "{name}");
    let mut s = String::new();
    entry.read_to_string(&mut s).unwrap();
    s
}

fn document_xml(doc: &Document) -> String {
    part(&render(doc, "t"), "word/document.xml")
}

#[test]
fn text_is_escaped_and_never_markup() {
    let xml = document_xml(&sample());
    assert!(xml.contains("a &lt;b&gt; &amp; c"), "{xml}");
    assert!(!xml.contains("<b>"));
    // The control character became U+FFFD; the tab a real tab.
    assert!(xml.contains("para\u{FFFD}"));
    assert!(xml.contains("<w:tab/>"));
    // Mermaid is left out.
    assert!(!xml.contains("pie"));
}

#[test]
fn headings_use_heading_styles_and_links_reach_bookmarks() {
    let xml = document_xml(&sample());
    assert!(xml.contains(r#"<w:pStyle w:val="Heading1"/>"#), "{xml}");
    assert!(xml.contains(r#"<w:pStyle w:val="Heading2"/>"#));
    assert!(xml.contains(r#"w:name="_Toc00000003""#), "{xml}");
    assert!(xml.contains(r#"w:anchor="_Toc00000003""#));
    assert!(xml.contains(r#"w:name="_Ref00000004""#));
    assert!(xml.contains(r#"w:anchor="_Ref00000004""#));
    assert!(xml.contains("TOC \\o &quot;2-2&quot; \\h"));
    let bytes = render(&sample(), "t");
    let styles = part(&bytes, "word/styles.xml");
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:num w:numId="1"><w:abstractNumId w:val="1"/>"#));
    assert!(numbering.contains(r#"<w:numFmt w:val="bullet"/>"#));
    assert!(
        styles.contains(r#"<w:name w:val="heading 1"/>"#),
        "{styles}"
    );
    assert!(styles.contains(r#"<w:outlineLvl w:val="1"/>"#));
}

#[test]
fn contents_do_not_list_their_own_heading() {
    let xml = document_xml(&sample());
    // The heading before the contents is not a heading to the outline.
    assert!(xml.contains(r#"<w:pStyle w:val="TOCHeading"/>"#), "{xml}");
    let toc = xml.matches(r#"<w:pStyle w:val="TOC2"/>"#).count();
    assert_eq!(toc, 1, "{xml}");
    let styles = part(&render(&sample(), "t"), "word/styles.xml");
    let toc_heading = &styles[styles.find(r#"w:styleId="TOCHeading""#).unwrap()..];
    let toc_heading = &toc_heading[..toc_heading.find("</w:style>").unwrap()];
    assert!(
        toc_heading.contains(r#"<w:outlineLvl w:val="9"/>"#),
        "{toc_heading}"
    );
}

#[test]
fn table_header_rows_repeat_on_each_page() {
    let xml = document_xml(&sample());
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 1, "{xml}");
    assert!(xml.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
}

#[test]
fn properties_carry_title_author_and_production_date() {
    let day = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
    let bytes = render_with(
        &sample(),
        &Properties {
            title: "Care & <Support>\u{1b}",
            author: "Sam O'Neill",
            date: Some(day),
        },
    );
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Care &amp; &lt;Support&gt; </dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>Sam O'Neill</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("<cp:lastModifiedBy>Sam O'Neill</cp:lastModifiedBy>"));
    assert!(
        core.contains(">2026-03-14T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(
        core.contains(">2026-03-14T00:00:00Z</dcterms:modified>"),
        "{core}"
    );
    // Without a date or author: 1970, as before, and no author at all.
    let core = part(&render(&sample(), "t"), "docProps/core.xml");
    assert!(
        core.contains(">1970-01-01T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(!core.contains("dc:creator"));
}

#[test]
fn a_large_body_is_written_in_pieces_and_deflated() {
    let mut d = Document::default();
    for n in 0..5_000 {
        d.heading(3, format!("Question {n}"));
        d.push(Block::UserText(format!(
            "Narrative {n}, as a person wrote it."
        )));
    }
    let bytes = render(&d, "big");
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.len() > 10 * CHUNK, "{}", xml.len());
    assert!(xml.ends_with("</w:body></w:document>"));
    assert_eq!(xml.matches("<w:p>").count(), 10_000);
    assert!(
        bytes.len() * 5 < xml.len(),
        "{} of {}",
        bytes.len(),
        xml.len()
    );
}

#[test]
fn user_text_keeps_paragraphs_and_lines() {
    assert_eq!(
        user_paragraphs("one\ntwo\n \nthree\n\n\n"),
        vec![vec!["one", "two"], vec!["three"]]
    );
}

#[test]
fn columns_fill_the_width() {
    let rows = vec![vec![vec![Inline::text("x".repeat(300))], vec![]]];
    let w = column_widths(&["A".into(), "B".into()], &rows, 3);
    assert_eq!(w.iter().sum::<usize>(), TEXT_WIDTH);
    assert!(w[0] > w[1]);
}
