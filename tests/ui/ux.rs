//! Issue 12, what a first-time user tripped over: each item driven as a
//! person would, keys in and screen text out.

use super::harness::*;

/// The screen's row that holds `needle`, or a failure showing the screen.
fn row_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row holds {needle:?}:\n{text}"))
}

// ----- the question list shows the questions' own text -----

#[test]
fn the_question_list_shows_the_questions_text_where_the_width_allows() {
    let (mut app, _d) = suffolk();
    let wide = screen(&mut app, 200, 30);
    let row = row_with(&wide, "KLOE 1 3 Good standard");
    assert!(
        row.contains("3 Good standard  How well do we ensure the delivery"),
        "at 200 columns the list shows the question's text:\n{wide}"
    );
    // At 80 columns there is no room: the row is as it was.
    let narrow = screen(&mut app, 80, 24);
    assert!(
        !row_with(&narrow, "KLOE 1 3").contains("How well"),
        "{narrow}"
    );
}

// ----- the rating picker -----

/// The rating picker's selected line, as drawn (the list's selected row
/// behind it is also drawn reversed, and is left out).
fn picked(app: &mut peerbook::tui::app::App) -> String {
    let sel = selected_rows(app, 80, 24);
    sel.iter()
        .find(|r| r.contains("  ") && !r.contains("KLOE"))
        .cloned()
        .unwrap_or_else(|| panic!("no picker line is selected: {sel:?}"))
}

#[test]
fn the_rating_picker_opens_on_no_rating_and_j_moves_from_it() {
    let (mut app, _d) = suffolk();
    // KLOE 10 has no rating.
    keys(&mut app, "j j j j j j j j j");
    assert!(
        screen(&mut app, 80, 24).contains("KLOE 10 · "),
        "{}",
        screen(&mut app, 80, 24)
    );
    press(&mut app, "r");
    assert_eq!(picked(&mut app), "–  no rating");
    press(&mut app, "j");
    assert_eq!(picked(&mut app), "1  Significant shortfalls");
    press(&mut app, "G");
    assert_eq!(picked(&mut app), "N/A  not applicable");
    press(&mut app, "g");
    assert_eq!(picked(&mut app), "–  no rating");
    keys(&mut app, "j j enter");
    assert_eq!(rating(&app, "10"), peerbook::workbook::Rating::Level(2));
}

#[test]
fn the_rating_picker_opens_on_the_current_rating() {
    let (mut app, _d) = suffolk();
    press(&mut app, "r");
    assert_eq!(picked(&mut app), "3  Good standard");
}

// ----- n says when it wraps round -----

#[test]
fn n_says_when_it_wraps_round_to_the_top() {
    let (mut app, _d) = suffolk();
    // KLOE 12 is the one question without an answer.
    press(&mut app, "n");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("KLOE 12 · "), "{text}");
    assert!(!text.contains("Wrapped"), "{text}");
    press(&mut app, "n");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Wrapped round to the top"), "{text}");
    press(&mut app, "N");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Wrapped round to the bottom"), "{text}");
}

// ----- focus is unmistakable -----

/// The last row of the screen: the footer.
fn footer(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

#[test]
fn the_focused_pane_is_marked_and_the_footer_names_it_with_its_keys() {
    let (mut app, _d) = suffolk();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("┌ ▶ Questions 12/13"), "{text}");
    assert!(!text.contains("▶ KLOE 1 · "), "{text}");
    let foot = footer(&text);
    assert!(foot.starts_with(" Questions: Tab answer"), "{foot}");
    assert!(!foot.contains(" a add"), "{foot}");
    press(&mut app, "tab");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("▶ KLOE 1 · "), "{text}");
    assert!(!text.contains("▶ Questions"), "{text}");
    let foot = footer(&text);
    assert!(foot.starts_with(" Answer:"), "{foot}");
    for k in [" a add", " d delete", " K/J move", " Tab list"] {
        assert!(
            foot.contains(k),
            "the answer pane's footer shows {k:?}: {foot}"
        );
    }
}

#[test]
fn a_in_the_question_list_says_where_focus_went() {
    let (mut app, _d) = suffolk();
    press(&mut app, "a");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("Adding a strength to KLOE 1"),
        "a in the list says what it does:\n{text}"
    );
}

// ----- the Evidence screen: E1 as in the pack, and the current question -----

#[test]
fn the_evidence_screen_says_e1_and_names_the_current_question() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let text = screen(&mut app, 140, 30);
    assert!(
        text.contains("E1 [Document] Integrated Reablement"),
        "{text}"
    );
    assert!(
        !text.contains("ev-1"),
        "the pack's label, not the id:\n{text}"
    );
    // KLOE 1 cites E1.
    assert!(
        text.contains("Current question: KLOE 1, which cites this item (u unlinks it)"),
        "{text}"
    );
    press(&mut app, "j");
    let text = screen(&mut app, 140, 30);
    assert!(
        text.contains("Current question: KLOE 1 (l links this item to it)"),
        "{text}"
    );
    // The answer pane says E1 too, as the pack's evidence list does.
    keys(&mut app, "Q tab G");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Evidence: E1 [Document]"), "{text}");
}

