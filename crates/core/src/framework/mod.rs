//! Frameworks: the questions a review is run against (framework-format.md).

mod categories;
mod load;
pub mod registry;

use std::collections::HashMap;

use crate::yaml::{Pos, Value};

pub use load::{digest, from_value, from_value_undigested, load_text};

/// Where a framework was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the program from `kloe/NAME`.
    Bundled(String),
    /// A file on disk, as the user named it.
    File(String),
    /// Embedded in a workbook.
    Embedded(String),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Bundled(name) => write!(f, "bundled ({name})"),
            Origin::File(path) => write!(f, "{path}"),
            Origin::Embedded(path) => write!(f, "embedded in {path}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub title: String,
    pub short_title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub notes: Option<String>,
    pub item_label: String,
    pub scale: Option<Scale>,
    pub scoring: Option<Scoring>,
    pub domains: Vec<Domain>,
    pub metrics: Vec<Metric>,
    /// The kinds of evidence the framework asks for; empty when it
    /// declares none.
    pub evidence_categories: Vec<EvidenceCategory>,
    /// The framework exactly as read, for embedding in workbooks.
    pub content: Value,
    /// `sha256:` and the hex digest of `content` written canonically.
    pub digest: String,
    pub origin: Origin,
    /// Where the `id` was written, for messages about the whole framework.
    pub id_pos: Pos,
    /// Question id to (domain index, question index, index in framework
    /// order).
    lookup: HashMap<String, (usize, usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub questions: Vec<Question>,
}

impl Domain {
    /// Whether this domain holds the council's scoping questions (its id is
    /// `scoping`, as in the Somerset framework): what the council asked the
    /// peer team to look at, which the feedback report lists as the focus
    /// of the review rather than as one of its themes.
    pub fn is_scoping(&self) -> bool {
        self.id.eq_ignore_ascii_case("scoping")
    }
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub reference: Option<String>,
    pub text: String,
    pub guidance: Option<String>,
    pub prompts: Vec<String>,
    pub evidence: Vec<String>,
    pub maps_to: Vec<MapRef>,
    pub tags: Vec<String>,
    /// Ids of the evidence categories this question needs: those it names,
    /// or all the framework declares. Empty when it declares none.
    pub evidence_categories: Vec<String>,
}

/// One of the kinds of evidence a framework asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceCategory {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
}

impl Question {
    /// How the question is shown in lists: its `ref`, or else its id.
    pub fn display_ref(&self) -> &str {
        self.reference.as_deref().unwrap_or(&self.id)
    }
}

/// A `maps_to` entry: `framework-id:question-id`, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapRef {
    pub framework: String,
    pub question: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub name: Option<String>,
    pub not_applicable: bool,
    /// Ascending by value.
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub value: i64,
    pub label: String,
    pub description: Option<String>,
    pub colour: Option<String>,
}

impl Scale {
    pub fn level(&self, value: i64) -> Option<&Level> {
        self.levels.iter().find(|l| l.value == value)
    }
    pub fn max(&self) -> i64 {
        self.levels.iter().map(|l| l.value).max().unwrap_or(0)
    }
    /// "3: Good standard, 4: Exceptional standard" for messages.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .levels
            .iter()
            .map(|l| format!("{}: {}", l.value, l.label))
            .collect();
        if self.not_applicable {
            parts.push("N/A".to_string());
        }
        parts.join(", ")
    }
}

pub const COLOURS: &[&str] = &["red", "amber", "yellow", "green", "blue", "grey"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    PercentOfMax,
    Mean,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    None,
    Nearest,
    Down,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    pub method: Method,
    pub rounding: Rounding,
    /// Highest `from` first.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub from: f64,
    pub label: String,
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub better: Option<Better>,
    pub group: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

/// The built-in scales, by name.
pub fn builtin_scale(name: &str) -> Option<Scale> {
    let levels: &[(i64, &str)] = match name {
        "cqc-4" => &[
            (1, "Significant shortfalls"),
            (2, "Some shortfalls"),
            (3, "Good standard"),
            (4, "Exceptional standard"),
        ],
        "rag" => &[(1, "Red"), (2, "Amber"), (3, "Green")],
        "maturity-3" => &[
            (1, "Not yet established"),
            (2, "Developing"),
            (3, "Exemplar"),
        ],
        _ => return None,
    };
    Some(Scale {
        name: Some(name.to_string()),
        not_applicable: true,
        levels: levels
            .iter()
            .map(|(value, label)| Level {
                value: *value,
                label: label.to_string(),
                description: None,
                colour: None,
            })
            .collect(),
    })
}

pub const BUILTIN_SCALES: &[&str] = &["cqc-4", "rag", "maturity-3"];

impl Framework {
    /// `id@version`, how a framework is named on the command line.
    pub fn key(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    pub fn questions(&self) -> impl Iterator<Item = (&Domain, &Question)> {
        self.domains
            .iter()
            .flat_map(|d| d.questions.iter().map(move |q| (d, q)))
    }

    pub fn question_count(&self) -> usize {
        self.domains.iter().map(|d| d.questions.len()).sum()
    }

    pub fn question(&self, id: &str) -> Option<(&Domain, &Question)> {
        let (d, q, _) = *self.lookup.get(id)?;
        Some((&self.domains[d], &self.domains[d].questions[q]))
    }

    /// Position of a question in framework order (for sorting answers).
    pub fn order_of(&self, id: &str) -> Option<usize> {
        self.lookup.get(id).map(|(_, _, flat)| *flat)
    }

    /// Finds a question by its `ref` as shown (case-insensitive), or else
    /// by its id.
    pub fn find_by_ref(&self, r: &str) -> Option<(&Domain, &Question)> {
        let r = r.trim();
        self.questions()
            .find(|(_, q)| q.display_ref().eq_ignore_ascii_case(r))
            .or_else(|| self.question(r))
    }

    /// What the questions are called, in the plural when there are
    /// several: "13 key lines of enquiry".
    pub fn items_label(&self) -> String {
        let l = self.item_label.to_lowercase();
        if self.question_count() == 1 {
            return l;
        }
        // "key line of enquiry" becomes "key lines of enquiry".
        let (head, tail) = match l.find(" of ") {
            Some(i) => (&l[..i], &l[i..]),
            None => (l.as_str(), ""),
        };
        let head = if head.ends_with('y') && !head.ends_with("ey") {
            format!("{}ies", &head[..head.len() - 1])
        } else if head.ends_with('s') {
            head.to_string()
        } else {
            format!("{head}s")
        };
        format!("{head}{tail}")
    }

    /// A declared evidence category by id.
    pub fn evidence_category(&self, id: &str) -> Option<&EvidenceCategory> {
        self.evidence_categories.iter().find(|c| c.id == id)
    }

    /// A short description of the scale for listings.
    pub fn scale_name(&self) -> String {
        match &self.scale {
            None => "findings only".to_string(),
            Some(s) => s
                .name
                .clone()
                .unwrap_or_else(|| format!("{} levels", s.levels.len())),
        }
    }
}
