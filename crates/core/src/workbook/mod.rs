//! Workbooks: one council's self-assessment for one review, in one YAML file
//! that embeds the framework it was made from.
//!
//! Each model type is described once, with [`codec::record!`]: its fields,
//! in the order they are written, and how each is read and written. The
//! council's part is in `model.rs`, the peer team's in [`onsite`], merge
//! conflicts in `conflict.rs`; `read.rs` and `write.rs` put a whole
//! workbook together from them.

pub mod codec;
pub mod comments;
mod conflict;
pub mod copy;
pub mod fields;
mod model;
pub mod onsite;
mod programme;
mod read;
pub mod report;
pub mod signoff;
mod upgrade;
mod words;
mod write;

use std::collections::HashMap;
use std::sync::Arc;

use crate::framework::Framework;
use crate::yaml::Kept;
pub use conflict::Conflict;
pub use copy::CopyOf;
pub use model::{
    Answer, CaseStudy, Changed, EvidenceItem, EvidenceKind, MetricValue, Rating, Review, Status,
    TeamMember,
};
pub use programme::ProgrammeItem;
pub use read::{LoadError, from_text};
pub use signoff::SignOff;
pub use upgrade::{UpgradeReport, upgrade};
pub use words::Words;
pub use write::{to_text, to_text_sized};

pub const FORMAT: i64 = 1;

#[derive(Debug, Clone)]
pub struct Workbook {
    pub review: Review,
    /// Shared, not copied, when the workbook is cloned for a save: it does
    /// not change while a workbook is edited (only `upgrade` replaces it).
    pub framework: Arc<Framework>,
    /// In framework order, then answers to questions the framework no
    /// longer has (orphaned), in the order they were found.
    pub answers: Vec<Answer>,
    /// Shared with the copy a save is writing until either side changes it
    /// (`Arc::make_mut`, or [`Workbook::evidence_mut`]).
    pub evidence: Arc<Vec<EvidenceItem>>,
    pub metrics: Vec<MetricValue>,
    pub proud_of: Vec<CaseStudy>,
    /// The peer team's own sections, one per reviewer.
    pub reviewers: Vec<onsite::Reviewer>,
    /// Agreed peer ratings.
    pub consensus: Vec<onsite::Agreed>,
    /// Findings, recommendations (and the actions on them), next steps.
    pub findings: onsite::Findings,
    /// Keys under `framework:` other than id, version, digest and content,
    /// and how that section was written.
    pub framework_extra: Kept,
    /// Fields that merged copies changed differently, each with the base
    /// value and every copy's value, until the review manager resolves them
    /// (see `merge`).
    pub conflicts: Vec<Conflict>,
    /// Set in a reviewer's copy made by `peerbook copy`: who it is for and
    /// the workbook it was made from.
    pub copy: Option<CopyOf>,
    /// Top-level keys this version does not know (kept on save, where they
    /// were). Reviewers' data from the on-site week will live beside the
    /// council's answers.
    pub extra: Kept,
}

/// The top-level keys a workbook may have, in the order they are written
/// (reading knows them by this list too).
const TOP_KEYS: &[&str] = &[
    "kind",
    "format",
    "review",
    "answers",
    "evidence",
    "metrics",
    "proud_of",
    "reviewers",
    "consensus",
    "findings",
    "conflicts",
    "copy",
    "framework",
];

impl Workbook {
    /// A new, empty workbook for a framework: one not-started answer per
    /// question.
    pub fn new(framework: Framework, council: &str, title: &str) -> Workbook {
        let answers = framework
            .questions()
            .map(|(_, q)| Answer::new(&q.id))
            .collect();
        Workbook {
            review: Review {
                council: council.to_string(),
                title: title.to_string(),
                ..Review::default()
            },
            framework: Arc::new(framework),
            answers,
            evidence: Arc::default(),
            metrics: Vec::new(),
            proud_of: Vec::new(),
            reviewers: Vec::new(),
            consensus: Vec::new(),
            findings: onsite::Findings::default(),
            framework_extra: Kept::default(),
            conflicts: Vec::new(),
            copy: None,
            extra: Kept::default(),
        }
    }

    pub fn answer(&self, question: &str) -> Option<&Answer> {
        // Answers are kept in framework order, so the question's position
        // is almost always the answer's: look there before searching.
        if let Some(a) = self
            .framework
            .order_of(question)
            .and_then(|i| self.answers.get(i))
            .filter(|a| a.question == question)
        {
            return Some(a);
        }
        self.answers.iter().find(|a| a.question == question)
    }

