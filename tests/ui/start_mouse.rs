//! The start screen (a new workbook, a broken one), clicks, Tab on every
//! list-and-form screen, the footer while typing, random keys, form values
//! with line breaks and the export screen.

use super::*;

#[test]
fn creating_a_workbook_from_the_start_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "n");
    expect_popup(&app, "frameworks");
    let want = app
        .registry
        .frameworks
        .iter()
        .position(|f| f.id == "suffolk-reablement-2016")
        .unwrap();
    for _ in 0..want {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    assert!(showing(&app, "new workbook"));
    // Both fields are needed.
    press(&mut app, "enter");
    press(&mut app, "enter");
    let n = expect_popup(&app, "new workbook");
    assert_eq!(
        n.error.as_deref(),
        Some("Give both the council and the review title")
    );
    assert_eq!(
        n.field,
        Some("council"),
        "the cursor goes back to the empty council"
    );
    typ(&mut app, "Ynys Môn");
    press(&mut app, "enter");
    typ(&mut app, "Reablement review");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(wb(&app).review.council, "Ynys Môn");
    assert_eq!(wb(&app).review.title, "Reablement review");
    assert_eq!(wb(&app).framework.id, "suffolk-reablement-2016");
    let path = workbook_path(&app);
    assert!(path.starts_with(dir.path().join("workbooks")), "{path:?}");
    assert!(path.exists());
    assert!(message(&app).starts_with("Created "), "{}", message(&app));
    drop(app);
    // Back on the start screen, the new workbook is listed.
    let app = bare_app_in(&dir);
    assert_eq!(start_books(&app).len(), 1);
    assert_eq!(start_books(&app)[0].council, "Ynys Môn");
}

#[test]
fn snapshot_start_with_a_broken_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("workbooks");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("broken.yaml"), "kind: workbook\nformat: [\n").unwrap();
    let mut app = bare_app_in(&dir);
    assert!(start_books(&app)[0].error.is_some());
    snap_start!("start_broken_workbook", &mut app);
}

fn click(app: &mut App, column: u16, row: u16) {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

/// The row of the screen whose text contains `needle`.
fn row_of(app: &mut App, needle: &str) -> u16 {
    let text = screen(app, 80, 24);
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("'{needle}' not on screen:\n{text}")) as u16
}

#[test]
fn clicking_a_question_in_the_tree_selects_it() {
    let (mut app, _d) = suffolk();
    let row = row_of(&mut app, "KLOE 7");
    click(&mut app, 5, row);
    assert_eq!(question(&app).as_deref(), Some("7"));
    // A click on a tab shows that screen.
    let col = screen(&mut app, 80, 24)
        .lines()
        .next()
        .unwrap()
        .find("Evidence")
        .unwrap() as u16;
    click(&mut app, col + 1, 0);
    assert_eq!(on_screen(&app), "Evidence");
}

#[test]
fn clicking_a_review_detail_selects_the_row_drawn_there() {
    // The click is resolved against what the frame drew: the whole width
    // of a row of the form, not a list's arithmetic.
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    let row = row_of(&mut app, "On-site to");
    click(&mut app, 70, row);
    assert_eq!(
        selected_row(&app, "Details"),
        3,
        "the on-site end date's row"
    );
    let text = selected_rows(&mut app, 80, 24).join("\n");
    assert!(text.contains("On-site to"), "{text}");
}

#[test]

fn clicking_a_workbook_on_the_start_screen_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("workbooks");
    std::fs::create_dir_all(&folder).unwrap();
    drop(peerbook::store::WorkbookFile::create(&folder.join("a.yaml"), &seed(SUFFOLK)).unwrap());
    let mut app = bare_app_in(&dir);
    let book = row_of(&mut app, "Suffolk County Council");
    click(&mut app, 10, book);
    assert_eq!(start_row(&app), 1, "clicked the workbook");
    let new = row_of(&mut app, "+ New workbook");
    click(&mut app, 10, new);
    assert_eq!(start_row(&app), 0, "clicked '+ New workbook'");
}

#[test]

fn tab_switches_panes_on_every_list_and_form_screen() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "E tab");
    assert!(form_focused(&app), "evidence");
    let (mut app, _d) = leeds();
    keys(&mut app, "M tab");
    assert!(form_focused(&app), "metrics");
}

#[test]

