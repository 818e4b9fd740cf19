//! Copies that always merge, through the real binary: `peerbook copy`,
//! deletions, per-copy bases day by day, owned sections, conflicts in
//! words and `peerbook resolve`.
//!
//! (Over 600 lines: one copy-and-merge scenario a test, sharing the
//! helpers that make and edit copies.)

use peerbook::workbook::onsite::Reviewer;
use peerbook::workbook::{self, Rating, Workbook};

mod support;
use support::bin::Home;

/// A week's folder: `review.yaml` is the Suffolk seed.
fn week() -> Home {
    let home = Home::new();
    std::fs::copy(
        support::seed_path("suffolk-reablement-2016.yaml"),
        home.path("review.yaml"),
    )
    .unwrap();
    home
}

fn load(home: &Home, name: &str) -> Workbook {
    let bytes = std::fs::read(home.path(name)).unwrap();
    workbook::from_text(name, &bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .0
}

fn save(home: &Home, name: &str, wb: &Workbook) {
    home.write(name, workbook::to_text(wb).as_bytes());
}

/// Edits a copy as its reviewer would, in the reviewer's own section.
fn as_reviewer(home: &Home, name: &str, edit: impl FnOnce(&mut Workbook, &mut Reviewer)) {
    let mut wb = load(home, name);
    let who = wb
        .copy
        .as_ref()
        .expect("a copy made by peerbook copy")
        .name
        .clone();
    let mut r = match wb.reviewers.iter().position(|r| r.name == who) {
        Some(i) => wb.reviewers.remove(i),
        None => Reviewer {
            name: who,
            ..Default::default()
        },
    };
    edit(&mut wb, &mut r);
    wb.reviewers.push(r);
    save(home, name, &wb);
}

/// Deletes an evidence item and its links, as the Evidence screen does.
fn delete_evidence(wb: &mut Workbook, id: &str) {
    wb.evidence_mut().retain(|e| e.id != id);
    for a in &mut wb.answers {
        a.evidence.retain(|e| e != id);
    }
}

fn copy_for(home: &Home, base: &str, who: &str, out: &str) {
    home.ok(&[
        "copy",
        base,
        "--for",
        who,
        "--role",
        "Member peer",
        "--out",
        out,
    ]);
}

#[test]
fn a_copy_records_who_it_is_for_and_its_base_and_is_private() {
    let home = week();
    let said = home.ok(&[
        "copy",
        "review.yaml",
        "--for",
        "Owen Castellano",
        "--role",
        "Lead peer",
    ]);
    assert!(said.contains("review-owen-castellano.yaml"), "{said}");
    let wb = load(&home, "review-owen-castellano.yaml");
    let rec = wb.copy.unwrap();
    assert_eq!(rec.name, "Owen Castellano");
    assert_eq!(rec.role.as_deref(), Some("Lead peer"));
    assert_eq!(
        rec.base,
        workbook::copy::digest(&load(&home, "review.yaml"))
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(home.path("review-owen-castellano.yaml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // Never over an existing file; a name is needed.
    let (_, err) = home.fails(&["copy", "review.yaml", "--for", "Owen Castellano"]);
    assert!(err.contains("already exists"), "{err}");
    // A copy not made leaves no record of one.
    assert_eq!(made_records(&home), 1);
    let (_, err) = home.fails(&["copy", "review.yaml", "--for", " "]);
    assert!(err.contains("--for needs the name"), "{err}");
    // validate accepts it.
    home.ok(&["validate", "review-owen-castellano.yaml"]);
}

#[test]
fn a_deletion_in_one_copy() {
    let home = week();
    let b = load(&home, "review.yaml");
    let gone = b.evidence[0].id.clone();
    let member = b.review.team[0].name.clone();
    let mut a = b.clone();
    delete_evidence(&mut a, &gone);
    a.review.team.remove(0);
    save(&home, "alice.yaml", &a);
    let mut c = b.clone();
    c.answer_mut("3").narrative = "Bob's words".into();
    save(&home, "bob.yaml", &c);
    let said = home.ok(&[
        "merge",
        "review.yaml",
        "alice.yaml",
        "bob.yaml",
        "--out",
        "merged.yaml",
    ]);
    assert!(said.contains("0 conflicts"), "{said}");
    assert!(said.contains("(deleted)"), "{said}");
    home.ok(&["validate", "merged.yaml"]);
    let m = load(&home, "merged.yaml");
    assert!(m.evidence_item(&gone).is_none());
    assert!(m.review.team.iter().all(|t| t.name != member));
    // No answer links to the deleted item.
    assert!(m.answers.iter().all(|x| !x.evidence.contains(&gone)));
    assert_eq!(m.answer("3").unwrap().narrative, "Bob's words");
}

#[test]
fn a_deletion_of_evidence_another_copy_linked_is_kept_as_a_conflict() {
    let home = week();
    let b = load(&home, "review.yaml");
    let id = b.evidence[0].id.clone();
    let mut a = b.clone();
    delete_evidence(&mut a, &id);
    save(&home, "alice.yaml", &a);
    let mut c = b.clone();
    let unlinked = c
        .answers
        .iter()
        .position(|x| !x.evidence.contains(&id))
        .unwrap();
    c.answers[unlinked].evidence.push(id.clone());
    save(&home, "bob.yaml", &c);
    let said = home.ok(&[
        "merge",
        "review.yaml",
        "alice.yaml",
        "bob.yaml",
        "--out",
        "merged.yaml",
    ]);
    assert!(said.contains("an answer still cites it"), "{said}");
    home.ok(&["validate", "merged.yaml"]);
    let m = load(&home, "merged.yaml");
    assert!(m.evidence_item(&id).is_some());
    assert!(m.answers[unlinked].evidence.contains(&id));
}

#[test]
fn a_deletion_against_a_change() {
    let home = week();
    let b = load(&home, "review.yaml");
    let id = b.evidence[1].id.clone();
    let mut a = b.clone();
    delete_evidence(&mut a, &id);
    save(&home, "alice.yaml", &a);
    let mut c = b.clone();
    c.evidence_mut()[1].title = "Reablement dashboard, March".into();
    save(&home, "bob.yaml", &c);
    let said = home.ok(&[
        "merge",
        "review.yaml",
        "alice.yaml",
        "bob.yaml",
        "--out",
        "merged.yaml",
    ]);
    assert!(said.contains("1 conflict."), "{said}");
    assert!(said.contains("alice.yaml: deleted"), "{said}");
    let m = load(&home, "merged.yaml");
    assert_eq!(m.evidence_item(&id).unwrap().title, b.evidence[1].title);
    assert_eq!(m.conflicts[0].path, format!("evidence[id={id}]"));
    // Settled by choosing the deletion.
    let said = home.ok(&["resolve", "merged.yaml", "1", "--take", "alice.yaml"]);
    assert!(said.contains("0 conflicts left"), "{said}");
    let m = load(&home, "merged.yaml");
    assert!(m.evidence_item(&id).is_none());
    home.ok(&["validate", "merged.yaml"]);
}

#[test]
fn a_late_copy_from_the_original_base_after_an_evening_merge() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    copy_for(&home, "review.yaml", "Nadia Brookes", "nadia.yaml");
    copy_for(&home, "review.yaml", "Carol Ives", "carol.yaml");
    as_reviewer(&home, "owen.yaml", |_, r| {
        r.answer_mut("1").notes = "Owen day 1".into()
    });
    as_reviewer(&home, "nadia.yaml", |_, r| {
        r.answer_mut("2").notes = "Nadia day 1".into()
    });
    // Day 1 evening: two copies in.
    home.ok(&[
        "merge",
        "review.yaml",
        "owen.yaml",
        "nadia.yaml",
        "--out",
        "merged.yaml",
    ]);
    // Day 2: Owen goes on in the same copy; Carol's late copy comes in.
    as_reviewer(&home, "owen.yaml", |_, r| {
        r.answer_mut("1").notes = "Owen day 2".into();
        r.answer_mut("4").rating = Rating::Level(3);
    });
    as_reviewer(&home, "carol.yaml", |_, r| {
        r.answer_mut("2").notes = "Carol".into()
    });
    let said = home.ok(&["merge", "merged.yaml", "owen.yaml", "carol.yaml"]);
    assert!(said.contains("0 conflicts"), "{said}");
    assert!(said.contains("Carol Ives's copy (carol.yaml):"), "{said}");
    // A section new to the workbook is said by what it holds.
    assert!(
        said.contains(
            "took from Carol Ives's reviewer section: all of it, new (1 question reviewed, 0 activities logged)"
        ),
        "{said}"
    );
    let m = load(&home, "merged.yaml");
    let r = |n: &str| m.reviewers.iter().find(|r| r.name == n).unwrap();
    assert_eq!(
        r("Owen Castellano").answer("1").unwrap().notes,
        "Owen day 2"
    );
    assert_eq!(
        r("Owen Castellano").answer("4").unwrap().rating,
        Rating::Level(3)
    );
    assert_eq!(r("Nadia Brookes").answer("2").unwrap().notes, "Nadia day 1");
    assert_eq!(r("Carol Ives").answer("2").unwrap().notes, "Carol");
    // Merging them all again changes nothing.
    let before = std::fs::read(home.path("merged.yaml")).unwrap();
    home.ok(&[
        "merge",
        "merged.yaml",
        "owen.yaml",
        "nadia.yaml",
        "carol.yaml",
    ]);
    assert_eq!(std::fs::read(home.path("merged.yaml")).unwrap(), before);
}

#[test]
fn a_copy_made_from_the_merged_workbook() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    as_reviewer(&home, "owen.yaml", |_, r| {
        r.answer_mut("1").notes = "day 1".into()
    });
    home.ok(&["merge", "review.yaml", "owen.yaml", "--out", "merged.yaml"]);
    copy_for(&home, "merged.yaml", "Owen Castellano", "owen-2.yaml");
    as_reviewer(&home, "owen-2.yaml", |_, r| {
        r.answer_mut("1").notes = "day 2".into()
    });
    // The manager works in the merged workbook meanwhile, so it is no
    // longer the copy's base: the kept snapshot is.
    let mut m = load(&home, "merged.yaml");
    m.findings.next_steps = vec!["Feedback on Friday".into()];
    save(&home, "merged.yaml", &m);
    let said = home.ok(&["merge", "merged.yaml", "owen-2.yaml"]);
    assert!(said.contains("0 conflicts"), "{said}");
    let m = load(&home, "merged.yaml");
    assert_eq!(m.reviewers[0].answer("1").unwrap().notes, "day 2");
    assert_eq!(m.findings.next_steps, ["Feedback on Friday"]);
    assert!(m.copy.is_none());
}

#[test]
fn a_copy_whose_base_is_unknown_is_refused_with_what_to_do() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    as_reviewer(&home, "owen.yaml", |_, r| {
        r.answer_mut("1").notes = "x".into()
    });
    std::fs::remove_dir_all(home.path("peerbook-bases")).unwrap();
    let mut other = load(&home, "review.yaml");
    other.answer_mut("2").narrative = "changed since".into();
    save(&home, "other.yaml", &other);
    let before = std::fs::read(home.path("other.yaml")).unwrap();
    let (_, err) = home.fails(&["merge", "other.yaml", "owen.yaml"]);
    assert!(err.contains("does not know"), "{err}");
    assert!(err.contains("--base FILE"), "{err}");
    assert_eq!(std::fs::read(home.path("other.yaml")).unwrap(), before);
    // Given its base, it merges.
    home.ok(&["merge", "other.yaml", "owen.yaml", "--base", "review.yaml"]);
    let m = load(&home, "other.yaml");
    assert_eq!(m.reviewers[0].answer("1").unwrap().notes, "x");
    assert_eq!(m.answer("2").unwrap().narrative, "changed since");
}

#[test]
fn a_forged_reviewer_section() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    copy_for(&home, "review.yaml", "Nadia Brookes", "nadia.yaml");
    as_reviewer(&home, "nadia.yaml", |_, r| {
        r.answer_mut("2").notes = "Nadia's own".into()
    });
    as_reviewer(&home, "owen.yaml", |wb, r| {
        r.answer_mut("1").notes = "Owen's own".into();
        wb.reviewers.push(Reviewer {
            name: "Nadia Brookes".into(),
            ..Default::default()
        });
        wb.reviewers[0].answer_mut("2").notes = "written for Nadia".into();
    });
    let said = home.ok(&[
        "merge",
        "review.yaml",
        "owen.yaml",
        "nadia.yaml",
        "--out",
        "m.yaml",
    ]);
    assert!(said.contains("1 conflict."), "{said}");
    assert!(
        said.contains("Nadia Brookes's reviewer section: was not there; Owen Castellano's copy"),
        "{said}"
    );
    assert!(
        said.contains("held: Owen Castellano's copy is a reviewer's copy"),
        "{said}"
    );
    let m = load(&home, "m.yaml");
    let nadia = m
        .reviewers
        .iter()
        .find(|r| r.name == "Nadia Brookes")
        .unwrap();
    assert_eq!(nadia.answer("2").unwrap().notes, "Nadia's own");
    let owen = m
        .reviewers
        .iter()
        .find(|r| r.name == "Owen Castellano")
        .unwrap();
    assert_eq!(owen.answer("1").unwrap().notes, "Owen's own");
    assert!(m.conflicts[0].held.is_some());
}

