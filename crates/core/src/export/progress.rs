//! The progress report for the follow-up visit: after the review the
//! council keeps each recommendation's status and progress note up to date,
//! and this pack says what was done, what is late (past its due date on the
//! day the pack is produced, [`Options::produced`]) and what is still open.

use chrono::NaiveDate;

use super::Options;
use super::doc::{Block, Document, Inline};
use crate::workbook::Workbook;
use crate::workbook::onsite::{ActionStatus, Recommendation};

/// Where a recommendation stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Done,
    /// Not done, and its due date has passed.
    Late,
    Open,
}

impl Standing {
    pub fn of(r: &Recommendation, today: NaiveDate) -> Standing {
        if r.status == ActionStatus::Done {
            Standing::Done
        } else if r.due.is_some_and(|d| d < today) {
            Standing::Late
        } else {
            Standing::Open
        }
    }
}

/// Each recommendation with its number (its place in the list) and where
/// it stands on `today`.
pub fn standings(wb: &Workbook, today: NaiveDate) -> Vec<(usize, &Recommendation, Standing)> {
    wb.findings
        .recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r, Standing::of(r, today)))
        .collect()
}

pub fn progress(wb: &Workbook, opts: &Options) -> Document {
    let mut d = Document::default();
    super::pack::title_block(&mut d, wb, "Progress on the recommendations", opts);
    let all = standings(wb, opts.produced);
    let count = |s: Standing| all.iter().filter(|(_, _, x)| *x == s).count();
    let (done, late, open) = (
        count(Standing::Done),
        count(Standing::Late),
        count(Standing::Open),
    );
    d.heading(2, "Summary");
    if all.is_empty() {
        d.para(vec![Inline::Emphasis(
            "The review made no recommendations.".into(),
        )]);
        return d;
    }
    d.para(vec![Inline::text(format!(
        "Of {} recommendation{}, {done} {} done, {late} {} late (past its due date on {}) and {open} {} still open.",
        all.len(),
        if all.len() == 1 { "" } else { "s" },
        if done == 1 { "is" } else { "are" },
        if late == 1 { "is" } else { "are" },
        super::pack::long_date(opts.produced),
        if open == 1 { "is" } else { "are" },
    ))]);
    for (title, which, none) in [
        ("Late", Standing::Late, "Nothing is late."),
        ("Open", Standing::Open, "Nothing is open."),
        ("Done", Standing::Done, "Nothing is done yet."),
    ] {
        d.heading(2, title);
        let rows: Vec<_> = all.iter().filter(|(_, _, s)| *s == which).collect();
        if rows.is_empty() {
            d.para(vec![Inline::Emphasis(none.into())]);
            continue;
        }
        d.push(Block::Table {
            header: [
                "No.",
                "Recommendation",
                "Owner",
                "Due",
                "Status",
                "Progress",
            ]
            .map(String::from)
            .to_vec(),
            rows: rows
                .iter()
                .map(|(n, r, _)| {
                    let cell = |s: String| vec![Inline::text(s)];
                    vec![
                        cell(n.to_string()),
                        cell(r.text.clone()),
                        cell(r.owner.clone().unwrap_or_default()),
                        cell(r.due.map(super::pack::long_date).unwrap_or_default()),
                        cell(r.status.label().to_string()),
                        cell(r.progress.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
        });
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Format, Pack, render};
    use crate::framework::registry::Registry;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    #[test]
    fn done_late_and_open_against_the_day_it_is_produced() {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        let mut wb = Workbook::new(fw, "Suffolk", "Reablement");
        let rec = |text: &str, due: Option<NaiveDate>, status| Recommendation {
            text: text.into(),
            due,
            status,
            progress: Some(format!("{text}: under way")),
            ..Recommendation::default()
        };
        wb.findings.recommendations = vec![
            rec("Publish the plan", Some(day(1)), ActionStatus::Done),
            rec("Hire therapists", Some(day(10)), ActionStatus::InProgress),
            rec("Review waiting lists", Some(day(20)), ActionStatus::Open),
            rec("Talk to carers", None, ActionStatus::Open),
        ];
        let s: Vec<Standing> = standings(&wb, day(15)).iter().map(|x| x.2).collect();
        assert_eq!(
            s,
            vec![
                Standing::Done,
                Standing::Late,
                Standing::Open,
                Standing::Open
            ]
        );
        // On its due date a recommendation is not yet late.
        assert_eq!(standings(&wb, day(10))[1].2, Standing::Open);
        let opts = Options { produced: day(15) };
        let md = String::from_utf8(render(&wb, Pack::Progress, Format::Markdown, &opts)).unwrap();
        assert!(
            md.contains("Of 4 recommendations, 1 is done, 1 is late (past its due date on 15 June 2026) and 2 are still open."),
            "{md}"
        );
        let late = md.find("## Late").unwrap();
        let open = md.find("## Open").unwrap();
        let hire = md.find("| 2 | Hire therapists").unwrap();
        assert!(late < hire && hire < open, "{md}");
        assert!(md.contains("Hire therapists: under way"));
        let docx = render(&wb, Pack::Progress, Format::Docx, &opts);
        assert!(docx.starts_with(b"PK"));
    }
}
