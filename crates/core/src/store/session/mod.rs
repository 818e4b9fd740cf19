//! The open workbook: the domain model, and a saver thread that writes it
//! through the core without blocking typing.
//!
//! Nothing typed is dropped: a change counts as unsaved until a save of it
//! (or of a later revision) has succeeded. A failed save is retried on a
//! back-off and after every edit; a file someone else changed on disk is
//! never overwritten, and can be merged with, saved elsewhere or reloaded.
//!
//! Its states and errors are in `state.rs`, its tests in `tests.rs`.

mod state;
#[cfg(test)]
mod tests;

pub use state::{ReadOnly, SaveFailure, SaveState, SessionError};

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::review::merge;
use crate::store::{StoreError, WorkbookFile};
use crate::workbook::{self, Workbook};

/// Saves after this long without a change…
const QUIET: Duration = Duration::from_millis(300);
/// …or this long after the first unsaved change, whichever comes first.
const MAX_WAIT: Duration = Duration::from_millis(900);
/// The first retry after a failed save, doubled after each failure…
const RETRY_FIRST: Duration = Duration::from_secs(1);
/// …up to this.
const RETRY_MAX: Duration = Duration::from_secs(30);

type Shared = Arc<Mutex<WorkbookFile>>;

fn lock(file: &Shared) -> MutexGuard<'_, WorkbookFile> {
    // A panic while saving leaves the file as it was: keep using it.
    file.lock().unwrap_or_else(|p| p.into_inner())
}

struct Job {
    revision: u64,
    wb: Box<Workbook>,
}

struct Done {
    revision: u64,
    result: Result<(), StoreError>,
}

