//! The interface tests' harness: apps built on the seeds, keys in as
//! `keys.yaml` writes them ("j j enter ctrl-s"), and out the screen as text,
//! the open pop-up described ([`Shown`]) and the workbook.

use std::path::Path;

use peerbook::framework::registry::Registry;
use peerbook::store::session::Doc;
use peerbook::tui::app::{App, Pane, Slot};
use peerbook::tui::keys::{Key, Keymap};
use peerbook::tui::shown::Shown;
use peerbook::workbook::{Rating, Workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

// ----- building apps -----

pub const SUFFOLK: &str = "seeds/suffolk-reablement-2016.yaml";
pub const HALTON: &str = "seeds/halton-intermediate-care-2019.yaml";

pub fn seed(rel: &str) -> Workbook {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let bytes = std::fs::read(&path).unwrap();
    let (wb, _) = peerbook::workbook::from_text(rel, &bytes).unwrap();
    wb
}

/// An app with no workbook open, its workbooks folder in a temporary
/// folder (kept alive by the returned `TempDir`).
pub fn bare_app_in(dir: &TempDir) -> App {
    let reg = Registry::load(&[]);
    let mut app = App::new(
        Keymap::default(),
        reg,
        dir.path().join("workbooks"),
        "Tester".into(),
    );
    app.theme.color = false; // stable snapshots
    app
}

pub fn app_with(doc_of: impl FnOnce(Workbook) -> Doc, wb: Workbook) -> (App, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    app.open_doc(doc_of(wb));
    (app, dir)
}

pub fn detached(wb: Workbook) -> Doc {
    Doc::detached(wb, Path::new("suffolk.yaml"))
}

pub fn suffolk() -> (App, TempDir) {
    app_with(detached, seed(SUFFOLK))
}

pub fn halton() -> (App, TempDir) {
    app_with(
        |wb| Doc::detached(wb, Path::new("halton.yaml")),
        seed(HALTON),
    )
}

pub fn leeds_workbook() -> Workbook {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("leeds-better-lives-metrics").unwrap().clone();
    Workbook::new(fw, "Leeds City Council", "Better Lives self-assessment")
}

pub fn leeds() -> (App, TempDir) {
    app_with(
        |wb| Doc::detached(wb, Path::new("leeds.yaml")),
        leeds_workbook(),
    )
}

pub fn read_only_suffolk() -> (App, TempDir) {
    app_with(
        |wb| {
            Doc::read_only(
                wb,
                Path::new("suffolk.yaml"),
                "someone on host, process 1".into(),
            )
        },
        seed(SUFFOLK),
    )
}

pub fn wb(app: &App) -> &Workbook {
    &app.doc.as_ref().expect("a workbook is open").wb
}

pub fn rating(app: &App, q: &str) -> Rating {
    wb(app).answer(q).unwrap().rating
}

pub fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

pub fn is_error(app: &App) -> bool {
    app.message.as_ref().is_some_and(|(_, e)| *e)
}

// ----- keys -----

/// A key written as in `keys.yaml` (`j`, `G`, `enter`, `esc`, `ctrl-z`,
/// `C-s`, `pgdn`), read by the app's own [`Key::parse`].
pub fn key_event(name: &str) -> KeyEvent {
    match Key::parse(name) {
        Ok(k) => k.to_event(),
        Err(e) => panic!("a test names a key the app does not know: {e}"),
    }
}

/// Presses one key, by name: `j`, `G`, `enter`, `esc`, `tab`, `ctrl-z`.
pub fn press(app: &mut App, name: &str) {
    app.handle_key(key_event(name));
}

/// Presses several keys, separated by spaces.
pub fn keys(app: &mut App, names: &str) {
    for n in names.split_whitespace() {
        press(app, n);
    }
}

/// Types text, one key per character (a newline is Enter).
pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        let ev = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            c if c.is_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.handle_key(ev);
    }
}

