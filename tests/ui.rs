//! The terminal interface, driven as a person would: keys in, state and
//! screens out. Screens are drawn on ratatui's `TestBackend` and kept as
//! insta snapshots in `tests/snapshots/`.
//!
//! (Far over 600 lines: the harness and one test a behaviour; new groups go
//! in `ui/` as `ui/saving.rs` does, and issue 12 moves the rest with the
//! components they test.)

use peerbook::framework::registry::Registry;
use peerbook::store::session::Doc;
use peerbook::tui::app::{App, Slot};
use peerbook::tui::keys::{Action, Keymap};
use peerbook::workbook::{EvidenceKind, Rating, Status, Workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

#[path = "ui/saving.rs"]
mod saving;

#[path = "ui/beside.rs"]
mod beside;
#[path = "ui/cases.rs"]
mod cases;
#[path = "ui/categories.rs"]
mod categories;
#[path = "ui/comments.rs"]
mod comments;
#[path = "ui/dashboard.rs"]
mod dashboard;
#[path = "ui/export.rs"]
mod export;
#[path = "ui/faults.rs"]
mod faults;
#[path = "ui/filter.rs"]
mod filter;
#[path = "ui/keys.rs"]
mod keys;
#[path = "ui/onsite_week.rs"]
mod onsite_week;
#[path = "ui/reading.rs"]
mod reading;
#[path = "ui/report.rs"]
mod report;
#[path = "ui/search.rs"]
mod search;
#[path = "ui/sort.rs"]
mod sort;
#[path = "ui/team.rs"]
mod team;
#[path = "ui/try12.rs"]
mod try12;
#[path = "ui/ux.rs"]
mod ux;
#[path = "ui/week13.rs"]
mod week13;

#[path = "ui/harness.rs"]
#[macro_use]
mod harness;
use harness::*;

// ===== snapshots of every screen at 80×24 =====

#[test]
fn snapshot_start_with_no_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    assert_eq!(on_screen(&app), "Start");
    assert!(start_books(&app).is_empty());
    let folder = app.workbooks_dir.display().to_string();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(&folder), "the folder is named:\n{text}");
    snap_start!("start_empty", &mut app);
}

#[test]
fn snapshot_start_with_one_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("workbooks");
    std::fs::create_dir_all(&folder).unwrap();
    let file = peerbook::store::WorkbookFile::create(
        &folder.join("suffolk-reablement.yaml"),
        &seed(SUFFOLK),
    )
    .unwrap();
    drop(file);
    let mut app = bare_app_in(&dir);
    assert_eq!(start_books(&app).len(), 1);
    assert_eq!(start_books(&app)[0].error, None);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Suffolk County Council"), "{text}");
    snap_start!("start_one_workbook", &mut app);
    // The workbook is selected with j and opens with Enter.
    press(&mut app, "j");
    assert_eq!(start_row(&app), 1);
    press(&mut app, "enter");
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(wb(&app).review.council, "Suffolk County Council");
}

#[test]
fn snapshot_start_new_workbook_popups() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "enter");
    assert!(showing(&app, "frameworks") && popup(&app).unwrap().choice == Some(0));
    snap_start!("start_frameworks_popup", &mut app);
    press(&mut app, "enter");
    assert!(showing(&app, "new workbook"));
    typ(&mut app, "Ynys Môn");
    press(&mut app, "tab");
    typ(&mut app, "Peer review 2026");
    snap_start!("start_new_workbook_popup", &mut app);
}

#[test]
fn snapshot_questions_tree() {
    let (mut app, _d) = suffolk();
    assert!(!answer_focused(&app));
    snap!("questions_tree_suffolk", app);
    let (mut app, _d) = halton();
    snap!("questions_tree_halton", app);
}

#[test]
fn snapshot_questions_answer_pane() {
    let (mut app, _d) = suffolk();
    press(&mut app, "tab");
    assert!(answer_focused(&app));
    snap!("questions_answer_pane", app);
    // Down to the first strength: the pane scrolls to keep it in view.
    keys(&mut app, "j j j j");
    assert_eq!(slot(&app), Some(Slot::Strength(0)));
    snap!("questions_answer_pane_strength", app);
}

#[test]
fn snapshot_help_popup() {
    let (mut app, _d) = suffolk();
    press(&mut app, "?");
    assert!(showing(&app, "help"));
    snap!("popup_help", app);
}

#[test]
fn snapshot_rating_picker() {
    let (mut app, _d) = suffolk();
    press(&mut app, "r");
    // "no rating" first, then the levels: 3 is the fourth line.
    assert!(showing(&app, "rating") && popup(&app).unwrap().choice == Some(3));
    snap!("popup_rating", app);
}

#[test]
fn snapshot_status_picker() {
    let (mut app, _d) = suffolk();
    press(&mut app, "s");
    assert!(showing(&app, "status") && popup(&app).unwrap().choice == Some(3));
    snap!("popup_status", app);
}

#[test]
fn snapshot_narrative_editor() {
    let (mut app, _d) = suffolk();
    press(&mut app, "e");
    assert!(showing(&app, "editor"));
    snap!("popup_narrative_editor", app);
}

#[test]
fn snapshot_search_with_hits() {
    let (mut app, _d) = suffolk();
    press(&mut app, "/");
    typ(&mut app, "assistive");
    let s = expect_popup(&app, "search");
    assert!(s.choices.len() >= 3, "{:?}", s.choices);
    snap!("popup_search", app);
}

#[test]
fn snapshot_link_evidence_picker() {
    let (mut app, _d) = suffolk();
    press(&mut app, "l");
    assert!(showing(&app, "link evidence"));
    snap!("popup_link_evidence", app);
}

#[test]
fn snapshot_evidence_library() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    assert_eq!(on_screen(&app), "Evidence");
    snap!("evidence_list", app);
    // A data item, with its form focused.
    keys(&mut app, "j j enter");
    assert!(form_focused(&app));
    snap!("evidence_data_form", app);
    press(&mut app, "f");
    let kind = expect_popup(&app, "kind");
    assert_eq!(
        kind.choices[0], "All kinds",
        "the filter's kinds start with all"
    );
    snap!("popup_kind_filter", app);
    press(&mut app, "esc");
    press(&mut app, "/");
    assert!(showing(&app, "filter"));
    typ(&mut app, "home first");
    snap!("popup_evidence_text_filter", app);
    press(&mut app, "enter");
    keys(&mut app, "esc d");
    assert!(showing(&app, "confirm"));
    snap!("popup_confirm_delete_evidence", app);
    let (mut app, _d) = halton();
    press(&mut app, "E");
    snap!("evidence_list_halton", app);
}

#[test]
fn snapshot_dashboard() {
    let (mut app, _d) = suffolk();
    press(&mut app, "D");
    assert_eq!(on_screen(&app), "Dashboard");
    snap!("dashboard_suffolk", app);
    let (mut app, _d) = halton();
    press(&mut app, "D");
    snap!("dashboard_halton", app);
    let (mut app, _d) = leeds();
    press(&mut app, "D");
    snap!("dashboard_leeds", app);
}

#[test]
fn snapshot_review_details() {
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    assert_eq!(on_screen(&app), "Details");
    snap!("details", app);
    // Further down: the first team member.
    for _ in 0..11 {
        press(&mut app, "j");
    }
    snap!("details_team", app);
}

#[test]
fn snapshot_details_date_error() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "R j j enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2026-02-30");
    snap!("popup_editor_date_error", app);
}

#[test]
fn snapshot_metrics() {
    let (mut app, _d) = suffolk();
    press(&mut app, "M");
    assert_eq!(on_screen(&app), "Metrics");
    snap!("metrics_none_suffolk", app);
    let (mut app, _d) = leeds();
    press(&mut app, "M");
    snap!("metrics_leeds", app);
    press(&mut app, "enter");
    assert!(form_focused(&app));
    snap!("metrics_leeds_form", app);
}

#[test]
fn snapshot_proud_of() {
    let (mut app, _d) = suffolk();
    press(&mut app, "P");
    assert_eq!(on_screen(&app), "Proud of");
    snap!("proud_of_suffolk", app);
    let (mut app, _d) = leeds();
    press(&mut app, "P");
    snap!("proud_of_empty", app);
}

#[test]
fn snapshot_terminal_too_small() {
    let (mut app, _d) = suffolk();
    snap!("too_small_50x10", app, 50, 10);
}

#[test]
fn snapshot_read_only_banner() {
    let (mut app, _d) = read_only_suffolk();
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("READ-ONLY, open in another peerbook: someone on host"),
        "{text}"
    );
    snap!("read_only", app);
}

#[test]
fn a_workbook_read_only_by_its_permissions_says_so_not_that_it_is_held() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("suffolk.yaml");
    peerbook::store::WorkbookFile::create(&path, &seed(SUFFOLK)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut app = bare_app_in(&dir);
    app.open_doc(Doc::open(&path).unwrap());
    let text = screen(&mut app, 160, 24);
    assert!(
        text.contains(
            "READ-ONLY because the file is read-only (its permissions); make it writable"
        ),
        "{text}"
    );
    assert!(!text.contains("open in another peerbook"), "{text}");
}

/// The status line: the last line but one.
fn status_line(app: &mut App, w: u16, h: u16) -> String {
    let text = screen(app, w, h);
    text.lines().nth(usize::from(h) - 2).unwrap().to_string()
}

#[test]

fn read_only_banner_names_the_holder_at_80x24() {
    let (mut app, _d) = read_only_suffolk();
    let line = status_line(&mut app, 80, 24);
    assert!(line.contains("someone on host, process 1"), "{line}");
}

#[test]

fn status_line_shows_progress_at_80x24() {
    let (mut app, _d) = suffolk();
    let line = status_line(&mut app, 80, 24);
    assert!(line.contains("12/13 answered"), "{line}");
    assert!(!line.contains("…saved"), "{line}");
}

// ===== update: actions in, state out =====

#[test]
fn j_and_k_move_through_the_questions() {
    let (mut app, _d) = suffolk();
    assert_eq!(question(&app).as_deref(), Some("1"));
    keys(&mut app, "j j");
    assert_eq!(question(&app).as_deref(), Some("3"));
    press(&mut app, "k");
    assert_eq!(question(&app).as_deref(), Some("2"));
    // The tree skips domain headers and stops at the ends.
    keys(&mut app, "k k k");
    assert_eq!(question(&app).as_deref(), Some("1"));
    press(&mut app, "G");
    assert_eq!(question(&app).as_deref(), Some("13"));
    press(&mut app, "j");
    assert_eq!(question(&app).as_deref(), Some("13"));
    press(&mut app, "g");
    assert_eq!(question(&app).as_deref(), Some("1"));
    // The update API does the same.
    app.update(Action::Down);
    assert_eq!(question(&app).as_deref(), Some("2"));
    // The selected question is the one drawn reversed.
    let sel = selected_rows(&mut app, 80, 24);
    assert!(sel.iter().any(|r| r.contains("KLOE 2")), "{sel:?}");
}

