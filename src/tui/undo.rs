//! Undo and redo for changes the interface makes to the workbook (Ctrl-z
//! and Ctrl-y outside the text editor).
//!
//! Before a change the app takes a [`Snapshot`] of the one part of the
//! workbook the change touches (one answer, one reviewer's section, the
//! findings, the review details…, or the whole workbook for the rare
//! change that spans parts), and records it with a label and where the
//! selection was. Undoing swaps the snapshot back in and keeps what it
//! replaced for redo, so both directions are the same operation.
//!
//! A snapshot costs what its part holds, not what the workbook holds: the
//! evidence library is shared (`Arc`) until it is changed, and an answer is
//! a few strings. What is typed in one editor is one entry (the entries of
//! one *group* are folded into the first), and the history keeps the last
//! [`CAP`] entries.
//!
//! (Over 600 lines with its tests, which are a quarter of it.)

use std::collections::VecDeque;
use std::sync::Arc;

use super::edit::Target;
use super::screens::{Pane, Screen};
use crate::workbook::onsite::{Agreed, Findings, Reviewer, ReviewerAnswer};
use crate::workbook::{Answer, CaseStudy, EvidenceItem, MetricValue, Review, Workbook};

/// How many changes can be undone.
pub const CAP: usize = 100;

/// The part of the workbook a change touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The answer to one question (by id).
    Answer(String),
    /// One reviewer's section (by name).
    Reviewer(String),
    Review,
    Evidence,
    Metrics,
    ProudOf,
    Consensus,
    Findings,
    /// Everything: for a change that spans parts (deleting evidence takes
    /// its links out of the answers; settling a merge conflict).
    Whole,
}

impl Part {
    /// The part an editor's field is in.
    pub fn of(target: &Target) -> Part {
        use Target as T;
        match target {
            T::Narrative(q)
            | T::Owner(q)
            | T::Strength(q, _)
            | T::Area(q, _)
            | T::Comment(q, _)
            | T::NewComment(q, _) => Part::Answer(q.clone()),
            T::Council
            | T::Title
            | T::Focus(_)
            | T::OnsiteStart
            | T::OnsiteEnd
            | T::Member(..)
            | T::WordLimit
            | T::EvidenceMaxAge => Part::Review,
            T::Evidence(..) => Part::Evidence,
            T::Metric(..) => Part::Metrics,
            T::Case(..) => Part::ProudOf,
            T::ReviewNotes(r, _)
            | T::ReviewStrength(r, ..)
            | T::ReviewArea(r, ..)
            | T::ReviewSource(r, ..)
            | T::Activity(r, ..) => Part::Reviewer(r.clone()),
            T::KeyMessage(_)
            | T::FindingStrength(..)
            | T::FindingArea(..)
            | T::RecText(_)
            | T::RecOwner(_)
            | T::RecDue(_)
            | T::RecProgress(_)
            | T::NextStep(_)
            | T::Report(_) => Part::Findings,
            T::AgreedNote(_) => Part::Consensus,
            T::Programme(..) => Part::Review,
        }
    }
}

/// A part of the workbook as it was. `None`: the answer or section did not
/// exist yet.
#[derive(Debug, Clone)]
enum Saved {
    /// Boxed: an answer is the largest part kept.
    Answer(String, Option<Box<Answer>>),
    Reviewer(String, Option<Reviewer>),
    Review(Review),
    Evidence(Arc<Vec<EvidenceItem>>),
    Metrics(Vec<MetricValue>),
    ProudOf(Vec<CaseStudy>),
    Consensus(Vec<Agreed>),
    Findings(Findings),
    Whole(Box<Workbook>),
}

/// One part of the workbook, kept to be put back.
#[derive(Debug, Clone)]
pub struct Snapshot(Saved);

fn answer_index(wb: &Workbook, q: &str) -> Option<usize> {
    wb.framework
        .order_of(q)
        .filter(|i| wb.answers.get(*i).is_some_and(|a| a.question == q))
        .or_else(|| wb.answers.iter().position(|a| a.question == q))
}

impl Snapshot {
    /// The part as it is now.
    pub fn take(wb: &Workbook, part: &Part) -> Snapshot {
        Snapshot(match part {
            Part::Answer(q) => Saved::Answer(q.clone(), wb.answer(q).cloned().map(Box::new)),
            Part::Reviewer(r) => Saved::Reviewer(r.clone(), wb.reviewer(r).cloned()),
            Part::Review => Saved::Review(wb.review.clone()),
            Part::Evidence => Saved::Evidence(Arc::clone(&wb.evidence)),
            Part::Metrics => Saved::Metrics(wb.metrics.clone()),
            Part::ProudOf => Saved::ProudOf(wb.proud_of.clone()),
            Part::Consensus => Saved::Consensus(wb.consensus.clone()),
            Part::Findings => Saved::Findings(wb.findings.clone()),
            Part::Whole => Saved::Whole(Box::new(wb.clone())),
        })
    }

