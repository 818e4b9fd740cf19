//! Moving a workbook to another version of its framework, by question id.

use std::sync::Arc;

use super::{Answer, Rating, Workbook};
use crate::framework::Framework;
use crate::yaml::Value;

/// What an upgrade did, question by question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpgradeReport {
    pub from: String,
    pub to: String,
    /// Question ids whose answers were carried to the new version.
    pub carried: Vec<String>,
    /// Questions the new version adds.
    pub new: Vec<String>,
    /// Answers whose question the new version does not have: kept, orphaned.
    pub orphaned: Vec<String>,
    /// Ratings the new scale has no level for: moved into
    /// `previous_rating` on the answer, and listed here.
    pub ratings_set_aside: Vec<String>,
}

/// Re-bases `wb` on `to`. Nothing the team wrote is dropped.
pub fn upgrade(wb: &mut Workbook, to: Framework) -> UpgradeReport {
    let mut report = UpgradeReport {
        from: wb.framework.key(),
        to: to.key(),
        ..UpgradeReport::default()
    };
    for a in &mut wb.answers {
        if to.question(&a.question).is_none() {
            if !is_empty(a) {
                report.orphaned.push(a.question.clone());
            }
            continue;
        }
        if !is_empty(a) {
            report.carried.push(a.question.clone());
        }
        if let Rating::Level(n) = a.rating {
            let fits = to.scale.as_ref().is_some_and(|s| s.level(n).is_some());
            if !fits {
                let old = wb
                    .framework
                    .scale
                    .as_ref()
                    .and_then(|s| s.level(n))
                    .map_or_else(|| n.to_string(), |l| format!("{n}: {}", l.label));
                set_aside(a, format!("{old} (on {})", report.from));
                a.rating = Rating::None;
                report.ratings_set_aside.push(a.question.clone());
            }
        } else if a.rating == Rating::NotApplicable
            && !to.scale.as_ref().is_some_and(|s| s.not_applicable)
        {
            a.rating = Rating::None;
            set_aside(a, format!("N/A (on {})", report.from));
            report.ratings_set_aside.push(a.question.clone());
        }
    }
    // Empty answers to questions that are gone carry nothing worth keeping.
    wb.answers
        .retain(|a| to.question(&a.question).is_some() || !is_empty(a));
    for (_, q) in to.questions() {
        if !wb.answers.iter().any(|a| a.question == q.id) {
            wb.answers.push(Answer::new(&q.id));
            report.new.push(q.id.clone());
        }
    }
    wb.framework = Arc::new(to);
    wb.sort_answers();
    report
}

/// Records a rating the new scale cannot hold, after any set aside before.
fn set_aside(a: &mut Answer, text: String) {
    let text = match a.extra.get("previous_rating").and_then(|v| v.as_str()) {
        Some(earlier) => format!("{earlier}; {text}"),
        None => text,
    };
    a.extra
        .insert("previous_rating".into(), Value::String(text));
}

fn is_empty(a: &Answer) -> bool {
    *a == Answer::new(&a.question)
}
