//! Issue 15: the bundled CQC local authority assessment framework, evidence
//! categories on workbooks (tags, readiness in status and the pack), a CQC
//! workbook through CSV and merge with its tags intact, provisional scores,
//! and the bundled frameworks' provenance and fidelity fixes. The loader's
//! errors for `evidence_categories` are in `evidence_categories.rs`.
//!
//! (Over 600 lines: one case per behaviour of the issue, sharing the
//! helpers that make and tag a CQC workbook through the real binary.)

mod support;

use std::fs;

use peerbook::framework::registry::Registry;
use peerbook::framework::{Method, Rounding};
use support::bin::Home;

const CQC: &str = "cqc-local-authority-assessment";

// ------------------------------------------------------- the framework

#[test]
fn cqc_framework_has_its_themes_statements_scale_bands_and_categories() {
    let reg = Registry::load(&[]);
    let fw = reg.resolve(CQC).unwrap();
    assert!(reg.broken.is_empty(), "{:?}", reg.broken);
    let themes: Vec<&str> = fw.domains.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        themes,
        [
            "Working with people",
            "Providing support",
            "How the local authority ensures safety within the system",
            "Leadership"
        ]
    );
    let per_theme: Vec<usize> = fw.domains.iter().map(|d| d.questions.len()).collect();
    assert_eq!(per_theme, [3, 2, 2, 2]);
    let ids: Vec<&str> = fw.questions().map(|(_, q)| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "QS1", "QS2", "QS3", "QS4", "QS5", "QS6", "QS7", "QS8", "QS9"
        ]
    );
    let names: Vec<&str> = fw.questions().map(|(_, q)| q.text.as_str()).collect();
    assert_eq!(names[0], "Assessing needs");
    assert_eq!(names[6], "Safeguarding");
    assert_eq!(names[8], "Learning, improvement and innovation");
    for (_, q) in fw.questions() {
        assert!(!q.prompts.is_empty(), "{} has I statements", q.id);
        assert!(!q.evidence.is_empty(), "{} suggests evidence", q.id);
        let we = q.guidance.as_deref().unwrap_or_default();
        assert!(
            we.starts_with("\"We "),
            "{} opens with its we statement",
            q.id
        );
    }
    let scale = fw.scale.as_ref().unwrap();
    let labels: Vec<&str> = scale.levels.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Significant shortfalls",
            "Some shortfalls",
            "Good standard",
            "Exceptional standard"
        ]
    );
    let scoring = fw.scoring.as_ref().unwrap();
    assert_eq!(scoring.method, Method::PercentOfMax);
    assert_eq!(scoring.rounding, Rounding::Nearest);
    let bands: Vec<(f64, &str)> = scoring
        .bands
        .iter()
        .map(|b| (b.from, b.label.as_str()))
        .collect();
    assert_eq!(
        bands,
        [
            (88.0, "Outstanding"),
            (63.0, "Good"),
            (39.0, "Requires improvement"),
            (25.0, "Inadequate")
        ]
    );
    let cats: Vec<&str> = fw
        .evidence_categories
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        cats,
        [
            "peoples-experience",
            "staff-leaders",
            "partners",
            "processes",
            "outcomes"
        ]
    );
    let outcomes = fw.evidence_category("outcomes").unwrap();
    assert!(
        outcomes
            .description
            .as_deref()
            .unwrap()
            .contains("does not currently apply")
    );
    // Every statement maps to CBO standards that exist, except safeguarding.
    let cbo = reg.resolve("cbo-standards").unwrap();
    for (_, q) in fw.questions() {
        for m in &q.maps_to {
            assert_eq!(m.framework, "cbo-standards");
            assert!(cbo.question(&m.question).is_some(), "{}", m.question);
        }
    }
    assert!(fw.question("QS7").unwrap().1.maps_to.is_empty());
    let notes = fw.notes.as_deref().unwrap();
    assert!(notes.contains("peerbook's"), "{notes}");
    assert!(notes.contains("rounds half up"), "{notes}");
}

// ----------------------------------------------------------- workbooks

fn new_cqc(env: &Home, out: &str) {
    env.ok(&[
        "new",
        "--framework",
        CQC,
        "--council",
        "Anyshire County Council",
        "--title",
        "CQC self-assessment",
        "--out",
        out,
    ]);
}

