//! The questions screen's actions on the council's answer: moving in the
//! list and the answer pane, rating, status, owner, strengths, areas and
//! linked evidence, and the jump to the next unanswered question.

use super::state::{Row, Slot};
use crate::tui::app::{App, Popup};
use crate::tui::edit::Target;
use crate::tui::keys::Action;
use crate::tui::popups::pick;
use crate::tui::screens::{Pane, Screen};
use crate::tui::undo::{self, Part};
use crate::workbook::Rating;

impl App {
    pub(crate) fn questions_action(&mut self, action: Action) {
        let Some(qid) = self.current_question() else {
            return;
        };
        if self.scroll_detail_action(action) {
            return;
        }
        if self.reviewer.is_some() && self.review_action(&qid, action) {
            return;
        }
        // The list moves through the questions it shows (all, or the
        // filter's): positions in `visible`, selections by flat index.
        let visible = self.visible_questions();
        let total = visible.len();
        let at = visible.iter().position(|i| *i == self.q.sel).unwrap_or(0);
        let page = self.frame.size.height.saturating_sub(6).max(1) as usize;
        let to = |k: usize| visible[k.min(total - 1)];
        match (self.q.pane, action) {
            (_, Action::NextPane) => {
                self.q.pane = match self.q.pane {
                    Pane::List => Pane::Form,
                    Pane::Form => Pane::List,
                };
            }
            (Pane::List, Action::Up) => self.select_question(to(at.saturating_sub(1))),
            (Pane::List, Action::Down) => self.select_question(to(at + 1)),
            (Pane::List, Action::PageUp) => self.select_question(to(at.saturating_sub(page))),
            (Pane::List, Action::PageDown) => self.select_question(to(at + page)),
            (Pane::List, Action::Top) => self.select_question(to(0)),
            (Pane::List, Action::Bottom) => self.select_question(to(total - 1)),
            (_, Action::FilterQuestions) => self.open_question_filter(),
            (_, Action::SortQuestions) => self.next_question_sort(),
            (_, Action::SignOff) => crate::tui::screens::signoff::toggle(self, &qid),
            (_, Action::Comments) => self.open_comments(&qid, None),
            (_, Action::ReadingView) => crate::tui::screens::reading::open(self),
            (Pane::List, Action::Open) => self.q.pane = Pane::Form,
            (Pane::Form, Action::Up) => self.q.slot = self.q.slot.saturating_sub(1),
            (Pane::Form, Action::Down) => {
                self.q.slot = (self.q.slot + 1).min(self.slots().len().saturating_sub(1))
            }
            (Pane::Form, Action::Top) => self.q.slot = 0,
            (Pane::Form, Action::Bottom) => self.q.slot = self.slots().len().saturating_sub(1),
            (Pane::Form, Action::Back) => self.q.pane = Pane::List,
            (Pane::Form, Action::Open) => self.open_slot(&qid),
            (_, Action::Back) => {
                self.message = Some(("Press q to quit, ? for help".into(), false));
            }
            (_, Action::NextUnanswered) => self.jump_unanswered(true),
            (_, Action::PrevUnanswered) => self.jump_unanswered(false),
            (_, Action::Rate(n)) => self.set_rating_value(&qid, i64::from(n)),
            (_, Action::ClearRating) => self.set_rating(&qid, Rating::None),
            (_, Action::NotApplicable) => self.set_rating(&qid, Rating::NotApplicable),
            (_, Action::RatingPicker) => self.open_rating_picker(&qid),
            (_, Action::StatusPicker) => self.open_status_picker(&qid),
            (_, Action::EditOwner) => self.edit(Target::Owner(qid), false),
            (_, Action::EditNarrative) => self.edit(Target::Narrative(qid), false),
            (Pane::Form, Action::Add) => match self.slots().get(self.q.slot) {
                Some(Slot::Area(_) | Slot::AddArea) => self.add_item(&qid, false),
                Some(Slot::Evidence(_) | Slot::LinkEvidence) => self.open_link_picker(&qid),
                _ => self.add_item(&qid, true),
            },
            (Pane::List, Action::Add) => {
                self.add_item(&qid, true);
                if matches!(self.popup, Some(Popup::Editor(_))) {
                    let what = crate::tui::screens::questions::adding_from_list(self, &qid);
                    self.message = Some((what, false));
                }
            }
            (_, Action::Link) => self.open_link_picker(&qid),
            (Pane::Form, Action::Delete) => self.delete_slot(&qid),
            (Pane::Form, Action::MoveUp) => self.move_slot(&qid, true),
            (Pane::Form, Action::MoveDown) => self.move_slot(&qid, false),
            _ => {}
        }
    }

