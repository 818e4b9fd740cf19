//! Start-up time and peak memory of the real `peerbook` binary, and the time
//! of whole commands, on real and synthetic workbooks.
//!
//! Run on demand (it is not part of the tests or CI), after a release build
//! of the binary it measures:
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example startup                  # seeds, then 1×, 10×, 100×
//! cargo run --release --example startup -- --runs 5      # fewer runs
//! cargo run --release --example startup -- --sizes 13,2000
//! ```
//!
//! For each workbook it starts `peerbook open FILE` in an 80×24
//! pseudo-terminal with an empty data folder and times from the spawn to the
//! first frame that shows the open workbook (the status line's "answered"
//! count). At that moment it reads the process's peak resident memory
//! (`VmHWM` in `/proc/PID/status`); it then moves down, sets a rating, saves
//! with Ctrl-s, waits for the file to change and reads the peak again before
//! quitting.
//! It also times `validate`, `status` and three exports as whole processes,
//! with each one's peak memory, and beside each `validate` a plain
//! `serde_yaml::from_str::<Value>` of the same bytes in this process (the
//! ratio is the median of the runs' own ratios).
//! Figures are medians over the runs; the table goes to stdout, progress to
//! stderr. docs/performance.md explains the results.

#[path = "shared/synthetic.rs"]
mod synthetic;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// Longer than this and the program is taken to have hung.
const PATIENCE: Duration = Duration::from_secs(30);

#[path = "../tests/support/replies.rs"]
mod replies;
use replies::Replies;

/// One interactive run: time to the first frame, and peak memory then and
/// after a little work.
struct Interactive {
    first_frame: Duration,
    peak_at_first_frame_kb: u64,
    peak_after_work_kb: u64,
}

fn peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn interactive(bin: &Path, home: &Path, file: &Path) -> Interactive {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["open", &file.to_string_lossy()]);
    cmd.cwd(home);
    cmd.env("PEERBOOK_HOME", home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    // A chosen name, so the first run does not stop to ask for one.
    cmd.env("PEERBOOK_USER", "Bench Reviewer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("start peerbook");
    drop(pair.slave);
    let pid = child.process_id().expect("a process id");
    let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
        ROWS,
        COLS,
        0,
        Replies::default(),
    )));
    let mut reader = pair.master.try_clone_reader().expect("read the terminal");
    let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("a writer")));
    let (shared, answer) = (Arc::clone(&parser), Arc::clone(&writer));
    let reading = std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let replies = {
                let mut p = shared.lock().expect("the screen");
                p.process(&buf[..n]);
                std::mem::take(&mut p.callbacks_mut().out)
            };
            if !replies.is_empty() {
                let mut w = answer.lock().expect("the writer");
                let _ = w.write_all(&replies);
                let _ = w.flush();
            }
        }
    });
    let wait = |what: &str, text: &str| {
        let until = Instant::now() + PATIENCE;
        loop {
            if parser
                .lock()
                .expect("the screen")
                .screen()
                .contents()
                .contains(text)
            {
                return;
            }
            assert!(Instant::now() < until, "gave up waiting for {what}");
            std::thread::sleep(Duration::from_micros(200));
        }
    };
    let send = |bytes: &[u8]| {
        let mut w = writer.lock().expect("the writer");
        w.write_all(bytes).expect("type");
        w.flush().expect("type");
    };
    wait("the first frame", "answered ·");
    let first_frame = start.elapsed();
    let peak_at_first_frame_kb = peak_kb(pid);
    let before = std::fs::read(file).expect("read the workbook");
    send(b"j");
    send(b"3");
    send(b"\x13");
    let until = Instant::now() + PATIENCE;
    while std::fs::read(file).is_ok_and(|now| now == before) {
        assert!(Instant::now() < until, "gave up waiting for the save");
        std::thread::sleep(Duration::from_millis(1));
    }
    let peak_after_work_kb = peak_kb(pid);
    send(b"q");
    let _ = child.wait();
    drop(pair.master);
    let _ = reading.join();
    Interactive {
        first_frame,
        peak_at_first_frame_kb,
        peak_after_work_kb,
    }
}