/// Rates the nine statements through a CSV import (an empty rating leaves
/// a statement unrated).
fn rate(env: &Home, wb: &str, ratings: &[&str]) {
    let mut csv = String::from("ref,rating\n");
    for (i, r) in ratings.iter().enumerate() {
        csv.push_str(&format!("QS{},{r}\n", i + 1));
    }
    fs::write(env.path("r.csv"), csv).unwrap();
    env.ok(&["import", wb, "r.csv"]);
}

fn status_json(env: &Home, wb: &str) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["status", wb, "--format", "json"])).unwrap()
}

#[test]
fn cqc_band_edges_through_status_json() {
    let env = Home::new();
    new_cqc(&env, "wb.yaml");
    // 14 of 36: 38.9, rounded half up to 39, is Requires improvement.
    rate(
        &env,
        "wb.yaml",
        &["1", "1", "1", "1", "2", "2", "2", "2", "2"],
    );
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 38.9);
    assert_eq!(v["overall"]["band"], "Requires improvement");
    // 20 of 32 (QS9 N/A): 62.5 is rounded to 63, Good.
    rate(
        &env,
        "wb.yaml",
        &["2", "2", "2", "2", "3", "3", "3", "3", "N/A"],
    );
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 62.5);
    assert_eq!(v["overall"]["rated"], 8);
    assert_eq!(v["overall"]["band"], "Good");
    // 28 of 32: 87.5 is rounded to 88, Outstanding.
    rate(
        &env,
        "wb.yaml",
        &["4", "4", "4", "4", "3", "3", "3", "3", "N/A"],
    );
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 87.5);
    assert_eq!(v["overall"]["band"], "Outstanding");
    // 12 of 32: 37.5 rounds to 38, still Inadequate.
    rate(
        &env,
        "wb.yaml",
        &["1", "1", "1", "1", "2", "2", "2", "2", "N/A"],
    );
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 37.5);
    assert_eq!(v["overall"]["band"], "Inadequate");
    // Every statement at 1 is the floor, 25.
    rate(&env, "wb.yaml", &["1"; 9]);
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 25.0);
    assert_eq!(v["overall"]["band"], "Inadequate");
}

/// Nine statements can never score exactly 88; a framework with CQC's
/// scoring block, copied from the bundled file, and 25 questions can.
#[test]
fn exactly_88_is_outstanding_and_87_is_good() {
    let cqc = include_str!("../kloe/cqc-local-authority-assessment.yaml");
    let start = cqc.find("scale: cqc-4").unwrap();
    let end = cqc.find("evidence_categories:").unwrap();
    let mut fw = format!(
        "kind: framework\nformat: 1\nid: cqc-25\nversion: \"1\"\ntitle: T\n{}domains:\n  - id: d\n    title: D\n    questions:\n",
        &cqc[start..end]
    );
    for i in 1..=25 {
        fw.push_str(&format!("      - id: \"{i}\"\n        text: Q{i}\n"));
    }
    let env = Home::new();
    fs::create_dir_all(env.path("kloe")).unwrap();
    env.write("kloe/cqc-25.yaml", fw.as_bytes());
    env.ok(&[
        "new",
        "--framework",
        "cqc-25",
        "--council",
        "C",
        "--title",
        "T",
        "--out",
        "wb.yaml",
    ]);
    let set = |fours: usize, threes: usize| {
        let mut csv = String::from("ref,rating\n");
        for i in 1..=25 {
            let r = if i <= fours {
                "4"
            } else if i <= fours + threes {
                "3"
            } else {
                "2"
            };
            csv.push_str(&format!("{i},{r}\n"));
        }
        fs::write(env.path("r.csv"), csv).unwrap();
        env.ok(&["import", "wb.yaml", "r.csv"]);
        status_json(&env, "wb.yaml")
    };
    // 13 × 4 + 12 × 3 = 88 of 100.
    let v = set(13, 12);
    assert_eq!(v["overall"]["score"], 88.0);
    assert_eq!(v["overall"]["band"], "Outstanding");
    // 12 × 4 + 13 × 3 = 87 of 100.
    let v = set(12, 13);
    assert_eq!(v["overall"]["score"], 87.0);
    assert_eq!(v["overall"]["band"], "Good");
}