fn the_footer_does_not_offer_screen_keys_while_typing() {
    let (mut app, _d) = suffolk();
    press(&mut app, "e");
    let text = screen(&mut app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(!footer.contains("r rating"), "{footer}");
    press(&mut app, "esc");
    press(&mut app, "/");
    let text = screen(&mut app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(!footer.contains("r rating"), "{footer}");
}

/// Presses pseudo-random keys (a fixed sequence) on every kind of workbook,
/// drawing after each: nothing may panic.
#[test]
fn random_keys_on_every_screen_do_not_panic() {
    const KEYS: &[&str] = &[
        "j",
        "k",
        "g",
        "G",
        "enter",
        "esc",
        "tab",
        "backtab",
        "pgdn",
        "pgup",
        "a",
        "d",
        "e",
        "o",
        "r",
        "s",
        "x",
        "0",
        "1",
        "3",
        "5",
        "9",
        "n",
        "N",
        "l",
        "u",
        "f",
        "/",
        "?",
        "y",
        "E",
        "D",
        "R",
        "M",
        "P",
        "Q",
        "K",
        "J",
        "c",
        "w",
        "]",
        "[",
        "backspace",
        "z",
        "ctrl-z",
        "ctrl-y",
        "space",
        "home",
        "end",
        "up",
        "down",
        "left",
        "right",
        "enter",
        "esc",
        "j",
        "j",
    ];
    let empty = || {
        let reg = Registry::load(&[]);
        let fw = reg
            .resolve("halton-intermediate-care-2019")
            .unwrap()
            .clone();
        app_with(detached, Workbook::new(fw, "C", "T"))
    };
    let apps: Vec<(&str, (App, TempDir))> = vec![
        ("suffolk", suffolk()),
        ("halton", halton()),
        ("leeds", leeds()),
        ("read-only", read_only_suffolk()),
        ("empty", empty()),
    ];
    for (name, (mut app, _dir)) in apps {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut pressed = Vec::new();
        for step in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = KEYS[(x % KEYS.len() as u64) as usize];
            pressed.push(k);
            let (w, h) = if step % 50 == 0 { (61, 17) } else { (80, 24) };
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                press(&mut app, k);
                stay_open(&mut app);
                let _ = terminal(&mut app, w, h);
            }));
            if r.is_err() {
                let tail = &pressed[pressed.len().saturating_sub(20)..];
                panic!("{name}: panicked at step {step} after keys …{tail:?}");
            }
        }
    }
}

#[test]

fn line_breaks_in_form_values_are_drawn_as_lines() {
    // The seed's second case study ends its 'what we did' with a newline.
    let (mut app, _d) = suffolk();
    keys(&mut app, "P j");
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains('\u{fffd}'), "{text}");
    // A summary typed over two lines shows as two lines.
    keys(&mut app, "enter j enter");
    backspaces(&mut app, 200);
    typ(&mut app, "Weekly drop-ins.\nRun with carers.");
    press(&mut app, "esc");
    assert_eq!(
        wb(&app).proud_of[1].summary.as_deref(),
        Some("Weekly drop-ins.\nRun with carers.")
    );
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains('\u{fffd}'), "{text}");
    assert!(text.contains("Run with carers."), "{text}");
}

#[test]

fn top_and_bottom_in_a_form_move_between_fields() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "E j j enter G");
    let i = chosen_evidence(&app);
    assert_eq!(wb(&app).evidence[i].id, "ev-3", "the item shown changed");
    assert_eq!(
        selected_field(&app, "Evidence"),
        evidence_form_len(&app, i) - 1
    );
    let (mut app, _d) = suffolk();
    keys(&mut app, "P enter G");
    assert_eq!(
        selected_row(&app, "Proud of"),
        0,
        "the case study shown changed"
    );
    // The last of the case study's fields (Illustrates).
    assert_eq!(
        selected_field(&app, "Proud of"),
        peerbook::workbook::fields::CASE_FIELDS.len() - 1
    );
    assert_eq!(peerbook::workbook::fields::CASE_FIELDS.len(), 14);
}

#[test]
fn the_export_screen_writes_beside_the_workbook_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("suffolk.yaml");
    let (mut app, _d) = app_with(|wb| Doc::detached(wb, &path), seed(SUFFOLK));
    typ(&mut app, "X");
    assert!(showing(&app, "export"));
    snap!("popup_export", app);
    // The first choice is the self-assessment pack in markdown.
    keys(&mut app, "enter");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        message(&app).starts_with("Exported to "),
        "{}",
        message(&app)
    );
    assert!(message(&app).contains(&written[0].display().to_string()));
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.starts_with("# Suffolk County Council: "), "{text}");
    // A pop-up names the whole path; Enter closes it.
    assert!(showing(&app, "exported"));
    keys(&mut app, "enter");
    assert_eq!(popup_name(&app), None);
    // Again: asked first, and a new name is one of the answers, never
    // over the first silently (more in `ui/export.rs`).
    typ(&mut app, "X");
    keys(&mut app, "enter");
    assert!(showing(&app, "export exists"));
    keys(&mut app, "j enter");
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(n, 2);
    assert!(
        message(&app).contains("-self-assessment-2.md"),
        "{}",
        message(&app)
    );
}
