//! The `copy:` record of a reviewer's copy, made by `peerbook copy`: who the
//! copy is for, their role, and which workbook it was made from (by digest),
//! so that `peerbook merge` can find the copy's own base and knows which
//! section the copy owns.
//!
//! ```yaml
//! copy:
//!   name: Owen Castellano
//!   role: Lead peer
//!   base: sha256:6c1f…
//!   id: 3f0a9c1e22b7d410
//! ```

use sha2::{Digest, Sha256};

use super::Workbook;
use super::codec::{Cx, Opt, Req, record};
use crate::yaml::read::{Obj, Reader};

record! {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CopyOf as "the copy record", check check_copy {
        /// Who the copy is for, as the review team knows them.
        pub name: String = Req,
        /// Their role ("Lead peer"; `council` for a council officer's copy).
        pub role: Option<String> = Opt,
        /// The digest ([`digest`]) of the workbook the copy was made from.
        pub base: String = Req,
        /// This copy, among copies made for the same person from the same base.
        pub id: String = Req,
        ..extra
    }
}

/// `base` is a digest as `peerbook copy` writes it.
fn check_copy(c: &CopyOf, r: &mut Reader, o: &Obj, _: &Cx) {
    let hex = c.base.strip_prefix("sha256:").unwrap_or("");
    if !c.base.is_empty() && (hex.len() != 64 || !hex.chars().all(|x| x.is_ascii_hexdigit())) {
        r.error(
            &o.at("base"),
            format!("'{}' is not a workbook digest", c.base),
            "`base` is written by `peerbook copy` (sha256: and 64 hex digits); make the copy again with `peerbook copy BASE --for NAME`",
        );
    }
}

impl CopyOf {
    /// A new record for a copy of `base` made for `name`; `salt` (the time
    /// it was made) tells apart two copies made for the same person.
    pub fn new(base: &Workbook, name: &str, role: Option<&str>, salt: &str) -> CopyOf {
        let base = digest(base);
        let id = hex(&Sha256::digest(
            format!("{base}\n{name}\n{salt}").as_bytes(),
        ));
        CopyOf {
            name: name.to_string(),
            role: role.map(str::to_string),
            base,
            id: id[..16].to_string(),
            extra: Default::default(),
        }
    }

    /// A council officer's copy: it may change the council's own answers.
    pub fn is_council(&self) -> bool {
        self.role
            .as_deref()
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("council"))
    }

    /// How conflicts and merge reports name the copy.
    pub fn label(&self) -> String {
        format!("{}'s copy", self.name)
    }
}

/// The digest of a workbook's content, without its own `copy:` record: what a
/// copy's `base` records and what a merge matches it against.
pub fn digest(wb: &Workbook) -> String {
    format!("sha256:{}", hex(&Sha256::digest(base_text(wb).as_bytes())))
}

/// The workbook as a base snapshot is written: without its `copy:` record.
pub fn base_text(wb: &Workbook) -> String {
    if wb.copy.is_none() {
        return super::to_text(wb);
    }
    let mut plain = wb.clone();
    plain.copy = None;
    super::to_text(&plain)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_record_reads_back_and_does_not_change_the_digest() {
        let base = crate::workbook::one_question_workbook();
        let mut copy = base.clone();
        copy.copy = Some(CopyOf::new(
            &base,
            "Owen Castellano",
            Some("Lead peer"),
            "t1",
        ));
        let text = crate::workbook::to_text(&copy);
        assert!(
            text.contains("copy:\n  name: Owen Castellano\n  role: Lead peer\n"),
            "{text}"
        );
        let (back, _) = crate::workbook::from_text("copy.yaml", text.as_bytes()).unwrap();
        assert_eq!(back.copy, copy.copy);
        assert_eq!(digest(&back), digest(&base));
        assert_eq!(
            back.copy.as_ref().map(|c| c.base.clone()),
            Some(digest(&base))
        );
        // Another copy for the same person is told apart.
        let other = CopyOf::new(&base, "Owen Castellano", None, "t2");
        assert_ne!(other.id, copy.copy.unwrap().id);
        // A workbook without the record writes no `copy:`.
        assert!(!crate::workbook::to_text(&base).contains("\ncopy:"));
    }

    #[test]
    fn a_copy_record_without_its_base_is_refused_with_where() {
        let base = crate::workbook::one_question_workbook();
        let text = crate::workbook::to_text(&base);
        let text = text.replacen("answers:", "copy:\n  name: Owen\n  id: x\nanswers:", 1);
        let err = crate::workbook::from_text("copy.yaml", text.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("base"), "{err}");
        assert!(err.contains("copy.yaml:"), "{err}");
        let text = crate::workbook::to_text(&base).replacen(
            "answers:",
            "copy:\n  name: Owen\n  base: abc\n  id: x\nanswers:",
            1,
        );
        let err = crate::workbook::from_text("copy.yaml", text.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("'abc' is not a workbook digest"), "{err}");
    }
}
