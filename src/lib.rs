//! peerbook: the terminal interface and the command line, on top of the
//! core crate (`crates/core`, re-exported here so `peerbook::workbook` and
//! the rest keep their paths).

pub use peerbook_core::*;

pub mod cli;
pub mod tui;
