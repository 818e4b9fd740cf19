//! The team's notes at hand (Peer screen, `n`): every reviewer's full notes,
//! strengths, areas for consideration and sources on one question, in one
//! scrollable pop-up, with the questions no reviewer has looked at yet and
//! what stands before the feedback report at the foot. `Enter` on a
//! reviewer's strength or area takes it into the question's domain findings
//! and opens the editor on it, to be edited on the way.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::review::coverage;
use crate::text::{inert, pad};
use crate::tui::app::App;
use crate::tui::edit::Target;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::undo::Part;
use crate::tui::widgets::{popup_block, rating_text, wrap};
use crate::workbook::Workbook;

/// Where a row's text can go in the findings.
#[derive(Debug, Clone, PartialEq)]
pub enum Take {
    Strength(String),
    Area(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub text: String,
    pub take: Option<Take>,
    /// A heading row (a reviewer's name, a section).
    pub head: bool,
}

pub struct TeamNotes {
    pub title: String,
    /// The question's domain: where a taken strength or area goes.
    pub domain: String,
    pub rows: Vec<Row>,
    pub sel: usize,
    /// The width the rows were wrapped to.
    width: usize,
}

const WIDTH: u16 = 76;

impl TeamNotes {
    /// Every reviewer's entry on a question, wrapped to the pop-up's width.
    pub fn new(wb: &Workbook, question: &str) -> TeamNotes {
        let width = WIDTH as usize - 4;
        let (domain, reference) = wb
            .framework
            .question(question)
            .map(|(d, q)| (d.id.clone(), q.display_ref().to_string()))
            .unwrap_or_default();
        let mut rows: Vec<Row> = Vec::new();
        // `lead` starts the first line; the lines the text wraps onto are
        // indented to line up with the text after it.
        let push = |rows: &mut Vec<Row>, lead: &str, text: &str, take: Option<Take>, head: bool| {
            let hang = crate::text::width(lead);
            let mut lines = wrap(text, width.saturating_sub(hang).max(1));
            if lines.is_empty() {
                lines.push(String::new());
            }
            for (i, line) in lines.into_iter().enumerate() {
                let start = if i == 0 {
                    lead.to_string()
                } else {
                    " ".repeat(hang)
                };
                rows.push(Row {
                    text: format!("{start}{line}"),
                    take: if i == 0 { take.clone() } else { None },
                    head,
                });
            }
        };
        for r in &wb.reviewers {
            let Some(a) = r.answer(question).filter(|a| a.is_answered()) else {
                continue;
            };
            push(
                &mut rows,
                "",
                &format!("{} — {}", r.name, rating_text(wb, a.rating)),
                None,
                true,
            );
            for line in a.notes.lines().filter(|l| !l.trim().is_empty()) {
                push(&mut rows, "  ", line, None, false);
            }
            for s in a.strengths.iter().filter(|s| !s.trim().is_empty()) {
                push(&mut rows, "  + ", s, Some(Take::Strength(s.clone())), false);
            }
            for s in a.areas.iter().filter(|s| !s.trim().is_empty()) {
                push(&mut rows, "  − ", s, Some(Take::Area(s.clone())), false);
            }
            for s in a.sources.iter().filter(|s| !s.text.trim().is_empty()) {
                let from = s.programme.as_deref().map_or(String::new(), |id| {
                    format!(" ({})", super::programme::source_from(wb, id))
                });
                push(
                    &mut rows,
                    &format!("  [{}] ", s.kind.label()),
                    &format!("{}{from}", s.text),
                    None,
                    false,
                );
            }
        }
        if rows.is_empty() {
            push(
                &mut rows,
                "",
                "No reviewer has written anything on this question yet.",
                None,
                false,
            );
        }
        let open: Vec<String> = coverage::uncovered(wb)
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        push(&mut rows, "", "", None, false);
        push(
            &mut rows,
            "",
            &format!(
                "Not yet looked at by any reviewer: {}",
                if open.is_empty() {
                    "none".into()
                } else {
                    open.join(", ")
                }
            ),
            None,
            true,
        );
        let blockers = coverage::feedback_blockers(wb);
        push(
            &mut rows,
            "",
            &format!("Before the feedback report: {} to settle", blockers.len()),
            None,
            true,
        );
        for line in coverage::describe(&blockers) {
            push(&mut rows, "  ", &line, None, false);
        }
        let sel = rows.iter().position(|r| r.take.is_some()).unwrap_or(0);
        TeamNotes {
            title: format!(" The team's notes on {reference} "),
            domain,
            rows,
            sel,
            width,
        }
    }

