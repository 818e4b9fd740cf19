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
    assert!(!row_with(&narrow, "KLOE 1 3").contains("How well"), "{narrow}");
}
