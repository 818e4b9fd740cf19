//! A panic inside a view restores the terminal and keeps what was typed.

use super::*;

/// A panic inside a view (forced by a debug-only hook) restores the
/// terminal, and what was typed before it is on disk.
#[cfg(debug_assertions)]
#[test]
fn a_panic_in_a_view_restores_the_terminal_and_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let wb = new_workbook(home);
    let mut p = Pty::spawn_env(
        home,
        &["open", wb.to_str().unwrap()],
        &[("PEERBOOK_TEST_PANIC_IN_VIEW", "dashboard")],
    );
    p.wait_text("KLOE 1 · ");
    p.send(b"4");
    p.wait_text("Rating: 4 Exceptional standard");
    // The dashboard's view panics.
    p.send(b"D");
    let status = p.wait_exit();
    assert!(!status.success(), "the forced panic should end the program");
    let raw = p.raw_output();
    let last = |seq: &[u8]| raw.windows(seq.len()).rposition(|w| w == seq);
    assert!(
        last(b"\x1b[?1049l") > last(b"\x1b[?1049h"),
        "the alternate screen was left after the panic"
    );
    {
        let s = p.screen.lock().unwrap();
        assert!(!s.parser.screen().alternate_screen());
        assert!(!s.parser.screen().hide_cursor());
    }
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("forced panic"), "the panic message is shown");
    // The rating typed before the panic was saved.
    let a = answer(&wb, "1");
    assert_eq!(
        field(&a, "rating").and_then(|v| v.as_i64()),
        Some(4),
        "{a:?}"
    );
    // And the workbook still opens.
    assert!(
        peerbook(home, &["validate", wb.to_str().unwrap()])
            .status
            .success()
    );
}
