//! peerbook's core: frameworks, workbooks, scoring, merging, exports and
//! persistence. It has no terminal or command-line code (its `Cargo.toml`
//! names no such crate), so the interface, the command line, tests and fuzz
//! targets all build on it alone.
//!
//! The folders, from the bottom up:
//! - [`yaml`]: the one-pass parser with positions, the emitter, and the
//!   reader that collects every problem ([`diag`]);
//! - [`framework`]: framework files, their loader and the bundled ones;
//! - [`workbook`]: the model of a workbook and its file format;
//! - [`review`]: scoring, the on-site analysis and merging copies;
//! - [`export`]: the packs and reports in markdown and Word, and CSV;
//! - [`store`]: files on disk (locks, atomic saves, backups, recovered
//!   copies, folders) and the open-workbook session with its saver;
//! - [`search`]: finding text in an open workbook;
//! - [`text`]: line breaks and widths shared by all of the above;
//! - [`value`]: dates and numbers written as text, read one way everywhere.

pub mod diag;
pub mod export;
pub mod framework;
pub mod review;
pub mod search;
pub mod store;
pub mod text;
pub mod value;
pub mod workbook;
pub mod yaml;
