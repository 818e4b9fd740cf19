//! What the end-to-end run of an on-site week (tests/pty/week.rs) found in
//! the interface, each pinned here through the harness: a programme item's
//! kind chosen on the Details screen, "1 person" in the programme, the
//! team's notes wrapped under their own text.

use super::harness::*;
use peerbook::workbook::ProgrammeItem;
use peerbook::workbook::onsite::ActivityKind;

const ONSITE: &str = "seeds/suffolk-reablement-2016-onsite.yaml";

/// The Details row that adds to the programme, in the Suffolk seed: six
/// fixed rows (council, title, two dates, two limits), its four focus
/// questions and the row that adds one.
const ADD_PROGRAMME: usize = 11;

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

// ----- a reviewer's source linked to the programme item it came from -----

#[test]
fn a_reviewers_source_points_at_the_programme_item_it_came_from() {
    use super::go_to_slot;
    use peerbook::tui::app::Slot;
    let mut book = seed(ONSITE);
    for (id, kind, title) in [
        ("p1", ActivityKind::FocusGroup, "Carers' focus group"),
        (
            "p2",
            ActivityKind::Interview,
            "Director of adult social care",
        ),
    ] {
        book.review.programme.push(ProgrammeItem {
            id: id.into(),
            kind,
            title: title.into(),
            ..ProgrammeItem::default()
        });
    }
    let (mut app, _d) = app_with(detached, book);
    review_as(&mut app, "Zed Peer", "Member peer");
    let from = |app: &peerbook::tui::app::App| {
        wb(app)
            .reviewer("Zed Peer")
            .and_then(|r| r.answer("1"))
            .and_then(|a| a.sources.first())
            .and_then(|s| s.programme.clone())
    };
    // Away from a source, m says what it needs.
    press(&mut app, "m");
    assert_eq!(popup_name(&app), None);
    assert!(message(&app).starts_with("Choose one of your sources first"));
    // A source heard, as a reviewer adds one.
    go_to_slot(&mut app, &Slot::AddReviewSource);
    press(&mut app, "enter");
    keys(&mut app, "j enter");
    typ(&mut app, "Carers said the plans were theirs");
    press(&mut app, "esc");
    go_to_slot(&mut app, &Slot::ReviewSource(0));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("m from programme"),
        "the footer names it:\n{text}"
    );
    // The picker starts on the source's current value: none.
    press(&mut app, "m");
    let pick = expect_popup(&app, "source programme");
    assert_eq!(pick.choice, Some(0));
    assert_eq!(pick.choices[0], "Not from a programme item");
    assert!(
        pick.choices[1].ends_with("Focus group · Carers' focus group"),
        "{pick:?}"
    );
    // Esc cancels: nothing changes.
    press(&mut app, "esc");
    assert_eq!(popup_name(&app), None);
    assert_eq!(from(&app), None);
    // Enter chooses.
    keys(&mut app, "m j enter");
    assert_eq!(from(&app).as_deref(), Some("p1"));
    assert_eq!(
        message(&app),
        "Linked your source 1 on KLOE 1: from the programme: Carers' focus group"
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("[heard] Carers said the plans were theirs"),
        "{text}"
    );
    assert!(
        text.contains("  from the programme: Carers' focus group"),
        "{text}"
    );
    // Opened again, it starts on the item chosen; another is chosen the
    // same way, and undone like any change.
    press(&mut app, "m");
    assert_eq!(expect_popup(&app, "source programme").choice, Some(1));
    keys(&mut app, "j enter");
    assert_eq!(from(&app).as_deref(), Some("p2"));
    press(&mut app, "ctrl-z");
    assert_eq!(from(&app).as_deref(), Some("p1"));
    assert!(message(&app).starts_with("undid: link your source 1 on KLOE 1 to the programme"));
    // The review manager reads it in the team's notes.
    typ(&mut app, "W");
    press(&mut app, "y");
    press(&mut app, "V");
    press(&mut app, "n");
    let notes = expect_popup(&app, "team notes").choices.join("\n");
    assert!(
        notes.contains("[Heard] Carers said the plans were theirs (from the programme: Carers'"),
        "{notes}"
    );
    // And the first choice takes it off again.
    press(&mut app, "esc");
    typ(&mut app, "W");
    typ(&mut app, "Zed Peer");
    press(&mut app, "enter");
    go_to_slot(&mut app, &Slot::ReviewSource(0));
    keys(&mut app, "m g enter");
    assert_eq!(from(&app), None);
    assert_eq!(
        message(&app),
        "Took your source 1 on KLOE 1 off the programme"
    );
}

