//! Issue 13 in the interface: reviewer mode keeps its hands off the
//! council's data, and leaving it asks first.

use super::harness::*;
use peerbook::workbook::Rating;

fn as_reviewer(name: &str) -> (peerbook::tui::app::App, tempfile::TempDir) {
    let (mut app, d) = app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"));
    typ(&mut app, "W");
    typ(&mut app, name);
    keys(&mut app, "enter");
    (app, d)
}

#[test]
fn in_reviewer_mode_the_review_details_are_read_only_and_say_how_to_suggest_a_correction() {
    let (mut app, _d) = as_reviewer("Zed Peer");
    let council = wb(&app).review.council.clone();
    typ(&mut app, "R");
    assert_eq!(on_screen(&app), "Details");
    keys(&mut app, "enter");
    assert_eq!(
        popup_name(&app),
        None,
        "no editor opens on the council's name"
    );
    assert!(is_error(&app));
    assert!(message(&app).contains("read-only"), "{}", message(&app));
    assert!(message(&app).contains("as a note"), "{}", message(&app));
    // Adding a team member or a focus question is refused the same way.
    keys(&mut app, "a");
    assert_eq!(popup_name(&app), None);
    assert_eq!(wb(&app).review.council, council);
    assert!(message(&app).contains("read-only"));
    // The reviewer's own entries still change.
    typ(&mut app, "Q");
    keys(&mut app, "3");
    let mine = wb(&app).reviewer("Zed Peer").unwrap().answer("1").unwrap();
    assert_eq!(mine.rating, Rating::Level(3));
}

#[test]
fn w_asks_before_leaving_reviewer_mode_and_no_keeps_it() {
    let (mut app, _d) = as_reviewer("Zed Peer");
    let own = rating(&app, "1");
    typ(&mut app, "W");
    let ask = expect_popup(&app, "confirm");
    assert!(
        ask.message
            .as_deref()
            .unwrap_or("")
            .contains("Leave reviewer mode (Zed Peer)?"),
        "{ask:?}"
    );
    keys(&mut app, "n");
    assert_eq!(popup_name(&app), None);
    // Still a reviewer: a digit is the reviewer's rating, not the council's.
    keys(&mut app, "1");
    assert_eq!(rating(&app, "1"), own);
    typ(&mut app, "W");
    keys(&mut app, "y");
    assert!(message(&app).contains("Left reviewer mode (Zed Peer)"));
    keys(&mut app, "4");
    assert_eq!(rating(&app, "1"), Rating::Level(4));
}

fn onsite_in(dir: &tempfile::TempDir) -> (peerbook::tui::app::App, tempfile::TempDir) {
    let path = dir.path().join("onsite.yaml");
    app_with(
        |wb| peerbook::store::session::Doc::detached(wb, &path),
        seed("seeds/suffolk-reablement-2016-onsite.yaml"),
    )
}

fn written(dir: &tempfile::TempDir) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Opens the export pop-up and chooses the item with this label.
fn export(app: &mut peerbook::tui::app::App, label: &str) {
    typ(app, "X");
    let shown = expect_popup(app, "export");
    let at = shown
        .choices
        .iter()
        .position(|c| c == label)
        .unwrap_or_else(|| panic!("no {label:?} in {:?}", shown.choices));
    keys(app, "g");
    for _ in 0..at {
        keys(app, "down");
    }
    keys(app, "enter");
    // What was written is named in a pop-up of its own: close it.
    if popup_name(app) == Some("exported") {
        keys(app, "esc");
    }
}

#[test]
fn the_export_menu_has_the_action_plan_as_csv_and_word_and_the_progress_report() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _d) = onsite_in(&dir);
    export(&mut app, "Action plan as CSV, for a spreadsheet");
    export(&mut app, "Action plan (Word)");
    export(&mut app, "Progress on the recommendations (markdown)");
    let files = written(&dir);
    assert!(
        files.iter().any(|f| f.ends_with("-action-plan.csv")),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("-action-plan.docx")),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("-progress.md")),
        "{files:?}"
    );
    let csv = files.iter().find(|f| f.ends_with(".csv")).unwrap();
    let csv = std::fs::read_to_string(dir.path().join(csv)).unwrap();
    assert!(
        csv.starts_with('\u{feff}'),
        "a spreadsheet's CSV, as the CLI writes it"
    );
}

