//! The feedback report's own fields, edited on the Findings screen: `r`
//! there switches between the findings and this list (title, date,
//! executive summary, background, thanks, presentation, which ratings the
//! report shows, each domain's paragraphs, each recommendation's
//! explanation and group, themes beyond the framework's domains, contacts).
//! Every edit goes through a field [`Target`] and `ScreenCtx::change`; it
//! draws from `DrawCtx` with its own state (`report_state.rs`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::remove_at;
pub use super::report_state::{ReportState, what};
use crate::text::inert;
use crate::tui::drawn::Drawn;
use crate::tui::edit::Target;
use crate::tui::keys::Action;
use crate::tui::screens::ctx::{DrawCtx, ScreenCtx};
use crate::tui::undo::Part;
use crate::tui::widgets::form::{FormSpec, draw_form};
use crate::workbook::Workbook;
use crate::workbook::fields::report::{
    CONTACT_FIELDS, ContactField, REPORT_FIELDS, RecReportField, ReportTarget, ThemeField,
    new_contact, new_theme,
};
use crate::workbook::report::{RatingsShown, ReportDetails};

/// A row of the report's list.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Field(ReportTarget),
    Ratings,
    Emails,
    About,
    AddThemeStrength(usize),
    AddThemeArea(usize),
    AddTheme,
    AddContact,
}

/// The rows, in the report's order.
pub fn rows(wb: &Workbook) -> Vec<Row> {
    use ReportTarget as T;
    let f = &wb.findings;
    let mut v: Vec<Row> = REPORT_FIELDS
        .iter()
        .map(|x| Row::Field(T::Detail(*x)))
        .collect();
    // The toggles sit after the background's fields.
    v.insert(7, Row::About);
    v.push(Row::Emails);
    if wb.framework.scale.is_some() {
        v.push(Row::Ratings);
    }
    v.extend(
        wb.framework
            .domains
            .iter()
            .map(|d| Row::Field(T::DomainNarrative(d.id.clone()))),
    );
    for i in 0..f.recommendations.len() {
        v.push(Row::Field(T::Rec(i, RecReportField::Explanation)));
        v.push(Row::Field(T::Rec(i, RecReportField::Group)));
    }
    for (i, t) in f.themes.iter().enumerate() {
        v.push(Row::Field(T::Theme(i, ThemeField::Title)));
        v.push(Row::Field(T::Theme(i, ThemeField::Narrative)));
        v.extend((0..t.strengths.len()).map(|k| Row::Field(T::ThemeStrength(i, k))));
        v.push(Row::AddThemeStrength(i));
        v.extend((0..t.areas.len()).map(|k| Row::Field(T::ThemeArea(i, k))));
        v.push(Row::AddThemeArea(i));
    }
    v.push(Row::AddTheme);
    if let Some(r) = &f.report {
        for i in 0..r.contacts.len() {
            v.extend(CONTACT_FIELDS.iter().map(|x| Row::Field(T::Contact(i, *x))));
        }
    }
    v.push(Row::AddContact);
    v
}

fn details(wb: &Workbook) -> ReportDetails {
    wb.findings.report.clone().unwrap_or_default()
}

fn label(wb: &Workbook, row: &Row) -> (String, String) {
    use ReportTarget as T;
    let r = details(wb);
    let domain = |id: &str| {
        wb.framework
            .domains
            .iter()
            .find(|d| d.id == id)
            .map_or(id.to_string(), |d| d.title.clone())
    };
    let theme = |i: usize| {
        wb.findings
            .themes
            .get(i)
            .map_or(String::new(), |t| t.title.clone())
    };
    match row {
        Row::Field(t) => {
            let value = inert(&Target::Report(t.clone()).read(wb));
            let name = match t {
                T::DomainNarrative(d) => format!("{} · paragraphs", domain(d)),
                T::Rec(i, RecReportField::Explanation) => format!("R{} explanation", i + 1),
                T::Rec(i, RecReportField::Group) => format!("R{} group", i + 1),
                T::Theme(i, ThemeField::Title) => format!("Theme {} title", i + 1),
                T::Theme(i, ThemeField::Narrative) => format!("{} · paragraphs", theme(*i)),
                T::ThemeStrength(i, k) => format!("{} · strength {}", theme(*i), k + 1),
                T::ThemeArea(i, k) => format!("{} · area {}", theme(*i), k + 1),
                T::Contact(i, f) => format!(
                    "Contact {} {}",
                    i + 1,
                    f.label().trim_start_matches("Contact: ").to_lowercase()
                ),
                T::Detail(f) => f.label().to_string(),
            };
            (name, value)
        }
        Row::Ratings => (
            "Ratings shown (Enter to change)".into(),
            r.ratings.label().into(),
        ),
        Row::Emails => (
            "Team's email addresses (Enter to change)".into(),
            if r.show_emails { "shown" } else { "left out" }.into(),
        ),
        Row::About => (
            "\"What a peer review is\" paragraph (Enter to change)".into(),
            if r.omit_about_peer_review {
                "left out"
            } else {
                "included"
            }
            .into(),
        ),
        Row::AddThemeStrength(i) => (String::new(), format!("+ add a strength to {}", theme(*i))),
        Row::AddThemeArea(i) => (
            String::new(),
            format!("+ add an area for consideration to {}", theme(*i)),
        ),
        Row::AddTheme => (
            String::new(),
            "+ add a theme beyond the framework's domains".into(),
        ),
        Row::AddContact => (String::new(), "+ add a contact".into()),
    }
}

