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

#[test]
fn every_action_has_a_name_help_words_and_footer_words_in_the_one_table() {
    let mut seen = std::collections::HashSet::new();
    for (action, name, help, footer) in names::NAMES {
        assert!(seen.insert(*name), "{name} is named twice");
        assert!(!help.is_empty() && !footer.is_empty(), "{name}");
        assert_eq!(Action::from_name(name), Some(*action));
        assert_eq!(action.name(), *name);
        assert_eq!(action.describe(), *help);
        assert_eq!(action.footer_words(), *footer);
    }
    // Every action a default key does has its row.
    let k = Keymap::default();
    for b in &k.bindings {
        if !matches!(b.action, Action::Rate(_)) {
            assert!(!b.action.name().is_empty(), "{:?} has no row", b.action);
        }
    }
}

#[test]
fn the_footer_and_help_take_their_words_from_the_table() {
    let k = Keymap::default();
    let footer = k.footer_actions(Context::Questions);
    assert!(!footer.is_empty());
    for (action, _, words) in &footer {
        let want = match action {
            Action::Rate(_) => "rate",
            a => a.footer_words(),
        };
        assert_eq!(words, want);
    }
    // The footer's short words and help's longer ones for the same key.
    assert!(
        footer
            .iter()
            .any(|(a, keys, words)| *a == Action::NextUnanswered
                && keys == "n"
                && words == "next gap")
    );
    let help = k.help(Context::Questions);
    assert!(
        help.iter()
            .any(|(keys, d)| keys == "n" && d == "next unanswered question")
    );
    // Words the help screen gives an action with no shorter footer words.
    assert_eq!(Action::Save.footer_words(), Action::Save.describe());
}
