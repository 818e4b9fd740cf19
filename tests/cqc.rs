//! Issue 15: the bundled CQC local authority assessment framework, evidence
//! categories (loader errors, workbook tags, readiness in status and the
//! pack), and a CQC workbook through CSV and merge with its tags intact.

mod support;

use std::fs;

use peerbook::diag::Diagnostic;
use peerbook::framework::registry::Registry;
use peerbook::framework::{Method, Origin, Rounding, load_text};
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
        ["QS1", "QS2", "QS3", "QS4", "QS5", "QS6", "QS7", "QS8", "QS9"]
    );
    let names: Vec<&str> = fw.questions().map(|(_, q)| q.text.as_str()).collect();
    assert_eq!(names[0], "Assessing needs");
    assert_eq!(names[6], "Safeguarding");
    assert_eq!(names[8], "Learning, improvement and innovation");
    for (_, q) in fw.questions() {
        assert!(!q.prompts.is_empty(), "{} has I statements", q.id);
        assert!(!q.evidence.is_empty(), "{} suggests evidence", q.id);
        let we = q.guidance.as_deref().unwrap_or_default();
        assert!(we.starts_with("\"We "), "{} opens with its we statement", q.id);
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

// -------------------------------------------- evidence_categories errors

const HEAD: &str = "kind: framework\nformat: 1\nid: t\nversion: \"1\"\ntitle: T\n";

fn errors(body: &str) -> Vec<Diagnostic> {
    let text = format!("{HEAD}{body}");
    let (fw, diags) = load_text(
        "kloe/t.yaml",
        text.as_bytes(),
        Origin::File("kloe/t.yaml".into()),
    );
    assert!(fw.is_none(), "should not load:\n{text}");
    let errs: Vec<Diagnostic> = diags.errors().cloned().collect();
    for e in &errs {
        assert_eq!(e.file, "kloe/t.yaml");
        assert!(e.help.is_some(), "every error says how to fix it: {e}");
    }
    errs
}

fn one_error(body: &str) -> Diagnostic {
    let errs = errors(body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    errs.into_iter().next().unwrap()
}

fn at(d: &Diagnostic) -> (usize, usize) {
    (d.pos.line, d.pos.col)
}

const ONE_DOMAIN: &str = "domains:\n  - id: d\n    title: D\n    questions:\n      - id: q\n        text: Q\n";

#[test]
fn categories_load_and_a_question_defaults_to_all_of_them() {
    let text = format!(
        "{HEAD}evidence_categories:\n  - id: a\n    label: A\n  - {{ id: b, label: B, description: Bee }}\n{ONE_DOMAIN}        evidence_categories: [b]\n      - id: q2\n        text: Q2\n"
    );
    let (fw, diags) = load_text("t.yaml", text.as_bytes(), Origin::File("t.yaml".into()));
    assert!(diags.0.is_empty(), "{diags}");
    let fw = fw.unwrap();
    assert_eq!(fw.evidence_categories.len(), 2);
    assert_eq!(fw.evidence_categories[1].description.as_deref(), Some("Bee"));
    assert_eq!(fw.question("q").unwrap().1.evidence_categories, ["b"]);
    assert_eq!(fw.question("q2").unwrap().1.evidence_categories, ["a", "b"]);
}

#[test]
fn an_unknown_key_in_a_category_is_refused_with_the_nearest_name() {
    let errs = errors(&format!(
        "evidence_categories:\n  - id: a\n    lable: A\n{ONE_DOMAIN}"
    ));
    // The misspelt key, where it was written, and the label it leaves out.
    let e = errs.iter().find(|e| e.message.contains("'lable'")).unwrap();
    assert_eq!(e.message, "unknown key 'lable' in an evidence category");
    assert!(e.help.as_deref().unwrap().contains("did you mean 'label'?"), "{e}");
    assert_eq!(at(e), (8, 5));
    assert!(errs.iter().any(|e| e.message.contains("required key 'label'")));
}

#[test]
fn a_category_declared_twice_is_refused_at_the_second() {
    let e = one_error(&format!(
        "evidence_categories:\n  - {{ id: a, label: A }}\n  - {{ id: a, label: Again }}\n{ONE_DOMAIN}"
    ));
    assert!(e.message.contains("declared twice (first at line 7)"), "{e}");
    assert_eq!(at(&e), (8, 11));
    assert!(e.help.as_deref().unwrap().contains("its own id"), "{e}");
}

#[test]
fn a_category_id_that_is_not_a_slug_is_refused() {
    let e = one_error(&format!(
        "evidence_categories:\n  - {{ id: People Experience, label: A }}\n{ONE_DOMAIN}"
    ));
    assert!(e.message.contains("is not a slug"), "{e}");
    assert_eq!(at(&e), (7, 11));
}

#[test]
fn a_question_naming_an_undeclared_category_gets_the_declared_list() {
    let e = one_error(&format!(
        "evidence_categories:\n  - {{ id: processes, label: Processes }}\n  - {{ id: partners, label: Partners }}\n{ONE_DOMAIN}        evidence_categories: [processes, proceses]\n"
    ));
    assert!(
        e.message
            .contains("evidence category 'proceses' is not declared"),
        "{e}"
    );
    assert_eq!(at(&e), (15, 42));
    let help = e.help.unwrap();
    assert!(help.contains("did you mean 'processes'?"), "{help}");
    assert!(help.contains("declared categories: processes, partners"), "{help}");
}

#[test]
fn a_question_naming_a_category_twice_is_refused() {
    let e = one_error(&format!(
        "evidence_categories:\n  - {{ id: a, label: A }}\n{ONE_DOMAIN}        evidence_categories:\n          - a\n          - a\n"
    ));
    assert!(e.message.contains("named twice"), "{e}");
    assert_eq!(at(&e), (16, 13));
}

#[test]
fn question_categories_without_a_declaration_are_refused() {
    let e = one_error(&format!("{ONE_DOMAIN}        evidence_categories: [a]\n"));
    assert!(e.message.contains("the framework declares none"), "{e}");
    assert_eq!(at(&e), (12, 30));
    assert!(
        e.help
            .as_deref()
            .unwrap()
            .contains("under `evidence_categories:`")
    );
}

#[test]
fn an_empty_category_list_is_refused() {
    let e = one_error(&format!("evidence_categories: []\n{ONE_DOMAIN}"));
    assert!(e.message.contains("'evidence_categories' is empty"), "{e}");
    assert_eq!(at(&e).0, 6);
}

#[test]
fn a_category_without_a_label_is_refused() {
    let e = one_error(&format!("evidence_categories:\n  - id: a\n{ONE_DOMAIN}"));
    assert!(e.message.contains("label"), "{e}");
    assert_eq!(at(&e).0, 7);
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
    rate(&env, "wb.yaml", &["1", "1", "1", "1", "2", "2", "2", "2", "2"]);
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 38.9);
    assert_eq!(v["overall"]["band"], "Requires improvement");
    // 20 of 32 (QS9 N/A): 62.5 is rounded to 63, Good.
    rate(&env, "wb.yaml", &["2", "2", "2", "2", "3", "3", "3", "3", "N/A"]);
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 62.5);
    assert_eq!(v["overall"]["rated"], 8);
    assert_eq!(v["overall"]["band"], "Good");
    // 28 of 32: 87.5 is rounded to 88, Outstanding.
    rate(&env, "wb.yaml", &["4", "4", "4", "4", "3", "3", "3", "3", "N/A"]);
    let v = status_json(&env, "wb.yaml");
    assert_eq!(v["overall"]["score"], 87.5);
    assert_eq!(v["overall"]["band"], "Outstanding");
    // 12 of 32: 37.5 rounds to 38, still Inadequate.
    rate(&env, "wb.yaml", &["1", "1", "1", "1", "2", "2", "2", "2", "N/A"]);
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
