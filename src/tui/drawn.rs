//! What one frame drew, returned by `view::draw` and kept by the app until
//! the next: where each clickable thing is, so a click is resolved against
//! the screen the user saw, and the first row each list showed, so the next
//! frame scrolls as little as possible. Drawing itself changes nothing.

use std::collections::HashMap;

use ratatui::layout::{Position, Rect};

use super::screens::Screen;

/// What a click on an area does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Shows a screen (its tab).
    Tab(Screen),
    /// Selects a question in the tree (its index in framework order).
    Question(usize),
    /// Selects a row of the start screen (0 is "new workbook").
    Start(usize),
    /// Selects an item of the list on the left of a list-and-form screen.
    Item(usize),
    /// Moves the focus to the form (or answer) pane.
    Form,
    /// Nothing, and nothing under it either (the tab row between tabs).
    Inert,
}

/// Where a list's scroll position is kept between frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    /// The question tree.
    Tree,
    /// The answer pane of the question shown.
    Detail,
    /// The list of a screen.
    Of(Screen),
    /// The last first row the answer pane can scroll to (its rows less
    /// its height), so the scroll keys stop at the end.
    DetailEnd,
    /// The same for the question shown beside an editor.
    BesideEnd,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// The size of the screen drawn.
    pub size: Rect,
    /// Clickable areas, later ones drawn over earlier ones.
    hits: Vec<(Rect, Hit)>,
    /// The first row each list showed, with what it was showing (the
    /// answer pane's scroll belongs to one question and starts again on
    /// another).
    offsets: HashMap<List, (u64, usize)>,
    /// The furthest the help pop-up could scroll in the frame drawn, so
    /// `j` past its end does not pile up presses `k` must take back.
    pub help_last: usize,
}

impl Default for Drawn {
    /// Before the first frame: the usual terminal, nothing to click.
    fn default() -> Drawn {
        Drawn {
            size: Rect::new(0, 0, 80, 24),
            hits: Vec::new(),
            offsets: HashMap::new(),
            help_last: usize::MAX,
        }
    }
}

impl Drawn {
    pub fn new(size: Rect) -> Drawn {
        Drawn {
            size,
            ..Drawn::default()
        }
    }

    /// Records a clickable area.
    pub fn hit(&mut self, area: Rect, hit: Hit) {
        if area.width > 0 && area.height > 0 {
            self.hits.push((area, hit));
        }
    }

    /// What a click at (`col`, `row`) lands on: the topmost area there.
    pub fn at(&self, col: u16, row: u16) -> Option<Hit> {
        let p = Position::new(col, row);
        self.hits
            .iter()
            .rev()
            .find(|(r, _)| r.contains(p))
            .map(|(_, h)| *h)
    }

    /// The first row `list` showed last time, if it showed `what` (any
    /// number that changes when the list should start again from the top).
    pub fn offset(&self, list: List, what: u64) -> usize {
        match self.offsets.get(&list) {
            Some((w, o)) if *w == what => *o,
            _ => 0,
        }
    }

    /// Records the first row a list shows.
    pub fn set_offset(&mut self, list: List, what: u64, offset: usize) {
        self.offsets.insert(list, (what, offset));
    }

    /// Rows of a list, one item per row from `first` down, as hits; rows
    /// past `len` are not.
    pub fn rows(&mut self, area: Rect, first: usize, len: usize, hit: impl Fn(usize) -> Hit) {
        for (k, y) in (area.y..area.y + area.height).enumerate() {
            let i = first + k;
            if i >= len {
                break;
            }
            self.hit(Rect::new(area.x, y, area.width, 1), hit(i));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_lands_on_the_topmost_area() {
        let mut d = Drawn::new(Rect::new(0, 0, 80, 24));
        d.hit(Rect::new(0, 1, 80, 20), Hit::Form);
        d.rows(Rect::new(1, 2, 20, 5), 10, 12, Hit::Item);
        assert_eq!(d.at(5, 2), Some(Hit::Item(10)));
        assert_eq!(d.at(5, 3), Some(Hit::Item(11)));
        // Past the end of the list: the area under it.
        assert_eq!(d.at(5, 4), Some(Hit::Form));
        assert_eq!(d.at(5, 23), None);
    }

    #[test]
    fn an_offset_is_kept_only_for_what_it_was_shown_with() {
        let mut d = Drawn::default();
        d.set_offset(List::Detail, 3, 12);
        assert_eq!(d.offset(List::Detail, 3), 12);
        assert_eq!(d.offset(List::Detail, 4), 0);
        assert_eq!(d.offset(List::Tree, 0), 0);
    }
}
