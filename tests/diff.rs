//! `peerbook diff`: what changed between two versions of a workbook, on
//! the seeds (golden output), from a `.bak`, from standard input as `git
//! show` gives it, and through git's textconv setting in a real repository.
//!
//! Refresh the golden files after a deliberate change with
//! `UPDATE_GOLDEN=1 cargo test --test diff`, then read the diff.

use std::fs;
use std::io::Write as _;
use std::process::{Command, Stdio};

mod support;
use support::bin::Home;
use support::{root, seed_path};

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: UPDATE_GOLDEN=1 cargo test --test diff",
            path.display()
        )
    });
    assert_eq!(expected, actual, "{} differs", path.display());
}

/// The Suffolk seed as it stood "last week": question 1 had a lower
/// rating, another owner, a sentence worded differently and one strength
/// fewer; question 2 was not yet owned.
fn last_week(home: &Home) -> String {
    let now = fs::read_to_string(seed_path("suffolk-reablement-2016.yaml")).unwrap();
    let then = now
        .replacen(
            "  status: agreed\n  rating: 3\n  owner: Head of Home First\n",
            "  status: draft\n  rating: 2\n  owner: Service manager\n",
            1,
        )
        .replacen(
            "Early figures suggest that many people",
            "Early figures show that some people",
            1,
        )
        .replacen(
            "  - Early outcome figures for Home First are encouraging.\n",
            "",
            1,
        )
        .replacen("  owner: Principal occupational therapist\n", "", 1);
    assert_ne!(
        now, then,
        "the seed no longer has the lines this test changes"
    );
    home.write("last-week.yaml", then.as_bytes());
    home.write("review.yaml", now.as_bytes());
    then
}

#[test]
fn changes_per_question_in_words_golden() {
    let home = Home::new();
    last_week(&home);
    let out = home.ok(&["diff", "last-week.yaml", "review.yaml"]);
    assert!(
        out.contains("  rating: 2 Some shortfalls → 3 Good standard"),
        "{out}"
    );
    assert!(
        out.contains("  owner: Service manager → Head of Home First"),
        "{out}"
    );
    assert!(
        out.contains("Early figures [-show-] {+suggest+} that [-some-] {+many+} people"),
        "{out}"
    );
    assert!(
        out.contains("  strengths: + Early outcome figures for Home First are encouraging."),
        "{out}"
    );
    assert!(
        out.contains("  owner: nobody → Principal occupational therapist"),
        "{out}"
    );
    golden("suffolk-diff.txt", &out);
    let md = home.ok(&["diff", "last-week.yaml", "review.yaml", "--format", "md"]);
    assert!(md.starts_with("# What changed\n"), "{md}");
    assert!(
        md.contains("Early figures ~~show~~ **suggest** that ~~some~~ **many** people"),
        "{md}"
    );
    golden("suffolk-diff.md", &md);
}

#[test]
fn the_review_sections_per_reviewer_golden() {
    let home = Home::new();
    let out = home.ok(&[
        "diff",
        seed_path("suffolk-reablement-2016.yaml").to_str().unwrap(),
        seed_path("suffolk-reablement-2016-onsite.yaml")
            .to_str()
            .unwrap(),
        "--format",
        "md",
    ]);
    assert!(out.contains("## Reviewer Dr Miriam Ashcombe\n"), "{out}");
    assert!(
        out.contains("**rating**: no rating → 2 Some shortfalls"),
        "{out}"
    );
    golden(
        "suffolk-onsite-diff.md",
        &out.replace(&root().display().to_string(), "ROOT"),
    );
}

#[test]
fn the_same_workbook_has_no_changes_and_a_bak_is_read_like_any_copy() {
    let home = Home::new();
    last_week(&home);
    fs::copy(home.path("review.yaml"), home.path("review.yaml.bak")).unwrap();
    let out = home.ok(&["diff", "review.yaml.bak", "review.yaml"]);
    assert!(out.ends_with("\nNo changes.\n"), "{out}");
}

