//! The evidence library: the items on the left, the selected one's form on
//! the right.

pub mod state;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use state::EvidenceState;

use crate::search::Lowered;
use crate::tui::app::{App, Pane, Popup, Screen, per_revision};
use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::{EV_DATA_FIELDS, EV_FIELDS, EvField, Target, fmt_number, new_evidence};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::popups::pick;
use crate::tui::screens::Pending;
use crate::tui::undo::Part;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::draw_note;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::tui::widgets::input::TextInput;
use crate::tui::widgets::list::{ListSpec, draw_list_with};
use crate::tui::widgets::placeholder_or;
use crate::workbook::fields::NEW_EVIDENCE;
use crate::workbook::{EvidenceKind, evidence_label};

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
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
    draw_list_with(
        f,
        app.theme,
        &app.frame,
        left,
        out,
        ListSpec {
            title: filter,
            focused: app.ev.list.pane == Pane::List,
            len: shown.len(),
            sel,
            list: List::Of(Screen::Evidence),
        },
        |i| {
            let e = &wb.evidence[shown[i]];
            let (title, dim) = placeholder_or(&e.title, NEW_EVIDENCE);
            let row = format!("{} [{}] {title}", evidence_label(shown[i]), e.kind.label());
            (row, dim)
        },
    );
    let Some(&idx) = shown.get(sel) else {
        let msg = if wb.evidence.is_empty() {
            "The evidence library is empty. Press a to add an item: a document, data with a comparator, a case file audit or feedback."
        } else {
            "Nothing matches the filter. Press f to choose a kind, / to change the text."
        };
        return draw_note(f, app.theme, right, "", msg);
    };
    let e = &wb.evidence[idx];
    let rows: Vec<(String, String)> = app
        .evidence_fields(idx)
        .iter()
        .map(|f| match f {
            None => ("Kind".to_string(), e.kind.label().to_string()),
            Some(field) => (
                field.label().to_string(),
                // draw_form makes inert what it draws.
                Target::Evidence(idx, *field).read(wb),
            ),
        })
        .collect();
    let cited = wb.citing_refs(&e.id);
    let mut extra = vec![if cited.is_empty() {
        "Cited by no question yet.".into()
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
    extra.extend(super::evidence_categories::line(wb, e));
    extra.extend(current_question_line(app, &e.id));
    draw_form(
        f,
        app.theme,
        right,
        FormSpec {
            title: format!(" {} ", evidence_label(idx)),
            focused: app.ev.list.pane == Pane::Form,
            rows: &rows,
            sel: app.ev.list.field,
            extra,
        },
        None,
    );
}

/// The line that names the current question (the one selected on the
/// questions screen, which `l` and `u` act on) and whether it cites the
/// item, with the key that changes that.
fn current_question_line(app: &App, id: &str) -> Option<String> {
    use crate::tui::keys::{Action, Context};
    let wb = app.wb()?;
    let qid = app.current_question()?;
    let (_, q) = wb.framework.question(&qid)?;
    let cites = wb
        .answer(&qid)
        .is_some_and(|a| a.evidence.iter().any(|e| e == id));
    let action = if cites { Action::Unlink } else { Action::Link };
    let key = app
        .keymap
        .key_for(Context::Evidence, action)
        .map_or(String::new(), |k| k.to_string());
    let reference = crate::text::inert(q.display_ref());
    Some(if cites {
        format!("Current question: {reference}, which cites this item ({key} unlinks it)")
    } else {
        format!("Current question: {reference} ({key} links this item to it)")
    })
}

impl App {
    /// Evidence items shown on the evidence screen (filtered), cached.
    pub fn evidence_shown(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let key = (doc.revision, self.ev.kind, self.ev.query.clone());
        if let Some((k, v)) = &*self.ev.cache.borrow()
            && *k == key
        {
            return v.clone();
        }
        let q = self.ev.query.to_lowercase();
        let kind = |i: &usize| self.ev.kind.is_none_or(|k| doc.wb.evidence[*i].kind == k);
        let v: Vec<usize> = if q.is_empty() {
            (0..doc.wb.evidence.len()).filter(kind).collect()
        } else {
            per_revision(&self.lowered, doc, Lowered::new)
                .evidence
                .matching(&q)
                .filter(|i| *i < doc.wb.evidence.len() && kind(i))
                .collect()
        };
        *self.ev.cache.borrow_mut() = Some((key, v.clone()));
        v
    }

    /// Fields of the selected evidence item's form.
    pub fn evidence_fields(&self, item: usize) -> Vec<Option<EvField>> {
        let Some(e) = self.wb().and_then(|w| w.evidence.get(item)) else {
            return Vec::new();
        };
        // None is the kind, chosen from a list.
        let mut v: Vec<Option<EvField>> = vec![Some(EvField::Title), None];
        v.extend(EV_FIELDS[1..].iter().map(|f| Some(*f)));
        if e.kind == EvidenceKind::Data {
            v.extend(EV_DATA_FIELDS.iter().map(|f| Some(*f)));
        }
        v
    }

    pub(crate) fn evidence_action(&mut self, action: Action) {
        let shown = self.evidence_shown();
        let cur = shown.get(self.ev.list.sel).copied();
        match action {
            Action::FilterKind => {
                self.popup = Some(Popup::Pick(Box::new(pick::kind(true, self.ev.kind))));
            }
            Action::Categories => crate::tui::screens::evidence_categories::open(self),
            Action::Search => {
                let input = TextInput::new(&self.ev.query);
                self.popup = Some(Popup::Filter(Box::new(input)));
            }
            Action::Add => {
                self.open_group();
                let kind = self.ev.kind.unwrap_or_default();
                let mut idx = 0;
                let added = self.change(Part::Evidence, |wb| {
                    let item = new_evidence(wb, kind);
                    let label = format!("add evidence {}", item.id);
                    wb.evidence_mut().push(item);
                    idx = wb.evidence.len() - 1;
                    Some(label)
                });
                if !added {
                    return;
                }
                self.ev.query.clear();
                let pos = self
                    .evidence_shown()
                    .iter()
                    .position(|i| *i == idx)
                    .unwrap_or(0);
                self.ev.list.sel = pos;
                self.ev.list.pane = Pane::Form;
                self.ev.list.field = 0;
                self.edit(Target::Evidence(idx, EvField::Title), false);
            }
            Action::Open | Action::Edit => {
                let Some(i) = cur else { return };
                if self.ev.list.pane == Pane::List {
                    self.ev.list.pane = Pane::Form;
                    self.ev.list.field = 0;
                    return;
                }
                match self.evidence_fields(i).get(self.ev.list.field) {
                    Some(Some(f)) => self.edit(Target::Evidence(i, *f), false),
                    Some(None) => {
                        if !self.may_change() {
                            return;
                        }
                        let k = self.wb().map(|w| w.evidence[i].kind).unwrap_or_default();
                        self.popup = Some(Popup::Pick(Box::new(pick::kind(false, Some(k)))));
                    }
                    None => {}
                }
            }
            Action::Delete => {
                let Some(i) = cur else { return };
                let Some(wb) = self.wb() else { return };
                let e = &wb.evidence[i];
                let refs = wb.citing_refs(&e.id);
                let message = if refs.is_empty() {
                    format!("Delete {} \"{}\"? No question cites it.", e.id, e.title)
                } else {
                    format!(
                        "Delete {} \"{}\"? It is cited by {}; those links go too.",
                        e.id,
                        e.title,
                        refs.join(", ")
                    )
                };
                self.popup = Some(Popup::Confirm {
                    ask: Confirm::new(message, &self.keymap),
                    on_yes: Pending::DeleteEvidence(i),
                });
            }
            Action::Link | Action::Unlink => {
                let (Some(i), Some(q)) = (cur, self.current_question()) else {
                    return;
                };
                if action == Action::Link {
                    self.link(&q, i);
                } else if let Some(id) = self.wb().map(|w| w.evidence[i].id.clone()) {
                    let mut removed = false;
                    self.with_answer(&q, |a| {
                        let before = a.evidence.len();
                        a.evidence.retain(|e| *e != id);
                        removed = a.evidence.len() != before;
                    });
                    let label = crate::workbook::evidence_label(i);
                    self.message = Some((
                        if removed {
                            format!("Unlinked {label} from the current question")
                        } else {
                            format!("{label} is not linked to the current question")
                        },
                        false,
                    ));
                }
            }
            _ => {}
        }
    }
}