/// Runs a whole command through a fresh copy of this program
/// (`--launch`): Linux counts in a child's peak memory the peak of the
/// process it was started from, and this one holds synthetic workbooks and
/// plain parses; the fresh copy holds nothing.
fn command(bin: &Path, home: &Path, args: &[&str]) -> (Duration, u64) {
    let exe = std::env::current_exe().expect("this program's path");
    let out = Command::new(exe)
        .arg("--launch")
        .arg(bin)
        .arg(home)
        .args(args)
        .output()
        .expect("run the launcher");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text
        .split_whitespace()
        .filter_map(|n| n.parse::<u64>().ok());
    match (out.status.success(), it.next(), it.next()) {
        (true, Some(us), Some(kb)) => (Duration::from_micros(us), kb),
        _ => panic!(
            "peerbook {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// Runs a whole command: how long it took and its peak resident memory in
/// KB (from `wait4`'s resource use, which is the child's own). The child
/// is reaped by that `wait4`, not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn launch(bin: &Path, home: &Path, args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(bin)
        .args(args)
        .current_dir(home)
        .env("PEERBOOK_HOME", home)
        .env("PEERBOOK_USER", "Bench Reviewer")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run peerbook");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; both pointers
    // are to live locals.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "peerbook {} failed",
        args.join(" ")
    );
    (took, usage.ru_maxrss.max(0) as u64)
}

/// `serde_yaml::from_str::<Value>` of the file, in this process: what a
/// plain parse of the same bytes costs, beside each `validate`.
fn plain_parse(file: &Path) -> Duration {
    let text = std::fs::read_to_string(file).expect("read the workbook");
    let start = Instant::now();
    let v: serde_yaml::Value = serde_yaml::from_str(&text).expect("it parses");
    let took = start.elapsed();
    drop(v);
    took
}

fn median<T: Ord + Copy>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn mb(kb: u64) -> String {
    format!("{:.1}", kb as f64 / 1024.0)
}

struct Row {
    name: String,
    size_kb: u64,
    cells: Vec<String>,
}

fn measure(bin: &Path, dir: &Path, name: &str, source: &Path, runs: usize) -> Row {
    let size_kb = std::fs::metadata(source).map_or(0, |m| m.len() / 1024);
    let mut first = Vec::new();
    let mut peak_first = Vec::new();
    let mut peak_work = Vec::new();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); 5];
    let mut peaks: Vec<Vec<u64>> = vec![Vec::new(); 5];
    let mut plain = Vec::new();
    let mut ratios = Vec::new();
    for run in 0..runs {
        // A fresh data folder and copy each run: the interactive run saves.
        let home = dir.join(format!("{name}-{run}"));
        std::fs::create_dir_all(&home).expect("a data folder");
        let file = home.join("workbook.yaml");
        std::fs::copy(source, &file).expect("copy the workbook");
        let i = interactive(bin, &home, &file);
        first.push(i.first_frame);
        peak_first.push(i.peak_at_first_frame_kb);
        peak_work.push(i.peak_after_work_kb);
        let f = file.to_string_lossy().to_string();
        let cases: [&[&str]; 5] = [
            &["validate", &f],
            &["status", &f],
            &[
                "export",
                &f,
                "--pack",
                "self-assessment",
                "--format",
                "md",
                "--out",
                "x.md",
                "--force",
            ],
            &["export", &f, "--format", "csv", "--out", "x.csv", "--force"],
            &[
                "export",
                &f,
                "--pack",
                "self-assessment",
                "--format",
                "docx",
                "--out",
                "x.docx",
                "--force",
            ],
        ];
        for (k, args) in cases.iter().enumerate() {
            let (t, peak) = command(bin, &home, args);
            if k == 0 {
                let p = plain_parse(&file);
                plain.push(p);
                ratios.push((t.as_secs_f64() / p.as_secs_f64() * 1000.0) as u64);
            }
            times[k].push(t);
            peaks[k].push(peak);
        }
        let _ = std::fs::remove_dir_all(&home);
    }
    eprintln!("{name}: done");
    let mut cells = vec![
        ms(median(first)),
        mb(median(peak_first)),
        mb(median(peak_work)),
    ];
    cells.extend(times.into_iter().map(|t| ms(median(t))));
    cells.push(ms(median(plain)));
    cells.push(format!("×{:.2}", median(ratios) as f64 / 1000.0));
    cells.push(
        peaks
            .into_iter()
            .map(|p| mb(median(p)))
            .collect::<Vec<_>>()
            .join(" / "),
    );
    Row {
        name: name.to_string(),
        size_kb,
        cells,
    }
}

fn main() {
    // `--launch BIN HOME ARGS...`: run one command, print microseconds and
    // peak KB (see `command`).
    let all: Vec<String> = std::env::args().collect();
    if all.get(1).map(String::as_str) == Some("--launch") && all.len() >= 4 {
        let rest: Vec<&str> = all[4..].iter().map(String::as_str).collect();
        let (took, kb) = launch(Path::new(&all[2]), Path::new(&all[3]), &rest);
        println!("{} {kb}", took.as_micros());
        return;
    }
    let mut runs = 9;
    let mut sizes = vec![13, 130, 1_300];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            "--sizes" => {
                sizes = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|n| n.trim().parse().ok())
                    .collect()
            }
            other => {
                eprintln!("unknown argument '{other}'; use --runs N or --sizes 13,130,1300");
                std::process::exit(2);
            }
        }
    }
    let exe = std::env::current_exe().expect("this program's path");
    let bin: PathBuf = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("peerbook"))
        .expect("the target folder");
    if !bin.exists() {
        eprintln!(
            "{} is missing: run `cargo build --release` first",
            bin.display()
        );
        std::process::exit(2);
    }
    let dir = std::env::temp_dir().join(format!("peerbook-startup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let mut rows = Vec::new();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for seed in [
        "suffolk-reablement-2016.yaml",
        "halton-intermediate-care-2019.yaml",
    ] {
        rows.push(measure(&bin, &dir, seed, &seeds.join(seed), runs));
    }
    for q in sizes {
        let file = dir.join(format!("synthetic-{q}.yaml"));
        let wb = synthetic::synthetic_workbook(q);
        std::fs::write(&file, peerbook::workbook::to_text(&wb)).expect("write the workbook");
        let name = format!("synthetic, {q} questions / {} evidence", wb.evidence.len());
        drop(wb);
        rows.push(measure(&bin, &dir, &name, &file, runs));
    }
    let _ = std::fs::remove_dir_all(&dir);

    println!("Median of {runs} runs; times in ms, memory in MB.");
    println!();
    println!(
        "| workbook | file KiB | open: first frame | peak memory at first frame | peak after j, 3, Ctrl-s | `validate` | `status` | `export` md | `export` csv | `export` docx | serde_yaml parse, in process | `validate` ÷ serde_yaml | peak MB: validate / status / md / csv / docx |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!("| {} | {} | {} |", r.name, r.size_kb, r.cells.join(" | "));
    }
}
