//! The default bindings, one line a binding: the footer shows those marked
//! `true`, in this order.
//!
//! (Over 200 lines: the table itself.)

use ratatui::crossterm::event::KeyCode;

use super::{Action, Binding, Context, Key, Keymap};

fn b(context: Context, key: Key, action: Action, footer: bool) -> Binding {
    Binding {
        context,
        key,
        action,
        footer,
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Action as A;
        use Context as C;
        use KeyCode as K;
        let mut v = vec![
            b(C::Global, Key::plain(K::Up), A::Up, false),
            b(C::Global, Key::ch('k'), A::Up, false),
            b(C::Global, Key::plain(K::Down), A::Down, false),
            b(C::Global, Key::ch('j'), A::Down, false),
            b(C::Global, Key::plain(K::PageUp), A::PageUp, false),
            b(C::Global, Key::plain(K::PageDown), A::PageDown, false),
            b(C::Global, Key::plain(K::Home), A::Top, false),
            b(C::Global, Key::ch('g'), A::Top, false),
            b(C::Global, Key::plain(K::End), A::Bottom, false),
            b(C::Global, Key::ch('G'), A::Bottom, false),
            b(C::Global, Key::plain(K::Enter), A::Open, false),
            b(C::Global, Key::plain(K::Esc), A::Back, false),
            b(C::Global, Key::ch('?'), A::Help, true),
            b(C::Global, Key::ctrl('s'), A::Save, false),
            b(C::Global, Key::ctrl('z'), A::Undo, false),
            b(C::Global, Key::ctrl('y'), A::Redo, false),
            b(C::Global, Key::ch('q'), A::Quit, true),
            b(C::Global, Key::ctrl('c'), A::Quit, false),
            b(C::Global, Key::ch('/'), A::Search, true),
            b(C::Global, Key::ch('Q'), A::ShowQuestions, false),
            b(C::Global, Key::ch('E'), A::ShowEvidence, false),
            b(C::Global, Key::ch('D'), A::ShowDashboard, false),
            b(C::Global, Key::ch('R'), A::ShowDetails, false),
            b(C::Global, Key::ch('M'), A::ShowMetrics, false),
            b(C::Global, Key::ch('P'), A::ShowProudOf, false),
            b(C::Global, Key::plain(K::F(2)), A::ShowQuestions, false),
            b(C::Global, Key::plain(K::F(3)), A::ShowEvidence, false),
            b(C::Global, Key::plain(K::F(4)), A::ShowDashboard, false),
            b(C::Global, Key::plain(K::F(5)), A::ShowDetails, false),
            b(C::Global, Key::plain(K::F(6)), A::ShowMetrics, false),
            b(C::Global, Key::plain(K::F(7)), A::ShowProudOf, false),
            b(C::Global, Key::ch('X'), A::Export, false),
            b(C::Global, Key::ch('A'), A::ShowActivity, false),
            b(C::Global, Key::ch('V'), A::ShowPeer, false),
            b(C::Global, Key::ch('F'), A::ShowFindings, false),
            b(C::Global, Key::ch('W'), A::ReviewAs, false),
        ];
        // The Peer screen is for agreeing ratings: its digits come first in
        // its footer, then the agreed rating's note.
        v.extend((1..=9u8).map(|d| b(C::Peer, Key::ch(char::from(b'0' + d)), A::Rate(d), d == 1)));
        v.extend([
            b(C::Peer, Key::ch('r'), A::RatingPicker, true),
            b(C::Peer, Key::ch('e'), A::Edit, true),
            b(C::Peer, Key::ch('0'), A::ClearRating, false),
            b(C::Peer, Key::ch('x'), A::NotApplicable, false),
            b(C::Peer, Key::ch('C'), A::Conflicts, true),
            b(C::Peer, Key::ch('c'), A::GapChart, true),
            b(C::Peer, Key::ch('n'), A::TeamNotes, true),
            b(C::Peer, Key::plain(K::Enter), A::Open, true),
            b(C::Findings, Key::plain(K::Enter), A::Edit, true),
            b(C::Findings, Key::ch('a'), A::Add, true),
            b(C::Findings, Key::ch('d'), A::Delete, true),
            b(C::Findings, Key::ch('w'), A::QuickWin, true),
            b(C::Findings, Key::ch('o'), A::EditOwner, false),
            b(C::Findings, Key::ch('t'), A::DueDate, false),
            b(C::Findings, Key::ch('s'), A::StatusPicker, false),
            b(C::Findings, Key::ch('p'), A::Progress, false),
            b(C::Findings, Key::ch('r'), A::ReportView, false),
            b(C::Findings, Key::ch('K'), A::MoveUp, false),
            b(C::Findings, Key::ch('J'), A::MoveDown, false),
            b(C::Activity, Key::ch('a'), A::Add, true),
            b(C::Activity, Key::plain(K::Enter), A::Edit, true),
            b(C::Activity, Key::ch('d'), A::Delete, true),
            b(C::Activity, Key::ch('p'), A::Programme, true),
            b(C::Activity, Key::plain(K::Tab), A::NextPane, false),
            // Start screen
            b(C::Start, Key::plain(K::Enter), A::Open, true),
            b(C::Start, Key::ch('n'), A::Add, true),
            // Questions
            b(C::Questions, Key::plain(K::Tab), A::NextPane, true),
            b(C::Questions, Key::plain(K::BackTab), A::NextPane, false),
            b(C::Questions, Key::ch('r'), A::RatingPicker, true),
            b(C::Questions, Key::ch('0'), A::ClearRating, false),
            b(C::Questions, Key::ch('x'), A::NotApplicable, false),
            b(C::Questions, Key::ch('s'), A::StatusPicker, true),
            b(C::Questions, Key::ch('o'), A::EditOwner, false),
            b(C::Questions, Key::ch('e'), A::EditNarrative, true),
            b(C::Questions, Key::ch('n'), A::NextUnanswered, true),
            b(C::Questions, Key::ch('N'), A::PrevUnanswered, false),
            b(C::Questions, Key::ch('a'), A::Add, false),
            b(C::Questions, Key::ch('d'), A::Delete, false),
            b(C::Questions, Key::ch('K'), A::MoveUp, false),
            b(C::Questions, Key::ch('J'), A::MoveDown, false),
            b(C::Questions, Key::ch('l'), A::Link, false),
            b(C::Questions, Key::ch('f'), A::FilterQuestions, false),
            b(C::Questions, Key::ch('O'), A::SortQuestions, false),
            b(C::Questions, Key::ch('['), A::ScrollDetailUp, false),
            b(C::Questions, Key::ch(']'), A::ScrollDetailDown, false),
            b(C::Questions, Key::ch('p'), A::ShowPrompts, false),
            b(C::Questions, Key::ch('v'), A::SignOff, false),
            // Evidence
            b(C::Evidence, Key::ch('a'), A::Add, true),
            b(C::Evidence, Key::plain(K::Enter), A::Edit, true),
            b(C::Evidence, Key::ch('d'), A::Delete, true),
            b(C::Evidence, Key::ch('l'), A::Link, true),
            b(C::Evidence, Key::ch('u'), A::Unlink, false),
            b(C::Evidence, Key::ch('f'), A::FilterKind, false),
            b(C::Evidence, Key::ch('c'), A::Categories, false),
            b(C::Evidence, Key::plain(K::Tab), A::NextPane, false),
            b(C::Metrics, Key::plain(K::Tab), A::NextPane, false),
            // Details, metrics, proud of
            b(C::Details, Key::plain(K::Enter), A::Edit, true),
            b(C::Details, Key::ch('a'), A::Add, true),
            b(C::Details, Key::ch('d'), A::Delete, false),
            b(C::Metrics, Key::plain(K::Enter), A::Edit, true),
            b(C::ProudOf, Key::plain(K::Enter), A::Edit, true),
            b(C::ProudOf, Key::ch('a'), A::Add, true),
            b(C::ProudOf, Key::ch('d'), A::Delete, false),
            b(C::ProudOf, Key::plain(K::Tab), A::NextPane, false),
            // Pop-ups
            b(C::Popup, Key::plain(K::Up), A::Up, false),
            b(C::Popup, Key::ch('k'), A::Up, false),
            b(C::Popup, Key::plain(K::Down), A::Down, false),
            b(C::Popup, Key::ch('j'), A::Down, false),
            b(C::Popup, Key::ch('g'), A::Top, false),
            b(C::Popup, Key::ch('G'), A::Bottom, false),
            b(C::Popup, Key::plain(K::Home), A::Top, false),
            b(C::Popup, Key::plain(K::End), A::Bottom, false),
            b(C::Popup, Key::plain(K::Enter), A::Open, true),
            b(C::Popup, Key::plain(K::Esc), A::Back, true),
            b(C::Popup, Key::ch('q'), A::Back, false),
            b(C::Confirm, Key::ch('y'), A::Yes, true),
            b(C::Confirm, Key::ch('n'), A::No, true),
            b(C::Confirm, Key::plain(K::Esc), A::No, false),
            b(C::Global, Key::ch('S'), A::SaveAs, false),
            b(C::Start, Key::ch('c'), A::OpenCopy, true),
            b(C::Unsaved, Key::ch('m'), A::MergeDisk, false),
            b(C::Unsaved, Key::ch('a'), A::SaveAs, false),
            b(C::Unsaved, Key::ch('c'), A::WriteRecovered, false),
            b(C::Unsaved, Key::ch('r'), A::Reload, false),
            b(C::Unsaved, Key::ch('d'), A::Discard, false),
            b(C::Unsaved, Key::plain(K::Esc), A::KeepTrying, false),
            // Typing: what a field does with these is its own (Enter is
            // a new line in a multi-line field, Up and Down move the
            // cursor there and the choice in search); keys a field does
            // not use are typed.
            b(C::Text, Key::plain(K::Esc), A::Back, false),
            b(C::Text, Key::plain(K::Enter), A::Open, false),
            b(C::Text, Key::alt_of(K::Enter), A::Open, false),
            b(C::Text, Key::ctrl_of(K::Enter), A::Done, false),
            b(C::Text, Key::plain(K::Up), A::Up, false),
            b(C::Text, Key::plain(K::Down), A::Down, false),
            b(C::Text, Key::plain(K::Tab), A::NextPane, false),
            b(C::Text, Key::plain(K::BackTab), A::NextPane, false),
            b(C::Text, Key::ctrl('s'), A::Save, false),
            b(C::Text, Key::ctrl('z'), A::Undo, false),
            b(C::Text, Key::ctrl('y'), A::Redo, false),
            b(C::Text, Key::ctrl('c'), A::Quit, false),
            b(C::Text, Key::alt_of(K::Up), A::ScrollDetailUp, false),
            b(C::Text, Key::alt_of(K::Down), A::ScrollDetailDown, false),
        ]);
        v.extend((1..=9u8).map(|d| {
            b(
                C::Questions,
                Key::ch(char::from(b'0' + d)),
                A::Rate(d),
                d == 1,
            )
        }));
        v.extend(comments_and_reading());
        // ----- reviewer mode: a source's programme item (issue 13) -----
        v.push(b(C::Questions, Key::ch('m'), A::SourceProgramme, false));
        Keymap { bindings: v }
    }
}

