//! The dashboard: progress and scores by domain, and what is left to do.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Wrap};

use crate::review::scoring::Report;
use crate::text::{cut, inert};
use crate::tui::screens::ctx::DrawCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::boxed;
use crate::tui::widgets::joined::joined_within;
use crate::workbook::Workbook;

/// Draws the dashboard into the body, from the open workbook's scores.
pub fn draw(f: &mut Frame, cx: DrawCtx, report: Option<&Report>, todo: &TodoCache, area: Rect) {
    let th = cx.theme;
    let (Some(wb), Some(r)) = (cx.wb, report) else {
        return;
    };
    let half = area.width / 2;
    let left = Rect::new(area.x, area.y, half, area.height);
    let right = Rect::new(area.x + half, area.y, area.width - half, area.height);
    // Left: completion per domain as text gauges, with scores and bands.
    let block = boxed(" Completion and scores ".into(), false, th);
    let inner = block.inner(left);
    f.render_widget(block, left);
    let w = inner.width as usize;
    let bar_w = w.saturating_sub(12).clamp(4, 20);
    let mut lines = Vec::new();
    let gauge = |s: &crate::review::scoring::Score| {
        let filled = (s.answered * bar_w).checked_div(s.total).unwrap_or(0);
        format!(
            "{}{} {:>3}/{:<3}",
            "█".repeat(filled),
            "░".repeat(bar_w - filled),
            s.answered,
            s.total
        )
    };
    let score_line = |s: &crate::review::scoring::Score| -> Option<String> {
        wb.framework.scoring.as_ref()?;
        Some(match (s.score_text(), &s.band) {
            (Some(t), Some(b)) => format!("  score {t} · {}", b.label()),
            (Some(t), None) => format!("  score {t}"),
            _ => "  not scored yet".into(),
        })
    };
    // Only what fits is formatted: a framework of a hundred domains would
    // otherwise build three hundred lines to show twenty.
    for d in &r.domains {
        if lines.len() >= inner.height as usize {
            break;
        }
        lines.push(Line::from(Span::styled(cut(&d.title, w), th.title())));
        lines.push(Line::from(gauge(&d.score)));
        if let Some(s) = score_line(&d.score) {
            lines.push(Line::from(s));
        }
        // A score resting on little says so on a line of its own.
        if let Some(n) = d.score.provisional_note() {
            lines.push(Line::from(format!("  ({n})")));
        }
    }
    lines.push(Line::from(Span::styled("Overall", th.title())));
    lines.push(Line::from(gauge(&r.overall)));
    if let Some(s) = score_line(&r.overall) {
        lines.push(Line::from(s));
    }
    if let Some(n) = r.overall.provisional_note() {
        lines.push(Line::from(format!("  ({n})")));
    }
    f.render_widget(Paragraph::new(lines), inner);

    // Right: distribution of ratings, then what is missing.
    let has_scale = wb.framework.scale.is_some();
    let chart_h = if has_scale { right.height / 2 } else { 0 };
    if let Some(scale) = &wb.framework.scale {
        let area = Rect::new(right.x, right.y, right.width, chart_h);
        let mut bars: Vec<Bar> = r
            .overall
            .distribution
            .iter()
            .map(|(v, n)| {
                Bar::default()
                    .value(*n as u64)
                    .label(Line::from(v.to_string()))
                    .text_value(n.to_string())
            })
            .collect();
        if scale.not_applicable {
            bars.push(
                Bar::default()
                    .value(r.overall.not_applicable as u64)
                    .label(Line::from("N/A"))
                    .text_value(r.overall.not_applicable.to_string()),
            );
        }
        let n = bars.len().max(1) as u16;
        let bw = ((area.width.saturating_sub(2)) / n)
            .saturating_sub(1)
            .clamp(3, 12);
        let chart = BarChart::default()
            .block(boxed(" Ratings ".into(), false, th))
            .data(BarGroup::default().bars(&bars))
            .bar_width(bw)
            .bar_gap(1)
            .bar_style(th.accent());
        f.render_widget(chart, area);
    }
    let rest = Rect::new(
        right.x,
        right.y + chart_h,
        right.width,
        right.height.saturating_sub(chart_h),
    );
    let block = boxed(" Still to do ".into(), false, th);
    let inner = block.inner(rest);
    f.render_widget(block, rest);
    let lines = todo.lines(cx.revision, inner, || {
        still_to_do(wb, r, inner.width as usize, inner.height as usize, th)
    });
    f.render_widget(
        Paragraph::new(lines.as_ref().clone()).wrap(Wrap { trim: true }),
        inner,
    );
}

