//! `peerbook bases`: what each snapshot in `peerbook-bases/` is kept for,
//! and (`--prune`) removing those nothing needs any more. The rule is the
//! core's (`store::bases_prune`).

use std::path::{Path, PathBuf};

use super::Failure;
use crate::store::bases::FOLDER;
use crate::store::bases_prune::{self, Kept, Use};

pub fn bases(folder: Option<&Path>, prune: bool) -> Result<(), Failure> {
    let dir: PathBuf = match folder {
        // A workbook names its folder.
        Some(p) if p.is_file() => match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        },
        Some(p) => p.to_path_buf(),
        None => PathBuf::from("."),
    };
    let kept = bases_prune::survey(&dir)?;
    let shown = dir.join(FOLDER);
    if kept.is_empty() {
        outln!("{}: no snapshots kept.", shown.display());
        return Ok(());
    }
    let total: u64 = kept.iter().map(|k| k.bytes).sum();
    outln!(
        "{}: {} ({}):",
        shown.display(),
        crate::text::count(kept.len() as u32, "snapshot", "snapshots"),
        size(total)
    );
    for k in &kept {
        outln!("  {}  {}", short(k), what(&k.used));
    }
    let unused: Vec<&Kept> = kept.iter().filter(|k| k.used == Use::Unused).collect();
    let freed = size(unused.iter().map(|k| k.bytes).sum());
    match (unused.len(), prune) {
        (0, _) => outln!("Nothing to prune: everything kept is still named."),
        (n, false) => outln!(
            "{} nothing here needs any more ({freed}): `peerbook bases {} --prune` removes {}.",
            crate::text::count(n as u32, "snapshot", "snapshots"),
            dir.display(),
            if n == 1 { "it" } else { "them" }
        ),
        (_, true) => {
            let removed = bases_prune::prune(&dir)?;
            outln!(
                "Removed {} nothing here needed any more ({}).",
                crate::text::count(removed.len() as u32, "snapshot", "snapshots"),
                size(removed.iter().map(|k| k.bytes).sum())
            );
        }
    }
    Ok(())
}

/// A snapshot's file name, a base's digest cut to something readable.
fn short(k: &Kept) -> String {
    let name = k.file_name();
    match name.strip_suffix(".yaml") {
        Some(hex) if hex.len() == 64 => format!("{}….yaml", &hex[..12]),
        _ => name,
    }
}

fn what(u: &Use) -> String {
    match u {
        Use::BaseOf(by) => format!("the base named by {}", by.join("; ")),
        Use::MergedInto(book) => {
            format!("a copy as last merged into {book}, where its next merge starts")
        }
        Use::Made(name) => format!("{name}'s copy, made here and not merged here yet"),
        Use::Unused => "nothing here needs it any more".into(),
    }
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}
