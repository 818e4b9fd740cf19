//! What each snapshot in `peerbook-bases/` is still kept for, and pruning
//! those nothing can use any more (`peerbook bases --prune`).
//!
//! The rule never removes a base a known copy or merged workbook still
//! names. In the folder that holds `peerbook-bases/`:
//!
//! - a copy as merged into a workbook (`copy-<id>-<stem>.yaml`) is kept
//!   while a workbook `<stem>.yaml` is there: the next merge of that copy
//!   into it starts from it. Once that workbook is gone (renamed, deleted)
//!   nothing looks it up again;
//! - the record of a copy made here (`made-<id>.yaml`, written by
//!   `peerbook copy`) is kept until that copy has been merged here (a
//!   `copy-<id>-…` is kept): until then the copy may still be out, on a
//!   reviewer's laptop, and its base must wait for it;
//! - a base (`<digest>.yaml`) is kept while anything kept names its digest:
//!   a workbook file in the folder (a copy there, or any workbook that
//!   mentions it) or the record of a copy made that is kept. Names are found
//!   by the digest's text anywhere in the file, so a file that no longer
//!   reads as a workbook still keeps its base. (A copy as merged is kept
//!   without its `copy:` record, so it names no base: the next merge of
//!   that copy into that workbook starts from it, not from the base. A copy
//!   merged here whose file has gone, merged later into another workbook,
//!   is refused with what to do, `--base FILE`, rather than merged wrong.)
//!
//! Anything else in the folder (a file peerbook did not write) is left
//! alone.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::bases::folder_beside;
use super::error::{StoreError, io_err};

/// What a snapshot is kept for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Use {
    /// A base, named by these: copies and workbooks beside the folder (by
    /// file name), copies as merged ("a copy as merged into merged.yaml"),
    /// copies made and not merged yet ("Owen Castellano's copy (made here,
    /// not merged yet)").
    BaseOf(Vec<String>),
    /// A copy as merged into this workbook (its file name), still there.
    MergedInto(String),
    /// The record of a copy made for this person and not merged here yet.
    Made(String),
    /// Nothing here needs it any more: pruning removes it.
    Unused,
}

/// One snapshot in `peerbook-bases/` and what it is kept for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: PathBuf,
    pub bytes: u64,
    pub used: Use,
}

impl Kept {
    pub fn file_name(&self) -> String {
        name_of(&self.path)
    }
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The kinds of file peerbook keeps in the folder, by name.
enum Snap {
    Base(String),
    Merged { id: String, stem: String },
    Made { id: String },
}

fn snap_of(name: &str) -> Option<Snap> {
    let stem = name.strip_suffix(".yaml")?;
    let hex = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
    if let Some(rest) = stem.strip_prefix("copy-") {
        let (id, of) = rest.split_once('-')?;
        return (hex(id) && !of.is_empty()).then(|| Snap::Merged {
            id: id.into(),
            stem: of.into(),
        });
    }
    if let Some(id) = stem.strip_prefix("made-") {
        return hex(id).then(|| Snap::Made { id: id.into() });
    }
    (stem.len() == 64 && hex(stem)).then(|| Snap::Base(format!("sha256:{stem}")))
}

/// The digests (`sha256:` and 64 hex digits) a text mentions.
fn digests_in(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        let after = &rest[at + 7..];
        let hex: String = after
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .take(65)
            .collect();
        if hex.len() == 64 {
            out.insert(format!("sha256:{hex}"));
        }
        rest = after;
    }
    out
}

