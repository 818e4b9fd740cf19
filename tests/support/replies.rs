//! Answers a program's queries to its terminal, as a real terminal does, for
//! programs run in a pseudo-terminal and read through `vt100` (the PTY tests
//! and `examples/startup.rs`). crossterm asks where the cursor is
//! (`ESC [ 6 n`) and gives up after two seconds without an answer.

/// The replies waiting to be written back to the program.
#[derive(Default)]
pub struct Replies {
    pub out: Vec<u8>,
}

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        if c == 'n' && i1.is_none() && params == [&[6][..]] {
            let (row, col) = screen.cursor_position();
            self.out
                .extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
        }
    }
}