#[test]
fn a_council_edit_from_a_reviewers_copy() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    copy_for(&home, "review.yaml", "Nadia Brookes", "nadia.yaml");
    home.ok(&[
        "copy",
        "review.yaml",
        "--for",
        "Sam Patel",
        "--role",
        "council",
        "--out",
        "sam.yaml",
    ]);
    let b = load(&home, "review.yaml");
    assert_eq!(
        b.answer("10").unwrap().rating,
        Rating::None,
        "the seed leaves KLOE 10 unrated"
    );
    as_reviewer(&home, "owen.yaml", |wb, _| {
        wb.answer_mut("10").rating = Rating::Level(2);
        wb.review.title = "Owen's title".into();
    });
    as_reviewer(&home, "nadia.yaml", |wb, _| {
        wb.answer_mut("10").rating = Rating::Level(3)
    });
    let mut sam = load(&home, "sam.yaml");
    sam.answer_mut("11").narrative = "The council's own update".into();
    save(&home, "sam.yaml", &sam);
    let said = home.ok(&[
        "merge",
        "review.yaml",
        "owen.yaml",
        "nadia.yaml",
        "sam.yaml",
        "--out",
        "m.yaml",
    ]);
    assert!(
        said.contains(
            "The council's rating for KLOE 10: was not rated; Owen Castellano's copy: 2 ("
        ),
        "{said}"
    );
    assert!(said.contains("Nadia Brookes's copy: 3 ("), "{said}");
    assert!(said.contains("The review's title: was"), "{said}");
    assert!(
        said.contains("took from The council's answers: The council's answer for KLOE 11"),
        "{said}"
    );
    let m = load(&home, "m.yaml");
    assert_eq!(m.answer("10").unwrap().rating, Rating::None);
    assert_eq!(m.review.title, b.review.title);
    assert_eq!(
        m.answer("11").unwrap().narrative,
        "The council's own update"
    );
    assert_eq!(m.conflicts.len(), 2);
    // The manager accepts Nadia's rating by name, and types a title.
    let listed = home.ok(&["resolve", "m.yaml"]);
    assert!(
        listed.contains("2. The council's rating for KLOE 10: was not rated;"),
        "{listed}"
    );
    assert!(
        listed.contains("   held: Nadia Brookes's copy is a reviewer's copy")
            || listed.contains("; Nadia Brookes's copy is a reviewer's copy"),
        "{listed}"
    );
    let (_, err) = home.fails(&["resolve", "m.yaml", "2", "--take", "Nobody"]);
    assert!(
        err.contains("Owen Castellano's copy, Nadia Brookes's copy"),
        "{err}"
    );
    home.ok(&["resolve", "m.yaml", "2", "--take", "Nadia"]);
    home.ok(&[
        "resolve",
        "m.yaml",
        "1",
        "--value",
        "Reablement peer review, 2016",
    ]);
    let m = load(&home, "m.yaml");
    assert_eq!(m.answer("10").unwrap().rating, Rating::Level(3));
    assert_eq!(m.review.title, "Reablement peer review, 2016");
    assert!(m.conflicts.is_empty());
}

