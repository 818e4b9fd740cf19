//! Drawing a frame: the tabs, the screen (each draws itself, from
//! `screens/`), the status bar, the footer and the open pop-up. Drawing
//! changes nothing: what a frame drew (where each clickable thing is, the
//! first row each list showed) is returned as a [`Drawn`] for the app to
//! keep. Most pop-ups draw themselves (`popups/`); the text fields' pop-ups
//! (the editor, search, the name prompts, the new-workbook form) are still
//! drawn here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::{App, Popup, Screen};
use super::component::Component;
use super::drawn::{Drawn, Hit};
use super::keys::{Action, Context, Keymap};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::widgets::input::{TextInput, key_line, text_hints};
use super::widgets::{list_lines, popup_block};
use crate::store::session::{ReadOnly, SaveState};
use crate::text::{inert, truncate, width};

pub use super::theme::Theme;

pub use super::widgets::{rating_text, status_mark, wrap};

pub fn draw(f: &mut Frame, app: &App) -> Drawn {
    // For the crash test only (debug builds): a view that panics.
    if cfg!(debug_assertions)
        && app.screen == Screen::Dashboard
        && std::env::var_os("PEERBOOK_TEST_PANIC_IN_VIEW").is_some()
    {
        panic!("forced panic in the dashboard view (PEERBOOK_TEST_PANIC_IN_VIEW)");
    }
    let area = f.area();
    let mut out = Drawn::new(area);
    let th = app.theme;
    if layout::too_small(area) {
        let msg = format!(
            "Terminal too small: {}×{}. peerbook needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Make the window bigger.",
            area.width, area.height
        );
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return out;
    }
    let l = layout::main(area);
    draw_tabs(f, app, l.tabs, &mut out);
    // On a list-and-form screen a click off the list's rows goes to the form.
    if matches!(
        app.screen,
        Screen::Evidence | Screen::Details | Screen::Metrics | Screen::ProudOf | Screen::Activity
    ) {
        out.hit(l.body, Hit::Form);
    }
    let out_ = &mut out;
    match app.screen {
        Screen::Start => {
            super::screens::start::draw(f, app.theme, &app.start, &app.workbooks_dir, l.body, out_)
        }
        Screen::Questions => super::screens::questions::draw(f, app, l.body, out_),
        Screen::Evidence => super::screens::evidence::draw(
            f,
            app.draw_ctx(),
            (&app.ev, &app.evidence_shown()),
            app.current_question().as_deref(),
            l.body,
            out_,
        ),
        Screen::Dashboard => super::screens::dashboard::draw(
            f,
            app.draw_ctx(),
            app.report().as_deref(),
            &app.todo,
            l.body,
        ),
        Screen::Details => {
            super::screens::details::draw(f, app.draw_ctx(), &app.details, l.body, out_)
        }
        Screen::Metrics => {
            super::screens::metrics::draw(f, app.draw_ctx(), &app.metrics, l.body, out_)
        }
        Screen::ProudOf => {
            super::screens::proud_of::draw(f, app.draw_ctx(), &app.proud, l.body, out_)
        }
        Screen::Activity => {
            super::screens::activity::draw(f, app.draw_ctx(), &app.activity, l.body, out_)
        }
        Screen::Peer => super::screens::peer::draw(f, app.draw_ctx(), &app.peer, l.body, out_),
        Screen::Reading => super::screens::reading::draw(f, app.draw_ctx(), &app.reading, l.body),
        Screen::Findings if app.report_view.on => {
            super::screens::report::draw(f, app.draw_ctx(), &app.report_view, l.body, out_)
        }
        Screen::Findings => {
            super::screens::findings::draw(f, app.draw_ctx(), &app.findings, l.body, out_)
        }
    }
    draw_status(f, app, l.status);
    let km = &app.keymap;
    let typing: Option<Vec<(String, String)>> = match &app.popup {
        // A component names its own keys.
        Some(Popup::Pick(p)) => Some(p.picker.hints(km)),
        Some(Popup::Comments(t)) => Some(t.hints(km)),
        Some(Popup::Editor(ed)) => Some(editor_hints(ed, km)),
        Some(Popup::Search(_)) => Some(
            std::iter::once(("type".to_string(), "to search".to_string()))
                .chain(text_hints(
                    km,
                    &[
                        (&[Action::Up, Action::Down], "choose"),
                        (&[Action::Open], "go there"),
                        (&[Action::Back], "close"),
                    ],
                ))
                .collect(),
        ),
        Some(Popup::Filter(_)) => Some(text_hints(km, &[(&[Action::Open], "done")])),
        // The one-line prompts for a name: never the screen's keys behind.
        Some(Popup::UserName(_)) => Some(text_hints(
            km,
            &[
                (&[Action::Open], "keep it"),
                (&[Action::Back], "ask next time"),
            ],
        )),
        Some(Popup::ReviewAs(_)) => Some(text_hints(
            km,
            &[(&[Action::Open], "start"), (&[Action::Back], "cancel")],
        )),
        Some(Popup::ConflictValue(_)) => Some(text_hints(
            km,
            &[(&[Action::Open], "settle"), (&[Action::Back], "cancel")],
        )),
        Some(Popup::SavePath(_)) => Some(text_hints(
            km,
            &[(&[Action::Open], "save"), (&[Action::Back], "cancel")],
        )),
        Some(Popup::New(_)) => Some(text_hints(
            km,
            &[
                (&[Action::NextPane], "next field"),
                (&[Action::Open], "create"),
                (&[Action::Back], "close"),
            ],
        )),
        _ => None,
    };
    let on_questions = app.popup.is_none() && app.screen == Screen::Questions;
    let pane = on_questions.then(|| super::screens::questions::pane_name(app));
    let hints: Vec<(String, String)> = typing
        .or_else(|| {
            on_questions
                .then(|| super::screens::questions::footer(app))
                .flatten()
        })
        .unwrap_or_else(|| screen_hints(app))
        .into_iter()
        .map(|(k, d)| (super::popups::help::digit_range(app, k), d))
        .collect::<Vec<_>>();
    // Fitted to the width, most important first, the help key kept.
    let help = km
        .key_for(Context::Global, Action::Help)
        .map(|k| k.to_string());
    let lead = pane.map_or(0, |p| crate::text::width(p) + 2);
    let hints: Vec<Span> =
        super::widgets::footer::fit(hints, lead, l.footer.width as usize, help.as_deref())
            .into_iter()
            .flat_map(|(k, d)| {
                [
                    Span::styled(format!(" {k}"), th.title()),
                    Span::raw(format!(" {d} ")),
                ]
            })
            .collect();
    let hints = named_pane(pane, hints, th);
    f.render_widget(Paragraph::new(Line::from(hints)).style(th.dim()), l.footer);
    if let Some(p) = &app.popup {
        draw_popup(f, app, p, area, &mut out);
    }
    out
}

