//! Completion, scores and bands, per domain and overall, as
//! framework-format.md defines them.

use crate::framework::{Framework, Method, Rounding, Scale, Scoring};
use crate::workbook::{Answer, Rating, Workbook};

/// Where a score falls among the bands.
#[derive(Debug, Clone, PartialEq)]
pub enum BandResult {
    Band(String),
    /// Scored, but under the lowest band's `from`.
    BelowAll,
}

impl BandResult {
    pub fn label(&self) -> &str {
        match self {
            BandResult::Band(l) => l,
            BandResult::BelowAll => "below all bands",
        }
    }
}

/// The figures for a group of questions (a domain, or all of them).
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub total: usize,
    /// Questions whose status is past "not started".
    pub answered: usize,
    /// Questions rated on a level of the scale (N/A not counted).
    pub rated: usize,
    pub not_applicable: usize,
    /// Count of ratings at each level, in the scale's order.
    pub distribution: Vec<(i64, usize)>,
    /// The exact score, when the framework scores and something is rated.
    pub score: Option<f64>,
    pub band: Option<BandResult>,
}

impl Score {
    /// The exact score to one decimal place, as it is shown to people.
    pub fn score_text(&self) -> Option<String> {
        self.score.map(|s| format!("{s:.1}"))
    }

    /// Whether a score rests on little: fewer than half of the questions
    /// that could be rated (all but those marked N/A) are rated.
    pub fn is_provisional(&self) -> bool {
        self.score.is_some() && self.rated * 2 < self.total.saturating_sub(self.not_applicable)
    }

    /// "provisional: 1 of 4 rated" for a provisional score, to show beside
    /// its band wherever the score appears.
    pub fn provisional_note(&self) -> Option<String> {
        self.is_provisional().then(|| {
            let could = self.total.saturating_sub(self.not_applicable);
            format!("provisional: {} of {could} rated", self.rated)
        })
    }

    /// The band as shown: its label, and the provisional note in brackets
    /// when the score rests on little.
    pub fn band_text(&self) -> Option<String> {
        let label = self.band.as_ref()?.label().to_string();
        Some(match self.provisional_note() {
            Some(n) => format!("{label} ({n})"),
            None => label,
        })
    }
}

/// Scores any set of questions' answers under a scale and scoring rule.
pub fn score<'a>(
    scale: Option<&Scale>,
    scoring: Option<&Scoring>,
    total: usize,
    answers: impl IntoIterator<Item = Option<&'a Answer>>,
) -> Score {
    let mut answered = 0;
    let mut not_applicable = 0;
    let mut ratings: Vec<i64> = Vec::new();
    for a in answers.into_iter().flatten() {
        if a.is_answered() {
            answered += 1;
        }
        match a.rating {
            Rating::Level(n) => ratings.push(n),
            Rating::NotApplicable => not_applicable += 1,
            Rating::None => {}
        }
    }
    let distribution = scale
        .map(|s| {
            s.levels
                .iter()
                .map(|l| (l.value, ratings.iter().filter(|r| **r == l.value).count()))
                .collect()
        })
        .unwrap_or_default();
    let (value, band) = match (scale, scoring) {
        (Some(scale), Some(scoring)) if !ratings.is_empty() => {
            let v = compute(scale, scoring, &ratings);
            (Some(v), Some(band_for(scoring, v)))
        }
        _ => (None, None),
    };
    Score {
        total,
        answered,
        rated: ratings.len(),
        not_applicable,
        distribution,
        score: value,
        band: band.flatten(),
    }
}

/// The exact value for a non-empty set of ratings.
pub fn compute(scale: &Scale, scoring: &Scoring, ratings: &[i64]) -> f64 {
    let sum: i128 = ratings.iter().map(|r| i128::from(*r)).sum();
    let n = ratings.len() as f64;
    match scoring.method {
        // Multiply before dividing so 5/8 gives exactly 62.5.
        Method::PercentOfMax => (sum as f64 * 100.0) / (n * scale.max() as f64),
        Method::Mean => sum as f64 / n,
    }
}

/// The band for an exact value, after the framework's rounding. `None` when
/// the framework has no bands.
pub fn band_for(scoring: &Scoring, value: f64) -> Option<BandResult> {
    if scoring.bands.is_empty() {
        return None;
    }
    let rounded = round(scoring.rounding, value);
    Some(
        scoring
            .bands
            .iter()
            .find(|b| b.from <= rounded)
            .map_or(BandResult::BelowAll, |b| BandResult::Band(b.label.clone())),
    )
}

