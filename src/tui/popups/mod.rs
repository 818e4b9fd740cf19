//! The pop-ups: the pickers (which draw themselves), the saving prompts,
//! and the keys of the editor, search and filter, the name prompts, the
//! new-workbook form, export and confirm. (Help's scrolling and the
//! dispatch to each pop-up are in `app.rs`; their drawing in `view.rs`.)

pub mod confirm;
pub mod editor;
pub mod export;
pub mod names;
pub mod new_workbook;
pub mod pick;
pub mod saving;
pub mod search;
