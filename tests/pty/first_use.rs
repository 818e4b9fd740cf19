//! First use of the real binary: a question rated and its narrative
//! written (accented text included), then quit; a workbook created from the
//! start screen.

use super::*;

#[test]
fn rate_and_write_a_narrative_then_quit() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let wb = new_workbook(home);
    let wb_arg = wb.to_str().unwrap();
    let narrative = format!("{LINE_1}\n{LINE_2}");

    let mut p = Pty::spawn(home, &["open", wb_arg]);

    // The questions screen, with the first question selected.
    p.wait_for("the questions screen", |p| {
        let s = p.contents();
        s.contains("Questions") && s.contains("KLOE 1 · ")
    });
    assert!(
        peerbook::store::lock_path(&wb).exists(),
        "an open workbook is locked"
    );

    // Down to the second question: its text fills the right pane.
    p.send(b"j");
    p.wait_text("KLOE 2 · ");
    assert!(
        p.contents()
            .contains("To what extent do support plans and associated"),
        "the right pane shows KLOE 2's question:\n{}",
        p.contents()
    );

    // Rate it 3 on the cqc-4 scale.
    p.send(b"3");
    p.wait_text("Rating: 3 Good standard");
    let screen = p.contents();
    assert!(
        screen.contains("Status: ✎ "),
        "rating a question makes it a draft:\n{screen}"
    );
    assert!(
        screen.contains("KLOE 2 3 Good standard"),
        "the question list shows the rating beside KLOE 2:\n{screen}"
    );

    // Write the narrative in the editor pop-up: two lines, non-ASCII text.
    p.send(b"e");
    p.wait_text("Esc done · Enter new line");
    p.send(LINE_1.as_bytes());
    p.wait_text(LINE_1);
    p.send(b"\r");
    p.send(LINE_2.as_bytes());
    p.wait_text(LINE_2);
    p.send_esc();
    p.wait_for("the editor to close", |p| {
        !p.contents().contains("Esc done · Enter new line")
    });
    // Back on the question, the narrative shows in the right pane.
    let screen = p.contents();
    assert!(
        screen.contains(&format!("  {LINE_1}")) && screen.contains(&format!("  {LINE_2}")),
        "the narrative shows under the question:\n{screen}"
    );

    // The background saver writes it within a second or so of typing.
    p.wait_for("the status bar to say saved", |p| {
        status_row(p).trim_end().ends_with(" saved")
    });
    let a = answer(&wb, "2");
    assert_eq!(
        field(&a, "narrative").and_then(|v| v.as_str()),
        Some(narrative.as_str()),
        "saved while still open: {a:?}"
    );

    p.send(b"q");
    let status = p.wait_exit();
    assert!(
        status.success(),
        "peerbook exited with {status:?}; screen:\n{}",
        p.contents()
    );

    // The terminal was put back: the alternate screen left, raw mode
    // input (mouse, paste) turned off, the cursor shown.
    let raw = p.raw_output();
    let has = |seq: &[u8]| raw.windows(seq.len()).any(|w| w == seq);
    assert!(has(b"\x1b[?1049h"), "entered the alternate screen");
    assert!(has(b"\x1b[?1049l"), "left the alternate screen");
    let last = |seq: &[u8]| raw.windows(seq.len()).rposition(|w| w == seq);
    assert!(
        last(b"\x1b[?1049l") > last(b"\x1b[?1049h"),
        "the alternate screen was left after it was last entered"
    );
    {
        let s = p.screen.lock().unwrap();
        let screen = s.parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture is still on"
        );
    }
    assert!(
        !peerbook::store::lock_path(&wb).exists(),
        "quitting releases the lock"
    );

    // The file on disk.
    let text = std::fs::read_to_string(&wb).unwrap();
    let a = answer(&wb, "2");
    assert_eq!(
        field(&a, "rating").and_then(|v| v.as_i64()),
        Some(3),
        "{text}"
    );
    assert_eq!(
        field(&a, "status").and_then(|v| v.as_str()),
        Some("draft"),
        "{text}"
    );
    assert_eq!(
        field(&a, "narrative").and_then(|v| v.as_str()),
        Some(narrative.as_str()),
        "{text}"
    );
    // Written as readable UTF-8, not as escapes.
    assert!(text.contains(LINE_1), "{text}");
    assert!(text.contains(LINE_2), "{text}");
    // Who changed it is recorded.
    assert!(text.contains("Test Officer"), "{text}");

    // Nothing else changed: the first question is still untouched.
    let first = answer(&wb, "1");
    assert_eq!(
        field(&first, "status").and_then(|v| v.as_str()),
        Some("not-started"),
        "{text}"
    );
    assert!(field(&first, "rating").is_none(), "{text}");
    assert!(field(&first, "narrative").is_none(), "{text}");

    // And the whole workbook still checks out.
    ok(home, &["validate", wb_arg]);
}

