//! The one rule for Esc wherever something is typed (a text, a date, a
//! number, the new-workbook form): Esc keeps what was typed where it can be
//! kept, and where it cannot (a date or number that does not read, a form
//! not yet created) it first says what would be lost; a second Esc, with
//! nothing typed in between, discards it. Nothing typed is discarded
//! without that question.

/// What an Esc does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Esc {
    /// Close: what was typed is kept (or nothing was typed).
    Close,
    /// Do not close yet: say this, and close on the next Esc.
    Ask(String),
}

/// Decides an Esc. `kept`: what was typed is kept (written, or nothing
/// typed); `asked`: the question was put at the last key; `lost` names
/// what a second Esc would throw away.
pub fn esc(kept: bool, asked: bool, lost: &str) -> Esc {
    if kept || asked {
        Esc::Close
    } else {
        Esc::Ask(format!("Esc again discards {lost}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_once_before_discarding() {
        assert_eq!(esc(true, false, "x"), Esc::Close);
        assert!(
            matches!(esc(false, false, "the date typed"), Esc::Ask(m) if m.contains("the date typed"))
        );
        assert_eq!(esc(false, true, "x"), Esc::Close);
    }
}
