//! The reading view's state and the document it shows: a domain's
//! questions one after another, each a block of rows (the question as a
//! heading, its rating and status line, the narrative wrapped, a gap).
//!
//! A place in the document is a question and a row within its block, never
//! a row counted from the top of the domain, so that what a key or a frame
//! costs is the rows it moves over or shows: only the blocks on screen (and
//! the one a move steps into) are wrapped, however many questions the
//! domain has and however long their narratives are.

use crate::framework::Question;
use crate::text::wrap_lines;
use crate::tui::component::Handled;
use crate::tui::keys::Action;
use crate::workbook::Workbook;

/// A place in a domain's document: the question (its place in the domain)
/// and the row within its block. Places compare in reading order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub q: usize,
    pub row: usize,
}

/// Where the reading view is: the domain, the row the cursor is on (its
/// question is the one `e` edits) and the first row shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingState {
    /// The domain (its place in the framework).
    pub domain: usize,
    pub cursor: Pos,
    pub top: Pos,
}

/// What a key in the reading view asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadingOut {
    /// Back to the Questions screen, on the question at the cursor.
    Back,
    /// Edit the narrative of the question at the cursor.
    Edit,
    /// The comments on the answer at the cursor.
    Comments,
    /// Nothing moved: say why.
    Note(&'static str),
}

/// What a row of the document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The question's reference and text.
    Heading,
    /// The rating and status line (its words are the drawing's).
    Status,
    /// A line of the narrative.
    Narrative,
    /// The narrative is empty: a dim note says so, never as its text.
    NoNarrative,
    /// The gap after a block.
    Gap,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub text: String,
}

/// A domain's document wrapped at a width.
pub struct Page<'a> {
    wb: &'a Workbook,
    questions: &'a [Question],
    width: usize,
}

impl<'a> Page<'a> {
    /// Domain `domain` of the workbook (the last if there are fewer), its
    /// text `width` columns wide.
    pub fn new(wb: &'a Workbook, domain: usize, width: usize) -> Page<'a> {
        let domains = &wb.framework.domains;
        let questions = domains
            .get(domain.min(domains.len().saturating_sub(1)))
            .map_or(&[][..], |d| d.questions.as_slice());
        Page {
            wb,
            questions,
            width: width.max(1),
        }
    }

    /// How many questions the domain has.
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    pub fn question(&self, q: usize) -> Option<&'a Question> {
        self.questions.get(q)
    }

