//! Conflicts as people read them: "The council's rating for KLOE 10: was
//! not rated; Owen Castellano's copy: 2 (Adequate); Nadia Brookes's copy: 3
//! (Good)" rather than `answers[question=10].rating`. Also what a merge
//! path is, for the merge report ("Owen Castellano's notes for KLOE 3").

use crate::framework::Framework;
use crate::workbook::{Conflict, Workbook};
use crate::yaml::{self, Value};

/// A conflict in words: what it is about, the value kept, each copy's.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictWords {
    /// "The council's rating for KLOE 10".
    pub what: String,
    /// The value the workbook keeps until it is settled ("not rated").
    pub kept: String,
    /// Each copy, and its value in words.
    pub values: Vec<(String, String)>,
}

impl std::fmt::Display for ConflictWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: was {}", self.what, self.kept)?;
        for (from, v) in &self.values {
            write!(f, "; {from}: {v}")?;
        }
        Ok(())
    }
}

pub fn describe(wb: &Workbook, c: &Conflict) -> ConflictWords {
    ConflictWords {
        what: what(wb, &c.path),
        kept: if c.base.is_null() && c.path.ends_with(']') {
            "not there".into()
        } else {
            value_words(&wb.framework, &c.path, &c.base)
        },
        values: c
            .values
            .iter()
            .map(|(from, v)| (from.clone(), value_words(&wb.framework, &c.path, v)))
            .collect(),
    }
}

/// A question as the framework names it: "KLOE 10".
pub fn question_words(fw: &Framework, id: &str) -> String {
    match fw.question(id) {
        Some((_, q)) => {
            let r = q.display_ref();
            let label = fw.item_label.trim();
            // "KLOE 10" says what it is; a bare "10" or "a" takes the label.
            if r.chars().any(char::is_alphabetic) && r.contains(' ') {
                r.to_string()
            } else if label.is_empty() {
                format!("question {r}")
            } else {
                format!("{label} {r}")
            }
        }
        None => format!("question {id}"),
    }
}

/// The steps of a merge path: `(name, Some((key, id)))`.
fn steps(path: &str) -> Vec<(&str, Option<(&str, &str)>)> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let name = &rest[..end];
        rest = &rest[end..];
        let mut sel = None;
        if let Some(r) = rest.strip_prefix('[')
            && let Some(close) = r.find(']')
        {
            sel = r[..close].split_once('=');
            rest = &r[close + 1..];
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
        out.push((name, sel));
    }
    out
}

fn field_words(name: &str) -> String {
    match name {
        "narrative" => "answer".into(),
        "areas" => "areas for development".into(),
        "evidence" => "evidence links".into(),
        "notes" => "notes".into(),
        "onsite_start" => "first on-site day".into(),
        "onsite_end" => "last on-site day".into(),
        "focus" => "focus questions".into(),
        "proud_of" => "case studies".into(),
        other => other.replace('_', " "),
    }
}

