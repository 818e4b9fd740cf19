//! The questions screen in reviewer mode: the keys that change an answer
//! change the reviewer's own entry (rating, notes, strengths, areas,
//! sources); the council's answer is read-only.

use super::state::Slot;
use crate::tui::app::{App, Popup};
use crate::tui::edit::Target;
use crate::tui::keys::Action;
use crate::tui::popups::pick;
use crate::tui::screens::Pane;
use crate::tui::undo::{self, Part};
use crate::workbook::Rating;
use crate::workbook::onsite::{Source, SourceKind};

impl App {
    /// Reviewer mode: the keys that change an answer change the reviewer's
    /// own entry; the council's answer is read-only. True if handled.
    pub(crate) fn review_action(&mut self, qid: &str, action: Action) -> bool {
        let slot = self.slots().get(self.q.slot).cloned();
        let form = self.q.pane == Pane::Form;
        match action {
            Action::Rate(n) => {
                let v = i64::from(n);
                match self.wb().and_then(|w| w.framework.scale.clone()) {
                    Some(s) if s.level(v).is_some() => {
                        self.set_review_rating(qid, Rating::Level(v))
                    }
                    Some(s) => {
                        self.message =
                            Some((format!("{v} is not on the scale: {}", s.describe()), true))
                    }
                    None => {
                        self.message =
                            Some(("This framework is findings-only: no ratings".into(), true))
                    }
                }
            }
            Action::ClearRating => self.set_review_rating(qid, Rating::None),
            Action::NotApplicable => self.set_review_rating(qid, Rating::NotApplicable),
            Action::RatingPicker => self.open_rating_picker(qid),
            Action::EditNarrative => {
                let name = self.reviewer.clone().unwrap_or_default();
                self.edit(Target::ReviewNotes(name, qid.to_string()), false);
            }
            Action::StatusPicker | Action::EditOwner | Action::Link => {
                self.message = Some((
                    "Reviewer mode: the council's answer is read-only; your entries are below it"
                        .into(),
                    false,
                ));
            }
            Action::Open if form => self.open_review_slot(qid, slot),
            Action::SourceProgramme => self.choose_source_programme(qid, slot),
            Action::Add => {
                let slot = match slot {
                    Some(Slot::ReviewArea(_) | Slot::AddReviewArea) => Slot::AddReviewArea,
                    Some(Slot::ReviewSource(_) | Slot::AddReviewSource) => Slot::AddReviewSource,
                    _ => Slot::AddReviewStrength,
                };
                self.q.pane = Pane::Form;
                self.open_review_slot(qid, Some(slot));
            }
            Action::Delete if form => self.delete_review_slot(qid, slot),
            Action::MoveUp | Action::MoveDown if form => {
                self.move_review_slot(qid, slot, action == Action::MoveUp)
            }
            _ => return false,
        }
        true
    }

    pub(crate) fn with_review(
        &mut self,
        qid: &str,
        f: impl FnOnce(&mut crate::workbook::onsite::ReviewerAnswer),
    ) {
        let Some(name) = self.reviewer.clone() else {
            return;
        };
        let role = self.reviewer_role.clone();
        self.change(Part::Reviewer(name.clone()), |wb| {
            let reference = undo::question_ref(wb, qid);
            let r = wb.reviewer_mut(&name);
            if r.role.is_none() {
                r.role = role;
            }
            let a = r.answer_mut(qid);
            let before = a.clone();
            f(a);
            let label = (*a != before).then(|| undo::review_change(&before, a, &reference));
            r.drop_empty(qid);
            label
        });
    }

    /// Adds a source of `kind` to the reviewer's entry on `qid`, kept while
    /// its text is still empty: the editor opens on it next, and closing
    /// that empty takes it (and an entry left with nothing) away again. Its
    /// position, if it was added.
    pub(crate) fn add_review_source(&mut self, qid: &str, kind: SourceKind) -> Option<usize> {
        let name = self.reviewer.clone()?;
        let role = self.reviewer_role.clone();
        let mut index = None;
        self.change(Part::Reviewer(name.clone()), |wb| {
            let reference = undo::question_ref(wb, qid);
            let r = wb.reviewer_mut(&name);
            if r.role.is_none() {
                r.role = role;
            }
            let a = r.answer_mut(qid);
            a.sources.push(Source::new(kind, String::new()));
            index = Some(a.sources.len() - 1);
            Some(format!(
                "add your source {} on {reference}",
                a.sources.len()
            ))
        });
        index
    }

