//! peerbook's core: frameworks, workbooks, scoring and persistence, with no
//! terminal code, so tests and other front ends can use it as a library.

pub mod analysis;
pub mod cli;
pub mod csv_io;
pub mod diag;
pub mod export;
pub mod framework;
pub mod merge;
pub mod paths;
pub mod read;
pub mod recover;
pub mod scoring;
pub mod store;
pub mod text;
pub mod tui;
pub mod workbook;
pub mod yaml;
