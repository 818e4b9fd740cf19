//! The interface's styles: colour only where the user has not asked for
//! none (`NO_COLOR`), and never colour alone.

use ratatui::style::{Color, Modifier, Style};

/// Styles, with colour only where the user has not asked for none.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }
    /// A colour hint for a scale colour name; the text is always there too.
    pub fn hint(&self, name: Option<&str>) -> Style {
        let c = match name {
            Some("red") => Color::Red,
            Some("amber") => Color::Rgb(255, 165, 0),
            Some("yellow") => Color::Yellow,
            Some("green") => Color::Green,
            Some("blue") => Color::Blue,
            Some("grey") => Color::Gray,
            _ => return Style::default(),
        };
        self.fg(c)
    }
}
