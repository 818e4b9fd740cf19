//! The list-and-form screens driven by their keys: evidence (add, edit,
//! delete, the filters), review details (dates, focus questions, the team),
//! metrics and what we're proud of.

use super::*;

#[test]
fn evidence_add_edit_title_and_delete_with_confirm() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let n = wb(&app).evidence.len();
    // Add: a new item, its title in the editor.
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    assert_eq!(wb(&app).evidence.len(), n + 1);
    backspaces(&mut app, "New evidence".len());
    typ(&mut app, "Survey of carers, 2016");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    let e = wb(&app).evidence.last().unwrap();
    assert_eq!(e.title, "Survey of carers, 2016");
    assert_eq!(e.id, "ev-13");
    assert_eq!(e.kind, EvidenceKind::Document);
    assert!(form_focused(&app));

    // Edit the title of the first item: Enter opens the form, Enter edits.
    keys(&mut app, "esc g");
    assert!(!form_focused(&app));
    keys(&mut app, "enter enter");
    assert!(showing(&app, "editor"));
    typ(&mut app, " (draft)");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).evidence[0].title,
        "Integrated Reablement and Rehabilitation (IRR) vision (draft)"
    );

    // Delete ev-7, cited by several questions: the confirm names them.
    keys(&mut app, "esc g");
    for _ in 0..6 {
        press(&mut app, "j");
    }
    let id = wb(&app).evidence[chosen_evidence(&app)].id.clone();
    assert_eq!(id, "ev-7");
    let citing: Vec<String> = wb(&app)
        .citing("ev-7")
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(citing.len() >= 2, "{citing:?}");
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    for q in &citing {
        assert!(m.contains(&format!("KLOE {q}")), "{m} should name KLOE {q}");
    }
    assert!(m.contains("ev-7"), "{m}");
    // n keeps it.
    press(&mut app, "n");
    assert!(popup(&app).is_none());
    assert!(wb(&app).evidence_item("ev-7").is_some());
    // y deletes it and the links to it.
    press(&mut app, "d");
    press(&mut app, "y");
    assert!(popup(&app).is_none());
    assert!(wb(&app).evidence_item("ev-7").is_none());
    assert!(wb(&app).citing("ev-7").is_empty());
    assert_eq!(wb(&app).evidence.len(), n);
    assert_eq!(message(&app), "Deleted evidence ev-7 — Ctrl-z to undo");
    // An item nobody cites says so.
    press(&mut app, "G");
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    assert!(m.contains("No question cites it"), "{m}");
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).evidence.len(), n);
}

#[test]
fn evidence_kind_filter() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let all = evidence_listed(&app).len();
    press(&mut app, "f");
    // All kinds, Document, Data, …
    keys(&mut app, "j j enter");
    assert_eq!(kind_filter(&app), Some(EvidenceKind::Data));
    let shown = evidence_listed(&app);
    assert!(!shown.is_empty() && shown.len() < all);
    assert!(
        shown
            .iter()
            .all(|i| wb(&app).evidence[*i].kind == EvidenceKind::Data)
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("Evidence {} of {all} · Data", shown.len())),
        "{text}"
    );
    // Adding under a filter makes an item of that kind.
    press(&mut app, "a");
    press(&mut app, "enter");
    assert_eq!(wb(&app).evidence.last().unwrap().kind, EvidenceKind::Data);
    // Back to all kinds.
    keys(&mut app, "esc f g");
    // 'g' is not bound in pop-ups: go up with k instead.
    keys(&mut app, "k k k k k enter");
    assert_eq!(kind_filter(&app), None);
    assert_eq!(evidence_listed(&app).len(), all + 1);
}

#[test]
fn evidence_text_filter() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let all = evidence_listed(&app).len();
    press(&mut app, "/");
    assert!(showing(&app, "filter"));
    typ(&mut app, "HOME first");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(text_filter(&app), "HOME first");
    let shown = evidence_listed(&app);
    assert!(!shown.is_empty() && shown.len() < all, "{shown:?}");
    for i in &shown {
        let e = &wb(&app).evidence[*i];
        let hay = format!(
            "{} {} {} {}",
            e.title,
            e.id,
            e.note.clone().unwrap_or_default(),
            e.location.clone().unwrap_or_default()
        )
        .to_lowercase();
        assert!(hay.contains("home first"), "{hay}");
    }
    // A filter with no match says so.
    press(&mut app, "/");
    typ(&mut app, "zzz");
    press(&mut app, "enter");
    assert!(evidence_listed(&app).is_empty());
    assert!(screen(&mut app, 80, 24).contains("Nothing matches the filter"));
    // Clearing it shows everything again.
    press(&mut app, "/");
    backspaces(&mut app, 20);
    press(&mut app, "enter");
    assert_eq!(evidence_listed(&app).len(), all);
}

#[test]
fn details_impossible_date_gives_an_error_and_changes_nothing() {
    let (mut app, _d) = suffolk();
    let start = wb(&app).review.onsite_start;
    assert_eq!(start.unwrap().to_string(), "2016-10-18");
    keys(&mut app, "R j j enter");
    let ed = expect_popup(&app, "editor");
    assert_eq!(ed.input.as_deref(), Some("2016-10-18"));
    backspaces(&mut app, 10);
    typ(&mut app, "2026-02-30");
    let ed = expect_popup(&app, "editor");
    let e = ed.error.unwrap_or_default();
    assert!(e.contains("'2026-02-30' is not a real date"), "{e}");
    assert!(screen(&mut app, 80, 24).contains("is not a real date"));
    // Enter does not accept it.
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    // Esc asks first; a second Esc puts the old date back.
    press(&mut app, "esc");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).review.onsite_start, start);
}

