//! Deletions, positional lists, per-copy bases and owned sections.

use super::*;
use crate::workbook::onsite::Reviewer;
use crate::workbook::{CopyOf, EvidenceItem, one_question_workbook};

fn base() -> Workbook {
    let mut wb = one_question_workbook();
    for (id, title) in [("ev-1", "Carers' survey"), ("ev-2", "Board minutes")] {
        wb.evidence_mut().push(EvidenceItem {
            id: id.into(),
            title: title.into(),
            ..Default::default()
        });
    }
    wb.answer_mut("a").strengths = vec!["one".into(), "two".into()];
    wb.reviewers.push(Reviewer {
        name: "Owen".into(),
        ..Default::default()
    });
    wb
}

fn two(b: &Workbook, x: &Workbook, y: &Workbook) -> Merged {
    merge(
        b,
        &[
            Copy {
                label: "x".into(),
                workbook: x,
            },
            Copy {
                label: "y".into(),
                workbook: y,
            },
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_deletion_no_other_copy_touched_is_taken_and_the_result_reads_back() {
    let b = base();
    let mut x = b.clone();
    x.evidence_mut().retain(|e| e.id != "ev-1");
    x.reviewers.clear();
    let mut y = b.clone();
    y.answer_mut("a").narrative = "kept".into();
    let m = two(&b, &x, &y);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert!(m.workbook.evidence_item("ev-1").is_none());
    assert!(m.workbook.evidence_item("ev-2").is_some());
    assert!(m.workbook.reviewers.is_empty());
    assert_eq!(m.workbook.answer("a").unwrap().narrative, "kept");
    let deleted: Vec<&str> = m
        .changes
        .iter()
        .filter(|c| c.deleted)
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(deleted, ["evidence[id=ev-1]", "reviewers[name=Owen]"]);
    assert_eq!(m.changes.len(), 3, "{:?}", m.changes);
}

#[test]
fn a_deletion_against_a_change_is_a_conflict_and_the_item_stays() {
    let b = base();
    let mut x = b.clone();
    x.evidence_mut().retain(|e| e.id != "ev-1");
    let mut y = b.clone();
    y.evidence_mut()[0].title = "Carers' survey 2016".into();
    let m = two(&b, &x, &y);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, "evidence[id=ev-1]");
    assert_eq!(c.values[0], ("x".to_string(), Value::Null));
    assert_eq!(
        m.workbook.evidence_item("ev-1").unwrap().title,
        "Carers' survey"
    );
    // Choosing the deletion deletes it; the workbook still reads back.
    let w = resolve(&m.workbook, 0, &Value::Null).unwrap();
    assert!(w.evidence_item("ev-1").is_none());
}

#[test]
fn positional_lists_take_one_copys_deletion_and_anothers_addition() {
    let b = base();
    let mut x = b.clone();
    x.answer_mut("a").strengths = vec!["two".into()];
    let mut y = b.clone();
    y.answer_mut("a").strengths = vec!["one".into(), "two".into(), "three".into()];
    let m = two(&b, &x, &y);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.workbook.answer("a").unwrap().strengths, ["two", "three"]);
    // Editing the same line two ways is still a conflict.
    let mut x = b.clone();
    x.answer_mut("a").strengths[0] = "ONE".into();
    let mut y = b.clone();
    y.answer_mut("a").strengths[0] = "One!".into();
    assert_eq!(two(&b, &x, &y).conflicts.len(), 1);
}

#[test]
fn a_copy_with_an_older_base_changes_only_what_it_changed() {
    let day0 = base();
    // The evening merge moved the rating on; a late copy from day 0 adds
    // a narrative and, unaware, rates too.
    let mut target = day0.clone();
    target.answer_mut("a").owner = Some("Jo".into());
    let mut late = day0.clone();
    late.answer_mut("a").narrative = "late words".into();
    let parts = |late: &Workbook| {
        merge_parts(
            &target,
            &[Part {
                label: "late".into(),
                workbook: late,
                base: &day0,
                owned: false,
            }],
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let m = parts(&late);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.workbook.answer("a").unwrap().owner.as_deref(), Some("Jo"));
    assert_eq!(m.workbook.answer("a").unwrap().narrative, "late words");
    late.answer_mut("a").owner = Some("Sam".into());
    let m = parts(&late);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, "answers[question=a].owner");
    assert_eq!(m.workbook.answer("a").unwrap().owner.as_deref(), Some("Jo"));
}

#[test]
fn an_owned_copy_changing_what_it_does_not_own_is_held() {
    let b = base();
    let mut own = b.clone();
    own.copy = Some(CopyOf::new(&b, "Owen", None, "t"));
    own.reviewers[0].answer_mut("a").notes = "mine".into();
    own.answer_mut("a").narrative = "the council's, changed".into();
    own.reviewers.push(Reviewer {
        name: "Nadia".into(),
        ..Default::default()
    });
    let m = merge_parts(
        &b,
        &[Part {
            label: "Owen's copy".into(),
            workbook: &own,
            base: &b,
            owned: true,
        }],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.workbook.reviewers[0].answer("a").unwrap().notes, "mine");
    assert_eq!(m.workbook.answer("a").unwrap().narrative, "");
    assert_eq!(m.workbook.reviewers.len(), 1);
    let held: Vec<&str> = m.conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        held,
        ["answers[question=a].narrative", "reviewers[name=Nadia]"]
    );
    assert!(m.conflicts.iter().all(|c| c.held.is_some()));
    // The merged workbook keeps no copy record of its own.
    assert!(m.workbook.copy.is_none());
}
