//! Search over the open workbook: its text lower-cased once per revision
//! ([`Lowered`]) and the hits a query finds in it, in reading order, each
//! labelled with the text around the match ([`window`]).

pub mod lowered;
pub mod spot;
pub mod window;

pub use lowered::{Field, Lowered, fold_query};
pub use spot::Spot;

use crate::workbook::Workbook;
use crate::workbook::fields::{CaseField, Target};

/// How many columns of a field's text a hit's label shows around the match.
pub const WINDOW: usize = 60;

/// One place a query was found, with a one-line label to list it by.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub label: String,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A question (flat index).
    Question(usize),
    Evidence(usize),
    /// A case study and the field the query is in.
    Case(usize, CaseField),
    /// The review details: the field (council, title, a focus question,
    /// a team member's name or role).
    Details(Target),
    /// A metric of the framework (its index in `framework.metrics`).
    Metric(usize),
}

/// The label's text: `text` around the match at folded offset `at` (in
/// the text's own folded form) of a query `len` bytes long.
fn around(text: &str, at: usize, len: usize) -> String {
    let start = window::original_offset(text, at, false);
    let end = window::original_offset(text, at + len, true);
    window::around(text, start, end, WINDOW)
}

/// Finds text in questions, answers, strengths, areas, evidence, the
/// review details, metric comparators and case studies, at most `limit`
/// hits. `q` is already lower-cased; accents do not count (`llyn` finds
/// `Llŷn`), and each hit shows the text as it is, around the match.
pub fn search(wb: &Workbook, low: &Lowered, q: &str, limit: usize) -> Vec<Hit> {
    search_from(wb, low, q, limit, None).0
}

/// Every field a query was found in, in each part of [`Lowered`], those
/// past the hits' limit included (only their hits' labels are not made): a
/// longer query that contains this one can only be in these fields, so the
/// next keystroke looks only in them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The query, folded.
    query: String,
    questions: Vec<usize>,
    evidence: Vec<usize>,
    more: Vec<usize>,
}

/// The fields of one haystack a query is looked for in: every one, or only
/// those an earlier query it contains was found in.
fn fields<'a>(
    hay: &'a lowered::Haystack,
    q: &str,
    among: Option<&'a [usize]>,
) -> Box<dyn Iterator<Item = usize> + 'a> {
    match among {
        Some(among) => Box::new(hay.matching_among(q, among)),
        None => Box::new(hay.matching(q)),
    }
}

