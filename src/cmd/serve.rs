//! `gazette serve`: the live-reloading preview (the server itself is in `serve`).

use std::process::ExitCode;

use super::require_site;
use crate::serve::ServeOptions;

pub fn run(opts: ServeOptions) -> ExitCode {
    if !require_site(&opts.root) {
        return ExitCode::FAILURE;
    }
    crate::serve::run(opts)
}
