//! The on-site week as a review manager runs it (issue 13): hours and people
//! that mean what they say, the shared programme counted once, coverage in
//! `status`, and the checks before the feedback report goes out.

use std::fs;

use peerbook::workbook::onsite::{Activity, ActivityKind, Agreed, Reviewer};
use peerbook::workbook::{self, ProgrammeItem, Rating, Workbook};

mod support;
use support::bin::Home;
use support::seed;

/// A workbook with one reviewer whose log has one activity per `hours`
/// text, written into the file as it is given (so `3,5` reaches the reader).
fn with_hours(home: &Home, hours: &[&str]) -> String {
    let mut wb = seed("suffolk-reablement-2016.yaml");
    let mut r = Reviewer {
        name: "Ann".into(),
        ..Reviewer::default()
    };
    for i in 0..hours.len() {
        r.activities.push(Activity {
            title: format!("Meeting {i}"),
            hours: Some(7.25 + i as f64),
            ..Activity::default()
        });
    }
    wb.reviewers.push(r);
    let mut text = workbook::to_text(&wb);
    for (i, h) in hours.iter().enumerate() {
        text = text.replace(
            &format!("hours: {}", 7.25 + i as f64),
            &format!("hours: {h}"),
        );
    }
    home.write("wb.yaml", text.as_bytes());
    text
}

/// The line (1-based) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn validate_refuses_hours_that_do_not_mean_what_they_say_with_line_column_and_fix() {
    let home = Home::new();
    let text = with_hours(&home, &["3,5", "-2", "30", "1e6", "1.5"]);
    let (code, out) = home.fails(&["validate", "wb.yaml"]);
    assert_eq!(code, 1, "{out}");
    for (bad, why) in [
        ("3,5", "not a comma"),
        ("-2", "cannot be negative"),
        ("30", "more than 24 hours"),
        ("1e6", "more than 24 hours"),
    ] {
        let line = line_of(&text, &format!("hours: {bad}"));
        let at = format!("wb.yaml:{line}:");
        let said = out
            .lines()
            .find(|l| l.starts_with(&at))
            .unwrap_or_else(|| panic!("nothing at {at} for {bad}:\n{out}"));
        assert!(said.contains(why), "{bad}: {said}");
    }
    assert!(out.contains("help: write the hours as digits, e.g. `hours: 1.5`"));
    assert!(out.contains("wb.yaml: invalid (4 errors)"), "{out}");
    // 1.5 alone is fine.
    with_hours(&home, &["1.5"]);
    home.ok(&["validate", "wb.yaml"]);
}

#[test]
fn people_met_is_a_whole_number_from_nought() {
    let home = Home::new();
    let mut wb = seed("suffolk-reablement-2016.yaml");
    let mut r = Reviewer {
        name: "Ann".into(),
        ..Reviewer::default()
    };
    for people in [5, 6] {
        r.activities.push(Activity {
            title: "Focus group".into(),
            people: Some(people),
            ..Activity::default()
        });
    }
    wb.reviewers.push(r);
    let text = workbook::to_text(&wb)
        .replace("people: 5", "people: -1")
        .replace("people: 6", "people: 2.5");
    home.write("wb.yaml", text.as_bytes());
    let (_, out) = home.fails(&["validate", "wb.yaml"]);
    let minus = line_of(&text, "people: -1");
    let half = line_of(&text, "people: 2.5");
    assert!(
        out.contains(&format!("wb.yaml:{minus}:")) && out.contains("from 0, found -1"),
        "{out}"
    );
    assert!(
        out.contains(&format!("wb.yaml:{half}:")) && out.contains("should be a whole number"),
        "{out}"
    );
}

/// Two reviewers at the same focus group of 18, each logging it.
fn joint_meeting() -> Workbook {
    let mut wb = seed("suffolk-reablement-2016.yaml");
    wb.review.programme.push(ProgrammeItem {
        id: "p1".into(),
        kind: ActivityKind::FocusGroup,
        title: "Carers' focus group".into(),
        people: Some(18),
        hours: Some(2.0),
        ..ProgrammeItem::default()
    });
    for name in ["Owen", "Nadia"] {
        wb.reviewer_mut(name);
        wb.toggle_attended(name, "p1").unwrap();
        wb.reviewer_mut(name).activities[0].people = Some(9 + name.len() as u32);
    }
    wb
}

