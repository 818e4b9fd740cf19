//! A save keeps a workbook as its people wrote it (issue 17): `x-` keys
//! where they were, not moved to the end of their item, and text in the
//! quotes it was written in (`"%"`, `'single'`) while it is unchanged.
//! Through the real binary, and for every seed through the library.

use std::fs;

mod support;
use support::bin::Home;
use support::seed_path;

use peerbook::store::WorkbookFile;

fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the workbook");
    text.replacen(from, to, 1)
}

/// The Suffolk seed as a council officer might have edited it by hand:
/// `x-` keys in the middle of the top level, of a team member, of two
/// answers and of an evidence item, and text in quotes the writer would not
/// have used. (The seed's own `"%"` units and its double-quoted
/// `x-illustrative` after `format:` stay as they are.)
fn edited_by_hand() -> String {
    let mut t = fs::read_to_string(seed_path("suffolk-reablement-2016.yaml")).unwrap();
    for (from, to) in [
        ("answers:\n", "x-local-ref: \"SCC/2016/14\"\nanswers:\n"),
        (
            "    role: Member peer\n",
            "    role: Member peer\n    x-pronouns: he/him\n",
        ),
        (
            "  status: agreed\n  rating: 3\n  owner: Head of Home First\n",
            "  status: agreed\n  x-checked-by: 'R. Whitlock'\n  rating: 3\n  owner: 'Head of Home First'\n",
        ),
        (
            "  owner: Principal occupational therapist\n",
            "  owner: Principal occupational therapist\n  x-note: \"ask the OT lead\"\n",
        ),
        (
            "- id: ev-3\n  title: People needing no ongoing care at the end of Home First\n  kind: data\n",
            "- id: ev-3\n  title: People needing no ongoing care at the end of Home First\n  kind: data\n  x-source: \"Home First returns\"\n",
        ),
        ("  period: Apr-Aug 2016\n", "  period: 'Apr-Aug 2016'\n"),
    ] {
        t = edit(&t, from, to);
    }
    t
}

/// `text` cut round answer `question`: what comes before it, the answer,
/// and what comes after it.
fn around<'t>(text: &'t str, question: &str, next: &str) -> (&'t str, &'t str, &'t str) {
    let start = text.find(&format!("- question: '{question}'\n")).unwrap();
    let end = text.find(&format!("- question: '{next}'\n")).unwrap();
    (&text[..start], &text[start..end], &text[end..])
}

#[test]
fn rating_one_answer_from_the_command_line_leaves_the_rest_as_it_was_written() {
    let home = Home::new();
    let text = edited_by_hand();
    home.write("wb.yaml", text.as_bytes());
    home.ok(&["validate", "wb.yaml"]);
    // KLOE 2 (question '2') gets another rating and owner; nothing else.
    home.write(
        "kloe2.csv",
        b"ref,rating,owner\r\nKLOE 2,3,Head: occupational therapy\r\n",
    );
    let out = home.ok(&["import", "wb.yaml", "kloe2.csv"]);
    assert!(out.contains("row 2: KLOE 2 — rating, owner"), "{out}");
    let saved = fs::read_to_string(home.path("wb.yaml")).unwrap();

    // Everything before and after that answer, byte for byte: the `x-` keys
    // where they were, `"%"`, `'Apr-Aug 2016'`, `'Head of Home First'`.
    let (before, answer, after) = around(&text, "2", "3");
    let (saved_before, saved_answer, saved_after) = around(&saved, "2", "3");
    assert_eq!(saved_before, before);
    assert_eq!(saved_after, after);
    for line in [
        "x-illustrative: \"Illustrative example only.",
        "    role: Member peer\n    x-pronouns: he/him\n    organisation:",
        "  x-checked-by: 'R. Whitlock'\n",
        "  owner: 'Head of Home First'\n",
        "  kind: data\n  x-source: \"Home First returns\"\n",
        "  unit: \"%\"\n  period: 'Apr-Aug 2016'\n",
        "x-local-ref: \"SCC/2016/14\"\nanswers:\n",
    ] {
        assert!(saved.contains(line), "{line:?} is not in:\n{saved}");
    }

    // In the answer that changed, the changed values are written the
    // writer's way, and the `x-` key stays after the key it followed.
    assert!(answer.contains("  rating: 2\n"), "{answer}");
    assert!(saved_answer.contains("  rating: 3\n"), "{saved_answer}");
    assert!(
        saved_answer.contains(
            "  owner: 'Head: occupational therapy'\n  x-note: \"ask the OT lead\"\n  narrative:"
        ),
        "{saved_answer}"
    );
    // Its other lines as they were, but for who changed it and when.
    let unchanged = |a: &str| {
        let mut out = Vec::new();
        let mut in_changed = false;
        for l in a.lines() {
            in_changed = l == "  changed:" || in_changed && l.starts_with("    ");
            if !in_changed && !l.starts_with("  rating:") && !l.starts_with("  owner:") {
                out.push(l.to_string());
            }
        }
        out
    };
    assert_eq!(unchanged(saved_answer), unchanged(answer));
    // The saved file reads back with the new values.
    home.ok(&["validate", "wb.yaml"]);
    let (wb, _) = WorkbookFile::read(&home.path("wb.yaml")).unwrap();
    let a = wb.answer("2").unwrap();
    assert_eq!(a.owner.as_deref(), Some("Head: occupational therapy"));
}

#[test]
fn every_seed_saves_back_byte_for_byte() {
    let home = Home::new();
    let mut seeds: Vec<_> = fs::read_dir(support::root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 5, "{seeds:?}");
    for seed in seeds {
        let bytes = fs::read(&seed).unwrap();
        let copy = home.path(seed.file_name().unwrap().to_str().unwrap());
        fs::write(&copy, &bytes).unwrap();
        let (mut file, wb, _) = WorkbookFile::open(&copy).unwrap();
        assert_eq!(
            peerbook::workbook::to_text(&wb),
            String::from_utf8(bytes.clone()).unwrap(),
            "{}",
            seed.display()
        );
        // So a save writes nothing at all.
        assert!(!file.save(&wb).unwrap(), "{}", seed.display());
        assert_eq!(fs::read(&copy).unwrap(), bytes);
    }
}

#[test]
fn a_hand_edited_workbook_saved_unchanged_is_not_rewritten() {
    let home = Home::new();
    let text = edited_by_hand();
    home.write("wb.yaml", text.as_bytes());
    let (mut file, wb, _) = WorkbookFile::open(&home.path("wb.yaml")).unwrap();
    assert!(!file.save(&wb).unwrap());
    assert_eq!(fs::read_to_string(home.path("wb.yaml")).unwrap(), text);
    assert!(!file.backup_path().exists());
}
