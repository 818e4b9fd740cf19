//! The peer team's feedback report, in the shape of the published ones:
//! its own title, an executive summary, the background, how the review was
//! done, numbered key messages, each theme's paragraphs with strengths and
//! areas for consideration, the ratings the workbook asks for (if any),
//! numbered recommendations (grouped where groups are used), next steps and
//! contacts. What the workbook leaves empty is left out: a report that goes
//! out never says "none recorded".

use super::doc::{Block, Document, Inline, lines};
use super::pack::{Options, bullets_of, dates, long_date, rating_words};
use crate::framework::Framework;
use crate::review::analysis;
use crate::review::scoring::Score;
use crate::workbook::Workbook;
use crate::workbook::onsite::{ActivityKind, Recommendation};
use crate::workbook::report::{RatingsShown, ReportDetails};

/// What a peer review is, in peerbook's words: printed in the background
/// unless the report gives its own (`about_peer_review`) or leaves it out.
pub const ABOUT_PEER_REVIEW: &str = "A peer review is a supportive look at the council's work by people who do the same work elsewhere. The team came as critical friends: to help the council and its partners see what is going well, what could be better and how ready they are to change, not to inspect or to pass judgement. What the team heard was said in confidence, and nothing in this report is attributed to any individual.";

fn t(s: impl Into<String>) -> Inline {
    Inline::text(s)
}

fn b(s: impl Into<String>) -> Inline {
    Inline::strong(s)
}

/// The review's statistics by kind of activity, from the reviewers'
/// activity logs: the one place the report counts them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Statistics {
    pub documents: usize,
    pub interviews: usize,
    pub focus_groups: usize,
    pub case_files: usize,
    pub visits: usize,
    pub other: usize,
    pub people: u32,
    pub hours: f64,
}

impl Statistics {
    pub fn is_empty(&self) -> bool {
        *self == Statistics::default()
    }
}

/// Counts every activity of every reviewer by its kind, with the people
/// met and the hours spent.
pub fn statistics(wb: &Workbook) -> Statistics {
    let mut s = Statistics::default();
    // A meeting several reviewers attended (one programme item) counts once.
    for (kind, people, hours) in crate::review::analysis::counted_activities(wb) {
        match kind {
            ActivityKind::Document => s.documents += 1,
            ActivityKind::Interview => s.interviews += 1,
            ActivityKind::FocusGroup => s.focus_groups += 1,
            ActivityKind::CaseFileAudit => s.case_files += 1,
            ActivityKind::Visit => s.visits += 1,
            ActivityKind::Other => s.other += 1,
        }
        s.people += people.unwrap_or(0);
        s.hours += hours.unwrap_or(0.0);
    }
    s
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "read 9 documents, held 12 interviews and 4 focus groups, …", or `None`
/// when the logs are empty.
pub fn statistics_sentence(s: &Statistics) -> Option<String> {
    let mut parts = Vec::new();
    if s.documents > 0 {
        parts.push(format!(
            "read {}",
            count(s.documents, "document", "documents")
        ));
    }
    let meetings: Vec<String> = [
        (s.interviews, "interview", "interviews"),
        (s.focus_groups, "focus group", "focus groups"),
    ]
    .iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| count(*n, one, many))
    .collect();
    if !meetings.is_empty() {
        parts.push(format!("held {}", meetings.join(" and ")));
    }
    if s.case_files > 0 {
        parts.push(format!(
            "carried out {}",
            count(s.case_files, "case file audit", "case file audits")
        ));
    }
    if s.visits > 0 {
        parts.push(format!("made {}", count(s.visits, "visit", "visits")));
    }
    if s.other > 0 {
        parts.push(format!(
            "took part in {}",
            count(s.other, "other activity", "other activities")
        ));
    }
    if s.people > 0 {
        parts.push(format!(
            "met {} {}",
            s.people,
            if s.people == 1 { "person" } else { "people" }
        ));
    }
    if s.hours > 0.0 {
        let h = crate::workbook::fmt_number(s.hours);
        parts.push(format!(
            "spent {h} {} on site",
            if s.hours == 1.0 { "hour" } else { "hours" }
        ));
    }
    let last = parts.pop()?;
    Some(if parts.is_empty() {
        last
    } else {
        format!("{} and {last}", parts.join(", "))
    })
}

/// The report's title: its own, or one made from the council.
pub fn title(wb: &Workbook) -> String {
    let r = wb.findings.report.as_ref();
    match r.and_then(|r| r.title.as_deref()).map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => format!("{}: peer review feedback report", council(wb)),
    }
}

fn council(wb: &Workbook) -> String {
    wb.findings
        .report
        .as_ref()
        .and_then(|r| r.council.clone())
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| wb.review.council.clone())
}