#[test]

fn a_half_typed_date_is_not_kept_when_quitting_from_the_editor() {
    let (mut app, _d) = suffolk();
    let end = wb(&app).review.onsite_end;
    keys(&mut app, "R j j j enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2026-02-30");
    let ed = expect_popup(&app, "editor");
    assert!(ed.error.is_some());
    // Ctrl-c in the editor closes it and quits (the workbook is saved on
    // the way out): the date the user never typed must not be kept.
    press(&mut app, "ctrl-c");
    assert!(quitting(&app));
    assert_eq!(wb(&app).review.onsite_end, end);
}

#[test]
fn details_end_before_start_is_refused() {
    let (mut app, _d) = suffolk();
    let end = wb(&app).review.onsite_end;
    keys(&mut app, "R j j j enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2016-10-01");
    let ed = expect_popup(&app, "editor");
    let e = ed.error.unwrap_or_default();
    assert!(
        e.contains("cannot end (2016-10-01) before it starts (2016-10-18)"),
        "{e}"
    );
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    // Esc asks first; a second Esc keeps the old date.
    press(&mut app, "esc");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).review.onsite_end, end);
    // A good end date is kept.
    keys(&mut app, "enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2016-10-22");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(
        wb(&app).review.onsite_end.unwrap().to_string(),
        "2016-10-22"
    );
}

#[test]
fn details_add_a_focus_question_and_a_team_member() {
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    let focus = wb(&app).review.focus.len();
    let team = wb(&app).review.team.len();
    // 'a' near the top adds a focus question.
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    typ(&mut app, "How well do carers' voices shape services?");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).review.focus.len(), focus + 1);
    assert_eq!(
        wb(&app).review.focus[focus],
        "How well do carers' voices shape services?"
    );
    // An empty new focus question is dropped.
    press(&mut app, "a");
    press(&mut app, "esc");
    assert_eq!(wb(&app).review.focus.len(), focus + 1);
    // At the bottom, Enter on "+ add a team member" adds one.
    press(&mut app, "G");
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    assert_eq!(wb(&app).review.team.len(), team + 1);
    backspaces(&mut app, "New team member".len());
    typ(&mut app, "Aoife Ní Bhriain");
    press(&mut app, "enter");
    assert_eq!(wb(&app).review.team[team].name, "Aoife Ní Bhriain");
    // The role is the next row.
    keys(&mut app, "j enter");
    typ(&mut app, "Officer peer");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).review.team[team].role.as_deref(),
        Some("Officer peer")
    );
    // Removing a member asks first.
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    assert!(m.contains("Aoife Ní Bhriain"), "{m}");
    press(&mut app, "y");
    assert_eq!(wb(&app).review.team.len(), team);
}

#[test]
fn metrics_value_is_written() {
    let (mut app, _d) = leeds();
    press(&mut app, "M");
    let first = wb(&app).framework.metrics[0].id.clone();
    keys(&mut app, "enter enter");
    assert!(showing(&app, "editor"));
    typ(&mut app, "42.5");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    let m = wb(&app).metrics.iter().find(|m| m.metric == first).unwrap();
    assert_eq!(m.value, Some(42.5));
    // The list shows it.
    assert!(screen(&mut app, 80, 24).contains("42.5"));
    // Not a number: refused, Esc keeps the old value.
    press(&mut app, "enter");
    typ(&mut app, "x");
    let ed = expect_popup(&app, "editor");
    assert!(ed.error.as_deref().unwrap_or("").contains("not a number"));
    // Esc asks first; a second Esc keeps the old value.
    press(&mut app, "esc");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    let m = wb(&app).metrics.iter().find(|m| m.metric == first).unwrap();
    assert_eq!(m.value, Some(42.5));
    // Period is a text field, next one down.
    keys(&mut app, "j enter");
    typ(&mut app, "2018/19");
    press(&mut app, "enter");
    let m = wb(&app).metrics.iter().find(|m| m.metric == first).unwrap();
    assert_eq!(m.period.as_deref(), Some("2018/19"));
}

#[test]
fn proud_of_add_edit_delete() {
    let (mut app, _d) = suffolk();
    press(&mut app, "P");
    let n = wb(&app).proud_of.len();
    assert_eq!(n, 2);
    // Add: a new case study with its title in the editor.
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    assert_eq!(wb(&app).proud_of.len(), n + 1);
    backspaces(&mut app, "New case study".len());
    typ(&mut app, "Café-style drop-ins");
    press(&mut app, "enter");
    assert_eq!(wb(&app).proud_of[n].title, "Café-style drop-ins");
    // Edit the summary, a text over several lines.
    keys(&mut app, "j enter");
    typ(&mut app, "Weekly drop-ins.\nRun with carers.");
    press(&mut app, "esc");
    assert_eq!(
        wb(&app).proud_of[n].summary.as_deref(),
        Some("Weekly drop-ins.\nRun with carers.")
    );
    // Delete asks first; n keeps it, y deletes.
    press(&mut app, "d");
    let c = expect_popup(&app, "confirm");
    let m = c.message.unwrap_or_default();
    assert!(m.contains("Café-style drop-ins"), "{m}");
    press(&mut app, "n");
    assert_eq!(wb(&app).proud_of.len(), n + 1);
    press(&mut app, "d");
    press(&mut app, "y");
    assert_eq!(wb(&app).proud_of.len(), n);
    assert!(selected_row(&app, "Proud of") < n);
    // Editing the first case study's title from the list.
    keys(&mut app, "esc g enter enter");
    typ(&mut app, "!");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).proud_of[0].title,
        "The Waveney Out of Hospital team!"
    );
}
