//! The render stage: the page plan, slim contexts, the theme, and HTML for bodies.

pub mod body;
pub mod pages;
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
    /// A hash of the site-wide values, so `serve` knows when every page changes at once.
    globals_hash: u64,
}

impl Clone for Theme {
    fn clone(&self) -> Theme {
        Theme {
            tera: self.tera.clone(),
            sources: self.sources.clone(),
            statics: self.statics.clone(),
        }
    }
}

#[derive(Serialize)]
struct NavLink {
    name: &'static str,
    url: String,
    section: &'static str,
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
}

fn globals(site: &Site) -> SiteGlobals<'_> {
    use crate::content::ActorKind;
    let link = |name: &'static str, path: &str, section: &'static str| NavLink {
        name,
        url: site.url(path),
        section,
    };
    let mut nav = vec![
        link("Today", "", "home"),
        link("Archive", urls::ARCHIVE, "archive"),
        link("People", &urls::actor_index(ActorKind::Person), "people"),
    ];
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
    }
}

impl Renderer {
    /// Loads the theme; template syntax errors come back with file and line.
    pub fn new(root: &Path, site: &Site) -> Result<Renderer, Diagnostics> {
        let theme = Theme::load(root, &site.config)?;
        Ok(Renderer::with_theme(theme, site))
    }

    fn with_theme(mut theme: Theme, site: &Site) -> Renderer {
        let globals = globals(site);
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
            globals_hash,
        }
    }

    /// The same templates with the site-wide values of another build of the site.
    pub fn for_site(&self, site: &Site) -> Renderer {
        Renderer::with_theme(self.theme.clone(), site)
    }

    pub fn globals_hash(&self) -> u64 {
        self.globals_hash
    }

    /// Renders one page to HTML.
    pub fn render(&self, site: &Site, page: &Page) -> Result<String, Diagnostic> {
        let ctx = pages::context(site, page);
        self.theme
            .tera
            .render(page.kind.template(), &ctx)
            .map_err(|e| theme::template_error(&e, &self.theme.sources))
    }

    pub fn statics(&self) -> &std::collections::BTreeMap<String, theme::StaticSource> {
        &self.theme.statics
    }
}
