//! What can go wrong keeping a workbook on disk, in words that say what to
//! do about it.

use std::io;
use std::path::{Path, PathBuf};

use crate::workbook::LoadError;

/// The largest file peerbook reads: the YAML reader's limit
/// ([`crate::yaml::MAX_BYTES`], 64 MiB), for every kind of file.
pub const MAX_FILE_BYTES: u64 = crate::yaml::MAX_BYTES as u64;

#[derive(Debug)]
pub enum StoreError {
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    Invalid(LoadError),
    /// Another peerbook holds the lock.
    Locked {
        path: PathBuf,
        holder: String,
    },
    /// The file is not what was loaded: someone else wrote it.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// `create` would overwrite an existing file.
    Exists {
        path: PathBuf,
    },
    /// Saving was attempted without holding the lock.
    ReadOnly {
        path: PathBuf,
    },
    /// The workbook may be read but peerbook will not change it here.
    NotWritable {
        path: PathBuf,
        reason: NotWritable,
    },
    /// A pipe, a device, a folder: not a file peerbook reads.
    NotRegular {
        path: PathBuf,
        kind: &'static str,
    },
    /// A file larger than [`MAX_FILE_BYTES`], refused before it is read.
    TooLarge {
        path: PathBuf,
        size: u64,
    },
    /// The lock path holds something peerbook did not make and will not use.
    BadLock {
        path: PathBuf,
        kind: &'static str,
    },
    /// A user name with nothing in it.
    EmptyName,
}

/// Why a workbook opens read-only although no other peerbook holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotWritable {
    /// The file's owner has taken away its write permission.
    FileReadOnly,
    /// The system does not let this user write the file.
    FileDenied,
    /// The folder cannot be written, so neither the lock nor a save can be.
    Folder(PathBuf),
    /// The disk is mounted read-only.
    ReadOnlyDisk,
}

impl std::fmt::Display for NotWritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotWritable::FileReadOnly => write!(
                f,
                "the file is read-only (its permissions); make it writable to edit it"
            ),
            NotWritable::FileDenied => write!(
                f,
                "its permissions do not let you change it; ask its owner to make it writable to you, or edit a copy"
            ),
            NotWritable::Folder(dir) => write!(
                f,
                "the folder {} is read-only (its permissions), so nothing can be saved there; make the folder writable to edit it, or copy the workbook somewhere you can write",
                dir.display()
            ),
            NotWritable::ReadOnlyDisk => write!(
                f,
                "the disk it is on is read-only; copy the workbook somewhere you can write to edit it"
            ),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::NotRegular { path, .. } | StoreError::TooLarge { path, .. } => {
                write!(f, "could not read {}: {}", path.display(), self.reason())
            }
            StoreError::Io {
                path,
                action,
                source,
            } => {
                write!(f, "could not {action} {}: {source}", path.display())
            }
            StoreError::Invalid(e) => write!(f, "{}", e.0.to_string().trim_end()),
            StoreError::Locked { path, holder } => write!(
                f,
                "{} is open in another peerbook ({holder}); close it there first, then try again",
                path.display()
            ),
            StoreError::ChangedOnDisk { path } => write!(
                f,
                "{} was changed on disk since it was opened (by another program or a git pull); nothing was overwritten. Reopen it to see the other changes",
                path.display()
            ),
            StoreError::Exists { path } => write!(
                f,
                "{} already exists; choose another name with --out, or remove it first",
                path.display()
            ),
            StoreError::ReadOnly { path } => write!(
                f,
                "{} is open read-only because another peerbook holds it",
                path.display()
            ),
            StoreError::NotWritable { path, reason } => {
                write!(f, "{} cannot be saved: {reason}", path.display())
            }
            StoreError::BadLock { path, kind } => write!(
                f,
                "{} is {kind}, not a lock file peerbook made, so peerbook will not use it and has changed nothing; remove it if you did not put it there, then try again",
                path.display()
            ),
            StoreError::EmptyName => write!(
                f,
                "the name is empty; give the name your review team knows you by"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// What went wrong reading a file, without naming it: for reports
    /// that name the file already.
    pub fn reason(&self) -> String {
        match self {
            StoreError::NotRegular { kind, .. } => {
                format!("it is {kind}, not a regular file; peerbook reads only regular files")
            }
            StoreError::TooLarge { size, .. } => format!(
                "it is {}, more than the {} peerbook reads from one file; check that it is the file you meant",
                size_text(*size),
                size_text(MAX_FILE_BYTES)
            ),
            StoreError::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        }
    }

    /// The file (or folder) is not there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, StoreError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }

    /// The same error, naming `shown` (the path the user gave) instead of
    /// the real path the store worked on. A refused lock keeps its own path:
    /// that is the file to remove.
    pub(crate) fn shown_as(self, shown: &Path) -> StoreError {
        let path = shown.to_path_buf();
        match self {
            StoreError::Io {
                path: _,
                action,
                source,
            } if action == "read" => StoreError::Io {
                path,
                action,
                source,
            },
            StoreError::Locked { holder, .. } => StoreError::Locked { path, holder },
            StoreError::NotWritable { reason, .. } => StoreError::NotWritable { path, reason },
            StoreError::NotRegular { kind, .. } => StoreError::NotRegular { path, kind },
            StoreError::TooLarge { size, .. } => StoreError::TooLarge { path, size },
            StoreError::ChangedOnDisk { .. } => StoreError::ChangedOnDisk { path },
            other => other,
        }
    }
}

/// A size as people read it: `64 MiB`, `100.0 MiB`, `12 KiB`, `80 bytes`.
fn size_text(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= MIB => format!("{:.1} MiB", b as f64 / MIB as f64),
        b if b >= 1024 => format!("{} KiB", b / 1024),
        b => format!("{b} bytes"),
    }
}

pub(crate) fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        path,
        action,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_as_people_read_them() {
        assert_eq!(size_text(MAX_FILE_BYTES), "64 MiB");
        assert_eq!(size_text(MAX_FILE_BYTES + 1), "64.0 MiB");
        assert_eq!(size_text(100 * 1024 * 1024 + 300 * 1024), "100.3 MiB");
        assert_eq!(size_text(12 * 1024 + 5), "12 KiB");
        assert_eq!(size_text(80), "80 bytes");
    }
}
