//! `gazette build`: the site into its output folder, swapped in only when the build succeeds.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::{report, require_site};
use crate::pipeline::{self, Options};
use crate::progress::{self, Progress};

pub struct Args {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub timings: bool,
    pub no_cache: bool,
    pub quiet: bool,
}

pub fn run(args: Args) -> ExitCode {
    let Args {
        root,
        output,
        base_url,
        drafts,
        timings,
        no_cache,
        quiet,
    } = args;
    let progress = Arc::new(Progress::default());
    let opts = Options {
        root,
        output,
        base_url,
        drafts,
        no_cache,
        progress: Some(Arc::clone(&progress)),
    };
    if !require_site(&opts.root) {
        return ExitCode::FAILURE;
    }
    crate::interrupt::install();
    let display = progress::Display::start(progress, !quiet);
    let result = pipeline::build(&opts);
    drop(display);
    if result.is_err() && crate::interrupt::requested() {
        eprintln!("gazette: {}", crate::interrupt::Interrupted);
        return ExitCode::from(crate::interrupt::EXIT_CODE as u8);
    }
    match result {
        Ok(r) => {
            report(&r.warnings, quiet);
            for note in &r.output_notes {
                eprintln!("note: {}", crate::diagnostics::escape(note));
            }
            if !quiet {
                println!(
                    "built {} into {} ({} articles, {} notes, {} actors, {} topics): {} files written, {} unchanged",
                    r.pages,
                    r.output.display(),
                    r.articles,
                    r.notes,
                    r.actors,
                    r.topics,
                    r.written,
                    r.unchanged
                );
                if r.reused > 0 {
                    println!(
                        "{} unchanged pages carried over from the last build without rendering (build cache; --no-cache renders all)",
                        r.reused
                    );
                }
            }
            if timings {
                println!("timings: {}", r.timings);
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d, false);
            eprintln!(
                "build failed: {} error(s); the previous output was left as it was",
                d.errors().count()
            );
            ExitCode::FAILURE
        }
    }
}
