//! Issue 17, a council team at work, through the real binary: what the
//! peer team will ask in the pack's gaps.
//!
//! (Just over 600 lines: one test a behaviour of issue 17, sharing the
//! Suffolk workbook they edit.)

use std::fs;

mod support;
use support::bin::Home;
use support::seed_path;

/// The Suffolk seed with `extra` under `review:` and `edit` applied.
fn suffolk_with(home: &Home, review_extra: &str, edit: impl Fn(String) -> String) {
    let text = fs::read_to_string(seed_path("suffolk-reablement-2016.yaml")).unwrap();
    let text = text.replacen("review:\n", &format!("review:\n{review_extra}"), 1);
    let text = edit(text);
    home.write("review.yaml", text.as_bytes());
}

#[test]
fn the_pack_says_what_the_peer_team_will_ask() {
    let home = Home::new();
    suffolk_with(
        &home,
        "  word_limit: 60\n  evidence_max_age_months: 3\n",
        |t| {
            t.replacen(
            "  - Goals are agreed with the person and recorded in their own words in most Home First plans.\n  - Locality OTs plan around outcomes that matter to the person.\n  - Early outcome figures for Home First are encouraging.\n",
            "",
            1,
        )
        .replacen("  strengths:\n  areas:\n", "  areas:\n", 1)
        },
    );
    let out = home.ok(&[
        "export",
        "review.yaml",
        "--pack",
        "self-assessment",
        "--format",
        "md",
        "--out",
        "p.md",
        "--date",
        "2016-10-01",
    ]);
    assert_eq!(out.trim(), "p.md");
    let md = fs::read_to_string(home.path("p.md")).unwrap();
    let at = md.find("**What the peer team will ask (").expect(&md);
    let part = &md[at..];
    assert!(
        part.contains("- KLOE 1: evidence older than 3 months: Integrated Reablement"),
        "{part}"
    );
    assert!(
        part.contains("narrative of 114 words, over the limit of 60"),
        "{part}"
    );
    assert!(
        part.contains("KLOE 1: ") && part.contains("rated, but no strengths are written"),
        "{part}"
    );
    // The workbook's settings are kept by a save: validate reads them.
    let v = home.ok(&["validate", "review.yaml"]);
    assert!(v.contains("valid"), "{v}");
}

fn status(home: &Home) -> String {
    home.ok(&["status", "review.yaml"])
}