// ---------------------------------------------- tagged evidence, readiness

fn load(env: &Home, name: &str) -> peerbook::workbook::Workbook {
    let bytes = fs::read(env.path(name)).unwrap();
    peerbook::workbook::from_text(name, &bytes).unwrap().0
}

fn save(env: &Home, name: &str, wb: &peerbook::workbook::Workbook) {
    fs::write(env.path(name), peerbook::workbook::to_text(wb)).unwrap();
}

/// A CQC workbook whose QS1 cites a carers' survey (people's experience)
/// and a policy (processes), and whose QS2 cites a staff survey.
fn tagged(env: &Home) {
    new_cqc(env, "wb.yaml");
    let mut wb = load(env, "wb.yaml");
    let item = |id: &str, title: &str, cats: &[&str]| peerbook::workbook::EvidenceItem {
        id: id.into(),
        title: title.into(),
        categories: cats.iter().map(|c| c.to_string()).collect(),
        ..Default::default()
    };
    wb.evidence_mut()
        .push(item("ev-1", "Carers' survey 2024", &["peoples-experience"]));
    wb.evidence_mut()
        .push(item("ev-2", "Assessment policy", &["processes"]));
    wb.evidence_mut().push(item(
        "ev-3",
        "Staff survey",
        &["staff-leaders", "processes"],
    ));
    wb.answer_mut("QS1").evidence = vec!["ev-1".into(), "ev-2".into()];
    wb.answer_mut("QS2").evidence = vec!["ev-3".into()];
    save(env, "wb.yaml", &wb);
}

#[test]
fn tagged_evidence_is_written_and_read_back() {
    let env = Home::new();
    tagged(&env);
    let text = fs::read_to_string(env.path("wb.yaml")).unwrap();
    assert!(text.contains("categories:"), "{text}");
    let wb = load(&env, "wb.yaml");
    assert_eq!(wb.evidence[2].categories, ["staff-leaders", "processes"]);
    env.ok(&["validate", "wb.yaml"]);
}

#[test]
fn an_unknown_category_on_evidence_is_an_error_with_the_declared_list() {
    let env = Home::new();
    tagged(&env);
    let text = fs::read_to_string(env.path("wb.yaml")).unwrap();
    let bad = text.replacen("- peoples-experience", "- peoples-experiance", 1);
    assert_ne!(bad, text);
    env.write("wb.yaml", bad.as_bytes());
    let line = bad
        .lines()
        .position(|l| l.contains("peoples-experiance"))
        .unwrap()
        + 1;
    let (_, msg) = env.fails(&["validate", "wb.yaml"]);
    assert!(
        msg.contains(&format!("wb.yaml:{line}:")),
        "names the line {line}: {msg}"
    );
    assert!(
        msg.contains("evidence category 'peoples-experiance' is not one of the framework's"),
        "{msg}"
    );
    assert!(
        msg.contains("peoples-experience, staff-leaders, partners, processes, outcomes"),
        "{msg}"
    );
}

#[test]
fn readiness_in_status_text_and_json() {
    let env = Home::new();
    tagged(&env);
    let text = env.ok(&["status", "wb.yaml"]);
    assert!(
        text.contains("Readiness (linked evidence by category): 0 of 9 with every category"),
        "{text}"
    );
    assert!(
        text.contains(
            "QS1  People's experience 1, Processes 1; no evidence yet: Feedback from staff and leaders, Feedback from partners"
        ),
        "{text}"
    );
    assert!(
        text.contains("QS3  no evidence yet: People's experience, Feedback from staff and leaders, Feedback from partners, Processes"),
        "{text}"
    );
    let v = status_json(&env, "wb.yaml");
    let r = v["readiness"].as_array().unwrap();
    assert_eq!(r.len(), 9);
    assert_eq!(r[0]["ref"], "QS1");
    assert_eq!(r[0]["categories"][0]["id"], "peoples-experience");
    assert_eq!(r[0]["categories"][0]["label"], "People's experience");
    assert_eq!(r[0]["categories"][0]["evidence"], 1);
    assert_eq!(r[0]["categories"][3]["evidence"], 1);
    assert_eq!(
        r[0]["missing"],
        serde_json::json!(["staff-leaders", "partners"])
    );
    assert_eq!(
        r[1]["missing"],
        serde_json::json!(["peoples-experience", "partners"])
    );
}