#[test]
fn create_a_workbook_from_the_start_screen() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let council = "Cyngor Sir Ynys Môn";
    let title = "Adolygiad cymheiriaid ✓";

    // No arguments: the start screen, with nothing in the data folder yet.
    let mut p = Pty::spawn(home, &[]);
    p.wait_text("No workbooks yet");
    p.send(b"\r");
    p.wait_text("Choose a framework");

    // Move down the list until Suffolk is the one described below it: the
    // description starts with the title, then the framework's key.
    let described = "(suffolk-reablement-2016@2016)";
    for _ in 0..20 {
        if p.contents().contains(described) {
            break;
        }
        let before = p.contents();
        p.send(b"j");
        p.wait_for("the next framework", |p| p.contents() != before);
    }
    assert!(
        p.contents().contains(described),
        "the Suffolk framework is offered:\n{}",
        p.contents()
    );
    p.send(b"\r");
    p.wait_text("Tab switches field");
    assert!(
        p.contents()
            .contains("Framework: Reablement and rehabilitation key lines of enquiry"),
        "{}",
        p.contents()
    );

    p.send(council.as_bytes());
    p.wait_text(council);
    p.send(b"\t");
    p.send(title.as_bytes());
    p.wait_text(title);
    p.send(b"\r");

    // The new workbook opens on its questions.
    p.wait_for("the new workbook's questions", |p| {
        let s = p.contents();
        s.contains("Questions 0/13") && s.contains("KLOE 1 · ")
    });

    // Arrow keys as well as j/k: down two to KLOE 3.
    p.send(b"\x1b[B");
    p.wait_text("KLOE 2 · ");
    p.send(b"\x1b[B");
    p.wait_text("KLOE 3 · ");

    p.send(b"4");
    p.wait_text("Rating: 4 Exceptional standard");

    // The status picker starts on the current status (Draft, now it is
    // rated); one down is Ready for review.
    p.send(b"s");
    p.wait_text("Ready for review");
    p.send(b"j\r");
    p.wait_text("Status: ◆ Ready for review");

    p.send(b"q");
    let status = p.wait_exit();
    assert!(
        status.success(),
        "peerbook exited with {status:?}; screen:\n{}",
        p.contents()
    );
    assert!(!p.screen.lock().unwrap().parser.screen().alternate_screen());

    // It was made in the data folder's workbooks folder.
    let books: Vec<PathBuf> = std::fs::read_dir(home.join("workbooks"))
        .expect("the workbooks folder was made")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert_eq!(books.len(), 1, "{books:?}");
    let wb = &books[0];
    let text = std::fs::read_to_string(wb).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(doc["review"]["council"].as_str(), Some(council), "{text}");
    assert_eq!(doc["review"]["title"].as_str(), Some(title), "{text}");
    assert_eq!(
        doc["framework"]["id"].as_str(),
        Some("suffolk-reablement-2016"),
        "{text}"
    );
    let a = answer(wb, "3");
    assert_eq!(
        field(&a, "rating").and_then(|v| v.as_i64()),
        Some(4),
        "{text}"
    );
    assert_eq!(
        field(&a, "status").and_then(|v| v.as_str()),
        Some("ready-for-review"),
        "{text}"
    );
    ok(home, &["validate", wb.to_str().unwrap()]);
}
