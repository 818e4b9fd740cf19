//! The atomic write: a temporary file beside the target, synced, renamed
//! over it, the folder synced; and owner-only folders.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use super::beside::parent_dir;
use super::error::{StoreError, io_err};
use super::read::FileId;

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

/// Makes `to` hold `bytes`, which are what `from` holds now (the backup
/// kept before a save), as a second name for `from`'s file rather than a
/// copy: the save that follows writes a new file and renames it over
/// `from`, so `to` keeps the old bytes without their being written and
/// synced again. The link is made under a temporary name, checked to hold
/// `bytes` (another program may have replaced `from` since it was read),
/// and renamed over `to`: by its being the same file as `checked` (taken
/// when the save found `from` holding `bytes`, see
/// [`super::read::holds_file`]), or else by reading it. Where a link cannot be made (a file system
/// without them) or holds something else, `bytes` are written as a copy;
/// so they are when others may read `from`, since a backup peerbook makes
/// is readable by its owner only and a link would share `from`'s
/// permissions.
pub fn keep_as(
    from: &Path,
    to: &Path,
    bytes: &[u8],
    checked: Option<&FileId>,
) -> Result<(), StoreError> {
    if !owner_only(from) {
        return write_atomic(to, bytes);
    }
    let dir = parent_dir(to);
    let name = to.file_name().unwrap_or_default().to_string_lossy();
    // Named as a killed save's leftovers are, so [`remove_stale_temps`]
    // finds one a kill left.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(from, &tmp).is_err() {
        return write_atomic(to, bytes);
    }
    // The same file, unchanged since it was read: not read again.
    let known = checked.filter(|c| c.is_known() && FileId::at(&tmp).as_ref() == Some(*c));
    let same = known.is_some() || super::read::holds(&tmp, Some(bytes)).unwrap_or(false);
    if !same || fs::rename(&tmp, to).is_err() {
        let _ = fs::remove_file(&tmp);
        return write_atomic(to, bytes);
    }
    sync_dir(&dir);
    Ok(())
}

/// Whether only the file's owner may read or write it.
fn owner_only(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).is_ok()
    }
}

fn replace_file(path: &Path, bytes: &[u8], keep_permissions: bool) -> Result<(), StoreError> {
    let dir = parent_dir(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // Named `.NAME.PID.tmp`: a killed save's leftover is known by
    // [`remove_stale_temps`], and one this process left (its number came
    // round again) is removed first. Created new (never following a link)
    // and readable by its owner only; removed again if anything fails
    // before the rename.
    let shown = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&shown);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.{}", std::process::id()))
        .suffix(".tmp")
        .rand_bytes(0)
        .tempfile_in(&dir)
        .map_err(io_err(&shown, "create"))?;
    if keep_permissions && let Ok(meta) = fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    tmp.write_all(bytes).map_err(io_err(&shown, "write"))?;
    tmp.as_file().sync_all().map_err(io_err(&shown, "sync"))?;
    crash_point(path);
    tmp.persist(path)
        .map_err(|e| io_err(path, "replace")(e.error))?;
    sync_dir(&dir);
    Ok(())
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

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_owner_only_an_existing_one_keeps_its_mode_and_no_temporary_is_left() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wb.yaml");
        write_atomic(&path, b"one").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(mode(&path), 0o640);
        write_private(&path, b"three").unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(names(dir.path()), ["wb.yaml"]);
    }

    #[test]
    fn a_failed_rename_leaves_the_target_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename over it fails.
        let path = dir.path().join("wb.yaml");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "x").unwrap();
        let err = write_atomic(&path, b"new").unwrap_err().to_string();
        assert!(err.starts_with("could not replace"), "{err}");
        assert_eq!(names(dir.path()), ["wb.yaml"]);
    }

    #[test]
    fn a_killed_saves_temporary_is_recognised_as_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wb.yaml");
        fs::write(&path, "kept").unwrap();
        let left = tempfile::Builder::new()
            .prefix(".wb.yaml.")
            .suffix(".tmp")
            .tempfile_in(dir.path())
            .unwrap();
        let (_, left) = left.keep().unwrap();
        fs::write(dir.path().join(".other.yaml.1.tmp"), "not ours").unwrap();
        assert!(left.exists());
        remove_stale_temps(&path);
        assert_eq!(names(dir.path()), [".other.yaml.1.tmp", "wb.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_of_a_private_file_is_a_link_that_keeps_the_old_bytes_through_the_save() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wb.yaml");
        let bak = dir.path().join("wb.yaml.bak");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&bak, b"older").unwrap();
        keep_as(&path, &bak, b"old", None).unwrap();
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&path), ino(&bak), "one file under two names");
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(
            fs::read(&bak).unwrap(),
            b"old",
            "the backup keeps the old bytes"
        );
        assert_ne!(ino(&path), ino(&bak));
        assert_eq!(names(dir.path()), ["wb.yaml", "wb.yaml.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_is_a_private_copy_when_others_may_read_the_file_or_it_changed_since_read() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wb.yaml");
        let bak = dir.path().join("wb.yaml.bak");
        write_atomic(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        keep_as(&path, &bak, b"old", None).unwrap();
        let meta = fs::metadata(&bak).unwrap();
        assert_ne!(meta.ino(), fs::metadata(&path).unwrap().ino());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::read(&bak).unwrap(), b"old");
        // Private, but replaced by someone else since it was read: the
        // backup holds what was read, not what is there now.
        fs::remove_file(&bak).unwrap();
        write_private(&path, b"theirs").unwrap();
        keep_as(&path, &bak, b"old", None).unwrap();
        assert_eq!(fs::read(&bak).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["wb.yaml", "wb.yaml.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_checked_by_which_file_it_is_still_holds_what_was_read() {
        use super::super::read::holds_file;
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wb.yaml");
        let bak = dir.path().join("wb.yaml.bak");
        write_private(&path, b"read").unwrap();
        // Checked as the save checks it, and still that file: linked.
        let id = holds_file(&path, b"read").unwrap();
        assert!(id.is_some());
        keep_as(&path, &bak, b"read", id.as_ref()).unwrap();
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&path), ino(&bak));
        assert_eq!(fs::read(&bak).unwrap(), b"read");
        // Checked, then replaced by another program before the backup is
        // made: the link is another file, so the bytes read are kept.
        write_private(&path, b"read again").unwrap();
        let id = holds_file(&path, b"read again").unwrap();
        assert!(id.is_some());
        write_private(&path, b"theirs!!!!").unwrap();
        keep_as(&path, &bak, b"read again", id.as_ref()).unwrap();
        assert_eq!(fs::read(&bak).unwrap(), b"read again");
        assert_ne!(ino(&path), ino(&bak));
        assert_eq!(fs::read(&path).unwrap(), b"theirs!!!!");
        assert_eq!(names(dir.path()), ["wb.yaml", "wb.yaml.bak"]);
        // A file that holds something else gives no id.
        assert_eq!(holds_file(&path, b"read again").unwrap(), None);
        assert_eq!(holds_file(&dir.path().join("none"), b"x").unwrap(), None);
    }
}
