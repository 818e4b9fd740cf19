//! The thread of comments on one answer (`c` on the Questions screen or in
//! the reading view), the way Word comments are used while a
//! self-assessment is written: each comment's author, when, whether it is
//! open or resolved, and its text, open ones marked and bold. `a` (or
//! Enter) writes a new one, `e` edits the selected one when it is the
//! user's own (another's is refused, saying whose it is), `r` resolves the
//! selected one or reopens it, Esc closes. The component only chooses; the app makes the change (see
//! `screens/questions/comments.rs`), through its one edit path.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text::{inert, pad, truncate};
use crate::tui::component::{Component, Handled};
use crate::tui::keys::{Action, Context, Keymap};
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::{popup_block, wrap};
use crate::workbook::comments::{self, Comment};

/// What the thread asks for. The app closes it for `Add` (the editor takes
/// its place, and gives it back when done) and `Close`; after
/// `SetResolved` it stays, showing the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadChoice {
    /// Begin a new comment.
    Add,
    /// Edit the text of the comment with this id.
    Edit(String),
    /// Resolve the comment with this id (true) or reopen it (false).
    SetResolved(String, bool),
    Close,
}

pub struct Thread {
    /// The question (its id) and its reference as shown.
    pub question: String,
    pub reference: String,
    /// The thread as the workbook has it (the app refreshes it after each
    /// change).
    pub comments: Vec<Comment>,
    /// The selected comment.
    pub sel: usize,
    /// Why nothing here can be changed (reviewer mode, a read-only
    /// workbook): said at the foot, and the keys that would change are not
    /// offered.
    pub read_only: Option<String>,
    /// The user's name: their own comments are offered for editing.
    pub user: String,
}

/// The widest the pop-up is.
const WIDTH: u16 = 76;

/// What the title says of the thread: "2 open, 1 resolved".
pub fn tally(comments: &[Comment]) -> String {
    let open = comments.iter().filter(|c| c.is_open()).count();
    match (open, comments.len() - open) {
        (0, 0) => "none yet".into(),
        (o, 0) => format!("{o} open"),
        (0, r) => format!("{r} resolved"),
        (o, r) => format!("{o} open, {r} resolved"),
    }
}

impl Thread {
    /// The thread on `question`, the comment `select` chosen (by id), else
    /// the first open one, else the newest.
    pub fn new(
        question: &str,
        reference: &str,
        comments: Vec<Comment>,
        select: Option<&str>,
    ) -> Thread {
        let sel = select
            .and_then(|id| comments.iter().position(|c| c.id == id))
            .or_else(|| comments.iter().position(Comment::is_open))
            .unwrap_or(comments.len().saturating_sub(1));
        Thread {
            question: question.to_string(),
            reference: reference.to_string(),
            comments,
            sel,
            read_only: None,
            user: String::new(),
        }
    }

    /// The thread as it is now, the same comment chosen where it still is.
    pub fn refresh(&mut self, comments: Vec<Comment>) {
        let id = self.comments.get(self.sel).map(|c| c.id.clone());
        self.sel = id
            .and_then(|id| comments.iter().position(|c| c.id == id))
            .unwrap_or(self.sel)
            .min(comments.len().saturating_sub(1));
        self.comments = comments;
    }

    pub fn title(&self) -> String {
        format!(
            "Comments on {} · {}",
            inert(&self.reference),
            tally(&self.comments)
        )
    }

    /// The rows of the thread at `w` columns, each with the comment it
    /// belongs to and whether it is that comment's heading.
    fn rows(&self, w: usize) -> Vec<(usize, bool, String)> {
        let mut rows = Vec::new();
        for (k, c) in self.comments.iter().enumerate() {
            let mark = if c.is_open() {
                "● open"
            } else {
                "✓ resolved"
            };
            let head = format!("{mark} · {} · {}", inert(&c.by), c.when());
            rows.push((k, true, truncate(&head, w)));
            let text = if c.text.trim().is_empty() {
                vec!["(empty)".to_string()]
            } else {
                wrap(&c.text, w.saturating_sub(2))
            };
            rows.extend(text.into_iter().map(|l| (k, false, format!("  {l}"))));
            if k + 1 < self.comments.len() {
                rows.push((k, false, String::new()));
            }
        }
        rows
    }
}

impl Component for Thread {
    type Output = ThreadChoice;