#[test]
fn a_joint_meeting_counts_once_in_status_and_survives_a_round_trip() {
    let home = Home::new();
    let wb = joint_meeting();
    let text = workbook::to_text(&wb);
    assert!(text.contains("  programme:\n  - id: p1\n"), "{text}");
    assert_eq!(text.matches("programme: p1").count(), 2);
    home.write("wb.yaml", text.as_bytes());
    home.ok(&["validate", "wb.yaml"]);
    let out = home.ok(&["status", "wb.yaml"]);
    assert!(
        out.contains("held 1 meeting, met 18 people, 2 hours on site"),
        "{out}"
    );
    let json = home.ok(&["status", "wb.yaml", "--format", "json"]);
    assert!(json.contains("\"people\": 18"), "{json}");
    let back = workbook::from_text("wb.yaml", text.as_bytes()).unwrap().0;
    assert_eq!(workbook::to_text(&back), text);
    assert_eq!(back.attendees("p1"), vec!["Owen", "Nadia"]);
}

#[test]
fn the_feedback_reports_statistics_count_a_joint_meeting_once() {
    let wb = joint_meeting();
    let s = peerbook::export::feedback::statistics(&wb);
    assert_eq!((s.focus_groups, s.people), (1, 18), "not 2 and 27");
    assert_eq!(s.hours, 2.0);
}

#[test]
fn a_programme_id_used_twice_is_refused_and_an_unknown_one_is_a_warning() {
    let home = Home::new();
    let mut wb = joint_meeting();
    let mut second = wb.review.programme[0].clone();
    second.title = "Another".into();
    wb.review.programme.push(second);
    home.write("wb.yaml", workbook::to_text(&wb).as_bytes());
    let (_, out) = home.fails(&["validate", "wb.yaml"]);
    assert!(out.contains("programme id 'p1' is used twice"), "{out}");
    let mut wb = joint_meeting();
    wb.reviewers[0].activities[0].programme = Some("p9".into());
    home.write("wb.yaml", workbook::to_text(&wb).as_bytes());
    let out = home.ok(&["validate", "wb.yaml"]);
    assert!(out.contains("no programme item 'p9'"), "{out}");
}

#[test]
fn status_names_the_questions_no_reviewer_has_looked_at() {
    let home = Home::new();
    let mut wb = seed("suffolk-reablement-2016.yaml");
    let ids: Vec<String> = wb
        .framework
        .questions()
        .map(|(_, q)| q.id.clone())
        .collect();
    let r = wb.reviewer_mut("Ann");
    for id in ids.iter().filter(|id| *id != "4" && *id != "7") {
        r.answer_mut(id).notes = "Read the plan".into();
    }
    home.write("wb.yaml", workbook::to_text(&wb).as_bytes());
    let out = home.ok(&["status", "wb.yaml"]);
    assert!(
        out.contains("Not yet looked at by any reviewer: KLOE 4, KLOE 7"),
        "{out}"
    );
    let json = home.ok(&["status", "wb.yaml", "--format", "json"]);
    assert!(
        json.contains(
            "\"not_covered\": [\n      {\n        \"question\": \"4\",\n        \"ref\": \"KLOE 4\""
        ),
        "{json}"
    );
}

