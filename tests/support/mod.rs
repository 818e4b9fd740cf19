//! What the integration tests share: the seeds, a new workbook, and the
//! real binary run against a temporary data folder ([`bin`]).
//!
//! Each test file takes it with `mod support;`. Every test file is a binary
//! of its own that uses only part of this module, so what one of them leaves
//! unused is not a warning.
#![allow(dead_code)]

pub mod bin;
pub mod replies;

use std::fs;
use std::path::{Path, PathBuf};

use peerbook::framework::registry::Registry;
use peerbook::store::WorkbookFile;
use peerbook::workbook::{self, Workbook};

/// The repository's top folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The path of `seeds/NAME`.
pub fn seed_path(name: &str) -> PathBuf {
    root().join("seeds").join(name)
}

/// `seeds/NAME`, read as a workbook.
pub fn seed(name: &str) -> Workbook {
    let path = seed_path(name);
    let bytes = fs::read(&path).unwrap();
    workbook::from_text(&path.display().to_string(), &bytes)
        .unwrap()
        .0
}

/// A new Suffolk workbook at `dir/wb.yaml`, made through the library.
pub fn new_workbook(dir: &Path) -> PathBuf {
    let reg = Registry::load(&[]);
    let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
    let wb = Workbook::new(fw, "Suffolk County Council", "Reablement peer review");
    let path = dir.join("wb.yaml");
    WorkbookFile::create(&path, &wb).unwrap();
    path
}