/// Issue 17's bindings, kept together: the thread of comments (`c` on the
/// Questions screen and in the reading view, then its own keys) and the
/// reading view (`w` on the Questions screen).
fn comments_and_reading() -> Vec<Binding> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    vec![
        b(C::Questions, Key::ch('c'), A::Comments, true),
        b(C::Questions, Key::ch('w'), A::ReadingView, true),
        // The thread: its own keys only, as a pop-up has.
        b(C::Comments, Key::plain(K::Up), A::Up, false),
        b(C::Comments, Key::ch('k'), A::Up, false),
        b(C::Comments, Key::plain(K::Down), A::Down, false),
        b(C::Comments, Key::ch('j'), A::Down, false),
        b(C::Comments, Key::plain(K::PageUp), A::PageUp, false),
        b(C::Comments, Key::plain(K::PageDown), A::PageDown, false),
        b(C::Comments, Key::ch('g'), A::Top, false),
        b(C::Comments, Key::plain(K::Home), A::Top, false),
        b(C::Comments, Key::ch('G'), A::Bottom, false),
        b(C::Comments, Key::plain(K::End), A::Bottom, false),
        b(C::Comments, Key::ch('a'), A::Add, true),
        b(C::Comments, Key::plain(K::Enter), A::Add, false),
        b(C::Comments, Key::ch('e'), A::Edit, true),
        b(C::Comments, Key::ch('r'), A::ResolveComment, true),
        b(C::Comments, Key::plain(K::Esc), A::Back, true),
        b(C::Comments, Key::ch('q'), A::Back, false),
        b(C::Comments, Key::ch('c'), A::Back, false),
        // Undo and redo as everywhere (the thread's context does not inherit
        // the global keys).
        b(C::Comments, Key::ctrl('z'), A::Undo, false),
        b(C::Comments, Key::ctrl('y'), A::Redo, false),
        // The reading view (moving, help and quitting are global).
        b(C::Reading, Key::ch('e'), A::EditNarrative, true),
        b(C::Reading, Key::plain(K::Tab), A::NextDomain, true),
        b(C::Reading, Key::plain(K::BackTab), A::PrevDomain, false),
        b(C::Reading, Key::ch(']'), A::NextDomain, false),
        b(C::Reading, Key::ch('['), A::PrevDomain, false),
        b(C::Reading, Key::ch('c'), A::Comments, true),
        b(C::Reading, Key::plain(K::Esc), A::Back, true),
    ]
}
