//! `--as`: the lock and "last changed by" name the user given.

use super::*;

#[test]
fn the_lock_and_changed_by_name_the_as_user() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let wb = new_workbook(home);
    let name = "Dr Miriam Ashcombe";
    // PEERBOOK_USER says someone else: --as wins.
    let mut p = Pty::spawn(home, &["review", wb.to_str().unwrap(), "--as", name]);
    p.wait_text(&format!("Reviewing as {name}"));
    let lock = std::fs::read_to_string(peerbook::store::lock_path(&wb)).unwrap();
    assert!(lock.starts_with(&format!("{name} on ")), "{lock}");
    // Out of reviewer mode, a change to the council's own answer is
    // stamped with the same name.
    // Leaving reviewer mode asks first (issue 13).
    p.send(b"W");
    p.wait_text("Leave reviewer mode (Dr Miriam Ashcombe)?");
    p.send(b"y");
    p.wait_text("Left reviewer mode");
    p.send(b"3");
    p.wait_text("Rating: 3 Good standard");
    p.wait_for("the status bar to say saved", |p| {
        status_row(p).trim_end().ends_with(" saved")
    });
    p.send(b"q");
    assert!(p.wait_exit().success());
    let a = answer(&wb, "1");
    let by = a
        .get("changed")
        .and_then(|c| c.get("by"))
        .and_then(|b| b.as_str());
    assert_eq!(by, Some(name), "{a:?}");
}