#[test]
fn the_feedback_report_lists_what_is_left_and_exports_only_a_draft_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _d) = onsite_in(&dir);
    export(&mut app, "Peer feedback report (markdown)");
    let ask = expect_popup(&app, "confirm");
    let said = ask.message.unwrap_or_default();
    assert!(said.contains("2 things to settle"), "{said}");
    assert!(
        said.contains("no agreed rating: KLOE 10; no agreed rating: KLOE 12"),
        "{said}"
    );
    assert!(said.contains("Export it marked DRAFT?"), "{said}");
    // No: nothing is written.
    keys(&mut app, "n");
    assert!(!written(&dir).iter().any(|f| f.contains("feedback")));
    export(&mut app, "Peer feedback report (markdown)");
    keys(&mut app, "y");
    assert_eq!(
        popup_name(&app),
        Some("exported"),
        "the draft's path is named"
    );
    keys(&mut app, "esc");
    let files = written(&dir);
    let draft = files
        .iter()
        .find(|f| f.ends_with("-feedback-draft.md"))
        .unwrap_or_else(|| panic!("{files:?}"));
    let text = std::fs::read_to_string(dir.path().join(draft)).unwrap();
    assert!(text.starts_with("# DRAFT: "), "{text}");
    // Agree the two ratings on the Peer screen: the report goes out as it is.
    typ(&mut app, "V");
    for _ in 0..9 {
        keys(&mut app, "down");
    }
    keys(&mut app, "2");
    keys(&mut app, "down");
    keys(&mut app, "down");
    keys(&mut app, "2");
    assert_eq!(
        peerbook::review::coverage::feedback_blockers(wb(&app)),
        vec![]
    );
    export(&mut app, "Peer feedback report (markdown)");
    assert_eq!(popup_name(&app), None);
    assert!(written(&dir).iter().any(|f| f.ends_with("-feedback.md")));
}

#[test]
fn the_peer_screen_shows_every_reviewers_full_notes_and_takes_a_strength_into_the_findings() {
    let (mut app, _d) = app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"));
    typ(&mut app, "V");
    keys(&mut app, "n");
    let shown = expect_popup(&app, "team notes");
    assert_eq!(shown.message.as_deref(), Some("The team's notes on KLOE 1"));
    let all = shown.choices.join("\n");
    // The whole of the notes, not one truncated line, with strengths, areas
    // and sources.
    assert!(all.contains("Dr Miriam Ashcombe — "), "{all}");
    assert!(all.contains("no one owns the whole"), "{all}");
    assert!(
        all.contains("+ Leaders talk about outcomes for people"),
        "{all}"
    );
    assert!(all.contains("− Goal achievement is not followed"), "{all}");
    assert!(
        all.contains("[Heard] Interview with the Corporate Director"),
        "{all}"
    );
    assert!(
        all.contains("Before the feedback report: 2 to settle"),
        "{all}"
    );
    // The first strength is selected; Enter takes it into the domain's
    // findings and opens the editor on it.
    let domain = wb(&app).framework.question("1").unwrap().0.id.clone();
    let before = wb(&app)
        .findings
        .domains
        .iter()
        .find(|d| d.domain == domain)
        .map_or(0, |d| d.strengths.len());
    keys(&mut app, "enter");
    let ed = expect_popup(&app, "editor");
    assert_eq!(
        ed.input.as_deref(),
        Some("Leaders talk about outcomes for people, not about hours of care.")
    );
    typ(&mut app, " Seen in three plans.");
    press(&mut app, "esc");
    let d = wb(&app)
        .findings
        .domains
        .iter()
        .find(|d| d.domain == domain)
        .unwrap();
    assert_eq!(d.strengths.len(), before + 1);
    assert_eq!(
        d.strengths.last().unwrap(),
        "Leaders talk about outcomes for people, not about hours of care. Seen in three plans."
    );
    // One undo takes it out again.
    press(&mut app, "ctrl-z");
    let n = wb(&app)
        .findings
        .domains
        .iter()
        .find(|d| d.domain == domain)
        .map_or(0, |d| d.strengths.len());
    assert_eq!(n, before);
}

#[test]
fn a_reviewer_marks_programme_items_attended_on_the_activity_screen_and_a_joint_one_counts_once() {
    use peerbook::workbook::ProgrammeItem;
    use peerbook::workbook::onsite::ActivityKind;
    let mut w = seed("seeds/suffolk-reablement-2016.yaml");
    w.review.programme.push(ProgrammeItem {
        id: "p1".into(),
        kind: ActivityKind::FocusGroup,
        title: "Carers' focus group".into(),
        people: Some(18),
        hours: Some(1.5),
        ..ProgrammeItem::default()
    });
    let (mut app, _d) = app_with(detached, w);
    for name in ["Owen Castellano", "Nadia Brookes"] {
        typ(&mut app, "W");
        typ(&mut app, name);
        keys(&mut app, "enter");
        typ(&mut app, "A");
        keys(&mut app, "p");
        let shown = expect_popup(&app, "programme");
        assert_eq!(shown.choices.len(), 1);
        assert!(shown.choices[0].contains("Focus group · Carers' focus group · 18 people"));
        assert!(shown.choices[0].starts_with("  "), "not yet attended");
        keys(&mut app, "enter");
        assert!(message(&app).starts_with("Attended: Carers' focus group"));
        keys(&mut app, "p");
        assert!(expect_popup(&app, "programme").choices[0].starts_with("✔"));
        keys(&mut app, "esc");
        typ(&mut app, "W");
        keys(&mut app, "y");
    }
    assert_eq!(
        wb(&app).attendees("p1"),
        vec!["Owen Castellano", "Nadia Brookes"]
    );
    let t = peerbook::review::analysis::totals(wb(&app));
    assert_eq!((t.meetings, t.people), (1, 18));
    // The Peer screen's title counts it once.
    typ(&mut app, "V");
    let s = screen(&mut app, 120, 30);
    assert!(s.contains("1 meeting, 18 people, 1.5 hours"), "{s}");
}

