//! A findings-only framework (no rating scale) takes no ratings, so the
//! footer and help leave out the keys that rate.

use crate::tui::app::App;
use crate::tui::keys::Action;

/// Whether the open workbook's framework has no scale.
fn unrated(app: &App) -> bool {
    app.wb().is_some_and(|w| w.framework.scale.is_none())
}

/// The actions that rate.
fn rates(a: Action) -> bool {
    matches!(
        a,
        Action::Rate(_) | Action::RatingPicker | Action::ClearRating | Action::NotApplicable
    )
}

/// Whether the footer leaves `a` out.
pub fn hides(app: &App, a: Action) -> bool {
    unrated(app) && rates(a)
}

/// Help rows without the rating keys when the framework has no scale.
pub fn help_rows(app: &App, rows: Vec<(String, String)>) -> Vec<(String, String)> {
    if !unrated(app) {
        return rows;
    }
    let hidden: Vec<String> = [
        Action::Rate(1),
        Action::RatingPicker,
        Action::ClearRating,
        Action::NotApplicable,
    ]
    .iter()
    .map(|a| a.describe())
    .collect();
    rows.into_iter()
        .filter(|(_, d)| !hidden.contains(d) && d != "rate at that level of the scale")
        .collect()
}
