//! The fields of the workbook's items, one table each: a field is one line
//! giving its key in the file, how its text is kept ([`Form`]) and its
//! label. The reading, writing and checking that follow from the form are
//! written once, here.

use chrono::NaiveDate;

use super::{FieldError, Kind};
use crate::value;
use crate::workbook::onsite::{Activity, Recommendation};
use crate::workbook::{CaseStudy, EvidenceItem, MetricValue, TeamMember, fmt_number};

/// How a field's text is kept in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// One line of text, trimmed.
    Line,
    /// One line kept as typed, a line break becoming a space.
    Flat,
    /// Several lines, kept as typed.
    Text,
    /// One line, trimmed; nothing when blank.
    Opt,
    /// Several lines, trimmed; nothing when blank.
    OptText,
    /// A number; nothing when blank.
    Number,
    /// A whole number of people; nothing when blank.
    Count,
    /// A limit the workbook sets, a whole number from 1
    /// ([`value::limit`]); nothing when blank.
    Limit,
    /// A YYYY-MM-DD date; nothing when blank.
    Date,
    /// Hours spent, 0 to 24 with a decimal point ([`value::hours`]);
    /// nothing when blank.
    Hours,
    /// One item of a list of one-line texts: a line break becomes a space,
    /// and an item past the end is added.
    Item,
    /// One item of a list of texts that may run over several lines (a key
    /// message's paragraphs): kept as typed; an item past the end is added.
    Para,
    /// A whole list of one-line texts edited as one text, an item a line:
    /// blank lines are dropped.
    Lines,
}

impl Form {
    pub(crate) fn kind(self) -> Kind {
        match self {
            Form::Text | Form::OptText | Form::Para | Form::Lines => Kind::Multi,
            Form::Number | Form::Count | Form::Limit | Form::Hours => Kind::Number,
            Form::Date => Kind::Date,
            Form::Line | Form::Flat | Form::Opt | Form::Item => Kind::Text,
        }
    }

    /// Checks text for this form without keeping it.
    pub(crate) fn check(self, text: &str) -> Result<(), FieldError> {
        match self {
            Form::Number => parse_number(text).map(drop),
            Form::Count => parse_count(text).map(drop),
            Form::Limit => parse_limit(text).map(drop),
            Form::Date => parse_date(text).map(drop),
            Form::Hours => parse_hours(text).map(drop),
            _ => Ok(()),
        }
    }
}

