//! The editor's notes: a note's page and the note index.

use serde::Serialize;

use super::chrome::{PageInfo, Paginator, page_info, paginator};
use super::views::{DateInfo, Link, actor_targets, card, date_info, mention_link, topic_link};
use super::{Page, PageContext, SiteView};
use crate::extract::ItemRef;
use crate::render::body::{MentionLinker, Trust, render_markdown};
use crate::render::plan::{page_count, page_slice};
use crate::site::urls;

pub(super) fn note(site: &SiteView<'_>, page: &Page, i: u32, ctx: &mut PageContext) {
    let n = &site.corpus.notes[i as usize];
    let mentions = &site.note_actors[i as usize];
    let mut linker = MentionLinker::new(actor_targets(site, mentions));
    let body = render_markdown(&n.body, site, &mut linker, Trust::Trusted);
    ctx.set(&NotePage {
        page: page_info(site, page, &n.title, &n.summary, None),
        note: NoteView {
            title: &n.title,
            date: n.date.map(|d| date_info(site, d)),
            body,
            actors: mentions.iter().map(|m| mention_link(site, m)).collect(),
            topics: site.note_topics[i as usize]
                .iter()
                .map(|&t| topic_link(site, t, None))
                .collect(),
            cites: site.note_cites[i as usize]
                .iter()
                .map(|&a| card(site, ItemRef::Article(a)))
                .collect(),
            backlinks: site.note_backlinks[i as usize]
                .iter()
                .map(|&o| card(site, ItemRef::Note(o)))
                .collect(),
        },
    });
}

/// The context of a note's page.
#[derive(Serialize)]
struct NotePage<'a> {
    page: PageInfo<'a>,
    note: NoteView<'a>,
}

/// The context of a page of the note index.
#[derive(Serialize)]
struct NoteIndexPage<'a> {
    page: PageInfo<'a>,
    paginator: Paginator,
    notes: Vec<tera::Value>,
}

#[derive(Serialize)]
struct NoteView<'a> {
    title: &'a str,
    date: Option<DateInfo<'a>>,
    body: String,
    actors: Vec<Link<'a>>,
    topics: Vec<Link<'a>>,
    cites: Vec<tera::Value>,
    backlinks: Vec<tera::Value>,
}

pub(super) fn note_index(site: &SiteView<'_>, page: &Page, n: u32, ctx: &mut PageContext) {
    let mut ids: Vec<u32> = (0..site.corpus.notes.len() as u32).collect();
    ids.sort_by(|&a, &b| {
        let (x, y) = (
            &site.corpus.notes[a as usize],
            &site.corpus.notes[b as usize],
        );
        y.date.cmp(&x.date).then(x.title.cmp(&y.title))
    });
    let per = site.config.paginate;
    ctx.set(&NoteIndexPage {
        page: page_info(site, page, "Notes", "The editor's notes", None),
        paginator: paginator(site, urls::NOTES, n, page_count(ids.len(), per)),
        notes: page_slice(&ids, n, per)
            .iter()
            .map(|&n| card(site, ItemRef::Note(n)))
            .collect(),
    });
}
