//! The Questions screen driven by its keys: moving, jumping to gaps,
//! rating, status, the editor, the answer pane's lines and linking evidence.

use super::*;

#[test]
fn j_and_k_move_through_the_questions() {
    let (mut app, _d) = suffolk();
    assert_eq!(question(&app).as_deref(), Some("1"));
    keys(&mut app, "j j");
    assert_eq!(question(&app).as_deref(), Some("3"));
    press(&mut app, "k");
    assert_eq!(question(&app).as_deref(), Some("2"));
    // The tree skips domain headers and stops at the ends.
    keys(&mut app, "k k k");
    assert_eq!(question(&app).as_deref(), Some("1"));
    press(&mut app, "G");
    assert_eq!(question(&app).as_deref(), Some("13"));
    press(&mut app, "j");
    assert_eq!(question(&app).as_deref(), Some("13"));
    press(&mut app, "g");
    assert_eq!(question(&app).as_deref(), Some("1"));
    // The update API does the same.
    app.update(Action::Down);
    assert_eq!(question(&app).as_deref(), Some("2"));
    // The selected question is the one drawn reversed.
    let sel = selected_rows(&mut app, 80, 24);
    assert!(sel.iter().any(|r| r.contains("KLOE 2")), "{sel:?}");
}

#[test]
fn n_and_shift_n_jump_to_unanswered_questions() {
    // Suffolk has one question not started: KLOE 12.
    let (mut app, _d) = suffolk();
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));
    press(&mut app, "G");
    press(&mut app, "N");
    assert_eq!(question(&app).as_deref(), Some("12"));
    // Forward wraps around from the last question.
    press(&mut app, "G");
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));

    // A new workbook: every question is unanswered.
    let reg = Registry::load(&[]);
    let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
    let (mut app, _d) = app_with(detached, Workbook::new(fw, "C", "T"));
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("2"));
    press(&mut app, "N");
    assert_eq!(question(&app).as_deref(), Some("1"));
    press(&mut app, "N");
    assert_eq!(question(&app).as_deref(), Some("13"));

    // Answer KLOE 12 in Suffolk: nothing is left to jump to.
    let (mut app, _d) = suffolk();
    press(&mut app, "n");
    press(&mut app, "3");
    assert_eq!(
        wb(&app).answer("12").unwrap().status,
        Status::Draft,
        "rating moves a not-started answer to draft"
    );
    press(&mut app, "g");
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("1"));
    assert_eq!(message(&app), "Every question has an answer");
}

#[test]
fn digits_rate_the_current_answer() {
    let (mut app, _d) = suffolk();
    press(&mut app, "j");
    assert_eq!(rating(&app, "2"), Rating::Level(2));
    press(&mut app, "4");
    assert_eq!(rating(&app, "2"), Rating::Level(4));
    press(&mut app, "1");
    assert_eq!(rating(&app, "2"), Rating::Level(1));
    // Only the current answer changed.
    assert_eq!(rating(&app, "1"), Rating::Level(3));
    assert_eq!(rating(&app, "3"), Rating::Level(2));
    let a = wb(&app).answer("2").unwrap();
    assert_eq!(a.changed.as_ref().unwrap().by, "Tester");
    // The tree shows the new rating.
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("KLOE 2 1 Significant"), "{text}");
    // Also from the answer pane.
    press(&mut app, "tab");
    press(&mut app, "3");
    assert_eq!(rating(&app, "2"), Rating::Level(3));
}

#[test]
fn a_digit_not_on_the_scale_shows_a_message_and_changes_nothing() {
    let (mut app, _d) = suffolk();
    let before = wb(&app).answer("1").unwrap().clone();
    let rev = revision(&app);
    press(&mut app, "5");
    assert_eq!(wb(&app).answer("1").unwrap(), &before);
    assert_eq!(revision(&app), rev);
    assert!(is_error(&app));
    let m = message(&app);
    assert!(m.starts_with("5 is not on the scale"), "{m}");
    assert!(m.contains("4: Exceptional standard"), "{m}");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("5 is not on the scale"), "{text}");
    press(&mut app, "9");
    assert_eq!(wb(&app).answer("1").unwrap(), &before);
}

#[test]
fn x_marks_not_applicable_and_0_clears() {
    let (mut app, _d) = suffolk();
    press(&mut app, "x");
    assert_eq!(rating(&app, "1"), Rating::NotApplicable);
    assert!(screen(&mut app, 80, 24).contains("Rating: N/A"));
    press(&mut app, "0");
    assert_eq!(rating(&app, "1"), Rating::None);
    assert!(screen(&mut app, 80, 24).contains("Rating: not rated"));
    // Both count as changes by this user.
    assert_eq!(
        wb(&app).answer("1").unwrap().changed.as_ref().unwrap().by,
        "Tester"
    );
}

