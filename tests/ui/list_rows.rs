//! A question's row in the list at 100 columns: its marks (sign-off, open
//! comments) set apart from its rating, and as much of the question's own
//! text as fits after them, cut with an ellipsis.

use super::harness::*;
use peerbook::workbook::{Workbook, comments};

/// Suffolk with two open comments on KLOE 3 and one on KLOE 10, and
/// KLOE 3 (ready for review) signed off.
fn with_comments() -> Workbook {
    let mut wb = seed(SUFFOLK);
    let at = |s: &str| s.parse().unwrap();
    wb.answer_mut("3").signed_off = Some(peerbook::workbook::SignOff::new(
        "Sam Patel",
        at("2026-02-11T10:00:00Z"),
    ));
    for (q, n) in [("3", 2), ("10", 1)] {
        for k in 0..n {
            comments::add(
                wb.answer_mut(q),
                "Jo Smith",
                at("2026-02-10T09:00:00Z"),
                &format!("Comment {k}"),
            );
        }
    }
    wb
}

/// The list's rows (inside its frame) as drawn at `w` columns.
fn list_rows(app: &mut peerbook::tui::app::App, w: u16) -> Vec<String> {
    let text = screen(app, w, 30);
    // As `layout::questions` divides the body.
    let most = if w >= 120 { 72 } else { 44 };
    let left = (w * 2 / 5).min(most) as usize - 2;
    text.lines()
        .skip(2)
        .filter_map(|l| {
            let l = l.strip_prefix('│')?;
            Some(l.chars().take_while(|c| *c != '│').collect::<String>())
        })
        .inspect(|r| assert_eq!(peerbook::text::width(r), left, "{r:?}"))
        .collect()
}

fn row<'a>(rows: &'a [String], reference: &str) -> &'a str {
    rows.iter()
        .find(|r| r.starts_with(&format!(" {reference} ")) || r.contains(&format!(" {reference} ")))
        .unwrap_or_else(|| panic!("no row for {reference}: {rows:#?}"))
}

#[test]
fn a_row_with_marks_keeps_as_much_of_the_questions_text_as_fits() {
    let (mut app, _d) = app_with(detached, with_comments());
    let rows = list_rows(&mut app, 100);
    // KLOE 10 (unrated) with an open comment.
    let kloe10 = row(&rows, "KLOE 10");
    assert!(
        kloe10.contains("KLOE 10 ✉1 · –  To what e"),
        "the mark takes room from the text, not all of it: {kloe10:?}"
    );
    assert!(kloe10.trim_end().ends_with('…'), "{kloe10:?}");
    // Counts and signs set apart from the rating's digit.
    let kloe3 = row(&rows, "KLOE 3");
    assert!(
        kloe3.contains("KLOE 3 ✓ ✉2 · 2 Some shortfalls"),
        "{kloe3:?}"
    );
    // A row without marks shows what fits of its text too.
    let kloe1 = row(&rows, "KLOE 1");
    assert!(
        kloe1.contains("KLOE 1 3 Good standard  How well"),
        "{kloe1:?}"
    );
    // At 80 columns the list is too narrow: the rows are as they were.
    let narrow = list_rows(&mut app, 80);
    assert!(!row(&narrow, "KLOE 10").contains("To what"), "{narrow:#?}");
}

#[test]
fn a_questions_text_of_wide_characters_is_cut_at_a_character() {
    let mut wb = with_comments();
    // KLOE 12, unanswered: its text in characters two columns wide.
    let fw = std::sync::Arc::make_mut(&mut wb.framework);
    let q = fw
        .domains
        .iter_mut()
        .flat_map(|d| d.questions.iter_mut())
        .find(|q| q.id == "12")
        .unwrap();
    q.text = "社会福祉の質をどのように確かめていますか".repeat(3);
    let (mut app, _d) = app_with(detached, wb);
    for w in [100, 101, 130] {
        let rows = list_rows(&mut app, w);
        let r = row(&rows, "KLOE 12");
        let shown = r.split("–  ").nth(1).unwrap_or_else(|| panic!("{r:?}"));
        let shown = shown.trim_end();
        assert!(shown.starts_with("社会福祉"), "{w}: {r:?}");
        assert!(shown.ends_with('…'), "{w}: {r:?}");
    }
}

#[test]
fn snapshot_question_list_at_100_columns_with_marks() {
    let (mut app, _d) = app_with(detached, with_comments());
    keys(&mut app, "j j");
    let t = terminal(&mut app, 100, 24);
    insta::assert_snapshot!("question_list_100_marks", t.backend());
}
