//! Through git: `peerbook merge-driver %O %A %B`, the merge driver git runs
//! for workbook files (the same three-way merge as `peerbook merge`, with
//! conflicts kept in the workbook's `conflicts:`, never as `<<<<<<<`
//! markers that break the YAML), and `peerbook git-setup`, which tells git
//! to use it.

use std::path::Path;
use std::process::Command as Process;

use super::Failure;
use crate::review::conflict_words;
use crate::review::merge::{self, Part};
use crate::store::write_atomic;
use crate::workbook::{self, Workbook};

/// The name of the driver in `.gitattributes` and `git config`.
const DRIVER: &str = "peerbook";

fn is_workbook(bytes: &[u8]) -> bool {
    crate::yaml::decode(bytes)
        .and_then(crate::yaml::parse)
        .ok()
        .and_then(|d| d.value.get("kind").and_then(crate::yaml::scalar_text))
        .is_some_and(|k| k == "workbook")
}

fn load(path: &Path, bytes: &[u8]) -> Result<Workbook, Failure> {
    workbook::from_text(&path.display().to_string(), bytes)
        .map(|(w, _)| w)
        .map_err(|e| {
            Failure::new(format!(
                "{} does not read as a workbook, so git's merge of it was left to you (the file is this branch's version, unchanged):\n{e}",
                path.display()
            ))
        })
}

pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path) -> Result<(), Failure> {
    let read =
        |p: &Path| std::fs::read(p).map_err(|e| Failure::new(format!("{}: {e}", p.display())));
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    if !is_workbook(&o) && !is_workbook(&t) {
        // Not a workbook (a framework file under the same pattern): git's
        // own line merge.
        let status = Process::new("git")
            .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
            .arg(ours)
            .arg(base)
            .arg(theirs)
            .status()
            .map_err(|e| Failure::new(format!("could not run git merge-file: {e}")))?;
        return match status.code() {
            Some(0) => Ok(()),
            _ => Err(Failure {
                message: String::new(),
                code: 1,
            }),
        };
    }
    // A file that was not there at the merge base (added on both sides)
    // merges against this branch's version.
    let (o_wb, t_wb) = (load(ours, &o)?, load(theirs, &t)?);
    let b_wb = if b.is_empty() {
        o_wb.clone()
    } else {
        load(base, &b)?
    };
    // This branch's version is the one merged into (as git keeps it where
    // both sides changed a field); the other branch is a copy made from the
    // common ancestor. Each conflict lists both branches' values.
    let parts = [Part {
        label: "the branch merged in".into(),
        workbook: &t_wb,
        base: &b_wb,
        owned: false,
    }];
    let mut merged = merge::merge_parts(&o_wb, &parts)?;
    let new = merged.conflicts.len();
    let from = merged.workbook.conflicts.len() - new;
    for c in merged.workbook.conflicts[from..]
        .iter_mut()
        .chain(merged.conflicts.iter_mut())
    {
        c.values.insert(0, ("this branch".into(), c.base.clone()));
    }
    write_atomic(ours, workbook::to_text(&merged.workbook).as_bytes())?;
    if merged.conflicts.is_empty() {
        return Ok(());
    }
    eprintln!(
        "peerbook: {} conflict{} kept in the workbook's `conflicts:` (settle with `peerbook resolve FILE`, then `git add` and commit):",
        merged.conflicts.len(),
        if merged.conflicts.len() == 1 { "" } else { "s" }
    );
    for c in &merged.conflicts {
        eprintln!("  {}", conflict_words::describe(&merged.workbook, c));
    }
    Err(Failure {
        message: String::new(),
        code: 1,
    })
}

fn git(args: &[&str]) -> Result<String, Failure> {
    let out = Process::new("git")
        .args(args)
        .output()
        .map_err(|e| Failure::new(format!("could not run git ({e}); is git installed?")))?;
    if !out.status.success() {
        return Err(Failure::new(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub fn git_setup(pattern: &str) -> Result<(), Failure> {
    let top = git(&["rev-parse", "--show-toplevel"]).map_err(|e| {
        Failure::new(format!(
            "{}\nRun `peerbook git-setup` inside the git repository that keeps the workbooks.",
            e.message
        ))
    })?;
    let attributes = Path::new(&top).join(".gitattributes");
    let line = format!("{pattern} merge={DRIVER}");
    let now = std::fs::read_to_string(&attributes).unwrap_or_default();
    if now.lines().any(|l| l.trim() == line) {
        outln!("{} already has: {line}", attributes.display());
    } else {
        let mut text = now.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        write_atomic(&attributes, text.as_bytes())?;
        outln!("Added to {}: {line}", attributes.display());
    }
    let exe = std::env::current_exe()
        .ok()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "peerbook".into());
    let driver = format!("'{}' merge-driver %O %A %B", exe.replace('\'', r"'\''"));
    let name = "peerbook: workbooks merged three ways, conflicts kept in the workbook";
    git(&["config", &format!("merge.{DRIVER}.name"), name])?;
    git(&["config", &format!("merge.{DRIVER}.driver"), &driver])?;
    outln!("Ran: git config merge.{DRIVER}.name \"{name}\"");
    outln!("Ran: git config merge.{DRIVER}.driver \"{driver}\"");
    outln!(
        "Commit .gitattributes so everyone gets the line; each person runs `peerbook git-setup` once in their clone (git config is not shared)."
    );
    Ok(())
}
