//! The questions screen: the tree of questions on the left, the selected
//! question, its prompts and the answer (or the reviewer's entries) on the
//! right.

pub mod answer;
pub mod comments;
pub mod filter;
pub mod review;
pub mod scroll;
pub mod select;
pub mod sort_order;
pub mod state;
pub mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{cut, inert, pad, truncate, width, wrap_lines};
use crate::tui::app::{App, Pane, Row, Slot};
use crate::tui::drawn::{Drawn, Hit, List};
use crate::tui::layout;
use crate::tui::screens::question_sort;
use crate::tui::widgets::{boxed, rating_colour, rating_text, status_mark};
use crate::workbook::{Rating, Status};

/// A rule across the pane: the text, then `─` to `w` columns.
fn rule(text: &str, w: usize) -> String {
    let mut out = truncate(text, w);
    let n = w.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n('─', n));
    out
}

/// The name of the pane that has focus, for the footer.
pub fn pane_name(app: &App) -> &'static str {
    match app.q.pane {
        Pane::List => "Questions",
        Pane::Form => "Answer",
    }
}

/// The footer's keys for the pane that has focus: the list's own keys, or
/// the answer's (which include `a`, `d`, `K`, `J`, shown nowhere else),
/// each read from the keymap so a rebound key is shown as bound.
pub fn footer(app: &App) -> Option<Vec<(String, String)>> {
    use crate::tui::keys::{Action, Context};
    let km = &app.keymap;
    let key = |a: Action| km.key_for(Context::Questions, a).map(|k| k.to_string());
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |k: Option<String>, d: &str| {
        if let Some(k) = k {
            out.push((k, d.to_string()));
        }
    };
    match app.q.pane {
        // The list's keys are the screen's (view::screen_hints).
        Pane::List => return None,
        Pane::Form => {
            let moves = match (key(Action::MoveUp), key(Action::MoveDown)) {
                (Some(u), Some(d)) => Some(format!("{u}/{d}")),
                _ => None,
            };
            push(key(Action::Open), "open");
            // On a reviewer's source, where it came from comes next.
            if matches!(
                app.slots().get(app.q.slot),
                Some(crate::tui::app::Slot::ReviewSource(_))
            ) {
                push(key(Action::SourceProgramme), "from programme");
            }
            push(key(Action::Add), "add");
            push(key(Action::Delete), "delete");
            push(moves, "move");
            push(key(Action::NextPane), "list");
            push(key(Action::ShowPrompts), "prompts");
            push(key(Action::Comments), "comments");
            let scroll = match (key(Action::ScrollDetailUp), key(Action::ScrollDetailDown)) {
                (Some(u), Some(d)) => Some(format!("{u}/{d}")),
                _ => None,
            };
            push(scroll, "scroll");
            if !super::findings_only::hides(app, Action::RatingPicker) {
                push(key(Action::RatingPicker), "rating");
            }
            push(key(Action::Help), "help");
        }
    }
    Some(out)
}

/// What `a` in the question list says, as it opens a new strength and
/// moves focus to the answer: never a silent move.
pub fn adding_from_list(app: &App, qid: &str) -> String {
    let reference = app
        .wb()
        .and_then(|wb| wb.framework.question(qid))
        .map_or(qid.to_string(), |(_, q)| inert(q.display_ref()));
    format!("Adding a strength to {reference}: focus moved to the answer")
}

/// What `n` (or its reverse) says when the next gap it found is back past
/// the start (or the end) of the list, so a jump back is never a surprise.
pub fn wrapped_note(from: usize, to: usize, forward: bool) -> Option<&'static str> {
    match forward {
        true if to <= from => Some("Wrapped round to the top: no gap below"),
        false if to >= from => Some("Wrapped round to the bottom: no gap above"),
        _ => None,
    }
}

/// The narrowest list (inside its frame) that shows the questions' own
/// text after their references: narrower, each row is as it was.
const SHORT_TEXT_LIST: usize = 36;

/// The fewest columns of a question's text worth showing on a row (three
/// characters and the ellipsis).
const SHORT_TEXT_MIN: usize = 4;

