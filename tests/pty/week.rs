//! An on-site week as the README's routine runs it, end to end in the real
//! binary: the review manager plans the programme in the interface and
//! makes three reviewers' copies with `peerbook copy`; on day 1 two
//! reviewers rate, write notes, strengths, areas and a source (saying which
//! programme item it came from) and mark what they attended, each in a
//! pseudo-terminal; evening 1 merges into merged.yaml; on day 2 they take
//! fresh copies of it and go on, one of them touching the council's own
//! rating, while the third reviewer's late copy, still made from the
//! original workbook, comes in; evening 2 merges into the same workbook;
//! the held conflict is settled with `peerbook resolve`; the feedback
//! report is refused while anything stands before it and written as a
//! draft when asked; the manager agrees ratings and writes the findings in
//! the interface; the report and the action plan go out.
//!
//! Each step waits for what the screen shows, never for a fixed time (bar
//! the pause after Esc that every PTY test needs).
//!
//! (Just over 600 lines: one scenario, the whole week, step by step.)

use super::*;
use peerbook::workbook::{self, Rating, Workbook};

const OWEN: &str = "Owen Castellano";
const NADIA: &str = "Nadia Brookes";
const CAROL: &str = "Carol Ives";

const OWEN_NOTE: &str = "Goals are in people's own words in most plans.";
const OWEN_DAY2: &str = " Day 2: confirmed in case files.";
const OWEN_STRENGTH: &str = "Plans record goals in people's words";
const OWEN_AREA: &str = "No single pathway across the intermediate tier";
const OWEN_SOURCE: &str = "Carers said the plans were theirs";
const NADIA_NOTE: &str = "Leaders know where the pathway falls short.";
const NADIA_STRENGTH: &str = "A shared vision owned by staff";
const NADIA_DAY2: &str = "Workforce plan is funded to 2018.";
const CAROL_NOTE: &str = "Providers say recruitment is the barrier.";
const CAROL_AREA: &str = "Grow the provider workforce with partners";
const KEY_MESSAGE: &str = "Home First works; the wider pathway does not yet.";
const REC_1: &str = "Describe one reablement pathway across health and care";
const REC_2: &str = "Agree one outcome measure for the whole pathway";