#[test]
fn a_framework_without_categories_has_no_readiness_in_status() {
    let env = Home::new();
    env.ok(&[
        "new",
        "--framework",
        "suffolk-reablement-2016",
        "--council",
        "C",
        "--title",
        "T",
        "--out",
        "s.yaml",
    ]);
    assert!(!env.ok(&["status", "s.yaml"]).contains("Readiness"));
    assert!(status_json(&env, "s.yaml").get("readiness").is_none());
}

#[test]
fn the_self_assessment_pack_has_the_readiness_table_and_says_where_the_framework_comes_from() {
    let env = Home::new();
    tagged(&env);
    env.ok(&[
        "export",
        "wb.yaml",
        "--format",
        "md",
        "--pack",
        "self-assessment",
        "--out",
        "p.md",
        "--date",
        "2025-01-02",
    ]);
    let md = fs::read_to_string(env.path("p.md")).unwrap();
    assert!(md.contains("## Evidence readiness"), "{md}");
    assert!(
        md.contains("| Quality statement | People's experience | Feedback from staff and leaders | Feedback from partners | Processes |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| QS1: Assessing needs | 1 item | no evidence yet | no evidence yet | 1 item |"
        ),
        "{md}"
    );
    assert!(
        md.contains("0 of 9 have evidence in every category"),
        "{md}"
    );
    assert!(
        md.contains("Declared but asked of no quality statement: Outcomes."),
        "{md}"
    );
    let how = &md[md.find("## How to read this pack").unwrap()..];
    assert!(
        how.contains("The framework is based on: Care Quality Commission"),
        "{how}"
    );
    assert!(
        how.contains("What is the source's and what is peerbook's: The themes"),
        "{how}"
    );
}

#[test]
fn a_cqc_workbook_keeps_its_categories_through_csv_and_merge() {
    let env = Home::new();
    tagged(&env);
    // CSV: one row per statement; the evidence and its tags stay as they were.
    env.ok(&["export", "wb.yaml", "--format", "csv", "--out", "wb.csv"]);
    let csv = fs::read_to_string(env.path("wb.csv")).unwrap();
    let edited = csv.replacen("Assessing needs,", "Assessing needs,3", 1);
    assert_ne!(csv, edited, "{csv}");
    fs::write(env.path("wb.csv"), edited).unwrap();
    env.ok(&["import", "wb.yaml", "wb.csv"]);
    let wb = load(&env, "wb.yaml");
    assert_eq!(
        wb.answer("QS1").unwrap().rating,
        peerbook::workbook::Rating::Level(3)
    );
    assert_eq!(wb.evidence[0].categories, ["peoples-experience"]);
    assert_eq!(wb.evidence[2].categories, ["staff-leaders", "processes"]);
    // Merge: one copy tags a new item, the other retags an old one.
    fs::copy(env.path("wb.yaml"), env.path("a.yaml")).unwrap();
    fs::copy(env.path("wb.yaml"), env.path("b.yaml")).unwrap();
    let mut a = load(&env, "a.yaml");
    a.evidence_mut().push(peerbook::workbook::EvidenceItem {
        id: "ev-4".into(),
        title: "Partners' survey".into(),
        categories: vec!["partners".into()],
        ..Default::default()
    });
    a.answer_mut("QS1").evidence.push("ev-4".into());
    save(&env, "a.yaml", &a);
    let mut b = load(&env, "b.yaml");
    b.evidence_mut()[1].categories.push("staff-leaders".into());
    save(&env, "b.yaml", &b);
    env.ok(&["merge", "wb.yaml", "a.yaml", "b.yaml", "--out", "m.yaml"]);
    let m = load(&env, "m.yaml");
    let ev = |id: &str| {
        m.evidence
            .iter()
            .find(|e| e.id == id)
            .unwrap()
            .categories
            .clone()
    };
    assert_eq!(ev("ev-4"), ["partners"]);
    assert_eq!(ev("ev-2"), ["processes", "staff-leaders"]);
    assert_eq!(ev("ev-1"), ["peoples-experience"]);
    let v = status_json(&env, "m.yaml");
    // QS1 now has partners' feedback from one copy and staff and leaders'
    // from the other: every category it needs.
    assert_eq!(v["readiness"][0]["missing"], serde_json::json!([]));
    assert_eq!(v["readiness"][0]["categories"][1]["evidence"], 1);
}

