//! Every choose-from-a-list pop-up: what it offers, where it opens, and
//! what choosing does. They are all one [`Picker`]; only the purpose
//! differs, so they move, choose and cancel alike.

use super::super::app::{App, EXPORTS, NewWorkbook, Popup, Screen};
use super::super::component::{Component, Handled};
use super::super::edit::Target;
use super::super::keys::Action;
use super::super::undo::Part;
use super::super::widgets::picker::{Choice, Extent, Picked, Picker, Size, Tone};
use super::super::widgets::status_mark;
use crate::workbook::onsite::{ActivityKind, Source, SourceKind};
use crate::workbook::{EvidenceKind, Rating, Status};

/// What a picker is choosing.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// The rating of the current question (or the agreed rating on the
    /// Peer screen, or the reviewer's own): the values offered.
    Rating(Vec<Rating>),
    Status,
    /// Evidence to link to the current question: the items offered.
    Link(Vec<usize>),
    /// The kind of the selected evidence item, or (`for_filter`, with "all
    /// kinds" first) the kind the library shows.
    Kind {
        for_filter: bool,
    },
    /// The framework for a new workbook.
    Framework,
    Export,
    /// The conflicts merging left.
    Conflict,
    /// The value to settle one conflict with.
    Resolve(usize),
    /// Read, heard or seen, for a new source (reviewer mode).
    SourceKind,
    /// The kind of the selected activity in the log.
    ActivityKind,
}

/// A picker pop-up: the list and what it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub picker: Picker,
    pub purpose: Purpose,
}

impl Pick {
    fn popup(picker: Picker, purpose: Purpose) -> Popup {
        Popup::Pick(Box::new(Pick { picker, purpose }))
    }

    /// The pop-up's name in [`super::super::shown::Shown`].
    pub fn name(&self) -> &'static str {
        match self.purpose {
            Purpose::Rating(_) => "rating",
            Purpose::Status => "status",
            Purpose::Link(_) => "link evidence",
            Purpose::Kind { .. } => "kind",
            Purpose::Framework => "frameworks",
            Purpose::Export => "export",
            Purpose::Conflict => "conflicts",
            Purpose::Resolve(_) => "resolve",
            Purpose::SourceKind => "source kind",
            Purpose::ActivityKind => "activity kind",
        }
    }
}

// ----- what each offers -----

/// The rating picker: each level with what it means, N/A where the scale
/// allows it, then "no rating"; on `current`.
pub fn rating(app: &App, current: Rating) -> Option<Popup> {
    let opts = app.rating_options();
    if opts.is_empty() {
        return None;
    }
    let on = opts.iter().position(|(r, _, _)| *r == current);
    let h = opts.len() as u16 + 6;
    let (values, choices): (Vec<Rating>, Vec<Choice>) = opts
        .into_iter()
        .map(|(r, label, description)| {
            let mut c = Choice::new(label);
            c.note = description.map(|d| (d, Tone::Dim)).into_iter().collect();
            (r, c)
        })
        .unzip();
    let picker = Picker::new("Rating", choices)
        .size(Size::fixed(60, h))
        .on(on);
    Some(Pick::popup(picker, Purpose::Rating(values)))
}

pub fn status(current: Status) -> Popup {
    let labels = Status::ALL
        .iter()
        .map(|s| format!("{} {}", status_mark(*s), s.label()));
    let on = Status::ALL.iter().position(|s| *s == current);
    let picker = Picker::of_labels("Status", labels)
        .size(Size::fixed(36, 6))
        .on(on);
    Pick::popup(picker, Purpose::Status)
}

/// Evidence items not yet linked to the question, by position.
pub fn link(app: &App, candidates: Vec<usize>) -> Popup {
    let labels: Vec<String> = app.wb().map_or_else(Vec::new, |wb| {
        candidates
            .iter()
            .filter_map(|i| wb.evidence.get(*i))
            .map(|e| format!("{} [{}] {}", e.id, e.kind.label(), e.title))
            .collect()
    });
    let picker = Picker::of_labels("Link evidence to this question", labels)
        .size(Size(Extent::Fixed(70), Extent::Inset(4)));
    Pick::popup(picker, Purpose::Link(candidates))
}

/// Kinds of evidence; for the library's filter "All kinds" comes first
/// and `current` None means it.
pub fn kind(for_filter: bool, current: Option<EvidenceKind>) -> Popup {
    let labels: Vec<String> = for_filter
        .then(|| "All kinds".to_string())
        .into_iter()
        .chain(EvidenceKind::ALL.iter().map(|k| k.label().to_string()))
        .collect();
    let at = current.and_then(|k| EvidenceKind::ALL.iter().position(|x| *x == k));
    let on = if for_filter {
        at.map_or(0, |i| i + 1)
    } else {
        at.unwrap_or(0)
    };
    let h = labels.len() as u16 + 2;
    let picker = Picker::of_labels("Kind of evidence", labels)
        .size(Size::fixed(30, h))
        .on(Some(on));
    Pick::popup(picker, Purpose::Kind { for_filter })
}

/// The frameworks known, each with its description below the list.
pub fn framework(app: &App) -> Popup {
    let choices = app
        .registry
        .frameworks
        .iter()
        .map(|fw| {
            let mut c = Choice::new(format!(
                "{} · {} {} · {}",
                fw.title,
                fw.question_count(),
                fw.items_label(),
                fw.scale_name()
            ));
            c.note
                .push((format!("{} ({})", fw.title, fw.key()), Tone::Title));
            for t in [&fw.description, &fw.source].into_iter().flatten() {
                c.note.push((t.clone(), Tone::Plain));
            }
            c
        })
        .collect();
    let picker = Picker::new("Choose a framework — Enter to use it", choices)
        .size(Size::inset(4, 2))
        .half_height();
    Pick::popup(picker, Purpose::Framework)
}

