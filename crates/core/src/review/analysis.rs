//! What the review manager needs from the reviewers' work: activity totals,
//! every reviewer's rating side by side with the spread, self against peer
//! ratings (the gap), and how well each question's findings are
//! triangulated across read, heard and seen.

use crate::review::scoring::{self, Score};
use crate::workbook::onsite::SourceKind;
use crate::workbook::{Rating, TeamMember, Workbook};

/// The peer team as the report lists it: the team in the review details,
/// then each reviewer with a section of their own whom the details do not
/// name (a copy made `--for` someone the plan left out), with the role and
/// organisation their section gives. Names match whatever their case and
/// spacing.
pub fn peer_team(wb: &Workbook) -> Vec<TeamMember> {
    fn key(name: &str) -> String {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
    let mut team = wb.review.team.clone();
    for r in &wb.reviewers {
        let k = key(&r.name);
        if !k.is_empty() && !team.iter().any(|m| key(&m.name) == k) {
            team.push(TeamMember {
                name: r.name.clone(),
                role: r.role.clone(),
                organisation: r.organisation.clone(),
                ..TeamMember::default()
            });
        }
    }
    team
}

/// The figures a feedback report opens with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub activities: usize,
    pub documents: usize,
    pub meetings: usize,
    pub people: u32,
    pub hours: f64,
}

/// The team's activities as they count: an activity that points at a
/// programme item is that item, however many reviewers attended it, with
/// the item's kind, people and hours (or, where the item has none, the most
/// any attendee logged); other activities count one by one. As (kind,
/// people, hours): the one rule behind [`totals`] and the feedback report's
/// statistics.
pub fn counted_activities(
    wb: &Workbook,
) -> Vec<(
    crate::workbook::onsite::ActivityKind,
    Option<u32>,
    Option<f64>,
)> {
    let mut out = Vec::new();
    let mut joint: Vec<(&str, Option<u32>, Option<f64>)> = Vec::new();
    for a in wb.reviewers.iter().flat_map(|r| &r.activities) {
        match a
            .programme
            .as_deref()
            .filter(|id| wb.programme_item(id).is_some())
        {
            Some(id) => match joint.iter_mut().find(|(j, ..)| *j == id) {
                Some((_, p, h)) => {
                    *p = (*p).max(a.people);
                    *h = match (*h, a.hours) {
                        (Some(x), Some(y)) => Some(x.max(y)),
                        (x, y) => x.or(y),
                    };
                }
                None => joint.push((id, a.people, a.hours)),
            },
            None => out.push((a.kind, a.people, a.hours)),
        }
    }
    for (id, people, hours) in joint {
        if let Some(item) = wb.programme_item(id) {
            out.push((item.kind, item.people.or(people), item.hours.or(hours)));
        }
    }
    out
}

/// The team's totals, counting activities as [`counted_activities`] does.
pub fn totals(wb: &Workbook) -> Totals {
    use crate::workbook::onsite::ActivityKind;
    let mut t = Totals::default();
    for (kind, people, hours) in counted_activities(wb) {
        t.activities += 1;
        if kind == ActivityKind::Document {
            t.documents += 1;
        }
        if kind.is_meeting() {
            t.meetings += 1;
        }
        t.people += people.unwrap_or(0);
        t.hours += hours.unwrap_or(0.0);
    }
    t
}

/// One question's ratings: the council's, each reviewer's, the agreed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings {
    pub question: String,
    pub reference: String,
    pub domain: String,
    pub own: Rating,
    pub reviewers: Vec<(String, Rating)>,
    /// Highest minus lowest reviewer rating on the scale.
    pub spread: Option<i64>,
    pub agreed: Rating,
}

impl Ratings {
    /// Reviewers two or more levels apart.
    pub fn disagree(&self) -> bool {
        self.spread.is_some_and(|s| s >= 2)
    }
    /// Agreed peer rating minus the council's own, where both are levels.
    pub fn gap(&self) -> Option<i64> {
        match (self.own, self.agreed) {
            (Rating::Level(o), Rating::Level(p)) => Some(p - o),
            _ => None,
        }
    }
}

