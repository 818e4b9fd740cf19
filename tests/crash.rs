//! Crashes and other writers (the "Hardening" issue):
//!
//! - saves killed with SIGKILL at random moments, many times: the workbook
//!   always loads and holds one of the versions being saved, and the lock a
//!   killed process leaves behind never blocks the next save;
//! - two peerbook processes on one workbook: the second is refused with a
//!   message naming the holder, and a killed holder's lock is recovered;
//! - a workbook changed on disk while open: detected before any overwrite.
//!
//! (Over 600 lines: one scenario a test, with their shared runners.)

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use peerbook::store::{Lock, StoreError, WorkbookFile, backup_path, lock_path};
use peerbook::workbook;

mod support;
use support::bin::{BIN, output_within as run_within, peerbook, stderr, text};
use support::new_workbook;

/// xorshift64: small, and the same moments on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Runs the binary; a panic fails the test.
fn output(dir: &Path, args: &[&str]) -> Output {
    let out = peerbook(dir, args).output().unwrap();
    let text = text(&out);
    assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {text}");
    assert!(!text.contains("panicked"), "{args:?}: {text}");
    out
}

/// The narrative of question 1, or why the file does not load.
fn narrative(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (wb, _) = workbook::from_text(&path.display().to_string(), &bytes)
        .map_err(|e| format!("{} does not load:\n{e}", path.display()))?;
    Ok(wb
        .answer("1")
        .map(|a| a.narrative.clone())
        .unwrap_or_default())
}

/// The narrative version `k` writes: long enough that a save takes a
/// while and a torn write could not go unnoticed.
fn version_text(k: usize) -> String {
    let mut s = format!("version {k}\n");
    for line in 0..1500 {
        s.push_str(&format!(
            "version {k}, line {line}: where we are with reablement\n"
        ));
    }
    s.trim_end().to_string()
}

/// A CSV that sets question 1's narrative to version `k`.
fn write_version_csv(dir: &Path, k: usize) -> String {
    let name = format!("v{k}.csv");
    let text = format!(
        "ref,narrative\r\nKLOE 1,\"{}\"\r\n",
        version_text(k).replace('"', "\"\"")
    );
    fs::write(dir.join(&name), text).unwrap();
    name
}

/// Files in `dir` whose names end with `suffix`.
fn files_ending(dir: &Path, suffix: &str) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(suffix))
        .collect()
}

