//! Keeping workbooks on disk without ever losing one: atomic saves with a
//! `.bak` of the previous version, a sidecar lock naming its holder, a
//! refusal to overwrite a file changed by someone else, owner-only files.
//!
//! Nothing is let in either: only regular files are read, none larger than
//! [`MAX_FILE_BYTES`] ([`read_capped`]); a workbook is locked, backed up and
//! saved where it really is, through any symbolic link; one whose owner made
//! it read-only (or in a folder that cannot be written) opens read-only; and
//! a lock path that is a link, a folder, a pipe or a second name of another
//! file is refused, never followed, truncated or shown raw.
//!
//! (Over 600 lines until issue 11 makes it `store/`: the lock, the atomic
//! write and the capped read are each one part of it, kept together because
//! they share the error type and the private-file helpers.)

pub mod paths;
pub mod recover;
pub mod session;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diag::Diagnostics;
use crate::workbook::{self, LoadError, Workbook};

/// The largest file peerbook reads: the YAML reader's limit
/// ([`crate::yaml::MAX_BYTES`], 64 MiB), for every kind of file.
pub const MAX_FILE_BYTES: u64 = crate::yaml::MAX_BYTES as u64;

/// How much of a lock file is read to say who holds it.
const LOCK_READ_BYTES: u64 = 4096;

/// The most characters of a lock's holder that are shown.
pub const HOLDER_CHARS: usize = 200;

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
    fn shown_as(self, shown: &Path) -> StoreError {
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

/// What a file's type is, in words, for one that is not a regular file.
fn kind_of(t: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "something other than a file"
    }
}

/// Opens a file for reading without waiting: a named pipe with no writer
/// would otherwise hold `open` forever.
fn open_to_read(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Reads a whole file that peerbook is asked to load (a workbook, a
/// framework, a CSV, `keys.yaml`), refusing at once, before reading
/// anything, one that is not a regular file (a pipe, a device, a folder)
/// or is larger than [`MAX_FILE_BYTES`]. The checks are made on the opened
/// file, so the path cannot be swapped between check and read.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, StoreError> {
    let file = open_to_read(path).map_err(io_err(path, "read"))?;
    let meta = file.metadata().map_err(io_err(path, "read"))?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(meta.file_type()),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    // A file may say it is empty and hold more (as in /proc), or grow while
    // read: never read past the cap.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err(path, "read"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
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

/// The folder a file is in (`.` for a bare name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

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
fn write_refusal(path: &Path) -> Option<NotWritable> {
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
fn folder_refusal(path: &Path) -> Option<NotWritable> {
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
    /// The path as the user gave it, for messages.
    pub path: PathBuf,
    /// Where the file really is, symbolic links resolved once at open: it
    /// is locked, backed up and saved there, and a link stays a link.
    real: PathBuf,
    /// Hash of the bytes last read or written: a save first checks the file
    /// still has them.
    seen: Option<[u8; 32]>,
    /// The bytes last read or written: the base a three-way merge with a
    /// file changed on disk starts from.
    base: Option<Vec<u8>>,
    lock: Option<Lock>,
}

/// The real path of an existing file, through any symbolic links.
fn real_path(path: &Path) -> Result<PathBuf, StoreError> {
    fs::canonicalize(path).map_err(io_err(path, "read"))
}

impl WorkbookFile {
    /// Reads a workbook without taking the lock (status, export, validate).
    pub fn read(path: &Path) -> Result<(Workbook, Diagnostics), StoreError> {
        let (_, wb, warnings) = Self::load(path, path.to_path_buf(), None)?;
        Ok((wb, warnings))
    }

    /// Opens a workbook for changing: takes the lock, then reads it. A
    /// workbook that may not be changed here is refused with
    /// [`StoreError::NotWritable`] (the interface then opens it read-only).
    pub fn open(path: &Path) -> Result<(WorkbookFile, Workbook, Diagnostics), StoreError> {
        let real = real_path(path)?;
        // Not a device or a pipe, before a lock is made beside it (the read
        // checks again, on the opened file).
        let meta = fs::metadata(&real).map_err(io_err(path, "read"))?;
        if !meta.is_file() {
            return Err(StoreError::NotRegular {
                path: path.to_path_buf(),
                kind: kind_of(meta.file_type()),
            });
        }
        if let Some(reason) = write_refusal(&real) {
            return Err(StoreError::NotWritable {
                path: path.to_path_buf(),
                reason,
            });
        }
        let lock = Lock::acquire(&real).map_err(|e| e.shown_as(path))?;
        remove_stale_temps(&real);
        Self::load(path, real, Some(lock))
    }

    /// Opens a workbook that another peerbook holds, or that may not be
    /// changed here: it can be read but not saved.
    pub fn open_read_only(
        path: &Path,
    ) -> Result<(WorkbookFile, Workbook, Diagnostics), StoreError> {
        let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        Self::load(path, real, None)
    }

    fn load(
        path: &Path,
        real: PathBuf,
        lock: Option<Lock>,
    ) -> Result<(WorkbookFile, Workbook, Diagnostics), StoreError> {
        let bytes = read_capped(&real).map_err(|e| e.shown_as(path))?;
        let (wb, warnings) = workbook::from_text(&path.display().to_string(), &bytes)
            .map_err(StoreError::Invalid)?;
        let file = WorkbookFile {
            path: path.to_path_buf(),
            real,
            seen: Some(fingerprint(&bytes)),
            base: Some(bytes),
            lock,
        };
        Ok((file, wb, warnings))
    }

    /// Writes a new workbook, refusing to replace an existing file (or
    /// link).
    pub fn create(path: &Path, wb: &Workbook) -> Result<WorkbookFile, StoreError> {
        if fs::symlink_metadata(path).is_ok() {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        let dir = parent_dir(path);
        create_private_dir(&dir).map_err(io_err(&dir, "create the folder"))?;
        let real = match (fs::canonicalize(&dir), path.file_name()) {
            (Ok(d), Some(name)) => d.join(name),
            _ => path.to_path_buf(),
        };
        if let Some(reason) = folder_refusal(&real) {
            return Err(StoreError::NotWritable {
                path: path.to_path_buf(),
                reason,
            });
        }
        let lock = Lock::acquire(&real).map_err(|e| e.shown_as(path))?;
        let mut f = WorkbookFile {
            path: path.to_path_buf(),
            real,
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

    /// Where the file really is (the path given, links resolved).
    pub fn real_path(&self) -> &Path {
        &self.real
    }

    /// Where the previous version is kept: beside the real file.
    pub fn backup_path(&self) -> PathBuf {
        backup_path(&self.real)
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
        let current = match read_capped(&self.real) {
            Ok(b) => Some(b),
            Err(e) if e.is_not_found() => None,
            Err(e) => return Err(e.shown_as(&self.path)),
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
            // Made read-only while open: not overwritten either.
            if let Some(reason) = write_refusal(&self.real) {
                return Err(StoreError::NotWritable {
                    path: self.path.clone(),
                    reason,
                });
            }
            write_atomic(&backup_path(&self.real), old)?;
        }
        write_atomic(&self.real, text.as_bytes())?;
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

    #[test]
    fn sizes_are_written_as_people_read_them() {
        assert_eq!(size_text(MAX_FILE_BYTES), "64 MiB");
        assert_eq!(size_text(MAX_FILE_BYTES + 1), "64.0 MiB");
        assert_eq!(size_text(100 * 1024 * 1024 + 300 * 1024), "100.3 MiB");
        assert_eq!(size_text(12 * 1024 + 5), "12 KiB");
        assert_eq!(size_text(80), "80 bytes");
    }
}
