//! Sign-off on the Questions screen: the key that signs the selected
//! answer off (or takes the sign-off back), and the marks the list and the
//! answer's status line show. The rule is the core's `workbook::signoff`.

use crate::text::inert;
use crate::tui::screens::ctx::ScreenCtx;
use crate::tui::undo::Part;
use crate::workbook::Answer;
use crate::workbook::signoff;

/// Signs the answer off as the user, or withdraws a sign-off it has.
pub fn toggle(cx: &mut impl ScreenCtx, qid: &str) {
    if cx.reviewer().is_some() {
        cx.warn(
            "In reviewer mode the council's answers are read-only; sign-off is the council's"
                .into(),
        );
        return;
    }
    let user = cx.user();
    let reference = cx
        .workbook()
        .and_then(|wb| wb.framework.question(qid))
        .map_or(qid.to_string(), |(_, q)| inert(q.display_ref()));
    let mut refused = None;
    let changed = cx.change(Part::Answer(qid.to_string()), |wb| {
        // A question with no answer yet is not started: refused without
        // making an empty answer that a later save would write.
        let Some(a) = wb.answers.iter_mut().find(|a| a.question == qid) else {
            let e = signoff::SignOffError::NotReady {
                question: reference.clone(),
                status: crate::workbook::Status::NotStarted.label(),
            };
            refused = Some(e.to_string());
            return None;
        };
        if signoff::withdraw(a) {
            return Some(format!("take back the sign-off of {reference}"));
        }
        match signoff::sign_off(a, &user, chrono::Utc::now()) {
            Ok(()) => Some(format!("sign off {reference}")),
            Err(e) => {
                refused = Some(e.naming(&reference).to_string());
                None
            }
        }
    });
    if let Some(why) = refused {
        cx.warn(why);
    } else if changed {
        let now = cx
            .workbook()
            .and_then(|wb| wb.answer(qid))
            .map(status_note)
            .unwrap_or_default();
        cx.say(if now.is_empty() {
            "Sign-off taken back".to_string()
        } else {
            format!("Signed off: {now}")
        });
    }
}

/// The list's mark after a question's reference: `✓` signed off, `!`
/// changed after sign-off.
pub fn list_mark(a: Option<&Answer>) -> &'static str {
    match a {
        Some(a) if a.signed_off.is_some() => " ✓",
        Some(a) if a.sign_off_lapsed.is_some() => " !",
        _ => "",
    }
}

/// What the answer's status line adds: who signed it off and when, or that
/// it changed after sign-off; empty otherwise.
pub fn status_note(a: &Answer) -> String {
    match (&a.signed_off, &a.sign_off_lapsed) {
        (Some(s), _) => format!("signed off by {}", s.describe()),
        (None, Some(s)) => format!("changed after sign-off by {}", s.describe()),
        _ => String::new(),
    }
}
