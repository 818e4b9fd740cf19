//! The review manager's screens: peer ratings, findings, conflicts from
//! merging, reviewer mode entered and left, the gap chart.

use super::*;

pub(crate) fn onsite() -> (App, TempDir) {
    app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"))
}

#[test]
fn the_peer_screen_shows_ratings_side_by_side_and_records_the_agreed_one() {
    let (mut app, _d) = onsite();
    typ(&mut app, "V");
    assert_eq!(on_screen(&app), "Peer");
    snap!("peer_screen", app);
    // KLOE 10 has no agreed rating: set one with a digit.
    keys(&mut app, "j j j j j j j j j");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("! KLOE 10"),
        "the disagreement is flagged:\n{text}"
    );
    keys(&mut app, "2");
    let agreed = wb(&app)
        .consensus
        .iter()
        .find(|a| a.question == "10")
        .unwrap();
    assert_eq!(agreed.rating, Rating::Level(2));
    // In framework order, between 9 and 11.
    let order: Vec<&str> = wb(&app)
        .consensus
        .iter()
        .map(|a| a.question.as_str())
        .collect();
    let i = order.iter().position(|q| *q == "10").unwrap();
    assert_eq!(order[i - 1], "9");
    // Clearing removes it again.
    keys(&mut app, "0");
    assert!(!wb(&app).consensus.iter().any(|a| a.question == "10"));
    // Enter goes to the question.
    keys(&mut app, "enter");
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(question(&app).as_deref(), Some("10"));
}

#[test]
fn the_findings_screen_edits_recommendations() {
    let (mut app, _d) = onsite();
    typ(&mut app, "F");
    assert_eq!(on_screen(&app), "Findings");
    snap!("findings_screen", app);
    let before = wb(&app).findings.recommendations.len();
    // Go to "+ add a recommendation" and add one.
    let rows = finding_rows(&app);
    let add = rows
        .iter()
        .position(|r| *r == peerbook::tui::screens::findings::FindRow::AddRec)
        .unwrap();
    select_row(&mut app, "Findings", add);
    keys(&mut app, "enter");
    keys(&mut app, "ctrl-u");
    typ(
        &mut app,
        "Publish a plain description of the reablement offer",
    );
    keys(&mut app, "enter");
    let recs = &wb(&app).findings.recommendations;
    assert_eq!(recs.len(), before + 1);
    assert_eq!(
        recs[before].text,
        "Publish a plain description of the reablement offer"
    );
    // On that row: quick win, owner, due date, status.
    keys(&mut app, "w o");
    typ(&mut app, "Head of Home First");
    keys(&mut app, "enter t");
    typ(&mut app, "2017-02-30");
    keys(&mut app, "enter");
    assert!(screen(&mut app, 80, 24).contains("not a real date"));
    // Esc asks first, then discards.
    keys(&mut app, "esc esc t");
    typ(&mut app, "2017-02-28");
    keys(&mut app, "enter s");
    let r = &wb(&app).findings.recommendations[before];
    assert!(r.quick_win);
    assert_eq!(r.owner.as_deref(), Some("Head of Home First"));
    assert_eq!(r.due, chrono::NaiveDate::from_ymd_opt(2017, 2, 28));
    assert_eq!(
        r.status,
        peerbook::workbook::onsite::ActionStatus::InProgress
    );
    // Delete it again.
    keys(&mut app, "d");
    assert_eq!(wb(&app).findings.recommendations.len(), before);
    // A new recommendation left empty is not kept.
    select_row(&mut app, "Findings", add);
    keys(&mut app, "enter esc");
    assert_eq!(wb(&app).findings.recommendations.len(), before);
}

#[test]
fn conflicts_from_merging_are_settled_in_the_interface() {
    let b = seed(SUFFOLK);
    let mut a = b.clone();
    a.answer_mut("3").narrative = "Alice says".into();
    let mut c = b.clone();
    c.answer_mut("3").narrative = "Bob says".into();
    let merged = peerbook::review::merge::merge(
        &b,
        &[
            peerbook::review::merge::Copy {
                label: "alice.yaml".into(),
                workbook: &a,
            },
            peerbook::review::merge::Copy {
                label: "bob.yaml".into(),
                workbook: &c,
            },
        ],
    )
    .unwrap()
    .workbook;
    let mut merged = merged;
    // The peer screens appear once there is peer data.
    merged.consensus.push(peerbook::workbook::onsite::Agreed {
        question: "1".into(),
        rating: Rating::Level(3),
        ..Default::default()
    });
    let (mut app, _d) = app_with(detached, merged);
    typ(&mut app, "V");
    typ(&mut app, "C");
    snap!("conflicts_popup", app);
    keys(&mut app, "enter");
    snap!("resolve_popup", app);
    // Take Bob's.
    keys(&mut app, "j j enter");
    assert_eq!(wb(&app).answer("3").unwrap().narrative, "Bob says");
    assert!(wb(&app).conflicts.is_empty());
    assert_eq!(message(&app), "Conflict resolved");
}