#[test]
fn a_typed_rating_goes_through_the_ratings_check() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    as_reviewer(&home, "owen.yaml", |wb, _| {
        wb.answer_mut("10").rating = Rating::Level(2)
    });
    home.ok(&["merge", "review.yaml", "owen.yaml", "--out", "m.yaml"]);
    let (_, err) = home.fails(&["resolve", "m.yaml", "1", "--value", "9"]);
    assert!(err.contains("'9' is not a rating here"), "{err}");
    let said = home.ok(&["resolve", "m.yaml", "1", "--value", "N/A"]);
    assert!(said.contains("is not applicable"), "{said}");
    assert_eq!(
        load(&home, "m.yaml").answer("10").unwrap().rating,
        Rating::NotApplicable
    );
}

#[test]
fn twenty_copies() {
    let home = week();
    let mut names = Vec::new();
    for i in 1..=20 {
        let file = format!("r{i}.yaml");
        copy_for(&home, "review.yaml", &format!("Reviewer {i}"), &file);
        as_reviewer(&home, &file, |_, r| {
            r.answer_mut(&(1 + i % 5).to_string()).notes = format!("notes {i}");
            r.answer_mut("1").rating = Rating::Level(1 + (i % 4) as i64);
        });
        names.push(file);
    }
    let mut args = vec!["merge", "review.yaml"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["--out", "merged.yaml"]);
    let said = home.ok(&args);
    assert!(said.contains("Merged 20 copies"), "{said}");
    assert!(said.contains("0 conflicts"), "{said}");
    let m = load(&home, "merged.yaml");
    assert_eq!(m.reviewers.len(), 20);
    for i in 1..=20 {
        let r = m
            .reviewers
            .iter()
            .find(|r| r.name == format!("Reviewer {i}"))
            .unwrap();
        assert_eq!(
            r.answer(&(1 + i % 5).to_string()).unwrap().notes,
            format!("notes {i}")
        );
    }
    home.ok(&["validate", "merged.yaml"]);
}

