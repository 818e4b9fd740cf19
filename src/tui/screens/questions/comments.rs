//! Comments on an answer in the interface: `c` opens the thread (the
//! pop-up in `popups/comments.rs`), and what it asks for is done here with
//! the core's `workbook::comments`, the functions `peerbook comment` uses,
//! through the one edit path (`App::change`: the read-only refusal, the
//! undo record, the save). A new comment is a draft under the user's name
//! and the time the editor opens on it: it enters the workbook with its
//! first words and is written as it is typed, as every text field is (so a
//! crash or a hang-up keeps what was typed, and never leaves an empty
//! comment); one left empty never enters it. The author may edit their own
//! comment's text (`e`); another's is refused, saying whose it is, since a
//! comment's words are its author's (anyone may resolve or reopen one). A
//! comment is not a change to the answer: it leaves "last changed" and the
//! sign-off as they are.
//!
//! In reviewer mode the thread can be read (the dashboard lists open
//! comments in every mode) but not changed: the council's data is
//! read-only in a reviewer's copy, and writing or resolving a comment is
//! refused with the reason, as every change to the council's part is.
//!
//! Also the answer pane's line about the thread; the marks in the list and
//! the reading view are in `screens/comment_marks.rs`.

use crate::tui::app::{App, Popup};
use crate::tui::component::{Component, Handled};
use crate::tui::edit::Target;
use crate::tui::keys::{Action, Context};
use crate::tui::popups::comments::{Thread, ThreadChoice, tally};
use crate::tui::undo::{self, Part};
use crate::workbook::{Answer, comments};

impl App {
    /// Opens the thread on a question's answer, with the comment `select`
    /// (by id) chosen.
    pub(crate) fn open_comments(&mut self, qid: &str, select: Option<&str>) {
        let Some(doc) = &self.doc else { return };
        let list = doc
            .wb
            .answer(qid)
            .map(|a| a.comments.clone())
            .unwrap_or_default();
        let reference = undo::question_ref(&doc.wb, qid);
        let mut t = Thread::new(qid, &reference, list, select);
        t.user = self.user.clone();
        t.read_only = if doc.is_read_only() {
            Some("Read-only: nothing can be changed here".into())
        } else if self.reviewer.is_some() {
            Some("Reviewer mode: the council's comments can be read, not changed".into())
        } else {
            None
        };
        self.popup = Some(Popup::Comments(Box::new(t)));
    }

    /// A key in the thread.
    pub(crate) fn comments_action(&mut self, action: Action) {
        let Some(Popup::Comments(t)) = &mut self.popup else {
            return;
        };
        let qid = t.question.clone();
        match t.action(action) {
            Handled::Done(ThreadChoice::Close) => self.popup = None,
            Handled::Done(ThreadChoice::Add) => self.begin_comment(&qid),
            Handled::Done(ThreadChoice::Edit(id)) => self.edit_comment(&qid, &id),
            Handled::Done(ThreadChoice::SetResolved(id, resolved)) => {
                self.set_comment_resolved(&qid, &id, resolved)
            }
            // Undo and redo, through the same gate as everywhere; the
            // thread then shows what the workbook has, unless the change
            // undone was made elsewhere (it is then shown there).
            Handled::Ignored if matches!(action, Action::Undo | Action::Redo) => {
                let at = (self.screen, self.q.sel);
                self.undo_step(action == Action::Redo);
                if (self.screen, self.q.sel) == at {
                    self.refresh_thread();
                } else {
                    self.popup = None;
                }
            }
            Handled::Consumed | Handled::Ignored => {}
        }
    }

    /// Opens the editor on a new comment under the user's name (a draft:
    /// in the workbook once it has text); the comment and what is typed in
    /// it are one step to undo.
    fn begin_comment(&mut self, qid: &str) {
        // Refused (read-only, reviewer mode): the thread stays, and the
        // status bar says why.
        if !self.may_change_part(&Part::Answer(qid.to_string())) {
            return;
        }
        let Some(wb) = self.wb() else { return };
        let draft = comments::draft(wb.answer(qid), &self.user, chrono::Utc::now());
        self.popup = None;
        self.edit(Target::NewComment(qid.to_string(), draft), true);
    }