    fn narrative(&self, q: usize) -> &'a str {
        self.questions
            .get(q)
            .and_then(|x| self.wb.answer(&x.id))
            .map_or("", |a| a.narrative.as_str())
    }

    fn heading(&self, q: usize) -> Vec<String> {
        let Some(x) = self.questions.get(q) else {
            return Vec::new();
        };
        let text = format!("{}  {}", x.display_ref(), x.text.replace('\n', " "));
        wrap_lines(&text, self.width).collect()
    }

    /// How many rows question `q`'s block has: this wraps its narrative.
    pub fn height(&self, q: usize) -> usize {
        let n = self.narrative(q);
        let body = if n.trim().is_empty() {
            1
        } else {
            wrap_lines(n, self.width).count()
        };
        self.heading(q).len() + 1 + body + 1
    }

    /// The rows of question `q`'s block from row `from` on, made as they
    /// are taken.
    pub fn rows(&self, q: usize, from: usize) -> impl Iterator<Item = Row> + 'a {
        let row = |kind, text| Row { kind, text };
        let heading = self
            .heading(q)
            .into_iter()
            .map(move |t| row(RowKind::Heading, t));
        let n = self.narrative(q);
        let body: Box<dyn Iterator<Item = Row> + 'a> = if n.trim().is_empty() {
            Box::new(std::iter::once(row(RowKind::NoNarrative, String::new())))
        } else {
            Box::new(wrap_lines(n, self.width).map(move |t| row(RowKind::Narrative, t)))
        };
        heading
            .chain(std::iter::once(row(RowKind::Status, String::new())))
            .chain(body)
            .chain(std::iter::once(row(RowKind::Gap, String::new())))
            .skip(from)
    }

    /// Whether question `q`'s block has a row `row`: this wraps its
    /// narrative only as far as that row.
    fn has_row(&self, q: usize, row: usize) -> bool {
        self.rows(q, row).next().is_some()
    }

    /// Rows from `p` on, counted no further than `most`.
    fn rows_from(&self, p: Pos, most: usize) -> usize {
        let (mut n, mut at) = (0, p);
        while at.q < self.len() && n < most {
            n += self.rows(at.q, at.row).take(most - n).count();
            at = Pos {
                q: at.q + 1,
                row: 0,
            };
        }
        n
    }

    /// A place that is in the document (the text may have changed since
    /// it was chosen).
    pub fn clamp(&self, p: Pos) -> Pos {
        if self.is_empty() {
            return Pos::default();
        }
        let q = p.q.min(self.len() - 1);
        if q != p.q {
            return Pos { q, row: 0 };
        }
        if self.has_row(q, p.row) {
            return p;
        }
        Pos {
            q,
            row: self.height(q) - 1,
        }
    }

    /// The last row of the document.
    pub fn end(&self) -> Pos {
        match self.len() {
            0 => Pos::default(),
            n => Pos {
                q: n - 1,
                row: self.height(n - 1) - 1,
            },
        }
    }

    /// `n` rows further on, or the last row.
    pub fn down(&self, mut p: Pos, n: usize) -> Pos {
        let mut left = n;
        while left > 0 && p.q < self.len() {
            if self.has_row(p.q, p.row + left) {
                p.row += left;
                return p;
            }
            let h = self.height(p.q);
            if p.q + 1 == self.len() {
                p.row = h - 1;
                return p;
            }
            left -= h - p.row;
            p = Pos { q: p.q + 1, row: 0 };
        }
        p
    }

    /// `n` rows back, or the first row.
    pub fn up(&self, mut p: Pos, n: usize) -> Pos {
        let mut left = n;
        while left > 0 {
            if left <= p.row {
                p.row -= left;
                return p;
            }
            if p.q == 0 {
                return Pos::default();
            }
            left -= p.row + 1;
            let q = p.q - 1;
            p = Pos {
                q,
                row: self.height(q) - 1,
            };
        }
        p
    }

    /// Rows from `a` on to `b` (`a` before `b`), counted no further than
    /// `most`.
    fn distance(&self, a: Pos, b: Pos, most: usize) -> usize {
        if a.q == b.q {
            return b.row.saturating_sub(a.row);
        }
        let mut d = 0;
        for (q, from) in std::iter::once((a.q, a.row)).chain((a.q + 1..b.q).map(|q| (q, 0))) {
            if d > most {
                return d;
            }
            d += self.rows(q, from).take(most + 1 - d).count();
        }
        d + b.row
    }

    /// The first row to show in `rows` rows so that `cursor` is shown,
    /// moving as little as possible from `top`, and never so far down that
    /// the view could have been fuller.
    pub fn top_for(&self, top: Pos, cursor: Pos, rows: usize) -> Pos {
        let rows = rows.max(1);
        let top = self.clamp(top);
        let top = if cursor < top {
            cursor
        } else if self.distance(top, cursor, rows) >= rows {
            self.up(cursor, rows - 1)
        } else {
            top
        };
        // Only near the end is the end looked for.
        if self.rows_from(top, rows) < rows {
            top.min(self.up(self.end(), rows - 1))
        } else {
            top
        }
    }
}

impl ReadingState {
    /// The view of domain `domain` from its `q`th question.
    pub fn at(domain: usize, q: usize) -> ReadingState {
        let p = Pos { q, row: 0 };
        ReadingState {
            domain,
            cursor: p,
            top: p,
        }
    }

