use super::*;
use crate::workbook::onsite::{Activity, Reviewer};
use crate::workbook::report::{Contact, Theme};

fn opts() -> Options {
    Options {
        produced: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
    }
}

fn md(wb: &Workbook) -> String {
    crate::export::markdown::render(&feedback(wb, &opts()))
}

fn activity(kind: ActivityKind, people: u32, hours: f64) -> Activity {
    Activity {
        kind,
        title: "x".into(),
        people: Some(people),
        hours: Some(hours),
        ..Activity::default()
    }
}

#[test]
fn statistics_count_each_kind_of_activity() {
    let mut wb = crate::workbook::one_question_workbook();
    assert!(statistics(&wb).is_empty());
    assert_eq!(statistics_sentence(&statistics(&wb)), None);
    wb.reviewers.push(Reviewer {
        name: "A".into(),
        activities: vec![
            activity(ActivityKind::Document, 0, 2.0),
            activity(ActivityKind::Interview, 2, 1.0),
            activity(ActivityKind::Interview, 1, 1.0),
            activity(ActivityKind::FocusGroup, 8, 1.5),
            activity(ActivityKind::CaseFileAudit, 0, 3.0),
            activity(ActivityKind::Visit, 5, 2.0),
        ],
        ..Reviewer::default()
    });
    let s = statistics(&wb);
    assert_eq!(
        (
            s.documents,
            s.interviews,
            s.focus_groups,
            s.case_files,
            s.visits
        ),
        (1, 2, 1, 1, 1)
    );
    assert_eq!(s.people, 16);
    assert_eq!(s.hours, 10.5);
    assert_eq!(
        statistics_sentence(&s).unwrap(),
        "read 1 document, held 2 interviews and 1 focus group, carried out 1 case file audit, made 1 visit, met 16 people and spent 10.5 hours on site"
    );
}

#[test]
fn an_empty_report_says_nothing_it_has_not_got() {
    let wb = crate::workbook::one_question_workbook();
    let out = md(&wb);
    for absent in [
        "None recorded",
        "recorded yet",
        "## Key messages",
        "## Recommendations",
        "## Next steps",
        "## Executive summary",
        "## Contacts",
        "## How the review was done",
        "## One",
    ] {
        assert!(!out.contains(absent), "{absent} in:\n{out}");
    }
    // The title is the report's, not the self-assessment's.
    assert!(out.starts_with(&format!(
        "# {}: peer review feedback report",
        wb.review.council
    )));
    assert!(out.contains(ABOUT_PEER_REVIEW));
}

#[test]
fn the_report_uses_its_own_fields() {
    let mut wb = crate::workbook::one_question_workbook();
    wb.findings.key_messages = vec!["First.\n\nSecond paragraph.".into(), "Another".into()];
    wb.findings.themes.push(Theme {
        id: "health".into(),
        title: "Integration with health".into(),
        narrative: "Partners work well.".into(),
        ..Theme::default()
    });
    wb.findings.domain_mut("d1").narrative = "About the domain.".into();
    for (text, group) in [("A", Some("Quick wins")), ("B", None), ("C", Some("Wider"))] {
        wb.findings.recommendations.push(Recommendation {
            text: text.into(),
            explanation: format!("Why {text}."),
            group: group.map(String::from),
            ..Recommendation::default()
        });
    }
    wb.findings.report = Some(ReportDetails {
        title: Some("Our own title".into()),
        omit_about_peer_review: true,
        contacts: vec![Contact {
            name: "Pat".into(),
            email: Some("pat@example.org".into()),
            ..Contact::default()
        }],
        ..ReportDetails::default()
    });
    let out = md(&wb);
    assert!(out.starts_with("# Our own title\n"), "{out}");
    assert!(!out.contains(ABOUT_PEER_REVIEW));
    assert!(out.contains("**1.** First.\n\nSecond paragraph.\n\n**2.** Another"));
    assert!(out.contains("## One\n\nAbout the domain."));
    assert!(out.contains("## Integration with health\n\nPartners work well."));
    // Ungrouped first, then the groups in the order they first appear,
    // each keeping its number in the list.
    let b = out.find("**2. B**").unwrap();
    let quick = out.find("### Quick wins\n\n**1. A**\n\nWhy A.").unwrap();
    let wider = out.find("### Wider\n\n**3. C**").unwrap();
    assert!(b < quick && quick < wider, "{out}");
    assert!(out.contains("## Contacts\n\n**Pat**\\\npat@example.org"));
}

#[test]
fn ratings_are_shown_as_the_workbook_chooses() {
    let mut wb = crate::workbook::one_question_workbook();
    // The fixture's framework is findings-only: never any ratings.
    wb.findings.report = Some(ReportDetails {
        ratings: RatingsShown::PeerOnly,
        ..ReportDetails::default()
    });
    assert!(!md(&wb).contains("ratings"));
}
