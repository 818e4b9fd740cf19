//! Tagging the selected evidence item with the framework's evidence
//! categories (issue 15): `c` on the Evidence screen opens a picker of the
//! categories, each marked `[x]` when the item has it; Enter toggles the
//! one selected and the picker stays open on it, Esc closes it.

use crate::tui::popups::Popup;
use crate::tui::popups::pick::{Pick, Purpose};
use crate::tui::screens::ctx::ScreenCtx;
use crate::tui::undo::Part;
use crate::tui::widgets::picker::{Choice, Picker, Size, Tone};
use crate::workbook::{EvidenceItem, Workbook};

/// Opens the picker for the selected item, or says why not.
pub fn open(cx: &mut impl ScreenCtx) {
    let sel = cx.evidence().list.sel;
    let Some(item) = cx.evidence_shown().get(sel).copied() else {
        return;
    };
    let Some(wb) = cx.workbook() else { return };
    if wb.framework.evidence_categories.is_empty() {
        let msg = format!(
            "{} has no evidence categories to tag items with",
            wb.framework.key()
        );
        cx.say(msg);
        return;
    }
    let p = picker(wb, item, 0);
    cx.choose(p);
}

/// The categories as choices for item `item`, on the `on`th.
fn picker(wb: &Workbook, item: usize, on: usize) -> Pick {
    let e = &wb.evidence[item];
    let cats = &wb.framework.evidence_categories;
    let choices: Vec<Choice> = cats
        .iter()
        .map(|c| {
            let mark = if e.categories.contains(&c.id) {
                "[x]"
            } else {
                "[ ]"
            };
            let mut choice = Choice::new(format!("{mark} {}", c.label));
            if let Some(d) = &c.description {
                choice.note.push((d.trim().to_string(), Tone::Dim));
            }
            choice
        })
        .collect();
    let h = cats.len() as u16 + 8;
    let picker = Picker::new(
        "Evidence categories — Enter to tick or untick, Esc when done",
        choices,
    )
    .size(Size::fixed(70, h))
    .on(Some(on));
    Pick {
        picker,
        purpose: Purpose::Categories(item),
    }
}

/// Ticks or unticks the `i`th category on item `item`, then opens the
/// picker again on it.
pub fn toggle(cx: &mut impl ScreenCtx, item: usize, i: usize) {
    let Some(id) = cx
        .workbook()
        .and_then(|wb| wb.framework.evidence_categories.get(i))
        .map(|c| c.id.clone())
    else {
        return;
    };
    cx.change(Part::Evidence, |wb| {
        let e = wb.evidence_mut().get_mut(item)?;
        let label = toggled(e, &id);
        Some(label)
    });
    let again = cx
        .workbook()
        .filter(|wb| item < wb.evidence.len())
        .map(|wb| picker(wb, item, i));
    if let Some(p) = again {
        cx.open(Popup::Pick(Box::new(p)));
    }
}

/// Adds or removes one tag; tags are kept in the order they were given.
fn toggled(e: &mut EvidenceItem, id: &str) -> String {
    if let Some(at) = e.categories.iter().position(|c| c == id) {
        e.categories.remove(at);
        format!("untag evidence {} as {id}", e.id)
    } else {
        e.categories.push(id.to_string());
        format!("tag evidence {} as {id}", e.id)
    }
}

/// "Categories: People's experience, Processes" for the item's pane;
/// nothing for a framework without categories.
pub fn line(wb: &Workbook, e: &EvidenceItem) -> Option<String> {
    let cats = &wb.framework.evidence_categories;
    if cats.is_empty() {
        return None;
    }
    let labels: Vec<&str> = cats
        .iter()
        .filter(|c| e.categories.contains(&c.id))
        .map(|c| c.label.as_str())
        .collect();
    Some(if labels.is_empty() {
        "Categories: none yet (c to tag)".to_string()
    } else {
        format!("Categories: {} (c to change)", labels.join(", "))
    })
}
