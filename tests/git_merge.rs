//! `git merge` with peerbook's merge driver, in a real temporary repository:
//! `peerbook git-setup`, then branches that change the same workbook. Skipped,
//! saying so, where git is not installed.

use std::path::Path;
use std::process::Command;

use peerbook::workbook::{self, Workbook};

mod support;
use support::bin::Home;

fn git_here() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `git ARGS` in the repository, with no personal or system settings.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join(".no-global-config"))
        .env("GIT_AUTHOR_NAME", "Review Manager")
        .env("GIT_AUTHOR_EMAIL", "manager@example.org")
        .env("GIT_COMMITTER_NAME", "Review Manager")
        .env("GIT_COMMITTER_EMAIL", "manager@example.org")
        .output()
        .expect("run git")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn load(dir: &Path) -> Workbook {
    let bytes = std::fs::read(dir.join("review.yaml")).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    assert!(!text.contains("<<<<<<<"), "{text}");
    workbook::from_text("review.yaml", &bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

fn edit(dir: &Path, f: impl FnOnce(&mut Workbook)) {
    let mut wb = load(dir);
    f(&mut wb);
    std::fs::write(dir.join("review.yaml"), workbook::to_text(&wb)).unwrap();
}

#[test]
fn git_merge_uses_the_workbook_merge_and_keeps_conflicts_in_the_workbook() {
    if !git_here() {
        eprintln!("skipped: git is not installed, so the merge driver cannot be tried");
        return;
    }
    let home = Home::new();
    let dir = home.root();
    ok(dir, &["init", "-q", "-b", "main"]);
    ok(dir, &["config", "commit.gpgsign", "false"]);
    std::fs::copy(
        support::seed_path("suffolk-reablement-2016.yaml"),
        dir.join("review.yaml"),
    )
    .unwrap();
    let said = home.ok(&["git-setup"]);
    assert!(said.contains("Added to"), "{said}");
    assert!(said.contains("merge.peerbook.driver"), "{said}");
    // Again: nothing added twice.
    let again = home.ok(&["git-setup"]);
    assert!(
        again.contains("already has: *.yaml merge=peerbook"),
        "{again}"
    );
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.yaml merge=peerbook\n");
    ok(dir, &["add", "."]);
    ok(dir, &["commit", "-q", "-m", "base"]);

    // Owen's branch and the main line change the same workbook.
    ok(dir, &["checkout", "-q", "-b", "owen"]);
    edit(dir, |wb| {
        wb.answer_mut("1").narrative = "Owen's words on KLOE 1".into();
        wb.answer_mut("2").narrative = "Owen on KLOE 2".into();
    });
    ok(dir, &["commit", "-q", "-am", "owen"]);
    ok(dir, &["checkout", "-q", "main"]);
    edit(dir, |wb| {
        wb.answer_mut("3").narrative = "Main's words on KLOE 3".into();
        wb.answer_mut("2").narrative = "Main on KLOE 2".into();
    });
    ok(dir, &["commit", "-q", "-am", "main"]);

    let merge = git(dir, &["merge", "-q", "--no-edit", "owen"]);
    assert!(
        !merge.status.success(),
        "a conflict stops the merge for the manager"
    );
    let err = String::from_utf8_lossy(&merge.stderr);
    assert!(err.contains("The council's answer for KLOE 2"), "{err}");
    let wb = load(dir);
    assert_eq!(wb.answer("1").unwrap().narrative, "Owen's words on KLOE 1");
    assert_eq!(wb.answer("3").unwrap().narrative, "Main's words on KLOE 3");
    assert_eq!(wb.answer("2").unwrap().narrative, "Main on KLOE 2");
    assert_eq!(wb.conflicts.len(), 1);
    assert_eq!(wb.conflicts[0].path, "answers[question=2].narrative");
    let from: Vec<&str> = wb.conflicts[0]
        .values
        .iter()
        .map(|(f, _)| f.as_str())
        .collect();
    assert_eq!(from, ["this branch", "the branch merged in"]);
    // Settled in the workbook, then committed as any merge.
    home.ok(&[
        "resolve",
        "review.yaml",
        "1",
        "--take",
        "the branch merged in",
    ]);
    assert_eq!(load(dir).answer("2").unwrap().narrative, "Owen on KLOE 2");
    ok(dir, &["add", "review.yaml"]);
    ok(dir, &["commit", "-q", "--no-edit"]);

    // Without a conflict git completes the merge by itself.
    ok(dir, &["checkout", "-q", "-b", "nadia"]);
    edit(dir, |wb| {
        wb.answer_mut("4").narrative = "Nadia on KLOE 4".into()
    });
    ok(dir, &["commit", "-q", "-am", "nadia"]);
    ok(dir, &["checkout", "-q", "main"]);
    edit(dir, |wb| {
        wb.answer_mut("5").narrative = "Main on KLOE 5".into()
    });
    ok(dir, &["commit", "-q", "-am", "main 2"]);
    ok(dir, &["merge", "-q", "--no-edit", "nadia"]);
    let wb = load(dir);
    assert_eq!(wb.answer("4").unwrap().narrative, "Nadia on KLOE 4");
    assert_eq!(wb.answer("5").unwrap().narrative, "Main on KLOE 5");
    assert!(wb.conflicts.is_empty());
    let status = ok(dir, &["status", "--porcelain", "--untracked-files=no"]);
    assert!(status.trim().is_empty(), "{status}");
}
