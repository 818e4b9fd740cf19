//! Undo and redo of workbook edits (Ctrl-z, Ctrl-y).

use super::*;

/// The screen with every line joined, so a text that wraps can be found.
fn screen_text(app: &mut App) -> String {
    screen(app, 120, 40)
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn ctrl_z_brings_back_a_deleted_strength_and_the_file_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("suffolk.yaml");
    drop(peerbook::store::WorkbookFile::create(&path, &seed(SUFFOLK)).unwrap());
    let mut app = bare_app_in(&dir);
    app.open_path(&path);
    let s0 = wb(&app).answer("1").unwrap().strengths.clone();
    go_to_slot(&mut app, &Slot::Strength(1));
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().strengths.len(), 2);
    assert!(!screen_text(&mut app).contains("Locality OTs plan around outcomes"));
    // The status bar says how to get it back.
    assert!(message(&app).contains("Ctrl-z"), "{}", message(&app));
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    assert!(
        screen_text(&mut app).contains("Locality OTs plan around outcomes"),
        "{}",
        screen(&mut app, 120, 40)
    );
    assert_eq!(
        message(&app),
        "undid: delete strength 2 of KLOE 1 — Ctrl-y to redo"
    );
    assert!(!is_error(&app));
    // The restored line is selected again, on the same question.
    assert_eq!(question(&app).as_deref(), Some("1"));
    assert_eq!(slot(&app), Some(Slot::Strength(1)));
    // And it is saved like any edit.
    app.doc.as_mut().unwrap().close().unwrap();
    let (saved, _) = peerbook::store::WorkbookFile::read(&path).unwrap();
    assert_eq!(saved.answer("1").unwrap().strengths, s0);
}

#[test]
fn ctrl_y_deletes_again_and_a_new_edit_ends_redo() {
    let (mut app, _d) = suffolk();
    let a0 = wb(&app).answer("1").unwrap().areas.clone();
    go_to_slot(&mut app, &Slot::Area(0));
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().areas, a0[1..].to_vec());
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).answer("1").unwrap().areas, a0);
    assert!(screen_text(&mut app).contains("Describe one pathway for reablement"));
    press(&mut app, "ctrl-y");
    assert_eq!(wb(&app).answer("1").unwrap().areas, a0[1..].to_vec());
    assert!(!screen_text(&mut app).contains("Describe one pathway for reablement"));
    assert_eq!(
        message(&app),
        "redid: delete area 1 of KLOE 1 — Ctrl-z to undo"
    );
    // Undo again, then change something else: there is nothing to redo.
    press(&mut app, "ctrl-z");
    press(&mut app, "2");
    press(&mut app, "ctrl-y");
    assert_eq!(message(&app), "Nothing to redo");
    assert_eq!(wb(&app).answer("1").unwrap().areas, a0);
    // Undo takes back the rating; the deletion was undone already.
    press(&mut app, "ctrl-z");
    assert_eq!(rating(&app, "1"), Rating::Level(3));
    press(&mut app, "ctrl-z");
    assert_eq!(message(&app), "Nothing to undo");
    assert_eq!(wb(&app).answer("1").unwrap().areas, a0);
}

#[test]
fn deleting_a_focus_question_can_be_undone() {
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    let f0 = wb(&app).review.focus.clone();
    // Council, title, two dates, two limits, then the focus questions.
    keys(&mut app, "j j j j j j j");
    press(&mut app, "d");
    assert_eq!(wb(&app).review.focus.len(), f0.len() - 1);
    assert!(!screen_text(&mut app).contains("What outcomes does the council"));
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).review.focus, f0);
    assert_eq!(on_screen(&app), "Details");
    assert!(screen_text(&mut app).contains("What outcomes does the council"));
    assert_eq!(selected_row(&app, "Details"), 7);
    assert_eq!(
        message(&app),
        "undid: delete focus question 2 — Ctrl-y to redo"
    );
}

/// Selects a row of the findings screen.
fn go_to_finding(app: &mut App, want: peerbook::tui::screens::findings::FindRow) {
    let rows = finding_rows(app);
    select_row(
        app,
        "Findings",
        rows.iter().position(|r| *r == want).unwrap(),
    );
}

#[test]
fn deleting_a_recommendation_can_be_undone() {
    use peerbook::tui::screens::findings::FindRow;
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    let recs = wb(&app).findings.recommendations.clone();
    go_to_finding(&mut app, FindRow::Rec(1));
    press(&mut app, "d");
    assert_eq!(wb(&app).findings.recommendations.len(), recs.len() - 1);
    assert!(!screen_text(&mut app).contains("who owns delayed transfers"));
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).findings.recommendations, recs);
    assert!(screen_text(&mut app).contains("who owns delayed transfers"));
    assert_eq!(
        finding_rows(&app)[selected_row(&app, "Findings")],
        FindRow::Rec(1)
    );
    assert_eq!(
        message(&app),
        "undid: delete recommendation 2 — Ctrl-y to redo"
    );
}

#[test]
fn deleting_a_key_message_can_be_undone() {
    use peerbook::tui::screens::findings::FindRow;
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    let km = wb(&app).findings.key_messages.clone();
    go_to_finding(&mut app, FindRow::KeyMessage(0));
    press(&mut app, "d");
    assert_eq!(wb(&app).findings.key_messages, km[1..].to_vec());
    assert!(!screen_text(&mut app).contains("Leadership has given adult social care"));
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).findings.key_messages, km);
    assert!(screen_text(&mut app).contains("Leadership has given adult social care"));
    press(&mut app, "ctrl-y");
    assert_eq!(wb(&app).findings.key_messages, km[1..].to_vec());
}