#[test]
fn merging_a_copy_again_into_a_new_workbook_takes_everything_again() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    as_reviewer(&home, "owen.yaml", |_, r| {
        r.answer_mut("1").notes = "mine".into()
    });
    home.ok(&["merge", "review.yaml", "owen.yaml", "--out", "m1.yaml"]);
    // What was merged into m1.yaml is not taken as merged into m2.yaml.
    home.ok(&["merge", "review.yaml", "owen.yaml", "--out", "m2.yaml"]);
    let m = load(&home, "m2.yaml");
    assert_eq!(m.reviewers[0].answer("1").unwrap().notes, "mine");
    // Nor when m1.yaml is made again from scratch.
    std::fs::remove_file(home.path("m1.yaml")).unwrap();
    home.ok(&["merge", "review.yaml", "owen.yaml", "--out", "m1.yaml"]);
    assert_eq!(load(&home, "m1.yaml").reviewers.len(), 1);
}

#[test]
fn a_copy_opens_in_reviewer_mode_only_as_the_person_it_was_made_for() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    let (_, err) = home.fails(&["review", "owen.yaml", "--as", "Nadia Brookes"]);
    assert!(
        err.contains("owen.yaml is the copy made for Owen Castellano"),
        "{err}"
    );
    assert!(err.contains("--as \"Owen Castellano\""), "{err}");
    // As Owen (or with no --as) it goes on to the interface, which needs a terminal.
    let (_, err) = home.fails(&["review", "owen.yaml", "--as", "owen castellano"]);
    assert!(err.contains("needs a terminal"), "{err}");
    let (_, err) = home.fails(&["review", "owen.yaml"]);
    assert!(err.contains("needs a terminal"), "{err}");
}

