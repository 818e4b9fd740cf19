//! Search, help built from the key table, a read-only workbook's refusals,
//! keys.yaml's rebinding and Esc back to the questions.

use super::*;

fn search_hits(app: &mut App, query: &str) -> Vec<String> {
    press(app, "/");
    typ(app, query);
    let s = expect_popup(app, "search");
    let hits = s.choices;
    press(app, "esc");
    hits
}

#[test]
fn search_follows_edits_and_the_workbook_that_is_open() {
    // The lower-cased text search looks in is kept between keystrokes; it
    // must follow a change, and never outlive its workbook.
    let (mut app, _d) = suffolk();
    assert!(search_hits(&mut app, "zebra crossing").is_empty());
    app.open_doc(detached({
        let mut w = seed("seeds/suffolk-reablement-2016.yaml");
        w.answer_mut("1").narrative = "We met at the zebra crossing.".into();
        w
    }));
    let hits = search_hits(&mut app, "zebra crossing");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].contains("narrative"), "{hits:?}");
    // A workbook with less evidence, opened after a search of the larger
    // one: hits come from it alone, and nothing indexes past its library.
    let before = search_hits(&mut app, "e").len();
    let (other, _d2) = halton();
    let mut halton_wb = wb(&other).clone();
    halton_wb.evidence_mut().truncate(1);
    app.open_doc(detached(halton_wb));
    assert!(before > 0);
    for label in search_hits(&mut app, "e") {
        assert!(!label.contains("Suffolk"), "{label}");
    }
    assert!(evidence_listed(&app).len() <= 1);
}

#[test]
fn the_evidence_filter_and_search_never_match_across_two_fields() {
    let (mut app, _d) = suffolk();
    let e = wb(&app).evidence[0].clone();
    let last_word = e.title.split_whitespace().last().unwrap().to_lowercase();
    // The end of the title and the id, as if they were one text.
    let across = format!("{last_word} {}", e.id.to_lowercase());
    filter_evidence(&mut app, &last_word.clone());
    assert!(evidence_listed(&app).contains(&0));
    filter_evidence(&mut app, &across.clone());
    assert!(!evidence_listed(&app).contains(&0), "{across}");
    let hits = search_hits(&mut app, &across);
    assert!(hits.iter().all(|h| !h.starts_with(&e.id)), "{hits:?}");
}

#[test]
fn search_jumps_to_the_question() {
    let (mut app, _d) = suffolk();
    assert_eq!(question(&app).as_deref(), Some("1"));
    press(&mut app, "/");
    typ(&mut app, "assistive");
    let s = expect_popup(&app, "search");
    assert!(s.choices[0].starts_with("KLOE 2"), "{:?}", s.choices);
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(on_screen(&app), "Questions");
    assert_eq!(question(&app).as_deref(), Some("2"));
    // From another screen, and with the second hit.
    press(&mut app, "D");
    press(&mut app, "/");
    typ(&mut app, "pocket card");
    let s = expect_popup(&app, "search");
    assert!(!s.choices.is_empty());
    // The evidence item's hit (a case study holds the words too, and is
    // listed after it).
    let last = s
        .choices
        .iter()
        .position(|c| c.starts_with("E2 · evidence"))
        .unwrap_or_else(|| panic!("{:?}", s.choices));
    assert!(last > 0, "{:?}", s.choices);
    for _ in 0..last {
        press(&mut app, "down");
    }
    press(&mut app, "enter");
    // The evidence item's hit: the library shows it.
    assert_eq!(on_screen(&app), "Evidence");
    let i = chosen_evidence(&app);
    assert_eq!(wb(&app).evidence[i].id, "ev-2");
    // No hits: Esc closes, nothing moves.
    press(&mut app, "Q");
    press(&mut app, "/");
    typ(&mut app, "qqqxxx");
    assert!(screen(&mut app, 80, 24).contains("No matches"));
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    assert_eq!(question(&app).as_deref(), Some("2"));
}

#[test]
fn help_lists_keys_from_the_table() {
    let (mut app, _d) = suffolk();
    press(&mut app, "?");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Keys on the Questions screen"), "{text}");
    assert!(text.contains("next unanswered question"), "{text}");
    assert!(text.contains("rate at that level of the scale"), "{text}");
    // Every row of the table for this screen can be reached by scrolling.
    let rows = help_rows(&app);
    let mut seen = String::new();
    for _ in 0..rows.len() {
        seen.push_str(&screen(&mut app, 80, 24));
        press(&mut app, "j");
    }
    for (_, d) in &rows {
        assert!(seen.contains(d.as_str()), "help never shows '{d}'");
    }
    press(&mut app, "esc");
    assert!(popup(&app).is_none());
    // On the evidence screen it lists that screen's keys.
    press(&mut app, "E");
    press(&mut app, "?");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Keys on the Evidence screen"), "{text}");
    assert!(text.contains("filter by kind"), "{text}");
    assert!(!text.contains("next unanswered question"), "{text}");
}

#[test]
fn help_follows_a_rebound_key() {
    let mut km = Keymap::default();
    let problems = km.apply_config("keys.yaml", "questions:\n  next_unanswered: F8\n");
    assert!(problems.is_empty(), "{problems:?}");
    let (mut app, _d) = suffolk();
    app.keymap = km;
    press(&mut app, "?");
    // The rebound row is the screen's last; scroll the help down to it.
    let mut found = None;
    for _ in 0..40 {
        let text = screen(&mut app, 80, 24);
        if let Some(l) = text
            .lines()
            .find(|l| l.contains("next unanswered question"))
        {
            found = Some(l.to_string());
            break;
        }
        press(&mut app, "j");
    }
    let line = found.expect("help shows the next-unanswered row");
    assert!(line.contains("F8"), "{line}");
}

