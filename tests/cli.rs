//! Runs the real `peerbook` binary against a temporary data folder.
//! The runner is `tests/support`'s.
//!
//! (Over 600 lines: one test a command behaviour.)

use std::fs;
use std::path::PathBuf;

mod support;
use support::bin::Home;
use support::seed_path as seed;

/// A temporary data folder to run the binary in.
type Env = Home;

/// A new Suffolk workbook at `name`, made by `peerbook new`.
fn suffolk(env: &Env, name: &str) -> PathBuf {
    env.ok(&[
        "new",
        "--framework",
        "suffolk-reablement-2016",
        "--council",
        "Suffolk County Council",
        "--title",
        "Reablement peer review",
        "--out",
        name,
    ]);
    env.path(name)
}

fn bundled(name: &str) -> String {
    fs::read_to_string(support::root().join("kloe").join(name)).unwrap()
}

#[test]
fn new_writes_a_private_workbook_in_the_data_folder() {
    let env = Env::new();
    let out = env.ok(&[
        "new",
        "--framework",
        "suffolk-reablement-2016@2016",
        "--council",
        "Suffolk County Council",
        "--title",
        "Reablement peer review",
    ]);
    let path = PathBuf::from(out.trim());
    assert_eq!(
        path,
        env.path("workbooks/suffolk-county-council-reablement-peer-review.yaml")
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("kind: workbook\nformat: 1\n"), "{text}");
    assert!(text.contains("digest: sha256:"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "workbook mode {mode:o}");
        let dir_mode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700, "folder mode {dir_mode:o}");
    }
    let status = env.ok(&["status", path.to_str().unwrap()]);
    assert!(status.contains("Overall"), "{status}");
    assert!(status.contains("0/13"), "{status}");
    // The overview lists it.
    let overview = env.ok(&[]);
    assert!(overview.contains("Suffolk County Council"), "{overview}");
    assert!(overview.contains("0/13 answered"), "{overview}");
}

#[test]
fn new_refuses_to_overwrite_and_names_unknown_frameworks() {
    let env = Env::new();
    let path = suffolk(&env, "a.yaml");
    let before = fs::read(&path).unwrap();
    let (_, msg) = env.fails(&[
        "new",
        "--framework",
        "cbo-standards",
        "--council",
        "X",
        "--title",
        "Y",
        "--out",
        "a.yaml",
    ]);
    assert!(msg.contains("already exists"), "{msg}");
    assert_eq!(fs::read(&path).unwrap(), before);
    let (_, msg) = env.fails(&[
        "new",
        "--framework",
        "no-such-thing",
        "--council",
        "X",
        "--title",
        "Y",
    ]);
    assert!(msg.contains("no framework 'no-such-thing'"), "{msg}");
    assert!(msg.contains("cbo-standards@"), "{msg}");
}

#[test]
fn a_bare_id_with_two_versions_asks_for_one() {
    let env = Env::new();
    let kloe = env.path("kloe");
    fs::create_dir_all(&kloe).unwrap();
    let newer = bundled("cbo-standards.yaml").replacen("version: \"2015\"", "version: \"2099\"", 1);
    assert_ne!(newer, bundled("cbo-standards.yaml"));
    fs::write(kloe.join("cbo-2099.yaml"), newer).unwrap();
    let (_, msg) = env.fails(&[
        "new",
        "--framework",
        "cbo-standards",
        "--council",
        "X",
        "--title",
        "Y",
    ]);
    assert!(msg.contains("cbo-standards@2015"), "{msg}");
    assert!(msg.contains("cbo-standards@2099"), "{msg}");
    let out = env.ok(&[
        "new",
        "--framework",
        "cbo-standards@2099",
        "--council",
        "X",
        "--title",
        "Y",
    ]);
    assert!(out.trim().ends_with("x-y.yaml"), "{out}");
    let list = env.ok(&["frameworks"]);
    assert!(list.contains("cbo-standards@2099"), "{list}");
}

