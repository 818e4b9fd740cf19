//! The on-site programme in reviewer mode (Activity screen, `p`): the
//! week's meetings, interviews, focus groups, visits and audits, each marked
//! ✔ where this reviewer attended; choosing one marks or unmarks it (an
//! activity in the reviewer's log that points at it, so a joint meeting
//! counts once in the team's totals).

use super::pick::{Pick, Purpose};
use crate::tui::app::App;
use crate::tui::undo::Part;
use crate::tui::widgets::picker::{Picker, Size};
use crate::workbook::Workbook;

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
                let when = p
                    .date
                    .map(|d| d.format("%a %d %b ").to_string())
                    .unwrap_or_default();
                let people = p.people.map_or(String::new(), |n| {
                    format!(" · {}", crate::text::count(n, "person", "people"))
                });
                format!("{mark} {when}{} · {}{people}", p.kind.label(), p.title)
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
