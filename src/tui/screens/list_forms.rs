//! The list-form screens (evidence, details, metrics, proud of, activity)
//! as one: which list and form the screen shown keeps, how long they are,
//! and the moves they share before the screen's own action.

use crate::tui::app::App;
use crate::tui::component::Handled;
use crate::tui::edit::{CASE_FIELDS, METRIC_FIELDS};
use crate::tui::keys::Action;
use crate::tui::screens::{ListForm, ListSizes, Screen};

/// Rows of the activity form: the kind, then the fields.
pub const ACTIVITY_ROWS: usize = 5;

impl App {
    pub(crate) fn current_list_form(&self) -> Option<&ListForm> {
        match self.screen {
            Screen::Evidence => Some(&self.ev.list),
            Screen::Details => Some(&self.details),
            Screen::Metrics => Some(&self.metrics),
            Screen::ProudOf => Some(&self.proud),
            Screen::Activity => Some(&self.activity),
            _ => None,
        }
    }

    pub(crate) fn current_list_form_mut(&mut self) -> Option<&mut ListForm> {
        match self.screen {
            Screen::Evidence => Some(&mut self.ev.list),
            Screen::Details => Some(&mut self.details),
            Screen::Metrics => Some(&mut self.metrics),
            Screen::ProudOf => Some(&mut self.proud),
            Screen::Activity => Some(&mut self.activity),
            _ => None,
        }
    }

    pub(crate) fn list_len(&self) -> usize {
        let Some(wb) = self.wb() else { return 0 };
        match self.screen {
            Screen::Evidence => self.evidence_shown().len(),
            Screen::Details => self.detail_targets().len(),
            Screen::Metrics => wb.framework.metrics.len(),
            Screen::ProudOf => wb.proud_of.len(),
            Screen::Activity => self
                .reviewer
                .as_ref()
                .and_then(|n| wb.reviewer(n))
                .map_or(0, |r| r.activities.len()),
            _ => 0,
        }
    }

    pub(crate) fn form_len(&self) -> usize {
        match self.screen {
            Screen::Evidence => self
                .evidence_shown()
                .get(self.ev.list.sel)
                .map_or(0, |i| self.evidence_fields(*i).len()),
            Screen::Metrics => METRIC_FIELDS.len(),
            Screen::ProudOf => CASE_FIELDS.len(),
            Screen::Activity => ACTIVITY_ROWS,
            _ => 0,
        }
    }

    pub(crate) fn list_form_action(&mut self, action: Action) {
        let sizes = ListSizes {
            items: self.list_len(),
            fields: self.form_len(),
            page: self.frame.size.height.saturating_sub(6).max(1) as usize,
            // The details screen is one list of fields, with no form beside it.
            has_form: self.screen != Screen::Details,
        };
        let screen = self.screen;
        let Some(lf) = self.current_list_form_mut() else {
            return;
        };
        match lf.navigate(action, sizes) {
            Handled::Done(()) => return self.screen = Screen::Questions,
            Handled::Consumed if action == Action::NextPane => return,
            _ => {}
        }
        match screen {
            Screen::Evidence => crate::tui::screens::evidence::action(self, action),
            Screen::Details => crate::tui::screens::details::action(self, action),
            Screen::Metrics => crate::tui::screens::metrics::action(self, action),
            Screen::ProudOf => crate::tui::screens::proud_of::action(self, action),
            Screen::Activity => crate::tui::screens::activity::action(self, action),
            _ => {}
        }
    }
}
