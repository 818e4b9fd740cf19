//! Every key goes through the keymap, typing included: the keys that do
//! something else than type in a field (Esc, Enter, Ctrl-z, Ctrl-y, Ctrl-s,
//! Ctrl-c, …) are the `text` context's bindings, so `keys.yaml` can change
//! them, and the footer and help name the keys in force.

use super::*;

fn rebind(app: &mut App, yaml: &str) {
    let problems = app.keymap.apply_config("keys.yaml", yaml);
    assert!(problems.is_empty(), "{problems:?}");
}

fn footer(app: &mut App) -> String {
    let text = screen(app, 80, 24);
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn ctrl_z_rebound_in_keys_yaml_undoes_typing_and_the_footer_names_it() {
    let (mut app, _d) = suffolk();
    rebind(&mut app, "text:\n  undo: ctrl-u\n  redo: ctrl-r\n");
    press(&mut app, "n"); // KLOE 12, empty narrative
    press(&mut app, "e");
    typ(&mut app, "abc");
    let bottom = footer(&mut app);
    assert!(bottom.contains("Ctrl-u undo"), "{bottom}");
    assert!(bottom.contains("Ctrl-r redo"), "{bottom}");
    assert!(!bottom.contains("Ctrl-z"), "{bottom}");
    // Ctrl-z no longer undoes; Ctrl-u does.
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "abc");
    for _ in 0..6 {
        press(&mut app, "ctrl-u");
    }
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "");
    press(&mut app, "ctrl-r");
    assert!(!wb(&app).answer("12").unwrap().narrative.is_empty());
    // The help screen's line about the editor names the new keys too.
    press(&mut app, "esc");
    press(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&screen(&mut app, 80, 24));
        press(&mut app, "j");
    }
    assert!(seen.contains("Ctrl-u undo · Ctrl-r redo"), "{seen}");
}

#[test]
fn finishing_and_leaving_a_field_follow_keys_yaml() {
    let (mut app, _d) = suffolk();
    rebind(&mut app, "text:\n  back: f4\n  open: f5\n");
    // The search box: Esc is typed nowhere and does not close it; F4 does.
    press(&mut app, "/");
    assert!(showing(&app, "search"));
    let bottom = footer(&mut app);
    assert!(bottom.contains("F5 go there"), "{bottom}");
    assert!(bottom.contains("F4 close"), "{bottom}");
    press(&mut app, "esc");
    assert!(showing(&app, "search"));
    press(&mut app, "f4");
    assert!(popup(&app).is_none());
    // The path prompt of save as: the same keys.
    press(&mut app, "S");
    assert!(showing(&app, "save path"), "{:?}", popup_name(&app));
    let bottom = footer(&mut app);
    assert!(
        bottom.contains("F5 save") && bottom.contains("F4 cancel"),
        "{bottom}"
    );
    press(&mut app, "esc");
    assert!(showing(&app, "save path"));
    press(&mut app, "f4");
    assert!(popup(&app).is_none());
}

#[test]
fn ctrl_c_rebound_quits_from_the_editor() {
    let (mut app, _d) = suffolk();
    rebind(&mut app, "text:\n  quit: ctrl-q\n");
    press(&mut app, "n");
    press(&mut app, "e");
    typ(&mut app, "x");
    press(&mut app, "ctrl-c");
    assert!(showing(&app, "editor"));
    press(&mut app, "ctrl-q");
    assert!(!showing(&app, "editor"));
    assert_eq!(wb(&app).answer("12").unwrap().narrative, "x");
}

#[test]
fn the_footer_picks_its_keys_by_action_not_by_their_words() {
    // The reviewer-mode footer drops the status key and renames the
    // narrative key; it does so by action, so a rebound key follows.
    let (mut app, _d) = onsite();
    rebind(&mut app, "questions:\n  edit_narrative: F2\n");
    typ(&mut app, "W");
    typ(&mut app, "Zed Peer");
    press(&mut app, "enter");
    let bottom = footer(&mut app);
    assert!(bottom.contains("F2 your notes"), "{bottom}");
    assert!(!bottom.contains(" status"), "{bottom}");
}

#[test]
fn every_one_line_prompt_types_the_same() {
    let (mut app, _d) = suffolk();
    // Each starts on its current value with the cursor at the end, takes a
    // pasted line break as a space, and Esc leaves it.
    let check = |app: &mut App, open: &dyn Fn(&mut App), name: &str, start: &str| {
        open(app);
        assert!(showing(app, name), "{name}: {:?}", popup_name(app));
        let input = expect_popup(app, name).input.unwrap_or_default();
        assert_eq!(input, start, "{name}");
        app.handle_paste("a\nb");
        typ(app, "c");
        let input = expect_popup(app, name).input.unwrap_or_default();
        assert_eq!(input, format!("{start}a bc"), "{name}");
        press(app, "esc");
        assert!(popup(app).is_none(), "{name}");
    };
    check(&mut app, &|a| press(a, "/"), "search", "");
    check(&mut app, &|a| press(a, "W"), "review as", "");
    check(&mut app, &|a| a.ask_user_name(), "user name", "Tester");
    let suggested = {
        press(&mut app, "S");
        let s = expect_popup(&app, "save path").input.unwrap_or_default();
        press(&mut app, "esc");
        s
    };
    assert!(!suggested.is_empty());
    check(&mut app, &|a| press(a, "S"), "save path", &suggested);
    app.update(Action::ShowEvidence);
    check(&mut app, &|a| press(a, "/"), "filter", "");
}

#[test]
fn a_confirmation_names_the_keys_keys_yaml_gave_it() {
    let (mut app, _d) = suffolk();
    rebind(&mut app, "confirm:\n  yes: Y\n");
    app.update(Action::ShowEvidence);
    press(&mut app, "d");
    assert!(showing(&app, "confirm"), "{:?}", popup_name(&app));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Y yes · n no"), "{text}");
    let before = wb(&app).evidence.len();
    press(&mut app, "y");
    assert!(showing(&app, "confirm"));
    press(&mut app, "Y");
    assert_eq!(wb(&app).evidence.len(), before - 1);
}
