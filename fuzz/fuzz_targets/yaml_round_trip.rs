//! Any text as YAML: refused with a position, or parsed; a parsed document
//! written out by peerbook reads back as the same value, both through
//! peerbook's own parser and through libyaml (serde_yaml), as other tools
//! would read it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerbook_core::yaml;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = yaml::parse(text) else {
        return;
    };
    // Values that YAML cannot write back the same are left out: NaN is
    // never equal to itself.
    if format!("{:?}", doc.value).contains("NaN") {
        return;
    }
    let out = yaml::to_string(&doc.value);
    let back = yaml::parse(&out).unwrap_or_else(|e| panic!("{e:?} reading back:\n{out}"));
    assert_eq!(back.value, doc.value, "written as:\n{out}");
    let theirs: yaml::Value =
        serde_yaml::from_str(&out).unwrap_or_else(|e| panic!("libyaml: {e} in:\n{out}"));
    assert_eq!(theirs, doc.value, "libyaml reads it differently:\n{out}");
});
