//! The terminal interface, driven as a person would: keys in, state and
//! screens out. Screens are drawn on ratatui's `TestBackend` and kept as
//! insta snapshots: this file's snapshots of every screen in
//! `tests/snapshots/`, the groups' in `tests/ui/snapshots/`.
//!
//! This file holds the snapshots of every screen at 80×24; the harness is
//! `ui/harness.rs`, and every other group of tests is a module of its own
//! in `ui/`, by screen or topic.

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
#[path = "ui/list_rows.rs"]
mod list_rows;
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

// ===== the rest, by screen and topic, in ui/ =====

// Helpers other groups use too.
use manager::onsite;
use questions_keys::go_to_slot;

#[path = "ui/list_screens.rs"]
mod list_screens;
#[path = "ui/manager.rs"]
mod manager;
#[path = "ui/questions_keys.rs"]
mod questions_keys;
#[path = "ui/reviewer.rs"]
mod reviewer;
#[path = "ui/robustness.rs"]
mod robustness;
#[path = "ui/search_help.rs"]
mod search_help;
#[path = "ui/start_mouse.rs"]
mod start_mouse;
#[path = "ui/typed_text.rs"]
mod typed_text;
#[path = "ui/undo.rs"]
mod undo;
