//! End-to-end: runs the real `peerbook` binary in a pseudo-terminal, types
//! into it as a person would, and checks both what the screen shows and
//! what ends up in the workbook file on disk.
//!
//! (Over 600 lines: the terminal driver and its scenarios; the saving
//! scenarios are in `pty/saving.rs`.)

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "pty/saving.rs"]
mod saving;

#[path = "pty/export.rs"]
mod export;

#[path = "pty/week.rs"]
mod week;

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// How long to wait for anything to show. Generous: a loaded CI machine
/// can be slow to start a debug binary.
const WAIT: Duration = Duration::from_secs(15);

/// Written with non-ASCII letters from Welsh, French and a symbol, so that
/// the keyboard decoding, the text area, the saver and the YAML writer all
/// have to carry UTF-8 through unchanged.
const LINE_1: &str = "Llanfair Ynys Môn ✓ naïve café";
const LINE_2: &str = "Ail linell: Gŵyl";

mod support;
use support::bin::{BIN, ok};
use support::replies::Replies;

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// What the reader thread has seen of the terminal.
struct Screen {
    parser: vt100::Parser<Replies>,
    /// Every byte the program wrote, for checks on escape sequences.
    raw: Vec<u8>,
    /// The program's side of the terminal has closed.
    eof: bool,
}

/// The binary running in a pseudo-terminal.
struct Pty {
    screen: Arc<Mutex<Screen>>,
    writer: Writer,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader thread to let go of the terminal (see `hang_up`).
    let_go: Arc<AtomicBool>,
    // Kept open until the end: dropping it hangs up the terminal.
    master: Option<Box<dyn MasterPty + Send>>,
}

impl Pty {
    fn spawn(home: &Path, args: &[&str]) -> Pty {
        Pty::spawn_env(home, args, &[])
    }

    fn spawn_env(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("PEERBOOK_HOME", home);
        cmd.env("PEERBOOK_USER", "Test Officer");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for v in [
            "NO_COLOR",
            "COLUMNS",
            "LINES",
            "PEERBOOK_TEST_CRASH_BEFORE_RENAME",
            "PEERBOOK_TEST_PANIC_IN_VIEW",
        ] {
            cmd.env_remove(v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start peerbook");
        // Only the child holds the terminal's other end now, so reads end
        // when it exits.
        drop(pair.slave);

        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new_with_callbacks(ROWS, COLS, 0, Replies::default()),
            raw: Vec::new(),
            eof: false,
        }));
        let mut reader = pair.master.try_clone_reader().expect("read the terminal");
        let writer: Writer = Arc::new(Mutex::new(
            pair.master.take_writer().expect("write to the terminal"),
        ));
        let shared = Arc::clone(&screen);
        let answer = Arc::clone(&writer);
        let let_go = Arc::new(AtomicBool::new(false));
        let letting_go = Arc::clone(&let_go);
        let fd = pair.master.as_raw_fd().expect("the terminal's descriptor");
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // Waits a little at a time, so that `hang_up` can make it
                // let go of its end of the terminal.
                if letting_go.load(Ordering::Relaxed) {
                    break;
                }
                if !readable(fd, Duration::from_millis(50)) {
                    continue;
                }
                match reader.read(&mut buf) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    // End of output, or EIO once the program has exited.
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let replies = {
                            let mut s = shared.lock().unwrap();
                            s.parser.process(&buf[..n]);
                            s.raw.extend_from_slice(&buf[..n]);
                            std::mem::take(&mut s.parser.callbacks_mut().out)
                        };
                        if !replies.is_empty() {
                            let mut w = answer.lock().unwrap();
                            let _ = w.write_all(&replies);
                            let _ = w.flush();
                        }
                    }
                }
            }
            shared.lock().unwrap().eof = true;
        });
        Pty {
            screen,
            writer,
            child,
            reader: Some(reader),
            let_go,
            master: Some(pair.master),
        }
    }

    /// Closes the terminal's other end, as a terminal window closed or a
    /// dropped ssh connection does, leaving the program running.
    fn hang_up(&mut self) {
        self.let_go.store(true, Ordering::Relaxed);
        if let Some(h) = self.reader.take() {
            let _ = h.join();
        }
        *self.writer.lock().unwrap() = Box::new(std::io::sink());
        self.master = None;
        // Nothing more can be read of it.
        self.screen.lock().unwrap().eof = true;
    }

    /// The screen as text, one line per row.
    fn contents(&self) -> String {
        self.screen.lock().unwrap().parser.screen().contents()
    }

    /// One row of the screen as text.
    fn row(&self, row: u16) -> String {
        let s = self.screen.lock().unwrap();
        s.parser
            .screen()
            .rows(0, COLS)
            .nth(row as usize)
            .unwrap_or_default()
    }

    /// Waits until the screen passes `check`; fails with the screen if it
    /// does not within the time limit or the program ends first.
    fn wait_for(&mut self, what: &str, check: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + WAIT;
        loop {
            if check(self) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the last output arrive before judging.
                std::thread::sleep(Duration::from_millis(100));
                if check(self) {
                    return;
                }
                panic!(
                    "peerbook exited ({status:?}) while waiting for {what}; screen:\n{}",
                    self.contents()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {WAIT:?} waiting for {what}; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_text(&mut self, text: &str) {
        let what = format!("{text:?} on screen");
        self.wait_for(&what, |p| p.contents().contains(text));
    }

    fn send(&mut self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).expect("type into the terminal");
        w.flush().expect("type into the terminal");
    }

    /// Sends Esc on its own. A terminal cannot tell Esc from the start of
    /// an Alt-key or arrow sequence when more bytes follow at once, so
    /// nothing else is sent until the program has had time to read it.
    fn send_esc(&mut self) {
        self.send(b"\x1b");
        std::thread::sleep(Duration::from_millis(300));
    }

    /// Waits for the program to end, and for its last output.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + WAIT;
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("poll peerbook") {
                break s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "peerbook did not exit within {WAIT:?} after quitting; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // The reader ends once the terminal is hung up; don't hang the test
        // if some grandchild kept it open.
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self.screen.lock().unwrap().eof && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if self.screen.lock().unwrap().eof
            && let Some(h) = self.reader.take()
        {
            let _ = h.join();
        }
        status
    }

    fn raw_output(&self) -> Vec<u8> {
        self.screen.lock().unwrap().raw.clone()
    }
}

impl Drop for Pty {
    /// A failed test leaves no program running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Whether `fd` has something to read (or has ended) within `timeout`.
fn readable(fd: i32, timeout: Duration) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for the length given.
    unsafe { libc::poll(&mut p, 1, timeout.as_millis() as i32) != 0 }
}

fn peerbook(home: &Path, args: &[&str]) -> std::process::Output {
    support::bin::peerbook(home, args)
        .output()
        .expect("run peerbook")
}

fn new_workbook(home: &Path) -> PathBuf {
    let wb = home.join("wb.yaml");
    ok(
        home,
        &[
            "new",
            "--framework",
            "suffolk-reablement-2016",
            "--council",
            "Test Council",
            "--title",
            "Test review",
            "--out",
            wb.to_str().unwrap(),
        ],
    );
    wb
}

/// The answer for a question in the workbook file, parsed as plain YAML.
fn answer(path: &Path, question: &str) -> serde_yaml::Mapping {
    let text = std::fs::read_to_string(path).expect("read the workbook");
    let doc: serde_yaml::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("the workbook is not YAML ({e}):\n{text}"));
    let answers = doc["answers"]
        .as_sequence()
        .unwrap_or_else(|| panic!("no answers list:\n{text}"));
    let found: Vec<&serde_yaml::Mapping> = answers
        .iter()
        .filter_map(|a| a.as_mapping())
        .filter(|a| a.get("question").and_then(|q| q.as_str()) == Some(question))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one answer for question '{question}':\n{text}"
    );
    found[0].clone()
}

