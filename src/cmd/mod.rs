//! One file per command, as `gazette <command>` runs it; `cli` holds the clap definitions and
//! dispatches here. Every command returns its exit status: 0 success, 1 problems in the site
//! (all reported), 130 an interrupted build (see `interrupt`).

use std::io::Write;
use std::path::Path;

use crate::diagnostics::Diagnostics;

pub mod build;
pub mod check;
pub mod init;
pub mod inspect;
pub mod new;
pub mod serve;

/// Prints diagnostics on stderr, one a line; with `quiet`, only the errors.
pub(crate) fn report(diags: &Diagnostics, quiet: bool) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in &diags.0 {
        if quiet && !d.is_error() {
            continue;
        }
        let _ = writeln!(err, "{d}");
    }
}

/// The options of a command that reads a site without writing it (`check`, `inspect`), or
/// `None` when `root` is no site folder (reported).
pub(crate) fn read_options(
    root: std::path::PathBuf,
    drafts: bool,
) -> Option<crate::pipeline::Options> {
    require_site(&root).then(|| crate::pipeline::Options {
        root,
        drafts,
        ..Default::default()
    })
}

/// Whether `root` is a site folder; if not, the reasons are reported (errors are never quiet).
pub(crate) fn require_site(root: &Path) -> bool {
    match crate::pipeline::require_site(root) {
        Ok(()) => true,
        Err(d) => {
            report(&d, false);
            false
        }
    }
}
