//! Editing one field: what a field is, how its text is read from and
//! written to the workbook, and the editor pop-up's state.
//!
//! (Over 600 lines: issue 11 moves the field access into the core and leaves
//! the editor here.)

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::text::{Breaks, line_breaks};

use crate::workbook::{CaseStudy, EvidenceItem, EvidenceKind, MetricValue, TeamMember, Workbook};

/// A field of the workbook that can be edited as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Narrative(String),
    Owner(String),
    Strength(String, usize),
    Area(String, usize),
    Council,
    Title,
    Focus(usize),
    OnsiteStart,
    OnsiteEnd,
    Member(usize, MemberField),
    Evidence(usize, EvField),
    Metric(String, MetricField),
    Case(usize, CaseField),
    /// A reviewer's notes on a question: (reviewer, question).
    ReviewNotes(String, String),
    ReviewStrength(String, String, usize),
    ReviewArea(String, String, usize),
    /// The text of a reviewer's source (its kind is chosen from a list).
    ReviewSource(String, String, usize),
    /// A field of an activity in a reviewer's log.
    Activity(String, usize, ActField),
    KeyMessage(usize),
    /// A domain's strength or area for consideration in the findings.
    FindingStrength(String, usize),
    FindingArea(String, usize),
    RecText(usize),
    RecOwner(usize),
    RecDue(usize),
    RecProgress(usize),
    NextStep(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActField {
    Date,
    Title,
    People,
    Hours,
}

pub const ACT_FIELDS: &[ActField] = &[
    ActField::Date,
    ActField::Title,
    ActField::People,
    ActField::Hours,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberField {
    Name,
    Role,
    Organisation,
    Email,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvField {
    Title,
    Location,
    Date,
    Owner,
    Note,
    Value,
    Unit,
    Period,
    Comparator,
    ComparatorValue,
    Target,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricField {
    Value,
    Period,
    Comparator,
    ComparatorValue,
    Target,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseField {
    Title,
    Summary,
    WhatWeDid,
    Impact,
    Barriers,
    Conditions,
    Contact,
}

/// How a field's text is checked before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any text, written as it is typed.
    Text,
    /// Text over several lines (Enter makes a new line).
    Multi,
    /// A YYYY-MM-DD date, written when it is valid.
    Date,
    /// A number, written when it is valid.
    Number,
}

impl Target {
    pub fn kind(&self) -> Kind {
        match self {
            Target::Narrative(_) | Target::ReviewNotes(..) | Target::RecProgress(_) => Kind::Multi,
            Target::RecDue(_) => Kind::Date,
            Target::Activity(_, _, ActField::Date) => Kind::Date,
            Target::Activity(_, _, ActField::People | ActField::Hours) => Kind::Number,
            Target::Case(_, f) if *f != CaseField::Title && *f != CaseField::Contact => Kind::Multi,
            Target::Evidence(_, EvField::Note) | Target::Metric(_, MetricField::Note) => {
                Kind::Multi
            }
            Target::OnsiteStart | Target::OnsiteEnd | Target::Evidence(_, EvField::Date) => {
                Kind::Date
            }
            Target::Evidence(_, EvField::Value | EvField::ComparatorValue | EvField::Target)
            | Target::Metric(
                _,
                MetricField::Value | MetricField::ComparatorValue | MetricField::Target,
            ) => Kind::Number,
            _ => Kind::Text,
        }
    }

    /// What the editor's title says.
    pub fn label(&self) -> &'static str {
        match self {
            Target::Narrative(_) => "Narrative: where we are",
            Target::Owner(_) => "Owner",
            Target::Strength(..) => "Strength",
            Target::Area(..) => "Area for development",
            Target::Council => "Council",
            Target::Title => "Review title",
            Target::Focus(_) => "Focus question",
            Target::OnsiteStart => "On-site from (YYYY-MM-DD)",
            Target::OnsiteEnd => "On-site to (YYYY-MM-DD)",
            Target::Member(_, f) => match f {
                MemberField::Name => "Team member: name",
                MemberField::Role => "Team member: role",
                MemberField::Organisation => "Team member: organisation",
                MemberField::Email => "Team member: email",
            },
            Target::Evidence(_, f) => ev_label(*f),
            Target::Metric(_, f) => match f {
                MetricField::Value => "Value",
                MetricField::Period => "Period",
                MetricField::Comparator => "Comparator",
                MetricField::ComparatorValue => "Comparator value",
                MetricField::Target => "Target",
                MetricField::Note => "Note",
            },
            Target::Case(_, f) => case_label(*f),
            Target::ReviewNotes(..) => "Your notes on this question",
            Target::ReviewStrength(..) => "Strength",
            Target::ReviewArea(..) => "Area for consideration",
            Target::ReviewSource(..) => "Source",
            Target::Activity(_, _, f) => act_label(*f),
            Target::KeyMessage(_) => "Key message",
            Target::FindingStrength(..) => "Strength",
            Target::FindingArea(..) => "Area for consideration",
            Target::RecText(_) => "Recommendation",
            Target::RecOwner(_) => "Owner",
            Target::RecDue(_) => "Due (YYYY-MM-DD)",
            Target::RecProgress(_) => "Progress",
            Target::NextStep(_) => "Next step",
        }
    }

    /// The field's current text.
    pub fn read(&self, wb: &Workbook) -> String {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let num = |n: Option<f64>| n.map(fmt_number).unwrap_or_default();
        match self {
            Target::Narrative(q) => wb
                .answer(q)
                .map(|a| a.narrative.clone())
                .unwrap_or_default(),
            Target::Owner(q) => wb
                .answer(q)
                .and_then(|a| a.owner.clone())
                .unwrap_or_default(),
            Target::Strength(q, i) => wb
                .answer(q)
                .and_then(|a| a.strengths.get(*i).cloned())
                .unwrap_or_default(),
            Target::Area(q, i) => wb
                .answer(q)
                .and_then(|a| a.areas.get(*i).cloned())
                .unwrap_or_default(),
            Target::Council => wb.review.council.clone(),
            Target::Title => wb.review.title.clone(),
            Target::Focus(i) => wb.review.focus.get(*i).cloned().unwrap_or_default(),
            Target::OnsiteStart => wb
                .review
                .onsite_start
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Target::OnsiteEnd => wb
                .review
                .onsite_end
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Target::Member(i, f) => wb
                .review
                .team
                .get(*i)
                .map(|m| match f {
                    MemberField::Name => m.name.clone(),
                    MemberField::Role => opt(&m.role),
                    MemberField::Organisation => opt(&m.organisation),
                    MemberField::Email => opt(&m.email),
                })
                .unwrap_or_default(),
            Target::Evidence(i, f) => wb
                .evidence
                .get(*i)
                .map(|e| match f {
                    EvField::Title => e.title.clone(),
                    EvField::Location => opt(&e.location),
                    EvField::Date => e.date.map(|d| d.to_string()).unwrap_or_default(),
                    EvField::Owner => opt(&e.owner),
                    EvField::Note => opt(&e.note),
                    EvField::Value => num(e.value),
                    EvField::Unit => opt(&e.unit),
                    EvField::Period => opt(&e.period),
                    EvField::Comparator => opt(&e.comparator),
                    EvField::ComparatorValue => num(e.comparator_value),
                    EvField::Target => num(e.target),
                })
                .unwrap_or_default(),
            Target::Metric(id, f) => wb
                .metrics
                .iter()
                .find(|m| &m.metric == id)
                .map(|m| match f {
                    MetricField::Value => num(m.value),
                    MetricField::Period => opt(&m.period),
                    MetricField::Comparator => opt(&m.comparator),
                    MetricField::ComparatorValue => num(m.comparator_value),
                    MetricField::Target => num(m.target),
                    MetricField::Note => opt(&m.note),
                })
                .unwrap_or_default(),
            Target::KeyMessage(i) => wb
                .findings
                .key_messages
                .get(*i)
                .cloned()
                .unwrap_or_default(),
            Target::NextStep(i) => wb.findings.next_steps.get(*i).cloned().unwrap_or_default(),
            Target::FindingStrength(d, i) => wb
                .findings
                .domains
                .iter()
                .find(|x| &x.domain == d)
                .and_then(|x| x.strengths.get(*i).cloned())
                .unwrap_or_default(),
            Target::FindingArea(d, i) => wb
                .findings
                .domains
                .iter()
                .find(|x| &x.domain == d)
                .and_then(|x| x.areas.get(*i).cloned())
                .unwrap_or_default(),
            Target::RecText(i)
            | Target::RecOwner(i)
            | Target::RecDue(i)
            | Target::RecProgress(i) => wb
                .findings
                .recommendations
                .get(*i)
                .map(|r| match self {
                    Target::RecText(_) => r.text.clone(),
                    Target::RecOwner(_) => opt(&r.owner),
                    Target::RecDue(_) => r.due.map(|d| d.to_string()).unwrap_or_default(),
                    _ => opt(&r.progress),
                })
                .unwrap_or_default(),
            Target::ReviewNotes(r, q) => wb
                .reviewer(r)
                .and_then(|r| r.answer(q))
                .map(|a| a.notes.clone())
                .unwrap_or_default(),
            Target::ReviewStrength(r, q, i) => wb
                .reviewer(r)
                .and_then(|r| r.answer(q))
                .and_then(|a| a.strengths.get(*i).cloned())
                .unwrap_or_default(),
            Target::ReviewArea(r, q, i) => wb
                .reviewer(r)
                .and_then(|r| r.answer(q))
                .and_then(|a| a.areas.get(*i).cloned())
                .unwrap_or_default(),
            Target::ReviewSource(r, q, i) => wb
                .reviewer(r)
                .and_then(|r| r.answer(q))
                .and_then(|a| a.sources.get(*i).map(|s| s.text.clone()))
                .unwrap_or_default(),
            Target::Activity(r, i, f) => wb
                .reviewer(r)
                .and_then(|r| r.activities.get(*i))
                .map(|a| match f {
                    ActField::Date => a.date.map(|d| d.to_string()).unwrap_or_default(),
                    ActField::Title => a.title.clone(),
                    ActField::People => a.people.map(|p| p.to_string()).unwrap_or_default(),
                    ActField::Hours => num(a.hours),
                })
                .unwrap_or_default(),
            Target::Case(i, f) => wb
                .proud_of
                .get(*i)
                .map(|c| match f {
                    CaseField::Title => c.title.clone(),
                    CaseField::Summary => opt(&c.summary),
                    CaseField::WhatWeDid => opt(&c.what_we_did),
                    CaseField::Impact => opt(&c.impact),
                    CaseField::Barriers => opt(&c.barriers),
                    CaseField::Conditions => opt(&c.conditions),
                    CaseField::Contact => opt(&c.contact),
                })
                .unwrap_or_default(),
        }
    }

    /// Writes text into the field. Dates and numbers are checked first;
    /// an error says what to type. Returns whether anything changed.
    pub fn write(&self, wb: &mut Workbook, text: &str) -> Result<bool, String> {
        // Whatever typed it, no bare CR is stored.
        let text: &str = &line_breaks(text, Breaks::Keep);
        if self.read(wb) == text {
            return Ok(false);
        }
        let opt = |t: &str| {
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        let date = parse_date;
        let number = parse_number;
        match self {
            Target::Narrative(q) => wb.answer_mut(q).narrative = text.to_string(),
            Target::Owner(q) => wb.answer_mut(q).owner = opt(text),
            Target::Strength(q, i) => set_item(&mut wb.answer_mut(q).strengths, *i, text),
            Target::Area(q, i) => set_item(&mut wb.answer_mut(q).areas, *i, text),
            Target::Council => wb.review.council = text.trim().to_string(),
            Target::Title => wb.review.title = text.trim().to_string(),
            Target::Focus(i) => set_item(&mut wb.review.focus, *i, text),
            Target::OnsiteStart | Target::OnsiteEnd => {
                let d = date(text)?;
                let (s, e) = if *self == Target::OnsiteStart {
                    (d, wb.review.onsite_end)
                } else {
                    (wb.review.onsite_start, d)
                };
                if let (Some(s), Some(e)) = (s, e)
                    && e < s
                {
                    return Err(format!(
                        "the on-site week cannot end ({e}) before it starts ({s})"
                    ));
                }
                wb.review.onsite_start = s;
                wb.review.onsite_end = e;
            }
            Target::Member(i, f) => {
                if let Some(m) = wb.review.team.get_mut(*i) {
                    match f {
                        MemberField::Name => m.name = text.trim().to_string(),
                        MemberField::Role => m.role = opt(text),
                        MemberField::Organisation => m.organisation = opt(text),
                        MemberField::Email => m.email = opt(text),
                    }
                }
            }
            Target::Evidence(i, f) => {
                // Check before borrowing the item.
                let (d, n) = match f {
                    EvField::Date => (date(text)?, None),
                    EvField::Value | EvField::ComparatorValue | EvField::Target => {
                        (None, number(text)?)
                    }
                    _ => (None, None),
                };
                if let Some(e) = wb.evidence_mut().get_mut(*i) {
                    match f {
                        EvField::Title => e.title = text.trim().to_string(),
                        EvField::Location => e.location = opt(text),
                        EvField::Date => e.date = d,
                        EvField::Owner => e.owner = opt(text),
                        EvField::Note => e.note = opt(text),
                        EvField::Value => e.value = n,
                        EvField::Unit => e.unit = opt(text),
                        EvField::Period => e.period = opt(text),
                        EvField::Comparator => e.comparator = opt(text),
                        EvField::ComparatorValue => e.comparator_value = n,
                        EvField::Target => e.target = n,
                    }
                }
            }
            Target::Metric(id, f) => {
                let n = match f {
                    MetricField::Value | MetricField::ComparatorValue | MetricField::Target => {
                        number(text)?
                    }
                    _ => None,
                };
                let i = match wb.metrics.iter().position(|m| &m.metric == id) {
                    Some(i) => i,
                    None => {
                        wb.metrics.push(MetricValue {
                            metric: id.clone(),
                            ..MetricValue::default()
                        });
                        wb.metrics.len() - 1
                    }
                };
                let m = &mut wb.metrics[i];
                match f {
                    MetricField::Value => m.value = n,
                    MetricField::Period => m.period = opt(text),
                    MetricField::Comparator => m.comparator = opt(text),
                    MetricField::ComparatorValue => m.comparator_value = n,
                    MetricField::Target => m.target = n,
                    MetricField::Note => m.note = opt(text),
                }
            }
            Target::ReviewNotes(r, q) => {
                wb.reviewer_mut(r).answer_mut(q).notes = text.to_string();
            }
            Target::KeyMessage(i) => set_item(&mut wb.findings.key_messages, *i, text),
            Target::NextStep(i) => set_item(&mut wb.findings.next_steps, *i, text),
            Target::FindingStrength(d, i) => {
                set_item(&mut wb.findings.domain_mut(d).strengths, *i, text)
            }
            Target::FindingArea(d, i) => set_item(&mut wb.findings.domain_mut(d).areas, *i, text),
            Target::RecText(i)
            | Target::RecOwner(i)
            | Target::RecDue(i)
            | Target::RecProgress(i) => {
                let due = if matches!(self, Target::RecDue(_)) {
                    date(text)?
                } else {
                    None
                };
                if let Some(r) = wb.findings.recommendations.get_mut(*i) {
                    match self {
                        Target::RecText(_) => r.text = text.trim().to_string(),
                        Target::RecOwner(_) => r.owner = opt(text),
                        Target::RecDue(_) => r.due = due,
                        _ => r.progress = opt(text),
                    }
                }
            }
            Target::ReviewStrength(r, q, i) => {
                set_item(&mut wb.reviewer_mut(r).answer_mut(q).strengths, *i, text)
            }
            Target::ReviewArea(r, q, i) => {
                set_item(&mut wb.reviewer_mut(r).answer_mut(q).areas, *i, text)
            }
            Target::ReviewSource(r, q, i) => {
                if let Some(s) = wb.reviewer_mut(r).answer_mut(q).sources.get_mut(*i) {
                    s.text = text.replace('\n', " ");
                }
            }
            Target::Activity(r, i, f) => {
                let d = if *f == ActField::Date {
                    date(text)?
                } else {
                    None
                };
                let n = if matches!(f, ActField::People | ActField::Hours) {
                    number(text)?
                } else {
                    None
                };
                let people = match (f, n) {
                    (ActField::People, Some(v)) if v < 0.0 || v.fract() != 0.0 || v > 1e6 => {
                        return Err(format!(
                            "'{}' is not a number of people: write a whole number",
                            text.trim()
                        ));
                    }
                    (_, v) => v.map(|v| v as u32),
                };
                if let Some(a) = wb.reviewer_mut(r).activities.get_mut(*i) {
                    match f {
                        ActField::Date => a.date = d,
                        ActField::Title => a.title = text.trim().to_string(),
                        ActField::People => a.people = people,
                        ActField::Hours => a.hours = n,
                    }
                }
            }
            Target::Case(i, f) => {
                if let Some(c) = wb.proud_of.get_mut(*i) {
                    let v = || opt(text);
                    match f {
                        CaseField::Title => c.title = text.trim().to_string(),
                        CaseField::Summary => c.summary = v(),
                        CaseField::WhatWeDid => c.what_we_did = v(),
                        CaseField::Impact => c.impact = v(),
                        CaseField::Barriers => c.barriers = v(),
                        CaseField::Conditions => c.conditions = v(),
                        CaseField::Contact => c.contact = v(),
                    }
                }
            }
        }
        Ok(true)
    }

    /// The question this field belongs to, for "last changed".
    pub fn question(&self) -> Option<&str> {
        match self {
            Target::Narrative(q)
            | Target::Owner(q)
            | Target::Strength(q, _)
            | Target::Area(q, _) => Some(q),
            _ => None,
        }
    }
}

impl Target {
    /// Checks text for a date or number field without writing it, so a
    /// half-typed value never reaches the workbook.
    pub fn check(&self, wb: &Workbook, text: &str) -> Result<(), String> {
        match self.kind() {
            Kind::Date => {
                let d = parse_date(text)?;
                let (s, e) = match self {
                    Target::OnsiteStart => (d, wb.review.onsite_end),
                    Target::OnsiteEnd => (wb.review.onsite_start, d),
                    _ => (None, None),
                };
                match (s, e) {
                    (Some(s), Some(e)) if e < s => Err(format!(
                        "the on-site week cannot end ({e}) before it starts ({s})"
                    )),
                    _ => Ok(()),
                }
            }
            Kind::Number => parse_number(text).map(|_| ()),
            Kind::Text | Kind::Multi => Ok(()),
        }
    }
}

fn parse_date(t: &str) -> Result<Option<NaiveDate>, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("'{t}' is not a real date: write YYYY-MM-DD, e.g. 2026-03-14"))
}

fn parse_number(t: &str) -> Result<Option<f64>, String> {
    let t = t.trim().replace(',', "");
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Some)
        .ok_or_else(|| format!("'{t}' is not a number: write digits, e.g. 42.5"))
}

fn set_item(list: &mut Vec<String>, i: usize, text: &str) {
    let text = text.replace('\n', " ");
    if i < list.len() {
        list[i] = text;
    } else {
        list.push(text);
    }
}

pub fn ev_label(f: EvField) -> &'static str {
    match f {
        EvField::Title => "Title",
        EvField::Location => "Location or link",
        EvField::Date => "Date (YYYY-MM-DD)",
        EvField::Owner => "Owner",
        EvField::Note => "Note",
        EvField::Value => "Value",
        EvField::Unit => "Unit",
        EvField::Period => "Period",
        EvField::Comparator => "Comparator",
        EvField::ComparatorValue => "Comparator value",
        EvField::Target => "Target",
    }
}

