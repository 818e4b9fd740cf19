//! The review's details: council, title, dates, the limits the pack's
//! gaps judge by (word limit, evidence age), focus questions, the team,
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
use crate::tui::popups::pick;
use crate::tui::undo::Part;
use crate::tui::widgets::form::{FormSpec, draw_form_with};
use crate::workbook::Workbook;

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ListForm, area: Rect, out: &mut Drawn) {
    let Some(wb) = cx.wb else { return };
    let targets = rows(wb);
    let rows: Vec<(String, String)> = targets
        .iter()
        .map(|t| match t {
            Row::Field(Target::Focus(k)) => (
                format!("Focus question {}", k + 1),
                inert(&Target::Focus(*k).read(wb)),
            ),
            Row::Field(t @ Target::Member(k, _)) => (
                format!(
                    "Team {} {}",
                    k + 1,
                    t.label().trim_start_matches("Team member: ")
                ),
                inert(&t.read(wb)),
            ),
            Row::Field(t @ Target::Programme(k, f)) => (
                format!(
                    "Programme {} {}",
                    k + 1,
                    f.label().trim_start_matches("Programme: ")
                ),
                inert(&t.read(wb)),
            ),
            Row::Field(t) => (t.label().to_string(), t.read(wb)),
            Row::ProgrammeKind(k) => (
                format!("Programme {} kind", k + 1),
                wb.review
                    .programme
                    .get(*k)
                    .map_or("", |p| p.kind.label())
                    .to_string(),
            ),
            Row::AddFocus => (String::new(), "+ add a focus question".into()),
            Row::AddProgramme => (String::new(), "+ add to the on-site programme".into()),
            Row::AddMember => (String::new(), "+ add a team member".into()),
        })
        .collect();
    // A team member without a name yet shows the placeholder, dimmed.
    let placeholder = |i: usize| match targets.get(i)? {
        Row::Field(t) => t.placeholder(),
        _ => None,
    };
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

/// A row of the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A field edited as text.
    Field(Target),
    /// The kind of the `i`th programme item, chosen from a list.
    ProgrammeKind(usize),
    AddFocus,
    AddProgramme,
    AddMember,
}

/// The screen's rows: the fields it edits (a programme item's kind after
/// what it is), and the rows that add a focus question, a programme item
/// and a team member.
pub fn rows(wb: &Workbook) -> Vec<Row> {
    use crate::workbook::fields::ProgField;
    let mut v: Vec<Row> = [
        Target::Council,
        Target::Title,
        Target::OnsiteStart,
        Target::OnsiteEnd,
        Target::WordLimit,
        Target::EvidenceMaxAge,
    ]
    .into_iter()
    .map(Row::Field)
    .collect();
    v.extend((0..wb.review.focus.len()).map(|i| Row::Field(Target::Focus(i))));
    v.push(Row::AddFocus);
    for i in 0..wb.review.programme.len() {
        for f in ProgField::ALL {
            v.push(Row::Field(Target::Programme(i, *f)));
            if *f == ProgField::Title {
                v.push(Row::ProgrammeKind(i));
            }
        }
    }
    v.push(Row::AddProgramme);
    for i in 0..wb.review.team.len() {
        v.extend(
            MEMBER_FIELDS
                .iter()
                .map(|f| Row::Field(Target::Member(i, *f))),
        );
    }
    v.push(Row::AddMember);
    v
}

/// The screen's own actions: edit the row's field, add a focus question
/// or a team member, delete one (a member after asking).
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let rows = cx.workbook().map(rows).unwrap_or_default();
    let sel = cx.list_form().sel;
    let Some(row) = rows.get(sel).cloned() else {
        return;
    };
    match action {
        Action::Open | Action::Edit => match row {
            Row::Field(t) => cx.edit(t, false),
            Row::ProgrammeKind(i) => {
                let current = cx
                    .workbook()
                    .and_then(|w| w.review.programme.get(i))
                    .map(|p| p.kind);
                if cx.allowed(&Part::Review) {
                    cx.choose(pick::programme_kind(i, current));
                }
            }
            Row::AddFocus => add_focus(cx, sel),
            Row::AddProgramme => add_programme(cx),
            Row::AddMember => add_member(cx),
        },
        Action::Add => match row {
            Row::Field(Target::Focus(_)) | Row::AddFocus => {
                let at = rows.iter().position(|r| *r == Row::AddFocus).unwrap_or(sel);
                add_focus(cx, at)
            }
            Row::Field(Target::Programme(..)) | Row::ProgrammeKind(_) | Row::AddProgramme => {
                add_programme(cx)
            }
            Row::Field(Target::Member(..)) | Row::AddMember => add_member(cx),
            _ => add_focus(
                cx,
                rows.iter().position(|r| *r == Row::AddFocus).unwrap_or(sel),
            ),
        },
        Action::Delete => match row {
            Row::Field(Target::Focus(i)) => {
                cx.change(Part::Review, |wb| {
                    remove_at(&mut wb.review.focus, i)
                        .then(|| format!("delete focus question {}", i + 1))
                });
            }
            Row::Field(Target::Member(i, _)) => {
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
            Row::Field(Target::Programme(i, _)) | Row::ProgrammeKind(i) => {
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

/// Adds a focus question (the row that adds one is at `at`) and types it.
fn add_focus(cx: &mut impl ScreenCtx, at: usize) {
    let Some(n) = cx.workbook().map(|w| w.review.focus.len()) else {
        return;
    };
    cx.open_group();
    let added = cx.change(Part::Review, |wb| {
        wb.review.focus.push(String::new());
        Some(format!("add focus question {}", n + 1))
    });
    if added {
        cx.list_form().sel = at;
        cx.edit(Target::Focus(n), true);
    }
}

/// Adds a team member and types their name.
fn add_member(cx: &mut impl ScreenCtx) {
    cx.open_group();
    let mut i = 0;
    let added = cx.change(Part::Review, |wb| {
        wb.review.team.push(new_member());
        i = wb.review.team.len() - 1;
        Some(format!("add team member {}", i + 1))
    });
    if added {
        let at = cx.workbook().map_or(0, |w| rows(w).len());
        // The new member's name: the first of its rows.
        cx.list_form().sel = at.saturating_sub(1 + MEMBER_FIELDS.len());
        cx.edit(Target::Member(i, MemberField::Name), false);
    }
}

/// Adds an item to the on-site programme (an interview until its kind is
/// chosen) and types what it is.
fn add_programme(cx: &mut impl ScreenCtx) {
    use crate::workbook::fields::ProgField;
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
        let title = Target::Programme(i, ProgField::Title);
        let at = cx
            .workbook()
            .map(rows)
            .and_then(|r| r.iter().position(|x| *x == Row::Field(title.clone())))
            .unwrap_or(0);
        cx.list_form().sel = at;
        cx.edit(title, false);
    }
}
