//! What a second first-time try of issue 12 found: faults met using the
//! interface as a council officer and a peer reviewer would, each fixed
//! and kept here.

use super::harness::*;
use crate::onsite;
use peerbook::tui::app::{App, Slot};

#[test]
fn a_strength_added_stays_chosen_so_j_goes_on_from_it() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "tab");
    assert_eq!(slot(&app), Some(Slot::Rating));
    let before = wb(&app)
        .answer(&question(&app).unwrap())
        .map_or(0, |a| a.strengths.len());
    press(&mut app, "a");
    typ(&mut app, "Goals agreed at the first visit");
    press(&mut app, "enter");
    assert_eq!(slot(&app), Some(Slot::Strength(before)), "the new line");
    // The next line down is where another strength is added, so `j Enter`
    // after a strength never edits the owner by surprise.
    press(&mut app, "j");
    assert_eq!(slot(&app), Some(Slot::AddStrength));
    // An area added with Enter on "add an area" is chosen likewise.
    for _ in 0..20 {
        if slot(&app) == Some(Slot::AddArea) {
            break;
        }
        press(&mut app, "j");
    }
    assert_eq!(slot(&app), Some(Slot::AddArea));
    press(&mut app, "enter");
    typ(&mut app, "Carers are not yet part of reviews");
    press(&mut app, "esc");
    let areas = wb(&app)
        .answer(&question(&app).unwrap())
        .map_or(0, |a| a.areas.len());
    assert_eq!(slot(&app), Some(Slot::Area(areas - 1)));
}

#[test]
fn a_strength_left_empty_leaves_the_choice_where_it_was() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "tab j");
    assert_eq!(slot(&app), Some(Slot::Status));
    press(&mut app, "a");
    press(&mut app, "esc");
    assert_eq!(slot(&app), Some(Slot::Status));
}

#[test]
fn a_pickers_footer_says_enter_chooses_and_esc_cancels() {
    let (mut app, _d) = suffolk();
    for (open, name) in [("r", "rating"), ("s", "status")] {
        press(&mut app, open);
        let text = screen(&mut app, 80, 24);
        let footer = text.lines().last().unwrap();
        assert!(
            footer.contains("Enter choose") && footer.contains("Esc cancel"),
            "{name}: {footer:?}"
        );
        assert!(
            !footer.contains("open") && !footer.contains("back"),
            "{footer}"
        );
        press(&mut app, "esc");
    }
}

// ----- a terminal too small to show the editor -----

#[test]
fn a_paste_while_the_terminal_is_too_small_does_not_reach_an_open_editor() {
    let (mut app, _d) = suffolk();
    press(&mut app, "o"); // the owner editor
    let before = popup(&app).unwrap().input;
    let small = screen(&mut app, 40, 10);
    assert!(small.contains("Terminal too small"), "{small}");
    app.handle_paste(&"pasted unseen ".repeat(1000));
    let _ = screen(&mut app, 80, 24);
    assert_eq!(popup(&app).unwrap().input, before, "nothing pasted unseen");
    app.handle_paste("seen");
    assert!(popup(&app).unwrap().input.unwrap().ends_with("seen"));
}

#[test]
fn ctrl_c_quits_from_an_editor_even_while_the_terminal_is_too_small() {
    let (mut app, _d) = suffolk();
    press(&mut app, "o");
    typ(&mut app, "Jo");
    let owner = popup(&app).unwrap().input.unwrap();
    let _ = screen(&mut app, 40, 10);
    // Other keys wait, but the way out is not locked while the window
    // cannot grow; what was typed is kept.
    press(&mut app, "q");
    assert!(!quitting(&app));
    press(&mut app, "ctrl-c");
    assert!(quitting(&app), "Ctrl-c quits");
    let qid = question(&app).unwrap();
    assert_eq!(
        wb(&app).answer(&qid).unwrap().owner.as_deref(),
        Some(owner.as_str())
    );
}

// ----- a workbook open read-only -----

#[test]
fn a_read_only_workbook_refuses_the_rating_and_status_pickers_before_they_open() {
    let (mut app, _d) = read_only_suffolk();
    for open in ["r", "s"] {
        press(&mut app, open);
        assert_eq!(popup_name(&app), None, "{open} opened a picker");
        assert!(is_error(&app), "{open}: {}", message(&app));
        assert!(message(&app).contains("Read-only"), "{}", message(&app));
    }
    // The same through the answer pane's lines.
    keys(&mut app, "tab enter");
    assert_eq!(popup_name(&app), None);
}