#[test]
fn saves_killed_at_random_moments_leave_a_whole_workbook() {
    const ROUNDS: usize = 120;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);

    // How long one save takes here, so the kills spread over the whole of
    // it: starting up, reading, writing the .bak, writing, renaming.
    let mut longest = Duration::ZERO;
    for k in 0..3 {
        let csv = write_version_csv(dir, 1_000_000 + k);
        let start = Instant::now();
        let o = output(dir, &["import", "wb.yaml", &csv]);
        longest = longest.max(start.elapsed());
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let window_us = (longest.as_micros() as u64 * 3 / 2).max(2_000);

    let mut on_disk = narrative(&wb).unwrap();
    let mut kept_old = 0;
    let mut got_new = 0;
    let mut finished_alone = 0;
    let mut stale_locks_taken_over = 0;
    for round in 0..ROUNDS {
        let k = round + 1;
        let csv = write_version_csv(dir, k);
        let new = version_text(k);
        // Every tenth round runs to the end: it must succeed, whatever the
        // killed rounds before it left behind.
        let unkilled = round % 10 == 9;
        let stale_lock = lock_path(&wb).exists();
        // A lock file that names its dead holder (one killed before writing
        // its name leaves an empty file, taken over without a word).
        let named_lock = fs::read_to_string(lock_path(&wb)).is_ok_and(|t| !t.trim().is_empty());
        let mut child = peerbook(dir, &["import", "wb.yaml", &csv])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if !unkilled {
            thread::sleep(Duration::from_micros(rng.below(window_us)));
            // SIGKILL on Unix; harmless if it has already exited.
            let _ = child.kill();
        }
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "round {round}: {err}");
        let now = narrative(&wb)
            .unwrap_or_else(|e| panic!("round {round}: after a kill the workbook {e}"));
        if status.success() {
            finished_alone += 1;
            assert_eq!(now, new, "round {round}: a finished import was not saved");
            if named_lock {
                assert!(err.contains("took over a lock"), "round {round}: {err}");
                stale_locks_taken_over += 1;
            }
        } else {
            assert!(
                !unkilled,
                "round {round}: an import nobody killed failed (a stale lock {}?): {err}",
                if stale_lock { "present" } else { "absent" }
            );
            assert!(
                now == on_disk || now == new,
                "round {round}: the workbook holds neither the previous version nor the one being saved: {:?}",
                now.lines().next()
            );
        }
        if now == new {
            got_new += 1;
        } else {
            kept_old += 1;
        }
        // The previous version kept beside it loads too.
        let bak = backup_path(&wb);
        if bak.exists() {
            let b = narrative(&bak).unwrap_or_else(|e| panic!("round {round}: the .bak {e}"));
            assert!(
                b.starts_with("version "),
                "round {round}: the .bak holds {:?}",
                b.lines().next()
            );
        }
        on_disk = now;
    }
    // The kills fell before the moment of saving as well as after it.
    assert!(
        kept_old > 0 && got_new > 0,
        "kept {kept_old}, new {got_new}, finished {finished_alone}"
    );
    assert!(finished_alone >= ROUNDS / 10);
    // A final, unhurried import after everything is fine too.
    let csv = write_version_csv(dir, 999);
    let o = output(dir, &["import", "wb.yaml", &csv]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(narrative(&wb).unwrap(), version_text(999));
    assert!(!lock_path(&wb).exists(), "a finished import left its lock");
    eprintln!(
        "{ROUNDS} rounds, window {window_us} µs: {kept_old} kept the old version, {got_new} the new; \
         {finished_alone} finished; {stale_locks_taken_over} stale locks taken over; \
         {} temporary files left by killed saves",
        files_ending(dir, ".tmp").len()
    );
}

/// Who this process is, as a lock names it: `USER on HOST, process PID`.
/// Commands that change `wb.yaml` (with `in.csv` beside it).
const WRITING_COMMANDS: [&[&str]; 2] = [
    &["import", "wb.yaml", "in.csv"],
    &[
        "upgrade",
        "wb.yaml",
        "--framework",
        "suffolk-reablement-2016@2016",
    ],
];

fn me() -> (String, String, String) {
    let user = peerbook::store::paths::user_name();
    let host = fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown host".to_string());
    (user, host, format!("process {}", std::process::id()))
}

