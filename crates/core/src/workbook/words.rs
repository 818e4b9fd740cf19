//! The fixed sets of words a workbook uses (status, kinds of evidence and
//! activity, how a reviewer knows something, an action's status), each
//! described once, by its enum: the file word comes from the variant's name
//! in kebab-case, the label from its `#[strum(message = "…")]`, the list of
//! all of them from the variants. [`words!`] adds the same small methods to
//! each, and [`Words`] lets the reader and writer treat them alike.

/// An enum whose values are written as fixed words.
pub trait Words: Copy + Default + 'static {
    /// Every file word, in declaration order (what the reader accepts and
    /// lists in its fix).
    const WORDS: &'static [&'static str];
    /// The word written in files.
    fn word(self) -> &'static str;
    /// The value of an exact file word.
    fn from_word(s: &str) -> Option<Self>;
}

/// The variants as an array (for `const ALL`), from strum's list.
pub(crate) const fn array<T: Copy, const N: usize>(all: &[T]) -> [T; N] {
    let mut out = [all[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = all[i];
        i += 1;
    }
    out
}

/// Declares an enum of fixed words: strum's derives (the file word is the
/// variant's name in kebab-case, the label its `#[strum(message = "…")]`),
/// then `ALL`, `as_str`, `label`, `parse` and [`Words`]. `(lenient)` after
/// the name makes `parse` also accept the label, in any case, with spaces or
/// underscores for dashes.
macro_rules! words {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident $(($lenient:ident))? { $($body:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Default,
            strum::IntoStaticStr,
            strum::EnumString,
            strum::EnumMessage,
            strum::VariantArray,
            strum::VariantNames,
            strum::EnumCount,
        )]
        #[strum(serialize_all = "kebab-case")]
        $vis enum $name { $($body)* }

        impl $name {
            pub const ALL: [$name; <$name as strum::EnumCount>::COUNT] =
                $crate::workbook::words::array(<$name as strum::VariantArray>::VARIANTS);
            /// The word written in files and accepted on the command line.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
            /// How people read it.
            pub fn label(self) -> &'static str {
                strum::EnumMessage::get_message(&self).unwrap_or_else(|| self.as_str())
            }
            /// The value of a file word (see the macro for `lenient`).
            pub fn parse(s: &str) -> Option<$name> {
                $( let _ = stringify!($lenient);
                   let s = &s.trim().to_lowercase().replace([' ', '_'], "-"); )?
                s.parse().ok()
            }
        }
        impl $crate::workbook::words::Words for $name {
            const WORDS: &'static [&'static str] = <$name as strum::VariantNames>::VARIANTS;
            fn word(self) -> &'static str {
                self.as_str()
            }
            fn from_word(s: &str) -> Option<$name> {
                s.parse().ok()
            }
        }
    };
}

pub(crate) use words;

#[cfg(test)]
mod tests {
    use super::Words;
    use crate::workbook::onsite::{ActionStatus, ActivityKind, SourceKind};
    use crate::workbook::{EvidenceKind, Status};

    fn table<E: Words + std::fmt::Debug>(labels: impl Fn(E) -> &'static str) -> Vec<String> {
        E::WORDS
            .iter()
            .map(|w| {
                let e = E::from_word(w).unwrap_or_else(|| panic!("{w}"));
                assert_eq!(e.word(), *w);
                format!("{w}={}", labels(e))
            })
            .collect()
    }

    /// The words and labels as files and screens have always had them.
    #[test]
    fn words_and_labels_are_as_they_were() {
        assert_eq!(
            table(Status::label),
            [
                "not-started=Not started",
                "draft=Draft",
                "ready-for-review=Ready for review",
                "agreed=Agreed"
            ]
        );
        assert_eq!(
            table(EvidenceKind::label),
            [
                "document=Document",
                "data=Data",
                "case-file-audit=Case file audit",
                "feedback=Feedback",
                "other=Other"
            ]
        );
        assert_eq!(
            table(ActivityKind::label),
            [
                "interview=Interview",
                "focus-group=Focus group",
                "case-file-audit=Case file audit",
                "document=Document read",
                "visit=Visit",
                "other=Other"
            ]
        );
        assert_eq!(
            table(SourceKind::as_str),
            ["read=read", "heard=heard", "seen=seen"]
        );
        assert_eq!(
            table(ActionStatus::label),
            ["open=Open", "in-progress=In progress", "done=Done"]
        );
        assert_eq!(Status::ALL.map(Status::as_str), Status::WORDS);
        assert_eq!(Status::default(), Status::NotStarted);
        assert_eq!(EvidenceKind::default(), EvidenceKind::Document);
    }

    #[test]
    fn only_status_parses_labels() {
        assert_eq!(Status::parse(" Not Started "), Some(Status::NotStarted));
        assert_eq!(
            Status::parse("ready_for_review"),
            Some(Status::ReadyForReview)
        );
        assert_eq!(
            EvidenceKind::parse("case-file-audit"),
            Some(EvidenceKind::CaseFileAudit)
        );
        assert_eq!(EvidenceKind::parse("Case file audit"), None);
        assert_eq!(ActivityKind::parse("Focus group"), None);
    }
}
