//! Saving when it does not simply work, driven through the interface with a
//! real workbook file: failed saves, quitting with unsaved changes, a file
//! changed on disk, save as and open a copy.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::*;
use peerbook::store::session::SaveState;
use peerbook::store::{Lock, WorkbookFile};

/// An app with a copy of the Suffolk seed open for writing, in a temporary
/// folder.
fn open_real() -> (App, TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("suffolk.yaml");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(SUFFOLK);
    std::fs::copy(src, &path).unwrap();
    let mut app = bare_app_in(&dir);
    app.open_path(&path);
    assert!(app.doc.is_some(), "{}", message(&app));
    (app, dir, path)
}

fn doc(app: &App) -> &Doc {
    app.doc.as_ref().unwrap()
}

/// Ticks the app until `done` holds (or ten seconds pass).
fn tick_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}; save state {:?}",
            doc(app).state
        );
        std::thread::sleep(Duration::from_millis(20));
        app.tick(Instant::now());
    }
}

/// Makes every save of `path` by this process fail until the returned
/// guard is removed: a folder where the save's temporary file must go.
/// (Works for root too, unlike a permission change.)
fn block_saves(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::create_dir(&tmp).unwrap();
    std::fs::write(tmp.join("keep"), "x").unwrap();
    tmp
}

fn on_disk(path: &Path) -> Workbook {
    let bytes = std::fs::read(path).unwrap();
    peerbook::workbook::from_text("disk", &bytes).unwrap().0
}

fn rating_on_disk(path: &Path, q: &str) -> Rating {
    on_disk(path).answer(q).unwrap().rating
}

/// Another program changes the file: the owner of question 2.
fn edit_behind_our_back(path: &Path, owner: &str) {
    let mut wb = on_disk(path);
    wb.answer_mut("2").owner = Some(owner.into());
    std::fs::write(path, peerbook::workbook::to_text(&wb)).unwrap();
}

fn owner(wb: &Workbook, q: &str) -> String {
    wb.answer(q)
        .and_then(|a| a.owner.clone())
        .unwrap_or_default()
}

fn unsaved_prompt(app: &App) -> bool {
    showing(app, "unsaved")
}

#[test]
fn a_failed_save_says_not_saved_and_succeeds_by_itself_once_the_cause_is_gone() {
    let (mut app, _dir, path) = open_real();
    let before = rating_on_disk(&path, "1");
    let guard = block_saves(&path);
    press(&mut app, "4");
    app.update(Action::Save);
    tick_until(&mut app, "the save to fail", |a| {
        matches!(doc(a).state, SaveState::Error(_))
    });
    assert!(doc(&app).has_unsaved());
    let shown = screen(&mut app, 100, 24);
    assert!(shown.contains("NOT SAVED"), "{shown}");
    assert!(shown.contains("retrying in"), "{shown}");
    assert_eq!(rating_on_disk(&path, "1"), before);
    // Nothing more is typed: the back-off alone retries once the folder
    // takes the file again.
    std::fs::remove_dir_all(&guard).unwrap();
    tick_until(&mut app, "the retry to succeed", |a| {
        doc(a).state == SaveState::Saved
    });
    assert_eq!(rating_on_disk(&path, "1"), Rating::Level(4));
    assert!(!screen(&mut app, 100, 24).contains("NOT SAVED"));
}