#[test]
fn n_and_shift_n_jump_to_unanswered_questions() {
    // Suffolk has one question not started: KLOE 12.
    let (mut app, _d) = suffolk();
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));
    press(&mut app, "G");
    press(&mut app, "N");
    assert_eq!(question(&app).as_deref(), Some("12"));
    // Forward wraps around from the last question.
    press(&mut app, "G");
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));

    // A new workbook: every question is unanswered.
    let reg = Registry::load(&[]);
    let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
    let (mut app, _d) = app_with(detached, Workbook::new(fw, "C", "T"));
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("2"));
    press(&mut app, "N");
    assert_eq!(question(&app).as_deref(), Some("1"));
    press(&mut app, "N");
    assert_eq!(question(&app).as_deref(), Some("13"));

    // Answer KLOE 12 in Suffolk: nothing is left to jump to.
    let (mut app, _d) = suffolk();
    press(&mut app, "n");
    press(&mut app, "3");
    assert_eq!(
        wb(&app).answer("12").unwrap().status,
        Status::Draft,
        "rating moves a not-started answer to draft"
    );
    press(&mut app, "g");
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("1"));
    assert_eq!(message(&app), "Every question has an answer");
}

#[test]
fn digits_rate_the_current_answer() {
    let (mut app, _d) = suffolk();
    press(&mut app, "j");
    assert_eq!(rating(&app, "2"), Rating::Level(2));
    press(&mut app, "4");
    assert_eq!(rating(&app, "2"), Rating::Level(4));
    press(&mut app, "1");
    assert_eq!(rating(&app, "2"), Rating::Level(1));
    // Only the current answer changed.
    assert_eq!(rating(&app, "1"), Rating::Level(3));
    assert_eq!(rating(&app, "3"), Rating::Level(2));
    let a = wb(&app).answer("2").unwrap();
    assert_eq!(a.changed.as_ref().unwrap().by, "Tester");
    // The tree shows the new rating.
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("KLOE 2 1 Significant"), "{text}");
    // Also from the answer pane.
    press(&mut app, "tab");
    press(&mut app, "3");
    assert_eq!(rating(&app, "2"), Rating::Level(3));
}

#[test]
fn a_digit_not_on_the_scale_shows_a_message_and_changes_nothing() {
    let (mut app, _d) = suffolk();
    let before = wb(&app).answer("1").unwrap().clone();
    let rev = revision(&app);
    press(&mut app, "5");
    assert_eq!(wb(&app).answer("1").unwrap(), &before);
    assert_eq!(revision(&app), rev);
    assert!(is_error(&app));
    let m = message(&app);
    assert!(m.starts_with("5 is not on the scale"), "{m}");
    assert!(m.contains("4: Exceptional standard"), "{m}");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("5 is not on the scale"), "{text}");
    press(&mut app, "9");
    assert_eq!(wb(&app).answer("1").unwrap(), &before);
}

#[test]
fn x_marks_not_applicable_and_0_clears() {
    let (mut app, _d) = suffolk();
    press(&mut app, "x");
    assert_eq!(rating(&app, "1"), Rating::NotApplicable);
    assert!(screen(&mut app, 80, 24).contains("Rating: N/A"));
    press(&mut app, "0");
    assert_eq!(rating(&app, "1"), Rating::None);
    assert!(screen(&mut app, 80, 24).contains("Rating: not rated"));
    // Both count as changes by this user.
    assert_eq!(
        wb(&app).answer("1").unwrap().changed.as_ref().unwrap().by,
        "Tester"
    );
}

#[test]
fn clearing_the_rating_of_an_empty_answer_leaves_it_unanswered() {
    // Suffolk's KLOE 12 is the one question not started.
    let (mut app, _d) = suffolk();
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));
    press(&mut app, "x");
    assert_eq!(wb(&app).answer("12").unwrap().status, Status::Draft);
    press(&mut app, "0");
    let a = wb(&app).answer("12").unwrap();
    assert_eq!(a.rating, Rating::None);
    assert_eq!(a.status, Status::NotStarted, "nothing is left in it");
    assert!(!a.is_answered());
    // Next-unanswered still finds it.
    press(&mut app, "g");
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));
    // The status bar and the dashboard count it as not started.
    assert!(screen(&mut app, 80, 24).contains("12/13 answered"));
    press(&mut app, "D");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Not started (1): KLOE 12"), "{text}");
}

#[test]
fn rating_picker_sets_the_rating() {
    let (mut app, _d) = suffolk();
    press(&mut app, "r");
    // Opens on the current rating (3 → fourth line, after "no rating");
    // j moves to 4.
    keys(&mut app, "j enter");
    assert!(popup(&app).is_none());
    assert_eq!(rating(&app, "1"), Rating::Level(4));
    press(&mut app, "r");
    keys(&mut app, "j enter");
    assert_eq!(rating(&app, "1"), Rating::NotApplicable);
    // "no rating" is the first line.
    press(&mut app, "r");
    keys(&mut app, "g enter");
    assert_eq!(rating(&app, "1"), Rating::None);
    // Esc cancels.
    press(&mut app, "r");
    keys(&mut app, "k esc");
    assert!(popup(&app).is_none());
    assert_eq!(rating(&app, "1"), Rating::None);
}

#[test]
fn status_picker_sets_the_status() {
    let (mut app, _d) = suffolk();
    press(&mut app, "j"); // KLOE 2: draft
    press(&mut app, "s");
    assert!(showing(&app, "status") && popup(&app).unwrap().choice == Some(1));
    keys(&mut app, "j enter");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::ReadyForReview);
    // g and G go to the first and the last choice, as in every picker.
    press(&mut app, "s");
    keys(&mut app, "g enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::NotStarted);
    press(&mut app, "s");
    keys(&mut app, "G enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::Agreed);
    press(&mut app, "s");
    keys(&mut app, "G k enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::ReadyForReview);
    press(&mut app, "s");
    keys(&mut app, "k k enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::NotStarted);
    // Esc leaves it as it was.
    press(&mut app, "s");
    keys(&mut app, "j esc");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::NotStarted);
}

#[test]
fn narrative_editor_writes_text_as_typed_including_non_ascii() {
    let (mut app, _d) = suffolk();
    press(&mut app, "G"); // KLOE 13
    press(&mut app, "e");
    let before = wb(&app).answer("13").unwrap().narrative.clone();
    typ(&mut app, "\nYnys Môn — café ✓ 日本");
    // Written while the editor is still open.
    assert!(showing(&app, "editor"));
    assert_eq!(
        wb(&app).answer("13").unwrap().narrative,
        format!("{before}\nYnys Môn — café ✓ 日本")
    );
    assert!(revision(&app) > 0);
    // Esc closes and keeps the text.
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert!(
        wb(&app)
            .answer("13")
            .unwrap()
            .narrative
            .ends_with("Ynys Môn — café ✓ 日本")
    );
}

#[test]
fn narrative_on_an_empty_answer_starts_a_draft() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12: not started
    press(&mut app, "e");
    typ(&mut app, "Première ligne\nSecond line");
    press(&mut app, "esc");
    let a = wb(&app).answer("12").unwrap();
    assert_eq!(a.narrative, "Première ligne\nSecond line");
    assert_eq!(a.status, Status::Draft);
    assert_eq!(a.changed.as_ref().unwrap().by, "Tester");
}

#[test]
fn ctrl_z_undoes_typing_in_the_editor() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12, empty narrative
    press(&mut app, "e");
    typ(&mut app, "abc");
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "abc");
    press(&mut app, "ctrl-z");
    assert_ne!(wb(&app).answer("12").unwrap().narrative, "abc");
    for _ in 0..5 {
        press(&mut app, "ctrl-z");
    }
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "");
    press(&mut app, "ctrl-y");
    assert!(!wb(&app).answer("12").unwrap().narrative.is_empty());
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
}

/// Selects a slot of the answer pane by moving with j.
fn go_to_slot(app: &mut App, want: &Slot) {
    if !answer_focused(app) {
        press(app, "tab");
    }
    press(app, "g");
    for _ in 0..answer_lines(app).len() {
        if slot(app).as_ref() == Some(want) {
            return;
        }
        press(app, "j");
    }
    panic!("slot {want:?} not found in {:?}", answer_lines(app));
}

#[test]
fn adding_a_strength_from_the_answer_pane() {
    let (mut app, _d) = suffolk();
    let n = wb(&app).answer("1").unwrap().strengths.len();
    go_to_slot(&mut app, &Slot::AddStrength);
    assert!(
        selected_rows(&mut app, 80, 24)
            .iter()
            .any(|r| r.contains("+ add a strength")),
        "{:?}",
        selected_rows(&mut app, 80, 24)
    );
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    typ(&mut app, "Carers say the team listens — “really listens”");
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    let s = &wb(&app).answer("1").unwrap().strengths;
    assert_eq!(s.len(), n + 1);
    assert_eq!(s[n], "Carers say the team listens — “really listens”");
}

#[test]
fn an_empty_new_strength_is_dropped() {
    let (mut app, _d) = suffolk();
    let before = wb(&app).answer("1").unwrap().strengths.clone();
    go_to_slot(&mut app, &Slot::AddStrength);
    press(&mut app, "enter");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, before);
    // Typed and then rubbed out: dropped too.
    press(&mut app, "enter");
    typ(&mut app, "xy");
    backspaces(&mut app, 2);
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, before);
    // 'a' in the tree adds a strength too; left empty, nothing is kept.
    press(&mut app, "tab");
    assert!(!answer_focused(&app));
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, before);
}