/// What a merge path is about, in words.
pub fn what(wb: &Workbook, path: &str) -> String {
    let fw = &wb.framework;
    let s = steps(path);
    let rest = |from: usize| -> String {
        s[from..]
            .iter()
            .map(|(n, sel)| match sel {
                Some((_, id)) => format!("{} {id}", field_words(n)),
                None => field_words(n),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match s.as_slice() {
        [("answers", Some((_, q)))] => format!("The council's answer to {}", question_words(fw, q)),
        [("answers", Some((_, q))), ..] => {
            format!("The council's {} for {}", rest(1), question_words(fw, q))
        }
        [("reviewers", Some((_, n)))] => format!("{n}'s reviewer section"),
        [("reviewers", Some((_, n))), ("answers", Some((_, q)))] => {
            format!("{n}'s entry for {}", question_words(fw, q))
        }
        [("reviewers", Some((_, n))), ("answers", Some((_, q))), ..] => {
            format!("{n}'s {} for {}", rest(2), question_words(fw, q))
        }
        [("reviewers", Some((_, n))), ("activities", _), ..] => format!("{n}'s activity log"),
        [("reviewers", Some((_, n))), ..] => format!("{n}'s {}", rest(1)),
        [("consensus", Some((_, q)))] => {
            format!("The agreed rating for {}", question_words(fw, q))
        }
        [("consensus", Some((_, q))), ..] => {
            format!("The agreed {} for {}", rest(1), question_words(fw, q))
        }
        [("evidence", Some((_, id))), ..] => {
            let title = wb
                .evidence_item(id)
                .map(|e| format!("\"{}\"", e.title))
                .unwrap_or_else(|| id.to_string());
            if s.len() == 1 {
                format!("The evidence item {title}")
            } else {
                format!("The {} of evidence item {title}", rest(1))
            }
        }
        [("review", None), ("team", Some((_, n)))] => format!("The team member {n}"),
        [("review", None), ("team", Some((_, n))), ..] => {
            format!("The team member {n}'s {}", rest(2))
        }
        [("review", None), ..] => format!("The review's {}", rest(1)),
        [("metrics", Some((_, m))), ..] => {
            let name = fw
                .metrics
                .iter()
                .find(|x| x.id == *m)
                .map_or(m.to_string(), |x| x.name.clone());
            if s.len() == 1 {
                format!("The metric {name}")
            } else {
                format!("The {} of the metric {name}", rest(1))
            }
        }
        [("findings", None), ..] => format!("The findings: {}", rest(1)),
        _ => format!("The {}", rest(0)),
    }
}

/// A value in words, knowing where it is (a rating reads as its level).
pub fn value_words(fw: &Framework, path: &str, v: &Value) -> String {
    let rating = path.ends_with(".rating");
    match v {
        Value::Null if rating => "not rated".into(),
        Value::Null if path.ends_with(']') => "deleted".into(),
        Value::Null => "empty".into(),
        Value::Number(n) if rating => {
            let label = n
                .as_i64()
                .and_then(|n| fw.scale.as_ref().and_then(|s| s.level(n)))
                .map(|l| format!(" ({})", l.label))
                .unwrap_or_default();
            format!("{n}{label}")
        }
        Value::String(s) if rating && s.eq_ignore_ascii_case("n/a") => "not applicable".into(),
        Value::Sequence(items) if items.iter().all(|i| yaml::scalar_text(i).is_some()) => {
            if items.is_empty() {
                "none".into()
            } else {
                items
                    .iter()
                    .filter_map(yaml::scalar_text)
                    .map(|t| format!("\"{}\"", crate::text::one_line(&t, 60)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        Value::Mapping(_) | Value::Sequence(_) => {
            let t = yaml::to_string(v);
            let lines = t.lines().count();
            format!(
                "its own version ({lines} line{}: {})",
                if lines == 1 { "" } else { "s" },
                crate::text::one_line(&t.replace('\n', " "), 60)
            )
        }
        other => {
            let t = yaml::scalar_text(other).unwrap_or_default();
            format!("\"{}\"", crate::text::one_line(&t, 70))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_values_read_as_words() {
        let wb = crate::workbook::one_question_workbook();
        let c = Conflict::new(
            "reviewers[name=Nadia].answers[question=a].notes",
            Value::Null,
            vec![("Owen's copy".into(), "hers".into())],
        );
        assert_eq!(
            describe(&wb, &c).to_string(),
            "Nadia's notes for Question a: was empty; Owen's copy: \"hers\""
        );
        let c = Conflict::new(
            "reviewers[name=Nadia]",
            Value::Null,
            vec![("Owen's copy".into(), Value::Null)],
        );
        assert_eq!(
            describe(&wb, &c).to_string(),
            "Nadia's reviewer section: was not there; Owen's copy: deleted"
        );
        assert_eq!(what(&wb, "review.title"), "The review's title");
        assert_eq!(
            what(&wb, "consensus[question=a]"),
            "The agreed rating for Question a"
        );
    }
}
