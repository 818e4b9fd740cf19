//! Issue 12: with a long answer the prompts and suggested evidence are
//! still reached by keyboard, and the editor sits beside the question and
//! its prompts instead of over them.

use super::harness::*;

/// The first prompt of the question shown, and its first suggested
/// evidence, as the framework has them (their first words).
fn first_words(app: &peerbook::tui::app::App) -> (String, String) {
    let qid = app.current_question().unwrap();
    let (_, q) = wb(app).framework.question(&qid).unwrap();
    let words = |t: &str| t.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    (words(&q.prompts[0]), words(&q.evidence[0]))
}

/// Suffolk with a long narrative on KLOE 1: the prompts fall off the pane.
fn long_answer() -> (peerbook::tui::app::App, tempfile::TempDir) {
    let mut w = seed(SUFFOLK);
    let para = "We have worked on this with partners across the county for a long time. ";
    w.answer_mut("1").narrative = para.repeat(40);
    app_with(detached, w)
}

#[test]
fn p_shows_the_prompts_below_a_long_answer_and_brackets_scroll() {
    let (mut app, _d) = long_answer();
    let (prompt, _) = first_words(&app);
    press(&mut app, "tab");
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains(&prompt), "off the pane at first:\n{text}");
    press(&mut app, "p");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("To consider"), "{text}");
    assert!(text.contains(&prompt), "{text}");
    // [ scrolls back up, ] down again, without moving the selection.
    let q = app.current_question();
    for _ in 0..20 {
        press(&mut app, "[");
    }
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("To consider"), "{text}");
    assert!(text.contains("Rating: "), "back at the top:\n{text}");
    assert_eq!(app.current_question(), q);
    for _ in 0..40 {
        press(&mut app, "]");
    }
    assert!(screen(&mut app, 80, 24).contains(&prompt));
    // Another question starts at the top again.
    keys(&mut app, "tab j");
    assert_eq!(app.current_question().as_deref(), Some("2"));
    assert!(screen(&mut app, 80, 24).contains("Rating: "));
}

#[test]
fn the_answer_footer_and_help_name_the_scroll_keys() {
    let (mut app, _d) = long_answer();
    press(&mut app, "tab");
    let footer = screen(&mut app, 120, 30)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(
        footer.contains("p prompts") && footer.contains("[/] scroll"),
        "{footer}"
    );
    press(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&screen(&mut app, 100, 30));
        press(&mut app, "j");
    }
    assert!(seen.contains("show the question's prompts"), "{seen}");
    assert!(seen.contains("scroll the answer"), "{seen}");
}

#[test]
fn at_100_columns_the_editor_takes_the_answer_pane_beside_the_question() {
    let (mut app, _d) = long_answer();
    let (prompt, evidence) = first_words(&app);
    press(&mut app, "e");
    assert!(showing(&app, "editor"));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("the question and its prompts"), "{text}");
    // The left pane holds the question's prompts, not the list.
    let left: String = text
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(left.contains("Prompts"), "{text}");
    assert!(text.contains(&prompt) && text.contains(&evidence), "{text}");
    assert!(!text.contains(" KLOE 2 "), "the list is behind:\n{text}");
    // The editor is the right pane: the narrative's start is in it.
    assert!(text.contains("We have worked on this"), "{text}");
    // Typing still types.
    typ(&mut app, "x");
    assert!(popup(&app).unwrap().input.unwrap().ends_with('x'));
}

#[test]
fn narrower_the_prompts_are_above_the_editor_and_alt_arrows_scroll_them() {
    let (mut app, _d) = long_answer();
    let (prompt, _) = first_words(&app);
    press(&mut app, "e");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("the question and its prompts"), "{text}");
    assert!(
        text.contains("We have worked on this"),
        "the editor:\n{text}"
    );
    let (_, q) = wb(&app).framework.question("1").unwrap();
    let start: String = q
        .text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&start), "the question first:\n{text}");
    let mut found = false;
    for _ in 0..10 {
        press(&mut app, "alt-down");
        if screen(&mut app, 80, 24).contains(&prompt) {
            found = true;
            break;
        }
    }
    assert!(
        found,
        "scrolled to the prompts:\n{}",
        screen(&mut app, 80, 24)
    );
    // It stops at the end, and Alt-Up comes back by the same steps.
    for _ in 0..30 {
        press(&mut app, "alt-down");
    }
    press(&mut app, "alt-up");
    press(&mut app, "alt-up");
    press(&mut app, "alt-up");
    press(&mut app, "alt-up");
    press(&mut app, "alt-up");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(&start), "back at the top:\n{text}");
    let before = popup(&app).unwrap().input;
    press(&mut app, "alt-down");
    assert_eq!(popup(&app).unwrap().input, before, "nothing typed");
}