pub fn ratings(wb: &Workbook) -> Vec<Ratings> {
    wb.framework
        .questions()
        .map(|(d, q)| {
            let reviewers: Vec<(String, Rating)> = wb
                .reviewers
                .iter()
                .filter_map(|r| r.answer(&q.id).map(|a| (r.name.clone(), a.rating)))
                .collect();
            let levels: Vec<i64> = reviewers
                .iter()
                .filter_map(|(_, r)| match r {
                    Rating::Level(n) => Some(*n),
                    _ => None,
                })
                .collect();
            let spread = match (levels.iter().min(), levels.iter().max()) {
                (Some(lo), Some(hi)) => Some(hi - lo),
                _ => None,
            };
            Ratings {
                question: q.id.clone(),
                reference: q.display_ref().to_string(),
                domain: d.id.clone(),
                own: wb.answer(&q.id).map(|a| a.rating).unwrap_or_default(),
                reviewers,
                spread,
                agreed: wb
                    .consensus
                    .iter()
                    .find(|a| a.question == q.id)
                    .map(|a| a.rating)
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Questions with a gap between self and peer rating, largest first.
pub fn gaps(rows: &[Ratings]) -> Vec<&Ratings> {
    let mut v: Vec<&Ratings> = rows
        .iter()
        .filter(|r| r.gap().is_some_and(|g| g != 0))
        .collect();
    v.sort_by_key(|r| std::cmp::Reverse(r.gap().map_or(0, i64::abs)));
    v
}

/// A domain's score from the council's ratings and from the agreed ones.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainGap {
    pub id: String,
    pub title: String,
    pub own: Score,
    pub peer: Score,
}

pub fn domain_gaps(wb: &Workbook) -> Vec<DomainGap> {
    let fw = &wb.framework;
    let report = scoring::report(wb);
    fw.domains
        .iter()
        .zip(report.domains)
        .map(|(d, own)| {
            let agreed: Vec<crate::workbook::Answer> = d
                .questions
                .iter()
                .map(|q| crate::workbook::Answer {
                    question: q.id.clone(),
                    rating: wb
                        .consensus
                        .iter()
                        .find(|a| a.question == q.id)
                        .map(|a| a.rating)
                        .unwrap_or_default(),
                    ..crate::workbook::Answer::default()
                })
                .collect();
            DomainGap {
                id: d.id.clone(),
                title: d.title.clone(),
                own: own.score,
                peer: scoring::score(
                    fw.scale.as_ref(),
                    fw.scoring.as_ref(),
                    d.questions.len(),
                    agreed.iter().map(Some),
                ),
            }
        })
        .collect()
}

/// How many sources of each kind back the reviewers' findings on a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Triangulation {
    pub question: String,
    pub reference: String,
    pub read: usize,
    pub heard: usize,
    pub seen: usize,
}

impl Triangulation {
    /// Findings that rest on one kind of source only.
    pub fn one_kind(&self) -> bool {
        [self.read, self.heard, self.seen]
            .iter()
            .filter(|n| **n > 0)
            .count()
            == 1
    }
    pub fn total(&self) -> usize {
        self.read + self.heard + self.seen
    }
}

pub fn triangulation(wb: &Workbook) -> Vec<Triangulation> {
    wb.framework
        .questions()
        .map(|(_, q)| {
            let mut t = Triangulation {
                question: q.id.clone(),
                reference: q.display_ref().to_string(),
                read: 0,
                heard: 0,
                seen: 0,
            };
            for s in wb
                .reviewers
                .iter()
                .filter_map(|r| r.answer(&q.id))
                .flat_map(|a| &a.sources)
            {
                match s.kind {
                    SourceKind::Read => t.read += 1,
                    SourceKind::Heard => t.heard += 1,
                    SourceKind::Seen => t.seen += 1,
                }
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;
    use crate::workbook::onsite::{Activity, ActivityKind, Agreed, Reviewer, Source};

    fn wb() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let mut wb = Workbook::new(fw, "C", "T");
        wb.answer_mut("1").rating = Rating::Level(3);
        wb.answer_mut("2").rating = Rating::Level(2);
        let mut a = Reviewer {
            name: "Alice".into(),
            ..Reviewer::default()
        };
        a.activities = vec![
            Activity {
                kind: ActivityKind::Interview,
                title: "Director".into(),
                people: Some(1),
                hours: Some(1.5),
                ..Activity::default()
            },
            Activity {
                kind: ActivityKind::Document,
                title: "Strategy".into(),
                ..Activity::default()
            },
        ];
        let x = a.answer_mut("1");
        x.rating = Rating::Level(1);
        x.sources = vec![Source::new(SourceKind::Read, "plans")];
        let mut b = Reviewer {
            name: "Bob".into(),
            ..Reviewer::default()
        };
        b.activities.push(Activity {
            kind: ActivityKind::FocusGroup,
            title: "Staff".into(),
            people: Some(8),
            hours: Some(2.0),
            ..Activity::default()
        });
        let y = b.answer_mut("1");
        y.rating = Rating::Level(3);
        y.sources = vec![
            Source::new(SourceKind::Read, "plans"),
            Source::new(SourceKind::Read, "audit"),
        ];
        b.answer_mut("2").rating = Rating::Level(2);
        b.answer_mut("2").sources = vec![
            Source::new(SourceKind::Heard, "staff"),
            Source::new(SourceKind::Seen, "visit"),
        ];
        wb.reviewers = vec![a, b];
        wb.consensus = vec![
            Agreed {
                question: "1".into(),
                rating: Rating::Level(1),
                ..Agreed::default()
            },
            Agreed {
                question: "2".into(),
                rating: Rating::Level(2),
                ..Agreed::default()
            },
        ];
        wb
    }

    #[test]
    fn totals_add_up_the_activity_logs() {
        let t = totals(&wb());
        assert_eq!(
            t,
            Totals {
                activities: 3,
                documents: 1,
                meetings: 2,
                people: 9,
                hours: 3.5
            }
        );
    }

    #[test]
    fn a_joint_meeting_counts_once_in_the_totals() {
        use crate::workbook::ProgrammeItem;
        let mut w = wb();
        let before = totals(&w);
        w.review.programme.push(ProgrammeItem {
            id: "p1".into(),
            kind: ActivityKind::FocusGroup,
            title: "Carers' focus group".into(),
            people: Some(18),
            hours: Some(1.5),
            ..ProgrammeItem::default()
        });
        // Alice and Bob both attended; each logged what they saw of it.
        assert_eq!(w.toggle_attended("Alice", "p1"), Some(true));
        assert_eq!(w.toggle_attended("Bob", "p1"), Some(true));
        w.reviewers[1].activities.last_mut().unwrap().people = Some(9);
        assert_eq!(w.attendees("p1"), vec!["Alice", "Bob"]);
        let t = totals(&w);
        assert_eq!(t.activities, before.activities + 1);
        assert_eq!(t.meetings, before.meetings + 1);
        assert_eq!(t.people, before.people + 18, "18 people, not 27");
        assert_eq!(t.hours, before.hours + 1.5);
        // Without the item's own figures, the most any attendee logged.
        w.review.programme[0].people = None;
        w.reviewers[0].activities.last_mut().unwrap().people = Some(12);
        assert_eq!(totals(&w).people, before.people + 12);
        // Unmarking takes the activity out of the log again.
        assert_eq!(w.toggle_attended("Bob", "p1"), Some(false));
        assert_eq!(w.attendees("p1"), vec!["Alice"]);
        assert_eq!(w.toggle_attended("Bob", "nope"), None);
        // An activity naming an item the programme lacks counts on its own.
        w.reviewers[0].activities[0].programme = Some("gone".into());
        assert_eq!(totals(&w).activities, before.activities + 1);
    }

    #[test]
    fn ratings_side_by_side_with_spread_flag_and_gap() {
        let w = wb();
        let rows = ratings(&w);
        let q1 = &rows[0];
        assert_eq!(
            q1.reviewers,
            vec![
                ("Alice".into(), Rating::Level(1)),
                ("Bob".into(), Rating::Level(3))
            ]
        );
        assert_eq!(q1.spread, Some(2));
        assert!(q1.disagree());
        assert_eq!(q1.gap(), Some(-2));
        assert!(!rows[1].disagree());
        assert_eq!(rows[1].gap(), Some(0));
        assert_eq!(rows[2].spread, None);
        let g = gaps(&rows);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].question, "1");
    }

    #[test]
    fn domain_gaps_score_self_and_peer_alike() {
        let d = domain_gaps(&wb());
        // Self: 3 and 2 of 8 = 62.5; peer: 1 and 2 of 8 = 37.5.
        assert_eq!(d[0].own.score, Some(62.5));
        assert_eq!(d[0].peer.score, Some(37.5));
    }

    #[test]
    fn triangulation_counts_and_flags_single_kinds() {
        let t = triangulation(&wb());
        assert_eq!((t[0].read, t[0].heard, t[0].seen), (3, 0, 0));
        assert!(t[0].one_kind());
        assert!(!t[1].one_kind());
        assert_eq!(t[2].total(), 0);
        assert!(!t[2].one_kind());
    }
}