fn load(home: &Path, name: &str) -> Workbook {
    let bytes = std::fs::read(home.join(name)).unwrap();
    workbook::from_text(name, &bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .0
}

/// Runs `peerbook ARGS`, which must fail; returns what it printed.
fn fails(home: &Path, args: &[&str]) -> String {
    let out = peerbook(home, args);
    let text = support::bin::text(&out);
    assert!(!out.status.success(), "{args:?} should fail:\n{text}");
    assert!(!text.contains("panicked"), "{text}");
    text
}

/// Types text, waiting until its end shows.
fn type_text(p: &mut Pty, text: &str) {
    p.send(text.as_bytes());
    // Its last word: a longer tail may be wrapped across two lines.
    p.wait_text(text.split_whitespace().last().unwrap_or(""));
}

/// Finishes typing in the editor titled `label` (Esc), waiting until it
/// has closed.
fn done_typing(p: &mut Pty, label: &str) {
    p.send_esc();
    let title = format!("{label} — ");
    p.wait_for(&format!("the {label} editor to close"), |p| {
        !p.contents().contains(&title)
    });
}

/// Opens the editor with `key`, types `text` and closes it.
fn write_in(p: &mut Pty, key: &[u8], label: &str, text: &str) {
    p.send(key);
    p.wait_text(&format!("{label} — "));
    type_text(p, text);
    done_typing(p, label);
}

/// Selects KLOE `n` in the question list (which has the focus).
fn go_to(p: &mut Pty, n: usize) {
    p.send(b"g");
    p.wait_text("KLOE 1 · ");
    for i in 2..=n {
        p.send(b"j");
        p.wait_text(&format!("KLOE {i} · "));
    }
}

/// Rates the selected question KLOE `n` at `level`, waiting for the list to
/// show it.
fn rate(p: &mut Pty, n: usize, level: u8) {
    p.send(&[b'0' + level]);
    p.wait_text(&format!("KLOE {n} {level} "));
}

/// Opens the copy in reviewer mode, as the person it was made for.
fn review(home: &Path, copy: &str, name: &str) -> Pty {
    let mut p = Pty::spawn(home, &["review", copy]);
    p.wait_text(&format!("Reviewing as {name}"));
    p
}

/// Marks the programme item at `row` of the programme attended.
fn attend(p: &mut Pty, row: usize, title: &str) {
    p.send(b"A");
    p.wait_text("activity log");
    p.send(b"p");
    p.wait_text("The programme: Enter marks what you attended");
    for _ in 0..row {
        p.send(b"j");
    }
    p.send(b"\r");
    p.wait_text(&format!("Attended: {title}"));
    p.send(b"Q");
    p.wait_text("Questions: ");
}

/// Quits once everything is saved.
fn quit(mut p: Pty) {
    p.wait_for("the status bar to say saved", |p| {
        let s = p.contents();
        s.contains(" saved\n") || s.lines().any(|l| l.trim_end().ends_with(" saved"))
    });
    p.send(b"q");
    let status = p.wait_exit();
    assert!(status.success(), "{status:?}:\n{}", p.contents());
}

/// The manager plans the programme on the Details screen: a focus group
/// and an interview.
fn plan_the_programme(home: &Path) {
    let mut p = Pty::spawn(home, &["open", "review.yaml"]);
    p.wait_text("KLOE 1 · ");
    p.send(b"R");
    p.wait_text("+ add to the on-site programme");
    // Past the council, title, dates, the word limit and evidence age, four
    // focus questions and the row that adds a fifth.
    p.send(&[b'j'; 11]);
    for (n, title, focus_group, people, hours) in [
        (1, "Carers' focus group", true, "18", "2"),
        (2, "Director of adult social care", false, "1", "1.5"),
    ] {
        p.send(b"\r");
        p.wait_text("Programme: what — ");
        type_text(&mut p, title);
        p.send(b"\r");
        p.wait_text(&format!("Programme {n} what: {title}"));
        p.send(b"j");
        if focus_group {
            p.send(b"\r");
            p.wait_text("Kind of activity");
            p.send(b"j\r");
            p.wait_text(&format!("Programme {n} kind: Focus group"));
        }
        // Past the kind, the date and with whom.
        p.send(b"jjj\r");
        p.wait_text("Programme: people met — ");
        p.send(people.as_bytes());
        p.send(b"\r");
        p.wait_text(&format!("Programme {n} people met: {people}"));
        p.send(b"j\r");
        p.wait_text("Programme: hours — ");
        p.send(hours.as_bytes());
        p.send(b"\r");
        p.wait_text(&format!("Programme {n} hours: {hours}"));
        // The row that adds the next.
        p.send(b"j");
    }
    quit(p);
}

/// Owen, day 1: the person-centred questions, with notes, a strength, an
/// area and a source on the first, and the focus group.
fn owen_day_1(home: &Path) {
    let mut p = review(home, "review-owen-castellano.yaml", OWEN);
    go_to(&mut p, 1);
    rate(&mut p, 1, 2);
    write_in(&mut p, b"e", "Your notes on this question", OWEN_NOTE);
    p.send(b"\t");
    p.wait_text("Answer: ");
    write_in(&mut p, b"a", "Strength", OWEN_STRENGTH);
    // The last line adds a source; the one before it an area.
    write_in(&mut p, b"Gka", "Area for consideration", OWEN_AREA);
    p.send(b"Ga");
    p.wait_text("Heard: an interview or focus group");
    p.send(b"j\r");
    p.wait_text("Source — ");
    type_text(&mut p, OWEN_SOURCE);
    done_typing(&mut p, "Source");
    p.wait_text(&format!("[heard] {OWEN_SOURCE}"));
    // Heard at the focus group: the source says so.
    p.send(b"m");
    p.wait_text("Not from a programme item");
    p.send(b"j\r");
    p.wait_text("from the programme: Carers' focus group");
    p.send(b"\t");
    p.wait_text("Questions: ");
    for (n, level) in [(2, 3), (3, 3), (4, 2), (5, 3)] {
        go_to(&mut p, n);
        rate(&mut p, n, level);
    }
    attend(&mut p, 0, "Carers' focus group");
    quit(p);
}

/// Nadia, day 1: well led, with notes and a strength, and the focus group.
fn nadia_day_1(home: &Path) {
    let mut p = review(home, "review-nadia-brookes.yaml", NADIA);
    go_to(&mut p, 6);
    rate(&mut p, 6, 2);
    write_in(&mut p, b"e", "Your notes on this question", NADIA_NOTE);
    p.send(b"\t");
    p.wait_text("Answer: ");
    write_in(&mut p, b"a", "Strength", NADIA_STRENGTH);
    p.send(b"\t");
    p.wait_text("Questions: ");
    for (n, level) in [(7, 2), (8, 3), (9, 2)] {
        go_to(&mut p, n);
        rate(&mut p, n, level);
    }
    attend(&mut p, 0, "Carers' focus group");
    quit(p);
}

/// Owen, day 2, in a fresh copy of the merged workbook: more on KLOE 1, a
/// changed mind on KLOE 4, and the director's interview.
fn owen_day_2(home: &Path) {
    let mut p = review(home, "merged-owen-castellano.yaml", OWEN);
    go_to(&mut p, 1);
    // Day 1's work is there: his rating, and his notes to add to.
    p.wait_text("KLOE 1 2 ");
    p.send(b"e");
    p.wait_text("Your notes on this question — ");
    p.wait_text("Goals are in people's own words");
    type_text(&mut p, OWEN_DAY2);
    done_typing(&mut p, "Your notes on this question");
    go_to(&mut p, 4);
    rate(&mut p, 4, 1);
    attend(&mut p, 1, "Director of adult social care");
    quit(p);
}

/// Nadia, day 2: notes on KLOE 9, then out of reviewer mode (asked first)
/// to put right what she takes for a gap in the council's own ratings.
fn nadia_day_2(home: &Path) {
    let mut p = review(home, "merged-nadia-brookes.yaml", NADIA);
    go_to(&mut p, 9);
    write_in(&mut p, b"e", "Your notes on this question", NADIA_DAY2);
    p.send(b"W");
    p.wait_text("Leave reviewer mode (Nadia Brookes)?");
    p.send(b"y");
    p.wait_text("Left reviewer mode");
    p.send(b"j");
    p.wait_text("KLOE 10 · ");
    rate(&mut p, 10, 2);
    quit(p);
}

/// Carol joins on day 2 with the copy made for her on day 1, from the
/// original workbook: the market questions, and the focus group.
fn carol_late(home: &Path) {
    let mut p = review(home, "review-carol-ives.yaml", CAROL);
    for (n, level) in [(10, 2), (11, 1), (12, 2), (13, 1)] {
        go_to(&mut p, n);
        rate(&mut p, n, level);
    }
    go_to(&mut p, 12);
    write_in(&mut p, b"e", "Your notes on this question", CAROL_NOTE);
    p.send(b"\t");
    p.wait_text("Answer: ");
    write_in(&mut p, b"Gka", "Area for consideration", CAROL_AREA);
    p.send(b"\t");
    p.wait_text("Questions: ");
    attend(&mut p, 0, "Carers' focus group");
    quit(p);
}

/// The manager, after evening 2: agrees every rating as the reviewer who
/// looked at it rated it, takes a reviewer's strength or area into each
/// domain's findings, writes a key message, two recommendations and a next
/// step, and exports the feedback report from the interface.
fn manager_writes_up(home: &Path) {
    let mut p = Pty::spawn(home, &["open", "merged.yaml"]);
    p.wait_text("KLOE 1 · ");
    p.send(b"V");
    p.wait_text("Peer review: 3 reviewers");
    let agreed = [2u8, 3, 3, 1, 3, 2, 2, 3, 2, 2, 1, 2, 1];
    for level in agreed {
        p.send(&[b'0' + level, b'j']);
    }
    p.wait_text("KLOE 13 ");
    // One strength or area from each domain, from the team's notes: each
    // opens on the first one there is and takes it into the findings.
    for (down, question, taken) in [
        (0, "KLOE 1", OWEN_STRENGTH),
        (5, "KLOE 6", NADIA_STRENGTH),
        (6, "KLOE 12", CAROL_AREA),
    ] {
        if down == 0 {
            p.send(b"g");
        }
        for _ in 0..down {
            p.send(b"j");
        }
        p.send(b"n");
        p.wait_text(&format!("The team's notes on {question}"));
        p.wait_text(taken);
        p.send(b"\r");
        p.wait_text("Taken into the findings");
        p.send_esc();
        p.wait_for("the editor to close", |p| {
            !p.contents().contains("Enter or Esc done")
        });
    }
    p.send(b"F");
    p.wait_text("Findings and recommendations");
    p.send(b"g");
    write_in(&mut p, b"\r", "Key message", KEY_MESSAGE);
    // The last row adds a next step, the one above it a recommendation.
    write_in(&mut p, b"Gk\r", "Recommendation", REC_1);
    p.wait_text(&format!("R1 {REC_1}"));
    write_in(&mut p, b"Gk\r", "Recommendation", REC_2);
    p.wait_text(&format!("R2 {REC_2}"));
    write_in(
        &mut p,
        b"G\r",
        "Next step",
        "Feedback to the leadership team",
    );
    // Nothing stands before the report now: it is written at once.
    p.send(b"X");
    p.wait_text("Peer feedback report (markdown)");
    p.send(b"jjjj\r");
    p.wait_text("Written to");
    p.send(b"\r");
    p.wait_for("the pop-up to close", |p| {
        !p.contents().contains("Written to")
    });
    quit(p);
}

#[test]
fn three_reviewers_two_days_two_evening_merges_a_late_copy_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    std::fs::copy(
        support::seed_path("suffolk-reablement-2016.yaml"),
        home.join("review.yaml"),
    )
    .unwrap();
    plan_the_programme(home);
    let planned = load(home, "review.yaml");
    assert_eq!(planned.review.programme.len(), 2);
    assert_eq!(
        planned.review.programme[0].kind,
        peerbook::workbook::onsite::ActivityKind::FocusGroup
    );

    // The morning of day 1: a copy for each reviewer.
    for (name, role) in [
        (OWEN, "Lead peer"),
        (NADIA, "Member peer"),
        (CAROL, "Officer peer"),
    ] {
        let said = ok(
            home,
            &["copy", "review.yaml", "--for", name, "--role", role],
        );
        assert!(said.contains("a reviewer's copy"), "{said}");
    }
    owen_day_1(home);
    nadia_day_1(home);

    // Evening 1: the two copies that came back.
    let said = ok(
        home,
        &[
            "merge",
            "review.yaml",
            "review-owen-castellano.yaml",
            "review-nadia-brookes.yaml",
            "--out",
            "merged.yaml",
        ],
    );
    assert!(said.contains("0 conflicts"), "{said}");
    assert!(
        said.contains(
            "took from Owen Castellano's reviewer section: all of it, new (5 questions reviewed, 1 activity logged)"
        ),
        "{said}"
    );

    // Day 2: fresh copies of the merged workbook carry day 1's work.
    for (name, role) in [(OWEN, "Lead peer"), (NADIA, "Member peer")] {
        ok(
            home,
            &["copy", "merged.yaml", "--for", name, "--role", role],
        );
    }
    owen_day_2(home);
    nadia_day_2(home);
    carol_late(home);

    // Evening 2: into the same merged workbook; the late copy finds its
    // own base.
    let said = ok(
        home,
        &[
            "merge",
            "merged.yaml",
            "merged-owen-castellano.yaml",
            "merged-nadia-brookes.yaml",
            "review-carol-ives.yaml",
        ],
    );
    assert!(said.contains("5 changes taken, 1 conflict."), "{said}");
    assert!(
        said.contains("took from Owen Castellano's reviewer section: Owen Castellano's activity log; Owen Castellano's notes for KLOE 1; Owen Castellano's rating for KLOE 4"),
        "{said}"
    );
    assert!(
        said.contains(
            "Carol Ives's copy (review-carol-ives.yaml):\n  took from Carol Ives's reviewer section: all of it, new (4 questions reviewed, 1 activity logged)"
        ),
        "{said}"
    );
    assert!(
        said.contains("conflict 1: The council's rating for KLOE 10: was not rated; Nadia Brookes's copy: 2 (Some shortfalls)"),
        "{said}"
    );
    assert!(
        said.contains("held: Nadia Brookes's copy is a reviewer's copy"),
        "{said}"
    );

    // Nothing lost across the two merges, and the late copy took nothing
    // away from what the others had done.
    let m = load(home, "merged.yaml");
    let names: Vec<&str> = m.reviewers.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, [OWEN, NADIA, CAROL]);
    let entry = |who: &str, q: &str| {
        m.reviewer(who)
            .and_then(|r| r.answer(q))
            .cloned()
            .unwrap_or_else(|| panic!("{who} has no entry on {q}"))
    };
    let ratings = |who: &str, qs: std::ops::RangeInclusive<u8>| -> Vec<Rating> {
        qs.map(|q| entry(who, &q.to_string()).rating).collect()
    };
    let level = |ls: &[i64]| ls.iter().map(|l| Rating::Level(*l)).collect::<Vec<_>>();
    assert_eq!(ratings(OWEN, 1..=5), level(&[2, 3, 3, 1, 3]));
    assert_eq!(ratings(NADIA, 6..=9), level(&[2, 2, 3, 2]));
    assert_eq!(ratings(CAROL, 10..=13), level(&[2, 1, 2, 1]));
    let owen1 = entry(OWEN, "1");
    assert_eq!(owen1.notes, format!("{OWEN_NOTE}{OWEN_DAY2}"));
    assert_eq!(owen1.strengths, [OWEN_STRENGTH]);
    assert_eq!(owen1.areas, [OWEN_AREA]);
    assert_eq!(owen1.sources.len(), 1);
    assert_eq!(owen1.sources[0].text, OWEN_SOURCE);
    assert_eq!(owen1.sources[0].programme.as_deref(), Some("p1"));
    assert_eq!(entry(NADIA, "6").notes, NADIA_NOTE);
    assert_eq!(entry(NADIA, "6").strengths, [NADIA_STRENGTH]);
    assert_eq!(entry(NADIA, "9").notes, NADIA_DAY2);
    assert_eq!(entry(CAROL, "12").notes, CAROL_NOTE);
    assert_eq!(entry(CAROL, "12").areas, [CAROL_AREA]);
    assert_eq!(m.reviewer(OWEN).unwrap().role.as_deref(), Some("Lead peer"));
    // Three at the focus group, one at the interview: each counted once.
    assert_eq!(m.attendees("p1"), [OWEN, NADIA, CAROL]);
    assert_eq!(m.attendees("p2"), [OWEN]);
    let status = ok(home, &["status", "merged.yaml"]);
    assert!(
        status.contains("held 2 meetings, met 19 people, 3.5 hours on site"),
        "{status}"
    );
    assert!(
        status.contains("Not yet looked at by any reviewer: none"),
        "{status}"
    );
    // The council's rating was held, not taken.
    assert_eq!(m.answer("10").unwrap().rating, Rating::None);
    assert_eq!(m.conflicts.len(), 1);

    // The report waits for what stands before it, and says what.
    let feedback = [
        "export",
        "merged.yaml",
        "--pack",
        "feedback",
        "--format",
        "md",
        "--date",
        "2016-10-21",
    ];
    let refused = fails(home, &feedback);
    assert!(
        refused.contains("the feedback report was not written"),
        "{refused}"
    );
    assert!(
        refused.contains("unresolved conflict: The council's rating for KLOE 10"),
        "{refused}"
    );
    assert!(refused.contains("no agreed rating: KLOE 1 "), "{refused}");
    assert!(
        refused.contains("nothing written yet: Key messages"),
        "{refused}"
    );
    // A draft goes out when asked for, marked as one.
    let mut draft = feedback.to_vec();
    draft.extend(["--draft", "--out", "draft.md"]);
    ok(home, &draft);
    let md = std::fs::read_to_string(home.join("draft.md")).unwrap();
    assert!(md.starts_with("# DRAFT: "), "{md}");
    assert!(
        md.contains("- unresolved conflict: The council's rating for KLOE 10"),
        "{md}"
    );

    // The held conflict: the council's rating stays as the council left it.
    let listed = ok(home, &["resolve", "merged.yaml"]);
    assert!(
        listed.starts_with("1. The council's rating for KLOE 10"),
        "{listed}"
    );
    let settled = ok(home, &["resolve", "merged.yaml", "1", "--keep"]);
    assert!(settled.contains("0 conflicts left"), "{settled}");

    manager_writes_up(home);

    // What goes out: the report written from the interface, unmarked.
    let report_file = std::fs::read_dir(home)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|f| f.ends_with("-feedback.md"))
        .expect("the report was written beside the workbook");
    let report = std::fs::read_to_string(home.join(&report_file)).unwrap();
    assert!(!report.contains("DRAFT"), "{report}");
    for name in [OWEN, NADIA, CAROL] {
        assert!(
            report.contains(&format!("| {name} |")),
            "{name} in the team:\n{report}"
        );
    }
    for taken in [OWEN_STRENGTH, NADIA_STRENGTH, CAROL_AREA, KEY_MESSAGE] {
        assert!(report.contains(taken), "{taken}:\n{report}");
    }
    assert!(report.contains(&format!("**1. {REC_1}**")), "{report}");
    assert!(report.contains(&format!("**2. {REC_2}**")), "{report}");
    for row in [
        "| Interviews | 1 |",
        "| Focus groups | 1 |",
        "| People met | 19 |",
        "| Hours on site | 3.5 |",
    ] {
        assert!(report.contains(row), "{row}:\n{report}");
    }
    // The agreed ratings are the reviewers' own, Owen's day-2 mind
    // included.
    assert!(
        report.contains("| KLOE 4 | Are services seamless"),
        "{report}"
    );
    let kloe4 = report
        .lines()
        .find(|l| l.starts_with("| KLOE 4 |"))
        .unwrap();
    assert!(kloe4.contains("| Significant shortfalls (1) |"), "{kloe4}");
    let status = ok(home, &["status", "merged.yaml"]);
    assert!(
        status.contains("Before the feedback report: ready"),
        "{status}"
    );
    // The same report from the command line, now that nothing stands
    // before it.
    let mut fin = feedback.to_vec();
    fin.extend(["--out", "final.md"]);
    ok(home, &fin);

    // The action plan, for the council, in markdown and for a spreadsheet.
    ok(
        home,
        &[
            "export",
            "merged.yaml",
            "--pack",
            "action-plan",
            "--format",
            "md",
            "--out",
            "plan.md",
        ],
    );
    let plan = std::fs::read_to_string(home.join("plan.md")).unwrap();
    assert!(plan.contains(REC_1) && plan.contains(REC_2), "{plan}");
    ok(
        home,
        &[
            "export",
            "merged.yaml",
            "--pack",
            "action-plan",
            "--format",
            "csv",
            "--out",
            "plan.csv",
        ],
    );
    let csv = std::fs::read_to_string(home.join("plan.csv")).unwrap();
    assert!(csv.contains(&format!("1,{REC_1},")), "{csv}");
    assert!(csv.contains(&format!("2,{REC_2},")), "{csv}");
    ok(home, &["validate", "merged.yaml"]);
}