#[test]
fn a_second_writer_is_refused_with_a_message_naming_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,second writer\n").unwrap();
    let before = fs::read(&wb).unwrap();
    let lock = Lock::acquire(&wb).unwrap();
    let held = fs::read(lock_path(&wb)).unwrap();
    let (user, host, process) = me();
    for args in WRITING_COMMANDS {
        let o = output(dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let msg = stderr(&o);
        for part in [
            "wb.yaml",
            "open in another peerbook",
            &user,
            &host,
            &process,
        ] {
            assert!(msg.contains(part), "{args:?}: {part:?} missing from: {msg}");
        }
        // Refused before touching anything, the lock included.
        assert_eq!(fs::read(&wb).unwrap(), before, "{args:?}");
        assert!(!backup_path(&wb).exists(), "{args:?}");
        assert_eq!(fs::read(lock_path(&wb)).unwrap(), held, "{args:?}");
    }
    // Reading does not need the lock.
    assert!(output(dir, &["status", "wb.yaml"]).status.success());
    assert!(output(dir, &["validate", "wb.yaml"]).status.success());
    // Released: the next writer gets in without taking anything over.
    drop(lock);
    assert!(!lock_path(&wb).exists());
    let o = output(dir, &["import", "wb.yaml", "in.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("took over"), "{}", stderr(&o));
    assert_eq!(narrative(&wb).unwrap(), "second writer");
}

#[test]
fn a_lock_from_a_process_that_died_is_taken_over_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(
        dir.join("in.csv"),
        "ref,narrative\nKLOE 1,after the crash\n",
    )
    .unwrap();
    // What a killed peerbook leaves: the file, naming it, with no OS lock.
    let dead = "someone on elsewhere, process 4194000, since 2026-01-01 09:00";
    fs::write(lock_path(&wb), dead).unwrap();
    let o = output(dir, &["import", "wb.yaml", "in.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("took over a lock"), "{}", stderr(&o));
    assert!(stderr(&o).contains(dead), "{}", stderr(&o));
    assert_eq!(narrative(&wb).unwrap(), "after the crash");
    assert!(!lock_path(&wb).exists());
    // An empty or garbled lock file is no obstacle either.
    for junk in [&b""[..], b"\xff\xfe\x00garbage", &[b'x'; 100_000]] {
        fs::write(lock_path(&wb), junk).unwrap();
        fs::write(dir.join("in.csv"), "ref,owner\nKLOE 1,Someone\n").unwrap();
        let o = output(dir, &["import", "wb.yaml", "in.csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
        fs::write(dir.join("in.csv"), "ref,owner\nKLOE 1,\n").unwrap();
        let o = output(dir, &["import", "wb.yaml", "in.csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!lock_path(&wb).exists());
    }
    assert!(narrative(&wb).is_ok());
}

/// A real peerbook holding the workbook: `peerbook open` in a
/// pseudo-terminal, its output drained so it never blocks.
struct Holder {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    pid: u32,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Holder {
    fn open(dir: &Path, workbook: &str) -> Holder {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(["open", workbook]);
        cmd.cwd(dir);
        cmd.env("PEERBOOK_HOME", dir);
        cmd.env("PEERBOOK_USER", "Holder");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("PEERBOOK_TEST_CRASH_BEFORE_RENAME");
        let child = pair.slave.spawn_command(cmd).expect("start peerbook open");
        drop(pair.slave);
        let pid = child.process_id().expect("a process id");
        let mut r = pair.master.try_clone_reader().unwrap();
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while matches!(r.read(&mut buf), Ok(n) if n > 0) {}
        });
        Holder {
            child,
            pid,
            _master: pair.master,
            reader: Some(reader),
        }
    }

    /// Sends SIGKILL, as a crash or `kill -9` would, and waits for the end.
    fn kill_hard(&mut self) {
        let status = Command::new("kill")
            .args(["-KILL", &self.pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -KILL {} failed", self.pid);
        let _ = self.child.wait();
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        drop(self.reader.take());
    }
}

#[test]
fn a_second_peerbook_is_refused_and_a_killed_ones_lock_is_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(
        dir.join("in.csv"),
        "ref,narrative\nKLOE 1,from the second\n",
    )
    .unwrap();
    let before = fs::read(&wb).unwrap();
    let mut holder = Holder::open(dir, "wb.yaml");
    // Wait until the interface holds the lock.
    let named = format!("process {}", holder.pid);
    let deadline = Instant::now() + Duration::from_secs(15);
    while !fs::read_to_string(lock_path(&wb)).is_ok_and(|t| t.contains(&named)) {
        assert!(
            Instant::now() < deadline,
            "peerbook open never took the lock"
        );
        thread::sleep(Duration::from_millis(20));
    }
    let o = output(dir, &["import", "wb.yaml", "in.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    for part in ["open in another peerbook", named.as_str()] {
        assert!(
            stderr(&o).contains(part),
            "{part:?} missing: {}",
            stderr(&o)
        );
    }
    assert_eq!(fs::read(&wb).unwrap(), before);

    // The holder dies without cleaning up.
    holder.kill_hard();
    let left = fs::read_to_string(lock_path(&wb)).expect("a killed holder leaves its lock file");
    assert!(left.contains(&named), "{left}");
    let o = output(dir, &["import", "wb.yaml", "in.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.contains("took over a lock"), "{msg}");
    assert!(msg.contains(&named), "{msg}");
    assert_eq!(narrative(&wb).unwrap(), "from the second");
    assert!(!lock_path(&wb).exists());
}

// ---------------------------------------------------------------------------
// Changed on disk while open

fn changed_on_disk(r: Result<bool, StoreError>) {
    match r {
        Err(StoreError::ChangedOnDisk { .. }) => {}
        other => panic!("expected ChangedOnDisk, got {other:?}"),
    }
}

#[test]
fn a_workbook_changed_on_disk_while_open_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let (mut file, mut wb, _) = WorkbookFile::open(&path).unwrap();
    // One save of ours first, so the check is against what we wrote.
    wb.answer_mut("1").narrative = "ours, saved".into();
    assert!(file.save(&wb).unwrap());
    let bak = fs::read(backup_path(&path)).unwrap();

    // Another program rewrites it in place.
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("ours, saved", "theirs");
    fs::write(&path, &theirs).unwrap();
    wb.answer_mut("1").narrative = "ours again".into();
    changed_on_disk(file.save(&wb));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert_eq!(
        fs::read(backup_path(&path)).unwrap(),
        bak,
        "the .bak was replaced"
    );
    // Asking again does not wear the check down.
    changed_on_disk(file.save(&wb));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    let msg = file.save(&wb).unwrap_err().to_string();
    assert!(
        msg.contains("changed on disk") && msg.contains("wb.yaml"),
        "{msg}"
    );
}

#[test]
fn a_workbook_replaced_or_removed_while_open_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_workbook(dir.path());
    let original = fs::read(&path).unwrap();

    // Replaced by a rename, as git and many editors do, with the same
    // length: only the content tells.
    let (mut file, mut wb, _) = WorkbookFile::open(&path).unwrap();
    let text = String::from_utf8(original.clone()).unwrap();
    let theirs = text.replacen("Suffolk County Council", "Suffolk County Counci!", 1);
    assert_eq!(theirs.len(), text.len());
    let tmp = dir.path().join("incoming");
    fs::write(&tmp, &theirs).unwrap();
    fs::rename(&tmp, &path).unwrap();
    wb.answer_mut("1").narrative = "ours".into();
    changed_on_disk(file.save(&wb));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    drop(file);

    // Removed while open: not silently written back.
    let (mut file, mut wb, _) = WorkbookFile::open(&path).unwrap();
    fs::remove_file(&path).unwrap();
    wb.answer_mut("1").narrative = "ours".into();
    changed_on_disk(file.save(&wb));
    assert!(!path.exists(), "a removed workbook was written back");
    drop(file);

    // Written again with the very same bytes: nothing changed, so the save
    // goes ahead; reopening after a real change sees both changes kept.
    fs::write(&path, &theirs).unwrap();
    let (mut file, mut wb, _) = WorkbookFile::open(&path).unwrap();
    fs::write(&path, &theirs).unwrap();
    wb.answer_mut("1").narrative = "ours".into();
    assert!(file.save(&wb).unwrap());
    drop(file);
    let (_, wb, _) = WorkbookFile::open(&path).unwrap();
    assert_eq!(wb.review.council, "Suffolk County Counci!");
    assert_eq!(wb.answer("1").unwrap().narrative, "ours");
}

// ---------------------------------------------------------------------------
// Lock files that are not what they seem

/// Runs the binary with a watchdog: a run longer than `limit` is killed and
/// fails the test as a hang.
fn output_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let (o, hung) = run_within(peerbook(dir, args), limit);
    assert!(
        !hung,
        "`peerbook {}` hung (killed after {limit:?}): {}",
        args.join(" "),
        stderr(&o)
    );
    assert_ne!(
        o.status.code(),
        Some(101),
        "{args:?} panicked: {}",
        stderr(&o)
    );
    o
}

#[test]
fn a_lock_planted_as_a_symlink_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,planted\n").unwrap();
    let before = fs::read(&wb).unwrap();
    let secret = dir.join("secret.txt");
    let private = "private notes: do not share\n";
    fs::write(&secret, private).unwrap();
    std::os::unix::fs::symlink(&secret, lock_path(&wb)).unwrap();
    let o = output_within(
        dir,
        &["import", "wb.yaml", "in.csv"],
        Duration::from_secs(20),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let msg = stderr(&o);
    for part in ["wb.yaml.lock", "symbolic link", "remove it"] {
        assert!(msg.contains(part), "{part:?} missing from: {msg}");
    }
    assert!(
        !msg.contains("private notes"),
        "the link's target was shown: {msg}"
    );
    assert_eq!(fs::read_to_string(&secret).unwrap(), private);
    assert_eq!(fs::read(&wb).unwrap(), before);
    assert!(
        fs::symlink_metadata(lock_path(&wb))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the planted link was replaced"
    );
}

#[test]
fn a_lock_planted_as_a_hard_link_a_folder_or_a_pipe_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,planted\n").unwrap();
    let before = fs::read(&wb).unwrap();
    let secret = dir.join("secret.txt");
    let private = "private notes: do not share\n";
    fs::write(&secret, private).unwrap();
    let lock = lock_path(&wb);
    let plant: [(&str, &dyn Fn()); 3] = [
        ("hard link", &|| fs::hard_link(&secret, &lock).unwrap()),
        ("folder", &|| fs::create_dir(&lock).unwrap()),
        ("named pipe", &|| {
            let ok = Command::new("mkfifo").arg(&lock).status().unwrap();
            assert!(ok.success(), "mkfifo failed");
        }),
    ];
    for (what, make) in plant {
        make();
        let o = output_within(
            dir,
            &["import", "wb.yaml", "in.csv"],
            Duration::from_secs(20),
        );
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
        let msg = stderr(&o);
        for part in ["wb.yaml.lock", what, "remove it"] {
            assert!(msg.contains(part), "{what}: {part:?} missing from: {msg}");
        }
        assert!(!msg.contains("private notes"), "{what}: {msg}");
        assert_eq!(fs::read_to_string(&secret).unwrap(), private, "{what}");
        assert_eq!(fs::read(&wb).unwrap(), before, "{what}");
        if lock.is_dir() {
            fs::remove_dir(&lock).unwrap();
        } else {
            fs::remove_file(&lock).unwrap();
        }
    }
}

#[test]
fn a_held_lock_naming_its_holder_at_length_is_shown_clean_and_short() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,second\n").unwrap();
    let long = format!(
        "Mallory\u{1b}]0;owned\u{7} on host\u{0}, process 7\n{}",
        "x".repeat(20_000)
    );
    fs::write(lock_path(&wb), &long).unwrap();
    let held = fs::File::open(lock_path(&wb)).unwrap();
    held.try_lock().unwrap();
    let o = output(dir, &["import", "wb.yaml", "in.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.contains("open in another peerbook"), "{msg}");
    assert!(msg.contains("Mallory"), "{msg}");
    assert!(
        !msg.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters: {msg:?}"
    );
    let start: String = msg.chars().take(300).collect();
    assert!(
        msg.chars().count() < 600,
        "{} characters: {start}…",
        msg.len()
    );
    drop(held);
}

#[test]
fn a_taken_over_lock_holds_only_the_new_holder() {
    let dir = tempfile::tempdir().unwrap();
    let wb = new_workbook(dir.path());
    for dead in [
        "someone on elsewhere, process 4194000, since 2026-01-01 09:00".to_string(),
        format!(
            "someone on elsewhere, process 4194001, {}",
            "y".repeat(3000)
        ),
    ] {
        fs::write(lock_path(&wb), &dead).unwrap();
        let lock = Lock::acquire(&wb).unwrap();
        let now = fs::read(lock_path(&wb)).unwrap();
        let text = String::from_utf8(now.clone()).expect("the lock is text");
        assert!(!now.contains(&0), "padded with NUL bytes: {text:?}");
        assert!(
            !text.contains("elsewhere"),
            "the old holder is left: {text:?}"
        );
        assert!(
            text.contains(&format!("process {}", std::process::id())),
            "{text:?}"
        );
        assert!(text.len() < 300, "the lock grew to {} bytes", text.len());
        assert!(
            lock.took_over
                .as_deref()
                .is_some_and(|t| t.contains("elsewhere"))
        );
        drop(lock);
        assert!(!lock_path(&wb).exists());
    }
}

#[test]
fn a_lock_that_could_not_be_written_is_not_left_behind_empty() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,no room\n").unwrap();
    let before = fs::read(&wb).unwrap();
    // No file may grow past 0 bytes, as on a full disk (the signal a write
    // past the limit sends is ignored, so the write fails instead).
    let o = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\"",
            BIN,
            "import",
            "wb.yaml",
            "in.csv",
        ])
        .env("PEERBOOK_HOME", dir)
        .env("PEERBOOK_USER", "Test Officer")
        .env_remove("PEERBOOK_TEST_CRASH_BEFORE_RENAME")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("lock"), "{}", stderr(&o));
    assert!(
        !lock_path(&wb).exists(),
        "an empty lock was left behind: {}",
        stderr(&o)
    );
    assert_eq!(fs::read(&wb).unwrap(), before);
}

// ---------------------------------------------------------------------------
// Who is named

/// The `changed: by:` of question 1.
fn changed_by(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let a = doc["answers"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|a| a["question"].as_str() == Some("1"))
        .unwrap()
        .clone();
    a["changed"]["by"].as_str().unwrap_or_default().to_string()
}

#[test]
fn changes_are_named_for_the_stored_user_unless_peerbook_user_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(dir.join("user.yaml"), "name: Sam Stored\n").unwrap();
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,first\n").unwrap();
    let o = peerbook(dir, &["import", "wb.yaml", "in.csv"])
        .env_remove("PEERBOOK_USER")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(changed_by(&wb), "Sam Stored");
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,second\n").unwrap();
    let o = output(dir, &["import", "wb.yaml", "in.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(changed_by(&wb), "Test Officer");
}

#[test]
fn commands_that_write_refuse_a_read_only_workbook_and_say_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let wb = new_workbook(dir);
    fs::write(dir.join("in.csv"), "ref,narrative\nKLOE 1,refused\n").unwrap();
    fs::set_permissions(&wb, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&wb).unwrap();
    for args in WRITING_COMMANDS {
        let o = output(dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        for part in ["wb.yaml", "read-only", "make it writable"] {
            assert!(
                stderr(&o).contains(part),
                "{args:?}: {part:?} missing: {}",
                stderr(&o)
            );
        }
        assert_eq!(fs::read(&wb).unwrap(), before, "{args:?}");
        assert!(!backup_path(&wb).exists(), "{args:?}");
        assert!(!lock_path(&wb).exists(), "{args:?}");
    }
    // An export asked to replace a read-only file leaves it alone too.
    fs::write(dir.join("out.csv"), "kept\n").unwrap();
    fs::set_permissions(dir.join("out.csv"), fs::Permissions::from_mode(0o444)).unwrap();
    let o = output(
        dir,
        &[
            "export", "wb.yaml", "--format", "csv", "--out", "out.csv", "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(dir.join("out.csv")).unwrap(), "kept\n");
}