#[test]
fn frameworks_lists_bundled_and_broken_files() {
    let env = Env::new();
    let kloe = env.path("kloe");
    fs::create_dir_all(&kloe).unwrap();
    fs::write(
        kloe.join("broken.yaml"),
        "kind: framework\nformat: 1\nid: ours\nversion: \"1\"\ntitle: Ours\ndomains:\n  - id: d\n    title: D\n    questions:\n      - id: q1\n        promts: [x]\n        text: Q\n",
    )
    .unwrap();
    let out = env.ok(&["frameworks"]);
    for id in [
        "cbo-standards@",
        "suffolk-reablement-2016@2016",
        "wessex-rehabilitation-principles@",
        "halton-intermediate-care-2019@",
        "somerset-asc-2013@",
        "leeds-better-lives-metrics@",
    ] {
        assert!(out.contains(id), "{id} missing from:\n{out}");
    }
    assert!(out.contains("13 key lines of enquiry"), "{out}");
    assert!(out.contains("Files that did not load"), "{out}");
    assert!(
        out.contains("broken.yaml:11:9: error: unknown key 'promts'"),
        "{out}"
    );
}

#[test]
fn validate_reports_positions_and_exit_codes() {
    let env = Env::new();
    let good = env.path("good.yaml");
    fs::write(&good, bundled("wessex-rehabilitation-principles.yaml")).unwrap();
    let out = env.ok(&["validate", "good.yaml"]);
    assert!(out.contains("good.yaml: valid framework"), "{out}");

    let bad = env.path("bad.yaml");
    fs::write(
        &bad,
        "kind: framework\nformat: 2\nid: Bad Id\nversion: \"1\"\ntitle: T\nscale: cqc-5\ndomains:\n  - id: d\n    title: D\n    questions:\n      - id: q\n        text: Q\n",
    )
    .unwrap();
    let (code, msg) = env.fails(&["validate", "good.yaml", "bad.yaml"]);
    assert_eq!(code, 1);
    assert!(
        msg.contains("bad.yaml:2:9: error: framework format 2 is not supported"),
        "{msg}"
    );
    assert!(
        msg.contains("bad.yaml:3:5: error: framework id 'Bad Id' is not a slug"),
        "{msg}"
    );
    assert!(
        msg.contains("bad.yaml:6:8: error: unknown built-in scale 'cqc-5'"),
        "{msg}"
    );
    assert!(msg.contains("did you mean 'cqc-4'?"), "{msg}");
    assert!(msg.contains("bad.yaml: invalid (3 errors)"), "{msg}");

    let wb = suffolk(&env, "wb.yaml");
    let out = env.ok(&["validate", wb.to_str().unwrap()]);
    assert!(
        out.contains("valid workbook for suffolk-reablement-2016@2016"),
        "{out}"
    );
}

#[test]
fn a_broken_workbook_is_reported_and_never_overwritten() {
    let env = Env::new();
    let wb = suffolk(&env, "wb.yaml");
    let text = fs::read_to_string(&wb).unwrap();
    let broken = text.replacen(
        "  status: not-started",
        "  status: finished\n  rating: 7",
        1,
    );
    fs::write(&wb, &broken).unwrap();
    let (code, msg) = env.fails(&["validate", "wb.yaml"]);
    assert_eq!(code, 1);
    assert!(
        msg.contains("wb.yaml:8:11: error: 'status' cannot be 'finished'"),
        "{msg}"
    );
    assert!(
        msg.contains("wb.yaml:9:11: error: rating '7' is not on the scale"),
        "{msg}"
    );
    assert!(msg.contains("1: Significant shortfalls"), "{msg}");
    fs::write(env.path("in.csv"), "ref,narrative\nKLOE 1,hello\n").unwrap();
    let (_, msg) = env.fails(&["import", "wb.yaml", "in.csv"]);
    assert!(msg.contains("wb.yaml:8:11"), "{msg}");
    assert_eq!(fs::read_to_string(&wb).unwrap(), broken);
}

