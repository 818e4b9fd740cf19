//! The document `peerbook status --format json` prints, described once by
//! `#[derive(Serialize)]` types borrowing from the workbook and its reports.
//!
//! It is printed through [`serde_json::Value`], whose objects list their
//! keys in alphabetical order, as this output always has: scripts diffing
//! two runs see no change from the way it is built.

use std::path::Path;

use serde::{Serialize, Serializer};

use crate::framework::Framework;
use crate::review::scoring::{MappedGroup, Report, Score};
use crate::review::{analysis, coverage};
use crate::workbook::{Rating, Workbook};

/// The whole document, as pretty-printed JSON.
pub fn render(path: &Path, wb: &Workbook, report: &Report, mapped: &[MappedGroup]) -> String {
    let doc = Status::new(path, wb, report, mapped);
    serde_json::to_value(&doc)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}

#[derive(Serialize)]
struct Status<'a> {
    workbook: String,
    council: &'a str,
    title: &'a str,
    framework: FrameworkKey<'a>,
    overall: Overall<'a>,
    domains: Vec<DomainScore<'a>>,
    mapped: Vec<MappedScore<'a>>,
    /// The question ids of answers the framework no longer has.
    orphaned: Vec<&'a str>,
    /// `null` without reviewers or agreed ratings.
    onsite: Option<Onsite<'a>>,
    conflicts: usize,
    /// Linked evidence by category per question; left out for a framework
    /// without evidence categories.
    #[serde(skip_serializing_if = "Option::is_none")]
    readiness: Option<Vec<super::readiness::Json<'a>>>,
    /// Sign-off and open comments.
    team: super::team::Team,
}

#[derive(Serialize)]
struct FrameworkKey<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
}

/// The figures of a group of questions.
#[derive(Serialize)]
struct Figures<'a> {
    answered: usize,
    rated: usize,
    not_applicable: usize,
    total: usize,
    /// As shown to people: one decimal place.
    score: Option<f64>,
    band: Option<&'a str>,
    /// True when fewer than half the questions that could be rated are
    /// rated; left out otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
}

#[derive(Serialize)]
struct Overall<'a> {
    #[serde(flatten)]
    figures: Figures<'a>,
    /// `null` for a findings-only framework.
    distribution: Option<Vec<LevelCount<'a>>>,
}

#[derive(Serialize)]
struct LevelCount<'a> {
    value: i64,
    label: Option<&'a str>,
    count: usize,
}

#[derive(Serialize)]
struct DomainScore<'a> {
    #[serde(flatten)]
    figures: Figures<'a>,
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct MappedScore<'a> {
    framework: &'a str,
    question: &'a str,
    title: Option<&'a str>,
    sources: &'a [String],
    rated: usize,
    score: Option<f64>,
    band: Option<&'a str>,
}

#[derive(Serialize)]
struct Onsite<'a> {
    reviewers: Vec<&'a str>,
    totals: Totals,
    questions: Vec<QuestionRatings>,
    triangulation: Vec<Sources>,
    recommendations: usize,
    scored: bool,
    /// The questions no reviewer has looked at yet.
    not_covered: Vec<Uncovered>,
    /// What stands in the way of the feedback report, as sentences.
    before_feedback: Vec<String>,
}

#[derive(Serialize)]
struct Uncovered {
    question: String,
    #[serde(rename = "ref")]
    reference: String,
}

#[derive(Serialize)]
struct Totals {
    activities: usize,
    documents: usize,
    meetings: usize,
    people: u32,
    hours: f64,
}

#[derive(Serialize)]
struct QuestionRatings {
    question: String,
    #[serde(rename = "ref")]
    reference: String,
    own: Shown,
    reviewers: Vec<ReviewerRating>,
    spread: Option<i64>,
    disagree: bool,
    agreed: Shown,
    gap: Option<i64>,
}

#[derive(Serialize)]
struct ReviewerRating {
    name: String,
    rating: Shown,
}

#[derive(Serialize)]
struct Sources {
    question: String,
    read: usize,
    heard: usize,
    seen: usize,
    one_kind: bool,
}

/// A rating as the JSON gives it: the level's value, `"n/a"`, or `null`.
struct Shown(Rating);