fn written(s: &str) -> bool {
    !s.trim().is_empty()
}

/// Text split into its paragraphs (blank lines between).
fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in text.lines() {
        if l.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join("\n"));
                cur.clear();
            }
        } else {
            cur.push(l);
        }
    }
    if !cur.is_empty() {
        out.push(cur.join("\n"));
    }
    out
}

/// A numbered paragraph: "**3.** text", its further paragraphs after it.
fn numbered(d: &mut Document, n: usize, text: &str) {
    let mut ps = paragraphs(text).into_iter();
    let first = ps.next().unwrap_or_default();
    let mut p = vec![b(format!("{n}.")), t(" ")];
    p.extend(lines(&first));
    d.para(p);
    for rest in ps {
        d.para(lines(&rest));
    }
}

fn written_items(items: &[String]) -> Vec<String> {
    items.iter().filter(|s| written(s)).cloned().collect()
}

/// The peer team's feedback report.
pub fn feedback(wb: &Workbook, opts: &Options) -> Document {
    let none = ReportDetails::default();
    let rep = wb.findings.report.as_ref().unwrap_or(&none);
    let mut d = Document::default();
    d.heading(1, title(wb));
    d.para(vec![
        b(council(wb)),
        Inline::Break,
        t(long_date(rep.date.unwrap_or(opts.produced))),
    ]);

    d.heading(2, "Contents");
    d.push(Block::Contents);

    if written(&rep.summary) {
        d.heading(2, "Executive summary");
        d.push(Block::UserText(rep.summary.clone()));
    }
    background(&mut d, wb, rep);
    how_it_was_done(&mut d, wb, rep);

    let messages = written_items(&wb.findings.key_messages);
    if !messages.is_empty() {
        d.heading(2, "Key messages");
        for (i, m) in messages.iter().enumerate() {
            numbered(&mut d, i + 1, m);
        }
    }

    themes(&mut d, wb);
    ratings(&mut d, wb, rep.ratings);
    recommendations(&mut d, &wb.findings.recommendations);

    let steps = written_items(&wb.findings.next_steps);
    if !steps.is_empty() {
        d.heading(2, "Next steps");
        d.push(bullets_of(&steps));
    }
    contacts(&mut d, rep);
    d
}

fn background(d: &mut Document, wb: &Workbook, rep: &ReportDetails) {
    let fw = &wb.framework;
    d.heading(2, "Background");
    if let Some(by) = rep.commissioned_by.as_deref().filter(|s| written(s)) {
        d.para(vec![t(format!(
            "The review was commissioned by {}.",
            by.trim().trim_end_matches('.')
        ))]);
    }
    if written(&rep.purpose) {
        d.push(Block::UserText(rep.purpose.clone()));
    }
    // The focus the review details give; without one, the framework's
    // scoping questions (a workbook made on another council's framework
    // writes its own focus, and those are not its questions).
    let mut focus = written_items(&wb.review.focus);
    if focus.is_empty() {
        focus = fw
            .domains
            .iter()
            .filter(|d| d.is_scoping())
            .flat_map(|d| &d.questions)
            .map(|q| q.text.trim().to_string())
            .filter(|t| written(t))
            .collect();
    }
    if !focus.is_empty() {
        d.para(vec![t("The council asked the peer team to focus on:")]);
        d.push(bullets_of(&focus));
    }
    let mut used = format!(
        "The team worked to a framework: {} (version {}).",
        fw.title, fw.version
    );
    if let Some(src) = fw.source.as_deref().filter(|s| written(s)) {
        used.push_str(&format!(" It is drawn from {}", src.trim()));
        if !used.ends_with('.') {
            used.push('.');
        }
    }
    d.para(vec![t(used)]);
    if !rep.omit_about_peer_review {
        let about = rep
            .about_peer_review
            .clone()
            .filter(|s| written(s))
            .unwrap_or_else(|| ABOUT_PEER_REVIEW.to_string());
        d.push(Block::UserText(about));
    }
}

/// "from 18 October 2016 to 21 October 2016", "on 3 May 2026".
fn on_site(wb: &Workbook) -> Option<String> {
    match (wb.review.onsite_start, wb.review.onsite_end) {
        (Some(s), Some(e)) if s == e => Some(format!("on {}", long_date(s))),
        (Some(s), Some(e)) => Some(format!("from {} to {}", long_date(s), long_date(e))),
        _ => dates(wb),
    }
}