#[test]
fn sign_off_is_counted_and_lapses_when_the_answer_changes() {
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    // KLOE 2 is a draft: refused, with the fix.
    let (code, msg) = home.fails(&["sign-off", "review.yaml", "KLOE 2"]);
    assert_eq!(code, 2);
    assert!(
        msg.contains("'KLOE 2' is Draft, not ready for review; mark it ready for review first"),
        "{msg}"
    );
    // KLOE 1 is agreed: signed off by the user.
    let out = home.ok(&["sign-off", "review.yaml", "kloe 1"]);
    assert!(out.contains("KLOE 1: signed off by Test Officer"), "{out}");
    assert!(out.contains("1 of 13 questions signed off."), "{out}");
    let yaml = fs::read_to_string(home.path("review.yaml")).unwrap();
    assert!(
        yaml.contains("  signed_off:\n    by: Test Officer\n    at: "),
        "{yaml}"
    );
    assert!(status(&home).contains("\nSigned off: 1 of 13 questions\n"));
    let json = home.ok(&["status", "review.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["team"]["signed_off"], 1);
    assert_eq!(v["team"]["questions"], 13);

    // A change through the CSV import lapses it: back to ready for review.
    home.ok(&["export", "review.yaml", "--format", "csv", "--out", "d.csv"]);
    let csv = fs::read_to_string(home.path("d.csv")).unwrap();
    let csv = csv.replacen(
        "Goals are agreed with the person",
        "Goals are agreed with each person",
        1,
    );
    home.write("d.csv", csv.as_bytes());
    home.ok(&["import", "review.yaml", "d.csv"]);
    let s = status(&home);
    assert!(s.contains("\nSigned off: 0 of 13 questions\n"), "{s}");
    assert!(
        s.contains("Changed after sign-off, back to ready for review: KLOE 1"),
        "{s}"
    );
    let yaml = fs::read_to_string(home.path("review.yaml")).unwrap();
    assert!(
        yaml.contains("- question: '1'\n  status: ready-for-review\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  sign_off_lapsed:\n    by: Test Officer\n"),
        "{yaml}"
    );

    // The whole workbook, for the pack.
    home.ok(&["sign-off", "review.yaml", "--workbook"]);
    home.ok(&[
        "export",
        "review.yaml",
        "--pack",
        "summary",
        "--format",
        "md",
        "--out",
        "s.md",
    ]);
    let md = fs::read_to_string(home.path("s.md")).unwrap();
    assert!(md.contains("Signed off by Test Officer on "), "{md}");
}

#[test]
fn comments_are_counted_kept_out_of_packs_and_survive_a_merge_of_two_copies() {
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    fs::copy(home.path("review.yaml"), home.path("jo.yaml")).unwrap();
    fs::copy(home.path("review.yaml"), home.path("sam.yaml")).unwrap();
    let jo = home
        .cmd(&[
            "comment",
            "jo.yaml",
            "KLOE 3",
            "Which year is this figure for?",
        ])
        .env("PEERBOOK_USER", "Jo Smith")
        .output()
        .unwrap();
    assert!(jo.status.success(), "{}", support::bin::text(&jo));
    let sam = home
        .cmd(&[
            "comment",
            "sam.yaml",
            "KLOE 3",
            "Add the survey to the evidence",
        ])
        .env("PEERBOOK_USER", "Sam Patel")
        .output()
        .unwrap();
    assert!(sam.status.success());
    home.ok(&[
        "merge",
        "review.yaml",
        "jo.yaml",
        "sam.yaml",
        "--out",
        "merged.yaml",
    ]);
    let list = home.ok(&["comment", "merged.yaml", "KLOE 3"]);
    assert!(list.contains("Jo Smith"), "{list}");
    assert!(list.contains("Which year is this figure for?"), "{list}");
    assert!(list.contains("Sam Patel"), "{list}");
    let s = home.ok(&["status", "merged.yaml"]);
    assert!(s.contains("Open comments: 2\n"), "{s}");
    // Resolve one by the id it was listed with.
    let id = list
        .lines()
        .find(|l| l.contains("Sam Patel"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    let out = home.ok(&["comment", "merged.yaml", "KLOE 3", "--resolve", &id]);
    assert!(out.contains(&format!("Resolved {id} on KLOE 3.")), "{out}");
    let s = home.ok(&["status", "merged.yaml"]);
    assert!(s.contains("Open comments: 1\n"), "{s}");
    // Never in a pack.
    home.ok(&[
        "export",
        "merged.yaml",
        "--pack",
        "self-assessment",
        "--format",
        "md",
        "--out",
        "p.md",
    ]);
    let md = fs::read_to_string(home.path("p.md")).unwrap();
    assert!(
        !md.contains("Which year is this figure for"),
        "comments leaked into the pack"
    );
}

#[test]
fn one_reviewer_one_meeting_one_conflict_are_singular() {
    let home = Home::new();
    let text = fs::read(seed_path("suffolk-reablement-2016-onsite.yaml")).unwrap();
    let (mut wb, _) = peerbook::workbook::from_text("onsite.yaml", &text).unwrap();
    wb.reviewers.truncate(1);
    let r = &mut wb.reviewers[0];
    r.activities.retain(|a| a.kind.is_meeting());
    r.activities.truncate(1);
    r.activities[0].people = Some(1);
    r.activities[0].hours = Some(1.0);
    home.write("one.yaml", peerbook::workbook::to_text(&wb).as_bytes());
    let s = home.ok(&["status", "one.yaml"]);
    assert!(s.contains("On-site review (1 reviewer)\n"), "{s}");
    assert!(
        s.contains("  Activity: read 0 documents, held 1 meeting, met 1 person, 1 hour on site\n"),
        "{s}"
    );
}

#[test]
fn status_wraps_a_long_domain_title_instead_of_cutting_it() {
    let home = Home::new();
    home.ok(&[
        "new",
        "--framework",
        "halton-intermediate-care-2019",
        "--council",
        "Halton",
        "--title",
        "T",
        "--out",
        "h.yaml",
    ]);
    let s = home.ok(&["status", "h.yaml"]);
    assert!(
        s.contains("Intermediate care is responsive to individual\nneeds "),
        "{s}"
    );
    assert!(!s.contains("individual ne "), "{s}");
}

/// Two comments under one id (a thread pasted twice by hand) would be
/// taken for one by merge and by `comment --resolve`: validate refuses the
/// file, naming the line of each.
#[test]
fn a_comment_id_used_twice_on_an_answer_is_refused_with_both_lines() {
    use peerbook::workbook::{self, comments};
    let home = Home::new();
    let mut wb = support::seed("suffolk-reablement-2016.yaml");
    let at = "2026-02-10T09:00:00Z".parse().unwrap();
    let a = &mut wb.answers[0];
    let first = comments::add(a, "Jo Smith", at, "Which year is this figure for?");
    let second = comments::add(a, "Jo Smith", at, "And who collected it?");
    a.comments[1].id = first.clone();
    home.write("review.yaml", workbook::to_text(&wb).as_bytes());
    let text = fs::read_to_string(home.path("review.yaml")).unwrap();
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap()
    };
    let first_line = line_of(&format!("id: {first}"));
    let (_, out) = home.fails(&["validate", "review.yaml"]);
    assert!(
        out.contains(&format!(
            "comment id '{first}' is used twice on this answer (first at line {first_line})"
        )),
        "{out}"
    );
    assert!(out.contains("give each comment its own id"), "{out}");
    // Told apart again, the file validates.
    let mut wb = support::seed("suffolk-reablement-2016.yaml");
    let a = &mut wb.answers[0];
    comments::add(a, "Jo Smith", at, "Which year is this figure for?");
    comments::add(a, "Jo Smith", at, "And who collected it?");
    assert_eq!(a.comments[1].id, second);
    home.write("review.yaml", workbook::to_text(&wb).as_bytes());
    home.ok(&["validate", "review.yaml"]);
}

/// A word limit of 0 would make every narrative a gap ("8/0 words, 8
/// over"): it is refused with the way to say no limit; a negative or
/// worded one is refused as before.
#[test]
fn a_word_limit_of_zero_negative_or_in_words_is_refused_with_the_fix() {
    let home = Home::new();
    for (given, says) in [
        ("0", "'word_limit' should be a whole number from 1, found 0"),
        (
            "-5",
            "'word_limit' should be a whole number from 1, found -5",
        ),
        (
            "many",
            "'word_limit' should be a whole number, found 'many'",
        ),
    ] {
        suffolk_with(&home, &format!("  word_limit: {given}\n"), |t| t);
        let (code, out) = home.fails(&["validate", "review.yaml"]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("review.yaml:5:15: error: "), "{given}: {out}");
        assert!(out.contains(says), "{given}: {out}");
    }
    suffolk_with(&home, "  word_limit: 0\n", |t| t);
    let (_, out) = home.fails(&["validate", "review.yaml"]);
    assert!(
        out.contains("or leave `word_limit` out for no limit"),
        "{out}"
    );
    suffolk_with(&home, "  word_limit: 1\n", |t| t);
    home.ok(&["validate", "review.yaml"]);
}

/// A sign-off of several questions of which some are refused signs none
/// of them, says which were refused and why, and fails.
#[test]
fn a_sign_off_refused_part_way_signs_nothing_and_says_which_and_why() {
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    let before = fs::read(home.path("review.yaml")).unwrap();
    // KLOE 1 is agreed (it could be signed off), KLOE 2 a draft, KLOE 99
    // not a question.
    let (code, msg) = home.fails(&["sign-off", "review.yaml", "KLOE 1", "KLOE 2", "KLOE 99"]);
    assert_eq!(code, 2, "{msg}");
    assert!(
        msg.contains("nothing was signed off: 2 of the 3 questions given were refused:\n"),
        "{msg}"
    );
    assert!(
        msg.contains(
            "\n  'KLOE 2' is Draft, not ready for review; mark it ready for review first\n"
        ),
        "{msg}"
    );
    assert!(msg.contains("\n  no question 'KLOE 99' in "), "{msg}");
    assert!(msg.contains("The workbook is unchanged."), "{msg}");
    assert!(!msg.contains("signed off by"), "{msg}");
    assert_eq!(fs::read(home.path("review.yaml")).unwrap(), before);
    assert!(status(&home).contains("\nSigned off: 0 of 13 questions\n"));
    // The workbook's own sign-off waits on them too.
    let (_, msg) = home.fails(&["sign-off", "review.yaml", "KLOE 2", "--workbook"]);
    assert!(
        msg.contains("nothing was signed off: 'KLOE 2' is Draft"),
        "{msg}"
    );
    assert_eq!(fs::read(home.path("review.yaml")).unwrap(), before);
    // Left out, the rest is signed off.
    let out = home.ok(&["sign-off", "review.yaml", "KLOE 1"]);
    assert!(out.contains("KLOE 1: signed off by Test Officer"), "{out}");
    // Withdrawing one that is not signed off says so; an unknown one is refused.
    let out = home.ok(&["sign-off", "review.yaml", "KLOE 2", "--withdraw"]);
    assert!(out.contains("KLOE 2: was not signed off"), "{out}");
    let (_, msg) = home.fails(&["sign-off", "review.yaml", "KLOE 1", "KLOE 99", "--withdraw"]);
    assert!(
        msg.contains("nothing was withdrawn: 1 of the 2 questions given was refused:"),
        "{msg}"
    );
    assert!(status(&home).contains("\nSigned off: 1 of 13 questions\n"));
}

/// With no name at all (no PEERBOOK_USER, none kept, no login name), a
/// sign-off or a comment is refused rather than made by "unknown user".
#[test]
fn a_sign_off_or_comment_with_no_name_known_is_refused_and_changes_nothing() {
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    let before = fs::read(home.path("review.yaml")).unwrap();
    let nameless = |args: &[&str]| {
        let mut c = home.cmd(args);
        c.env("PEERBOOK_USER", "")
            .env_remove("USER")
            .env_remove("USERNAME")
            .env_remove("LOGNAME");
        let out = c.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    };
    for (args, what) in [
        (&["sign-off", "review.yaml", "KLOE 1"][..], "a sign-off"),
        (
            &["comment", "review.yaml", "KLOE 3", "Which year?"][..],
            "a comment",
        ),
    ] {
        let (code, msg) = nameless(args);
        assert_eq!(code, Some(2), "{msg}");
        assert!(
            msg.contains(&format!("{what} must say who made it")),
            "{msg}"
        );
        assert!(msg.contains("PEERBOOK_USER="), "{msg}");
        assert!(!msg.contains("unknown user"), "{msg}");
        assert!(!msg.contains("panicked"), "{msg}");
        assert_eq!(fs::read(home.path("review.yaml")).unwrap(), before);
    }
    // Listing a thread needs no name.
    let (code, msg) = nameless(&["comment", "review.yaml", "KLOE 3"]);
    assert_eq!(code, Some(0), "{msg}");
}

fn on_disk(home: &Home) -> peerbook::workbook::Workbook {
    let text = fs::read(home.path("review.yaml")).unwrap();
    peerbook::workbook::from_text("review.yaml", &text)
        .unwrap()
        .0
}

fn thread(home: &Home) -> String {
    home.ok(&["comment", "review.yaml", "KLOE 3"])
}

/// A comment too long for the command line comes from a file or from
/// standard input, kept by the rule a typed one is.
#[test]
fn a_comment_comes_from_a_file_or_standard_input() {
    use std::io::Write as _;
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    // 128 KB: past what a shell passes as one argument on many systems.
    let long = "The 2015 survey asked 412 people about reablement. ".repeat(2600);
    assert!(long.len() > 128 * 1024);
    home.write("long.txt", format!("\n{long}\n").as_bytes());
    let out = home.ok(&["comment", "review.yaml", "KLOE 3", "--file", "long.txt"]);
    assert!(out.starts_with("Added c-"), "{out}");
    let wb = on_disk(&home);
    assert_eq!(wb.answer("3").unwrap().comments[0].text, long.trim());

    // From standard input: CRLF becomes LF, control and bidi characters are
    // kept as typed ones are, and never reach the terminal.
    let mut child = home
        .cmd(&["comment", "review.yaml", "KLOE 3", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Which year?\r\nSee \u{1b}[31mhere\u{202e} too\r\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", support::bin::text(&o));
    let wb = on_disk(&home);
    let c = &wb.answer("3").unwrap().comments[1];
    assert_eq!(c.text, "Which year?\nSee \u{1b}[31mhere\u{202e} too");
    let list = thread(&home);
    assert!(
        !list.contains('\u{1b}') && !list.contains('\u{202e}'),
        "{list:?}"
    );
    assert!(list.contains("Which year? See �[31mhere� too"), "{list}");

    // Refused, each saying why, and the workbook unchanged.
    let before = fs::read(home.path("review.yaml")).unwrap();
    home.write("blank.txt", b" \n\t\n");
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "--file", "blank.txt"]);
    assert!(msg.contains("the comment in blank.txt is empty"), "{msg}");
    home.write("big.txt", "x".repeat((1 << 20) + 1).as_bytes());
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "--file", "big.txt"]);
    assert!(
        msg.contains("over the 1024 KiB a comment may hold"),
        "{msg}"
    );
    home.write("latin1.txt", b"Caf\xe9 figures");
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "--file", "latin1.txt"]);
    assert!(
        msg.contains("the comment in latin1.txt is not UTF-8 text (at byte 3)"),
        "{msg}"
    );
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "--file", "gone.txt"]);
    assert!(
        msg.contains("cannot read the comment from gone.txt"),
        "{msg}"
    );
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "  "]);
    assert!(msg.contains("the comment is empty; give its text"), "{msg}");
    assert_eq!(fs::read(home.path("review.yaml")).unwrap(), before);
    // The file with them reads back.
    home.ok(&["validate", "review.yaml"]);
}