/// As [`search`], given what the previous query found (`before`, from the
/// same revision of the workbook): when `q` contains that query only its
/// fields are read. Returns the hits and what `q` found, for the next
/// keystroke. Past `limit` hits the search goes on only to note the fields
/// that hold `q` (no label is made for them), so a query found more often
/// than the list shows still narrows the next one.
pub fn search_from(
    wb: &Workbook,
    low: &Lowered,
    q: &str,
    limit: usize,
    before: Option<&Found>,
) -> (Vec<Hit>, Found) {
    let q = &fold_query(q);
    let before = before.filter(|b| !b.query.is_empty() && q.contains(&b.query));
    let mut found = Found {
        query: q.clone(),
        ..Found::default()
    };
    let mut hits = Vec::new();
    let questions: Vec<_> = wb.framework.questions().map(|(_, q)| q).collect();
    let answers = wb.answers_in_order();
    let room = |hits: &Vec<Hit>| hits.len() < limit;
    for f in fields(&low.questions, q, before.map(|b| &b.questions[..])) {
        found.questions.push(f);
        if !room(&hits) {
            continue;
        }
        let Some(&(i, field)) = low.question_fields.get(f) else {
            continue;
        };
        let (Some(question), a) = (questions.get(i), answers.get(i).copied().flatten()) else {
            continue;
        };
        let (what, text) = match (field, a) {
            (Field::Question, _) => ("question", question.text.as_str()),
            (Field::Narrative, Some(a)) => ("narrative", a.narrative.as_str()),
            (Field::Strength(k), Some(a)) => ("strength", a.strengths[k].as_str()),
            (Field::Area(k), Some(a)) => ("area", a.areas[k].as_str()),
            _ => continue,
        };
        let shown = match low.questions.find(f, q) {
            Some((0, at)) => around(text, at, q.len()),
            // The question's ref matched: its text from the start.
            _ => crate::text::one_line(text, WINDOW),
        };
        let label = format!("{} · {what}: {shown}", question.display_ref());
        hits.push(Hit {
            label,
            place: Place::Question(i),
        });
    }
    for i in fields(&low.evidence, q, before.map(|b| &b.evidence[..])) {
        found.evidence.push(i);
        if !room(&hits) {
            continue;
        }
        let Some(e) = wb.evidence.get(i) else {
            continue;
        };
        let note = e.note.as_deref().unwrap_or("");
        let location = e.location.as_deref().unwrap_or("");
        let (what, shown) = match low.evidence.find(i, q) {
            Some((0, at)) => ("evidence", around(&e.title, at, q.len())),
            Some((2, at)) => ("evidence note", around(note, at, q.len())),
            Some((3, at)) => ("evidence location", around(location, at, q.len())),
            // The id matched: the title.
            _ => ("evidence", crate::text::one_line(&e.title, WINDOW)),
        };
        hits.push(Hit {
            label: format!("{} · {what}: {shown}", crate::workbook::evidence_label(i)),
            place: Place::Evidence(i),
        });
    }
    for f in fields(&low.more, q, before.map(|b| &b.more[..])) {
        found.more.push(f);
        if !room(&hits) {
            continue;
        }
        let Some(spot) = low.more_spots.get(f) else {
            continue;
        };
        let (Some(text), Some(place)) = (spot.text(wb), spot.place(wb)) else {
            continue;
        };
        let at = low.more.find(f, q).map_or(0, |(_, at)| at);
        let label = format!("{}: {}", spot.prefix(wb), around(&text, at, q.len()));
        hits.push(Hit { label, place });
    }
    (hits, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;
    use crate::workbook::fields::MemberField;
    use crate::workbook::{CaseStudy, EvidenceItem, MetricValue, TeamMember};

    fn workbook() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let mut wb = Workbook::new(fw, "Cyngor Gwynedd", "Reablement peer review");
        let first = wb.framework.questions().next().unwrap().1.id.clone();
        wb.answer_mut(&first).narrative =
            "An opening line.\nVisits across Llŷn are planned weekly.".into();
        std::sync::Arc::make_mut(&mut wb.evidence).push(EvidenceItem {
            id: "E1".into(),
            title: "Notes from the café meeting".into(),
            ..EvidenceItem::default()
        });
        wb
    }

    fn labels(wb: &Workbook, q: &str) -> Vec<String> {
        let low = Lowered::new(wb);
        search(wb, &low, &q.to_lowercase(), 50)
            .into_iter()
            .map(|h| h.label)
            .collect()
    }

    #[test]
    fn accents_do_not_count_and_a_hit_shows_the_text_as_written() {
        let wb = workbook();
        let llyn = labels(&wb, "llyn");
        assert_eq!(llyn.len(), 1, "{llyn:?}");
        assert!(
            llyn[0].ends_with("narrative: Visits across Llŷn are planned weekly."),
            "{llyn:?}"
        );
        assert_eq!(labels(&wb, "LLŶN"), llyn);
        assert_eq!(
            labels(&wb, "cafe"),
            ["E1 · evidence: Notes from the café meeting"]
        );
        assert_eq!(labels(&wb, "café"), labels(&wb, "cafe"));
        // The evidence filter looks the same way.
        let low = Lowered::new(&wb);
        assert_eq!(low.evidence.matching("cafe").count(), 1);
        assert_eq!(low.evidence.matching("cafe\u{301}").count(), 1);
        assert_eq!(labels(&wb, "llyx"), Vec::<String>::new());
    }

    fn hits(wb: &Workbook, q: &str) -> Vec<Hit> {
        search(wb, &Lowered::new(wb), q, 50)
    }

    #[test]
    fn case_studies_are_found_in_every_text_field() {
        let mut wb = workbook();
        wb.proud_of.push(CaseStudy {
            title: "Hospital to home in a day".into(),
            summary: Some("A same-day discharge route.".into()),
            impact: Some("Fewer readmissions in Pwllheli.".into()),
            contact: Some("Siân Roberts".into()),
            ..CaseStudy::default()
        });
        let h = hits(&wb, "pwllheli");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].place, Place::Case(0, CaseField::Impact));
        assert_eq!(
            h[0].label,
            "Hospital to home in a day · impact: Fewer readmissions in Pwllheli."
        );
        assert_eq!(
            hits(&wb, "same-day")[0].place,
            Place::Case(0, CaseField::Summary)
        );
        assert_eq!(
            hits(&wb, "sian")[0].place,
            Place::Case(0, CaseField::Contact)
        );
        let title = hits(&wb, "home in");
        assert_eq!(title[0].label, "case study: Hospital to home in a day");
        assert_eq!(title[0].place, Place::Case(0, CaseField::Title));
    }

    #[test]
    fn a_case_studys_lists_and_new_texts_are_found() {
        let mut wb = workbook();
        wb.proud_of.push(CaseStudy {
            title: "Home first".into(),
            partners: vec!["Age Cymru".into(), "Betsi Cadwaladr".into()],
            quotes: vec!["I slept in my own bed that night — Mr J".into()],
            problem: Some("Waits for a bed in Bangor.".into()),
            ..CaseStudy::default()
        });
        let place = |q: &str| hits(&wb, q).first().map(|h| h.place.clone());
        assert_eq!(
            place("cadwaladr"),
            Some(Place::Case(0, CaseField::Partners))
        );
        assert_eq!(place("own bed"), Some(Place::Case(0, CaseField::Quotes)));
        assert_eq!(place("bangor"), Some(Place::Case(0, CaseField::Problem)));
    }

    #[test]
    fn review_details_are_found() {
        let mut wb = workbook();
        wb.review
            .focus
            .push("How well do we support carers on Ynys Môn?".into());
        wb.review.team.push(TeamMember {
            name: "Dafydd Hughes".into(),
            role: Some("Lead peer".into()),
            ..TeamMember::default()
        });
        let place = |q: &str| hits(&wb, q).first().map(|h| h.place.clone());
        assert_eq!(place("gwynedd"), Some(Place::Details(Target::Council)));
        assert_eq!(
            place("reablement peer"),
            Some(Place::Details(Target::Title))
        );
        assert_eq!(place("ynys mon"), Some(Place::Details(Target::Focus(0))));
        assert_eq!(
            place("hughes"),
            Some(Place::Details(Target::Member(0, MemberField::Name)))
        );
        assert_eq!(
            place("lead peer"),
            Some(Place::Details(Target::Member(0, MemberField::Role)))
        );
        assert_eq!(
            hits(&wb, "ynys mon")[0].label,
            "details · focus question 1: How well do we support carers on Ynys Môn?"
        );
    }

    /// The interface and the pack call the first item E1 whatever its id in
    /// the file: so does a search hit.
    #[test]
    fn an_evidence_hit_is_labelled_as_the_pack_labels_it_not_by_its_id() {
        let mut wb = workbook();
        let ev = std::sync::Arc::make_mut(&mut wb.evidence);
        ev[0].id = "ev-7".into();
        ev[0].comparator = Some("Wales average".into());
        ev.push(EvidenceItem {
            id: "ev-1".into(),
            title: "Café survey results".into(),
            ..EvidenceItem::default()
        });
        assert_eq!(
            hits(&wb, "survey")[0].label,
            "E2 · evidence: Café survey results"
        );
        assert_eq!(
            hits(&wb, "wales")[0].label,
            "E1 · evidence comparator: Wales average"
        );
        // The id is still found, as the file's own key.
        let by_id = hits(&wb, "ev-7");
        assert_eq!(by_id[0].label, "E1 · evidence: Notes from the café meeting");
    }

    #[test]
    fn evidence_notes_locations_and_comparators_are_found() {
        let mut wb = workbook();
        let ev = std::sync::Arc::make_mut(&mut wb.evidence);
        ev[0].note = Some("Minutes taken by the chair.".into());
        ev[0].location = Some("Shared drive / Dolgellau".into());
        ev[0].comparator = Some("Wales average".into());
        let h = hits(&wb, "minutes");
        assert_eq!(
            h[0].label,
            "E1 · evidence note: Minutes taken by the chair."
        );
        assert_eq!(h[0].place, Place::Evidence(0));
        let h = hits(&wb, "dolgellau");
        assert_eq!(
            h[0].label,
            "E1 · evidence location: Shared drive / Dolgellau"
        );
        let h = hits(&wb, "wales av");
        assert_eq!(h[0].label, "E1 · evidence comparator: Wales average");
        assert_eq!(h[0].place, Place::Evidence(0));
    }

    #[test]
    fn metric_comparators_are_found_and_lead_to_the_metric() {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("leeds-better-lives-metrics").unwrap().clone();
        let mut wb = Workbook::new(fw, "Leeds City Council", "Better lives");
        let k = wb.framework.metrics.len() - 1;
        let m = wb.framework.metrics[k].clone();
        wb.metrics.push(MetricValue {
            metric: m.id.clone(),
            comparator: Some("CIPFA nearest neighbours".into()),
            ..MetricValue::default()
        });
        // A value for a metric the framework does not have leads nowhere.
        wb.metrics.push(MetricValue {
            metric: "no-such-metric".into(),
            comparator: Some("CIPFA again".into()),
            ..MetricValue::default()
        });
        let h = hits(&wb, "cipfa");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].place, Place::Metric(k));
        assert!(
            h[0].label
                .ends_with("metric comparator: CIPFA nearest neighbours"),
            "{h:?}"
        );
        assert!(
            h[0].label
                .starts_with(crate::text::one_line(&m.name, 30).as_str()),
            "{h:?}"
        );
    }

    #[test]
    fn a_match_deep_in_a_long_narrative_shows_the_words_around_it() {
        let mut wb = workbook();
        let first = wb.framework.questions().next().unwrap().1.id.clone();
        let filler = "The service met its targets again this quarter. ".repeat(40);
        wb.answer_mut(&first).narrative =
            format!("{filler}Staff in Bala trialled tablets. {filler}");
        let h = hits(&wb, "bala");
        assert_eq!(h.len(), 1, "{h:?}");
        let label = &h[0].label;
        let text = label.split_once("narrative: ").unwrap().1;
        assert!(text.starts_with('…') && text.ends_with('…'), "{label}");
        assert!(
            text.contains("quarter. Staff in Bala trialled tablets. The"),
            "{label}"
        );
        assert!(crate::text::width(text) <= WINDOW, "{label}");
    }

    #[test]
    fn letters_added_look_only_where_the_query_was_found_and_find_the_same() {
        let wb = workbook();
        let low = Lowered::new(&wb);
        // Typed a letter at a time, with a letter taken back, a letter put
        // in front, and a query that finds nothing then something again.
        let typed = [
            "v", "vi", "vis", "visi", "visit", "visits", "visit", "avisit", "e", "ev", "eve",
            "evex", "eve", "llŷn", "llyn", "caf", "café", "xyz", "xyzz",
        ];
        let mut before: Option<Found> = None;
        for q in typed {
            let fresh = search(&wb, &low, q, 50);
            let (hits, found) = search_from(&wb, &low, q, 50, before.as_ref());
            assert_eq!(
                hits,
                fresh,
                "after {:?}, {q:?}",
                before.as_ref().map(|b| &b.query)
            );
            before = Some(found);
        }
        let (_, found) = search_from(&wb, &low, "llyn", 50, None);
        assert_eq!(found.questions.len(), 1, "{found:?}");
        // A query that does not contain the earlier one reads everything.
        let (hits, _) = search_from(&wb, &low, "café", 50, Some(&found));
        assert_eq!(hits, search(&wb, &low, "café", 50));
        assert!(!hits.is_empty());
    }

    #[test]
    fn a_query_found_past_the_limit_still_narrows_the_next_to_the_same_hits() {
        let mut wb = workbook();
        // Forty evidence items and every question hold "review"; a few say
        // more, so a longer query is found in fewer fields than the limit.
        let ev = std::sync::Arc::make_mut(&mut wb.evidence);
        for k in 0..40 {
            let title = match k % 10 {
                3 => format!("Reviewed by the board, item {k}"),
                7 => format!("Review wheel {k}"),
                _ => format!("Review notes {k}"),
            };
            ev.push(EvidenceItem {
                id: format!("R{k}"),
                title,
                ..EvidenceItem::default()
            });
        }
        let ids: Vec<String> = wb
            .framework
            .questions()
            .map(|(_, q)| q.id.clone())
            .collect();
        for (k, id) in ids.iter().enumerate() {
            wb.answer_mut(id).narrative = if k % 4 == 0 {
                "We reviewed the plans with the board.".into()
            } else {
                "A review is due next spring.".into()
            };
        }
        let low = Lowered::new(&wb);
        let every = |q: &str| search(&wb, &low, q, usize::MAX);
        assert!(every("review").len() > 40, "the limits below are passed");
        for limit in [1, 5, 12] {
            let mut before: Option<Found> = None;
            for q in [
                "r",
                "re",
                "rev",
                "revi",
                "revie",
                "review",
                "reviewe",
                "reviewed",
                "reviewq",
                "reviewe",
                "review w",
                "review wh",
                "e",
                "ew",
                "ewed",
            ] {
                let (hits, found) = search_from(&wb, &low, q, limit, before.as_ref());
                let all = every(q);
                assert_eq!(
                    hits,
                    all[..all.len().min(limit)],
                    "limit {limit}, {q:?} after {:?}",
                    before.as_ref().map(|b| &b.query)
                );
                // Every field that holds the query is noted, past the limit too.
                let noted = found.questions.len() + found.evidence.len() + found.more.len();
                assert!(
                    noted >= all.len(),
                    "limit {limit}, {q:?}: {noted} < {}",
                    all.len()
                );
                before = Some(found);
            }
        }
    }
}