    /// Puts the kept part back into the workbook; returns what it replaced.
    fn swap(self, wb: &mut Workbook) -> Snapshot {
        use std::mem::replace;
        Snapshot(match self.0 {
            Saved::Answer(q, kept) => {
                let now = match (kept, answer_index(wb, &q)) {
                    (Some(a), Some(i)) => Some(Box::new(replace(&mut wb.answers[i], *a))),
                    (Some(a), None) => {
                        *wb.answer_mut(&q) = *a;
                        None
                    }
                    (None, Some(i)) => Some(Box::new(wb.answers.remove(i))),
                    (None, None) => None,
                };
                Saved::Answer(q, now)
            }
            Saved::Reviewer(name, kept) => {
                let at = wb.reviewers.iter().position(|r| r.name == name);
                let now = match (kept, at) {
                    (Some(r), Some(i)) => Some(replace(&mut wb.reviewers[i], r)),
                    (Some(r), None) => {
                        wb.reviewers.push(r);
                        None
                    }
                    (None, Some(i)) => Some(wb.reviewers.remove(i)),
                    (None, None) => None,
                };
                Saved::Reviewer(name, now)
            }
            Saved::Review(r) => Saved::Review(replace(&mut wb.review, r)),
            Saved::Evidence(e) => Saved::Evidence(replace(&mut wb.evidence, e)),
            Saved::Metrics(m) => Saved::Metrics(replace(&mut wb.metrics, m)),
            Saved::ProudOf(p) => Saved::ProudOf(replace(&mut wb.proud_of, p)),
            Saved::Consensus(c) => Saved::Consensus(replace(&mut wb.consensus, c)),
            Saved::Findings(f) => Saved::Findings(replace(&mut wb.findings, f)),
            Saved::Whole(w) => Saved::Whole(Box::new(replace(wb, *w))),
        })
    }

    /// The part of the workbook it was taken of.
    fn part(&self) -> Part {
        match &self.0 {
            Saved::Answer(q, _) => Part::Answer(q.clone()),
            Saved::Reviewer(n, _) => Part::Reviewer(n.clone()),
            Saved::Review(_) => Part::Review,
            Saved::Evidence(_) => Part::Evidence,
            Saved::Metrics(_) => Part::Metrics,
            Saved::ProudOf(_) => Part::ProudOf,
            Saved::Consensus(_) => Part::Consensus,
            Saved::Findings(_) => Part::Findings,
            Saved::Whole(_) => Part::Whole,
        }
    }

    /// Whether the workbook's part is as kept (so undoing would change
    /// nothing). The whole workbook is never compared.
    fn matches(&self, wb: &Workbook) -> bool {
        match &self.0 {
            Saved::Answer(q, a) => wb.answer(q) == a.as_deref(),
            Saved::Reviewer(n, r) => wb.reviewer(n) == r.as_ref(),
            Saved::Review(r) => wb.review == *r,
            Saved::Evidence(e) => Arc::ptr_eq(&wb.evidence, e) || wb.evidence == *e,
            Saved::Metrics(m) => wb.metrics == *m,
            Saved::ProudOf(p) => wb.proud_of == *p,
            Saved::Consensus(c) => wb.consensus == *c,
            Saved::Findings(f) => wb.findings == *f,
            Saved::Whole(_) => false,
        }
    }
}

/// Where the selection was when a change was made, to go back there when
/// it is undone or redone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub screen: Screen,
    /// The selected question (index in framework order).
    pub question: usize,
    /// The pane of the screen (questions or list form).
    pub pane: Pane,
    /// The line of the answer pane.
    pub slot: usize,
    /// The selected row of a list screen (findings, details, evidence…).
    pub list: usize,
    /// The field of a list screen's form.
    pub field: usize,
}

#[derive(Debug)]
struct Entry {
    label: String,
    spot: Spot,
    group: Option<u64>,
    snapshot: Snapshot,
}

/// What an undo or redo did: its label and where to select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub label: String,
    pub spot: Spot,
}

/// The changes that can be undone, newest last, and those undone that can
/// be redone.
#[derive(Debug)]
pub struct History {
    undo: VecDeque<Entry>,
    redo: Vec<Entry>,
    cap: usize,
}

