//! Three reviewers each work in their own copy in the real binary, and the
//! review manager merges them.

use super::*;

/// Three reviewers each work in their own copy, in the real binary, then
/// the review manager merges them.
#[test]
fn three_reviewers_work_offline_and_the_copies_merge() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let base = new_workbook(home);
    let reviewers = [
        ("Alice Peer", "Lead peer", b'1'),
        ("Bob Peer", "Member peer", b'3'),
        ("Cara Peer", "Officer peer", b'2'),
    ];
    let mut copies = Vec::new();
    for (name, role, rating) in reviewers {
        let copy = home.join(format!(
            "{}.yaml",
            name.split(' ').next().unwrap().to_lowercase()
        ));
        std::fs::copy(&base, &copy).unwrap();
        let mut p = Pty::spawn(
            home,
            &[
                "review",
                copy.to_str().unwrap(),
                "--as",
                name,
                "--role",
                role,
            ],
        );
        p.wait_text(&format!("Reviewing as {name}"));
        // KLOE 2: a rating and a note in Welsh and English.
        p.send(b"j");
        p.wait_text("KLOE 2 · ");
        p.send(&[rating]);
        p.wait_text("Your rating: ");
        p.send(b"e");
        p.wait_text("Your notes on this question");
        let note = format!("{name}: gwelwyd yn Ynys Môn ✓");
        p.send(note.as_bytes());
        p.wait_text("Ynys Môn ✓");
        p.send_esc();
        p.wait_for("the editor to close", |p| {
            !p.contents().contains("Your notes on this question —")
        });
        p.wait_text(" saved");
        p.send(b"q");
        assert!(p.wait_exit().success());
        copies.push(copy);
    }
    let mut args = vec!["merge", base.to_str().unwrap()];
    args.extend(copies.iter().map(|c| c.to_str().unwrap()));
    args.extend(["--out", "merged.yaml"]);
    let out = ok(home, &args);
    assert!(out.contains("0 conflicts"), "{out}");
    let status = ok(home, &["status", "merged.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    let names: Vec<&str> = v["onsite"]["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alice Peer", "Bob Peer", "Cara Peer"]);
    let q2 = &v["onsite"]["questions"][1];
    assert_eq!(q2["spread"], 2, "{q2}");
    assert_eq!(q2["disagree"], true);
    let merged = std::fs::read_to_string(home.join("merged.yaml")).unwrap();
    assert!(merged.contains("Bob Peer: gwelwyd yn Ynys Môn ✓"));
    assert!(merged.contains("role: Member peer"));
}
