//! What the feedback report needs beyond the findings: its own title, date
//! and council, the executive summary, the background, how the review was
//! done, the contacts, the themes beyond the framework's domains, and which
//! ratings it shows. Kept under `findings:` (`findings.report`,
//! `findings.themes`); each type described once ([`record!`]).

use chrono::NaiveDate;

use super::codec::{Cx, Date, Flag, Items, Opt, Req, Text, Texts, Word, record};
use super::words::words;
use crate::yaml::read::{Obj, Reader};

words! {
    /// Which ratings the feedback report shows. A findings-only framework
    /// never shows any, whatever this says.
    pub enum RatingsShown {
        /// The council's own rating beside the agreed peer rating.
        #[default]
        #[strum(message = "Self-assessment and peer ratings")]
        SelfAndPeer,
        #[strum(message = "Peer ratings only")]
        PeerOnly,
        #[strum(message = "No ratings")]
        None,
    }
}

record! {
    /// The feedback report's own details. Everything is optional: what is
    /// empty is left out of the report.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct ReportDetails as "the report details", check check_report {
        /// The report's own title (not the self-assessment's).
        pub title: Option<String> = Opt,
        /// The date the report carries (the export's date when missing).
        pub date: Option<NaiveDate> = Date,
        /// The council as the report names it (the review's when missing).
        pub council: Option<String> = Opt,
        /// The executive summary, in prose.
        pub summary: String = Text,
        /// Who commissioned the review ("the Director of Adult Social
        /// Services, …").
        pub commissioned_by: Option<String> = Opt,
        /// Why the review was asked for, in prose.
        pub purpose: String = Text,
        /// What a peer review is: peerbook's own paragraph when missing.
        pub about_peer_review: Option<String> = Opt,
        /// Leave the "what a peer review is" paragraph out altogether.
        pub omit_about_peer_review: bool = Flag,
        /// Show the team's email addresses (left out unless asked for).
        pub show_emails: bool = Flag,
        /// The team's thanks, in prose.
        pub thanks: String = Text,
        /// The feedback presentation on the last day, in prose.
        pub presentation: String = Text,
        pub ratings: RatingsShown = Word,
        pub contacts: Vec<Contact> = Items,
        ..extra
    }
}

impl ReportDetails {
    pub fn is_empty(&self) -> bool {
        *self == ReportDetails::default()
    }
}

/// Peer ratings asked for on a framework without a scale cannot be shown.
fn check_report(d: &ReportDetails, r: &mut Reader, o: &Obj, cx: &Cx) {
    if let Some(fw) = cx.fw
        && fw.scale.is_none()
        && d.ratings != RatingsShown::SelfAndPeer
        && d.ratings != RatingsShown::None
    {
        r.warning(
            &o.at("ratings"),
            format!(
                "'{}' is findings-only: the report shows no ratings",
                fw.key()
            ),
            "remove the `ratings:` line, or write `ratings: none`",
        );
    }
}

record! {
    /// Someone to contact about the review.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Contact as "a contact" {
        pub name: String = Req,
        pub role: Option<String> = Opt,
        pub organisation: Option<String> = Opt,
        pub email: Option<String> = Opt,
        pub phone: Option<String> = Opt,
        ..extra
    }
}

record! {
    /// Findings on a theme the framework's domains do not cover ("Integration
    /// with health"), shown after the domains in the order listed.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Theme as "a theme", check check_theme {
        pub id: String = Req,
        pub title: String = Req,
        pub narrative: String = Text,
        pub strengths: Vec<String> = Texts,
        pub areas: Vec<String> = Texts,
        ..extra
    }
}

impl Theme {
    /// Whether the theme holds anything to report besides its title.
    pub fn is_blank(&self) -> bool {
        self.narrative.trim().is_empty()
            && self.strengths.iter().all(|s| s.trim().is_empty())
            && self.areas.iter().all(|s| s.trim().is_empty())
    }
}

/// A theme may not take a framework domain's id: its findings go there.
fn check_theme(t: &Theme, r: &mut Reader, o: &Obj, cx: &Cx) {
    if let Some(fw) = cx.fw
        && fw.domains.iter().any(|d| d.id == t.id)
    {
        r.error(
            &o.at("id"),
            format!("theme '{}' has the id of a domain of {}", t.id, fw.key()),
            "give the theme an id of its own, or write its findings under `findings.domains`",
        );
    }
}

