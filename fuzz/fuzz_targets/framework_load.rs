//! Any bytes as a framework file: refused with positions, or loaded.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerbook_core::framework::{Origin, load_text};

fuzz_target!(|data: &[u8]| {
    let (fw, diags) = load_text("fuzz.yaml", data, Origin::File("fuzz.yaml".into()));
    // A file either loads or says why, never both silent and refused.
    assert!(fw.is_some() || diags.has_errors());
    for d in &diags.0 {
        assert!(d.pos.line >= 1 && d.pos.col >= 1);
    }
});
