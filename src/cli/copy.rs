//! `peerbook copy` (a reviewer's copy that records who it is for and its
//! base) and `peerbook merge` (each copy against its own base, into a new
//! merged workbook or into the same one every evening).

use std::path::{Path, PathBuf};

use super::Failure;
use crate::review::conflict_words;
use crate::review::merge::{self, Part};
use crate::store::{WorkbookFile, bases};
use crate::workbook::{self, CopyOf, Workbook};

fn read(path: &Path) -> Result<Workbook, Failure> {
    let (wb, warnings) = WorkbookFile::read(path)?;
    if !warnings.0.is_empty() {
        eprint!("{warnings}");
    }
    Ok(wb)
}

pub fn copy(
    base: &Path,
    name: &str,
    role: Option<&str>,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Failure::new(
            "--for needs the name of the person the copy is for, e.g. --for \"Owen Castellano\"",
        ));
    }
    let wb = read(base)?;
    let out = match out {
        Some(p) => p.to_path_buf(),
        None => {
            let stem = base.file_stem().unwrap_or_default().to_string_lossy();
            base.with_file_name(format!("{stem}-{}.yaml", workbook::file_stem(name)))
        }
    };
    let mut copy = wb.clone();
    // The manager's open conflicts stay in the manager's workbook.
    copy.conflicts.clear();
    let salt = chrono::Utc::now().to_rfc3339();
    let rec = CopyOf::new(&wb, name, role.filter(|r| !r.trim().is_empty()), &salt);
    // The record first, then the base it keeps, then the copy: a prune
    // running meanwhile never finds the base unnamed.
    bases::keep_made(base, &rec.id, name, &out, &rec.base)?;
    let digest = bases::keep_base(base, &wb)?;
    let id = rec.id.clone();
    copy.copy = Some(rec);
    if let Err(e) = WorkbookFile::create(&out, &copy) {
        bases::drop_made(base, &id);
        return Err(e.into());
    }
    let what = if copy.copy.as_ref().is_some_and(CopyOf::is_council) {
        "a council officer's copy: it may change the council's answers, evidence, metrics and case studies"
    } else {
        "a reviewer's copy: merge takes their own reviewer section and holds anything else they change for you"
    };
    outln!(
        "Made {} for {}, {what}.",
        out.display(),
        crate::text::inert(name)
    );
    outln!(
        "Its base ({}) is kept in {}; merge it back with `peerbook merge {} {}`.",
        &digest[..19.min(digest.len())],
        bases::folder_beside(base).display(),
        base.display(),
        out.display()
    );
    Ok(())
}

/// Who a copy made by `peerbook copy` is for (and their role), to open it
/// in reviewer mode as them; a different `--as` is refused, since merge
/// would hold that section as someone else's. `None` for any other file
/// (one that does not load is left for the interface to report).
pub fn made_for(
    path: &Path,
    given: Option<&str>,
) -> Result<Option<(String, Option<String>)>, Failure> {
    let Ok((wb, _)) = WorkbookFile::read(path) else {
        return Ok(None);
    };
    let Some(rec) = wb.copy else {
        return Ok(None);
    };
    match given {
        Some(g) if !g.trim().eq_ignore_ascii_case(rec.name.trim()) => Err(Failure::new(format!(
            "{} is the copy made for {}: open it with --as \"{}\" (or leave --as out), or make a copy of your own with `peerbook copy BASE --for \"{}\"`",
            path.display(),
            rec.name,
            rec.name,
            g.trim()
        ))),
        _ => Ok(Some((rec.name, rec.role))),
    }
}

/// Where a copy's base is.
#[derive(Clone, Copy)]
enum BaseOf {
    /// The workbook merged into: a copy without a record (made by hand
    /// from it), or one made from it as it is now.
    Target,
    /// A `--base` file.
    Given(usize),
    /// A kept snapshot.
    Found(usize),
}

struct Lookup<'a> {
    /// The workbook merged into, when the merge is saved into it (a new
    /// merged workbook has no copies merged into it yet).
    in_place: Option<&'a Path>,
    target_digest: String,
    given: &'a [Workbook],
    folders: Vec<PathBuf>,
}

