use chrono::NaiveDate;

use super::*;
use crate::framework::registry::Registry;
use crate::workbook::onsite::{Activity, Recommendation, Source};
use crate::workbook::{from_text, to_text};

fn wb() -> Workbook {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
    Workbook::new(fw, "C", "T")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

#[test]
fn text_fields_round_trip() {
    let mut w = wb();
    let t = Target::Narrative("1".into());
    assert!(t.write(&mut w, "Line one\nLine two — ✓").unwrap());
    assert_eq!(t.read(&w), "Line one\nLine two — ✓");
    assert!(!t.write(&mut w, "Line one\nLine two — ✓").unwrap());
}

#[test]
fn no_bare_cr_is_ever_written_into_the_workbook() {
    let mut w = wb();
    let t = Target::Narrative("1".into());
    assert!(t.write(&mut w, "one\r\ntwo\rthree").unwrap());
    assert_eq!(t.read(&w), "one\ntwo\nthree");
    // The same text again, however its lines end, is no change.
    assert!(!t.write(&mut w, "one\rtwo\r\nthree").unwrap());
    let t = Target::Evidence(0, EvField::Note);
    let item = new_evidence(&w, EvidenceKind::Data);
    w.evidence_mut().push(item);
    t.write(&mut w, "a\rb").unwrap();
    assert_eq!(w.evidence[0].note.as_deref(), Some("a\nb"));
}

#[test]
fn impossible_dates_are_refused_with_a_reason() {
    let mut w = wb();
    let e = Target::OnsiteStart.write(&mut w, "2026-02-30").unwrap_err();
    assert!(e.to_string().contains("not a real date"), "{e}");
    Target::OnsiteStart.write(&mut w, "2026-03-10").unwrap();
    let e = Target::OnsiteEnd.write(&mut w, "2026-03-01").unwrap_err();
    assert!(e.to_string().contains("cannot end"), "{e}");
    assert_eq!(w.review.onsite_end, None);
}

#[test]
fn numbers_are_checked() {
    let mut w = wb();
    let item = new_evidence(&w, EvidenceKind::Data);
    w.evidence_mut().push(item);
    let t = Target::Evidence(0, EvField::Value);
    assert!(t.write(&mut w, "12,345.5").is_ok());
    assert_eq!(w.evidence[0].value, Some(12345.5));
    assert!(t.write(&mut w, "lots").is_err());
    assert_eq!(w.evidence[0].value, Some(12345.5));
}

#[test]
fn metric_values_are_created_on_first_write() {
    let mut w = wb();
    let t = Target::Metric("m1".into(), MetricField::Value);
    t.write(&mut w, "41").unwrap();
    assert_eq!(w.metrics[0].metric, "m1");
    assert_eq!(w.metrics[0].value, Some(41.0));
}

#[test]
fn a_metric_is_not_created_by_a_value_that_is_refused() {
    let mut w = wb();
    let t = Target::Metric("m1".into(), MetricField::Target);
    assert_eq!(
        t.write(&mut w, "most"),
        Err(FieldError::NotANumber("most".into()))
    );
    assert!(w.metrics.is_empty());
}

#[test]
fn each_refusal_says_what_is_wrong_and_what_to_type() {
    let mut w = wb();
    w.reviewer_mut("Ann").activities.push(Activity::default());
    let cases = [
        (
            Target::RecDue(0),
            " 31/03/2026 ",
            "'31/03/2026' is not a real date: write YYYY-MM-DD, e.g. 2026-03-14",
        ),
        (
            Target::Metric("m1".into(), MetricField::Value),
            "1,2x",
            "'12x' is not a number: write digits, e.g. 42.5",
        ),
        (
            Target::Activity("Ann".into(), 0, ActField::People),
            "2.5",
            "'2.5' is not a number of people: write a whole number",
        ),
        (
            Target::Member(3, MemberField::Name),
            "Ann",
            "the item being edited is no longer in the workbook: press Esc to close the editor",
        ),
    ];
    for (target, text, message) in cases {
        let before = to_text(&w);
        let e = target.write(&mut w, text).unwrap_err();
        assert_eq!(e.to_string(), message, "{target:?}");
        assert_eq!(to_text(&w), before, "{target:?} changed the workbook");
    }
    let e = Review::check_onsite(Some(day(12)), Some(day(10))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the on-site week cannot end (2026-03-10) before it starts (2026-03-12)"
    );
}

#[test]
fn a_whole_number_of_people_is_kept_and_a_fraction_is_caught_while_typing() {
    let mut w = wb();
    w.reviewer_mut("Ann").activities.push(Activity::default());
    let t = Target::Activity("Ann".into(), 0, ActField::People);
    assert_eq!(t.kind(), Kind::Number);
    assert_eq!(t.check(&w, "1.5"), Err(FieldError::NotACount("1.5".into())));
    assert!(t.write(&mut w, "1,200").unwrap());
    assert_eq!(w.reviewers[0].activities[0].people, Some(1200));
    assert_eq!(t.read(&w), "1200");
}

#[test]
fn hours_take_a_point_and_refuse_commas_signs_exponents_and_more_than_a_day() {
    let mut w = wb();
    w.reviewer_mut("Ann").activities.push(Activity::default());
    let t = Target::Activity("Ann".into(), 0, ActField::Hours);
    assert_eq!(t.kind(), Kind::Number);
    assert!(t.write(&mut w, "1.5").unwrap());
    assert_eq!(w.reviewers[0].activities[0].hours, Some(1.5));
    for (bad, why) in [
        ("3,5", "not a comma"),
        ("-2", "cannot be negative"),
        ("25", "more than 24 hours"),
        ("1e6", "digits with an optional decimal point"),
    ] {
        let e = t.check(&w, bad).unwrap_err();
        assert!(e.to_string().contains(why), "{bad}: {e}");
        assert!(t.write(&mut w, bad).is_err(), "{bad}");
        assert_eq!(w.reviewers[0].activities[0].hours, Some(1.5), "{bad}");
    }
    assert!(t.write(&mut w, " ").unwrap());
    assert_eq!(w.reviewers[0].activities[0].hours, None);
}

#[test]
fn end_before_start_is_one_rule_for_the_file_and_the_editor() {
    // The editor refuses it...
    let mut w = wb();
    Target::OnsiteStart.write(&mut w, "2026-03-12").unwrap();
    let typed = Target::OnsiteEnd.write(&mut w, "2026-03-10").unwrap_err();
    assert_eq!(
        typed,
        FieldError::EndBeforeStart {
            start: day(12),
            end: day(10)
        }
    );
    // ... and the same check on the start, typed after the end.
    let mut later = wb();
    Target::OnsiteEnd.write(&mut later, "2026-03-10").unwrap();
    assert_eq!(
        Target::OnsiteStart.check(&later, "2026-03-12"),
        Err(typed.clone())
    );
    // A file that holds it is refused at the end date's line, with the
    // same sentence.
    w.review.onsite_end = Some(day(10));
    let text = to_text(&w);
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("onsite_end:"))
        .unwrap()
        + 1;
    let Err(e) = from_text("backwards.yaml", text.as_bytes()) else {
        panic!("a week that ends before it starts was read");
    };
    let d = e.0.errors().next().expect("an error");
    assert_eq!(d.pos.line, line);
    assert_eq!(d.message, typed.to_string());
}