pub fn export() -> Popup {
    let note = vec![(
        "Written beside the workbook; Enter to export".to_string(),
        Tone::Dim,
    )];
    let choices = EXPORTS
        .iter()
        .map(|(_, l)| Choice {
            note: note.clone(),
            ..Choice::new(*l)
        })
        .collect();
    let picker = Picker::new("Export", choices).size(Size::fixed(50, EXPORTS.len() as u16 + 4));
    Pick::popup(picker, Purpose::Export)
}

/// The conflicts merging left, on the `on`th.
pub fn conflicts(app: &App, on: usize) -> Popup {
    let labels: Vec<String> = app.wb().map_or_else(Vec::new, |wb| {
        wb.conflicts
            .iter()
            .map(|c| {
                let path = c
                    .get("path")
                    .and_then(crate::yaml::scalar_text)
                    .unwrap_or_default();
                let n = match c.get("values") {
                    Some(crate::yaml::Value::Sequence(v)) => v.len(),
                    _ => 0,
                };
                format!("{path}  ({n} differing copies)")
            })
            .collect()
    });
    let picker = Picker::of_labels("Conflicts from merging — Enter to settle one", labels)
        .size(Size::inset(6, 4))
        .on(Some(on));
    Pick::popup(picker, Purpose::Conflict)
}

/// The values one conflict can be settled with, each shown under its label.
pub fn resolve(app: &App, conflict: usize) -> Popup {
    let choices = app
        .conflict_choices(conflict)
        .into_iter()
        .map(|(label, value)| {
            let text = if value.is_null() {
                "(nothing)".to_string()
            } else {
                crate::yaml::scalar_text(&value)
                    .unwrap_or_else(|| crate::yaml::to_string(&value).trim().to_string())
            };
            Choice {
                detail: Some(text),
                ..Choice::new(label)
            }
        })
        .collect();
    let picker = Picker::new("Choose the value to keep — Enter", choices)
        .size(Size::inset(6, 4))
        .bold_labels();
    Pick::popup(picker, Purpose::Resolve(conflict))
}

pub fn source_kind() -> Popup {
    let picker = Picker::of_labels(
        "Source",
        [
            "Read: a document or data",
            "Heard: an interview or focus group",
            "Seen: a visit or observation",
        ],
    )
    .size(Size::fixed(40, 7));
    Pick::popup(picker, Purpose::SourceKind)
}

pub fn activity_kind(current: Option<ActivityKind>) -> Popup {
    let labels = ActivityKind::ALL.iter().map(|k| k.label());
    let on = current.and_then(|k| ActivityKind::ALL.iter().position(|x| *x == k));
    let picker = Picker::of_labels("Kind of activity", labels)
        .size(Size::fixed(32, ActivityKind::ALL.len() as u16 + 2))
        .on(on);
    Pick::popup(picker, Purpose::ActivityKind)
}

// ----- what choosing does -----

impl App {
    /// An action for the open picker: it moves, or finishes with a choice
    /// (done here) or a cancel (the pop-up closes; a conflict's values go
    /// back to the list of conflicts).
    pub(in super::super) fn pick_action(&mut self, action: Action) {
        let Some(Popup::Pick(p)) = &mut self.popup else {
            return;
        };
        let Handled::Done(picked) = p.picker.action(action) else {
            return;
        };
        let purpose = p.purpose.clone();
        self.popup = None;
        match picked {
            Picked::Cancelled => {
                if let Purpose::Resolve(c) = purpose {
                    self.popup = Some(conflicts(self, c));
                }
            }
            Picked::Chosen(i) => self.picked(purpose, i),
        }
    }

    fn picked(&mut self, purpose: Purpose, i: usize) {
        match purpose {
            Purpose::Rating(values) => {
                let (Some(r), Some(q)) = (values.get(i).copied(), self.current_question()) else {
                    return;
                };
                if self.screen == Screen::Peer {
                    if let Some(id) = self.peer_question() {
                        self.set_agreed(&id, r);
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
                })));
            }
            Purpose::Export => {
                if let Some((choice, _)) = EXPORTS.get(i) {
                    self.export(*choice);
                }
            }
            Purpose::Conflict => self.popup = Some(resolve(self, i)),
            Purpose::Resolve(c) => {
                let Some((_, value)) = self.conflict_choices(c).get(i).cloned() else {
                    return;
                };
                let mut failed = None;
                let changed = self.change(Part::Whole, |wb| {
                    match crate::review::merge::resolve(wb, c, &value) {
                        Ok(w) => {
                            *wb = w;
                            Some("settle a conflict".into())
                        }
                        Err(e) => {
                            failed = Some(e.to_string());
                            None
                        }
                    }
                });
                if changed {
                    self.message = Some(("Conflict resolved".into(), false));
                } else if let Some(e) = failed {
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
                let mut index = 0;
                self.open_group();
                self.with_review(&q, |a| {
                    a.sources.push(Source {
                        kind,
                        text: String::new(),
                    });
                    index = a.sources.len() - 1;
                });
                self.edit(Target::ReviewSource(name, q, index), true);
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
