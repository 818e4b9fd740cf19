//! Diagnostics: what is wrong in a file, where, and how to fix it.

use std::fmt;

use crate::yaml::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it (or `<bundled>/name.yaml`).
    pub file: String,
    pub pos: Pos,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            pos,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Messages quote what was written in the file: shown inert.
        write!(
            f,
            "{}:{}:{}: {level}: {}",
            crate::text::inert(&self.file),
            self.pos.line,
            self.pos.col,
            crate::text::inert(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", crate::text::inert(help))?;
        }
        Ok(())
    }
}

/// Problems collected while reading one file, in file order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The known word closest to `word`, if it is close enough to be a typo.
///
/// Closeness is the optimal string alignment distance ([`strsim::osa_distance`]):
/// Levenshtein's insertions, deletions and substitutions, with two
/// neighbouring letters swapped counting as one typo rather than two. A
/// word is suggested when it is at most a third of its length away (two
/// for short words); of equally close words the first known one wins.
pub fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::osa_distance(&word, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let known = ["prompts", "evidence", "guidance", "text"];
        assert_eq!(suggest("promts", &known), Some("prompts"));
        assert_eq!(suggest("Evidance", &known), Some("evidence"));
        assert_eq!(suggest("colour", &known), None);
    }

    #[test]
    fn two_swapped_letters_count_as_one_typo() {
        let known = ["prompts", "evidence", "guidance", "text"];
        // Two swaps: four edits apart by Levenshtein, too far to suggest.
        assert_eq!(suggest("gudiacne", &known), Some("guidance"));
        assert_eq!(suggest("etxt", &known), Some("text"));
        assert_eq!(suggest("xx", &known), None);
    }

    #[test]
    fn display_names_file_line_column_and_help() {
        let d =
            Diagnostic::error("kloe/a.yaml", Pos { line: 3, col: 7 }, "bad").with_help("do this");
        assert_eq!(
            d.to_string(),
            "kloe/a.yaml:3:7: error: bad\n  help: do this"
        );
    }
}