fn base_of(copy: &Workbook, l: &Lookup, found: &mut Vec<Workbook>) -> Option<BaseOf> {
    let (target_digest, given, folders) = (&l.target_digest, l.given, &l.folders);
    let Some(rec) = copy.copy.as_ref() else {
        return Some(BaseOf::Target);
    };
    if let Some(w) = l.in_place.and_then(|t| bases::find_merged_copy(t, &rec.id)) {
        found.push(w);
        return Some(BaseOf::Found(found.len() - 1));
    }
    if rec.base == *target_digest {
        return Some(BaseOf::Target);
    }
    if let Some(i) = given
        .iter()
        .position(|w| workbook::copy::digest(w) == rec.base)
    {
        return Some(BaseOf::Given(i));
    }
    let w = bases::find_base(folders, &rec.base)?;
    found.push(w);
    Some(BaseOf::Found(found.len() - 1))
}

pub fn merge(
    target_path: &Path,
    copies: &[PathBuf],
    out: Option<&Path>,
    base_files: &[PathBuf],
) -> Result<(), Failure> {
    // Into the same workbook: locked while it is merged and saved.
    let (mut file, target) = match out {
        None => {
            let (f, wb, _) = WorkbookFile::open(target_path)?;
            (Some(f), wb)
        }
        Some(_) => (None, read(target_path)?),
    };
    let target_digest = workbook::copy::digest(&target);
    let given: Vec<Workbook> = base_files
        .iter()
        .map(|p| read(p))
        .collect::<Result<_, _>>()?;
    let mut folders = vec![bases::folder_beside(target_path)];
    if let Some(o) = out {
        let f = bases::folder_beside(o);
        if !folders.contains(&f) {
            folders.push(f);
        }
    }
    let mut loaded = Vec::new();
    for c in copies {
        let wb = read(c)?;
        if let Some(p) = c.parent() {
            let f = bases::folder_beside(&p.join("x"));
            if !folders.contains(&f) {
                folders.push(f);
            }
        }
        loaded.push((c, wb));
    }
    let mut found = Vec::new();
    let mut which = Vec::new();
    for (path, wb) in &loaded {
        let lookup = Lookup {
            in_place: out.is_none().then_some(target_path),
            target_digest: target_digest.clone(),
            given: &given,
            folders: folders.clone(),
        };
        match base_of(wb, &lookup, &mut found) {
            Some(b) => which.push(b),
            None => {
                let (name, digest) = wb
                    .copy
                    .as_ref()
                    .map(|r| (r.name.clone(), r.base.clone()))
                    .unwrap_or_default();
                return Err(Failure::new(format!(
                    "{} is {name}'s copy of a workbook this merge does not know (its base is {}): it was not made from {} as it is now, and no snapshot of its base is in {}. Pass the workbook it was made from with --base FILE, or merge it into that workbook. Nothing was merged.",
                    path.display(),
                    &digest[..19.min(digest.len())],
                    target_path.display(),
                    folders
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
    }
    // "Owen Castellano's copy", or with its file when two are alike.
    let plain: Vec<Option<String>> = loaded
        .iter()
        .map(|(_, wb)| wb.copy.as_ref().map(CopyOf::label))
        .collect();
    let labels: Vec<String> = loaded
        .iter()
        .zip(&plain)
        .map(|((p, _), l)| match l {
            Some(l) if plain.iter().filter(|x| x.as_ref() == Some(l)).count() == 1 => l.clone(),
            Some(l) => format!("{l} ({})", p.display()),
            None => p.display().to_string(),
        })
        .collect();
    let parts: Vec<Part> = loaded
        .iter()
        .zip(&which)
        .zip(&labels)
        .map(|(((_, wb), w), label)| Part {
            label: label.clone(),
            workbook: wb,
            base: match w {
                BaseOf::Target => &target,
                BaseOf::Given(i) => &given[*i],
                BaseOf::Found(i) => &found[*i],
            },
            owned: wb.copy.is_some(),
        })
        .collect();
    let merged = merge::merge_parts(&target, &parts)?;
    let written = match (out, file.as_mut()) {
        (Some(o), _) => {
            WorkbookFile::create(o, &merged.workbook)?;
            o
        }
        (None, Some(f)) => {
            f.save(&merged.workbook)?;
            target_path
        }
        (None, None) => target_path,
    };
    // The next merge of each copy starts from it as merged now; the bases
    // used are kept beside the merged workbook too.
    for ((_, wb), part) in loaded.iter().zip(&parts) {
        if let Some(rec) = &wb.copy {
            bases::keep_merged_copy(written, &rec.id, wb)?;
            bases::keep_base(written, part.base)?;
        }
    }
    let files: Vec<String> = loaded
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    report(target_path, written, &merged, &labels, &files);
    Ok(())
}

/// What a path belongs to, for grouping the report.
fn section(wb: &Workbook, path: &str) -> String {
    let first = path.split('.').next().unwrap_or(path);
    if first.starts_with("reviewers[") {
        return conflict_words::what(wb, first);
    }
    match first.split('[').next().unwrap_or(first) {
        "answers" => "The council's answers".into(),
        "evidence" => "The evidence library".into(),
        "review" => "The review details".into(),
        "consensus" => "The agreed ratings".into(),
        "findings" => "The findings".into(),
        "metrics" => "The metrics".into(),
        "proud_of" => "The case studies".into(),
        other => format!("The {other}"),
    }
}

/// A reviewer's section taken whole (one not in the workbook before), said
/// by what it holds rather than by its name again.
fn new_section(wb: &Workbook, path: &str) -> Option<String> {
    let r = wb
        .reviewers
        .iter()
        .find(|r| path == format!("reviewers[name={}]", r.name))?;
    let n = r.reviewed();
    let a = r.activities.len();
    Some(format!(
        "all of it, new ({} reviewed, {} logged)",
        crate::text::count(n as u32, "question", "questions"),
        crate::text::count(a as u32, "activity", "activities")
    ))
}

fn report(target: &Path, written: &Path, m: &merge::Merged, labels: &[String], files: &[String]) {
    let n = labels.len();
    outln!(
        "Merged {n} cop{} of {} into {}: {} change{} taken, {} conflict{}.",
        if n == 1 { "y" } else { "ies" },
        target.display(),
        written.display(),
        m.changes.len(),
        if m.changes.len() == 1 { "" } else { "s" },
        m.conflicts.len(),
        if m.conflicts.len() == 1 { "" } else { "s" },
    );
    let wb = &m.workbook;
    for (label, file) in labels.iter().zip(files) {
        let mine: Vec<&merge::Change> = m
            .changes
            .iter()
            .filter(|c| c.from.contains(label))
            .collect();
        let held = m
            .conflicts
            .iter()
            .filter(|c| c.held.is_some() && c.values.iter().any(|(f, _)| f == label))
            .count();
        // A label that names its file already (two copies alike) says it once.
        let file = if label == file || label.ends_with(&format!(" ({file})")) {
            String::new()
        } else {
            format!(" ({file})")
        };
        // Names come from the copies' files: shown inert, as all such text is.
        let (label, file) = (crate::text::inert(label), crate::text::inert(&file));
        if mine.is_empty() {
            outln!("{label}{file}: nothing new taken");
        } else {
            outln!("{label}{file}:");
        }
        let mut sections: Vec<(String, Vec<String>)> = Vec::new();
        for c in mine {
            let s = section(wb, &c.path);
            let mut w = conflict_words::what(wb, &c.path);
            if c.deleted {
                w.push_str(" (deleted)");
            } else if let Some(new) = new_section(wb, &c.path) {
                w = new;
            }
            match sections.iter_mut().find(|(x, _)| *x == s) {
                Some((_, items)) => items.push(w),
                None => sections.push((s, vec![w])),
            }
        }
        for (s, items) in sections {
            outln!(
                "  took from {}: {}",
                crate::text::inert(&s),
                crate::text::inert(&items.join("; "))
            );
        }
        if held > 0 {
            outln!(
                "  held for you: {held} change{} to what this copy does not own (see the conflicts below)",
                if held == 1 { "" } else { "s" }
            );
        }
    }
    for (i, c) in m.conflicts.iter().enumerate() {
        let words = crate::text::inert(&conflict_words::describe(wb, c).to_string());
        outln!(
            "conflict {}: {words}",
            i + 1 + wb.conflicts.len() - m.conflicts.len()
        );
        outln!("  at {}", crate::text::inert(&c.path));
        if let Some(why) = &c.held {
            outln!("  held: {}", crate::text::inert(why));
        }
    }
    if !m.conflicts.is_empty() {
        outln!(
            "The workbook's values were kept for these; every copy's value is listed under `conflicts:` in {}. Settle each with `peerbook resolve {} N --take COPY` (or --keep, or --value TEXT), or in the interface (V, then C).",
            written.display(),
            written.display()
        );
    }
}
