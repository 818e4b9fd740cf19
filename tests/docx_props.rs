//! A Word export made by the real binary: its properties name the user as
//! author and the production date as created and modified, its parts are
//! deflated, and a large pack reads back whole.

use std::io::{Cursor, Read};

mod support;
use support::bin::{Home, USER};
use support::seed_path;

fn part(bytes: &[u8], name: &str) -> (String, zip::CompressionMethod) {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut entry = zip.by_name(name).expect(name);
    let method = entry.compression();
    let mut s = String::new();
    entry.read_to_string(&mut s).unwrap();
    (s, method)
}

#[test]
fn export_names_the_author_and_the_production_date() {
    let home = Home::new();
    home.write(
        "suffolk.yaml",
        &std::fs::read(seed_path("suffolk-reablement-2016.yaml")).unwrap(),
    );
    home.ok(&[
        "export",
        "suffolk.yaml",
        "--pack",
        "self-assessment",
        "--format",
        "docx",
        "--date",
        "2026-03-14",
        "--out",
        "s.docx",
    ]);
    let bytes = std::fs::read(home.path("s.docx")).unwrap();
    let (core, method) = part(&bytes, "docProps/core.xml");
    assert_eq!(method, zip::CompressionMethod::Deflated);
    assert!(
        core.contains(&format!("<dc:creator>{USER}</dc:creator>")),
        "{core}"
    );
    assert!(core.contains(&format!("<cp:lastModifiedBy>{USER}</cp:lastModifiedBy>")));
    assert!(
        core.contains(">2026-03-14T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(
        core.contains(">2026-03-14T00:00:00Z</dcterms:modified>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:title>Suffolk County Council: "),
        "{core}"
    );

    let (body, method) = part(&bytes, "word/document.xml");
    assert_eq!(method, zip::CompressionMethod::Deflated);
    // Deflated: the file is a fraction of its body.
    assert!(
        bytes.len() * 3 < body.len(),
        "{} of {}",
        bytes.len(),
        body.len()
    );
    // The contents' own heading is not a level-2 heading, so the field
    // does not list it; every table's header row repeats.
    assert!(body.contains(r#"<w:pStyle w:val="TOCHeading"/>"#));
    assert_eq!(
        body.matches("<w:tbl>").count(),
        body.matches("<w:tblHeader/>").count()
    );
    let d = docx_rs::read_docx(&bytes).expect("reads back");
    assert!(!d.document.children.is_empty());
}
