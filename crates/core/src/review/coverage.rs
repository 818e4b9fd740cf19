//! Before the feedback report goes out: what still stands in its way.
//! Conflicts left by merging, scored questions with no agreed rating,
//! questions no reviewer has looked at, and sections of the report with
//! nothing in them. The command line refuses to export while any remains
//! (unless asked for a draft) and the interface shows the same list.

use std::fmt;

use crate::workbook::{Rating, Workbook};

/// One thing to settle before the feedback report is final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    /// A field merged copies changed differently, in words ("The council's
    /// rating for KLOE 10"), as merge and `peerbook resolve` name it.
    Conflict(String),
    /// A question on the scale with no agreed peer rating (its reference).
    NotAgreed(String),
    /// A question no reviewer has reviewed (its reference).
    NotCovered(String),
    /// A part of the report with nothing in it (its name).
    EmptySection(String),
}

impl Blocker {
    /// What to do about it, in a few words.
    pub fn fix(&self) -> &'static str {
        match self {
            Blocker::Conflict(_) => "settle it on the Peer screen (V, then C)",
            Blocker::NotAgreed(_) => "agree a rating on the Peer screen (V, then a digit)",
            Blocker::NotCovered(_) => {
                "a reviewer reviews it, or the team agrees a rating for it (N/A if it is left out)"
            }
            Blocker::EmptySection(_) => "write it on the Findings screen (F)",
        }
    }
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocker::Conflict(p) => write!(f, "unresolved conflict: {p}"),
            Blocker::NotAgreed(q) => write!(f, "no agreed rating: {q}"),
            Blocker::NotCovered(q) => write!(f, "no reviewer has looked at {q}"),
            Blocker::EmptySection(s) => write!(f, "nothing written yet: {s}"),
        }
    }
}

/// The questions no reviewer has reviewed yet, as (question id, reference),
/// in framework order. A question the team has agreed a rating for (a level
/// or N/A) counts as looked at, whoever's section it came from. Every
/// question, while there are no reviewers and nothing is agreed.
pub fn uncovered(wb: &Workbook) -> Vec<(String, String)> {
    let agreed = |id: &str| {
        wb.consensus
            .iter()
            .any(|a| a.question == id && a.rating != Rating::None)
    };
    wb.framework
        .questions()
        .filter(|(_, q)| !agreed(&q.id))
        .filter(|(_, q)| !wb.reviewers.iter().any(|r| r.has_reviewed(&q.id)))
        .map(|(_, q)| (q.id.clone(), q.display_ref().to_string()))
        .collect()
}

/// Everything that stands in the way of the feedback report, in the order
/// it is listed: conflicts, agreed ratings, coverage, empty sections.
pub fn feedback_blockers(wb: &Workbook) -> Vec<Blocker> {
    let fw = &wb.framework;
    let mut out: Vec<Blocker> = wb
        .conflicts
        .iter()
        .map(|c| Blocker::Conflict(super::conflict_words::what(wb, &c.path)))
        .collect();
    if fw.scale.is_some() {
        for (_, q) in fw.questions() {
            let agreed = wb
                .consensus
                .iter()
                .find(|a| a.question == q.id)
                .map_or(Rating::None, |a| a.rating);
            if agreed == Rating::None {
                out.push(Blocker::NotAgreed(q.display_ref().to_string()));
            }
        }
    }
    out.extend(
        uncovered(wb)
            .into_iter()
            .map(|(_, r)| Blocker::NotCovered(r)),
    );
    let f = &wb.findings;
    let written = |v: &[String]| v.iter().any(|s| crate::workbook::is_written(s));
    if !written(&f.key_messages) {
        out.push(Blocker::EmptySection("Key messages".into()));
    }
    for d in &fw.domains {
        let found = f.domains.iter().find(|x| x.domain == d.id);
        if !found.is_some_and(|x| written(&x.strengths) || written(&x.areas)) {
            out.push(Blocker::EmptySection(format!(
                "{} (no strengths or areas for consideration)",
                d.title
            )));
        }
    }
    if !f
        .recommendations
        .iter()
        .any(|r| crate::workbook::is_written(&r.text))
    {
        out.push(Blocker::EmptySection("Recommendations".into()));
    }
    out
}

