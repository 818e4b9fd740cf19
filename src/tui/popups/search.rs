//! The search pop-up (the whole workbook; choosing a hit opens its
//! screen with the item selected) and the evidence screen's filter.

pub mod state;

use ratatui::crossterm::event::KeyEvent;

pub use state::SearchState;

use crate::search::{Lowered, Place, search_from};
use crate::tui::app::{App, Popup, per_revision};
use crate::tui::component::Handled;
use crate::tui::edit::CASE_FIELDS;
use crate::tui::keys::Action;
use crate::tui::screens::{ListForm, Pane, Screen};
use crate::tui::widgets::input::{Typed, feed};

impl App {
    pub(crate) fn search_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::Search(s)) = &mut self.popup else {
            return;
        };
        match action {
            Some(Action::Up) => return s.sel = s.sel.saturating_sub(1),
            Some(Action::Down) => return s.sel = (s.sel + 1).min(s.hits.len().saturating_sub(1)),
            Some(Action::Quit) => {
                self.popup = None;
                return self.request_quit();
            }
            _ => {}
        }
        match feed(&mut s.input, action, ev) {
            Handled::Done(Typed::Cancel) => self.popup = None,
            Handled::Done(Typed::Submit(_)) => {
                let hit = s.hits.get(s.sel).cloned();
                self.popup = None;
                match hit.map(|h| h.place) {
                    Some(Place::Question(i)) => {
                        self.screen = Screen::Questions;
                        self.q.pane = Pane::List;
                        self.select_question(i);
                    }
                    Some(Place::Evidence(i)) => {
                        self.ev.kind = None;
                        self.ev.query.clear();
                        self.ev.list.sel = i;
                        self.screen = Screen::Evidence;
                    }
                    Some(Place::Case(i, field)) => {
                        let field = CASE_FIELDS.iter().position(|f| *f == field);
                        self.proud = ListForm {
                            sel: i,
                            pane: Pane::List,
                            field: field.unwrap_or(0),
                        };
                        self.screen = Screen::ProudOf;
                    }
                    Some(Place::Details(target)) => {
                        let rows = self.wb().map(crate::tui::screens::details::rows);
                        let field = crate::tui::screens::details::Row::Field(target.clone());
                        let row = rows.and_then(|r| r.iter().position(|t| *t == field));
                        self.details.sel = row.unwrap_or(0);
                        self.details.pane = Pane::List;
                        self.screen = Screen::Details;
                    }
                    Some(Place::Metric(i)) => {
                        self.metrics.sel = i;
                        self.metrics.pane = Pane::List;
                        self.screen = Screen::Metrics;
                    }
                    None => {}
                }
            }
            Handled::Consumed => self.run_search(),
            Handled::Ignored => {}
        }
    }

    pub(crate) fn run_search(&mut self) {
        let Some(Popup::Search(s)) = &mut self.popup else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        let q = s.input.trimmed().to_lowercase();
        if q.is_empty() {
            s.hits = Vec::new();
            s.found = None;
        } else {
            let low = per_revision(&self.lowered, doc, Lowered::new);
            let before = s
                .found
                .as_ref()
                .filter(|(rev, _)| *rev == doc.revision)
                .map(|(_, f)| f);
            let (hits, found) = search_from(&doc.wb, &low, &q, 200, before);
            s.hits = hits;
            s.found = Some((doc.revision, found));
        }
        s.sel = 0;
    }

    pub(crate) fn filter_key(&mut self, action: Option<Action>, ev: KeyEvent) {
        let Some(Popup::Filter(input)) = &mut self.popup else {
            return;
        };
        match feed(input, action, ev) {
            // The filter is applied as it is typed; Enter and Esc both
            // leave it in force.
            Handled::Done(_) => self.popup = None,
            Handled::Consumed => {
                self.ev.query = input.text();
                self.ev.list.sel = 0;
            }
            Handled::Ignored => {}
        }
    }
}
