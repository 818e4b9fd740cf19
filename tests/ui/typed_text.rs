//! Text as typed: line breaks, display width, one long line.

use super::*;

/// Pastes text as the terminal's bracketed paste delivers it.
fn paste(app: &mut App, text: &str) {
    app.handle_paste(text);
}

fn char_key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn a_pasted_crlf_block_keeps_its_lines_and_stores_no_cr() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12, empty narrative
    press(&mut app, "e");
    // Windows line ends, then the bare CR most terminals send.
    paste(
        &mut app,
        "First line\r\nSecond line\rThird line\r\n\r\nAfter a gap",
    );
    let want = "First line\nSecond line\nThird line\n\nAfter a gap";
    assert_eq!(wb(&app).answer("12").unwrap().narrative, want);
    let ed = expect_popup(&app, "editor");
    let text = ed.input.unwrap_or_default();
    assert_eq!(text.lines().count(), 5, "{text:?}");
    press(&mut app, "esc");
    // Saved as five lines in the file too, with no CR anywhere.
    let yaml = peerbook::workbook::to_text(wb(&app));
    assert!(!yaml.contains('\r'), "a CR reached the YAML");
    let (back, _) = peerbook::workbook::from_text("x.yaml", yaml.as_bytes()).unwrap();
    assert_eq!(back.answer("12").unwrap().narrative, want);
}

#[test]
fn a_line_break_arriving_as_a_character_is_never_stored_as_a_cr() {
    let (mut app, _d) = suffolk();
    press(&mut app, "n"); // KLOE 12
    press(&mut app, "e");
    typ(&mut app, "one");
    app.handle_key(char_key('\r'));
    typ(&mut app, "two");
    app.handle_key(char_key('\n'));
    typ(&mut app, "three");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "one\ntwo\nthree");
    // In a one-line field (the owner) it is a space.
    go_to_slot(&mut app, &Slot::Owner);
    press(&mut app, "enter");
    typ(&mut app, "Jo");
    app.handle_key(char_key('\r'));
    typ(&mut app, "Bloggs");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).answer("12").unwrap().owner.as_deref(),
        Some("Jo Bloggs")
    );
}

#[test]
fn a_line_break_pasted_into_a_one_line_field_becomes_a_space() {
    let (mut app, _d) = suffolk();
    go_to_slot(&mut app, &Slot::Owner);
    press(&mut app, "enter");
    backspaces(&mut app, 80);
    paste(&mut app, "Head of\rReablement\r\n");
    press(&mut app, "enter");
    assert_eq!(
        wb(&app).answer("1").unwrap().owner.as_deref(),
        Some("Head of Reablement")
    );
    // The search box.
    press(&mut app, "/");
    paste(&mut app, "home\rfirst");
    let s = expect_popup(&app, "search");
    assert_eq!(s.input.as_deref(), Some("home first"));
    press(&mut app, "esc");
    // The evidence filter.
    press(&mut app, "E");
    press(&mut app, "/");
    paste(&mut app, "HOME\r\nfirst");
    press(&mut app, "enter");
    assert_eq!(text_filter(&app), "HOME first");
}

#[test]
fn pasting_into_the_new_workbook_form_and_review_as_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "enter");
    press(&mut app, "enter");
    assert!(showing(&app, "new workbook"));
    paste(&mut app, "Ynys\rMôn");
    press(&mut app, "tab");
    paste(&mut app, "Reablement\r\nreview");
    press(&mut app, "enter");
    assert!(popup(&app).is_none(), "the workbook was not created");
    assert_eq!(wb(&app).review.council, "Ynys Môn");
    assert_eq!(wb(&app).review.title, "Reablement review");

    let (mut app, _d) = onsite();
    typ(&mut app, "W");
    paste(&mut app, "Zed\rPeer");
    keys(&mut app, "enter");
    assert_eq!(reviewing_as(&app).as_deref(), Some("Zed Peer"));
}

/// The selected rows of the answer pane (the right of the Questions
/// screen), trimmed.
fn selected_in_body(app: &mut App, w: u16, h: u16) -> Vec<String> {
    use ratatui::style::Modifier;
    let t = terminal(app, w, h);
    let buf = t.backend().buffer();
    let body = peerbook::tui::layout::main(buf.area).body;
    let pane = peerbook::tui::layout::questions(body).1;
    let mut rows = Vec::new();
    for y in pane.y..pane.y + pane.height {
        let s: String = (pane.x..pane.x + pane.width)
            .filter(|x| buf[(*x, y)].modifier.contains(Modifier::REVERSED))
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if !s.trim().is_empty() {
            rows.push(s.trim().to_string());
        }
    }
    rows
}

/// The rows of the selected slot, as drawn, joined back into its text: the
/// "+ 1. " mark and the indent of the rows below it taken off.
fn selected_item(app: &mut App, w: u16, h: u16) -> String {
    let rows = selected_in_body(app, w, h);
    let first = rows[0].strip_prefix("+ 1.").expect("a strength row").trim();
    let mut text = first.to_string();
    for r in &rows[1..] {
        text.push_str(r);
    }
    text
}

