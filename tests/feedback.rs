//! The feedback report from the two report seeds: golden markdown, the Word
//! file read back with the same headings, numbered paragraphs and tables,
//! the seeds themselves (clean, saved unchanged, carried by merge) and the
//! file name the command gives the report.
//!
//! To refresh the golden files after a deliberate change, run
//! `UPDATE_GOLDEN=1 cargo test --test feedback` and read the diff.

use std::fs;

use chrono::NaiveDate;
use docx_rs::{DocumentChild, Paragraph, ParagraphChild, RunChild, TableCellContent};
use peerbook::export::doc::{Block, Document, Inline};
use peerbook::export::{self, Format, Options, Pack};
use peerbook::workbook::{self, Workbook};

mod support;
use support::bin::Home;
use support::{root, seed, seed_path};

const FULL: &str = "ashwell-vale-intermediate-care-2026.yaml";
const FINDINGS_ONLY: &str = "harrowfield-peer-challenge-2026.yaml";

fn opts() -> Options {
    Options {
        produced: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

fn md(wb: &Workbook) -> String {
    String::from_utf8(export::render(
        wb,
        Pack::Feedback,
        Format::Markdown,
        &opts(),
    ))
    .unwrap()
}

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("{name} is missing: run UPDATE_GOLDEN=1 cargo test --test feedback")
    });
    if expected != actual {
        let at = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  now:    {:?}",
            at + 1,
            expected.lines().nth(at),
            actual.lines().nth(at)
        );
    }
}

/// The level-2 headings of a markdown report, in order.
fn sections(md: &str) -> Vec<&str> {
    md.lines().filter_map(|l| l.strip_prefix("## ")).collect()
}

#[test]
fn golden_feedback_report_from_the_full_seed() {
    let wb = seed(FULL);
    let out = md(&wb);
    golden("ashwell-vale-feedback.md", &out);
    // The report's own title, not the self-assessment's; no "Source:" line
    // under it (the framework's origin is in the background).
    assert!(out.starts_with(
        "# Ashwell Vale Borough Council peer review of intermediate care (illustrative example)\n"
    ));
    assert!(!out.contains("Source:"));
    assert!(!out.contains(&wb.review.title));
    // Sections in the order of the published reports.
    assert_eq!(
        sections(&out),
        [
            "Contents",
            "Executive summary",
            "Background",
            "How the review was done",
            "Key messages",
            "Intermediate care is responsive to individual needs",
            "Effectiveness of intermediate care: independence",
            "Caring: compassionate, high-quality, seamless",
            "Well led: vision, governance and partnership",
            "Resources used to promote independence",
            "Support for carers",
            "Technology and equipment",
            "Self-assessment and peer ratings",
            "Recommendations",
            "Next steps",
            "Contacts",
        ]
    );
    let bg = &out[out.find("## Background").unwrap()..out.find("## How the review").unwrap()];
    assert!(bg.contains("It is drawn from North West ADASS"));
    assert!(bg.contains("critical friends"));
    // Emails are left out of the team unless asked for.
    let how = &out[out.find("## How the review").unwrap()..out.find("## Key messages").unwrap()];
    assert!(!how.contains("@example.org"));
    let s = export::feedback::statistics(&wb);
    assert!(how.contains(&format!(
        "read {} documents, held {} interviews and {} focus groups",
        s.documents, s.interviews, s.focus_groups
    )));
    assert!(!out.contains("None recorded") && !out.contains("recorded yet"));
}

#[test]
fn golden_feedback_report_from_the_findings_only_seed() {
    let wb = seed(FINDINGS_ONLY);
    assert!(wb.framework.scale.is_none());
    let out = md(&wb);
    golden("harrowfield-feedback.md", &out);
    assert!(
        !out.contains("rating"),
        "a findings-only report shows no ratings"
    );
    // Grouped recommendations, numbered through.
    let recs = &out[out.find("## Recommendations").unwrap()..];
    let at = |s: &str| recs.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("### Presenting issue") < at("**1. "));
    assert!(at("**2. ") < at("### Wider strategy"));
    assert!(at("### Wider strategy") < at("**3. "));
    assert!(at("### Quick wins") < at("**5. ") && at("**5. ") < at("**6. "));
    // Sections it has nothing for are left out, not filled with "none".
    assert!(!out.contains("## Vision, strategy and leadership"));
    // Without activity logs the statistics are left out, not zeros.
    assert!(!out.contains("Documents read") && !out.contains("read 0"));
}

// ---- The Word file, read back ----

