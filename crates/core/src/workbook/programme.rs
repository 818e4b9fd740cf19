//! The on-site programme: the meetings, interviews, focus groups, visits and
//! audits of the week, shared by the whole team (`review.programme`). A
//! reviewer marks an item attended by logging an activity that points at it
//! (`programme: ID`); a source can point at one too. However many reviewers
//! attended, an item counts once in the team's totals.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Workbook;
use super::codec::{Count, Date, Hours, Opt, Req, Word, record};
use super::onsite::{Activity, ActivityKind, Reviewer};
use crate::yaml::Path;
use crate::yaml::read::{Reader, is_item_id};

record! {
    /// One event of the on-site week, planned for the team.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct ProgrammeItem as "a programme item" {
        pub id: String = Req,
        pub kind: ActivityKind = Word,
        pub title: String = Req,
        pub date: Option<NaiveDate> = Date,
        /// Who leads or hosts it on the council's side.
        pub with: Option<String> = Opt,
        /// How many people the team met there (counted once).
        pub people: Option<u32> = Count,
        pub hours: Option<f64> = Hours,
        ..extra
    }
}

impl Workbook {
    pub fn programme_item(&self, id: &str) -> Option<&ProgrammeItem> {
        self.review.programme.iter().find(|p| p.id == id)
    }

    /// The reviewers who marked a programme item attended, in file order.
    pub fn attendees(&self, id: &str) -> Vec<&str> {
        self.reviewers
            .iter()
            .filter(|r| r.attended(id))
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Marks a programme item attended by a reviewer (an activity in their
    /// log pointing at it, with its kind, title and date), or unmarks it
    /// (every such activity goes). Returns whether they now attend it;
    /// `None` when there is no such item.
    pub fn toggle_attended(&mut self, reviewer: &str, id: &str) -> Option<bool> {
        let item = self.programme_item(id)?.clone();
        let r = self.reviewer_mut(reviewer);
        if r.attended(id) {
            r.activities.retain(|a| a.programme.as_deref() != Some(id));
            Some(false)
        } else {
            r.activities.push(Activity {
                date: item.date,
                kind: item.kind,
                title: item.title.clone(),
                programme: Some(item.id.clone()),
                ..Activity::default()
            });
            Some(true)
        }
    }

    /// A fresh programme id: `p1`, `p2`… the first not in use.
    pub fn next_programme_id(&self) -> String {
        (1..)
            .map(|n| format!("p{n}"))
            .find(|id| self.programme_item(id).is_none())
            .unwrap_or_default()
    }
}

impl Reviewer {
    /// Whether the reviewer's log marks the programme item attended.
    pub fn attended(&self, id: &str) -> bool {
        self.activities
            .iter()
            .any(|a| a.programme.as_deref() == Some(id))
    }
}

/// The programme's ids are well formed and used once; an activity or source
/// naming an item the programme lacks is kept, with a warning (it counts on
/// its own).
pub(super) fn check(
    r: &mut Reader,
    (review_at, review): (&Path, &super::Review),
    (reviewers_at, reviewers): (&Path, &[Reviewer]),
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let items = review_at.key("programme");
    for (i, p) in review.programme.iter().enumerate() {
        let at = items.idx(i).key("id");
        if !is_item_id(&p.id) {
            r.error(
                &at,
                format!(
                    "programme id '{}' has characters that are not allowed",
                    p.id
                ),
                "use letters, digits, '.', '_' and '-', e.g. `p3`",
            );
        } else if let Some(first) = seen.get(p.id.as_str()) {
            let line = r.pos(&items.idx(*first).key("id")).line;
            r.error(
                &at,
                format!(
                    "programme id '{}' is used twice (first at line {line})",
                    p.id
                ),
                "give each programme item its own id",
            );
        } else {
            seen.insert(&p.id, i);
        }
    }
    fn unknown<'a>(id: &'a Option<String>, seen: &HashMap<&str, usize>) -> Option<&'a String> {
        id.as_ref().filter(|id| !seen.contains_key(id.as_str()))
    }
    let help = "add the item to `review.programme`, or take `programme:` off";
    for (ri, rev) in reviewers.iter().enumerate() {
        let rp = reviewers_at.idx(ri);
        for (ai, a) in rev.activities.iter().enumerate() {
            if let Some(id) = unknown(&a.programme, &seen) {
                r.warning(
                    &rp.key("activities").idx(ai).key("programme"),
                    format!("no programme item '{id}'; the activity counts on its own"),
                    help,
                );
            }
        }
        for (qi, ans) in rev.answers.iter().enumerate() {
            for (si, s) in ans.sources.iter().enumerate() {
                if let Some(id) = unknown(&s.programme, &seen) {
                    r.warning(
                        &rp.key("answers")
                            .idx(qi)
                            .key("sources")
                            .idx(si)
                            .key("programme"),
                        format!("no programme item '{id}'; the source is kept"),
                        help,
                    );
                }
            }
        }
    }
}