#[test]
fn quitting_with_unsaved_changes_asks_and_discarding_needs_a_second_key() {
    let (mut app, _dir, path) = open_real();
    let _guard = block_saves(&path);
    let before = std::fs::read(&path).unwrap();
    press(&mut app, "4");
    press(&mut app, "q");
    assert!(!quitting(&app), "quit with the changes unsaved");
    assert!(unsaved_prompt(&app));
    let shown = screen(&mut app, 100, 30);
    for choice in [
        "save to another file",
        "recovered copy",
        "discard",
        "saving is tried again",
    ] {
        assert!(shown.contains(choice), "no '{choice}' in\n{shown}");
    }
    press(&mut app, "d");
    assert!(!quitting(&app), "one key discarded the changes");
    assert!(screen(&mut app, 100, 30).contains("again to discard"));
    // Any other key keeps them.
    press(&mut app, "j");
    press(&mut app, "d");
    assert!(!quitting(&app));
    press(&mut app, "d");
    assert!(quitting(&app));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn keep_trying_goes_back_with_the_changes_and_quits_once_they_are_saved() {
    let (mut app, _dir, path) = open_real();
    let guard = block_saves(&path);
    press(&mut app, "4");
    press(&mut app, "q");
    assert!(unsaved_prompt(&app));
    press(&mut app, "esc");
    assert!(popup(&app).is_none() && !quitting(&app));
    assert_eq!(rating(&app, "1"), Rating::Level(4));
    std::fs::remove_dir_all(&guard).unwrap();
    press(&mut app, "q");
    assert!(quitting(&app), "{:?}", doc(&app).state);
    assert_eq!(rating_on_disk(&path, "1"), Rating::Level(4));
}

#[test]
fn a_recovered_copy_chosen_on_quit_exists_and_holds_the_changes() {
    let (mut app, _dir, path) = open_real();
    let _guard = block_saves(&path);
    press(&mut app, "4");
    press(&mut app, "q");
    press(&mut app, "c");
    assert!(quitting(&app));
    let note = exit_note(&app).expect("a note saying where");
    let at = note
        .split_whitespace()
        .find(|w| w.contains(".recovered-"))
        .map(|w| w.trim_end_matches(';'))
        .unwrap_or_else(|| panic!("no path in {note}"));
    assert_eq!(rating_on_disk(Path::new(at), "1"), Rating::Level(4));
    assert_ne!(rating_on_disk(&path, "1"), Rating::Level(4));
}

#[test]
fn save_as_writes_a_new_file_and_goes_on_editing_there() {
    let (mut app, dir, path) = open_real();
    let before = std::fs::read(&path).unwrap();
    press(&mut app, "S");
    assert!(showing(&app, "save path"));
    assert!(screen(&mut app, 100, 24).contains("suffolk-copy.yaml"));
    let to = dir.path().join("mine.yaml");
    expect_popup(&app, "save path");
    clear_input(&mut app);
    typ(&mut app, &to.display().to_string());
    press(&mut app, "enter");
    assert!(popup(&app).is_none(), "{:?}", message(&app));
    assert_eq!(doc(&app).path, to);
    assert!(message(&app).contains("Saved as"), "{}", message(&app));
    press(&mut app, "4");
    app.update(Action::Save);
    tick_until(&mut app, "the save", |a| doc(a).state == SaveState::Saved);
    assert_eq!(rating_on_disk(&to, "1"), Rating::Level(4));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file changed"
    );
    // The old file's lock is released: another peerbook can take it.
    assert!(Lock::acquire(&path).is_ok());
}

#[test]
fn save_as_refuses_an_existing_file_and_says_so_in_the_prompt() {
    let (mut app, dir, _path) = open_real();
    let taken = dir.path().join("taken.yaml");
    std::fs::write(&taken, "precious").unwrap();
    press(&mut app, "S");
    expect_popup(&app, "save path");
    clear_input(&mut app);
    typ(&mut app, &taken.display().to_string());
    press(&mut app, "enter");
    assert!(showing(&app, "save path"));
    assert!(screen(&mut app, 100, 24).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "precious");
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten_and_asks_at_once() {
    let (mut app, _dir, path) = open_real();
    edit_behind_our_back(&path, "Someone Else");
    press(&mut app, "4");
    app.update(Action::Save);
    tick_until(&mut app, "the prompt", unsaved_prompt);
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("changed on disk"), "{shown}");
    assert!(shown.contains("merge your changes"), "{shown}");
    assert!(shown.contains("reload"), "{shown}");
    assert_eq!(owner(&on_disk(&path), "2"), "Someone Else");
    assert_ne!(rating_on_disk(&path, "1"), Rating::Level(4));
    // Closing the prompt keeps saying so, and does not write.
    press(&mut app, "esc");
    app.tick(Instant::now());
    assert!(screen(&mut app, 120, 24).contains("changed on disk"));
    assert_eq!(owner(&on_disk(&path), "2"), "Someone Else");
}

#[test]
fn merging_with_a_file_changed_on_disk_keeps_both_sides_changes() {
    let (mut app, _dir, path) = open_real();
    edit_behind_our_back(&path, "Someone Else");
    press(&mut app, "4");
    app.update(Action::Save);
    tick_until(&mut app, "the prompt", unsaved_prompt);
    press(&mut app, "m");
    assert!(popup(&app).is_none(), "{:?}", popup(&app).is_some());
    assert!(message(&app).contains("Merged"), "{}", message(&app));
    tick_until(&mut app, "the merged save", |a| {
        doc(a).state == SaveState::Saved
    });
    let disk = on_disk(&path);
    assert_eq!(owner(&disk, "2"), "Someone Else");
    assert_eq!(disk.answer("1").unwrap().rating, Rating::Level(4));
    assert_eq!(owner(wb(&app), "2"), "Someone Else");
}

