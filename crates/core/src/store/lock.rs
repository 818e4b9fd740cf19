//! The sidecar lock that says a workbook is open, and who holds it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::beside::{lock_path, parent_dir};
use super::error::{NotWritable, StoreError, io_err};
use super::read::kind_of;

/// How much of a lock file is read to say who holds it.
const LOCK_READ_BYTES: u64 = 4096;

/// The most characters of a lock's holder that are shown.
pub const HOLDER_CHARS: usize = 200;

/// Who holds a lock, as written in the lock file: the user's name (see
/// [`crate::store::paths::user_name`]), host, process and since when.
pub fn holder_description() -> String {
    let user = crate::store::paths::user_name();
    let host = fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown host".to_string());
    let since = chrono::Local::now().format("%Y-%m-%d %H:%M");
    format!(
        "{user} on {host}, process {}, since {since}",
        std::process::id()
    )
}

/// A lock file's content as it may be shown: one line, no control or
/// direction characters, at most [`HOLDER_CHARS`] characters. `None` when
/// nothing is left.
pub fn describe_holder(content: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(content);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = crate::text::inert(&one_line);
    let clean = clean.trim();
    (!clean.is_empty()).then(|| crate::text::truncate(clean, HOLDER_CHARS))
}

/// Reads the start of a lock file and describes its holder.
pub fn read_holder(lock: impl Read) -> Option<String> {
    let mut bytes = Vec::new();
    lock.take(LOCK_READ_BYTES).read_to_end(&mut bytes).ok()?;
    describe_holder(&bytes)
}

/// A held lock on a workbook. Released (and its file removed) on drop.
///
/// The lock file is always one peerbook created itself (`O_EXCL`, never
/// following a link), so its holder line is written from the start of an
/// empty file. A lock left behind by a peerbook that is no longer running
/// (a regular file, with no other name, that no process has locked) is
/// removed and a new one made: no file is ever truncated or rewritten in
/// place. A lock path that is a symbolic link, a folder, a pipe or a hard
/// link to another file is refused and left as it is.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    /// Set when an earlier holder's lock was found abandoned and taken over.
    pub took_over: Option<String>,
}

impl Lock {
    /// Takes the lock for `workbook`, or says who holds it.
    pub fn acquire(workbook: &Path) -> Result<Lock, StoreError> {
        let path = lock_path(workbook);
        let mut took_over = None;
        // Another peerbook may make, take over or release the lock between
        // our steps; try again until one of us clearly has it.
        for _ in 0..5 {
            if let Some(file) = create_lock(workbook, &path)? {
                return Ok(Lock {
                    file,
                    path,
                    took_over,
                });
            }
            let Some(file) = open_existing_lock(&path)? else {
                continue;
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: workbook.to_path_buf(),
                        holder: read_holder(&file).unwrap_or_else(|| "holder unknown".into()),
                    });
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(StoreError::Io {
                        path,
                        action: "lock",
                        source: e,
                    });
                }
            }
            if !same_file(&file, &path) {
                continue;
            }
            // Abandoned by a peerbook that is no longer running.
            took_over = read_holder(&file);
            fs::remove_file(&path)
                .map_err(|e| not_writable(workbook, e, "remove the old lock file"))?;
        }
        Err(StoreError::Io {
            path,
            action: "lock",
            source: io::Error::other("the lock file kept changing"),
        })
    }
}

/// Makes the lock file, locked and naming this process. `None` when one is
/// there already. A lock that could not be written is removed, not left
/// behind empty.
fn create_lock(workbook: &Path, path: &Path) -> Result<Option<File>, StoreError> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = match o.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(None),
        Err(e) => return Err(not_writable(workbook, e, "create the lock file")),
    };
    match file.try_lock() {
        Ok(()) => {}
        // Another peerbook found it before it was ours: it decides.
        Err(fs::TryLockError::WouldBlock) => return Ok(None),
        Err(fs::TryLockError::Error(e)) => {
            remove_if_same(&file, path);
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                action: "lock",
                source: e,
            });
        }
    }
    let written = (&file)
        .write_all(holder_description().as_bytes())
        .and_then(|_| file.sync_data());
    if let Err(e) = written {
        remove_if_same(&file, path);
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            action: "write the lock file (is the disk full?)",
            source: e,
        });
    }
    Ok(Some(file))
}

/// Opens the lock file that is there, for reading only, if it is one
/// peerbook could have made. `None` when it has gone meanwhile.
fn open_existing_lock(path: &Path) -> Result<Option<File>, StoreError> {
    let bad = |kind| StoreError::BadLock {
        path: path.to_path_buf(),
        kind,
    };
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(bad("a symbolic link")),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path, "open the lock file")(e)),
    }
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match o.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(bad("a symbolic link")),
        Err(e) => return Err(io_err(path, "open the lock file")(e)),
    };
    let meta = file
        .metadata()
        .map_err(io_err(path, "open the lock file"))?;
    if !meta.is_file() {
        return Err(bad(kind_of(meta.file_type())));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(bad("a second name (hard link) of another file"));
        }
    }
    Ok(Some(file))
}

/// An error making or removing a lock file: a folder that cannot be
/// written means the workbook opens read-only.
fn not_writable(workbook: &Path, e: io::Error, action: &'static str) -> StoreError {
    let dir = parent_dir(workbook);
    match e.kind() {
        io::ErrorKind::PermissionDenied => StoreError::NotWritable {
            path: workbook.to_path_buf(),
            reason: NotWritable::Folder(dir),
        },
        io::ErrorKind::ReadOnlyFilesystem => StoreError::NotWritable {
            path: workbook.to_path_buf(),
            reason: NotWritable::ReadOnlyDisk,
        },
        _ => StoreError::Io {
            path: lock_path(workbook),
            action,
            source: e,
        },
    }
}

fn remove_if_same(file: &File, path: &Path) {
    if same_file(file, path) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for Lock {
    fn drop(&mut self) {
        remove_if_same(&self.file, &self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_holder_is_shown_on_one_clean_short_line() {
        assert_eq!(
            describe_holder(b"  Sam on host, process 7\n").as_deref(),
            Some("Sam on host, process 7")
        );
        let hostile = "Eve\u{1b}[2J\u{0}\u{202e}on\r\nhost\t".to_string() + &"x".repeat(5000);
        let shown = describe_holder(hostile.as_bytes()).unwrap();
        assert!(
            shown.starts_with("Eve\u{fffd}[2J\u{fffd}\u{fffd}on host x"),
            "{shown}"
        );
        assert_eq!(shown.chars().count(), HOLDER_CHARS);
        assert!(!shown.chars().any(|c| c.is_control()));
        assert_eq!(describe_holder(b" \n\t "), None);
        assert_eq!(
            describe_holder(b"\xff\xfe").as_deref(),
            Some("\u{fffd}\u{fffd}")
        );
    }
}