    fn action(&mut self, action: Action) -> Handled<ThreadChoice> {
        let last = self.comments.len().saturating_sub(1);
        match action {
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(last),
            Action::PageUp => self.sel = self.sel.saturating_sub(5),
            Action::PageDown => self.sel = (self.sel + 5).min(last),
            Action::Top => self.sel = 0,
            Action::Bottom => self.sel = last,
            Action::Add => return Handled::Done(ThreadChoice::Add),
            Action::Edit => {
                return match self.comments.get(self.sel) {
                    Some(c) => Handled::Done(ThreadChoice::Edit(c.id.clone())),
                    None => Handled::Consumed,
                };
            }
            Action::ResolveComment => {
                return match self.comments.get(self.sel) {
                    Some(c) => Handled::Done(ThreadChoice::SetResolved(c.id.clone(), c.is_open())),
                    None => Handled::Consumed,
                };
            }
            Action::Back => return Handled::Done(ThreadChoice::Close),
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    /// In the body of the screen, so the status bar (what a key did) and
    /// the footer (the thread's keys) stay in sight.
    fn draw(&self, f: &mut Frame, area: Rect, th: Theme) {
        let body = layout::main(area).body;
        let wide = WIDTH.min(body.width.saturating_sub(2));
        let w = wide.saturating_sub(2) as usize;
        let rows = self.rows(w);
        let foot = usize::from(self.read_only.is_some());
        // As tall as the thread, up to the body.
        let need = (rows.len().max(1) + foot + 2).max(6);
        let r = layout::centred(body, wide, need.min(body.height as usize) as u16);
        f.render_widget(Clear, r);
        let h = (r.height.saturating_sub(2) as usize).saturating_sub(foot);
        let mut lines: Vec<Line> = Vec::new();
        if self.comments.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("No comments on {} yet.", inert(&self.reference)),
                th.dim(),
            )));
        }
        // The chosen comment in view, from its heading down as far as fits.
        let first = rows
            .iter()
            .position(|(k, _, _)| *k == self.sel)
            .unwrap_or(0);
        let end = rows
            .iter()
            .rposition(|(k, _, _)| *k == self.sel)
            .unwrap_or(0);
        let top = layout::scroll(0, end, h, rows.len()).min(first);
        for (k, head, text) in rows.into_iter().skip(top).take(h) {
            let open = self.comments.get(k).is_some_and(Comment::is_open);
            let style = match (head, open) {
                (true, _) if k == self.sel => th.selected(),
                // Open ones stand out: bold, in the accent colour.
                (true, true) => th.accent().patch(th.title()),
                (false, true) => Style::default(),
                (_, false) => th.dim(),
            };
            let text = if head && k == self.sel {
                pad(&text, w)
            } else {
                text
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
        if let Some(why) = &self.read_only {
            while lines.len() < h {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(truncate(why, w), th.dim())));
        }
        f.render_widget(
            Paragraph::new(lines).block(popup_block(&self.title(), th)),
            r,
        );
    }

    fn hints(&self, keymap: &Keymap) -> Vec<(String, String)> {
        let chosen = self.comments.get(self.sel);
        let resolves = chosen.is_some_and(Comment::is_open);
        let mine = chosen.is_some_and(|c| comments::is_author(c, &self.user));
        keymap
            .footer_actions(Context::Comments)
            .into_iter()
            .filter_map(|(a, k, d)| match a {
                Action::Add | Action::ResolveComment | Action::Edit if self.read_only.is_some() => {
                    None
                }
                Action::Edit if !mine => None,
                Action::Edit => Some((k, "edit yours".into())),
                Action::ResolveComment if self.comments.is_empty() => None,
                Action::Add => Some((k, "add a comment".into())),
                Action::ResolveComment if resolves => Some((k, "resolve".into())),
                Action::ResolveComment => Some((k, "reopen".into())),
                Action::Back => Some((k, "close".into())),
                _ => Some((k, d)),
            })
            .collect()
    }
}

/// The thread's keys in one line, for the help of the screens it opens
/// from: "In the comments (c): a/Enter add · e edit yours · r
/// resolve/reopen", short enough for the help box.
pub fn help_line(keymap: &Keymap, context: Context) -> Option<String> {
    let open = keymap.key_for(context, Action::Comments)?;
    let keys: Vec<String> = [
        (Action::Add, "add"),
        (Action::Edit, "edit yours"),
        (Action::ResolveComment, "resolve/reopen"),
    ]
    .iter()
    .filter_map(|(a, what)| {
        let k = keymap.keys_for(Context::Comments, *a);
        (!k.is_empty()).then(|| format!("{k} {what}"))
    })
    .collect();
    Some(format!("In the comments ({open}): {}", keys.join(" · ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, resolved: bool) -> Comment {
        Comment {
            id: id.into(),
            by: "Jo Smith".into(),
            at: "2026-02-10T09:00:00Z".parse().unwrap(),
            text: format!("About {id}"),
            resolved,
            extra: Default::default(),
        }
    }

    #[test]
    fn the_thread_opens_on_the_first_open_comment_and_says_what_r_does() {
        let km = Keymap::default();
        let mut t = Thread::new(
            "3",
            "KLOE 3",
            vec![comment("a", true), comment("b", false)],
            None,
        );
        assert_eq!(t.sel, 1);
        assert_eq!(t.title(), "Comments on KLOE 3 · 1 open, 1 resolved");
        assert!(t.hints(&km).contains(&("r".into(), "resolve".into())));
        assert_eq!(
            t.action(Action::ResolveComment),
            Handled::Done(ThreadChoice::SetResolved("b".into(), true))
        );
        t.action(Action::Up);
        assert!(t.hints(&km).contains(&("r".into(), "reopen".into())));
        assert_eq!(
            t.action(Action::ResolveComment),
            Handled::Done(ThreadChoice::SetResolved("a".into(), false))
        );
        // Read-only: nothing offered that would change it.
        t.read_only = Some("Read-only".into());
        assert!(t.hints(&km).iter().all(|(_, d)| d == "close"));
        // Refreshed without the chosen comment: the selection stays in the list.
        t.refresh(vec![comment("b", false)]);
        assert_eq!(t.sel, 0);
    }
}