#[test]
fn read_only_workbook_refuses_changes_with_a_message() {
    let (mut app, _d) = read_only_suffolk();
    let before = wb(&app).clone();
    // The banner is in the status bar for as long as the workbook is open.
    assert!(
        status_line(&mut app, 80, 24)
            .contains("READ-ONLY, open in another peerbook: someone on host, process 1")
    );
    let refused = "Read-only: nothing can be changed here";
    let check = |app: &mut App, keys_: &str| {
        clear_message(app);
        keys(app, keys_);
        assert_eq!(message(app), refused, "after {keys_}");
        assert!(is_error(app));
        assert!(popup(app).is_none(), "after {keys_}");
    };
    check(&mut app, "3");
    check(&mut app, "x");
    check(&mut app, "0");
    check(&mut app, "e");
    check(&mut app, "o");
    check(&mut app, "a");
    check(&mut app, "s");
    check(&mut app, "r");
    // Moving still works.
    keys(&mut app, "j");
    assert_eq!(question(&app).as_deref(), Some("2"));
    check(&mut app, "E a");
    check(&mut app, "E d");
    check(&mut app, "E enter enter");
    check(&mut app, "R enter");
    check(&mut app, "R a");
    check(&mut app, "P a");
    check(&mut app, "P enter enter");
    assert_eq!(wb(&app).answers, before.answers);
    assert_eq!(wb(&app).evidence, before.evidence);
    assert_eq!(wb(&app).review, before.review);
    assert_eq!(wb(&app).proud_of, before.proud_of);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(refused), "{text}");
}

#[test]
fn read_only_refuses_every_key_that_changes_the_workbook_wherever_it_is_pressed() {
    // Delete, move and add are refused in one place, before any screen
    // sees them: even where they would do nothing, the user is told why.
    let (mut app, _d) = read_only_suffolk();
    let before = peerbook::workbook::to_text(wb(&app));
    for (screen, keys_) in [
        ("Q", "d"),
        ("Q", "K"),
        ("Q", "J"),
        ("Q", "tab j j j j d"),
        ("E", "d"),
        ("R", "d"),
        ("P", "d"),
        ("Q", "ctrl-z"),
    ] {
        press(&mut app, screen);
        clear_message(&mut app);
        keys(&mut app, keys_);
        assert_eq!(
            message(&app),
            "Read-only: nothing can be changed here",
            "{screen} then {keys_}"
        );
        assert!(popup(&app).is_none(), "{screen} then {keys_}");
        press(&mut app, "esc");
    }
    assert_eq!(peerbook::workbook::to_text(wb(&app)), before);
}

#[test]
fn read_only_link_says_read_only() {
    let (mut app, _d) = read_only_suffolk();
    keys(&mut app, "l enter");
    assert_eq!(wb(&app).answer("1").unwrap().evidence.len(), 4);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]

fn read_only_unlink_says_read_only() {
    let (mut app, _d) = read_only_suffolk();
    go_to_slot(&mut app, &Slot::Evidence(0));
    press(&mut app, "d");
    assert_eq!(wb(&app).answer("1").unwrap().evidence.len(), 4);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]

fn read_only_refuses_deleting_a_case_study() {
    let (mut app, _d) = read_only_suffolk();
    keys(&mut app, "P d");
    if popup(&app).is_some() {
        press(&mut app, "y");
    }
    assert_eq!(wb(&app).proud_of.len(), 2);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]

fn read_only_refuses_removing_a_team_member() {
    let (mut app, _d) = read_only_suffolk();
    press(&mut app, "R");
    // The first team member.
    for _ in 0..11 {
        press(&mut app, "j");
    }
    press(&mut app, "d");
    if popup(&app).is_some() {
        press(&mut app, "y");
    }
    assert_eq!(wb(&app).review.team.len(), 6);
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
}

#[test]
fn keys_yaml_override_changes_what_a_key_does() {
    let mut km = Keymap::default();
    let problems = km.apply_config(
        "keys.yaml",
        "questions:\n  next_unanswered: F8\n  down: n\nglobal:\n  show_evidence: ctrl-e\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(
        km,
        Registry::load(&[]),
        dir.path().join("workbooks"),
        "Tester".into(),
    );
    app.theme.color = false;
    app.open_doc(detached(seed(SUFFOLK)));
    // n now moves down one question instead of jumping to KLOE 12.
    press(&mut app, "n");
    assert_eq!(question(&app).as_deref(), Some("2"));
    // F8 jumps to the unanswered question.
    press(&mut app, "f8");
    assert_eq!(question(&app).as_deref(), Some("12"));
    // j still moves (the global binding).
    press(&mut app, "j");
    assert_eq!(question(&app).as_deref(), Some("13"));
    // Ctrl-e shows the evidence; E still does too.
    press(&mut app, "ctrl-e");
    assert_eq!(on_screen(&app), "Evidence");
    // The footer shows the new key (at 100 columns: at 80 the footer keeps
    // "? help" and has no room left for it; help lists it).
    press(&mut app, "Q");
    let text = screen(&mut app, 100, 24);
    let footer = text.lines().last().unwrap();
    assert!(footer.contains("F8 next gap"), "{footer}");
}

#[test]
fn escape_from_a_screen_goes_back_to_questions() {
    let (mut app, _d) = suffolk();
    for s in ["E", "D", "R", "M", "P"] {
        press(&mut app, s);
        assert_ne!(on_screen(&app), "Questions");
        press(&mut app, "esc");
        assert_eq!(on_screen(&app), "Questions", "Esc from {s}");
    }
    press(&mut app, "esc");
    assert!(!quitting(&app));
    press(&mut app, "q");
    assert!(quitting(&app));
}