#[test]
fn csv_round_trip_carries_every_field() {
    let env = Env::new();
    let wb = suffolk(&env, "wb.yaml");
    let csv_path = env.ok(&["export", "wb.yaml", "--format", "csv"]);
    let csv_path = env.path(csv_path.trim());
    assert_eq!(
        csv_path,
        env.path("suffolk-county-council-reablement-peer-review.csv")
    );
    let bytes = fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFdomain,ref,question,rating,status,owner,narrative"));
    // Edit as a spreadsheet would.
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let headers = rdr.headers().unwrap().clone();
    let mut rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let narrative = "Ynys Môn, \"quoted\" — and\nsecond line ✓";
    let set = |row: &mut csv::StringRecord, col: &str, v: &str| {
        let i = headers.iter().position(|h| h == col).unwrap();
        let mut cells: Vec<String> = row.iter().map(str::to_string).collect();
        cells[i] = v.to_string();
        *row = csv::StringRecord::from(cells);
    };
    set(&mut rows[0], "rating", "Good standard");
    set(&mut rows[0], "narrative", narrative);
    set(&mut rows[0], "owner", "Head of reablement");
    set(
        &mut rows[0],
        "strengths",
        "Goals agreed early\nStrong therapy input",
    );
    set(&mut rows[1], "rating", "4");
    set(&mut rows[1], "status", "Ready for review");
    set(&mut rows[2], "rating", "n/a");
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    fs::write(env.path("edited.csv"), w.into_inner().unwrap()).unwrap();
    let out = env.ok(&["import", "wb.yaml", "edited.csv"]);
    assert!(
        out.contains("row 2: KLOE 1 — rating, status, owner, narrative, strengths"),
        "{out}"
    );
    assert!(out.contains("row 3: KLOE 2 — rating, status"), "{out}");
    assert!(out.contains("row 4: KLOE 3 — rating, status"), "{out}");
    assert!(out.contains("Updated 3 questions"), "{out}");
    let yaml = fs::read_to_string(&wb).unwrap();
    assert!(yaml.contains("by: Test Officer"), "{yaml}");
    assert!(yaml.contains("rating: n/a"), "{yaml}");
    // Export again: the sheet comes back as it was edited.
    let again = env.ok(&["export", "wb.yaml", "--format", "csv", "--out", "again.csv"]);
    let again = fs::read(env.path(again.trim())).unwrap();
    let mut rdr = csv::Reader::from_reader(&again[3..]);
    let back: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(&back[0][3], "Good standard");
    assert_eq!(&back[0][4], "Draft");
    assert_eq!(&back[0][6], narrative);
    assert_eq!(&back[0][7], "Goals agreed early\nStrong therapy input");
    assert_eq!(&back[1][3], "Exceptional standard");
    assert_eq!(&back[1][4], "Ready for review");
    assert_eq!(&back[2][3], "N/A");
    // Importing the same sheet again changes nothing.
    let before = fs::read(&wb).unwrap();
    let out = env.ok(&["import", "wb.yaml", "again.csv"]);
    assert!(out.contains("No changes"), "{out}");
    assert_eq!(fs::read(&wb).unwrap(), before);
    // Export refuses to overwrite without --force.
    let (_, msg) = env.fails(&["export", "wb.yaml", "--format", "csv", "--out", "again.csv"]);
    assert!(msg.contains("--force"), "{msg}");
}