/// The "Still to do" box's lines for a box `w` wide and `h` high: each
/// walks every question (not started, evidence by category, sign-off,
/// comments, what the peer team will ask, orphans), so they are made once
/// per revision and size (see [`TodoCache`]), not once per frame.
fn still_to_do(wb: &Workbook, r: &Report, w: usize, h: usize, th: Theme) -> Vec<Line<'static>> {
    // The lists below are cut once they hold more text than the box can
    // show; the paragraph wraps only what is kept.
    let room = w * h;
    let mut lines = Vec::new();
    let answers = wb.answers_in_order();
    let not_started: Vec<&str> = wb
        .framework
        .questions()
        .zip(&answers)
        .filter(|(_, a)| !a.is_some_and(|a| a.is_answered()))
        .map(|((_, q), _)| q.display_ref())
        .collect();
    if let Some(scale) = &wb.framework.scale {
        let legend: Vec<String> = r
            .overall
            .distribution
            .iter()
            .map(|(v, n)| {
                let l = scale.level(*v).map_or("", |l| l.label.as_str());
                format!("{v} {}: {n}", inert(l))
            })
            .chain(
                scale
                    .not_applicable
                    .then(|| format!("N/A: {}", r.overall.not_applicable)),
            )
            .collect();
        lines.push(Line::from(format!("Ratings — {}", legend.join(" · "))));
    }
    lines.push(Line::from(if not_started.is_empty() {
        "Every question has been started.".to_string()
    } else {
        format!(
            "Not started ({}): {}",
            not_started.len(),
            joined_within(not_started.iter().copied(), room)
        )
    }));
    let used: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(w.max(1)).max(1))
        .sum();
    let room_lines = h.saturating_sub(used + 1);
    lines.extend(super::readiness::lines(wb, w, room_lines));
    super::dashboard_team::still_to_do(&mut lines, wb, room);
    let orphans: Vec<&str> = wb.orphaned().map(|a| a.question.as_str()).collect();
    if !orphans.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "Orphaned answers kept ({}), for questions this framework no longer has: {}",
                orphans.len(),
                joined_within(orphans.iter().copied(), room)
            ),
            th.error(),
        )));
    }
    lines
}

/// The "Still to do" lines last made, with the revision, size and day they
/// were made for (what the peer team will ask depends on the date).
#[derive(Default)]
pub struct TodoCache(RefCell<Option<(TodoFor, Rc<Vec<Line<'static>>>)>>);

#[derive(PartialEq)]
struct TodoFor {
    revision: u64,
    size: (u16, u16),
    day: chrono::NaiveDate,
}

impl TodoCache {
    fn lines(
        &self,
        revision: u64,
        area: Rect,
        make: impl FnOnce() -> Vec<Line<'static>>,
    ) -> Rc<Vec<Line<'static>>> {
        let key = TodoFor {
            revision,
            size: (area.width, area.height),
            day: chrono::Local::now().date_naive(),
        };
        let mut c = self.0.borrow_mut();
        if let Some((made_for, lines)) = &*c
            && *made_for == key
        {
            return Rc::clone(lines);
        }
        let lines = Rc::new(make());
        *c = Some((key, Rc::clone(&lines)));
        lines
    }
}
