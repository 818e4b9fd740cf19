//! The editor pop-up: the text being typed into one field, and how keys
//! type into it. What the fields are, how their text is read from and
//! written to the workbook and the rules it must keep are the core's
//! ([`crate::workbook::fields`]), re-exported here for the screens.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::text::{Breaks, line_breaks};

pub use crate::workbook::fields::{
    ACT_FIELDS, ActField, CASE_FIELDS, CaseField, EV_DATA_FIELDS, EV_FIELDS, EvField, Kind,
    MEMBER_FIELDS, METRIC_FIELDS, MemberField, MetricField, Target, new_case, new_evidence,
    new_member,
};
pub use crate::workbook::fmt_number;

/// The editor pop-up: a field, its text, and any error from writing it.
pub struct Editor {
    pub target: Target,
    pub area: TextArea<'static>,
    pub error: Option<String>,
    /// The text when editing began, for Esc on a date or number.
    pub original: String,
    /// A list item added for this edit: removed again if left empty.
    pub added: bool,
    /// The last key was an Esc that asked before discarding what was
    /// typed (see [`crate::tui::widgets::esc`]).
    pub asked: bool,
    /// The words of a narrative being written, counted when it changes
    /// (see `App::editor_changed`), not on every frame: a cursor key in a
    /// 1 MB narrative would count it again.
    pub words: usize,
}

impl Editor {
    pub fn new(target: Target, text: String, added: bool) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            line_breaks(&text, Breaks::Keep)
                .split('\n')
                .map(str::to_string)
                .collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        if let Some(p) = target.placeholder() {
            // Drawn dimmed while the field is empty; never its text.
            area.set_placeholder_text(p);
        }
        let words = match target {
            Target::Narrative(_) => crate::review::diff::word_count(&text),
            _ => 0,
        };
        Editor {
            target,
            area,
            error: None,
            original: text,
            added,
            asked: false,
            words,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn multiline(&self) -> bool {
        self.target.kind() == Kind::Multi
    }

    /// What a line break typed or pasted here becomes.
    pub fn breaks(&self) -> Breaks {
        if self.multiline() {
            Breaks::Keep
        } else {
            Breaks::Space
        }
    }
}

/// A key typed into a text field. A line break that arrives as a character
/// (CR or LF, as some terminals send them, or Ctrl-M) goes in as pasted
/// text does: a new line in a multi-line field, a space in a one-line one,
/// never a raw CR. Enter itself is for each field to handle. True if the
/// text changed.
pub fn type_key(area: &mut TextArea<'static>, ev: KeyEvent, breaks: Breaks) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let line_break = !alt
        && match ev.code {
            KeyCode::Char('\r' | '\n') => true,
            // Ctrl-M is CR and Ctrl-J is LF: what a terminal sends for a
            // line break without bracketed paste. The text area's own
            // Ctrl-J would delete the line typed so far.
            KeyCode::Char('m' | 'j') => ctrl,
            _ => false,
        };
    if line_break {
        return area.insert_str(line_breaks("\r", breaks));
    }
    area.input(ev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editor_opened_on_text_with_cr_shows_its_lines() {
        let ed = Editor::new(Target::Narrative("1".into()), "a\r\nb\rc".into(), false);
        assert_eq!(ed.area.lines(), ["a", "b", "c"]);
    }

    #[test]
    fn a_line_break_key_is_a_new_line_or_a_space() {
        let cr = KeyEvent::new(KeyCode::Char('\r'), KeyModifiers::NONE);
        let ctrl_m = KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL);
        let mut area = TextArea::default();
        area.insert_str("a");
        assert!(type_key(&mut area, cr, Breaks::Keep));
        area.insert_str("b");
        assert!(type_key(&mut area, ctrl_m, Breaks::Keep));
        assert_eq!(area.lines(), ["a", "b", ""]);
        // A bare line feed (Ctrl-J) is a line break too, and never deletes
        // the line typed before it.
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        area.insert_str("typed");
        assert!(type_key(&mut area, ctrl_j, Breaks::Keep));
        assert_eq!(area.lines(), ["a", "b", "typed", ""]);
        let mut area = TextArea::default();
        area.insert_str("a");
        type_key(&mut area, cr, Breaks::Space);
        type_key(&mut area, ctrl_m, Breaks::Space);
        area.insert_str("b");
        assert_eq!(area.lines(), ["a  b"]);
    }
}
