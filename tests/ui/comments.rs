//! Issue 17 in the interface: the thread of comments on an answer (`c` on
//! the Questions screen), written under the user's name, resolved and
//! reopened, counted in the list and the answer pane; and reviewer mode,
//! which reads the thread but does not change it.

use super::harness::*;
use peerbook::workbook::{Workbook, comments};

/// Suffolk with a thread on KLOE 3: two open comments and one resolved.
fn with_thread() -> Workbook {
    let mut wb = seed(SUFFOLK);
    let a = wb.answer_mut("3");
    let at = |s: &str| s.parse().unwrap();
    comments::add(
        a,
        "Jo Smith",
        at("2026-02-10T09:00:00Z"),
        "Which year is this figure for?",
    );
    let done = comments::add(
        a,
        "Sam Patel",
        at("2026-02-11T14:30:00Z"),
        "Add the 2015 survey.",
    );
    comments::add(
        a,
        "Sam Patel",
        at("2026-02-12T08:15:00Z"),
        "The directory has moved: link the new address as evidence.",
    );
    comments::set_resolved(a, &done, true);
    wb
}

/// The Questions screen with KLOE 3 selected.
fn on_kloe_3(wb: Workbook) -> (peerbook::tui::app::App, tempfile::TempDir) {
    let (mut app, d) = app_with(detached, wb);
    keys(&mut app, "j j");
    assert_eq!(question(&app).as_deref(), Some("3"));
    (app, d)
}

#[test]
fn a_comment_is_written_in_the_editor_and_saved_under_the_users_name() {
    let (mut app, _d) = real_file(SUFFOLK);
    let before = wb(&app).answer("1").unwrap().clone();
    press(&mut app, "c");
    let t = expect_popup(&app, "comments");
    assert_eq!(t.message.as_deref(), Some("Comments on KLOE 1 · none yet"));
    assert!(screen(&mut app, 80, 24).contains("No comments on KLOE 1 yet."));
    // `a` opens the Questions screen's editor on a new comment, its
    // placeholder dim and not its text.
    press(&mut app, "a");
    let ed = expect_popup(&app, "editor");
    assert_eq!(ed.input.as_deref(), Some(""));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Comment — Esc done"), "{text}");
    typ(&mut app, "Which year is this figure for?");
    // Esc keeps what was typed and goes back to the thread, on the comment.
    press(&mut app, "esc");
    let t = expect_popup(&app, "comments");
    assert_eq!(t.message.as_deref(), Some("Comments on KLOE 1 · 1 open"));
    assert_eq!(t.choice, Some(0));
    assert!(t.choices[0].starts_with("Tester ("), "{:?}", t.choices);
    assert_eq!(message(&app), "Comment added to KLOE 1 as Tester");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("● open · Tester · "), "{text}");
    assert!(text.contains("Which year is this figure for?"), "{text}");

    let (disk, file) = saved(&mut app);
    let a = disk.answer("1").unwrap();
    assert_eq!(a.comments.len(), 1);
    let c = &a.comments[0];
    assert_eq!(c.by, "Tester");
    assert_eq!(c.text, "Which year is this figure for?");
    assert!(!c.resolved);
    let age = chrono::Utc::now() - c.at;
    assert!(age.num_seconds() >= 0 && age.num_seconds() < 60, "{}", c.at);
    assert!(file.contains("  comments:\n  - id: c-"), "{file}");
    assert!(file.contains("    by: Tester\n"), "{file}");
    // A comment is not a change to the answer: no new stamp, no lapse.
    assert_eq!(a.changed, before.changed);
    assert_eq!(a.status, before.status);
    assert_eq!(a.narrative, before.narrative);
}

#[test]
fn a_comment_left_empty_is_not_kept_and_leaves_nothing_to_undo() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "c a esc");
    let t = expect_popup(&app, "comments");
    assert!(t.choices.is_empty());
    assert_eq!(
        message(&app),
        "Nothing was written: no comment added to KLOE 1"
    );
    assert!(wb(&app).answer("1").unwrap().comments.is_empty());
    keys(&mut app, "esc ctrl-z");
    assert_eq!(message(&app), "Nothing to undo");
}