#[test]
fn what_was_typed_in_one_editor_is_undone_in_one_step() {
    let (mut app, _d) = suffolk();
    let n0 = wb(&app).answer("1").unwrap().narrative.clone();
    press(&mut app, "e");
    typ(&mut app, "More words.");
    press(&mut app, "esc");
    assert_eq!(
        wb(&app).answer("1").unwrap().narrative,
        format!("{n0}More words.")
    );
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).answer("1").unwrap().narrative, n0);
    assert_eq!(
        message(&app),
        "undid: edit the narrative of KLOE 1 — Ctrl-y to redo"
    );
    press(&mut app, "ctrl-y");
    assert_eq!(
        wb(&app).answer("1").unwrap().narrative,
        format!("{n0}More words.")
    );
}

#[test]
fn an_added_strength_is_undone_whole_and_an_empty_one_leaves_nothing_to_undo() {
    let (mut app, _d) = suffolk();
    let s0 = wb(&app).answer("1").unwrap().strengths.clone();
    go_to_slot(&mut app, &Slot::AddStrength);
    press(&mut app, "enter");
    typ(&mut app, "Carers feel heard");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().strengths.len(), s0.len() + 1);
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    assert_eq!(
        message(&app),
        "undid: add strength 4 of KLOE 1 — Ctrl-y to redo"
    );
    // A recommendation added and left empty is not kept, and leaves
    // nothing to undo.
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    go_to_finding(&mut app, peerbook::tui::screens::findings::FindRow::AddRec);
    keys(&mut app, "enter esc");
    press(&mut app, "ctrl-z");
    assert_eq!(message(&app), "Nothing to undo");
}

#[test]
fn deleting_evidence_after_the_confirm_can_be_undone_with_its_links() {
    let (mut app, _d) = suffolk();
    let before_ev = wb(&app).evidence.clone();
    let before_links = wb(&app).answer("1").unwrap().evidence.clone();
    press(&mut app, "E");
    keys(&mut app, "d y");
    assert_eq!(wb(&app).evidence.len(), before_ev.len() - 1);
    assert_ne!(wb(&app).answer("1").unwrap().evidence, before_links);
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).evidence, before_ev);
    assert_eq!(wb(&app).answer("1").unwrap().evidence, before_links);
}

#[test]
fn undo_is_refused_in_a_read_only_workbook() {
    let (mut app, _d) = read_only_suffolk();
    press(&mut app, "ctrl-z");
    assert!(is_error(&app));
    assert!(message(&app).contains("Read-only"), "{}", message(&app));
    press(&mut app, "ctrl-y");
    assert!(is_error(&app));
    assert!(message(&app).contains("Read-only"), "{}", message(&app));
}

#[test]
fn undo_does_not_reach_into_a_workbook_opened_before() {
    let (mut app, _d) = suffolk();
    go_to_slot(&mut app, &Slot::Strength(0));
    press(&mut app, "d");
    app.open_doc(detached(seed(SUFFOLK)));
    let s0 = wb(&app).answer("1").unwrap().strengths.clone();
    press(&mut app, "ctrl-z");
    assert_eq!(message(&app), "Nothing to undo");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
}

#[test]
fn help_lists_undo_and_redo_and_keys_yaml_can_rebind_them() {
    let (mut app, _d) = suffolk();
    let rows = help_rows(&app);
    assert!(
        rows.iter()
            .any(|(k, d)| k == "Ctrl-z" && d.contains("undo the last change")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|(k, d)| k == "Ctrl-y" && d.contains("redo")),
        "{rows:?}"
    );
    press(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..rows.len() {
        seen.push_str(&screen(&mut app, 80, 24));
        press(&mut app, "j");
    }
    assert!(seen.contains("undo the last change"), "{seen}");
    press(&mut app, "esc");
    // Rebound in keys.yaml: F9 undoes, and the message names F10 for redo.
    let problems = app
        .keymap
        .apply_config("keys.yaml", "global:\n  undo: f9\n  redo: f10\n");
    assert!(problems.is_empty(), "{problems:?}");
    press(&mut app, "2");
    press(&mut app, "f9");
    assert_eq!(rating(&app, "1"), Rating::Level(3));
    assert_eq!(
        message(&app),
        "undid: change the rating of KLOE 1 — F10 to redo"
    );
}

#[test]
fn a_reviewers_own_entries_can_be_undone_in_reviewer_mode() {
    let (mut app, _d) = onsite();
    typ(&mut app, "W");
    typ(&mut app, "Zed Peer");
    keys(&mut app, "enter");
    // A first rating makes the reviewer's section; undo takes it away again.
    keys(&mut app, "3");
    assert!(wb(&app).reviewer("Zed Peer").is_some());
    press(&mut app, "ctrl-z");
    assert!(wb(&app).reviewer("Zed Peer").is_none());
    assert_eq!(
        message(&app),
        "undid: change your rating on KLOE 1 — Ctrl-y to redo"
    );
    press(&mut app, "ctrl-y");
    let r = wb(&app).reviewer("Zed Peer").unwrap();
    assert_eq!(r.answer("1").unwrap().rating, Rating::Level(3));
    // A strength typed in, then deleted, comes back.
    press(&mut app, "a");
    typ(&mut app, "Staff know the people they support");
    press(&mut app, "esc");
    go_to_slot(&mut app, &Slot::ReviewStrength(0));
    press(&mut app, "d");
    let strengths = |app: &App| {
        wb(app)
            .reviewer("Zed Peer")
            .and_then(|r| r.answer("1"))
            .map(|a| a.strengths.clone())
            .unwrap_or_default()
    };
    assert!(strengths(&app).is_empty());
    press(&mut app, "ctrl-z");
    assert_eq!(strengths(&app), ["Staff know the people they support"]);
    assert_eq!(slot(&app), Some(Slot::ReviewStrength(0)));
}