// ----- help -----

#[test]
fn the_start_screens_help_lists_only_its_own_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "?");
    let text = screen(&mut app, 80, 30);
    for own in [
        "open or edit the selected item",
        "make a copy",
        "move down",
        "quit",
    ] {
        assert!(text.contains(own), "the start help lists {own:?}:\n{text}");
    }
    for other in [
        "evidence library",
        "dashboard",
        "undo",
        "search everything",
        "Marks:",
    ] {
        assert!(
            !text.contains(other),
            "not {other:?} on the start screen:\n{text}"
        );
    }
    // All of it fits: no scrolling needed.
    assert!(text.contains("Help (Esc to close)"), "{text}");
}

#[test]
fn no_help_line_is_cut_off() {
    let (mut app, _d) = suffolk();
    press(&mut app, "?");
    let text = screen(&mut app, 80, 60);
    // Every key the editor note names is shown, the last one too.
    for k in [
        "Esc done",
        "Ctrl-Enter done",
        "Ctrl-s save",
        "Ctrl-z undo",
        "Ctrl-y redo",
    ] {
        assert!(text.contains(k), "help shows {k:?}:\n{text}");
    }
}

// ----- too small -----

#[test]
fn keys_typed_while_the_terminal_is_too_small_do_not_reach_an_open_editor() {
    let (mut app, _d) = suffolk();
    press(&mut app, "o"); // the owner editor
    assert!(showing(&app, "editor"));
    let before = popup(&app).unwrap().input;
    let small = screen(&mut app, 40, 10);
    assert!(small.contains("Terminal too small"), "{small}");
    typ(&mut app, "xyz");
    press(&mut app, "esc");
    assert!(showing(&app, "editor"), "Esc waits too");
    let _ = screen(&mut app, 80, 24);
    assert_eq!(popup(&app).unwrap().input, before, "nothing typed unseen");
    typ(&mut app, "!");
    assert!(popup(&app).unwrap().input.unwrap().ends_with('!'));
}

// ----- placeholders are never content -----

#[test]
fn a_new_evidence_item_starts_empty_and_its_placeholder_is_only_drawn() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    press(&mut app, "a");
    assert!(showing(&app, "editor"));
    assert_eq!(
        popup(&app).unwrap().input.as_deref(),
        Some(""),
        "starts empty"
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("New evidence"),
        "the placeholder is drawn:\n{text}"
    );
    typ(&mut app, "Carers survey");
    press(&mut app, "enter");
    assert_eq!(wb(&app).evidence.last().unwrap().title, "Carers survey");
}

#[test]
fn new_case_studies_and_team_members_start_empty() {
    let (mut app, _d) = suffolk();
    press(&mut app, "P");
    press(&mut app, "a");
    assert_eq!(popup(&app).unwrap().input.as_deref(), Some(""));
    typ(&mut app, "Mrs A goes home");
    press(&mut app, "enter");
    assert_eq!(wb(&app).proud_of.last().unwrap().title, "Mrs A goes home");
    let member = peerbook::workbook::fields::new_member();
    assert!(member.name.is_empty());
    assert_eq!(
        peerbook::workbook::fields::Target::Member(
            0,
            peerbook::workbook::fields::MemberField::Name
        )
        .placeholder(),
        Some("New team member")
    );
}

// ----- one Esc rule -----

#[test]
fn esc_keeps_a_valid_date_and_asks_before_discarding_an_invalid_one() {
    let (mut app, _d) = suffolk();
    let start = wb(&app).review.onsite_start;
    // A valid date typed and left with Esc is kept.
    keys(&mut app, "R j j enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2016-10-17");
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(
        wb(&app).review.onsite_start.unwrap().to_string(),
        "2016-10-17"
    );
    // An invalid one: the first Esc asks, the second discards.
    press(&mut app, "enter");
    backspaces(&mut app, 10);
    typ(&mut app, "2016-13-01");
    press(&mut app, "esc");
    assert!(showing(&app, "editor"), "the first Esc asks");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Esc again discards"), "{text}");
    // Typing in between takes the question back.
    typ(&mut app, "x");
    backspaces(&mut app, 1);
    press(&mut app, "esc");
    assert!(showing(&app, "editor"), "asked again");
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(
        wb(&app).review.onsite_start.unwrap().to_string(),
        "2016-10-17"
    );
    assert_ne!(wb(&app).review.onsite_start, start);
}

#[test]
fn esc_in_the_new_workbook_form_asks_before_discarding_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    keys(&mut app, "enter enter");
    assert!(showing(&app, "new workbook"));
    typ(&mut app, "Ynys Môn");
    press(&mut app, "esc");
    assert!(showing(&app, "new workbook"), "the first Esc asks");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("Esc again discards the council and title"),
        "{text}"
    );
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    // With nothing typed, one Esc closes.
    keys(&mut app, "enter enter esc");
    assert!(popup(&app).is_none());
}