#[test]
fn a_comment_and_its_text_are_one_step_to_undo() {
    let (mut app, _d) = suffolk();
    keys(&mut app, "c a");
    typ(&mut app, "Check the figures");
    keys(&mut app, "esc esc");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).answer("1").unwrap().comments.len(), 1);
    press(&mut app, "ctrl-z");
    assert!(wb(&app).answer("1").unwrap().comments.is_empty());
    assert!(
        message(&app).starts_with("undid: add a comment on KLOE 1"),
        "{}",
        message(&app)
    );
}

#[test]
fn r_resolves_the_chosen_comment_and_again_reopens_it() {
    let (mut app, _d) = on_kloe_3(with_thread());
    press(&mut app, "c");
    // The thread opens on the first open comment.
    let t = expect_popup(&app, "comments");
    assert_eq!(
        t.message.as_deref(),
        Some("Comments on KLOE 3 · 2 open, 1 resolved")
    );
    assert_eq!(t.choice, Some(0));
    let footer = screen(&mut app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("r resolve"), "{footer}");
    press(&mut app, "r");
    let thread = &wb(&app).answer("3").unwrap().comments;
    assert!(thread[0].resolved);
    assert_eq!(message(&app), "Resolved Jo Smith's comment on KLOE 3");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("✓ resolved · Jo Smith · 2026-02-10 09:00"),
        "{text}"
    );
    assert!(text.lines().last().unwrap().contains("r reopen"), "{text}");
    // The resolved one below is reopened.
    keys(&mut app, "j r");
    let thread = &wb(&app).answer("3").unwrap().comments;
    assert!(!thread[1].resolved);
    assert_eq!(message(&app), "Reopened Sam Patel's comment on KLOE 3");
    // Each is a step to undo, outside the thread.
    keys(&mut app, "esc ctrl-z");
    assert!(wb(&app).answer("3").unwrap().comments[1].resolved);
    press(&mut app, "ctrl-z");
    assert!(!wb(&app).answer("3").unwrap().comments[0].resolved);
}

#[test]
fn the_list_and_the_answer_pane_count_the_open_comments() {
    let (mut app, _d) = on_kloe_3(with_thread());
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("KLOE 3 ✉2"), "{text}");
    assert!(!text.contains("KLOE 2 ✉"), "{text}");
    assert!(
        text.contains("Comments: 2 open, 1 resolved · c to read"),
        "{text}"
    );
    // Resolving one counts one fewer; resolving both leaves no mark.
    keys(&mut app, "c r esc");
    assert!(screen(&mut app, 80, 24).contains("KLOE 3 ✉1"));
    keys(&mut app, "c G r esc");
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("✉"), "{text}");
    assert!(text.contains("Comments: 3 resolved · c to read"), "{text}");
    // And the dashboard and status count what is open, as before.
    keys(&mut app, "ctrl-z D");
    let text = screen(&mut app, 200, 40);
    assert!(
        text.contains("Open comments (1): KLOE 3 Sam Patel"),
        "{text}"
    );
}

#[test]
fn reviewer_mode_reads_the_thread_but_does_not_change_it() {
    let (mut app, _d) = on_kloe_3(with_thread());
    review_as(&mut app, "Alice Peer", "Lead peer");
    let before = peerbook::workbook::to_text(wb(&app));
    press(&mut app, "c");
    let t = expect_popup(&app, "comments");
    assert_eq!(t.choices.len(), 3);
    assert_eq!(
        t.error.as_deref(),
        Some("Reviewer mode: the council's comments can be read, not changed")
    );
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("can be read, not changed"), "{text}");
    // Neither key that would change it is offered, and both are refused.
    let footer = text.lines().last().unwrap();
    assert!(
        !footer.contains("add a comment") && !footer.contains("resolve"),
        "{footer}"
    );
    for k in ["a", "r", "enter", "e"] {
        clear_message(&mut app);
        press(&mut app, k);
        assert!(
            message(&app).starts_with("Reviewer mode: the council's data is read-only"),
            "{k}: {}",
            message(&app)
        );
        assert!(is_error(&app));
        assert!(showing(&app, "comments"), "{k}");
    }
    assert_eq!(peerbook::workbook::to_text(wb(&app)), before);
}

