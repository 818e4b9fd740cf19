//! What choosing in a picker does (what each offers is in
//! [`super::popups::pick`]).

use super::app::{App, EXPORTS, NewWorkbook, Popup, Screen};
use super::component::{Component, Handled};
use super::edit::Target;
use super::keys::Action;
use super::popups::pick::{self, Purpose};
use super::undo::Part;
use super::widgets::picker::Picked;
use crate::workbook::onsite::{ActivityKind, SourceKind};
use crate::workbook::{EvidenceKind, Status};

impl App {
    /// An action for the open picker: it moves, or finishes with a choice
    /// (done here) or a cancel (the pop-up closes; a conflict's values go
    /// back to the list of conflicts).
    pub(super) fn pick_action(&mut self, action: Action) {
        let Some(Popup::Pick(p)) = &mut self.popup else {
            return;
        };
        let Handled::Done(picked) = p.picker.action(action) else {
            return;
        };
        let purpose = p.purpose.clone();
        self.popup = None;
        match picked {
            Picked::Cancelled => match purpose {
                Purpose::Resolve(c) => self.open_conflicts(c),
                Purpose::ExportExists {
                    choice,
                    path,
                    other,
                } => self.export_existing(
                    super::popups::export::OnExisting::Cancel,
                    choice,
                    &path,
                    &other,
                ),
                _ => {}
            },
            Picked::Chosen(i) => self.picked(purpose, i),
        }
    }

    /// Opens the list of conflicts merging left, on the `on`th.
    pub(super) fn open_conflicts(&mut self, on: usize) {
        if let Some(wb) = self.wb() {
            self.popup = Some(Popup::Pick(Box::new(pick::conflicts(wb, on))));
        }
    }

    fn picked(&mut self, purpose: Purpose, i: usize) {
        match purpose {
            Purpose::Rating(values) => {
                let (Some(r), Some(q)) = (values.get(i).copied(), self.current_question()) else {
                    return;
                };
                if self.screen == Screen::Peer {
                    let sel = self.peer.list.sel;
                    if let Some(id) = self
                        .wb()
                        .and_then(|w| super::screens::peer::question(w, sel))
                    {
                        super::screens::peer::set_agreed(self, &id, r);
                    }
                } else if self.reviewer.is_some() {
                    self.set_review_rating(&q, r);
                } else {
                    self.set_rating(&q, r);
                }
            }
            Purpose::Status => {
                if let (Some(st), Some(q)) = (Status::ALL.get(i).copied(), self.current_question())
                {
                    self.with_answer(&q, |a| a.status = st);
                }
            }
            Purpose::Link(candidates) => {
                if let (Some(idx), Some(q)) = (candidates.get(i), self.current_question()) {
                    self.link(&q, *idx);
                }
            }
            Purpose::Kind { for_filter: true } => {
                self.ev.kind = i
                    .checked_sub(1)
                    .and_then(|k| EvidenceKind::ALL.get(k).copied());
                self.ev.list.sel = 0;
            }
            Purpose::Kind { for_filter: false } => {
                let Some(kind) = EvidenceKind::ALL.get(i).copied() else {
                    return;
                };
                if let Some(item) = self.evidence_shown().get(self.ev.list.sel).copied() {
                    self.change(Part::Evidence, |wb| {
                        let e = &mut wb.evidence_mut()[item];
                        let label = format!("change the kind of evidence {}", e.id);
                        e.kind = kind;
                        Some(label)
                    });
                }
            }
            Purpose::Framework => {
                self.popup = Some(Popup::New(Box::new(NewWorkbook {
                    framework: i,
                    council: Default::default(),
                    title: Default::default(),
                    on_title: false,
                    error: None,
                    asked: false,
                })));
            }
            Purpose::Export => {
                if let Some((choice, _)) = EXPORTS.get(i) {
                    self.export(*choice);
                }
            }
            Purpose::ExportExists {
                choice,
                path,
                other,
            } => {
                if let Some(on) = super::popups::export::ON_EXISTING.get(i) {
                    self.export_existing(*on, choice, &path, &other);
                }
            }
            Purpose::Exported => {}
            Purpose::Conflict => {
                let values = self.conflict_choices(i);
                self.popup = Some(Popup::Pick(Box::new(pick::resolve(i, values))));
            }
            Purpose::Resolve(c) => {
                let Some((_, value)) = self.conflict_choices(c).get(i).cloned() else {
                    // The last choice, after the values: one's own.
                    self.ask_conflict_value(c);
                    return;
                };
                if let Err(e) = self.settle_conflict(c, &value) {
                    self.message = Some((format!("Not resolved: {e}"), true));
                }
            }
            Purpose::SourceKind => {
                let Some(kind) = SourceKind::ALL.get(i).copied() else {
                    return;
                };
                let (Some(q), Some(name)) = (self.current_question(), self.reviewer.clone()) else {
                    return;
                };
                self.open_group();
                if let Some(index) = self.add_review_source(&q, kind) {
                    self.edit(Target::ReviewSource(name, q, index), true);
                }
            }
            Purpose::QuestionFilter(filters) => {
                if let Some(f) = filters.get(i) {
                    self.set_question_filter(f.clone());
                }
            }
            Purpose::Categories(item) => super::screens::evidence_categories::toggle(self, item, i),
            Purpose::Programme(ids) => {
                if let Some(id) = ids.get(i) {
                    self.toggle_programme(id);
                }
            }
            Purpose::SourceProgramme {
                question,
                source,
                ids,
            } => {
                // The first choice is "not from a programme item".
                let id = match i.checked_sub(1) {
                    None => None,
                    Some(k) => match ids.get(k) {
                        Some(id) => Some(id.clone()),
                        None => return,
                    },
                };
                self.set_source_programme(&question, source, id);
            }
            Purpose::ProgrammeKind(item) => {
                let Some(kind) = ActivityKind::ALL.get(i).copied() else {
                    return;
                };
                self.change(Part::Review, |wb| {
                    let p = wb.review.programme.get_mut(item)?;
                    (p.kind != kind).then(|| {
                        p.kind = kind;
                        format!("change the kind of programme item {}", item + 1)
                    })
                });
            }
            Purpose::ActivityKind => {
                let Some(kind) = ActivityKind::ALL.get(i).copied() else {
                    return;
                };
                let at = self.activity.sel;
                let name = self.reviewer.clone().unwrap_or_default();
                self.change(Part::Reviewer(name.clone()), |wb| {
                    let a = wb.reviewer_mut(&name).activities.get_mut(at)?;
                    a.kind = kind;
                    Some(format!("change the kind of activity {}", at + 1))
                });
            }
        }
    }
}
