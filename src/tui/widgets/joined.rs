//! A list of names joined with commas, cut with "…" where it would run past
//! the room a box has (the dashboard's lists).

use crate::text::{cut, width};

/// Items made safe to draw and joined with commas, stopping with "…" once
/// the text is wider than `room` columns (more than a box can show).
pub fn joined_within<'a>(items: impl Iterator<Item = &'a str>, room: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for (i, item) in items.enumerate() {
        if used > room {
            out.push_str(", …");
            break;
        }
        if i > 0 {
            out.push_str(", ");
            used += 2;
        }
        let item = cut(item, room + 1);
        used += width(&item);
        out.push_str(&item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::joined_within;

    #[test]
    fn lists_are_cut_once_longer_than_the_room() {
        let refs = ["1.1", "1.2", "1.3", "2.1"];
        assert_eq!(joined_within(refs.into_iter(), 100), "1.1, 1.2, 1.3, 2.1");
        assert_eq!(joined_within(refs.into_iter(), 4), "1.1, 1.2, …");
        assert_eq!(joined_within(std::iter::empty(), 4), "");
        // Control characters are drawn inert.
        assert!(!joined_within(["a\u{1b}[2J"].into_iter(), 10).contains('\u{1b}'));
    }
}