    /// The evidence library, to change: copied first if a save in progress
    /// still shares it.
    pub fn evidence_mut(&mut self) -> &mut Vec<EvidenceItem> {
        Arc::make_mut(&mut self.evidence)
    }

    /// Each question's answer (if any), in framework order. Answers are kept
    /// in that order, so one pass that compares ids finds nearly all of them;
    /// the rest are looked up.
    pub fn answers_in_order(&self) -> Vec<Option<&Answer>> {
        let questions: Vec<&str> = self
            .framework
            .questions()
            .map(|(_, q)| q.id.as_str())
            .collect();
        let mut out = vec![None; questions.len()];
        for (j, a) in self.answers.iter().enumerate() {
            let at = match questions.get(j) {
                Some(q) if *q == a.question => Some(j),
                _ => self.framework.order_of(&a.question),
            };
            // The first answer to a question wins, as in `answer`.
            if let Some(slot) = at.and_then(|i| out.get_mut(i))
                && slot.is_none()
            {
                *slot = Some(a);
            }
        }
        out
    }

    /// The answer to a question, created if there is none yet.
    pub fn answer_mut(&mut self, question: &str) -> &mut Answer {
        let fast = self
            .framework
            .order_of(question)
            .filter(|i| self.answers.get(*i).is_some_and(|a| a.question == question));
        let found = fast.or_else(|| self.answers.iter().position(|a| a.question == question));
        match found {
            Some(i) => &mut self.answers[i],
            None => {
                self.answers.push(Answer::new(question));
                self.sort_answers();
                let i = self
                    .answers
                    .iter()
                    .position(|a| a.question == question)
                    .unwrap_or(0);
                &mut self.answers[i]
            }
        }
    }

    /// A reviewer's section, created when first needed.
    pub fn reviewer_mut(&mut self, name: &str) -> &mut onsite::Reviewer {
        match self.reviewers.iter().position(|r| r.name == name) {
            Some(i) => &mut self.reviewers[i],
            None => {
                self.reviewers.push(onsite::Reviewer {
                    name: name.to_string(),
                    ..onsite::Reviewer::default()
                });
                let n = self.reviewers.len() - 1;
                &mut self.reviewers[n]
            }
        }
    }

    pub fn reviewer(&self, name: &str) -> Option<&onsite::Reviewer> {
        self.reviewers.iter().find(|r| r.name == name)
    }

    /// Answers to questions the embedded framework does not have.
    pub fn orphaned(&self) -> impl Iterator<Item = &Answer> {
        self.answers
            .iter()
            .filter(|a| self.framework.question(&a.question).is_none())
    }

    /// Puts answers in framework order, orphans last in their current order.
    pub fn sort_answers(&mut self) {
        let fw = &self.framework;
        self.answers
            .sort_by_key(|a| fw.order_of(&a.question).unwrap_or(usize::MAX));
    }

    pub fn evidence_item(&self, id: &str) -> Option<&EvidenceItem> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// Questions whose answers cite an evidence item.
    pub fn citing(&self, evidence_id: &str) -> Vec<&str> {
        self.answers
            .iter()
            .filter(|a| a.evidence.iter().any(|e| e == evidence_id))
            .map(|a| a.question.as_str())
            .collect()
    }

    /// How the questions that cite an evidence item are shown: their refs.
    pub fn citing_refs(&self, evidence_id: &str) -> Vec<String> {
        self.refs_of(&self.citing(evidence_id))
    }

    /// Questions shown by their refs (an id the framework lacks as it is).
    pub fn refs_of(&self, questions: &[&str]) -> Vec<String> {
        questions
            .iter()
            .map(|q| {
                self.framework
                    .question(q)
                    .map_or(q.to_string(), |(_, q)| q.display_ref().to_string())
            })
            .collect()
    }

    /// Every evidence item by id, and who cites it, from one pass over the
    /// workbook: for work that visits every item or every citation (an
    /// export), where a search per lookup would grow with the square of the
    /// workbook's size.
    pub fn evidence_index(&self) -> EvidenceIndex<'_> {
        let mut position = HashMap::with_capacity(self.evidence.len());
        for (i, e) in self.evidence.iter().enumerate() {
            // The first of a repeated id, as `evidence_item` finds it.
            position.entry(e.id.as_str()).or_insert(i);
        }
        let mut citing: HashMap<&str, Vec<&str>> = HashMap::new();
        for a in &self.answers {
            for e in &a.evidence {
                let list = citing.entry(e.as_str()).or_default();
                if list.last() != Some(&a.question.as_str()) {
                    list.push(a.question.as_str());
                }
            }
        }
        EvidenceIndex { position, citing }
    }

    /// A file name from council and title: `suffolk-reablement-review.yaml`.
    pub fn suggested_file_name(&self) -> String {
        file_stem(&format!("{} {}", self.review.council, self.review.title)) + ".yaml"
    }
}

