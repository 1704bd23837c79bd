//! The preview: the built site kept in memory and updated as files change.
//!
//! A full update runs the same pipeline as `gazette build` (load -> extract -> graph -> plan)
//! over cached parse results, so only changed files are read again. Each planned page gets a
//! fingerprint of its template context; pages whose fingerprint is unchanged keep their
//! rendered HTML, the others are rendered again, and browsers showing them are told to reload.
//! An edit to the text of one article also takes a fast path first: that article is re-read
//! against the actors already known and its page re-rendered at once; the full update follows.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::config::Config;
use crate::content::{ContentCache, FileKind, Loader, Parsed, file_kind};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::{self, Options};
use crate::render::{Page, Renderer, plan};
use crate::site::Site;

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum LiveEvent {
    /// These URL paths changed (`all`: every page, after a template or config change).
    Reload { paths: Vec<String>, all: bool },
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// The last change did not build; the previous site is still served.
    Errors { errors: Vec<Diagnostic> },
    /// A good build after errors.
    Ok,
}

/// One page of the built site.
pub struct Slot {
    pub page: Page,
    pub fingerprint: u64,
    /// Rendered on first request (or eagerly when it changed), then kept.
    pub html: OnceLock<Result<Arc<Vec<u8>>, Diagnostic>>,
}

/// The last good build.
pub struct Built {
    pub site: Site,
    /// What extraction's document pass used, for the fast path.
    pub context: Arc<crate::extract::ExtractContext>,
    pub renderer: Arc<Renderer>,
    /// Page path (`""`, `2025/04/18/`, `404.html`) -> page.
    pub pages: HashMap<String, Slot>,
    /// Output path -> bytes of theme and site static files.
    pub statics: HashMap<String, Arc<Vec<u8>>>,
}

impl Built {
    /// The HTML of a page, rendering it now if it has not been yet.
    pub fn html(&self, key: &str) -> Option<Result<Arc<Vec<u8>>, Diagnostic>> {
        let slot = self.pages.get(key)?;
        Some(
            slot.html
                .get_or_init(|| {
                    self.renderer
                        .render(&self.site, &slot.page)
                        .map(|h| Arc::new(h.into_bytes()))
                })
                .clone(),
        )
    }
}

/// What the HTTP side reads.
#[derive(Default)]
pub struct Snapshot {
    pub built: Option<Built>,
    /// Problems of the last attempt, shown over every page until a good build.
    pub errors: Vec<Diagnostic>,
}

/// What one update did, for the terminal.
#[derive(Debug, Default)]
pub struct Report {
    pub changed_files: Vec<PathBuf>,
    pub pages: usize,
    pub millis: f64,
    pub fast_path: bool,
    pub errors: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.errors > 0 {
            return write!(
                f,
                "build failed with {} error(s) after {:.0} ms; still serving the last good version",
                self.errors, self.millis
            );
        }
        let what = match self.changed_files.as_slice() {
            [] => String::new(),
            [one] => format!(" ({} changed)", one.display()),
            many => format!(" ({} files changed)", many.len()),
        };
        let plural = if self.pages == 1 { "" } else { "s" };
        let how = if self.fast_path { "updated" } else { "rebuilt" };
        write!(
            f,
            "{how} {} page{plural} in {:.0} ms{what}",
            self.pages, self.millis
        )
    }
}

/// The kinds of change a batch of file events can hold.
#[derive(Debug, Default, PartialEq)]
struct Changes {
    config: bool,
    templates: bool,
    statics: Vec<PathBuf>,
    content: Vec<PathBuf>,
}

pub struct Preview {
    opts: Options,
    config: Config,
    cache: ContentCache,
    /// What extraction found in each item at the last update, reused for the items an edit
    /// left alone.
    names: Option<crate::extract::people::memo::Memo>,
    pub state: Arc<RwLock<Snapshot>>,
    pub events: broadcast::Sender<LiveEvent>,
}

/// The configuration as the preview uses it: links from the server's root.
fn preview_config(opts: &Options) -> Result<Config, Diagnostics> {
    let mut config = pipeline::load_config(opts)?;
    config.base_url = "/".into();
    // Stylesheets keep their names, so a changed one can be swapped in place.
    config.hash_assets = false;
    Ok(config)
}

