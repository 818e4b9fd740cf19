//! Whether the terminal is still there, asked before crossterm reads it.
//!
//! crossterm's Unix event source spins inside `event::poll` once its
//! terminal has gone (the read returns 0 bytes or `EIO` and it retries at
//! once; crossterm issue 793): the timeout is never reached, so the loop
//! never sees the hang-up, never saves, and burns a core for as long as the
//! process lives. That happens whenever nothing sends `SIGHUP`, or the
//! signal arrives while crossterm is already spinning. So the loop waits on
//! the terminal itself with `poll(2)`, which reports a hang-up as such, and
//! calls crossterm only when there is something to read.

use std::time::Duration;

/// What waiting on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Bytes to read, or a signal (a resize) for crossterm to look at.
    Ready,
    /// Nothing within the time given.
    Quiet,
    /// The terminal has hung up or can no longer be read.
    Gone,
}

#[cfg(unix)]
mod imp {
    use super::Wait;
    use std::fs::File;
    use std::io::IsTerminal;
    use std::os::fd::{AsRawFd, RawFd};
    use std::time::Duration;

    /// The terminal crossterm reads: standard input when it is one, or
    /// else `/dev/tty`, as crossterm chooses.
    pub struct Tty {
        fd: RawFd,
        _owned: Option<File>,
    }

    impl Tty {
        pub fn open() -> Option<Tty> {
            if std::io::stdin().is_terminal() {
                return Some(Tty {
                    fd: std::io::stdin().as_raw_fd(),
                    _owned: None,
                });
            }
            let f = File::open("/dev/tty").ok()?;
            Some(Tty {
                fd: f.as_raw_fd(),
                _owned: Some(f),
            })
        }

        pub fn wait(&self, timeout: Duration) -> Wait {
            match self.poll(timeout) {
                // A signal: resizes reach crossterm this way. Look again,
                // without waiting, in case the signal was the hang-up.
                None => match self.poll(Duration::ZERO) {
                    None => Wait::Ready,
                    Some(w) => w,
                },
                Some(w) => w,
            }
        }

        /// One `poll(2)`; `None` when a signal interrupted it.
        fn poll(&self, timeout: Duration) -> Option<Wait> {
            let mut p = libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = timeout.as_millis().min(i32::MAX as u128) as libc::c_int;
            // SAFETY: one valid pollfd, for the length given.
            let n = unsafe { libc::poll(&mut p, 1, ms) };
            if n < 0 {
                return match std::io::Error::last_os_error().kind() {
                    std::io::ErrorKind::Interrupted => None,
                    _ => Some(Wait::Gone),
                };
            }
            Some(if n == 0 {
                Wait::Quiet
            } else if p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                Wait::Gone
            } else {
                Wait::Ready
            })
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::Wait;
    use std::time::Duration;

    /// Elsewhere there is none: crossterm's own poll is used as it is.
    pub struct Tty;

    impl Tty {
        pub fn open() -> Option<Tty> {
            None
        }

        pub fn wait(&self, _: Duration) -> Wait {
            Wait::Gone
        }
    }
}

pub use imp::Tty;

/// Waits on `tty` when there is one, else on crossterm.
pub fn wait(tty: Option<&Tty>, timeout: Duration) -> Wait {
    match tty {
        Some(t) => t.wait(timeout),
        None => match ratatui::crossterm::event::poll(timeout) {
            Ok(true) => Wait::Ready,
            Ok(false) => Wait::Quiet,
            Err(_) => Wait::Gone,
        },
    }
}