    pub(crate) fn set_review_rating(&mut self, qid: &str, r: Rating) {
        if r == Rating::NotApplicable
            && self
                .wb()
                .and_then(|w| w.framework.scale.as_ref())
                .is_some_and(|s| !s.not_applicable)
        {
            self.message = Some(("This scale does not allow N/A".into(), true));
            return;
        }
        self.with_review(qid, |a| a.rating = r);
    }

    pub(crate) fn open_review_slot(&mut self, qid: &str, slot: Option<Slot>) {
        let name = self.reviewer.clone().unwrap_or_default();
        let q = qid.to_string();
        let count = |f: fn(&crate::workbook::onsite::ReviewerAnswer) -> usize| {
            self.wb()
                .and_then(|w| w.reviewer(&name))
                .and_then(|r| r.answer(qid))
                .map_or(0, f)
        };
        match slot {
            Some(Slot::ReviewRating) => self.open_rating_picker(qid),
            Some(Slot::ReviewNotes) => self.edit(Target::ReviewNotes(name, q), false),
            Some(Slot::ReviewStrength(i)) => self.edit(Target::ReviewStrength(name, q, i), false),
            Some(Slot::ReviewArea(i)) => self.edit(Target::ReviewArea(name, q, i), false),
            Some(Slot::ReviewSource(i)) => self.edit(Target::ReviewSource(name, q, i), false),
            Some(Slot::AddReviewStrength) => {
                let n = count(|a| a.strengths.len());
                self.edit(Target::ReviewStrength(name, q, n), true);
            }
            Some(Slot::AddReviewArea) => {
                let n = count(|a| a.areas.len());
                self.edit(Target::ReviewArea(name, q, n), true);
            }
            Some(Slot::AddReviewSource) if self.may_change() => {
                self.popup = Some(Popup::Pick(Box::new(pick::source_kind())));
            }
            _ => {}
        }
    }

    pub(crate) fn delete_review_slot(&mut self, qid: &str, slot: Option<Slot>) {
        match slot {
            Some(Slot::ReviewStrength(i)) => self.with_review(qid, |a| {
                a.strengths.remove(i);
            }),
            Some(Slot::ReviewArea(i)) => self.with_review(qid, |a| {
                a.areas.remove(i);
            }),
            Some(Slot::ReviewSource(i)) => self.with_review(qid, |a| {
                a.sources.remove(i);
            }),
            Some(Slot::ReviewRating) => self.set_review_rating(qid, Rating::None),
            _ => {}
        }
        self.q.slot = self.q.slot.min(self.slots().len().saturating_sub(1));
    }

    pub(crate) fn move_review_slot(&mut self, qid: &str, slot: Option<Slot>, up: bool) {
        fn swap<T>(list: &mut [T], i: usize, up: bool) -> bool {
            let Some(j) = (if up { i.checked_sub(1) } else { Some(i + 1) }) else {
                return false;
            };
            if j >= list.len() {
                return false;
            }
            list.swap(i, j);
            true
        }
        let mut moved = false;
        match slot {
            Some(Slot::ReviewStrength(i)) => {
                self.with_review(qid, |a| moved = swap(&mut a.strengths, i, up))
            }
            Some(Slot::ReviewArea(i)) => {
                self.with_review(qid, |a| moved = swap(&mut a.areas, i, up))
            }
            Some(Slot::ReviewSource(i)) => {
                self.with_review(qid, |a| moved = swap(&mut a.sources, i, up))
            }
            _ => {}
        }
        if moved {
            if up {
                self.q.slot -= 1;
            } else {
                self.q.slot += 1;
            }
        }
    }
}
