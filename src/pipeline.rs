//! The pipeline, glued together once and used by every command:
//! load -> extract -> site graph -> render -> write.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::cache;
use crate::config::Config;
use crate::content::Loader;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::extract;
use crate::output::Staging;
use crate::progress::Progress;
use crate::render::plan::PageCount;
use crate::render::{Rendered, Renderer, plan};
use crate::site::{Site, urls};

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Overrides `output_dir`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Include `draft: true` items.
    pub drafts: bool,
    /// Ignore the build cache: render every page (the cache is written afresh).
    pub no_cache: bool,
    /// Where the build reports its progress (shown on a terminal by the CLI).
    pub progress: Option<std::sync::Arc<Progress>>,
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub load: Duration,
    pub extract: Duration,
    /// The steps of extraction.
    pub extract_steps: crate::extract::Steps,
    /// Items whose names the last run's memo gave, of all items.
    pub names_reused: (usize, usize),
    pub graph: Duration,
    /// Listing the pages to write, and building the search index.
    pub plan: Duration,
    /// Resident memory after each stage, in MiB (Linux only).
    pub memory: Vec<(&'static str, u64)>,
    pub render: Duration,
    pub write: Duration,
}

impl Timings {
    /// Notes the resident and peak memory of the process after `stage`.
    fn note_memory(&mut self, stage: &'static str) {
        if let Some(mib) = resident_mib("VmRSS:") {
            self.memory.push((stage, mib));
        }
    }
}

/// A field of `/proc/self/status` in MiB (`VmRSS:` now, `VmHWM:` peak); None off Linux.
fn resident_mib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024)
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "load {:.0} ms, extract {:.0} ms",
            ms(self.load),
            ms(self.extract)
        )?;
        if !self.extract_steps.0.is_empty() {
            write!(f, " ({})", self.extract_steps)?;
        }
        if self.names_reused.0 > 0 {
            let (reused, all) = self.names_reused;
            write!(f, " [names of {reused} of {all} items remembered]")?;
        }
        write!(f, ", graph {:.0} ms", ms(self.graph))?;
        if !self.plan.is_zero() {
            write!(f, ", plan {:.0} ms", ms(self.plan))?;
        }
        if !self.render.is_zero() {
            write!(f, ", render+write {:.0} ms", ms(self.render))?;
        }
        if !self.write.is_zero() {
            write!(f, ", commit {:.0} ms", ms(self.write))?;
        }
        if !self.memory.is_empty() {
            write!(f, "\nresident memory after")?;
            for (i, (stage, mib)) in self.memory.iter().enumerate() {
                let sep = if i == 0 { " " } else { ", " };
                write!(f, "{sep}{stage} {mib} MiB")?;
            }
        }
        Ok(())
    }
}