impl Default for History {
    fn default() -> History {
        History::with_cap(CAP)
    }
}

impl History {
    pub fn with_cap(cap: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            cap: cap.max(1),
        }
    }

    /// Whether a change in `group` is folded into the newest entry, so no
    /// snapshot need be taken for it.
    pub fn continues(&self, group: Option<u64>) -> bool {
        group.is_some() && self.undo.back().is_some_and(|e| e.group == group)
    }

    /// Records a change: `snapshot` is the part as it was before. A new
    /// change ends what could be redone. A change in the group of the
    /// newest entry is part of it (its snapshot is older, so it is kept).
    pub fn record(&mut self, snapshot: Snapshot, label: String, spot: Spot, group: Option<u64>) {
        self.redo.clear();
        if self.continues(group) {
            return;
        }
        self.undo.push_back(Entry {
            label,
            spot,
            group,
            snapshot,
        });
        while self.undo.len() > self.cap {
            self.undo.pop_front();
        }
    }

    /// The part the next undo (or, with `redo`, redo) would change, and
    /// its label: asked before it is done, as before any change.
    pub fn next(&self, redo: bool) -> Option<(Part, &str)> {
        let e = if redo {
            self.redo.last()
        } else {
            self.undo.back()
        }?;
        Some((e.snapshot.part(), e.label.as_str()))
    }

    /// Undoes the newest change.
    pub fn undo(&mut self, wb: &mut Workbook) -> Option<Step> {
        let e = self.undo.pop_back()?;
        let step = Step {
            label: e.label.clone(),
            spot: e.spot,
        };
        self.redo.push(Entry {
            snapshot: e.snapshot.swap(wb),
            group: None,
            ..e
        });
        Some(step)
    }

    /// Does again the change undone last.
    pub fn redo(&mut self, wb: &mut Workbook) -> Option<Step> {
        let e = self.redo.pop()?;
        let step = Step {
            label: e.label.clone(),
            spot: e.spot,
        };
        self.undo.push_back(Entry {
            snapshot: e.snapshot.swap(wb),
            ..e
        });
        Some(step)
    }

    /// Forgets the newest entry if it is of `group` and undoing it would
    /// change nothing (a new item typed and rubbed out, then dropped).
    pub fn forget_if_unchanged(&mut self, wb: &Workbook, group: u64) {
        if self
            .undo
            .back()
            .is_some_and(|e| e.group == Some(group) && e.snapshot.matches(wb))
        {
            self.undo.pop_back();
        }
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// How many changes can be undone.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }
}

// ----- labels: what the status bar says was undone -----

/// How a list changed, as "delete strength 2", or None if it did not.
fn list_change<T: PartialEq>(noun: &str, before: &[T], after: &[T]) -> Option<String> {
    if before == after {
        return None;
    }
    let first = before
        .iter()
        .zip(after)
        .position(|(a, b)| a != b)
        .unwrap_or(before.len().min(after.len()));
    Some(if after.len() + 1 == before.len() {
        format!("delete {noun} {}", first + 1)
    } else if after.len() == before.len() + 1 {
        format!("add {noun} {}", first + 1)
    } else if after.len() == before.len() {
        let differ: Vec<usize> = (0..before.len())
            .filter(|i| before[*i] != after[*i])
            .collect();
        match differ[..] {
            [i, j] if before[i] == after[j] && before[j] == after[i] => {
                format!("move {noun} {}", i + 1)
            }
            _ => format!("edit {noun} {}", first + 1),
        }
    } else {
        format!("change the {noun}s")
    })
}

/// What a change to the answer of question `r` (its reference) did.
pub fn answer_change(before: &Answer, after: &Answer, r: &str) -> String {
    let field = if before.rating != after.rating {
        Some("change the rating".to_string())
    } else if before.status != after.status {
        Some("change the status".to_string())
    } else if before.owner != after.owner {
        Some("change the owner".to_string())
    } else if before.narrative != after.narrative {
        Some("edit the narrative".to_string())
    } else {
        list_change("strength", &before.strengths, &after.strengths)
            .or_else(|| list_change("area", &before.areas, &after.areas))
            .or_else(|| list_change("evidence link", &before.evidence, &after.evidence))
    };
    match field {
        Some(f) => format!("{f} of {r}"),
        None => format!("change {r}"),
    }
}

