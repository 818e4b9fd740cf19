//! The pre-review self-assessment pack, the summary and the action plan,
//! built as documents (the feedback report is in `feedback.rs`).
//!
//! (Over 600 lines: each pack's sections in order.)

use chrono::NaiveDate;

use super::doc::{Block, Document, Inline, lines};
use crate::framework::{Better, Framework};
use crate::review::scoring::{self, Report, Score};
use crate::workbook::{Answer, EvidenceIndex, EvidenceKind, Rating, Workbook, evidence_label};

/// What an export needs besides the workbook.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date printed as "produced on"; fixed for reproducible output.
    pub produced: NaiveDate,
}

fn t(s: impl Into<String>) -> Inline {
    Inline::text(s)
}

fn b(s: impl Into<String>) -> Inline {
    Inline::strong(s)
}

/// "3 — Good standard", "N/A", or "Not rated".
pub fn rating_words(fw: &Framework, r: Rating) -> String {
    match r {
        Rating::None => "Not rated".into(),
        Rating::NotApplicable => "N/A (not applicable)".into(),
        Rating::Level(n) => match fw.scale.as_ref().and_then(|s| s.level(n)) {
            Some(l) => format!("{} ({n})", l.label),
            None => n.to_string(),
        },
    }
}

pub(crate) fn dates(wb: &Workbook) -> Option<String> {
    match (wb.review.onsite_start, wb.review.onsite_end) {
        (Some(s), Some(e)) if s == e => Some(long_date(s)),
        (Some(s), Some(e)) => Some(format!("{} to {}", long_date(s), long_date(e))),
        (Some(s), None) => Some(format!("from {}", long_date(s))),
        (None, Some(e)) => Some(format!("until {}", long_date(e))),
        (None, None) => None,
    }
}

pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn anchor_for(evidence_id: &str) -> String {
    format!("evidence-{evidence_id}")
}

pub(super) fn title_block(d: &mut Document, wb: &Workbook, what: &str, opts: &Options) {
    d.heading(1, format!("{}: {}", wb.review.council, wb.review.title));
    let fw = &wb.framework;
    let mut info = vec![b(what.to_string()), Inline::Break];
    info.push(t(format!(
        "Framework: {} (version {})",
        fw.title, fw.version
    )));
    if let Some(src) = &fw.source {
        info.push(Inline::Break);
        info.push(t(format!("Source: {src}")));
    }
    if let Some(dates) = dates(wb) {
        info.push(Inline::Break);
        info.push(t(format!("On-site: {dates}")));
    }
    info.push(Inline::Break);
    info.push(t(format!("Produced: {}", long_date(opts.produced))));
    super::notes::title_lines(&mut info, wb);
    d.para(info);
}

fn team_table(d: &mut Document, wb: &Workbook) {
    if wb.review.team.is_empty() {
        return;
    }
    let rows = wb
        .review
        .team
        .iter()
        .map(|m| {
            vec![
                vec![t(&m.name)],
                vec![t(m.role.clone().unwrap_or_default())],
                vec![t(m.organisation.clone().unwrap_or_default())],
                vec![t(m.email.clone().unwrap_or_default())],
            ]
        })
        .collect();
    d.push(Block::Table {
        header: vec![
            "Team".into(),
            "Role".into(),
            "Organisation".into(),
            "Contact".into(),
        ],
        rows,
    });
}

fn score_cells(s: &Score, scored: bool) -> Vec<Vec<Inline>> {
    let mut v = vec![vec![t(format!("{}/{}", s.answered, s.total))]];
    if scored {
        v.push(vec![t(s.score_text().unwrap_or_else(|| "–".into()))]);
        v.push(vec![t(s.band_text().unwrap_or_else(|| "–".to_string()))]);
    }
    v
}

