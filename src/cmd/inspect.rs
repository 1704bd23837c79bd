//! `gazette inspect`: what was extracted, as text or as JSON (a stable interface).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{read_options, report};
use crate::pipeline;

pub struct Args {
    pub root: PathBuf,
    pub json: bool,
    pub drafts: bool,
    pub timings: bool,
}

pub fn run(args: Args) -> ExitCode {
    let Some(opts) = read_options(args.root, args.drafts) else {
        return ExitCode::FAILURE;
    };
    let a = match pipeline::assemble(&opts) {
        Ok(a) => a,
        Err(d) => {
            report(&d, false);
            return ExitCode::FAILURE;
        }
    };
    report(&a.warnings, true);
    if args.timings {
        eprintln!("timings: {}", a.timings);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if args.json {
        serde_json::to_writer(&mut out, &crate::inspect::index(&a.site))
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out))
    } else {
        write!(out, "{}", crate::inspect::text(&a.site))
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // `gazette inspect | head` is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}
