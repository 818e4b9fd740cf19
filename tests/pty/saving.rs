//! The real binary on a full disk: typed text is kept on screen, quitting
//! asks, and a recovered copy goes wherever there is room, or, when there
//! is none anywhere, to the terminal as YAML with a failing exit code.

use super::*;

/// A small tmpfs, unmounted when dropped. `None` (with the reason printed)
/// where this machine does not let the test mount one.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kb: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kb}k,mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk { dir }),
            Ok(o) => {
                eprintln!(
                    "skipped: cannot mount a small tmpfs here ({})",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("skipped: cannot run mount ({e})");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills what is left with one file, so the next write fails.
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![b'x'; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

/// Copies the Suffolk seed onto `disk` (which is filled once it is open).
fn workbook_on(disk: &SmallDisk) -> PathBuf {
    let wb = disk.path().join("suffolk.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/suffolk-reablement-2016.yaml"),
        &wb,
    )
    .unwrap();
    wb
}

/// Opens the workbook on `disk` in peerbook, fills the disk, and rates
/// question 1 at 4: a change that cannot be saved.
fn unsaved_on_full_disk(disk: &SmallDisk, cwd: &Path, env: &[(&str, &str)]) -> Pty {
    let wb = disk.path().join("suffolk.yaml");
    let mut p = Pty::spawn_env(cwd, &["open", wb.to_str().unwrap()], env);
    p.wait_text("KLOE 1");
    disk.fill();
    p.send(b"4");
    p.wait_text("NOT SAVED");
    p
}

fn rating_of(path: &Path, q: &str) -> Option<i64> {
    field(&answer(path, q), "rating").and_then(|v| v.as_i64())
}

#[test]
fn on_a_full_disk_quitting_asks_and_a_recovered_copy_goes_to_the_data_folder() {
    let Some(disk) = SmallDisk::mount(256) else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let wb = workbook_on(&disk);
    let before = std::fs::read(&wb).unwrap();
    let mut p = unsaved_on_full_disk(
        &disk,
        home.path(),
        &[("HOME", home.path().to_str().unwrap())],
    );
    p.send(b"q");
    p.wait_text("Your changes are not saved");
    p.send(b"c");
    let status = p.wait_exit();
    assert!(
        status.success(),
        "exit {status:?}; screen:\n{}",
        p.contents()
    );
    let out = String::from_utf8_lossy(&p.raw_output()).to_string();
    let recovered = home.path().join("recovered");
    let copies: Vec<PathBuf> = std::fs::read_dir(&recovered)
        .unwrap_or_else(|e| panic!("no {}: {e}\n{out}", recovered.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let name = copies[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(
        out.contains(&name),
        "the path printed is not the copy's:\n{out}"
    );
    assert_eq!(rating_of(&copies[0], "1"), Some(4));
    assert_eq!(
        std::fs::read(&wb).unwrap(),
        before,
        "the workbook was touched"
    );
}

#[test]
fn with_nowhere_to_keep_them_the_changes_go_to_stderr_as_yaml_and_the_exit_fails() {
    let Some(disk) = SmallDisk::mount(256) else {
        return;
    };
    workbook_on(&disk);
    // The data folder and the home folder are on the full disk too.
    let home = disk.path().join("home");
    let data = disk.path().join("data");
    let mut p = unsaved_on_full_disk(
        &disk,
        disk.path(),
        &[
            ("HOME", home.to_str().unwrap()),
            ("PEERBOOK_HOME", data.to_str().unwrap()),
        ],
    );
    p.send(b"q");
    p.wait_text("Your changes are not saved");
    p.send(b"c");
    p.wait_text("could not be written");
    p.wait_text("again to quit");
    p.send(b"c");
    let status = p.wait_exit();
    assert!(
        !status.success(),
        "exit {status:?} with the changes kept nowhere"
    );
    let out = String::from_utf8_lossy(&p.raw_output()).to_string();
    assert!(out.contains("kind: workbook"), "no YAML printed:\n{out}");
    assert!(
        out.contains("rating: 4"),
        "the change is not in what was printed"
    );
}

/// Sends a signal to the program in the terminal.
fn signal(p: &Pty, sig: &str) {
    let pid = p.child.process_id().expect("a process id");
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn told_to_stop_straight_after_a_key_peerbook_saves_that_key_first() {
    let home = tempfile::tempdir().unwrap();
    let wb = home.path().join("suffolk.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/suffolk-reablement-2016.yaml"),
        &wb,
    )
    .unwrap();
    for (sig, rating) in [("TERM", b"4"), ("HUP", b"1")] {
        let mut p = Pty::spawn(home.path(), &["open", wb.to_str().unwrap()]);
        p.wait_text("KLOE 1");
        p.send(rating);
        p.wait_text(&format!("Rating: {}", rating[0] as char));
        // Well inside the second a save may wait for a pause in typing.
        signal(&p, sig);
        p.wait_exit();
        let want = i64::from(rating[0] - b'0');
        assert_eq!(rating_of(&wb, "1"), Some(want), "lost on SIG{sig}");
    }
}

/// The terminal goes away (its window closed, an ssh connection dropped)
/// with the narrative editor open. peerbook must notice for itself: no
/// signal is relied on, and crossterm alone would spin at full speed for
/// as long as the process lived.
#[test]
fn when_the_terminal_closes_peerbook_keeps_what_was_typed_and_exits() {
    let home = tempfile::tempdir().unwrap();
    let wb = home.path().join("suffolk.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/suffolk-reablement-2016.yaml"),
        &wb,
    )
    .unwrap();
    let mut p = Pty::spawn(home.path(), &["open", wb.to_str().unwrap()]);
    p.wait_text("KLOE 1");
    p.send(b"4");
    p.wait_text("Rating: 4");
    p.send(b"e");
    p.wait_text("Esc done · Enter new line");
    p.send(b"Typed as the line dropped");
    p.wait_text("Typed as the line dropped");
    p.hang_up();
    let status = p.wait_exit();
    assert!(!status.success(), "a hang-up is not a clean quit");
    assert_eq!(rating_of(&wb, "1"), Some(4));
    let narrative = field(&answer(&wb, "1"), "narrative")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(
        narrative.ends_with("Typed as the line dropped"),
        "the editor's text was lost ({status:?}; beside it: {:?}): {narrative:?}",
        std::fs::read_dir(home.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect::<Vec<_>>()
    );
    assert!(
        !peerbook::store::lock_path(&wb).exists(),
        "the lock is left behind"
    );
}

/// The terminal goes away with the editor open on a new comment: with
/// nothing typed, no comment is left in the file; with words typed, they
/// are kept, under the user's name.
#[test]
fn when_the_terminal_closes_on_a_new_comment_only_its_words_are_kept() {
    let home = tempfile::tempdir().unwrap();
    let wb = home.path().join("suffolk.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/suffolk-reablement-2016.yaml"),
        &wb,
    )
    .unwrap();
    let comments_of = |wb: &Path| field(&answer(wb, "1"), "comments").cloned();
    for typed in ["", "Which year is th"] {
        let mut p = Pty::spawn(home.path(), &["open", wb.to_str().unwrap()]);
        p.wait_text("KLOE 1");
        p.send(b"c");
        p.wait_text("Comments on KLOE 1");
        p.send(b"a");
        p.wait_text("Comment — Esc done");
        if !typed.is_empty() {
            p.send(typed.as_bytes());
            p.wait_text(typed);
        }
        let shown = p.contents();
        p.hang_up();
        let status = p.wait_exit();
        assert!(
            !peerbook::store::lock_path(&wb).exists(),
            "the lock is left behind"
        );
        match comments_of(&wb) {
            None => assert!(
                typed.is_empty(),
                "the typed comment was lost ({status:?}); the screen was:\n{shown}"
            ),
            Some(v) => {
                let list = v.as_sequence().expect("a list of comments");
                assert_eq!(list.len(), 1, "{list:?}");
                assert_eq!(list[0]["text"].as_str(), Some(typed), "{list:?}");
                assert!(!typed.is_empty(), "an empty comment was left: {list:?}");
            }
        }
    }
}

#[test]
fn told_to_stop_while_saves_fail_peerbook_leaves_a_recovered_copy() {
    let Some(disk) = SmallDisk::mount(256) else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    workbook_on(&disk);
    let mut p = unsaved_on_full_disk(
        &disk,
        home.path(),
        &[("HOME", home.path().to_str().unwrap())],
    );
    signal(&p, "TERM");
    let status = p.wait_exit();
    assert!(!status.success());
    let copies: Vec<PathBuf> = std::fs::read_dir(home.path().join("recovered"))
        .expect("a recovered/ folder in the data folder")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(rating_of(&copies[0], "1"), Some(4));
}

#[test]
fn the_first_run_asks_for_a_name_once_and_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn_env(home.path(), &[], &[("PEERBOOK_USER", "")]);
    p.wait_text("Welcome to peerbook");
    p.send(&[0x7f; 40]);
    p.send(b"Pat Officer\r");
    p.wait_text("Hello, Pat Officer");
    p.send(b"q");
    assert!(p.wait_exit().success());
    let kept = std::fs::read_to_string(home.path().join("user.yaml")).unwrap();
    assert!(kept.contains("Pat Officer"), "{kept}");
    // The next run knows it and does not ask.
    let mut p = Pty::spawn_env(home.path(), &[], &[("PEERBOOK_USER", "")]);
    p.wait_text("New workbook");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !p.contents().contains("Welcome to peerbook"),
        "{}",
        p.contents()
    );
    p.send(b"q");
    assert!(p.wait_exit().success());
}

#[test]
fn with_no_login_name_the_first_run_offers_an_empty_name_not_unknown_user() {
    let home = tempfile::tempdir().unwrap();
    let none = [
        ("PEERBOOK_USER", ""),
        ("USER", ""),
        ("USERNAME", ""),
        ("LOGNAME", ""),
    ];
    let mut p = Pty::spawn_env(home.path(), &[], &none);
    p.wait_text("Welcome to peerbook");
    assert!(!p.contents().contains("unknown user"), "{}", p.contents());
    // Typed straight in, with nothing to delete first.
    p.send(b"Pat Officer\r");
    p.wait_text("Hello, Pat Officer");
    p.send(b"q");
    assert!(p.wait_exit().success());
}
