//! Base snapshots, so that `peerbook merge` knows each copy's own base.
//!
//! `peerbook copy` keeps the workbook a copy is made from as
//! `peerbook-bases/<digest>.yaml` beside it, and `peerbook merge` keeps
//! each copy as it merged it as `peerbook-bases/copy-<id>-<name>.yaml` beside
//! the merged workbook NAME: the next merge of the same copy into it starts
//! from there, so a
//! reviewer who goes on working in one copy for the whole week never
//! collides with their own earlier changes. `peerbook copy` also keeps a
//! record of each copy it made (`made-<id>.yaml`), so that a copy still out
//! keeps its base; what is kept for what, and pruning what nothing needs any
//! more, is [`super::bases_prune`]. The folder and its files are
//! readable by their owner only, as every workbook save is.

use std::path::{Path, PathBuf};

use super::atomic::{create_private_dir, write_private};
use super::beside::parent_dir;
use super::error::{StoreError, io_err};
use crate::workbook::{self, Workbook, copy};

pub const FOLDER: &str = "peerbook-bases";

/// The snapshot folder beside a workbook file.
pub fn folder_beside(workbook: &Path) -> PathBuf {
    parent_dir(workbook).join(FOLDER)
}

fn hex_of(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

/// Keeps `wb` as a base beside `beside`; returns its digest.
pub fn keep_base(beside: &Path, wb: &Workbook) -> Result<String, StoreError> {
    let digest = copy::digest(wb);
    let path = folder_beside(beside).join(format!("{}.yaml", hex_of(&digest)));
    if !path.exists() {
        write(&path, &copy::base_text(wb))?;
    }
    Ok(digest)
}

/// Where a copy is kept as it was merged into the workbook `into`: beside
/// it, named by the copy's id and the workbook's file name (a copy merged
/// into two workbooks has a state for each).
fn merged_copy_path(into: &Path, id: &str) -> PathBuf {
    let stem = into.file_stem().unwrap_or_default().to_string_lossy();
    folder_beside(into).join(format!("copy-{}-{}.yaml", safe(id), safe(&stem)))
}

/// Keeps a copy as it was merged into `into`, by its copy record's id.
pub fn keep_merged_copy(into: &Path, id: &str, wb: &Workbook) -> Result<(), StoreError> {
    write(&merged_copy_path(into, id), &copy::base_text(wb))
}

/// Keeps the record of a copy made from the workbook `beside` (whom it is
/// for, its file, its base's digest): the base waits for that copy until it
/// has been merged here, wherever the copy went meanwhile (see
/// [`super::bases_prune`]).
pub fn keep_made(
    beside: &Path,
    id: &str,
    name: &str,
    file: &Path,
    base: &str,
) -> Result<(), StoreError> {
    let path = folder_beside(beside).join(format!("made-{}.yaml", safe(id)));
    write(&path, &super::bases_prune::made_record(name, file, base))
}

/// Takes back the record of a copy that could not be written after all.
pub fn drop_made(beside: &Path, id: &str) {
    let _ = std::fs::remove_file(folder_beside(beside).join(format!("made-{}.yaml", safe(id))));
}

fn write(path: &Path, text: &str) -> Result<(), StoreError> {
    let dir = parent_dir(path);
    create_private_dir(&dir).map_err(io_err(&dir, "create the folder"))?;
    write_private(path, text.as_bytes())
}

fn safe(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn read(path: &Path) -> Option<Workbook> {
    let bytes = std::fs::read(path).ok()?;
    workbook::from_text(&path.display().to_string(), &bytes)
        .ok()
        .map(|(w, _)| w)
}

/// The base with this digest, from any of the folders (checked: a snapshot
/// that no longer has its digest is not used).
pub fn find_base(folders: &[PathBuf], digest: &str) -> Option<Workbook> {
    folders.iter().find_map(|f| {
        read(&f.join(format!("{}.yaml", hex_of(digest)))).filter(|w| copy::digest(w) == digest)
    })
}

/// The copy with this id as it was last merged into `into`.
pub fn find_merged_copy(into: &Path, id: &str) -> Option<Workbook> {
    read(&merged_copy_path(into, id))
}
