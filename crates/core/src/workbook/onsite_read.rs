//! Reading the on-site sections: reviewers, consensus, findings.

use std::collections::HashMap;

use super::onsite::{
    ActionStatus, Activity, ActivityKind, Agreed, DomainFindings, Findings, Recommendation,
    Reviewer, ReviewerAnswer, Source, SourceKind,
};
use super::read::read_rating;
use crate::framework::Framework;
use crate::yaml::Pos;
use crate::yaml::read::{Obj, Reader};

const REVIEWER_KEYS: &[&str] = &["name", "role", "organisation", "activities", "answers"];
const ACTIVITY_KEYS: &[&str] = &["date", "kind", "title", "people", "hours"];
const ACTIVITY_WORDS: &[&str] = &[
    "interview",
    "focus-group",
    "case-file-audit",
    "document",
    "visit",
    "other",
];
const RANSWER_KEYS: &[&str] = &[
    "question",
    "rating",
    "notes",
    "strengths",
    "areas",
    "sources",
];
const SOURCE_KEYS: &[&str] = &["kind", "text"];
const AGREED_KEYS: &[&str] = &["question", "rating", "note"];
const FINDINGS_KEYS: &[&str] = &["key_messages", "domains", "recommendations", "next_steps"];
const DOMAIN_KEYS: &[&str] = &["domain", "strengths", "areas"];
const REC_KEYS: &[&str] = &["text", "quick_win", "owner", "due", "status", "progress"];

pub(super) fn read(
    r: &mut Reader,
    top: &Obj,
    fw: Option<&Framework>,
) -> (Vec<Reviewer>, Vec<Agreed>, Findings) {
    let reviewers = reviewers(r, top, fw);
    let consensus = consensus(r, top, fw);
    let findings = top
        .get("findings")
        .and_then(|v| findings(r, v, &top.at("findings"), fw))
        .unwrap_or_default();
    (reviewers, consensus, findings)
}

/// A question id that the framework should have (a warning if not: kept).
fn check_question(r: &mut Reader, o: &Obj, q: &str, fw: Option<&Framework>) {
    if let Some(fw) = fw
        && fw.question(q).is_none()
    {
        r.warning(
            &o.at("question"),
            format!("question '{q}' is not in {}; the entry is kept", fw.key()),
            "",
        );
    }
}

fn reviewers(r: &mut Reader, top: &Obj, fw: Option<&Framework>) -> Vec<Reviewer> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, Pos> = HashMap::new();
    for (p, v) in r.list(top, "reviewers") {
        let Some(o) = r.obj(v, &p, "a reviewer", REVIEWER_KEYS, &["name"]) else {
            continue;
        };
        let name = r.req_text(&o, "name");
        let here = r.pos(&o.at("name"));
        if let Some(first) = seen.get(&name) {
            let line = first.line;
            r.error_at(
                here,
                format!("reviewer '{name}' appears twice (first at line {line})"),
                "keep one section per reviewer",
            );
        }
        seen.insert(name.clone(), here);
        let mut activities = Vec::new();
        for (ap, av) in r.list(&o, "activities") {
            let Some(a) = r.obj(av, &ap, "an activity", ACTIVITY_KEYS, &["title"]) else {
                continue;
            };
            activities.push(Activity {
                date: r.date(&a, "date"),
                kind: r
                    .choice(&a, "kind", ACTIVITY_WORDS)
                    .and_then(ActivityKind::parse)
                    .unwrap_or_default(),
                title: r.req_text(&a, "title"),
                people: r.int(&a, "people").and_then(|n| u32::try_from(n).ok()),
                hours: r.number(&a, "hours"),
                extra: a.extra,
            });
        }
        let mut answers = Vec::new();
        for (qp, qv) in r.list(&o, "answers") {
            let Some(a) = r.obj(qv, &qp, "a reviewer's answer", RANSWER_KEYS, &["question"]) else {
                continue;
            };
            let question = r.req_text(&a, "question");
            check_question(r, &a, &question, fw);
            let mut sources = Vec::new();
            for (sp, sv) in r.list(&a, "sources") {
                let Some(s) = r.obj(sv, &sp, "a source", SOURCE_KEYS, &["kind", "text"]) else {
                    continue;
                };
                sources.push(Source {
                    kind: r
                        .choice(&s, "kind", &["read", "heard", "seen"])
                        .and_then(SourceKind::parse)
                        .unwrap_or_default(),
                    text: r.req_text(&s, "text"),
                });
            }
            answers.push(ReviewerAnswer {
                rating: read_rating(r, &a, fw),
                question,
                notes: r.text(&a, "notes").unwrap_or_default(),
                strengths: r.text_list(&a, "strengths"),
                areas: r.text_list(&a, "areas"),
                sources,
                extra: a.extra,
            });
        }
        out.push(Reviewer {
            name,
            role: r.text(&o, "role"),
            organisation: r.text(&o, "organisation"),
            activities,
            answers,
            extra: o.extra,
        });
    }
    out
}

fn consensus(r: &mut Reader, top: &Obj, fw: Option<&Framework>) -> Vec<Agreed> {
    let mut out = Vec::new();
    for (p, v) in r.list(top, "consensus") {
        let Some(o) = r.obj(v, &p, "an agreed rating", AGREED_KEYS, &["question"]) else {
            continue;
        };
        let question = r.req_text(&o, "question");
        check_question(r, &o, &question, fw);
        out.push(Agreed {
            rating: read_rating(r, &o, fw),
            question,
            note: r.text(&o, "note"),
            extra: o.extra,
        });
    }
    out
}

fn findings(
    r: &mut Reader,
    v: &crate::yaml::Value,
    path: &crate::yaml::Path,
    fw: Option<&Framework>,
) -> Option<Findings> {
    let o = r.obj(v, path, "the findings", FINDINGS_KEYS, &[])?;
    let mut domains = Vec::new();
    for (dp, dv) in r.list(&o, "domains") {
        let Some(d) = r.obj(dv, &dp, "a domain's findings", DOMAIN_KEYS, &["domain"]) else {
            continue;
        };
        let id = r.req_text(&d, "domain");
        if let Some(fw) = fw
            && !fw.domains.iter().any(|x| x.id == id)
        {
            r.warning(
                &d.at("domain"),
                format!(
                    "domain '{id}' is not in {}; its findings are kept",
                    fw.key()
                ),
                "",
            );
        }
        domains.push(DomainFindings {
            domain: id,
            strengths: r.text_list(&d, "strengths"),
            areas: r.text_list(&d, "areas"),
            extra: d.extra,
        });
    }
    let mut recommendations = Vec::new();
    for (rp, rv) in r.list(&o, "recommendations") {
        let Some(x) = r.obj(rv, &rp, "a recommendation", REC_KEYS, &["text"]) else {
            continue;
        };
        recommendations.push(Recommendation {
            text: r.req_text(&x, "text"),
            quick_win: r.bool(&x, "quick_win").unwrap_or(false),
            owner: r.text(&x, "owner"),
            due: r.date(&x, "due"),
            status: r
                .choice(&x, "status", &["open", "in-progress", "done"])
                .and_then(ActionStatus::parse)
                .unwrap_or_default(),
            progress: r.text(&x, "progress"),
            extra: x.extra,
        });
    }
    Some(Findings {
        key_messages: r.text_list(&o, "key_messages"),
        domains,
        recommendations,
        next_steps: r.text_list(&o, "next_steps"),
        extra: o.extra,
    })
}
