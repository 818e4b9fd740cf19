//! The on-site week: each reviewer's own section (their ratings, notes and
//! sources, their activity log), the agreed peer ratings, and the review
//! manager's findings and recommendations, which become the action plan.

use chrono::NaiveDate;

use super::{Rating, is_written};
use crate::yaml::Mapping;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reviewer {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub activities: Vec<Activity>,
    pub answers: Vec<ReviewerAnswer>,
    pub extra: Mapping,
}

impl Reviewer {
    pub fn answer(&self, question: &str) -> Option<&ReviewerAnswer> {
        self.answers.iter().find(|a| a.question == question)
    }

    /// Whether the reviewer has reviewed a question: their entry on it
    /// holds something ([`ReviewerAnswer::is_answered`]).
    pub fn has_reviewed(&self, question: &str) -> bool {
        self.answer(question)
            .is_some_and(ReviewerAnswer::is_answered)
    }

    /// How many questions the reviewer has reviewed.
    pub fn reviewed(&self) -> usize {
        self.answers.iter().filter(|a| a.is_answered()).count()
    }

    pub fn answer_mut(&mut self, question: &str) -> &mut ReviewerAnswer {
        match self.answers.iter().position(|a| a.question == question) {
            Some(i) => &mut self.answers[i],
            None => {
                self.answers.push(ReviewerAnswer {
                    question: question.to_string(),
                    ..ReviewerAnswer::default()
                });
                let n = self.answers.len() - 1;
                &mut self.answers[n]
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActivityKind {
    #[default]
    Interview,
    FocusGroup,
    CaseFileAudit,
    Document,
    Visit,
    Other,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 6] = [
        ActivityKind::Interview,
        ActivityKind::FocusGroup,
        ActivityKind::CaseFileAudit,
        ActivityKind::Document,
        ActivityKind::Visit,
        ActivityKind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Interview => "interview",
            ActivityKind::FocusGroup => "focus-group",
            ActivityKind::CaseFileAudit => "case-file-audit",
            ActivityKind::Document => "document",
            ActivityKind::Visit => "visit",
            ActivityKind::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::Interview => "Interview",
            ActivityKind::FocusGroup => "Focus group",
            ActivityKind::CaseFileAudit => "Case file audit",
            ActivityKind::Document => "Document read",
            ActivityKind::Visit => "Visit",
            ActivityKind::Other => "Other",
        }
    }
    pub fn parse(s: &str) -> Option<ActivityKind> {
        ActivityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// Meetings, for "held M meetings": interviews and focus groups.
    pub fn is_meeting(self) -> bool {
        matches!(self, ActivityKind::Interview | ActivityKind::FocusGroup)
    }
}

/// One thing a reviewer did on site.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Activity {
    pub date: Option<NaiveDate>,
    pub kind: ActivityKind,
    pub title: String,
    /// How many people were met.
    pub people: Option<u32>,
    pub hours: Option<f64>,
    pub extra: Mapping,
}

/// How a reviewer came to know something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceKind {
    #[default]
    Read,
    Heard,
    Seen,
}

impl SourceKind {
    pub const ALL: [SourceKind; 3] = [SourceKind::Read, SourceKind::Heard, SourceKind::Seen];
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Read => "read",
            SourceKind::Heard => "heard",
            SourceKind::Seen => "seen",
        }
    }
    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    pub kind: SourceKind,
    pub text: String,
}

/// A reviewer's entry for one question.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewerAnswer {
    pub question: String,
    pub rating: Rating,
    pub notes: String,
    pub strengths: Vec<String>,
    /// Areas for consideration.
    pub areas: Vec<String>,
    pub sources: Vec<Source>,
    pub extra: Mapping,
}

impl ReviewerAnswer {
    /// Whether the entry holds anything: a rating (a level or N/A), notes
    /// that are not blank, or a strength, area or source that is not blank.
    /// The rule of [`crate::workbook::Answer::is_answered`], for a
    /// reviewer: an entry emptied again is not a question reviewed.
    pub fn is_answered(&self) -> bool {
        let written = |s: &String| is_written(s);
        self.rating != Rating::None
            || is_written(&self.notes)
            || self.strengths.iter().any(written)
            || self.areas.iter().any(written)
            || self.sources.iter().any(|s| is_written(&s.text))
    }
}

/// The peer rating the review manager records after discussion.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agreed {
    pub question: String,
    pub rating: Rating,
    pub note: Option<String>,
    pub extra: Mapping,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
        }
    }
    pub fn parse(s: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A numbered recommendation (its number is its place in the list), and
/// the action the council tracks against it afterwards.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recommendation {
    pub text: String,
    pub quick_win: bool,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    /// Progress notes for the follow-up visit.
    pub progress: Option<String>,
    pub extra: Mapping,
}

/// The peer team's findings for one domain.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DomainFindings {
    pub domain: String,
    pub strengths: Vec<String>,
    pub areas: Vec<String>,
    pub extra: Mapping,
}

/// What the review manager writes up at the end of the week.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Findings {
    pub key_messages: Vec<String>,
    pub domains: Vec<DomainFindings>,
    pub recommendations: Vec<Recommendation>,
    pub next_steps: Vec<String>,
    pub extra: Mapping,
}

impl Findings {
    pub fn is_empty(&self) -> bool {
        *self == Findings::default()
    }
    pub fn domain_mut(&mut self, id: &str) -> &mut DomainFindings {
        match self.domains.iter().position(|d| d.domain == id) {
            Some(i) => &mut self.domains[i],
            None => {
                self.domains.push(DomainFindings {
                    domain: id.to_string(),
                    ..DomainFindings::default()
                });
                let n = self.domains.len() - 1;
                &mut self.domains[n]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_is_reviewed_by_what_the_entry_holds() {
        let mut r = Reviewer::default();
        assert!(!r.has_reviewed("1"));
        // An entry made and emptied again, or holding only blanks.
        let a = r.answer_mut("1");
        a.notes = " \n".into();
        a.strengths.push(" ".into());
        a.sources.push(Source {
            kind: SourceKind::Heard,
            text: String::new(),
        });
        assert!(!r.has_reviewed("1"));
        assert_eq!(r.reviewed(), 0);
        let filled: [fn(&mut ReviewerAnswer); 5] = [
            |a| a.rating = Rating::NotApplicable,
            |a| a.notes = "Met the team".into(),
            |a| a.strengths.push("Clear plan".into()),
            |a| a.areas.push("Waiting lists".into()),
            |a| a.sources[0].text = "Front door staff".into(),
        ];
        for (i, fill) in filled.iter().enumerate() {
            let mut r = r.clone();
            fill(r.answer_mut("1"));
            assert!(r.has_reviewed("1"), "case {i}");
            assert_eq!(r.reviewed(), 1, "case {i}");
        }
    }
}