/// The site graph plus the warnings found on the way.
pub struct Assembled {
    pub site: Site,
    /// What extraction's document pass used, for `serve`'s quick re-reading of one article.
    pub context: std::sync::Arc<extract::ExtractContext>,
    /// What extraction found in each item, for the next run (the build cache keeps it).
    pub names: extract::people::memo::Memo,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

pub fn load_config(opts: &Options) -> Result<Config, Diagnostics> {
    Config::load(&opts.root)
        .map(|c| with_overrides(c, opts))
        .map_err(Diagnostics::from)
}

/// What the command line overrides in the settings.
fn with_overrides(mut config: Config, opts: &Options) -> Config {
    if let Some(b) = &opts.base_url {
        config.base_url = b.clone();
    }
    config
}

/// The configuration, or, when `gazette.yaml` has a problem, the defaults with that problem:
/// the content is still read (with the default noise patterns, time zone and language) so
/// that its own problems are reported in the same run. The call fails either way.
pub fn load_config_or_defaults(opts: &Options) -> (Config, Diagnostics) {
    match load_config(opts) {
        Ok(config) => (config, Diagnostics::default()),
        Err(problem) => (with_overrides(Config::default(), opts), problem),
    }
}

/// Load, extract and graph. Every problem of every stage is collected, the configuration's
/// with the content's; errors fail the call.
pub fn assemble(opts: &Options) -> Result<Assembled, Diagnostics> {
    let (config, config_problems) = load_config_or_defaults(opts);
    let t = Instant::now();
    let loader = Loader::new(&opts.root, &config);
    let (corpus, mut diags) = loader.load_all(opts.progress.as_deref());
    diags.extend(config_problems.0);
    let load = t.elapsed();
    let load_mib = resident_mib("VmRSS:").unwrap_or(0);
    if let Some(p) = &opts.progress {
        p.stage("extracting actors and topics", 0);
    }
    // The names the last build found, unless the user wants everything done afresh.
    let names = (!opts.no_cache)
        .then(|| cache::load_names(&opts.root))
        .flatten();
    let mut assembled = assemble_corpus(config, corpus, diags, opts.drafts, names)?;
    assembled.timings.load = load;
    assembled.timings.memory.insert(0, ("load", load_mib));
    Ok(assembled)
}

/// Extract and graph over an already loaded corpus (the part `serve` shares with `build`);
/// `names` is the last run's memo of the names in each item, reused where it still holds.
pub fn assemble_corpus(
    config: Config,
    mut corpus: crate::content::Corpus,
    mut diags: Diagnostics,
    drafts: bool,
    names: Option<extract::people::memo::Memo>,
) -> Result<Assembled, Diagnostics> {
    let mut timings = Timings::default();
    // "Today" in the site's time zone: later items wait for their day (or --drafts).
    let today = chrono::Utc::now().with_timezone(&config.tz()).date_naive();
    corpus.retain_published(drafts, today);

    let t = Instant::now();
    let extraction = extract::extract_reusing(&corpus, &config.extraction, &config.sections, names);
    timings.extract = t.elapsed();
    timings.extract_steps = extraction.steps;
    timings.names_reused = (
        extraction.names_reused,
        corpus.articles.len() + corpus.notes.len(),
    );
    timings.note_memory("extract");

    let t = Instant::now();
    let (site, graph_diags) = Site::build(config, corpus, extraction.annotations);
    diags.extend(graph_diags.0);
    timings.graph = t.elapsed();
    timings.note_memory("graph");

    diags.sort();
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Assembled {
        site,
        context: extraction.context,
        names: extraction.memo,
        warnings: diags,
        timings,
    })
}

/// Without a host in `base_url` there is no sitemap, and feeds carry `tag:` ids and relative
/// links: worth a warning at every build, on the line that would fix it.
fn no_host_warning(opts: &Options, base_url: &str) -> Diagnostic {
    let text = crate::files::read_regular(&opts.root.join(crate::config::CONFIG_FILE), 1 << 22)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    Diagnostic::warning(
        crate::config::CONFIG_FILE,
        crate::yaml::key_line(&text, "base_url"),
        format!(
            "base_url `{base_url}` has no host, so no sitemap.xml is written and feeds carry relative links; set an absolute base_url such as https://example.org/briefing/ (or pass --base-url) before publishing"
        ),
    )
}

/// The content's problems with the templates' added: a template syntax error is worth
/// knowing about in the same run, even though pages cannot be rendered until the content is
/// fixed.
fn with_template_errors(opts: &Options, mut diags: Diagnostics) -> Diagnostics {
    if let Ok(config) = load_config(opts)
        && let Err(templates) = crate::render::theme::Theme::load(&opts.root, &config)
    {
        diags.extend(templates.0);
        diags.sort();
    }
    diags
}