/// A question's row in the list: its status mark and reference, its marks
/// (sign-off, open comments), its rating, and then as much of the
/// question's text as fits, cut with an ellipsis, in a list at least
/// [`SHORT_TEXT_LIST`] wide. A rating after a mark is set apart from it
/// (`✉2 · 3`), so a count never runs into the rating's digit.
fn with_short_text(head: &str, marks: &str, rating: &str, text: &str, w: usize) -> String {
    let rating = match (marks.is_empty(), rating.is_empty()) {
        (false, false) => format!(" · {rating}"),
        (true, false) => format!(" {rating}"),
        (_, true) => String::new(),
    };
    let row = format!("{head}{marks}{rating}");
    let sep = if rating.is_empty() { " " } else { "  " };
    let room = w.saturating_sub(width(&row) + width(sep));
    if w < SHORT_TEXT_LIST || room < SHORT_TEXT_MIN {
        return row;
    }
    format!(
        "{row}{sep}{}",
        truncate(&inert(&text.replace('\n', " ")), room)
    )
}

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
    let th = app.theme;
    let Some(wb) = app.wb() else { return };
    let (left, right) = layout::questions(area);
    let r = app.report();
    let progress = match &app.reviewer {
        Some(name) => format!(
            " Reviewed {}/{} ",
            wb.reviewer(name).map_or(0, |r| r.reviewed()),
            wb.framework.question_count()
        ),
        None => r
            .map(|r| format!(" Questions {}/{} ", r.overall.answered, r.overall.total))
            .unwrap_or_default(),
    };
    let progress = app.sorted_title(app.filter_title().unwrap_or(progress));
    let block = boxed(progress, app.q.pane == Pane::List, th);
    let inner = block.inner(left);
    f.render_widget(block, left);
    let height = inner.height as usize;
    // The list as the filter and the order leave it (made once per change
    // of either): headings, and each question's row with its flat index.
    let tree = app.list_entries();
    let sel_row = tree
        .iter()
        .position(|e| matches!(e, question_sort::Entry::Question(_, i) if *i == app.q.sel))
        .unwrap_or(0);
    let offset = layout::scroll(app.frame.offset(List::Tree, 0), sel_row, height, tree.len());
    out.set_offset(List::Tree, 0, offset);
    out.hit(right, Hit::Form);
    let w = inner.width as usize;
    let mut lines = Vec::with_capacity(height);
    for (y, entry) in (inner.y..).zip(tree.iter().skip(offset).take(height)) {
        let (row, flat) = match entry {
            question_sort::Entry::Heading(h) => {
                lines.push(Line::from(Span::styled(cut(h, w), th.title())));
                continue;
            }
            question_sort::Entry::Question(row, i) => (*row, Some(*i)),
        };
        if let Some(i) = flat {
            out.hit(Rect::new(inner.x, y, inner.width, 1), Hit::Question(i));
        }
        match row {
            Row::Domain(d) => lines.push(Line::from(Span::styled(
                cut(&wb.framework.domains[d].title, w),
                th.title(),
            ))),
            Row::Question(d, q) => {
                let question = &wb.framework.domains[d].questions[q];
                let a = wb.answer(&question.id);
                let (status, rating) = match &app.reviewer {
                    // Reviewer mode: the reviewer's own progress and rating.
                    Some(name) => match wb.reviewer(name).and_then(|r| r.answer(&question.id)) {
                        Some(ra) => (Status::Draft, ra.rating),
                        None => (Status::NotStarted, Rating::None),
                    },
                    None => (
                        a.map(|a| a.status).unwrap_or_default(),
                        a.map(|a| a.rating).unwrap_or_default(),
                    ),
                };
                let rtext = if wb.framework.scale.is_some() {
                    match rating {
                        Rating::None => "–".to_string(),
                        r => rating_text(wb, r),
                    }
                } else {
                    String::new()
                };
                let head = format!(" {} {}", status_mark(status), inert(question.display_ref()));
                let marks = format!(
                    "{}{}",
                    super::signoff::list_mark(a),
                    super::comment_marks::list_mark(a)
                );
                let row = with_short_text(&head, &marks, &rtext, &question.text, w);
                let text = truncate(&row, w);
                let selected = flat == Some(app.q.sel);
                let style = if selected {
                    th.selected()
                } else {
                    th.hint(rating_colour(wb, rating))
                };
                lines.push(Line::from(Span::styled(pad(&text, w), style)));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), inner);

    // The question and our answer.
    let Some(qid) = app.current_question() else {
        return;
    };
    let Some((domain, question)) = wb.framework.question(&qid) else {
        return;
    };
    let block = boxed(
        format!(
            " {} · {} ",
            inert(question.display_ref()),
            inert(&domain.title)
        ),
        app.q.pane == Pane::Form,
        th,
    );
    let inner = block.inner(right);
    f.render_widget(block, right);
    let w = inner.width.max(1) as usize;
    // No one field is drawn longer than the pane: what is drawn costs the
    // rows on screen, however long the text.
    let max = (inner.height as usize).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for l in wrapped(&question.text, w, max) {
        lines.push(Line::from(Span::styled(l, th.title())));
    }
    if let Some(g) = &question.guidance {
        lines.extend(
            wrapped(g, w, max)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, th.dim()))),
        );
    }
    let bullets = |lines: &mut Vec<Line>, head: &str, items: &[String]| {
        if items.is_empty() {
            return;
        }
        lines.push(Line::from(Span::styled(head.to_string(), th.accent())));
        for it in items.iter().take(max) {
            for (k, l) in wrapped(it, w.saturating_sub(2), max)
                .into_iter()
                .enumerate()
            {
                let lead = if k == 0 { "• " } else { "  " };
                lines.push(Line::from(format!("{lead}{l}")));
            }
        }
    };
    let no_answer = crate::workbook::Answer::default();
    let a = wb.answer(&qid).unwrap_or(&no_answer);
    if let Some(name) = &app.reviewer {
        // The council's answer, to read beside your own.
        lines.push(Line::from(Span::styled(
            rule("─ The council's self-assessment ", w),
            th.dim(),
        )));
        let mut council = Vec::new();
        if wb.framework.scale.is_some() {
            council.push(format!("Rating: {}", rating_text(wb, a.rating)));
        }
        council.push(format!("Status: {}", a.status.label()));
        council.extend(comments::pane_line(app, a).map(|(l, _)| l));
        for l in council {
            lines.push(Line::from(Span::styled(l, th.dim())));
        }
        if a.narrative.trim().is_empty() {
            lines.push(Line::from(Span::styled("(no narrative)", th.dim())));
        } else {
            lines.extend(
                wrapped(&a.narrative, w, max)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, th.dim()))),
            );
        }
        for s in &a.strengths {
            lines.push(Line::from(Span::styled(
                format!("+ {}", cut(s, w.saturating_sub(2))),
                th.dim(),
            )));
        }
        for s in &a.areas {
            lines.push(Line::from(Span::styled(
                format!("− {}", cut(s, w.saturating_sub(2))),
                th.dim(),
            )));
        }
        lines.push(Line::from(Span::styled(
            rule(&format!("─ Your review ({}) ", inert(name)), w),
            th.accent(),
        )));
    } else {
        lines.push(Line::from(Span::styled(rule("─ Our answer ", w), th.dim())));
        // The thread, when there is one: open comments stand out.
        if let Some((l, open)) = comments::pane_line(app, a) {
            let style = if open { th.accent() } else { th.dim() };
            lines.push(Line::from(Span::styled(truncate(&l, w), style)));
        }
    }
    let ra = app
        .reviewer
        .as_ref()
        .and_then(|n| wb.reviewer(n))
        .and_then(|r| r.answer(&qid))
        .cloned()
        .unwrap_or_default();
    let slots = app.slots();
    // The rows of the selected slot, first and one past the last.
    let mut sel_lines = None;
    let focused = app.q.pane == Pane::Form;
    for (i, slot) in slots.iter().enumerate() {
        let selected = focused && i == app.q.slot;
        let text: Vec<String> = match slot {
            Slot::Rating => vec![format!("Rating: {}", rating_text(wb, a.rating))],
            Slot::Status => vec![format!(
                "Status: {} {}{}",
                status_mark(a.status),
                a.status.label(),
                match super::signoff::status_note(a) {
                    n if n.is_empty() => n,
                    n => format!(" · {}", inert(&n)),
                }
            )],
            Slot::Owner => vec![format!(
                "Owner: {}",
                a.owner.as_deref().map(inert).unwrap_or_else(|| "–".into())
            )],
            Slot::Narrative => text_block(
                &super::word_count::narrative_heading(
                    app.q
                        .narrative_words(app.draw_ctx().revision, &qid, &a.narrative),
                    wb.review.word_limit,
                ),
                &a.narrative,
                w,
                max,
            ),
            Slot::Strength(k) => item_lines(k, "Strength", &a.strengths[*k], w, max),
            Slot::AddStrength => vec!["+ add a strength".into()],
            Slot::Area(k) => item_lines(k, "Area for development", &a.areas[*k], w, max),
            Slot::AddArea => vec!["+ add an area for development".into()],
            Slot::Evidence(k) => {
                let id = &a.evidence[*k];
                let title = app
                    .evidence_item(id)
                    .zip(
                        app.evidence_position(id)
                            .map(crate::workbook::evidence_label),
                    )
                    .map(|(e, label)| format!("{label} [{}] {}", e.kind.label(), cut(&e.title, w)))
                    .unwrap_or_else(|| cut(id, w));
                vec![truncate(&format!("Evidence: {title}"), w)]
            }
            Slot::LinkEvidence => vec!["+ link evidence from the library".into()],
            Slot::ReviewRating => vec![format!("Your rating: {}", rating_text(wb, ra.rating))],
            Slot::ReviewNotes => text_block("Your notes:", &ra.notes, w, max),
            Slot::ReviewStrength(k) => item_lines(k, "Strength", &ra.strengths[*k], w, max),
            Slot::AddReviewStrength => vec!["+ add a strength".into()],
            Slot::ReviewArea(k) => item_lines(k, "Area", &ra.areas[*k], w, max),
            Slot::AddReviewArea => vec!["+ add an area for consideration".into()],
            Slot::ReviewSource(k) => {
                let s = &ra.sources[*k];
                let mut v = vec![truncate(
                    &format!("[{}] {}", s.kind.as_str(), cut(&s.text, w)),
                    w,
                )];
                if let Some(id) = &s.programme {
                    let from = crate::tui::popups::programme::source_from(wb, id);
                    v.push(truncate(&format!("  {}", inert(&from)), w));
                }
                v
            }
            Slot::AddReviewSource => vec!["+ add a source (read, heard or seen)".into()],
        };
        if selected {
            sel_lines = Some((lines.len(), lines.len() + text.len()));
        }
        for t in text {
            let style = if selected {
                th.selected()
            } else {
                Style::default()
            };
            lines.push(Line::from(Span::styled(t, style)));
        }
    }
    if let Some(c) = &a.changed {
        lines.push(Line::from(Span::styled(
            format!(
                "Last changed {} by {}",
                c.at.format("%Y-%m-%d %H:%M"),
                inert(&c.by)
            ),
            th.dim(),
        )));
    }
    let prompts_row = lines.len();
    lines.push(Line::from(Span::styled(
        rule("─ To consider ", w),
        th.dim(),
    )));
    bullets(&mut lines, "Prompts", &question.prompts);
    bullets(&mut lines, "Suggested evidence", &question.evidence);
    let height = inner.height as usize;
    let offset = match sel_lines {
        // As much of the selected slot as fits, from its first row.
        Some((first, end)) => layout::scroll(
            app.frame.offset(List::Detail, app.q.detail_view),
            end.saturating_sub(1).max(first),
            height,
            lines.len(),
        )
        .min(first),
        None => app
            .frame
            .offset(List::Detail, app.q.detail_view)
            .min(lines.len().saturating_sub(height)),
    };
    // Scrolled by the user (`]`, `[`, `p`): from there, for this question
    // and line.
    let offset = app.q.scroll.detail_offset(
        app.q.detail_view,
        app.q.slot,
        prompts_row,
        offset,
        lines.len().saturating_sub(height),
    );
    out.set_offset(List::Detail, app.q.detail_view, offset);
    out.set_offset(
        List::DetailEnd,
        app.q.detail_view,
        lines.len().saturating_sub(height),
    );
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// At most `max` lines of the text wrapped at `w` columns; when there is
/// more, the last of them says so. Only the lines kept are wrapped.
fn wrapped(text: &str, w: usize, max: usize) -> Vec<String> {
    let mut v: Vec<String> = wrap_lines(text, w).take(max + 1).collect();
    if v.len() > max {
        v.truncate(max.saturating_sub(1));
        v.push(MORE.into());
    }
    v
}

