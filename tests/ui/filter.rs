//! Issue 12: the question list filtered by owner and by status ("my
//! questions", "ready for review"), and jumps that land on a question the
//! filter hides.

use super::harness::*;
use peerbook::tui::app::App;
use peerbook::workbook::{Status, Workbook};

/// Suffolk with owners and statuses set for the test: Jo Smith owns 3
/// and 7, the user (Tester) owns 5; 2 and 9 are ready for review, the
/// rest draft.
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
            "3" | "7" => Some("Jo Smith".into()),
            "5" => Some("Tester".into()),
            _ => None,
        };
        a.status = match id.as_str() {
            "2" | "9" => Status::ReadyForReview,
            _ => Status::Draft,
        };
    }
    app_with(detached, wb)
}

/// Opens the filter picker and chooses the line labelled `label`.
fn choose(app: &mut App, label: &str) {
    press(app, "f");
    let p = expect_popup(app, "question filter");
    let at = p
        .choices
        .iter()
        .position(|c| c == label)
        .unwrap_or_else(|| panic!("no {label:?} in {:?}", p.choices));
    press(app, "g");
    for _ in 0..at {
        press(app, "j");
    }
    press(app, "enter");
    assert!(popup(app).is_none(), "the picker closed");
}

/// Whether the question list draws the row of this reference.
fn listed(text: &str, reference: &str) -> bool {
    let needle = format!(" {reference} ");
    text.lines().any(|l| {
        l.split('│')
            .nth(1)
            .is_some_and(|left| left.contains(&needle))
    })
}

fn current(app: &App) -> String {
    question(app).unwrap_or_default()
}

#[test]
fn the_filter_picker_offers_all_mine_each_owner_and_each_status() {
    let (mut app, _d) = owned();
    press(&mut app, "f");
    let p = expect_popup(&app, "question filter");
    assert_eq!(
        p.choices,
        [
            "All questions",
            "My questions (owner is Tester)",
            "Owner: Jo Smith",
            "Owner: Tester",
            "Status: Not started",
            "Status: Draft",
            "Status: Ready for review",
            "Status: Agreed",
        ]
    );
    assert_eq!(p.choice, Some(0), "opens on the filter now on: none");
}

#[test]
fn filtering_by_owner_shows_only_theirs_and_j_k_move_within_them() {
    let (mut app, _d) = owned();
    choose(&mut app, "Owner: Jo Smith");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Questions 2/13 · owner: Jo Smith"), "{text}");
    assert!(listed(&text, "KLOE 3") && listed(&text, "KLOE 7"), "{text}");
    for hidden in ["KLOE 1", "KLOE 2", "KLOE 5", "KLOE 13"] {
        assert!(!listed(&text, hidden), "{hidden} is hidden:\n{text}");
    }
    assert_eq!(current(&app), "3", "the selection moved to the first shown");
    press(&mut app, "j");
    assert_eq!(current(&app), "7");
    press(&mut app, "j");
    assert_eq!(current(&app), "7", "stops at the last shown");
    press(&mut app, "k");
    assert_eq!(current(&app), "3");
    press(&mut app, "G");
    assert_eq!(current(&app), "7");
    // The footer names the key that takes the filter off.
    let footer = screen(&mut app, 100, 30)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(footer.contains("f filter"), "{footer}");

    // "My questions": the user's own.
    choose(&mut app, "My questions (owner is Tester)");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Questions 1/13 · mine (Tester)"), "{text}");
    assert!(
        listed(&text, "KLOE 5") && !listed(&text, "KLOE 3"),
        "{text}"
    );
    assert_eq!(current(&app), "5");

    // And back to every question, the selection kept.
    choose(&mut app, "All questions");
    let text = screen(&mut app, 100, 30);
    assert!(
        listed(&text, "KLOE 1") && listed(&text, "KLOE 13"),
        "{text}"
    );
    assert!(!text.contains(" · mine"), "{text}");
    assert_eq!(current(&app), "5");
}

#[test]
fn filtering_by_status_shows_only_that_status() {
    let (mut app, _d) = owned();
    choose(&mut app, "Status: Ready for review");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Questions 2/13 · Ready for review"), "{text}");
    assert!(listed(&text, "KLOE 2") && listed(&text, "KLOE 9"), "{text}");
    assert!(
        !listed(&text, "KLOE 1") && !listed(&text, "KLOE 3"),
        "{text}"
    );
    assert_eq!(current(&app), "2");
    press(&mut app, "j");
    assert_eq!(current(&app), "9");
}

#[test]
fn a_question_an_edit_takes_out_of_the_filter_stays_until_the_selection_moves() {
    let (mut app, _d) = owned();
    choose(&mut app, "Status: Ready for review");
    // Set KLOE 2 to Agreed: it no longer matches, but stays selected.
    press(&mut app, "s");
    expect_popup(&app, "status");
    press(&mut app, "G");
    press(&mut app, "enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::Agreed);
    let text = screen(&mut app, 100, 30);
    assert!(listed(&text, "KLOE 2"), "still drawn:\n{text}");
    assert!(text.contains("Questions 1/13 · Ready for"), "{text}");
    press(&mut app, "j");
    assert_eq!(current(&app), "9");
    let text = screen(&mut app, 100, 30);
    assert!(!listed(&text, "KLOE 2"), "gone once left:\n{text}");
}

#[test]
fn a_filter_that_shows_nothing_is_refused() {
    let (mut app, _d) = owned();
    choose(&mut app, "Status: Not started");
    assert!(
        message(&app).contains("No question matches"),
        "{}",
        message(&app)
    );
    let text = screen(&mut app, 100, 30);
    assert!(
        listed(&text, "KLOE 1") && listed(&text, "KLOE 13"),
        "{text}"
    );
}

#[test]
fn a_search_hit_on_a_hidden_question_clears_the_filter_and_lands_on_it() {
    let (mut app, _d) = owned();
    choose(&mut app, "Owner: Jo Smith");
    // Search for KLOE 10's own words and choose its hit.
    let words: String = wb(&app)
        .framework
        .question("10")
        .unwrap()
        .1
        .text
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    press(&mut app, "/");
    typ(&mut app, &words);
    let hits = expect_popup(&app, "search").choices;
    let at = hits
        .iter()
        .position(|h| h.contains("KLOE 10"))
        .unwrap_or_else(|| panic!("no hit on KLOE 10 for {words:?}: {hits:?}"));
    for _ in 0..at {
        press(&mut app, "down");
    }
    press(&mut app, "enter");
    assert_eq!(current(&app), "10");
    assert!(
        message(&app).contains("Filter cleared"),
        "{}",
        message(&app)
    );
    let text = screen(&mut app, 100, 50);
    assert!(
        !text.contains("· owner: Jo Smith"),
        "the title says no filter:\n{text}"
    );
    assert!(
        listed(&text, "KLOE 1") && listed(&text, "KLOE 10"),
        "{text}"
    );
}

#[test]
fn opening_a_hidden_question_from_the_peer_screen_clears_the_filter() {
    let (mut app, _d) = owned();
    choose(&mut app, "Owner: Jo Smith");
    assert_eq!(current(&app), "3");
    // The Peer screen's list is every question, in order: the first.
    show_screen(&mut app, peerbook::tui::app::Screen::Peer);
    select_row(&mut app, "Peer", 0);
    press(&mut app, "enter");
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(current(&app), "1");
    assert!(
        message(&app).contains("Filter cleared"),
        "{}",
        message(&app)
    );
}
