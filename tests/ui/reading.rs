//! Issue 17 in the interface: the reading view (`w` on the Questions
//! screen), a domain's narratives one after another, scrolled, moved
//! between domains and edited at the cursor with the Questions screen's
//! editor.

use super::harness::*;

/// Where each text is on the screen (its row), None for one not shown.
fn rows_of(text: &str, finds: &[&str]) -> Vec<Option<usize>> {
    finds
        .iter()
        .map(|f| text.lines().position(|l| l.contains(f)))
        .collect()
}

/// The reversed rows of the view: the cursor's (the tab row, lit too, is
/// left out).
fn cursor_rows(app: &mut peerbook::tui::app::App) -> Vec<String> {
    let mut rows = selected_rows(app, 80, 24);
    assert_eq!(
        rows.first().map(String::as_str),
        Some("Questions"),
        "the tab is lit"
    );
    rows.remove(0);
    rows
}

#[test]
fn w_opens_the_domains_narratives_one_after_another_and_the_footer_says_so() {
    let (mut app, _d) = suffolk();
    let footer = screen(&mut app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("w read"), "{footer}");
    press(&mut app, "w");
    assert_eq!(on_screen(&app), "Reading");
    assert_eq!(reading_at(&app).as_deref(), Some("1"));
    let text = screen(&mut app, 120, 90);
    assert!(
        text.contains("Reading 1/3: Person centred and outcome focused"),
        "{text}"
    );
    // Each question as a heading, its status line, its narrative, in the
    // framework's order; nothing of the next domain.
    let at = rows_of(
        &text,
        &[
            "KLOE 1  How well do we ensure",
            "Rating: 3 Good standard · ✔ Agreed",
            "Where we are: in Home First",
            "KLOE 2  To what extent",
            "Where we are: staff in Home First",
            "KLOE 3  ",
            "KLOE 4  ",
            "KLOE 5  ",
        ],
    );
    assert!(at.iter().all(Option::is_some), "{at:?}\n{text}");
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}\n{text}");
    assert!(!text.contains("KLOE 6"), "{text}");
    let footer = text.lines().last().unwrap();
    assert!(footer.contains("e narrative"), "{footer}");
    assert!(footer.contains("Esc back"), "{footer}");
    // Help lists the view's own keys.
    assert!(
        help_rows(&app)
            .iter()
            .any(|(k, d)| k.contains("Tab") && d == "the next domain")
    );
}

#[test]
fn it_scrolls_a_row_a_page_and_to_either_end() {
    let (mut app, _d) = suffolk();
    press(&mut app, "w");
    let top = screen(&mut app, 80, 24);
    assert!(top.contains("KLOE 1  How well"), "{top}");
    assert!(!top.contains("KLOE 5  "), "{top}");
    // j moves the cursor (the reversed row) a row at a time.
    assert_eq!(
        cursor_rows(&mut app),
        ["KLOE 1  How well do we ensure the delivery of outcomes that matter most to"]
    );
    press(&mut app, "j");
    assert_eq!(cursor_rows(&mut app), ["an individual?"]);
    press(&mut app, "k");
    assert_eq!(reading_at(&app).as_deref(), Some("1"));
    // A page on: KLOE 1's heading has gone by.
    press(&mut app, "pgdn");
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("KLOE 1  How well"), "{text}");
    press(&mut app, "pgup");
    assert!(screen(&mut app, 80, 24).contains("KLOE 1  How well"));
    // G to the end of the domain: KLOE 5, whose narrative ends the view.
    press(&mut app, "G");
    assert_eq!(reading_at(&app).as_deref(), Some("5"));
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("KLOE 1  How well"), "{text}");
    let last = wb(&app)
        .answer("5")
        .unwrap()
        .narrative
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    assert!(text.contains(&last), "{last}\n{text}");
    press(&mut app, "g");
    assert_eq!(reading_at(&app).as_deref(), Some("1"));
    assert!(screen(&mut app, 80, 24).contains("KLOE 1  How well"));
}

#[test]
fn tab_and_shift_tab_move_between_domains() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "w tab");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Reading 2/3: Well led"), "{text}");
    assert!(text.contains("KLOE 6  "), "{text}");
    assert_eq!(reading_at(&app).as_deref(), Some("6"));
    keys(&mut app, "] ]");
    assert!(screen(&mut app, 80, 24).contains("Reading 3/3"));
    assert_eq!(message(&app), "This is the last domain");
    keys(&mut app, "backtab [");
    assert_eq!(reading_at(&app).as_deref(), Some("1"));
    press(&mut app, "[");
    assert_eq!(message(&app), "This is the first domain");
}

#[test]
fn e_edits_the_narrative_at_the_cursor_and_the_file_has_it() {
    let (mut app, _d) = real_file(SUFFOLK);
    // From KLOE 1, to the end of the domain: the cursor is in KLOE 5.
    keys(&mut app, "w G e");
    let ed = expect_popup(&app, "editor");
    let before = wb(&app).answer("5").unwrap().narrative.clone();
    assert_eq!(ed.input.as_deref(), Some(before.as_str()));
    // The editor is the Questions screen's: beside KLOE 5 and its prompts.
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("KLOE 5: the question and its prompts"),
        "{text}"
    );
    typ(&mut app, " Read again in the reading view.");
    press(&mut app, "esc");
    assert_eq!(on_screen(&app), "Reading");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("reading view."), "{text}");
    let (disk, _) = saved(&mut app);
    assert_eq!(
        disk.answer("5").unwrap().narrative,
        format!("{before} Read again in the reading view.")
    );
    assert_eq!(
        disk.answer("5")
            .unwrap()
            .changed
            .as_ref()
            .map(|c| c.by.as_str()),
        Some("Tester")
    );
    // Esc goes back to the Questions screen, on the question read last.
    press(&mut app, "esc");
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(question(&app).as_deref(), Some("5"));
    // And the edit is one step to undo there.
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).answer("5").unwrap().narrative, before);
}

#[test]
fn in_reviewer_mode_e_writes_your_notes_and_the_council_s_narrative_stays() {
    let (mut app, _d) = suffolk();
    review_as(&mut app, "Alice Peer", "Lead peer");
    let before = wb(&app).answer("1").unwrap().narrative.clone();
    keys(&mut app, "w e");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Your notes on this question"), "{text}");
    typ(&mut app, "Ask about the audit.");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("1").unwrap().narrative, before);
    let notes = &wb(&app)
        .reviewer("Alice Peer")
        .unwrap()
        .answer("1")
        .unwrap()
        .notes;
    assert_eq!(notes, "Ask about the audit.");
    let footer = screen(&mut app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("e your notes"), "{footer}");
}

#[test]
fn the_comments_of_the_question_at_the_cursor_open_from_the_reading_view() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "w tab c");
    let t = expect_popup(&app, "comments");
    assert_eq!(t.message.as_deref(), Some("Comments on KLOE 6 · none yet"));
    keys(&mut app, "esc");
    assert_eq!(on_screen(&app), "Reading");
}

#[test]
fn a_read_only_workbook_reads_but_refuses_an_edit() {
    let (mut app, _d) = read_only_suffolk();
    keys(&mut app, "w e");
    assert!(popup(&app).is_none());
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
    assert_eq!(on_screen(&app), "Reading");
}

#[test]
fn snapshot_reading_view() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "j w j j");
    let t = terminal(&mut app, 80, 24);
    insta::assert_snapshot!("reading_view", t.backend());
}