fn para_text(p: &Paragraph) -> String {
    fn walk(children: &[ParagraphChild], out: &mut String) {
        for c in children {
            match c {
                ParagraphChild::Run(r) => {
                    for rc in &r.children {
                        match rc {
                            RunChild::Text(t) => out.push_str(&t.text),
                            RunChild::Break(_) => out.push('\n'),
                            _ => {}
                        }
                    }
                }
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

fn inline_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t) => t.clone(),
            Inline::Link { text, .. } => text.clone(),
            Inline::Break => "\n".into(),
        })
        .collect()
}

/// The document's headings, the paragraphs that start with a number
/// ("3. …") and each table's header row and number of rows, as built.
fn built(d: &Document) -> (Vec<String>, Vec<String>, Vec<Vec<String>>) {
    let mut heads = Vec::new();
    let mut numbered = Vec::new();
    let mut tables = Vec::new();
    for b in &d.blocks {
        match b {
            Block::Heading { text, .. } => heads.push(text.clone()),
            Block::Para(p) => {
                let s = inline_text(p);
                if starts_numbered(&s) {
                    numbered.push(s);
                }
            }
            Block::Table { header, rows } => {
                let mut h = header.clone();
                h.push(format!("{} rows", rows.len()));
                tables.push(h);
            }
            _ => {}
        }
    }
    (heads, numbered, tables)
}

fn starts_numbered(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && s[digits..].starts_with(". ")
}

#[test]
fn the_word_report_has_the_same_headings_numbered_paragraphs_and_tables() {
    for name in [FULL, FINDINGS_ONLY] {
        let wb = seed(name);
        let doc = export::build(&wb, Pack::Feedback, &opts());
        let (heads, numbered, tables) = built(&doc);
        assert!(numbered.len() >= 6, "{name}: {numbered:?}");

        let bytes = export::render(&wb, Pack::Feedback, Format::Docx, &opts());
        let d = docx_rs::read_docx(&bytes).expect("the docx reads back");
        let mut word_heads = Vec::new();
        let mut word_numbered = Vec::new();
        let mut word_tables = Vec::new();
        for c in &d.document.children {
            match c {
                DocumentChild::Paragraph(p) => {
                    let s = style(p);
                    let text = para_text(p);
                    // The contents' own heading is a "TOC Heading", so that the
                    // contents field does not list itself.
                    if s.starts_with("Heading") || s == "Title" || s == "TOCHeading" {
                        word_heads.push(text);
                    } else if starts_numbered(&text) {
                        word_numbered.push(text);
                    }
                }
                DocumentChild::Table(t) => {
                    let docx_rs::TableChild::TableRow(r) = &t.rows[0];
                    let mut header: Vec<String> = r
                        .cells
                        .iter()
                        .map(|docx_rs::TableRowChild::TableCell(c)| {
                            c.children
                                .iter()
                                .filter_map(|x| match x {
                                    TableCellContent::Paragraph(p) => Some(para_text(p)),
                                    _ => None,
                                })
                                .collect::<String>()
                        })
                        .collect();
                    header.push(format!("{} rows", t.rows.len() - 1));
                    word_tables.push(header);
                }
                _ => {}
            }
        }
        // The contents field's own heading aside, the same headings.
        word_heads.retain(|h| heads.contains(h));
        assert_eq!(word_heads, heads, "{name}: headings");
        assert_eq!(word_numbered, numbered, "{name}: numbered paragraphs");
        assert_eq!(word_tables, tables, "{name}: tables");
    }
}

// ---- The seeds ----

#[test]
fn the_report_seeds_are_clean_and_save_unchanged() {
    for name in [FULL, FINDINGS_ONLY] {
        let path = seed_path(name);
        let text = fs::read_to_string(&path).unwrap();
        let (wb, diags) = workbook::from_text(name, text.as_bytes()).expect("the seed loads");
        assert!(diags.0.is_empty(), "{name}: {:?}", diags.0);
        assert!(text.contains("x-illustrative:"));
        assert!(
            workbook::to_text(&wb) == text,
            "{name} does not save unchanged"
        );
    }
}

#[test]
fn the_command_names_the_report_from_its_own_title_cut_where_a_word_ends() {
    let home = Home::new();
    fs::copy(seed_path(FULL), home.path("wb.yaml")).unwrap();
    home.ok(&[
        "export",
        "wb.yaml",
        "--pack",
        "feedback",
        "--format",
        "md",
        "--date",
        "2026-11-22",
    ]);
    let written = home.path(
        "ashwell-vale-borough-council-peer-review-of-intermediate-care-illustrative-feedback.md",
    );
    let text = fs::read_to_string(&written).unwrap_or_else(|_| {
        panic!(
            "not written; the folder holds {:?}",
            fs::read_dir(home.root()).unwrap().collect::<Vec<_>>()
        )
    });
    assert_eq!(text, md(&seed(FULL)));
}

