//! What a review makes of a workbook: scores against the framework's scale,
//! the on-site analysis of sources and ratings, and merging reviewers'
//! copies back into one workbook.

pub mod analysis;
pub mod diff;
pub mod gaps;
pub mod merge;
pub mod scoring;
