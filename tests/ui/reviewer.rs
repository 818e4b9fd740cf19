//! Reviewer mode: the reviewer's own entries, the next gap, the activity
//! log.

use super::*;

fn reviewing(name: &str) -> (App, TempDir) {
    let (mut app, d) = suffolk();
    review_as(&mut app, name, "Officer peer");
    (app, d)
}

#[test]
fn reviewer_mode_records_the_reviewers_own_entries_and_leaves_the_council_answer() {
    let (mut app, _d) = reviewing("Alice Peer");
    let council_before = wb(&app).answer("2").cloned();
    // Rate KLOE 2 and write notes: they go in Alice's section.
    keys(&mut app, "j 1 e");
    typ(&mut app, "Plans start from strengths — mostly.");
    keys(&mut app, "esc");
    let alice = wb(&app)
        .reviewer("Alice Peer")
        .expect("Alice's section")
        .clone();
    assert_eq!(alice.role.as_deref(), Some("Officer peer"));
    let a = alice.answer("2").unwrap();
    assert_eq!(a.rating, Rating::Level(1));
    assert_eq!(a.notes, "Plans start from strengths — mostly.");
    assert_eq!(
        wb(&app).answer("2").cloned(),
        council_before,
        "the council's answer changed"
    );
    // Status and owner are the council's: refused with a message.
    keys(&mut app, "s");
    assert!(popup(&app).is_none());
    assert!(message(&app).contains("read-only"), "{}", message(&app));
    // A source, tagged heard, through the answer pane.
    keys(&mut app, "tab G enter j enter");
    typ(&mut app, "Focus group with Home First staff");
    keys(&mut app, "enter");
    let a = wb(&app)
        .reviewer("Alice Peer")
        .unwrap()
        .answer("2")
        .unwrap()
        .clone();
    assert_eq!(a.sources.len(), 1);
    assert_eq!(
        a.sources[0].kind,
        peerbook::workbook::onsite::SourceKind::Heard
    );
    assert_eq!(a.sources[0].text, "Focus group with Home First staff");
    // An abandoned new source is not kept.
    keys(&mut app, "G enter enter esc");
    assert_eq!(
        wb(&app)
            .reviewer("Alice Peer")
            .unwrap()
            .answer("2")
            .unwrap()
            .sources
            .len(),
        1
    );
    snap!("reviewer_questions", app);
}

#[test]
fn reviewer_mode_next_gap_means_not_yet_reviewed() {
    let (mut app, _d) = reviewing("Alice Peer");
    keys(&mut app, "2");
    // KLOE 1 now reviewed by Alice: n goes to KLOE 2, though the council
    // answered it.
    keys(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("2"));
}

#[test]
fn reviewer_activity_log_add_edit_delete() {
    let (mut app, _d) = reviewing("Alice Peer");
    typ(&mut app, "A");
    assert_eq!(on_screen(&app), "Activity");
    keys(&mut app, "a");
    typ(&mut app, "Director of adult social care");
    keys(&mut app, "enter");
    // Kind, people and hours through the form.
    keys(&mut app, "g enter j j j j j enter");
    let acts = &wb(&app).reviewer("Alice Peer").unwrap().activities;
    assert_eq!(
        acts[0].kind,
        peerbook::workbook::onsite::ActivityKind::Other
    );
    keys(&mut app, "j j j enter");
    typ(&mut app, "3");
    keys(&mut app, "enter j enter");
    typ(&mut app, "1.5");
    keys(&mut app, "enter");
    let a = &wb(&app).reviewer("Alice Peer").unwrap().activities[0];
    assert_eq!(a.title, "Director of adult social care");
    assert_eq!(
        a.date,
        wb(&app).review.onsite_start,
        "dated the first on-site day"
    );
    assert_eq!(a.people, Some(3));
    assert_eq!(a.hours, Some(1.5));
    // People must be a whole number.
    keys(&mut app, "k enter backspace");
    typ(&mut app, "2.5");
    keys(&mut app, "enter");
    let screen_text = screen(&mut app, 80, 24);
    assert!(
        screen_text.contains("not a number of people"),
        "{screen_text}"
    );
    assert!(showing(&app, "editor"));
    // Esc asks first, then discards.
    keys(&mut app, "esc");
    assert!(showing(&app, "editor"));
    keys(&mut app, "esc");
    assert_eq!(
        wb(&app).reviewer("Alice Peer").unwrap().activities[0].people,
        Some(3)
    );
    snap!("reviewer_activity", app);
    keys(&mut app, "tab d y");
    assert!(
        wb(&app)
            .reviewer("Alice Peer")
            .unwrap()
            .activities
            .is_empty()
    );
}

#[test]
fn the_activity_kind_picker_opens_on_the_kind_it_has() {
    let (mut app, _d) = reviewing("Alice Peer");
    typ(&mut app, "A");
    keys(&mut app, "a");
    typ(&mut app, "Site visit");
    keys(&mut app, "enter");
    // G goes to the last kind, as in every picker.
    keys(&mut app, "g enter G enter");
    let last = peerbook::workbook::onsite::ActivityKind::ALL.len() - 1;
    let kind = wb(&app).reviewer("Alice Peer").unwrap().activities[0].kind;
    assert_eq!(kind, peerbook::workbook::onsite::ActivityKind::ALL[last]);
    press(&mut app, "enter");
    assert_eq!(expect_popup(&app, "activity kind").choice, Some(last));
    // Esc leaves it as it was.
    keys(&mut app, "g esc");
    assert!(popup(&app).is_none());
    let kind = wb(&app).reviewer("Alice Peer").unwrap().activities[0].kind;
    assert_eq!(kind, peerbook::workbook::onsite::ActivityKind::ALL[last]);
}
