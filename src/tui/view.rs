//! Drawing. Views read the state and draw it; they change nothing but the
//! scroll positions that keep a selection on screen.
//!
//! (Far over 600 lines: issue 12 splits the drawing by screen and pop-up.)

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Pane, Popup, Row, Screen, Slot};
use super::edit::{CASE_FIELDS, METRIC_FIELDS, Target, case_label, ev_label, fmt_number};
use super::keys::{Action, Context};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::store::session::{ReadOnly, SaveState};
use crate::text::{cut, inert, pad, tail, truncate, width, wrap_lines};
use crate::workbook::{Rating, Status, Workbook};

/// Styles, with colour only where the user has not asked for none.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }
    /// A colour hint for a scale colour name; the text is always there too.
    fn hint(&self, name: Option<&str>) -> Style {
        let c = match name {
            Some("red") => Color::Red,
            Some("amber") => Color::Rgb(255, 165, 0),
            Some("yellow") => Color::Yellow,
            Some("green") => Color::Green,
            Some("blue") => Color::Blue,
            Some("grey") => Color::Gray,
            _ => return Style::default(),
        };
        self.fg(c)
    }
}

/// The mark beside a question in the tree: a different shape per status,
/// so it reads without colour.
pub fn status_mark(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "·",
        Status::Draft => "✎",
        Status::ReadyForReview => "◆",
        Status::Agreed => "✔",
    }
}

/// A rating as text: "3 Good standard", "N/A", or "not rated".
pub fn rating_text(wb: &Workbook, r: Rating) -> String {
    match r {
        Rating::None => "not rated".into(),
        Rating::NotApplicable => "N/A".into(),
        Rating::Level(n) => match wb.framework.scale.as_ref().and_then(|s| s.level(n)) {
            Some(l) => format!("{n} {}", inert(&l.label)),
            None => n.to_string(),
        },
    }
}

fn rating_colour(wb: &Workbook, r: Rating) -> Option<&str> {
    match r {
        Rating::Level(n) => wb
            .framework
            .scale
            .as_ref()
            .and_then(|s| s.level(n))
            .and_then(|l| l.colour.as_deref()),
        _ => None,
    }
}

pub fn draw(f: &mut Frame, app: &App) {
    // For the crash test only (debug builds): a view that panics.
    if cfg!(debug_assertions)
        && app.screen == Screen::Dashboard
        && std::env::var_os("PEERBOOK_TEST_PANIC_IN_VIEW").is_some()
    {
        panic!("forced panic in the dashboard view (PEERBOOK_TEST_PANIC_IN_VIEW)");
    }
    let area = f.area();
    app.size.set(area);
    let th = app.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small: {}×{}. peerbook needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Make the window bigger.",
            area.width, area.height
        );
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let l = layout::main(area);
    draw_tabs(f, app, l.tabs);
    match app.screen {
        Screen::Start => draw_start(f, app, l.body),
        Screen::Questions => draw_questions(f, app, l.body),
        Screen::Evidence => draw_evidence(f, app, l.body),
        Screen::Dashboard => draw_dashboard(f, app, l.body),
        Screen::Details => draw_details(f, app, l.body),
        Screen::Metrics => draw_metrics(f, app, l.body),
        Screen::ProudOf => draw_proud(f, app, l.body),
        Screen::Activity => draw_activity(f, app, l.body),
        Screen::Peer => draw_peer(f, app, l.body),
        Screen::Findings => draw_findings(f, app, l.body),
    }
    draw_status(f, app, l.status);
    let typing: Option<Vec<(String, String)>> = match &app.popup {
        Some(Popup::Editor(ed)) => Some(editor_hints(ed)),
        Some(Popup::Search(_)) => Some(vec![
            ("type".into(), "to search".into()),
            ("↑↓".into(), "choose".into()),
            ("Enter".into(), "go there".into()),
            ("Esc".into(), "close".into()),
        ]),
        Some(Popup::Filter(_)) => Some(vec![("Enter".into(), "done".into())]),
        Some(Popup::SavePath(_)) => Some(vec![
            ("Enter".into(), "save".into()),
            ("Esc".into(), "cancel".into()),
        ]),
        Some(Popup::New(_)) => Some(vec![
            ("Tab".into(), "next field".into()),
            ("Enter".into(), "create".into()),
            ("Esc".into(), "cancel".into()),
        ]),
        _ => None,
    };
    let hints: Vec<Span> = typing
        .unwrap_or_else(|| app.keymap.footer(app.context()))
        .into_iter()
        .filter(|(_, d)| app.doc.is_some() || d != "search")
        // Reviewer mode: the council's status is not theirs to set, and
        // e writes their own notes.
        .filter(|(_, d)| app.reviewer.is_none() || d != "status")
        .map(|(k, d)| match (app.reviewer.is_some(), d.as_str()) {
            (true, "narrative") => (k, "your notes".to_string()),
            _ => (k, d),
        })
        .map(|(k, d)| (digit_range(app, k), d))
        .flat_map(|(k, d)| {
            [
                Span::styled(format!(" {k}"), th.title()),
                Span::raw(format!(" {d} ")),
            ]
        })
        .collect();
    f.render_widget(Paragraph::new(Line::from(hints)).style(th.dim()), l.footer);
    if let Some(p) = &app.popup {
        draw_popup(f, app, p, area);
    }
}

/// What the keys do while a field is being typed in.
fn editor_hints(ed: &super::edit::Editor) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = match ed.target.kind() {
        super::edit::Kind::Multi => vec![
            ("Esc".into(), "done".into()),
            ("Enter".into(), "new line".into()),
        ],
        super::edit::Kind::Text => vec![("Enter/Esc".into(), "done".into())],
        _ => vec![
            ("Enter".into(), "set".into()),
            ("Esc".into(), "cancel".into()),
        ],
    };
    v.push(("Ctrl-z".into(), "undo".into()));
    v.push(("Ctrl-y".into(), "redo".into()));
    v.push(("Ctrl-s".into(), "save".into()));
    v
}

