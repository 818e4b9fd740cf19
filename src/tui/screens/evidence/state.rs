//! The Evidence screen's state: its list and form, the filters, and the
//! items they show (cached).

use std::cell::RefCell;
use std::rc::Rc;

use crate::search::Lowered;
use crate::tui::screens::ListForm;
use crate::workbook::{EvidenceKind, Workbook};

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

impl EvidenceState {
    /// The items the filters leave, of `wb` at `revision` (made once per
    /// revision and filter); `lowered` gives the workbook's lower-cased
    /// text, asked for only when there is text to filter by.
    pub fn shown(
        &self,
        wb: &Workbook,
        revision: u64,
        lowered: impl FnOnce() -> Rc<Lowered>,
    ) -> Vec<usize> {
        let key = (revision, self.kind, self.query.clone());
        if let Some((k, v)) = &*self.cache.borrow()
            && *k == key
        {
            return v.clone();
        }
        let q = self.query.to_lowercase();
        let kind = |i: &usize| self.kind.is_none_or(|k| wb.evidence[*i].kind == k);
        let v: Vec<usize> = if q.is_empty() {
            (0..wb.evidence.len()).filter(kind).collect()
        } else {
            lowered()
                .evidence
                .matching(&q)
                .filter(|i| *i < wb.evidence.len() && kind(i))
                .collect()
        };
        *self.cache.borrow_mut() = Some((key, v.clone()));
        v
    }
}
