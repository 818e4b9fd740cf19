//! The files kept beside a workbook, and the folder it is in.

use std::path::{Path, PathBuf};

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

/// The folder a file is in (`.` for a bare name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
