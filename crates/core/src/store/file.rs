//! A workbook file opened by this process: read, locked, saved only over
//! the version it last saw, with the previous version kept as `.bak`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::access::{folder_refusal, write_refusal};
use super::atomic::{create_private_dir, keep_as, remove_stale_temps, write_atomic};
use super::beside::{backup_path, parent_dir};
use super::error::{StoreError, io_err};
use super::lock::Lock;
use super::read::{holds, holds_file, kind_of, read_capped};
use crate::diag::Diagnostics;
use crate::workbook::{self, Workbook};

/// A workbook file opened by this process.
#[derive(Debug)]
pub struct WorkbookFile {
    /// The path as the user gave it, for messages.
    pub path: PathBuf,
    /// Where the file really is, symbolic links resolved once at open: it
    /// is locked, backed up and saved there, and a link stays a link.
    real: PathBuf,
    /// The bytes last read or written: a save first checks the file still
    /// holds them, and they are the base a three-way merge with a file
    /// changed on disk starts from.
    base: Option<Vec<u8>>,
    lock: Option<Lock>,
}

/// The buffer a save writes its text into, for a file last `len` bytes
/// long: that and an eighth more, and at least 64 KiB.
fn save_buffer(len: usize) -> usize {
    (len + len / 8).max(64 * 1024)
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
        // Sized to the file it replaces, with room for what was typed
        // since (a text that outgrows it still comes out whole).
        let text = match self.base.as_deref() {
            Some(old) => workbook::to_text_sized(wb, save_buffer(old.len())),
            None => workbook::to_text(wb),
        };
        // The file must still hold what was read or written last: compared
        // as it is read, without a second copy of it. Which file that was
        // is kept, so the backup of it need not be read again.
        let shown = |e: StoreError| e.shown_as(&self.path);
        let (unchanged, checked) = match self.base.as_deref() {
            Some(old) => {
                let id = holds_file(&self.real, old).map_err(shown)?;
                (id.is_some(), id)
            }
            None => (holds(&self.real, None).map_err(shown)?, None),
        };
        if !unchanged {
            return Err(StoreError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        if self.base.as_deref() == Some(text.as_bytes()) {
            return Ok(false);
        }
        if let Some(old) = &self.base {
            // Made read-only while open: not overwritten either.
            if let Some(reason) = write_refusal(&self.real) {
                return Err(StoreError::NotWritable {
                    path: self.path.clone(),
                    reason,
                });
            }
            keep_as(&self.real, &backup_path(&self.real), old, checked.as_ref())?;
        }
        write_atomic(&self.real, text.as_bytes())?;
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
        self.base = disk;
    }
}