// ------------------------------------------ provenance and fidelity fixes

#[test]
fn every_bundled_framework_says_what_is_its_sources_and_what_is_peerbooks() {
    let reg = Registry::load(&[]);
    for fw in &reg.frameworks {
        let notes = fw.notes.as_deref().unwrap_or_default();
        assert!(fw.source.is_some(), "{} has a source", fw.key());
        assert!(notes.contains("peerbook's"), "{}: {notes}", fw.key());
    }
    let notes = |id: &str| reg.resolve(id).unwrap().notes.clone().unwrap();
    assert!(notes("suffolk-reablement-2016").contains("the four-point cqc-4 scale"));
    assert!(notes("halton-intermediate-care-2019").contains("the four-point cqc-4 scale"));
    assert!(
        notes("wessex-rehabilitation-principles").contains("the three domains here are peerbook's")
    );
    assert!(notes("wessex-rehabilitation-principles").contains("maturity-3 scale is peerbook's"));
    assert!(notes("halton-intermediate-care-2019").contains("eighteen"));
    assert!(notes("somerset-asc-2013").contains("seventeen lines of enquiry"));
}

#[test]
fn halton_has_workforce_under_well_led_and_the_lines_its_report_covers() {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("halton-intermediate-care-2019").unwrap();
    let (d, q) = fw.question("15").unwrap();
    assert_eq!(d.id, "well-led");
    assert!(q.text.contains("workforce planning"));
    let resources: Vec<&str> = fw.domains[4]
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(resources, ["13", "14"]);
    let text = |id: &str| fw.question(id).unwrap().1.text.to_lowercase();
    assert!(text("16").contains("mental health"));
    assert!(text("17").contains("trusted assessor"));
    assert!(text("18").contains("end of life"));
    assert_eq!(fw.question_count(), 18);
}

#[test]
fn somerset_covers_safeguarding_dementia_and_extra_care_housing() {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("somerset-asc-2013").unwrap();
    let all: String = fw
        .questions()
        .map(|(_, q)| q.text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    for topic in ["safeguarding", "dementia", "extra care housing"] {
        assert!(all.contains(topic), "{topic}");
    }
    assert_eq!(fw.question_count(), 20, "3 scoping questions and 17 lines");
}

#[test]
fn seeds_made_from_the_earlier_frameworks_still_validate() {
    let env = Home::new();
    for seed in [
        "halton-intermediate-care-2019.yaml",
        "suffolk-reablement-2016.yaml",
        "suffolk-reablement-2016-onsite.yaml",
    ] {
        let path = support::seed_path(seed);
        let out = env.ok(&["validate", path.to_str().unwrap()]);
        assert!(out.contains("valid workbook"), "{seed}: {out}");
    }
}

#[test]
fn frameworks_long_shows_source_and_notes() {
    let env = Home::new();
    let out = env.ok(&["frameworks", "--long"]);
    assert!(out.contains("cqc-local-authority-assessment@2024"), "{out}");
    assert!(out.contains("  Source: Care Quality Commission"), "{out}");
    assert!(
        out.contains("  Notes: The themes, the nine quality statements"),
        "{out}"
    );
    assert!(
        out.contains("Evidence categories: People's experience, Feedback from staff and leaders"),
        "{out}"
    );
    // The short table is still there after the long listing.
    assert!(out.contains("FRAMEWORK"), "{out}");
}

// ------------------------------------------------- provisional scores

#[test]
fn a_score_resting_on_little_is_provisional_wherever_it_is_shown() {
    let env = Home::new();
    new_cqc(&env, "wb.yaml");
    // Working with people: QS1 only of three; Providing support: both.
    rate(&env, "wb.yaml", &["3", "", "", "2", "3", "", "", "", ""]);
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["domains"][0]["rated"], 1);
    assert_eq!(v["domains"][0]["provisional"], true);
    assert!(
        v["domains"][1].get("provisional").is_none(),
        "{}",
        v["domains"][1]
    );
    // Overall: 3 of 9 rated.
    assert_eq!(v["overall"]["provisional"], true);
    let text = env.ok(&["status", "wb.yaml"]);
    assert!(
        text.contains("75.0  Good (provisional: 1 of 3 rated)"),
        "{text}"
    );
    assert!(text.contains("62.5  Good\n"), "{text}");
    env.ok(&[
        "export",
        "wb.yaml",
        "--format",
        "md",
        "--pack",
        "summary",
        "--out",
        "s.md",
        "--date",
        "2025-01-02",
    ]);
    let md = fs::read_to_string(env.path("s.md")).unwrap();
    assert!(
        md.contains("Overall score 66.7: Good (provisional: 3 of 9 rated)."),
        "{md}"
    );
    assert!(
        md.contains("| 1/3 | 75.0 | Good (provisional: 1 of 3 rated) |"),
        "{md}"
    );
    env.ok(&[
        "export",
        "wb.yaml",
        "--format",
        "md",
        "--pack",
        "self-assessment",
        "--out",
        "p.md",
        "--date",
        "2025-01-02",
    ]);
    let md = fs::read_to_string(env.path("p.md")).unwrap();
    assert!(md.contains("so 62.5 counts as 63"), "{md}");
    assert!(md.contains("Good (provisional: 1 of 3 rated)"), "{md}");
}