#[test]
fn deleting_and_reordering_strengths() {
    let (mut app, _d) = suffolk();
    let s0 = wb(&app).answer("1").unwrap().strengths.clone();
    assert_eq!(s0.len(), 3);
    go_to_slot(&mut app, &Slot::Strength(0));
    // J moves the first strength down, and the selection with it.
    press(&mut app, "J");
    let s = wb(&app).answer("1").unwrap().strengths.clone();
    assert_eq!(s, vec![s0[1].clone(), s0[0].clone(), s0[2].clone()]);
    assert_eq!(slot(&app), Some(Slot::Strength(1)));
    // K moves it back up.
    press(&mut app, "K");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    assert_eq!(slot(&app), Some(Slot::Strength(0)));
    // K on the first does nothing.
    press(&mut app, "K");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    // J on the last does nothing.
    go_to_slot(&mut app, &Slot::Strength(2));
    press(&mut app, "J");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    // d deletes the selected one.
    go_to_slot(&mut app, &Slot::Strength(1));
    press(&mut app, "d");
    assert_eq!(
        wb(&app).answer("1").unwrap().strengths,
        vec![s0[0].clone(), s0[2].clone()]
    );
    // d in the tree deletes nothing.
    press(&mut app, "tab");
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().strengths.len(), 2);
}

#[test]
fn l_opens_the_link_picker_and_enter_links() {
    let (mut app, _d) = suffolk();
    let linked = wb(&app).answer("1").unwrap().evidence.clone();
    assert_eq!(linked, vec!["ev-1", "ev-3", "ev-4", "ev-7"]);
    press(&mut app, "l");
    let link = expect_popup(&app, "link evidence");
    // Only items not yet linked are offered.
    let offered: Vec<String> = link
        .choices
        .iter()
        .map(|c| c.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    // Offered by the pack's label: ev-1 is E1, and so on in the seed.
    let linked_labels: Vec<String> = linked.iter().map(|id| id.replace("ev-", "E")).collect();
    assert!(
        !offered.iter().any(|l| linked_labels.contains(l)),
        "{offered:?}"
    );
    assert_eq!(offered[0], "E2");
    keys(&mut app, "j enter");
    assert!(popup(&app).is_none());
    assert_eq!(
        wb(&app).answer("1").unwrap().evidence,
        vec!["ev-1", "ev-3", "ev-4", "ev-7", "ev-5"]
    );
    assert_eq!(message(&app), "Linked E5 to KLOE 1");
    // Esc links nothing.
    press(&mut app, "l");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().evidence.len(), 5);
    // The link shows in the answer pane and can be removed with d there.
    go_to_slot(&mut app, &Slot::Evidence(4));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Evidence: E5 ["), "{text}");
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().evidence, linked);
    assert_eq!(wb(&app).evidence.len(), 12, "the item stays in the library");
}

#[test]
fn evidence_add_edit_title_and_delete_with_confirm() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let n = wb(&app).evidence.len();
    // Add: a new item, its title in the editor.
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    assert_eq!(wb(&app).evidence.len(), n + 1);
    backspaces(&mut app, "New evidence".len());
    typ(&mut app, "Survey of carers, 2016");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    let e = wb(&app).evidence.last().unwrap();
    assert_eq!(e.title, "Survey of carers, 2016");
    assert_eq!(e.id, "ev-13");
    assert_eq!(e.kind, EvidenceKind::Document);
    assert!(form_focused(&app));

    // Edit the title of the first item: Enter opens the form, Enter edits.
    keys(&mut app, "esc g");
    assert!(!form_focused(&app));
    keys(&mut app, "enter enter");
    assert!(showing(&app, "editor"));
    typ(&mut app, " (draft)");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).evidence[0].title,
        "Integrated Reablement and Rehabilitation (IRR) vision (draft)"
    );

    // Delete ev-7, cited by several questions: the confirm names them.
    keys(&mut app, "esc g");
    for _ in 0..6 {
        press(&mut app, "j");
    }
    let id = wb(&app).evidence[chosen_evidence(&app)].id.clone();
    assert_eq!(id, "ev-7");
    let citing: Vec<String> = wb(&app)
        .citing("ev-7")
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(citing.len() >= 2, "{citing:?}");
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    for q in &citing {
        assert!(m.contains(&format!("KLOE {q}")), "{m} should name KLOE {q}");
    }
    assert!(m.contains("ev-7"), "{m}");
    // n keeps it.
    press(&mut app, "n");
    assert!(popup(&app).is_none());
    assert!(wb(&app).evidence_item("ev-7").is_some());
    // y deletes it and the links to it.
    press(&mut app, "d");
    press(&mut app, "y");
    assert!(popup(&app).is_none());
    assert!(wb(&app).evidence_item("ev-7").is_none());
    assert!(wb(&app).citing("ev-7").is_empty());
    assert_eq!(wb(&app).evidence.len(), n);
    assert_eq!(message(&app), "Deleted evidence ev-7 — Ctrl-z to undo");
    // An item nobody cites says so.
    press(&mut app, "G");
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    assert!(m.contains("No question cites it"), "{m}");
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).evidence.len(), n);
}

#[test]
fn evidence_kind_filter() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let all = evidence_listed(&app).len();
    press(&mut app, "f");
    // All kinds, Document, Data, …
    keys(&mut app, "j j enter");
    assert_eq!(kind_filter(&app), Some(EvidenceKind::Data));
    let shown = evidence_listed(&app);
    assert!(!shown.is_empty() && shown.len() < all);
    assert!(
        shown
            .iter()
            .all(|i| wb(&app).evidence[*i].kind == EvidenceKind::Data)
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("Evidence {} of {all} · Data", shown.len())),
        "{text}"
    );
    // Adding under a filter makes an item of that kind.
    press(&mut app, "a");
    press(&mut app, "enter");
    assert_eq!(wb(&app).evidence.last().unwrap().kind, EvidenceKind::Data);
    // Back to all kinds.
    keys(&mut app, "esc f g");
    // 'g' is not bound in pop-ups: go up with k instead.
    keys(&mut app, "k k k k k enter");
    assert_eq!(kind_filter(&app), None);
    assert_eq!(evidence_listed(&app).len(), all + 1);
}

#[test]
fn evidence_text_filter() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let all = evidence_listed(&app).len();
    press(&mut app, "/");
    assert!(showing(&app, "filter"));
    typ(&mut app, "HOME first");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(text_filter(&app), "HOME first");
    let shown = evidence_listed(&app);
    assert!(!shown.is_empty() && shown.len() < all, "{shown:?}");
    for i in &shown {
        let e = &wb(&app).evidence[*i];
        let hay = format!(
            "{} {} {} {}",
            e.title,
            e.id,
            e.note.clone().unwrap_or_default(),
            e.location.clone().unwrap_or_default()
        )
        .to_lowercase();
        assert!(hay.contains("home first"), "{hay}");
    }
    // A filter with no match says so.
    press(&mut app, "/");
    typ(&mut app, "zzz");
    press(&mut app, "enter");
    assert!(evidence_listed(&app).is_empty());
    assert!(screen(&mut app, 80, 24).contains("Nothing matches the filter"));
    // Clearing it shows everything again.
    press(&mut app, "/");
    backspaces(&mut app, 20);
    press(&mut app, "enter");
    assert_eq!(evidence_listed(&app).len(), all);
}

#[test]
fn details_impossible_date_gives_an_error_and_changes_nothing() {
    let (mut app, _d) = suffolk();
    let start = wb(&app).review.onsite_start;
    assert_eq!(start.unwrap().to_string(), "2016-10-18");
    keys(&mut app, "R j j enter");
    let ed = expect_popup(&app, "editor");
    assert_eq!(ed.input.as_deref(), Some("2016-10-18"));
    backspaces(&mut app, 10);
    typ(&mut app, "2026-02-30");
    let ed = expect_popup(&app, "editor");
    let e = ed.error.unwrap_or_default();
    assert!(e.contains("'2026-02-30' is not a real date"), "{e}");
    assert!(screen(&mut app, 80, 24).contains("is not a real date"));
    // Enter does not accept it.
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    // Esc asks first; a second Esc puts the old date back.
    press(&mut app, "esc");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).review.onsite_start, start);
}

#[test]

fn a_half_typed_date_is_not_kept_when_quitting_from_the_editor() {
    let (mut app, _d) = suffolk();
    let end = wb(&app).review.onsite_end;
    keys(&mut app, "R j j j enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2026-02-30");
    let ed = expect_popup(&app, "editor");
    assert!(ed.error.is_some());
    // Ctrl-c in the editor closes it and quits (the workbook is saved on
    // the way out): the date the user never typed must not be kept.
    press(&mut app, "ctrl-c");
    assert!(quitting(&app));
    assert_eq!(wb(&app).review.onsite_end, end);
}

#[test]
fn details_end_before_start_is_refused() {
    let (mut app, _d) = suffolk();
    let end = wb(&app).review.onsite_end;
    keys(&mut app, "R j j j enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2016-10-01");
    let ed = expect_popup(&app, "editor");
    let e = ed.error.unwrap_or_default();
    assert!(
        e.contains("cannot end (2016-10-01) before it starts (2016-10-18)"),
        "{e}"
    );
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    // Esc asks first; a second Esc keeps the old date.
    press(&mut app, "esc");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).review.onsite_end, end);
    // A good end date is kept.
    keys(&mut app, "enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2016-10-22");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(
        wb(&app).review.onsite_end.unwrap().to_string(),
        "2016-10-22"
    );
}

#[test]
fn details_add_a_focus_question_and_a_team_member() {
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    let focus = wb(&app).review.focus.len();
    let team = wb(&app).review.team.len();
    // 'a' near the top adds a focus question.
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    typ(&mut app, "How well do carers' voices shape services?");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).review.focus.len(), focus + 1);
    assert_eq!(
        wb(&app).review.focus[focus],
        "How well do carers' voices shape services?"
    );
    // An empty new focus question is dropped.
    press(&mut app, "a");
    press(&mut app, "esc");
    assert_eq!(wb(&app).review.focus.len(), focus + 1);
    // At the bottom, Enter on "+ add a team member" adds one.
    press(&mut app, "G");
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    assert_eq!(wb(&app).review.team.len(), team + 1);
    backspaces(&mut app, "New team member".len());
    typ(&mut app, "Aoife Ní Bhriain");
    press(&mut app, "enter");
    assert_eq!(wb(&app).review.team[team].name, "Aoife Ní Bhriain");
    // The role is the next row.
    keys(&mut app, "j enter");
    typ(&mut app, "Officer peer");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).review.team[team].role.as_deref(),
        Some("Officer peer")
    );
    // Removing a member asks first.
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    assert!(m.contains("Aoife Ní Bhriain"), "{m}");
    press(&mut app, "y");
    assert_eq!(wb(&app).review.team.len(), team);
}

