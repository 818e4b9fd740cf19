//! Issue 12: search finds case studies and the review details, and a hit
//! chosen opens that screen with the item selected.

use super::harness::*;
use peerbook::workbook::CaseStudy;

#[test]
fn a_query_only_a_case_study_holds_lands_on_it() {
    let mut w = seed("seeds/suffolk-reablement-2016.yaml");
    let n = w.proud_of.len();
    w.proud_of.push(CaseStudy {
        title: "Weekend discharge pilot".into(),
        impact: Some("Stays fell after the Aldeburgh pilot began.".into()),
        ..CaseStudy::default()
    });
    let (mut app, _d) = app_with(detached, w);
    press(&mut app, "/");
    typ(&mut app, "aldeburgh");
    let s = expect_popup(&app, "search");
    assert_eq!(
        s.choices,
        ["Weekend discharge pilot · impact: Stays fell after the Aldeburgh pilot began."]
    );
    press(&mut app, "enter");
    assert!(popup(&app).is_none());
    assert_eq!(on_screen(&app), "Proud of");
    assert_eq!(selected_row(&app, "Proud of"), n);
    let text = screen(&mut app, 100, 30);
    assert!(
        selected_rows(&mut app, 100, 30)
            .iter()
            .any(|r| r.contains("Weekend discharge pilot")),
        "{text}"
    );
}

#[test]
fn a_team_members_name_lands_on_their_row_in_the_details() {
    let (mut app, _d) = suffolk();
    let name = wb(&app)
        .review
        .team
        .last()
        .expect("the seed has a team")
        .name
        .clone();
    press(&mut app, "/");
    typ(&mut app, &name.to_lowercase());
    let s = expect_popup(&app, "search");
    let k = s
        .choices
        .iter()
        .position(|c| c.starts_with("details · team member:"))
        .unwrap_or_else(|| panic!("{:?}", s.choices));
    for _ in 0..k {
        press(&mut app, "down");
    }
    press(&mut app, "enter");
    assert_eq!(on_screen(&app), "Details");
    let rows = selected_rows(&mut app, 100, 30);
    assert!(rows.iter().any(|r| r.contains(&name)), "{rows:?}");
}
