//! The Peer screen: everyone's ratings side by side, agreed ratings, gaps
//! and triangulation, or the self/peer chart. It acts through
//! [`ScreenCtx`] and draws from [`DrawCtx`] with its own state
//! (`state.rs`), needing nothing of the app.

pub mod state;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{count, cut, inert, pad, truncate};
pub use state::PeerState;

use crate::tui::drawn::{Drawn, List};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::popups::{Popup, pick};
use crate::tui::screens::Screen;
use crate::tui::screens::ctx::{DrawCtx, ScreenCtx};
use crate::tui::undo::{self, Part};
use crate::tui::widgets::{boxed, rating_text, short_rating};
use crate::workbook::{Rating, Workbook};

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &PeerState, area: Rect, out: &mut Drawn) {
    let th = cx.theme;
    let Some(wb) = cx.wb else { return };
    let rows = crate::review::analysis::ratings(wb);
    let tri = crate::review::analysis::triangulation(wb);
    let t = crate::review::analysis::totals(wb);
    let detail_h = 8.min(area.height / 2);
    let top = Rect::new(
        area.x,
        area.y,
        area.width,
        area.height.saturating_sub(detail_h),
    );
    let bottom = Rect::new(area.x, area.y + top.height, area.width, detail_h);
    let n = |x: usize| x as u32;
    let title = format!(
        " Peer review: {} · {}, {}, {}, {} · {} ",
        count(n(wb.reviewers.len()), "reviewer", "reviewers"),
        count(n(t.documents), "document", "documents"),
        count(n(t.meetings), "meeting", "meetings"),
        count(t.people, "person", "people"),
        hours(t.hours),
        count(n(wb.conflicts.len()), "conflict", "conflicts")
    );
    let block = boxed(title, true, th);
    let inner = block.inner(top);
    f.render_widget(block, top);
    let w = inner.width as usize;
    let h = inner.height.saturating_sub(1) as usize;
    let header = format!(
        "  {:<9} {:>4} {:<14} {:>6} {:>6} {:>4}  {}",
        "Ref", "Self", "Reviewers", "Spread", "Agreed", "Gap", "Read/heard/seen"
    );
    let mut lines = vec![Line::from(Span::styled(truncate(&header, w), th.title()))];
    let sel = st.list.sel.min(rows.len().saturating_sub(1));
    let o = layout::scroll(
        cx.frame.offset(List::Of(Screen::Peer), 0),
        sel,
        h,
        rows.len(),
    );
    out.set_offset(List::Of(Screen::Peer), 0, o);
    for (i, r) in rows.iter().enumerate().skip(o).take(h) {
        let tr = &tri[i];
        let mark = if r.disagree() {
            "!"
        } else if tr.one_kind() {
            "~"
        } else {
            " "
        };
        let reviewers: Vec<String> = r.reviewers.iter().map(|(_, x)| short_rating(*x)).collect();
        let text = format!(
            // Padded in columns: `{:<9}` would count characters.
            "{mark} {} {:>4} {} {:>6} {:>6} {:>4}  {}/{}/{}",
            pad(&cut(&r.reference, 9), 9),
            short_rating(r.own),
            pad(&reviewers.join(" "), 14),
            r.spread.map_or("–".into(), |s| s.to_string()),
            short_rating(r.agreed),
            r.gap().map_or("–".into(), |g| if g == 0 {
                "0".into()
            } else {
                format!("{g:+}")
            }),
            tr.read,
            tr.heard,
            tr.seen
        );
        let style = if i == sel {
            th.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
    }
    f.render_widget(Paragraph::new(lines), inner);

    if st.gap_chart {
        return draw_gap_chart(f, cx, wb, bottom);
    }
    // The selected question: what each reviewer found.
    let Some(r) = rows.get(sel) else { return };
    let q = wb
        .framework
        .question(&r.question)
        .map(|(_, q)| q.text.clone())
        .unwrap_or_default();
    let block = boxed(format!(" {} ", inert(&r.reference)), false, th);
    let inner = block.inner(bottom);
    f.render_widget(block, bottom);
    let w = inner.width as usize;
    let mut lines = vec![Line::from(Span::styled(cut(&q, w), th.title()))];
    for rv in &wb.reviewers {
        if let Some(a) = rv.answer(&r.question) {
            let note = crate::text::one_line(&a.notes, w);
            lines.push(Line::from(truncate(
                &format!(
                    "{}: {} — {}",
                    inert(&rv.name),
                    rating_text(wb, a.rating),
                    note
                ),
                w,
            )));
        }
    }
    if let Some(note) = wb
        .consensus
        .iter()
        .find(|a| a.question == r.question)
        .and_then(|a| a.note.as_deref())
    {
        let note = crate::text::one_line(note, w);
        lines.push(Line::from(truncate(&format!("Agreed (e): {note}"), w)));
    }
    if r.disagree() {
        lines.push(Line::from(Span::styled(
            "! Reviewers are two or more levels apart: agree a rating with digits, r, x or 0",
            th.error(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Each domain's score from the council's ratings beside the agreed peer
/// ratings, as bars with the figures written beside them (one line each).
fn draw_gap_chart(f: &mut Frame, cx: DrawCtx, wb: &Workbook, area: Rect) {
    let th = cx.theme;
    let block = boxed(
        " Self against peer, by domain (c: back to notes) ".into(),
        false,
        th,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    let gaps = crate::review::analysis::domain_gaps(wb);
    let fw = &wb.framework;
    let max = match (fw.scoring.as_ref().map(|s| s.method), fw.scale.as_ref()) {
        (Some(crate::framework::Method::Mean), Some(s)) => s.max() as f64,
        _ => 100.0,
    };
    let w = inner.width as usize;
    let name_w = (w / 4).clamp(8, 24);
    let bar_w = (w.saturating_sub(name_w + 24) / 2).clamp(4, 20);
    let bar = |s: &crate::review::scoring::Score| {
        let filled = s.score.map_or(0, |v| {
            ((v / max).clamp(0.0, 1.0) * bar_w as f64).round() as usize
        });
        format!(
            "{}{} {:>5}",
            "█".repeat(filled),
            "░".repeat(bar_w - filled),
            s.score_text().unwrap_or_else(|| "–".into())
        )
    };
    let lines: Vec<Line> = if fw.scoring.is_none() {
        vec![Line::from(
            "This framework does not score, so there is no chart: the table above has each rating.",
        )]
    } else {
        gaps.iter()
            .map(|g| {
                Line::from(vec![
                    Span::raw(format!("{} ", pad(&cut(&g.title, name_w), name_w))),
                    Span::styled(format!("self {} ", bar(&g.own)), th.dim()),
                    Span::styled(format!("peer {}", bar(&g.peer)), th.accent()),
                ])
            })
            .collect()
    };
    f.render_widget(Paragraph::new(lines), inner);
}

/// The question selected on the Peer screen (its `sel`th, in framework
/// order).
pub fn question(wb: &Workbook, sel: usize) -> Option<String> {
    wb.framework.questions().nth(sel).map(|(_, q)| q.id.clone())
}

/// The screen's actions: move, agree a rating (a digit, clear, N/A or the
/// picker), open the question, the chart, the team's notes, the agreed
/// note, and the conflicts from merging.
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let sel = cx.peer().list.sel;
    let Some(wb) = cx.workbook() else { return };
    let n = wb.framework.questions().count();
    let no_conflicts = wb.conflicts.is_empty();
    let Some(qid) = question(wb, sel) else {
        return;
    };
    match action {
        Action::Up => cx.peer().list.sel = sel.saturating_sub(1),
        Action::Down => cx.peer().list.sel = (sel + 1).min(n.saturating_sub(1)),
        Action::Top => cx.peer().list.sel = 0,
        Action::Bottom => cx.peer().list.sel = n.saturating_sub(1),
        Action::Rate(v) => match cx.workbook().and_then(|w| w.framework.scale.clone()) {
            Some(s) if s.level(i64::from(v)).is_some() => {
                set_agreed(cx, &qid, Rating::Level(i64::from(v)))
            }
            Some(s) => cx.warn(format!("{v} is not on the scale: {}", s.describe())),
            None => cx.warn("This framework is findings-only: no ratings".into()),
        },
        Action::ClearRating => set_agreed(cx, &qid, Rating::None),
        Action::NotApplicable => set_agreed(cx, &qid, Rating::NotApplicable),
        Action::RatingPicker => cx.rating_picker(&qid),
        Action::Open => {
            cx.show(Screen::Questions);
            cx.select_question(sel);
        }
        Action::GapChart => {
            let st = cx.peer();
            st.gap_chart = !st.gap_chart;
        }
        Action::TeamNotes => cx.team_notes(&qid),
        Action::Edit => cx.edit(crate::tui::edit::Target::AgreedNote(qid.clone()), false),
        Action::Conflicts => {
            if no_conflicts {
                cx.say("No conflicts: every merged field agreed".into());
            } else if let Some(wb) = cx.workbook() {
                let p = pick::conflicts(wb, 0);
                cx.open(Popup::Pick(Box::new(p)));
            }
        }
        Action::Back => cx.show(Screen::Questions),
        _ => {}
    }
}

/// Records the agreed peer rating for a question.
pub fn set_agreed(cx: &mut impl ScreenCtx, qid: &str, r: Rating) {
    cx.change(Part::Consensus, |wb| {
        let label = format!(
            "change the agreed rating of {}",
            undo::question_ref(wb, qid)
        );
        let list = &mut wb.consensus;
        match list.iter().position(|a| a.question == qid) {
            Some(i) if r == Rating::None && list[i].note.is_none() => {
                list.remove(i);
            }
            Some(i) => list[i].rating = r,
            None if r == Rating::None => return None,
            None => {
                // Kept in framework order.
                let order = |q: &str| wb.framework.order_of(q).unwrap_or(usize::MAX);
                let at = list
                    .iter()
                    .position(|a| order(&a.question) > order(qid))
                    .unwrap_or(list.len());
                list.insert(
                    at,
                    crate::workbook::onsite::Agreed {
                        question: qid.to_string(),
                        rating: r,
                        ..Default::default()
                    },
                );
            }
        }
        Some(label)
    });
}

/// "1 hour", "2.5 hours".
fn hours(h: f64) -> String {
    let unit = if h == 1.0 { "hour" } else { "hours" };
    format!("{} {unit}", crate::workbook::fmt_number(h))
}
