//! Any bytes as a CSV import into a seed workbook: all rows or none.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerbook_core::export::csv_io::import;
use peerbook_core::workbook::{from_text, to_text};

const SEED: &str = include_str!("../../seeds/suffolk-reablement-2016.yaml");

fuzz_target!(|data: &[u8]| {
    let (mut wb, _) = from_text("seed.yaml", SEED.as_bytes()).unwrap();
    let before = to_text(&wb);
    let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
    match import(&mut wb, data, "fuzz", now) {
        // Nothing changes when any row is refused.
        Err(_) => assert_eq!(to_text(&wb), before),
        // What was imported still reads back.
        Ok(_) => {
            from_text("after.yaml", to_text(&wb).as_bytes())
                .expect("an import left a bad workbook");
        }
    }
});
