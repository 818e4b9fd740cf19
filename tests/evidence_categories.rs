//! Issue 15: `evidence_categories` in framework files, as the loader reads
//! them: a valid declaration, and each mistake refused with its file, line,
//! column and a fix.

use peerbook::diag::Diagnostic;
use peerbook::framework::{Origin, load_text};

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

const ONE_DOMAIN: &str =
    "domains:\n  - id: d\n    title: D\n    questions:\n      - id: q\n        text: Q\n";

#[test]
fn categories_load_and_a_question_defaults_to_all_of_them() {
    let text = format!(
        "{HEAD}evidence_categories:\n  - id: a\n    label: A\n  - {{ id: b, label: B, description: Bee }}\n{ONE_DOMAIN}        evidence_categories: [b]\n      - id: q2\n        text: Q2\n"
    );
    let (fw, diags) = load_text("t.yaml", text.as_bytes(), Origin::File("t.yaml".into()));
    assert!(diags.0.is_empty(), "{diags}");
    let fw = fw.unwrap();
    assert_eq!(fw.evidence_categories.len(), 2);
    assert_eq!(
        fw.evidence_categories[1].description.as_deref(),
        Some("Bee")
    );
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
    assert!(
        e.help.as_deref().unwrap().contains("did you mean 'label'?"),
        "{e}"
    );
    assert_eq!(at(e), (8, 5));
    assert!(
        errs.iter()
            .any(|e| e.message.contains("required key 'label'"))
    );
}

#[test]
fn a_category_declared_twice_is_refused_at_the_second() {
    let e = one_error(&format!(
        "evidence_categories:\n  - {{ id: a, label: A }}\n  - {{ id: a, label: Again }}\n{ONE_DOMAIN}"
    ));
    assert!(
        e.message.contains("declared twice (first at line 7)"),
        "{e}"
    );
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
    assert!(
        help.contains("declared categories: processes, partners"),
        "{help}"
    );
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
