//! A field that merged copies changed differently (see `review::merge`):
//! where it is, its base value, and each copy's value, until the review
//! manager settles it. Written under `conflicts:` as
//!
//! ```yaml
//! - path: answers[question=3].narrative
//!   base: the base value
//!   values:
//!   - from: alice.yaml
//!     value: Alice's value
//! ```

use super::codec::{Any, Codec, Cx, Opt, Out, Record, Req, WCx, record};
use crate::yaml::Value;
use crate::yaml::read::{Obj, Reader};

record! {
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Conflict as "a conflict" {
        /// Where, e.g. `answers[question=3].narrative`.
        pub path: String = Req,
        pub base: Value = Any,
        /// Each copy's value, by copy label.
        pub values: Vec<(String, Value)> = Proposals,
        /// Set when a copy changed something it does not own (a reviewer's
        /// copy changing the council's answers): why it was held back for
        /// the review manager to accept or drop.
        pub held: Option<String> = Opt,
        ..extra
    }
}

impl Conflict {
    /// A new conflict, as merge records it.
    pub fn new(path: impl Into<String>, base: Value, values: Vec<(String, Value)>) -> Conflict {
        Conflict {
            path: path.into(),
            base,
            values,
            held: None,
            extra: Default::default(),
        }
    }

    /// The conflict as written in a workbook.
    pub fn to_yaml(&self) -> Value {
        self.to_value(&WCx::default())
    }
}

/// Each copy's value: a list of `from:` (the copy) and `value:`.
pub struct Proposals;

const PROPOSAL_KEYS: &[&str] = &["from", "value"];

impl Codec<Vec<(String, Value)>> for Proposals {
    fn read(r: &mut Reader, o: &Obj, key: &str, _: &Cx) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for (p, v) in r.list(o, key) {
            let Some(e) = r.obj(v, &p, "a copy's value", PROPOSAL_KEYS, &["from"]) else {
                continue;
            };
            let from = r.req_text(&e, "from");
            out.push((from, e.get("value").cloned().unwrap_or(Value::Null)));
        }
        out
    }
    fn write(v: &Vec<(String, Value)>, out: &mut Out, key: &str, _: &WCx) {
        let items = v.iter().map(|(from, value)| {
            let mut e = Out::default();
            e.put("from", from.as_str().into());
            e.put("value", value.clone());
            e.done()
        });
        // Written even when empty, as merge has always written it.
        out.put(key, Value::Sequence(items.collect()));
    }
}
