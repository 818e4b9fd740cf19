//! Merging reviewers' copies: disjoint changes, the same field changed in
//! two copies, three copies, repeated copies, and copies of something else.

use std::fs;

use peerbook::review::merge::{Copy, MergeError, merge};
use peerbook::workbook::onsite::Reviewer;
use peerbook::workbook::{self, EvidenceItem, Rating, Workbook};
use peerbook::yaml::Value;

mod support;
use support::bin::peerbook;
use support::seed;

fn base() -> Workbook {
    seed("suffolk-reablement-2016.yaml")
}

fn copies<'a>(list: &'a [(&str, &'a Workbook)]) -> Vec<Copy<'a>> {
    list.iter()
        .map(|(l, w)| Copy {
            label: l.to_string(),
            workbook: w,
        })
        .collect()
}

/// A reviewer's own section, as the on-site review keeps it.
fn with_reviewer(mut wb: Workbook, name: &str, note: &str) -> Workbook {
    let mut r = Reviewer {
        name: name.into(),
        ..Default::default()
    };
    r.answer_mut("1").notes = note.into();
    wb.reviewers.push(r);
    wb
}

#[test]
fn disjoint_changes_are_all_taken() {
    let b = base();
    let mut a = b.clone();
    a.answer_mut("1").narrative = "Alice's view of KLOE 1".into();
    let mut c = b.clone();
    c.answer_mut("2").rating = Rating::Level(4);
    let mut d = b.clone();
    d.evidence_mut().push(EvidenceItem {
        id: "ev-99".into(),
        title: "Notes from the carers' focus group".into(),
        ..Default::default()
    });
    let a = with_reviewer(a, "Alice", "read the plans");
    let c = with_reviewer(c, "Bob", "met the team");
    let m = merge(
        &b,
        &copies(&[("alice.yaml", &a), ("bob.yaml", &c), ("carol.yaml", &d)]),
    )
    .unwrap();
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let w = &m.workbook;
    assert_eq!(w.answer("1").unwrap().narrative, "Alice's view of KLOE 1");
    assert_eq!(w.answer("2").unwrap().rating, Rating::Level(4));
    assert!(w.evidence_item("ev-99").is_some());
    // Each reviewer's section comes from their copy.
    let names: Vec<&str> = w.reviewers.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Alice", "Bob"]);
    assert_eq!(w.reviewers[0].answer("1").unwrap().notes, "read the plans");
    // Everything else is the base's.
    assert_eq!(w.answer("3"), b.answer("3"));
    assert_eq!(w.review, b.review);
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_not_a_choice() {
    let b = base();
    let mut a = b.clone();
    a.answer_mut("3").narrative = "Alice says".into();
    let mut c = b.clone();
    c.answer_mut("3").narrative = "Bob says".into();
    let m = merge(&b, &copies(&[("alice.yaml", &a), ("bob.yaml", &c)])).unwrap();
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let conflict = &m.conflicts[0];
    assert_eq!(conflict.path, "answers[question=3].narrative");
    assert_eq!(
        conflict.base.as_str(),
        Some(b.answer("3").unwrap().narrative.as_str())
    );
    assert_eq!(
        conflict.values,
        vec![
            ("alice.yaml".to_string(), Value::from("Alice says")),
            ("bob.yaml".to_string(), Value::from("Bob says"))
        ]
    );
    // The base value stays; the conflict is in the workbook for later.
    assert_eq!(
        m.workbook.answer("3").unwrap().narrative,
        b.answer("3").unwrap().narrative
    );
    assert_eq!(m.workbook.conflicts.len(), 1);
    let text = workbook::to_text(&m.workbook);
    assert!(
        text.contains("conflicts:\n- path: answers[question=3].narrative"),
        "{text}"
    );
    // The merged file reads back with its conflict.
    let (back, _) = workbook::from_text("merged.yaml", text.as_bytes()).unwrap();
    assert_eq!(back.conflicts.len(), 1);
}

#[test]
fn the_same_change_in_several_copies_is_taken_once() {
    let b = base();
    let mut a = b.clone();
    a.answer_mut("4").rating = Rating::Level(3);
    let c = a.clone();
    let m = merge(&b, &copies(&[("a", &a), ("b", &c)])).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(m.workbook.answer("4").unwrap().rating, Rating::Level(3));
}

#[test]
fn three_copies_with_one_disagreement() {
    let b = base();
    let mut a = b.clone();
    a.answer_mut("5").owner = Some("Alice".into());
    let mut c = b.clone();
    c.answer_mut("5").owner = Some("Alice".into());
    let mut d = b.clone();
    d.answer_mut("5").owner = Some("Dara".into());
    d.answer_mut("6").owner = Some("Dara".into());
    let m = merge(&b, &copies(&[("a", &a), ("c", &c), ("d", &d)])).unwrap();
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "answers[question=5].owner");
    assert_eq!(m.conflicts[0].values.len(), 3);
    assert_eq!(
        m.workbook.answer("6").unwrap().owner.as_deref(),
        Some("Dara")
    );
}

#[test]
fn merging_the_same_copy_twice_changes_nothing() {
    let b = base();
    let mut a = b.clone();
    a.answer_mut("7").narrative = "once".into();
    let mut c = b.clone();
    c.answer_mut("8").rating = Rating::Level(1);
    let once = merge(&b, &copies(&[("a", &a), ("c", &c)])).unwrap();
    let twice = merge(&b, &copies(&[("a", &a), ("c", &c), ("a again", &a)])).unwrap();
    assert_eq!(
        workbook::to_text(&once.workbook),
        workbook::to_text(&twice.workbook)
    );
    assert!(twice.conflicts.is_empty());
    // And a copy that changed nothing changes nothing.
    let none = merge(&b, &copies(&[("b", &b)])).unwrap();
    assert_eq!(workbook::to_text(&none.workbook), workbook::to_text(&b));
}

#[test]
fn last_changed_takes_the_latest_without_a_conflict() {
    let b = base();
    let now = chrono::Utc::now();
    let mut a = b.clone();
    a.answer_mut("9").narrative = "a".into();
    a.answer_mut("9")
        .touch("Alice", now - chrono::Duration::minutes(5));
    let mut c = b.clone();
    c.answer_mut("9").strengths.push("b".into());
    c.answer_mut("9").touch("Bob", now);
    let m = merge(&b, &copies(&[("a", &a), ("c", &c)])).unwrap();
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let merged = m.workbook.answer("9").unwrap();
    assert_eq!(merged.narrative, "a");
    assert!(merged.strengths.contains(&"b".to_string()));
    assert_eq!(merged.changed.as_ref().unwrap().by, "Bob");
}

#[test]
fn copies_of_another_workbook_or_framework_are_refused() {
    let b = base();
    let other = seed("halton-intermediate-care-2019.yaml");
    match merge(&b, &copies(&[("halton.yaml", &other)])) {
        Err(e @ MergeError::NotACopy { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("halton.yaml is not a copy"), "{msg}");
            assert!(msg.contains("Nothing was merged"), "{msg}");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|m| m.conflicts)),
    }
    let mut renamed = b.clone();
    renamed.review.council = "Another council".into();
    assert!(matches!(
        merge(&b, &copies(&[("x", &renamed)])),
        Err(MergeError::NotACopy { .. })
    ));
}

#[test]
fn the_merge_command_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let b = base();
    let write =
        |name: &str, w: &Workbook| fs::write(home.join(name), workbook::to_text(w)).unwrap();
    write("base.yaml", &b);
    let mut a = b.clone();
    a.answer_mut("1").narrative = "Alice".into();
    a.answer_mut("2").narrative = "Both".into();
    write("alice.yaml", &a);
    let mut c = b.clone();
    c.answer_mut("2").narrative = "Bob".into();
    write("bob.yaml", &c);
    let run = |args: &[&str]| peerbook(home, args).output().unwrap();
    let out = run(&[
        "merge",
        "base.yaml",
        "alice.yaml",
        "bob.yaml",
        "--out",
        "merged.yaml",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Merged 2 copies of base.yaml into merged.yaml: 1 change taken, 1 conflict."),
        "{text}"
    );
    // Conflicts and what was taken are said in words, with the path.
    assert!(
        text.contains("conflict 1: The council's answer for KLOE 2: was \"Where we are:"),
        "{text}"
    );
    assert!(
        text.contains("; alice.yaml: \"Both\"; bob.yaml: \"Bob\"\n"),
        "{text}"
    );
    assert!(
        text.contains("  at answers[question=2].narrative"),
        "{text}"
    );
    assert!(
        text.contains(
            "alice.yaml:\n  took from The council's answers: The council's answer for KLOE 1\n"
        ),
        "{text}"
    );
    assert!(text.contains("bob.yaml: nothing new taken"), "{text}");
    let v = run(&["validate", "merged.yaml"]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    // Never over an existing file.
    let again = run(&["merge", "base.yaml", "alice.yaml", "--out", "merged.yaml"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // A copy of something else is refused with a clear message.
    fs::copy(
        support::seed_path("halton-intermediate-care-2019.yaml"),
        home.join("halton.yaml"),
    )
    .unwrap();
    let wrong = run(&["merge", "base.yaml", "halton.yaml", "--out", "m2.yaml"]);
    assert!(!wrong.status.success());
    assert!(
        String::from_utf8_lossy(&wrong.stderr)
            .contains("halton.yaml is not a copy of the base workbook")
    );
    assert!(!home.join("m2.yaml").exists());
}

#[test]
fn a_conflict_is_resolved_by_choosing_a_value() {
    let b = base();
    let mut a = b.clone();
    a.answer_mut("3").narrative = "Alice says".into();
    a.answer_mut("4").rating = Rating::Level(4);
    let mut c = b.clone();
    c.answer_mut("3").narrative = "Bob says".into();
    c.answer_mut("4").rating = Rating::Level(1);
    let m = merge(&b, &copies(&[("alice.yaml", &a), ("bob.yaml", &c)])).unwrap();
    assert_eq!(m.workbook.conflicts.len(), 2);
    let chosen = m.conflicts[0].values[1].1.clone();
    let w = peerbook::review::merge::resolve(&m.workbook, 0, &chosen).unwrap();
    assert_eq!(w.answer("3").unwrap().narrative, "Bob says");
    assert_eq!(w.conflicts.len(), 1);
    // The rating conflict: keep the base value.
    let base_value = m.conflicts[1].base.clone();
    let w = peerbook::review::merge::resolve(&w, 0, &base_value).unwrap();
    assert_eq!(w.answer("4").unwrap().rating, b.answer("4").unwrap().rating);
    assert!(w.conflicts.is_empty());
    // A value the workbook cannot hold is refused, and nothing changes.
    let w2 = merge(&b, &copies(&[("alice.yaml", &a), ("bob.yaml", &c)]))
        .unwrap()
        .workbook;
    let rating_conflict = w2
        .conflicts
        .iter()
        .position(|c| c.path == "answers[question=4].rating")
        .unwrap();
    assert!(peerbook::review::merge::resolve(&w2, rating_conflict, &Value::from(9)).is_err());
}
