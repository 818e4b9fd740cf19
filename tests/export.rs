//! Exports: golden files from the seeds, hostile text that must stay text,
//! determinism, and the command end to end.
//!
//! To refresh the golden files after a deliberate change, run
//! `UPDATE_GOLDEN=1 cargo test --test export` and read the diff.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use peerbook::export::{self, Format, Options, Pack};
use peerbook::framework::registry::Registry;
use peerbook::workbook::{self, Rating, Status, Workbook};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

mod support;
use support::{root, seed};

fn opts() -> Options {
    Options {
        produced: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

fn md(wb: &Workbook, pack: Pack) -> String {
    String::from_utf8(export::render(wb, pack, Format::Markdown, &opts())).unwrap()
}

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test --test export",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  now:    {:?}\nIf the change is meant, run UPDATE_GOLDEN=1 cargo test --test export and review the diff.",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn golden_packs_from_the_seeds() {
    for (seed_name, stem) in [
        ("suffolk-reablement-2016.yaml", "suffolk"),
        ("halton-intermediate-care-2019.yaml", "halton"),
    ] {
        let wb = seed(seed_name);
        golden(
            &format!("{stem}-self-assessment.md"),
            &md(&wb, Pack::SelfAssessment),
        );
        golden(&format!("{stem}-summary.md"), &md(&wb, Pack::Summary));
    }
}

#[test]
fn golden_feedback_and_action_plan_from_the_on_site_seed() {
    let wb = seed("suffolk-reablement-2016-onsite.yaml");
    let feedback = md(&wb, Pack::Feedback);
    golden("suffolk-onsite-feedback.md", &feedback);
    golden("suffolk-onsite-action-plan.md", &md(&wb, Pack::ActionPlan));
    // The shape of a published feedback report.
    for h in [
        "## Background",
        "## Key messages",
        "## Person centred and outcome focused",
        "## Self-assessment and peer ratings",
        "## Recommendations",
        "## Next steps",
    ] {
        assert!(feedback.contains(h), "{h} missing");
    }
    let t = peerbook::export::feedback::statistics(&wb);
    assert!(feedback.contains(&format!(
        "the team read {} documents, held {} interviews and {} focus groups",
        t.documents, t.interviews, t.focus_groups
    )));
    assert!(feedback.contains(&format!("met {} people", t.people)));
    assert!(feedback.contains("**Quick wins**"));
    // Every recommendation appears in the action plan CSV, numbered.
    let csv = peerbook::export::pack::action_plan_csv(&wb);
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFnumber,recommendation,quick_win,owner,due,status,progress")
    );
    let mut rdr = csv::Reader::from_reader(&csv[3..]);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), wb.findings.recommendations.len());
    for (i, (row, rec)) in rows.iter().zip(&wb.findings.recommendations).enumerate() {
        assert_eq!(&row[0], (i + 1).to_string());
        assert_eq!(&row[1], rec.text);
        assert_eq!(&row[2], if rec.quick_win { "yes" } else { "" });
    }
}

/// A workbook marked `x-illustrative` says so on every row of both CSVs
/// (issue 17), and its answers CSV still imports; a council's own workbook
/// has no such column.
#[test]
fn csv_exports_of_an_illustrative_workbook_say_so_on_every_row() {
    let [heading, mark] = peerbook::export::csv_io::ILLUSTRATIVE;
    let rows = |csv: &[u8]| -> (csv::StringRecord, Vec<csv::StringRecord>) {
        let mut rdr = csv::Reader::from_reader(&csv[3..]);
        let h = rdr.headers().unwrap().clone();
        (h, rdr.records().map(Result::unwrap).collect())
    };
    let mut wb = seed("suffolk-reablement-2016-onsite.yaml");
    for csv in [
        peerbook::export::csv_io::export(&wb),
        peerbook::export::pack::action_plan_csv(&wb),
    ] {
        let (h, body) = rows(&csv);
        assert_eq!(h.iter().next_back(), Some(heading), "{h:?}");
        assert!(!body.is_empty());
        for r in &body {
            assert_eq!(r.iter().next_back(), Some(mark), "{r:?}");
            assert_eq!(r.len(), h.len());
        }
    }
    let answers = peerbook::export::csv_io::export(&wb);
    let before = wb.answers.clone();
    peerbook::export::csv_io::import(&mut wb, &answers, "Test Officer", chrono::Utc::now())
        .expect("the marked sheet imports");
    assert_eq!(
        wb.answers.iter().map(|a| a.rating).collect::<Vec<_>>(),
        before.iter().map(|a| a.rating).collect::<Vec<_>>()
    );

    let plain = plain_workbook();
    for csv in [
        peerbook::export::csv_io::export(&plain),
        peerbook::export::pack::action_plan_csv(&plain),
    ] {
        let (h, _) = rows(&csv);
        assert!(!h.iter().any(|c| c == heading), "{h:?}");
    }
}

