//! Files built to hurt: each is refused with a clear message (file, line,
//! column where possible) or loads safely; nothing panics, hangs or writes.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn run(home: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_peerbook"))
        .args(args)
        .env("PEERBOOK_HOME", home)
        .current_dir(home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("peerbook {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().to_string(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Runs validate and status on a file: both refuse it cleanly (exit 1 or
/// 2, not a panic), name the file, and write nothing.
fn refused(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    fs::write(home.join(name), bytes).unwrap();
    let before = listing(home);
    let mut all = String::new();
    for args in [vec!["validate", name], vec!["status", name]] {
        let out = run(home, &args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let code = out.status.code().unwrap_or(-1);
        assert!(code == 1 || code == 2, "{args:?} exit {code}: {text}");
        assert!(!text.contains("panicked"), "{text}");
        assert!(text.contains(name), "the message names the file: {text}");
        all.push_str(&text);
    }
    assert_eq!(listing(home), before, "something was written");
    all
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut s = String::from("kind: framework\nformat: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        s.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            [prev.as_str(); 9].join(", ")
        ));
    }
    let started = Instant::now();
    let text = refused("bomb.yaml", s.as_bytes());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert!(text.contains("bomb.yaml:"), "{text}");
}

#[test]
fn deep_nesting_is_refused() {
    let s = format!(
        "kind: framework\nx: {}{}\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let text = refused("deep.yaml", s.as_bytes());
    assert!(text.contains("deep.yaml:"), "{text}");
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_trouble() {
    let mut s = String::from("kind: workbook\nformat: 1\nnotes: |\n");
    let line = format!("  {}\n", "x".repeat(1000));
    while s.len() < 50 * 1024 * 1024 {
        s.push_str(&line);
    }
    let text = refused("big.yaml", s.as_bytes());
    assert!(
        text.contains("missing the required key"),
        "{}",
        &text[..text.len().min(2000)]
    );
}

#[test]
fn invalid_utf8_empty_and_wrong_types_name_the_place() {
    let text = refused("bad.yaml", b"kind: workbook\nformat: 1\nreview: \xff\xfe\n");
    assert!(text.contains("bad.yaml:3:9"), "{text}");
    assert!(text.contains("UTF-8"), "{text}");
    let text = refused("empty.yaml", b"");
    assert!(text.contains("empty"), "{text}");
    let text = refused("types.yaml", b"kind: workbook\nformat: one\nreview: [1]\n");
    assert!(text.contains("types.yaml:2:9"), "{text}");
}

#[test]
fn terminal_escapes_in_a_workbook_are_printed_inert() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let out = run(
        home,
        &[
            "new",
            "--framework",
            "rag-free-findings-check",
            "--council",
            "x",
            "--title",
            "y",
        ],
    );
    assert!(!out.status.success(), "an unknown framework is refused");
    // A council name that would retitle the terminal and clear the screen.
    let out = run(
        home,
        &[
            "new",
            "--framework",
            "somerset-asc-2013",
            "--council",
            "Evil\x1b]0;pwned\x07\x1b[2J Council",
            "--title",
            "Review",
            "--out",
            "wb.yaml",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = run(home, &["status", "wb.yaml"]);
    assert!(status.status.success());
    assert!(
        !status.stdout.contains(&0x1b),
        "an escape character reached the terminal"
    );
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(text.contains("Evil"), "{text}");
}