fn how_it_was_done(d: &mut Document, wb: &Workbook, rep: &ReportDetails) {
    let team = &analysis::peer_team(wb);
    let stats = statistics(wb);
    let when = on_site(wb);
    if team.is_empty()
        && stats.is_empty()
        && when.is_none()
        && !written(&rep.thanks)
        && !written(&rep.presentation)
    {
        return;
    }
    d.heading(2, "How the review was done");
    if !team.is_empty() {
        d.para(vec![t("The peer team was:")]);
        let mut header: Vec<String> = ["Name", "Role", "Organisation"].map(String::from).to_vec();
        if rep.show_emails {
            header.push("Email".into());
        }
        let rows = team
            .iter()
            .map(|m| {
                let mut row = vec![
                    vec![t(&m.name)],
                    vec![t(m.role.clone().unwrap_or_default())],
                    vec![t(m.organisation.clone().unwrap_or_default())],
                ];
                if rep.show_emails {
                    row.push(vec![t(m.email.clone().unwrap_or_default())]);
                }
                row
            })
            .collect();
        d.push(Block::Table { header, rows });
    }
    let mut on_site = String::new();
    if let Some(w) = &when {
        on_site.push_str(&format!("The team was on site {w}."));
    }
    if let Some(s) = statistics_sentence(&stats) {
        if !on_site.is_empty() {
            on_site.push(' ');
        }
        on_site.push_str(&format!("To reach its findings the team {s}."));
    }
    if !on_site.is_empty() {
        d.para(vec![t(on_site)]);
    }
    if !stats.is_empty() {
        let mut rows = Vec::new();
        for (what, n) in [
            ("Documents read", stats.documents.to_string()),
            ("Interviews", stats.interviews.to_string()),
            ("Focus groups", stats.focus_groups.to_string()),
            ("Case file audits", stats.case_files.to_string()),
            ("Visits", stats.visits.to_string()),
            ("People met", stats.people.to_string()),
            ("Hours on site", crate::workbook::fmt_number(stats.hours)),
        ] {
            if n != "0" {
                rows.push(vec![vec![t(what)], vec![t(n)]]);
            }
        }
        d.push(Block::Table {
            header: vec!["Activity".into(), "Number".into()],
            rows,
        });
    }
    if written(&rep.thanks) {
        d.push(Block::UserText(rep.thanks.clone()));
    }
    if written(&rep.presentation) {
        d.push(Block::UserText(rep.presentation.clone()));
    }
}

/// One theme: its paragraphs, then strengths and areas for consideration.
fn theme(d: &mut Document, title: &str, narrative: &str, strengths: &[String], areas: &[String]) {
    let strengths = written_items(strengths);
    let areas = written_items(areas);
    if !written(narrative) && strengths.is_empty() && areas.is_empty() {
        return;
    }
    d.heading(2, title);
    if written(narrative) {
        d.push(Block::UserText(narrative.to_string()));
    }
    for (label, items) in [("Strengths", strengths), ("Areas for consideration", areas)] {
        if !items.is_empty() {
            d.para(vec![b(label)]);
            d.push(bullets_of(&items));
        }
    }
}

/// The framework's domains in its order, findings for domains it does not
/// have, then the report's own themes in the order listed.
///
/// What the team found on the council's scoping questions comes first,
/// under a heading of its own: they are the review's focus (listed in the
/// background), not one of its themes.
fn themes(d: &mut Document, wb: &Workbook) {
    let fw = &wb.framework;
    let f = &wb.findings;
    let (scoping, rest): (Vec<_>, Vec<_>) = fw.domains.iter().partition(|d| d.is_scoping());
    for domain in scoping.into_iter().chain(rest) {
        if let Some(x) = f.domains.iter().find(|x| x.domain == domain.id) {
            let title = if domain.is_scoping() {
                "On the council's scoping questions"
            } else {
                &domain.title
            };
            theme(d, title, &x.narrative, &x.strengths, &x.areas);
        }
    }
    for x in f
        .domains
        .iter()
        .filter(|x| !fw.domains.iter().any(|d| d.id == x.domain))
    {
        let title = format!("Other findings ({})", x.domain);
        theme(d, &title, &x.narrative, &x.strengths, &x.areas);
    }
    for x in &f.themes {
        let title = if written(&x.title) { &x.title } else { &x.id };
        theme(d, title, &x.narrative, &x.strengths, &x.areas);
    }
}

fn gap_text(g: Option<i64>) -> String {
    g.map_or("–".into(), |g| {
        if g == 0 { "0".into() } else { format!("{g:+}") }
    })
}

