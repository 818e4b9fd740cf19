//! The real binary exports twice: the first time a pop-up names the file
//! written, the second time it asks before touching the file already
//! there, and a new name writes beside it.

use super::*;

#[test]
fn exporting_twice_asks_before_touching_the_first_file() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let wb = new_workbook(home);
    let mut p = Pty::spawn(home, &["open", wb.to_str().unwrap()]);
    p.wait_text("KLOE 1 · ");
    let exports = || {
        let mut v: Vec<String> = std::fs::read_dir(home)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .collect();
        v.sort();
        v
    };

    p.send(b"X");
    p.wait_text("Self-assessment pack (markdown)");
    p.send(b"\r");
    p.wait_text("Written to");
    let first = exports();
    assert_eq!(first.len(), 1, "{first:?}");
    p.send(b"\r");
    p.wait_for("the pop-up to close", |p| {
        !p.contents().contains("Written to")
    });

    p.send(b"X");
    p.wait_text("Self-assessment pack (markdown)");
    p.send(b"\r");
    p.wait_text("already there");
    assert!(p.contents().contains("Replace it"), "{}", p.contents());
    assert_eq!(exports(), first, "nothing written before the answer");
    p.send(b"j");
    p.wait_text("Writes ");
    p.send(b"\r");
    p.wait_text("Written to");
    let after = exports();
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(after.iter().any(|f| f.ends_with("-2.md")), "{after:?}");
    p.send(b"\r");
    p.send(b"q");
    p.wait_exit();
}
