//! Issue 13 in the interface: reviewer mode keeps its hands off the
//! council's data, and leaving it asks first.

use super::harness::*;
use peerbook::workbook::Rating;

fn as_reviewer(name: &str) -> (peerbook::tui::app::App, tempfile::TempDir) {
    let (mut app, d) = app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"));
    typ(&mut app, "W");
    typ(&mut app, name);
    keys(&mut app, "enter");
    (app, d)
}

#[test]
fn in_reviewer_mode_the_review_details_are_read_only_and_say_how_to_suggest_a_correction() {
    let (mut app, _d) = as_reviewer("Zed Peer");
    let council = wb(&app).review.council.clone();
    typ(&mut app, "R");
    assert_eq!(on_screen(&app), "Details");
    keys(&mut app, "enter");
    assert_eq!(
        popup_name(&app),
        None,
        "no editor opens on the council's name"
    );
    assert!(is_error(&app));
    assert!(message(&app).contains("read-only"), "{}", message(&app));
    assert!(message(&app).contains("as a note"), "{}", message(&app));
    // Adding a team member or a focus question is refused the same way.
    keys(&mut app, "a");
    assert_eq!(popup_name(&app), None);
    assert_eq!(wb(&app).review.council, council);
    assert!(message(&app).contains("read-only"));
    // The reviewer's own entries still change.
    typ(&mut app, "Q");
    keys(&mut app, "3");
    let mine = wb(&app).reviewer("Zed Peer").unwrap().answer("1").unwrap();
    assert_eq!(mine.rating, Rating::Level(3));
}

#[test]
fn w_asks_before_leaving_reviewer_mode_and_no_keeps_it() {
    let (mut app, _d) = as_reviewer("Zed Peer");
    let own = rating(&app, "1");
    typ(&mut app, "W");
    let ask = expect_popup(&app, "confirm");
    assert!(
        ask.message
            .as_deref()
            .unwrap_or("")
            .contains("Leave reviewer mode (Zed Peer)?"),
        "{ask:?}"
    );
    keys(&mut app, "n");
    assert_eq!(popup_name(&app), None);
    // Still a reviewer: a digit is the reviewer's rating, not the council's.
    keys(&mut app, "1");
    assert_eq!(rating(&app, "1"), own);
    typ(&mut app, "W");
    keys(&mut app, "y");
    assert!(message(&app).contains("Left reviewer mode (Zed Peer)"));
    keys(&mut app, "4");
    assert_eq!(rating(&app, "1"), Rating::Level(4));
}