pub fn backspaces(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, "backspace");
    }
}

// ----- drawing -----

/// Draws a frame as the event loop does: the app keeps what it drew, so
/// clicks land on it and lists scroll on from where they were.
pub fn terminal(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut drawn = None;
    t.draw(|f| drawn = Some(peerbook::tui::view::draw(f, app)))
        .unwrap();
    app.frame = drawn.unwrap();
    t
}

/// The screen as plain text, one line per row: `TestBackend`'s Display
/// without its quotes and notes about wide characters.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    let t = terminal(app, w, h);
    let mut out = String::new();
    for l in t.backend().to_string().lines() {
        let l = match l.rfind("\" Hidden by multi-width symbols") {
            Some(i) => &l[..=i],
            None => l,
        };
        out.push_str(
            l.strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or(l),
        );
        out.push('\n');
    }
    out
}

/// The rows of the screen drawn with the REVERSED modifier (the selection),
/// trimmed.
pub fn selected_rows(app: &mut App, w: u16, h: u16) -> Vec<String> {
    use ratatui::style::Modifier;
    let t = terminal(app, w, h);
    let buf = t.backend().buffer();
    let mut rows = Vec::new();
    for y in 0..buf.area.height {
        let s: String = (0..buf.area.width)
            .filter(|x| buf[(*x, y)].modifier.contains(Modifier::REVERSED))
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if !s.trim().is_empty() {
            rows.push(s.trim().to_string());
        }
    }
    rows
}

macro_rules! snap {
    ($name:expr, $app:expr) => {{
        let t = terminal(&mut $app, 80, 24);
        insta::assert_snapshot!($name, t.backend());
    }};
    ($name:expr, $app:expr, $w:expr, $h:expr) => {{
        let t = terminal(&mut $app, $w, $h);
        insta::assert_snapshot!($name, t.backend());
    }};
}