pub fn act_label(f: ActField) -> &'static str {
    match f {
        ActField::Date => "Date (YYYY-MM-DD)",
        ActField::Title => "What (who or what was met, read or seen)",
        ActField::People => "People met",
        ActField::Hours => "Hours",
    }
}

pub fn case_label(f: CaseField) -> &'static str {
    match f {
        CaseField::Title => "Title",
        CaseField::Summary => "Summary",
        CaseField::WhatWeDid => "What we did",
        CaseField::Impact => "Impact",
        CaseField::Barriers => "Barriers to success",
        CaseField::Conditions => "Conditions for success",
        CaseField::Contact => "Contact",
    }
}

pub const EV_FIELDS: &[EvField] = &[
    EvField::Title,
    EvField::Location,
    EvField::Date,
    EvField::Owner,
    EvField::Note,
];
pub const EV_DATA_FIELDS: &[EvField] = &[
    EvField::Value,
    EvField::Unit,
    EvField::Period,
    EvField::Comparator,
    EvField::ComparatorValue,
    EvField::Target,
];
pub const CASE_FIELDS: &[CaseField] = &[
    CaseField::Title,
    CaseField::Summary,
    CaseField::WhatWeDid,
    CaseField::Impact,
    CaseField::Barriers,
    CaseField::Conditions,
    CaseField::Contact,
];
pub const METRIC_FIELDS: &[MetricField] = &[
    MetricField::Value,
    MetricField::Period,
    MetricField::Comparator,
    MetricField::ComparatorValue,
    MetricField::Target,
    MetricField::Note,
];
pub const MEMBER_FIELDS: &[MemberField] = &[
    MemberField::Name,
    MemberField::Role,
    MemberField::Organisation,
    MemberField::Email,
];