/// Theme ids are unique within the findings.
pub(crate) fn check_themes(themes: &[Theme], r: &mut Reader, o: &Obj) {
    for (i, t) in themes.iter().enumerate() {
        if themes[..i].iter().any(|x| x.id == t.id) {
            r.error(
                &o.at("themes").idx(i).key("id"),
                format!("theme id '{}' is used twice", t.id),
                "give each theme its own id",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::merge::{Copy, merge};
    use crate::workbook::{LoadError, Workbook, from_text, one_question_workbook, to_text};

    fn theme(id: &str) -> Theme {
        Theme {
            id: id.into(),
            title: format!("Theme {id}"),
            narrative: "Prose.".into(),
            ..Theme::default()
        }
    }

    fn reload(wb: &Workbook) -> Result<(Workbook, crate::diag::Diagnostics), LoadError> {
        from_text("wb.yaml", to_text(wb).as_bytes())
    }

    #[test]
    fn report_fields_read_back_and_old_workbooks_write_no_new_keys() {
        let mut wb = one_question_workbook();
        let plain = to_text(&wb);
        assert!(!plain.contains("themes") && !plain.contains("report"));
        wb.findings.themes.push(theme("health"));
        wb.findings.report = Some(ReportDetails {
            title: Some("Own title".into()),
            ratings: RatingsShown::None,
            contacts: vec![Contact {
                name: "Pat".into(),
                phone: Some("01632 960 000".into()),
                ..Contact::default()
            }],
            ..ReportDetails::default()
        });
        let (back, diags) = reload(&wb).unwrap();
        assert!(diags.0.is_empty(), "{:?}", diags.0);
        assert_eq!(back.findings, wb.findings);
    }

    #[test]
    fn a_theme_may_not_take_a_domain_id_or_another_themes_id() {
        let mut wb = one_question_workbook();
        wb.findings.themes = vec![theme("d1"), theme("x"), theme("x")];
        let text = to_text(&wb);
        let Err(err) = from_text("wb.yaml", text.as_bytes()) else {
            panic!("refused")
        };
        let all = err.to_string();
        assert!(all.contains("theme 'd1' has the id of a domain"), "{all}");
        assert!(all.contains("theme id 'x' is used twice"), "{all}");
        // Each with its line: the second 'x' is the later of the two.
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let last_x = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == "- id: x")
            .map(|(i, _)| i + 1)
            .last()
            .unwrap();
        assert!(
            all.contains(&format!("wb.yaml:{}:", line_of("- id: d1"))),
            "{all}"
        );
        assert!(all.contains(&format!("wb.yaml:{last_x}:")), "{all}");
    }

    #[test]
    fn peer_ratings_on_a_findings_only_framework_are_a_warning() {
        let mut wb = one_question_workbook();
        assert!(wb.framework.scale.is_none());
        wb.findings.report = Some(ReportDetails {
            ratings: RatingsShown::PeerOnly,
            ..ReportDetails::default()
        });
        let (_, diags) = reload(&wb).unwrap();
        assert_eq!(diags.0.len(), 1, "{:?}", diags.0);
        assert!(diags.0[0].message.contains("findings-only"));
    }

    #[test]
    fn merge_carries_themes_and_contacts_item_by_item() {
        let base = one_question_workbook();
        let mut a = base.clone();
        a.findings.themes.push(theme("health"));
        let mut b = base.clone();
        b.findings.themes.push(theme("carers"));
        b.findings.report = Some(ReportDetails {
            summary: "From B.".into(),
            contacts: vec![Contact {
                name: "Pat".into(),
                ..Contact::default()
            }],
            ..ReportDetails::default()
        });
        let m = merge(
            &base,
            &[
                Copy {
                    label: "a.yaml".into(),
                    workbook: &a,
                },
                Copy {
                    label: "b.yaml".into(),
                    workbook: &b,
                },
            ],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(m.conflicts.is_empty());
        // Each copy's new theme is kept: themes are matched by id.
        let ids: Vec<&str> = m
            .workbook
            .findings
            .themes
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert!(
            ids.contains(&"health") && ids.contains(&"carers"),
            "{ids:?}"
        );
        assert_eq!(m.workbook.findings.report, b.findings.report);
        // Two copies adding different contacts keep both.
        let mut c = base.clone();
        let mut d = base.clone();
        for (wb, who) in [(&mut c, "Pat"), (&mut d, "Sam")] {
            wb.findings.report = Some(ReportDetails {
                contacts: vec![Contact {
                    name: who.into(),
                    ..Contact::default()
                }],
                ..ReportDetails::default()
            });
        }
        let m = merge(
            &base,
            &[
                Copy {
                    label: "c.yaml".into(),
                    workbook: &c,
                },
                Copy {
                    label: "d.yaml".into(),
                    workbook: &d,
                },
            ],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = m
            .workbook
            .findings
            .report
            .unwrap()
            .contacts
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names.len(), 2, "{names:?} {:?}", m.conflicts);
    }
}
