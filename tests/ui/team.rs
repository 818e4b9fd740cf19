//! Issue 17 in the interface: what the peer team will ask on the dashboard.

use super::harness::*;

#[test]
fn the_dashboard_lists_what_the_peer_team_will_ask() {
    let (mut app, _d) = suffolk();
    press(&mut app, "D");
    let text = screen(&mut app, 120, 40);
    assert!(!text.contains("peer team will ask"), "{text}");

    let mut wb = seed(SUFFOLK);
    wb.answers[0].strengths.clear();
    wb.answers[0].evidence.clear();
    let (mut app, _d) = app_with(detached, wb);
    press(&mut app, "D");
    let text = screen(&mut app, 200, 40);
    assert!(text.contains("The peer team will ask about (1)"), "{text}");
    assert!(
        text.contains("KLOE 1 (no evidence, no strengths)"),
        "{text}"
    );
}

#[test]
fn v_signs_an_answer_off_and_a_change_lapses_it() {
    let (mut app, _d) = suffolk();
    // KLOE 1 is agreed: signed off as the user.
    press(&mut app, "v");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("KLOE 1 ✓"), "{text}");
    assert!(text.contains("signed off by Tester on "), "{text}");
    press(&mut app, "D");
    let text = screen(&mut app, 200, 40);
    assert!(text.contains("1 of 13 signed off"), "{text}");
    press(&mut app, "Q");
    // A new rating lapses it; the answer is back to ready for review.
    press(&mut app, "2");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("KLOE 1 !"), "{text}");
    assert!(
        text.contains("Ready for review · changed after sign-off by Tester"),
        "{text}"
    );
    // A draft cannot be signed off, and says why.
    press(&mut app, "j");
    press(&mut app, "v");
    assert!(
        message(&app).contains("'KLOE 2' is Draft, not ready for review"),
        "{}",
        message(&app)
    );
    assert!(is_error(&app));
    // Undo names the question as the list does.
    press(&mut app, "k");
    press(&mut app, "v");
    press(&mut app, "ctrl-z");
    assert!(
        message(&app).contains("sign off KLOE 1"),
        "{}",
        message(&app)
    );
}

#[test]
fn the_peer_screen_counts_in_the_singular_too() {
    let mut wb = seed("seeds/suffolk-reablement-2016-onsite.yaml");
    wb.reviewers.truncate(1);
    let r = &mut wb.reviewers[0];
    r.activities.retain(|a| a.kind.is_meeting());
    r.activities.truncate(1);
    r.activities[0].people = Some(1);
    r.activities[0].hours = Some(1.0);
    let (mut app, _d) = app_with(detached, wb);
    press(&mut app, "V");
    let text = screen(&mut app, 160, 30);
    assert!(
        text.contains(
            "Peer review: 1 reviewer · 0 documents, 1 meeting, 1 person, 1 hour · 0 conflicts"
        ),
        "{text}"
    );
}

