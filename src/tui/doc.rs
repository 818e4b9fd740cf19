//! The open workbook: the domain model, and a saver thread that writes it
//! through the core without blocking typing.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::store::{StoreError, WorkbookFile};
use crate::workbook::Workbook;

/// What the status bar says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Changed, waiting for a pause in typing (at most a second).
    Pending,
    Saving,
    Error(String),
    /// Another peerbook holds the workbook.
    ReadOnly(String),
}

impl SaveState {
    pub fn label(&self) -> String {
        match self {
            SaveState::Saved => "saved".into(),
            SaveState::Pending => "unsaved changes".into(),
            SaveState::Saving => "saving…".into(),
            SaveState::Error(e) => format!("NOT SAVED: {e}"),
            SaveState::ReadOnly(_) => "read-only".into(),
        }
    }
}

/// Saves after this long without a change…
const QUIET: Duration = Duration::from_millis(300);
/// …or this long after the first unsaved change, whichever comes first.
const MAX_WAIT: Duration = Duration::from_millis(900);

enum Msg {
    Save(Box<Workbook>),
    Stop,
}

struct Saver {
    tx: Sender<Msg>,
    rx: Receiver<Result<(), String>>,
    handle: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Saver {
    fn start(mut file: WorkbookFile) -> Saver {
        let (tx, job_rx) = mpsc::channel::<Msg>();
        let (done_tx, rx) = mpsc::channel();
        let handle = std::thread::spawn(move || {
            while let Ok(msg) = job_rx.recv() {
                let Msg::Save(wb) = msg else { break };
                let result = file.save(&wb).map(|_| ()).map_err(|e| match e {
                    StoreError::ChangedOnDisk { .. } => {
                        "the file was changed on disk by another program; your changes are kept here, save them elsewhere or reopen".to_string()
                    }
                    other => other.to_string(),
                });
                if done_tx.send(result).is_err() {
                    break;
                }
            }
        });
        Saver {
            tx,
            rx,
            handle: Some(handle),
            in_flight: 0,
        }
    }
}

pub struct Doc {
    pub wb: Workbook,
    pub path: PathBuf,
    pub state: SaveState,
    /// A message to show once (a stale lock taken over, warnings on load).
    pub notice: Option<String>,
    saver: Option<Saver>,
    first_change: Option<Instant>,
    last_change: Option<Instant>,
    /// Bumped on every change, so views can cache what they derive.
    pub revision: u64,
}

impl Doc {
    /// Opens a workbook for editing; if another peerbook holds it, opens it
    /// read-only and says who holds it.
    pub fn open(path: &Path) -> Result<Doc, String> {
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
                Ok(Doc {
                    wb,
                    path: path.to_path_buf(),
                    state: SaveState::Saved,
                    notice,
                    saver: Some(Saver::start(file)),
                    first_change: None,
                    last_change: None,
                    revision: 0,
                })
            }
            Err(StoreError::Locked { holder, .. }) => {
                let (_, wb, _) = WorkbookFile::open_read_only(path).map_err(|e| e.to_string())?;
                Ok(Doc::read_only(wb, path, holder))
            }
            // Read-only for a reason of its own (its permissions, its
            // folder's, a read-only disk): the banner gives it, after
            // "READ-ONLY because" (see `view::draw_status`).
            Err(StoreError::NotWritable { reason, .. }) => {
                let (_, wb, _) = WorkbookFile::open_read_only(path).map_err(|e| e.to_string())?;
                Ok(Doc::read_only(wb, path, format!("because {reason}")))
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// A workbook that cannot be saved (held elsewhere, or for tests).
    pub fn read_only(wb: Workbook, path: &Path, holder: String) -> Doc {
        Doc {
            wb,
            path: path.to_path_buf(),
            state: SaveState::ReadOnly(holder),
            notice: None,
            saver: None,
            first_change: None,
            last_change: None,
            revision: 0,
        }
    }

    /// A workbook held only in memory: editable, never written. For tests
    /// and benchmarks.
    pub fn detached(wb: Workbook, path: &Path) -> Doc {
        let mut d = Doc::read_only(wb, path, String::new());
        d.state = SaveState::Saved;
        d
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.state, SaveState::ReadOnly(_))
    }

    /// Records that the workbook changed; it is saved within a second.
    pub fn changed(&mut self) {
        self.revision += 1;
        if self.is_read_only() {
            return;
        }
        let now = Instant::now();
        self.first_change.get_or_insert(now);
        self.last_change = Some(now);
        if !matches!(self.state, SaveState::Error(_)) {
            self.state = SaveState::Pending;
        }
    }

    /// Called often: starts a save when typing pauses or a second has
    /// passed, and collects finished saves.
    pub fn tick(&mut self, now: Instant) {
        self.collect();
        if let (Some(first), Some(last)) = (self.first_change, self.last_change)
            && (now.duration_since(last) >= QUIET || now.duration_since(first) >= MAX_WAIT)
        {
            self.save_now();
        }
    }

    /// Sends the workbook to the saver at once.
    pub fn save_now(&mut self) {
        let Some(saver) = &mut self.saver else {
            return;
        };
        self.first_change = None;
        self.last_change = None;
        if saver.tx.send(Msg::Save(Box::new(self.wb.clone()))).is_ok() {
            saver.in_flight += 1;
            self.state = SaveState::Saving;
        } else {
            self.state = SaveState::Error("the saver stopped".into());
        }
    }

    fn collect(&mut self) {
        let Some(saver) = &mut self.saver else {
            return;
        };
        while let Ok(result) = saver.rx.try_recv() {
            saver.in_flight = saver.in_flight.saturating_sub(1);
            match result {
                Err(e) => self.state = SaveState::Error(e),
                Ok(()) if saver.in_flight == 0 && self.first_change.is_none() => {
                    self.state = SaveState::Saved
                }
                Ok(()) => {}
            }
        }
    }

    /// When the next tick should come to start a pending save.
    pub fn next_deadline(&self) -> Option<Instant> {
        let (first, last) = (self.first_change?, self.last_change?);
        Some((last + QUIET).min(first + MAX_WAIT))
    }

    /// Saves what is unsaved and waits for it: for quitting.
    pub fn close(&mut self) -> Result<(), String> {
        if self.first_change.is_some() {
            self.save_now();
        }
        let Some(mut saver) = self.saver.take() else {
            return Ok(());
        };
        let mut last = Ok(());
        while saver.in_flight > 0 {
            match saver.rx.recv_timeout(Duration::from_secs(30)) {
                Ok(r) => {
                    saver.in_flight -= 1;
                    if r.is_err() {
                        last = r;
                    }
                }
                Err(_) => return Err("saving did not finish".into()),
            }
        }
        let _ = saver.tx.send(Msg::Stop);
        if let Some(h) = saver.handle.take() {
            let _ = h.join();
        }
        if let Err(e) = &last {
            self.state = SaveState::Error(e.clone());
        }
        last
    }
}

impl Drop for Doc {
    fn drop(&mut self) {
        let _ = self.close();
    }
}