    /// The question at the cursor.
    pub fn question<'a>(&self, wb: &'a Workbook) -> Option<&'a Question> {
        let d = wb.framework.domains.get(self.domain)?;
        d.questions
            .get(self.cursor.q.min(d.questions.len().checked_sub(1)?))
    }

    /// Handles a key, with the text `width` columns wide and `rows` rows
    /// shown (as the last frame drew them).
    pub fn action(
        &mut self,
        action: Action,
        wb: &Workbook,
        width: usize,
        rows: usize,
    ) -> Handled<ReadingOut> {
        let domains = wb.framework.domains.len();
        let page = Page::new(wb, self.domain, width);
        let cursor = page.clamp(self.cursor);
        let step = rows.saturating_sub(1).max(1);
        let (cursor, top) = match action {
            Action::Down => (page.down(cursor, 1), self.top),
            Action::Up => (page.up(cursor, 1), self.top),
            // A page turns: what was at the foot is at the head.
            Action::PageDown => (page.down(cursor, step), page.down(self.top, step)),
            Action::PageUp => (page.up(cursor, step), page.up(self.top, step)),
            Action::Top => (Pos::default(), Pos::default()),
            Action::Bottom => (page.end(), self.top),
            Action::NextDomain if self.domain + 1 >= domains => {
                return Handled::Done(ReadingOut::Note("This is the last domain"));
            }
            Action::PrevDomain if self.domain == 0 => {
                return Handled::Done(ReadingOut::Note("This is the first domain"));
            }
            Action::NextDomain | Action::PrevDomain => {
                *self = if action == Action::NextDomain {
                    ReadingState::at(self.domain + 1, 0)
                } else {
                    ReadingState::at(self.domain - 1, 0)
                };
                return Handled::Consumed;
            }
            Action::EditNarrative if !page.is_empty() => return Handled::Done(ReadingOut::Edit),
            Action::Comments if !page.is_empty() => return Handled::Done(ReadingOut::Comments),
            Action::Back => return Handled::Done(ReadingOut::Back),
            _ => return Handled::Ignored,
        };
        self.cursor = cursor;
        self.top = page.top_for(top, cursor, rows);
        Handled::Consumed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;

    /// Suffolk's first domain with short narratives: every block is the
    /// heading, the status, one row of narrative and the gap at 200
    /// columns.
    fn workbook() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let mut wb = Workbook::new(fw, "C", "T");
        let ids: Vec<String> = wb.framework.domains[0]
            .questions
            .iter()
            .map(|q| q.id.clone())
            .collect();
        for id in ids {
            wb.answer_mut(&id).narrative = format!("Narrative of {id}.");
        }
        wb
    }

    #[test]
    fn moves_go_row_by_row_across_blocks_and_stop_at_the_ends() {
        let wb = workbook();
        let page = Page::new(&wb, 0, 200);
        assert_eq!(page.height(0), 4);
        let p = page.down(Pos::default(), 5);
        assert_eq!(p, Pos { q: 1, row: 1 });
        assert_eq!(page.up(p, 2), Pos { q: 0, row: 3 });
        assert_eq!(page.up(p, 99), Pos::default());
        assert_eq!(page.down(p, 999), page.end());
        assert_eq!(page.end(), Pos { q: 4, row: 3 });
        let rows: Vec<RowKind> = page.rows(1, 1).map(|r| r.kind).collect();
        assert_eq!(rows, [RowKind::Status, RowKind::Narrative, RowKind::Gap]);
        // An empty narrative is one dim row, not text.
        let fresh = Workbook::new((*wb.framework).clone(), "C", "T");
        let page = Page::new(&fresh, 0, 200);
        let rows: Vec<Row> = page.rows(0, 0).collect();
        assert_eq!(rows[2].kind, RowKind::NoNarrative);
        assert!(rows[2].text.is_empty());
    }

    #[test]
    fn the_view_follows_the_cursor_and_is_never_emptier_than_it_need_be() {
        let wb = workbook();
        let page = Page::new(&wb, 0, 200);
        let top = Pos::default();
        // In view: the top stays.
        assert_eq!(page.top_for(top, Pos { q: 1, row: 0 }, 6), top);
        // Below the view: the cursor becomes the last row shown.
        let t = page.top_for(top, Pos { q: 2, row: 0 }, 6);
        assert_eq!(page.distance(t, Pos { q: 2, row: 0 }, 99), 5);
        // Above it: the cursor's row is the first.
        let c = Pos { q: 1, row: 2 };
        assert_eq!(page.top_for(Pos { q: 3, row: 0 }, c, 6), c);
        // The last rows fill the view.
        let last = page.top_for(page.end(), page.end(), 6);
        assert_eq!(page.distance(last, page.end(), 99), 5);
    }

    #[test]
    fn keys_move_the_cursor_turn_pages_and_change_domain() {
        let wb = workbook();
        let mut st = ReadingState::at(0, 0);
        assert_eq!(st.action(Action::Down, &wb, 200, 6), Handled::Consumed);
        assert_eq!(st.cursor, Pos { q: 0, row: 1 });
        st.action(Action::PageDown, &wb, 200, 6);
        assert_eq!(st.cursor, Pos { q: 1, row: 2 });
        assert_eq!(st.top, Pos { q: 1, row: 1 });
        st.action(Action::Bottom, &wb, 200, 6);
        assert_eq!(st.question(&wb).map(|q| q.id.as_str()), Some("5"));
        assert_eq!(
            st.action(Action::PrevDomain, &wb, 200, 6),
            Handled::Done(ReadingOut::Note("This is the first domain"))
        );
        assert_eq!(st.domain, 0);
        st.action(Action::NextDomain, &wb, 200, 6);
        assert_eq!((st.domain, st.cursor), (1, Pos::default()));
        assert_eq!(
            st.action(Action::Back, &wb, 200, 6),
            Handled::Done(ReadingOut::Back)
        );
    }
}