/// Moves down the Findings screen until the selected row holds `needle`.
fn select_row(app: &mut peerbook::tui::app::App, needle: &str) {
    keys(app, "g");
    for _ in 0..200 {
        if selected_rows(app, 160, 40)
            .iter()
            .any(|r| r.contains(needle))
        {
            return;
        }
        keys(app, "down");
    }
    panic!("no row holds {needle:?}");
}

#[test]
fn recommendations_reorder_with_k_and_j_and_their_order_is_their_number() {
    let (mut app, _d) = app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"));
    let recs = |app: &peerbook::tui::app::App| -> Vec<String> {
        wb(app)
            .findings
            .recommendations
            .iter()
            .map(|r| r.text.clone())
            .collect()
    };
    let before = recs(&app);
    typ(&mut app, "F");
    select_row(&mut app, &before[1][..20]);
    press(&mut app, "K");
    assert_eq!(recs(&app)[0], before[1]);
    assert_eq!(recs(&app)[1], before[0]);
    assert_eq!(message(&app), "Now recommendation 1");
    // The selection went with it: J takes it back down.
    press(&mut app, "J");
    assert_eq!(recs(&app), before);
    // At the top it stays where it is.
    select_row(&mut app, &before[0][..20]);
    press(&mut app, "K");
    assert_eq!(recs(&app), before);
    // Undo takes back the last move (J), not the one that did nothing.
    press(&mut app, "ctrl-z");
    assert_eq!(recs(&app)[0], before[1]);
}

#[test]
fn a_key_message_runs_over_lines_and_an_agreed_rating_takes_a_note_on_the_peer_screen() {
    let (mut app, _d) = app_with(detached, seed("seeds/suffolk-reablement-2016-onsite.yaml"));
    typ(&mut app, "F");
    let first = wb(&app).findings.key_messages[0].clone();
    select_row(&mut app, &first[..20]);
    keys(&mut app, "enter");
    expect_popup(&app, "editor");
    // Enter is a new line in a key message, no longer the end of it.
    keys(&mut app, "end");
    keys(&mut app, "enter");
    typ(&mut app, "A second line.");
    press(&mut app, "esc");
    assert_eq!(
        wb(&app).findings.key_messages[0],
        format!("{first}\nA second line.")
    );
    // The Peer screen's e writes the note on the agreed rating.
    typ(&mut app, "V");
    keys(&mut app, "e");
    let ed = expect_popup(&app, "editor");
    let had = wb(&app)
        .consensus
        .iter()
        .find(|a| a.question == "1")
        .unwrap()
        .note
        .clone();
    assert_eq!(ed.input, had.clone().or(Some(String::new())));
    clear_input(&mut app);
    typ(&mut app, "Agreed after the carers' focus group");
    press(&mut app, "esc");
    let a = wb(&app)
        .consensus
        .iter()
        .find(|a| a.question == "1")
        .unwrap();
    assert_eq!(
        a.note.as_deref(),
        Some("Agreed after the carers' focus group")
    );
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("Agreed (e): Agreed after the carers' focus group"),
        "{s}"
    );
}

#[test]
fn the_review_manager_plans_the_programme_on_the_details_screen() {
    let (mut app, _d) = app_with(detached, seed("seeds/suffolk-reablement-2016.yaml"));
    typ(&mut app, "R");
    select_row(&mut app, "+ add to the on-site programme");
    keys(&mut app, "enter");
    let ed = expect_popup(&app, "editor");
    assert_eq!(ed.input.as_deref(), Some(""));
    typ(&mut app, "Carers' focus group");
    press(&mut app, "esc");
    // Its people met and hours follow its kind, date and who hosts it.
    for _ in 0..4 {
        keys(&mut app, "down");
    }
    keys(&mut app, "enter");
    typ(&mut app, "18");
    keys(&mut app, "enter");
    keys(&mut app, "down");
    keys(&mut app, "enter");
    typ(&mut app, "3,5");
    keys(&mut app, "enter");
    assert!(
        expect_popup(&app, "editor")
            .error
            .unwrap_or_default()
            .contains("not a comma")
    );
    backspaces(&mut app, 3);
    typ(&mut app, "1.5");
    keys(&mut app, "enter");
    let p = &wb(&app).review.programme;
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].id, "p1");
    assert_eq!(p[0].title, "Carers' focus group");
    assert_eq!(p[0].people, Some(18));
    assert_eq!(p[0].hours, Some(1.5));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("Programme 1 what"), "{s}");
}