#[test]
fn metrics_value_is_written() {
    let (mut app, _d) = leeds();
    press(&mut app, "M");
    let first = wb(&app).framework.metrics[0].id.clone();
    keys(&mut app, "enter enter");
    assert!(showing(&app, "editor"));
    typ(&mut app, "42.5");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    let m = wb(&app).metrics.iter().find(|m| m.metric == first).unwrap();
    assert_eq!(m.value, Some(42.5));
    // The list shows it.
    assert!(screen(&mut app, 80, 24).contains("42.5"));
    // Not a number: refused, Esc keeps the old value.
    press(&mut app, "enter");
    typ(&mut app, "x");
    let ed = expect_popup(&app, "editor");
    assert!(ed.error.as_deref().unwrap_or("").contains("not a number"));
    // Esc asks first; a second Esc keeps the old value.
    press(&mut app, "esc");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    let m = wb(&app).metrics.iter().find(|m| m.metric == first).unwrap();
    assert_eq!(m.value, Some(42.5));
    // Period is a text field, next one down.
    keys(&mut app, "j enter");
    typ(&mut app, "2018/19");
    press(&mut app, "enter");
    let m = wb(&app).metrics.iter().find(|m| m.metric == first).unwrap();
    assert_eq!(m.period.as_deref(), Some("2018/19"));
}

#[test]
fn proud_of_add_edit_delete() {
    let (mut app, _d) = suffolk();
    press(&mut app, "P");
    let n = wb(&app).proud_of.len();
    assert_eq!(n, 2);
    // Add: a new case study with its title in the editor.
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    assert_eq!(wb(&app).proud_of.len(), n + 1);
    backspaces(&mut app, "New case study".len());
    typ(&mut app, "Café-style drop-ins");
    press(&mut app, "enter");
    assert_eq!(wb(&app).proud_of[n].title, "Café-style drop-ins");
    // Edit the summary, a text over several lines.
    keys(&mut app, "j enter");
    typ(&mut app, "Weekly drop-ins.\nRun with carers.");
    press(&mut app, "esc");
    assert_eq!(
        wb(&app).proud_of[n].summary.as_deref(),
        Some("Weekly drop-ins.\nRun with carers.")
    );
    // Delete asks first; n keeps it, y deletes.
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    assert!(m.contains("Café-style drop-ins"), "{m}");
    press(&mut app, "n");
    assert_eq!(wb(&app).proud_of.len(), n + 1);
    press(&mut app, "d");
    press(&mut app, "y");
    assert_eq!(wb(&app).proud_of.len(), n);
    assert!(selected_row(&app, "Proud of") < n);
    // Editing the first case study's title from the list.
    keys(&mut app, "esc g enter enter");
    typ(&mut app, "!");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).proud_of[0].title,
        "The Waveney Out of Hospital team!"
    );
}

fn search_hits(app: &mut App, query: &str) -> Vec<String> {
    press(app, "/");
    typ(app, query);
    let s = expect_popup(app, "search");
    let hits = s.choices;
    press(app, "esc");
    hits
}

#[test]
fn search_follows_edits_and_the_workbook_that_is_open() {
    // The lower-cased text search looks in is kept between keystrokes; it
    // must follow a change, and never outlive its workbook.
    let (mut app, _d) = suffolk();
    assert!(search_hits(&mut app, "zebra crossing").is_empty());
    app.open_doc(detached({
        let mut w = seed("seeds/suffolk-reablement-2016.yaml");
        w.answer_mut("1").narrative = "We met at the zebra crossing.".into();
        w
    }));
    let hits = search_hits(&mut app, "zebra crossing");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].contains("narrative"), "{hits:?}");
    // A workbook with less evidence, opened after a search of the larger
    // one: hits come from it alone, and nothing indexes past its library.
    let before = search_hits(&mut app, "e").len();
    let (other, _d2) = halton();
    let mut halton_wb = wb(&other).clone();
    halton_wb.evidence_mut().truncate(1);
    app.open_doc(detached(halton_wb));
    assert!(before > 0);
    for label in search_hits(&mut app, "e") {
        assert!(!label.contains("Suffolk"), "{label}");
    }
    assert!(evidence_listed(&app).len() <= 1);
}

#[test]
fn the_evidence_filter_and_search_never_match_across_two_fields() {
    let (mut app, _d) = suffolk();
    let e = wb(&app).evidence[0].clone();
    let last_word = e.title.split_whitespace().last().unwrap().to_lowercase();
    // The end of the title and the id, as if they were one text.
    let across = format!("{last_word} {}", e.id.to_lowercase());
    filter_evidence(&mut app, &last_word.clone());
    assert!(evidence_listed(&app).contains(&0));
    filter_evidence(&mut app, &across.clone());
    assert!(!evidence_listed(&app).contains(&0), "{across}");
    let hits = search_hits(&mut app, &across);
    assert!(hits.iter().all(|h| !h.starts_with(&e.id)), "{hits:?}");
}

#[test]
fn search_jumps_to_the_question() {
    let (mut app, _d) = suffolk();
    assert_eq!(question(&app).as_deref(), Some("1"));
    press(&mut app, "/");
    typ(&mut app, "assistive");
    let s = expect_popup(&app, "search");
    assert!(s.choices[0].starts_with("KLOE 2"), "{:?}", s.choices);
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(question(&app).as_deref(), Some("2"));
    // From another screen, and with the second hit.
    press(&mut app, "D");
    press(&mut app, "/");
    typ(&mut app, "pocket card");
    let s = expect_popup(&app, "search");
    assert!(!s.choices.is_empty());
    // The evidence item's hit (a case study holds the words too, and is
    // listed after it).
    let last = s
        .choices
        .iter()
        .position(|c| c.starts_with("ev-2 "))
        .unwrap_or_else(|| panic!("{:?}", s.choices));
    assert!(last > 0, "{:?}", s.choices);
    for _ in 0..last {
        press(&mut app, "down");
    }
    press(&mut app, "enter");
    // The evidence item's hit: the library shows it.
    assert_eq!(on_screen(&app), "Evidence");
    let i = chosen_evidence(&app);
    assert_eq!(wb(&app).evidence[i].id, "ev-2");
    // No hits: Esc closes, nothing moves.
    press(&mut app, "Q");
    press(&mut app, "/");
    typ(&mut app, "qqqxxx");
    assert!(screen(&mut app, 80, 24).contains("No matches"));
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(question(&app).as_deref(), Some("2"));
}

#[test]
fn help_lists_keys_from_the_table() {
    let (mut app, _d) = suffolk();
    press(&mut app, "?");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Keys on the Questions screen"), "{text}");
    assert!(text.contains("next unanswered question"), "{text}");
    assert!(text.contains("rate at that level of the scale"), "{text}");
    // Every row of the table for this screen can be reached by scrolling.
    let rows = help_rows(&app);
    let mut seen = String::new();
    for _ in 0..rows.len() {
        seen.push_str(&screen(&mut app, 80, 24));
        press(&mut app, "j");
    }
    for (_, d) in &rows {
        assert!(seen.contains(d.as_str()), "help never shows '{d}'");
    }
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    // On the evidence screen it lists that screen's keys.
    press(&mut app, "E");
    press(&mut app, "?");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Keys on the Evidence screen"), "{text}");
    assert!(text.contains("filter by kind"), "{text}");
    assert!(!text.contains("next unanswered question"), "{text}");
}

#[test]
fn help_follows_a_rebound_key() {
    let mut km = Keymap::default();
    let problems = km.apply_config("keys.yaml", "questions:\n  next_unanswered: F8\n");
    assert!(problems.is_empty(), "{problems:?}");
    let (mut app, _d) = suffolk();
    app.keymap = km;
    press(&mut app, "?");
    // The rebound row is the screen's last; scroll the help down to it.
    let mut found = None;
    for _ in 0..40 {
        let text = screen(&mut app, 80, 24);
        if let Some(l) = text
            .lines()
            .find(|l| l.contains("next unanswered question"))
        {
            found = Some(l.to_string());
            break;
        }
        press(&mut app, "j");
    }
    let line = found.expect("help shows the next-unanswered row");
    assert!(line.contains("F8"), "{line}");
}

#[test]
fn read_only_workbook_refuses_changes_with_a_message() {
    let (mut app, _d) = read_only_suffolk();
    let before = wb(&app).clone();
    // The banner is in the status bar for as long as the workbook is open.
    assert!(
        status_line(&mut app, 80, 24)
            .contains("READ-ONLY, open in another peerbook: someone on host, process 1")
    );
    let refused = "Read-only: nothing can be changed here";
    let check = |app: &mut App, keys_: &str| {
        clear_message(app);
        keys(app, keys_);
        assert_eq!(message(app), refused, "after {keys_}");
        assert!(is_error(app));
        assert!(popup(app).is_none(), "after {keys_}");
    };
    check(&mut app, "3");
    check(&mut app, "x");
    check(&mut app, "0");
    check(&mut app, "e");
    check(&mut app, "o");
    check(&mut app, "a");
    check(&mut app, "s");
    check(&mut app, "r");
    // Moving still works.
    keys(&mut app, "j");
    assert_eq!(question(&app).as_deref(), Some("2"));
    check(&mut app, "E a");
    check(&mut app, "E d");
    check(&mut app, "E enter enter");
    check(&mut app, "R enter");
    check(&mut app, "R a");
    check(&mut app, "P a");
    check(&mut app, "P enter enter");
    assert_eq!(wb(&app).answers, before.answers);
    assert_eq!(wb(&app).evidence, before.evidence);
    assert_eq!(wb(&app).review, before.review);
    assert_eq!(wb(&app).proud_of, before.proud_of);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(refused), "{text}");
}

#[test]
fn read_only_refuses_every_key_that_changes_the_workbook_wherever_it_is_pressed() {
    // Delete, move and add are refused in one place, before any screen
    // sees them: even where they would do nothing, the user is told why.
    let (mut app, _d) = read_only_suffolk();
    let before = peerbook::workbook::to_text(wb(&app));
    for (screen, keys_) in [
        ("Q", "d"),
        ("Q", "K"),
        ("Q", "J"),
        ("Q", "tab j j j j d"),
        ("E", "d"),
        ("R", "d"),
        ("P", "d"),
        ("Q", "ctrl-z"),
    ] {
        press(&mut app, screen);
        clear_message(&mut app);
        keys(&mut app, keys_);
        assert_eq!(
            message(&app),
            "Read-only: nothing can be changed here",
            "{screen} then {keys_}"
        );
        assert!(popup(&app).is_none(), "{screen} then {keys_}");
        press(&mut app, "esc");
    }
    assert_eq!(peerbook::workbook::to_text(wb(&app)), before);
}

#[test]
fn read_only_link_says_read_only() {
    let (mut app, _d) = read_only_suffolk();
    keys(&mut app, "l enter");
    assert_eq!(wb(&app).answer("1").unwrap().evidence.len(), 4);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]