#[test]
fn importing_the_same_csv_twice_leaves_the_same_bytes() {
    let env = Env::new();
    let wb = suffolk(&env, "wb.yaml");
    // Filled in as a team does in a spreadsheet: text written, the status
    // column left as it was exported, or set by hand.
    fs::write(
        env.path("draft.csv"),
        "ref,rating,status,narrative,strengths\r\n\
         KLOE 1,,Not started,Where we are: goals are agreed in the first week.,\r\n\
         KLOE 2,3,Not started,,\r\n\
         KLOE 3,,Draft,,\r\n\
         KLOE 4,,Ready for review,,Strong therapy input\r\n",
    )
    .unwrap();
    let out = env.ok(&["import", "wb.yaml", "draft.csv"]);
    let first = fs::read(&wb).unwrap();
    let again = env.ok(&["import", "wb.yaml", "draft.csv"]);
    assert!(again.contains("No changes"), "{again}");
    assert_eq!(
        fs::read(&wb).unwrap(),
        first,
        "the second import changed the file"
    );
    assert!(out.contains("row 2: KLOE 1 — status, narrative"), "{out}");
    assert!(out.contains("row 3: KLOE 2 — rating, status"), "{out}");
    assert!(!out.contains("KLOE 3"), "{out}");
    assert!(out.contains("row 5: KLOE 4 — status, strengths"), "{out}");
    // What the content says: written answers are drafts, an empty one
    // marked "Draft" is not started, a status decided on is kept.
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", "wb.yaml", "--format", "json"])).unwrap();
    assert_eq!(json["overall"]["answered"], 3);
    let yaml = String::from_utf8(first).unwrap();
    for (q, status) in [
        ("1", "draft"),
        ("2", "draft"),
        ("3", "not-started"),
        ("4", "ready-for-review"),
    ] {
        let at = yaml.find(&format!("- question: '{q}'\n")).unwrap();
        assert!(
            yaml[at..].contains(&format!("- question: '{q}'\n  status: {status}\n")),
            "KLOE {q} should be {status}:\n{}",
            &yaml[at..]
        );
    }

    // Exported and imported again, an unchanged workbook is unchanged, the
    // seeds included.
    for name in [
        "suffolk-reablement-2016.yaml",
        "halton-intermediate-care-2019.yaml",
        "suffolk-reablement-2016-onsite.yaml",
    ] {
        let copy = env.path(name);
        fs::copy(seed(name), &copy).unwrap();
        let before = fs::read(&copy).unwrap();
        env.ok(&[
            "export", name, "--format", "csv", "--out", "back.csv", "--force",
        ]);
        let out = env.ok(&["import", name, "back.csv"]);
        assert!(out.contains("No changes"), "{name}: {out}");
        assert_eq!(fs::read(&copy).unwrap(), before, "{name}");
    }
}

#[test]
fn status_and_the_pack_agree_on_an_answer_whose_rating_was_cleared() {
    let env = Env::new();
    // What rating an empty answer and clearing the rating again left
    // behind before: a draft that holds nothing.
    let text = fs::read_to_string(seed("suffolk-reablement-2016.yaml")).unwrap();
    let cleared = "- question: '12'\n  status: draft\n  changed:\n    at: 2026-01-10T09:00:00Z\n    by: A. Officer\n";
    let text = text.replacen("- question: '12'\n  status: not-started\n", cleared, 1);
    assert!(text.contains(cleared));
    fs::write(env.path("wb.yaml"), &text).unwrap();

    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", "wb.yaml", "--format", "json"])).unwrap();
    assert_eq!(json["overall"]["answered"], 12, "{json}");
    assert_eq!(json["overall"]["total"], 13, "{json}");
    let shown = env.ok(&["status", "wb.yaml"]);
    assert!(shown.contains("12/13"), "{shown}");

    for pack in ["self-assessment", "summary"] {
        let out = format!("{pack}.md");
        env.ok(&[
            "export",
            "wb.yaml",
            "--pack",
            pack,
            "--format",
            "md",
            "--out",
            &out,
            "--date",
            "2026-01-15",
        ]);
        let md = fs::read_to_string(env.path(&out)).unwrap();
        assert!(
            md.contains("12 of 13 key lines of enquiry answered"),
            "{pack}:\n{md}"
        );
        assert!(
            md.contains("Not answered (1)") || md.contains("Not answered: KLOE 12"),
            "{pack}:\n{md}"
        );
    }
}

#[test]
fn import_with_any_bad_row_changes_nothing() {
    let env = Env::new();
    let wb = suffolk(&env, "wb.yaml");
    let before = fs::read(&wb).unwrap();
    fs::write(
        env.path("bad.csv"),
        "ref,rating,narrative\nKLOE 1,3,fine\nKLOE 99,2,x\nKLOE 3,Brilliant,y\nKLOE 1,2,again\n",
    )
    .unwrap();
    let (code, msg) = env.fails(&["import", "wb.yaml", "bad.csv"]);
    assert_eq!(code, 1);
    assert!(
        msg.contains("row 3: no question with ref 'KLOE 99'"),
        "{msg}"
    );
    assert!(
        msg.contains("row 4: rating 'Brilliant' is not on the scale"),
        "{msg}"
    );
    assert!(
        msg.contains("row 5: 'KLOE 1' already appears in row 2"),
        "{msg}"
    );
    assert!(msg.contains("nothing in"), "{msg}");
    assert_eq!(fs::read(&wb).unwrap(), before);
}