fn field<'a>(a: &'a serde_yaml::Mapping, key: &str) -> Option<&'a serde_yaml::Value> {
    a.get(key)
}

/// The status bar: the row that reports progress ("… answered …").
fn status_row(p: &Pty) -> String {
    (0..ROWS)
        .map(|r| p.row(r))
        .rfind(|l| l.contains(" answered "))
        .unwrap_or_default()
}

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

/// Three reviewers each work in their own copy, in the real binary, then
/// the review manager merges them.
#[test]
fn three_reviewers_work_offline_and_the_copies_merge() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let base = new_workbook(home);
    let reviewers = [
        ("Alice Peer", "Lead peer", b'1'),
        ("Bob Peer", "Member peer", b'3'),
        ("Cara Peer", "Officer peer", b'2'),
    ];
    let mut copies = Vec::new();
    for (name, role, rating) in reviewers {
        let copy = home.join(format!(
            "{}.yaml",
            name.split(' ').next().unwrap().to_lowercase()
        ));
        std::fs::copy(&base, &copy).unwrap();
        let mut p = Pty::spawn(
            home,
            &[
                "review",
                copy.to_str().unwrap(),
                "--as",
                name,
                "--role",
                role,
            ],
        );
        p.wait_text(&format!("Reviewing as {name}"));
        // KLOE 2: a rating and a note in Welsh and English.
        p.send(b"j");
        p.wait_text("KLOE 2 · ");
        p.send(&[rating]);
        p.wait_text("Your rating: ");
        p.send(b"e");
        p.wait_text("Your notes on this question");
        let note = format!("{name}: gwelwyd yn Ynys Môn ✓");
        p.send(note.as_bytes());
        p.wait_text("Ynys Môn ✓");
        p.send_esc();
        p.wait_for("the editor to close", |p| {
            !p.contents().contains("Your notes on this question —")
        });
        p.wait_text(" saved");
        p.send(b"q");
        assert!(p.wait_exit().success());
        copies.push(copy);
    }
    let mut args = vec!["merge", base.to_str().unwrap()];
    args.extend(copies.iter().map(|c| c.to_str().unwrap()));
    args.extend(["--out", "merged.yaml"]);
    let out = ok(home, &args);
    assert!(out.contains("0 conflicts"), "{out}");
    let status = ok(home, &["status", "merged.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    let names: Vec<&str> = v["onsite"]["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alice Peer", "Bob Peer", "Cara Peer"]);
    let q2 = &v["onsite"]["questions"][1];
    assert_eq!(q2["spread"], 2, "{q2}");
    assert_eq!(q2["disagree"], true);
    let merged = std::fs::read_to_string(home.join("merged.yaml")).unwrap();
    assert!(merged.contains("Bob Peer: gwelwyd yn Ynys Môn ✓"));
    assert!(merged.contains("role: Member peer"));
}

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