/// The footer's keys after the name of the pane they belong to, when the
/// screen has more than one.
fn named_pane<'a>(pane: Option<&str>, hints: Vec<Span<'a>>, th: Theme) -> Vec<Span<'a>> {
    match pane {
        Some(name) => std::iter::once(Span::styled(format!(" {name}:"), th.accent()))
            .chain(hints)
            .collect(),
        None => hints,
    }
}

/// The screen's footer keys from the keymap, chosen by what they do: no
/// search without a workbook; in reviewer mode no status (the council's to
/// set), and the narrative key writes the reviewer's own notes.
/// In the question list, the key into the answer comes first, as "answer".
fn screen_hints(app: &App) -> Vec<(String, String)> {
    let in_list = app.screen == Screen::Questions && app.q.pane == super::screens::Pane::List;
    let mut hints: Vec<(Action, String, String)> = app
        .keymap
        .footer_actions(app.context())
        .into_iter()
        .filter(|(a, _, _)| app.doc.is_some() || *a != Action::Search)
        .filter(|(a, _, _)| app.reviewer.is_none() || *a != Action::StatusPicker)
        .filter(|(a, _, _)| !super::screens::findings_only::hides(app, *a))
        .map(|(a, k, d)| match (app.reviewer.is_some(), app.screen, a) {
            (true, _, Action::EditNarrative) => (a, k, "your notes".to_string()),
            // On the Peer screen `e` writes the agreed rating's note.
            (_, Screen::Peer, Action::Edit) => (a, k, "note".to_string()),
            _ => (a, k, d),
        })
        .collect();
    if in_list && let Some(i) = hints.iter().position(|(a, _, _)| *a == Action::NextPane) {
        let (a, k, _) = hints.remove(i);
        hints.insert(0, (a, k, "answer".to_string()));
    }
    // While a filter is on, its key comes second: the way back to every
    // question is never off the screen (the footer has no room for it
    // otherwise; help lists it always).
    if in_list
        && app.q.filter.is_some()
        && let Some(k) = app
            .keymap
            .key_for(Context::Questions, Action::FilterQuestions)
    {
        let at = hints.len().min(1);
        hints.insert(
            at,
            (Action::FilterQuestions, k.to_string(), "filter".into()),
        );
    }
    super::screens::question_sort::sort_hint(app, in_list, &mut hints);
    super::screens::reading::footer_order(&mut hints);
    hints.into_iter().map(|(_, k, d)| (k, d)).collect()
}

