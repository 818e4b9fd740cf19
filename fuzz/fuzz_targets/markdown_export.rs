//! Any text typed into a workbook exports without panicking, and cannot
//! add or remove a heading in the markdown.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerbook_core::export::doc::Block;
use peerbook_core::export::{self, Format, Options, Pack};
use peerbook_core::workbook::from_text;
use pulldown_cmark::{Event, Parser, Tag};

const SEED: &str = include_str!("../../seeds/suffolk-reablement-2016.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (mut wb, _) = from_text("seed.yaml", SEED.as_bytes()).unwrap();
    wb.review.council = text.to_string();
    wb.review.focus.push(text.to_string());
    let a = wb.answer_mut("1");
    a.narrative = text.to_string();
    a.strengths.push(text.to_string());
    a.owner = Some(text.to_string());
    wb.evidence_mut()[0].title = text.to_string();
    let opts = Options {
        produced: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    };
    for pack in [Pack::SelfAssessment, Pack::Summary] {
        let doc = export::build(&wb, pack, &opts);
        let expected = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .count();
        let md = String::from_utf8(export::render(&wb, pack, Format::Markdown, &opts)).unwrap();
        let found = Parser::new(&md)
            .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
            .count();
        assert_eq!(found, expected, "typed text changed the headings");
        let _ = export::render(&wb, pack, Format::Docx, &opts);
    }
});