/// "1-9" as the keys that rate on this framework's scale ("1-4").
fn digit_range(app: &App, keys: String) -> String {
    if keys != "1-9" {
        return keys;
    }
    let values: Vec<i64> = app
        .wb()
        .and_then(|w| w.framework.scale.as_ref())
        .map(|s| {
            s.levels
                .iter()
                .map(|l| l.value)
                .filter(|v| (1..=9).contains(v))
                .collect()
        })
        .unwrap_or_default();
    match (values.iter().min(), values.iter().max()) {
        (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
        _ => keys,
    }
}

fn draw_tabs(f: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let mut spans = Vec::new();
    if app.doc.is_some() {
        for s in app.tabs() {
            let style = if s == app.screen {
                th.selected()
            } else {
                Style::default()
            };
            spans.push(Span::styled(layout::tab_label(s), style));
            spans.push(Span::styled("│", th.dim()));
        }
    } else {
        spans.push(Span::styled(" peerbook ", th.title()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(f: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let w = area.width as usize;
    let right = match &app.doc {
        // The banner on the left says it all.
        Some(d) if d.is_read_only() => String::new(),
        Some(d) if d.is_changed_on_disk() => format!(
            "{} · {} to choose",
            d.state.label(),
            app.keymap.keys_for(Context::Global, Action::Save)
        ),
        Some(d) => d.status_label(std::time::Instant::now()),
        None => String::new(),
    };
    let right_style = match app.doc.as_ref().map(|d| &d.state) {
        Some(s) if s.is_problem() => th.error(),
        _ => th.dim(),
    };
    let read_only = match app.doc.as_ref().map(|d| &d.state) {
        Some(SaveState::ReadOnly(why)) => Some(why.clone()),
        _ => None,
    };
    let (left, style) = match (&app.message, app.wb(), app.report()) {
        (Some((m, err)), _, _) => (inert(m), if *err { th.error() } else { th.accent() }),
        (None, Some(_), _) if read_only.is_some() => {
            // Held by another peerbook (the holder is given), or read-only
            // for a reason of its own (its permissions, its folder's, the disk).
            let banner = match &read_only {
                Some(ReadOnly::NotWritable(reason)) => {
                    format!("READ-ONLY because {}", inert(&reason.to_string()))
                }
                Some(ReadOnly::HeldBy(holder)) => {
                    format!("READ-ONLY, open in another peerbook: {}", inert(holder))
                }
                None => String::new(),
            };
            (banner, th.error())
        }
        (None, Some(wb), Some(_)) if app.reviewer.is_some() => {
            let name = app.reviewer.as_deref().unwrap_or("");
            let mine = wb.reviewer(name).map_or(0, |r| r.answers.len());
            (
                format!(
                    "Reviewing as {} · {} of {} questions reviewed · {}",
                    inert(name),
                    mine,
                    wb.framework.question_count(),
                    inert(&wb.review.council)
                ),
                th.accent(),
            )
        }
        (None, Some(wb), Some(r)) => (
            format!(
                "{}/{} answered · {} rated · {} — {}",
                r.overall.answered,
                r.overall.total,
                r.overall.rated,
                inert(&wb.review.council),
                inert(&wb.review.title),
            ),
            Style::default(),
        ),
        _ => (String::new(), Style::default()),
    };
    let room = w.saturating_sub(width(&right) + 1);
    let left = truncate(&left, room);
    let pad = room.saturating_sub(width(&left));
    let line = Line::from(vec![
        Span::styled(left, style),
        Span::raw(" ".repeat(pad + 1)),
        Span::styled(truncate(&right, w), right_style),
    ]);
    f.render_widget(Paragraph::new(line), area);
}

fn boxed<'a>(title: String, focused: bool, th: Theme) -> Block<'a> {
    let b = Block::default().borders(Borders::ALL).title(title);
    if focused {
        b.border_style(th.accent().add_modifier(Modifier::BOLD))
    } else {
        b.border_style(th.dim())
    }
}

fn draw_start(f: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let block = boxed(
        format!(" Workbooks in {} ", app.workbooks_dir.display()),
        true,
        th,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines = vec![
        Line::from(Span::styled(
            "Rate and evidence each question before the peer review.",
            th.dim(),
        )),
        Line::from(""),
    ];
    let w = inner.width as usize;
    let new = "+ New workbook from a framework";
    lines.push(Line::from(Span::styled(
        pad(new, w),
        if app.start.sel == 0 {
            th.selected()
        } else {
            th.title()
        },
    )));
    let height = inner.height.saturating_sub(3) as usize;
    for (i, b) in app.start.books.iter().enumerate().take(height) {
        let text = match &b.error {
            Some(e) => format!("  {}  does not open: {}", inert(&b.council), inert(e)),
            None => format!(
                "  {} — {}  ·  {}  ·  {}/{} answered  ·  changed {}",
                inert(&b.council),
                inert(&b.title),
                b.framework,
                b.answered,
                b.total,
                b.changed
            ),
        };
        let style = if app.start.sel == i + 1 {
            th.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
    }
    if app.start.books.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(
            "No workbooks yet. Press Enter to make your first one: choose a framework, then type the council and the review title.",
        ));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "Already have a workbook file? Quit and run: peerbook open PATH",
            th.dim(),
        )));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Word-wraps text into lines of at most `width` columns, made inert
/// ([`wrap_lines`], which makes only the lines taken).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_lines(text, width).collect()
}

/// A rule across the pane: the text, then `─` to `w` columns.
fn rule(text: &str, w: usize) -> String {
    let mut out = truncate(text, w);
    let n = w.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n('─', n));
    out
}

fn draw_questions(f: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let Some(wb) = app.wb() else { return };
    let (left, right) = layout::questions(area);
    let r = app.report();
    let progress = match &app.reviewer {
        Some(name) => format!(
            " Reviewed {}/{} ",
            wb.reviewer(name).map_or(0, |r| r.answers.len()),
            wb.framework.question_count()
        ),
        None => r
            .map(|r| format!(" Questions {}/{} ", r.overall.answered, r.overall.total))
            .unwrap_or_default(),
    };
    let block = boxed(progress, app.q.pane == Pane::List, th);
    let inner = block.inner(left);
    f.render_widget(block, left);
    let height = inner.height as usize;
    let sel_row = app.q.question_rows.get(app.q.sel).copied().unwrap_or(0);
    let offset = layout::scroll(app.q.tree_offset.get(), sel_row, height, app.q.rows.len());
    app.q.tree_offset.set(offset);
    let w = inner.width as usize;
    let mut lines = Vec::with_capacity(height);
    for row in app.q.rows.iter().skip(offset).take(height) {
        match *row {
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
                let head = format!(
                    " {} {} ",
                    status_mark(status),
                    inert(question.display_ref())
                );
                let text = truncate(&format!("{head}{rtext}"), w);
                let selected = app.q.question_rows.get(app.q.sel) == Some(&(lines.len() + offset));
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
                "Status: {} {}",
                status_mark(a.status),
                a.status.label()
            )],
            Slot::Owner => vec![format!(
                "Owner: {}",
                a.owner.as_deref().map(inert).unwrap_or_else(|| "–".into())
            )],
            Slot::Narrative => text_block("Narrative (where we are):", &a.narrative, w, max),
            Slot::Strength(k) => item_lines(k, "Strength", &a.strengths[*k], w, max),
            Slot::AddStrength => vec!["+ add a strength".into()],
            Slot::Area(k) => item_lines(k, "Area for development", &a.areas[*k], w, max),
            Slot::AddArea => vec!["+ add an area for development".into()],
            Slot::Evidence(k) => {
                let id = &a.evidence[*k];
                let title = app
                    .evidence_item(id)
                    .map(|e| format!("{} [{}] {}", cut(id, w), e.kind.label(), cut(&e.title, w)))
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
                vec![truncate(
                    &format!("[{}] {}", s.kind.as_str(), cut(&s.text, w)),
                    w,
                )]
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
            app.q.detail_offset.get(),
            end.saturating_sub(1).max(first),
            height,
            lines.len(),
        )
        .min(first),
        None => app
            .q
            .detail_offset
            .get()
            .min(lines.len().saturating_sub(height)),
    };
    app.q.detail_offset.set(offset);
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

/// What a list shows: its title, whether it has the focus, its length,
/// the selection and the scroll position it keeps.
struct ListSpec<'a> {
    title: String,
    focused: bool,
    len: usize,
    sel: usize,
    offset: &'a std::cell::Cell<usize>,
}

/// A list on the left, drawn virtually: only the rows on screen.
fn draw_list(f: &mut Frame, app: &App, area: Rect, spec: ListSpec, row: impl Fn(usize) -> String) {
    let ListSpec {
        title,
        focused,
        len,
        sel,
        offset,
    } = spec;
    let th = app.theme;
    let block = boxed(title, focused, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let h = inner.height as usize;
    let o = layout::scroll(offset.get(), sel, h, len);
    offset.set(o);
    let w = inner.width as usize;
    let lines: Vec<Line> = (o..len.min(o + h))
        .map(|i| {
            let t = pad(&cut(&row(i), w), w);
            let style = if i == sel {
                th.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(t, style))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// What a form shows: `label: value` rows with one selected, and notes
/// below them.
struct FormSpec<'a> {
    title: String,
    focused: bool,
    rows: &'a [(String, String)],
    sel: usize,
    extra: Vec<String>,
}

/// A form on the right.
fn draw_form(f: &mut Frame, app: &App, area: Rect, spec: FormSpec) {
    let FormSpec {
        title,
        focused,
        rows,
        sel,
        extra,
    } = spec;
    let th = app.theme;
    let block = boxed(title, focused, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width.max(1) as usize;
    let mut lines = Vec::new();
    let mut sel_lines = (0, 0);
    for (i, (label, value)) in rows.iter().enumerate() {
        let style = if focused && i == sel {
            th.selected()
        } else {
            Style::default()
        };
        let value = if value.is_empty() {
            "–"
        } else {
            value.as_str()
        };
        // The label and the first line of the value share a line; the
        // rest of the value wraps below, indented.
        let first_para = value.split('\n').next().unwrap_or("");
        let head = if label.is_empty() {
            String::new()
        } else {
            format!("{label}: ")
        };
        // Five rows at most, and one more to know there are more: only
        // those are wrapped, however long the value.
        let rest_paras = value
            .split('\n')
            .skip(1)
            .flat_map(|p| wrap_lines(p, w.saturating_sub(2)))
            .map(|l| format!("  {l}"));
        let wrapped: Vec<String> = wrap_lines(&format!("{head}{}", cut(first_para, 6 * w)), w)
            .chain(rest_paras)
            .take(6)
            .collect();
        let total = wrapped.len();
        if focused && i == sel {
            sel_lines = (lines.len(), lines.len() + total.min(5));
        }
        let label_head = format!("{label}:");
        for (k, l) in wrapped.into_iter().take(5).enumerate() {
            match l.strip_prefix(&label_head) {
                Some(rest) if k == 0 && !label.is_empty() && !rest.is_empty() => {
                    lines.push(Line::from(vec![
                        Span::styled(label_head.clone(), th.accent().patch(style)),
                        Span::styled(rest.to_string(), style),
                    ]));
                }
                _ => lines.push(Line::from(Span::styled(l, style))),
            }
        }
        if total > 5 {
            lines.push(Line::from(Span::styled(
                "  … (Enter to see it all)",
                th.dim(),
            )));
        }
    }
    for e in extra {
        for l in wrap(&e, w) {
            lines.push(Line::from(Span::styled(l, th.dim())));
        }
    }
    // Keep the selected row in view.
    let h = inner.height as usize;
    let skip = sel_lines.1.saturating_sub(h).min(sel_lines.0);
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

fn draw_evidence(f: &mut Frame, app: &App, area: Rect) {
    let Some(wb) = app.wb() else { return };
    let shown = app.evidence_shown();
    let (left, right) = layout::questions(area);
    let filter = format!(
        " Evidence {} of {}{}{} ",
        shown.len(),
        wb.evidence.len(),
        app.ev
            .kind
            .map(|k| format!(" · {}", k.label()))
            .unwrap_or_default(),
        if app.ev.query.is_empty() {
            String::new()
        } else {
            format!(" · \"{}\"", app.ev.query)
        }
    );
    let sel = app.ev.list.sel.min(shown.len().saturating_sub(1));
    draw_list(
        f,
        app,
        left,
        ListSpec {
            title: filter,
            focused: app.ev.list.pane == Pane::List,
            len: shown.len(),
            sel,
            offset: &app.ev.list.offset,
        },
        |i| {
            let e = &wb.evidence[shown[i]];
            format!("{} [{}] {}", e.id, e.kind.label(), e.title)
        },
    );
    let Some(&idx) = shown.get(sel) else {
        let msg = if wb.evidence.is_empty() {
            "The evidence library is empty. Press a to add an item: a document, data with a comparator, a case file audit or feedback."
        } else {
            "Nothing matches the filter. Press f to choose a kind, / to change the text."
        };
        return draw_note(f, app, right, "", msg);
    };
    let e = &wb.evidence[idx];
    let rows: Vec<(String, String)> = app
        .evidence_fields(idx)
        .iter()
        .map(|f| match f {
            None => ("Kind".to_string(), e.kind.label().to_string()),
            Some(field) => (
                ev_label(*field).to_string(),
                // draw_form makes inert what it draws.
                Target::Evidence(idx, *field).read(wb),
            ),
        })
        .collect();
    let cited = wb.citing_refs(&e.id);
    let mut extra = vec![if cited.is_empty() {
        "Cited by no question yet: press l to link it to the current question.".into()
    } else {
        format!("Cited by: {}", cited.join(", "))
    }];
    if let (Some(v), Some(c)) = (e.value, e.comparator_value) {
        extra.push(format!(
            "{} against {} ({})",
            fmt_number(v),
            fmt_number(c),
            e.comparator.as_deref().unwrap_or("comparator")
        ));
    }
    draw_form(
        f,
        app,
        right,
        FormSpec {
            title: format!(" {} ", e.id),
            focused: app.ev.list.pane == Pane::Form,
            rows: &rows,
            sel: app.ev.list.field,
            extra,
        },
    );
}

fn draw_details(f: &mut Frame, app: &App, area: Rect) {
    let Some(wb) = app.wb() else { return };
    let targets = app.detail_targets();
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
            Some(t) => (t.label().to_string(), t.read(wb)),
            None if i == 4 + focus_n => (String::new(), "+ add a focus question".into()),
            None => (String::new(), "+ add a team member".into()),
        })
        .collect();
    draw_form(
        f,
        app,
        area,
        FormSpec {
            title: " Review details ".into(),
            focused: true,
            rows: &rows,
            sel: app.details.sel,
            extra: vec![format!(
                "Framework: {} ({})",
                inert(&wb.framework.title),
                wb.framework.key()
            )],
        },
    );
}

fn draw_metrics(f: &mut Frame, app: &App, area: Rect) {
    let Some(wb) = app.wb() else { return };
    let metrics = &wb.framework.metrics;
    if metrics.is_empty() {
        let text = format!(
            "{} suggests no performance measures. Data with comparators can still go in the evidence library (E) as items of kind Data.",
            inert(&wb.framework.title)
        );
        return draw_note(f, app, area, " Metrics ", &text);
    }
    let (left, right) = layout::questions(area);
    draw_list(
        f,
        app,
        left,
        ListSpec {
            title: format!(" Metrics ({}) ", metrics.len()),
            focused: app.metrics.pane == Pane::List,
            len: metrics.len(),
            sel: app.metrics.sel,
            offset: &app.metrics.offset,
        },
        |i| {
            let m = &metrics[i];
            let v = wb
                .metrics
                .iter()
                .find(|v| v.metric == m.id)
                .and_then(|v| v.value)
                .map(fmt_number)
                .unwrap_or_else(|| "–".into());
            format!("{v:>6}  {}", m.name)
        },
    );
    let Some(m) = metrics.get(app.metrics.sel) else {
        return;
    };
    let rows: Vec<(String, String)> = METRIC_FIELDS
        .iter()
        .map(|fl| {
            let t = Target::Metric(m.id.clone(), *fl);
            (t.label().to_string(), t.read(wb))
        })
        .collect();
    let mut extra = vec![inert(&m.name)];
    if let Some(u) = &m.unit {
        extra.push(format!("Unit: {}", inert(u)));
    }
    if let Some(b) = m.better {
        extra.push(format!(
            "Better: {}",
            match b {
                crate::framework::Better::Higher => "higher",
                crate::framework::Better::Lower => "lower",
            }
        ));
    }
    if let Some(g) = &m.group {
        extra.push(format!("Group: {}", inert(g)));
    }
    draw_form(
        f,
        app,
        right,
        FormSpec {
            title: format!(" {} ", inert(&m.id)),
            focused: app.metrics.pane == Pane::Form,
            rows: &rows,
            sel: app.metrics.field,
            extra,
        },
    );
}

fn draw_proud(f: &mut Frame, app: &App, area: Rect) {
    let Some(wb) = app.wb() else { return };
    if wb.proud_of.is_empty() {
        return draw_note(
            f,
            app,
            area,
            " What we're proud of ",
            "No case studies yet. Press a to add one: what was done, its impact, the barriers, the conditions for success and a contact.",
        );
    }
    let (left, right) = layout::questions(area);
    draw_list(
        f,
        app,
        left,
        ListSpec {
            title: format!(" What we're proud of ({}) ", wb.proud_of.len()),
            focused: app.proud.pane == Pane::List,
            len: wb.proud_of.len(),
            sel: app.proud.sel,
            offset: &app.proud.offset,
        },
        |i| wb.proud_of[i].title.clone(),
    );
    let sel = app.proud.sel.min(wb.proud_of.len() - 1);
    let rows: Vec<(String, String)> = CASE_FIELDS
        .iter()
        .map(|fl| (case_label(*fl).to_string(), Target::Case(sel, *fl).read(wb)))
        .collect();
    draw_form(
        f,
        app,
        right,
        FormSpec {
            title: " Case study ".into(),
            focused: app.proud.pane == Pane::Form,
            rows: &rows,
            sel: app.proud.field,
            extra: Vec::new(),
        },
    );
}

fn short_rating(r: Rating) -> String {
    match r {
        Rating::Level(n) => n.to_string(),
        Rating::NotApplicable => "N/A".into(),
        Rating::None => "–".into(),
    }
}

fn draw_peer(f: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let Some(wb) = app.wb() else { return };
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
    let title = format!(
        " Peer review: {} reviewers · {} documents, {} meetings, {} people, {} hours · {} conflicts ",
        wb.reviewers.len(),
        t.documents,
        t.meetings,
        t.people,
        crate::workbook::fmt_number(t.hours),
        wb.conflicts.len()
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
    let sel = app.peer.sel.min(rows.len().saturating_sub(1));
    let o = layout::scroll(app.peer.offset.get(), sel, h, rows.len());
    app.peer.offset.set(o);
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

    if app.gap_chart {
        return draw_gap_chart(f, app, wb, bottom);
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
fn draw_gap_chart(f: &mut Frame, app: &App, wb: &Workbook, area: Rect) {
    let th = app.theme;
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

fn draw_findings(f: &mut Frame, app: &App, area: Rect) {
    use super::app::FindRow;
    let th = app.theme;
    let Some(wb) = app.wb() else { return };
    let rows = app.finding_rows();
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
    let sel = app.findings.sel.min(rows.len().saturating_sub(1));
    let text_of = |row: &FindRow| -> String {
        match row {
            FindRow::KeyMessage(i) => format!("Key message {}: {}", i + 1, fd.key_messages[*i]),
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
    let o = layout::scroll(app.findings.offset.get(), sel, h, rows.len());
    app.findings.offset.set(o);
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

fn draw_activity(f: &mut Frame, app: &App, area: Rect) {
    let (Some(wb), Some(name)) = (app.wb(), app.reviewer.as_ref()) else {
        return;
    };
    let acts: &[crate::workbook::onsite::Activity] =
        wb.reviewer(name).map_or(&[], |r| r.activities.as_slice());
    if acts.is_empty() {
        return draw_note(
            f,
            app,
            area,
            " Your activity log ",
            "Nothing logged yet. Press a to add an interview, focus group, case file audit, document read or visit: its date, what it was, how many people you met and for how long.",
        );
    }
    let (left, right) = layout::questions(area);
    let t = crate::review::analysis::totals(wb);
    draw_list(
        f,
        app,
        left,
        ListSpec {
            title: format!(" Your activity log ({}) ", acts.len()),
            focused: app.activity.pane == Pane::List,
            len: acts.len(),
            sel: app.activity.sel,
            offset: &app.activity.offset,
        },
        |i| {
            let a = &acts[i];
            let d = a
                .date
                .map(|d| d.format("%d %b").to_string())
                .unwrap_or_default();
            format!("{d} {} {}", a.kind.label(), a.title)
        },
    );
    let sel = app.activity.sel.min(acts.len() - 1);
    let a = &acts[sel];
    let mut rows = vec![("Kind".to_string(), a.kind.label().to_string())];
    rows.extend(super::edit::ACT_FIELDS.iter().map(|fl| {
        (
            super::edit::act_label(*fl).to_string(),
            inert(&Target::Activity(name.clone(), sel, *fl).read(wb)),
        )
    }));
    draw_form(
        f,
        app,
        right,
        FormSpec {
            title: " Activity ".into(),
            focused: app.activity.pane == Pane::Form,
            rows: &rows,
            sel: app.activity.field,
            extra: vec![format!(
                "The whole team so far: {} documents read, {} meetings, {} people met, {} hours.",
                t.documents,
                t.meetings,
                t.people,
                crate::workbook::fmt_number(t.hours)
            )],
        },
    );
}

/// A boxed paragraph, for a screen with nothing to list yet.
fn draw_note(f: &mut Frame, app: &App, area: Rect, title: &str, text: &str) {
    f.render_widget(
        Paragraph::new(text.to_string())
            .wrap(Wrap { trim: true })
            .block(boxed(title.to_string(), true, app.theme)),
        area,
    );
}

fn draw_dashboard(f: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let (Some(wb), Some(r)) = (app.wb(), app.report()) else {
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
    }
    lines.push(Line::from(Span::styled("Overall", th.title())));
    lines.push(Line::from(gauge(&r.overall)));
    if let Some(s) = score_line(&r.overall) {
        lines.push(Line::from(s));
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
    let w = inner.width as usize;
    // The lists below are cut once they hold more text than the box can
    // show; the paragraph wraps only what is kept.
    let room = w * inner.height as usize;
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
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// Items made safe to draw and joined with commas, stopping with "…" once
/// the text is wider than `room` columns (more than a box can show).
fn joined_within<'a>(items: impl Iterator<Item = &'a str>, room: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for (i, item) in items.enumerate() {
        if used > room {
            out.push_str(", …");
            break;
        }
        if i > 0 {
            out.push_str(", ");
            used += 2;
        }
        let item = cut(item, room + 1);
        used += width(&item);
        out.push_str(&item);
    }
    out
}

/// Changes that could not be saved: why, and every way to keep them.
fn draw_unsaved(f: &mut Frame, app: &App, u: &super::saving::UnsavedPrompt, area: Rect) {
    let th = app.theme;
    let Some(doc) = &app.doc else { return };
    let w = area.width.saturating_sub(6).min(76);
    let inner_w = w.saturating_sub(2) as usize;
    let (title, why) = if doc.is_changed_on_disk() {
        (
            "The file was changed on disk",
            format!(
                "{} was changed by another program (a sync, a git pull, another tool) since you opened it. Your changes are kept here and nothing was overwritten.",
                doc.path.display()
            ),
        )
    } else {
        (
            "Your changes are not saved",
            format!(
                "{} could not be saved: {}. Your changes are kept here.",
                doc.path.display(),
                doc.state.label().trim_start_matches("NOT SAVED: ")
            ),
        )
    };
    let mut lines: Vec<Line> = wrap(&inert(&why), inner_w)
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::from(""));
    let choices: Vec<(Action, String, String)> = app
        .unsaved_choices(u)
        .into_iter()
        .map(|a| {
            let what = match a {
                Action::KeepTrying if doc.is_changed_on_disk() => format!(
                    "go back; nothing is written until you choose ({} asks again)",
                    app.keymap.keys_for(Context::Global, Action::Save)
                ),
                a => a.describe(),
            };
            (a, app.keymap.keys_for(Context::Unsaved, a), what)
        })
        .collect();
    let kw = choices
        .iter()
        .map(|(_, k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (a, keys, what) in &choices {
        let style = if u.armed == Some(*a) {
            th.error()
        } else {
            th.title()
        };
        let text = format!("{keys:>kw$}  {what}");
        lines.push(Line::from(Span::styled(truncate(&text, inner_w), style)));
    }
    if let Some(a) = u.armed {
        let keys = app.keymap.keys_for(Context::Unsaved, a);
        let what = match a {
            Action::Discard => "discard your unsaved changes and quit",
            Action::WriteRecovered => {
                "quit and print the whole workbook to the terminal as YAML, the last place left"
            }
            _ => "drop your unsaved changes and reload",
        };
        lines.push(Line::from(""));
        let text = format!("Press {keys} again to {what}; any other key goes back.");
        lines.extend(error_lines(&text, inner_w, th));
    }
    if let Some(e) = &u.error {
        lines.push(Line::from(""));
        lines.extend(error_lines(&inert(e), inner_w, th));
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = layout::centred(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(popup_block(title, th)), r);
}

/// A message wrapped to `w` columns, in the error style.
fn error_lines(text: &str, w: usize, th: Theme) -> Vec<Line<'static>> {
    wrap(text, w)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, th.error())))
        .collect()
}

fn draw_path_prompt(f: &mut Frame, app: &App, p: &super::saving::PathPrompt, area: Rect) {
    use super::saving::PathPurpose;
    let th = app.theme;
    let w = area.width.saturating_sub(6).min(90);
    let inner_w = w.saturating_sub(2) as usize;
    let (title, help) = match &p.purpose {
        PathPurpose::SaveAs { .. } => (
            "Save as",
            "The workbook is written to this new file and you go on editing it there.",
        ),
        PathPurpose::CopyOf(_) => (
            "Open a copy",
            "A copy is written to this new file and opened; the original is left as it is.",
        ),
    };
    // The end of a long path is the part being typed.
    let shown = tail(&inert(&p.input.lines().join("")), inner_w.saturating_sub(7));
    let mut lines = vec![
        Line::from(format!("File: {shown}▏")),
        Line::from(Span::styled(truncate(help, inner_w), th.dim())),
    ];
    if let Some(e) = &p.error {
        lines.extend(error_lines(&inert(e), inner_w, th));
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = layout::centred(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(popup_block(title, th)), r);
}

fn popup_block<'a>(title: &str, th: Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(th.accent().add_modifier(Modifier::BOLD))
}

fn list_lines(items: &[String], sel: usize, w: usize, th: Theme) -> Vec<Line<'static>> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let t = pad(&cut(t, w), w);
            let style = if i == sel {
                th.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(t, style))
        })
        .collect()
}

fn draw_popup(f: &mut Frame, app: &App, p: &Popup, area: Rect) {
    let th = app.theme;
    match p {
        Popup::Unsaved(u) => draw_unsaved(f, app, u, area),
        Popup::SavePath(p) => draw_path_prompt(f, app, p, area),
        Popup::Help { scroll } => {
            let r = layout::centred(area, 70, area.height.saturating_sub(2));
            f.render_widget(Clear, r);
            let rows = app.keymap.help(app.screen.context());
            let kw = rows
                .iter()
                .map(|(k, _)| width(k))
                .max()
                .unwrap_or(0)
                .min(24);
            let mut lines: Vec<Line> = vec![Line::from(Span::styled(
                format!("Keys on the {} screen", app.screen.title()),
                th.title(),
            ))];
            lines.extend(
                rows.iter()
                    .map(|(k, d)| (digit_range(app, k.clone()), d))
                    .map(|(k, d)| {
                        Line::from(vec![
                            Span::styled(
                                format!("{}{k}  ", " ".repeat(kw.saturating_sub(width(&k)))),
                                th.accent(),
                            ),
                            Span::raw(d.clone()),
                        ])
                    }),
            );
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "In the editor: Esc done · Ctrl-z undo · Ctrl-y redo · Ctrl-s save · Ctrl-Enter done",
                th.dim(),
            )));
            lines.push(Line::from(Span::styled(
                "Marks: · not started  ✎ draft  ◆ ready for review  ✔ agreed",
                th.dim(),
            )));
            let inner_h = r.height.saturating_sub(2) as usize;
            let max = lines.len().saturating_sub(inner_h);
            let from = (*scroll).min(max);
            let title = if max == 0 {
                "Help (Esc to close)".to_string()
            } else {
                format!(
                    "Help: lines {}-{} of {} (j/k scroll, Esc close)",
                    from + 1,
                    (from + inner_h).min(lines.len()),
                    lines.len()
                )
            };
            let shown: Vec<Line> = lines.into_iter().skip(from).collect();
            f.render_widget(Paragraph::new(shown).block(popup_block(&title, th)), r);
        }
        Popup::Rating { sel } => {
            let opts = app.rating_options();
            let r = layout::centred(area, 60, opts.len() as u16 + 6);
            f.render_widget(Clear, r);
            let items: Vec<String> = opts.iter().map(|(_, l, _)| l.clone()).collect();
            let mut lines = list_lines(&items, *sel, r.width.saturating_sub(2) as usize, th);
            if let Some((_, _, Some(d))) = opts.get(*sel) {
                lines.push(Line::from(""));
                lines.extend(
                    wrap(d, r.width.saturating_sub(2) as usize)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, th.dim()))),
                );
            }
            f.render_widget(Paragraph::new(lines).block(popup_block("Rating", th)), r);
        }
        Popup::Export { sel } => {
            let r = layout::centred(area, 50, super::app::EXPORTS.len() as u16 + 4);
            f.render_widget(Clear, r);
            let items: Vec<String> = super::app::EXPORTS
                .iter()
                .map(|(_, l)| l.to_string())
                .collect();
            let mut lines = list_lines(&items, *sel, r.width.saturating_sub(2) as usize, th);
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "Written beside the workbook; Enter to export",
                th.dim(),
            )));
            f.render_widget(Paragraph::new(lines).block(popup_block("Export", th)), r);
        }
        Popup::UserName(a) => {
            let r = layout::centred(area, 64, 6);
            f.render_widget(Clear, r);
            let lines = vec![
                Line::from(format!("Your name: {}▏", inert(&a.lines().join(" ")))),
                Line::from(Span::styled(
                    "Shown to others as who holds a workbook and who changed an answer.",
                    th.dim(),
                )),
                Line::from(Span::styled(
                    "Enter to keep it · Esc to ask next time",
                    th.dim(),
                )),
            ];
            f.render_widget(
                Paragraph::new(lines).block(popup_block("Welcome to peerbook", th)),
                r,
            );
        }
        Popup::ReviewAs(a) => {
            let r = layout::centred(area, 56, 5);
            f.render_widget(Clear, r);
            let lines = vec![
                Line::from(format!("Name: {}▏", inert(&a.lines().join(" ")))),
                Line::from(Span::styled(
                    "Your entries go in a section of your own; Enter to start",
                    th.dim(),
                )),
            ];
            f.render_widget(Paragraph::new(lines).block(popup_block("Review as", th)), r);
        }
        Popup::Conflicts { sel } => {
            let Some(wb) = app.wb() else { return };
            let r = layout::centred(
                area,
                area.width.saturating_sub(6),
                area.height.saturating_sub(4),
            );
            f.render_widget(Clear, r);
            let items: Vec<String> = wb
                .conflicts
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
                .collect();
            let lines = list_lines(&items, *sel, r.width.saturating_sub(2) as usize, th);
            f.render_widget(
                Paragraph::new(lines).block(popup_block(
                    "Conflicts from merging — Enter to settle one",
                    th,
                )),
                r,
            );
        }
        Popup::Resolve { conflict, sel } => {
            let choices = app.conflict_choices(*conflict);
            let r = layout::centred(
                area,
                area.width.saturating_sub(6),
                area.height.saturating_sub(4),
            );
            f.render_widget(Clear, r);
            let w = r.width.saturating_sub(2) as usize;
            let mut lines = Vec::new();
            for (i, (label, value)) in choices.iter().enumerate() {
                let style = if i == *sel { th.selected() } else { th.title() };
                lines.push(Line::from(Span::styled(pad(label, w), style)));
                let text = crate::yaml::scalar_text(value)
                    .unwrap_or_else(|| crate::yaml::to_string(value).trim().to_string());
                let text = if value.is_null() {
                    "(nothing)".to_string()
                } else {
                    text
                };
                for l in wrap(&text, w.saturating_sub(2)).into_iter().take(4) {
                    lines.push(Line::from(format!("  {l}")));
                }
            }
            f.render_widget(
                Paragraph::new(lines).block(popup_block("Choose the value to keep — Enter", th)),
                r,
            );
        }
        Popup::SourceKind { sel } => {
            let r = layout::centred(area, 40, 7);
            f.render_widget(Clear, r);
            let items: Vec<String> = vec![
                "Read: a document or data".into(),
                "Heard: an interview or focus group".into(),
                "Seen: a visit or observation".into(),
            ];
            let lines = list_lines(&items, *sel, r.width.saturating_sub(2) as usize, th);
            f.render_widget(Paragraph::new(lines).block(popup_block("Source", th)), r);
        }
        Popup::ActivityKind { sel } => {
            let items: Vec<String> = crate::workbook::onsite::ActivityKind::ALL
                .iter()
                .map(|k| k.label().to_string())
                .collect();
            let r = layout::centred(area, 32, items.len() as u16 + 2);
            f.render_widget(Clear, r);
            let lines = list_lines(&items, *sel, r.width.saturating_sub(2) as usize, th);
            f.render_widget(
                Paragraph::new(lines).block(popup_block("Kind of activity", th)),
                r,
            );
        }
        Popup::Status { sel } => {
            let r = layout::centred(area, 36, 6);
            f.render_widget(Clear, r);
            let items: Vec<String> = Status::ALL
                .iter()
                .map(|s| format!("{} {}", status_mark(*s), s.label()))
                .collect();
            let lines = list_lines(&items, *sel, r.width.saturating_sub(2) as usize, th);
            f.render_widget(Paragraph::new(lines).block(popup_block("Status", th)), r);
        }
        Popup::Editor(ed) => {
            let multi = ed.multiline();
            let h = if multi {
                area.height.saturating_sub(4).max(8)
            } else {
                5
            };
            let r = layout::centred(area, area.width.saturating_sub(6).min(100), h);
            f.render_widget(Clear, r);
            let hint = match ed.target.kind() {
                super::edit::Kind::Multi => "Esc done · Enter new line",
                super::edit::Kind::Text => "Enter or Esc done",
                _ => "Enter sets it · Esc cancels",
            };
            let block = popup_block(&format!("{} — {hint}", ed.target.label()), th);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let (text_area, err_area) = if ed.error.is_some() {
                (
                    Rect::new(
                        inner.x,
                        inner.y,
                        inner.width,
                        inner.height.saturating_sub(1),
                    ),
                    Rect::new(
                        inner.x,
                        inner.y + inner.height.saturating_sub(1),
                        inner.width,
                        1.min(inner.height),
                    ),
                )
            } else {
                (inner, Rect::new(inner.x, inner.y, 0, 0))
            };
            f.render_widget(&ed.area, text_area);
            if let Some(e) = &ed.error {
                f.render_widget(Paragraph::new(Span::styled(inert(e), th.error())), err_area);
            }
        }
        Popup::Search(s) => {
            let r = layout::centred(
                area,
                area.width.saturating_sub(6),
                area.height.saturating_sub(4),
            );
            f.render_widget(Clear, r);
            let block = popup_block(
                "Search questions, answers and evidence — Enter to go, Esc to close",
                th,
            );
            let inner = block.inner(r);
            f.render_widget(block, r);
            let input = Rect::new(inner.x, inner.y, inner.width, 1.min(inner.height));
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled("/ ", th.accent()),
                    Span::raw(inert(&s.input.lines().join(" "))),
                ])),
                input,
            );
            let list = Rect::new(
                inner.x,
                inner.y + 1,
                inner.width,
                inner.height.saturating_sub(1),
            );
            let w = list.width as usize;
            let h = list.height as usize;
            let o = layout::scroll(0, s.sel, h, s.hits.len());
            let items: Vec<String> = s
                .hits
                .iter()
                .skip(o)
                .take(h)
                .map(|h| h.label.clone())
                .collect();
            let mut lines = list_lines(&items, s.sel - o, w, th);
            if s.hits.is_empty() && !s.input.lines().join("").trim().is_empty() {
                lines.push(Line::from(Span::styled("No matches", th.dim())));
            }
            f.render_widget(Paragraph::new(lines), list);
        }
        Popup::Filter(a) => {
            let r = layout::centred(area, 50, 3);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(inert(&a.lines().join(" ")))
                    .block(popup_block("Filter evidence by text (Enter)", th)),
                r,
            );
        }
        Popup::Confirm { message, .. } => {
            let r = layout::centred(area, 60, 7);
            f.render_widget(Clear, r);
            let mut lines: Vec<Line> = wrap(message, 56).into_iter().map(Line::from).collect();
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled("y yes · n no", th.title())));
            f.render_widget(
                Paragraph::new(lines).block(popup_block("Are you sure?", th)),
                r,
            );
        }
        Popup::LinkEvidence { sel, candidates } => {
            let r = layout::centred(area, 70, area.height.saturating_sub(4));
            f.render_widget(Clear, r);
            let Some(wb) = app.wb() else { return };
            let h = r.height.saturating_sub(2) as usize;
            let o = layout::scroll(0, *sel, h, candidates.len());
            let items: Vec<String> = candidates
                .iter()
                .skip(o)
                .take(h)
                .map(|i| {
                    let e = &wb.evidence[*i];
                    format!("{} [{}] {}", e.id, e.kind.label(), e.title)
                })
                .collect();
            let lines = list_lines(&items, sel - o, r.width.saturating_sub(2) as usize, th);
            f.render_widget(
                Paragraph::new(lines).block(popup_block("Link evidence to this question", th)),
                r,
            );
        }
        Popup::Kind { sel, for_filter } => {
            let mut items: Vec<String> = Vec::new();
            if *for_filter {
                items.push("All kinds".into());
            }
            items.extend(
                crate::workbook::EvidenceKind::ALL
                    .iter()
                    .map(|k| k.label().to_string()),
            );
            let r = layout::centred(area, 30, items.len() as u16 + 2);
            f.render_widget(Clear, r);
            let lines = list_lines(&items, *sel, r.width.saturating_sub(2) as usize, th);
            f.render_widget(
                Paragraph::new(lines).block(popup_block("Kind of evidence", th)),
                r,
            );
        }
        Popup::Frameworks { sel } => {
            let r = layout::centred(
                area,
                area.width.saturating_sub(4),
                area.height.saturating_sub(2),
            );
            f.render_widget(Clear, r);
            let block = popup_block("Choose a framework — Enter to use it", th);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let fws = &app.registry.frameworks;
            let items: Vec<String> = fws
                .iter()
                .map(|fw| {
                    format!(
                        "{} · {} {} · {}",
                        fw.title,
                        fw.question_count(),
                        fw.items_label(),
                        fw.scale_name()
                    )
                })
                .collect();
            let list_h = (items.len() as u16).min(inner.height / 2);
            let o = layout::scroll(0, *sel, list_h as usize, items.len());
            let shown: Vec<String> = items
                .iter()
                .skip(o)
                .take(list_h as usize)
                .cloned()
                .collect();
            let lines = list_lines(&shown, sel - o, inner.width as usize, th);
            f.render_widget(
                Paragraph::new(lines),
                Rect::new(inner.x, inner.y, inner.width, list_h),
            );
            if let Some(fw) = fws.get(*sel) {
                let mut d: Vec<Line> = vec![Line::from("")];
                d.extend(
                    wrap(
                        &format!("{} ({})", fw.title, fw.key()),
                        inner.width as usize,
                    )
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, th.title()))),
                );
                for t in [&fw.description, &fw.source].into_iter().flatten() {
                    d.extend(wrap(t, inner.width as usize).into_iter().map(Line::from));
                }
                let y = inner.y + list_h;
                f.render_widget(
                    Paragraph::new(d),
                    Rect::new(inner.x, y, inner.width, inner.height.saturating_sub(list_h)),
                );
            }
        }
        Popup::New(n) => {
            let r = layout::centred(area, 70, 10);
            f.render_widget(Clear, r);
            let fw = app.registry.frameworks.get(n.framework);
            let field = |label: &str, a: &ratatui_textarea::TextArea, on: bool| {
                let text = inert(&a.lines().join(" "));
                let cursor = if on { "▏" } else { "" };
                Line::from(vec![
                    Span::styled(format!("{label:>14}: "), th.accent()),
                    Span::styled(
                        format!("{text}{cursor}"),
                        if on { th.selected() } else { Style::default() },
                    ),
                ])
            };
            let mut lines = vec![
                Line::from(format!(
                    "Framework: {}",
                    fw.map(|f| f.title.clone()).unwrap_or_default()
                )),
                Line::from(""),
                field("Council", &n.council, !n.on_title),
                field("Review title", &n.title, n.on_title),
                Line::from(""),
                Line::from(Span::styled(
                    "Tab switches field · Enter creates · Esc cancels",
                    th.dim(),
                )),
            ];
            if let Some(e) = &n.error {
                lines.push(Line::from(Span::styled(inert(e), th.error())));
            }
            f.render_widget(
                Paragraph::new(lines).block(popup_block("New workbook", th)),
                r,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::joined_within;

    #[test]
    fn lists_are_cut_once_longer_than_the_room() {
        let refs = ["1.1", "1.2", "1.3", "2.1"];
        assert_eq!(joined_within(refs.into_iter(), 100), "1.1, 1.2, 1.3, 2.1");
        assert_eq!(joined_within(refs.into_iter(), 4), "1.1, 1.2, …");
        assert_eq!(joined_within(std::iter::empty(), 4), "");
        // Control characters are drawn inert.
        assert!(!joined_within(["a\u{1b}[2J"].into_iter(), 10).contains('\u{1b}'));
    }
}
