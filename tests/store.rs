//! Saving through the core: on-disk changes, byte-stable saves, unknown keys.

use std::fs;

use peerbook::store::{StoreError, WorkbookFile};
use peerbook::workbook::Rating;

mod support;
use support::new_workbook;

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let (mut file, mut wb, _) = WorkbookFile::open(&path).unwrap();
    // Someone else (a git pull) rewrites the file while it is open.
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("title: Reablement peer review", "title: Their title");
    fs::write(&path, &theirs).unwrap();
    wb.answer_mut("1").narrative = "ours".into();
    match file.save(&wb) {
        Err(StoreError::ChangedOnDisk { .. }) => {}
        other => panic!("expected ChangedOnDisk, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    let msg = file.save(&wb).unwrap_err().to_string();
    assert!(msg.contains("changed on disk"), "{msg}");
}

#[test]
fn saving_an_unchanged_workbook_changes_no_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let before = fs::read(&path).unwrap();
    let (mut file, wb, _) = WorkbookFile::open(&path).unwrap();
    assert!(!file.save(&wb).unwrap(), "nothing should be written");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("wb.yaml.bak").exists());
    // Reading and writing again gives the same text.
    let again = peerbook::workbook::to_text(&wb);
    assert_eq!(again.as_bytes(), &before[..]);
}

#[test]
fn unknown_keys_and_text_survive_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let text = fs::read_to_string(&path).unwrap();
    let narrative =
        "  Indented first line\n\n# not a heading: kept\nLast line with trailing spaces   ";
    let edited = text
        .replacen(
            "- question: '1'\n  status: not-started\n",
            &format!(
                "- question: '1'\n  status: draft\n  narrative: \"{}\"\n  confidence: high\n",
                narrative.replace('\n', "\\n")
            ),
            1,
        )
        .replacen(
            "format: 1\n",
            "format: 1\nx-source: hand edited\nfuture_section:\n  alice: {notes: kept}\n",
            1,
        )
        .replacen(
            "framework:\n",
            "framework:\n  x-origin: copied from the team drive\n",
            1,
        );
    assert_ne!(edited, text);
    fs::write(&path, &edited).unwrap();
    let (mut file, mut wb, warnings) = WorkbookFile::open(&path).unwrap();
    assert_eq!(wb.answer("1").unwrap().narrative, narrative);
    // Unknown keys are reported as warnings, with a position.
    let w = warnings.to_string();
    assert!(
        w.contains("unknown key 'confidence' in an answer; it is kept"),
        "{w}"
    );
    assert!(w.contains("unknown key 'future_section'"), "{w}");
    wb.answer_mut("2").rating = Rating::Level(3);
    file.save(&wb).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("confidence: high"), "{saved}");
    assert!(saved.contains("x-source: hand edited"), "{saved}");
    assert!(saved.contains("alice:"), "{saved}");
    assert!(
        saved.contains("x-origin: copied from the team drive"),
        "{saved}"
    );
    let (_, back, _) = WorkbookFile::open_read_only(&path).unwrap();
    assert_eq!(back.answer("1").unwrap().narrative, narrative);
    assert_eq!(back.answer("2").unwrap().rating, Rating::Level(3));
}

#[test]
fn an_edited_embedded_framework_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let text = fs::read_to_string(&path).unwrap();
    let tampered = text.replacen("Key line of enquiry", "Line we made up", 1);
    assert_ne!(tampered, text);
    fs::write(&path, &tampered).unwrap();
    let err = WorkbookFile::read(&path).unwrap_err().to_string();
    assert!(
        err.contains("the embedded framework does not match its digest"),
        "{err}"
    );
    assert!(err.contains("wb.yaml:"), "{err}");
}

#[test]
fn a_read_only_file_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let (mut file, wb, _) = WorkbookFile::open_read_only(&path).unwrap();
    assert!(file.is_read_only());
    assert!(matches!(file.save(&wb), Err(StoreError::ReadOnly { .. })));
}

#[test]
fn temporary_files_left_by_a_killed_save_are_cleared_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let stale = dir.path().join(".wb.yaml.99999.tmp");
    let stale_bak = dir.path().join(".wb.yaml.bak.99999.tmp");
    let other = dir.path().join(".other.yaml.99999.tmp");
    for p in [&stale, &stale_bak, &other] {
        fs::write(p, "half a save").unwrap();
    }
    let (_file, _wb, _) = WorkbookFile::open(&path).unwrap();
    assert!(!stale.exists());
    assert!(!stale_bak.exists());
    assert!(other.exists(), "another workbook's file was touched");
}

