//! Progress lines on stderr for long runs: nothing for the first two seconds,
//! then a live line redrawn in place with `\r` on a terminal (at most four
//! times a second), or a plain line every five seconds when stderr is a pipe
//! or a file (CI logs). Hand-rolled rather than `indicatif`: one line of
//! numbers needs no dependency, and the plain-line mode must behave the same
//! way everywhere.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The engine's counters at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Current BFS depth.
    pub depth: u64,
    /// States generated so far.
    pub generated: u64,
    /// Distinct states found so far.
    pub distinct: u64,
    /// States waiting on the queue.
    pub queue: u64,
}

/// Decides when to print progress and prints it to stderr. `Sync`: worker
/// threads may call [`Progress::update`] through a shared reference.
#[derive(Debug)]
pub struct Progress {
    start: Instant,
    live: bool,
    enabled: bool,
    state: Mutex<PrintState>,
}

#[derive(Debug, Default)]
struct PrintState {
    last_print: Option<Instant>,
    drew_live_line: bool,
}

/// Silence before the first progress line.
const FIRST_AFTER: Duration = Duration::from_secs(2);
/// Redraw interval of the live line.
const LIVE_EVERY: Duration = Duration::from_millis(250);
/// Interval of plain lines.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

impl Progress {
    /// A reporter; `live` selects the terminal mode, `enabled` false prints nothing.
    pub fn new(live: bool, enabled: bool) -> Progress {
        Progress {
            start: Instant::now(),
            live,
            enabled,
            state: Mutex::new(PrintState::default()),
        }
    }

    /// A reporter for stderr: live on a terminal, plain lines otherwise.
    pub fn for_stderr() -> Progress {
        use std::io::IsTerminal;
        Progress::new(std::io::stderr().is_terminal(), true)
    }

    /// Offers the current counters; cheap when nothing is due. Call it often.
    pub fn update(&self, s: Snapshot) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if let Some(line) = self.due(now, s) {
            let mut err = std::io::stderr().lock();
            if self.live {
                let _ = write!(err, "\r\x1b[2K{line}");
                if let Ok(mut st) = self.state.lock() {
                    st.drew_live_line = true;
                }
            } else {
                let _ = writeln!(err, "{line}");
            }
            let _ = err.flush();
        }
    }

    /// The line to print at `now`, if one is due (and records that it was printed).
    fn due(&self, now: Instant, s: Snapshot) -> Option<String> {
        let elapsed = now.duration_since(self.start);
        if elapsed < FIRST_AFTER {
            return None;
        }
        let every = if self.live { LIVE_EVERY } else { PLAIN_EVERY };
        let mut st = self.state.lock().ok()?;
        if st.last_print.is_some_and(|t| now.duration_since(t) < every) {
            return None;
        }
        st.last_print = Some(now);
        Some(format_line(s, elapsed))
    }

    /// Clears the live line, so the report starts on a clean line.
    pub fn finish(&self) {
        let Ok(mut st) = self.state.lock() else {
            return;
        };
        if st.drew_live_line {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            st.drew_live_line = false;
        }
    }
}

/// One progress line.
pub fn format_line(s: Snapshot, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        (s.generated as f64 / secs) as u64
    } else {
        0
    };
    format!(
        "Progress({}) at {:.0} s: {} states generated ({} s/s), {} distinct states found, {} states left on queue.",
        s.depth, secs, s.generated, rate, s.distinct, s.queue
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_first_then_rate_limited() {
        let p = Progress::new(false, true);
        let t0 = p.start;
        let s = Snapshot {
            depth: 3,
            generated: 100,
            distinct: 50,
            queue: 7,
        };
        assert_eq!(p.due(t0 + Duration::from_secs(1), s), None);
        let line = p
            .due(t0 + Duration::from_secs(4), s)
            .expect("due after 2 s");
        assert_eq!(
            line,
            "Progress(3) at 4 s: 100 states generated (25 s/s), 50 distinct states found, 7 states left on queue."
        );
        assert_eq!(p.due(t0 + Duration::from_secs(6), s), None);
        assert!(p.due(t0 + Duration::from_secs(9), s).is_some());
    }

    #[test]
    fn live_mode_redraws_often() {
        let p = Progress::new(true, true);
        let t0 = p.start;
        let s = Snapshot::default();
        assert!(p.due(t0 + Duration::from_millis(2100), s).is_some());
        assert!(p.due(t0 + Duration::from_millis(2200), s).is_none());
        assert!(p.due(t0 + Duration::from_millis(2400), s).is_some());
    }
}
