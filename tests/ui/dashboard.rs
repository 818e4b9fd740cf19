//! Issue 16: the dashboard's "Still to do" box is made once per revision
//! of the workbook, not once per frame; what it says must still follow
//! every change and every workbook opened.

use super::harness::*;
use peerbook::workbook::Answer;

fn not_started_line(text: &str) -> String {
    text.lines()
        .find(|l| l.contains("Not started (") || l.contains("Every question has been started"))
        .unwrap_or_else(|| panic!("no not-started line:\n{text}"))
        .to_string()
}

#[test]
fn the_still_to_do_box_follows_a_rating_given_after_it_was_drawn() {
    // Suffolk's only question not started is KLOE 12.
    let (mut app, _d) = suffolk();
    press(&mut app, "D");
    let before = screen(&mut app, 100, 30);
    assert!(
        not_started_line(&before).contains("Not started (1): KLOE 12"),
        "{before}"
    );
    assert_eq!(screen(&mut app, 100, 30), before, "drawn again unchanged");
    press(&mut app, "Q");
    press(&mut app, "g");
    for _ in 0..11 {
        press(&mut app, "j");
    }
    assert_eq!(question(&app).as_deref(), Some("12"));
    press(&mut app, "3");
    press(&mut app, "D");
    let after = screen(&mut app, 100, 30);
    assert!(
        not_started_line(&after).contains("Every question has been started"),
        "{after}"
    );
    // Undone, it is not started again.
    press(&mut app, "ctrl-z");
    press(&mut app, "D");
    let undone = screen(&mut app, 100, 30);
    assert!(
        not_started_line(&undone).contains("Not started (1): KLOE 12"),
        "{undone}"
    );
}

#[test]
fn another_workbook_opened_gets_its_own_still_to_do() {
    let mut wb = seed(SUFFOLK);
    *wb.answer_mut("3") = Answer {
        question: "3".into(),
        ..Answer::default()
    };
    let (mut app, _d) = app_with(detached, wb);
    press(&mut app, "D");
    let first = not_started_line(&screen(&mut app, 100, 30));
    assert!(
        first.contains("Not started (2): KLOE 3, KLOE 12"),
        "{first}"
    );
    // The next workbook's revisions count from where the first's did.
    app.open_doc(detached(seed(SUFFOLK)));
    press(&mut app, "D");
    let text = screen(&mut app, 100, 30);
    assert!(
        not_started_line(&text).contains("Not started (1): KLOE 12"),
        "{text}"
    );
}
