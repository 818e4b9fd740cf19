//! Drawing every screen and pop-up at every size without a panic, and the
//! selection staying on screen in every list and form.

use super::*;

/// Every screen and pop-up, for the size sweep.
fn every_state() -> Vec<(&'static str, App, TempDir)> {
    let mut v = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let app = bare_app_in(&dir);
    v.push(("start", app, dir));
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    press(&mut app, "enter");
    v.push(("frameworks", app, dir));
    let dir = tempfile::tempdir().unwrap();
    let mut app = bare_app_in(&dir);
    keys(&mut app, "enter enter");
    typ(&mut app, "Council");
    v.push(("new", app, dir));
    let plans: &[(&str, &str)] = &[
        ("questions", ""),
        ("answer pane", "tab"),
        ("answer pane bottom", "tab G"),
        ("tree bottom", "G"),
        ("help", "?"),
        (
            "help scrolled",
            "? j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j",
        ),
        ("rating", "r"),
        ("status", "s"),
        ("narrative", "e"),
        ("owner", "o"),
        ("search", "/ a"),
        ("link", "l"),
        ("link bottom", "l j j j j j j j j j j"),
        ("evidence", "E"),
        ("evidence form", "E j j enter"),
        ("evidence bottom", "E G enter"),
        ("kind", "E f"),
        ("filter", "E /"),
        ("confirm", "E j j j j j j d"),
        ("dashboard", "D"),
        ("details", "R"),
        ("details bottom", "R G"),
        ("details date", "R j j enter"),
        ("metrics", "M"),
        ("proud", "P"),
        ("proud form", "P enter j j j"),
        ("comments", "c"),
        ("comment editor", "c a"),
        ("reading", "w"),
        ("reading bottom", "w G"),
        ("reading next domain", "w tab j j j"),
        ("reading editor", "w pgdn e"),
    ];
    for (name, k) in plans {
        for (app, dir) in [suffolk(), halton(), leeds(), read_only_suffolk()] {
            let mut app = app;
            keys(&mut app, k);
            v.push((*name, app, dir));
        }
    }
    // Search with a query that finds things, and an editor with an error.
    let (mut app, dir) = suffolk();
    press(&mut app, "/");
    typ(&mut app, "the");
    v.push(("search hits", app, dir));
    let (mut app, dir) = suffolk();
    keys(&mut app, "R j j enter");
    typ(&mut app, "x");
    v.push(("editor error", app, dir));
    let (mut app, dir) = leeds();
    keys(&mut app, "M enter");
    v.push(("metrics form", app, dir));
    v
}

#[test]
fn drawing_every_screen_at_every_size_does_not_panic() {
    draw_every_state_at_every_size(0);
}

// The same for the other half of the states, so the two halves run side by
// side (they take most of this file's time).
#[test]
fn drawing_every_screen_at_every_size_does_not_panic_second_half() {
    draw_every_state_at_every_size(1);
}

/// Draws every other state, starting at `half` (0 or 1), at every size.
fn draw_every_state_at_every_size(half: usize) {
    let states: Vec<_> = every_state().into_iter().skip(half).step_by(2).collect();
    let mut sizes: Vec<(u16, u16)> = vec![(1, 1), (0, 0), (1, 0), (0, 1), (2, 2), (3, 1)];
    for w in (1..=120).step_by(7) {
        for h in (1..=40).step_by(3) {
            sizes.push((w, h));
        }
    }
    // Around the "too small" limit and at common sizes.
    for (w, h) in [
        (59, 16),
        (60, 15),
        (60, 16),
        (61, 17),
        (80, 24),
        (120, 40),
        (200, 60),
        (60, 40),
        (120, 16),
    ] {
        sizes.push((w, h));
    }
    for (name, app, _dir) in &states {
        for &(w, h) in &sizes {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| {
                    peerbook::tui::view::draw(f, app);
                })
                .unwrap();
                // And resizing a terminal that already drew.
                t.backend_mut()
                    .resize(w.saturating_add(3), h.saturating_add(2));
                t.draw(|f| {
                    peerbook::tui::view::draw(f, app);
                })
                .unwrap();
            }));
            assert!(r.is_ok(), "drawing '{name}' at {w}×{h} panicked");
        }
    }
}

#[test]
fn keys_after_drawing_small_do_not_panic() {
    // Page keys use the last drawn size: draw at 1×1, then page around.
    let (mut app, _d) = suffolk();
    let _ = terminal(&mut app, 1, 1);
    keys(&mut app, "pgdn pgdn pgup tab pgdn G g");
    for s in ["E", "R", "P", "M", "D"] {
        press(&mut app, s);
        let _ = terminal(&mut app, 1, 1);
        keys(&mut app, "pgdn pgdn G pgup g j k");
    }
    let _ = terminal(&mut app, 80, 24);
}

/// Presses `key` `n` times and checks after each press that the selection
/// is drawn (some row is reversed) at 80×24.
fn selection_stays_visible(app: &mut App, key: &str, n: usize) -> Vec<usize> {
    let mut lost = Vec::new();
    for i in 0..n {
        if selected_rows(app, 80, 24).is_empty() {
            lost.push(i);
        }
        press(app, key);
    }
    lost
}

#[test]
fn the_selection_stays_on_screen_in_the_answer_pane() {
    let (mut app, _d) = suffolk();
    press(&mut app, "tab");
    let n = answer_lines(&app).len();
    let lost = selection_stays_visible(&mut app, "j", n);
    assert!(lost.is_empty(), "slots not drawn: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_the_evidence_form() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "E j j enter");
    let n = evidence_form_len(&app, 2);
    let lost = selection_stays_visible(&mut app, "j", n);
    assert!(lost.is_empty(), "fields not drawn: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_the_proud_of_form() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "P enter");
    assert!(form_focused(&app));
    let lost = selection_stays_visible(&mut app, "j", 7);
    assert!(lost.is_empty(), "fields not drawn: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_review_details() {
    let (mut app, _d) = suffolk();
    press(&mut app, "R");
    let n = details_len(&app);
    let lost = selection_stays_visible(&mut app, "j", n);
    assert!(lost.is_empty(), "rows not drawn: {lost:?}");
    // And back up again.
    let lost = selection_stays_visible(&mut app, "k", n);
    assert!(lost.is_empty(), "rows not drawn going up: {lost:?}");
}

#[test]
fn the_selection_stays_on_screen_in_lists() {
    let (mut app, _d) = suffolk();
    let lost = selection_stays_visible(&mut app, "j", 13);
    assert!(lost.is_empty(), "tree: {lost:?}");
    press(&mut app, "E");
    let lost = selection_stays_visible(&mut app, "j", 12);
    assert!(lost.is_empty(), "evidence: {lost:?}");
    let (mut app, _d) = leeds();
    press(&mut app, "M");
    let lost = selection_stays_visible(&mut app, "j", 13);
    assert!(lost.is_empty(), "metrics: {lost:?}");
    press(&mut app, "enter");
    let lost = selection_stays_visible(&mut app, "j", 6);
    assert!(lost.is_empty(), "metric form: {lost:?}");
}
