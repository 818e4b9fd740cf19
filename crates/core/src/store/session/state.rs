//! What the status bar says about saving, and what an open workbook
//! could not do: the session's typed states and errors.

use std::path::PathBuf;
use std::sync::Arc;

use crate::review::merge;
use crate::store::{NotWritable, StoreError};
use crate::workbook::LoadError;

/// What the status bar says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Changed, waiting for a pause in typing (at most a second).
    Pending,
    Saving,
    /// The last save failed; it is retried, and the changes are kept.
    Error(SaveFailure),
    /// The file on disk is not the one this peerbook loaded or last wrote:
    /// nothing is written until the user chooses what to do.
    ChangedOnDisk,
    /// The workbook can be read but not saved here.
    ReadOnly(ReadOnly),
}

/// Why a workbook is open read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another peerbook holds its lock: who, as its lock file says.
    HeldBy(String),
    /// No other peerbook holds it, but peerbook may not change it here:
    /// its permissions, its folder's, a read-only disk.
    NotWritable(NotWritable),
}

impl std::fmt::Display for ReadOnly {
    /// What follows "read-only" in words: "open in another peerbook: WHO"
    /// or "because REASON".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnly::HeldBy(holder) => write!(f, "open in another peerbook: {holder}"),
            ReadOnly::NotWritable(reason) => write!(f, "because {reason}"),
        }
    }
}

/// Why the last save failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SaveFailure {
    #[error(transparent)]
    Store(Arc<StoreError>),
    #[error("the saver stopped")]
    SaverStopped,
}

/// Two failures are the same when they say the same (an I/O error cannot
/// be compared otherwise): the status bar shows no change between them.
impl PartialEq for SaveFailure {
    fn eq(&self, other: &SaveFailure) -> bool {
        match (self, other) {
            (SaveFailure::Store(a), SaveFailure::Store(b)) => {
                Arc::ptr_eq(a, b) || a.to_string() == b.to_string()
            }
            (SaveFailure::SaverStopped, SaveFailure::SaverStopped) => true,
            _ => false,
        }
    }
}

impl Eq for SaveFailure {}

/// What an open workbook could not do, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Merge or reload asked of a workbook open read-only.
    #[error("this workbook is read-only")]
    ReadOnly,
    /// Closing with changes a file changed on disk kept from being saved.
    #[error("the file was changed on disk by another program, so it was not overwritten")]
    ChangedOnDisk,
    /// Closing after the last save failed.
    #[error("{0}")]
    NotSaved(SaveFailure),
    /// Closing while a save was still under way.
    #[error("saving did not finish")]
    Unfinished,
    /// The file on disk no longer reads, so nothing can be merged with it.
    #[error(
        "the file on disk no longer reads as a workbook, so there is nothing to merge with ({}); save yours to another file",
        .0.0.to_string().trim_end()
    )]
    DiskNotAWorkbook(LoadError),
    /// The file on disk (to reload) or the last saved version (the base of
    /// a merge) does not read as a workbook.
    #[error("{0}")]
    Invalid(LoadError),
    /// The file on disk is a copy of another workbook now.
    #[error("the file on disk is now a different workbook ({reason}); save yours to another file")]
    DifferentWorkbook { reason: String },
    #[error("{0}")]
    Merge(merge::MergeError),
    /// Reload asked after the file was removed.
    #[error(
        "{} is no longer there, so there is nothing to reload; save yours again or to another file",
        .0.display()
    )]
    Removed(PathBuf),
}

impl SaveState {
    pub fn label(&self) -> String {
        match self {
            SaveState::Saved => "saved".into(),
            SaveState::Pending => "unsaved changes".into(),
            SaveState::Saving => "saving…".into(),
            SaveState::Error(e) => format!("NOT SAVED: {e}"),
            SaveState::ChangedOnDisk => {
                "NOT SAVED: the file was changed on disk by another program".into()
            }
            SaveState::ReadOnly(_) => "read-only".into(),
        }
    }

    /// Whether the status bar should show this as a problem.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            SaveState::Error(_) | SaveState::ChangedOnDisk | SaveState::ReadOnly(_)
        )
    }
}