/// Draws the report's fields into the Findings screen's body.
pub fn draw(f: &mut Frame, cx: DrawCtx, st: &ReportState, area: Rect, _out: &mut Drawn) {
    let Some(wb) = cx.wb else { return };
    let rows: Vec<(String, String)> = rows(wb).iter().map(|r| label(wb, r)).collect();
    draw_form(
        f,
        cx.theme,
        area,
        FormSpec {
            title: " Feedback report (r: back to the findings) ".into(),
            focused: true,
            rows: &rows,
            sel: st.sel.min(rows.len().saturating_sub(1)),
            extra: Vec::new(),
        },
        None,
    );
}

/// The Findings screen's hook: `r` switches to (or from) the report's
/// fields, and while they are shown this handles the screen's keys. True
/// when the action was handled here.
pub fn action(cx: &mut impl ScreenCtx, action: Action) -> bool {
    if action == Action::ReportView {
        cx.report_view().on = !cx.report_view().on;
        return true;
    }
    if !cx.report_view().on {
        return false;
    }
    let Some(wb) = cx.workbook() else { return true };
    let rows = rows(wb);
    let n = rows.len();
    let sel = cx.report_view().sel.min(n.saturating_sub(1));
    let row = rows.get(sel).cloned();
    match action {
        Action::Up => cx.report_view().sel = sel.saturating_sub(1),
        Action::Down => cx.report_view().sel = (sel + 1).min(n.saturating_sub(1)),
        Action::Top => cx.report_view().sel = 0,
        Action::Bottom => cx.report_view().sel = n.saturating_sub(1),
        Action::Back => cx.report_view().on = false,
        Action::Open | Action::Edit => match row {
            Some(Row::Field(t)) => cx.edit(Target::Report(t), false),
            Some(r) => toggle_or_add(cx, &r),
            None => {}
        },
        Action::Add => {
            if let Some(r) = row {
                toggle_or_add(cx, &r);
            }
        }
        Action::Delete => delete(cx, row),
        _ => {}
    }
    true
}

fn report_mut(wb: &mut Workbook) -> &mut ReportDetails {
    wb.findings.report.get_or_insert_default()
}

fn toggle_or_add(cx: &mut impl ScreenCtx, row: &Row) {
    use ReportTarget as T;
    let target = match row {
        Row::Ratings => {
            cx.change(Part::Findings, |wb| {
                let r = report_mut(wb);
                r.ratings = match r.ratings {
                    RatingsShown::SelfAndPeer => RatingsShown::PeerOnly,
                    RatingsShown::PeerOnly => RatingsShown::None,
                    RatingsShown::None => RatingsShown::SelfAndPeer,
                };
                Some("change the ratings the report shows".into())
            });
            return;
        }
        Row::Emails => {
            cx.change(Part::Findings, |wb| {
                let r = report_mut(wb);
                r.show_emails = !r.show_emails;
                Some("show or leave out the team's emails".into())
            });
            return;
        }
        Row::About => {
            cx.change(Part::Findings, |wb| {
                let r = report_mut(wb);
                r.omit_about_peer_review = !r.omit_about_peer_review;
                Some("include or leave out \"what a peer review is\"".into())
            });
            return;
        }
        Row::AddThemeStrength(i) | Row::Field(T::ThemeStrength(i, _)) => {
            let k = cx
                .workbook()
                .and_then(|w| w.findings.themes.get(*i))
                .map_or(0, |t| t.strengths.len());
            T::ThemeStrength(*i, k)
        }
        Row::AddThemeArea(i) | Row::Field(T::ThemeArea(i, _)) => {
            let k = cx
                .workbook()
                .and_then(|w| w.findings.themes.get(*i))
                .map_or(0, |t| t.areas.len());
            T::ThemeArea(*i, k)
        }
        Row::AddTheme => {
            cx.open_group();
            let mut i = 0;
            let added = cx.change(Part::Findings, |wb| {
                let t = new_theme(wb);
                wb.findings.themes.push(t);
                i = wb.findings.themes.len() - 1;
                Some(format!("add theme {}", i + 1))
            });
            if !added {
                return;
            }
            T::Theme(i, ThemeField::Title)
        }
        Row::AddContact => {
            cx.open_group();
            let mut i = 0;
            let added = cx.change(Part::Findings, |wb| {
                let c = &mut report_mut(wb).contacts;
                c.push(new_contact());
                i = c.len() - 1;
                Some(format!("add contact {}", i + 1))
            });
            if !added {
                return;
            }
            T::Contact(i, ContactField::Name)
        }
        Row::Field(_) => return,
    };
    let added = matches!(target, T::ThemeStrength(..) | T::ThemeArea(..));
    cx.edit(Target::Report(target), added);
}

fn delete(cx: &mut impl ScreenCtx, row: Option<Row>) {
    use ReportTarget as T;
    let Some(Row::Field(t)) = row else { return };
    cx.change(Part::Findings, |wb| {
        let f = &mut wb.findings;
        match t {
            T::ThemeStrength(i, k) => remove_at(&mut f.themes.get_mut(i)?.strengths, k)
                .then(|| format!("delete strength {} of theme {}", k + 1, i + 1)),
            T::ThemeArea(i, k) => remove_at(&mut f.themes.get_mut(i)?.areas, k)
                .then(|| format!("delete area {} of theme {}", k + 1, i + 1)),
            T::Theme(i, _) if i < f.themes.len() => {
                f.themes.remove(i);
                Some(format!("delete theme {}", i + 1))
            }
            T::Contact(i, _) => {
                let c = &mut f.report.as_mut()?.contacts;
                (i < c.len()).then(|| {
                    c.remove(i);
                    format!("delete contact {}", i + 1)
                })
            }
            _ => None,
        }
    });
}