#[test]
fn a_read_only_workbook_shows_the_thread_and_refuses_a_new_comment() {
    let (mut app, _d) = app_with(
        |wb| {
            peerbook::store::session::Doc::read_only(
                wb,
                std::path::Path::new("suffolk.yaml"),
                "someone on host, process 1".into(),
            )
        },
        with_thread(),
    );
    keys(&mut app, "j j c");
    assert_eq!(expect_popup(&app, "comments").choices.len(), 3);
    keys(&mut app, "a");
    assert_eq!(message(&app), "Read-only: nothing can be changed here");
    assert!(showing(&app, "comments"));
    keys(&mut app, "r");
    assert!(wb(&app).answer("3").unwrap().comments[0].is_open());
}

#[test]
fn help_names_the_comments_key_and_the_threads_own() {
    let (mut app, _d) = suffolk();
    assert!(
        help_rows(&app)
            .iter()
            .any(|(k, d)| k == "c" && d.contains("comments"))
    );
    press(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&screen(&mut app, 80, 24));
        press(&mut app, "j");
    }
    assert!(
        seen.contains("In the comments (c): a/Enter add · e edit yours · r resolve/reopen"),
        "{seen}"
    );
}

#[test]
fn snapshot_comments_thread() {
    let (mut app, _d) = on_kloe_3(with_thread());
    press(&mut app, "c");
    let t = terminal(&mut app, 80, 24);
    insta::assert_snapshot!("comments_thread", t.backend());
}

#[test]
fn ctrl_z_and_ctrl_y_undo_and_redo_inside_the_thread() {
    let (mut app, _d) = on_kloe_3(with_thread());
    keys(&mut app, "c r");
    assert!(wb(&app).answer("3").unwrap().comments[0].resolved);
    // Undone without leaving the thread, which shows the comment open again.
    press(&mut app, "ctrl-z");
    assert!(wb(&app).answer("3").unwrap().comments[0].is_open());
    assert!(
        message(&app).starts_with("undid: resolve Jo Smith's comment on KLOE 3"),
        "{}",
        message(&app)
    );
    let t = expect_popup(&app, "comments");
    assert_eq!(
        t.message.as_deref(),
        Some("Comments on KLOE 3 · 2 open, 1 resolved")
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("● open · Jo Smith · 2026-02-10 09:00"),
        "{text}"
    );
    // Redone, still in the thread.
    press(&mut app, "ctrl-y");
    assert!(wb(&app).answer("3").unwrap().comments[0].resolved);
    assert!(
        message(&app).starts_with("redid: resolve"),
        "{}",
        message(&app)
    );
    assert!(screen(&mut app, 80, 24).contains("✓ resolved · Jo Smith"));

    // A comment just written is one step, undone from the thread too.
    keys(&mut app, "a");
    typ(&mut app, "Is this the 2016 figure?");
    press(&mut app, "esc");
    assert_eq!(wb(&app).answer("3").unwrap().comments.len(), 4);
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).answer("3").unwrap().comments.len(), 3);
    let t = expect_popup(&app, "comments");
    assert_eq!(t.choices.len(), 3);
    assert!(!screen(&mut app, 80, 24).contains("Is this the 2016 figure?"));
    // With nothing left to undo, it says so and the thread stays.
    for _ in 0..5 {
        press(&mut app, "ctrl-z");
    }
    assert_eq!(message(&app), "Nothing to undo");
    assert!(showing(&app, "comments"));
}

#[test]
fn undo_in_the_thread_of_a_change_made_elsewhere_shows_where_it_was() {
    let (mut app, _d) = on_kloe_3(with_thread());
    // Rated on KLOE 1, then the thread on KLOE 3 opened.
    keys(&mut app, "k k 1 j j c");
    assert_eq!(rating(&app, "1"), peerbook::workbook::Rating::Level(1));
    press(&mut app, "ctrl-z");
    assert_eq!(rating(&app, "1"), seed(SUFFOLK).answer("1").unwrap().rating);
    assert!(popup(&app).is_none());
    assert_eq!(question(&app).as_deref(), Some("1"));
}