#[test]
fn validate_reports_a_theme_on_a_domain_id_and_ratings_a_findings_only_review_cannot_show() {
    let home = Home::new();
    let text = fs::read_to_string(seed_path(FINDINGS_ONLY))
        .unwrap()
        .replacen(
            "  report:\n",
            "  themes:\n  - id: commissioning\n    title: Commissioning again\n  report:\n    ratings: peer-only\n",
            1,
        )
        .replacen("    ratings: none\n", "", 1);
    home.write("wb.yaml", text.as_bytes());
    let line = |needle: &str| text.lines().position(|l| l == needle).unwrap() + 1;
    let out = home.run(&["validate", "wb.yaml"]);
    assert!(!out.status.success());
    let said = support::bin::text(&out);
    assert!(
        said.contains(&format!(
            "wb.yaml:{}:9: error: theme 'commissioning' has the id of a domain",
            line("  - id: commissioning")
        )),
        "{said}"
    );
    assert!(
        said.contains("help: give the theme an id of its own"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "wb.yaml:{}:14: warning: 'somerset-asc-2013@2013' is findings-only",
            line("    ratings: peer-only")
        )),
        "{said}"
    );
}

#[test]
fn the_workbook_chooses_which_ratings_the_report_shows() {
    use peerbook::workbook::report::RatingsShown;
    let mut wb = seed(FULL);
    let both = md(&wb);
    assert!(both.contains("## Self-assessment and peer ratings"));
    assert!(both.contains("| Ref | Question | Council | Peer team | Difference |"));
    wb.findings.report.as_mut().unwrap().ratings = RatingsShown::PeerOnly;
    let peer = md(&wb);
    assert!(peer.contains("## Peer ratings\n"));
    assert!(peer.contains("| Ref | Question | Peer team |"));
    assert!(peer.contains("| Domain | Peer score | Peer band |"));
    assert!(!peer.contains("Council score") && !peer.contains("| Council |"));
    wb.findings.report.as_mut().unwrap().ratings = RatingsShown::None;
    let none = md(&wb);
    assert!(
        !none.contains("ratings") && !none.contains("Peer score"),
        "{none}"
    );
}

#[test]
fn the_peer_team_in_the_report_names_a_reviewer_the_details_left_out_once() {
    let mut wb = seed(FULL);
    let listed = wb.review.team[0].name.clone();
    // A reviewer the details already name (written otherwise) is not
    // listed again; one they leave out is, with the role their section has.
    wb.reviewer_mut(&format!(" {} ", listed.to_uppercase()))
        .answer_mut("1")
        .notes = "Seen".into();
    let late = wb.reviewer_mut("Owen Castellano");
    late.role = Some("Lead peer".into());
    late.answer_mut("1").notes = "Heard".into();
    let md = md(&wb);
    let team: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("The peer team was:"))
        .skip(1)
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(team.len(), 3 + wb.review.team.len(), "{md}");
    assert!(
        team.last()
            .unwrap()
            .starts_with("| Owen Castellano | Lead peer |"),
        "{team:#?}"
    );
    let upper = listed.to_uppercase();
    assert_eq!(
        team.iter()
            .filter(|l| l.contains(&listed) || l.contains(upper.trim()))
            .count(),
        1,
        "{team:#?}"
    );
}

#[test]
fn the_scoping_questions_are_the_reviews_focus_not_one_of_its_themes() {
    let mut wb = seed(FINDINGS_ONLY);
    // The workbook's own focus comes first, whatever the framework's
    // scoping questions say: they are another council's.
    let report = md(&wb);
    assert!(
        report.contains(&format!("- {}", wb.review.focus[0].trim())),
        "{report}"
    );
    assert!(!report.contains("what are the blocks to this?"), "{report}");
    // Without a focus of its own, the framework's scoping questions are it.
    wb.review.focus.clear();
    let report = md(&wb);
    let background = report
        .split("\n## ")
        .find(|s| s.starts_with("Background"))
        .unwrap();
    assert!(
        background.contains("The council asked the peer team to focus on:"),
        "{background}"
    );
    for q in &wb.framework.domains[0].questions {
        assert!(
            background.contains(&format!("- {}", q.text.trim())),
            "{background}"
        );
    }
    // What the team found on them is under a heading of its own, before
    // the themes, and the domain's title is not made a theme.
    let heads = sections(&report);
    assert!(!heads.contains(&"Scoping questions"), "{heads:?}");
    let on = heads
        .iter()
        .position(|h| *h == "On the council's scoping questions")
        .unwrap_or_else(|| panic!("{heads:?}"));
    let first_theme = heads
        .iter()
        .position(|h| wb.framework.domains[1..].iter().any(|d| d.title == *h))
        .unwrap_or_else(|| panic!("{heads:?}"));
    assert!(on < first_theme, "{heads:?}");
}
