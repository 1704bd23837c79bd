//! The render stage: the page plan, slim contexts, the theme, and HTML for bodies.

pub mod body;
pub mod feeds;
pub mod pages;
pub mod plan;
pub mod theme;

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{Site, urls};
pub use pages::{Page, PageKind, plan};
use theme::Theme;

/// Compiled templates plus the site-wide values every page sees as `site`.
pub struct Renderer {
    theme: Theme,
    assets: Assets,
    /// A hash of the site-wide values, so `serve` knows when every page changes at once.
    globals_hash: u64,
    /// Values many pages of this build of the site share.
    shared: pages::Shared,
}

impl Clone for Theme {
    fn clone(&self) -> Theme {
        Theme {
            tera: self.tera.clone(),
            sources: self.sources.clone(),
            statics: self.statics.clone(),
            digest: self.digest,
        }
    }
}

#[derive(Serialize)]
struct NavLink {
    name: String,
    url: String,
    /// Matches `page.section` on the pages it leads to, for `aria-current`.
    section: String,
}

#[derive(Serialize)]
struct SiteGlobals<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// Base path for links, `/` or `/briefing/`.
    base: &'a str,
    base_url: &'a str,
    nav: Vec<NavLink>,
    generator: &'static str,
    /// Static file -> its URL (content-hashed for stylesheets and scripts).
    assets: std::collections::BTreeMap<String, String>,
    /// The site's Atom feed.
    feed: String,
    /// The search page, when search is on.
    search: Option<String>,
    /// The `logo` setting as a URL, for link previews.
    logo: Option<String>,
}

/// Sections shown in the navigation; the topics page lists them all.
const NAV_SECTIONS: usize = 5;

fn globals(site: &Site) -> SiteGlobals<'_> {
    use crate::content::ActorKind;
    let link = |name: &str, path: &str, section: &str| NavLink {
        name: name.to_string(),
        url: site.url(path),
        section: section.to_string(),
    };
    let mut nav = vec![link("Today", "", "home")];
    // The largest sections, as a newspaper's front page lists its desks.
    let mut sections: Vec<(usize, &crate::extract::Topic)> = site
        .annotations
        .topics
        .iter()
        .enumerate()
        .filter(|&(i, t)| t.kind == crate::extract::TopicKind::Section && site.topic_counts[i] > 0)
        .collect();
    sections.sort_by(|(i, a), (j, b)| {
        (site.topic_counts[*j].cmp(&site.topic_counts[*i])).then(a.name.cmp(&b.name))
    });
    // Shown in the sections' own order, not by size: a desk keeps its place in the bar as
    // counts move day by day (and a reordered bar would change every page of the site).
    sections.truncate(NAV_SECTIONS);
    sections.sort_by_key(|&(i, _)| i);
    for (_, t) in sections {
        let path = urls::section(&t.slug);
        nav.push(link(&t.name, &path, path.trim_end_matches('/')));
    }
    nav.extend([
        link("Archive", urls::ARCHIVE, "archive"),
        link("People", &urls::actor_index(ActorKind::Person), "people"),
    ]);
    if site
        .actor_kinds_present()
        .contains(&ActorKind::Organization)
    {
        nav.push(link(
            "Organisations",
            &urls::actor_index(ActorKind::Organization),
            "orgs",
        ));
    }
    nav.push(link("Topics", urls::TOPICS, "topics"));
    if !site.corpus.notes.is_empty() {
        nav.push(link("Notes", urls::NOTES, "notes"));
    }
    SiteGlobals {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        base: &site.base,
        base_url: &site.config.base_url,
        nav,
        generator: concat!("Gazette ", env!("CARGO_PKG_VERSION")),
        assets: Default::default(),
        feed: String::new(),
        search: None,
        logo: site.logo_url(),
    }
}

impl Renderer {
    /// Loads the theme; template syntax errors come back with file and line.
    pub fn new(root: &Path, site: &Site) -> Result<Renderer, Diagnostics> {
        let theme = Theme::load(root, &site.config)?;
        let assets =
            hashed_assets(&theme.statics, site.config.hash_assets).map_err(Diagnostics::from)?;
        Ok(Renderer::with_theme(theme, assets, site))
    }

    fn with_theme(mut theme: Theme, assets: Assets, site: &Site) -> Renderer {
        let mut globals = globals(site);
        globals.assets = assets
            .urls
            .iter()
            .map(|(k, v)| (k.clone(), site.url(v)))
            .collect();
        globals.feed = site.url("atom.xml");
        globals.search = site.config.search.then(|| site.url(urls::SEARCH));
        let globals_hash = {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            serde_json::to_string(&globals)
                .unwrap_or_default()
                .hash(&mut h);
            h.finish()
        };
        theme.tera.global_context().insert("site", &globals);
        Renderer {
            theme,
            assets,
            globals_hash,
            shared: pages::Shared::new(site),
        }
    }

    /// The same templates with the site-wide values of another build of the site.
    pub fn for_site(&self, site: &Site) -> Renderer {
        Renderer::with_theme(self.theme.clone(), self.assets.clone(), site)
    }

