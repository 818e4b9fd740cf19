//! End-to-end: runs the real `peerbook` binary in a pseudo-terminal, types
//! into it as a person would, and checks both what the screen shows and
//! what ends up in the workbook file on disk.
//!
//! This file is the terminal driver and its helpers; the scenarios are
//! modules in `pty/` (first use, copies merged, a crash, `--as`, saving,
//! export, the on-site week).

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

#[path = "pty/as_user.rs"]
mod as_user;
#[path = "pty/copies.rs"]
mod copies;
#[path = "pty/crash.rs"]
mod crash;
#[path = "pty/first_use.rs"]
mod first_use;

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
        // portable-pty's writer, dropped, types a newline and the EOF
        // character (Ctrl-D) into the terminal first; a terminal that goes
        // away types nothing, and those keys reached the editor before the
        // hang-up often enough to make these tests flaky. With no EOF
        // character set, the writer goes quietly.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: a valid descriptor and a termios for it to fill.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
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