impl Serialize for Shown {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Rating::Level(n) => s.serialize_i64(n),
            Rating::NotApplicable => s.serialize_str("n/a"),
            Rating::None => s.serialize_none(),
        }
    }
}

/// A score as shown to people (one decimal place), as a JSON number.
fn shown(s: &Score) -> Option<f64> {
    s.score_text().and_then(|t| t.parse().ok())
}

impl<'a> Figures<'a> {
    fn of(s: &'a Score) -> Figures<'a> {
        Figures {
            answered: s.answered,
            rated: s.rated,
            not_applicable: s.not_applicable,
            total: s.total,
            score: shown(s),
            band: s.band.as_ref().map(|b| b.label()),
            provisional: s.is_provisional(),
        }
    }
}

impl<'a> Status<'a> {
    fn new(
        path: &Path,
        wb: &'a Workbook,
        report: &'a Report,
        mapped: &'a [MappedGroup],
    ) -> Status<'a> {
        let fw = &wb.framework;
        Status {
            workbook: path.display().to_string(),
            council: &wb.review.council,
            title: &wb.review.title,
            framework: FrameworkKey {
                id: &fw.id,
                version: &fw.version,
                title: &fw.title,
            },
            overall: Overall {
                figures: Figures::of(&report.overall),
                distribution: distribution(fw, &report.overall),
            },
            domains: report
                .domains
                .iter()
                .map(|d| DomainScore {
                    figures: Figures::of(&d.score),
                    id: &d.id,
                    title: &d.title,
                })
                .collect(),
            mapped: mapped
                .iter()
                .map(|g| MappedScore {
                    framework: &g.framework,
                    question: &g.question,
                    title: g.title.as_deref(),
                    sources: &g.sources,
                    rated: g.score.rated,
                    score: shown(&g.score),
                    band: g.score.band.as_ref().map(|b| b.label()),
                })
                .collect(),
            orphaned: wb.orphaned().map(|a| a.question.as_str()).collect(),
            onsite: Onsite::of(wb),
            conflicts: wb.conflicts.len(),
            readiness: super::readiness::json(wb),
            team: super::team::Team::of(wb),
        }
    }
}

fn distribution<'a>(fw: &'a Framework, s: &Score) -> Option<Vec<LevelCount<'a>>> {
    let scale = fw.scale.as_ref()?;
    Some(
        s.distribution
            .iter()
            .map(|&(value, count)| LevelCount {
                value,
                label: scale.level(value).map(|l| l.label.as_str()),
                count,
            })
            .collect(),
    )
}

impl<'a> Onsite<'a> {
    fn of(wb: &'a Workbook) -> Option<Onsite<'a>> {
        if wb.reviewers.is_empty() && wb.consensus.is_empty() {
            return None;
        }
        let t = analysis::totals(wb);
        let questions = analysis::ratings(wb)
            .into_iter()
            .map(|r| QuestionRatings {
                disagree: r.disagree(),
                gap: r.gap(),
                own: Shown(r.own),
                spread: r.spread,
                agreed: Shown(r.agreed),
                reviewers: r
                    .reviewers
                    .into_iter()
                    .map(|(name, rating)| ReviewerRating {
                        name,
                        rating: Shown(rating),
                    })
                    .collect(),
                question: r.question,
                reference: r.reference,
            })
            .collect();
        Some(Onsite {
            reviewers: wb.reviewers.iter().map(|r| r.name.as_str()).collect(),
            totals: Totals {
                activities: t.activities,
                documents: t.documents,
                meetings: t.meetings,
                people: t.people,
                hours: t.hours,
            },
            questions,
            triangulation: analysis::triangulation(wb)
                .into_iter()
                .map(|x| Sources {
                    one_kind: x.one_kind(),
                    question: x.question,
                    read: x.read,
                    heard: x.heard,
                    seen: x.seen,
                })
                .collect(),
            recommendations: wb.findings.recommendations.len(),
            scored: wb.framework.scoring.is_some(),
            not_covered: coverage::uncovered(wb)
                .into_iter()
                .map(|(question, reference)| Uncovered {
                    question,
                    reference,
                })
                .collect(),
            before_feedback: coverage::feedback_blockers(wb)
                .iter()
                .map(ToString::to_string)
                .collect(),
        })
    }
}
