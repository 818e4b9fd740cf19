//! peerbook's load against the parsers it would otherwise use, on the same
//! bytes in the same run: `serde_yaml::from_str::<Value>` (libyaml, building
//! plain values with no positions) and yaml-rust2's bare event stream, every
//! event thrown away (the floor for a conforming parser). The three take
//! turns, round after round, so a busy moment on a shared machine falls on
//! all three alike; each ratio is the median of the rounds' own ratios.

use std::hint::black_box;
use std::time::{Duration, Instant};

use peerbook::workbook;
use yaml_rust2::parser::{Event, EventReceiver, Parser};

/// What one comparison measured, in microseconds.
#[derive(Debug, Clone, Copy)]
pub struct SideBySide {
    pub rounds: usize,
    pub peerbook_us: f64,
    pub serde_yaml_us: f64,
    pub events_us: f64,
    /// peerbook / serde_yaml, median of the rounds.
    pub vs_serde_yaml: f64,
    /// peerbook / event stream, median of the rounds.
    pub vs_events: f64,
}

struct Discard;

impl EventReceiver for Discard {
    fn on_event(&mut self, ev: Event) {
        black_box(ev);
    }
}

fn events_only(text: &str) {
    let mut p = Parser::new_from_str(text);
    p.load(&mut Discard, true).expect("the text parses");
}

fn time(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1e6
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// At least `min_rounds` rounds, more while within `budget` (at most 200).
pub fn compare(text: &str, budget: Duration, min_rounds: usize) -> SideBySide {
    let bytes = text.as_bytes();
    let load = || {
        black_box(workbook::from_text("bench.yaml", black_box(bytes)).expect("it loads"));
    };
    let serde = || {
        black_box(serde_yaml::from_str::<serde_yaml::Value>(black_box(text)).expect("parses"));
    };
    let events = || events_only(black_box(text));
    // Warm up each once.
    load();
    serde();
    events();
    let (mut a, mut b, mut c, mut ab, mut ac) = (vec![], vec![], vec![], vec![], vec![]);
    let start = Instant::now();
    while a.len() < 200 && (a.len() < min_rounds || start.elapsed() < budget) {
        // Turns rotate so that none always runs after the same one.
        let (pa, pb, pc) = match a.len() % 3 {
            0 => {
                let pa = time(load);
                let pb = time(serde);
                (pa, pb, time(events))
            }
            1 => {
                let pb = time(serde);
                let pc = time(events);
                (time(load), pb, pc)
            }
            _ => {
                let pc = time(events);
                let pa = time(load);
                (pa, time(serde), pc)
            }
        };
        a.push(pa);
        b.push(pb);
        c.push(pc);
        ab.push(pa / pb);
        ac.push(pa / pc);
    }
    SideBySide {
        rounds: a.len(),
        peerbook_us: median(&mut a),
        serde_yaml_us: median(&mut b),
        events_us: median(&mut c),
        vs_serde_yaml: median(&mut ab),
        vs_events: median(&mut ac),
    }
}
