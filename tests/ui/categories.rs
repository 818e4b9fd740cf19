//! Issue 15: tagging evidence with the framework's evidence categories on
//! the Evidence screen, and the Dashboard's readiness lines.

use super::harness::*;
use peerbook::framework::registry::Registry;
use peerbook::store::session::Doc;
use peerbook::tui::app::App;
use peerbook::workbook::{EvidenceItem, Workbook};

/// A CQC workbook with one evidence item, cited by QS1.
fn cqc() -> (App, tempfile::TempDir) {
    let reg = Registry::load(&[]);
    let fw = reg
        .resolve("cqc-local-authority-assessment")
        .unwrap()
        .clone();
    let mut wb = Workbook::new(fw, "Anyshire County Council", "CQC self-assessment");
    wb.evidence_mut().push(EvidenceItem {
        id: "ev-1".into(),
        title: "Carers' survey 2024".into(),
        ..Default::default()
    });
    wb.answer_mut("QS1").evidence = vec!["ev-1".into()];
    app_with(|wb| Doc::detached(wb, std::path::Path::new("cqc.yaml")), wb)
}

#[test]
fn c_on_the_evidence_screen_ticks_and_unticks_categories() {
    let (mut app, _dir) = cqc();
    keys(&mut app, "E");
    let text = screen(&mut app, 120, 30);
    assert!(text.contains("Categories: none yet (c to tag)"), "{text}");
    press(&mut app, "c");
    assert!(
        showing(&app, "evidence categories"),
        "{:?}",
        popup_name(&app)
    );
    let text = screen(&mut app, 120, 30);
    assert!(text.contains("[ ] People's experience"), "{text}");
    assert!(text.contains("[ ] Outcomes"), "{text}");
    // Enter ticks People's experience and the picker stays open on it.
    press(&mut app, "enter");
    assert!(showing(&app, "evidence categories"));
    assert_eq!(wb(&app).evidence[0].categories, ["peoples-experience"]);
    let text = screen(&mut app, 120, 30);
    assert!(text.contains("[x] People's experience"), "{text}");
    // Down to Processes (the fourth), tick it; then untick the first.
    keys(&mut app, "j j j enter");
    assert_eq!(
        wb(&app).evidence[0].categories,
        ["peoples-experience", "processes"]
    );
    keys(&mut app, "g enter esc");
    assert_eq!(wb(&app).evidence[0].categories, ["processes"]);
    assert!(popup_name(&app).is_none());
    let text = screen(&mut app, 120, 30);
    assert!(
        text.contains("Categories: Processes (c to change)"),
        "{text}"
    );
    // Each tick is one change: undo gives People's experience back.
    keys(&mut app, "ctrl-z");
    assert_eq!(
        wb(&app).evidence[0].categories,
        ["peoples-experience", "processes"]
    );
}

#[test]
fn the_dashboard_says_which_categories_each_statement_lacks() {
    let (mut app, _dir) = cqc();
    keys(&mut app, "E c enter esc D");
    let text = screen(&mut app, 140, 60);
    assert!(
        text.contains("Evidence by category: 0 of 9 with every category"),
        "{text}"
    );
    assert!(
        text.contains("QS1 no evidence yet: Feedback from staff and leaders, Feedback fr"),
        "{text}"
    );
    assert!(
        text.contains("QS2 no evidence yet: People's experience"),
        "{text}"
    );
}

#[test]
fn a_framework_without_categories_says_so_and_opens_nothing() {
    let (mut app, _dir) = suffolk();
    keys(&mut app, "E c");
    assert!(popup_name(&app).is_none());
    assert!(
        message(&app).contains("has no evidence categories"),
        "{}",
        message(&app)
    );
    let text = screen(&mut app, 120, 30);
    assert!(!text.contains("Categories:"), "{text}");
}

#[test]
fn the_framework_picker_shows_the_notes_beside_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "n");
    let text = screen(&mut app, 140, 50);
    assert!(text.contains("Choose a framework"), "{text}");
    // The first framework (CBO) is selected: its notes say the scale is
    // peerbook's.
    assert!(
        text.contains("The four-level scale and its bands are"),
        "{text}"
    );
}