#[test]
fn with_no_programme_m_on_a_source_says_who_plans_it() {
    use super::go_to_slot;
    use peerbook::tui::app::Slot;
    use peerbook::workbook::onsite::{Source, SourceKind};
    let mut book = seed(ONSITE);
    book.reviewer_mut("Zed Peer")
        .answer_mut("1")
        .sources
        .push(Source::new(SourceKind::Read, "The reablement strategy"));
    let (mut app, _d) = app_with(detached, book);
    review_as(&mut app, "Zed Peer", "Member peer");
    go_to_slot(&mut app, &Slot::ReviewSource(0));
    press(&mut app, "m");
    assert_eq!(popup_name(&app), None);
    assert!(
        message(&app).starts_with("No programme yet"),
        "{}",
        message(&app)
    );
}

/// Found by the test above: a source added to a question the reviewer had
/// not yet rated or noted was dropped with its empty entry before its text
/// could be typed ("the item being edited is no longer in the workbook").
#[test]
fn a_source_can_be_the_first_thing_a_reviewer_writes_on_a_question() {
    use super::go_to_slot;
    use peerbook::tui::app::Slot;
    let (mut app, _d) = app_with(detached, seed(ONSITE));
    review_as(&mut app, "Zed Peer", "Member peer");
    let entry = |app: &peerbook::tui::app::App, q: &str| {
        wb(app)
            .reviewer("Zed Peer")
            .and_then(|r| r.answer(q))
            .cloned()
    };
    go_to_slot(&mut app, &Slot::AddReviewSource);
    keys(&mut app, "enter enter");
    typ(&mut app, "The reablement strategy");
    press(&mut app, "esc");
    assert_eq!(popup_name(&app), None, "{:?}", popup(&app));
    let sources = entry(&app, "1").expect("an entry on KLOE 1").sources;
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].text, "The reablement strategy");
    // One left empty is taken away again, and the entry it made with it.
    keys(&mut app, "tab j");
    go_to_slot(&mut app, &Slot::AddReviewSource);
    keys(&mut app, "enter enter");
    assert_eq!(popup_name(&app), Some("editor"));
    press(&mut app, "esc");
    assert_eq!(popup_name(&app), None);
    assert_eq!(entry(&app, "2"), None);
    let text = peerbook::workbook::to_text(wb(&app));
    assert!(!text.contains("- question: '2'\n    sources"), "{text}");
}

#[test]
fn the_teams_notes_show_a_reviewers_direction_and_control_characters_inert() {
    let mut book = seed(ONSITE);
    let name = book.reviewers[0].name.clone();
    {
        let a = book.reviewer_mut(&name).answer_mut("1");
        a.notes = "Read \u{202e}backwards\u{202c} and \u{1b}[2Jcleared".into();
        a.strengths.insert(0, "Strong \u{2067}isolate".into());
    }
    let (mut app, _d) = app_with(detached, book);
    press(&mut app, "V");
    press(&mut app, "n");
    expect_popup(&app, "team notes");
    let all = screen(&mut app, 120, 40);
    assert!(
        all.contains("backwards") && all.contains("isolate"),
        "{all}"
    );
    for bad in ['\u{202e}', '\u{202c}', '\u{2067}', '\u{1b}'] {
        assert!(!all.contains(bad), "{bad:?} reached the screen: {all:?}");
    }
}
