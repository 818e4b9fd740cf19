//! Issue 14: case studies in the shape of a published "what we're proud of"
//! collection: every field read back from the seed, a single-text barrier
//! from older workbooks kept as it was, an unknown `illustrates` id refused
//! with its line and column, merge carrying the new fields, and the pack's
//! section grouped by theme with empty parts left out.

use std::fs;

use chrono::NaiveDate;
use peerbook::export::{self, Format, Options, Pack};
use peerbook::review::merge::{Copy, merge};
use peerbook::workbook::{self, CaseStudy, Workbook};

mod support;
use support::bin::Home;
use support::{seed, seed_path};

const HALTON: &str = "halton-intermediate-care-2019.yaml";

fn pack(wb: &Workbook) -> String {
    let o = Options {
        produced: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    };
    let md = export::render(wb, Pack::SelfAssessment, Format::Markdown, &o);
    String::from_utf8(md).unwrap()
}

/// The pack's "What we're proud of" section, up to the next level-2 heading.
fn section(md: &str) -> &str {
    let start = md.find("## What we're proud of").expect("the section");
    let rest = &md[start + 3..];
    let end = rest.find("\n## ").map_or(md.len(), |e| start + 3 + e);
    &md[start..end]
}

/// The `proud_of:` block of a workbook file, up to the next top-level key.
fn proud_of(text: &str) -> String {
    let start = text.find("\nproud_of:\n").expect("a proud_of block") + 1;
    let rest = &text[start..];
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| rest[i..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

#[test]
fn every_case_study_field_reads_back_from_the_seed() {
    let wb = seed(HALTON);
    let c = &wb.proud_of[0];
    assert_eq!(c.title, "Moving with dignity");
    assert!(c.summary.as_deref().unwrap().starts_with("A pilot"));
    assert!(c.problem.as_deref().unwrap().starts_with("Many people"));
    assert_eq!(c.partners.len(), 4);
    assert_eq!(c.partners[1], "Community equipment store");
    assert!(c.what_we_did.is_some() && c.impact.is_some());
    assert_eq!(c.figures.len(), 3);
    assert_eq!(c.quotes.len(), 2);
    assert_eq!(c.barriers.len(), 2);
    assert_eq!(c.conditions.len(), 2);
    assert!(c.further_information.is_some());
    assert_eq!(c.links, ["https://example.org/halton/moving-with-dignity"]);
    assert!(c.contact.is_some());
    assert_eq!(c.illustrates, ["4", "caring"]);
    // One text in `conditions`, as earlier versions wrote, is a list of one.
    assert_eq!(wb.proud_of[1].conditions.len(), 1);
}

#[test]
fn the_seed_is_clean_and_saves_unchanged() {
    let text = fs::read_to_string(seed_path(HALTON)).unwrap();
    let (wb, diags) = workbook::from_text(HALTON, text.as_bytes()).unwrap();
    assert!(!diags.has_errors(), "{:?}", diags.0);
    // The case studies are written back as they are in the seed, and a
    // saved file saves again unchanged.
    let saved = workbook::to_text(&wb);
    assert_eq!(proud_of(&saved), proud_of(&text));
    let (again, _) = workbook::from_text(HALTON, saved.as_bytes()).unwrap();
    assert!(
        workbook::to_text(&again) == saved,
        "a saved file changed on save"
    );
}

#[test]
fn an_older_workbooks_single_text_barrier_saves_as_it_was() {
    // The Suffolk seed was written before barriers were lists.
    let text = fs::read_to_string(seed_path("suffolk-reablement-2016.yaml")).unwrap();
    let line = "  barriers: Separate IT systems and employment terms; differing approaches to risk between professions.\n";
    assert!(text.contains(line));
    let (wb, _) = workbook::from_text("s.yaml", text.as_bytes()).unwrap();
    assert_eq!(wb.proud_of[0].barriers.len(), 1);
    let saved = workbook::to_text(&wb);
    assert!(saved.contains(line), "{saved}");
    assert_eq!(proud_of(&saved), proud_of(&text));
}

#[test]
fn validate_names_an_unknown_question_id_with_its_line_column_and_fix() {
    let home = Home::new();
    let text = fs::read_to_string(seed_path(HALTON)).unwrap().replacen(
        "  - resources\n",
        "  - kloe-99\n",
        1,
    );
    home.write("wb.yaml", text.as_bytes());
    let line = text.lines().position(|l| l == "  - kloe-99").unwrap() + 1;
    let out = home.run(&["validate", "wb.yaml"]);
    assert!(!out.status.success());
    let said = support::bin::text(&out);
    assert!(
        said.contains(&format!(
            "wb.yaml:{line}:5: error: case study 'Equipment within hours to prevent an admission' illustrates 'kloe-99', which is not a question or domain of halton-intermediate-care-2019@2019"
        )),
        "{said}"
    );
    assert!(
        said.contains("help: use a question id or a domain id from the framework"),
        "{said}"
    );
}

#[test]
fn merge_carries_the_new_fields_beside_another_copys_change() {
    let base = seed(HALTON);
    let mut a = base.clone();
    a.proud_of[1].partners = vec!["Equipment store".into()];
    a.proud_of[1].quotes = vec!["Here by teatime — a district nurse".into()];
    a.proud_of[1].illustrates = vec!["13".into()];
    a.proud_of[1].barriers = vec!["Stock space".into(), "Panel habits".into()];
    // The other copy changes an answer, not the case studies.
    let mut b = base.clone();
    b.answer_mut("1").narrative = "Bob's view".into();
    let copies = [
        Copy {
            label: "a.yaml".into(),
            workbook: &a,
        },
        Copy {
            label: "b.yaml".into(),
            workbook: &b,
        },
    ];
    let m = merge(&base, &copies).unwrap();
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let c = &m.workbook.proud_of[1];
    assert_eq!(c.partners, ["Equipment store"]);
    assert_eq!(c.quotes.len(), 1);
    assert_eq!(c.illustrates, ["13"]);
    assert_eq!(c.barriers, ["Stock space", "Panel habits"]);
    assert_eq!(m.workbook.answer("1").unwrap().narrative, "Bob's view");
    // Written and read again, the merged case study is the same.
    let text = workbook::to_text(&m.workbook);
    let (back, _) = workbook::from_text("merged.yaml", text.as_bytes()).unwrap();
    assert_eq!(back.proud_of[1], *c);
}

#[test]
fn the_pack_groups_case_studies_by_theme_in_framework_order_those_with_none_last() {
    let mut wb = seed(HALTON);
    wb.proud_of.insert(
        0,
        CaseStudy {
            title: "A case with no theme".into(),
            ..CaseStudy::default()
        },
    );
    // A question of the first domain: grouped before the others.
    wb.proud_of.push(CaseStudy {
        title: "Assessed at the front door".into(),
        illustrates: vec!["1".into()],
        ..CaseStudy::default()
    });
    let md = pack(&wb);
    let s = section(&md);
    let at = |needle: &str| s.find(needle).unwrap_or_else(|| panic!("{needle}\n{s}"));
    let responsive = at("### Intermediate care is responsive");
    let effective = at("### Effectiveness of intermediate care");
    let resources = at("### Resources used to promote independence");
    let other = at("### Other case studies");
    assert!(responsive < effective && effective < resources && resources < other);
    assert!(at("#### Assessed at the front door") > responsive);
    assert!(at("#### Moving with dignity") > effective);
    assert!(at("#### A case with no theme") > other);
    // Only the first theme a case names groups it: "caring" is not a group.
    assert!(!s.contains("### Caring"), "{s}");
}

#[test]
fn the_pack_prints_a_case_study_in_the_published_shape_and_leaves_out_empty_parts() {
    let md = pack(&seed(HALTON));
    let s = section(&md);
    let order = [
        "#### Moving with dignity",
        "*A pilot that gave care teams",
        "**Illustrates:** KLOE 4: How early",
        "**Partners:** Halton Borough Council occupational therapy; Community equipment store",
        "**The problem it addressed**",
        "**What we did**",
        "**Impact**",
        "- 38 people reviewed",
        "**In their words**",
        "- \u{201c}It feels like my own home again now there is one person helping me, not a crowd.\u{201d} \u{2014} a person receiving care (illustrative)",
        "**What were the barriers to success?**",
        "- Worries from carers",
        "**What were the conditions for success?**",
        "**Further information**",
        "- https://example.org/halton/moving-with-dignity",
        "**Contact:** Community Equipment Service Manager",
        "#### Equipment within hours",
    ];
    let mut from = 0;
    for part in order {
        let at = s[from..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order in\n{s}"));
        from += at + part.len();
    }
    // The second case study has no partners, problem, quotes or barriers.
    let second = &s[s.find("#### Equipment within hours").unwrap()..];
    for absent in [
        "**Partners:**",
        "**The problem",
        "**In their words**",
        "barriers",
        "**Further information**",
    ] {
        assert!(!second.contains(absent), "{absent} in\n{second}");
    }
}

#[test]
fn without_themes_the_case_studies_are_listed_without_theme_headings() {
    let s = pack(&seed("suffolk-reablement-2016.yaml"));
    let s = section(&s);
    assert!(s.contains("### The Waveney Out of Hospital team"), "{s}");
    assert!(
        !s.contains("####") && !s.contains("Other case studies"),
        "{s}"
    );
}