#[test]
fn the_feedback_report_waits_for_its_checks_unless_a_draft_is_asked_for() {
    let home = Home::new();
    fs::copy(
        support::seed_path("suffolk-reablement-2016-onsite.yaml"),
        home.path("onsite.yaml"),
    )
    .unwrap();
    let args = [
        "export",
        "onsite.yaml",
        "--pack",
        "feedback",
        "--format",
        "md",
        "--date",
        "2026-03-14",
    ];
    let (code, out) = home.fails(&args);
    assert_eq!(code, 1);
    assert!(
        out.contains("the feedback report was not written: 2 things to settle first:"),
        "{out}"
    );
    assert!(out.contains("  no agreed rating: KLOE 10 — agree a rating on the Peer screen"));
    assert!(out.contains("  no agreed rating: KLOE 12"));
    assert!(out.contains("add --draft"));
    assert!(!home.path("suffolk-county-council-reablement-self-assessment-2016-illustrative-example-feedback.md").exists());

    let mut draft = args.to_vec();
    draft.extend(["--draft", "--out", "draft.md"]);
    home.ok(&draft);
    let md = fs::read_to_string(home.path("draft.md")).unwrap();
    assert!(md.starts_with("# DRAFT: Suffolk County Council"), "{md}");
    assert!(md.contains("**DRAFT: not the final report. Still to settle (2):**"));
    assert!(md.contains("- no agreed rating: KLOE 10"));
    let mut docx = args.to_vec();
    docx[5] = "docx";
    docx.extend(["--draft", "--out", "draft.docx"]);
    home.ok(&docx);

    // Agree the two ratings and the report goes out, unmarked.
    let text = fs::read_to_string(home.path("onsite.yaml")).unwrap();
    let mut wb = workbook::from_text("onsite.yaml", text.as_bytes())
        .unwrap()
        .0;
    for q in ["10", "12"] {
        wb.consensus.push(Agreed {
            question: q.into(),
            rating: Rating::Level(2),
            ..Agreed::default()
        });
    }
    home.write("onsite.yaml", workbook::to_text(&wb).as_bytes());
    let status = home.ok(&["status", "onsite.yaml"]);
    assert!(
        status.contains("Before the feedback report: ready"),
        "{status}"
    );
    let mut fin = args.to_vec();
    fin.extend(["--out", "final.md"]);
    home.ok(&fin);
    let md = fs::read_to_string(home.path("final.md")).unwrap();
    assert!(!md.contains("DRAFT"));
}

#[test]
fn the_progress_pack_says_what_is_done_late_and_open_on_the_day_given() {
    let home = Home::new();
    let text =
        fs::read_to_string(support::seed_path("suffolk-reablement-2016-onsite.yaml")).unwrap();
    let mut wb = workbook::from_text("onsite.yaml", text.as_bytes())
        .unwrap()
        .0;
    let recs = &mut wb.findings.recommendations;
    let n = recs.len();
    recs[0].status = peerbook::workbook::onsite::ActionStatus::Done;
    recs[0].progress = Some("Published in May".into());
    home.write("onsite.yaml", workbook::to_text(&wb).as_bytes());
    let late = |date: &str| {
        home.ok(&[
            "export",
            "onsite.yaml",
            "--pack",
            "progress",
            "--format",
            "md",
            "--date",
            date,
            "--out",
            "p.md",
            "--force",
        ]);
        fs::read_to_string(home.path("p.md")).unwrap()
    };
    let before = late("2016-12-01");
    assert!(
        before.contains(&format!("Of {n} recommendations, 1 is done, 0 are late")),
        "{before}"
    );
    assert!(before.contains("Published in May"));
    let after = late("2030-01-01");
    assert!(
        after.contains(&format!("1 is done, {} are late", n - 1)),
        "{after}"
    );
    assert!(after.contains("*Nothing is open.*"), "{after}");
}

