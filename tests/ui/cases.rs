//! Issue 14: a case study's new fields are edited on the Proud of screen,
//! a list an item a line, and what it illustrates must be the framework's.

use super::harness::*;

/// Opens the Proud of screen's form on the first case study, at `field`.
fn at_field(app: &mut peerbook::tui::app::App, field: usize) {
    press(app, "P");
    press(app, "tab");
    assert!(form_focused(app));
    for _ in 0..field {
        press(app, "down");
    }
    assert_eq!(selected_field(app, "Proud of"), field);
}

#[test]
fn partners_are_edited_an_item_a_line_on_the_proud_of_screen() {
    let (mut app, _d) = halton();
    // Title, summary, problem, then partners.
    at_field(&mut app, 3);
    press(&mut app, "enter");
    // The list is shown to edit as one text, an item a line.
    let e = expect_popup(&app, "editor");
    let four = wb(&app).proud_of[0].partners.join("\n");
    assert_eq!(e.input.as_deref(), Some(four.as_str()));
    clear_input(&mut app);
    typ(&mut app, "Age UK Halton\nCarers Centre");
    // Written as typed, each line an item.
    assert_eq!(
        wb(&app).proud_of[0].partners,
        ["Age UK Halton", "Carers Centre"]
    );
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Partners (one a line)"), "{text}");
    assert!(text.contains("Age UK Halton"), "{text}");
}

#[test]
fn the_editor_refuses_a_theme_the_framework_lacks() {
    let (mut app, _d) = halton();
    let last = peerbook::workbook::fields::CASE_FIELDS.len() - 1;
    at_field(&mut app, last);
    press(&mut app, "enter");
    typ(&mut app, "\nkloe-99");
    let e = expect_popup(&app, "editor");
    let err = e.error.expect("an error in the editor");
    assert!(
        err.contains("'kloe-99' is not a question or domain id"),
        "{err}"
    );
    // Nothing was written: the seed's themes are still there.
    assert_eq!(wb(&app).proud_of[0].illustrates, ["4", "caring"]);
    clear_input(&mut app);
    typ(&mut app, "well-led\n5");
    assert!(expect_popup(&app, "editor").error.is_none());
    assert_eq!(wb(&app).proud_of[0].illustrates, ["well-led", "5"]);
}