fn set_first_strength(app: &mut App, q: &str, text: &str) {
    let doc = app.doc.as_mut().unwrap();
    doc.wb.answer_mut(q).strengths[0] = text.into();
    doc.changed();
}

#[test]
fn the_last_character_of_a_wrapped_strength_is_shown() {
    let (mut app, _d) = suffolk();
    // A link: one word, cut at the right edge of the pane.
    let link = "https://www.example.org/reablement/2026/outcomes-at-ninety-days/\
                people-still-at-home-after-discharge-from-hospital.pdf";
    set_first_strength(&mut app, "1", link);
    go_to_slot(&mut app, &Slot::Strength(0));
    let rows = selected_in_body(&mut app, 80, 24);
    assert!(
        rows.len() > 1,
        "the link wraps: {rows:?}\n{}",
        screen(&mut app, 80, 24)
    );
    assert_eq!(selected_item(&mut app, 80, 24), link, "{rows:?}");
    // Words too: every character of every row reaches the screen.
    let words = "Carers told us the team listens to them and acts on what they \
                 say, and that the plan is reviewed with them every week";
    set_first_strength(&mut app, "1", words);
    let rows = selected_in_body(&mut app, 80, 24);
    assert_eq!(
        rows.join(" ").strip_prefix("+ 1. ").unwrap(),
        words,
        "{rows:?}"
    );
}

#[test]
fn a_wide_character_strength_wraps_whole() {
    let (mut app, _d) = suffolk();
    let cjk = "介護を受ける人と家族の声をよく聞き、計画を一緒に見直しています。\
               退院後も自宅で暮らし続けられるよう支援しています。";
    set_first_strength(&mut app, "1", cjk);
    go_to_slot(&mut app, &Slot::Strength(0));
    let rows = selected_in_body(&mut app, 80, 24);
    assert!(rows.len() > 2, "{rows:?}");
    assert_eq!(selected_item(&mut app, 80, 24), cjk, "{rows:?}");
    // Emoji are two columns too.
    let emoji = "Feedback 😀😀😀 from carers 👍👍👍 and staff 🎉🎉🎉 was glowing \
                 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀";
    set_first_strength(&mut app, "1", emoji);
    let rows = selected_in_body(&mut app, 80, 24);
    let shown: String = rows.concat().chars().filter(|c| *c != ' ').collect();
    let want: String = format!("+1.{emoji}")
        .chars()
        .filter(|c| *c != ' ')
        .collect();
    assert_eq!(shown, want, "{rows:?}");
}

#[test]
fn a_wide_title_leaves_the_save_state_on_the_status_bar() {
    let (mut app, _d) = suffolk();
    app.doc.as_mut().unwrap().wb.review.title = "介護".repeat(40);
    let line = status_line(&mut app, 80, 24);
    assert!(line.trim_end().ends_with("saved"), "{line}");
    assert!(line.contains('…'), "{line}");
}

#[test]
fn wide_text_in_a_list_is_cut_at_the_edge_of_its_box() {
    let (mut app, _d) = suffolk();
    press(&mut app, "E");
    let doc = app.doc.as_mut().unwrap();
    doc.wb.evidence_mut()[0].title = "日本語の評価報告書".repeat(6);
    doc.changed();
    select_row(&mut app, "Evidence", 0);
    let text = screen(&mut app, 80, 24);
    // The row of the first item ends in an ellipsis inside its box, which
    // is as wide as on every other row (a wide character is two columns).
    let row = text.lines().find(|l| l.contains("日本語")).unwrap();
    let other = text.lines().find(|l| l.contains("E2 [")).unwrap();
    assert!(row.contains('…'), "{row}");
    let left_box = |l: &str| peerbook::text::width(l.split("││").next().unwrap());
    assert_eq!(left_box(row), left_box(other), "{row}\n{other}");
}

/// A narrative of about 1 MB on one line: numbered words, so the screen can
/// be checked for the words in order, none lost.
fn long_narrative() -> String {
    (1..=110_000)
        .map(|i| format!("w{i:06}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_one_megabyte_line_is_drawn_from_its_start_with_no_word_lost() {
    let (mut app, _d) = suffolk();
    let long = long_narrative();
    assert!(long.len() >= 800_000 && !long.contains('\n'));
    app.doc.as_mut().unwrap().wb.answer_mut("1").narrative = long.clone();
    go_to_slot(&mut app, &Slot::Narrative);
    let rows = selected_in_body(&mut app, 80, 24);
    // The heading counts every word (issue 17), not only those drawn.
    assert_eq!(rows[0], "Narrative (where we are): 110000 words");
    // The rows below the heading fill the pane, in order from the first word.
    let words: Vec<&str> = rows[1..].iter().flat_map(|r| r.split(' ')).collect();
    assert!(rows.len() >= 18, "{rows:?}");
    for (i, w) in words.iter().enumerate() {
        assert_eq!(*w, format!("w{:06}", i + 1), "{rows:?}");
    }
    // Moving on and back draws the same.
    keys(&mut app, "j k");
    assert_eq!(selected_in_body(&mut app, 80, 24), rows);
}
