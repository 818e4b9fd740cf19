//! The fixed parts of the Word package: content types, relationships,
//! styles, the bullet list, settings, fonts and the document properties.
//! Only the properties depend on the export; the rest is the same text in
//! every file.

use super::xml::escape_into;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// A4 with 2.54 cm margins, in twentieths of a point.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
pub const MARGIN: u32 = 1440;
pub const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

pub const BODY_FONT: &str = "Calibri";
pub const HEADING_COLOUR: &str = "1F3864";
pub const HEADER_FILL: &str = "E7E6E6";
/// The bullet list's numbering id.
pub const BULLETS: usize = 1;

/// The zip entries, in the order they are written, with their content.
pub fn fixed() -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("docProps/app.xml", app()),
    ]
}

fn content_types() -> String {
    const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    );
    for (part, kind) in [
        ("word/document.xml", "document.main"),
        ("word/styles.xml", "styles"),
        ("word/numbering.xml", "numbering"),
        ("word/settings.xml", "settings"),
        ("word/fontTable.xml", "fontTable"),
    ] {
        s.push_str(&format!(
            "<Override PartName=\"/{part}\" ContentType=\"{WORD}.{kind}+xml\"/>"
        ));
    }
    s.push_str(
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>",
    );
    s
}

fn rels(list: &[(&str, &str)]) -> String {
    let mut s = format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (i, (kind, target)) in list.iter().enumerate() {
        s.push_str(&format!(
            "<Relationship Id=\"rId{}\" Type=\"{kind}\" Target=\"{target}\"/>",
            i + 1
        ));
    }
    s.push_str("</Relationships>");
    s
}

fn package_rels() -> String {
    rels(&[
        (
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "word/document.xml",
        ),
        (
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
            "docProps/app.xml",
        ),
    ])
}

fn document_rels() -> String {
    const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    rels(&[
        (&format!("{R}/styles"), "styles.xml"),
        (&format!("{R}/numbering"), "numbering.xml"),
        (&format!("{R}/settings"), "settings.xml"),
        (&format!("{R}/fontTable"), "fontTable.xml"),
    ])
}

fn fonts() -> String {
    format!(
        "<w:rFonts w:ascii=\"{BODY_FONT}\" w:hAnsi=\"{BODY_FONT}\" w:eastAsia=\"{BODY_FONT}\" w:cs=\"{BODY_FONT}\"/>"
    )
}

/// A paragraph style. `ppr` and `rpr` are the inside of its w:pPr and w:rPr.
fn style(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )
}

fn size(half_points: u32) -> String {
    format!("<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>")
}

fn styles() -> String {
    let mut s = format!(
        "{DECL}<w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault><w:rPr>{}{}\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
         <w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr>\
         </w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>",
        fonts(),
        size(22)
    );
    let colour = format!("<w:color w:val=\"{HEADING_COLOUR}\"/>");
    s.push_str(&style(
        "Title",
        "Title",
        "<w:spacing w:after=\"240\"/>",
        &format!("{colour}{}", size(52)),
    ));
    for (i, half_points) in [32, 28, 24, 22, 22, 22].into_iter().enumerate() {
        let n = i + 1;
        let before = if n <= 2 { 360 } else { 240 };
        let italic = if n >= 5 { "<w:i/><w:iCs/>" } else { "" };
        s.push_str(&style(
            &format!("Heading{n}"),
            &format!("heading {n}"),
            &format!(
                "<w:keepNext/><w:spacing w:before=\"{before}\" w:after=\"120\"/><w:outlineLvl w:val=\"{i}\"/>"
            ),
            &format!("<w:b/><w:bCs/>{italic}{colour}{}", size(half_points)),
        ));
    }
    // The contents' own heading looks like a level-2 heading but is body
    // text to the outline, so the contents field does not list itself.
    s.push_str(&style(
        "TOCHeading",
        "TOC Heading",
        "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"9\"/>",
        &format!("<w:b/><w:bCs/>{colour}{}", size(28)),
    ));
    s.push_str(&style("TOC2", "toc 2", "<w:spacing w:after=\"60\"/>", ""));
    s.push_str(
        "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>\
         <w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>",
    );
    s.push_str("</w:styles>");
    s
}

fn numbering() -> String {
    format!(
        "{DECL}<w:numbering xmlns:w=\"{W_NS}\"><w:abstractNum w:abstractNumId=\"{BULLETS}\">\
         <w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
         <w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/>\
         <w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
         <w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"{BULLETS}\"/></w:num></w:numbering>"
    )
}

fn settings() -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W_NS}\"><w:defaultTabStop w:val=\"720\"/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat>\
         <w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\
         </w:compat></w:settings>"
    )
}

fn font_table() -> String {
    format!(
        "{DECL}<w:fonts xmlns:w=\"{W_NS}\"><w:font w:name=\"{BODY_FONT}\"><w:family w:val=\"swiss\"/>\
         <w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    )
}

fn app() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>peerbook</Application></Properties>"
    )
}

/// docProps/core.xml: title, author (also the last to modify it) and the
/// created and modified times, both `when` (an ISO 8601 UTC time).
pub fn core(title: &str, author: &str, when: &str) -> String {
    let mut s = format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    );
    if !title.is_empty() {
        s.push_str("<dc:title>");
        escape_into(&mut s, title);
        s.push_str("</dc:title>");
    }
    if !author.is_empty() {
        for tag in ["dc:creator", "cp:lastModifiedBy"] {
            s.push_str(&format!("<{tag}>"));
            escape_into(&mut s, author);
            s.push_str(&format!("</{tag}>"));
        }
    }
    for tag in ["dcterms:created", "dcterms:modified"] {
        s.push_str(&format!(
            "<{tag} xsi:type=\"dcterms:W3CDTF\">{when}</{tag}>"
        ));
    }
    s.push_str("</cp:coreProperties>");
    s
}
