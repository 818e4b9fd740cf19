//! What a review makes of a workbook: scores against the framework's scale,
//! the on-site analysis of sources and ratings, and merging reviewers'
//! copies back into one workbook (what each copy owns, conflicts in words,
//! settling them).

pub mod analysis;
pub mod conflict_words;
pub mod coverage;
pub mod diff;
pub mod gaps;
pub mod merge;
pub mod owners;
pub mod readiness;
mod resolve;
pub mod scoring;