/// Applies a rounding rule. A tiny tolerance keeps 62.4999999 (from float
/// arithmetic) rounding like the 62.5 it stands for.
pub fn round(rounding: Rounding, v: f64) -> f64 {
    const EPS: f64 = 1e-9;
    match rounding {
        Rounding::None => v,
        Rounding::Nearest => (v + 0.5 + EPS).floor(),
        Rounding::Down => (v + EPS).floor(),
    }
}

/// Completion and scores for a whole workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub overall: Score,
    pub domains: Vec<DomainScore>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainScore {
    pub id: String,
    pub title: String,
    pub score: Score,
}

pub fn report(wb: &Workbook) -> Report {
    let fw = &wb.framework;
    // Every question's answer, in framework order, found in one pass.
    let answers = wb.answers_in_order();
    let mut start = 0;
    let domains = fw
        .domains
        .iter()
        .map(|d| {
            let these = &answers[start..start + d.questions.len()];
            start += d.questions.len();
            DomainScore {
                id: d.id.clone(),
                title: d.title.clone(),
                score: score(
                    fw.scale.as_ref(),
                    fw.scoring.as_ref(),
                    d.questions.len(),
                    these.iter().copied(),
                ),
            }
        })
        .collect();
    let overall = score(
        fw.scale.as_ref(),
        fw.scoring.as_ref(),
        fw.question_count(),
        answers.iter().copied(),
    );
    Report { overall, domains }
}

/// The workbook's ratings grouped by the question of another framework that
/// its questions `maps_to` (KLOEs rolled up under CBO standards).
#[derive(Debug, Clone, PartialEq)]
pub struct MappedGroup {
    pub framework: String,
    pub question: String,
    /// The target question's text, when that framework is loaded.
    pub title: Option<String>,
    /// The workbook's question refs that map here.
    pub sources: Vec<String>,
    pub score: Score,
}

