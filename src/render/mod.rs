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

impl Renderer {
    /// Loads the theme; template syntax errors come back with file and line.
    pub fn new(root: &Path, site: &Site) -> Result<Renderer, Diagnostics> {
        let mut theme = Theme::load(root, &site.config)?;
        let mut nav = vec![
            NavLink {
                name: "Today",
                url: site.url(""),
                section: "home",
            },
            NavLink {
                name: "Archive",
                url: site.url(urls::ARCHIVE),
                section: "archive",
            },
            NavLink {
                name: "People",
                url: site.url(&urls::actor_index(crate::content::ActorKind::Person)),
                section: "people",
            },
        ];
        let kinds = site.actor_kinds_present();
        if kinds.contains(&crate::content::ActorKind::Organization) {
            nav.push(NavLink {
                name: "Organisations",
                url: site.url(&urls::actor_index(crate::content::ActorKind::Organization)),
                section: "orgs",
            });
        }
        nav.push(NavLink {
            name: "Topics",
            url: site.url(urls::TOPICS),
            section: "topics",
        });
        if !site.corpus.notes.is_empty() {
            nav.push(NavLink {
                name: "Notes",
                url: site.url(urls::NOTES),
                section: "notes",
            });
        }
        let globals = SiteGlobals {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            base: &site.base,
            base_url: &site.config.base_url,
            nav,
            generator: concat!("Gazette ", env!("CARGO_PKG_VERSION")),
        };
        theme.tera.global_context().insert("site", &globals);
        Ok(Renderer { theme })
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
