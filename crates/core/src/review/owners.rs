//! Owned sections: what a copy made by `peerbook copy` may change in a
//! merge. A reviewer's copy owns its reviewer's own section; a council
//! officer's copy (role `council`) owns the council's answers, evidence,
//! metrics and case studies. Anything else such a copy changes is held as
//! a conflict for the review manager to accept or drop. A copy without a
//! `copy:` record (made by hand, or the other side of a `git merge`) may
//! change anything, as before.

use crate::workbook::CopyOf;

/// The council's own sections, by their key in the workbook.
const COUNCIL: &[&str] = &["answers", "evidence", "metrics", "proud_of"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule<'a> {
    Anything,
    /// Only `reviewers[name=…]` of this name.
    Reviewer(&'a str),
    Council,
}

impl<'a> Rule<'a> {
    pub fn of(copy: Option<&'a CopyOf>) -> Rule<'a> {
        match copy {
            None => Rule::Anything,
            Some(c) if c.is_council() => Rule::Council,
            Some(c) => Rule::Reviewer(&c.name),
        }
    }

    /// Whether a change at `path` (a merge path such as
    /// `reviewers[name=Owen].answers[question=3].notes`) is the copy's own.
    pub fn allows(&self, path: &str) -> bool {
        match self {
            Rule::Anything => true,
            Rule::Reviewer(name) => {
                let own = format!("reviewers[name={name}]");
                path == own || path.starts_with(&format!("{own}."))
            }
            Rule::Council => {
                let first = path.split(['.', '[']).next().unwrap_or("");
                COUNCIL.contains(&first)
            }
        }
    }

    /// Why a change was held, for the conflict's `held:`.
    pub fn why_held(&self, label: &str) -> String {
        match self {
            Rule::Anything => String::new(),
            Rule::Reviewer(name) => format!(
                "{label} is a reviewer's copy: it may change only {name}'s own reviewer section"
            ),
            Rule::Council => format!(
                "{label} is a council officer's copy: it may change only the council's answers, evidence, metrics and case studies"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reviewer_owns_their_section_only() {
        let r = Rule::Reviewer("Owen");
        assert!(r.allows("reviewers[name=Owen]"));
        assert!(r.allows("reviewers[name=Owen].answers[question=3].notes"));
        assert!(!r.allows("reviewers[name=Owena]"));
        assert!(!r.allows("reviewers[name=Nadia].answers[question=3].notes"));
        assert!(!r.allows("answers[question=3].rating"));
        assert!(!r.allows("review.title"));
        let c = Rule::Council;
        assert!(c.allows("answers[question=3].rating"));
        assert!(c.allows("evidence[id=ev-1]"));
        assert!(!c.allows("review.council"));
        assert!(!c.allows("reviewers[name=Owen].answers[question=3].notes"));
        assert!(!c.allows("consensus[question=3].rating"));
        assert!(Rule::Anything.allows("review.title"));
    }
}