    /// Moves the selection; true when the pop-up should close.
    fn action(&mut self, action: Action) -> bool {
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Down => self.sel = (self.sel + 1).min(last),
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::PageDown => self.sel = (self.sel + 10).min(last),
            Action::PageUp => self.sel = self.sel.saturating_sub(10),
            Action::Top => self.sel = 0,
            Action::Bottom => self.sel = last,
            Action::Back | Action::Help => return true,
            _ => {}
        }
        false
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, th: Theme) {
        let r = layout::centred(area, WIDTH, area.height.saturating_sub(2));
        f.render_widget(Clear, r);
        let h = r.height.saturating_sub(3) as usize;
        let top = layout::scroll(0, self.sel, h, self.rows.len());
        let mut lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(top)
            .take(h)
            .map(|(i, row)| {
                let style = if i == self.sel {
                    th.selected()
                } else if row.head {
                    th.title()
                } else {
                    Style::default()
                };
                Line::from(Span::styled(pad(&row.text, self.width), style))
            })
            .collect();
        lines.push(Line::from(Span::styled(
            "Enter: take a strength (+) or area (−) into the findings · Esc: close",
            th.dim(),
        )));
        f.render_widget(
            Paragraph::new(lines).block(popup_block(&inert(&self.title), th)),
            r,
        );
    }
}

impl App {
    /// The Peer screen's `n`: the team's notes on the selected question.
    pub(in crate::tui) fn open_team_notes(&mut self, question: &str) {
        if let Some(wb) = self.wb() {
            let notes = TeamNotes::new(wb, question);
            self.popup = Some(crate::tui::app::Popup::Notes(Box::new(notes)));
        }
    }

    /// A key in the team's notes.
    pub(in crate::tui) fn team_notes_action(&mut self, action: Action) {
        let Some(crate::tui::app::Popup::Notes(notes)) = &mut self.popup else {
            return;
        };
        if action != Action::Open {
            if notes.action(action) {
                self.popup = None;
            }
            return;
        }
        let Some(take) = notes.rows.get(notes.sel).and_then(|r| r.take.clone()) else {
            self.message = Some((
                "Choose a strength (+) or an area (−) to take it into the findings".into(),
                false,
            ));
            return;
        };
        let domain = notes.domain.clone();
        let mut target = None;
        // The take and the editing after it are one step to undo.
        self.open_group();
        let taken = self.change(Part::Findings, |wb| {
            let d = wb.findings.domain_mut(&domain);
            let (list, text, what) = match &take {
                Take::Strength(t) => (&mut d.strengths, t, "strength"),
                Take::Area(t) => (&mut d.areas, t, "area"),
            };
            list.push(text.clone());
            let i = list.len() - 1;
            target = Some(match take {
                Take::Strength(_) => Target::FindingStrength(domain.clone(), i),
                Take::Area(_) => Target::FindingArea(domain.clone(), i),
            });
            Some(format!(
                "take a reviewer's {what} into the findings of {domain}"
            ))
        });
        if let (true, Some(target)) = (taken, target) {
            self.popup = None;
            self.edit(target, false);
            self.message = Some((
                "Taken into the findings: edit it here, Esc when done".into(),
                false,
            ));
        }
    }
}
