//! The one choose-from-a-list pop-up: ratings, statuses, kinds, frameworks,
//! exports, conflicts and their values all use it, so each behaves the
//! same. It opens on the current value; Up/Down (`k`/`j`), Top/Bottom
//! (`g`/`G`) move; Enter chooses; Esc cancels.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::popup_block;
use crate::text::{cut, pad, wrap_lines};
use crate::tui::component::{Component, Handled};
use crate::tui::keys::{Action, Context, Keymap};
use crate::tui::layout;
use crate::tui::theme::Theme;

/// How wide or high the pop-up is, in the middle of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// At most this many cells.
    Fixed(u16),
    /// The screen's less this many.
    Inset(u16),
}

impl Extent {
    fn of(self, room: u16) -> u16 {
        match self {
            Extent::Fixed(n) => n,
            Extent::Inset(n) => room.saturating_sub(n),
        }
    }
}

/// The pop-up's width and height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size(pub Extent, pub Extent);

impl Size {
    pub const fn fixed(w: u16, h: u16) -> Size {
        Size(Extent::Fixed(w), Extent::Fixed(h))
    }
    pub const fn inset(w: u16, h: u16) -> Size {
        Size(Extent::Inset(w), Extent::Inset(h))
    }
}

/// How a line of a note is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Dim,
    Title,
}

/// One thing to choose.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choice {
    pub label: String,
    /// Shown under the label, indented (a conflict's value).
    pub detail: Option<String>,
    /// Paragraphs shown below the list while this choice is highlighted
    /// (what a rating level means, a framework's description).
    pub note: Vec<(String, Tone)>,
}

impl Choice {
    pub fn new(label: impl Into<String>) -> Choice {
        Choice {
            label: label.into(),
            ..Choice::default()
        }
    }
}

/// How a picker finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    Chosen(usize),
    Cancelled,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    title: String,
    choices: Vec<Choice>,
    sel: usize,
    size: Size,
    /// Labels not highlighted are bold (choices with details under them).
    bold_labels: bool,
    /// The list takes at most half the height, the note the rest.
    half_height: bool,
}

impl Picker {
    /// A picker on the first choice, as small as its choices.
    pub fn new(title: impl Into<String>, choices: Vec<Choice>) -> Picker {
        let h = choices.len() as u16 + 2;
        Picker {
            title: title.into(),
            choices,
            sel: 0,
            size: Size::fixed(40, h),
            bold_labels: false,
            half_height: false,
        }
    }

    /// Choices that are labels only.
    pub fn of_labels<S: Into<String>>(
        title: impl Into<String>,
        labels: impl IntoIterator<Item = S>,
    ) -> Picker {
        Picker::new(title, labels.into_iter().map(Choice::new).collect())
    }

    pub fn size(mut self, size: Size) -> Picker {
        self.size = size;
        self
    }

    /// Opens on this choice (the current value), if there is one.
    pub fn on(mut self, current: Option<usize>) -> Picker {
        self.sel = current
            .unwrap_or(0)
            .min(self.choices.len().saturating_sub(1));
        self
    }

    pub fn bold_labels(mut self) -> Picker {
        self.bold_labels = true;
        self
    }

    pub fn half_height(mut self) -> Picker {
        self.half_height = true;
        self
    }

    pub fn selected(&self) -> usize {
        self.sel
    }

    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.choices.iter().map(|c| c.label.as_str())
    }

    fn last(&self) -> usize {
        self.choices.len().saturating_sub(1)
    }
}

impl Component for Picker {
    type Output = Picked;

    fn action(&mut self, action: Action) -> Handled<Picked> {
        match action {
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(self.last()),
            Action::Top => self.sel = 0,
            Action::Bottom => self.sel = self.last(),
            Action::Open if !self.choices.is_empty() => {
                return Handled::Done(Picked::Chosen(self.sel));
            }
            Action::Open => {}
            Action::Back | Action::No => return Handled::Done(Picked::Cancelled),
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, th: Theme) {
        let Size(w, h) = self.size;
        let r = layout::centred(area, w.of(area.width), h.of(area.height));
        f.render_widget(Clear, r);
        let block = popup_block(&self.title, th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let w = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        let mut sel_line = 0;
        for (i, c) in self.choices.iter().enumerate() {
            if i == self.sel {
                sel_line = lines.len();
            }
            let style = match (i == self.sel, self.bold_labels) {
                (true, _) => th.selected(),
                (false, true) => th.title(),
                (false, false) => Style::default(),
            };
            lines.push(Line::from(Span::styled(pad(&cut(&c.label, w), w), style)));
            if let Some(d) = &c.detail {
                lines.extend(
                    wrap_lines(d, w.saturating_sub(2))
                        .take(4)
                        .map(|l| Line::from(format!("  {l}"))),
                );
            }
        }
        let room = if self.half_height {
            inner.height / 2
        } else {
            inner.height
        };
        let list_h = (lines.len() as u16).min(room);
        let from = layout::scroll(0, sel_line, list_h as usize, lines.len());
        let shown: Vec<Line> = lines.into_iter().skip(from).take(list_h as usize).collect();
        f.render_widget(
            Paragraph::new(shown),
            Rect::new(inner.x, inner.y, inner.width, list_h),
        );
        let Some(c) = self.choices.get(self.sel).filter(|c| !c.note.is_empty()) else {
            return;
        };
        let mut note = vec![Line::from("")];
        for (text, tone) in &c.note {
            let style = match tone {
                Tone::Plain => Style::default(),
                Tone::Dim => th.dim(),
                Tone::Title => th.title(),
            };
            note.extend(wrap_lines(text, w).map(|l| Line::from(Span::styled(l, style))));
        }
        f.render_widget(
            Paragraph::new(note),
            Rect::new(
                inner.x,
                inner.y + list_h,
                inner.width,
                inner.height.saturating_sub(list_h),
            ),
        );
    }

    fn hints(&self, keymap: &Keymap) -> Vec<(String, String)> {
        // In a picker Enter chooses and Esc cancels (not "open", "back").
        keymap
            .footer_actions(Context::Popup)
            .into_iter()
            .map(|(a, k, d)| match a {
                Action::Open => (k, "choose".into()),
                Action::Back => (k, "cancel".into()),
                _ => (k, d),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three() -> Picker {
        Picker::of_labels("Three", ["one", "two", "three"])
    }

    #[test]
    fn opens_on_the_current_value_within_the_list() {
        assert_eq!(three().on(Some(2)).selected(), 2);
        assert_eq!(three().on(Some(9)).selected(), 2);
        assert_eq!(three().on(None).selected(), 0);
    }

    #[test]
    fn moves_chooses_and_cancels() {
        let mut p = three();
        assert_eq!(p.action(Action::Down), Handled::Consumed);
        assert_eq!(p.action(Action::Bottom), Handled::Consumed);
        assert_eq!(p.action(Action::Down), Handled::Consumed);
        assert_eq!(p.selected(), 2, "stops at the end");
        p.action(Action::Top);
        p.action(Action::Up);
        assert_eq!(p.selected(), 0, "stops at the start");
        assert_eq!(p.action(Action::Open), Handled::Done(Picked::Chosen(0)));
        assert_eq!(p.action(Action::Back), Handled::Done(Picked::Cancelled));
        assert_eq!(p.action(Action::Save), Handled::Ignored);
    }

    #[test]
    fn an_empty_picker_chooses_nothing() {
        let mut p = Picker::new("None", Vec::new());
        assert_eq!(p.action(Action::Open), Handled::Consumed);
        assert_eq!(p.action(Action::Down), Handled::Consumed);
        assert_eq!(p.selected(), 0);
    }
}