/// What a change to a reviewer's own entry on question `r` did.
pub fn review_change(before: &ReviewerAnswer, after: &ReviewerAnswer, r: &str) -> String {
    let field = if before.rating != after.rating {
        Some("change your rating".to_string())
    } else if before.notes != after.notes {
        Some("edit your notes".to_string())
    } else {
        list_change("strength", &before.strengths, &after.strengths)
            .or_else(|| list_change("area", &before.areas, &after.areas))
            .or_else(|| list_change("source", &before.sources, &after.sources))
    };
    match field {
        Some(f) => format!("{f} on {r}"),
        None => format!("change your entry on {r}"),
    }
}

/// A question's reference ("KLOE 3"), or its id.
pub fn question_ref(wb: &Workbook, q: &str) -> String {
    wb.framework
        .question(q)
        .map_or_else(|| q.to_string(), |(_, x)| x.display_ref().to_string())
}

/// What an editor's field is, as "strength 2 of KLOE 3".
pub fn field_name(target: &Target, wb: &Workbook) -> String {
    use Target as T;
    let r = |q: &str| question_ref(wb, q);
    match target {
        T::Narrative(q) => format!("the narrative of {}", r(q)),
        T::Owner(q) => format!("the owner of {}", r(q)),
        T::Strength(q, i) => format!("strength {} of {}", i + 1, r(q)),
        T::Area(q, i) => format!("area {} of {}", i + 1, r(q)),
        T::Council => "the council's name".into(),
        T::Title => "the review title".into(),
        T::Focus(i) => format!("focus question {}", i + 1),
        T::OnsiteStart | T::OnsiteEnd => "the on-site dates".into(),
        T::Member(i, _) => format!("team member {}", i + 1),
        T::Evidence(i, _) => match wb.evidence.get(*i) {
            Some(e) => format!("evidence {}", e.id),
            None => "evidence".into(),
        },
        T::Metric(id, _) => format!("metric {id}"),
        T::Case(i, _) => format!("case study {}", i + 1),
        T::ReviewNotes(_, q) => format!("your notes on {}", r(q)),
        T::ReviewStrength(_, q, i) => format!("your strength {} on {}", i + 1, r(q)),
        T::ReviewArea(_, q, i) => format!("your area {} on {}", i + 1, r(q)),
        T::ReviewSource(_, q, i) => format!("your source {} on {}", i + 1, r(q)),
        T::Activity(_, i, _) => format!("activity {}", i + 1),
        T::KeyMessage(i) => format!("key message {}", i + 1),
        T::FindingStrength(d, i) => format!("strength {} of {d}", i + 1),
        T::FindingArea(d, i) => format!("area {} of {d}", i + 1),
        T::RecText(i) | T::RecOwner(i) | T::RecDue(i) | T::RecProgress(i) => {
            format!("recommendation {}", i + 1)
        }
        T::NextStep(i) => format!("next step {}", i + 1),
        T::Report(t) => crate::tui::screens::report_state::what(t),
        T::AgreedNote(q) => format!("the note on the agreed rating of {}", r(q)),
        T::Programme(i, _) => format!("programme item {}", i + 1),
        T::Comment(q, _) | T::NewComment(q, _) => format!("a comment on {}", r(q)),
        T::WordLimit => "the word limit".into(),
        T::EvidenceMaxAge => "the age evidence is old after".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;

    fn workbook() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg
            .frameworks
            .first()
            .expect("a built-in framework")
            .clone();
        let mut wb = Workbook::new(fw, "Council", "Review");
        wb.review.focus = vec!["one".into(), "two".into()];
        wb
    }

    fn first_question(wb: &Workbook) -> String {
        wb.framework.questions().next().unwrap().1.id.clone()
    }

    fn spot() -> Spot {
        Spot {
            screen: Screen::Details,
            question: 0,
            pane: Pane::List,
            slot: 0,
            list: 0,
            field: 0,
        }
    }

    /// Records a change to the focus questions, as the app does.
    fn change_focus(h: &mut History, wb: &mut Workbook, text: &str, group: Option<u64>) {
        let snap = Snapshot::take(wb, &Part::Review);
        wb.review.focus.push(text.into());
        h.record(snap, format!("add {text}"), spot(), group);
    }

    #[test]
    fn undo_puts_the_part_back_and_redo_takes_it_out_again() {
        let mut wb = workbook();
        let mut h = History::default();
        change_focus(&mut h, &mut wb, "three", None);
        assert_eq!(wb.review.focus.len(), 3);
        let step = h.undo(&mut wb).unwrap();
        assert_eq!(step.label, "add three");
        assert_eq!(wb.review.focus, ["one", "two"]);
        assert_eq!(h.redo(&mut wb).unwrap().label, "add three");
        assert_eq!(wb.review.focus, ["one", "two", "three"]);
        assert!(h.redo(&mut wb).is_none());
    }

    #[test]
    fn an_answer_that_did_not_exist_is_removed_again_and_restored_by_redo() {
        let mut wb = workbook();
        let q = first_question(&wb);
        let mut h = History::default();
        wb.answers.retain(|a| a.question != q);
        assert!(wb.answer(&q).is_none());
        let snap = Snapshot::take(&wb, &Part::Answer(q.clone()));
        wb.answer_mut(&q).strengths.push("good".into());
        h.record(snap, "add strength 1".into(), spot(), None);
        h.undo(&mut wb).unwrap();
        assert!(wb.answer(&q).is_none());
        h.redo(&mut wb).unwrap();
        assert_eq!(wb.answer(&q).unwrap().strengths, ["good"]);
        assert_eq!(wb.answers[0].question, q, "back in framework order");
    }

    #[test]
    fn the_history_keeps_only_the_newest_entries() {
        let mut wb = workbook();
        let mut h = History::with_cap(3);
        for i in 0..5 {
            change_focus(&mut h, &mut wb, &format!("f{i}"), None);
        }
        assert_eq!(h.len(), 3);
        while h.undo(&mut wb).is_some() {}
        // The two oldest changes cannot be undone any more.
        assert_eq!(wb.review.focus, ["one", "two", "f0", "f1"]);
        assert_eq!(History::default().cap, CAP);
    }

    #[test]
    fn changes_in_one_group_are_undone_together() {
        let mut wb = workbook();
        let mut h = History::default();
        change_focus(&mut h, &mut wb, "a", Some(7));
        assert!(h.continues(Some(7)));
        change_focus(&mut h, &mut wb, "b", Some(7));
        change_focus(&mut h, &mut wb, "c", Some(8));
        assert!(!h.continues(None));
        assert_eq!(h.len(), 2);
        assert_eq!(h.undo(&mut wb).unwrap().label, "add c");
        assert_eq!(h.undo(&mut wb).unwrap().label, "add a");
        assert_eq!(wb.review.focus, ["one", "two"]);
    }

    #[test]
    fn a_new_change_ends_redo() {
        let mut wb = workbook();
        let mut h = History::default();
        change_focus(&mut h, &mut wb, "a", None);
        h.undo(&mut wb).unwrap();
        change_focus(&mut h, &mut wb, "b", None);
        assert!(h.redo(&mut wb).is_none());
        assert_eq!(wb.review.focus, ["one", "two", "b"]);
    }

    #[test]
    fn a_group_that_changed_nothing_in_the_end_is_forgotten() {
        let mut wb = workbook();
        let mut h = History::default();
        change_focus(&mut h, &mut wb, "a", Some(1));
        wb.review.focus.pop();
        h.forget_if_unchanged(&wb, 2); // another group: kept
        assert_eq!(h.len(), 1);
        h.forget_if_unchanged(&wb, 1);
        assert!(h.is_empty());
    }

    #[test]
    fn the_whole_workbook_can_be_put_back() {
        let mut wb = workbook();
        let q = first_question(&wb);
        let mut h = History::default();
        let snap = Snapshot::take(&wb, &Part::Whole);
        wb.answer_mut(&q).narrative = "text".into();
        wb.review.title = "Other".into();
        h.record(snap, "resolve a conflict".into(), spot(), None);
        h.undo(&mut wb).unwrap();
        assert_eq!(wb.answer(&q).unwrap().narrative, "");
        assert_eq!(wb.review.title, "Review");
        h.redo(&mut wb).unwrap();
        assert_eq!(wb.review.title, "Other");
        assert_eq!(wb.answer(&q).unwrap().narrative, "text");
    }

    #[test]
    fn labels_say_what_changed() {
        let mut a = Answer::new("1");
        a.strengths = vec!["x".into(), "y".into(), "z".into()];
        let mut b = a.clone();
        b.strengths.remove(1);
        assert_eq!(
            answer_change(&a, &b, "KLOE 1"),
            "delete strength 2 of KLOE 1"
        );
        let mut b = a.clone();
        b.strengths.swap(1, 2);
        assert_eq!(answer_change(&a, &b, "KLOE 1"), "move strength 2 of KLOE 1");
        let mut b = a.clone();
        b.areas.push("new".into());
        assert_eq!(answer_change(&a, &b, "KLOE 1"), "add area 1 of KLOE 1");
        let mut b = a.clone();
        b.rating = crate::workbook::Rating::Level(2);
        assert_eq!(
            answer_change(&a, &b, "KLOE 1"),
            "change the rating of KLOE 1"
        );
        assert_eq!(answer_change(&a, &a, "KLOE 1"), "change KLOE 1");
    }
}
