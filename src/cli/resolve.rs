//! `peerbook resolve`: the conflicts merging left, in words, and settling
//! one by choosing a copy's value, keeping the workbook's, or typing a new
//! one (read as the field reads it, then checked as every workbook is).

use std::path::Path;

use super::Failure;
use crate::review::conflict_words;
use crate::review::merge;
use crate::store::WorkbookFile;
use crate::workbook::Conflict;
use crate::yaml::Value;

pub struct Choice {
    pub take: Option<String>,
    pub keep: bool,
    pub value: Option<String>,
}

pub fn resolve(path: &Path, number: Option<usize>, choice: Choice) -> Result<(), Failure> {
    let Some(n) = number else {
        let (wb, _) = WorkbookFile::read(path)?;
        if wb.conflicts.is_empty() {
            outln!("{}: no conflicts.", path.display());
        }
        for (i, c) in wb.conflicts.iter().enumerate() {
            let words = conflict_words::describe(&wb, c).to_string();
            outln!("{}. {}", i + 1, crate::text::inert(&words));
            if let Some(why) = &c.held {
                outln!("   held: {}", crate::text::inert(why));
            }
        }
        return Ok(());
    };
    let (mut file, wb, _) = WorkbookFile::open(path)?;
    let index = n
        .checked_sub(1)
        .filter(|i| *i < wb.conflicts.len())
        .ok_or_else(|| {
            Failure::new(format!(
                "{} has {} conflict{}; choose one by its number from `peerbook resolve {}`",
                path.display(),
                wb.conflicts.len(),
                if wb.conflicts.len() == 1 { "" } else { "s" },
                path.display()
            ))
        })?;
    let c = &wb.conflicts[index];
    let value = match (&choice.take, choice.keep, &choice.value) {
        (Some(who), false, None) => pick(c, who)?,
        (None, true, None) => c.base.clone(),
        (None, false, Some(text)) => merge::typed_value(&wb, c, text)
            .map_err(|e| Failure::new(format!("{e}. Nothing was changed.")))?,
        _ => {
            return Err(Failure::new(
                "say how to settle it: --take COPY (one of the copies listed), --keep (the workbook's value) or --value TEXT",
            ));
        }
    };
    let words = conflict_words::describe(&wb, c).what;
    let shown = conflict_words::value_words(&wb.framework, &c.path, &value);
    let settled = merge::resolve(&wb, index, &value).map_err(|e| {
        Failure::new(format!(
            "{words} cannot be {shown}: {e}\nNothing was changed."
        ))
    })?;
    file.save(&settled)?;
    outln!(
        "Settled: {} is {}. {} conflict{} left.",
        crate::text::inert(&words),
        crate::text::inert(&shown),
        settled.conflicts.len(),
        if settled.conflicts.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    Ok(())
}

/// A copy's value, by its label (or the start of it, or its number).
fn pick(c: &Conflict, who: &str) -> Result<Value, Failure> {
    let w = who.trim().to_lowercase();
    if let Ok(i) = w.parse::<usize>()
        && let Some((_, v)) = i.checked_sub(1).and_then(|i| c.values.get(i))
    {
        return Ok(v.clone());
    }
    let hits: Vec<&(String, Value)> = c
        .values
        .iter()
        .filter(|(from, _)| from.to_lowercase() == w)
        .chain(
            c.values
                .iter()
                .filter(|(from, _)| from.to_lowercase() != w && from.to_lowercase().contains(&w)),
        )
        .collect();
    match hits.as_slice() {
        [(_, v), ..] if hits[0].0.to_lowercase() == w || hits.len() == 1 => Ok(v.clone()),
        _ => Err(Failure::new(format!(
            "--take {who}: {} the copies here: {}",
            if hits.is_empty() {
                "none of"
            } else {
                "more than one of"
            },
            c.values
                .iter()
                .map(|(f, _)| f.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
