use super::*;
use crate::framework::registry::Registry;
use crate::store::NotWritable;

fn workbook() -> Workbook {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
    Workbook::new(fw, "Suffolk County Council", "Reablement peer review")
}

#[test]
fn read_only_tells_its_kinds_apart_by_type() {
    let mut held = Doc::read_only(workbook(), Path::new("w.yaml"), "Sam on host".into());
    assert_eq!(
        held.state,
        SaveState::ReadOnly(ReadOnly::HeldBy("Sam on host".into()))
    );
    assert_eq!(held.state.label(), "read-only");
    assert!(matches!(
        held.merge_with_disk(),
        Err(SessionError::ReadOnly)
    ));
    assert_eq!(
        held.reload().unwrap_err().to_string(),
        "this workbook is read-only"
    );
    let disk = ReadOnly::NotWritable(NotWritable::ReadOnlyDisk);
    assert_eq!(
        disk.to_string(),
        "because the disk it is on is read-only; copy the workbook somewhere you can write to edit it"
    );
    assert_eq!(
        ReadOnly::HeldBy("Sam".into()).to_string(),
        "open in another peerbook: Sam"
    );
}

#[test]
fn a_removed_file_is_not_reloaded_and_the_message_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.yaml");
    drop(WorkbookFile::create(&path, &workbook()).unwrap());
    let mut doc = Doc::open(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let err = doc.reload().unwrap_err();
    assert!(matches!(err, SessionError::Removed(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is no longer there, so there is nothing to reload; save yours again or to another file",
            path.display()
        )
    );
    // Merging with a removed file writes this one there again.
    let merged = doc.merge_with_disk().unwrap();
    assert!(merged.was_removed);
    assert!(doc.flush(Duration::from_secs(10)));
    assert!(path.exists());
}

#[test]
fn a_file_on_disk_that_no_longer_reads_is_not_merged_with() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.yaml");
    drop(WorkbookFile::create(&path, &workbook()).unwrap());
    let mut doc = Doc::open(&path).unwrap();
    std::fs::write(&path, "kind: [unclosed\n").unwrap();
    let err = doc.merge_with_disk().unwrap_err();
    assert!(matches!(err, SessionError::DiskNotAWorkbook(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.starts_with(
            "the file on disk no longer reads as a workbook, so there is nothing to merge with ("
        ) && text.ends_with("); save yours to another file"),
        "{text}"
    );
    assert!(matches!(doc.reload(), Err(SessionError::Invalid(_))));
    doc.discard();
}

#[test]
fn a_failed_save_is_kept_typed_and_closing_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.yaml");
    drop(WorkbookFile::create(&path, &workbook()).unwrap());
    let mut doc = Doc::open(&path).unwrap();
    // A folder where the save's temporary file must go: every save fails.
    let block = dir
        .path()
        .join(format!(".wb.yaml.{}.tmp", std::process::id()));
    std::fs::create_dir(&block).unwrap();
    std::fs::write(block.join("keep"), "x").unwrap();
    let first = doc.wb.framework.questions().next().unwrap().1.id.clone();
    doc.wb.answer_mut(&first).narrative = "kept".into();
    doc.changed();
    assert!(!doc.flush(Duration::from_secs(10)));
    let SaveState::Error(SaveFailure::Store(e)) = &doc.state else {
        panic!("{:?}", doc.state);
    };
    assert!(
        matches!(
            **e,
            StoreError::Io {
                action: "create",
                ..
            }
        ),
        "{e:?}"
    );
    let shown = e.to_string();
    assert_eq!(doc.state.label(), format!("NOT SAVED: {shown}"));
    match doc.close() {
        Err(err @ SessionError::NotSaved(_)) => assert_eq!(err.to_string(), shown),
        other => panic!("{other:?}"),
    }
    doc.discard();
}