    pub(crate) fn jump_unanswered(&mut self, forward: bool) {
        // Within the questions the list shows.
        let visible = self.visible_questions();
        let Some(wb) = self.wb() else { return };
        let n = visible.len();
        if n == 0 {
            return;
        }
        let at = visible.iter().position(|i| *i == self.q.sel).unwrap_or(0);
        let unanswered = |k: usize| -> bool {
            let row = self.q.question_rows[visible[k]];
            match self.q.rows[row] {
                Row::Question(d, q) => {
                    let id = &wb.framework.domains[d].questions[q].id;
                    match &self.reviewer {
                        // Reviewer mode: questions this reviewer has not yet looked at.
                        Some(name) => !wb.reviewer(name).is_some_and(|r| r.has_reviewed(id)),
                        None => !wb.answer(id).is_some_and(|a| a.is_answered()),
                    }
                }
                Row::Domain(_) => false,
            }
        };
        let found = (1..=n)
            .map(|k| {
                if forward {
                    (at + k) % n
                } else {
                    (at + n - k % n) % n
                }
            })
            .find(|k| unanswered(*k));
        let from = self.q.sel;
        match found.map(|k| visible[k]) {
            Some(i) => {
                self.select_question(i);
                if let Some(m) = crate::tui::screens::questions::wrapped_note(from, i, forward) {
                    self.message = Some((m.into(), false));
                }
            }
            None if self.q.filter.is_some() => {
                self.message = Some(("Every question shown has an answer".into(), false))
            }
            None => self.message = Some(("Every question has an answer".into(), false)),
        }
    }

    /// Changes a question's answer, saying who changed it and when. True if
    /// it changed.
    pub(crate) fn with_answer(
        &mut self,
        qid: &str,
        f: impl FnOnce(&mut crate::workbook::Answer),
    ) -> bool {
        let user = self.user.clone();
        self.change(Part::Answer(qid.to_string()), |wb| {
            let r = undo::question_ref(wb, qid);
            let a = wb.answer_mut(qid);
            let before = a.clone();
            f(a);
            if *a == before {
                return None;
            }
            let label = undo::answer_change(&before, a, &r);
            let status = a.status;
            a.touch(&user, chrono::Utc::now());
            // An explicit status change is not overridden by touch().
            if before.status != status {
                a.status = status;
            }
            Some(label)
        })
    }

    pub(crate) fn set_rating(&mut self, qid: &str, r: Rating) {
        let allowed = self.wb().and_then(|w| w.framework.scale.clone());
        match (&allowed, r) {
            (None, _) => {
                self.message = Some(("This framework is findings-only: no ratings".into(), true));
            }
            (Some(s), Rating::NotApplicable) if !s.not_applicable => {
                self.message = Some(("This scale does not allow N/A".into(), true));
            }
            _ => {
                self.with_answer(qid, |a| a.rating = r);
            }
        }
    }

    pub(crate) fn set_rating_value(&mut self, qid: &str, v: i64) {
        let scale = self.wb().and_then(|w| w.framework.scale.clone());
        match scale {
            Some(s) if s.level(v).is_some() => self.set_rating(qid, Rating::Level(v)),
            Some(s) => {
                self.message = Some((format!("{v} is not on the scale: {}", s.describe()), true))
            }
            None => self.set_rating(qid, Rating::None),
        }
    }

    /// The rating picker's options: "no rating" first (so an unrated
    /// question's picker opens at the top and `j` goes to the first level),
    /// then each level, then N/A where allowed.
    pub fn rating_options(&self) -> Vec<(Rating, String, Option<String>)> {
        let Some(scale) = self.wb().and_then(|w| w.framework.scale.as_ref()) else {
            return Vec::new();
        };
        let mut v: Vec<(Rating, String, Option<String>)> = scale
            .levels
            .iter()
            .map(|l| {
                (
                    Rating::Level(l.value),
                    format!("{}  {}", l.value, l.label),
                    l.description.clone(),
                )
            })
            .collect();
        if scale.not_applicable {
            v.push((Rating::NotApplicable, "N/A  not applicable".into(), None));
        }
        v.insert(0, (Rating::None, "–  no rating".into(), None));
        v
    }

    pub(crate) fn open_rating_picker(&mut self, qid: &str) {
        // Refused before it opens, like the editor, not after a choice.
        if !self.may_change() {
            return;
        }
        let opts = self.rating_options();
        if opts.is_empty() {
            self.message = Some(("This framework is findings-only: no ratings".into(), true));
            return;
        }
        let cur = match &self.reviewer {
            Some(name) => self
                .wb()
                .and_then(|w| w.reviewer(name))
                .and_then(|r| r.answer(qid))
                .map(|a| a.rating),
            None => self.wb().and_then(|w| w.answer(qid)).map(|a| a.rating),
        }
        .unwrap_or_default();
        self.popup = pick::rating(self.rating_options(), cur).map(|p| Popup::Pick(Box::new(p)));
    }

