//! The contract every part of the interface keeps: screens, pop-ups and the
//! common widgets they are built from.
//!
//! A component is given an action (a key the keymap has turned into one)
//! or, while text is being typed, the raw key; it answers whether it used
//! it, and when it has finished, with what. It draws itself into the area
//! it is given without changing anything, and names the keys it answers to
//! for the footer.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::keys::{Action, Keymap};
use super::theme::Theme;

/// What a component did with an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled<T> {
    /// Not its key: the caller may give it to someone else.
    Ignored,
    /// Used, and the component is still open.
    Consumed,
    /// Used, and the component has finished with this result.
    Done(T),
}

impl<T> Handled<T> {
    /// True unless the input was ignored.
    pub fn consumed(&self) -> bool {
        !matches!(self, Handled::Ignored)
    }
}

pub trait Component {
    /// What the component finishes with (a choice, a text, a yes or no).
    type Output;

    /// Handles an action from the keymap.
    fn action(&mut self, action: Action) -> Handled<Self::Output>;

    /// Handles a key that is text being typed; most components type nothing.
    fn text_key(&mut self, _key: KeyEvent) -> Handled<Self::Output> {
        Handled::Ignored
    }

    /// Draws the component into `area` (a pop-up into the whole screen, and
    /// places itself there); drawing changes nothing.
    fn draw(&self, f: &mut Frame, area: Rect, th: Theme);

    /// The keys it answers to, as (key, what it does), for the footer.
    fn hints(&self, keymap: &Keymap) -> Vec<(String, String)>;
}
