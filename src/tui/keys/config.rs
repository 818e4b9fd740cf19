//! Reading `keys.yaml` over the defaults: every problem said with its
//! place in the file, and the default kept for it.

use std::path::Path;

use super::names::NAMES;
use super::{Action, Binding, CONTEXTS, Context, Key, Keymap};
use crate::yaml::{self, Path as YPath, Value};

impl Keymap {
    /// Applies `keys.yaml` over the defaults. Returns the messages for
    /// anything in it that could not be used (the defaults stay for those).
    pub fn apply_config(&mut self, file: &str, text: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let doc = match yaml::parse(text) {
            Ok(d) => d,
            Err(e) => {
                return vec![format!(
                    "{file}:{}:{}: {}; using the default keys",
                    e.pos.line, e.pos.col, e.message
                )];
            }
        };
        let Value::Mapping(top) = &doc.value else {
            if doc.value.is_null() {
                return problems;
            }
            return vec![format!(
                "{file}:1:1: expected `context: {{action: key}}` mappings; using the default keys"
            )];
        };
        // Keys this file gives, so one given twice in a context is reported.
        let mut given: Vec<(Context, Key, Action, usize)> = Vec::new();
        for (ck, actions) in top {
            let cname = yaml::scalar_text(ck).unwrap_or_default();
            let cpath = YPath::root().key(&cname);
            let Some(context) = CONTEXTS.iter().find(|(_, n)| *n == cname).map(|(c, _)| *c) else {
                let p = doc.index.key(&cpath);
                let known: Vec<&str> = CONTEXTS.iter().map(|(_, n)| *n).collect();
                problems.push(format!(
                    "{file}:{}:{}: unknown screen '{cname}'; known: {}",
                    p.line,
                    p.col,
                    known.join(", ")
                ));
                continue;
            };
            let Value::Mapping(actions) = actions else {
                let p = doc.index.value(&cpath);
                problems.push(format!(
                    "{file}:{}:{}: under '{cname}' write `action: key` lines",
                    p.line, p.col
                ));
                continue;
            };
            for (ak, keys) in actions {
                let aname = yaml::scalar_text(ak).unwrap_or_default();
                let apath = cpath.key(&aname);
                let Some(action) = Action::from_name(&aname) else {
                    let p = doc.index.key(&apath);
                    let names: Vec<&str> = NAMES.iter().map(|(_, n, ..)| *n).collect();
                    let hint = crate::diag::suggest(&aname, &names)
                        .map(|s| format!("did you mean '{s}'?"))
                        .unwrap_or_else(|| format!("known actions: {}", names.join(", ")));
                    problems.push(format!(
                        "{file}:{}:{}: unknown action '{aname}'; {hint}",
                        p.line, p.col
                    ));
                    continue;
                };
                let texts: Vec<(YPath, String)> = match keys {
                    Value::Sequence(items) => items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (apath.idx(i), yaml::scalar_text(v).unwrap_or_default()))
                        .collect(),
                    v => vec![(apath.clone(), yaml::scalar_text(v).unwrap_or_default())],
                };
                let mut parsed = Vec::new();
                for (p, t) in texts {
                    let pos = doc.index.value(&p);
                    match Key::parse(&t) {
                        // In a field a plain character must type.
                        Ok(k) if context == Context::Text && k.types() => {
                            problems.push(format!(
                                "{file}:{}:{}: '{t}' would no longer type in a field; \
                                 give '{aname}' a Ctrl, Alt or named key (esc, enter, F2)",
                                pos.line, pos.col
                            ));
                        }
                        Ok(k) => match given.iter().find(|g| g.0 == context && g.1 == k) {
                            Some(&(_, _, other, line)) if other != action => {
                                problems.push(format!(
                                    "{file}:{}:{}: '{t}' is given to both '{}' (line {line}) \
                                     and '{aname}' under '{cname}'; '{}' keeps it",
                                    pos.line,
                                    pos.col,
                                    other.name(),
                                    other.name()
                                ));
                            }
                            _ => {
                                given.push((context, k, action, pos.line));
                                parsed.push(k);
                            }
                        },
                        Err(e) => {
                            problems.push(format!("{file}:{}:{}: {e}", pos.line, pos.col));
                        }
                    }
                }
                if parsed.is_empty() {
                    continue;
                }
                let footer = self
                    .bindings
                    .iter()
                    .any(|b| b.context == context && b.action == action && b.footer);
                let mut unique: Vec<Key> = Vec::with_capacity(parsed.len());
                for k in parsed {
                    if !unique.contains(&k) {
                        unique.push(k);
                    }
                }
                let parsed = unique;
                // The new keys take the place of the action's old ones, so
                // a rebound key keeps its place in the footer; a key now
                // used for this action leaves its old action.
                let mut kept = Vec::with_capacity(self.bindings.len());
                let mut at = None;
                for bnd in std::mem::take(&mut self.bindings) {
                    let ours = bnd.context == context && bnd.action == action;
                    if ours && at.is_none() {
                        at = Some(kept.len());
                    }
                    let retaken = bnd.context == context && parsed.contains(&bnd.key);
                    if !(ours || retaken) {
                        kept.push(bnd);
                    }
                }
                let at = at.unwrap_or(kept.len());
                kept.splice(
                    at..at,
                    parsed.into_iter().map(|key| Binding {
                        context,
                        key,
                        action,
                        footer,
                    }),
                );
                self.bindings = kept;
            }
        }
        problems
    }

    /// The defaults with the user's `keys.yaml` (if any) applied.
    pub fn load(path: &Path) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let problems = match crate::store::read_capped(path) {
            Ok(bytes) => match yaml::decode(&bytes) {
                Ok(text) => map.apply_config(&path.display().to_string(), text),
                Err(e) => vec![format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.pos.line,
                    e.pos.col,
                    e.message
                )],
            },
            Err(e) if e.is_not_found() => Vec::new(),
            Err(e) => vec![e.to_string()],
        };
        (map, problems)
    }
}
