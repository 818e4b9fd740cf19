//! The review manager's findings: key messages, strengths and areas by
//! domain, recommendations and next steps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{cut, pad};
use crate::tui::app::{App, Screen};
use crate::tui::drawn::{Drawn, List};
use crate::tui::layout;
use crate::tui::widgets::boxed;

/// Draws the screen into the body, recording what a click on it does.
pub fn draw(f: &mut Frame, app: &App, area: Rect, out: &mut Drawn) {
    use crate::tui::app::FindRow;
    if app.report_view.on {
        return super::report::draw(f, app, area, out);
    }
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
            FindRow::KeyMessage(i) => format!(
                "Key message {}: {}",
                i + 1,
                fd.key_messages[*i]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
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
    let o = layout::scroll(
        app.frame.offset(List::Of(Screen::Findings), 0),
        sel,
        h,
        rows.len(),
    );
    out.set_offset(List::Of(Screen::Findings), 0, o);
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