#[test]
fn clearing_the_rating_of_an_empty_answer_leaves_it_unanswered() {
    // Suffolk's KLOE 12 is the one question not started.
    let (mut app, _d) = suffolk();
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));
    press(&mut app, "x");
    assert_eq!(wb(&app).answer("12").unwrap().status, Status::Draft);
    press(&mut app, "0");
    let a = wb(&app).answer("12").unwrap();
    assert_eq!(a.rating, Rating::None);
    assert_eq!(a.status, Status::NotStarted, "nothing is left in it");
    assert!(!a.is_answered());
    // Next-unanswered still finds it.
    press(&mut app, "g");
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("12"));
    // The status bar and the dashboard count it as not started.
    assert!(screen(&mut app, 80, 24).contains("12/13 answered"));
    press(&mut app, "D");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Not started (1): KLOE 12"), "{text}");
}

#[test]
fn rating_picker_sets_the_rating() {
    let (mut app, _d) = suffolk();
    press(&mut app, "r");
    // Opens on the current rating (3 → fourth line, after "no rating");
    // j moves to 4.
    keys(&mut app, "j enter");
    assert!(popup(&app).is_none());
    assert_eq!(rating(&app, "1"), Rating::Level(4));
    press(&mut app, "r");
    keys(&mut app, "j enter");
    assert_eq!(rating(&app, "1"), Rating::NotApplicable);
    // "no rating" is the first line.
    press(&mut app, "r");
    keys(&mut app, "g enter");
    assert_eq!(rating(&app, "1"), Rating::None);
    // Esc cancels.
    press(&mut app, "r");
    keys(&mut app, "k esc");
    assert!(popup(&app).is_none());
    assert_eq!(rating(&app, "1"), Rating::None);
}

#[test]
fn status_picker_sets_the_status() {
    let (mut app, _d) = suffolk();
    press(&mut app, "j"); // KLOE 2: draft
    press(&mut app, "s");
    assert!(showing(&app, "status") && popup(&app).unwrap().choice == Some(1));
    keys(&mut app, "j enter");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::ReadyForReview);
    // g and G go to the first and the last choice, as in every picker.
    press(&mut app, "s");
    keys(&mut app, "g enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::NotStarted);
    press(&mut app, "s");
    keys(&mut app, "G enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::Agreed);
    press(&mut app, "s");
    keys(&mut app, "G k enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::ReadyForReview);
    press(&mut app, "s");
    keys(&mut app, "k k enter");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::NotStarted);
    // Esc leaves it as it was.
    press(&mut app, "s");
    keys(&mut app, "j esc");
    assert_eq!(wb(&app).answer("2").unwrap().status, Status::NotStarted);
}

#[test]
fn narrative_editor_writes_text_as_typed_including_non_ascii() {
    let (mut app, _d) = suffolk();
    press(&mut app, "G"); // KLOE 13
    press(&mut app, "e");
    let before = wb(&app).answer("13").unwrap().narrative.clone();
    typ(&mut app, "\nYnys Môn — café ✓ 日本");
    // Written while the editor is still open.
    assert!(showing(&app, "editor"));
    assert_eq!(
        wb(&app).answer("13").unwrap().narrative,
        format!("{before}\nYnys Môn — café ✓ 日本")
    );
    assert!(revision(&app) > 0);
    // Esc closes and keeps the text.
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert!(
        wb(&app)
            .answer("13")
            .unwrap()
            .narrative
            .ends_with("Ynys Môn — café ✓ 日本")
    );
}

#[test]
fn narrative_on_an_empty_answer_starts_a_draft() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12: not started
    press(&mut app, "e");
    typ(&mut app, "Première ligne\nSecond line");
    press(&mut app, "esc");
    let a = wb(&app).answer("12").unwrap();
    assert_eq!(a.narrative, "Première ligne\nSecond line");
    assert_eq!(a.status, Status::Draft);
    assert_eq!(a.changed.as_ref().unwrap().by, "Tester");
}

#[test]
fn ctrl_z_undoes_typing_in_the_editor() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12, empty narrative
    press(&mut app, "e");
    typ(&mut app, "abc");
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "abc");
    press(&mut app, "ctrl-z");
    assert_ne!(wb(&app).answer("12").unwrap().narrative, "abc");
    for _ in 0..5 {
        press(&mut app, "ctrl-z");
    }
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "");
    press(&mut app, "ctrl-y");
    assert!(!wb(&app).answer("12").unwrap().narrative.is_empty());
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
}