    pub(crate) fn open_slot(&mut self, qid: &str) {
        let slots = self.slots();
        let Some(slot) = slots.get(self.q.slot).cloned() else {
            return;
        };
        let q = qid.to_string();
        match slot {
            Slot::Rating => self.open_rating_picker(qid),
            Slot::Status => self.open_status_picker(qid),
            Slot::Owner => self.edit(Target::Owner(q), false),
            Slot::Narrative => self.edit(Target::Narrative(q), false),
            Slot::Strength(i) => self.edit(Target::Strength(q, i), false),
            Slot::Area(i) => self.edit(Target::Area(q, i), false),
            Slot::AddStrength => self.add_item(qid, true),
            Slot::AddArea => self.add_item(qid, false),
            Slot::Evidence(i) => {
                // Show the item in the library.
                let id = self
                    .wb()
                    .and_then(|w| w.answer(qid))
                    .and_then(|a| a.evidence.get(i).cloned());
                if let Some(id) = id
                    && let Some(idx) = self
                        .wb()
                        .and_then(|w| w.evidence.iter().position(|e| e.id == id))
                {
                    self.ev.kind = None;
                    self.ev.query.clear();
                    self.ev.list.sel = idx;
                    self.ev.list.pane = Pane::Form;
                    self.screen = Screen::Evidence;
                }
            }
            Slot::LinkEvidence => self.open_link_picker(qid),
            // Reviewer mode's lines are handled by review_action.
            _ => {}
        }
    }

    pub(crate) fn open_status_picker(&mut self, qid: &str) {
        if !self.may_change() {
            return;
        }
        let cur = self
            .wb()
            .and_then(|w| w.answer(qid))
            .map(|a| a.status)
            .unwrap_or_default();
        self.popup = Some(Popup::Pick(Box::new(pick::status(cur))));
    }

    pub(crate) fn add_item(&mut self, qid: &str, strength: bool) {
        if !self.may_change() {
            return;
        }
        let len = self.wb().and_then(|w| w.answer(qid)).map_or(0, |a| {
            if strength {
                a.strengths.len()
            } else {
                a.areas.len()
            }
        });
        let t = if strength {
            Target::Strength(qid.to_string(), len)
        } else {
            Target::Area(qid.to_string(), len)
        };
        self.q.pane = Pane::Form;
        self.edit(t, true);
    }

    pub(crate) fn open_link_picker(&mut self, qid: &str) {
        if !self.may_change() {
            return;
        }
        let Some(wb) = self.wb() else { return };
        let linked = wb
            .answer(qid)
            .map(|a| a.evidence.clone())
            .unwrap_or_default();
        let candidates: Vec<usize> = wb
            .evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| !linked.contains(&e.id))
            .map(|(i, _)| i)
            .collect();
        if candidates.is_empty() {
            self.message = Some((
                "No evidence to link: add items in the evidence library (E)".into(),
                false,
            ));
            return;
        }
        let p = pick::link(wb, candidates);
        self.popup = Some(Popup::Pick(Box::new(p)));
    }

    pub(crate) fn delete_slot(&mut self, qid: &str) {
        let slots = self.slots();
        match slots.get(self.q.slot) {
            Some(Slot::Strength(i)) => {
                let i = *i;
                self.with_answer(qid, |a| {
                    a.strengths.remove(i);
                });
            }
            Some(Slot::Area(i)) => {
                let i = *i;
                self.with_answer(qid, |a| {
                    a.areas.remove(i);
                });
            }
            Some(Slot::Evidence(i)) => {
                let i = *i;
                if self.with_answer(qid, |a| {
                    a.evidence.remove(i);
                }) {
                    self.message = Some(("Unlinked (the item stays in the library)".into(), false));
                }
            }
            Some(Slot::Owner) => {
                self.with_answer(qid, |a| a.owner = None);
            }
            Some(Slot::Rating) => self.set_rating(qid, Rating::None),
            _ => {}
        }
        self.q.slot = self.q.slot.min(self.slots().len().saturating_sub(1));
    }

    pub(crate) fn move_slot(&mut self, qid: &str, up: bool) {
        let slots = self.slots();
        let swap = |list: &mut Vec<String>, i: usize| -> Option<usize> {
            let j = if up { i.checked_sub(1)? } else { i + 1 };
            if j >= list.len() {
                return None;
            }
            list.swap(i, j);
            Some(j)
        };
        let mut moved = None;
        match slots.get(self.q.slot) {
            Some(Slot::Strength(i)) => {
                let i = *i;
                self.with_answer(qid, |a| moved = swap(&mut a.strengths, i));
            }
            Some(Slot::Area(i)) => {
                let i = *i;
                self.with_answer(qid, |a| moved = swap(&mut a.areas, i));
            }
            Some(Slot::Evidence(i)) => {
                let i = *i;
                self.with_answer(qid, |a| moved = swap(&mut a.evidence, i));
            }
            _ => {}
        }
        if moved.is_some() {
            if up {
                self.q.slot -= 1;
            } else {
                self.q.slot += 1;
            }
        }
    }

    /// Links an evidence item to a question (see `evidence::link`).
    pub(crate) fn link(&mut self, qid: &str, idx: usize) {
        crate::tui::screens::evidence::link(self, qid, idx)
    }
}