/// The table of domains with completion, score, band and ratings per level.
fn summary_table(d: &mut Document, wb: &Workbook, r: &Report) {
    let fw = &wb.framework;
    let scored = fw.scoring.is_some();
    let mut header = vec![fw_domain_word(fw), "Answered".to_string()];
    if scored {
        header.push("Score".into());
        header.push("Band".into());
    }
    if let Some(scale) = &fw.scale {
        header.extend(
            scale
                .levels
                .iter()
                .map(|l| format!("{} {}", l.value, l.label)),
        );
        if scale.not_applicable {
            header.push("N/A".into());
        }
    }
    let row = |name: Inline, s: &Score| {
        let mut cells = vec![vec![name]];
        cells.extend(score_cells(s, scored));
        if let Some(scale) = &fw.scale {
            cells.extend(s.distribution.iter().map(|(_, n)| vec![t(n.to_string())]));
            if scale.not_applicable {
                cells.push(vec![t(s.not_applicable.to_string())]);
            }
        }
        cells
    };
    let mut rows: Vec<Vec<Vec<Inline>>> = r
        .domains
        .iter()
        .map(|ds| row(t(&ds.title), &ds.score))
        .collect();
    rows.push(row(b("Overall"), &r.overall));
    d.push(Block::Table { header, rows });
}

fn fw_domain_word(_fw: &Framework) -> String {
    "Domain".into()
}

/// A mermaid bar chart of the domain scores, when the framework scores.
fn chart(wb: &Workbook, r: &Report) -> Option<String> {
    let fw = &wb.framework;
    let scoring = fw.scoring.as_ref()?;
    let scale = fw.scale.as_ref()?;
    let scored: Vec<(String, f64)> = r
        .domains
        .iter()
        .filter_map(|d| Some((d.title.clone(), d.score.score?)))
        .collect();
    if scored.is_empty() {
        return None;
    }
    let max = match scoring.method {
        crate::framework::Method::PercentOfMax => 100.0,
        crate::framework::Method::Mean => scale.max() as f64,
    };
    // Labels are quoted; quotes and line ends in them would break the chart.
    let label = |s: &str| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_control() && *c != '"' && *c != '`')
            .collect();
        format!("\"{s}\"")
    };
    let names: Vec<String> = scored.iter().map(|(n, _)| label(n)).collect();
    let values: Vec<String> = scored.iter().map(|(_, v)| format!("{v:.1}")).collect();
    Some(format!(
        "xychart-beta\n    title \"Score by domain\"\n    x-axis [{}]\n    y-axis \"Score\" 0 --> {}\n    bar [{}]\n",
        names.join(", "),
        max,
        values.join(", ")
    ))
}

pub(crate) fn bullets_of(items: &[String]) -> Block {
    Block::Bullets(items.iter().map(|s| lines(s)).collect())
}