// ---------------------------------------------------------------------------
// Links and permissions

use std::os::unix::fs::{PermissionsExt, symlink};

use peerbook::store::session::{Doc, ReadOnly, SaveState};
use peerbook::store::{backup_path, lock_path};

fn chmod(path: &std::path::Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn saving_through_a_symlink_keeps_the_link_and_changes_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("shared");
    fs::create_dir(&real_dir).unwrap();
    let real = new_workbook(&real_dir);
    let link = dir.path().join("mine.yaml");
    symlink(&real, &link).unwrap();
    let (mut file, mut wb, _) = WorkbookFile::open(&link).unwrap();
    assert!(
        lock_path(&real).exists(),
        "the lock is beside the real file"
    );
    assert!(!lock_path(&link).exists(), "a second lock beside the link");
    wb.answer_mut("1").narrative = "through the link".into();
    assert!(file.save(&wb).unwrap());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("through the link")
    );
    assert!(
        backup_path(&real).exists(),
        "the .bak is beside the real file"
    );
    assert!(!backup_path(&link).exists());
    drop(file);
    assert!(!lock_path(&real).exists());
}

#[test]
fn a_workbook_opened_through_a_link_and_by_its_real_path_has_one_lock() {
    let dir = tempfile::tempdir().unwrap();
    let real = new_workbook(dir.path());
    let link = dir.path().join("other-name.yaml");
    symlink(&real, &link).unwrap();
    let held = WorkbookFile::open(&link).unwrap();
    match WorkbookFile::open(&real) {
        Err(StoreError::Locked { .. }) => {}
        other => panic!("opened twice: {other:?}"),
    }
    drop(held);
    let held = WorkbookFile::open(&real).unwrap();
    match WorkbookFile::open(&link) {
        Err(StoreError::Locked { .. }) => {}
        other => panic!("opened twice: {other:?}"),
    }
    drop(held);
}

#[test]
fn a_read_only_workbook_opens_read_only_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    // Without its owner's write bit: read-only for peerbook, whoever runs it
    // (root included, whom the system would let write).
    chmod(&path, 0o444);
    let before = fs::read(&path).unwrap();
    let msg = match WorkbookFile::open(&path) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a read-only workbook opened for changing"),
    };
    for part in ["wb.yaml", "read-only", "make it writable"] {
        assert!(msg.contains(part), "{part:?} missing from: {msg}");
    }
    assert!(!lock_path(&path).exists(), "a lock was left");
    // The interface opens it read-only and says why.
    let doc = Doc::open(&path).unwrap();
    assert!(doc.is_read_only());
    match &doc.state {
        SaveState::ReadOnly(why @ ReadOnly::NotWritable(_)) => {
            assert!(why.to_string().contains("make it writable"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    drop(doc);
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn a_workbook_made_read_only_while_open_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let (mut file, mut wb, _) = WorkbookFile::open(&path).unwrap();
    chmod(&path, 0o444);
    let before = fs::read(&path).unwrap();
    wb.answer_mut("1").narrative = "after the chmod".into();
    let msg = file.save(&wb).unwrap_err().to_string();
    assert!(msg.contains("read-only"), "{msg}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_workbook_in_a_folder_that_cannot_be_written_opens_read_only_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("archive");
    fs::create_dir(&folder).unwrap();
    let path = new_workbook(&folder);
    chmod(&folder, 0o555);
    let opened = WorkbookFile::open(&path).map(|_| ());
    let doc = Doc::open(&path);
    let listing: Vec<_> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    chmod(&folder, 0o755);
    let msg = opened.unwrap_err().to_string();
    for part in ["wb.yaml", "folder", "archive"] {
        assert!(msg.contains(part), "{part:?} missing from: {msg}");
    }
    let doc = doc.unwrap();
    assert!(doc.is_read_only());
    match &doc.state {
        SaveState::ReadOnly(why @ ReadOnly::NotWritable(_)) => {
            assert!(why.to_string().contains("folder"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(listing, ["wb.yaml"], "something was written in the folder");
}
