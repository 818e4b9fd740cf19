//! Any bytes as a workbook: refused with positions, or loaded; a loaded
//! workbook writes out and reads back the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerbook_core::workbook::{from_text, to_text};

fuzz_target!(|data: &[u8]| {
    match from_text("fuzz.yaml", data) {
        Err(e) => assert!(e.0.has_errors()),
        Ok((wb, _)) => {
            let text = to_text(&wb);
            let (back, _) = from_text("again.yaml", text.as_bytes())
                .expect("a workbook peerbook wrote must read back");
            assert_eq!(to_text(&back), text, "saving is not stable");
        }
    }
});
