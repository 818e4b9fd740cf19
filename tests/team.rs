//! Issue 17, a council team at work, through the real binary: what the
//! peer team will ask in the pack's gaps.

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