fn read_only_unlink_says_read_only() {
    let (mut app, _d) = read_only_suffolk();
    go_to_slot(&mut app, &Slot::Evidence(0));
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().evidence.len(), 4);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]

fn read_only_refuses_deleting_a_case_study() {
    let (mut app, _d) = read_only_suffolk();
    keys(&mut app, "P d");
    if popup(&app).is_some() {
        press(&mut app, "y");
    }
    assert_eq!(wb(&app).proud_of.len(), 2);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]

fn read_only_refuses_removing_a_team_member() {
    let (mut app, _d) = read_only_suffolk();
    press(&mut app, "R");
    // The first team member.
    for _ in 0..11 {
        press(&mut app, "j");
    }
    press(&mut app, "d");
    if popup(&app).is_some() {
        press(&mut app, "y");
    }
    assert_eq!(wb(&app).review.team.len(), 6);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]
fn keys_yaml_override_changes_what_a_key_does() {
    let mut km = Keymap::default();
    let problems = km.apply_config(
        "keys.yaml",
        "questions:\n  next_unanswered: F8\n  down: n\nglobal:\n  show_evidence: ctrl-e\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(
        km,
        Registry::load(&[]),
        dir.path().join("workbooks"),
        "Tester".into(),
    );
    app.theme.color = false;
    app.open_doc(detached(seed(SUFFOLK)));
    // n now moves down one question instead of jumping to KLOE 12.
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("2"));
    // F8 jumps to the unanswered question.
    press(&mut app, "f8");
    assert_eq!(question(&app).as_deref(), Some("12"));
    // j still moves (the global binding).
    press(&mut app, "j");
    assert_eq!(question(&app).as_deref(), Some("13"));
    // Ctrl-e shows the evidence; E still does too.
    press(&mut app, "ctrl-e");
    assert_eq!(on_screen(&app), "Evidence");
    // The footer shows the new key (at 100 columns: at 80 the footer keeps
    // "? help" and has no room left for it; help lists it).
    press(&mut app, "Q");
    let text = screen(&mut app, 100, 24);
    let footer = text.lines().last().unwrap();
    assert!(footer.contains("F8 next gap"), "{footer}");
}

#[test]
fn escape_from_a_screen_goes_back_to_questions() {
    let (mut app, _d) = suffolk();
    for s in ["E", "D", "R", "M", "P"] {
        press(&mut app, s);
        assert_ne!(on_screen(&app), "Questions");
        press(&mut app, "esc");
        assert_eq!(on_screen(&app), "Questions", "Esc from {s}");
    }
    press(&mut app, "esc");
    assert!(!quitting(&app));
    press(&mut app, "q");
    assert!(quitting(&app));
}

/// Every screen and pop-up, for the size sweep.
fn every_state() -> Vec<(&'static str, App, TempDir)> {
    let mut v = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let app = bare_app_in(&dir);
    v.push(("start", app, dir));
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "enter");
    v.push(("frameworks", app, dir));
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    keys(&mut app, "enter enter");
    typ(&mut app, "Council");
    v.push(("new", app, dir));
    let plans: &[(&str, &str)] = &[
        ("questions", ""),
        ("answer pane", "tab"),
        ("answer pane bottom", "tab G"),
        ("tree bottom", "G"),
        ("help", "?"),
        (
            "help scrolled",
            "? j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j",
        ),
        ("rating", "r"),
        ("status", "s"),
        ("narrative", "e"),
        ("owner", "o"),
        ("search", "/ a"),
        ("link", "l"),
        ("link bottom", "l j j j j j j j j j j"),
        ("evidence", "E"),
        ("evidence form", "E j j enter"),
        ("evidence bottom", "E G enter"),
        ("kind", "E f"),
        ("filter", "E /"),
        ("confirm", "E j j j j j j d"),
        ("dashboard", "D"),
        ("details", "R"),
        ("details bottom", "R G"),
        ("details date", "R j j enter"),
        ("metrics", "M"),
        ("proud", "P"),
        ("proud form", "P enter j j j"),
        ("comments", "c"),
        ("comment editor", "c a"),
        ("reading", "w"),
        ("reading bottom", "w G"),
        ("reading next domain", "w tab j j j"),
        ("reading editor", "w pgdn e"),
    ];
    for (name, k) in plans {
        for (app, dir) in [suffolk(), halton(), leeds(), read_only_suffolk()] {
            let mut app = app;
            keys(&mut app, k);
            v.push((*name, app, dir));
        }
    }
    // Search with a query that finds things, and an editor with an error.
    let (mut app, dir) = suffolk();
    press(&mut app, "/");
    typ(&mut app, "the");
    v.push(("search hits", app, dir));
    let (mut app, dir) = suffolk();
    keys(&mut app, "R j j enter");
    typ(&mut app, "x");
    v.push(("editor error", app, dir));
    let (mut app, dir) = leeds();
    keys(&mut app, "M enter");
    v.push(("metrics form", app, dir));
    v
}

#[test]
fn drawing_every_screen_at_every_size_does_not_panic() {
    draw_every_state_at_every_size(0);
}

// The same for the other half of the states, so the two halves run side by
// side (they take most of this file's time).
#[test]
fn drawing_every_screen_at_every_size_does_not_panic_second_half() {
    draw_every_state_at_every_size(1);
}

/// Draws every other state, starting at `half` (0 or 1), at every size.
fn draw_every_state_at_every_size(half: usize) {
    let states: Vec<_> = every_state().into_iter().skip(half).step_by(2).collect();
    let mut sizes: Vec<(u16, u16)> = vec![(1, 1), (0, 0), (1, 0), (0, 1), (2, 2), (3, 1)];
    for w in (1..=120).step_by(7) {
        for h in (1..=40).step_by(3) {
            sizes.push((w, h));
        }
    }
    // Around the "too small" limit and at common sizes.
    for (w, h) in [
        (59, 16),
        (60, 15),
        (60, 16),
        (61, 17),
        (80, 24),
        (120, 40),
        (200, 60),
        (60, 40),
        (120, 16),
    ] {
        sizes.push((w, h));
    }
    for (name, app, _dir) in &states {
        for &(w, h) in &sizes {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| {
                    peerbook::tui::view::draw(f, app);
                })
                .unwrap();
                // And resizing a terminal that already drew.
                t.backend_mut()
                    .resize(w.saturating_add(3), h.saturating_add(2));
                t.draw(|f| {
                    peerbook::tui::view::draw(f, app);
                })
                .unwrap();
            }));
            assert!(r.is_ok(), "drawing '{name}' at {w}×{h} panicked");
        }
    }
}

#[test]
fn keys_after_drawing_small_do_not_panic() {
    // Page keys use the last drawn size: draw at 1×1, then page around.
    let (mut app, _d) = suffolk();
    let _ = terminal(&mut app, 1, 1);
    keys(&mut app, "pgdn pgdn pgup tab pgdn G g");
    for s in ["E", "R", "P", "M", "D"] {
        press(&mut app, s);
        let _ = terminal(&mut app, 1, 1);
        keys(&mut app, "pgdn pgdn G pgup g j k");
    }
    let _ = terminal(&mut app, 80, 24);
}

/// Presses `key` `n` times and checks after each press that the selection
/// is drawn (some row is reversed) at 80×24.
fn selection_stays_visible(app: &mut App, key: &str, n: usize) -> Vec<usize> {
    let mut lost = Vec::new();
    for i in 0..n {
        if selected_rows(app, 80, 24).is_empty() {
            lost.push(i);
        }
        press(app, key);
    }
    lost
}

#[test]
fn the_selection_stays_on_screen_in_the_answer_pane() {
    let (mut app, _d) = suffolk();
    press(&mut app, "tab");
    let n = answer_lines(&app).len();
    let lost = selection_stays_visible(&mut app, "j", n);
    assert!(lost.is_empty(), "slots not drawn: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_the_evidence_form() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "E j j enter");
    let n = evidence_form_len(&app, 2);
    let lost = selection_stays_visible(&mut app, "j", n);
    assert!(lost.is_empty(), "fields not drawn: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_the_proud_of_form() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "P enter");
    assert!(form_focused(&app));
    let lost = selection_stays_visible(&mut app, "j", 7);
    assert!(lost.is_empty(), "fields not drawn: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_review_details() {
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    let n = details_len(&app);
    let lost = selection_stays_visible(&mut app, "j", n);
    assert!(lost.is_empty(), "rows not drawn: {lost:?}");
    // And back up again.
    let lost = selection_stays_visible(&mut app, "k", n);
    assert!(lost.is_empty(), "rows not drawn going up: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_lists() {
    let (mut app, _d) = suffolk();
    let lost = selection_stays_visible(&mut app, "j", 13);
    assert!(lost.is_empty(), "tree: {lost:?}");
    press(&mut app, "E");
    let lost = selection_stays_visible(&mut app, "j", 12);
    assert!(lost.is_empty(), "evidence: {lost:?}");
    let (mut app, _d) = leeds();
    press(&mut app, "M");
    let lost = selection_stays_visible(&mut app, "j", 13);
    assert!(lost.is_empty(), "metrics: {lost:?}");
    press(&mut app, "enter");
    let lost = selection_stays_visible(&mut app, "j", 6);
    assert!(lost.is_empty(), "metric form: {lost:?}");
}

#[test]
fn creating_a_workbook_from_the_start_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "n");
    expect_popup(&app, "frameworks");
    let want = app
        .registry
        .frameworks
        .iter()
        .position(|f| f.id == "suffolk-reablement-2016")
        .unwrap();
    for _ in 0..want {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    assert!(showing(&app, "new workbook"));
    // Both fields are needed.
    press(&mut app, "enter");
    press(&mut app, "enter");
    let n = expect_popup(&app, "new workbook");
    assert_eq!(
        n.error.as_deref(),
        Some("Give both the council and the review title")
    );
    assert_eq!(
        n.field,
        Some("council"),
        "the cursor goes back to the empty council"
    );
    typ(&mut app, "Ynys Môn");
    press(&mut app, "enter");
    typ(&mut app, "Reablement review");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(wb(&app).review.council, "Ynys Môn");
    assert_eq!(wb(&app).review.title, "Reablement review");
    assert_eq!(wb(&app).framework.id, "suffolk-reablement-2016");
    let path = workbook_path(&app);
    assert!(path.starts_with(dir.path().join("workbooks")), "{path:?}");
    assert!(path.exists());
    assert!(message(&app).starts_with("Created "), "{}", message(&app));
    drop(app);
    // Back on the start screen, the new workbook is listed.
    let app = bare_app_in(&dir);
    assert_eq!(start_books(&app).len(), 1);
    assert_eq!(start_books(&app)[0].council, "Ynys Môn");
}

#[test]
fn snapshot_start_with_a_broken_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("workbooks");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("broken.yaml"), "kind: workbook\nformat: [\n").unwrap();
    let mut app = bare_app_in(&dir);
    assert!(start_books(&app)[0].error.is_some());
    snap_start!("start_broken_workbook", &mut app);
}

fn click(app: &mut App, column: u16, row: u16) {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

/// The row of the screen whose text contains `needle`.
fn row_of(app: &mut App, needle: &str) -> u16 {
    let text = screen(app, 80, 24);
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("'{needle}' not on screen:\n{text}")) as u16
}

#[test]
fn clicking_a_question_in_the_tree_selects_it() {
    let (mut app, _d) = suffolk();
    let row = row_of(&mut app, "KLOE 7");
    click(&mut app, 5, row);
    assert_eq!(question(&app).as_deref(), Some("7"));
    // A click on a tab shows that screen.
    let col = screen(&mut app, 80, 24)
        .lines()
        .next()
        .unwrap()
        .find("Evidence")
        .unwrap() as u16;
    click(&mut app, col + 1, 0);
    assert_eq!(on_screen(&app), "Evidence");
}

#[test]
fn clicking_a_review_detail_selects_the_row_drawn_there() {
    // The click is resolved against what the frame drew: the whole width
    // of a row of the form, not a list's arithmetic.
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    let row = row_of(&mut app, "On-site to");
    click(&mut app, 70, row);
    assert_eq!(
        selected_row(&app, "Details"),
        3,
        "the on-site end date's row"
    );
    let text = selected_rows(&mut app, 80, 24).join("\n");
    assert!(text.contains("On-site to"), "{text}");
}

#[test]

fn clicking_a_workbook_on_the_start_screen_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("workbooks");
    std::fs::create_dir_all(&folder).unwrap();
    drop(peerbook::store::WorkbookFile::create(&folder.join("a.yaml"), &seed(SUFFOLK)).unwrap());
    let mut app = bare_app_in(&dir);
    let book = row_of(&mut app, "Suffolk County Council");
    click(&mut app, 10, book);
    assert_eq!(start_row(&app), 1, "clicked the workbook");
    let new = row_of(&mut app, "+ New workbook");
    click(&mut app, 10, new);
    assert_eq!(start_row(&app), 0, "clicked '+ New workbook'");
}

