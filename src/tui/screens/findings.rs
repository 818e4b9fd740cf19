//! The review manager's findings: key messages, strengths and areas by
//! domain, recommendations and next steps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{cut, pad};
use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::Target;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::screens::ctx::{DrawCtx, ScreenCtx};
use crate::tui::screens::{ListForm, Screen, remove_at};
use crate::tui::undo::Part;
use crate::tui::widgets::boxed;
use crate::workbook::Workbook;

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ListForm, area: Rect, out: &mut Drawn) {
    let th = cx.theme;
    let Some(wb) = cx.wb else { return };
    let rows = rows(wb);
    let fd = &wb.findings;
    let domain_title = |id: &str| {
        wb.framework
            .domains
            .iter()
            .find(|d| d.id == id)
            .map_or(id.to_string(), |d| d.title.clone())
    };
    let block = boxed(" Findings and recommendations ".into(), true, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let h = inner.height as usize;
    let sel = st.sel.min(rows.len().saturating_sub(1));
    let text_of = |row: &FindRow| -> String {
        match row {
            FindRow::KeyMessage(i) => format!(
                "Key message {}: {}",
                i + 1,
                fd.key_messages[*i]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            FindRow::AddKeyMessage => "+ add a key message".into(),
            FindRow::Strength(d, i) => {
                let x = fd.domains.iter().find(|x| &x.domain == d);
                format!(
                    "{} · strength: {}",
                    domain_title(d),
                    x.and_then(|x| x.strengths.get(*i))
                        .cloned()
                        .unwrap_or_default()
                )
            }
            FindRow::AddStrength(d) => format!("+ add a strength for {}", domain_title(d)),
            FindRow::Area(d, i) => {
                let x = fd.domains.iter().find(|x| &x.domain == d);
                format!(
                    "{} · area for consideration: {}",
                    domain_title(d),
                    x.and_then(|x| x.areas.get(*i)).cloned().unwrap_or_default()
                )
            }
            FindRow::AddArea(d) => {
                format!("+ add an area for consideration for {}", domain_title(d))
            }
            FindRow::Rec(i) => {
                let r = &fd.recommendations[*i];
                format!(
                    "R{} {}{} — {}{}{}",
                    i + 1,
                    if r.quick_win { "[quick win] " } else { "" },
                    r.text,
                    r.status.label(),
                    r.owner
                        .as_ref()
                        .map(|o| format!(", {o}"))
                        .unwrap_or_default(),
                    r.due.map(|d| format!(", due {d}")).unwrap_or_default()
                )
            }
            FindRow::AddRec => "+ add a recommendation".into(),
            FindRow::NextStep(i) => format!("Next step {}: {}", i + 1, fd.next_steps[*i]),
            FindRow::AddNextStep => "+ add a next step".into(),
        }
    };
    let o = layout::scroll(
        cx.frame.offset(List::Of(Screen::Findings), 0),
        sel,
        h,
        rows.len(),
    );
    out.set_offset(List::Of(Screen::Findings), 0, o);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(o)
        .take(h)
        .map(|(i, row)| {
            let t = pad(&cut(&text_of(row), w), w);
            let style = if i == sel {
                th.selected()
            } else if matches!(
                row,
                FindRow::AddKeyMessage
                    | FindRow::AddStrength(_)
                    | FindRow::AddArea(_)
                    | FindRow::AddRec
                    | FindRow::AddNextStep
            ) {
                th.dim()
            } else {
                Style::default()
            };
            Line::from(Span::styled(t, style))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// A row of the findings screen.
#[derive(Debug, Clone, PartialEq)]
pub enum FindRow {
    KeyMessage(usize),
    AddKeyMessage,
    Strength(String, usize),
    AddStrength(String),
    Area(String, usize),
    AddArea(String),
    Rec(usize),
    AddRec,
    NextStep(usize),
    AddNextStep,
}

/// The field a new item of a findings row's section is typed in (the
/// editor adds it); None for a recommendation, which is added first.
fn new_finding(f: &crate::workbook::onsite::Findings, row: &FindRow) -> Option<Target> {
    let in_domain = |d: &str, n: fn(&crate::workbook::onsite::DomainFindings) -> usize| {
        f.domains.iter().find(|x| x.domain == d).map_or(0, n)
    };
    Some(match row {
        FindRow::KeyMessage(_) | FindRow::AddKeyMessage => Target::KeyMessage(f.key_messages.len()),
        FindRow::Strength(d, _) | FindRow::AddStrength(d) => {
            Target::FindingStrength(d.clone(), in_domain(d, |x| x.strengths.len()))
        }
        FindRow::Area(d, _) | FindRow::AddArea(d) => {
            Target::FindingArea(d.clone(), in_domain(d, |x| x.areas.len()))
        }
        FindRow::NextStep(_) | FindRow::AddNextStep => Target::NextStep(f.next_steps.len()),
        FindRow::Rec(_) | FindRow::AddRec => return None,
    })
}

/// Rows of the findings screen.
pub fn rows(wb: &Workbook) -> Vec<FindRow> {
    let f = &wb.findings;
    let mut v: Vec<FindRow> = (0..f.key_messages.len()).map(FindRow::KeyMessage).collect();
    v.push(FindRow::AddKeyMessage);
    for d in &wb.framework.domains {
        let df = f.domains.iter().find(|x| x.domain == d.id);
        let id = d.id.clone();
        v.extend(
            (0..df.map_or(0, |x| x.strengths.len())).map(|i| FindRow::Strength(id.clone(), i)),
        );
        v.push(FindRow::AddStrength(id.clone()));
        v.extend((0..df.map_or(0, |x| x.areas.len())).map(|i| FindRow::Area(id.clone(), i)));
        v.push(FindRow::AddArea(id));
    }
    v.extend((0..f.recommendations.len()).map(FindRow::Rec));
    v.push(FindRow::AddRec);
    v.extend((0..f.next_steps.len()).map(FindRow::NextStep));
    v.push(FindRow::AddNextStep);
    v
}

/// The screen's own actions: move, edit a row, add to its section, delete,
/// and a recommendation's quick win, status, owner, due date and progress.
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let rows = cx.workbook().map(rows).unwrap_or_default();
    let n = rows.len();
    let sel = cx.list_form().sel.min(n.saturating_sub(1));
    let row = rows.get(sel).cloned();
    match action {
        Action::Up => cx.list_form().sel = sel.saturating_sub(1),
        Action::Down => cx.list_form().sel = (sel + 1).min(n.saturating_sub(1)),
        Action::Top => cx.list_form().sel = 0,
        Action::Bottom => cx.list_form().sel = n.saturating_sub(1),
        Action::Back => cx.show(Screen::Questions),
        Action::Open | Action::Edit => match row {
            Some(FindRow::KeyMessage(i)) => cx.edit(Target::KeyMessage(i), false),
            Some(FindRow::Strength(d, i)) => cx.edit(Target::FindingStrength(d, i), false),
            Some(FindRow::Area(d, i)) => cx.edit(Target::FindingArea(d, i), false),
            Some(FindRow::Rec(i)) => cx.edit(Target::RecText(i), false),
            Some(FindRow::NextStep(i)) => cx.edit(Target::NextStep(i), false),
            Some(new) => add(cx, &new),
            None => {}
        },
        Action::Add => {
            if let Some(r) = row {
                add(cx, &r);
            }
        }
        Action::Delete => {
            let label = match &row {
                Some(FindRow::KeyMessage(i)) => format!("delete key message {}", i + 1),
                Some(FindRow::Strength(d, i)) => format!("delete strength {} of {d}", i + 1),
                Some(FindRow::Area(d, i)) => format!("delete area {} of {d}", i + 1),
                Some(FindRow::NextStep(i)) => format!("delete next step {}", i + 1),
                Some(FindRow::Rec(i)) => format!("delete recommendation {}", i + 1),
                _ => String::new(),
            };
            cx.change(Part::Findings, |wb| {
                let f = &mut wb.findings;
                let removed = match row {
                    Some(FindRow::KeyMessage(i)) => remove_at(&mut f.key_messages, i),
                    Some(FindRow::Strength(d, i)) => remove_at(&mut f.domain_mut(&d).strengths, i),
                    Some(FindRow::Area(d, i)) => remove_at(&mut f.domain_mut(&d).areas, i),
                    Some(FindRow::NextStep(i)) => remove_at(&mut f.next_steps, i),
                    Some(FindRow::Rec(i)) if i < f.recommendations.len() => {
                        f.recommendations.remove(i);
                        true
                    }
                    _ => false,
                };
                removed.then_some(label)
            });
        }
        Action::QuickWin | Action::StatusPicker => {
            let Some(FindRow::Rec(i)) = row else {
                cx.say("Choose a recommendation first".into());
                return;
            };
            cx.change(Part::Findings, |wb| {
                let r = wb.findings.recommendations.get_mut(i)?;
                let label = if action == Action::QuickWin {
                    format!("mark recommendation {} as a quick win or not", i + 1)
                } else {
                    format!("change the status of recommendation {}", i + 1)
                };
                if action == Action::QuickWin {
                    r.quick_win = !r.quick_win;
                } else {
                    use crate::workbook::onsite::ActionStatus as S;
                    r.status = match r.status {
                        S::Open => S::InProgress,
                        S::InProgress => S::Done,
                        S::Done => S::Open,
                    };
                }
                Some(label)
            });
        }
        Action::EditOwner | Action::DueDate | Action::Progress => {
            let Some(FindRow::Rec(i)) = row else {
                cx.say("Choose a recommendation first".into());
                return;
            };
            let t = match action {
                Action::EditOwner => Target::RecOwner(i),
                Action::DueDate => Target::RecDue(i),
                _ => Target::RecProgress(i),
            };
            cx.edit(t, false);
        }
        _ => {
            let which = match row {
                Some(FindRow::Rec(i)) => Some((true, i)),
                Some(FindRow::KeyMessage(i)) => Some((false, i)),
                _ => None,
            };
            super::findings_order::reorder(cx, action, which)
        }
    }
}

/// Adds an item to the section of a findings row and edits it.
fn add(cx: &mut impl ScreenCtx, row: &FindRow) {
    let target = match row {
        FindRow::Rec(_) | FindRow::AddRec => {
            // A recommendation has fields of its own: it is added
            // first, and its text edited.
            cx.open_group();
            let mut i = 0;
            let added = cx.change(Part::Findings, |wb| {
                let recs = &mut wb.findings.recommendations;
                recs.push(crate::workbook::onsite::Recommendation::default());
                i = recs.len() - 1;
                Some(format!("add recommendation {}", i + 1))
            });
            if !added {
                return;
            }
            Target::RecText(i)
        }
        _ => {
            let Some(t) = cx.workbook().and_then(|w| new_finding(&w.findings, row)) else {
                return;
            };
            t
        }
    };
    cx.edit(target.clone(), true);
    // Keep the cursor on the new item's row.
    let rows = cx.workbook().map(rows).unwrap_or_default();
    if cx.editing() {
        let want = match &target {
            Target::KeyMessage(i) => Some(FindRow::KeyMessage(*i)),
            Target::RecText(i) => Some(FindRow::Rec(*i)),
            Target::NextStep(i) => Some(FindRow::NextStep(*i)),
            _ => None,
        };
        if let Some(w) = want
            && let Some(p) = rows.iter().position(|r| *r == w)
        {
            cx.list_form().sel = p;
        }
    }
}