/// The pre-review self-assessment pack.
pub fn self_assessment(wb: &Workbook, opts: &Options) -> Document {
    let fw = &wb.framework;
    let r = scoring::report(wb);
    let ix = wb.evidence_index();
    let mut d = Document::default();
    title_block(&mut d, wb, "Pre-review self-assessment pack", opts);
    team_table(&mut d, wb);

    d.heading(2, "Contents");
    d.push(Block::Contents);

    d.heading(2, "Focus of the review");
    if wb.review.focus.is_empty() {
        d.para(vec![t("No focus questions were recorded for this review.")]);
    } else {
        d.para(vec![t(
            "The questions agreed with the peer team at scoping:",
        )]);
        d.push(bullets_of(&wb.review.focus));
    }

    d.heading(2, "How to read this pack");
    super::readiness::provenance(&mut d, fw);
    match &fw.scale {
        None => d.para(vec![t(format!(
            "This review is findings-only: each {} has a narrative, strengths, areas for development and evidence, but no rating.",
            fw.item_label.to_lowercase()
        ))]),
        Some(scale) => {
            d.para(vec![t(format!(
                "Each {} is rated on this scale. Ratings are the council's own view before the review.",
                fw.item_label.to_lowercase()
            ))]);
            let mut rows: Vec<Vec<Vec<Inline>>> = scale
                .levels
                .iter()
                .map(|l| {
                    vec![
                        vec![t(l.value.to_string())],
                        vec![t(&l.label)],
                        vec![t(l.description.clone().unwrap_or_default())],
                    ]
                })
                .collect();
            if scale.not_applicable {
                rows.push(vec![
                    vec![t("N/A")],
                    vec![t("Not applicable")],
                    vec![t("The question does not apply here; it is left out of scores.")],
                ]);
            }
            d.push(Block::Table {
                header: vec!["Value".into(), "Rating".into(), "Meaning".into()],
                rows,
            });
            if let Some(s) = &fw.scoring {
                let how = match s.method {
                    crate::framework::Method::PercentOfMax => "the sum of the ratings as a percentage of the most they could be",
                    crate::framework::Method::Mean => "the mean rating",
                };
                let bands: Vec<String> = s
                    .bands
                    .iter()
                    .map(|b| format!("{} from {}", b.label, b.from))
                    .collect();
                let mut text = format!(
                    "Scores are {how}; questions marked N/A or not yet rated are left out."
                );
                if !bands.is_empty() {
                    text.push_str(&format!(" Bands: {}.", bands.join("; ")));
                }
                if let Some(note) = super::readiness::scoring_note(s) {
                    text.push_str(&format!(" {note}"));
                }
                d.para(vec![t(text)]);
            }
        }
    }

    d.heading(2, "Summary");
    d.para(vec![t(format!(
        "{} of {} {} answered; {} rated.",
        r.overall.answered,
        r.overall.total,
        fw.items_label(),
        r.overall.rated
    ))]);
    summary_table(&mut d, wb, &r);
    if let Some(c) = chart(wb, &r) {
        d.push(Block::Mermaid(c));
    }
    super::readiness::table(&mut d, wb);

    for domain in &fw.domains {
        d.heading(2, &domain.title);
        if let Some(desc) = &domain.description {
            d.push(Block::UserText(desc.clone()));
        }
        for q in &domain.questions {
            let empty = Answer::new(&q.id);
            let a = wb.answer(&q.id).unwrap_or(&empty);
            d.heading(3, format!("{}: {}", q.display_ref(), q.text));
            answer_blocks(&mut d, wb, &ix, a);
        }
    }

    d.heading(2, "Performance data");
    performance(&mut d, wb);

    super::cases::section(&mut d, wb);

    d.heading(2, "Evidence index");
    if wb.evidence.is_empty() {
        d.para(vec![t("No evidence items were recorded.")]);
    }
    for (i, e) in wb.evidence.iter().enumerate() {
        d.push(Block::Anchor(anchor_for(&e.id)));
        let mut p = vec![
            b(format!("{}. {}", evidence_label(i), e.title)),
            t(format!(" ({})", e.kind.label())),
        ];
        let mut detail = Vec::new();
        if let Some(l) = &e.location {
            detail.push(format!("Location: {l}"));
        }
        if let Some(dt) = e.date {
            detail.push(format!("Date: {}", long_date(dt)));
        }
        if let Some(o) = &e.owner {
            detail.push(format!("Owner: {o}"));
        }
        let cited = wb.refs_of(ix.citing(&e.id));
        detail.push(if cited.is_empty() {
            "Cited by: none".into()
        } else {
            format!("Cited by: {}", cited.join(", "))
        });
        for line in detail {
            p.push(Inline::Break);
            p.push(t(line));
        }
        if let Some(n) = &e.note {
            p.push(Inline::Break);
            p.extend(lines(n));
        }
        d.para(p);
    }

    d.heading(2, "Gaps");
    gaps(&mut d, wb, &ix, opts.produced);
    d
}

