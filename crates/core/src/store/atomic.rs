//! The atomic write: a temporary file beside the target, synced, renamed
//! over it, the folder synced; and owner-only folders.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use super::beside::parent_dir;
use super::error::{StoreError, io_err};

/// Opens (creating if needed) a file readable and writable by its owner
/// only. With `new`, fails if it exists.
fn open_private(path: &Path, new: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true);
    if new {
        o.create_new(true);
    } else {
        o.create(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Removes temporary files a killed save left beside the workbook. Only
/// called with the lock held, so no other peerbook is writing them.
pub(crate) fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&prefix) && n.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Creates a folder (and its parents) readable by its owner only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Writes `bytes` to a temporary file in the same folder, syncs it, renames
/// it over `path` and syncs the folder: at every moment `path` holds either
/// the old bytes or the new ones. An existing file keeps the permissions
/// its owner gave it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace_file(path, bytes, true)
}

/// As [`write_atomic`], for a file readable and writable by its owner only
/// whatever it was before (the stored user name).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace_file(path, bytes, false)
}

fn replace_file(path: &Path, bytes: &[u8], keep_permissions: bool) -> Result<(), StoreError> {
    let dir = parent_dir(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = open_private(&tmp, true).map_err(io_err(&tmp, "create"))?;
        if keep_permissions && let Ok(meta) = fs::metadata(path) {
            let _ = f.set_permissions(meta.permissions());
        }
        f.write_all(bytes).map_err(io_err(&tmp, "write"))?;
        f.sync_all().map_err(io_err(&tmp, "sync"))?;
        drop(f);
        crash_point(path);
        fs::rename(&tmp, path).map_err(io_err(path, "replace"))?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// For the crash test: with `PEERBOOK_TEST_CRASH_BEFORE_RENAME` set, the
/// process dies abruptly after writing a workbook's temporary file and before
/// the rename, as a kill at that moment would.
/// Only in debug builds (which the tests run), never in a release.
fn crash_point(path: &Path) {
    if cfg!(debug_assertions)
        && std::env::var_os("PEERBOOK_TEST_CRASH_BEFORE_RENAME").is_some()
        && path.extension().is_none_or(|e| e != "bak")
    {
        std::process::abort();
    }
}

fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
