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
//! Its parts, each in a file of its own: [`error`] (what can go wrong, in
//! words), [`read`] (the capped read), [`beside`] (the lock, backup and
//! folder paths), [`access`] (may peerbook change a file), [`lock`] (the
//! sidecar lock), [`atomic`] (the atomic write and owner-only folders) and
//! [`file`] (the workbook file, built from the others).

pub mod access;
pub mod atomic;
pub mod bases;
pub mod bases_prune;
pub mod beside;
pub mod error;
pub mod file;
pub mod lock;
pub mod paths;
pub mod read;
pub mod recover;
pub mod session;

pub use access::check_replaceable;
pub use atomic::{create_private_dir, write_atomic, write_private};
pub use beside::{backup_path, lock_path};
pub use error::{MAX_FILE_BYTES, NotWritable, StoreError};
pub use file::WorkbookFile;
pub use lock::{HOLDER_CHARS, Lock, describe_holder, holder_description, read_holder};
pub use read::read_capped;