#[test]
fn a_resolved_comment_is_reopened_by_its_id() {
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    home.ok(&["comment", "review.yaml", "KLOE 3", "Which year?"]);
    let id = thread(&home).split_whitespace().next().unwrap().to_string();
    home.ok(&["comment", "review.yaml", "KLOE 3", "--resolve", &id]);
    assert!(thread(&home).contains("(resolved)"));
    let out = home.ok(&["comment", "review.yaml", "KLOE 3", "--reopen", &id]);
    assert_eq!(out.trim(), format!("Reopened {id} on KLOE 3."));
    assert!(!thread(&home).contains("(resolved)"));
    assert!(status(&home).contains("Open comments: 1\n"));
    let out = home.ok(&["comment", "review.yaml", "KLOE 3", "--reopen", &id]);
    assert_eq!(out.trim(), format!("{id} on KLOE 3 is already open."));
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "--reopen", "c-none"]);
    assert!(msg.contains("no comment 'c-none' on KLOE 3"), "{msg}");
}

/// `--edit ID` changes the words of one's own comment, from the command
/// line or a file; another person's is refused, naming whose, and changes
/// nothing.
#[test]
fn a_comment_is_edited_by_its_author_only() {
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    home.ok(&["comment", "review.yaml", "KLOE 3", "Which year?"]);
    let id = thread(&home).split_whitespace().next().unwrap().to_string();
    let out = home.ok(&[
        "comment",
        "review.yaml",
        "KLOE 3",
        "--edit",
        &id,
        "Which year, 2015?",
    ]);
    assert_eq!(out.trim(), format!("Edited {id} on KLOE 3."));
    assert!(
        thread(&home).contains("\n  Which year, 2015?"),
        "{}",
        thread(&home)
    );
    home.write("new.txt", b"Which year, 2016?\r\nAnd which month?\n");
    home.ok(&[
        "comment",
        "review.yaml",
        "KLOE 3",
        "--edit",
        &id,
        "--file",
        "new.txt",
    ]);
    let c = on_disk(&home).answer("3").unwrap().comments[0].clone();
    assert_eq!(c.text, "Which year, 2016?\nAnd which month?");
    assert_eq!(status(&home).matches("Open comments: 1\n").count(), 1);
    // Someone else's comment keeps its words.
    let before = fs::read(home.path("review.yaml")).unwrap();
    let out = home
        .cmd(&[
            "comment",
            "review.yaml",
            "KLOE 3",
            "--edit",
            &id,
            "Mine now",
        ])
        .env("PEERBOOK_USER", "Ann Other")
        .output()
        .unwrap();
    let msg = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{msg}");
    assert!(
        msg.contains(&format!("{id} is Test Officer's comment")),
        "{msg}"
    );
    assert_eq!(fs::read(home.path("review.yaml")).unwrap(), before);
    // No text, or no such comment: refused.
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "--edit", &id]);
    assert!(msg.contains("--edit needs the comment's new text"), "{msg}");
    let (_, msg) = home.fails(&["comment", "review.yaml", "KLOE 3", "--edit", "c-none", "x"]);
    assert!(msg.contains("no comment 'c-none' on KLOE 3"), "{msg}");
    assert_eq!(fs::read(home.path("review.yaml")).unwrap(), before);
}

