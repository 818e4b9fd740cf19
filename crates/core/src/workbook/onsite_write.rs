//! Writing the on-site sections, in a fixed key order.

use super::Rating;
use super::onsite::{Agreed, Findings, Reviewer};
use super::write::Obj;
use crate::yaml::Value;

fn rating(m: &mut Obj, r: Rating) {
    match r {
        Rating::Level(n) => m.put("rating", n.into()),
        Rating::NotApplicable => m.put("rating", "n/a".into()),
        Rating::None => {}
    }
}

pub(super) fn reviewer(r: &Reviewer) -> Value {
    let mut m = Obj::default();
    m.put("name", r.name.as_str().into());
    m.opt("role", &r.role);
    m.opt("organisation", &r.organisation);
    m.list(
        "activities",
        r.activities.iter().map(|a| {
            let mut x = Obj::default();
            if let Some(d) = a.date {
                x.put("date", d.to_string().into());
            }
            x.put("kind", a.kind.as_str().into());
            x.put("title", a.title.as_str().into());
            if let Some(p) = a.people {
                x.put("people", p.into());
            }
            x.num("hours", a.hours);
            x.extra(&a.extra);
            x.done()
        }),
    );
    m.list(
        "answers",
        r.answers.iter().map(|a| {
            let mut x = Obj::default();
            x.put("question", a.question.as_str().into());
            rating(&mut x, a.rating);
            x.text("notes", &a.notes);
            x.texts("strengths", &a.strengths);
            x.texts("areas", &a.areas);
            x.list(
                "sources",
                a.sources.iter().map(|s| {
                    let mut y = Obj::default();
                    y.put("kind", s.kind.as_str().into());
                    y.put("text", s.text.as_str().into());
                    y.done()
                }),
            );
            x.extra(&a.extra);
            x.done()
        }),
    );
    m.extra(&r.extra);
    m.done()
}

pub(super) fn agreed(a: &Agreed) -> Value {
    let mut m = Obj::default();
    m.put("question", a.question.as_str().into());
    rating(&mut m, a.rating);
    m.opt("note", &a.note);
    m.extra(&a.extra);
    m.done()
}

pub(super) fn findings(f: &Findings) -> Value {
    let mut m = Obj::default();
    m.texts("key_messages", &f.key_messages);
    m.list(
        "domains",
        f.domains.iter().map(|d| {
            let mut x = Obj::default();
            x.put("domain", d.domain.as_str().into());
            x.texts("strengths", &d.strengths);
            x.texts("areas", &d.areas);
            x.extra(&d.extra);
            x.done()
        }),
    );
    m.list(
        "recommendations",
        f.recommendations.iter().map(|r| {
            let mut x = Obj::default();
            x.put("text", r.text.as_str().into());
            if r.quick_win {
                x.put("quick_win", true.into());
            }
            x.opt("owner", &r.owner);
            if let Some(d) = r.due {
                x.put("due", d.to_string().into());
            }
            x.put("status", r.status.as_str().into());
            x.opt("progress", &r.progress);
            x.extra(&r.extra);
            x.done()
        }),
    );
    m.texts("next_steps", &f.next_steps);
    m.extra(&f.extra);
    m.done()
}
