//! A small document model that every export is built as, and then written
//! out as markdown or Word. Building once and writing twice keeps the two
//! formats saying exactly the same thing, and keeps the escaping of what
//! people typed in one place per format.

/// A run of text inside a paragraph or a table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text, written exactly as given: never read as markup.
    Text(String),
    Strong(String),
    Emphasis(String),
    /// A link to a heading or anchor in the same document.
    Link {
        text: String,
        anchor: String,
    },
    /// A line break inside the paragraph or cell.
    Break,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text(s.into())
    }
    pub fn strong(s: impl Into<String>) -> Inline {
        Inline::Strong(s.into())
    }
}

/// Several lines of text as inlines with line breaks between them.
pub fn lines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if i > 0 {
            out.push(Inline::Break);
        }
        out.push(Inline::Text(l.to_string()));
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 is the document title.
    Heading {
        level: u8,
        text: String,
        /// The id other blocks link to.
        anchor: String,
    },
    Para(Vec<Inline>),
    /// Text a person wrote, kept as their paragraphs (blank lines) and
    /// lines.
    UserText(String),
    Bullets(Vec<Vec<Inline>>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A mermaid chart: drawn by markdown viewers that can, left out of
    /// Word. A table with the same figures always comes with it.
    Mermaid(String),
    /// Links to every level-2 heading.
    Contents,
    /// An anchor that links can point at (an evidence item).
    Anchor(String),
}

/// A whole export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The anchors of `blocks[..anchors.scanned]`, so a new heading's slug
    /// is checked against a set, not every block before it (that made a
    /// large pack quadratic).
    anchors: Anchors,
}

#[derive(Debug, Clone, Default)]
struct Anchors {
    taken: std::collections::HashSet<String>,
    scanned: usize,
}

/// A cache of what `blocks` holds: two documents with the same blocks are
/// the same document.
impl PartialEq for Anchors {
    fn eq(&self, _: &Anchors) -> bool {
        true
    }
}

impl Document {
    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        let text = text.into();
        // Blocks may have been pushed onto `blocks` directly: take in any
        // anchors not seen yet.
        let a = &mut self.anchors;
        if a.scanned > self.blocks.len() {
            *a = Anchors::default();
        }
        for b in &self.blocks[a.scanned..] {
            if let Block::Heading { anchor, .. } | Block::Anchor(anchor) = b {
                a.taken.insert(anchor.clone());
            }
        }
        a.scanned = self.blocks.len();
        let anchor = unique(slug_base(&text), |s| a.taken.contains(s));
        self.blocks.push(Block::Heading {
            level,
            text,
            anchor,
        });
    }

    pub fn para(&mut self, inlines: Vec<Inline>) {
        self.blocks.push(Block::Para(inlines));
    }

    /// The level-2 headings, for the contents list: (text, anchor).
    pub fn sections(&self) -> Vec<(String, String)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    level: 2,
                    text,
                    anchor,
                } => Some((text.clone(), anchor.clone())),
                _ => None,
            })
            .collect()
    }
}

/// An anchor from heading text, as GitHub makes them (lower case, spaces to
/// '-', punctuation dropped), made unique within the document.
pub fn slug(text: &str, existing: &[Block]) -> String {
    let taken = |s: &str| {
        existing.iter().any(|b| match b {
            Block::Heading { anchor, .. } => anchor == s,
            Block::Anchor(a) => a == s,
            _ => false,
        })
    };
    unique(slug_base(text), taken)
}

fn slug_base(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// `base`, or `base-1`, `base-2`, … whichever is not taken.
fn unique(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github_and_stay_unique() {
        let mut d = Document::default();
        d.heading(2, "Well led: vision & strategy");
        d.heading(2, "Well led: vision & strategy");
        let s = d.sections();
        assert_eq!(s[0].1, "well-led-vision--strategy");
        assert_eq!(s[1].1, "well-led-vision--strategy-1");
    }

    #[test]
    fn slugs_see_anchors_pushed_directly() {
        let mut d = Document::default();
        d.heading(2, "Safe");
        d.push(Block::Anchor("safe-1".into()));
        d.blocks.push(Block::Anchor("safe-2".into()));
        d.heading(2, "Safe");
        let s = d.sections();
        assert_eq!(s[1].1, "safe-3");
        assert_eq!(s[1].1, slug("Safe", &d.blocks[..3]));
        d.blocks.clear();
        d.heading(2, "Safe");
        assert_eq!(d.sections()[0].1, "safe");
    }
}
