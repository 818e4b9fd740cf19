//! Where things go on screen. Shared by the views and by the mouse, so a
//! click lands on what was drawn there.

use ratatui::layout::Rect;

use super::screens::Screen;

/// Below this the interface says the terminal is too small.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// True if a frame of this size is too small to draw the interface in: the
/// too-small message is drawn instead, and keys wait (see
/// [`key_waits`]).
pub fn too_small(size: Rect) -> bool {
    size.width < MIN_WIDTH || size.height < MIN_HEIGHT
}

/// True if a key must not reach the interface because the last frame was
/// too small to show it: what is typed then would go unseen into an open
/// editor or pop-up. Only quitting, with no pop-up open, still works.
pub fn key_waits(last_frame: Rect, popup_open: bool, quits: bool) -> bool {
    too_small(last_frame) && (popup_open || !quits)
}

pub struct Main {
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn main(area: Rect) -> Main {
    let h = area.height;
    let row = |y: u16, height: u16| Rect::new(area.x, area.y + y, area.width, height);
    Main {
        tabs: row(0, 1.min(h)),
        body: row(1.min(h), h.saturating_sub(3)),
        status: row(h.saturating_sub(2), 1.min(h)),
        footer: row(h.saturating_sub(1), 1.min(h)),
    }
}

/// The list on the left and the detail on the right.
pub fn questions(body: Rect) -> (Rect, Rect) {
    // From 120 columns the list widens (to at most 72) to show the
    // questions' own text beside their references.
    let most = if body.width >= 120 { 72 } else { 44 };
    let left = (body.width * 2 / 5).clamp(24.min(body.width), most);
    (
        Rect::new(body.x, body.y, left, body.height),
        Rect::new(
            body.x + left,
            body.y,
            body.width.saturating_sub(left),
            body.height,
        ),
    )
}

/// The label of a tab as drawn, and so its width.
pub fn tab_label(s: Screen) -> String {
    format!(" {}", s.title())
}

pub fn tab_width(s: Screen) -> u16 {
    crate::text::width(&tab_label(s)) as u16 + 1
}

/// A box of at most `w`×`h` in the middle of `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The first row to show so that `sel` is visible in `height` rows,
/// moving as little as possible from `offset`.
pub fn scroll(offset: usize, sel: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let mut o = offset.min(len.saturating_sub(height));
    if sel < o {
        o = sel;
    } else if sel >= o + height {
        o = sel + 1 - height;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_keeps_the_selection_visible() {
        assert_eq!(scroll(0, 5, 10, 100), 0);
        assert_eq!(scroll(0, 15, 10, 100), 6);
        assert_eq!(scroll(20, 15, 10, 100), 15);
        assert_eq!(scroll(95, 99, 10, 100), 90);
        assert_eq!(scroll(3, 0, 0, 0), 0);
    }

    #[test]
    fn layouts_survive_tiny_areas() {
        let m = main(Rect::new(0, 0, 1, 1));
        assert!(m.body.height == 0);
        let (l, r) = questions(Rect::new(0, 0, 3, 0));
        assert!(l.width + r.width <= 3);
    }
}