/// Selects a slot of the answer pane by moving with j.
pub(crate) fn go_to_slot(app: &mut App, want: &Slot) {
    if !answer_focused(app) {
        press(app, "tab");
    }
    press(app, "g");
    for _ in 0..answer_lines(app).len() {
        if slot(app).as_ref() == Some(want) {
            return;
        }
        press(app, "j");
    }
    panic!("slot {want:?} not found in {:?}", answer_lines(app));
}

#[test]
fn adding_a_strength_from_the_answer_pane() {
    let (mut app, _d) = suffolk();
    let n = wb(&app).answer("1").unwrap().strengths.len();
    go_to_slot(&mut app, &Slot::AddStrength);
    assert!(
        selected_rows(&mut app, 80, 24)
            .iter()
            .any(|r| r.contains("+ add a strength")),
        "{:?}",
        selected_rows(&mut app, 80, 24)
    );
    press(&mut app, "enter");
    assert!(showing(&app, "editor"));
    typ(&mut app, "Carers say the team listens — “really listens”");
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    let s = &wb(&app).answer("1").unwrap().strengths;
    assert_eq!(s.len(), n + 1);
    assert_eq!(s[n], "Carers say the team listens — “really listens”");
}

#[test]
fn an_empty_new_strength_is_dropped() {
    let (mut app, _d) = suffolk();
    let before = wb(&app).answer("1").unwrap().strengths.clone();
    go_to_slot(&mut app, &Slot::AddStrength);
    press(&mut app, "enter");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, before);
    // Typed and then rubbed out: dropped too.
    press(&mut app, "enter");
    typ(&mut app, "xy");
    backspaces(&mut app, 2);
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, before);
    // 'a' in the tree adds a strength too; left empty, nothing is kept.
    press(&mut app, "tab");
    assert!(!answer_focused(&app));
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, before);
}

#[test]
fn deleting_and_reordering_strengths() {
    let (mut app, _d) = suffolk();
    let s0 = wb(&app).answer("1").unwrap().strengths.clone();
    assert_eq!(s0.len(), 3);
    go_to_slot(&mut app, &Slot::Strength(0));
    // J moves the first strength down, and the selection with it.
    press(&mut app, "J");
    let s = wb(&app).answer("1").unwrap().strengths.clone();
    assert_eq!(s, vec![s0[1].clone(), s0[0].clone(), s0[2].clone()]);
    assert_eq!(slot(&app), Some(Slot::Strength(1)));
    // K moves it back up.
    press(&mut app, "K");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    assert_eq!(slot(&app), Some(Slot::Strength(0)));
    // K on the first does nothing.
    press(&mut app, "K");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    // J on the last does nothing.
    go_to_slot(&mut app, &Slot::Strength(2));
    press(&mut app, "J");
    assert_eq!(wb(&app).answer("1").unwrap().strengths, s0);
    // d deletes the selected one.
    go_to_slot(&mut app, &Slot::Strength(1));
    press(&mut app, "d");
    assert_eq!(
        wb(&app).answer("1").unwrap().strengths,
        vec![s0[0].clone(), s0[2].clone()]
    );
    // d in the tree deletes nothing.
    press(&mut app, "tab");
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().strengths.len(), 2);
}

#[test]
fn l_opens_the_link_picker_and_enter_links() {
    let (mut app, _d) = suffolk();
    let linked = wb(&app).answer("1").unwrap().evidence.clone();
    assert_eq!(linked, vec!["ev-1", "ev-3", "ev-4", "ev-7"]);
    press(&mut app, "l");
    let link = expect_popup(&app, "link evidence");
    // Only items not yet linked are offered.
    let offered: Vec<String> = link
        .choices
        .iter()
        .map(|c| c.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    // Offered by the pack's label: ev-1 is E1, and so on in the seed.
    let linked_labels: Vec<String> = linked.iter().map(|id| id.replace("ev-", "E")).collect();
    assert!(
        !offered.iter().any(|l| linked_labels.contains(l)),
        "{offered:?}"
    );
    assert_eq!(offered[0], "E2");
    keys(&mut app, "j enter");
    assert!(popup(&app).is_none());
    assert_eq!(
        wb(&app).answer("1").unwrap().evidence,
        vec!["ev-1", "ev-3", "ev-4", "ev-7", "ev-5"]
    );
    assert_eq!(message(&app), "Linked E5 to KLOE 1");
    // Esc links nothing.
    press(&mut app, "l");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().evidence.len(), 5);
    // The link shows in the answer pane and can be removed with d there.
    go_to_slot(&mut app, &Slot::Evidence(4));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Evidence: E5 ["), "{text}");
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().evidence, linked);
    assert_eq!(wb(&app).evidence.len(), 12, "the item stays in the library");
}