/// What the keys do while a field is being typed in.
fn editor_hints(ed: &super::edit::Editor, km: &Keymap) -> Vec<(String, String)> {
    let rows: &[(&[Action], &str)] = match ed.target.kind() {
        super::edit::Kind::Multi => &[(&[Action::Back], "done"), (&[Action::Open], "new line")],
        super::edit::Kind::Text => &[(&[Action::Open, Action::Back], "done")],
        _ => &[(&[Action::Open, Action::Back], "set")],
    };
    let mut v = text_hints(km, rows);
    v.extend(text_hints(
        km,
        &[
            (&[Action::Undo], "undo"),
            (&[Action::Redo], "redo"),
            (&[Action::Save], "save"),
        ],
    ));
    v
}

fn draw_tabs(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
    let th = app.theme;
    let mut spans = Vec::new();
    if app.doc.is_some() {
        out.hit(area, Hit::Inert);
        let mut x = area.x;
        // The reading view is the Questions screen's, under its tab.
        let shown = match app.screen {
            Screen::Reading => Screen::Questions,
            s => s,
        };
        for s in app.tabs() {
            let w = layout::tab_width(s);
            out.hit(Rect::new(x, area.y, w, area.height), Hit::Tab(s));
            x = x.saturating_add(w);
            let style = if s == shown {
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
            let mine = wb.reviewer(name).map_or(0, |r| r.reviewed());
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

/// Changes that could not be saved: why, and every way to keep them.
fn draw_popup(f: &mut Frame, app: &App, p: &Popup, area: Rect, out: &mut Drawn) {
    let th = app.theme;
    match p {
        Popup::Unsaved(u) => super::popups::saving_draw::draw_unsaved(f, app, u, area),
        Popup::SavePath(p) => super::popups::saving_draw::draw_path_prompt(f, app, p, area),
        Popup::Pick(p) => p.picker.draw(f, area, th),
        Popup::Notes(n) => n.draw(f, area, th),
        Popup::Comments(t) => t.draw(f, area, th),
        Popup::ConflictValue(p) => p.draw(f, area, &app.keymap, th),
        Popup::Help { scroll } => super::popups::help::draw(f, app, *scroll, area, out),
        Popup::UserName(a) => {
            let r = layout::centred(area, 64, 7);
            f.render_widget(Clear, r);
            let lines = vec![
                Line::from(format!("Your name: {}", a.shown(true))),
                Line::from(Span::styled(
                    "Shown to others as who holds a workbook and who changed an answer.",
                    th.dim(),
                )),
                Line::from(Span::styled(
                    key_line(
                        &app.keymap,
                        &[
                            (&[Action::Open], "to keep it"),
                            (&[Action::Back], "to ask next time"),
                        ],
                    ),
                    th.dim(),
                )),
            ];
            f.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(popup_block("Welcome to peerbook", th)),
                r,
            );
        }
        Popup::ReviewAs(a) => {
            let r = layout::centred(area, 56, 5);
            f.render_widget(Clear, r);
            let lines = vec![
                Line::from(format!("Name: {}", a.shown(true))),
                Line::from(Span::styled(
                    format!(
                        "Your entries go in a section of your own; {}",
                        key_line(&app.keymap, &[(&[Action::Open], "to start")])
                    ),
                    th.dim(),
                )),
            ];
            f.render_widget(Paragraph::new(lines).block(popup_block("Review as", th)), r);
        }
        Popup::Editor(ed) => {
            let multi = ed.multiline();
            let h = if multi {
                area.height.saturating_sub(4).max(8)
            } else {
                5
            };
            // Beside (or above) the question and its prompts on the
            // Questions screen; a plain pop-up elsewhere.
            let r = super::screens::question_pane::place_editor(f, app, multi, area, out)
                .unwrap_or_else(|| layout::centred(area, area.width.saturating_sub(6).min(100), h));
            f.render_widget(Clear, r);
            let km = &app.keymap;
            let key = |a| km.text_key(a).unwrap_or_default();
            let hint = match ed.target.kind() {
                super::edit::Kind::Multi => key_line(
                    km,
                    &[(&[Action::Back], "done"), (&[Action::Open], "new line")],
                ),
                super::edit::Kind::Text => {
                    format!("{} or {} done", key(Action::Open), key(Action::Back))
                }
                _ => format!("{} or {} sets it", key(Action::Open), key(Action::Back)),
            };
            let words = super::screens::word_count::editor_note(app.wb(), ed);
            let block = popup_block(&format!("{}{words} — {hint}", ed.target.label()), th);
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
            let km = &app.keymap;
            let block = popup_block(
                &format!(
                    "Search the workbook — {}",
                    key_line(
                        km,
                        &[(&[Action::Open], "to go"), (&[Action::Back], "to close")]
                    )
                    .replace(" · ", ", ")
                ),
                th,
            );
            let inner = block.inner(r);
            f.render_widget(block, r);
            let input = Rect::new(inner.x, inner.y, inner.width, 1.min(inner.height));
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled("/ ", th.accent()),
                    Span::raw(s.input.shown(false)),
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
            if s.hits.is_empty() && !s.input.trimmed().is_empty() {
                lines.push(Line::from(Span::styled("No matches", th.dim())));
            }
            f.render_widget(Paragraph::new(lines), list);
        }
        Popup::Filter(a) => {
            let r = layout::centred(area, 50, 3);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(a.shown(false)).block(popup_block(
                    &format!(
                        "Filter evidence by text ({})",
                        app.keymap.text_key(Action::Open).unwrap_or_default()
                    ),
                    th,
                )),
                r,
            );
        }
        Popup::Confirm { ask, .. } => ask.draw(f, area, th),
        Popup::New(n) => {
            let r = layout::centred(area, 70, 10);
            f.render_widget(Clear, r);
            let fw = app.registry.frameworks.get(n.framework);
            let field = |label: &str, a: &TextInput, on: bool| {
                Line::from(vec![
                    Span::styled(format!("{label:>14}: "), th.accent()),
                    Span::styled(
                        a.shown(on),
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
                    key_line(
                        &app.keymap,
                        &[
                            (&[Action::NextPane], "switches field"),
                            (&[Action::Open], "creates"),
                            (&[Action::Back], "closes, asking first"),
                        ],
                    ),
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
