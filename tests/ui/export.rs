//! Exporting from the interface (issue 12): the pop-up names the whole path
//! written, and a file already there is never written over, or beside,
//! without asking.

use super::harness::*;
use peerbook::store::session::Doc;
use std::path::{Path, PathBuf};

/// An app on the Suffolk seed whose workbook lives in a folder with a long
/// name, so that no status bar could hold the path.
fn in_long_folder() -> (peerbook::tui::app::App, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir
        .path()
        .join("a-folder-with-a-long-name-for-the-council-reviews")
        .join("and-another-level-below-it");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("suffolk.yaml");
    let (app, d) = app_with(|wb| Doc::detached(wb, &path), seed(SUFFOLK));
    std::mem::forget(d);
    (app, dir, folder)
}

fn files(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The text inside the pop-up's frame, its rows trimmed and joined, so a
/// wrapped path reads as one: on each row, what is between the second and
/// the third `│` (the pane behind, then the pop-up's sides).
fn joined(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.split('│').nth(2))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn the_exported_pop_up_names_the_whole_path_wrapped_at_80_columns() {
    let (mut app, _dir, folder) = in_long_folder();
    typ(&mut app, "X");
    keys(&mut app, "enter");
    assert!(showing(&app, "exported"), "{:?}", popup_name(&app));
    let written = folder.join(&files(&folder)[0]);
    let whole = written.display().to_string();
    assert!(
        whole.len() > 80,
        "the test needs a path wider than the screen"
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        joined(&text).contains(&whole),
        "the whole path is on screen:\n{whole}\n{text}"
    );
    // Esc closes it as Enter does.
    keys(&mut app, "esc");
    assert_eq!(popup_name(&app), None);
}

#[test]
fn exporting_over_a_file_asks_and_replace_writes_over_it() {
    let (mut app, _dir, folder) = in_long_folder();
    typ(&mut app, "X");
    keys(&mut app, "enter enter");
    let name = files(&folder)
        .into_iter()
        .find(|f| f.ends_with(".md"))
        .unwrap();
    std::fs::write(folder.join(&name), "old").unwrap();
    typ(&mut app, "X");
    keys(&mut app, "enter");
    let asked = expect_popup(&app, "export exists");
    let stem = name.trim_end_matches(".md");
    assert_eq!(
        asked.choices,
        vec![
            "Replace it".to_string(),
            format!("Write it as {stem}-2.md"),
            "Cancel".to_string(),
        ]
    );
    assert_eq!(asked.choice, Some(0));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("is already there"), "{text}");
    assert!(
        joined(&text).contains(&folder.join(&name).display().to_string()),
        "{text}"
    );
    keys(&mut app, "enter");
    assert!(showing(&app, "exported"));
    let after = std::fs::read_to_string(folder.join(&name)).unwrap();
    assert!(after.starts_with("# Suffolk County Council"), "{after}");
    assert_eq!(files(&folder), vec![name], "nothing new beside it");
}

#[test]
fn exporting_over_a_file_can_write_a_new_name_or_cancel() {
    let (mut app, _dir, folder) = in_long_folder();
    typ(&mut app, "X");
    keys(&mut app, "enter enter");
    let before = files(&folder);
    // Cancel (the last choice, or Esc) writes nothing.
    typ(&mut app, "X");
    keys(&mut app, "enter G enter");
    assert_eq!(popup_name(&app), None);
    assert_eq!(files(&folder), before);
    assert!(
        message(&app).contains("nothing written"),
        "{}",
        message(&app)
    );
    app.message = None;
    typ(&mut app, "X");
    keys(&mut app, "enter esc");
    assert_eq!(files(&folder), before);
    assert!(message(&app).contains("nothing written"), "Esc says so too");
    // The new name is the one offered, and the pop-up says it.
    typ(&mut app, "X");
    keys(&mut app, "enter j");
    let text = screen(&mut app, 80, 24);
    keys(&mut app, "enter");
    let after = files(&folder);
    assert_eq!(after.len(), before.len() + 1);
    let new = after.iter().find(|f| !before.contains(f)).unwrap();
    assert!(new.ends_with("-2.md"), "{new}");
    let whole = folder.join(new).display().to_string();
    assert!(joined(&text).contains(&whole), "shown before: {text}");
    assert!(joined(&screen(&mut app, 80, 24)).contains(&whole));
}
