//! The on-site week: each reviewer's own section (their ratings, notes and
//! sources, their activity log), the agreed peer ratings, and the review
//! manager's findings and recommendations, which become the action plan.
//! Each type is described once ([`record!`]): how it is read and written
//! comes from the same table.

use chrono::NaiveDate;

use super::codec::{
    Count, Cx, Date, Flag, Hours, Items, One, Opt, PeerRated, Req, ReqWord, Text, Texts, Word,
    record,
};
use super::report::{ReportDetails, Theme};
use super::words::words;
use super::{Rating, is_written};
use crate::yaml::read::{Obj, Reader};

record! {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Reviewer as "a reviewer" {
        pub name: String = Req,
        pub role: Option<String> = Opt,
        pub organisation: Option<String> = Opt,
        pub activities: Vec<Activity> = Items,
        pub answers: Vec<ReviewerAnswer> = Items,
        ..extra
    }
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

    /// Removes the entry for a question once it holds nothing (a rating
    /// set and cleared again) and no kept keys, so no empty
    /// `- question: '1'` is left in the file.
    pub fn drop_empty(&mut self, question: &str) {
        self.answers
            .retain(|a| a.question != question || a.is_answered() || !a.extra.is_empty());
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

words! {
    pub enum ActivityKind {
        #[default]
        #[strum(message = "Interview")]
        Interview,
        #[strum(message = "Focus group")]
        FocusGroup,
        #[strum(message = "Case file audit")]
        CaseFileAudit,
        #[strum(message = "Document read")]
        Document,
        #[strum(message = "Visit")]
        Visit,
        #[strum(message = "Other")]
        Other,
    }
}

impl ActivityKind {
    /// Meetings, for "held M meetings": interviews and focus groups.
    pub fn is_meeting(self) -> bool {
        matches!(self, ActivityKind::Interview | ActivityKind::FocusGroup)
    }
}

record! {
    /// One thing a reviewer did on site.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Activity as "an activity" {
        pub date: Option<NaiveDate> = Date,
        pub kind: ActivityKind = Word,
        pub title: String = Req,
        /// How many people were met.
        pub people: Option<u32> = Count,
        pub hours: Option<f64> = Hours,
        /// The programme item this was ([`super::ProgrammeItem`]): the
        /// reviewer attended it, and it counts once however many did.
        pub programme: Option<String> = Opt,
        ..extra
    }
}

words! {
    /// How a reviewer came to know something.
    pub enum SourceKind {
        #[default]
        #[strum(message = "Read")]
        Read,
        #[strum(message = "Heard")]
        Heard,
        #[strum(message = "Seen")]
        Seen,
    }
}

record! {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Source as "a source" {
        pub kind: SourceKind = ReqWord,
        pub text: String = Req,
        /// The programme item it came from, if any.
        pub programme: Option<String> = Opt,
        ..extra
    }
}

impl Source {
    pub fn new(kind: SourceKind, text: impl Into<String>) -> Source {
        Source {
            kind,
            text: text.into(),
            programme: None,
            extra: Default::default(),
        }
    }
}

record! {
    /// A reviewer's entry for one question.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct ReviewerAnswer as "a reviewer's answer", check check_question {
        pub question: String = Req,
        pub rating: Rating = PeerRated,
        pub notes: String = Text,
        pub strengths: Vec<String> = Texts,
        /// Areas for consideration.
        pub areas: Vec<String> = Texts,
        pub sources: Vec<Source> = Items,
        ..extra
    }
}

record! {
    /// The peer rating the review manager records after discussion.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Agreed as "an agreed rating", check check_question {
        pub question: String = Req,
        pub rating: Rating = PeerRated,
        pub note: Option<String> = Opt,
        ..extra
    }
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

/// Entries for a question the framework lacks are kept, with a warning.
trait ForQuestion {
    fn question(&self) -> &str;
}
impl ForQuestion for ReviewerAnswer {
    fn question(&self) -> &str {
        &self.question
    }
}
impl ForQuestion for Agreed {
    fn question(&self) -> &str {
        &self.question
    }
}

fn check_question<T: ForQuestion>(item: &T, r: &mut Reader, o: &Obj, cx: &Cx) {
    let q = item.question();
    if let Some(fw) = cx.fw
        && fw.question(q).is_none()
    {
        r.warning(
            &o.at("question"),
            format!("question '{q}' is not in {}; the entry is kept", fw.key()),
            "",
        );
    }
}

words! {
    pub enum ActionStatus {
        #[default]
        #[strum(message = "Open")]
        Open,
        #[strum(message = "In progress")]
        InProgress,
        #[strum(message = "Done")]
        Done,
    }
}

record! {
    /// A numbered recommendation (its number is its place in the list), and
    /// the action the council tracks against it afterwards.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Recommendation as "a recommendation" {
        pub text: String = Req,
        pub quick_win: bool = Flag,
        pub owner: Option<String> = Opt,
        pub due: Option<NaiveDate> = Date,
        pub status: ActionStatus = Word,
        /// Progress notes for the follow-up visit.
        pub progress: Option<String> = Opt,
        /// What the headline (`text`) means, in prose, for the report.
        pub explanation: String = Text,
        /// The group the report shows it under ("Quick wins").
        pub group: Option<String> = Opt,
        ..extra
    }
}

record! {
    /// The peer team's findings for one domain.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct DomainFindings as "a domain's findings", check check_domain {
        pub domain: String = Req,
        pub strengths: Vec<String> = Texts,
        pub areas: Vec<String> = Texts,
        /// The report's paragraphs on the domain, in prose.
        pub narrative: String = Text,
        ..extra
    }
}

/// Findings for a domain the framework lacks are kept, with a warning.
fn check_domain(d: &DomainFindings, r: &mut Reader, o: &Obj, cx: &Cx) {
    let id = &d.domain;
    if let Some(fw) = cx.fw
        && !fw.domains.iter().any(|x| x.id == *id)
    {
        r.warning(
            &o.at("domain"),
            format!(
                "domain '{id}' is not in {}; its findings are kept",
                fw.key()
            ),
            "",
        );
    }
}

record! {
    /// What the review manager writes up at the end of the week.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Findings as "the findings", check check_findings {
        pub key_messages: Vec<String> = Texts,
        pub domains: Vec<DomainFindings> = Items,
        pub recommendations: Vec<Recommendation> = Items,
        pub next_steps: Vec<String> = Texts,
        /// Themes beyond the framework's domains ([`super::report`]).
        pub themes: Vec<Theme> = Items,
        /// The feedback report's own details ([`super::report`]).
        pub report: Option<ReportDetails> = One,
        ..extra
    }
}

fn check_findings(f: &Findings, r: &mut Reader, o: &Obj, _: &Cx) {
    super::report::check_themes(&f.themes, r, o);
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
        a.sources
            .push(Source::new(SourceKind::Heard, String::new()));
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
