//! What the end-to-end run of an on-site week (tests/pty/week.rs) found in
//! the interface, each pinned here through the harness: a programme item's
//! kind chosen on the Details screen, "1 person" in the programme, the
//! team's notes wrapped under their own text.

use super::harness::*;
use peerbook::workbook::ProgrammeItem;
use peerbook::workbook::onsite::ActivityKind;

const ONSITE: &str = "seeds/suffolk-reablement-2016-onsite.yaml";

/// The Details row that adds to the programme, in the Suffolk seed: four
/// fixed rows, its four focus questions and the row that adds one.
const ADD_PROGRAMME: usize = 9;

#[test]
fn a_programme_items_kind_is_chosen_from_a_list_on_the_details_screen() {
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    select_row(&mut app, "Details", ADD_PROGRAMME);
    press(&mut app, "enter");
    typ(&mut app, "Carers' focus group");
    press(&mut app, "enter");
    assert_eq!(popup_name(&app), None);
    let text = screen(&mut app, 100, 40);
    assert!(text.contains("Programme 1 kind: Interview"), "{text}");
    // The kind row follows what the item is.
    press(&mut app, "j");
    press(&mut app, "enter");
    let pick = expect_popup(&app, "programme kind");
    assert_eq!(pick.choice, Some(0), "starts on the kind it has");
    assert!(pick.choices.iter().any(|c| c == "Focus group"), "{pick:?}");
    // Esc leaves it as it was.
    press(&mut app, "esc");
    assert_eq!(wb(&app).review.programme[0].kind, ActivityKind::Interview);
    press(&mut app, "enter");
    press(&mut app, "j");
    press(&mut app, "enter");
    assert_eq!(wb(&app).review.programme[0].kind, ActivityKind::FocusGroup);
    let text = screen(&mut app, 100, 40);
    assert!(text.contains("Programme 1 kind: Focus group"), "{text}");
    // It is a change like any other: undone with Ctrl-z.
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).review.programme[0].kind, ActivityKind::Interview);
    assert!(message(&app).contains("kind of programme item 1"));
}

#[test]
fn in_reviewer_mode_a_programme_items_kind_is_not_offered() {
    let mut book = seed(ONSITE);
    book.review.programme.push(ProgrammeItem {
        id: "p1".into(),
        title: "Carers' focus group".into(),
        ..ProgrammeItem::default()
    });
    let (mut app, _d) = app_with(detached, book);
    review_as(&mut app, "Zed Peer", "Member peer");
    press(&mut app, "R");
    select_row(&mut app, "Details", ADD_PROGRAMME + 1);
    press(&mut app, "enter");
    assert_eq!(popup_name(&app), None, "no picker on the council's data");
    assert!(is_error(&app));
    assert!(message(&app).contains("read-only"), "{}", message(&app));
}

#[test]
fn the_programme_says_one_person_in_the_singular() {
    let mut book = seed(ONSITE);
    for (id, people) in [("p1", 1), ("p2", 18)] {
        book.review.programme.push(ProgrammeItem {
            id: id.into(),
            title: format!("Meeting {id}"),
            people: Some(people),
            ..ProgrammeItem::default()
        });
    }
    let (mut app, _d) = app_with(detached, book);
    review_as(&mut app, "Zed Peer", "Member peer");
    press(&mut app, "A");
    press(&mut app, "p");
    let pick = expect_popup(&app, "programme");
    assert!(
        pick.choices[0].ends_with("Meeting p1 · 1 person"),
        "{pick:?}"
    );
    assert!(
        pick.choices[1].ends_with("Meeting p2 · 18 people"),
        "{pick:?}"
    );
}

