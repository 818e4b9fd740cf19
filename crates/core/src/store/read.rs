//! The capped read: only regular files, none larger than
//! [`MAX_FILE_BYTES`], checked on the opened file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::error::{MAX_FILE_BYTES, StoreError, io_err};

/// What a file's type is, in words, for one that is not a regular file.
pub(crate) fn kind_of(t: fs::FileType) -> &'static str {
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

/// Which file a path named when it was read: its device and inode, length
/// and time of last change. A second name made for it later (a hard link)
/// that gives the same is the same file, unchanged since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl FileId {
    fn of(meta: &fs::Metadata) -> FileId {
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        FileId {
            dev,
            ino,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// The file at `path` now, if there is one.
    pub fn at(path: &Path) -> Option<FileId> {
        fs::metadata(path).ok().map(|m| FileId::of(&m))
    }

    /// Whether this names a file at all: where the system gives no inode
    /// numbers, two ids never compare as the same file.
    pub fn is_known(&self) -> bool {
        cfg!(unix)
    }
}

/// Whether the file at `path` holds exactly `want` (`None`: that there is
/// no file), compared as it is read, a block at a time, so a save's check
/// that nobody changed the workbook costs neither a second copy of it in
/// memory nor a hash of it. Something other than a regular file is an
/// error, as for [`read_capped`].
pub fn holds(path: &Path, want: Option<&[u8]>) -> Result<bool, StoreError> {
    match want {
        Some(want) => Ok(holds_file(path, want)?.is_some()),
        None => match open_to_read(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
            Err(e) => Err(io_err(path, "read")(e)),
            Ok(file) => {
                let meta = file.metadata().map_err(io_err(path, "read"))?;
                if !meta.is_file() {
                    return Err(StoreError::NotRegular {
                        path: path.to_path_buf(),
                        kind: kind_of(meta.file_type()),
                    });
                }
                Ok(false)
            }
        },
    }
}

/// As [`holds`] for a file that must be there: which file it was (its
/// [`FileId`], taken from the opened file) when it holds exactly `want`,
/// `None` when it is missing or holds something else.
pub fn holds_file(path: &Path, want: &[u8]) -> Result<Option<FileId>, StoreError> {
    let file = match open_to_read(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path, "read")(e)),
    };
    let meta = file.metadata().map_err(io_err(path, "read"))?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(meta.file_type()),
        });
    }
    let id = FileId::of(&meta);
    if meta.len() != want.len() as u64 {
        return Ok(None);
    }
    let mut file = file.take(want.len() as u64 + 1);
    let mut block = vec![0u8; 64 * 1024];
    let mut at = 0;
    loop {
        let n = match file.read(&mut block) {
            Ok(0) => return Ok((at == want.len()).then_some(id)),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err(path, "read")(e)),
        };
        if want.get(at..at + n) != Some(&block[..n]) {
            return Ok(None);
        }
        at += n;
    }
}

#[cfg(test)]
mod holds_tests {
    use super::holds;

    #[test]
    fn a_file_holds_its_bytes_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wb.yaml");
        assert!(holds(&path, None).unwrap(), "no file, none wanted");
        assert!(!holds(&path, Some(b"x")).unwrap());
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &big).unwrap();
        assert!(holds(&path, Some(&big)).unwrap());
        assert!(!holds(&path, None).unwrap());
        let mut late = big.clone();
        *late.last_mut().unwrap() ^= 1;
        assert!(
            !holds(&path, Some(&late)).unwrap(),
            "a change in the last block"
        );
        assert!(
            !holds(&path, Some(&big[..big.len() - 1])).unwrap(),
            "shorter"
        );
        assert!(
            holds(dir.path(), Some(b"")).is_err(),
            "a folder is not a file"
        );
    }
}