/// The word limit and the evidence age are set from the command line by
/// the rule the file keeps; a bad value changes nothing.
#[test]
fn settings_sets_the_word_limit_and_evidence_age_or_refuses_a_bad_one() {
    let home = Home::new();
    suffolk_with(&home, "", |t| t);
    let out = home.ok(&["settings", "review.yaml"]);
    assert_eq!(
        out,
        "Word limit: none\nEvidence is old after: 18 months (the default)\n"
    );
    let out = home.ok(&[
        "settings",
        "review.yaml",
        "--word-limit",
        "60",
        "--evidence-max-age-months",
        "3",
    ]);
    assert_eq!(
        out,
        "Word limit: 60 words a narrative\nEvidence is old after: 3 months\n"
    );
    let yaml = fs::read_to_string(home.path("review.yaml")).unwrap();
    assert!(
        yaml.contains("  evidence_max_age_months: 3\n  word_limit: 60\n"),
        "{yaml}"
    );
    home.ok(&[
        "export",
        "review.yaml",
        "--pack",
        "self-assessment",
        "--format",
        "md",
        "--out",
        "p.md",
        "--date",
        "2016-10-01",
    ]);
    let md = fs::read_to_string(home.path("p.md")).unwrap();
    assert!(
        md.contains("narrative of 114 words, over the limit of 60"),
        "{md}"
    );
    assert!(md.contains("evidence older than 3 months"), "{md}");

    let before = fs::read(home.path("review.yaml")).unwrap();
    for (option, bad) in [
        ("--word-limit", "0"),
        ("--word-limit", "-5"),
        ("--word-limit", "many"),
        ("--evidence-max-age-months", "0"),
        ("--evidence-max-age-months", "1.5"),
    ] {
        // With a good value for the other: that is not set either.
        let other = if option == "--word-limit" {
            ["--evidence-max-age-months", "24"]
        } else {
            ["--word-limit", "400"]
        };
        let (code, msg) = home.fails(&["settings", "review.yaml", other[0], other[1], option, bad]);
        assert_eq!(code, 2, "{msg}");
        assert!(
            msg.contains(&format!(
                "{option} {bad}: not a whole number from 1; give one"
            )),
            "{msg}"
        );
        assert!(msg.contains("Nothing was changed."), "{msg}");
        assert_eq!(
            fs::read(home.path("review.yaml")).unwrap(),
            before,
            "{option} {bad}"
        );
    }
    let out = home.ok(&[
        "settings",
        "review.yaml",
        "--word-limit",
        "none",
        "--evidence-max-age-months",
        "default",
    ]);
    assert_eq!(
        out,
        "Word limit: none\nEvidence is old after: 18 months (the default)\n"
    );
    let yaml = fs::read_to_string(home.path("review.yaml")).unwrap();
    assert!(!yaml.contains("word_limit") && !yaml.contains("evidence_max_age_months"));
    // The file keeps the same rule for the age as for the word limit.
    suffolk_with(&home, "  evidence_max_age_months: 0\n", |t| t);
    let (_, out) = home.fails(&["validate", "review.yaml"]);
    assert!(
        out.contains("'evidence_max_age_months' should be a whole number from 1, found 0"),
        "{out}"
    );
    assert!(
        out.contains("or leave `evidence_max_age_months` out for the default"),
        "{out}"
    );
}