/// Issue 13: a conflict can be settled with a value neither copy has,
/// typed and read as `peerbook resolve --value` reads it.
#[test]
fn a_conflict_is_settled_with_a_typed_value_checked_before_it_is_kept() {
    let b = seed(SUFFOLK);
    let mut a = b.clone();
    a.answer_mut("3").rating = Rating::Level(1);
    let mut c = b.clone();
    c.answer_mut("3").rating = Rating::Level(4);
    let copies = [
        peerbook::review::merge::Copy {
            label: "alice.yaml".into(),
            workbook: &a,
        },
        peerbook::review::merge::Copy {
            label: "bob.yaml".into(),
            workbook: &c,
        },
    ];
    let mut merged = peerbook::review::merge::merge(&b, &copies)
        .unwrap()
        .workbook;
    assert_eq!(merged.conflicts.len(), 1);
    merged.consensus.push(peerbook::workbook::onsite::Agreed {
        question: "1".into(),
        rating: Rating::Level(3),
        ..Default::default()
    });
    let before = merged.answer("3").unwrap().rating;
    let (mut app, _d) = app_with(detached, merged);
    typ(&mut app, "V");
    typ(&mut app, "C");
    keys(&mut app, "enter");
    // The last choice, after the base's and each copy's values.
    let pick = expect_popup(&app, "resolve");
    assert_eq!(
        pick.choices.last().map(String::as_str),
        Some("Type a value…")
    );
    keys(&mut app, "G enter");
    expect_popup(&app, "conflict value");
    // Not a level of the scale: refused with the reason, nothing changed.
    typ(&mut app, "7");
    keys(&mut app, "enter");
    let shown = expect_popup(&app, "conflict value");
    let error = shown.error.unwrap_or_default();
    assert!(error.contains("'7' is not a rating here"), "{error}");
    assert!(error.ends_with("Nothing was changed."), "{error}");
    assert_eq!(wb(&app).answer("3").unwrap().rating, before);
    assert_eq!(wb(&app).conflicts.len(), 1);
    // A level by its label.
    clear_input(&mut app);
    typ(&mut app, "good standard");
    keys(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).answer("3").unwrap().rating, Rating::Level(3));
    assert!(wb(&app).conflicts.is_empty());
    assert_eq!(message(&app), "Conflict resolved");
    // One change: undo brings the conflict back.
    keys(&mut app, "ctrl-z");
    assert_eq!(wb(&app).conflicts.len(), 1);
    // Esc leaves the prompt with nothing changed.
    typ(&mut app, "C");
    keys(&mut app, "enter G enter");
    typ(&mut app, "2");
    keys(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).conflicts.len(), 1);
}

#[test]
fn reviewer_mode_can_be_entered_and_left_in_the_interface() {
    let (mut app, _d) = onsite();
    typ(&mut app, "W");
    typ(&mut app, "Zed Peer");
    keys(&mut app, "enter");
    assert_eq!(reviewing_as(&app).as_deref(), Some("Zed Peer"));
    keys(&mut app, "3");
    assert_eq!(
        wb(&app)
            .reviewer("Zed Peer")
            .unwrap()
            .answer("1")
            .unwrap()
            .rating,
        Rating::Level(3)
    );
    // Leaving asks first (issue 13): digits would change the council's own.
    typ(&mut app, "W");
    keys(&mut app, "y");
    assert_eq!(reviewing_as(&app), None);
    assert!(message(&app).contains("Left reviewer mode"));
}

#[test]
fn the_gap_chart_shows_self_and_peer_scores_as_text() {
    let (mut app, _d) = onsite();
    typ(&mut app, "V");
    typ(&mut app, "c");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("self █"), "{text}");
    assert!(text.contains("50.0 peer"), "{text}");
    assert!(text.contains("45.0"), "{text}");
    snap!("gap_chart", app);
}