#[test]

fn tab_switches_panes_on_every_list_and_form_screen() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "E tab");
    assert!(form_focused(&app), "evidence");
    let (mut app, _d) = leeds();
    keys(&mut app, "M tab");
    assert!(form_focused(&app), "metrics");
}

#[test]

fn the_footer_does_not_offer_screen_keys_while_typing() {
    let (mut app, _d) = suffolk();
    press(&mut app, "e");
    let text = screen(&mut app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(!footer.contains("r rating"), "{footer}");
    press(&mut app, "esc");
    press(&mut app, "/");
    let text = screen(&mut app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(!footer.contains("r rating"), "{footer}");
}

/// Presses pseudo-random keys (a fixed sequence) on every kind of workbook,
/// drawing after each: nothing may panic.
#[test]
fn random_keys_on_every_screen_do_not_panic() {
    const KEYS: &[&str] = &[
        "j",
        "k",
        "g",
        "G",
        "enter",
        "esc",
        "tab",
        "backtab",
        "pgdn",
        "pgup",
        "a",
        "d",
        "e",
        "o",
        "r",
        "s",
        "x",
        "0",
        "1",
        "3",
        "5",
        "9",
        "n",
        "N",
        "l",
        "u",
        "f",
        "/",
        "?",
        "y",
        "E",
        "D",
        "R",
        "M",
        "P",
        "Q",
        "K",
        "J",
        "c",
        "w",
        "]",
        "[",
        "backspace",
        "z",
        "ctrl-z",
        "ctrl-y",
        "space",
        "home",
        "end",
        "up",
        "down",
        "left",
        "right",
        "enter",
        "esc",
        "j",
        "j",
    ];
    let empty = || {
        let reg = Registry::load(&[]);
        let fw = reg
            .resolve("halton-intermediate-care-2019")
            .unwrap()
            .clone();
        app_with(detached, Workbook::new(fw, "C", "T"))
    };
    let apps: Vec<(&str, (App, TempDir))> = vec![
        ("suffolk", suffolk()),
        ("halton", halton()),
        ("leeds", leeds()),
        ("read-only", read_only_suffolk()),
        ("empty", empty()),
    ];
    for (name, (mut app, _dir)) in apps {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut pressed = Vec::new();
        for step in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = KEYS[(x % KEYS.len() as u64) as usize];
            pressed.push(k);
            let (w, h) = if step % 50 == 0 { (61, 17) } else { (80, 24) };
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                press(&mut app, k);
                stay_open(&mut app);
                let _ = terminal(&mut app, w, h);
            }));
            if r.is_err() {
                let tail = &pressed[pressed.len().saturating_sub(20)..];
                panic!("{name}: panicked at step {step} after keys …{tail:?}");
            }
        }
    }
}

#[test]

fn line_breaks_in_form_values_are_drawn_as_lines() {
    // The seed's second case study ends its 'what we did' with a newline.
    let (mut app, _d) = suffolk();
    keys(&mut app, "P j");
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains('\u{fffd}'), "{text}");
    // A summary typed over two lines shows as two lines.
    keys(&mut app, "enter j enter");
    backspaces(&mut app, 200);
    typ(&mut app, "Weekly drop-ins.\nRun with carers.");
    press(&mut app, "esc");
    assert_eq!(
        wb(&app).proud_of[1].summary.as_deref(),
        Some("Weekly drop-ins.\nRun with carers.")
    );
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains('\u{fffd}'), "{text}");
    assert!(text.contains("Run with carers."), "{text}");
}

#[test]

fn top_and_bottom_in_a_form_move_between_fields() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "E j j enter G");
    let i = chosen_evidence(&app);
    assert_eq!(wb(&app).evidence[i].id, "ev-3", "the item shown changed");
    assert_eq!(
        selected_field(&app, "Evidence"),
        evidence_form_len(&app, i) - 1
    );
    let (mut app, _d) = suffolk();
    keys(&mut app, "P enter G");
    assert_eq!(
        selected_row(&app, "Proud of"),
        0,
        "the case study shown changed"
    );
    // The last of the case study's fields (Illustrates).
    assert_eq!(
        selected_field(&app, "Proud of"),
        peerbook::workbook::fields::CASE_FIELDS.len() - 1
    );
    assert_eq!(peerbook::workbook::fields::CASE_FIELDS.len(), 14);
}

#[test]
fn the_export_screen_writes_beside_the_workbook_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("suffolk.yaml");
    let (mut app, _d) = app_with(|wb| Doc::detached(wb, &path), seed(SUFFOLK));
    typ(&mut app, "X");
    assert!(showing(&app, "export"));
    snap!("popup_export", app);
    // The first choice is the self-assessment pack in markdown.
    keys(&mut app, "enter");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        message(&app).starts_with("Exported to "),
        "{}",
        message(&app)
    );
    assert!(message(&app).contains(&written[0].display().to_string()));
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.starts_with("# Suffolk County Council: "), "{text}");
    // A pop-up names the whole path; Enter closes it.
    assert!(showing(&app, "exported"));
    keys(&mut app, "enter");
    assert_eq!(popup_name(&app), None);
    // Again: asked first, and a new name is one of the answers, never
    // over the first silently (more in `ui/export.rs`).
    typ(&mut app, "X");
    keys(&mut app, "enter");
    assert!(showing(&app, "export exists"));
    keys(&mut app, "j enter");
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(n, 2);
    assert!(
        message(&app).contains("-self-assessment-2.md"),
        "{}",
        message(&app)
    );
}

// ===== reviewer mode =====

fn reviewing(name: &str) -> (App, TempDir) {
    let (mut app, d) = suffolk();
    review_as(&mut app, name, "Officer peer");
    (app, d)
}

#[test]
fn reviewer_mode_records_the_reviewers_own_entries_and_leaves_the_council_answer() {
    let (mut app, _d) = reviewing("Alice Peer");
    let council_before = wb(&app).answer("2").cloned();
    // Rate KLOE 2 and write notes: they go in Alice's section.
    keys(&mut app, "j 1 e");
    typ(&mut app, "Plans start from strengths — mostly.");
    keys(&mut app, "esc");
    let alice = wb(&app)
        .reviewer("Alice Peer")
        .expect("Alice's section")
        .clone();
    assert_eq!(alice.role.as_deref(), Some("Officer peer"));
    let a = alice.answer("2").unwrap();
    assert_eq!(a.rating, Rating::Level(1));
    assert_eq!(a.notes, "Plans start from strengths — mostly.");
    assert_eq!(
        wb(&app).answer("2").cloned(),
        council_before,
        "the council's answer changed"
    );
    // Status and owner are the council's: refused with a message.
    keys(&mut app, "s");
    assert!(popup(&app).is_none());
    assert!(message(&app).contains("read-only"), "{}", message(&app));
    // A source, tagged heard, through the answer pane.
    keys(&mut app, "tab G enter j enter");
    typ(&mut app, "Focus group with Home First staff");
    keys(&mut app, "enter");
    let a = wb(&app)
        .reviewer("Alice Peer")
        .unwrap()
        .answer("2")
        .unwrap()
        .clone();
    assert_eq!(a.sources.len(), 1);
    assert_eq!(
        a.sources[0].kind,
        peerbook::workbook::onsite::SourceKind::Heard
    );
    assert_eq!(a.sources[0].text, "Focus group with Home First staff");
    // An abandoned new source is not kept.
    keys(&mut app, "G enter enter esc");
    assert_eq!(
        wb(&app)
            .reviewer("Alice Peer")
            .unwrap()
            .answer("2")
            .unwrap()
            .sources
            .len(),
        1
    );
    snap!("reviewer_questions", app);
}

#[test]
fn reviewer_mode_next_gap_means_not_yet_reviewed() {
    let (mut app, _d) = reviewing("Alice Peer");
    keys(&mut app, "2");
    // KLOE 1 now reviewed by Alice: n goes to KLOE 2, though the council
    // answered it.
    keys(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("2"));
}