fn answer_blocks(d: &mut Document, wb: &Workbook, ix: &EvidenceIndex, a: &Answer) {
    let fw = &wb.framework;
    let mut meta = Vec::new();
    if fw.scale.is_some() {
        meta.push(b("Rating: "));
        meta.push(t(rating_words(fw, a.rating)));
        meta.push(Inline::Break);
    }
    meta.push(b("Status: "));
    meta.push(t(a.status.label()));
    if let Some(o) = &a.owner {
        meta.push(Inline::Break);
        meta.push(b("Owner: "));
        meta.push(t(o));
    }
    d.para(meta);
    // A narrative that opens with its own "Where we are" gets no second one.
    if !super::readiness::opens_with_where_we_are(&a.narrative) {
        d.para(vec![b("Where we are")]);
    }
    if a.narrative.trim().is_empty() {
        d.para(vec![Inline::Emphasis("Not yet written.".into())]);
    } else {
        d.push(Block::UserText(a.narrative.clone()));
    }
    if !a.strengths.is_empty() {
        d.para(vec![b("Strengths")]);
        d.push(bullets_of(&a.strengths));
    }
    if !a.areas.is_empty() {
        d.para(vec![b("Areas for development")]);
        d.push(bullets_of(&a.areas));
    }
    if !a.evidence.is_empty() {
        d.para(vec![b("Evidence")]);
        let items = a
            .evidence
            .iter()
            // A cited item by its number in the index (E1, E2, …), linked.
            .map(|id| match ix.position(id) {
                Some(i) => vec![Inline::Link {
                    text: format!("{}: {}", evidence_label(i), wb.evidence[i].title),
                    anchor: anchor_for(id),
                }],
                None => vec![t(id.clone())],
            })
            .collect();
        d.push(Block::Bullets(items));
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), crate::workbook::fmt_number)
}

fn compare(value: Option<f64>, comparator: Option<f64>, better: Option<Better>) -> String {
    match (value, comparator, better) {
        (Some(v), Some(c), Some(b)) => {
            if v == c {
                "Same as comparator".into()
            } else if (v > c) == (b == Better::Higher) {
                "Better than comparator".into()
            } else {
                "Worse than comparator".into()
            }
        }
        (Some(v), Some(c), None) if v > c => "Above comparator".into(),
        (Some(v), Some(c), None) if v < c => "Below comparator".into(),
        (Some(_), Some(_), None) => "Same as comparator".into(),
        _ => "–".into(),
    }
}

fn performance(d: &mut Document, wb: &Workbook) {
    let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
    for m in &wb.framework.metrics {
        let Some(v) = wb.metrics.iter().find(|v| v.metric == m.id) else {
            continue;
        };
        rows.push(vec![
            vec![t(&m.name)],
            vec![t(num(v.value))],
            vec![t(m.unit.clone().unwrap_or_default())],
            vec![t(v.period.clone().unwrap_or_default())],
            vec![t(v.comparator.clone().unwrap_or_default())],
            vec![t(num(v.comparator_value))],
            vec![t(num(v.target))],
            vec![t(compare(v.value, v.comparator_value, m.better))],
        ]);
    }
    // Metric values the framework does not list are kept and shown too.
    for v in wb
        .metrics
        .iter()
        .filter(|v| !wb.framework.metrics.iter().any(|m| m.id == v.metric))
    {
        rows.push(vec![
            vec![t(&v.metric)],
            vec![t(num(v.value))],
            vec![],
            vec![t(v.period.clone().unwrap_or_default())],
            vec![t(v.comparator.clone().unwrap_or_default())],
            vec![t(num(v.comparator_value))],
            vec![t(num(v.target))],
            vec![t(compare(v.value, v.comparator_value, None))],
        ]);
    }
    for (i, e) in wb.evidence.iter().enumerate() {
        if e.kind != EvidenceKind::Data {
            continue;
        }
        rows.push(vec![
            vec![Inline::Link {
                text: format!("{}: {}", evidence_label(i), e.title),
                anchor: anchor_for(&e.id),
            }],
            vec![t(num(e.value))],
            vec![t(e.unit.clone().unwrap_or_default())],
            vec![t(e.period.clone().unwrap_or_default())],
            vec![t(e.comparator.clone().unwrap_or_default())],
            vec![t(num(e.comparator_value))],
            vec![t(num(e.target))],
            vec![t(compare(e.value, e.comparator_value, None))],
        ]);
    }
    if rows.is_empty() {
        d.para(vec![t("No performance data was recorded.")]);
        return;
    }
    let header = super::readiness::group_column(wb, &mut rows);
    d.push(Block::Table {
        header: header
            .into_iter()
            .chain([
                "Measure",
                "Value",
                "Unit",
                "Period",
                "Comparator",
                "Comparator value",
                "Target",
                "Against comparator",
            ])
            .map(String::from)
            .collect(),
        rows,
    });
}