    pub fn globals_hash(&self) -> u64 {
        self.globals_hash
    }

    /// Renders one page: HTML through its template, or a file made in code (feeds, sitemap,
    /// search index, redirects).
    pub fn render(&self, site: &Site, page: &Page) -> Result<String, Diagnostic> {
        let mut out = Vec::new();
        self.render_into(site, page, &mut out)?;
        String::from_utf8(out).map_err(|e| {
            Diagnostic::error(&page.path, None, format!("rendered text is not UTF-8: {e}"))
        })
    }

    /// [`Renderer::render`] into a buffer the caller reuses: a build keeps one per thread,
    /// so page text is not regrown from nothing for every page.
    pub fn render_into(
        &self,
        site: &Site,
        page: &Page,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        out.clear();
        match page.kind.template() {
            Some(template) => {
                let ctx = pages::context(site, &self.shared, page);
                self.theme
                    .tera
                    .render_to(template, &ctx, &mut *out)
                    .map_err(|e| theme::template_error(&e, &self.theme.sources))
            }
            None => {
                out.extend_from_slice(
                    feeds::generate(site, &page.kind)
                        .unwrap_or_default()
                        .as_bytes(),
                );
                Ok(())
            }
        }
    }

    /// A hash of everything `page` shows (see [`pages::fingerprint`]).
    pub fn fingerprint(&self, site: &Site, page: &Page) -> u64 {
        pages::fingerprint(site, &self.shared, page)
    }

    /// [`Renderer::render_into`], also returning the page's [`Renderer::fingerprint`] from
    /// the same context (one context built, not two). A templated page is not rendered when
    /// `keep` accepts its fingerprint (the build cache carries the old file over instead):
    /// the context is made either way, and Tera runs only for pages that changed.
    pub fn render_with_fingerprint(
        &self,
        site: &Site,
        page: &Page,
        out: &mut Vec<u8>,
        keep: impl FnOnce(u64) -> bool,
    ) -> Result<Rendered, Diagnostic> {
        out.clear();
        match page.kind.template() {
            Some(template) => {
                let (ctx, fingerprint) = pages::context_and_fingerprint(site, &self.shared, page);
                if keep(fingerprint) {
                    return Ok(Rendered::Kept(fingerprint));
                }
                self.theme
                    .tera
                    .render_to(template, &ctx, &mut *out)
                    .map_err(|e| theme::template_error(&e, &self.theme.sources))?;
                Ok(Rendered::Bytes(fingerprint))
            }
            None => {
                out.extend_from_slice(
                    feeds::generate(site, &page.kind)
                        .unwrap_or_default()
                        .as_bytes(),
                );
                Ok(Rendered::Bytes(pages::bytes_fingerprint(out)))
            }
        }
    }

    /// What every page's HTML depends on besides its own context: the templates and the
    /// site-wide values. Pages are reused from the build cache only under the same key.
    pub fn render_key(&self) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one((self.theme.digest, self.globals_hash))
    }

    /// Static files to copy: the theme's and the site's, plus content-hashed copies of
    /// stylesheets and scripts.
    pub fn statics(&self) -> &std::collections::BTreeMap<String, theme::StaticSource> {
        &self.assets.files
    }
}

/// What [`Renderer::render_with_fingerprint`] did, with the page's fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendered {
    /// The page's bytes are in the buffer.
    Bytes(u64),
    /// The caller's `keep` took the fingerprint: nothing rendered.
    Kept(u64),
}

/// Static files and the URLs templates use for them (`site.assets["style.css"]`).
#[derive(Clone)]
struct Assets {
    files: std::collections::BTreeMap<String, theme::StaticSource>,
    /// Path as written -> output path (hashed for stylesheets and scripts).
    urls: std::collections::BTreeMap<String, String>,
}

/// `style.css` -> `style.3f2a9c1e.css`: the content hash in the name lets hosts cache assets
/// forever; a new build that changes them changes their URL.
fn hashed_assets(
    statics: &std::collections::BTreeMap<String, theme::StaticSource>,
    hash: bool,
) -> Result<Assets, Diagnostic> {
    let mut files = statics.clone();
    let mut urls = std::collections::BTreeMap::new();
    for (rel, src) in statics {
        let ext = rel.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let target = if hash && matches!(ext, "css" | "js") {
            let bytes = src.read().map_err(|e| {
                Diagnostic::error(rel, None, format!("cannot read static file: {e}"))
            })?;
            let digest = crate::content::fnv1a(&bytes) as u32;
            let (stem, ext) = rel.rsplit_once('.').expect("has an extension");
            let hashed = format!("{stem}.{digest:08x}.{ext}");
            files.insert(
                hashed.clone(),
                theme::StaticSource::Owned(bytes.into_owned().into()),
            );
            hashed
        } else {
            rel.clone()
        };
        urls.insert(rel.clone(), target);
    }
    Ok(Assets { files, urls })
}