fn ratings(d: &mut Document, wb: &Workbook, shown: RatingsShown) {
    let fw: &Framework = &wb.framework;
    if fw.scale.is_none() || shown == RatingsShown::None {
        return;
    }
    let rows = analysis::ratings(wb);
    if !rows
        .iter()
        .any(|r| r.agreed != crate::workbook::Rating::None)
    {
        return;
    }
    let question = |id: &str| {
        fw.question(id)
            .map(|(_, q)| q.text.clone())
            .unwrap_or_default()
    };
    let both = shown == RatingsShown::SelfAndPeer;
    d.heading(
        2,
        if both {
            "Self-assessment and peer ratings"
        } else {
            "Peer ratings"
        },
    );
    let mut header: Vec<String> = ["Ref", "Question"].map(String::from).to_vec();
    if both {
        header.push("Council".into());
    }
    header.push("Peer team".into());
    if both {
        header.push("Difference".into());
    }
    let table = rows
        .iter()
        .map(|r| {
            let mut row = vec![vec![t(&r.reference)], vec![t(question(&r.question))]];
            if both {
                row.push(vec![t(rating_words(fw, r.own))]);
            }
            row.push(vec![t(rating_words(fw, r.agreed))]);
            if both {
                row.push(vec![t(gap_text(r.gap()))]);
            }
            row
        })
        .collect();
    d.push(Block::Table {
        header,
        rows: table,
    });
    if fw.scoring.is_none() {
        return;
    }
    let sc = |s: &Score| s.score_text().unwrap_or_else(|| "–".into());
    let bd = |s: &Score| {
        s.band
            .as_ref()
            .map_or("–".into(), |b| b.label().to_string())
    };
    let mut header = vec!["Domain".to_string()];
    if both {
        header.extend(["Council score".into(), "Council band".into()]);
    }
    header.extend(["Peer score".into(), "Peer band".into()]);
    let rows = analysis::domain_gaps(wb)
        .iter()
        .map(|g| {
            let mut row = vec![vec![t(&g.title)]];
            if both {
                row.push(vec![t(sc(&g.own))]);
                row.push(vec![t(bd(&g.own))]);
            }
            row.push(vec![t(sc(&g.peer))]);
            row.push(vec![t(bd(&g.peer))]);
            row
        })
        .collect();
    d.push(Block::Table { header, rows });
}

/// One recommendation: "**4. Headline**", then its explanation.
fn recommendation(d: &mut Document, n: usize, r: &Recommendation) {
    let mut p = vec![b(format!("{n}. {}", r.text.trim()))];
    // Said once: not again under a group that is itself the quick wins.
    let grouped = r
        .group
        .as_deref()
        .is_some_and(|g| g.to_lowercase().contains("quick win"));
    if r.quick_win && !grouped {
        p.push(t(" (quick win)"));
    }
    d.para(p);
    for para in paragraphs(&r.explanation) {
        d.para(lines(&para));
    }
}

/// Numbered by their place in the list (the action plan's numbers). Where
/// any has a group, those without come first, then each group under its
/// name in the order the groups first appear.
fn recommendations(d: &mut Document, recs: &[Recommendation]) {
    let recs: Vec<(usize, &Recommendation)> = recs
        .iter()
        .enumerate()
        .filter(|(_, r)| written(&r.text))
        .map(|(i, r)| (i + 1, r))
        .collect();
    if recs.is_empty() {
        return;
    }
    d.heading(2, "Recommendations");
    let group_of = |r: &Recommendation| {
        r.group
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_string)
    };
    let mut groups: Vec<String> = Vec::new();
    for (_, r) in &recs {
        if let Some(g) = group_of(r)
            && !groups.contains(&g)
        {
            groups.push(g);
        }
    }
    for (n, r) in recs.iter().filter(|(_, r)| group_of(r).is_none()) {
        recommendation(d, *n, r);
    }
    for g in &groups {
        d.heading(3, g);
        for (n, r) in recs.iter().filter(|(_, r)| group_of(r).as_ref() == Some(g)) {
            recommendation(d, *n, r);
        }
    }
    let quick: Vec<String> = recs
        .iter()
        .filter(|(_, r)| r.quick_win)
        .map(|(n, r)| format!("{n}. {}", r.text.trim()))
        .collect();
    if !quick.is_empty() && groups.is_empty() {
        d.para(vec![b("Quick wins")]);
        d.push(bullets_of(&quick));
    }
}

fn contacts(d: &mut Document, rep: &ReportDetails) {
    let people: Vec<_> = rep.contacts.iter().filter(|c| written(&c.name)).collect();
    if people.is_empty() {
        return;
    }
    d.heading(2, "Contacts");
    for c in people {
        let mut p = vec![b(c.name.trim())];
        for v in [&c.role, &c.organisation, &c.email, &c.phone]
            .into_iter()
            .flatten()
            .filter(|v| written(v))
        {
            p.push(Inline::Break);
            p.push(t(v.trim()));
        }
        d.para(p);
    }
}

#[cfg(test)]
mod tests;