pub fn output_dir(opts: &Options, config: &Config) -> PathBuf {
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| config.output_dir.clone());
    if out.is_absolute() {
        out
    } else {
        opts.root.join(out)
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    /// The pages of the plan, counted as `check` counts them.
    pub pages: PageCount,
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    /// Pages carried over from the previous output without rendering (see [`crate::cache`]).
    pub reused: usize,
    pub articles: usize,
    pub notes: usize,
    pub actors: usize,
    pub topics: usize,
    pub warnings: Diagnostics,
    /// What the output stage did besides writing: leftovers swept, files of the user's kept.
    pub output_notes: Vec<String>,
    pub timings: Timings,
}

/// Builds the site into its output folder, atomically.
pub fn build(opts: &Options) -> Result<BuildReport, Diagnostics> {
    let Assembled {
        site,
        names,
        mut warnings,
        mut timings,
        ..
    } = assemble(opts).map_err(|d| with_template_errors(opts, d))?;
    if site.origin().is_none() {
        warnings.push(no_host_warning(opts, &site.config.base_url));
    }
    // The names found depend on the content alone, so they are saved now, whatever happens
    // to the rest of the build, and leave memory before rendering starts.
    let root = opts.root.clone();
    let saving_names = Saving(Some(std::thread::spawn(move || {
        cache::save_names(&root, &names)
    })));
    let renderer = Renderer::new(&opts.root, &site)?;
    let out = output_dir(opts, &site.config);
    let mut staging = Staging::begin(&opts.root, &out)
        .map_err(|e| Diagnostic::error(&out, None, e.to_string()))?;
    let abs_out = staging.output().to_path_buf();
    let render_key = renderer.render_key();
    let (previous, cache_note) = if opts.no_cache {
        (None, None)
    } else {
        cache::load(&opts.root, &abs_out, render_key)
    };
    let reused = std::sync::atomic::AtomicUsize::new(0);

    let progress = opts.progress.as_deref();
    if let Some(p) = progress {
        p.stage("planning pages", 0);
    }
    let t = Instant::now();
    let pages = plan(&site);
    timings.plan = t.elapsed();
    timings.note_memory("plan");
    let t = Instant::now();
    let files: Vec<String> = pages.iter().map(|p| urls::file_for(&p.path)).collect();
    staging
        .make_dirs(
            files
                .iter()
                .map(String::as_str)
                .chain(renderer.statics().keys().map(String::as_str)),
        )
        .map_err(|e| Diagnostic::error(&out, None, e.to_string()))?;
    // Render errors are the content's and are all worth reporting; a write error (a full
    // disk) is reported once, and stops every writer.
    let errors = Mutex::new(Vec::new());
    let write_error = Mutex::new(None);
    let stop = || staging.failed() || crate::interrupt::requested();
    let write = |rel: &str, bytes: &[u8]| match staging.write(rel, bytes) {
        Ok(stamp) => Some(stamp),
        Err(e) => {
            let mut first = write_error
                .lock()
                .expect("no panics while holding the lock");
            if first.is_none() {
                *first = Some(e);
            }
            None
        }
    };
    if let Some(p) = progress {
        p.stage("writing pages", pages.len());
    }
    // Each page: carried over when the cache says the previous output holds exactly what it
    // would render, else rendered. Either way its entry goes into the next cache.
    let entries: Vec<Option<cache::PageEntry>> = pages
        .par_iter()
        .zip(&files)
        .map_init(Vec::new, |buf, (page, file)| {
            if stop() {
                return None;
            }
            if let Some(p) = progress {
                p.tick();
            }
            let prev = previous.as_ref().and_then(|m| m.get(file.as_str()));
            let keep = |fingerprint| {
                prev.is_some_and(|p| {
                    p.fingerprint == fingerprint && staging.keep_previous(file, p.stamp)
                })
            };
            match renderer.render_with_fingerprint(&site, page, buf, keep) {
                Ok(Rendered::Kept(_)) => {
                    reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    prev.copied()
                }
                Ok(Rendered::Bytes(fingerprint)) => {
                    write(file, buf).map(|stamp| cache::PageEntry { fingerprint, stamp })
                }
                Err(d) => {
                    errors
                        .lock()
                        .expect("no panics while holding the lock")
                        .push(d);
                    None
                }
            }
        })
        .collect();
    for (rel, source) in renderer.statics() {
        if stop() {
            break;
        }
        match source.read() {
            Ok(bytes) => {
                write(rel, &bytes);
            }
            Err(e) => errors
                .lock()
                .expect("no panics while holding the lock")
                .push(Diagnostic::error(
                    rel,
                    None,
                    format!("cannot read static file: {e}"),
                )),
        }
    }
    if crate::interrupt::requested() {
        return Err(
            Diagnostic::error(&out, None, crate::interrupt::Interrupted.to_string()).into(),
        );
    }
    if let Some(e) = write_error.into_inner().expect("lock not poisoned") {
        return Err(Diagnostic::error(
            &out,
            None,
            format!(
                "{e}; stopped at the first write error, and the previous site is left as it was"
            ),
        )
        .into());
    }
    timings.render = t.elapsed();
    timings.note_memory("render");
    if let Some(peak) = resident_mib("VmHWM:") {
        timings.memory.push(("(peak)", peak));
    }
    let mut errors: Diagnostics = errors
        .into_inner()
        .expect("lock not poisoned")
        .into_iter()
        .collect();
    if !errors.is_empty() {
        errors.sort();
        // Only the first error of a template is worth showing once per template.
        errors
            .0
            .dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
        return Err(errors); // staging is dropped: the previous output stays as it was
    }
    let t = Instant::now();
    let written = staging.written.load(std::sync::atomic::Ordering::Relaxed);
    let unchanged = staging.unchanged.load(std::sync::atomic::Ordering::Relaxed);
    let committed = staging
        .commit()
        .map_err(|e| Diagnostic::error(&out, None, e.to_string()))?;
    timings.write = t.elapsed();
    let mut output_notes = committed.notes;
    output_notes.extend(cache_note);
    let next: cache::Pages = files
        .into_iter()
        .zip(entries)
        .filter_map(|(file, entry)| Some((file, entry?)))
        .collect();
    let names_saved = saving_names.finish();
    if let Err(e) = cache::save(&opts.root, &abs_out, render_key, next).and(names_saved) {
        output_notes.push(format!(
            "could not write the build cache in {}: {e}; the next build renders every page",
            crate::cache::DIR
        ));
    }
    let report = BuildReport {
        output: committed.output,
        output_notes,
        reused: reused.into_inner(),
        pages: PageCount::of(&pages),
        files: written + unchanged,
        written,
        unchanged,
        articles: site.corpus.articles.len(),
        notes: site.corpus.notes.len(),
        actors: site
            .annotations
            .actors
            .iter()
            .filter(|a| a.count > 0)
            .count(),
        topics: site
            .annotations
            .topics
            .iter()
            .filter(|t| t.count > 0)
            .count(),
        warnings,
        timings,
    };
    // Freeing the site graph and the render caches is millions of small frees on one thread
    // (34 ms at 10,000 articles); the build is done, so nobody needs to wait for it.
    std::thread::spawn(move || drop((site, renderer, pages)));
    Ok(report)
}