#[test]
fn removing_either_date_is_always_allowed() {
    let mut w = wb();
    Target::OnsiteStart.write(&mut w, "2026-03-12").unwrap();
    Target::OnsiteEnd.write(&mut w, "2026-03-14").unwrap();
    assert!(Target::OnsiteStart.write(&mut w, " ").unwrap());
    assert_eq!(w.review.onsite_start, None);
    assert!(Target::OnsiteStart.check(&w, "2026-03-20").is_err());
}

/// One of every kind of field, with the workbook items they live in.
fn every_field() -> (Workbook, Vec<Target>) {
    let mut w = wb();
    let q = w.framework.questions().next().unwrap().1.id.clone();
    w.review.team.push(new_member());
    let item = new_evidence(&w, EvidenceKind::Data);
    w.evidence_mut().push(item);
    w.proud_of.push(new_case());
    w.reviewer_mut("Ann").activities.push(Activity::default());
    w.reviewer_mut("Ann")
        .answer_mut(&q)
        .sources
        .push(Source::default());
    w.findings.recommendations.push(Recommendation::default());
    let at = "2026-02-10T09:00:00Z".parse().unwrap();
    let c = crate::workbook::comments::add(w.answer_mut(&q), "Jo", at, "");
    let (r, d) = (String::from("Ann"), String::from("d1"));
    let mut v = vec![
        Target::Narrative(q.clone()),
        Target::Owner(q.clone()),
        Target::Strength(q.clone(), 0),
        Target::Area(q.clone(), 0),
        Target::Council,
        Target::Title,
        Target::Focus(0),
        Target::OnsiteStart,
        Target::OnsiteEnd,
        Target::ReviewNotes(r.clone(), q.clone()),
        Target::ReviewStrength(r.clone(), q.clone(), 0),
        Target::ReviewArea(r.clone(), q.clone(), 0),
        Target::ReviewSource(r.clone(), q.clone(), 0),
        Target::KeyMessage(0),
        Target::FindingStrength(d.clone(), 0),
        Target::FindingArea(d, 0),
        Target::RecText(0),
        Target::RecOwner(0),
        Target::RecDue(0),
        Target::RecProgress(0),
        Target::AgreedNote(q.clone()),
        Target::NextStep(0),
        Target::Comment(q.clone(), c),
        Target::WordLimit,
        Target::EvidenceMaxAge,
    ];
    v.extend(MemberField::ALL.iter().map(|f| Target::Member(0, *f)));
    v.extend(EvField::ALL.iter().map(|f| Target::Evidence(0, *f)));
    v.extend(
        MetricField::ALL
            .iter()
            .map(|f| Target::Metric("m1".into(), *f)),
    );
    v.extend(CaseField::ALL.iter().map(|f| Target::Case(0, *f)));
    v.extend(
        ActField::ALL
            .iter()
            .map(|f| Target::Activity(r.clone(), 0, *f)),
    );
    (w, v)
}