fn gaps(d: &mut Document, wb: &Workbook, ix: &EvidenceIndex, today: NaiveDate) {
    let fw = &wb.framework;
    let not_answered: Vec<String> = fw
        .questions()
        .filter(|(_, q)| !wb.answer(&q.id).is_some_and(Answer::is_answered))
        .map(|(_, q)| format!("{}: {}", q.display_ref(), q.text))
        .collect();
    let unrated: Vec<String> = if fw.scale.is_some() {
        fw.questions()
            .filter(|(_, q)| wb.answer(&q.id).is_none_or(|a| a.rating == Rating::None))
            .map(|(_, q)| format!("{}: {}", q.display_ref(), q.text))
            .collect()
    } else {
        Vec::new()
    };
    let asks = crate::review::gaps::gaps(wb, today);
    if not_answered.is_empty()
        && unrated.is_empty()
        && asks.is_empty()
        && wb.orphaned().next().is_none()
    {
        d.para(vec![t("None: every question is answered and rated.")]);
        return;
    }
    if !not_answered.is_empty() {
        d.para(vec![b(format!("Not answered ({})", not_answered.len()))]);
        d.push(bullets_of(&not_answered));
    }
    if !unrated.is_empty() {
        d.para(vec![b(format!("Not rated ({})", unrated.len()))]);
        d.push(bullets_of(&unrated));
    }
    super::asks::asks(d, wb, &asks);
    let orphans: Vec<&Answer> = wb.orphaned().collect();
    if !orphans.is_empty() {
        d.para(vec![b(format!(
            "Answers kept for questions this framework no longer has ({})",
            orphans.len()
        ))]);
        for a in orphans {
            d.heading(3, format!("Former question {}", a.question));
            answer_blocks(d, wb, ix, a);
        }
    }
}

