//! Issue 12: the question list sorted by owner and by status, each group
//! under a heading; the order stays while the workbook is open and works
//! with the filter.

use super::harness::*;
use peerbook::tui::app::App;
use peerbook::workbook::{Status, Workbook};

/// Suffolk with: Zoe owns 2, Al owns 5 and 9, the rest have no owner;
/// 4 and 11 are ready for review, 1 agreed, the rest draft.
fn owned() -> (App, tempfile::TempDir) {
    let mut wb: Workbook = seed(SUFFOLK);
    let ids: Vec<String> = wb
        .framework
        .questions()
        .map(|(_, q)| q.id.clone())
        .collect();
    for id in &ids {
        let a = wb.answer_mut(id);
        a.owner = match id.as_str() {
            "2" => Some("Zoe".into()),
            "5" | "9" => Some("Al".into()),
            _ => None,
        };
        a.status = match id.as_str() {
            "4" | "11" => Status::ReadyForReview,
            "1" => Status::Agreed,
            _ => Status::Draft,
        };
    }
    app_with(detached, wb)
}

/// The left pane's lines, trimmed, from the first under its title.
fn list(app: &mut App) -> Vec<String> {
    screen(app, 100, 30)
        .lines()
        .skip(2)
        .filter_map(|l| l.split('│').nth(1).map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn current(app: &App) -> String {
    app.current_question().unwrap_or_default()
}

#[test]
fn the_sort_key_orders_by_owner_with_a_heading_for_each() {
    let (mut app, _d) = owned();
    press(&mut app, "O");
    assert!(message(&app).contains("by owner"), "{}", message(&app));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Questions 12/13 · by owner"), "{text}");
    let l = list(&mut app);
    assert_eq!(l[0], "Owner: Al", "{l:#?}");
    assert!(l[1].contains("KLOE 5") && l[2].contains("KLOE 9"), "{l:#?}");
    assert_eq!(l[3], "Owner: Zoe");
    assert!(l[4].contains("KLOE 2"), "{l:#?}");
    assert_eq!(l[5], "No owner");
    assert!(l[6].contains("KLOE 1"), "{l:#?}");
    // j and k move in the order shown.
    press(&mut app, "g");
    assert_eq!(current(&app), "5");
    keys(&mut app, "j j j");
    assert_eq!(current(&app), "1", "past the headings, into No owner");
    press(&mut app, "k");
    assert_eq!(current(&app), "2");
}

#[test]
fn by_status_goes_from_draft_to_agreed_and_a_third_press_restores_the_framework() {
    let (mut app, _d) = owned();
    keys(&mut app, "O O");
    let l = list(&mut app);
    let heads: Vec<&String> = l.iter().filter(|s| !s.contains("KLOE")).collect();
    assert_eq!(heads, ["Draft", "Ready for review", "Agreed"], "{l:#?}");
    let last = l.iter().rposition(|s| s.contains("KLOE")).unwrap();
    assert!(l[last].contains("KLOE 1 "), "agreed last: {l:#?}");
    press(&mut app, "O");
    let text = screen(&mut app, 100, 30);
    assert!(!text.contains("· by"), "{text}");
    assert!(
        list(&mut app)[1].contains("KLOE 1 "),
        "framework order again"
    );
}

#[test]
fn the_order_is_kept_across_screens_and_sorts_what_the_filter_shows() {
    let (mut app, _d) = owned();
    press(&mut app, "O");
    keys(&mut app, "E Q");
    assert!(screen(&mut app, 100, 30).contains("· by owner"));
    // Filter to ready for review: both have no owner, under one heading.
    press(&mut app, "f");
    let p = expect_popup(&app, "question filter");
    let at = p
        .choices
        .iter()
        .position(|c| c == "Status: Ready for review")
        .unwrap();
    press(&mut app, "g");
    for _ in 0..at {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    let text = screen(&mut app, 200, 30);
    assert!(text.contains("Ready for review · by owner"), "{text}");
    let l = list(&mut app);
    assert_eq!(l.len(), 3, "{l:#?}");
    assert_eq!(l[0], "No owner");
}

#[test]
fn help_and_the_footer_name_the_sort_key() {
    let (mut app, _d) = owned();
    press(&mut app, "?");
    let help = screen(&mut app, 100, 40);
    assert!(help.contains("sort by owner, by status"), "{help}");
    press(&mut app, "esc");
    // While a sort is on, its key is in the footer: the way back is shown.
    press(&mut app, "O");
    let text = screen(&mut app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(footer.contains("O sort"), "{footer}");
}

#[test]
fn an_edit_that_changes_a_questions_group_moves_it_under_its_new_heading() {
    let (mut app, _d) = owned();
    keys(&mut app, "O O");
    press(&mut app, "g");
    let before = list(&mut app);
    let first = current(&app);
    assert_eq!(before[0], "Draft", "{before:#?}");
    // Mark the first draft question agreed: the list drawn next has it
    // under "Agreed", beside KLOE 1, however often it was drawn before.
    press(&mut app, "s");
    expect_popup(&app, "status");
    press(&mut app, "G");
    press(&mut app, "enter");
    let l = list(&mut app);
    let agreed = l.iter().position(|s| s == "Agreed").unwrap();
    let row = |l: &[String]| {
        l.iter()
            .position(|s| s.contains(&format!("KLOE {first} ")))
            .unwrap()
    };
    assert!(row(&before) < agreed && row(&l) > agreed, "{l:#?}");
    assert_eq!(current(&app), first, "the selection stays on it");
}