/// The editor open on a new comment puts nothing in the workbook: what a
/// crash then would leave on disk has no empty comment. The comment goes in
/// with its first words and is saved as it is typed.
#[test]
fn a_new_comment_enters_the_workbook_only_once_it_has_text() {
    let (mut app, _d) = real_file(SUFFOLK);
    keys(&mut app, "c a");
    assert!(showing(&app, "editor"));
    assert!(wb(&app).answer("1").unwrap().comments.is_empty());
    let (disk, file) = saved(&mut app);
    assert!(disk.answer("1").unwrap().comments.is_empty());
    assert!(!file.contains("comments:"), "{file}");
    typ(&mut app, "  ");
    assert!(wb(&app).answer("1").unwrap().comments.is_empty());
    typ(&mut app, "Which");
    // Saved while the editor is still open (as a crash would find it).
    let (disk, _) = saved(&mut app);
    assert_eq!(disk.answer("1").unwrap().comments[0].text, "  Which");
    // Taken back to nothing, it leaves the workbook again.
    backspaces(&mut app, 7);
    assert!(wb(&app).answer("1").unwrap().comments.is_empty());
    let (disk, _) = saved(&mut app);
    assert!(disk.answer("1").unwrap().comments.is_empty());
    typ(&mut app, "Which year?");
    press(&mut app, "esc");
    assert_eq!(message(&app), "Comment added to KLOE 1 as Tester");
    let (disk, _) = saved(&mut app);
    let thread = &disk.answer("1").unwrap().comments;
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].text, "Which year?");
    assert_eq!(thread[0].by, "Tester");
    // One step to undo, as before.
    keys(&mut app, "esc ctrl-z");
    assert!(wb(&app).answer("1").unwrap().comments.is_empty());
}

/// Suffolk with one comment of the user's and one of Jo Smith's on KLOE 3.
fn mine_and_jos() -> Workbook {
    let mut wb = seed(SUFFOLK);
    let a = wb.answer_mut("3");
    comments::add(
        a,
        "Jo Smith",
        "2026-02-10T09:00:00Z".parse().unwrap(),
        "Which year?",
    );
    comments::add(
        a,
        "Tester",
        "2026-02-11T09:00:00Z".parse().unwrap(),
        "Add the survey.",
    );
    wb
}

#[test]
fn e_edits_your_own_comment_and_refuses_anothers_saying_whose() {
    let (mut app, _d) = on_kloe_3(mine_and_jos());
    press(&mut app, "c");
    assert_eq!(expect_popup(&app, "comments").choice, Some(0));
    // Jo's: not offered, and refused naming her.
    let footer = screen(&mut app, 80, 24).lines().last().unwrap().to_string();
    assert!(!footer.contains("edit"), "{footer}");
    press(&mut app, "e");
    assert!(showing(&app, "comments"));
    assert!(is_error(&app));
    assert_eq!(
        message(&app),
        "This is Jo Smith's comment: only they can change its words; a adds a reply of your own"
    );
    // The user's own: offered, and edited in the editor.
    press(&mut app, "j");
    let footer = screen(&mut app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("e edit yours"), "{footer}");
    press(&mut app, "e");
    let ed = expect_popup(&app, "editor");
    assert_eq!(ed.input.as_deref(), Some("Add the survey."));
    backspaces(&mut app, 1);
    typ(&mut app, " of 2015.");
    press(&mut app, "esc");
    assert!(showing(&app, "comments"));
    assert_eq!(message(&app), "Your comment on KLOE 3 is changed");
    let thread = &wb(&app).answer("3").unwrap().comments;
    assert_eq!(thread[1].text, "Add the survey of 2015.");
    assert_eq!(thread[1].by, "Tester");
    assert_eq!(thread[0].text, "Which year?");
    // It cannot be emptied: the editor says so, and keeps the last words.
    press(&mut app, "e");
    backspaces(&mut app, 40);
    let ed = expect_popup(&app, "editor");
    assert!(
        ed.error
            .as_deref()
            .is_some_and(|e| e.contains("a comment cannot be left empty")),
        "{:?}",
        ed.error
    );
    assert_eq!(wb(&app).answer("3").unwrap().comments[1].text, "A");
    // Undo puts the text back as it was before the edit.
    keys(&mut app, "esc esc esc ctrl-z");
    assert_eq!(
        wb(&app).answer("3").unwrap().comments[1].text,
        "Add the survey of 2015."
    );
}
