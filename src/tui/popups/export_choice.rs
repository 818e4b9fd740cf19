//! What the export pop-up can write (kept apart from the picker so the
//! screens' pending operations can name it without importing the pop-ups).

/// What the export pop-up offers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExportChoice {
    Pack(crate::export::Pack, crate::export::Format),
    Csv,
    /// The action plan as CSV, as `peerbook export --pack action-plan --format csv`.
    ActionPlanCsv,
    /// A pack marked DRAFT ([`crate::export::draft`]): the feedback report
    /// while its checks still find something, once the user says so.
    Draft(crate::export::Pack, crate::export::Format),
}
