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