#[test]
fn every_field_is_written_where_it_is_read_as_its_form_says() {
    let (mut w, targets) = every_field();
    for t in targets {
        let form = t.slot(&mut w).expect("the item is there").form();
        assert_eq!(form, t.form(), "{t:?}");
        let text = match t.kind() {
            // What a case study illustrates must be the framework's ids.
            _ if t == Target::Case(0, CaseField::Illustrates) => "1\nwell-led",
            Kind::Date => "2026-03-14",
            Kind::Number => "12",
            Kind::Multi => "one\ntwo",
            Kind::Text => "one",
        };
        assert!(t.write(&mut w, text).unwrap(), "{t:?}");
        assert_eq!(t.read(&w), text, "{t:?}");
        assert!(!t.label().is_empty());
    }
}

#[test]
fn the_evidence_fields_split_into_its_own_and_a_data_items_figures() {
    assert_eq!(EV_FIELDS.last(), Some(&EvField::Note));
    assert_eq!(EV_DATA_FIELDS.first(), Some(&EvField::Value));
    assert_eq!(EV_FIELDS.len() + EV_DATA_FIELDS.len(), EvField::ALL.len());
}

#[test]
fn each_item_fields_key_is_its_key_in_the_workbook_file() {
    let (mut w, targets) = every_field();
    for t in &targets {
        let text = if t.kind() == Kind::Date {
            "2026-03-14"
        } else if *t == Target::Case(0, CaseField::Illustrates) {
            "well-led"
        } else {
            "7"
        };
        t.write(&mut w, text).unwrap();
    }
    let file = to_text(&w);
    let keys = (MemberField::ALL.iter().map(|f| f.key()))
        .chain(EvField::ALL.iter().map(|f| f.key()))
        .chain(MetricField::ALL.iter().map(|f| f.key()))
        .chain(CaseField::ALL.iter().map(|f| f.key()))
        .chain(ActField::ALL.iter().map(|f| f.key()))
        .chain(RecField::ALL.iter().map(|f| f.key()));
    for key in keys {
        // A scalar after the key, or a list (a case study's partners) below it.
        let scalar = file.contains(&format!(" {key}: "));
        let list = file.contains(&format!(" {key}:\n"));
        assert!(scalar || list, "{key}");
    }
}

#[test]
fn a_list_item_is_removed_from_its_list_and_nothing_else_is() {
    let (mut w, targets) = every_field();
    for t in &targets {
        t.write(&mut w, "x").ok();
    }
    let q = w.framework.questions().next().unwrap().1.id.clone();
    let before = to_text(&w);
    for t in &targets {
        let removed = t.remove_item(&mut w);
        let is_item = matches!(t.form(), Form::Item | Form::Para)
            || matches!(
                t,
                Target::RecText(_) | Target::ReviewSource(..) | Target::Comment(..)
            );
        assert_eq!(removed, is_item, "{t:?}");
    }
    let a = w.answer(&q).unwrap();
    assert!(a.strengths.is_empty() && a.areas.is_empty() && w.review.focus.is_empty());
    assert!(a.comments.is_empty());
    assert!(w.findings.recommendations.is_empty() && w.findings.key_messages.is_empty());
    assert!(
        w.reviewer("Ann")
            .unwrap()
            .answer(&q)
            .unwrap()
            .sources
            .is_empty()
    );
    // The fields that are not list items kept their text, and the second
    // time round there is nothing left to remove.
    assert_eq!(Target::Narrative(q).read(&w), "x");
    assert_ne!(to_text(&w), before);
    assert!(targets.iter().all(|t| !t.remove_item(&mut w)));
    let mut fresh = wb();
    let metrics = fresh.metrics.len();
    assert!(!Target::Metric("m9".into(), MetricField::Note).remove_item(&mut fresh));
    assert!(!Target::Narrative("zz".into()).remove_item(&mut fresh));
    assert_eq!(fresh.metrics.len(), metrics);
    assert!(fresh.answer("zz").is_none());
}

