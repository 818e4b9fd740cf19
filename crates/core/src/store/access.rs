//! Whether peerbook may change a file: its owner's permission bits, the
//! system's answer, the folder's and the disk's.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;

use super::beside::parent_dir;
use super::error::{NotWritable, StoreError};

/// Whether a file or folder's owner may write it, by its permission bits.
/// Checked by peerbook itself, so a file its owner made read-only stays
/// read-only even for a user (root) the system would let write it.
fn owner_may_write(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o200 != 0
    }
    #[cfg(not(unix))]
    {
        !meta.permissions().readonly()
    }
}

/// Why peerbook may not change the existing file at `path`, if it may not:
/// its owner made it (or its folder) read-only, or the system says no.
pub(crate) fn write_refusal(path: &Path) -> Option<NotWritable> {
    let meta = fs::metadata(path).ok()?;
    if !owner_may_write(&meta) {
        return Some(NotWritable::FileReadOnly);
    }
    // Ask the system too. Opening for writing, without truncating or
    // creating, changes nothing.
    let mut o = OpenOptions::new();
    o.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    match o.open(path) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return Some(NotWritable::FileDenied);
        }
        Err(e) if e.kind() == io::ErrorKind::ReadOnlyFilesystem => {
            return Some(NotWritable::ReadOnlyDisk);
        }
        _ => {}
    }
    folder_refusal(path)
}

/// Why nothing may be written in the folder of `path`, if so.
pub(crate) fn folder_refusal(path: &Path) -> Option<NotWritable> {
    let dir = parent_dir(path);
    let meta = fs::metadata(&dir).ok()?;
    (!owner_may_write(&meta)).then_some(NotWritable::Folder(dir))
}

/// Refuses to replace an existing file that peerbook may not change (an
/// export asked to `--force` over a read-only file).
pub fn check_replaceable(path: &Path) -> Result<(), StoreError> {
    match write_refusal(path) {
        Some(reason) => Err(StoreError::NotWritable {
            path: path.to_path_buf(),
            reason,
        }),
        None => Ok(()),
    }
}