#[test]
fn reviewer_activity_log_add_edit_delete() {
    let (mut app, _d) = reviewing("Alice Peer");
    typ(&mut app, "A");
    assert_eq!(on_screen(&app), "Activity");
    keys(&mut app, "a");
    typ(&mut app, "Director of adult social care");
    keys(&mut app, "enter");
    // Kind, people and hours through the form.
    keys(&mut app, "g enter j j j j j enter");
    let acts = &wb(&app).reviewer("Alice Peer").unwrap().activities;
    assert_eq!(
        acts[0].kind,
        peerbook::workbook::onsite::ActivityKind::Other
    );
    keys(&mut app, "j j j enter");
    typ(&mut app, "3");
    keys(&mut app, "enter j enter");
    typ(&mut app, "1.5");
    keys(&mut app, "enter");
    let a = &wb(&app).reviewer("Alice Peer").unwrap().activities[0];
    assert_eq!(a.title, "Director of adult social care");
    assert_eq!(
        a.date,
        wb(&app).review.onsite_start,
        "dated the first on-site day"
    );
    assert_eq!(a.people, Some(3));
    assert_eq!(a.hours, Some(1.5));
    // People must be a whole number.
    keys(&mut app, "k enter backspace");
    typ(&mut app, "2.5");
    keys(&mut app, "enter");
    let screen_text = screen(&mut app, 80, 24);
    assert!(
        screen_text.contains("not a number of people"),
        "{screen_text}"
    );
    assert!(showing(&app, "editor"));
    // Esc asks first, then discards.
    keys(&mut app, "esc");
    assert!(showing(&app, "editor"));
    keys(&mut app, "esc");
    assert_eq!(
        wb(&app).reviewer("Alice Peer").unwrap().activities[0].people,
        Some(3)
    );
    snap!("reviewer_activity", app);
    keys(&mut app, "tab d y");
    assert!(
        wb(&app)
            .reviewer("Alice Peer")
            .unwrap()
            .activities
            .is_empty()
    );
}

#[test]
fn the_activity_kind_picker_opens_on_the_kind_it_has() {
    let (mut app, _d) = reviewing("Alice Peer");
    typ(&mut app, "A");
    keys(&mut app, "a");
    typ(&mut app, "Site visit");
    keys(&mut app, "enter");
    // G goes to the last kind, as in every picker.
    keys(&mut app, "g enter G enter");
    let last = peerbook::workbook::onsite::ActivityKind::ALL.len() - 1;
    let kind = wb(&app).reviewer("Alice Peer").unwrap().activities[0].kind;
    assert_eq!(kind, peerbook::workbook::onsite::ActivityKind::ALL[last]);
    press(&mut app, "enter");
    assert_eq!(expect_popup(&app, "activity kind").choice, Some(last));
    // Esc leaves it as it was.
    keys(&mut app, "g esc");
    assert!(popup(&app).is_none());
    let kind = wb(&app).reviewer("Alice Peer").unwrap().activities[0].kind;
    assert_eq!(kind, peerbook::workbook::onsite::ActivityKind::ALL[last]);
}

// ===== the review manager's screens =====

fn onsite() -> (App, TempDir) {
    app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"))
}

#[test]
fn the_peer_screen_shows_ratings_side_by_side_and_records_the_agreed_one() {
    let (mut app, _d) = onsite();
    typ(&mut app, "V");
    assert_eq!(on_screen(&app), "Peer");
    snap!("peer_screen", app);
    // KLOE 10 has no agreed rating: set one with a digit.
    keys(&mut app, "j j j j j j j j j");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("! KLOE 10"),
        "the disagreement is flagged:\n{text}"
    );
    keys(&mut app, "2");
    let agreed = wb(&app)
        .consensus
        .iter()
        .find(|a| a.question == "10")
        .unwrap();
    assert_eq!(agreed.rating, Rating::Level(2));
    // In framework order, between 9 and 11.
    let order: Vec<&str> = wb(&app)
        .consensus
        .iter()
        .map(|a| a.question.as_str())
        .collect();
    let i = order.iter().position(|q| *q == "10").unwrap();
    assert_eq!(order[i - 1], "9");
    // Clearing removes it again.
    keys(&mut app, "0");
    assert!(!wb(&app).consensus.iter().any(|a| a.question == "10"));
    // Enter goes to the question.
    keys(&mut app, "enter");
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(question(&app).as_deref(), Some("10"));
}

#[test]
fn the_findings_screen_edits_recommendations() {
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    assert_eq!(on_screen(&app), "Findings");
    snap!("findings_screen", app);
    let before = wb(&app).findings.recommendations.len();
    // Go to "+ add a recommendation" and add one.
    let rows = finding_rows(&app);
    let add = rows
        .iter()
        .position(|r| *r == peerbook::tui::screens::findings::FindRow::AddRec)
        .unwrap();
    select_row(&mut app, "Findings", add);
    keys(&mut app, "enter");
    keys(&mut app, "ctrl-u");
    typ(
        &mut app,
        "Publish a plain description of the reablement offer",
    );
    keys(&mut app, "enter");
    let recs = &wb(&app).findings.recommendations;
    assert_eq!(recs.len(), before + 1);
    assert_eq!(
        recs[before].text,
        "Publish a plain description of the reablement offer"
    );
    // On that row: quick win, owner, due date, status.
    keys(&mut app, "w o");
    typ(&mut app, "Head of Home First");
    keys(&mut app, "enter t");
    typ(&mut app, "2017-02-30");
    keys(&mut app, "enter");
    assert!(screen(&mut app, 80, 24).contains("not a real date"));
    // Esc asks first, then discards.
    keys(&mut app, "esc esc t");
    typ(&mut app, "2017-02-28");
    keys(&mut app, "enter s");
    let r = &wb(&app).findings.recommendations[before];
    assert!(r.quick_win);
    assert_eq!(r.owner.as_deref(), Some("Head of Home First"));
    assert_eq!(r.due, chrono::NaiveDate::from_ymd_opt(2017, 2, 28));
    assert_eq!(
        r.status,
        peerbook::workbook::onsite::ActionStatus::InProgress
    );
    // Delete it again.
    keys(&mut app, "d");
    assert_eq!(wb(&app).findings.recommendations.len(), before);
    // A new recommendation left empty is not kept.
    select_row(&mut app, "Findings", add);
    keys(&mut app, "enter esc");
    assert_eq!(wb(&app).findings.recommendations.len(), before);
}

#[test]
fn conflicts_from_merging_are_settled_in_the_interface() {
    let b = seed(SUFFOLK);
    let mut a = b.clone();
    a.answer_mut("3").narrative = "Alice says".into();
    let mut c = b.clone();
    c.answer_mut("3").narrative = "Bob says".into();
    let merged = peerbook::review::merge::merge(
        &b,
        &[
            peerbook::review::merge::Copy {
                label: "alice.yaml".into(),
                workbook: &a,
            },
            peerbook::review::merge::Copy {
                label: "bob.yaml".into(),
                workbook: &c,
            },
        ],
    )
    .unwrap()
    .workbook;
    let mut merged = merged;
    // The peer screens appear once there is peer data.
    merged.consensus.push(peerbook::workbook::onsite::Agreed {
        question: "1".into(),
        rating: Rating::Level(3),
        ..Default::default()
    });
    let (mut app, _d) = app_with(detached, merged);
    typ(&mut app, "V");
    typ(&mut app, "C");
    snap!("conflicts_popup", app);
    keys(&mut app, "enter");
    snap!("resolve_popup", app);
    // Take Bob's.
    keys(&mut app, "j j enter");
    assert_eq!(wb(&app).answer("3").unwrap().narrative, "Bob says");
    assert!(wb(&app).conflicts.is_empty());
    assert_eq!(message(&app), "Conflict resolved");
}

/// Issue 13: a conflict can be settled with a value neither copy has,
/// typed and read as `peerbook resolve --value` reads it.
#[test]
fn a_conflict_is_settled_with_a_typed_value_checked_before_it_is_kept() {
    let b = seed(SUFFOLK);
    let mut a = b.clone();
    a.answer_mut("3").rating = Rating::Level(1);
    let mut c = b.clone();
    c.answer_mut("3").rating = Rating::Level(4);
    let copies = [
        peerbook::review::merge::Copy {
            label: "alice.yaml".into(),
            workbook: &a,
        },
        peerbook::review::merge::Copy {
            label: "bob.yaml".into(),
            workbook: &c,
        },
    ];
    let mut merged = peerbook::review::merge::merge(&b, &copies)
        .unwrap()
        .workbook;
    assert_eq!(merged.conflicts.len(), 1);
    merged.consensus.push(peerbook::workbook::onsite::Agreed {
        question: "1".into(),
        rating: Rating::Level(3),
        ..Default::default()
    });
    let before = merged.answer("3").unwrap().rating;
    let (mut app, _d) = app_with(detached, merged);
    typ(&mut app, "V");
    typ(&mut app, "C");
    keys(&mut app, "enter");
    // The last choice, after the base's and each copy's values.
    let pick = expect_popup(&app, "resolve");
    assert_eq!(
        pick.choices.last().map(String::as_str),
        Some("Type a value…")
    );
    keys(&mut app, "G enter");
    expect_popup(&app, "conflict value");
    // Not a level of the scale: refused with the reason, nothing changed.
    typ(&mut app, "7");
    keys(&mut app, "enter");
    let shown = expect_popup(&app, "conflict value");
    let error = shown.error.unwrap_or_default();
    assert!(error.contains("'7' is not a rating here"), "{error}");
    assert!(error.ends_with("Nothing was changed."), "{error}");
    assert_eq!(wb(&app).answer("3").unwrap().rating, before);
    assert_eq!(wb(&app).conflicts.len(), 1);
    // A level by its label.
    clear_input(&mut app);
    typ(&mut app, "good standard");
    keys(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).answer("3").unwrap().rating, Rating::Level(3));
    assert!(wb(&app).conflicts.is_empty());
    assert_eq!(message(&app), "Conflict resolved");
    // One change: undo brings the conflict back.
    keys(&mut app, "ctrl-z");
    assert_eq!(wb(&app).conflicts.len(), 1);
    // Esc leaves the prompt with nothing changed.
    typ(&mut app, "C");
    keys(&mut app, "enter G enter");
    typ(&mut app, "2");
    keys(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).conflicts.len(), 1);
}

#[test]
fn reviewer_mode_can_be_entered_and_left_in_the_interface() {
    let (mut app, _d) = onsite();
    typ(&mut app, "W");
    typ(&mut app, "Zed Peer");
    keys(&mut app, "enter");
    assert_eq!(reviewing_as(&app).as_deref(), Some("Zed Peer"));
    keys(&mut app, "3");
    assert_eq!(
        wb(&app)
            .reviewer("Zed Peer")
            .unwrap()
            .answer("1")
            .unwrap()
            .rating,
        Rating::Level(3)
    );
    // Leaving asks first (issue 13): digits would change the council's own.
    typ(&mut app, "W");
    keys(&mut app, "y");
    assert_eq!(reviewing_as(&app), None);
    assert!(message(&app).contains("Left reviewer mode"));
}

