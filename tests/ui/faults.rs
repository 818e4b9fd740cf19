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

#[test]
fn the_questions_footer_fits_80_columns_and_keeps_help() {
    let (mut app, _d) = suffolk();
    for pane in ["list", "answer"] {
        let text = screen(&mut app, 80, 24);
        let footer = text.lines().last().unwrap().trim_end();
        assert!(footer.ends_with("? help"), "{pane}: {footer:?}");
        // Every hint is whole: each key is followed by what it does.
        assert!(
            !footer.ends_with('?') && footer.chars().count() <= 80,
            "{footer}"
        );
        press(&mut app, "tab");
    }
    // Wide enough, nothing is dropped: the list's digits and quit too.
    let text = screen(&mut app, 200, 40);
    let footer = text.lines().last().unwrap();
    assert!(
        footer.contains("1-4 rate") && footer.contains("q quit"),
        "{footer}"
    );
}

/// Chooses the filter labelled `label` through the picker.
fn filter_to(app: &mut peerbook::tui::app::App, label: &str) {
    press(app, "f");
    let p = expect_popup(app, "question filter");
    let at = p.choices.iter().position(|c| c == label).unwrap();
    press(app, "g");
    for _ in 0..at {
        press(app, "j");
    }
    press(app, "enter");
}

#[test]
fn an_undo_that_clears_the_filter_says_both_what_it_undid_and_the_filter() {
    let (mut app, _d) = suffolk();
    // Rate KLOE 1 (agreed), then show only the drafts: KLOE 1 is hidden.
    press(&mut app, "2");
    filter_to(&mut app, "Status: Draft");
    assert!(message(&app).contains("Showing"), "{}", message(&app));
    assert_ne!(app.current_question().as_deref(), Some("1"));
    // The undo goes back to KLOE 1: the filter is cleared on the way.
    press(&mut app, "ctrl-z");
    assert_eq!(app.current_question().as_deref(), Some("1"));
    let m = message(&app);
    assert!(m.starts_with("undid: "), "the key's own result first: {m}");
    assert!(m.contains("Filter cleared (Draft)"), "{m}");
    // The next key starts afresh: only what it says.
    press(&mut app, "j");
    press(&mut app, "O");
    let m = message(&app);
    assert!(!m.contains("Filter cleared"), "{m}");
}

#[test]
fn the_name_prompts_footer_names_their_own_keys_not_the_screens() {
    let (mut app, _d) = suffolk();
    app.ask_user_name();
    let footer = screen(&mut app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("Enter keep it"), "{footer}");
    assert!(!footer.contains("r rating"), "{footer}");
    press(&mut app, "esc");
    press(&mut app, "W");
    assert!(showing(&app, "review as"));
    let footer = screen(&mut app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("Enter start"), "{footer}");
    assert!(!footer.contains("r rating"), "{footer}");
}
