//! Issue 14: the feedback report's own fields, edited on the Findings
//! screen (`r`), keys in and screen text out.

use super::harness::*;

fn onsite() -> (peerbook::tui::app::App, tempfile::TempDir) {
    app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"))
}

#[test]
fn r_on_the_findings_screen_shows_the_reports_fields_and_edits_its_title() {
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    assert!(screen(&mut app, 120, 40).contains("Findings and recommendations"));
    press(&mut app, "r");
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Feedback report"), "{s}");
    assert!(s.contains("Report title"), "{s}");
    assert!(s.contains("Executive summary"), "{s}");
    // The first row is the title: Enter edits it.
    press(&mut app, "enter");
    typ(&mut app, "Suffolk peer review feedback");
    press(&mut app, "esc");
    let report = wb(&app).findings.report.clone().expect("made by the edit");
    assert_eq!(
        report.title.as_deref(),
        Some("Suffolk peer review feedback")
    );
    assert!(screen(&mut app, 120, 40).contains("Report title: Suffolk peer review feedback"));
    // One undo takes the edit back.
    press(&mut app, "ctrl-z");
    assert_eq!(
        wb(&app)
            .findings
            .report
            .as_ref()
            .and_then(|r| r.title.clone()),
        None
    );
    // `r` again is the findings.
    press(&mut app, "r");
    assert!(screen(&mut app, 120, 40).contains("Findings and recommendations"));
}

#[test]
fn a_theme_and_the_ratings_choice_are_set_from_the_report_list() {
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    press(&mut app, "r");
    // The last rows add a theme, then a contact.
    keys(&mut app, "G k enter");
    typ(&mut app, "Integration with health");
    press(&mut app, "esc");
    let themes = &wb(&app).findings.themes;
    assert_eq!(themes.len(), 1);
    assert_eq!(themes[0].title, "Integration with health");
    assert!(screen(&mut app, 120, 60).contains("Theme 1 title: Integration with health"));
    // The ratings row cycles self and peer → peer only → none.
    keys(&mut app, "g");
    for _ in 0..11 {
        press(&mut app, "j");
    }
    assert!(
        selected_rows(&mut app, 120, 60)
            .iter()
            .any(|r| r.contains("Ratings shown")),
        "{:?}",
        selected_rows(&mut app, 120, 60)
    );
    press(&mut app, "enter");
    use peerbook::workbook::report::RatingsShown;
    assert_eq!(
        wb(&app).findings.report.as_ref().unwrap().ratings,
        RatingsShown::PeerOnly
    );
    assert!(screen(&mut app, 120, 60).contains("Peer ratings only"));
}

#[test]
fn a_key_message_can_run_over_several_paragraphs() {
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    let n = wb(&app).findings.key_messages.len();
    // The row after the key messages adds one.
    press(&mut app, "g");
    for _ in 0..n {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    typ(&mut app, "The first paragraph.\n\nThe second one.");
    press(&mut app, "esc");
    assert_eq!(
        wb(&app).findings.key_messages[n],
        "The first paragraph.\n\nThe second one."
    );
    // The list shows it on one row.
    let s = screen(&mut app, 160, 40);
    assert!(
        s.contains(&format!(
            "Key message {}: The first paragraph. The second one.",
            n + 1
        )),
        "{s}"
    );
}