/// How many records of copies made `peerbook-bases/` holds.
fn made_records(home: &Home) -> usize {
    std::fs::read_dir(home.path("peerbook-bases"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("made-")
        })
        .count()
}

fn snapshots(home: &Home) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(home.path("peerbook-bases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// peerbook-bases/ is pruned only of what nothing can use any more: a base
/// stays while a copy in the folder, a copy as merged or a copy still out
/// names it, and a copy as merged stays while the workbook it was merged
/// into is there.
#[test]
fn pruning_the_bases_never_takes_one_a_copy_may_still_need() {
    let home = week();
    copy_for(&home, "review.yaml", "Owen Castellano", "owen.yaml");
    // Nadia's copy goes away on a stick: nothing in the folder names its
    // base but the record that it was made.
    std::fs::create_dir(home.path("stick")).unwrap();
    copy_for(&home, "review.yaml", "Nadia Brookes", "stick/nadia.yaml");
    home.write("peerbook-bases/notes.txt", b"the manager's own file");
    // The manager goes on in review.yaml, so it is no longer the copies'
    // base: merging them needs the snapshot.
    let mut b = load(&home, "review.yaml");
    b.findings.next_steps = vec!["Feedback on Friday".into()];
    save(&home, "review.yaml", &b);
    let said = home.ok(&["bases"]);
    assert!(said.contains("3 snapshots"), "{said}");
    assert!(said.contains("the base named by owen.yaml; "), "{said}");
    for who in ["Owen Castellano", "Nadia Brookes"] {
        assert!(
            said.contains(&format!("{who}'s copy (made here, not merged yet)")),
            "{said}"
        );
    }
    assert!(said.contains("Nothing to prune"), "{said}");
    // A trial merge, thrown away: only what it left goes.
    as_reviewer(&home, "owen.yaml", |_, r| {
        r.answer_mut("1").notes = "Owen".into()
    });
    home.ok(&["merge", "review.yaml", "owen.yaml", "--out", "trial.yaml"]);
    let said = home.ok(&["bases"]);
    assert!(
        said.contains("a copy as last merged into trial.yaml"),
        "{said}"
    );
    std::fs::remove_file(home.path("trial.yaml")).unwrap();
    let said = home.ok(&["bases", "--prune"]);
    assert!(said.contains("Removed 1 snapshot"), "{said}");
    let left = snapshots(&home);
    assert!(!left.iter().any(|f| f.ends_with("-trial.yaml")), "{left:?}");
    assert_eq!(
        made_records(&home),
        2,
        "both copies may still come: {left:?}"
    );
    assert!(left.contains(&"notes.txt".to_string()), "left alone");
    // The evening merge: Nadia's copy back from the stick finds its base.
    as_reviewer(&home, "stick/nadia.yaml", |_, r| {
        r.answer_mut("2").notes = "Nadia".into()
    });
    let said = home.ok(&[
        "merge",
        "review.yaml",
        "owen.yaml",
        "stick/nadia.yaml",
        "--out",
        "merged.yaml",
    ]);
    assert!(said.contains("0 conflicts"), "{said}");
    let m = load(&home, "merged.yaml");
    assert_eq!(m.reviewers.len(), 2);
    assert_eq!(m.findings.next_steps, ["Feedback on Friday"]);
    // Both merged here now: their records go (the next merge of each into
    // merged.yaml starts from the copy as merged); the base stays while a
    // copy in the folder names it.
    home.ok(&["bases", "--prune"]);
    assert_eq!(made_records(&home), 0);
    let said = home.ok(&["bases"]);
    assert!(said.contains("the base named by owen.yaml\n"), "{said}");
    assert!(
        said.contains("a copy as last merged into merged.yaml"),
        "{said}"
    );
    // Merging both again changes nothing, from what is left.
    let before = std::fs::read(home.path("merged.yaml")).unwrap();
    home.ok(&["merge", "merged.yaml", "owen.yaml"]);
    assert_eq!(std::fs::read(home.path("merged.yaml")).unwrap(), before);
    // The week over: copies and merged workbook archived elsewhere. Then
    // nothing names the base, and everything peerbook kept goes.
    std::fs::remove_dir_all(home.path("stick")).unwrap();
    std::fs::remove_file(home.path("owen.yaml")).unwrap();
    std::fs::remove_file(home.path("merged.yaml")).unwrap();
    let said = home.ok(&["bases", "--prune"]);
    assert!(said.contains("Removed "), "{said}");
    assert_eq!(snapshots(&home), ["notes.txt"]);
    assert!(home.ok(&["bases"]).contains("no snapshots kept"));
}
