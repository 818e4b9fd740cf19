//! What the open pop-up shows, in words: its name, the choice it is on, the
//! text typed in it, its message and its error. The interface tests read
//! this instead of matching on the pop-ups' types, so a change of shape
//! inside the interface does not churn them.

use super::app::{App, Popup};

/// The open pop-up, as a person would describe it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    /// Which pop-up: `help`, `rating`, `status`, `editor`, `search`,
    /// `filter`, `confirm`, `link evidence`, `kind`, `frameworks`,
    /// `new workbook`, `export`, `conflicts`, `resolve`, `review as`,
    /// `source kind`, `activity kind`, `unsaved`, `save path`, `user name`,
    /// `comments` (its choices are the thread: "Jo Smith (2026-02-10
    /// 09:00, open): text").
    pub name: &'static str,
    /// The position of the highlighted choice in a list pop-up.
    pub choice: Option<usize>,
    /// The labels of the choices offered (a list pop-up's, search hits).
    pub choices: Vec<String>,
    /// The text in the field being typed in.
    pub input: Option<String>,
    /// Which field of a form is being typed in.
    pub field: Option<&'static str>,
    /// The question a confirm pop-up asks.
    pub message: Option<String>,
    /// The error shown in the pop-up.
    pub error: Option<String>,
}

impl App {
    /// The open pop-up, described; `None` when none is open.
    pub fn shown(&self) -> Option<Shown> {
        let p = self.popup.as_ref()?;
        let mut s = Shown {
            name: p.name(),
            ..Shown::default()
        };
        match p {
            Popup::Help { .. } => {}
            Popup::Notes(n) => {
                s.message = Some(n.title.trim().to_string());
                s.choice = Some(n.sel);
                s.choices = n.rows.iter().map(|r| r.text.clone()).collect();
            }
            Popup::Pick(p) => {
                s.choice = Some(p.picker.selected());
                s.choices = p.picker.labels().map(str::to_string).collect();
            }
            Popup::Editor(ed) => {
                s.input = Some(ed.text());
                s.error = ed.error.clone();
            }
            Popup::Search(search) => {
                s.choice = Some(search.sel);
                s.input = Some(search.input.text());
                s.choices = search.hits.iter().map(|h| h.label.clone()).collect();
            }
            Popup::Filter(area) | Popup::ReviewAs(area) | Popup::UserName(area) => {
                s.input = Some(area.text());
            }
            Popup::ConflictValue(p) => {
                s.input = Some(p.input.text());
                s.error = p.error.clone();
            }
            Popup::Confirm { ask, .. } => s.message = Some(ask.message.clone()),
            Popup::Comments(t) => {
                s.message = Some(t.title());
                s.choice = Some(t.sel);
                s.choices = t
                    .comments
                    .iter()
                    .map(|c| format!("{} ({}, {}): {}", c.by, c.when(), c.state(), c.text))
                    .collect();
                s.error = t.read_only.clone();
            }
            Popup::New(n) => {
                let (field, area) = if n.on_title {
                    ("title", &n.title)
                } else {
                    ("council", &n.council)
                };
                s.field = Some(field);
                s.input = Some(area.text());
                s.error = n.error.clone();
            }
            Popup::Unsaved(u) => s.error = u.error.clone(),
            Popup::SavePath(p) => {
                s.input = Some(p.input.text());
                s.error = p.error.clone();
            }
        }
        Some(s)
    }
}

impl Popup {
    /// The pop-up's name in [`Shown`].
    pub fn name(&self) -> &'static str {
        match self {
            Popup::Help { .. } => "help",
            Popup::Pick(p) => p.name(),
            Popup::Editor(_) => "editor",
            Popup::Search(_) => "search",
            Popup::Filter(_) => "filter",
            Popup::Confirm { .. } => "confirm",
            Popup::New(_) => "new workbook",
            Popup::ReviewAs(_) => "review as",
            Popup::ConflictValue(_) => "conflict value",
            Popup::Unsaved(_) => "unsaved",
            Popup::SavePath(_) => "save path",
            Popup::UserName(_) => "user name",
            Popup::Notes(_) => "team notes",
            Popup::Comments(_) => "comments",
        }
    }
}
