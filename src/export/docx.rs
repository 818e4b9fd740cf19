//! Word output: being written.

/// Placeholder until the Word writer lands: an empty file.
pub fn render(_doc: &super::doc::Document, _title: &str) -> Vec<u8> {
    Vec::new()
}