/// The outline of a markdown document: each heading's level and text,
/// and each table's shape (rows × columns).
#[derive(Debug, PartialEq)]
enum Shape {
    Heading(u8, String),
    Table(usize, usize),
}

fn outline(markdown: &str) -> Vec<Shape> {
    let mut out = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    let mut table: Option<(usize, usize, usize)> = None; // rows, cols, cells in row
    let opts =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    for ev in Parser::new_ext(markdown, opts) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                heading = Some((n, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = &mut heading {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((n, s)) = heading.take() {
                    out.push(Shape::Heading(n, s));
                }
            }
            Event::Start(Tag::Table(_)) => table = Some((0, 0, 0)),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut table {
                    t.2 = 0;
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = &mut table {
                    t.2 += 1;
                }
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let Some(t) = &mut table {
                    t.0 += 1;
                    t.1 = t.1.max(t.2);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((r, c, _)) = table.take() {
                    out.push(Shape::Table(r, c));
                }
            }
            _ => {}
        }
    }
    out
}

/// Everything a person can type, at its nastiest.
fn hostile() -> String {
    let mut s = String::from(
        "# Not a heading\n## Nor this\n| not | a | table |\n| --- | --- | --- |\n`code` and ```fences```\n<script>alert(1)</script>\n[link](http://example.org) ![img](x.png)\n---\n===\n- not a list\n1. not a list either\n> not a quote\n    not code\n**not bold** _not italic_ ~~not struck~~ $x$ &amp; \\ backslash\nLlanfair Ynys Môn ✓🙂 naïve café ",
    );
    s.push_str(&"x".repeat(200));
    s.push('\n');
    for i in 0..1000 {
        s.push_str(&format!("pasted line {i} | with a pipe\n"));
    }
    s
}

/// A workbook where every field a person types holds hostile text.
fn hostile_workbook() -> Workbook {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
    let h = hostile();
    let mut wb = Workbook::new(fw, &format!("Council {}", "# | <b>"), "Review [x](y) `z`");
    wb.review.focus = vec![h.clone(), "| a | b |".into()];
    wb.review.team.push(workbook::TeamMember {
        name: "Name | with pipe".into(),
        role: Some("# role".into()),
        organisation: Some("<org>".into()),
        email: Some("a|b@example.org".into()),
        ..Default::default()
    });
    wb.evidence_mut().push(workbook::EvidenceItem {
        id: "ev-1".into(),
        title: "## evidence | title".into(),
        kind: workbook::EvidenceKind::Data,
        location: Some("[x](javascript:alert(1))".into()),
        note: Some(h.clone()),
        value: Some(1.0),
        comparator: Some("| comp |".into()),
        comparator_value: Some(2.0),
        ..Default::default()
    });
    wb.proud_of.push(workbook::CaseStudy {
        title: "# proud | of".into(),
        summary: Some(h.clone()),
        impact: Some("---".into()),
        ..Default::default()
    });
    let ids: Vec<String> = wb
        .framework
        .questions()
        .map(|(_, q)| q.id.clone())
        .collect();
    for id in &ids[..3] {
        let a = wb.answer_mut(id);
        a.status = Status::Draft;
        a.rating = Rating::Level(2);
        a.owner = Some("| owner".into());
        a.narrative = h.clone();
        a.strengths = vec![h.clone(), "# strength".into()];
        a.areas = vec!["| area |".into()];
        a.evidence = vec!["ev-1".into()];
    }
    wb
}

/// The same workbook with every typed field plain.
fn plain_workbook() -> Workbook {
    let mut wb = hostile_workbook();
    let plain = |s: &mut String| *s = "plain".to_string();
    plain(&mut wb.review.council);
    plain(&mut wb.review.title);
    wb.review.focus.iter_mut().for_each(plain);
    for m in &mut wb.review.team {
        plain(&mut m.name);
        m.role = Some("plain".into());
        m.organisation = Some("plain".into());
        m.email = Some("plain".into());
    }
    for e in wb.evidence_mut() {
        plain(&mut e.title);
        e.location = Some("plain".into());
        e.note = Some("plain".into());
        e.comparator = Some("plain".into());
    }
    for c in &mut wb.proud_of {
        plain(&mut c.title);
        c.summary = Some("plain".into());
        c.impact = Some("plain".into());
    }
    for a in &mut wb.answers {
        if a.status == Status::Draft {
            a.owner = Some("plain".into());
            plain(&mut a.narrative);
            a.strengths.iter_mut().for_each(plain);
            a.areas.iter_mut().for_each(plain);
        }
    }
    wb
}

fn structure_only(shapes: Vec<Shape>) -> Vec<Shape> {
    // Headings made of typed text differ in their words, not in their place.
    shapes
        .into_iter()
        .map(|s| match s {
            Shape::Heading(n, t) if t.contains("plain") || t.contains('#') || t.contains('|') => {
                Shape::Heading(n, "(typed)".into())
            }
            other => other,
        })
        .collect()
}

#[test]
fn hostile_text_does_not_change_the_structure_of_the_markdown() {
    for pack in [Pack::SelfAssessment, Pack::Summary] {
        let hostile = outline(&md(&hostile_workbook(), pack));
        let plain = outline(&md(&plain_workbook(), pack));
        assert!(plain.len() > 5, "{plain:?}");
        assert_eq!(
            structure_only(hostile),
            structure_only(plain),
            "{pack:?}: hostile text changed the headings or tables"
        );
    }
}

#[test]
fn hostile_text_comes_through_as_text() {
    let out = md(&hostile_workbook(), Pack::SelfAssessment);
    // Rendered to HTML, the typed markup is text: no script element, no
    // link to javascript, no image.
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        Parser::new_ext(&out, pulldown_cmark::Options::ENABLE_TABLES),
    );
    assert!(!html.contains("<script>"), "a script element got through");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("href=\"http://example.org\""));
    assert!(!html.contains("href=\"javascript"));
    assert!(
        html.contains("javascript:alert(1)"),
        "the typed link is kept as text"
    );
    assert!(!html.contains("<img"));
    assert!(html.contains("Llanfair Ynys Môn ✓🙂 naïve café"));
    // The thousand-line paste is all there, in order, once per place it
    // was typed (narratives of three questions, a focus question, a note,
    // a strength for each of three questions and a case study).
    let last = "pasted line 999 \\| with a pipe";
    assert_eq!(
        out.matches(last).count(),
        3 + 1 + 1 + 3 + 1,
        "count of the last pasted line"
    );
    let text: String = Parser::new(&out)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect();
    assert!(text.contains("pasted line 999 | with a pipe"));
    assert!(text.contains("# Not a heading"));
}

