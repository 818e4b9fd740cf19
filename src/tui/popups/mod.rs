//! The pop-ups' state, apart from the app: the pickers (which draw
//! themselves) and the saving prompts. (The text inputs, help and confirm
//! are still in `app.rs` and `view.rs`.)

pub mod checks;
pub mod pick;
pub mod programme;
pub mod saving;
pub mod team_notes;
