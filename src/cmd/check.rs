//! `gazette check`: the strict validator; writes nothing, and warnings fail it too.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{read_options, report};
use crate::pipeline;

pub struct Args {
    pub root: PathBuf,
    pub drafts: bool,
    pub external: bool,
    pub quiet: bool,
}

pub fn run(args: Args) -> ExitCode {
    let Some(opts) = read_options(args.root, args.drafts) else {
        return ExitCode::FAILURE;
    };
    let r = pipeline::check(&opts);
    report(&r.diagnostics, false);
    if args.external {
        println!("{} external link(s):", r.external.len());
        for link in &r.external {
            println!("  {link}");
        }
    }
    if !args.quiet {
        for note in &r.notes {
            println!("{note}");
        }
    }
    // check is the strict validator: warnings (unresolved wiki links, …) fail it too.
    if r.diagnostics.is_empty() {
        if !args.quiet {
            println!(
                "ok: {}; content, templates, links, anchors, feeds and sitemap are valid",
                r.pages
            );
        }
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "check found {} error(s) and {} warning(s)",
            r.diagnostics.errors().count(),
            r.diagnostics.warnings().count()
        );
        ExitCode::FAILURE
    }
}
