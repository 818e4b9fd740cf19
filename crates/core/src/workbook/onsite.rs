//! The on-site week: each reviewer's own section (their ratings, notes and
//! sources, their activity log), the agreed peer ratings, and the review
//! manager's findings and recommendations, which become the action plan.

use chrono::NaiveDate;

use super::Rating;
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
