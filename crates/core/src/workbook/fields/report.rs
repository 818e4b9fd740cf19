//! The feedback report's editable fields ([`Target::Report`]): the
//! report's own details, its contacts, each domain's paragraphs, the
//! recommendations' explanations and groups, and the themes beyond the
//! framework's domains. What an edit needs that is not there yet (the
//! `report:` record, a domain's findings) is made when it is written.

use super::Target;
use super::parts::{Form, Show, Slot, fields};
use crate::workbook::Workbook;
use crate::workbook::onsite::Recommendation;
use crate::workbook::report::{Contact, ReportDetails, Theme};

fields! {
    /// A field of the report's own details.
    pub enum ReportField of ReportDetails {
        Title => title, Opt, "Report title";
        Date => date, Date, "Report date (YYYY-MM-DD)";
        Council => council, Opt, "Council as the report names it";
        Summary => summary, Text, "Executive summary";
        CommissionedBy => commissioned_by, Opt, "Commissioned by";
        Purpose => purpose, Text, "Why the review was asked for";
        AboutPeerReview => about_peer_review, OptText, "What a peer review is (blank: peerbook's words)";
        Thanks => thanks, Text, "Thanks";
        Presentation => presentation, Text, "The feedback presentation";
    }
}

fields! {
    /// A field of a contact in the report.
    pub enum ContactField of Contact {
        Name => name, Line, "Contact: name";
        Role => role, Opt, "Role";
        Organisation => organisation, Opt, "Organisation";
        Email => email, Opt, "Email";
        Phone => phone, Opt, "Phone";
    }
}

fields! {
    /// A field of a theme beyond the framework's domains.
    pub enum ThemeField of Theme {
        Title => title, Line, "Theme title";
        Narrative => narrative, Text, "Theme: the report's paragraphs";
    }
}

fields! {
    /// The fields the report adds to a recommendation.
    pub enum RecReportField of Recommendation {
        Explanation => explanation, Text, "Recommendation: explanation";
        Group => group, Opt, "Recommendation: group (blank for none)";
    }
}

pub const REPORT_FIELDS: &[ReportField] = ReportField::ALL;
pub const CONTACT_FIELDS: &[ContactField] = ContactField::ALL;

/// A field of the feedback report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportTarget {
    Detail(ReportField),
    Contact(usize, ContactField),
    /// A framework domain's paragraphs, by its id.
    DomainNarrative(String),
    Rec(usize, RecReportField),
    Theme(usize, ThemeField),
    ThemeStrength(usize, usize),
    ThemeArea(usize, usize),
}

impl ReportTarget {
    pub(super) fn spec(&self) -> (Form, &'static str) {
        match self {
            ReportTarget::Detail(f) => f.spec(),
            ReportTarget::Contact(_, f) => f.spec(),
            ReportTarget::DomainNarrative(_) => (Form::Text, "Domain: the report's paragraphs"),
            ReportTarget::Rec(_, f) => f.spec(),
            ReportTarget::Theme(_, f) => f.spec(),
            ReportTarget::ThemeStrength(..) => (Form::Item, "Theme: strength"),
            ReportTarget::ThemeArea(..) => (Form::Item, "Theme: area for consideration"),
        }
    }

    pub(super) fn show(&self, wb: &Workbook) -> Option<String> {
        let f = &wb.findings;
        let report = || f.report.as_ref();
        Some(match self {
            ReportTarget::Detail(x) => x.show(report()?),
            ReportTarget::Contact(i, x) => x.show(report()?.contacts.get(*i)?),
            ReportTarget::DomainNarrative(d) => {
                f.domains.iter().find(|x| &x.domain == d)?.narrative.show()
            }
            ReportTarget::Rec(i, x) => x.show(f.recommendations.get(*i)?),
            ReportTarget::Theme(i, x) => x.show(f.themes.get(*i)?),
            ReportTarget::ThemeStrength(t, i) => f.themes.get(*t)?.strengths.get(*i)?.clone(),
            ReportTarget::ThemeArea(t, i) => f.themes.get(*t)?.areas.get(*i)?.clone(),
        })
    }

    pub(super) fn slot<'w>(&self, wb: &'w mut Workbook) -> Option<Slot<'w>> {
        let f = &mut wb.findings;
        Some(match self {
            ReportTarget::Detail(x) => x.slot(f.report.get_or_insert_default()),
            ReportTarget::Contact(i, x) => {
                x.slot(f.report.get_or_insert_default().contacts.get_mut(*i)?)
            }
            ReportTarget::DomainNarrative(d) => Slot::Text(&mut f.domain_mut(d).narrative),
            ReportTarget::Rec(i, x) => x.slot(f.recommendations.get_mut(*i)?),
            ReportTarget::Theme(i, x) => x.slot(f.themes.get_mut(*i)?),
            ReportTarget::ThemeStrength(t, i) => {
                Slot::Item(&mut f.themes.get_mut(*t)?.strengths, *i)
            }
            ReportTarget::ThemeArea(t, i) => Slot::Item(&mut f.themes.get_mut(*t)?.areas, *i),
        })
    }
}

impl From<ReportTarget> for Target {
    fn from(t: ReportTarget) -> Target {
        Target::Report(t)
    }
}

/// A new theme for the findings, with an id no theme or domain has.
pub fn new_theme(wb: &Workbook) -> Theme {
    let taken = |id: &str| {
        wb.findings.themes.iter().any(|t| t.id == id)
            || wb.framework.domains.iter().any(|d| d.id == id)
    };
    let mut n = wb.findings.themes.len() + 1;
    while taken(&format!("theme-{n}")) {
        n += 1;
    }
    Theme {
        id: format!("theme-{n}"),
        ..Theme::default()
    }
}

/// A new, empty contact.
pub fn new_contact() -> Contact {
    Contact::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::one_question_workbook;

    #[test]
    fn report_fields_make_what_they_need_and_read_back() {
        let mut wb = one_question_workbook();
        assert!(wb.findings.report.is_none());
        let title: Target = ReportTarget::Detail(ReportField::Title).into();
        assert_eq!(title.read(&wb), "");
        assert!(title.write(&mut wb, "  Our report  ").unwrap());
        assert_eq!(
            wb.findings.report.as_ref().unwrap().title.as_deref(),
            Some("Our report")
        );
        let date: Target = ReportTarget::Detail(ReportField::Date).into();
        assert!(date.write(&mut wb, "2026-13-01").is_err());
        let summary: Target = ReportTarget::Detail(ReportField::Summary).into();
        summary.write(&mut wb, "One.\n\nTwo.").unwrap();
        assert_eq!(summary.read(&wb), "One.\n\nTwo.");
        let narrative: Target = ReportTarget::DomainNarrative("d1".into()).into();
        narrative.write(&mut wb, "About d1.").unwrap();
        assert_eq!(wb.findings.domains[0].narrative, "About d1.");
        // A theme's fields need the theme; a new one gets a free id.
        let t: Target = ReportTarget::Theme(0, ThemeField::Title).into();
        assert!(t.write(&mut wb, "Carers").is_err());
        let theme = new_theme(&wb);
        assert_eq!(theme.id, "theme-1");
        wb.findings.themes.push(theme);
        t.write(&mut wb, "Carers").unwrap();
        let s: Target = ReportTarget::ThemeStrength(0, 0).into();
        s.write(&mut wb, "Good\nwork").unwrap();
        assert_eq!(wb.findings.themes[0].strengths, ["Good work"]);
        assert!(s.remove_item(&mut wb));
        assert_eq!(t.kind(), super::super::Kind::Text);
        assert_eq!(summary.kind(), super::super::Kind::Multi);
    }
}