pub use crate::workbook::fmt_number;

/// New, empty items for the lists that the interface adds to.
pub fn new_evidence(wb: &Workbook, kind: EvidenceKind) -> EvidenceItem {
    let mut n = wb.evidence.len() + 1;
    while wb.evidence.iter().any(|e| e.id == format!("ev-{n}")) {
        n += 1;
    }
    EvidenceItem {
        id: format!("ev-{n}"),
        title: "New evidence".into(),
        kind,
        ..EvidenceItem::default()
    }
}

pub fn new_case() -> CaseStudy {
    CaseStudy {
        title: "New case study".into(),
        ..CaseStudy::default()
    }
}

pub fn new_member() -> TeamMember {
    TeamMember {
        name: "New team member".into(),
        ..TeamMember::default()
    }
}

/// The editor pop-up: a field, its text, and any error from writing it.
pub struct Editor {
    pub target: Target,
    pub area: TextArea<'static>,
    pub error: Option<String>,
    /// The text when editing began, for Esc on a date or number.
    pub original: String,
    /// A list item added for this edit: removed again if left empty.
    pub added: bool,
}

impl Editor {
    pub fn new(target: Target, text: String, added: bool) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            line_breaks(&text, Breaks::Keep)
                .split('\n')
                .map(str::to_string)
                .collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            target,
            area,
            error: None,
            original: text,
            added,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn multiline(&self) -> bool {
        self.target.kind() == Kind::Multi
    }