#[test]
fn the_teams_notes_wrap_under_their_own_text() {
    let long = "Goals are agreed with the person and written in their own words in most of the Home First plans we read";
    let mut book = seed(ONSITE);
    let name = book.reviewers[0].name.clone();
    {
        let a = book.reviewer_mut(&name).answer_mut("1");
        a.strengths.insert(0, long.into());
        a.notes = format!("{long}.\nSecond paragraph.");
    }
    let (mut app, _d) = app_with(detached, book);
    press(&mut app, "V");
    press(&mut app, "n");
    let notes = expect_popup(&app, "team notes");
    let rows = &notes.choices;
    let plus = rows
        .iter()
        .position(|r| r.starts_with("  + Goals are agreed"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        rows[plus + 1].starts_with("    ") && rows[plus + 1].trim_start().len() > 3,
        "the strength's second line hangs under its text: {rows:#?}"
    );
    let note = rows
        .iter()
        .position(|r| r.starts_with("  Goals are agreed"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(rows[note + 1].starts_with("  ") && !rows[note + 1].starts_with("   "));
    assert!(!rows[note + 1].trim().is_empty(), "{rows:#?}");
    // Within the reviewers' entries nothing starts at the pop-up's edge but
    // each reviewer's heading.
    let end = rows
        .iter()
        .position(|r| r.starts_with("Not yet looked at"))
        .unwrap_or(rows.len());
    for r in &rows[..end] {
        let flush = !r.starts_with(' ') && !r.is_empty();
        assert!(!flush || r.contains(" — "), "{r:?} in {rows:#?}");
    }
}

// ----- undo in reviewer mode goes through the one gate and the one save -----

/// The onsite seed, its KLOE 1 rated 4 by the council in this session,
/// then reviewer mode as Zed Peer (`W`, the name, Enter).
fn rated_then_reviewing() -> (peerbook::tui::app::App, tempfile::TempDir) {
    let (mut app, d) = app_with(detached, seed(ONSITE));
    assert_eq!(rating(&app, "1"), peerbook::workbook::Rating::Level(3));
    press(&mut app, "4");
    assert_eq!(rating(&app, "1"), peerbook::workbook::Rating::Level(4));
    typ(&mut app, "W");
    typ(&mut app, "Zed Peer");
    press(&mut app, "enter");
    assert_eq!(reviewing_as(&app).as_deref(), Some("Zed Peer"));
    (app, d)
}

fn own_rating(app: &peerbook::tui::app::App) -> Option<peerbook::workbook::Rating> {
    wb(app)
        .reviewer("Zed Peer")
        .and_then(|r| r.answer("1"))
        .map(|a| a.rating)
}

#[test]
fn in_reviewer_mode_undo_never_reaches_the_councils_data() {
    use peerbook::workbook::Rating;
    let (mut app, _d) = rated_then_reviewing();
    let before = revision(&app);
    // The newest change is the council's rating: refused, and said why.
    press(&mut app, "ctrl-z");
    assert_eq!(
        rating(&app, "1"),
        Rating::Level(4),
        "the council's rating stays"
    );
    assert_eq!(revision(&app), before, "nothing changed, nothing to save");
    assert!(is_error(&app));
    let said = message(&app);
    assert!(
        said.starts_with("Reviewer mode: nothing to undo of your own"),
        "{said}"
    );
    assert!(said.contains("(change the rating of KLOE 1)"), "{said}");
    assert!(said.contains("W leaves reviewer mode"), "{said}");
    // The reviewer's own changes undo and redo as ever, and the council's
    // stays refused behind them.
    press(&mut app, "2");
    assert_eq!(own_rating(&app), Some(Rating::Level(2)));
    press(&mut app, "ctrl-z");
    assert_eq!(own_rating(&app), None);
    assert!(message(&app).starts_with("undid: change your rating on KLOE 1"));
    press(&mut app, "ctrl-z");
    assert_eq!(rating(&app, "1"), Rating::Level(4));
    assert!(is_error(&app));
    press(&mut app, "ctrl-y");
    assert_eq!(own_rating(&app), Some(Rating::Level(2)));
    // Out of reviewer mode the council's change can be undone again.
    typ(&mut app, "W");
    press(&mut app, "y");
    press(&mut app, "ctrl-z");
    assert_eq!(own_rating(&app), None);
    press(&mut app, "ctrl-z");
    assert_eq!(rating(&app, "1"), Rating::Level(3));
}

#[test]
fn in_reviewer_mode_a_redo_of_the_councils_change_is_refused() {
    use peerbook::workbook::Rating;
    let (mut app, _d) = app_with(detached, seed(ONSITE));
    press(&mut app, "4");
    press(&mut app, "ctrl-z");
    assert_eq!(rating(&app, "1"), Rating::Level(3));
    typ(&mut app, "W");
    typ(&mut app, "Zed Peer");
    press(&mut app, "enter");
    press(&mut app, "ctrl-y");
    assert_eq!(rating(&app, "1"), Rating::Level(3), "not redone");
    assert!(is_error(&app));
    assert!(
        message(&app).starts_with("Reviewer mode: nothing to redo of your own"),
        "{}",
        message(&app)
    );
    // Nor another reviewer's section: Zed's change, undone, is not Amy's to
    // redo.
    press(&mut app, "3");
    press(&mut app, "ctrl-z");
    typ(&mut app, "W");
    press(&mut app, "y");
    typ(&mut app, "W");
    typ(&mut app, "Amy Peer");
    press(&mut app, "enter");
    press(&mut app, "ctrl-y");
    assert_eq!(own_rating(&app), None);
    assert!(is_error(&app));
}

#[test]
fn an_undo_in_reviewer_mode_is_saved_like_any_change() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("onsite.yaml");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(ONSITE),
        &path,
    )
    .unwrap();
    let mut app = bare_app_in(&dir);
    app.open_path(&path);
    review_as(&mut app, "Zed Peer", "Member peer");
    let on_disk = || {
        let bytes = std::fs::read(&path).unwrap();
        peerbook::workbook::from_text("disk", &bytes).unwrap().0
    };
    let settle = |app: &mut peerbook::tui::app::App| {
        let start = Instant::now();
        while app.doc.as_ref().unwrap().has_unsaved() {
            assert!(start.elapsed() < Duration::from_secs(10), "not saved");
            std::thread::sleep(Duration::from_millis(20));
            app.tick(Instant::now());
        }
    };
    press(&mut app, "3");
    settle(&mut app);
    assert!(on_disk().reviewer("Zed Peer").is_some());
    press(&mut app, "ctrl-z");
    assert!(
        app.doc.as_ref().unwrap().has_unsaved(),
        "the undo is to be saved"
    );
    settle(&mut app);
    assert!(
        on_disk().reviewer("Zed Peer").is_none(),
        "the undo was saved"
    );
}