#[test]
fn the_old_version_can_come_from_standard_input() {
    let home = Home::new();
    let then = last_week(&home);
    let mut child = home
        .cmd(&["diff", "-", "review.yaml"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(then.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.starts_with("Changes from standard input to review.yaml\n"),
        "{text}"
    );
    assert!(
        text.contains("rating: 2 Some shortfalls → 3 Good standard"),
        "{text}"
    );
    let (code, msg) = home.fails(&["diff", "-", "-"]);
    assert_eq!(code, 2);
    assert!(msg.contains("only one of OLD and NEW"), "{msg}");
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_with_its_position() {
    let home = Home::new();
    last_week(&home);
    home.write("bad.yaml", b"kind: workbook\nformat: [\n");
    let (_, msg) = home.fails(&["diff", "bad.yaml", "review.yaml"]);
    assert!(msg.contains("bad.yaml:"), "{msg}");
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn git_diff_shows_workbooks_through_the_textconv_setting() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: no `git` on this machine");
        return;
    }
    let home = Home::new();
    let then = last_week(&home);
    let now = fs::read_to_string(home.path("review.yaml")).unwrap();
    let dir = home.root();
    git(dir, &["init", "-q"]);
    fs::write(dir.join("review.yaml"), &then).unwrap();
    git(dir, &["add", "review.yaml"]);
    git(dir, &["commit", "-q", "-m", "last week"]);
    fs::write(dir.join("review.yaml"), &now).unwrap();
    // The setting as the README gives it, with the binary's full path.
    let textconv = format!("{} diff --textconv", support::bin::BIN);
    git(dir, &["config", "diff.peerbook.textconv", &textconv]);
    fs::write(dir.join(".gitattributes"), "*.yaml diff=peerbook\n").unwrap();
    let out = git(dir, &["diff", "--no-color", "review.yaml"]);
    assert!(out.contains("\n-rating: 2 Some shortfalls\n"), "{out}");
    assert!(out.contains("\n+rating: 3 Good standard\n"), "{out}");
    assert!(out.contains("\n-owner: Service manager\n"), "{out}");
    assert!(out.contains("\n+owner: Head of Home First\n"), "{out}");
    assert!(
        out.contains("+  Early figures suggest that many people"),
        "{out}"
    );
    // No YAML keys of the file itself: git compared peerbook's text.
    assert!(!out.contains("+  changed:"), "{out}");
    // And `git show REV:file` piped in, as the README says.
    let old = git(dir, &["show", "HEAD:review.yaml"]);
    let mut child = home
        .cmd(&["diff", "-", "review.yaml"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(old.as_bytes())
        .unwrap();
    let shown = String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned();
    assert!(
        shown.contains("owner: Service manager → Head of Home First"),
        "{shown}"
    );
}

/// A comment added, resolved or edited since last week is a change the team
/// meets about: `diff` says it (it said "No changes."), and so does `git
/// diff` through the textconv, on an answer with nothing else in it too.
#[test]
fn comments_added_and_resolved_are_changes() {
    let home = Home::new();
    last_week(&home);
    fs::copy(home.path("review.yaml"), home.path("old.yaml")).unwrap();
    home.ok(&[
        "comment",
        "review.yaml",
        "KLOE 1",
        "Which year is this figure for?",
    ]);
    home.ok(&["comment", "review.yaml", "KLOE 13", "Who writes this one?"]);
    let out = home.ok(&["diff", "old.yaml", "review.yaml"]);
    assert!(!out.contains("No changes."), "{out}");
    assert!(out.contains(": Which year is this figure for?"), "{out}");
    assert!(out.contains(": Who writes this one?"), "{out}");
    let text = home.ok(&["diff", "--textconv", "review.yaml"]);
    assert!(text.contains(": Who writes this one? (open)"), "{text}");
    // Resolved since: said as open → resolved.
    fs::copy(home.path("review.yaml"), home.path("old.yaml")).unwrap();
    let listed = home.ok(&["comment", "review.yaml", "KLOE 1"]);
    let id = listed.split_whitespace().next().unwrap().to_string();
    home.ok(&["comment", "review.yaml", "KLOE 1", "--resolve", &id]);
    let out = home.ok(&["diff", "old.yaml", "review.yaml"]);
    assert!(out.contains("open → resolved"), "{out}");
    // Edited by its author since: word by word.
    fs::copy(home.path("review.yaml"), home.path("old.yaml")).unwrap();
    let text = fs::read_to_string(home.path("review.yaml")).unwrap();
    home.write(
        "review.yaml",
        text.replace("this figure for?", "this figure from?")
            .as_bytes(),
    );
    let out = home.ok(&["diff", "old.yaml", "review.yaml"]);
    assert!(
        out.contains("comment by Test Officer, ")
            && out.contains(": Which year is this figure [-for?-] {+from?+}"),
        "{out}"
    );
}
