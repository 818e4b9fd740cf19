//! What yes to a confirm pop-up does: the deletions that ask first.

use crate::tui::app::App;
use crate::tui::screens::Pending;
use crate::tui::undo::Part;

impl App {
    pub(crate) fn confirmed(&mut self, op: Pending) {
        if op == Pending::LeaveReviewer {
            return self.leave_reviewer_mode();
        }
        if let Pending::Export(choice) = op {
            return self.export(choice);
        }
        let name = self.reviewer.clone().unwrap_or_default();
        let (part, label) = match &op {
            Pending::DeleteEvidence(i) => {
                let id = self.wb().and_then(|w| w.evidence.get(*i));
                let id = id.map_or(String::new(), |e| e.id.clone());
                (Part::Whole, format!("delete evidence {id}"))
            }
            Pending::DeleteCase(i) => (Part::ProudOf, format!("delete case study {}", i + 1)),
            Pending::DeleteActivity(i) => {
                (Part::Reviewer(name), format!("delete activity {}", i + 1))
            }
            Pending::DeleteMember(i) => (Part::Review, format!("delete team member {}", i + 1)),
            Pending::LeaveReviewer | Pending::Export(_) => return,
        };
        let reviewer = self.reviewer.clone();
        let done = self.change(part, |wb| {
            match op {
                Pending::DeleteEvidence(i) => {
                    if i < wb.evidence.len() {
                        let id = wb.evidence_mut().remove(i).id;
                        for a in &mut wb.answers {
                            a.evidence.retain(|e| *e != id);
                        }
                    }
                }
                Pending::DeleteCase(i) => {
                    if i < wb.proud_of.len() {
                        wb.proud_of.remove(i);
                    }
                }
                Pending::DeleteActivity(i) => {
                    if let Some(name) = reviewer {
                        let acts = &mut wb.reviewer_mut(&name).activities;
                        if i < acts.len() {
                            acts.remove(i);
                        }
                    }
                }
                Pending::DeleteMember(i) => {
                    if i < wb.review.team.len() {
                        wb.review.team.remove(i);
                    }
                }
                Pending::LeaveReviewer | Pending::Export(_) => {}
            }
            Some(label)
        });
        if !done {
            return;
        }
        let n = self.list_len();
        if let Some(lf) = self.current_list_form_mut() {
            lf.sel = lf.sel.min(n.saturating_sub(1));
            lf.field = 0;
        }
    }
}