#[test]
fn every_answer_appears_once_where_it_belongs() {
    let wb = seed("suffolk-reablement-2016.yaml");
    let out = md(&wb, Pack::SelfAssessment);
    for a in &wb.answers {
        for s in &a.strengths {
            let escaped = peerbook::export::markdown::escape_line(s);
            assert_eq!(out.matches(&escaped).count(), 1, "strength {s:?}");
        }
        if let Some(first) = a.narrative.lines().find(|l| !l.trim().is_empty()) {
            let escaped = peerbook::export::markdown::escape_line(first);
            assert_eq!(
                out.matches(&escaped).count(),
                1,
                "narrative of {}",
                a.question
            );
        }
    }
    // Sections in the order the issue gives.
    let order = [
        "## Contents",
        "## Focus of the review",
        "## How to read this pack",
        "## Summary",
        "## Person centred and outcome focused",
        "## Performance data",
        "## What we're proud of",
        "## Evidence index",
        "## Gaps",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|h| out.find(h).unwrap_or_else(|| panic!("{h} missing")))
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "sections out of order");
    assert!(out.contains("```mermaid\nxychart-beta"));
    assert!(
        out.contains("KLOE 12: How well do we ensure"),
        "the gap is listed"
    );
}

#[test]
fn exports_are_deterministic() {
    // Rendered here, and written by two runs of the binary: a difference
    // between processes (an address, a hash order, the clock) shows as a
    // difference between the three.
    let name = "halton-intermediate-care-2019.yaml";
    let wb = seed(name);
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    fs::copy(support::seed_path(name), home.join(name)).unwrap();
    let date = opts().produced.format("%Y-%m-%d").to_string();
    for (pack, pack_arg) in [
        (Pack::SelfAssessment, "self-assessment"),
        (Pack::Summary, "summary"),
    ] {
        for (format, format_arg) in [(Format::Markdown, "md"), (Format::Docx, "docx")] {
            // The binary names its user as the Word file's author.
            let user = support::bin::USER;
            let here = export::render_by(&wb, pack, format, &opts(), user);
            assert_eq!(
                here,
                export::render_by(&wb, pack, format, &opts(), user),
                "{pack:?} {format:?}"
            );
            for run in 1..=2 {
                let out = format!("{pack_arg}-{run}.{format_arg}");
                let o = bin(
                    home,
                    &[
                        "export", name, "--pack", pack_arg, "--format", format_arg, "--date",
                        &date, "--out", &out,
                    ],
                );
                assert!(o.status.success(), "{}", support::bin::text(&o));
                let written = fs::read(home.join(&out)).unwrap();
                assert!(
                    written == here,
                    "{pack:?} {format:?}: run {run} of the binary wrote other bytes than this process rendered"
                );
            }
        }
    }
}

