//! Keeping changes that could not be saved to their workbook: a recovered
//! copy, written and read back before anything says it exists, beside the
//! workbook if that folder takes it, else in the data folder, else in the
//! home folder.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::store::paths;
use crate::store::{StoreError, create_private_dir, write_atomic};

/// Every place a recovered copy was tried, and why each refused it.
#[derive(Debug)]
pub struct NowhereToKeep {
    pub tried: Vec<(PathBuf, Refused)>,
}

/// Why one place did not take a recovered copy.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("too many recovered copies there already")]
    TooMany,
    #[error("could not create the folder: {0}")]
    Folder(io::Error),
    #[error(transparent)]
    Write(#[from] StoreError),
    #[error("the copy read back differently from what was written")]
    ReadBackDiffers,
    #[error("the copy could not be read back: {0}")]
    ReadBack(io::Error),
}

impl fmt::Display for NowhereToKeep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a recovered copy could not be written anywhere:")?;
        for (path, why) in &self.tried {
            write!(f, "\n  {}: {why}", path.display())?;
        }
        Ok(())
    }
}

impl std::error::Error for NowhereToKeep {}

/// The name of a recovered copy of `workbook`:
/// `NAME.recovered-YYYYMMDD-HHMMSS.yaml`.
pub fn recovered_name(workbook: &Path, stamp: &str) -> String {
    let stem = workbook
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "workbook".to_string());
    format!("{stem}.recovered-{stamp}.yaml")
}

/// The folders a recovered copy of `workbook` is tried in, in order.
pub fn places(workbook: &Path) -> Vec<PathBuf> {
    let beside = match workbook.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut out = vec![beside, paths::home().join("recovered")];
    if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) {
        out.push(home);
    }
    out.dedup();
    out
}

/// Writes `text` as a recovered copy of `workbook` in the first of
/// [`places`] that takes it, reads it back to be sure, and returns where it
/// is. Nothing is overwritten: a name already taken gets a number.
pub fn keep(workbook: &Path, text: &[u8]) -> Result<PathBuf, NowhereToKeep> {
    keep_in(&places(workbook), workbook, text)
}

/// [`keep`], trying the given folders.
pub fn keep_in(dirs: &[PathBuf], workbook: &Path, text: &[u8]) -> Result<PathBuf, NowhereToKeep> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let name = recovered_name(workbook, &stamp);
    let mut tried = Vec::new();
    for dir in dirs {
        let free = (1..100)
            .map(|n| match n {
                1 => dir.join(&name),
                n => dir.join(name.replace(".yaml", &format!("-{n}.yaml"))),
            })
            .find(|p| std::fs::symlink_metadata(p).is_err());
        let Some(path) = free else {
            tried.push((dir.join(&name), Refused::TooMany));
            continue;
        };
        match write_checked(dir, &path, text) {
            Ok(()) => return Ok(path),
            Err(why) => tried.push((path, why)),
        }
    }
    Err(NowhereToKeep { tried })
}

fn write_checked(dir: &Path, path: &Path, text: &[u8]) -> Result<(), Refused> {
    create_private_dir(dir).map_err(Refused::Folder)?;
    write_atomic(path, text)?;
    match std::fs::read(path) {
        Ok(back) if back == text => Ok(()),
        Ok(_) => {
            let _ = std::fs::remove_file(path);
            Err(Refused::ReadBackDiffers)
        }
        Err(e) => Err(Refused::ReadBack(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_goes_to_the_first_folder_that_takes_it_and_is_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        // A folder under a regular file can never be created, even by root.
        let blocker = tmp.path().join("not-a-folder");
        std::fs::write(&blocker, "x").unwrap();
        let bad = blocker.join("sub");
        let good = tmp.path().join("good");
        let wb = tmp.path().join("review.yaml");
        let got = keep_in(&[bad.clone(), good.clone()], &wb, b"kind: workbook\n").unwrap();
        assert!(got.starts_with(&good), "{}", got.display());
        assert_eq!(std::fs::read(&got).unwrap(), b"kind: workbook\n");
        let name = got.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.starts_with("review.recovered-") && name.ends_with(".yaml"));
    }

    #[test]
    fn nowhere_to_keep_names_every_place_tried() {
        let tmp = tempfile::tempdir().unwrap();
        let blocker = tmp.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let dirs = [blocker.join("a"), blocker.join("b")];
        let err = keep_in(&dirs, Path::new("w.yaml"), b"x").unwrap_err();
        assert_eq!(err.tried.len(), 2);
        let text = err.to_string();
        assert!(
            text.contains("file/a/") && text.contains("file/b/"),
            "{text}"
        );
    }

    #[test]
    fn an_existing_recovered_copy_is_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let wb = tmp.path().join("w.yaml");
        let dirs = [tmp.path().to_path_buf()];
        let a = keep_in(&dirs, &wb, b"first").unwrap();
        let b = keep_in(&dirs, &wb, b"second").unwrap();
        if a == b {
            panic!("the second copy replaced the first: {}", a.display());
        }
        assert_eq!(std::fs::read(&a).unwrap(), b"first");
        assert_eq!(std::fs::read(&b).unwrap(), b"second");
    }
}