/// Where a field's value is, ready to be written; its variant is its
/// [`Form`].
pub(crate) enum Slot<'a> {
    Line(&'a mut String),
    Flat(&'a mut String),
    Text(&'a mut String),
    Opt(&'a mut Option<String>),
    OptText(&'a mut Option<String>),
    Number(&'a mut Option<f64>),
    Count(&'a mut Option<u32>),
    Limit(&'a mut Option<u32>),
    Date(&'a mut Option<NaiveDate>),
    Hours(&'a mut Option<f64>),
    Item(&'a mut Vec<String>, usize),
    Para(&'a mut Vec<String>, usize),
    Lines(&'a mut Vec<String>),
}

impl Slot<'_> {
    /// Writes text into the slot, as its form keeps it.
    pub(crate) fn set(self, text: &str) -> Result<(), FieldError> {
        let opt = |t: &str| {
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        match self {
            Slot::Line(s) => *s = text.trim().to_string(),
            Slot::Flat(s) => *s = text.replace('\n', " "),
            Slot::Text(s) => *s = text.to_string(),
            Slot::Opt(o) | Slot::OptText(o) => *o = opt(text),
            Slot::Number(n) => *n = parse_number(text)?,
            Slot::Count(n) => *n = parse_count(text)?,
            Slot::Limit(n) => *n = parse_limit(text)?,
            Slot::Date(d) => *d = parse_date(text)?,
            Slot::Hours(n) => *n = parse_hours(text)?,
            Slot::Item(list, i) => {
                let text = text.replace('\n', " ");
                match list.get_mut(i) {
                    Some(item) => *item = text,
                    None => list.push(text),
                }
            }
            Slot::Para(list, i) => match list.get_mut(i) {
                Some(item) => *item = text.to_string(),
                None => list.push(text.to_string()),
            },
            Slot::Lines(list) => {
                *list = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
            }
        }
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn form(&self) -> Form {
        match self {
            Slot::Line(_) => Form::Line,
            Slot::Flat(_) => Form::Flat,
            Slot::Text(_) => Form::Text,
            Slot::Opt(_) => Form::Opt,
            Slot::OptText(_) => Form::OptText,
            Slot::Number(_) => Form::Number,
            Slot::Count(_) => Form::Count,
            Slot::Limit(_) => Form::Limit,
            Slot::Date(_) => Form::Date,
            Slot::Hours(_) => Form::Hours,
            Slot::Item(..) => Form::Item,
            Slot::Para(..) => Form::Para,
            Slot::Lines(_) => Form::Lines,
        }
    }
}

/// A kept value as the field shows it: nothing is an empty text.
pub(crate) trait Show {
    fn show(&self) -> String;
}

impl Show for String {
    fn show(&self) -> String {
        self.clone()
    }
}

impl Show for Option<String> {
    fn show(&self) -> String {
        self.clone().unwrap_or_default()
    }
}

impl Show for Vec<String> {
    fn show(&self) -> String {
        self.join("\n")
    }
}

impl Show for Option<f64> {
    fn show(&self) -> String {
        self.map(fmt_number).unwrap_or_default()
    }
}

impl Show for Option<u32> {
    fn show(&self) -> String {
        self.map(|n| n.to_string()).unwrap_or_default()
    }
}

impl Show for Option<NaiveDate> {
    fn show(&self) -> String {
        self.map(|d| d.to_string()).unwrap_or_default()
    }
}

/// A blank date is none; anything else must be a real one.
pub(crate) fn parse_date(text: &str) -> Result<Option<NaiveDate>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    value::date(t)
        .map(Some)
        .ok_or_else(|| FieldError::NotADate(t.to_string()))
}

/// A blank number is none; anything else must be a number.
fn parse_number(text: &str) -> Result<Option<f64>, FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    value::number(text)
        .map(Some)
        .ok_or_else(|| FieldError::NotANumber(text.trim().replace(',', "")))
}

/// Blank hours are none; anything else must be 0 to 24 with a point.
fn parse_hours(text: &str) -> Result<Option<f64>, FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    value::hours(text)
        .map(Some)
        .map_err(|why| FieldError::NotHours(text.trim().to_string(), why))
}

fn parse_count(text: &str) -> Result<Option<u32>, FieldError> {
    match parse_number(text)? {
        None => Ok(None),
        Some(n) => value::count(n)
            .map(Some)
            .ok_or_else(|| FieldError::NotACount(text.trim().to_string())),
    }
}

/// A blank limit is none; anything else must be a whole number from 1
/// (thousands commas allowed), as in the file.
fn parse_limit(text: &str) -> Result<Option<u32>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.replace(',', "")
        .parse::<i64>()
        .ok()
        .and_then(value::limit)
        .map(Some)
        .ok_or_else(|| FieldError::NotALimit(t.to_string()))
}

/// One enum of fields for one item type, from one table of
/// `Variant => key, Form, "label";` lines.
macro_rules! fields {
    (
        $(#[$meta:meta])*
        pub enum $name:ident of $item:ty {
            $($var:ident => $key:ident, $form:ident, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($var,)+
        }

        impl $name {
            /// Every field, in the order they are shown.
            pub const ALL: &'static [$name] = &[$($name::$var,)+];

            /// What the field's row and the editor's title say.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$var => $label,)+
                }
            }

            /// The field's key in the workbook file.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$var => stringify!($key),)+
                }
            }

            pub(crate) fn spec(self) -> (Form, &'static str) {
                (self.form(), self.label())
            }

            pub(crate) fn form(self) -> Form {
                match self {
                    $($name::$var => Form::$form,)+
                }
            }

            pub(crate) fn show(self, item: &$item) -> String {
                match self {
                    $($name::$var => item.$key.show(),)+
                }
            }

            pub(crate) fn slot(self, item: &mut $item) -> Slot<'_> {
                match self {
                    $($name::$var => Slot::$form(&mut item.$key),)+
                }
            }
        }
    };
}

fields! {
    /// A field of a peer team member.
    pub enum MemberField of TeamMember {
        Name => name, Line, "Team member: name";
        Role => role, Opt, "Team member: role";
        Organisation => organisation, Opt, "Team member: organisation";
        Email => email, Opt, "Team member: email";
    }
}

fields! {
    /// A field of an evidence item: its own, then the figures of a data
    /// item (from `Value` on).
    pub enum EvField of EvidenceItem {
        Title => title, Line, "Title";
        Location => location, Opt, "Location or link";
        Date => date, Date, "Date (YYYY-MM-DD)";
        Owner => owner, Opt, "Owner";
        Note => note, OptText, "Note";
        Value => value, Number, "Value";
        Unit => unit, Opt, "Unit";
        Period => period, Opt, "Period";
        Comparator => comparator, Opt, "Comparator";
        ComparatorValue => comparator_value, Number, "Comparator value";
        Target => target, Number, "Target";
    }
}

fields! {
    /// A field of the council's figure for a framework metric.
    pub enum MetricField of MetricValue {
        Value => value, Number, "Value";
        Period => period, Opt, "Period";
        Comparator => comparator, Opt, "Comparator";
        ComparatorValue => comparator_value, Number, "Comparator value";
        Target => target, Number, "Target";
        Note => note, OptText, "Note";
    }
}

fields! {
    /// A field of a "What we're proud of" case study.
    pub enum CaseField of CaseStudy {
        Title => title, Line, "Title";
        Summary => summary, OptText, "Summary (one line)";
        Problem => problem, OptText, "The problem it addressed";
        Partners => partners, Lines, "Partners (one a line)";
        WhatWeDid => what_we_did, OptText, "What we did";
        Impact => impact, OptText, "Impact";
        Figures => figures, Lines, "Impact in figures (one a line)";
        Quotes => quotes, Lines, "Quotes (one a line)";
        Barriers => barriers, Lines, "Barriers to success (one a line)";
        Conditions => conditions, Lines, "Conditions for success (one a line)";
        FurtherInformation => further_information, OptText, "Further information";
        Links => links, Lines, "Links (one a line)";
        Contact => contact, Opt, "Contact";
        Illustrates => illustrates, Lines, "Illustrates (question or domain ids, one a line)";
    }
}

fields! {
    /// A field of an activity in a reviewer's log.
    pub enum ActField of Activity {
        Date => date, Date, "Date (YYYY-MM-DD)";
        Title => title, Line, "What (who or what was met, read or seen)";
        People => people, Count, "People met";
        Hours => hours, Hours, "Hours";
    }
}

fields! {
    /// A field of a recommendation in the findings.
    pub enum RecField of Recommendation {
        Text => text, Line, "Recommendation";
        Owner => owner, Opt, "Owner";
        Due => due, Date, "Due (YYYY-MM-DD)";
        Progress => progress, OptText, "Progress";
    }
}

fields! {
    /// A field of an item of the on-site programme typed as text (its kind
    /// is chosen from a list on the Details screen, and is an interview
    /// until then).
    pub enum ProgField of crate::workbook::ProgrammeItem {
        Title => title, Line, "Programme: what";
        Date => date, Date, "Programme: date (YYYY-MM-DD)";
        With => with, Opt, "Programme: with";
        People => people, Count, "Programme: people met";
        Hours => hours, Hours, "Programme: hours";
    }
}

/// The lists the interface shows, by their names there.
pub const MEMBER_FIELDS: &[MemberField] = MemberField::ALL;
/// An evidence item's own fields.
pub const EV_FIELDS: &[EvField] = EvField::ALL.split_at(EvField::Value as usize).0;
/// The figures a data item adds.
pub const EV_DATA_FIELDS: &[EvField] = EvField::ALL.split_at(EvField::Value as usize).1;
pub const METRIC_FIELDS: &[MetricField] = MetricField::ALL;
pub const CASE_FIELDS: &[CaseField] = CaseField::ALL;
pub const ACT_FIELDS: &[ActField] = ActField::ALL;

/// For the feedback report's tables (`fields/report.rs`).
pub(super) use fields;
