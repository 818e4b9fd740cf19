//! The real `peerbook` binary, run with a temporary folder as both its data
//! folder (`PEERBOOK_HOME`) and its working folder.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_peerbook");

/// The user every run is, unless a test says otherwise.
pub const USER: &str = "Test Officer";

/// `peerbook ARGS` in `home`, with `home` as its data folder, [`USER`] as
/// its user, no input, and none of the caller's crash hook or backtrace
/// settings.
pub fn peerbook(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("PEERBOOK_HOME", home)
        .env("PEERBOOK_USER", USER)
        .env_remove("PEERBOOK_TEST_CRASH_BEFORE_RENAME")
        .env_remove("RUST_BACKTRACE")
        .current_dir(home)
        .stdin(Stdio::null());
    c
}

/// What a run printed: its standard output, then its standard error.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// What a run printed on its standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `peerbook ARGS` in `home`, which must succeed; returns its output.
pub fn ok(home: &Path, args: &[&str]) -> String {
    let out = peerbook(home, args).output().expect("run peerbook");
    assert!(
        out.status.success(),
        "peerbook {args:?} failed:\n{}",
        text(&out)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `cmd` with its output captured; a run longer than `limit` is killed.
/// Returns the output and whether it had to be killed.
pub fn output_within(mut cmd: Command, limit: Duration) -> (Output, bool) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start peerbook");
    // Read both pipes while it runs, so that a long output cannot stall it.
    let drain = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut b = Vec::new();
            let _ = r.read_to_end(&mut b);
            b
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            timed_out = true;
            break child.wait().unwrap();
        }
        thread::sleep(Duration::from_millis(5));
    };
    let output = Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    (output, timed_out)
}

/// A temporary folder that is both `PEERBOOK_HOME` and the working folder;
/// removed when dropped.
pub struct Home {
    dir: TempDir,
}

impl Default for Home {
    fn default() -> Self {
        Home::new()
    }
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn root(&self) -> &Path {
        self.dir.path()
    }
    /// `rel` inside the folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }
    pub fn write(&self, rel: &str, bytes: &[u8]) {
        std::fs::write(self.path(rel), bytes).unwrap();
    }
    /// `peerbook ARGS` here (see [`peerbook`]).
    pub fn cmd(&self, args: &[&str]) -> Command {
        peerbook(self.root(), args)
    }
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }
    /// Runs `peerbook ARGS`, which must succeed; returns its output.
    pub fn ok(&self, args: &[&str]) -> String {
        ok(self.root(), args)
    }
    /// Runs `peerbook ARGS`, which must fail without a panic; returns the
    /// exit code and what it printed.
    pub fn fails(&self, args: &[&str]) -> (i32, String) {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        let text = text(&out);
        assert!(!text.contains("panicked"), "{text}");
        assert!(!text.contains("RUST_BACKTRACE"), "{text}");
        (out.status.code().unwrap_or(-1), text)
    }
}
