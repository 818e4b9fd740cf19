//! The Evidence screen's state: its list and form, the filters, and the
//! items they show (cached).

use std::cell::RefCell;

use crate::tui::screens::ListForm;
use crate::workbook::EvidenceKind;

/// Items shown, by (revision, kind filter, text filter).
type EvidenceCache = Option<((u64, Option<EvidenceKind>, String), Vec<usize>)>;

#[derive(Debug, Default)]
pub struct EvidenceState {
    pub list: ListForm,
    pub kind: Option<EvidenceKind>,
    pub query: String,
    /// Indices of the items shown, cached by (revision, kind, query).
    pub cache: RefCell<EvidenceCache>,
}
