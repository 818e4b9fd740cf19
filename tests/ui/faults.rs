//! Issue 12's small faults: an empty team member's name, the Questions
//! footer at 80 columns, and status messages that hide the result of the
//! key just pressed.

use super::harness::*;
use ratatui::style::Color;

#[test]
fn an_empty_team_member_name_shows_the_placeholder_dimmed_not_a_dash() {
    let (mut app, _d) = suffolk();
    let before = wb(&app).review.team.len();
    // The last row adds a team member; its name is asked for first.
    keys(&mut app, "R G enter");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    assert_eq!(wb(&app).review.team.len(), before + 1);
    assert!(
        wb(&app).review.team[before].name.is_empty(),
        "nothing typed"
    );
    app.theme.color = true;
    let t = terminal(&mut app, 80, 24);
    let buf = t.backend().buffer();
    let text = screen(&mut app, 80, 24);
    let row = text
        .lines()
        .position(|l| l.contains(&format!("Team {} name:", before + 1)))
        .unwrap_or_else(|| panic!("no name row:\n{text}"));
    let line = text.lines().nth(row).unwrap();
    assert!(line.contains("New team member"), "{line}");
    assert!(!line.contains('–'), "{line}");
    let at = line.find("New team member").unwrap();
    let x = line[..at].chars().count() as u16;
    assert_eq!(
        buf[(x, row as u16)].fg,
        Color::DarkGray,
        "the placeholder is dimmed"
    );
    // A value that is there is drawn plain.
    let named = text
        .lines()
        .position(|l| l.contains("role: ") && !l.contains('–'))
        .unwrap_or_else(|| panic!("{text}"));
    let line = text.lines().nth(named).unwrap();
    let x = line.find("role:").unwrap() + "role: ".len();
    let x = line[..x].chars().count() as u16;
    assert_ne!(buf[(x, named as u16)].fg, Color::DarkGray, "{line}");
}
