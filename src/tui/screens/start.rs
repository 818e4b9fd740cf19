//! The start screen: the workbooks in the data folder and a new one. It
//! owns its state (the workbooks listed, the row chosen) and answers its
//! actions with what the user chose, which the app carries out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use std::path::{Path, PathBuf};

use crate::review::scoring;
use crate::store::WorkbookFile;
use crate::text::{inert, pad};
use crate::tui::component::Handled;
use crate::tui::drawn::{Drawn, Hit};
use crate::tui::keys::{Action, Context, Keymap};
use crate::tui::theme::Theme;
use crate::tui::widgets::boxed;

/// What the start screen answers to, in the order its help lists them:
/// its own keys and the few global ones that do anything before a workbook
/// is open (not the other screens', which need one).
const START_ACTIONS: &[Action] = &[
    Action::Open,
    Action::Add,
    Action::OpenCopy,
    Action::Up,
    Action::Down,
    Action::Top,
    Action::Bottom,
    Action::Help,
    Action::Quit,
];

/// The start screen's help rows, (keys, what they do), from the keymap: a
/// key rebound in `keys.yaml` is listed as bound.
pub fn help(keymap: &Keymap) -> Vec<(String, String)> {
    START_ACTIONS
        .iter()
        .filter_map(|a| {
            let mut keys = keymap.keys_for(Context::Start, *a);
            if keys.is_empty() {
                keys = keymap.keys_for(Context::Global, *a);
            }
            (!keys.is_empty()).then(|| (keys.replace('/', " "), a.describe()))
        })
        .collect()
}

/// Draws the start screen into the body; its rows are clickable.
pub fn draw(
    f: &mut Frame,
    th: Theme,
    st: &StartState,
    workbooks_dir: &Path,
    area: Rect,
    out: &mut Drawn,
) {
    let block = boxed(
        format!(" Workbooks in {} ", workbooks_dir.display()),
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
        if st.sel == 0 {
            th.selected()
        } else {
            th.title()
        },
    )));
    let height = inner.height.saturating_sub(3) as usize;
    // "New workbook" is on the third line, the workbooks below it.
    let rows = Rect::new(
        inner.x,
        inner.y.saturating_add(2),
        inner.width,
        inner.height.saturating_sub(2),
    );
    out.rows(rows, 0, st.books.len().min(height) + 1, Hit::Start);
    for (i, b) in st.books.iter().enumerate().take(height) {
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
        let style = if st.sel == i + 1 {
            th.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
    }
    if st.books.is_empty() {
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

/// A workbook in the data folder, for the start screen.
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: PathBuf,
    pub council: String,
    pub title: String,
    pub framework: String,
    pub answered: usize,
    pub total: usize,
    pub changed: String,
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub struct StartState {
    pub books: Vec<Listed>,
    /// 0 is "new workbook", then the books.
    pub sel: usize,
}

/// What the user chose on the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartChoice {
    /// Make a new workbook (choose its framework first).
    New,
    Open(PathBuf),
    /// Open a copy of a workbook (one held by someone else, say).
    OpenCopy(PathBuf),
    Quit,
}

impl StartState {
    /// Reads the workbooks in `dir`, keeping the row chosen where it can.
    pub fn refresh(&mut self, dir: &Path) {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        self.books = paths.into_iter().map(listed).collect();
        self.sel = self.sel.min(self.books.len());
    }

    /// The book on the chosen row (none on "new workbook").
    fn chosen(&self) -> Option<&Listed> {
        self.sel.checked_sub(1).and_then(|i| self.books.get(i))
    }

    pub fn action(&mut self, action: Action) -> Handled<StartChoice> {
        let last = self.books.len();
        match action {
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(last),
            Action::Top => self.sel = 0,
            Action::Bottom => self.sel = last,
            Action::Add => return Handled::Done(StartChoice::New),
            Action::Open => {
                return match self.chosen() {
                    None if self.sel == 0 => Handled::Done(StartChoice::New),
                    None => Handled::Consumed,
                    Some(b) => Handled::Done(StartChoice::Open(b.path.clone())),
                };
            }
            Action::OpenCopy => {
                return match self.chosen() {
                    Some(b) => Handled::Done(StartChoice::OpenCopy(b.path.clone())),
                    None => Handled::Consumed,
                };
            }
            Action::Back => return Handled::Done(StartChoice::Quit),
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }
}

/// One row of the list: the workbook's council, title and progress, or
/// why it does not open.
fn listed(path: PathBuf) -> Listed {
    match WorkbookFile::read(&path) {
        Ok((wb, _)) => {
            let r = scoring::report(&wb);
            let changed = wb
                .answers
                .iter()
                .filter_map(|a| a.changed.as_ref())
                .map(|c| c.at)
                .max()
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "-".into());
            Listed {
                path,
                council: wb.review.council.clone(),
                title: wb.review.title.clone(),
                framework: wb.framework.key(),
                answered: r.overall.answered,
                total: r.overall.total,
                changed,
                error: None,
            }
        }
        Err(e) => {
            // The row already names the file: keep "line:col: what".
            let first = e.to_string().lines().next().unwrap_or("").to_string();
            let error = first
                .strip_prefix(&format!("{}:", path.display()))
                .map(str::to_string)
                .unwrap_or(first);
            Listed {
                council: path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                path,
                title: String::new(),
                framework: String::new(),
                answered: 0,
                total: 0,
                changed: String::new(),
                error: Some(error),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_books() -> StartState {
        let book = |p: &str| Listed {
            path: PathBuf::from(p),
            council: String::new(),
            title: String::new(),
            framework: String::new(),
            answered: 0,
            total: 0,
            changed: String::new(),
            error: None,
        };
        StartState {
            books: vec![book("a.yaml"), book("b.yaml")],
            sel: 0,
        }
    }

    #[test]
    fn moves_between_new_and_the_books_and_says_what_was_chosen() {
        let mut s = two_books();
        assert_eq!(s.action(Action::Open), Handled::Done(StartChoice::New));
        assert_eq!(s.action(Action::OpenCopy), Handled::Consumed);
        s.action(Action::Bottom);
        s.action(Action::Down);
        assert_eq!(s.sel, 2);
        assert_eq!(
            s.action(Action::Open),
            Handled::Done(StartChoice::Open("b.yaml".into()))
        );
        s.action(Action::Up);
        assert_eq!(
            s.action(Action::OpenCopy),
            Handled::Done(StartChoice::OpenCopy("a.yaml".into()))
        );
        assert_eq!(s.action(Action::Back), Handled::Done(StartChoice::Quit));
        assert_eq!(s.action(Action::Rate(1)), Handled::Ignored);
    }
}