impl Preview {
    /// Builds the site for the first time. A failed build still gives a preview, showing the
    /// errors until they are fixed.
    pub fn start(opts: Options, events: broadcast::Sender<LiveEvent>) -> (Preview, Report) {
        let t = Instant::now();
        let (config, config_error) = match preview_config(&opts) {
            Ok(c) => (c, None),
            Err(d) => (
                Config {
                    base_url: "/".into(),
                    ..Config::default()
                },
                Some(d),
            ),
        };
        let cache = ContentCache::new(Loader::new(&opts.root, &config));
        let mut preview = Preview {
            opts,
            config,
            cache,
            names: None,
            state: Arc::default(),
            events,
        };
        let report = match config_error {
            Some(d) => preview.fail(d, t),
            None => preview.full(None, Vec::new(), t),
        };
        (preview, report)
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// Applies a batch of changed paths (absolute, from the watcher).
    pub fn apply(&mut self, paths: &[PathBuf]) -> Option<Report> {
        let t = Instant::now();
        let changes = self.sort_changes(paths);
        if changes == Changes::default() {
            return None;
        }
        if changes.config {
            return Some(self.reconfigure(t));
        }
        if changes.templates {
            return Some(self.full(Some(true), changes.content, t));
        }
        if !changes.statics.is_empty() && changes.content.is_empty() {
            return Some(self.statics_only(&changes.statics, t));
        }
        if let Some(fast) = self.fast_path(&changes.content, t) {
            // Show the edit at once; the full update below brings every other page along.
            println!("{fast}");
        }
        Some(self.full(None, changes.content, t))
    }

    fn sort_changes(&self, paths: &[PathBuf]) -> Changes {
        let root = &self.opts.root;
        let theme = Path::new("themes").join(&self.config.theme);
        let mut changes = Changes::default();
        for path in paths {
            let rel = path.strip_prefix(root).unwrap_or(path);
            let hidden = rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            let name = rel
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if hidden || name.ends_with('~') || name.starts_with('#') {
                continue;
            }
            if rel == Path::new(crate::config::CONFIG_FILE) {
                changes.config = true;
            } else if rel.starts_with("templates") || rel.starts_with(theme.join("templates")) {
                changes.templates = true;
            } else if rel.starts_with("static") || rel.starts_with(theme.join("static")) {
                changes.statics.push(rel.to_path_buf());
            } else if rel.starts_with(crate::content::CONTENT_DIR) {
                changes.content.push(rel.to_path_buf());
            }
        }
        changes
    }

    /// A new `gazette.yaml`: everything is read again.
    fn reconfigure(&mut self, t: Instant) -> Report {
        match preview_config(&self.opts) {
            Ok(config) => {
                self.cache = ContentCache::new(Loader::new(&self.opts.root, &config));
                self.config = config;
                self.full(Some(true), Vec::new(), t)
            }
            Err(d) => self.fail(d, t),
        }
    }

    /// Static files only: reload their bytes; stylesheets are swapped without a reload.
    fn statics_only(&mut self, changed: &[PathBuf], t: Instant) -> Report {
        let has_build = self.state.read().expect("lock").built.is_some();
        if !has_build {
            return self.full(Some(true), Vec::new(), t);
        }
        // The theme's list of static files is read when templates load; re-read it.
        let site_config = self.config.clone();
        let theme = match crate::render::theme::Theme::load(&self.opts.root, &site_config) {
            Ok(theme) => theme,
            Err(d) => return self.fail(d, t),
        };
        let statics = match read_statics(&theme.statics) {
            Ok(s) => s,
            Err(d) => return self.fail(d.into(), t),
        };
        let css_only = changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
        {
            let mut state = self.state.write().expect("lock");
            if let Some(built) = state.built.as_mut() {
                built.statics = statics;
            }
        }
        let event = if css_only {
            LiveEvent::Css
        } else {
            LiveEvent::Reload {
                paths: Vec::new(),
                all: true,
            }
        };
        let _ = self.events.send(event);
        Report {
            changed_files: changed.to_vec(),
            pages: 0,
            millis: ms(t),
            ..Report::default()
        }
    }

    /// The fast path for an edit to the text of one existing article: same file, same date,
    /// slug and draft flag, parses cleanly, and names the same actors. Returns `None` when it
    /// does not apply.
    ///
    /// The edit is swapped into the site in place, which is sound only because of those
    /// conditions: every index derived from the corpus (by date, by actor, co-actors, URLs)
    /// stays true, and the one that reads the text, search, is dropped and rebuilt on next
    /// use. Cards on other pages show the new title once the full update that follows has
    /// rendered them again.
    fn fast_path(&mut self, changed: &[PathBuf], t: Instant) -> Option<Report> {
        let [rel] = changed else { return None };
        let kind = file_kind(rel)?;
        if !matches!(kind, FileKind::TextArticle | FileKind::MarkdownArticle) {
            return None;
        }
        let loader = Loader::new(&self.opts.root, &self.config);
        let Ok(Parsed::Article(article)) = loader.load_file(rel, kind) else {
            return None;
        };
        let url;
        {
            let mut state = self.state.write().expect("lock");
            let built = state.built.as_mut()?;
            let (i, mentions) = fast_edit(built, rel, &article)?;
            let site = &mut built.site;
            site.corpus.articles[i] = article;
            site.annotations.article_actors[i] = mentions;
            site.invalidate_search();
            let key = site.article_path(i as u32);
            let fp = built
                .renderer
                .fingerprint(&built.site, &built.pages.get(&key)?.page);
            let slot = built.pages.get_mut(&key)?;
            slot.html = OnceLock::new();
            slot.fingerprint = fp;
            if built.html(&key)?.is_err() {
                return None;
            }
            url = format!("/{key}");
        }
        let _ = self.events.send(LiveEvent::Reload {
            paths: vec![url],
            all: false,
        });
        Some(Report {
            changed_files: changed.to_vec(),
            pages: 1,
            millis: ms(t),
            fast_path: true,
            errors: 0,
        })
    }

    /// Runs the whole pipeline over the cached content. `new_theme`: templates or config
    /// changed, so every page is rendered again.
    fn full(&mut self, new_theme: Option<bool>, changed: Vec<PathBuf>, t: Instant) -> Report {
        let touched = self.cache.refresh(&changed);
        let (site, context) = match self.assemble() {
            Ok(assembled) => assembled,
            Err(d) => return self.fail(d, t),
        };
        let (renderer, theme_changed) = match self.renderer_for(&site, new_theme) {
            Ok(r) => r,
            Err(d) => return self.fail(d, t),
        };
        let statics = match read_statics(renderer.statics()) {
            Ok(s) => s,
            Err(d) => return self.fail(d.into(), t),
        };
        let diff = self.diff_pages(&site, &renderer, theme_changed);
        let built = Built {
            site,
            context,
            renderer: Arc::new(renderer),
            pages: diff.pages,
            statics,
        };
        if let Err(d) = render_eagerly(&built, diff.all, &diff.changed) {
            return self.fail(d, t);
        }
        let rendered = if diff.all {
            built.pages.len()
        } else {
            diff.changed.len()
        };
        self.publish(built, diff.all, diff.changed);
        give_back_memory();
        Report {
            changed_files: touched,
            pages: rendered,
            millis: ms(t),
            fast_path: false,
            errors: 0,
        }
    }

    /// Extract and graph over the cached content, as `build` does; warnings go to the
    /// terminal.
    fn assemble(&mut self) -> Result<(Site, Arc<crate::extract::ExtractContext>), Diagnostics> {
        let (corpus, diags) = self.cache.corpus();
        let assembled = pipeline::assemble_corpus(
            self.config.clone(),
            corpus,
            diags,
            self.opts.drafts,
            self.names.take(),
        )?;
        self.names = Some(assembled.names);
        for w in assembled.warnings.warnings() {
            println!("{w}");
        }
        Ok((assembled.site, assembled.context))
    }

    /// The last renderer carried over to the new site, or a new one when the theme or the
    /// settings changed (`true` then).
    fn renderer_for(
        &self,
        site: &Site,
        new_theme: Option<bool>,
    ) -> Result<(Renderer, bool), Diagnostics> {
        let old = self
            .state
            .read()
            .expect("lock")
            .built
            .as_ref()
            .map(|b| Arc::clone(&b.renderer));
        match (new_theme, old) {
            (None, Some(r)) => Ok((r.for_site(site), false)),
            _ => Ok((Renderer::new(&self.opts.root, site)?, true)),
        }
    }

    /// Plans the new site's pages and compares each page's fingerprint with the last build:
    /// unchanged pages keep their HTML.
    fn diff_pages(&self, site: &Site, renderer: &Renderer, theme_changed: bool) -> PageDiff {
        let planned = plan(site);
        let fingerprints: Vec<u64> = planned
            .par_iter()
            .map(|p| renderer.fingerprint(site, p))
            .collect();
        let mut pages: HashMap<String, Slot> = HashMap::with_capacity(planned.len());
        let mut changed: Vec<String> = Vec::new();
        let state = self.state.read().expect("lock");
        let old = state.built.as_ref();
        let all = theme_changed
            || old.is_none_or(|b| b.renderer.globals_hash() != renderer.globals_hash());
        for (page, fp) in planned.into_iter().zip(fingerprints) {
            let key = page.path.clone();
            let slot = Slot {
                page,
                fingerprint: fp,
                html: OnceLock::new(),
            };
            match old.and_then(|b| b.pages.get(&key)) {
                Some(prev) if prev.fingerprint == fp && !all => {
                    if let Some(html) = prev.html.get() {
                        let _ = slot.html.set(html.clone());
                    }
                }
                _ => changed.push(key.clone()),
            }
            pages.insert(key, slot);
        }
        if let Some(b) = old {
            changed.extend(b.pages.keys().filter(|k| !pages.contains_key(*k)).cloned());
        }
        PageDiff {
            pages,
            changed,
            all,
        }
    }

    /// Serves the new site and tells the browsers which pages changed.
    fn publish(&mut self, built: Built, all: bool, changed: Vec<String>) {
        let had_errors;
        {
            let mut state = self.state.write().expect("lock");
            had_errors = !state.errors.is_empty();
            state.errors.clear();
            state.built = Some(built);
        }
        if had_errors {
            let _ = self.events.send(LiveEvent::Ok);
        }
        // Page keys are URL paths without the leading slash ("" is the home page).
        let mut paths: Vec<String> = changed.iter().map(|k| format!("/{k}")).collect();
        paths.sort();
        if all || !paths.is_empty() {
            let _ = self.events.send(LiveEvent::Reload { paths, all });
        }
    }

    /// Keeps the last good site and tells the terminal and the browsers what is wrong.
    fn fail(&mut self, mut d: Diagnostics, t: Instant) -> Report {
        d.sort();
        let errors: Vec<Diagnostic> = d.errors().cloned().collect();
        for e in &d.0 {
            eprintln!("{e}");
        }
        let n = errors.len();
        self.state.write().expect("lock").errors = errors.clone();
        let _ = self.events.send(LiveEvent::Errors { errors });
        Report {
            errors: n.max(1),
            millis: ms(t),
            ..Report::default()
        }
    }
}

/// The pages of a new build against the last one.
struct PageDiff {
    pages: HashMap<String, Slot>,
    /// Keys of pages that are new, changed or gone.
    changed: Vec<String>,
    /// Every page changed (the theme or the site-wide values did).
    all: bool,
}

/// Renders what changed now, so template errors show at once (the HTML is not kept); when
/// everything changed, one page of each kind, leaving the rest to the first request.
fn render_eagerly(built: &Built, all: bool, changed: &[String]) -> Result<(), Diagnostics> {
    let eager: Vec<&String> = if all {
        let mut seen = BTreeSet::new();
        built
            .pages
            .iter()
            .filter(|(_, s)| seen.insert(s.page.kind.template()))
            .map(|(k, _)| k)
            .collect()
    } else {
        changed.iter().collect()
    };
    // Checked and dropped, not kept: an edit that changes thousands of pages would otherwise
    // hold all their HTML (about 200 MiB at 10,000 articles) for pages nobody opens. A page
    // a browser asks for is rendered then, in a few milliseconds, and kept. Pages gone from
    // the site are among `changed` and skipped.
    let mut errors: Vec<Diagnostic> = eager
        .par_iter()
        .filter_map(|k| {
            let slot = built.pages.get(*k)?;
            if slot.html.get().is_some() {
                return None;
            }
            built.renderer.render(&built.site, &slot.page).err()
        })
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    errors.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
    Err(Diagnostics(errors))
}

/// Whether an edited article can replace article `rel` of `built` without making any derived
/// index untrue (see [`Preview::fast_path`]): its index and its new actor mentions if so.
fn fast_edit(
    built: &Built,
    rel: &Path,
    article: &crate::content::Article,
) -> Option<(usize, Vec<crate::extract::ActorMention>)> {
    let site = &built.site;
    let i = site.corpus.articles.iter().position(|a| a.path == *rel)?;
    let old = &site.corpus.articles[i];
    if old.date != article.date || old.slug != article.slug || old.draft != article.draft {
        return None;
    }
    let previous = &site.annotations.article_actors[i];
    let mentions = crate::extract::reannotate_article(&built.context, article, previous, |name| {
        match site.link_targets.get(&crate::extract::people::fold(name)) {
            Some(crate::site::Target::Actor(id)) => Some(*id),
            _ => None,
        }
    });
    let ids = |m: &[crate::extract::ActorMention]| {
        let mut ids: Vec<_> = m.iter().map(|m| m.actor).collect();
        ids.sort_unstable();
        ids
    };
    (ids(&mentions) == ids(previous)).then_some((i, mentions))
}

/// The last site is freed once the new one is published, mostly on the worker threads that
/// built it, and each thread's allocator hands free memory back to the kernel only as it next
/// allocates: an idle preview kept its peak (at 10,000 articles, 230 MiB at startup and about
/// 900 MiB after a few edits). Every thread collects now instead.
fn give_back_memory() {
    // SAFETY: `mi_collect` only returns the calling thread's free memory; it may be called at
    // any time from any thread, and does nothing where mimalloc is not the allocator in use.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn read_statics(
    sources: &std::collections::BTreeMap<String, crate::render::theme::StaticSource>,
) -> Result<HashMap<String, Arc<Vec<u8>>>, Diagnostic> {
    sources
        .iter()
        .map(|(rel, src)| {
            src.read()
                .map(|b| (rel.clone(), Arc::new(b.into_owned())))
                .map_err(|e| Diagnostic::error(rel, None, format!("cannot read static file: {e}")))
        })
        .collect()
}

/// Where a request goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Page(String),
    Static(String),
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a request path to a page or file of the site. Anything that could name a file outside
/// the site (`..`, encoded `%2e%2e`, backslashes, NUL) is a bad request; lookups are by exact
/// key in the built site, never by a path on disk.
pub fn resolve_request(
    raw: &str,
    has_page: impl Fn(&str) -> bool,
    has_static: impl Fn(&str) -> bool,
) -> Lookup {
    let Some(decoded) =
        crate::site::urls::percent_decode(raw.split(['?', '#']).next().unwrap_or(""))
    else {
        return Lookup::BadRequest;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Lookup::BadRequest;
    }
    let rel = &decoded[1..];
    let segments: Vec<&str> = rel.split('/').collect();
    let last = segments.len() - 1;
    if segments
        .iter()
        .enumerate()
        .any(|(i, s)| *s == ".." || *s == "." || (s.is_empty() && i != last))
    {
        return Lookup::BadRequest;
    }
    if rel.is_empty() {
        return Lookup::Page(String::new());
    }
    if rel.ends_with('/') {
        return if has_page(rel) {
            Lookup::Page(rel.to_string())
        } else {
            Lookup::NotFound
        };
    }
    if let Some(dir) = rel.strip_suffix("index.html")
        && (dir.is_empty() || dir.ends_with('/'))
        && has_page(dir)
    {
        return Lookup::Page(dir.to_string());
    }
    if has_static(rel) {
        return Lookup::Static(rel.to_string());
    }
    if has_page(rel) {
        return Lookup::Page(rel.to_string());
    }
    let with_slash = format!("{rel}/");
    if has_page(&with_slash) {
        return Lookup::Redirect(format!("/{with_slash}"));
    }
    Lookup::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(path: &str) -> Lookup {
        let pages = ["", "people/", "people/marco-rubio/", "404.html"];
        let statics = ["style.css", "img/a b.png"];
        resolve_request(path, |k| pages.contains(&k), |k| statics.contains(&k))
    }

    #[test]
    fn paths_resolve_to_pages_and_files() {
        assert_eq!(lookup("/"), Lookup::Page(String::new()));
        assert_eq!(lookup("/index.html"), Lookup::Page(String::new()));
        assert_eq!(
            lookup("/people/marco-rubio/"),
            Lookup::Page("people/marco-rubio/".into())
        );
        assert_eq!(
            lookup("/people/marco-rubio/index.html"),
            Lookup::Page("people/marco-rubio/".into())
        );
        assert_eq!(
            lookup("/people/marco-rubio"),
            Lookup::Redirect("/people/marco-rubio/".into())
        );
        assert_eq!(lookup("/style.css?v=2"), Lookup::Static("style.css".into()));
        assert_eq!(
            lookup("/img/a%20b.png"),
            Lookup::Static("img/a b.png".into())
        );
        assert_eq!(lookup("/nothing/"), Lookup::NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/people/%2E%2E/%2e%2e/x",
            "/a\\\\b",
            "/%00",
            "//etc/passwd",
            "/a/./b",
            "/%zz",
            "/%c3",
        ] {
            assert_eq!(lookup(bad), Lookup::BadRequest, "{bad}");
        }
    }
}
