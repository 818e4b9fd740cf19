//! Any bytes as a lock file's content, read and described as its holder is
//! when peerbook refuses a held workbook or takes over an abandoned lock:
//! what is shown is one line of at most 200 characters with no control or
//! direction characters, and nothing panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerbook_core::store::{HOLDER_CHARS, describe_holder, read_holder};
use peerbook_core::text::is_bidi_control;

fuzz_target!(|data: &[u8]| {
    let read = read_holder(data);
    // Only the start of a lock is read; a short one is read whole.
    if data.len() <= 4096 {
        assert_eq!(read, describe_holder(data));
    }
    if let Some(shown) = read {
        assert!(!shown.is_empty());
        assert_eq!(shown, shown.trim());
        assert!(shown.chars().count() <= HOLDER_CHARS, "{shown:?}");
        assert!(
            !shown.chars().any(|c| c.is_control() || is_bidi_control(c)),
            "{shown:?}"
        );
    }
});
