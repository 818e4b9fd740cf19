//! The evidence library: the items on the left, the selected one's form on
//! the right. It acts through [`ScreenCtx`] and draws from [`DrawCtx`]
//! with its own state (`state.rs`), needing nothing of the app.

pub mod state;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use state::EvidenceState;

use crate::tui::drawn::{Drawn, List};
use crate::tui::edit::{EV_DATA_FIELDS, EV_FIELDS, EvField, Target, fmt_number, new_evidence};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::popups::{Popup, pick};
use crate::tui::screens::ctx::{DrawCtx, ScreenCtx};
use crate::tui::screens::{Pane, Pending, Screen};
use crate::tui::undo::Part;
use crate::tui::widgets::draw_note;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::tui::widgets::input::TextInput;
use crate::tui::widgets::list::{ListSpec, draw_list_with};
use crate::tui::widgets::placeholder_or;
use crate::workbook::fields::NEW_EVIDENCE;
use crate::workbook::{EvidenceItem, EvidenceKind, evidence_label};

/// Draws the screen into the body, recording what a click on it does.
///
/// `shown` is the items the filters leave (`EvidenceState::shown`) and
/// `question` the current question (the one selected on the questions
/// screen, which `l` and `u` act on).
pub fn draw(
    f: &mut Frame,
    cx: DrawCtx,
    (st, shown): (&EvidenceState, &[usize]),
    question: Option<&str>,
    area: Rect,
    out: &mut Drawn,
) {
    let Some(wb) = cx.wb else { return };
    let (left, right) = layout::questions(area);
    let filter = format!(
        " Evidence {} of {}{}{} ",
        shown.len(),
        wb.evidence.len(),
        st.kind
            .map(|k| format!(" · {}", k.label()))
            .unwrap_or_default(),
        if st.query.is_empty() {
            String::new()
        } else {
            format!(" · \"{}\"", st.query)
        }
    );
    let sel = st.list.sel.min(shown.len().saturating_sub(1));
    draw_list_with(
        f,
        cx.theme,
        cx.frame,
        left,
        out,
        ListSpec {
            title: filter,
            focused: st.list.pane == Pane::List,
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
        return draw_note(f, cx.theme, right, "", msg);
    };
    let e = &wb.evidence[idx];
    let rows: Vec<(String, String)> = fields(e)
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
    extra.extend(question.and_then(|q| current_question_line(cx, q, &e.id)));
    draw_form(
        f,
        cx.theme,
        right,
        FormSpec {
            title: format!(" {} ", evidence_label(idx)),
            focused: st.list.pane == Pane::Form,
            rows: &rows,
            sel: st.list.field,
            extra,
        },
        None,
    );
}

/// The line that names the current question (the one selected on the
/// questions screen, which `l` and `u` act on) and whether it cites the
/// item, with the key that changes that.
fn current_question_line(cx: DrawCtx, qid: &str, id: &str) -> Option<String> {
    use crate::tui::keys::Context;
    let wb = cx.wb?;
    let (_, q) = wb.framework.question(qid)?;
    let cites = wb
        .answer(qid)
        .is_some_and(|a| a.evidence.iter().any(|e| e == id));
    let action = if cites { Action::Unlink } else { Action::Link };
    let key = cx
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

/// Fields of an evidence item's form: its title, its kind (None: chosen
/// from a list), the fields every item has, and a data item's own.
pub fn fields(e: &EvidenceItem) -> Vec<Option<EvField>> {
    let mut v: Vec<Option<EvField>> = vec![Some(EvField::Title), None];
    v.extend(EV_FIELDS[1..].iter().map(|f| Some(*f)));
    if e.kind == EvidenceKind::Data {
        v.extend(EV_DATA_FIELDS.iter().map(|f| Some(*f)));
    }
    v
}

/// The screen's own actions (after the moves every list-form screen
/// shares): the filters, the categories, add, edit a field or choose the
/// kind, delete (asked first), and link or unlink the current question.
pub fn action(cx: &mut impl ScreenCtx, action: Action) {
    let shown = cx.evidence_shown();
    let cur = shown.get(cx.evidence().list.sel).copied();
    match action {
        Action::FilterKind => {
            let kind = cx.evidence().kind;
            cx.open(Popup::Pick(Box::new(pick::kind(true, kind))));
        }
        Action::Categories => super::evidence_categories::open(cx),
        Action::Search => {
            let input = TextInput::new(&cx.evidence().query);
            cx.open(Popup::Filter(Box::new(input)));
        }
        Action::Add => {
            cx.open_group();
            let kind = cx.evidence().kind.unwrap_or_default();
            let mut idx = 0;
            let added = cx.change(Part::Evidence, |wb| {
                let item = new_evidence(wb, kind);
                let label = format!("add evidence {}", item.id);
                wb.evidence_mut().push(item);
                idx = wb.evidence.len() - 1;
                Some(label)
            });
            if !added {
                return;
            }
            cx.evidence().query.clear();
            let pos = cx
                .evidence_shown()
                .iter()
                .position(|i| *i == idx)
                .unwrap_or(0);
            let st = cx.evidence();
            st.list.sel = pos;
            st.list.pane = Pane::Form;
            st.list.field = 0;
            cx.edit(Target::Evidence(idx, EvField::Title), false);
        }
        Action::Open | Action::Edit => {
            let Some(i) = cur else { return };
            let st = cx.evidence();
            if st.list.pane == Pane::List {
                st.list.pane = Pane::Form;
                st.list.field = 0;
                return;
            }
            let field = st.list.field;
            let Some(e) = cx.workbook().and_then(|w| w.evidence.get(i)) else {
                return;
            };
            let kind = e.kind;
            match fields(e).get(field) {
                Some(Some(f)) => cx.edit(Target::Evidence(i, *f), false),
                Some(None) => cx.choose(pick::kind(false, Some(kind))),
                None => {}
            }
        }
        Action::Delete => {
            let Some(i) = cur else { return };
            let Some(wb) = cx.workbook() else { return };
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
            cx.ask(message, Pending::DeleteEvidence(i));
        }
        Action::Link | Action::Unlink => {
            let (Some(i), Some(q)) = (cur, cx.current_question()) else {
                return;
            };
            if action == Action::Link {
                link(cx, &q, i);
            } else if let Some(id) = cx.workbook().map(|w| w.evidence[i].id.clone()) {
                let mut removed = false;
                cx.change_answer(&q, |a| {
                    let before = a.evidence.len();
                    a.evidence.retain(|e| *e != id);
                    removed = a.evidence.len() != before;
                });
                let label = evidence_label(i);
                cx.say(if removed {
                    format!("Unlinked {label} from the current question")
                } else {
                    format!("{label} is not linked to the current question")
                });
            }
        }
        _ => {}
    }
}

/// Links evidence item `idx` to question `qid` (from here, or the link
/// picker of the questions screen), saying so, or that it already was.
pub fn link(cx: &mut impl ScreenCtx, qid: &str, idx: usize) {
    let Some(id) = cx
        .workbook()
        .and_then(|w| w.evidence.get(idx))
        .map(|e| e.id.clone())
    else {
        return;
    };
    let mut already = false;
    let added = cx.change_answer(qid, |a| {
        if a.evidence.contains(&id) {
            already = true;
        } else {
            a.evidence.push(id.clone());
        }
    });
    if !added && !already {
        return; // refused: the status bar says why
    }
    let r = cx
        .workbook()
        .and_then(|w| w.framework.question(qid))
        .map(|(_, q)| q.display_ref().to_string())
        .unwrap_or_default();
    let label = evidence_label(idx);
    cx.say(if added {
        format!("Linked {label} to {r}")
    } else {
        format!("{label} is already linked to {r}")
    });
}
