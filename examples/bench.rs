//! How long a frame and a key press take, and how that changes with the size
//! of the workbook.
//!
//! Run on demand (it is not part of the tests or CI):
//!
//! ```sh
//! cargo run --release --example bench
//! cargo run --release --example bench -- --quick          # shorter, noisier
//! cargo run --release --example bench -- --sizes 13,2000  # chosen sizes
//! cargo run --release --example bench -- --only dashboard  # matching operations
//! cargo run --release --example bench -- --write 1300 w.yaml  # just write a 100× workbook
//! ```
//!
//! For each size it builds a synthetic framework (as YAML text, loaded the way
//! a framework file is) and a workbook with ten evidence items per question,
//! opens it in the interface state as a detached document (editable, never
//! written) and draws into an 80×24 `TestBackend`. Each operation is repeated
//! many times; the table (on stdout, progress on stderr) gives the median and
//! 95th percentile in microseconds, and how much the median grew from the
//! smallest size to the largest (2,000 questions, the size the interface is
//! meant to handle). docs/performance.md explains the results.
//!
//! (One file of over 600 lines: each case is a few lines of setup beside its
//! measurement, and the runner is shared; split it when a second binary needs
//! the cases.)

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "shared/side_by_side.rs"]
mod side_by_side;
#[path = "shared/synthetic.rs"]
mod synthetic;

use synthetic::synthetic_workbook;

