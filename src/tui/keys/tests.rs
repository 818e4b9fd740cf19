//! The keymap's tests: lookups, the footer and help, and keys.yaml.

use super::*;
use ratatui::crossterm::event::KeyCode;

#[test]
fn context_bindings_shadow_global_ones() {
    let k = Keymap::default();
    assert_eq!(
        k.lookup(Context::Questions, Key::ch('n')),
        Some(Action::NextUnanswered)
    );
    assert_eq!(k.lookup(Context::Start, Key::ch('n')), Some(Action::Add));
    assert_eq!(
        k.lookup(Context::Questions, Key::ch('3')),
        Some(Action::Rate(3))
    );
    assert_eq!(
        k.lookup(Context::Questions, Key::ch('q')),
        Some(Action::Quit)
    );
    assert_eq!(k.lookup(Context::Popup, Key::ch('/')), None);
}

#[test]
fn help_is_generated_from_the_table() {
    let k = Keymap::default();
    let help = k.help(Context::Questions);
    assert!(
        help.iter()
            .any(|(keys, d)| keys == "1-9" && d.contains("rate"))
    );
    assert!(
        help.iter()
            .any(|(keys, d)| keys == "n" && d == "next unanswered question")
    );
    assert!(help.iter().any(|(keys, _)| keys == "Ctrl-s"));
    // A key bound in the screen hides the global binding of that key.
    assert_eq!(
        help.iter()
            .filter(|(keys, _)| keys.split(' ').any(|k| k == "n"))
            .count(),
        1
    );
}

#[test]
fn config_rebinds_and_reports_problems_with_positions() {
    let mut k = Keymap::default();
    let problems = k.apply_config(
        "keys.yaml",
        "questions:\n  next_unanswered: [ctrl-n, F8]\n  nxt: x\nglobal:\n  quit: hyper-q\n",
    );
    assert_eq!(
        k.lookup(Context::Questions, Key::ctrl('n')),
        Some(Action::NextUnanswered)
    );
    assert_eq!(
        k.lookup(Context::Questions, Key::plain(KeyCode::F(8))),
        Some(Action::NextUnanswered)
    );
    // The old binding moved away; 'n' falls through to nothing here.
    assert_ne!(
        k.lookup(Context::Questions, Key::ch('n')),
        Some(Action::NextUnanswered)
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("keys.yaml:3:3: unknown action 'nxt'"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("keys.yaml:5:9: 'hyper-q' is not a key"),
        "{problems:?}"
    );
    // 'q' still quits: a bad entry keeps the default.
    assert_eq!(
        k.lookup(Context::Questions, Key::ch('q')),
        Some(Action::Quit)
    );
}

#[test]
fn broken_config_gives_defaults_and_a_message() {
    let mut k = Keymap::default();
    let problems = k.apply_config("keys.yaml", "questions: [\n");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("using the default keys"));
    assert_eq!(
        k.lookup(Context::Questions, Key::ch('n')),
        Some(Action::NextUnanswered)
    );
}

#[test]
fn keys_parse_and_display() {
    assert_eq!(Key::parse("ctrl-s").unwrap(), Key::ctrl('s'));
    assert_eq!(Key::parse("Enter").unwrap(), Key::plain(KeyCode::Enter));
    assert_eq!(Key::ctrl('s').to_string(), "Ctrl-s");
    assert!(Key::parse("nonsense").is_err());
}