#[test]
fn the_gap_chart_shows_self_and_peer_scores_as_text() {
    let (mut app, _d) = onsite();
    typ(&mut app, "V");
    typ(&mut app, "c");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("self █"), "{text}");
    assert!(text.contains("50.0 peer"), "{text}");
    assert!(text.contains("45.0"), "{text}");
    snap!("gap_chart", app);
}

// ===== undo and redo of workbook edits (Ctrl-z, Ctrl-y) =====

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

// ===== text as typed: line breaks, display width, one long line =====

/// Pastes text as the terminal's bracketed paste delivers it.
fn paste(app: &mut App, text: &str) {
    app.handle_paste(text);
}

fn char_key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn a_pasted_crlf_block_keeps_its_lines_and_stores_no_cr() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12, empty narrative
    press(&mut app, "e");
    // Windows line ends, then the bare CR most terminals send.
    paste(
        &mut app,
        "First line\r\nSecond line\rThird line\r\n\r\nAfter a gap",
    );
    let want = "First line\nSecond line\nThird line\n\nAfter a gap";
    assert_eq!(wb(&app).answer("12").unwrap().narrative, want);
    let ed = expect_popup(&app, "editor");
    let text = ed.input.unwrap_or_default();
    assert_eq!(text.lines().count(), 5, "{text:?}");
    press(&mut app, "esc");
    // Saved as five lines in the file too, with no CR anywhere.
    let yaml = peerbook::workbook::to_text(wb(&app));
    assert!(!yaml.contains('\r'), "a CR reached the YAML");
    let (back, _) = peerbook::workbook::from_text("x.yaml", yaml.as_bytes()).unwrap();
    assert_eq!(back.answer("12").unwrap().narrative, want);
}

#[test]
fn a_line_break_arriving_as_a_character_is_never_stored_as_a_cr() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12
    press(&mut app, "e");
    typ(&mut app, "one");
    app.handle_key(char_key('\r'));
    typ(&mut app, "two");
    app.handle_key(char_key('\n'));
    typ(&mut app, "three");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "one\ntwo\nthree");
    // In a one-line field (the owner) it is a space.
    go_to_slot(&mut app, &Slot::Owner);
    press(&mut app, "enter");
    typ(&mut app, "Jo");
    app.handle_key(char_key('\r'));
    typ(&mut app, "Bloggs");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).answer("12").unwrap().owner.as_deref(),
        Some("Jo Bloggs")
    );
}

#[test]
fn a_line_break_pasted_into_a_one_line_field_becomes_a_space() {
    let (mut app, _d) = suffolk();
    go_to_slot(&mut app, &Slot::Owner);
    press(&mut app, "enter");
    backspaces(&mut app, 80);
    paste(&mut app, "Head of\rReablement\r\n");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).answer("1").unwrap().owner.as_deref(),
        Some("Head of Reablement")
    );
    // The search box.
    press(&mut app, "/");
    paste(&mut app, "home\rfirst");
    let s = expect_popup(&app, "search");
    assert_eq!(s.input.as_deref(), Some("home first"));
    press(&mut app, "esc");
    // The evidence filter.
    press(&mut app, "E");
    press(&mut app, "/");
    paste(&mut app, "HOME\r\nfirst");
    press(&mut app, "enter");
    assert_eq!(text_filter(&app), "HOME first");
}

#[test]
fn pasting_into_the_new_workbook_form_and_review_as_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "enter");
    press(&mut app, "enter");
    assert!(showing(&app, "new workbook"));
    paste(&mut app, "Ynys\rMôn");
    press(&mut app, "tab");
    paste(&mut app, "Reablement\r\nreview");
    press(&mut app, "enter");
    assert!(popup(&app).is_none(), "the workbook was not created");
    assert_eq!(wb(&app).review.council, "Ynys Môn");
    assert_eq!(wb(&app).review.title, "Reablement review");

    let (mut app, _d) = onsite();
    typ(&mut app, "W");
    paste(&mut app, "Zed\rPeer");
    keys(&mut app, "enter");
    assert_eq!(reviewing_as(&app).as_deref(), Some("Zed Peer"));
}

/// The selected rows of the answer pane (the right of the Questions
/// screen), trimmed.
fn selected_in_body(app: &mut App, w: u16, h: u16) -> Vec<String> {
    use ratatui::style::Modifier;
    let t = terminal(app, w, h);
    let buf = t.backend().buffer();
    let body = peerbook::tui::layout::main(buf.area).body;
    let pane = peerbook::tui::layout::questions(body).1;
    let mut rows = Vec::new();
    for y in pane.y..pane.y + pane.height {
        let s: String = (pane.x..pane.x + pane.width)
            .filter(|x| buf[(*x, y)].modifier.contains(Modifier::REVERSED))
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if !s.trim().is_empty() {
            rows.push(s.trim().to_string());
        }
    }
    rows
}

/// The rows of the selected slot, as drawn, joined back into its text: the
/// "+ 1. " mark and the indent of the rows below it taken off.
fn selected_item(app: &mut App, w: u16, h: u16) -> String {
    let rows = selected_in_body(app, w, h);
    let first = rows[0].strip_prefix("+ 1.").expect("a strength row").trim();
    let mut text = first.to_string();
    for r in &rows[1..] {
        text.push_str(r);
    }
    text
}

fn set_first_strength(app: &mut App, q: &str, text: &str) {
    let doc = app.doc.as_mut().unwrap();
    doc.wb.answer_mut(q).strengths[0] = text.into();
    doc.changed();
}

#[test]
fn the_last_character_of_a_wrapped_strength_is_shown() {
    let (mut app, _d) = suffolk();
    // A link: one word, cut at the right edge of the pane.
    let link = "https://www.example.org/reablement/2026/outcomes-at-ninety-days/\
                people-still-at-home-after-discharge-from-hospital.pdf";
    set_first_strength(&mut app, "1", link);
    go_to_slot(&mut app, &Slot::Strength(0));
    let rows = selected_in_body(&mut app, 80, 24);
    assert!(
        rows.len() > 1,
        "the link wraps: {rows:?}\n{}",
        screen(&mut app, 80, 24)
    );
    assert_eq!(selected_item(&mut app, 80, 24), link, "{rows:?}");
    // Words too: every character of every row reaches the screen.
    let words = "Carers told us the team listens to them and acts on what they \
                 say, and that the plan is reviewed with them every week";
    set_first_strength(&mut app, "1", words);
    let rows = selected_in_body(&mut app, 80, 24);
    assert_eq!(
        rows.join(" ").strip_prefix("+ 1. ").unwrap(),
        words,
        "{rows:?}"
    );
}

#[test]
fn a_wide_character_strength_wraps_whole() {
    let (mut app, _d) = suffolk();
    let cjk = "介護を受ける人と家族の声をよく聞き、計画を一緒に見直しています。\
               退院後も自宅で暮らし続けられるよう支援しています。";
    set_first_strength(&mut app, "1", cjk);
    go_to_slot(&mut app, &Slot::Strength(0));
    let rows = selected_in_body(&mut app, 80, 24);
    assert!(rows.len() > 2, "{rows:?}");
    assert_eq!(selected_item(&mut app, 80, 24), cjk, "{rows:?}");
    // Emoji are two columns too.
    let emoji = "Feedback 😀😀😀 from carers 👍👍👍 and staff 🎉🎉🎉 was glowing \
                 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀";
    set_first_strength(&mut app, "1", emoji);
    let rows = selected_in_body(&mut app, 80, 24);
    let shown: String = rows.concat().chars().filter(|c| *c != ' ').collect();
    let want: String = format!("+1.{emoji}")
        .chars()
        .filter(|c| *c != ' ')
        .collect();
    assert_eq!(shown, want, "{rows:?}");
}

#[test]
fn a_wide_title_leaves_the_save_state_on_the_status_bar() {
    let (mut app, _d) = suffolk();
    app.doc.as_mut().unwrap().wb.review.title = "介護".repeat(40);
    let line = status_line(&mut app, 80, 24);
    assert!(line.trim_end().ends_with("saved"), "{line}");
    assert!(line.contains('…'), "{line}");
}

#[test]
fn wide_text_in_a_list_is_cut_at_the_edge_of_its_box() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let doc = app.doc.as_mut().unwrap();
    doc.wb.evidence_mut()[0].title = "日本語の評価報告書".repeat(6);
    doc.changed();
    select_row(&mut app, "Evidence", 0);
    let text = screen(&mut app, 80, 24);
    // The row of the first item ends in an ellipsis inside its box, which
    // is as wide as on every other row (a wide character is two columns).
    let row = text.lines().find(|l| l.contains("日本語")).unwrap();
    let other = text.lines().find(|l| l.contains("E2 [")).unwrap();
    assert!(row.contains('…'), "{row}");
    let left_box = |l: &str| peerbook::text::width(l.split("││").next().unwrap());
    assert_eq!(left_box(row), left_box(other), "{row}\n{other}");
}

/// A narrative of about 1 MB on one line: numbered words, so the screen can
/// be checked for the words in order, none lost.
fn long_narrative() -> String {
    (1..=110_000)
        .map(|i| format!("w{i:06}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_one_megabyte_line_is_drawn_from_its_start_with_no_word_lost() {
    let (mut app, _d) = suffolk();
    let long = long_narrative();
    assert!(long.len() >= 800_000 && !long.contains('\n'));
    app.doc.as_mut().unwrap().wb.answer_mut("1").narrative = long.clone();
    go_to_slot(&mut app, &Slot::Narrative);
    let rows = selected_in_body(&mut app, 80, 24);
    // The heading counts every word (issue 17), not only those drawn.
    assert_eq!(rows[0], "Narrative (where we are): 110000 words");
    // The rows below the heading fill the pane, in order from the first word.
    let words: Vec<&str> = rows[1..].iter().flat_map(|r| r.split(' ')).collect();
    assert!(rows.len() >= 18, "{rows:?}");
    for (i, w) in words.iter().enumerate() {
        assert_eq!(*w, format!("w{:06}", i + 1), "{rows:?}");
    }
    // Moving on and back draws the same.
    keys(&mut app, "j k");
    assert_eq!(selected_in_body(&mut app, 80, 24), rows);
}