    /// What a line break typed or pasted here becomes.
    pub fn breaks(&self) -> Breaks {
        if self.multiline() {
            Breaks::Keep
        } else {
            Breaks::Space
        }
    }
}

/// A key typed into a text field. A line break that arrives as a character
/// (CR or LF, as some terminals send them, or Ctrl-M) goes in as pasted
/// text does: a new line in a multi-line field, a space in a one-line one,
/// never a raw CR. Enter itself is for each field to handle. True if the
/// text changed.
pub fn type_key(area: &mut TextArea<'static>, ev: KeyEvent, breaks: Breaks) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let line_break = !alt
        && match ev.code {
            KeyCode::Char('\r' | '\n') => true,
            KeyCode::Char('m') => ctrl,
            _ => false,
        };
    if line_break {
        return area.insert_str(line_breaks("\r", breaks));
    }
    area.input(ev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::registry::Registry;

    fn wb() -> Workbook {
        let reg = Registry::load(&[]);
        let fw = reg.resolve("suffolk-reablement-2016").unwrap().clone();
        Workbook::new(fw, "C", "T")
    }

    #[test]
    fn text_fields_round_trip() {
        let mut w = wb();
        let t = Target::Narrative("1".into());
        assert!(t.write(&mut w, "Line one\nLine two — ✓").unwrap());
        assert_eq!(t.read(&w), "Line one\nLine two — ✓");
        assert!(!t.write(&mut w, "Line one\nLine two — ✓").unwrap());
    }

    #[test]
    fn no_bare_cr_is_ever_written_into_the_workbook() {
        let mut w = wb();
        let t = Target::Narrative("1".into());
        assert!(t.write(&mut w, "one\r\ntwo\rthree").unwrap());
        assert_eq!(t.read(&w), "one\ntwo\nthree");
        // The same text again, however its lines end, is no change.
        assert!(!t.write(&mut w, "one\rtwo\r\nthree").unwrap());
        let t = Target::Evidence(0, EvField::Note);
        let item = new_evidence(&w, EvidenceKind::Data);
        w.evidence_mut().push(item);
        t.write(&mut w, "a\rb").unwrap();
        assert_eq!(w.evidence[0].note.as_deref(), Some("a\nb"));
    }

    #[test]
    fn an_editor_opened_on_text_with_cr_shows_its_lines() {
        let ed = Editor::new(Target::Narrative("1".into()), "a\r\nb\rc".into(), false);
        assert_eq!(ed.area.lines(), ["a", "b", "c"]);
    }

    #[test]
    fn a_line_break_key_is_a_new_line_or_a_space() {
        let cr = KeyEvent::new(KeyCode::Char('\r'), KeyModifiers::NONE);
        let ctrl_m = KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL);
        let mut area = TextArea::default();
        area.insert_str("a");
        assert!(type_key(&mut area, cr, Breaks::Keep));
        area.insert_str("b");
        assert!(type_key(&mut area, ctrl_m, Breaks::Keep));
        assert_eq!(area.lines(), ["a", "b", ""]);
        let mut area = TextArea::default();
        area.insert_str("a");
        type_key(&mut area, cr, Breaks::Space);
        type_key(&mut area, ctrl_m, Breaks::Space);
        area.insert_str("b");
        assert_eq!(area.lines(), ["a  b"]);
    }

    #[test]
    fn impossible_dates_are_refused_with_a_reason() {
        let mut w = wb();
        let e = Target::OnsiteStart.write(&mut w, "2026-02-30").unwrap_err();
        assert!(e.contains("not a real date"), "{e}");
        Target::OnsiteStart.write(&mut w, "2026-03-10").unwrap();
        let e = Target::OnsiteEnd.write(&mut w, "2026-03-01").unwrap_err();
        assert!(e.contains("cannot end"), "{e}");
        assert_eq!(w.review.onsite_end, None);
    }

    #[test]
    fn numbers_are_checked() {
        let mut w = wb();
        let item = new_evidence(&w, EvidenceKind::Data);
        w.evidence_mut().push(item);
        let t = Target::Evidence(0, EvField::Value);
        assert!(t.write(&mut w, "12,345.5").is_ok());
        assert_eq!(w.evidence[0].value, Some(12345.5));
        assert!(t.write(&mut w, "lots").is_err());
        assert_eq!(w.evidence[0].value, Some(12345.5));
    }

    #[test]
    fn metric_values_are_created_on_first_write() {
        let mut w = wb();
        let t = Target::Metric("m1".into(), MetricField::Value);
        t.write(&mut w, "41").unwrap();
        assert_eq!(w.metrics[0].metric, "m1");
        assert_eq!(w.metrics[0].value, Some(41.0));
    }
}