#[test]
fn merging_keeps_a_field_both_sides_changed_as_a_conflict() {
    let (mut app, _dir, path) = open_real();
    edit_behind_our_back(&path, "Their Owner");
    app.doc.as_mut().unwrap().wb.answer_mut("2").owner = Some("Our Owner".into());
    app.doc.as_mut().unwrap().changed();
    app.update(Action::Save);
    tick_until(&mut app, "the prompt", unsaved_prompt);
    press(&mut app, "m");
    assert!(message(&app).contains("1 conflict"), "{}", message(&app));
    tick_until(&mut app, "the merged save", |a| {
        doc(a).state == SaveState::Saved
    });
    let disk = on_disk(&path);
    assert_eq!(disk.conflicts.len(), 1);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("Our Owner") && text.contains("Their Owner"),
        "both values kept under conflicts:\n{text}"
    );
}

#[test]
fn reloading_from_disk_drops_my_changes_only_on_the_second_key() {
    let (mut app, _dir, path) = open_real();
    edit_behind_our_back(&path, "Someone Else");
    press(&mut app, "4");
    app.update(Action::Save);
    tick_until(&mut app, "the prompt", unsaved_prompt);
    press(&mut app, "r");
    assert_eq!(rating(&app, "1"), Rating::Level(4), "one key reloaded");
    press(&mut app, "r");
    assert!(popup(&app).is_none());
    assert_ne!(rating(&app, "1"), Rating::Level(4));
    assert_eq!(owner(wb(&app), "2"), "Someone Else");
    assert_eq!(doc(&app).state, SaveState::Saved);
    // Undo does not reach back into the dropped changes.
    press(&mut app, "ctrl-z");
    assert_ne!(rating(&app, "1"), Rating::Level(4));
    // Editing goes on against the reloaded file.
    press(&mut app, "2");
    app.update(Action::Save);
    tick_until(&mut app, "the save", |a| doc(a).state == SaveState::Saved);
    assert_eq!(rating_on_disk(&path, "1"), Rating::Level(2));
}

#[test]
fn a_workbook_held_elsewhere_can_be_opened_as_a_copy_from_the_start_screen() {
    let dir = tempfile::tempdir().unwrap();
    let books = dir.path().join("workbooks");
    std::fs::create_dir_all(&books).unwrap();
    let path = books.join("suffolk.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(SUFFOLK), &path).unwrap();
    let _held = WorkbookFile::open(&path).unwrap();
    let mut app = bare_app_in(&dir);
    app.refresh_start();
    keys(&mut app, "j c");
    assert!(showing(&app, "save path"), "{}", message(&app));
    assert!(screen(&mut app, 100, 24).contains("Open a copy"));
    press(&mut app, "enter");
    let copy = books.join("suffolk-copy.yaml");
    assert_eq!(doc(&app).path, copy, "{}", message(&app));
    assert!(!doc(&app).is_read_only());
    press(&mut app, "4");
    app.update(Action::Save);
    tick_until(&mut app, "the save", |a| doc(a).state == SaveState::Saved);
    assert_eq!(rating_on_disk(&copy, "1"), Rating::Level(4));
}

#[test]
fn save_as_makes_a_read_only_workbook_an_editable_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("suffolk.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(SUFFOLK), &path).unwrap();
    let _held = WorkbookFile::open(&path).unwrap();
    let mut app = bare_app_in(&dir);
    app.open_path(&path);
    assert!(doc(&app).is_read_only());
    press(&mut app, "S");
    press(&mut app, "enter");
    assert!(!doc(&app).is_read_only(), "{}", message(&app));
    press(&mut app, "4");
    assert_eq!(rating(&app, "1"), Rating::Level(4));
    app.update(Action::Save);
    tick_until(&mut app, "the save", |a| doc(a).state == SaveState::Saved);
    assert_eq!(
        rating_on_disk(&dir.path().join("suffolk-copy.yaml"), "1"),
        Rating::Level(4)
    );
}
