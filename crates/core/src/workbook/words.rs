//! The fixed sets of words a workbook uses (status, kinds of evidence and
//! activity, how a reviewer knows something, an action's status), each
//! described once, by its enum: the file word comes from the variant's name
//! in kebab-case, the label from its `#[strum(message = "…")]`, the list of
//! all of them from the variants. [`words!`] adds the same small methods to
//! each, and [`Words`] lets the reader and writer treat them alike.

/// An enum whose values are written as fixed words.
pub trait Words: Copy + Default + 'static {
    /// Every file word, in declaration order (what the reader accepts and
    /// lists in its fix).
    const WORDS: &'static [&'static str];
    /// The word written in files.
    fn word(self) -> &'static str;
    /// The value of an exact file word.
    fn from_word(s: &str) -> Option<Self>;
}

/// The variants as an array (for `const ALL`), from strum's list.
pub(crate) const fn array<T: Copy, const N: usize>(all: &[T]) -> [T; N] {
    let mut out = [all[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = all[i];
        i += 1;
    }
    out
}

/// `ALL`, `as_str`, `label` and `parse` for an enum that derives strum's
/// `IntoStaticStr`, `EnumString`, `EnumMessage`, `VariantArray`,
/// `VariantNames` and `EnumCount`. `lenient` makes `parse` also accept the
/// label, in any case, with spaces or underscores for dashes.
macro_rules! words {
    ($name:ident $(, $lenient:ident)?) => {
        impl $name {
            pub const ALL: [$name; <$name as strum::EnumCount>::COUNT] =
                $crate::workbook::words::array(<$name as strum::VariantArray>::VARIANTS);
            /// The word written in files and accepted on the command line.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
            /// How people read it.
            pub fn label(self) -> &'static str {
                strum::EnumMessage::get_message(&self).unwrap_or_else(|| self.as_str())
            }
            /// The value of a file word (see the macro for `lenient`).
            pub fn parse(s: &str) -> Option<$name> {
                $( let _ = stringify!($lenient);
                   let s = &s.trim().to_lowercase().replace([' ', '_'], "-"); )?
                s.parse().ok()
            }
        }
        impl $crate::workbook::words::Words for $name {
            const WORDS: &'static [&'static str] = <$name as strum::VariantNames>::VARIANTS;
            fn word(self) -> &'static str {
                self.as_str()
            }
            fn from_word(s: &str) -> Option<$name> {
                s.parse().ok()
            }
        }
    };
}

pub(crate) use words;