/// The last line of a text cut short in a pane.
const MORE: &str = "… (Enter to see it all)";

/// A heading line, then the text wrapped and indented under it.
fn text_block(head: &str, text: &str, w: usize, max: usize) -> Vec<String> {
    let mut v = vec![head.to_string()];
    if text.trim().is_empty() {
        v.push("  (none yet: press e to write)".into());
    } else {
        v.extend(
            wrapped(text, w.saturating_sub(2), max)
                .into_iter()
                .map(|l| format!("  {l}")),
        );
    }
    v
}

/// A numbered strength or area: `+ 1. text`, the rows below indented to
/// line up with the text, none wider than `w` columns.
fn item_lines(k: &usize, what: &str, text: &str, w: usize, max: usize) -> Vec<String> {
    let mark = if what.starts_with("Strength") {
        "+"
    } else {
        "−"
    };
    let head = format!("{mark} {}. ", k + 1);
    let indent = " ".repeat(width(&head));
    let mut v = Vec::new();
    for (i, l) in wrapped(text, w.saturating_sub(width(&head)), max)
        .into_iter()
        .enumerate()
    {
        v.push(format!("{}{l}", if i == 0 { &head } else { &indent }));
    }
    if v.is_empty() {
        v.push(format!("{}.", k + 1));
    }
    v
}
