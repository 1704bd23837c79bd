//! Progress of a long build on a terminal: the stage and how far it has got, on one line of
//! stderr that is rewritten in place and cleared at the end.
//!
//! Stages report through a cheap, shared [`Progress`] (atomics; no lock on the hot path). A
//! [`Display`] thread draws it only when stderr is a terminal, not before the build has run
//! for a second (short builds stay silent), and never with `--quiet`.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where a build is: stage name, items done, items in the stage (0: unknown).
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// Starts a stage of `total` items (0 when not counted).
    pub fn stage(&self, name: &'static str, total: usize) {
        *self.stage.lock().expect("progress lock") = name;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more item of the current stage done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The line to show: `rendering 1,234/16,598 pages`-style.
    pub fn line(&self) -> String {
        let stage = *self.stage.lock().expect("progress lock");
        let done = self.done.load(Ordering::Relaxed);
        let total = self.total.load(Ordering::Relaxed);
        match (done.min(total) * 100).checked_div(total) {
            None => format!("{stage}…"),
            Some(pct) => format!(
                "{stage} {}/{} ({pct}%)",
                thousands(done.min(total)),
                thousands(total)
            ),
        }
    }
}

/// 12345 -> "12,345".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Draws a [`Progress`] on stderr until dropped.
pub struct Display {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Display {
    /// Starts drawing when stderr is a terminal and `enabled`; otherwise does nothing.
    pub fn start(progress: Arc<Progress>, enabled: bool) -> Display {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = (enabled && std::io::stderr().is_terminal()).then(|| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || draw(&progress, &stop))
        });
        Display { stop, thread }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

const QUIET_FOR: Duration = Duration::from_secs(1);
const EVERY: Duration = Duration::from_millis(100);

fn draw(progress: &Progress, stop: &AtomicBool) {
    // The test suite shortens the silent first second to see the display on a small site.
    let quiet_for = std::env::var("GAZETTE_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(QUIET_FOR, Duration::from_millis);
    let started = Instant::now();
    let mut shown = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(EVERY);
        if started.elapsed() < quiet_for {
            continue;
        }
        let line = progress.line();
        // `\r` and clear-to-end-of-line: the line is rewritten in place.
        let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
        shown = true;
    }
    if shown {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_show_stage_and_count() {
        let p = Progress::default();
        p.stage("loading", 0);
        assert_eq!(p.line(), "loading…");
        p.stage("rendering pages", 16598);
        for _ in 0..1234 {
            p.tick();
        }
        assert_eq!(p.line(), "rendering pages 1,234/16,598 (7%)");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn no_display_when_disabled() {
        let d = Display::start(Arc::new(Progress::default()), false);
        assert!(d.thread.is_none());
    }
}