// ---------------------------------------------------- pack fixes

fn pack_of(wb: &peerbook::workbook::Workbook) -> String {
    let opts = peerbook::export::Options {
        produced: chrono::NaiveDate::from_ymd_opt(2025, 1, 2).unwrap(),
    };
    let doc = peerbook::export::pack::self_assessment(wb, &opts);
    peerbook::export::markdown::render(&doc)
}

#[test]
fn the_performance_table_keeps_the_leeds_measures_domain_grouping() {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("leeds-better-lives-metrics").unwrap().clone();
    let mut wb = peerbook::workbook::Workbook::new(fw, "Leeds City Council", "Self-assessment");
    for (id, v) in [
        ("resolved-at-contact", 41.0),
        ("carers-direct-payments", 70.0),
    ] {
        wb.metrics.push(peerbook::workbook::MetricValue {
            metric: id.into(),
            value: Some(v),
            comparator_value: Some(50.0),
            ..Default::default()
        });
    }
    let md = pack_of(&wb);
    assert!(md.contains("| Group | Measure | Value |"), "{md}");
    assert!(
        md.contains("| Better Conversations | New referrals"),
        "{md}"
    );
    let carers = reg
        .resolve("leeds-better-lives-metrics")
        .unwrap()
        .metrics
        .iter()
        .find(|m| m.id == "carers-direct-payments")
        .unwrap()
        .group
        .clone()
        .unwrap();
    assert!(md.contains(&format!("| {carers} | Carers using")), "{md}");
    // 41 against 50 where higher is better.
    assert!(md.contains("Worse than comparator"), "{md}");
}

#[test]
fn a_narrative_that_opens_with_where_we_are_gets_no_second_heading() {
    let reg = Registry::load(&[]);
    let fw = reg.resolve(CQC).unwrap().clone();
    let mut wb = peerbook::workbook::Workbook::new(fw, "C", "T");
    wb.answer_mut("QS1").narrative = "Where we are: waiting lists are falling.".into();
    wb.answer_mut("QS2").narrative = "Prevention is our strength.".into();
    let md = pack_of(&wb);
    let qs1 = &md[md.find("### QS1").unwrap()..md.find("### QS2").unwrap()];
    assert!(!qs1.contains("**Where we are**"), "{qs1}");
    assert!(
        qs1.contains("Where we are: waiting lists are falling."),
        "{qs1}"
    );
    let qs2 = &md[md.find("### QS2").unwrap()..md.find("### QS3").unwrap()];
    assert!(qs2.contains("**Where we are**"), "{qs2}");
}