    /// Opens the editor on a comment's text, if it is the user's own.
    fn edit_comment(&mut self, qid: &str, id: &str) {
        if !self.may_change_part(&Part::Answer(qid.to_string())) {
            return;
        }
        let Some(by) = self
            .wb()
            .and_then(|wb| wb.answer(qid))
            .and_then(|a| comments::find(a, id))
            .filter(|c| !comments::is_author(c, &self.user))
            .map(|c| crate::text::inert(&c.by))
        else {
            self.popup = None;
            return self.edit(Target::Comment(qid.to_string(), id.to_string()), false);
        };
        self.message = Some((
            format!(
                "This is {by}'s comment: only they can change its words; a adds a reply of your own"
            ),
            true,
        ));
    }

    fn set_comment_resolved(&mut self, qid: &str, id: &str, resolved: bool) {
        let mut said = String::new();
        let changed = self.change(Part::Answer(qid.to_string()), |wb| {
            let r = undo::question_ref(wb, qid);
            let a = wb.answer_mut(qid);
            let by = comments::find(a, id)?.by.clone();
            comments::set_resolved(a, id, resolved).then_some(())?;
            let verb = if resolved { "resolve" } else { "reopen" };
            said = format!("{by}'s comment on {r}");
            Some(format!("{verb} {said}"))
        });
        if !changed {
            return;
        }
        let done = if resolved { "Resolved" } else { "Reopened" };
        self.message = Some((format!("{done} {}", crate::text::inert(&said)), false));
        self.refresh_thread();
    }

    /// The open thread shown as the workbook now has it.
    fn refresh_thread(&mut self) {
        let Some(Popup::Comments(t)) = &self.popup else {
            return;
        };
        let list = self
            .wb()
            .and_then(|wb| wb.answer(&t.question))
            .map(|a| a.comments.clone())
            .unwrap_or_default();
        if let Some(Popup::Comments(t)) = &mut self.popup {
            t.refresh(list);
        }
    }

    /// After the editor on a comment closes: back to its thread, on that
    /// comment if it was kept, saying whether it was.
    pub(crate) fn back_to_thread(&mut self, target: &Target, changed: bool) {
        let (qid, id, new) = match target {
            Target::Comment(q, id) => (q, id, false),
            Target::NewComment(q, d) => (q, &d.id, true),
            _ => return,
        };
        let kept = self
            .wb()
            .and_then(|wb| wb.answer(qid))
            .and_then(|a| comments::find(a, id))
            .is_some();
        self.open_comments(qid, Some(id));
        let r = self
            .wb()
            .map(|wb| crate::text::inert(&undo::question_ref(wb, qid)))
            .unwrap_or_default();
        let said = match (new, kept) {
            (true, true) => format!("Comment added to {r} as {}", crate::text::inert(&self.user)),
            (true, false) => format!("Nothing was written: no comment added to {r}"),
            (false, _) if changed => format!("Your comment on {r} is changed"),
            (false, _) => return,
        };
        self.message = Some((said, false));
    }
}

/// The answer pane's line about the thread, when there is one: "Comments:
/// 2 open, 1 resolved · c to read"; and whether any is open (it then
/// stands out).
pub fn pane_line(app: &App, a: &Answer) -> Option<(String, bool)> {
    if a.comments.is_empty() {
        return None;
    }
    let key = app
        .keymap
        .key_for(Context::Questions, Action::Comments)
        .map_or_else(String::new, |k| format!(" · {k} to read"));
    let open = comments::open_on(a) > 0;
    Some((format!("Comments: {}{key}", tally(&a.comments)), open))
}