struct Saver {
    tx: Option<Sender<Job>>,
    rx: Receiver<Done>,
    handle: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Saver {
    fn start(file: Shared) -> Saver {
        let (tx, job_rx) = mpsc::channel::<Job>();
        let (done_tx, rx) = mpsc::channel();
        let handle = std::thread::spawn(move || {
            while let Ok(job) = job_rx.recv() {
                let result = lock(&file).save(&job.wb).map(|_| ());
                let done = Done {
                    revision: job.revision,
                    result,
                };
                if done_tx.send(done).is_err() {
                    break;
                }
            }
        });
        Saver {
            tx: Some(tx),
            rx,
            handle: Some(handle),
            in_flight: 0,
        }
    }

    /// Lets the thread finish what it was given and waits for it.
    fn stop(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// What merging with a file changed on disk did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedWithDisk {
    pub taken: usize,
    pub conflicts: usize,
    /// The file had been removed: there was nothing to merge with.
    pub was_removed: bool,
}

pub struct Doc {
    pub wb: Workbook,
    pub path: PathBuf,
    pub state: SaveState,
    /// A message to show once (a stale lock taken over, warnings on load).
    pub notice: Option<String>,
    file: Option<Shared>,
    saver: Option<Saver>,
    first_change: Option<Instant>,
    last_change: Option<Instant>,
    /// Bumped on every change, so views can cache what they derive.
    pub revision: u64,
    /// The newest revision known to be on disk.
    saved_revision: u64,
    /// Why the last save failed, while it has not been retried successfully.
    failure: Option<SaveFailure>,
    changed_on_disk: bool,
    /// When to retry a failed save, and the wait after the next failure.
    retry_at: Option<Instant>,
    retry_delay: Duration,
}

impl Doc {
    /// Opens a workbook for editing; if another peerbook holds it, opens it
    /// read-only and says who holds it.
    pub fn open(path: &Path) -> Result<Doc, SessionError> {
        match WorkbookFile::open(path) {
            Ok((file, wb, warnings)) => {
                let mut notice = file.lock_notice();
                if !warnings.0.is_empty() {
                    notice = Some(format!(
                        "{} warning(s) on load: {}",
                        warnings.0.len(),
                        warnings.0[0].message
                    ));
                }
                let mut doc = Doc::writable(wb, path, file);
                doc.notice = notice;
                Ok(doc)
            }
            Err(StoreError::Locked { holder, .. }) => {
                let (_, wb, _) = WorkbookFile::open_read_only(path)?;
                Ok(Doc::read_only(wb, path, holder))
            }
            // Read-only for a reason of its own (its permissions, its
            // folder's, a read-only disk): the banner gives it.
            Err(StoreError::NotWritable { reason, .. }) => {
                let (_, wb, _) = WorkbookFile::open_read_only(path)?;
                Ok(Doc::new(
                    wb,
                    path,
                    SaveState::ReadOnly(ReadOnly::NotWritable(reason)),
                ))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Copies the workbook at `from` to a new file `to` and opens the copy
    /// for editing (the original is only read: another peerbook may hold it).
    pub fn copy_of(from: &Path, to: &Path) -> Result<Doc, SessionError> {
        let (wb, _) = WorkbookFile::read(from)?;
        let file = WorkbookFile::create(to, &wb)?;
        Ok(Doc::writable(wb, to, file))
    }

    fn writable(wb: Workbook, path: &Path, file: WorkbookFile) -> Doc {
        let file = Arc::new(Mutex::new(file));
        let mut doc = Doc::new(wb, path, SaveState::Saved);
        doc.saver = Some(Saver::start(Arc::clone(&file)));
        doc.file = Some(file);
        doc
    }

    /// A workbook that cannot be saved because another peerbook, named by
    /// `holder`, holds it (or, for tests, as if one did).
    pub fn read_only(wb: Workbook, path: &Path, holder: String) -> Doc {
        Doc::new(wb, path, SaveState::ReadOnly(ReadOnly::HeldBy(holder)))
    }

    /// A workbook not being saved, in `state`.
    fn new(wb: Workbook, path: &Path, state: SaveState) -> Doc {
        Doc {
            wb,
            path: path.to_path_buf(),
            state,
            notice: None,
            file: None,
            saver: None,
            first_change: None,
            last_change: None,
            revision: 0,
            saved_revision: 0,
            failure: None,
            changed_on_disk: false,
            retry_at: None,
            retry_delay: RETRY_FIRST,
        }
    }

    /// A workbook held only in memory: editable, never written. For tests
    /// and benchmarks.
    pub fn detached(wb: Workbook, path: &Path) -> Doc {
        Doc::new(wb, path, SaveState::Saved)
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.state, SaveState::ReadOnly(_))
    }

    /// Whether there are changes that are not on disk yet.
    pub fn has_unsaved(&self) -> bool {
        self.file.is_some() && self.saved_revision < self.revision
    }

    /// Whether saving waits for the user because the file changed on disk.
    pub fn is_changed_on_disk(&self) -> bool {
        self.changed_on_disk
    }

    /// The status bar's words on saving, with when a failed save is tried
    /// again. (The key that settles a file changed on disk is the view's to
    /// add: it comes from the keymap.)
    pub fn status_label(&self, now: Instant) -> String {
        if let (SaveState::Error(e), Some(at)) = (&self.state, self.retry_at) {
            // The retry first: the reason may be longer than the bar.
            let secs = at.saturating_duration_since(now).as_secs_f32().ceil() as u64;
            return format!("NOT SAVED, retrying in {secs} s: {e}");
        }
        self.state.label()
    }

    /// Records that the workbook changed; it is saved within a second. A
    /// save that failed is tried again with it.
    pub fn changed(&mut self) {
        self.revision += 1;
        if self.is_read_only() {
            return;
        }
        let now = Instant::now();
        self.first_change.get_or_insert(now);
        self.last_change = Some(now);
        self.refresh_state();
    }

    /// Called often: starts a save when typing pauses, a second has passed
    /// or a retry is due, and collects finished saves.
    pub fn tick(&mut self, now: Instant) {
        self.collect(now);
        if let (Some(first), Some(last)) = (self.first_change, self.last_change)
            && (now.duration_since(last) >= QUIET || now.duration_since(first) >= MAX_WAIT)
        {
            self.save_now();
        }
        let idle = self.saver.as_ref().is_some_and(|s| s.in_flight == 0);
        if idle && self.retry_at.is_some_and(|at| now >= at) {
            self.save_now();
        }
    }

    /// Sends the workbook to the saver at once (unless the file changed on
    /// disk: then nothing is written until the user chooses).
    pub fn save_now(&mut self) {
        if self.changed_on_disk {
            self.first_change = None;
            self.last_change = None;
            return;
        }
        let Some(saver) = &mut self.saver else {
            return;
        };
        self.first_change = None;
        self.last_change = None;
        self.retry_at = None;
        let job = Job {
            revision: self.revision,
            wb: Box::new(self.wb.clone()),
        };
        match saver.tx.as_ref().map(|tx| tx.send(job)) {
            Some(Ok(())) => saver.in_flight += 1,
            _ => self.failure = Some(SaveFailure::SaverStopped),
        }
        self.refresh_state();
    }

    fn collect(&mut self, now: Instant) {
        let Some(saver) = &mut self.saver else {
            return;
        };
        let mut results = Vec::new();
        while let Ok(done) = saver.rx.try_recv() {
            saver.in_flight = saver.in_flight.saturating_sub(1);
            results.push(done);
        }
        for done in results {
            self.settle(done, now);
        }
    }

    fn settle(&mut self, done: Done, now: Instant) {
        match done.result {
            Ok(()) => {
                self.saved_revision = self.saved_revision.max(done.revision);
                self.failure = None;
                self.retry_at = None;
                self.retry_delay = RETRY_FIRST;
            }
            Err(StoreError::ChangedOnDisk { .. }) => {
                self.changed_on_disk = true;
                self.retry_at = None;
            }
            Err(e) => {
                self.failure = Some(SaveFailure::Store(Arc::new(e)));
                self.retry_at = Some(now + self.retry_delay);
                self.retry_delay = (self.retry_delay * 2).min(RETRY_MAX);
            }
        }
        self.refresh_state();
    }

    fn refresh_state(&mut self) {
        if self.is_read_only() {
            return;
        }
        let in_flight = self.saver.as_ref().map_or(0, |s| s.in_flight);
        self.state = if self.changed_on_disk {
            SaveState::ChangedOnDisk
        } else if let Some(f) = &self.failure {
            SaveState::Error(f.clone())
        } else if in_flight > 0 {
            SaveState::Saving
        } else if self.saved_revision < self.revision {
            // (A detached workbook, never written, stays here.)
            SaveState::Pending
        } else {
            SaveState::Saved
        };
    }

    /// When the next tick should come: to start a pending save or a retry.
    pub fn next_deadline(&self) -> Option<Instant> {
        let pending = match (self.first_change, self.last_change) {
            (Some(first), Some(last)) if !self.changed_on_disk => {
                Some((last + QUIET).min(first + MAX_WAIT))
            }
            _ => None,
        };
        match (pending, self.retry_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Saves what is unsaved and waits up to `wait` for it, collecting the
    /// result. Returns whether everything is on disk.
    pub fn flush(&mut self, wait: Duration) -> bool {
        if self.has_unsaved() {
            self.save_now();
        }
        let deadline = Instant::now() + wait;
        while let Some(saver) = &mut self.saver {
            if saver.in_flight == 0 {
                break;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match saver.rx.recv_timeout(left) {
                Ok(done) => {
                    saver.in_flight -= 1;
                    self.settle(done, Instant::now());
                }
                Err(_) => break,
            }
        }
        !self.has_unsaved()
    }

    /// Saves what is unsaved, waits for it and stops the saver: for
    /// quitting. Says why if anything could not be saved.
    pub fn close(&mut self) -> Result<(), SessionError> {
        let saved = self.flush(Duration::from_secs(30));
        if let Some(mut s) = self.saver.take() {
            s.stop();
        }
        if saved {
            return Ok(());
        }
        Err(match &self.state {
            SaveState::ChangedOnDisk => SessionError::ChangedOnDisk,
            SaveState::Error(f) => SessionError::NotSaved(f.clone()),
            _ => SessionError::Unfinished,
        })
    }

    /// Drops the changes not yet saved (the user said so twice) and stops
    /// saving; the file stays as it is on disk.
    pub fn discard(&mut self) {
        if let Some(mut s) = self.saver.take() {
            s.stop();
        }
        self.saved_revision = self.revision;
        self.first_change = None;
        self.last_change = None;
    }

    /// The workbook as it would be saved, for a recovered copy.
    pub fn text(&self) -> String {
        workbook::to_text(&self.wb)
    }

    /// Waits for saves in flight, so the file is not written under us.
    fn wait_idle(&mut self) {
        let _ = self.flush(Duration::from_secs(30));
    }

    /// Saves the workbook to a new file and goes on editing that one; the
    /// old file is left as it is and its lock released. For a read-only
    /// workbook this is "open a copy": the copy is editable.
    pub fn save_as(&mut self, to: &Path) -> Result<(), SessionError> {
        if !self.is_read_only() {
            // Finish what is in flight first: the new file starts from now.
            self.first_change = None;
            self.last_change = None;
            if let Some(s) = &mut self.saver {
                while s.in_flight > 0 {
                    match s.rx.recv_timeout(Duration::from_secs(30)) {
                        Ok(_) => s.in_flight -= 1,
                        Err(_) => break,
                    }
                }
            }
        }
        let file = WorkbookFile::create(to, &self.wb)?;
        if let Some(mut s) = self.saver.take() {
            s.stop();
        }
        // The old file's last handle goes here, and its lock with it.
        let file = Arc::new(Mutex::new(file));
        self.saver = Some(Saver::start(Arc::clone(&file)));
        self.file = Some(file);
        self.path = to.to_path_buf();
        self.failure = None;
        self.changed_on_disk = false;
        self.retry_at = None;
        self.retry_delay = RETRY_FIRST;
        self.revision += 1;
        self.saved_revision = self.revision;
        self.state = SaveState::Saved;
        Ok(())
    }

    /// Merges the changes made here since the last save into the file as
    /// it is on disk now, three ways with the last saved version as the
    /// base; fields both sides changed differently keep the disk's value
    /// and are listed under `conflicts:`, as `peerbook merge` does. The
    /// result is saved at once.
    pub fn merge_with_disk(&mut self) -> Result<MergedWithDisk, SessionError> {
        let Some(file) = self.file.clone() else {
            return Err(SessionError::ReadOnly);
        };
        self.wait_idle();
        let mut f = lock(&file);
        let label = f.path.display().to_string();
        let disk = f.read_disk()?;
        let Some(bytes) = disk else {
            // Removed: what is here is all there is.
            f.adopt(None);
            drop(f);
            self.after_disk_settled();
            return Ok(MergedWithDisk {
                taken: 0,
                conflicts: 0,
                was_removed: true,
            });
        };
        let (theirs, _) =
            workbook::from_text(&label, &bytes).map_err(SessionError::DiskNotAWorkbook)?;
        let base = match f.base_text() {
            Some(b) => workbook::from_text(&label, b)
                .map(|(wb, _)| wb)
                .map_err(SessionError::Invalid)?,
            None => theirs.clone(),
        };
        let copies = [
            merge::Copy {
                label: "the file on disk".into(),
                workbook: &theirs,
            },
            merge::Copy {
                label: "your changes".into(),
                workbook: &self.wb,
            },
        ];
        let merged = merge::merge(&base, &copies).map_err(|e| match e {
            merge::MergeError::NotACopy { reason, .. } => {
                SessionError::DifferentWorkbook { reason }
            }
            other => SessionError::Merge(other),
        })?;
        f.adopt(Some(bytes));
        drop(f);
        let outcome = MergedWithDisk {
            taken: merged.changes.len(),
            conflicts: merged.conflicts.len(),
            was_removed: false,
        };
        self.wb = merged.workbook;
        self.after_disk_settled();
        Ok(outcome)
    }

    /// Replaces the workbook with the file as it is on disk, dropping the
    /// changes made here since the last save.
    pub fn reload(&mut self) -> Result<(), SessionError> {
        let Some(file) = self.file.clone() else {
            return Err(SessionError::ReadOnly);
        };
        self.wait_idle();
        let mut f = lock(&file);
        let label = f.path.display().to_string();
        let Some(bytes) = f.read_disk()? else {
            return Err(SessionError::Removed(f.path.clone()));
        };
        let (wb, _) = workbook::from_text(&label, &bytes).map_err(SessionError::Invalid)?;
        f.adopt(Some(bytes));
        drop(f);
        self.wb = wb;
        self.changed_on_disk = false;
        self.failure = None;
        self.revision += 1;
        self.saved_revision = self.revision;
        self.first_change = None;
        self.last_change = None;
        self.refresh_state();
        Ok(())
    }

    /// After a merge with the disk: the workbook changed and is saved now.
    fn after_disk_settled(&mut self) {
        self.changed_on_disk = false;
        self.failure = None;
        self.revision += 1;
        self.save_now();
    }
}

impl Drop for Doc {
    fn drop(&mut self) {
        let _ = self.close();
    }
}
