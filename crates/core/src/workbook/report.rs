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
