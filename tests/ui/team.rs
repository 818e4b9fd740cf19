//! Issue 17 in the interface: what the peer team will ask on the dashboard.

use super::harness::*;

#[test]
fn the_dashboard_lists_what_the_peer_team_will_ask() {
    let (mut app, _d) = suffolk();
    press(&mut app, "D");
    let text = screen(&mut app, 120, 40);
    assert!(!text.contains("peer team will ask"), "{text}");

    let mut wb = seed(SUFFOLK);
    wb.answers[0].strengths.clear();
    wb.answers[0].evidence.clear();
    let (mut app, _d) = app_with(detached, wb);
    press(&mut app, "D");
    let text = screen(&mut app, 200, 40);
    assert!(text.contains("The peer team will ask about (1)"), "{text}");
    assert!(
        text.contains("KLOE 1 (no evidence, no strengths)"),
        "{text}"
    );
}