/// The label of the evidence item at `index` in the library: `E1` for the
/// first. The pack, its evidence index and the interface all use it, so
/// the interface says `E1` where the pack does (the id, `ev-1`, is the
/// file's own key and may differ once items are deleted or reordered).
pub fn evidence_label(index: usize) -> String {
    format!("E{}", index + 1)
}

/// See [`Workbook::evidence_index`].
pub struct EvidenceIndex<'a> {
    position: HashMap<&'a str, usize>,
    citing: HashMap<&'a str, Vec<&'a str>>,
}

impl EvidenceIndex<'_> {
    /// Where the item is in the evidence library.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.position.get(id).copied()
    }

    /// Questions whose answers cite the item, in the order of the answers.
    pub fn citing(&self, id: &str) -> &[&str] {
        self.citing.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Whether a text holds anything: blank text counts as nothing written,
/// for every "answered" rule ([`Answer::is_answered`],
/// [`onsite::ReviewerAnswer::is_answered`]).
pub fn is_written(text: &str) -> bool {
    !text.trim().is_empty()
}

/// A number as people write it: no trailing `.0`.
pub fn fmt_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Lower-case ASCII letters and digits joined by '-', never empty, never a
/// path: safe to use as a file name in any folder.
pub fn file_stem(text: &str) -> String {
    let mut out = String::new();
    // The plain letter under a Latin accent (Môn → Mon, Ŵ → W), so names
    // stay readable in file names.
    for c in crate::text::fold_accents(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out = cut_at_word(out, 80);
    if out.is_empty() {
        "workbook".to_string()
    } else {
        out
    }
}

/// At most `max` characters of a stem, cut where a word ends (at a '-'),
/// never inside a word; a first word longer than `max` is cut at `max`.
fn cut_at_word(stem: &str, max: usize) -> String {
    // The stem is ASCII: letters, digits and '-'.
    if stem.len() <= max {
        return stem.to_string();
    }
    let cut = if stem.as_bytes()[max] == b'-' {
        max
    } else {
        stem[..max].rfind('-').unwrap_or(max)
    };
    stem[..cut].trim_end_matches('-').to_string()
}

/// A workbook on a one-domain, one-question framework (question `a`), for
/// the core's unit tests.
#[cfg(test)]
pub(crate) fn one_question_workbook() -> Workbook {
    let text = "kind: framework\nformat: 1\nid: t\nversion: '1'\ntitle: T\n\
                domains:\n- id: d1\n  title: One\n  questions:\n  - id: a\n    text: A\n";
    let (fw, diags) = crate::framework::load_text(
        "t.yaml",
        text.as_bytes(),
        crate::framework::Origin::File("t.yaml".into()),
    );
    Workbook::new(fw.unwrap_or_else(|| panic!("{diags}")), "C", "T")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(
            file_stem("Suffolk County Council Reablement peer review"),
            "suffolk-county-council-reablement-peer-review"
        );
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("Ynys Môn / Anglesey"), "ynys-mon-anglesey");
        assert_eq!(file_stem("Bro Morgannwg Ŵyl"), "bro-morgannwg-wyl");
        assert_eq!(file_stem("///"), "workbook");
    }

    #[test]
    fn long_file_stems_are_cut_where_a_word_ends() {
        let title = "Borough of Ashwell Vale adult social care peer challenge: reablement and intermediate care illustrative example";
        let stem = file_stem(title);
        assert!(stem.len() <= 80, "{stem}");
        assert_eq!(
            stem,
            "borough-of-ashwell-vale-adult-social-care-peer-challenge-reablement-and"
        );
        // Exactly at a word's end, the word is kept whole.
        let exact = format!("{} tail", "a".repeat(80));
        assert_eq!(file_stem(&exact), "a".repeat(80));
        // One word longer than the limit is cut at the limit.
        assert_eq!(file_stem(&"b".repeat(100)), "b".repeat(80));
    }

    #[test]
    fn file_names_fold_every_latin_accent() {
        assert_eq!(file_stem("Cyngor Llŷn: adolygiad"), "cyngor-llyn-adolygiad");
        assert_eq!(file_stem("Café Straße Æbeltoft"), "cafe-strasse-aebeltoft");
        assert_eq!(file_stem("Ẁyddgrug ẅ"), "wyddgrug-w");
    }

    #[test]
    fn statuses_parse_from_words_and_labels() {
        assert_eq!(
            Status::parse("Ready for review"),
            Some(Status::ReadyForReview)
        );
        assert_eq!(Status::parse("agreed"), Some(Status::Agreed));
        assert_eq!(Status::parse("done"), None);
    }

    fn small_workbook() -> Workbook {
        let text = "kind: framework\nformat: 1\nid: t\nversion: '1'\ntitle: T\n\
                    domains:\n- id: d1\n  title: One\n  questions:\n  - id: a\n    text: A\n\
                    \x20 - id: b\n    text: B\n- id: d2\n  title: Two\n  questions:\n\
                    \x20 - id: c\n    text: C\n";
        let (fw, diags) = crate::framework::load_text(
            "t.yaml",
            text.as_bytes(),
            crate::framework::Origin::File("t.yaml".into()),
        );
        Workbook::new(fw.unwrap_or_else(|| panic!("{diags}")), "C", "T")
    }

    #[test]
    fn an_answer_is_answered_by_what_it_holds_whatever_its_status() {
        let now = DateTime::from_timestamp(0, 0).unwrap_or_default();
        let empty = Answer::new("a");
        for status in Status::ALL {
            let a = Answer {
                status,
                owner: Some("Head of service".into()),
                narrative: " \n ".into(),
                strengths: vec!["  ".into()],
                ..empty.clone()
            };
            assert!(!a.is_answered(), "{status:?} with nothing written");
        }
        let answered = [
            Answer {
                rating: Rating::Level(2),
                ..empty.clone()
            },
            Answer {
                rating: Rating::NotApplicable,
                ..empty.clone()
            },
            Answer {
                narrative: "Where we are".into(),
                ..empty.clone()
            },
            Answer {
                strengths: vec!["One".into()],
                ..empty.clone()
            },
            Answer {
                areas: vec!["Two".into()],
                ..empty.clone()
            },
            Answer {
                evidence: vec!["ev-1".into()],
                ..empty.clone()
            },
        ];
        for a in answered {
            assert!(a.is_answered(), "{a:?}");
        }
        // Writing into a not-started answer makes it a draft; emptying a
        // draft makes it not started again; a status someone decided on
        // (ready for review, agreed) stays.
        let mut a = Answer::new("a");
        a.rating = Rating::NotApplicable;
        a.touch("Tester", now);
        assert_eq!(a.status, Status::Draft);
        a.rating = Rating::None;
        a.touch("Tester", now);
        assert_eq!(a.status, Status::NotStarted);
        assert_eq!(a.changed.as_ref().map(|c| c.by.as_str()), Some("Tester"));
        a.status = Status::ReadyForReview;
        a.touch("Tester", now);
        assert_eq!(a.status, Status::ReadyForReview);
    }

    #[test]
    fn answers_in_order_match_answer_whatever_the_order() {
        let mut wb = small_workbook();
        wb.answer_mut("c").narrative = "third".into();
        // No answer for `b`, an orphan, and the rest out of order.
        wb.answers.retain(|a| a.question != "b");
        let mut orphan = Answer::new("gone");
        orphan.narrative = "kept".into();
        wb.answers.insert(0, orphan);
        wb.answers.reverse();
        let found = wb.answers_in_order();
        assert_eq!(found.len(), 3);
        for (slot, q) in found.iter().zip(["a", "b", "c"]) {
            assert_eq!(
                slot.map(|a| a.question.as_str()),
                wb.answer(q).map(|a| a.question.as_str()),
                "{q}"
            );
        }
        assert!(found[1].is_none());
        assert_eq!(found[2].map(|a| a.narrative.as_str()), Some("third"));
    }

    #[test]
    fn the_evidence_index_finds_items_and_who_cites_them() {
        let mut wb = small_workbook();
        for id in ["e1", "e2"] {
            wb.evidence_mut().push(EvidenceItem {
                id: id.into(),
                title: id.to_uppercase(),
                ..Default::default()
            });
        }
        wb.answer_mut("a").evidence = vec!["e2".into(), "e2".into()];
        wb.answer_mut("c").evidence = vec!["e2".into(), "missing".into()];
        let ix = wb.evidence_index();
        assert_eq!(ix.position("e2"), Some(1));
        assert_eq!(ix.position("missing"), None);
        assert_eq!(ix.citing("e2"), ["a", "c"]);
        assert!(ix.citing("e1").is_empty());
        assert_eq!(ix.citing("e2"), wb.citing("e2").as_slice());
    }
}