use peerbook::export::{self, Format, Pack};
use peerbook::framework::registry::Registry;
use peerbook::store::WorkbookFile;
use peerbook::store::atomic::keep_as;
use peerbook::store::read::holds_file;
use peerbook::store::session::Doc;
use peerbook::tui::app::{App, Pane, Popup, Screen};
use peerbook::tui::keys::{Action, Keymap};
use peerbook::tui::view;
use peerbook::workbook::{self, Rating, Status, Workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The terminal drawn into.
const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

struct Config {
    sizes: Vec<usize>,
    /// Time spent on one operation at one size (after warm-up).
    budget: Duration,
    min_samples: usize,
    max_samples: usize,
    warmup: usize,
    /// Only the operations whose name contains this (lower case).
    only: Option<String>,
}

impl Config {
    fn from_args() -> Config {
        let mut cfg = Config {
            sizes: vec![13, 130, 1_300, 2_000],
            budget: Duration::from_millis(1_000),
            min_samples: 15,
            max_samples: 3_000,
            warmup: 3,
            only: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            match a.as_str() {
                "--quick" => {
                    cfg.budget = Duration::from_millis(200);
                    cfg.min_samples = 7;
                    cfg.max_samples = 500;
                    cfg.warmup = 1;
                }
                "--sizes" => {
                    let list = args.next().unwrap_or_default();
                    let sizes: Vec<usize> = list
                        .split(',')
                        .filter_map(|s| s.trim().replace('_', "").parse().ok())
                        .filter(|n| *n > 0)
                        .collect();
                    if sizes.is_empty() {
                        eprintln!("--sizes wants question counts, e.g. --sizes 13,130,2000");
                        std::process::exit(2);
                    }
                    cfg.sizes = sizes;
                }
                "--only" => {
                    cfg.only = args.next().map(|o| o.to_lowercase());
                }
                "-h" | "--help" => {
                    println!(
                        "usage: cargo run --release --example bench -- [--quick] [--sizes 13,130,1300,2000] [--only TEXT]"
                    );
                    std::process::exit(0);
                }
                other => {
                    eprintln!("unknown argument '{other}' (try --help)");
                    std::process::exit(2);
                }
            }
        }
        cfg
    }
}

// ----- the interface under test -----

struct Bench {
    app: App,
    term: Terminal<TestBackend>,
}

impl Bench {
    fn new(wb: Workbook, dir: &Path) -> Bench {
        let mut app = App::new(
            Keymap::default(),
            Registry::load(&[]),
            dir.to_path_buf(),
            "bench".into(),
        );
        app.open_doc(Doc::detached(wb, &dir.join("bench.yaml")));
        let term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        Bench { app, term }
    }

    fn draw(&mut self) {
        let Bench { app, term } = self;
        let mut drawn = None;
        term.draw(|f| drawn = Some(view::draw(f, app)))
            .expect("draw");
        if let Some(d) = drawn {
            app.frame = d;
        }
    }

    /// A key as the event loop handles it, then the frame it causes.
    fn press(&mut self, ev: KeyEvent) {
        self.app.message = None;
        self.app.handle_key(ev);
        self.draw();
    }

    fn wb(&self) -> &Workbook {
        self.app.wb().expect("an open workbook")
    }

    fn wb_mut(&mut self) -> &mut Workbook {
        &mut self.app.doc.as_mut().expect("an open workbook").wb
    }

    fn question_count(&self) -> usize {
        self.app.q.question_rows.len()
    }

    fn show(&mut self, s: Screen) {
        self.app.popup = None;
        self.app.screen = s;
    }

    fn editor_open(&self) -> bool {
        matches!(self.app.popup, Some(Popup::Editor(_)))
    }
}

fn revision(b: &Bench) -> u64 {
    b.app.doc.as_ref().map_or(0, |d| d.revision)
}

fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn esc() -> KeyEvent {
    KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
}

// ----- measuring -----

#[derive(Debug, Clone, Copy)]
struct Stats {
    median_us: f64,
    p95_us: f64,
    samples: usize,
}

/// Runs `setup` (not timed) then `op` (timed) until the budget is spent.
fn measure<S>(
    s: &mut S,
    cfg: &Config,
    mut setup: impl FnMut(&mut S),
    mut op: impl FnMut(&mut S),
) -> Stats {
    // Warm up: at least `warmup` runs, and up to a tenth of the budget.
    let warm = Instant::now();
    let mut runs = 0;
    while runs < cfg.warmup || (runs < 50 && warm.elapsed() < cfg.budget / 10) {
        setup(s);
        op(s);
        runs += 1;
    }
    let mut samples: Vec<Duration> = Vec::new();
    let start = Instant::now();
    while samples.len() < cfg.max_samples
        && (samples.len() < cfg.min_samples || start.elapsed() < cfg.budget)
    {
        setup(s);
        let t = Instant::now();
        op(s);
        samples.push(t.elapsed());
    }
    samples.sort();
    let n = samples.len();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    Stats {
        median_us: us(samples[n / 2]),
        p95_us: us(samples[((n * 95).div_ceil(100)).clamp(1, n) - 1]),
        samples: n,
    }
}

/// Measures the operations wanted and keeps their results in order.
struct Runner<'a> {
    cfg: &'a Config,
    rows: Vec<(&'static str, Stats)>,
}

impl<'a> Runner<'a> {
    fn new(cfg: &'a Config) -> Runner<'a> {
        Runner {
            cfg,
            rows: Vec::new(),
        }
    }

    fn run<S>(
        &mut self,
        s: &mut S,
        name: &'static str,
        setup: impl FnMut(&mut S),
        op: impl FnMut(&mut S),
    ) {
        if let Some(only) = &self.cfg.only
            && !name.to_lowercase().contains(only)
        {
            return;
        }
        let st = measure(s, self.cfg, setup, op);
        eprintln!(
            "  {name:<44} median {:>12.1} µs   p95 {:>12.1} µs   ({} runs)",
            st.median_us, st.p95_us, st.samples
        );
        self.rows.push((name, st));
    }
}

/// What one size measured, in the table's row order.
struct SizeResult {
    questions: usize,
    evidence: usize,
    file_bytes: usize,
    rows: Vec<(&'static str, Stats)>,
    /// The load against serde_yaml and yaml-rust2 on the same bytes.
    side: Option<side_by_side::SideBySide>,
}

fn run_size(questions: usize, cfg: &Config, dir: &Path) -> SizeResult {
    let t = Instant::now();
    let wb = synthetic_workbook(questions);
    let evidence = wb.evidence.len();
    let text = workbook::to_text(&wb);
    let file_bytes = text.len();
    let mut b = Bench::new(wb, dir);
    b.draw();
    eprintln!(
        "{questions} questions, {evidence} evidence items: built in {:.0} ms, {file_bytes} bytes as YAML",
        t.elapsed().as_secs_f64() * 1e3
    );

    let mut r = Runner::new(cfg);

    // One frame of each screen, nothing changed (the idle redraw). The start
    // screen lists the (empty) data folder: the fixed cost of a frame.
    for (name, screen) in [
        ("frame: Start (baseline, no workbook data)", Screen::Start),
        ("frame: Questions", Screen::Questions),
        ("frame: Evidence", Screen::Evidence),
        ("frame: Dashboard", Screen::Dashboard),
        ("frame: Details", Screen::Details),
        ("frame: Metrics", Screen::Metrics),
        ("frame: Proud of", Screen::ProudOf),
    ] {
        r.run(&mut b, name, |b| b.show(screen), Bench::draw);
    }

    // Keys on the questions screen, each followed by its frame. Each
    // operation is first checked, untimed, to do what its name says.
    let total = b.question_count();
    let to_questions = |b: &mut Bench| {
        b.show(Screen::Questions);
        b.app.q.pane = Pane::List;
    };
    // The first question: answered, rated, with a narrative and citations.
    let to_first = |b: &mut Bench| {
        to_questions(b);
        if b.app.q.sel != 0 {
            b.app.select_question(0);
        }
    };

    to_first(&mut b);
    b.press(ch('j'));
    assert_eq!(b.app.q.sel, 1, "j moves to the next question");
    r.run(
        &mut b,
        "key j (next question) + frame",
        |b| {
            to_questions(b);
            if b.app.q.sel + 1 >= total {
                b.app.select_question(0);
            }
        },
        |b| b.press(ch('j')),
    );

    to_first(&mut b);
    b.press(ch('n'));
    assert_eq!(b.app.q.sel, 3, "n moves to the next unanswered question");
    r.run(
        &mut b,
        "key n (next unanswered) + frame",
        |b| {
            to_questions(b);
            if b.app.q.sel + 5 >= total {
                b.app.select_question(0);
            }
        },
        |b| b.press(ch('n')),
    );

    // Rating 3 on a question rated 2: a real change, so the document's
    // revision moves and derived values are recomputed for the frame.
    let set_two = |b: &mut Bench| {
        to_first(b);
        let q = b.app.current_question().expect("a question");
        b.wb_mut().answer_mut(&q).rating = Rating::Level(2);
    };
    {
        set_two(&mut b);
        let rev = revision(&b);
        b.press(ch('3'));
        let q = b.app.current_question().expect("a question");
        assert_eq!(b.wb().answer(&q).map(|a| a.rating), Some(Rating::Level(3)));
        assert_eq!(revision(&b), rev + 1, "a rating marks the document changed");
    }
    r.run(
        &mut b,
        "key 3 (set rating, changes doc) + frame",
        set_two,
        |b| b.press(ch('3')),
    );

    // Ctrl-z: the rating's answer, kept before the change, is put back.
    let rated = |b: &mut Bench| {
        set_two(b);
        b.press(ch('3'));
    };
    {
        rated(&mut b);
        b.press(ctrl('z'));
        let q = b.app.current_question().expect("a question");
        assert_eq!(b.wb().answer(&q).map(|a| a.rating), Some(Rating::Level(2)));
    }
    r.run(&mut b, "key Ctrl-z (undo a rating) + frame", rated, |b| {
        b.press(ctrl('z'))
    });

    // The narrative editor: open it, type a character, close it.
    to_first(&mut b);
    let qid = b.app.current_question().expect("a question");
    let original = b.wb().answer(&qid).map(|a| a.narrative.clone());
    let original = original.unwrap_or_default();
    assert!(!original.is_empty(), "the first question has a narrative");
    {
        b.press(ch('e'));
        assert!(b.editor_open(), "e opens the editor");
        let rev = revision(&b);
        b.press(ch('x'));
        assert_eq!(revision(&b), rev + 1, "typing changes the document");
        b.press(esc());
        assert!(!b.editor_open(), "Esc closes the editor");
        b.wb_mut().answer_mut(&qid).narrative = original.clone();
    }
    r.run(&mut b, "key e (open editor) + frame", to_first, |b| {
        b.press(ch('e'))
    });

    let mut typed = 0usize;
    r.run(
        &mut b,
        "type a character in editor + frame",
        |b| {
            // Keep the narrative short: every 25 characters, put it back.
            if typed.is_multiple_of(25) || !b.editor_open() {
                if b.editor_open() {
                    b.press(esc());
                }
                to_first(b);
                b.wb_mut().answer_mut(&qid).narrative = original.clone();
                b.press(ch('e'));
            }
            typed += 1;
        },
        |b| b.press(ch('x')),
    );

    r.run(
        &mut b,
        "Esc (close editor) + frame",
        |b| {
            if !b.editor_open() {
                to_first(b);
                b.press(ch('e'));
            }
        },
        |b| b.press(esc()),
    );
    b.wb_mut().answer_mut(&qid).narrative = original.clone();

    reading(&mut b, &mut r);

    long_line(&mut b, &mut r, &qid, true);
    long_line(&mut b, &mut r, &qid, false);
    b.wb_mut().answer_mut(&qid).narrative = original.clone();

    // Search everything: one keystroke that matches nothing, so the whole
    // workbook is searched (no early stop at 200 hits).
    let open_search = |b: &mut Bench| {
        to_first(b);
        b.app.update(Action::Search);
    };
    open_search(&mut b);
    b.press(ch('#'));
    match &b.app.popup {
        Some(Popup::Search(s)) => assert!(s.hits.is_empty(), "'#' matches nothing"),
        _ => panic!("'/' opens the search pop-up"),
    }
    r.run(
        &mut b,
        "search: keystroke, no match + frame",
        open_search,
        |b| b.press(ch('#')),
    );
    // The first letter of a query most fields hold: more hits than the
    // list shows, so the search goes on past them only to note where the
    // letter is (no labels), for the next letter to look only there.
    open_search(&mut b);
    b.press(ch('r'));
    match &b.app.popup {
        Some(Popup::Search(s)) => assert!(
            s.hits.len() == 200 || questions < 1000,
            "'r' passes the limit at 100×"
        ),
        _ => panic!("'/' opens the search pop-up"),
    }
    r.run(
        &mut b,
        "search: 1st letter, most fields hold it + frame",
        open_search,
        |b| b.press(ch('r')),
    );
    // The worst case for the search's byte summaries: letters that most
    // fields hold, in an order none of them does. Every field would be
    // read, but for what "reviewe" was found in, which the 8th letter
    // narrows (past the 200 hits shown too).
    let common = |b: &mut Bench| {
        open_search(b);
        for c in "reviewe".chars() {
            b.press(ch(c));
        }
    };
    common(&mut b);
    b.press(ch('q'));
    match &b.app.popup {
        Some(Popup::Search(s)) => assert!(s.hits.is_empty(), "'reviewq' matches nothing"),
        _ => panic!("'/' opens the search pop-up"),
    }
    r.run(
        &mut b,
        "search: 8th letter, common letters, no match + frame",
        common,
        |b| b.press(ch('q')),
    );
    b.show(Screen::Questions);

    // Keys on the evidence screen.
    r.run(
        &mut b,
        "evidence: key j + frame",
        |b| {
            b.show(Screen::Evidence);
            b.app.ev.kind = None;
            b.app.ev.query.clear();
            b.app.ev.list.pane = Pane::List;
            if b.app.ev.list.sel + 2 >= evidence {
                b.app.ev.list.sel = 0;
            }
        },
        |b| b.press(ch('j')),
    );

    let open_filter = |b: &mut Bench| {
        b.show(Screen::Evidence);
        b.app.ev.kind = None;
        b.app.ev.query.clear();
        b.app.ev.list.sel = 0;
        b.app.update(Action::Search); // the text filter pop-up
    };
    open_filter(&mut b);
    b.press(ch('7'));
    assert_eq!(b.app.ev.query, "7", "the keystroke went to the filter");
    assert!(matches!(b.app.popup, Some(Popup::Filter(_))));
    r.run(
        &mut b,
        "evidence: filter keystroke + frame",
        open_filter,
        |b| b.press(ch('7')),
    );
    b.show(Screen::Evidence);
    b.app.ev.query.clear();
    b.app.ev.list.sel = 0;

    // Work on the whole workbook, outside the interface.
    r.run(
        &mut b,
        "scoring::report",
        |_| {},
        |b| {
            black_box(peerbook::review::scoring::report(black_box(b.wb())));
        },
    );

    r.run(
        &mut b,
        "workbook::to_text (save serialisation)",
        |_| {},
        |b| {
            black_box(workbook::to_text(black_box(b.wb())));
        },
    );

    // Saving as the interface does: serialise, compare with the file, keep
    // the old file as .bak, write a temporary file and rename it. The title
    // alternates so every save writes.
    let save_path = dir.join(format!("save-{questions}.yaml"));
    let _ = std::fs::remove_file(&save_path);
    let mut file =
        WorkbookFile::create(&save_path, b.wb()).expect("create the workbook file to save");
    let mut saves = 0u64;
    r.run(
        &mut b,
        "save to disk (WorkbookFile::save: .bak, temporary file, rename)",
        |b| {
            saves += 1;
            b.app
                .doc
                .as_mut()
                .expect("an open workbook")
                .wb
                .review
                .title = format!("Synthetic self-assessment {}", saves % 2);
        },
        |b| {
            let wrote = file.save(black_box(b.wb())).expect("the save works");
            assert!(wrote, "each save writes");
        },
    );
    drop(file);

    // The save's steps one by one, on a file of the same bytes, to show
    // where its time goes: the check that the file still holds what was
    // read, the `.bak` (a link checked to be that file, the folder synced),
    // and the new file (written, synced, renamed over, the folder synced).
    let part_path = dir.join(format!("parts-{questions}.yaml"));
    let part_bak = peerbook::store::backup_path(&part_path);
    let old = workbook::to_text(b.wb()).into_bytes();
    peerbook::store::write_atomic(&part_path, &old).expect("write the file to save over");
    r.run(
        &mut b,
        "part: save, the file still holds what was read",
        |_| {},
        |_| {
            let id = holds_file(&part_path, &old).expect("read the file");
            assert!(id.is_some(), "unchanged");
        },
    );
    let checked = std::cell::RefCell::new(None);
    r.run(
        &mut b,
        "part: save, the .bak (link, checked, folder synced)",
        |_| *checked.borrow_mut() = holds_file(&part_path, &old).expect("read the file"),
        |_| keep_as(&part_path, &part_bak, &old, checked.borrow().as_ref()).expect("the .bak"),
    );
    r.run(
        &mut b,
        "part: save, the new file (written, synced, renamed)",
        |_| {},
        |_| peerbook::store::write_atomic(&part_path, &old).expect("the write"),
    );
    // Not left for the next size's start screen to list.
    let _ = std::fs::remove_file(&part_path);
    let _ = std::fs::remove_file(&part_bak);

    r.run(
        &mut b,
        "status (scores, mapped scores, orphans, on-site analysis)",
        |_| {},
        |b| {
            let wb = black_box(b.wb());
            black_box(peerbook::review::scoring::report(wb));
            black_box(peerbook::review::scoring::mapped(wb, &[]));
            black_box(wb.orphaned().count());
            black_box(peerbook::review::analysis::totals(wb));
            black_box(peerbook::review::analysis::ratings(wb));
            black_box(peerbook::review::analysis::domain_gaps(wb));
            black_box(peerbook::review::analysis::triangulation(wb));
        },
    );

    let opts = export::Options {
        produced: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date"),
    };
    r.run(
        &mut b,
        "export: CSV",
        |_| {},
        |b| {
            black_box(peerbook::export::csv_io::export(black_box(b.wb())));
        },
    );
    for (name, pack, format) in [
        (
            "export: markdown, self-assessment pack",
            Pack::SelfAssessment,
            Format::Markdown,
        ),
        ("export: markdown, summary", Pack::Summary, Format::Markdown),
        (
            "export: Word, self-assessment pack",
            Pack::SelfAssessment,
            Format::Docx,
        ),
    ] {
        r.run(
            &mut b,
            name,
            |_| {},
            |b| {
                black_box(export::render(black_box(b.wb()), pack, format, &opts));
            },
        );
    }

    r.run(
        &mut b,
        "Workbook clone (Doc::save_now, UI thread)",
        |_| {},
        |b| {
            black_box(black_box(b.wb()).clone());
        },
    );

    // Parts of the frames above, to show where their time goes.
    b.show(Screen::Questions);
    b.app.select_question(0);
    b.draw();
    r.run(
        &mut b,
        "part: App::report, cached (shared)",
        |_| {},
        |b| {
            black_box(b.app.report());
        },
    );

    let cited: Vec<String> = {
        let q = b.app.current_question().expect("a question");
        b.wb()
            .answer(&q)
            .map(|a| a.evidence.clone())
            .unwrap_or_default()
    };
    r.run(
        &mut b,
        "part: App::evidence_item for a question's cites",
        |_| {},
        |b| {
            for id in &cited {
                black_box(b.app.evidence_item(black_box(id)));
            }
        },
    );

    let first_ev = b.wb().evidence.first().map(|e| e.id.clone());
    r.run(
        &mut b,
        "part: Workbook::citing (one item)",
        |_| {},
        |b| {
            black_box(b.wb().citing(black_box(first_ev.as_deref().unwrap_or(""))));
        },
    );

    r.run(
        &mut b,
        "part: App::evidence_shown, cached (a clone)",
        |_| {},
        |b| {
            black_box(b.app.evidence_shown());
        },
    );

    r.run(
        &mut b,
        "part: answer() for every question",
        |_| {},
        |b| {
            let wb = b.wb();
            let n = wb
                .framework
                .questions()
                .filter(|(_, q)| !wb.answer(&q.id).is_some_and(|a| a.is_answered()))
                .count();
            black_box(n);
        },
    );

    let side = cfg
        .only
        .as_deref()
        .is_none_or(|o| "load side by side".contains(o) || o.contains("side"))
        .then(|| {
            eprintln!("  load side by side with serde_yaml and yaml-rust2 ...");
            side_by_side::compare(&text, cfg.budget * 3, cfg.min_samples)
        });
    let bytes = text.into_bytes();
    r.run(
        &mut b,
        "workbook::from_text (load and validate)",
        |_| {},
        |_| {
            let r = workbook::from_text("bench.yaml", black_box(&bytes));
            black_box(r.expect("the synthetic workbook loads"));
        },
    );

    // Last, as it changes the workbook: every question answered, so `n`
    // looks at every question before saying so.
    {
        // Answered means holding something (`Answer::is_answered`).
        let doc = b.app.doc.as_mut().expect("an open workbook");
        let ids: Vec<String> = doc
            .wb
            .framework
            .questions()
            .map(|(_, q)| q.id.clone())
            .collect();
        for id in ids {
            let a = doc.wb.answer_mut(&id);
            if !a.is_answered() {
                a.narrative = "Where we are: written for the benchmark.".into();
                a.status = Status::Draft;
            }
        }
        doc.changed();
    }
    to_questions(&mut b);
    let sel = b.app.q.sel;
    b.press(ch('n'));
    assert_eq!(
        b.app.q.sel, sel,
        "with every question answered, n stays put"
    );
    r.run(
        &mut b,
        "key n, all answered (full scan) + frame",
        to_questions,
        |b| b.press(ch('n')),
    );

    SizeResult {
        questions,
        evidence,
        file_bytes,
        rows: r.rows,
        side,
    }
}

/// The reading view (`w`) of the first question's domain: its frame, a row
/// down, a page down, to the end of the domain and on to the next domain,
/// each with its frame. What it draws is the rows on screen, so none of
/// these should grow with the workbook.
fn reading(b: &mut Bench, r: &mut Runner) {
    let to_reading = |b: &mut Bench| {
        b.show(Screen::Questions);
        b.app.q.pane = Pane::List;
        if b.app.q.sel != 0 {
            b.app.select_question(0);
        }
        b.press(ch('w'));
    };
    to_reading(b);
    assert_eq!(b.app.screen, Screen::Reading, "w opens the reading view");
    r.run(b, "frame: Reading view", to_reading, Bench::draw);
    b.press(ch('j'));
    assert_eq!(b.app.reading.cursor.row, 1, "j moves the cursor a row");
    let in_reading = |b: &mut Bench| {
        if b.app.screen != Screen::Reading || b.app.reading.cursor.q + 2 >= 20 {
            to_reading(b);
        }
    };
    r.run(b, "key j (reading view, a row) + frame", in_reading, |b| {
        b.press(ch('j'))
    });
    r.run(
        b,
        "key PgDn (reading view, a page) + frame",
        in_reading,
        |b| b.press(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
    );
    r.run(
        b,
        "key G (reading view, end of domain) + frame",
        to_reading,
        |b| b.press(ch('G')),
    );
    r.run(
        b,
        "key Tab (reading view, next domain) + frame",
        to_reading,
        |b| b.press(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
    );
    b.show(Screen::Questions);
}

/// One narrative of a megabyte with no line break (a pasted report, say):
/// the frame and keys on the Questions screen with it selected, and the
/// editor opened on it. The frame should cost the rows on screen, not the
/// length of the field.
///
/// Two such lines: prose (words and spaces), and one unbroken word (a pasted
/// link or encoded blob), which `wrap` has to cut into pieces.
fn long_line(b: &mut Bench, r: &mut Runner, qid: &str, words: bool) {
    let sentence = if words {
        "The team reviewed the plan with the person and their carer. "
    } else {
        "TheTeamReviewedThePlanWithThePersonAndTheirCarer"
    };
    let long = sentence.repeat(1_000_000 / sentence.len() + 1);
    let kind = if words { "words" } else { "one word" };
    // The runner keeps names for the table, for the whole run.
    let name = |op: &str| -> &'static str { Box::leak(format!("long line ({kind}): {op}").into()) };
    let to_long = |b: &mut Bench| {
        if b.editor_open() {
            b.press(esc());
        }
        b.show(Screen::Questions);
        b.app.q.pane = Pane::List;
        if b.app.q.sel != 0 {
            b.app.select_question(0);
        }
    };
    to_long(b);
    b.wb_mut().answer_mut(qid).narrative = long.clone();
    b.draw();
    assert!(long.len() >= 1_000_000 && !long.contains('\n'));

    r.run(
        b,
        name("frame: Questions, 1 MB narrative"),
        to_long,
        Bench::draw,
    );

    r.run(
        b,
        name("frame: Reading view, from its start"),
        |b| {
            to_long(b);
            b.press(ch('w'));
        },
        Bench::draw,
    );
    r.run(
        b,
        name("key j in the reading view + frame"),
        |b| {
            if b.app.screen != Screen::Reading || b.app.reading.cursor.row > 40 {
                to_long(b);
                b.press(ch('w'));
            }
        },
        |b| b.press(ch('j')),
    );

    r.run(
        b,
        name("key k onto it + frame"),
        |b| {
            to_long(b);
            b.app.select_question(1);
        },
        |b| b.press(ch('k')),
    );

    b.press(ch('e'));
    assert!(b.editor_open(), "e opens the editor on the long narrative");
    r.run(b, name("key e (open editor) + frame"), to_long, |b| {
        b.press(ch('e'))
    });

    let open = |b: &mut Bench| {
        if !b.editor_open() {
            to_long(b);
            b.press(ch('e'));
        }
    };
    r.run(b, name("cursor left in editor + frame"), open, |b| {
        b.press(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE))
    });

    let mut typed = 0usize;
    r.run(
        b,
        name("type a character in editor + frame"),
        |b| {
            // Every 25 characters, put the narrative back.
            if typed.is_multiple_of(25) || !b.editor_open() {
                to_long(b);
                b.wb_mut().answer_mut(qid).narrative = long.clone();
                b.press(ch('e'));
            }
            typed += 1;
        },
        |b| b.press(ch('x')),
    );
    to_long(b);
}

// ----- reporting -----

/// 1234567 as "1,234,567".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn us(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2}")
    } else if v < 1_000.0 {
        format!("{v:.1}")
    } else {
        thousands(v.round() as usize)
    }
}

fn print_table(results: &[SizeResult]) {
    let first = &results[0];
    let last = &results[results.len() - 1];
    println!();
    println!(
        "Median / p95 in microseconds; terminal {WIDTH}×{HEIGHT}; keys include the frame they cause."
    );
    println!();
    let mut head = String::from("| operation |");
    let mut rule = String::from("|---|");
    for r in results {
        head.push_str(&format!(
            " {} q / {} ev |",
            thousands(r.questions),
            thousands(r.evidence)
        ));
        rule.push_str("---:|");
    }
    if results.len() > 1 {
        head.push_str(&format!(
            " growth {}→{} q |",
            thousands(first.questions),
            thousands(last.questions)
        ));
        rule.push_str("---:|");
    }
    println!("{head}");
    println!("{rule}");
    for (i, (name, _)) in first.rows.iter().enumerate() {
        let mut line = format!("| {name} |");
        for r in results {
            let st = r.rows[i].1;
            line.push_str(&format!(" {} / {} |", us(st.median_us), us(st.p95_us)));
        }
        if results.len() > 1 {
            let ratio = last.rows[i].1.median_us / first.rows[i].1.median_us;
            line.push_str(&format!(" ×{ratio:.1} |"));
        }
        println!("{line}");
    }
    println!();
    print_side_by_side(results);
    let mut sizes = String::from("| workbook file (YAML) |");
    for r in results {
        sizes.push_str(&format!(" {} KiB |", thousands(r.file_bytes / 1024)));
    }
    println!("{sizes}");
    if results.len() > 1 {
        println!();
        println!(
            "Size grew ×{:.0} in questions and evidence ({} → {} questions).",
            last.questions as f64 / first.questions as f64,
            thousands(first.questions),
            thousands(last.questions)
        );
    }
}

/// The load against the two plain parsers, same bytes, same run.
fn print_side_by_side(results: &[SizeResult]) {
    if results.iter().all(|r| r.side.is_none()) {
        return;
    }
    println!();
    println!(
        "Load side by side (the same bytes, taking turns; medians in ms; each ratio the median of the rounds' ratios):"
    );
    println!();
    println!(
        "| workbook | rounds | peerbook `workbook::from_text` | `serde_yaml::from_str::<Value>` | yaml-rust2 events only | peerbook ÷ serde_yaml | peerbook ÷ events |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in results {
        let Some(s) = r.side else { continue };
        println!(
            "| {} q / {} KiB | {} | {:.1} | {:.1} | {:.1} | ×{:.2} | ×{:.2} |",
            thousands(r.questions),
            thousands(r.file_bytes / 1024),
            s.rounds,
            s.peerbook_us / 1e3,
            s.serde_yaml_us / 1e3,
            s.events_us / 1e3,
            s.vs_serde_yaml,
            s.vs_events
        );
    }
    println!();
}

fn main() {
    // `--write N FILE`: save a synthetic workbook of N questions and stop
    // (for timing start-up and memory of the real binary on it).
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--write") {
        let (Some(n), Some(file)) = (args.get(2).and_then(|n| n.parse().ok()), args.get(3)) else {
            eprintln!("usage: bench --write QUESTIONS FILE");
            std::process::exit(2);
        };
        std::fs::write(file, workbook::to_text(&synthetic_workbook(n)))
            .expect("write the workbook");
        return;
    }
    let cfg = Config::from_args();
    let dir: PathBuf = std::env::temp_dir().join(format!("peerbook-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let results: Vec<SizeResult> = cfg.sizes.iter().map(|q| run_size(*q, &cfg, &dir)).collect();
    // Nothing is written there (documents are detached), but tidy up.
    let _ = std::fs::remove_dir_all(&dir);
    print_table(&results);
}