/// The one-to-two page summary.
pub fn summary(wb: &Workbook, opts: &Options) -> Document {
    let fw = &wb.framework;
    let r = scoring::report(wb);
    let mut d = Document::default();
    title_block(&mut d, wb, "Self-assessment summary", opts);

    d.heading(2, "At a glance");
    let mut glance = format!(
        "{} of {} {} answered; {} rated.",
        r.overall.answered,
        r.overall.total,
        fw.items_label(),
        r.overall.rated
    );
    if let (Some(s), Some(band)) = (r.overall.score_text(), r.overall.band_text()) {
        glance.push_str(&format!(" Overall score {s}: {band}."));
    }
    d.para(vec![t(glance)]);
    summary_table(&mut d, wb, &r);

    for domain in &fw.domains {
        d.heading(2, &domain.title);
        let mut strengths = Vec::new();
        let mut areas = Vec::new();
        for q in &domain.questions {
            if let Some(a) = wb.answer(&q.id) {
                strengths.extend(
                    a.strengths
                        .iter()
                        .map(|s| format!("{} ({})", s, q.display_ref())),
                );
                areas.extend(
                    a.areas
                        .iter()
                        .map(|s| format!("{} ({})", s, q.display_ref())),
                );
            }
        }
        const MAIN: usize = 4;
        for (label, items) in [
            ("Main strengths", strengths),
            ("Main areas for development", areas),
        ] {
            d.para(vec![b(label)]);
            if items.is_empty() {
                d.para(vec![Inline::Emphasis("None recorded.".into())]);
                continue;
            }
            let more = items.len().saturating_sub(MAIN);
            d.push(bullets_of(&items[..items.len().min(MAIN)]));
            if more > 0 {
                d.para(vec![Inline::Emphasis(format!(
                    "And {more} more in the self-assessment pack."
                ))]);
            }
        }
    }

    d.heading(2, "Gaps");
    let not_answered: Vec<String> = fw
        .questions()
        .filter(|(_, q)| !wb.answer(&q.id).is_some_and(Answer::is_answered))
        .map(|(_, q)| q.display_ref().to_string())
        .collect();
    let unrated: Vec<String> = fw
        .questions()
        .filter(|(_, q)| {
            fw.scale.is_some() && wb.answer(&q.id).is_none_or(|a| a.rating == Rating::None)
        })
        .map(|(_, q)| q.display_ref().to_string())
        .collect();
    let orphans = wb.orphaned().count();
    let mut items = Vec::new();
    if !not_answered.is_empty() {
        items.push(format!("Not answered: {}", not_answered.join(", ")));
    }
    if !unrated.is_empty() {
        items.push(format!("Not rated: {}", unrated.join(", ")));
    }
    if orphans > 0 {
        items.push(format!(
            "{orphans} answer(s) kept for questions this framework no longer has"
        ));
    }
    if items.is_empty() {
        d.para(vec![t("None: every question is answered and rated.")]);
    } else {
        d.push(bullets_of(&items));
    }
    d
}

fn recommendations_table(d: &mut Document, wb: &Workbook, tracking: bool) {
    let recs = &wb.findings.recommendations;
    if recs.is_empty() {
        d.para(vec![Inline::Emphasis(
            "No recommendations recorded yet.".into(),
        )]);
        return;
    }
    let mut header: Vec<String> = ["No.", "Recommendation", "Quick win", "Owner"]
        .map(String::from)
        .to_vec();
    if tracking {
        header.extend(["Due", "Status", "Progress"].map(String::from));
    }
    let rows = recs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                vec![t((i + 1).to_string())],
                lines(&r.text),
                vec![t(if r.quick_win { "Yes" } else { "" })],
                vec![t(r.owner.clone().unwrap_or_default())],
            ];
            if tracking {
                row.push(vec![t(r.due.map(long_date).unwrap_or_default())]);
                row.push(vec![t(r.status.label())]);
                row.push(lines(r.progress.as_deref().unwrap_or("")));
            }
            row
        })
        .collect();
    d.push(Block::Table { header, rows });
}

/// The action plan: one row per recommendation, for the council to track.
pub fn action_plan(wb: &Workbook, opts: &Options) -> Document {
    let mut d = Document::default();
    title_block(&mut d, wb, "Action plan", opts);
    d.heading(2, "Actions");
    recommendations_table(&mut d, wb, true);
    d
}

/// The action plan as CSV, written as the answers are (`csv_io::Sheet`:
/// a byte-order mark, RFC 4180, no cell a spreadsheet would run).
pub fn action_plan_csv(wb: &Workbook) -> Vec<u8> {
    let mut w = crate::export::csv_io::Sheet::of(wb);
    w.header([
        "number",
        "recommendation",
        "quick_win",
        "owner",
        "due",
        "status",
        "progress",
    ]);
    for (i, r) in wb.findings.recommendations.iter().enumerate() {
        w.row([
            (i + 1).to_string(),
            r.text.clone(),
            if r.quick_win {
                "yes".into()
            } else {
                String::new()
            },
            r.owner.clone().unwrap_or_default(),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
            r.status.label().to_string(),
            r.progress.clone().unwrap_or_default(),
        ]);
    }
    w.into_bytes()
}
