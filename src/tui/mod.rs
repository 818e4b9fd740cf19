//! The terminal interface: one loop turns keys into actions, `App::update`
//! changes the state, and `view::draw` draws it and returns what it drew
//! (`drawn::Drawn`), which the app keeps for the mouse. Screens, pop-ups
//! and widgets keep the contract in `component`.

pub mod app;
pub mod changes;
pub mod chosen;
pub mod component;
pub mod drawn;
pub mod edit;
pub mod keys;
pub mod layout;
pub mod mouse;
pub mod popups;
mod reviewer_guard;
pub mod saving;
pub mod screens;
pub mod shown;
pub mod theme;
mod tty;
pub mod undo;
pub mod view;
pub mod widgets;

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::framework::registry::Registry;
use crate::store::paths;
use crate::store::session::SessionError;
use app::App;
use keys::Keymap;

/// Builds the app as the binary does: keys from the config folder,
/// frameworks from the usual places.
pub fn new_app(places: &[std::path::PathBuf]) -> App {
    let (keymap, problems) = Keymap::load(&paths::config_dir().join("keys.yaml"));
    let mut app = App::new(
        keymap,
        Registry::load(places),
        paths::workbooks_dir(),
        paths::user_name(),
    );
    if let Some(p) = problems.first() {
        app.message = Some((format!("keys.yaml: {p} (defaults used)"), true));
    }
    app
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Runs the interface until the user quits. With `open`, starts on that
/// workbook instead of the start screen.
pub fn run(places: &[std::path::PathBuf], open: Option<&Path>) -> Result<(), String> {
    run_as(places, open, None)
}

/// Runs the interface; with `reviewer` (name and role), in reviewer mode:
/// the questions screen edits that reviewer's own section.
pub fn run_as(
    places: &[std::path::PathBuf],
    open: Option<&Path>,
    reviewer: Option<(String, Option<String>)>,
) -> Result<(), String> {
    let mut app = new_app(places);
    if let Some((name, role)) = reviewer {
        app.reviewer = Some(name);
        app.reviewer_role = role;
    }
    if !paths::user().is_chosen() {
        app.ask_user_name();
    }
    if let Some(p) = open {
        app.open_path(p);
        if app.doc.is_none() {
            return Err(app
                .message
                .take()
                .map(|(m, _)| m)
                .unwrap_or_else(|| "could not open the workbook".into()));
        }
    }
    // The terminal is put back however the program ends.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default_hook(info);
    }));
    enable_raw_mode().map_err(|e| format!("cannot use this terminal: {e}"))?;
    let _ = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    let stop = stop_on_signals();
    let result = event_loop(&mut app, &stop);
    // The terminal first, so whatever is printed below can be read.
    restore();
    let _ = io::stdout().flush();
    // Told to stop, or the terminal gone, with the editor open: what was
    // typed in it goes into the workbook before the workbook is closed.
    app.keep_typed();
    // Save what is unsaved before leaving.
    let closing = app.doc.as_mut().map(|d| (d.close(), d));
    if let Some((Err(e), d)) = closing {
        return Err(keep_unsaved(d, &e));
    }
    if let Some(note) = app.exit_note.take() {
        let _ = writeln!(io::stdout(), "{note}");
    }
    result
}

/// Changes the workbook could not take when the interface closed go to a
/// recovered copy (see [`crate::store::recover`]); if no folder takes one, they
/// are printed to standard error as YAML, the last place left.
fn keep_unsaved(doc: &mut crate::store::session::Doc, why: &SessionError) -> String {
    let text = doc.text();
    match crate::store::recover::keep(&doc.path, text.as_bytes()) {
        Ok(at) => {
            doc.discard();
            format!(
                "the last changes could not be saved to {} ({why}); they were written to {}",
                doc.path.display(),
                at.display()
            )
        }
        Err(nowhere) => {
            doc.discard();
            let mut err = io::stderr().lock();
            let _ = writeln!(
                err,
                "peerbook: the last changes could not be saved to {} ({why}), and {nowhere}\nThe whole workbook follows as YAML; save it to a file with a .yaml name to keep it:\n",
                doc.path.display()
            );
            let _ = err.write_all(text.as_bytes());
            let _ = err.flush();
            "your changes were printed above as YAML; nothing else could hold them".into()
        }
    }
}

/// A flag raised when the terminal is closed (SIGHUP) or peerbook is told
/// to stop (SIGTERM, SIGINT from outside): the loop then ends as a quit
/// does, so what is unsaved is saved or kept in a recovered copy instead of
/// dying with the process.
fn stop_on_signals() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let mut signals = vec![signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];
    #[cfg(unix)]
    signals.push(signal_hook::consts::SIGHUP);
    for s in signals {
        let _ = signal_hook::flag::register(s, Arc::clone(&flag));
    }
    flag
}

const HUNG_UP: &str = "the terminal closed";

fn event_loop(app: &mut App, stop: &AtomicBool) -> Result<(), String> {
    let backend = CrosstermBackend::new(io::stdout());
    // No clear(): it asks the terminal for the cursor position, which some
    // terminals never answer; the first draw paints the whole screen.
    // Never dropped: ratatui's drop shows the cursor and, when that fails
    // (the terminal is gone), prints with `eprintln!`, which panics on a
    // closed terminal before what was typed is saved. `restore` shows the
    // cursor instead, ignoring a failure.
    let mut terminal =
        std::mem::ManuallyDrop::new(Terminal::new(backend).map_err(|e| e.to_string())?);
    let tty = tty::Tty::open();
    loop {
        let mut drawn = None;
        terminal
            .draw(|f| drawn = Some(view::draw(f, app)))
            .map_err(|e| e.to_string())?;
        // Clicks until the next frame land on what this one drew.
        if let Some(d) = drawn {
            app.frame = d;
        }
        let wait = app
            .doc
            .as_ref()
            .and_then(|d| d.next_deadline())
            .map(|d| d.saturating_duration_since(Instant::now()))
            .unwrap_or(Duration::from_millis(500))
            .min(Duration::from_millis(500));
        match tty::wait(tty.as_ref(), wait) {
            tty::Wait::Gone => return Err(HUNG_UP.into()),
            tty::Wait::Quiet => {}
            // Everything crossterm has read, before the next frame.
            tty::Wait::Ready => {
                while !app.quit && event::poll(Duration::ZERO).map_err(|e| e.to_string())? {
                    match event::read().map_err(|e| e.to_string())? {
                        Event::Key(k) if k.kind != KeyEventKind::Release => {
                            app.message = None;
                            app.handle_key(k);
                        }
                        Event::Mouse(m) => app.handle_mouse(m),
                        Event::Paste(s) => app.handle_paste(&s),
                        _ => {}
                    }
                }
            }
        }
        app.tick(Instant::now());
        if app.quit {
            return Ok(());
        }
        if stop.load(Ordering::Relaxed) {
            return Err("peerbook was told to stop (the terminal closed, or a signal)".into());
        }
    }
}