/// A file being saved on another thread, waited for when the build ends however it ends, so
/// that no half-written file is left behind.
struct Saving(Option<std::thread::JoinHandle<std::io::Result<()>>>);

impl Saving {
    fn finish(mut self) -> std::io::Result<()> {
        match self.0.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(std::io::Error::other("the thread saving it failed")),
            None => Ok(()),
        }
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

/// What `gazette check` found besides problems.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    /// External links of all pages (listed with `--external`, never fetched).
    pub external: Vec<String>,
    /// The pages of the plan, counted as `build` counts them.
    pub pages: PageCount,
    /// Advice that is not a problem of the content.
    pub notes: Vec<String>,
}

/// Validates everything a build would do, without writing: content, templates, every internal
/// link and anchor of every page, and that feeds and the sitemap are well-formed XML.
pub fn check(opts: &Options) -> CheckReport {
    let Assembled {
        site, mut warnings, ..
    } = match assemble(opts) {
        Ok(a) => a,
        Err(d) => {
            return CheckReport {
                diagnostics: with_template_errors(opts, d),
                ..CheckReport::default()
            };
        }
    };
    let renderer = match Renderer::new(&opts.root, &site) {
        Ok(r) => r,
        Err(mut d) => {
            d.extend(warnings.0);
            return CheckReport {
                diagnostics: d,
                ..CheckReport::default()
            };
        }
    };
    let pages = plan(&site);
    // (output file, text, expected XML root for feeds and the sitemap)
    type Rendered = (String, String, Option<&'static str>);
    let rendered: Vec<Result<Rendered, Diagnostic>> = pages
        .par_iter()
        .map(|p| {
            let root = match &p.kind {
                crate::render::PageKind::Feed(_) => Some("feed"),
                crate::render::PageKind::Sitemap(_) => Some("urlset"),
                _ => None,
            };
            renderer
                .render(&site, p)
                .map(|text| (urls::file_for(&p.path), text, root))
        })
        .collect();
    let mut files: FxHashSet<String> = renderer.statics().keys().cloned().collect();
    let mut html = Vec::new();
    for r in rendered {
        match r {
            Ok((file, text, root)) => {
                files.insert(file.clone());
                if let Some(root) = root
                    && let Err(msg) = crate::links::check_xml(&file, &text, root)
                {
                    warnings.push(Diagnostic::error(format!("output/{file}"), None, msg));
                }
                if file.ends_with(".html") {
                    html.push((file, text));
                }
            }
            Err(d) => warnings.push(d),
        }
    }
    let pairs = html.iter().map(|(f, h)| (f.as_str(), h.as_str()));
    warnings.extend(crate::links::check(pairs.clone(), &files, &site.base));
    let mut notes = Vec::new();
    if site.origin().is_none() {
        notes.push(format!(
            "note: base_url `{}` has no host; set an absolute base_url (https://example.org/…) so feeds and the sitemap carry absolute links",
            site.config.base_url
        ));
    }
    // Advice, not a problem: actors that may be one, with the profile that settles it.
    if let Some(report) = crate::inspect::duplicates_report(&site, crate::inspect::CHECK_DUPLICATES)
    {
        notes.push(format!("note: {report}"));
    }
    warnings.sort();
    CheckReport {
        diagnostics: warnings,
        external: crate::links::external(pairs),
        pages: PageCount::of(&pages),
        notes,
    }
}

/// Is `root` a folder Gazette can work in? Used to give a helpful error early.
pub fn require_site(root: &Path) -> Result<(), Diagnostics> {
    if !root.is_dir() {
        return Err(Diagnostic::error(root, None, "site folder not found").into());
    }
    if !root.join(crate::content::CONTENT_DIR).is_dir() {
        return Err(Diagnostic::error(
            root,
            None,
            "no content/ folder here: run `gazette init` to create a site, or pass --root DIR",
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ItemRef;

    fn opts(root: &str, output: Option<&str>) -> Options {
        Options {
            root: PathBuf::from(root),
            output: output.map(PathBuf::from),
            ..Options::default()
        }
    }

    #[test]
    fn output_dir_is_resolved_against_the_root_unless_absolute() {
        let mut config = Config::default();
        assert_eq!(
            output_dir(&opts("/site", None), &config),
            Path::new("/site").join(&config.output_dir)
        );
        config.output_dir = PathBuf::from("public");
        assert_eq!(
            output_dir(&opts("/site", None), &config),
            Path::new("/site/public")
        );
        config.output_dir = PathBuf::from("/srv/www");
        assert_eq!(
            output_dir(&opts("/site", None), &config),
            Path::new("/srv/www")
        );
        // --output wins over output_dir, and is relative to the root too.
        assert_eq!(
            output_dir(&opts("/site", Some("dist")), &config),
            Path::new("/site/dist")
        );
        assert_eq!(
            output_dir(&opts("site", Some("/tmp/out")), &config),
            Path::new("/tmp/out")
        );
    }

    #[test]
    fn timings_show_only_the_stages_that_ran() {
        let ms = Duration::from_millis;
        let mut t = Timings {
            load: ms(12),
            extract: ms(340),
            graph: ms(5),
            ..Timings::default()
        };
        // `inspect`: no plan, render or commit.
        assert_eq!(t.to_string(), "load 12 ms, extract 340 ms, graph 5 ms");
        t.extract_steps = crate::extract::Steps(vec![("people", ms(200)), ("topics", ms(140))]);
        t.plan = ms(3);
        t.render = ms(1500);
        t.write = ms(7);
        t.memory = vec![("load", 40), ("extract", 120)];
        assert_eq!(
            t.to_string(),
            "load 12 ms, extract 340 ms (people 200, topics 140), graph 5 ms, plan 3 ms, \
             render+write 1500 ms, commit 7 ms\nresident memory after load 40 MiB, extract 120 MiB"
        );
    }

    #[test]
    fn require_site_wants_a_folder_with_content() {
        let dir = tempfile::tempdir().unwrap();
        let missing = require_site(&dir.path().join("nope")).unwrap_err();
        assert!(missing.0[0].to_string().contains("site folder not found"));
        let bare = require_site(dir.path()).unwrap_err();
        assert!(bare.0[0].to_string().contains("no content/ folder here"));
        std::fs::create_dir(dir.path().join(crate::content::CONTENT_DIR)).unwrap();
        assert!(require_site(dir.path()).is_ok());
    }

    /// Writes a tiny site and loads it, as `assemble` does before `assemble_corpus`.
    pub(super) fn tiny_corpus(
        files: &[(&str, &str)],
    ) -> (Config, crate::content::Corpus, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = Config::default();
        let (corpus, diags) = Loader::new(dir.path(), &config).load_all(None);
        (config, corpus, diags)
    }

    fn article(title: &str, date: &str, body: &str) -> String {
        format!("---\ntitle: {title}\ndate: {date}\n---\n{body}\n")
    }

    #[test]
    fn assemble_corpus_indexes_items_by_date_and_actor() {
        let (config, corpus, diags) = tiny_corpus(&[
            (
                "content/articles/a.md",
                &article(
                    "Dockers strike in Rotterdam",
                    "2025-03-03",
                    "Marta Kovac, who leads the dockworkers union, said the strike in Rotterdam would go on.",
                ),
            ),
            (
                "content/articles/b.md",
                &article(
                    "Talks resume",
                    "2025-03-05",
                    "Marta Kovac met the terminal operators in Rotterdam on Wednesday.",
                ),
            ),
            (
                "content/articles/c.md",
                &article(
                    "Second day of the strike",
                    "2025-03-03",
                    "Ships queued outside Rotterdam as Marta Kovac addressed the crowd.",
                ),
            ),
            (
                "content/articles/later.md",
                &article("From the future", "2999-01-01", "Not yet."),
            ),
            (
                "content/actors/marta-kovac.md",
                "---\nname: Marta Kovac\nkind: person\n---\nUnion leader.\n",
            ),
        ]);
        assert!(!diags.has_errors(), "{diags:?}");
        let a =
            assemble_corpus(config, corpus, diags, false, None).unwrap_or_else(|d| panic!("{d:?}"));
        let site = &a.site;
        // The future article waits for its day; the rest are on two days, oldest first.
        assert_eq!(site.corpus.articles.len(), 3);
        let days: Vec<String> = site.days.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(days, ["2025-03-03", "2025-03-05"]);
        assert_eq!(site.days[0].articles.len(), 2);
        assert_eq!(site.days[1].articles.len(), 1);
        for (i, day) in site.days.iter().enumerate() {
            assert_eq!(site.day_index[&day.date], i);
            for &art in &day.articles {
                assert_eq!(site.corpus.articles[art as usize].date, day.date);
            }
        }
        // The profiled person is one actor, with every article that mentions her, newest first.
        let kovac = site
            .annotations
            .actors
            .iter()
            .position(|x| x.name == "Marta Kovac")
            .expect("Marta Kovac is an actor");
        let items = &site.actor_items[kovac];
        assert_eq!(items.len(), 3, "{items:?}");
        let dates: Vec<_> = items.iter().map(|&r| site.item_date(r).unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        assert!(items.iter().all(|r| matches!(r, ItemRef::Article(_))));
        assert_eq!(site.actor_path(kovac as u32), "people/marta-kovac/");
    }

    #[test]
    fn assemble_corpus_with_drafts_keeps_future_items() {
        let (config, corpus, diags) = tiny_corpus(&[
            (
                "content/articles/now.md",
                &article("Now", "2025-03-03", "Today."),
            ),
            (
                "content/articles/later.md",
                &article("Later", "2999-01-01", "Not yet."),
            ),
        ]);
        let a =
            assemble_corpus(config, corpus, diags, true, None).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(a.site.corpus.articles.len(), 2);
        assert_eq!(a.site.days.last().unwrap().date.to_string(), "2999-01-01");
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    fn extract_files(
        files: &[(&str, &str)],
        memo: Option<extract::people::memo::Memo>,
    ) -> extract::Extraction {
        let (config, corpus, _) = super::tests::tiny_corpus(files);
        extract::extract_reusing(&corpus, &config.extraction, &config.sections, memo)
    }

    /// The actors of the first article, with their kinds.
    fn first_article_actors(x: &extract::Extraction) -> Vec<String> {
        x.annotations.article_actors[0]
            .iter()
            .map(|m| {
                let a = &x.annotations.actors[m.actor as usize];
                format!("{} ({})", a.name, a.kind.as_str())
            })
            .collect()
    }

    /// "Silver Maple said …" is a person while the collection never writes "silver" or
    /// "maple"; once it writes both twice in lower case, the name is a phrase of ordinary
    /// words, so a body. The memo from the first run must not carry the old answer over.
    #[test]
    fn names_remembered_from_a_last_run_give_what_a_fresh_run_gives() {
        let a = (
            "content/articles/a.txt",
            " date 2025-03-01\nSilver Maple said the port of Rotterdam would reopen on Monday. \
             Dockworkers agreed with Silver Maple.\n",
        );
        let b = (
            "content/articles/b.txt",
            " date 2025-03-02\nMinister Jana Novak visited Lagos on Tuesday.\n",
        );
        let c = (
            "content/articles/c.txt",
            " date 2025-03-03\nA silver maple grew in Lyon. Another silver tree and a maple \
             stood nearby.\n",
        );
        let first = extract_files(&[a, b], None);
        let fresh = extract_files(&[a, b, c], None);
        assert_ne!(
            first_article_actors(&first),
            first_article_actors(&fresh),
            "the premise: c changes what a names"
        );

        let reusing = extract_files(&[a, b, c], Some(first.memo));
        assert_eq!(
            format!("{:?}", reusing.annotations),
            format!("{:?}", fresh.annotations)
        );
        assert_eq!(
            reusing.names_reused, 1,
            "b's names hold; a asked about its words"
        );
        // And with nothing changed, everything is remembered.
        let again = extract_files(&[a, b, c], Some(reusing.memo));
        assert_eq!(again.names_reused, 3);
        assert_eq!(
            format!("{:?}", again.annotations),
            format!("{:?}", fresh.annotations)
        );
    }
}
