//! The on-site programme in reviewer mode (Activity screen, `p`): the
//! week's meetings, interviews, focus groups, visits and audits, each marked
//! ✔ where this reviewer attended; choosing one marks or unmarks it (an
//! activity in the reviewer's log that points at it, so a joint meeting
//! counts once in the team's totals). On the Questions screen `m` points the
//! selected source at the programme item it came from.

use super::pick::{Pick, Purpose};
use crate::tui::app::App;
use crate::tui::keys::Action;
use crate::tui::popups::Popup;
use crate::tui::screens::Pane;
use crate::tui::screens::questions::state::Slot;
use crate::tui::undo::Part;
use crate::tui::widgets::picker::{Picker, Size};
use crate::workbook::{ProgrammeItem, Workbook};

/// The programme as a picker for `reviewer`.
pub fn pick(wb: &Workbook, reviewer: &str) -> Pick {
    let me = wb.reviewer(reviewer);
    let items = &wb.review.programme;
    let labels: Vec<String> = if items.is_empty() {
        vec!["No programme yet: the review manager plans it under review.programme".into()]
    } else {
        items
            .iter()
            .map(|p| {
                let mark = if me.is_some_and(|r| r.attended(&p.id)) {
                    "✔"
                } else {
                    " "
                };
                format!("{mark} {}", item_label(p))
            })
            .collect()
    };
    let h = (labels.len() as u16 + 2).min(20);
    let picker = Picker::of_labels("The programme: Enter marks what you attended", labels)
        .size(Size::fixed(70, h));
    Pick::new_pub(
        picker,
        Purpose::Programme(items.iter().map(|p| p.id.clone()).collect()),
    )
}

/// A programme item as the pickers list it: when, its kind, what it is and
/// how many people the team met there.
fn item_label(p: &ProgrammeItem) -> String {
    let when = p
        .date
        .map(|d| d.format("%a %d %b ").to_string())
        .unwrap_or_default();
    let people = p.people.map_or(String::new(), |n| {
        format!(" · {}", crate::text::count(n, "person", "people"))
    });
    format!("{when}{} · {}{people}", p.kind.label(), p.title)
}

/// What a source's programme item is called where the source is shown:
/// its title, or its id when the programme no longer has it.
pub fn source_from(wb: &Workbook, id: &str) -> String {
    match wb.programme_item(id) {
        Some(p) => format!("from the programme: {}", p.title),
        None => format!("from programme item {id} (no longer in the programme)"),
    }
}

/// The choice that takes a source off the programme.
pub const NOT_FROM_THE_PROGRAMME: &str = "Not from a programme item";

/// The programme as a picker for a source of the reviewer's entry on a
/// question: "not from a programme item" first, then each item; on the one
/// the source points at now.
pub fn source_pick(wb: &Workbook, question: &str, source: usize, now: Option<&str>) -> Pick {
    let items = &wb.review.programme;
    let labels = std::iter::once(NOT_FROM_THE_PROGRAMME.to_string())
        .chain(items.iter().map(|p| format!("  {}", item_label(p))));
    let on = now.and_then(|id| items.iter().position(|p| p.id == id).map(|i| i + 1));
    let h = (items.len() as u16 + 3).min(20);
    let picker = Picker::of_labels("Where the source came from: Enter chooses", labels)
        .size(Size::fixed(70, h))
        .on(on);
    Pick::new_pub(
        picker,
        Purpose::SourceProgramme {
            question: question.to_string(),
            source,
            ids: items.iter().map(|p| p.id.clone()).collect(),
        },
    )
}

impl App {
    /// `m` in reviewer mode: the programme item the selected source came
    /// from, chosen from the programme.
    pub(in crate::tui) fn choose_source_programme(&mut self, qid: &str, slot: Option<Slot>) {
        let Some(name) = self.reviewer.clone() else {
            return;
        };
        let Some(Slot::ReviewSource(i)) = slot.filter(|_| self.q.pane == Pane::Form) else {
            let key = self.key_name(Action::SourceProgramme);
            self.message = Some((
                format!(
                    "Choose one of your sources first (a [read], [heard] or [seen] line of your review), then {key}"
                ),
                false,
            ));
            return;
        };
        if !self.may_change_part(&Part::Reviewer(name.clone())) {
            return;
        }
        let Some(wb) = self.wb() else { return };
        if wb.review.programme.is_empty() {
            self.message = Some((
                "No programme yet: the review manager plans it on the Details screen".into(),
                false,
            ));
            return;
        }
        let now = wb
            .reviewer(&name)
            .and_then(|r| r.answer(qid))
            .and_then(|a| a.sources.get(i))
            .and_then(|s| s.programme.as_deref());
        let pick = source_pick(wb, qid, i, now);
        self.popup = Some(Popup::Pick(Box::new(pick)));
    }

    /// Points the reviewer's source at a programme item, or (None) at none.
    pub(in crate::tui) fn set_source_programme(
        &mut self,
        question: &str,
        source: usize,
        id: Option<String>,
    ) {
        let Some(name) = self.reviewer.clone() else {
            return;
        };
        let mut said = None;
        self.change(Part::Reviewer(name.clone()), |wb| {
            let reference = crate::tui::undo::question_ref(wb, question);
            let from = id.as_deref().map(|id| source_from(wb, id));
            let s = wb
                .reviewers
                .iter_mut()
                .find(|r| r.name == name)?
                .answers
                .iter_mut()
                .find(|a| a.question == question)?
                .sources
                .get_mut(source)?;
            if s.programme == id {
                return None;
            }
            s.programme = id.clone();
            let what = format!("your source {} on {reference}", source + 1);
            said = Some(match &from {
                Some(f) => format!("Linked {what}: {f}"),
                None => format!("Took {what} off the programme"),
            });
            Some(match from {
                Some(_) => format!("link {what} to the programme"),
                None => format!("unlink {what} from the programme"),
            })
        });
        if let Some(m) = said {
            self.message = Some((m, false));
        }
    }
}

impl App {
    /// Marks or unmarks the programme item attended by the reviewer.
    pub(in crate::tui) fn toggle_programme(&mut self, id: &str) {
        let Some(name) = self.reviewer.clone() else {
            return;
        };
        let mut now = None;
        self.change(Part::Reviewer(name.clone()), |wb| {
            now = wb.toggle_attended(&name, id);
            let title = wb.programme_item(id)?.title.clone();
            Some(match now? {
                true => format!("mark {title} attended"),
                false => format!("unmark {title}"),
            })
        });
        if let Some(on) = now {
            let title = self
                .wb()
                .and_then(|w| w.programme_item(id))
                .map(|p| p.title.clone())
                .unwrap_or_default();
            self.message = Some((
                if on {
                    format!("Attended: {title} (in your log; counted once for the team)")
                } else {
                    format!("No longer attended: {title}")
                },
                false,
            ));
        }
    }
}