#[test]
fn merge_carries_the_programme_and_each_reviewers_attendance_and_counts_a_joint_meeting_once() {
    let home = Home::new();
    let mut base = seed("suffolk-reablement-2016.yaml");
    base.review.programme.push(ProgrammeItem {
        id: "p1".into(),
        kind: ActivityKind::FocusGroup,
        title: "Carers' focus group".into(),
        people: Some(18),
        hours: Some(2.0),
        ..ProgrammeItem::default()
    });
    home.write("base.yaml", workbook::to_text(&base).as_bytes());
    for name in ["Owen", "Nadia"] {
        let mut copy = base.clone();
        copy.reviewer_mut(name).answer_mut("1").notes = format!("{name} met the carers");
        copy.toggle_attended(name, "p1").unwrap();
        home.write(&format!("{name}.yaml"), workbook::to_text(&copy).as_bytes());
    }
    home.ok(&[
        "merge",
        "base.yaml",
        "Owen.yaml",
        "Nadia.yaml",
        "--out",
        "merged.yaml",
    ]);
    let text = fs::read_to_string(home.path("merged.yaml")).unwrap();
    let merged = workbook::from_text("merged.yaml", text.as_bytes())
        .unwrap()
        .0;
    assert_eq!(merged.review.programme.len(), 1);
    let mut who = merged.attendees("p1");
    who.sort();
    assert_eq!(who, vec!["Nadia", "Owen"]);
    let out = home.ok(&["status", "merged.yaml"]);
    assert!(
        out.contains("held 1 meeting, met 18 people, 2 hours"),
        "{out}"
    );
}

/// The Suffolk seed as `review.yaml`, in a folder of its own.
fn week_folder() -> Home {
    let home = Home::new();
    fs::copy(
        support::seed_path("suffolk-reablement-2016.yaml"),
        home.path("review.yaml"),
    )
    .unwrap();
    home
}

#[test]
fn a_name_with_escape_sequences_never_reaches_the_terminal_from_copy_or_merge() {
    let home = week_folder();
    let evil = "Evil\u{1b}[2J\u{1b}]0;pwn\u{7} Name";
    let made = home.ok(&["copy", "review.yaml", "--for", evil, "--out", "evil.yaml"]);
    // A reviewer's copy that also changes the council's rating: held, and
    // the reason names the copy.
    let mut wb = {
        let bytes = fs::read(home.path("evil.yaml")).unwrap();
        workbook::from_text("evil.yaml", &bytes).unwrap().0
    };
    wb.answers[0].rating = Rating::Level(1);
    home.write("evil.yaml", workbook::to_text(&wb).as_bytes());
    let merged = home.ok(&["merge", "review.yaml", "evil.yaml", "--out", "merged.yaml"]);
    let listed = home.ok(&["resolve", "merged.yaml"]);
    for (what, out) in [("copy", &made), ("merge", &merged), ("resolve", &listed)] {
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{what} printed a raw escape: {out:?}"
        );
        assert!(out.contains("Name"), "{what}: {out}");
    }
}

#[test]
fn merge_names_each_folder_it_looked_in_once_and_a_copy_given_twice_by_its_file_once() {
    let home = week_folder();
    home.ok(&["copy", "review.yaml", "--for", "Owen", "--out", "owen.yaml"]);
    let out = home.ok(&[
        "merge",
        "review.yaml",
        "owen.yaml",
        "owen.yaml",
        "--out",
        "merged.yaml",
    ]);
    assert!(!out.contains("(owen.yaml) (owen.yaml)"), "{out}");
    assert!(
        out.contains("Owen's copy (owen.yaml): nothing new taken"),
        "{out}"
    );
    // A copy of a workbook this folder has no base for.
    let mut wb = {
        let bytes = fs::read(home.path("owen.yaml")).unwrap();
        workbook::from_text("owen.yaml", &bytes).unwrap().0
    };
    wb.copy.as_mut().unwrap().base = format!("sha256:{}", "0".repeat(64));
    home.write("lost.yaml", workbook::to_text(&wb).as_bytes());
    let (code, said) = home.fails(&["merge", "merged.yaml", "lost.yaml", "--out", "m2.yaml"]);
    assert_eq!(code, 2, "{said}");
    let folders = said
        .split("no snapshot of its base is in ")
        .nth(1)
        .and_then(|s| s.split(". Pass").next())
        .unwrap_or_else(|| panic!("{said}"));
    let list: Vec<&str> = folders.split(", ").collect();
    let mut once = list.clone();
    once.dedup();
    assert_eq!(list, once, "{said}");
}