/// Replaces a text that changes from run to run (a temporary path) with a
/// fixed one, keeping each line as wide as it was: on a box's top border
/// the gap is filled with border, elsewhere with spaces before the line's
/// last character (the right-hand border).
pub fn mask(text: &str, from: &str, to: &str) -> String {
    text.lines()
        .map(|line| {
            if !line.contains(from) {
                return line.to_string();
            }
            let width = line.chars().count();
            let mut out = line.replace(from, to);
            let gap = width.saturating_sub(out.chars().count());
            if let Some(i) = out.find(" ─") {
                out.insert_str(i + 1, &"─".repeat(gap));
            } else {
                let last = out.pop().unwrap_or(' ');
                out.push_str(&" ".repeat(gap));
                out.push(last);
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The start screen at 80×24 with the temporary folder's name masked, for
/// a snapshot.
pub fn start_text(app: &mut App) -> String {
    let folder = app.workbooks_dir.display().to_string();
    mask(&screen(app, 80, 24), &folder, "/tmp/x/workbooks")
}

/// A start-screen snapshot (a macro, so the snapshot is named after the
/// test file, not this module).
macro_rules! snap_start {
    ($name:expr, $app:expr) => {
        insta::assert_snapshot!($name, start_text($app))
    };
}

// ----- where the user is -----

/// The screen being shown, by its tab's title ("Questions", "Proud of").
pub fn on_screen(app: &App) -> &'static str {
    app.screen.title()
}

/// Whether the Questions screen's answer pane (rather than the list of
/// questions) has focus.
pub fn answer_focused(app: &App) -> bool {
    app.q.pane == Pane::Form
}

/// The part of the answer chosen in the answer pane.
pub fn slot(app: &App) -> Option<Slot> {
    app.slots().get(app.q.slot).cloned()
}

/// Whether the form (rather than the list) has focus on the list-form
/// screen shown (evidence, details, metrics, proud of, activity).
pub fn form_focused(app: &App) -> bool {
    let lf = match on_screen(app) {
        "Evidence" => &app.ev.list,
        "Details" => &app.details,
        "Metrics" => &app.metrics,
        "Proud of" => &app.proud,
        "Activity" => &app.activity,
        other => panic!("{other} is not a list-form screen"),
    };
    lf.pane == Pane::Form
}

/// The evidence item chosen on the Evidence screen (its index in the
/// workbook).
pub fn chosen_evidence(app: &App) -> usize {
    app.evidence_shown()[app.ev.list.sel]
}

// ----- the open pop-up -----

/// The open pop-up, described; `None` when none is open.
pub fn popup(app: &App) -> Option<Shown> {
    app.shown()
}

/// The open pop-up's name (`"editor"`, `"rating"`, …).
pub fn popup_name(app: &App) -> Option<&'static str> {
    app.shown().map(|s| s.name)
}

/// True if the named pop-up is open.
pub fn showing(app: &App, name: &str) -> bool {
    popup_name(app) == Some(name)
}

/// The open pop-up, which must be the named one.
pub fn expect_popup(app: &App, name: &str) -> Shown {
    match app.shown() {
        Some(s) if s.name == name => s,
        Some(s) => panic!("expected the {name} pop-up, but {} is open", s.name),
        None => panic!("expected the {name} pop-up, but none is open"),
    }
}

/// Empties the field being typed in, with Backspace as a person would.
pub fn clear_input(app: &mut App) {
    let n = popup(app)
        .and_then(|s| s.input)
        .map_or(0, |t| t.chars().count());
    press(app, "end");
    backspaces(app, n);
}

// ----- what the screens have chosen -----
//
// The tests ask these, never the app's fields: when the shape of the
// interface changes, only this section changes with it.

/// The question selected on the Questions screen (its id), the one `l`
/// and `u` on the Evidence screen act on.
pub fn question(app: &App) -> Option<String> {
    app.current_question()
}

/// The answer pane's lines for the selected question, in order.
pub fn answer_lines(app: &App) -> Vec<Slot> {
    app.slots()
}

/// The evidence items the Evidence screen lists (their indices in the
/// workbook), with its filters applied.
pub fn evidence_listed(app: &App) -> Vec<usize> {
    app.evidence_shown()
}

/// The Evidence screen's kind filter (None: every kind).
pub fn kind_filter(app: &App) -> Option<peerbook::workbook::EvidenceKind> {
    app.ev.kind
}

/// The Evidence screen's text filter, as typed.
pub fn text_filter(app: &App) -> String {
    app.ev.query.clone()
}

/// Puts a text filter on the Evidence screen, as if typed in `/`.
pub fn filter_evidence(app: &mut App, text: &str) {
    app.ev.query = text.to_string();
}

/// How many fields the form of evidence item `i` has.
pub fn evidence_form_len(app: &App, i: usize) -> usize {
    app.evidence_fields(i).len()
}

/// How many rows the Details screen has.
pub fn details_len(app: &App) -> usize {
    app.detail_targets().len()
}

/// The workbooks the start screen lists.
pub fn start_books(app: &App) -> &[peerbook::tui::app::Listed] {
    &app.start.books
}

/// The start screen's selected row (the last is "+ New workbook").
pub fn start_row(app: &App) -> usize {
    app.start.sel
}

/// The list a screen keeps its selection in, by the screen's title.
fn list_of<'a>(app: &'a App, screen: &str) -> &'a peerbook::tui::app::ListForm {
    match screen {
        "Evidence" => &app.ev.list,
        "Details" => &app.details,
        "Metrics" => &app.metrics,
        "Proud of" => &app.proud,
        "Activity" => &app.activity,
        "Peer" => &app.peer,
        "Findings" => &app.findings,
        other => panic!("{other} is not a screen with a list"),
    }
}