/// The blockers as lines to print or show, one each with its fix.
pub fn describe(blockers: &[Blocker]) -> Vec<String> {
    blockers
        .iter()
        .map(|b| format!("{b} — {}", b.fix()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;
    use crate::workbook::Conflict;
    use crate::workbook::onsite::{Agreed, Recommendation, Reviewer};

    fn wb() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        Workbook::new(fw, "C", "T")
    }

    /// A workbook with nothing left to settle.
    fn ready() -> Workbook {
        let mut w = wb();
        let ids: Vec<String> = w.framework.questions().map(|(_, q)| q.id.clone()).collect();
        let mut r = Reviewer {
            name: "Ann".into(),
            ..Reviewer::default()
        };
        for id in &ids {
            r.answer_mut(id).notes = "Met the team".into();
            w.consensus.push(Agreed {
                question: id.clone(),
                rating: Rating::Level(3),
                ..Agreed::default()
            });
        }
        w.reviewers.push(r);
        w.findings.key_messages.push("Strong front door".into());
        let domains: Vec<String> = w.framework.domains.iter().map(|d| d.id.clone()).collect();
        for d in domains {
            w.findings
                .domain_mut(&d)
                .strengths
                .push("Clear plan".into());
        }
        w.findings.recommendations.push(Recommendation {
            text: "Publish the plan".into(),
            ..Recommendation::default()
        });
        w
    }

    #[test]
    fn a_workbook_with_everything_settled_has_no_blockers() {
        assert_eq!(feedback_blockers(&ready()), vec![]);
        assert!(uncovered(&ready()).is_empty());
    }

    #[test]
    fn a_question_the_team_agreed_a_rating_for_counts_as_looked_at() {
        let mut w = ready();
        w.reviewers[0].answers.retain(|a| a.question != "4");
        assert!(uncovered(&w).is_empty(), "agreed, so looked at");
        w.consensus.retain(|a| a.question != "4");
        let open: Vec<String> = uncovered(&w).into_iter().map(|(id, _)| id).collect();
        assert_eq!(open, vec!["4".to_string()]);
    }

    #[test]
    fn each_kind_of_blocker_is_found_and_says_what_to_do() {
        let mut w = ready();
        w.conflicts.push(Conflict::new(
            "answers[question=2].narrative",
            "a".into(),
            vec![],
        ));
        w.consensus.retain(|a| a.question != "3");
        w.reviewers[0].answers.retain(|a| a.question != "4");
        w.consensus.retain(|a| a.question != "4");
        w.findings.key_messages = vec![" ".into()];
        w.findings.domains[0].strengths.clear();
        w.findings.recommendations.clear();
        let b = feedback_blockers(&w);
        let first_domain = w.framework.domains[0].title.clone();
        assert_eq!(
            b,
            vec![
                Blocker::Conflict("The council's answer for KLOE 2".into()),
                Blocker::NotAgreed("KLOE 3".into()),
                Blocker::NotAgreed("KLOE 4".into()),
                Blocker::NotCovered("KLOE 4".into()),
                Blocker::EmptySection("Key messages".into()),
                Blocker::EmptySection(format!(
                    "{first_domain} (no strengths or areas for consideration)"
                )),
                Blocker::EmptySection("Recommendations".into()),
            ]
        );
        assert_eq!(uncovered(&w), vec![("4".into(), "KLOE 4".into())]);
        let lines = describe(&b);
        assert!(lines[0].contains("V, then C"), "{lines:?}");
        assert!(lines[3].starts_with("no reviewer has looked at KLOE 4"));
    }

    #[test]
    fn with_no_reviewers_every_question_is_uncovered() {
        let w = wb();
        assert_eq!(uncovered(&w).len(), w.framework.question_count());
    }
}