pub fn mapped(wb: &Workbook, others: &[Framework]) -> Vec<MappedGroup> {
    let fw = &wb.framework;
    let mut groups: Vec<MappedGroup> = Vec::new();
    let mut members: Vec<Vec<&str>> = Vec::new();
    for (_, q) in fw.questions() {
        for m in &q.maps_to {
            let i = match groups
                .iter()
                .position(|g| g.framework == m.framework && g.question == m.question)
            {
                Some(i) => i,
                None => {
                    let title = others
                        .iter()
                        .filter(|f| f.id == m.framework)
                        .find_map(|f| f.question(&m.question))
                        .map(|(_, tq)| format!("{}: {}", tq.display_ref(), tq.text));
                    groups.push(MappedGroup {
                        framework: m.framework.clone(),
                        question: m.question.clone(),
                        title,
                        sources: Vec::new(),
                        score: score(None, None, 0, []),
                    });
                    members.push(Vec::new());
                    groups.len() - 1
                }
            };
            groups[i].sources.push(q.display_ref().to_string());
            members[i].push(&q.id);
        }
    }
    for (g, ids) in groups.iter_mut().zip(&members) {
        // Without a scoring rule of its own, a mapped group is summarised by
        // the mean rating.
        let mean = Scoring {
            method: Method::Mean,
            rounding: Rounding::None,
            bands: Vec::new(),
        };
        g.score = score(
            fw.scale.as_ref(),
            Some(fw.scoring.as_ref().unwrap_or(&mean)),
            ids.len(),
            ids.iter().map(|id| wb.answer(id)),
        );
    }
    // Target framework order where known, then by id.
    let order = |g: &MappedGroup| {
        others
            .iter()
            .find(|f| f.id == g.framework)
            .and_then(|f| f.order_of(&g.question))
            .unwrap_or(usize::MAX)
    };
    groups.sort_by(|a, b| {
        (a.framework.as_str(), order(a), a.question.as_str()).cmp(&(
            b.framework.as_str(),
            order(b),
            b.question.as_str(),
        ))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Band, builtin_scale};

    fn scoring(method: Method, rounding: Rounding, bands: &[(f64, &str)]) -> Scoring {
        Scoring {
            method,
            rounding,
            bands: {
                let mut b: Vec<Band> = bands
                    .iter()
                    .map(|(from, label)| Band {
                        from: *from,
                        label: label.to_string(),
                        colour: None,
                    })
                    .collect();
                b.sort_by(|a, b| b.from.total_cmp(&a.from));
                b
            },
        }
    }

    /// Written answers (each has a narrative) with these ratings.
    fn answers(ratings: &[Rating]) -> Vec<Answer> {
        ratings
            .iter()
            .enumerate()
            .map(|(i, r)| Answer {
                question: i.to_string(),
                rating: *r,
                status: crate::workbook::Status::Draft,
                narrative: "Where we are".into(),
                ..Answer::default()
            })
            .collect()
    }

    fn bands() -> Vec<(f64, &'static str)> {
        vec![
            (88.0, "Outstanding"),
            (63.0, "Good"),
            (39.0, "Requires improvement"),
            (25.0, "Inadequate"),
        ]
    }

    #[test]
    fn percent_of_max_all_ones_is_25() {
        let scale = builtin_scale("cqc-4").unwrap();
        let s = scoring(Method::PercentOfMax, Rounding::Nearest, &bands());
        let a = answers(&[Rating::Level(1); 13]);
        let sc = score(Some(&scale), Some(&s), 13, a.iter().map(Some));
        assert_eq!(sc.score, Some(25.0));
        assert_eq!(sc.band, Some(BandResult::Band("Inadequate".into())));
        assert_eq!(sc.distribution[0], (1, 13));
    }

    #[test]
    fn na_and_unrated_shrink_the_maximum() {
        let scale = builtin_scale("cqc-4").unwrap();
        let s = scoring(Method::PercentOfMax, Rounding::None, &bands());
        let a = answers(&[
            Rating::Level(4),
            Rating::Level(2),
            Rating::NotApplicable,
            Rating::None,
        ]);
        let sc = score(Some(&scale), Some(&s), 4, a.iter().map(Some));
        assert_eq!(sc.score, Some(75.0));
        assert_eq!(sc.rated, 2);
        assert_eq!(sc.not_applicable, 1);
        assert_eq!(sc.answered, 4);
    }

    #[test]
    fn an_empty_draft_is_not_counted_as_answered() {
        let scale = builtin_scale("cqc-4").unwrap();
        let mut a = answers(&[Rating::Level(3), Rating::None]);
        a[1].narrative.clear();
        let sc = score(Some(&scale), None, 2, a.iter().map(Some));
        assert_eq!(sc.answered, 1);
    }

    #[test]
    fn rounding_is_applied_before_banding() {
        // 5 of 8 = 62.5: nearest rounds half up into Good; down and none do not.
        let scale = builtin_scale("cqc-4").unwrap();
        let a = answers(&[Rating::Level(3), Rating::Level(2)]);
        let band = |r| {
            let s = scoring(Method::PercentOfMax, r, &bands());
            score(Some(&scale), Some(&s), 2, a.iter().map(Some)).band
        };
        assert_eq!(
            band(Rounding::Nearest),
            Some(BandResult::Band("Good".into()))
        );
        assert_eq!(
            band(Rounding::Down),
            Some(BandResult::Band("Requires improvement".into()))
        );
        assert_eq!(
            band(Rounding::None),
            Some(BandResult::Band("Requires improvement".into()))
        );
        assert_eq!(round(Rounding::Nearest, 38.9), 39.0);
        assert_eq!(round(Rounding::Down, 38.9), 38.0);
    }

    #[test]
    fn mean_with_decimal_bands_and_below_all() {
        let scale = builtin_scale("cqc-4").unwrap();
        let s = scoring(Method::Mean, Rounding::None, &[(3.5, "High"), (2.5, "Mid")]);
        let a = answers(&[Rating::Level(4), Rating::Level(3)]);
        let sc = score(Some(&scale), Some(&s), 2, a.iter().map(Some));
        assert_eq!(sc.score, Some(3.5));
        assert_eq!(sc.band, Some(BandResult::Band("High".into())));
        let low = answers(&[Rating::Level(1), Rating::Level(2)]);
        let sc = score(Some(&scale), Some(&s), 2, low.iter().map(Some));
        assert_eq!(sc.score_text().as_deref(), Some("1.5"));
        assert_eq!(sc.band, Some(BandResult::BelowAll));
        assert_eq!(sc.band.unwrap().label(), "below all bands");
    }

    #[test]
    fn nothing_rated_has_no_score() {
        let scale = builtin_scale("cqc-4").unwrap();
        let s = scoring(Method::PercentOfMax, Rounding::None, &bands());
        let a = answers(&[Rating::None, Rating::NotApplicable]);
        let sc = score(Some(&scale), Some(&s), 2, a.iter().map(Some));
        assert_eq!(sc.score, None);
        assert_eq!(sc.band, None);
        let empty = score(Some(&scale), Some(&s), 0, []);
        assert_eq!((empty.score, empty.answered, empty.total), (None, 0, 0));
    }

    #[test]
    fn scale_without_scoring_gives_a_distribution_only() {
        let scale = builtin_scale("rag").unwrap();
        let a = answers(&[Rating::Level(3), Rating::Level(3), Rating::Level(1)]);
        let sc = score(Some(&scale), None, 3, a.iter().map(Some));
        assert_eq!(sc.score, None);
        assert_eq!(sc.distribution, vec![(1, 1), (2, 0), (3, 2)]);
    }
}
