//! The pop-ups: each owns its state, draws itself and says what its keys
//! do. (Moving in from `app.rs` and `view.rs` one at a time; the pickers
//! are here.)

pub mod pick;