fn list_of_mut<'a>(app: &'a mut App, screen: &str) -> &'a mut peerbook::tui::app::ListForm {
    match screen {
        "Evidence" => &mut app.ev.list,
        "Details" => &mut app.details,
        "Metrics" => &mut app.metrics,
        "Proud of" => &mut app.proud,
        "Activity" => &mut app.activity,
        "Peer" => &mut app.peer,
        "Findings" => &mut app.findings,
        other => panic!("{other} is not a screen with a list"),
    }
}

/// The row selected in a screen's list, by the screen's title.
pub fn selected_row(app: &App, screen: &str) -> usize {
    list_of(app, screen).sel
}

/// The field selected in a list-form screen's form.
pub fn selected_field(app: &App, screen: &str) -> usize {
    list_of(app, screen).field
}

/// Selects a row of a screen's list, as a click on it would (the list
/// keeps focus).
pub fn select_row(app: &mut App, screen: &str, row: usize) {
    list_of_mut(app, screen).sel = row;
}

/// The rows of the Findings screen.
pub fn finding_rows(app: &App) -> Vec<peerbook::tui::screens::findings::FindRow> {
    peerbook::tui::screens::findings::rows(wb(app))
}

/// Shows a screen, as its tab key would (also one the mode does not offer).
pub fn show_screen(app: &mut App, screen: peerbook::tui::app::Screen) {
    app.screen = screen;
}

/// The help pop-up's rows for the screen shown.
pub fn help_rows(app: &App) -> Vec<(String, String)> {
    app.keymap.help(app.screen.context())
}

/// Whether the app has asked to close.
pub fn quitting(app: &App) -> bool {
    app.quit
}

/// Takes back a close, so a test can go on after one.
pub fn stay_open(app: &mut App) {
    app.quit = false;
}

/// Empties the status bar.
pub fn clear_message(app: &mut App) {
    app.message = None;
}

/// Who is reviewing, in reviewer mode.
pub fn reviewing_as(app: &App) -> Option<String> {
    app.reviewer.clone()
}

/// Starts reviewer mode as `name` with a role, as `W` and the name would
/// (the role is otherwise asked by the CLI).
pub fn review_as(app: &mut App, name: &str, role: &str) {
    app.reviewer = Some(name.into());
    app.reviewer_role = Some(role.into());
}

/// The open workbook's revision: how many changes it has had since it
/// was opened (unchanged when a key changes nothing).
pub fn revision(app: &App) -> u64 {
    app.doc.as_ref().expect("a workbook is open").revision
}

/// Where the open workbook is kept.
pub fn workbook_path(app: &App) -> std::path::PathBuf {
    app.doc.as_ref().expect("a workbook is open").path.clone()
}

/// What the interface prints once it has closed (where changes went).
pub fn exit_note(app: &App) -> Option<String> {
    app.exit_note.clone()
}

// ----- a real file -----

/// An app with a copy of a seed open for writing, in a temporary folder:
/// what it saves can be read back with [`saved`].
pub fn real_file(seed_rel: &str) -> (App, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workbook.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(seed_rel), &path).unwrap();
    let mut app = bare_app_in(&dir);
    app.open_path(&path);
    assert!(app.doc.is_some(), "{}", message(&app));
    (app, dir)
}

/// Saves what the app holds, waiting for the save, and reads the file
/// back as it is on disk.
pub fn saved(app: &mut App) -> (Workbook, String) {
    let doc = app.doc.as_mut().expect("a workbook is open");
    assert!(
        doc.flush(std::time::Duration::from_secs(10)),
        "the save did not finish: {:?}",
        doc.state
    );
    let bytes = std::fs::read(&doc.path).unwrap();
    let (wb, _) = peerbook::workbook::from_text("disk", &bytes).unwrap();
    (wb, String::from_utf8(bytes).unwrap())
}

/// The question at the reading view's cursor (its id): the one `e` edits.
pub fn reading_at(app: &App) -> Option<String> {
    app.reading.question(wb(app)).map(|q| q.id.clone())
}