#[test]
fn a_findings_only_framework_offers_no_rating_keys() {
    let (mut app, _d) = leeds();
    let text = screen(&mut app, 120, 30);
    let footer = text.lines().last().unwrap_or_default().to_string();
    assert!(!footer.contains("rating"), "{footer}");
    assert!(!footer.contains("1-9"), "{footer}");
    press(&mut app, "tab");
    let footer = screen(&mut app, 120, 30)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(!footer.contains("rating"), "{footer}");
    press(&mut app, "tab");
    press(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..60 {
        seen.push_str(&screen(&mut app, 80, 24));
        press(&mut app, "j");
    }
    assert!(!seen.contains("rate at that level"), "{seen}");
    assert!(!seen.contains("choose a rating"), "{seen}");
    assert!(seen.contains("edit the narrative"), "{seen}");
    // A framework with a scale still offers them.
    let (mut app, _d) = suffolk();
    press(&mut app, "?");
    assert!(screen(&mut app, 80, 24).contains("rate at that level"));
}

#[test]
fn rating_and_clearing_in_reviewer_mode_leaves_no_empty_entry() {
    let (mut app, _d) = suffolk();
    app.reviewer = Some("Alice Peer".into());
    keys(&mut app, "j 2");
    let r = wb(&app).reviewer("Alice Peer").expect("Alice's section");
    assert_eq!(
        r.answer("2").map(|a| a.rating),
        Some(peerbook::workbook::Rating::Level(2))
    );
    keys(&mut app, "0");
    let r = wb(&app).reviewer("Alice Peer").expect("Alice's section");
    assert!(r.answer("2").is_none(), "{:?}", r.answers);
    let text = peerbook::workbook::to_text(wb(&app));
    assert!(!text.contains("  answers:\n  - question: '2'\n"), "{text}");
}

#[test]
fn the_narrative_editor_counts_words_against_the_limit() {
    let (mut app, _d) = suffolk();
    press(&mut app, "e");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Narrative: where we are · 114 words"),
        "{text}"
    );
    let mut wb = seed(SUFFOLK);
    wb.review.word_limit = Some(60);
    let (mut app, _d) = app_with(detached, wb);
    assert!(screen(&mut app, 120, 40).contains("114/60 words, 54 over"));
    press(&mut app, "e");
    typ(&mut app, "More ");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Narrative: where we are · 115/60 words"),
        "{text}"
    );
    // Closed, the answer pane counts the same words (counted again for
    // the new revision, not kept from before the edit).
    press(&mut app, "esc");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Narrative (where we are): 115/60 words, 55 over"),
        "{text}"
    );
    // Other fields show no count.
    press(&mut app, "o");
    assert!(!screen(&mut app, 120, 40).contains(" words —"));
}

/// The word limit and the evidence age are set on the Details screen, by
/// the rule the file keeps: a bad value is refused and changes nothing.
#[test]
fn the_details_screen_sets_the_word_limit_and_the_evidence_age() {
    let (mut app, _d) = real_file(SUFFOLK);
    press(&mut app, "R");
    keys(&mut app, "j j j j");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Word limit of a narrative (blank: none)"),
        "{text}"
    );
    assert!(
        text.contains("Evidence is old after (months; blank: 18)"),
        "{text}"
    );
    press(&mut app, "enter");
    for bad in ["0", "-5", "many"] {
        typ(&mut app, bad);
        press(&mut app, "enter");
        let ed = expect_popup(&app, "editor");
        assert_eq!(
            ed.error.as_deref(),
            Some(
                format!(
                    "'{bad}' is not kept: write a whole number from 1, e.g. 400, or leave it blank"
                )
                .as_str()
            )
        );
        assert_eq!(wb(&app).review.word_limit, None, "{bad}");
        backspaces(&mut app, bad.len());
    }
    typ(&mut app, "60");
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(wb(&app).review.word_limit, Some(60));
    keys(&mut app, "j enter");
    typ(&mut app, "24");
    press(&mut app, "enter");
    assert_eq!(wb(&app).review.evidence_max_age_months, Some(24));
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Word limit of a narrative (blank: none): 60"),
        "{text}"
    );
    let (disk, file) = saved(&mut app);
    assert_eq!(disk.review.word_limit, Some(60));
    assert!(
        file.contains("  evidence_max_age_months: 24\n  word_limit: 60\n"),
        "{file}"
    );
    // The answer pane judges by it at once.
    press(&mut app, "Q");
    assert!(screen(&mut app, 120, 40).contains("114/60 words, 54 over"));
    // Blank is no limit again; one step to undo each.
    keys(&mut app, "R k enter");
    backspaces(&mut app, 2);
    press(&mut app, "enter");
    assert_eq!(wb(&app).review.word_limit, None);
    press(&mut app, "ctrl-z");
    assert_eq!(wb(&app).review.word_limit, Some(60));
}

/// `v` on a question with no answer yet says why it cannot be signed off,
/// and makes no empty answer for a later save to write.
#[test]
fn v_on_a_question_not_started_says_so_and_leaves_no_empty_answer() {
    let mut book = seed(SUFFOLK);
    book.answers.retain(|a| a.question != "2");
    let (mut app, _d) = app_with(detached, book);
    keys(&mut app, "j v");
    assert_eq!(question(&app).as_deref(), Some("2"));
    assert_eq!(
        message(&app),
        "'KLOE 2' is Not started, not ready for review; mark it ready for review first"
    );
    assert!(is_error(&app));
    assert!(wb(&app).answer("2").is_none());
}