#[test]
fn a_key_message_keeps_its_lines_and_an_agreed_rating_takes_a_note() {
    let mut w = wb();
    let t = Target::KeyMessage(0);
    assert_eq!(t.kind(), Kind::Multi);
    assert!(
        t.write(&mut w, "Strong front door.\nWaits are long.")
            .unwrap()
    );
    assert_eq!(
        w.findings.key_messages,
        vec!["Strong front door.\nWaits are long."]
    );
    let q = w.framework.questions().next().unwrap().1.id.clone();
    let n = Target::AgreedNote(q.clone());
    assert_eq!(n.read(&w), "");
    assert!(n.write(&mut w, "Agreed on day three").unwrap());
    let a = w.consensus.iter().find(|a| a.question == q).unwrap();
    assert_eq!(a.note.as_deref(), Some("Agreed on day three"));
    assert_eq!(
        a.rating,
        crate::workbook::Rating::None,
        "a note alone rates nothing"
    );
    assert!(n.write(&mut w, " ").unwrap());
    assert_eq!(w.consensus[0].note, None);
}

#[test]
fn a_case_studys_lists_are_edited_an_item_a_line() {
    let mut w = wb();
    w.proud_of.push(new_case());
    let t = Target::Case(0, CaseField::Partners);
    assert_eq!(t.kind(), Kind::Multi);
    assert!(t.write(&mut w, "Age UK\n\n  NHS trust  \n").unwrap());
    assert_eq!(w.proud_of[0].partners, ["Age UK", "NHS trust"]);
    assert_eq!(t.read(&w), "Age UK\nNHS trust");
    assert!(t.write(&mut w, "").unwrap());
    assert!(w.proud_of[0].partners.is_empty());
}

#[test]
fn a_case_study_illustrates_only_the_frameworks_questions_and_domains() {
    let mut w = wb();
    w.proud_of.push(new_case());
    let t = Target::Case(0, CaseField::Illustrates);
    assert_eq!(
        t.write(&mut w, "1\nno-such-theme"),
        Err(FieldError::NotATheme("no-such-theme".into()))
    );
    assert!(w.proud_of[0].illustrates.is_empty());
    assert!(t.write(&mut w, "1\nwell-led").unwrap());
    assert_eq!(w.proud_of[0].illustrates, ["1", "well-led"]);
}

/// The workbook's limits, typed, keep the rule the file keeps: a whole
/// number from 1, or blank for none; anything else changes nothing.
#[test]
fn a_limit_is_a_whole_number_from_one_or_blank() {
    let mut w = wb();
    assert!(Target::WordLimit.write(&mut w, "1,000").unwrap());
    assert_eq!(w.review.word_limit, Some(1000));
    for bad in ["0", "-5", "many", "2.5", "99999999999"] {
        let e = Target::WordLimit.write(&mut w, bad).unwrap_err();
        assert_eq!(e, FieldError::NotALimit(bad.into()));
        assert!(e.to_string().contains("write a whole number from 1"), "{e}");
        assert!(Target::EvidenceMaxAge.write(&mut w, bad).is_err(), "{bad}");
    }
    assert_eq!(w.review.word_limit, Some(1000));
    assert_eq!(w.review.evidence_max_age_months, None);
    assert!(Target::EvidenceMaxAge.write(&mut w, " 24 ").unwrap());
    assert_eq!(w.review.evidence_max_age_months, Some(24));
    assert!(Target::WordLimit.write(&mut w, "").unwrap());
    assert_eq!(w.review.word_limit, None);
    assert_eq!(Target::EvidenceMaxAge.kind(), Kind::Number);
}

/// A new comment is in the thread only while it has text; an existing
/// one cannot be emptied.
#[test]
fn a_new_comment_enters_the_thread_with_its_first_words() {
    use crate::workbook::comments;
    let mut w = wb();
    let q = w.framework.questions().next().unwrap().1.id.clone();
    let at = "2026-02-10T09:00:00Z".parse().unwrap();
    let d = comments::draft(w.answer(&q), "Jo", at);
    let t = Target::NewComment(q.clone(), d.clone());
    let had_answer = w.answer(&q).is_some();
    assert!(!t.write(&mut w, " ").unwrap());
    assert_eq!(
        w.answer(&q).is_some(),
        had_answer,
        "a blank draft made an answer"
    );
    assert!(w.answer(&q).is_none_or(|a| a.comments.is_empty()));
    assert!(t.write(&mut w, "W").unwrap());
    assert_eq!(t.read(&w), "W");
    let existing = Target::Comment(q.clone(), d.id.clone());
    let e = existing.write(&mut w, "  ").unwrap_err();
    assert!(
        e.to_string().contains("a comment cannot be left empty"),
        "{e}"
    );
    assert_eq!(existing.read(&w), "W");
    assert!(t.write(&mut w, "").unwrap());
    assert!(w.answer(&q).unwrap().comments.is_empty());
}
