//! Saving killed at random moments: the workbook always loads, and holds
//! either the version before the save or the one being saved.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use peerbook::workbook;

/// A small, reproducible random number generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

fn narrative(path: &Path) -> String {
    let bytes = fs::read(path).unwrap();
    let (wb, _) = workbook::from_text("wb.yaml", &bytes)
        .unwrap_or_else(|e| panic!("the workbook no longer loads:\n{e}"));
    wb.answer("1")
        .map(|a| a.narrative.clone())
        .unwrap_or_default()
}

#[test]
fn saves_killed_at_random_moments_leave_a_whole_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let wb = home.join("wb.yaml");
    let bin = env!("CARGO_BIN_EXE_peerbook");
    let out = Command::new(bin)
        .args([
            "new",
            "--framework",
            "suffolk-reablement-2016",
            "--council",
            "Test",
            "--title",
            "Kill",
            "--out",
        ])
        .arg(&wb)
        .env("PEERBOOK_HOME", home)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut killed = 0;
    let mut finished = 0;
    for i in 0..120 {
        let before = narrative(&wb);
        // A long narrative makes the write take a little while.
        let new = format!("version {i}{}", " text".repeat(2000));
        let csv = home.join("rows.csv");
        fs::write(&csv, format!("ref,narrative\nKLOE 1,\"{new}\"\n")).unwrap();
        let mut child = Command::new(bin)
            .args(["import", "wb.yaml", "rows.csv"])
            .env("PEERBOOK_HOME", home)
            .current_dir(home)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % 25_000));
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                // SIGKILL on Unix: no chance to clean up.
                child.kill().unwrap();
                killed += 1;
            }
        }
        let _ = child.wait();
        let after = narrative(&wb);
        assert!(
            after == before || after == new,
            "after run {i} the narrative is neither the old nor the new version"
        );
    }
    // Both outcomes happened, so the test exercised kills mid-save.
    assert!(killed > 10, "only {killed} runs were killed");
    assert!(finished > 0 || killed == 120);
    // A lock left by a killed process does not block the next writer.
    let csv = home.join("rows.csv");
    fs::write(&csv, "ref,narrative\nKLOE 1,final\n").unwrap();
    let out = Command::new(bin)
        .args(["import", "wb.yaml", "rows.csv"])
        .env("PEERBOOK_HOME", home)
        .current_dir(home)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(narrative(&wb), "final");
}