/// The file-name stem a merged copy is kept under for a workbook (as
/// `bases::keep_merged_copy` writes it).
fn safe_stem(p: &Path) -> String {
    p.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn text_of(p: &Path) -> String {
    super::read_capped(p)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// Every snapshot in the `peerbook-bases/` folder inside `dir`, with what it
/// is kept for; empty when there is no such folder.
pub fn survey(dir: &Path) -> Result<Vec<Kept>, StoreError> {
    let folder = folder_beside(&dir.join("x"));
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(&folder, "read the folder")(e)),
    };
    // The workbooks beside the folder: every regular `.yaml` file there.
    let mut books: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err(dir, "read the folder"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml") && p.is_file())
        .collect();
    books.sort();
    let stems: HashSet<String> = books.iter().map(|p| safe_stem(p)).collect();
    let mut snaps: Vec<(PathBuf, u64, Snap)> = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if let (true, Some(s)) = (meta.is_file(), snap_of(&name_of(&path))) {
            snaps.push((path, meta.len(), s));
        }
    }
    snaps.sort_by(|a, b| a.0.cmp(&b.0));
    // Merged copies whose workbook is there, and the ids merged here.
    let merged_kept = |s: &Snap| matches!(s, Snap::Merged { stem, .. } if stems.contains(stem));
    let merged_ids: HashSet<String> = snaps
        .iter()
        .filter_map(|(_, _, s)| match s {
            Snap::Merged { id, .. } if merged_kept(s) => Some(id.clone()),
            _ => None,
        })
        .collect();
    let made_kept = |s: &Snap| matches!(s, Snap::Made { id } if !merged_ids.contains(id));
    // Who names which digest: the workbooks, and the kept snapshots that
    // are copies or records of copies.
    let mut namers: Vec<(String, HashSet<String>)> = books
        .iter()
        .map(|p| (name_of(p), digests_in(&text_of(p))))
        .collect();
    let book_named = |stem: &str| {
        books
            .iter()
            .find(|b| safe_stem(b) == stem)
            .map(|b| name_of(b))
            .unwrap_or_default()
    };
    for (p, _, s) in &snaps {
        let text = || text_of(p);
        match s {
            Snap::Merged { stem, .. } if merged_kept(s) => namers.push((
                format!("a copy as merged into {}", book_named(stem)),
                digests_in(&text()),
            )),
            Snap::Made { .. } if made_kept(s) => {
                let t = text();
                namers.push((
                    format!("{}'s copy (made here, not merged yet)", made_for(&t)),
                    digests_in(&t),
                ));
            }
            _ => {}
        }
    }
    Ok(snaps
        .into_iter()
        .map(|(path, bytes, s)| {
            let used = match &s {
                Snap::Base(digest) => {
                    let by: Vec<String> = namers
                        .iter()
                        .filter(|(_, d)| d.contains(digest))
                        .map(|(n, _)| n.clone())
                        .collect();
                    if by.is_empty() {
                        Use::Unused
                    } else {
                        Use::BaseOf(by)
                    }
                }
                Snap::Merged { stem, .. } if merged_kept(&s) => Use::MergedInto(book_named(stem)),
                Snap::Made { .. } if made_kept(&s) => Use::Made(made_for(&text_of(&path))),
                _ => Use::Unused,
            };
            Kept { path, bytes, used }
        })
        .collect())
}

/// Removes the snapshots in `dir`'s `peerbook-bases/` that nothing needs
/// any more ([`survey`]); returns them.
pub fn prune(dir: &Path) -> Result<Vec<Kept>, StoreError> {
    let unused: Vec<Kept> = survey(dir)?
        .into_iter()
        .filter(|k| k.used == Use::Unused)
        .collect();
    for k in &unused {
        std::fs::remove_file(&k.path).map_err(io_err(&k.path, "remove"))?;
    }
    Ok(unused)
}

/// The text of the record `peerbook copy` keeps of a copy it made: whom it
/// is for, its file and its base (the digest keeps the base while the copy
/// may still be out).
pub fn made_record(name: &str, file: &Path, base: &str) -> String {
    format!(
        "# peerbook made a copy from this folder; its base is kept until it is merged here\nfor: {}\nfile: {}\nbase: {base}\n",
        quoted(name),
        quoted(&file.display().to_string())
    )
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn made_for(text: &str) -> String {
    crate::yaml::top_level_text(text, "for").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_names_are_read_and_others_left_alone() {
        let d = "a".repeat(64);
        assert!(
            matches!(snap_of(&format!("{d}.yaml")), Some(Snap::Base(x)) if x == format!("sha256:{d}"))
        );
        assert!(matches!(
            snap_of("copy-2cd5bf49b02ba866-merged.yaml"),
            Some(Snap::Merged { id, stem }) if id == "2cd5bf49b02ba866" && stem == "merged"
        ));
        assert!(
            matches!(snap_of("copy-2cd5-my-merged.yaml"), Some(Snap::Merged { stem, .. }) if stem == "my-merged")
        );
        assert!(matches!(
            snap_of("made-2cd5bf49b02ba866.yaml"),
            Some(Snap::Made { .. })
        ));
        for other in [
            "notes.txt",
            "abc.yaml",
            "copy-zz-x.yaml",
            "made-.yaml",
            "copy-12.yaml",
        ] {
            assert!(snap_of(other).is_none(), "{other}");
        }
    }

    #[test]
    fn digests_are_found_anywhere_in_a_text() {
        let a = "1".repeat(64);
        let b = "f".repeat(64);
        let text = format!(
            "base: sha256:{a}\nx: 'sha256:{b}' sha256:{}",
            "2".repeat(10)
        );
        let found = digests_in(&text);
        assert_eq!(found.len(), 2);
        assert!(found.contains(&format!("sha256:{a}")));
    }

    #[test]
    fn a_made_record_reads_back_whom_it_is_for() {
        let t = made_record("O'Neil \"Jo\": peer", Path::new("a b.yaml"), "sha256:00");
        assert_eq!(made_for(&t), "O'Neil \"Jo\": peer");
        assert!(t.contains("base: sha256:00"));
    }
}
