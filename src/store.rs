//! Keeping workbooks on disk without ever losing one: atomic saves with a
//! `.bak` of the previous version, a sidecar lock naming its holder, a
//! refusal to overwrite a file changed by someone else, owner-only files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diag::Diagnostics;
use crate::workbook::{self, LoadError, Workbook};

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
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
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
        }
    }
}

impl std::error::Error for StoreError {}

fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        path,
        action,
        source,
    }
}

fn fingerprint(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The lock file beside a workbook: `NAME.yaml.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    sidecar(path, "lock")
}

/// The previous version kept beside a workbook: `NAME.yaml.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    sidecar(path, "bak")
}

fn sidecar(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(ext);
    path.with_file_name(name)
}

/// Who holds a lock, as written in the lock file.
pub fn holder_description() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".to_string());
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

/// A held lock on a workbook. Released (and its file removed) on drop.
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
        // A holder may remove the file between our open and our lock; retry
        // until the file we locked is the one at the path.
        for _ in 0..5 {
            let mut file =
                open_private(&path, false).map_err(io_err(&path, "open the lock file"))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim();
                    return Err(StoreError::Locked {
                        path: workbook.to_path_buf(),
                        holder: if holder.is_empty() {
                            "holder unknown".to_string()
                        } else {
                            holder.to_string()
                        },
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
            let mut previous = String::new();
            let _ = file.read_to_string(&mut previous);
            let previous = previous.trim().to_string();
            file.set_len(0)
                .map_err(io_err(&path, "write the lock file"))?;
            let mut w = &file;
            w.write_all(holder_description().as_bytes())
                .and_then(|_| w.flush())
                .map_err(io_err(&path, "write the lock file"))?;
            return Ok(Lock {
                file,
                path,
                took_over: (!previous.is_empty()).then_some(previous),
            });
        }
        Err(StoreError::Io {
            path,
            action: "lock",
            source: io::Error::other("the lock file kept changing"),
        })
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
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
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

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

/// A workbook file opened by this process.
#[derive(Debug)]
pub struct WorkbookFile {
    pub path: PathBuf,
    /// Hash of the bytes last read or written: a save first checks the file
    /// still has them.
    seen: Option<[u8; 32]>,
    /// The bytes last read or written: the base a three-way merge with a
    /// file changed on disk starts from.
    base: Option<Vec<u8>>,
    lock: Option<Lock>,
}

impl WorkbookFile {
    /// Reads a workbook without taking the lock (status, export, validate).
    pub fn read(path: &Path) -> Result<(Workbook, Diagnostics), StoreError> {
        let (_, wb, warnings) = Self::load(path, None)?;
        Ok((wb, warnings))
    }

    /// Opens a workbook for changing: takes the lock, then reads it.
    pub fn open(path: &Path) -> Result<(WorkbookFile, Workbook, Diagnostics), StoreError> {
        let lock = Lock::acquire(path)?;
        remove_stale_temps(path);
        Self::load(path, Some(lock))
    }

    /// Opens a workbook that another peerbook holds: it can be read but not
    /// saved.
    pub fn open_read_only(
        path: &Path,
    ) -> Result<(WorkbookFile, Workbook, Diagnostics), StoreError> {
        Self::load(path, None)
    }

    fn load(
        path: &Path,
        lock: Option<Lock>,
    ) -> Result<(WorkbookFile, Workbook, Diagnostics), StoreError> {
        let bytes = fs::read(path).map_err(io_err(path, "read"))?;
        let (wb, warnings) = workbook::from_text(&path.display().to_string(), &bytes)
            .map_err(StoreError::Invalid)?;
        let file = WorkbookFile {
            path: path.to_path_buf(),
            seen: Some(fingerprint(&bytes)),
            base: Some(bytes),
            lock,
        };
        Ok((file, wb, warnings))
    }

    /// Writes a new workbook, refusing to replace an existing file.
    pub fn create(path: &Path, wb: &Workbook) -> Result<WorkbookFile, StoreError> {
        if path.exists() {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(io_err(dir, "create the folder"))?;
        }
        let lock = Lock::acquire(path)?;
        let mut f = WorkbookFile {
            path: path.to_path_buf(),
            seen: None,
            base: None,
            lock: Some(lock),
        };
        f.save(wb)?;
        Ok(f)
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// A message about a stale lock that was taken over, once.
    pub fn lock_notice(&self) -> Option<String> {
        let prev = self.lock.as_ref()?.took_over.as_ref()?;
        Some(format!(
            "took over a lock left behind by a peerbook that is no longer running ({prev})"
        ))
    }

    /// Saves atomically. Returns whether anything was written (an unchanged
    /// workbook is not rewritten).
    pub fn save(&mut self, wb: &Workbook) -> Result<bool, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let text = workbook::to_text(wb);
        let current = match fs::read(&self.path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(StoreError::Io {
                    path: self.path.clone(),
                    action: "read",
                    source: e,
                });
            }
        };
        if current.as_deref().map(fingerprint) != self.seen {
            return Err(StoreError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        if current.as_deref() == Some(text.as_bytes()) {
            return Ok(false);
        }
        if let Some(old) = &current {
            write_atomic(&backup_path(&self.path), old)?;
        }
        write_atomic(&self.path, text.as_bytes())?;
        self.seen = Some(fingerprint(text.as_bytes()));
        self.base = Some(text.into_bytes());
        Ok(true)
    }

    /// The bytes this process last read from or wrote to the file.
    pub fn base_text(&self) -> Option<&[u8]> {
        self.base.as_deref()
    }

    /// What the file holds now (`None` if it was removed), whoever wrote it.
    pub fn read_disk(&self) -> Result<Option<Vec<u8>>, StoreError> {
        match fs::read(&self.path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::Io {
                path: self.path.clone(),
                action: "read",
                source: e,
            }),
        }
    }

    /// Takes what is on disk now (from [`WorkbookFile::read_disk`]) as the
    /// version this process has seen: the next save replaces it. For a
    /// merge with, or a reload of, a file someone else changed.
    pub fn adopt(&mut self, disk: Option<Vec<u8>>) {
        self.seen = disk.as_deref().map(fingerprint);
        self.base = disk;
    }
}

/// Removes temporary files a killed save left beside the workbook. Only
/// called with the lock held, so no other peerbook is writing them.
fn remove_stale_temps(path: &Path) {
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
/// the old bytes or the new ones.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = open_private(&tmp, true).map_err(io_err(&tmp, "create"))?;
        // Keep the permissions the owner gave an existing file.
        if let Ok(meta) = fs::metadata(path) {
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
