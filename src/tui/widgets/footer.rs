//! The footer's hints fitted to the width: they come most important first
//! (as the keymap and the screen order them), so those that do not fit are
//! dropped from the end, whole, never cut; the help key is always kept, at
//! the end, as the way to every other key.

use crate::text::width;

/// The columns a hint takes as the footer draws it: " k d ".
fn hint_width((k, d): &(String, String)) -> usize {
    width(k) + width(d) + 3
}

/// The hints that fit in `room` columns after a pane name of `lead`
/// columns, in order; the hint whose key is `help` is kept whatever else
/// goes, and put last when anything was dropped.
pub fn fit(
    hints: Vec<(String, String)>,
    lead: usize,
    room: usize,
    help: Option<&str>,
) -> Vec<(String, String)> {
    let total: usize = lead + hints.iter().map(hint_width).sum::<usize>();
    if total <= room {
        return hints;
    }
    let mut rest = hints;
    let kept_help = help
        .and_then(|h| rest.iter().position(|(k, _)| k == h))
        .map(|i| rest.remove(i));
    let mut used = lead + kept_help.as_ref().map_or(0, hint_width);
    let mut out = Vec::with_capacity(rest.len() + 1);
    for h in rest {
        let w = hint_width(&h);
        if used + w > room {
            break;
        }
        used += w;
        out.push(h);
    }
    out.extend(kept_help);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(k: &str, d: &str) -> (String, String) {
        (k.to_string(), d.to_string())
    }

    #[test]
    fn all_fit_and_stay_as_they_are() {
        let v = vec![h("?", "help"), h("q", "quit")];
        assert_eq!(fit(v.clone(), 0, 80, Some("?")), v);
    }

    #[test]
    fn the_last_go_first_whole_and_help_stays_at_the_end() {
        let v = vec![
            h("Tab", "answer"),
            h("r", "rating"),
            h("s", "status"),
            h("?", "help"),
            h("q", "quit"),
        ];
        // " Tab answer " 12, " r rating " 10, " s status " 10, " ? help " 8.
        let got = fit(v, 5, 5 + 12 + 10 + 8, Some("?"));
        assert_eq!(
            got,
            vec![h("Tab", "answer"), h("r", "rating"), h("?", "help")]
        );
    }

    #[test]
    fn without_a_help_key_it_only_drops() {
        let v = vec![h("a", "add"), h("d", "delete")];
        assert_eq!(fit(v, 0, 8, None), vec![h("a", "add")]);
    }
}