// ----- keys.yaml that takes away what a field needs -----

#[test]
fn keys_yaml_may_not_give_a_typing_key_to_the_text_context() {
    use peerbook::tui::keys::Keymap;
    let mut k = Keymap::default();
    let problems = k.apply_config("keys.yaml", "text:\n  back: a\n  quit: [ctrl-q, x]\n");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("keys.yaml:2:9: 'a' would no longer type in a field"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("keys.yaml:3:18: 'x'"),
        "{problems:?}"
    );
    // Through the interface: 'a' and 'x' still type, Esc still closes,
    // and the Ctrl key that was given is used.
    let (mut app, _d) = suffolk();
    app.keymap = k;
    press(&mut app, "o");
    typ(&mut app, "ax");
    assert!(popup(&app).unwrap().input.unwrap().ends_with("ax"));
    press(&mut app, "esc");
    assert_eq!(popup_name(&app), None);
    press(&mut app, "o");
    press(&mut app, "ctrl-q");
    assert!(quitting(&app));
}

#[test]
fn keys_yaml_giving_one_key_to_two_actions_says_so_and_the_first_keeps_it() {
    use peerbook::tui::keys::{Action, Context, Key, Keymap};
    let mut k = Keymap::default();
    let problems = k.apply_config(
        "keys.yaml",
        "questions:\n  next_unanswered: F5\n  rating_picker: [F6, F5]\n",
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(
            "keys.yaml:3:23: 'F5' is given to both 'next_unanswered' (line 2) and 'rating_picker'"
        ),
        "{problems:?}"
    );
    let f = |n| Key::parse(n).unwrap();
    assert_eq!(
        k.lookup(Context::Questions, f("F5")),
        Some(Action::NextUnanswered)
    );
    assert_eq!(
        k.lookup(Context::Questions, f("F6")),
        Some(Action::RatingPicker)
    );
}

#[test]
fn an_empty_evidence_pane_beside_the_list_has_no_focus_mark_of_its_own() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    filter_evidence(&mut app, "no item has these words zzqx");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Nothing matches"), "{text}");
    assert_eq!(text.matches('▶').count(), 1, "one pane has focus:\n{text}");
}

// ----- the help pop-up -----

/// The first line the help pop-up shows, from its title.
fn help_from(app: &mut App) -> usize {
    let text = screen(app, 80, 24);
    let at = text
        .find("Help: lines ")
        .unwrap_or_else(|| panic!("{text}"));
    let rest = &text[at + "Help: lines ".len()..];
    rest[..rest.find('-').unwrap()].parse().unwrap()
}

#[test]
fn help_goes_to_its_ends_and_k_after_running_past_the_end_moves_at_once() {
    let (mut app, _d) = suffolk();
    press(&mut app, "?");
    assert_eq!(help_from(&mut app), 1);
    press(&mut app, "G");
    let last = help_from(&mut app);
    assert!(last > 1, "G goes to the end");
    for _ in 0..50 {
        press(&mut app, "j");
    }
    assert_eq!(help_from(&mut app), last);
    press(&mut app, "k");
    assert_eq!(help_from(&mut app), last - 1, "one k, one line up");
    press(&mut app, "g");
    assert_eq!(help_from(&mut app), 1);
}

#[test]
fn a_key_described_at_length_wraps_in_help_and_none_is_cut_off() {
    let (mut app, _d) = onsite();
    typ(&mut app, "V");
    press(&mut app, "?");
    let text = screen(&mut app, 160, 40);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("read every reviewer's notes"))
        .expect("the team notes key is in help");
    // The rest of the description is on the next line, under the first
    // part (not under the key), and inside the box.
    let next = lines[at + 1];
    assert!(next.contains("the findings"), "{text}");
    let col = |l: &str, what: &str| l.find(what).map(|b| l[..b].chars().count());
    assert_eq!(
        col(lines[at], "read every"),
        col(next, "the findings").or(col(next, "findings")),
        "{text}"
    );
}

#[test]
fn the_peer_footer_at_80_columns_leads_with_the_rating_keys_and_the_note() {
    let (mut app, _d) = onsite();
    typ(&mut app, "V");
    let text = screen(&mut app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(footer.trim_start().starts_with("1-4 rate"), "{footer}");
    for hint in ["r rating", "e note", "C conflicts", "? help"] {
        assert!(footer.contains(hint), "{hint} in: {footer}");
    }
}
