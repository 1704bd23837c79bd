//! Ctrl-C and SIGTERM during `gazette build`.
//!
//! Before anything is written there is nothing to clean, so the process ends at once. While a
//! staging folder is being filled, the signal only raises a flag: the writers stop at their
//! next file, the build returns [`Interrupted`], and the staging guard's `Drop` removes the
//! folder before the process exits with 130. A second signal ends the process at once; the
//! next build sweeps up whatever is left (see `output`).

use std::sync::atomic::{AtomicBool, Ordering};

/// The exit status of a process ended by SIGINT, as shells report it (128 + 2).
pub const EXIT_CODE: i32 = 130;

static REQUESTED: AtomicBool = AtomicBool::new(false);
static WRITING: AtomicBool = AtomicBool::new(false);

/// The build was stopped by a signal.
#[derive(Debug, thiserror::Error)]
#[error("interrupted; the previous output is left as it was")]
pub struct Interrupted;

/// Installs the handler for SIGINT, SIGTERM and SIGHUP. Called once, by `gazette build`.
pub fn install() {
    let result = ctrlc::set_handler(|| {
        let again = REQUESTED.swap(true, Ordering::SeqCst);
        if again || !WRITING.load(Ordering::SeqCst) {
            std::process::exit(EXIT_CODE);
        }
    });
    // Another handler already installed (a second build in one process) is fine.
    let _ = result;
}

/// Has a stop been asked for?
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Fails with [`Interrupted`] once a stop has been asked for.
pub fn check() -> Result<(), Interrupted> {
    if requested() {
        Err(Interrupted)
    } else {
        Ok(())
    }
}

/// Marks the time a staging folder exists: a signal then waits for the writers to stop.
pub struct Writing(());

impl Writing {
    pub fn begin() -> Writing {
        WRITING.store(true, Ordering::SeqCst);
        Writing(())
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.store(false, Ordering::SeqCst);
    }
}
