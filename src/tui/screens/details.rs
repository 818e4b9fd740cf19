//! The review's details: council, title, dates, focus questions, the team,
//! the on-site programme;
//! what its keys do to them.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::ListForm;
use super::ctx::{DrawCtx, ScreenCtx};
use super::{Pending, remove_at};
use crate::text::inert;
use crate::tui::drawn::Drawn;
use crate::tui::edit::{MEMBER_FIELDS, MemberField, Target, new_member};
use crate::tui::keys::Action;
use crate::tui::undo::Part;
use crate::tui::widgets::form::{FormSpec, draw_form_with};
use crate::workbook::Workbook;

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ListForm, area: Rect, out: &mut Drawn) {
    let Some(wb) = cx.wb else { return };
    let targets = rows(wb);
    let focus_n = wb.review.focus.len();
    let rows: Vec<(String, String)> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| match t {
            Some(Target::Focus(k)) => (
                format!("Focus question {}", k + 1),
                inert(&Target::Focus(*k).read(wb)),
            ),
            Some(Target::Member(k, _)) => (
                format!(
                    "Team {} {}",
                    k + 1,
                    t.as_ref()
                        .map_or("", Target::label)
                        .trim_start_matches("Team member: ")
                ),
                inert(&t.as_ref().map(|t| t.read(wb)).unwrap_or_default()),
            ),
            Some(Target::Programme(k, f)) => (
                format!(
                    "Programme {} {}",
                    k + 1,
                    f.label().trim_start_matches("Programme: ")
                ),
                inert(&t.as_ref().map(|t| t.read(wb)).unwrap_or_default()),
            ),
            Some(t) => (t.label().to_string(), t.read(wb)),
            None if i == 4 + focus_n => (String::new(), "+ add a focus question".into()),
            None if Some(i) == programme_add_row(&targets) => {
                (String::new(), "+ add to the on-site programme".into())
            }
            None => (String::new(), "+ add a team member".into()),
        })
        .collect();
    // A team member without a name yet shows the placeholder, dimmed.
    let placeholder = |i: usize| targets.get(i)?.as_ref()?.placeholder();
    draw_form_with(
        f,
        cx.theme,
        area,
        FormSpec {
            title: " Review details ".into(),
            focused: true,
            rows: &rows,
            sel: st.sel,
            extra: vec![format!(
                "Framework: {} ({})",
                inert(&wb.framework.title),
                wb.framework.key()
            )],
        },
        Some(out),
        placeholder,
    );
}

/// The screen's rows, each the field it edits; None for the rows that add
/// a focus question and a team member.
pub fn rows(wb: &Workbook) -> Vec<Option<Target>> {
    let mut v = vec![
        Some(Target::Council),
        Some(Target::Title),
        Some(Target::OnsiteStart),
        Some(Target::OnsiteEnd),
    ];
    v.extend((0..wb.review.focus.len()).map(|i| Some(Target::Focus(i))));
    v.push(None); // add focus question
    for i in 0..wb.review.programme.len() {
        v.extend(
            crate::workbook::fields::ProgField::ALL
                .iter()
                .map(|f| Some(Target::Programme(i, *f))),
        );
    }
    v.push(None); // add to the programme
    for i in 0..wb.review.team.len() {
        v.extend(MEMBER_FIELDS.iter().map(|f| Some(Target::Member(i, *f))));
    }
    v.push(None); // add team member
    v
}

/// The screen's own actions: edit the row's field, add a focus question
/// or a team member, delete one (a member after asking).
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let rows = cx.workbook().map(rows).unwrap_or_default();
    let sel = cx.list_form().sel;
    match action {
        Action::Open | Action::Edit => match rows.get(sel) {
            Some(Some(t)) => cx.edit(t.clone(), false),
            Some(None) => add(cx, sel, &rows),
            None => {}
        },
        Action::Add => add(cx, sel, &rows),
        Action::Delete => match rows.get(sel) {
            Some(Some(Target::Focus(i))) => {
                let i = *i;
                cx.change(Part::Review, |wb| {
                    remove_at(&mut wb.review.focus, i)
                        .then(|| format!("delete focus question {}", i + 1))
                });
            }
            Some(Some(Target::Member(i, _))) => {
                let i = *i;
                let name = cx
                    .workbook()
                    .and_then(|w| w.review.team.get(i))
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                cx.ask(
                    format!("Remove {name} from the team?"),
                    Pending::DeleteMember(i),
                );
            }
            Some(Some(Target::Programme(i, _))) => {
                let i = *i;
                cx.change(Part::Review, |wb| {
                    (i < wb.review.programme.len()).then(|| {
                        wb.review.programme.remove(i);
                        format!("delete programme item {}", i + 1)
                    })
                });
            }
            _ => {}
        },
        _ => {}
    }
}

/// Adds a focus question or a team member, by where the cursor is.
fn add(cx: &mut impl ScreenCtx, sel: usize, rows: &[Option<Target>]) {
    let Some(focus_n) = cx.workbook().map(|w| w.review.focus.len()) else {
        return;
    };
    let add_focus_row = 4 + focus_n;
    let in_focus = sel <= add_focus_row;
    if !in_focus && programme_add_row(rows).is_some_and(|p| sel <= p) {
        return add_programme(cx);
    }
    cx.open_group();
    let mut i = 0;
    let added = cx.change(Part::Review, |wb| {
        if in_focus {
            wb.review.focus.push(String::new());
            Some(format!("add focus question {}", focus_n + 1))
        } else {
            wb.review.team.push(new_member());
            i = wb.review.team.len() - 1;
            Some(format!("add team member {}", i + 1))
        }
    });
    if !added {
        return;
    }
    if in_focus {
        cx.list_form().sel = add_focus_row;
        cx.edit(Target::Focus(focus_n), true);
    } else {
        cx.list_form().sel = rows.len() - 1;
        cx.edit(Target::Member(i, MemberField::Name), false);
    }
}

/// Adds an item to the on-site programme (an interview until its kind is
/// set in the file) and types what it is.
fn add_programme(cx: &mut impl ScreenCtx) {
    cx.open_group();
    let mut i = 0;
    let added = cx.change(Part::Review, |wb| {
        let item = crate::workbook::ProgrammeItem {
            id: wb.next_programme_id(),
            date: wb.review.onsite_start,
            ..Default::default()
        };
        wb.review.programme.push(item);
        i = wb.review.programme.len() - 1;
        Some(format!("add programme item {}", i + 1))
    });
    if added {
        let at = cx
            .workbook()
            .map(rows)
            .and_then(|r| programme_add_row(&r))
            .unwrap_or(0);
        cx.list_form().sel = at.saturating_sub(crate::workbook::fields::ProgField::ALL.len());
        cx.edit(
            Target::Programme(i, crate::workbook::fields::ProgField::Title),
            false,
        );
    }
}

/// The row that adds to the programme: the second of the adding rows.
fn programme_add_row(rows: &[Option<Target>]) -> Option<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.is_none())
        .map(|(i, _)| i)
        .nth(1)
}
