//! The command line: its clap definitions and the dispatch to `cmd`, one file per command.
//! Exit status: 0 success, 1 problems in the site (all reported), 2 usage, 130 interrupted.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::cmd;

#[derive(Parser, Debug)]
#[command(
    name = "gazette",
    version,
    about = "Build a linked static news digest from dated articles and notes",
    long_about = "Gazette reads dated news articles (plain text as they arrive, or Markdown with front matter), \
your own notes and profiles, works out who and what each item is about, and writes a static HTML digest: \
a page for every article, person, organisation, story, section and day, all cross-linked. Each person, \
organisation and place is one actor whatever the spelling (Zelensky, Zelenskyy; Fed, Federal Reserve); \
news agencies, time zones and fragments of names are never actors. Articles about one \
event or running story are grouped into a story (two or more items, named from the words most of them \
share, at a URL that never moves); the home page leads with the most active stories. Every article \
also has a section of the 17 IPTC Media Topics (Business, Politics, Sport, Science & tech…), from words \
shipped with the binary and the votes of its story and actors, and large sections split into \
sub-sections (Oil, Earnings, Football); gazette.yaml can rename sections, switch them off or add \
keywords.\n\n\
A site folder holds content/articles/, content/notes/, content/actors/, content/topics/, and optionally \
gazette.yaml, templates/ and static/. Run `gazette init` to create one.",
    after_help = "Examples:\n  gazette init my-briefing && cd my-briefing && gazette build\n  gazette serve --open\n  gazette build --base-url https://example.org/briefing/\n  gazette check\n  gazette inspect --json > index.json\n  gazette new note \"Paris talks\""
)]
pub struct Cli {
    /// Site folder (holds content/ and gazette.yaml)
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Print only errors
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (swapped in only when the build succeeds)
    ///
    /// The new site is written into a staging folder beside the output and swapped in whole,
    /// so the output is always the old site or the new one. Only files Gazette wrote are
    /// replaced or removed; files you add to the output (.git, CNAME) are kept. Ctrl-C or
    /// SIGTERM stops the build, removes the staging folder and exits with 130; whatever a
    /// killed build leaves is cleaned up by the next one.
    ///
    /// On a terminal, a build that runs longer than a second shows its stage and count on one
    /// line of stderr (never when stderr is not a terminal, nor with --quiet).
    Build {
        /// Output folder (default: output_dir from gazette.yaml, else ./output)
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Base URL the site is hosted at, e.g. https://example.org/briefing/ (links use its path)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include items marked `draft: true` and items dated in the future
        #[arg(long)]
        drafts: bool,
        /// Print the time spent in each stage (load, extract and its steps, graph, plan,
        /// render+write, commit) and the memory in use after each
        #[arg(long)]
        timings: bool,
        /// Read every item for names and render every page, ignoring the build cache in
        /// .gazette-cache/ (which is then written afresh). Without it, items whose names still
        /// hold are not read for names again, and pages whose content, templates and settings
        /// have not changed since the last build are carried over from the output
        #[arg(long)]
        no_cache: bool,
    },
    /// Validate content, templates, internal links and anchors, feeds and the sitemap, without
    /// writing anything; also lists actors that may be one, with the profile that settles each
    ///
    /// Every problem is reported in one run, those of gazette.yaml with the content's; warnings
    /// fail the check too. On success it counts the pages as `build` does: the HTML pages made
    /// from templates, and apart from them the other files (redirects, feeds, sitemap, search
    /// index).
    Check {
        /// Include items marked `draft: true` and items dated in the future
        #[arg(long)]
        drafts: bool,
        /// Also list every external link (they are not fetched)
        #[arg(long)]
        external: bool,
    },
    /// Show what was extracted: actors, roles and topics of every article, and actors that may
    /// be one entity (possible duplicates, with the profile that merges them)
    Inspect {
        /// Machine-readable JSON (a stable interface)
        #[arg(long)]
        json: bool,
        /// Include items marked `draft: true` and items dated in the future
        #[arg(long)]
        drafts: bool,
        /// Print the time spent loading, extracting and building the graph (on stderr)
        #[arg(long)]
        timings: bool,
    },
    /// Serve the site with live reload: rebuild on every save, reload open browser tabs
    ///
    /// Builds the site into memory (never touching the output folder), serves it, watches
    /// content/, templates/, static/, the theme and gazette.yaml, rebuilds what a change
    /// affects and reloads the pages that changed. Build errors are shown over the page while
    /// the last good version stays up. Only GET and HEAD requests whose Host names the
    /// preview (localhost, 127.0.0.1, [::1] or the bound address) are answered.
    Serve {
        /// Address to listen on; only 127.0.0.1 (this machine) unless you ask for more
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: String,
        /// Port; 0 picks a free one (printed at start)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Include items marked `draft: true` and items dated in the future
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site with example content in DIR (refuses to overwrite files)
    Init {
        /// Folder to create the site in
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Create a new article or note from a template, marked `draft: true` until you publish it
    /// (refuses to overwrite)
    New {
        /// What to create
        #[arg(value_enum)]
        kind: NewKind,
        /// Its title
        title: String,
        /// Its date, YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewKind {
    Article,
    Note,
}

/// Runs the command; the exit status is the command's.
pub fn run(cli: Cli) -> ExitCode {
    let Cli {
        root,
        quiet,
        command,
    } = cli;
    match command {
        Command::Build {
            output,
            base_url,
            drafts,
            timings,
            no_cache,
        } => cmd::build::run(cmd::build::Args {
            root,
            output,
            base_url,
            drafts,
            timings,
            no_cache,
            quiet,
        }),
        Command::Check { drafts, external } => cmd::check::run(cmd::check::Args {
            root,
            drafts,
            external,
            quiet,
        }),
        Command::Inspect {
            json,
            drafts,
            timings,
        } => cmd::inspect::run(cmd::inspect::Args {
            root,
            json,
            drafts,
            timings,
        }),
        Command::Serve {
            bind,
            port,
            open,
            drafts,
        } => cmd::serve::run(crate::serve::ServeOptions {
            root,
            bind,
            port,
            open,
            drafts,
        }),
        Command::Init { dir } => cmd::init::run(&root, dir, quiet),
        Command::New { kind, title, date } => {
            cmd::new::run(&root, kind == NewKind::Note, &title, date.as_deref(), quiet)
        }
    }
}