#[test]
fn findings_only_packs_say_so_and_show_no_scores() {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("somerset-asc-2013").unwrap().clone();
    let wb = Workbook::new(fw, "Somerset County Council", "Peer challenge");
    let out = md(&wb, Pack::SelfAssessment);
    assert!(out.contains("findings-only"));
    assert!(!out.contains("| Score |"));
    assert!(!out.contains("```mermaid"));
}

fn bin(home: &Path, args: &[&str]) -> std::process::Output {
    support::bin::peerbook(home, args)
        .env("PEERBOOK_EXPORT_DATE", "2026-11-22")
        .output()
        .unwrap()
}

#[test]
fn the_export_command_writes_beside_the_workbook_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let wb = dir.path().join("suffolk.yaml");
    fs::copy(root().join("seeds/suffolk-reablement-2016.yaml"), &wb).unwrap();
    let out = bin(
        dir.path(),
        &[
            "export",
            "suffolk.yaml",
            "--pack",
            "self-assessment",
            "--format",
            "md",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let expected_name = "suffolk-county-council-reablement-self-assessment-2016-illustrative-example-self-assessment.md";
    assert_eq!(printed.trim(), expected_name);
    let written = fs::read_to_string(dir.path().join(expected_name)).unwrap();
    assert_eq!(
        written,
        md(&seed("suffolk-reablement-2016.yaml"), Pack::SelfAssessment)
    );
    // Again: refused, file unchanged.
    let again = bin(
        dir.path(),
        &[
            "export",
            "suffolk.yaml",
            "--pack",
            "self-assessment",
            "--format",
            "md",
        ],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    // With --force and a docx.
    let d = bin(
        dir.path(),
        &[
            "export",
            "suffolk.yaml",
            "--pack",
            "summary",
            "--format",
            "docx",
            "--out",
            "s.docx",
            "--force",
        ],
    );
    assert!(d.status.success(), "{}", String::from_utf8_lossy(&d.stderr));
    assert!(fs::metadata(dir.path().join("s.docx")).unwrap().len() > 0);
    // A pack needs --pack; a bad date is refused.
    let no_pack = bin(dir.path(), &["export", "suffolk.yaml", "--format", "md"]);
    assert!(String::from_utf8_lossy(&no_pack.stderr).contains("--pack"));
    let bad = bin(
        dir.path(),
        &[
            "export",
            "suffolk.yaml",
            "--pack",
            "summary",
            "--format",
            "md",
            "--date",
            "2026-02-30",
            "--out",
            "x.md",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a real date"));
}

#[test]
fn export_file_names_stay_in_the_folder() {
    let mut wb = seed("suffolk-reablement-2016.yaml");
    wb.review.council = "../../etc".into();
    wb.review.title = "/passwd\0".into();
    let name = export::file_name(&wb, Pack::Summary, Format::Docx);
    assert_eq!(name, "etc-passwd-summary.docx");
    assert!(!name.contains('/'));
}