#[test]
fn status_json_has_scores_and_bands() {
    let env = Env::new();
    suffolk(&env, "wb.yaml");
    // Twelve questions at 3 and one at 1: (36 + 1) / (13 * 4) = 71.2 → Good.
    let mut csv = String::from("ref,rating\n");
    for i in 1..=12 {
        csv.push_str(&format!("KLOE {i},3\n"));
    }
    csv.push_str("KLOE 13,1\n");
    fs::write(env.path("r.csv"), csv).unwrap();
    env.ok(&["import", "wb.yaml", "r.csv"]);
    let out = env.ok(&["status", "wb.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["overall"]["answered"], 13);
    assert_eq!(v["overall"]["rated"], 13);
    assert_eq!(v["overall"]["total"], 13);
    assert_eq!(v["overall"]["score"], 71.2);
    assert_eq!(v["overall"]["band"], "Good");
    let domains = v["domains"].as_array().unwrap();
    assert_eq!(domains.len(), 3);
    assert_eq!(domains[0]["total"], 5);
    assert_eq!(domains[0]["score"], 75.0);
    // Domain 3 holds KLOE 13: (9 + 1) / 16 = 62.5, rounded to 63 → Good.
    assert_eq!(domains[2]["score"], 62.5);
    assert_eq!(domains[2]["band"], "Good");
    let text = env.ok(&["status", "wb.yaml"]);
    assert!(text.contains("71.2  Good"), "{text}");
    assert!(text.contains("By mapped standard:"), "{text}");
}

#[test]
fn findings_only_status_has_no_scores() {
    let env = Env::new();
    env.ok(&[
        "new",
        "--framework",
        "somerset-asc-2013",
        "--council",
        "Somerset County Council",
        "--title",
        "Peer challenge",
        "--out",
        "s.yaml",
    ]);
    let out = env.ok(&["status", "s.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["overall"]["score"].is_null());
    assert!(v["overall"]["band"].is_null());
    assert_eq!(v["overall"]["answered"], 0);
    fs::write(env.path("r.csv"), "ref,rating\nS1,3\n").unwrap();
    let (_, msg) = env.fails(&["import", "s.yaml", "r.csv"]);
    assert!(msg.contains("findings-only"), "{msg}");
}

/// The crash hook exists in debug builds only.
#[cfg(debug_assertions)]
#[test]
fn a_crash_between_write_and_rename_leaves_the_old_file_whole() {
    let env = Env::new();
    let wb = suffolk(&env, "wb.yaml");
    let before = fs::read(&wb).unwrap();
    fs::write(env.path("in.csv"), "ref,narrative\nKLOE 1,new text\n").unwrap();
    let out = env
        .cmd(&["import", "wb.yaml", "in.csv"])
        .env("PEERBOOK_TEST_CRASH_BEFORE_RENAME", "1")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the process should have died");
    assert_eq!(fs::read(&wb).unwrap(), before, "the workbook changed");
    // The new version had been written in full beside it.
    let tmp: Vec<PathBuf> = fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert_eq!(tmp.len(), 1, "{tmp:?}");
    assert!(fs::read_to_string(&tmp[0]).unwrap().contains("new text"));
    // And the workbook still opens, and the next save works.
    env.ok(&["validate", "wb.yaml"]);
    env.ok(&["import", "wb.yaml", "in.csv"]);
    assert!(fs::read_to_string(&wb).unwrap().contains("new text"));
    assert_eq!(fs::read(env.path("wb.yaml.bak")).unwrap(), before);
}

#[test]
fn a_held_lock_refuses_a_second_writer_and_a_stale_one_is_taken_over() {
    let env = Env::new();
    let wb = suffolk(&env, "wb.yaml");
    fs::write(env.path("in.csv"), "ref,narrative\nKLOE 1,new text\n").unwrap();
    {
        let _lock = peerbook::store::Lock::acquire(&wb).unwrap();
        let (_, msg) = env.fails(&["import", "wb.yaml", "in.csv"]);
        assert!(msg.contains("open in another peerbook"), "{msg}");
        assert!(
            msg.contains(&format!("process {}", std::process::id())),
            "{msg}"
        );
    }
    assert!(!env.path("wb.yaml.lock").exists());
    // A lock file left by a process that died holds no OS lock.
    fs::write(
        env.path("wb.yaml.lock"),
        "someone on elsewhere, process 999999, since 2026-01-01 09:00",
    )
    .unwrap();
    let out = env.run(&["import", "wb.yaml", "in.csv"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("took over a lock"), "{err}");
    assert!(err.contains("process 999999"), "{err}");
    assert!(fs::read_to_string(&wb).unwrap().contains("new text"));
}

#[test]
fn upgrade_carries_answers_and_keeps_orphans() {
    let env = Env::new();
    suffolk(&env, "wb.yaml");
    fs::write(
        env.path("in.csv"),
        "ref,rating,narrative\nKLOE 1,3,first\nKLOE 13,2,about value for money\n",
    )
    .unwrap();
    env.ok(&["import", "wb.yaml", "in.csv"]);
    // A 2017 edition that drops KLOE 13 and adds KLOE 14.
    let text = bundled("suffolk-reablement-2016.yaml");
    let start = text
        .find("      - id: \"13\"")
        .expect("KLOE 13 in the bundled file");
    let end = text[start + 1..]
        .find("\n      - id:")
        .map_or(text.len(), |i| start + 1 + i);
    let newer = format!(
        "{}      - id: \"14\"\n        text: How well do we learn from complaints?\n{}",
        &text[..start],
        &text[end..]
    )
    .replacen("version: \"2016\"", "version: \"2017\"", 1);
    fs::write(env.path("suffolk-2017.yaml"), newer).unwrap();
    let out = env.ok(&["upgrade", "wb.yaml", "--framework", "suffolk-2017.yaml"]);
    assert!(out.contains("to suffolk-reablement-2016@2017"), "{out}");
    assert!(out.contains("carried:  1"), "{out}");
    assert!(out.contains("new:      14"), "{out}");
    assert!(out.contains("orphaned: 13"), "{out}");
    let status = env.ok(&["status", "wb.yaml"]);
    assert!(status.contains("Orphaned answers (1)"), "{status}");
    assert!(status.contains("about value for money"), "{status}");
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", "wb.yaml", "--format", "json"])).unwrap();
    assert_eq!(v["orphaned"][0], "13");
    assert_eq!(v["overall"]["total"], 13);
    // The orphan is scored nowhere but stays in the file.
    assert_eq!(v["overall"]["rated"], 1);
    let yaml = fs::read_to_string(env.path("wb.yaml")).unwrap();
    assert!(yaml.contains("about value for money"));
    env.ok(&["validate", "wb.yaml"]);
}

#[test]
fn upgrade_refuses_a_different_framework_without_force() {
    let env = Env::new();
    let wb = suffolk(&env, "wb.yaml");
    let before = fs::read(&wb).unwrap();
    let (_, msg) = env.fails(&["upgrade", "wb.yaml", "--framework", "cbo-standards"]);
    assert!(msg.contains("is a different framework"), "{msg}");
    assert!(msg.contains("--force"), "{msg}");
    assert_eq!(fs::read(&wb).unwrap(), before);
}

#[test]
fn ids_written_as_numbers_keep_their_text_in_the_workbook() {
    let env = Env::new();
    fs::write(
        env.path("ours.yaml"),
        "kind: framework\nformat: 1\nid: ours\nversion: 2016.10\ntitle: Ours\nscale: rag\ndomains:\n  - id: d\n    title: D\n    questions:\n      - id: 1.1\n        text: First\n      - id: 1.10\n        text: Tenth\n",
    )
    .unwrap();
    env.ok(&[
        "new",
        "--framework",
        "ours.yaml",
        "--council",
        "X",
        "--title",
        "Y",
        "--out",
        "wb.yaml",
    ]);
    fs::write(env.path("r.csv"), "ref,rating\n1.10,Green\n1.1,Red\n").unwrap();
    env.ok(&["import", "wb.yaml", "r.csv"]);
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", "wb.yaml", "--format", "json"])).unwrap();
    assert_eq!(v["framework"]["version"], "2016.10");
    assert_eq!(v["overall"]["rated"], 2);
    assert_eq!(v["orphaned"].as_array().unwrap().len(), 0, "{v}");
    let yaml = fs::read_to_string(env.path("wb.yaml")).unwrap();
    assert!(
        yaml.contains("question: '1.10'\n  status: draft\n  rating: 3"),
        "{yaml}"
    );
}

#[test]
fn every_command_has_help_with_examples() {
    let env = Env::new();
    for cmd in [
        "frameworks",
        "new",
        "validate",
        "status",
        "export",
        "import",
        "upgrade",
    ] {
        let out = env.ok(&[cmd, "--help"]);
        assert!(out.contains("Examples:"), "{cmd}: {out}");
    }
    let out = env.ok(&["--help"]);
    assert!(out.contains("Examples:"));
    let (code, msg) = env.fails(&["status"]);
    assert_eq!(code, 2);
    assert!(msg.contains("WORKBOOK"), "{msg}");
    let (_, msg) = env.fails(&["status", "missing.yaml"]);
    assert!(msg.contains("could not read"), "{msg}");
    assert!(!msg.contains("Os {"), "{msg}");
}

#[test]
fn seeds_validate_and_report_status() {
    let env = Env::new();
    for name in [
        "suffolk-reablement-2016.yaml",
        "halton-intermediate-care-2019.yaml",
    ] {
        let p = seed(name);
        let out = env.ok(&["validate", p.to_str().unwrap()]);
        assert!(out.contains("valid workbook"), "{out}");
        let v: serde_json::Value =
            serde_json::from_str(&env.ok(&["status", p.to_str().unwrap(), "--format", "json"]))
                .unwrap();
        assert!(v["overall"]["rated"].as_u64().unwrap() > 5, "{name}: {v}");
        assert!(v["overall"]["score"].is_number(), "{name}: {v}");
        assert!(v["overall"]["band"].is_string(), "{name}: {v}");
    }
}

#[test]
fn an_empty_required_value_is_reported_at_its_key() {
    let env = Env::new();
    fs::write(
        env.path("f.yaml"),
        "kind: framework\nformat: 1\nid: x\nversion: \"1\"\ntitle: T\ndomains:\n  - id: d\n    title: D\n    questions:\n      - id: q\n        text:\n      - id: r\n        text: R\n",
    )
    .unwrap();
    let (code, msg) = env.fails(&["validate", "f.yaml"]);
    assert_eq!(code, 1);
    assert!(
        msg.contains("f.yaml:11:9: error: 'text' in a question is empty"),
        "{msg}"
    );
}

#[test]
fn validate_checks_maps_to_against_a_framework_given_with_kloe() {
    let env = Env::new();
    let fw = |id: &str, extra: &str| {
        format!(
            "kind: framework\nformat: 1\nid: {id}\nversion: \"1\"\ntitle: T\ndomains:\n  - id: d\n    title: D\n    questions:\n      - id: q1\n        text: Q\n{extra}"
        )
    };
    fs::create_dir_all(env.path("other")).unwrap();
    fs::write(env.path("other/target.yaml"), fw("target", "")).unwrap();
    fs::write(
        env.path("a.yaml"),
        fw("source", "        maps_to: [\"target:q9\"]\n"),
    )
    .unwrap();
    // Without the target loaded, the reference is only a warning.
    let out = env.ok(&["validate", "a.yaml"]);
    assert!(
        out.contains("warning: question 'q1' maps to 'target:q9'"),
        "{out}"
    );
    // With it loaded from a file named on the command line, it is an error.
    let (code, msg) = env.fails(&["validate", "--kloe", "other/target.yaml", "a.yaml"]);
    assert_eq!(code, 1);
    assert!(
        msg.contains("a.yaml:12:19: error: question 'q1' maps to 'target:q9', but framework 'target' has no question 'q9'"),
        "{msg}"
    );
}

#[test]
fn a_kloe_file_that_does_not_load_is_reported() {
    let env = Env::new();
    fs::write(env.path("w.yaml"), "kind: framework\nformat: 1\nid: w\n").unwrap();
    let (_, msg) = env.fails(&[
        "--kloe",
        "w.yaml",
        "new",
        "--framework",
        "w",
        "--council",
        "a",
        "--title",
        "b",
    ]);
    assert!(msg.contains("w.yaml did not load and is skipped"), "{msg}");
    assert!(
        msg.contains("w.yaml:1:1: error: the framework is missing the required key 'title'"),
        "{msg}"
    );
}

#[test]
fn status_reports_the_on_site_review() {
    let env = Env::new();
    let p = seed("suffolk-reablement-2016-onsite.yaml");
    let p = p.to_str().unwrap();
    env.ok(&["validate", p]);
    let text = env.ok(&["status", p]);
    assert!(text.contains("On-site review (4 reviewers)"), "{text}");
    assert!(
        text.contains("Reviewers two or more levels apart: KLOE 4"),
        "{text}"
    );
    assert!(text.contains("Not yet agreed: KLOE 10, KLOE 12"), "{text}");
    assert!(text.contains("KLOE 3 (read only)"), "{text}");
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", p, "--format", "json"])).unwrap();
    let onsite = &v["onsite"];
    assert_eq!(onsite["reviewers"].as_array().unwrap().len(), 4);
    assert_eq!(onsite["totals"]["documents"], 9);
    let q4 = &onsite["questions"][3];
    assert_eq!(q4["ref"], "KLOE 4");
    assert_eq!(q4["spread"], 2);
    assert_eq!(q4["disagree"], true);
    assert_eq!(q4["agreed"], 2);
    assert_eq!(onsite["triangulation"][2]["one_kind"], true);
    // The council-only seed has no on-site section.
    let plain: serde_json::Value = serde_json::from_str(&env.ok(&[
        "status",
        seed("suffolk-reablement-2016.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(plain["onsite"].is_null());
}

#[test]
fn a_workbook_made_by_an_earlier_peerbook_still_matches_its_digest() {
    // Made by peerbook at commit ecc9419 (whose YAML writer was serde_yaml's)
    // from a framework full of text that writers quote differently: `-ve`
    // first, `?` and `:` first, escapes, a leading tab, a leading line break,
    // a trailing no-break space. The digest is taken over the same
    // canonical text in every version, so it must still match; and a save
    // must keep it.
    let env = Env::new();
    let fixture = support::root().join("tests/fixtures/workbook-from-peerbook-0.1-ecc9419.yaml");
    fs::copy(&fixture, env.path("old.yaml")).unwrap();
    let said = env.ok(&["validate", "old.yaml"]);
    assert!(said.contains("valid workbook for awkward-text@1"), "{said}");
    let digest = |text: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with("digest:"))
            .map(str::to_string)
    };
    let before = digest(&fs::read_to_string(&fixture).unwrap());
    env.ok(&["export", "old.yaml", "--format", "csv", "--out", "rows.csv"]);
    env.ok(&["import", "old.yaml", "rows.csv"]);
    let after = fs::read_to_string(env.path("old.yaml")).unwrap();
    assert_eq!(digest(&after), before);
    env.ok(&["validate", "old.yaml"]);
}

/// The whole `status --format json` document of the on-site seed (scores,
/// bands, distribution, mapped standards, the on-site analysis), byte for
/// byte. To refresh after a deliberate change, write the command's output
/// over `tests/golden/suffolk-onsite-status.json` and review the diff.
#[test]
fn status_json_of_the_onsite_seed_is_the_whole_golden_document() {
    let env = Env::new();
    fs::copy(
        seed("suffolk-reablement-2016-onsite.yaml"),
        env.path("onsite.yaml"),
    )
    .unwrap();
    let out = env.ok(&["status", "onsite.yaml", "--format", "json"]);
    let golden =
        fs::read_to_string(support::root().join("tests/golden/suffolk-onsite-status.json"))
            .unwrap();
    assert!(
        out == golden,
        "status --format json differs from tests/golden/suffolk-onsite-status.json:\n{out}"
    );
}
