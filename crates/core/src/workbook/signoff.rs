//! Sign-off: who signed an answer (or the whole workbook) off, and when.
//! An answer may be signed off once it is ready for review (or agreed); a
//! change to it afterwards lapses the sign-off, which is kept as
//! `sign_off_lapsed` so the interface and `status` can say so, and sends
//! the answer back to ready for review. The one rule, used by the
//! interface, the command line and the CSV import alike
//! ([`Answer::touch`](super::Answer::touch) calls [`lapse`]).

use chrono::{DateTime, Utc};

use super::codec::{Req, Time, record};
use super::{Answer, Status, Workbook};

record! {
    /// A sign-off: by whom, and when.
    #[derive(Debug, Clone, PartialEq)]
    pub struct SignOff as "a sign-off" {
        pub by: String = Req,
        pub at: DateTime<Utc> = Time,
        ..extra
    }
}

impl SignOff {
    pub fn new(by: &str, at: DateTime<Utc>) -> SignOff {
        SignOff {
            by: by.to_string(),
            at,
            extra: Default::default(),
        }
    }

    /// "Jo Smith on 2026-02-10".
    pub fn describe(&self) -> String {
        format!("{} on {}", self.by, self.at.format("%Y-%m-%d"))
    }
}

/// Why an answer could not be signed off.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignOffError {
    #[error("'{question}' is {status}, not ready for review; mark it ready for review first")]
    NotReady {
        question: String,
        status: &'static str,
    },
    #[error("'{question}' is already signed off by {by}")]
    Already { question: String, by: String },
    #[error("no question '{0}' in this workbook")]
    NoQuestion(String),
}

impl SignOffError {
    /// The same error naming the question by `reference` ("KLOE 2"), as
    /// people see it, rather than by its id.
    pub fn naming(self, reference: &str) -> SignOffError {
        let question = reference.to_string();
        match self {
            SignOffError::NotReady { status, .. } => SignOffError::NotReady { question, status },
            SignOffError::Already { by, .. } => SignOffError::Already { question, by },
            SignOffError::NoQuestion(_) => SignOffError::NoQuestion(question),
        }
    }
}

/// Signs an answer off. Only a ready-for-review or agreed answer can be.
pub fn sign_off(a: &mut Answer, by: &str, at: DateTime<Utc>) -> Result<(), SignOffError> {
    if !matches!(a.status, Status::ReadyForReview | Status::Agreed) {
        return Err(SignOffError::NotReady {
            question: a.question.clone(),
            status: a.status.label(),
        });
    }
    if let Some(s) = &a.signed_off {
        return Err(SignOffError::Already {
            question: a.question.clone(),
            by: s.by.clone(),
        });
    }
    a.signed_off = Some(SignOff::new(by, at));
    a.sign_off_lapsed = None;
    Ok(())
}

/// Takes a sign-off back, without changing anything else. False if there
/// was none.
pub fn withdraw(a: &mut Answer) -> bool {
    a.signed_off.take().is_some()
}

/// The answer changed: a sign-off it had lapses, and it goes back to
/// ready for review.
pub fn lapse(a: &mut Answer) {
    if let Some(s) = a.signed_off.take() {
        a.sign_off_lapsed = Some(s);
        a.status = Status::ReadyForReview;
    }
}

/// How many of the framework's questions are signed off.
pub fn signed_off_count(wb: &Workbook) -> usize {
    wb.answers_in_order()
        .iter()
        .filter(|a| a.is_some_and(|a| a.signed_off.is_some()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Rating, one_question_workbook};

    fn at() -> DateTime<Utc> {
        "2026-02-10T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn only_an_answer_ready_for_review_is_signed_off() {
        let mut wb = one_question_workbook();
        let a = &mut wb.answers[0];
        a.status = Status::Draft;
        assert!(matches!(
            sign_off(a, "Director", at()),
            Err(SignOffError::NotReady { .. })
        ));
        a.status = Status::ReadyForReview;
        sign_off(a, "Director", at()).unwrap();
        assert_eq!(
            a.signed_off.as_ref().map(|s| s.describe()).as_deref(),
            Some("Director on 2026-02-10")
        );
        assert!(matches!(
            sign_off(a, "Other", at()),
            Err(SignOffError::Already { .. })
        ));
        assert_eq!(signed_off_count(&wb), 1);
    }

    #[test]
    fn a_change_after_sign_off_lapses_it_and_goes_back_to_ready_for_review() {
        let mut wb = one_question_workbook();
        let a = &mut wb.answers[0];
        a.status = Status::Agreed;
        a.rating = Rating::Level(2);
        sign_off(a, "Director", at()).unwrap();
        a.rating = Rating::Level(3);
        a.touch("Officer", at());
        assert_eq!(a.signed_off, None);
        assert_eq!(
            a.sign_off_lapsed.as_ref().map(|s| s.by.as_str()),
            Some("Director")
        );
        assert_eq!(a.status, Status::ReadyForReview);
        // Signing again clears the lapse.
        sign_off(a, "Director", at()).unwrap();
        assert_eq!(a.sign_off_lapsed, None);
    }
}
