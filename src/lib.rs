//! Gazette turns dated news articles and hand-written notes into a linked static digest.
//!
//! # Architecture
//!
//! One module per stage, with plain data handed from each to the next; no stage changes what
//! an earlier one produced:
//!
//! ```text
//! content/ --load--> Corpus --extract--> Extraction --site--> Site --render--> pages --output--> output/
//! ```
//!
//! The stages, in order:
//! * [`content`] (load): one parser per input format; every bad file is a diagnostic with
//!   file and line, and the good ones still load. [`files`] opens only regular files.
//! * [`extract`]: who each item is about (`people/` finds names, `resolve/` merges them into
//!   actors, `salience` ranks them) and what (`topics/`: curated topics, running stories,
//!   sections). Its [`extract::Annotations`] are final when it returns.
//! * [`site`]: the site graph, read-only once built: indices by date, actor and topic
//!   (`indices.rs`), related items (`related.rs`), the search index and the URL scheme
//!   (`urls.rs`, pure functions).
//! * [`render`]: the page plan, one builder per page family (`pages/`), the theme (Tera), and
//!   body HTML with names linked.
//! * [`output`] (write): a staging folder swapped in whole; only files Gazette wrote are ever
//!   deleted.
//! * [`cache`]: what the last build wrote, so a rebuild renders only the pages that changed.
//!
//! Around them:
//! * [`pipeline`]: the stages glued together once, used by `build`, `check`, `inspect` and
//!   `serve`, with each stage's time.
//! * [`serve`]: the same pipeline kept in memory, the file watcher, HTTP and live reload.
//! * [`cli`] parses the command line and [`cmd`] runs each command, one file each.
//! * [`lang`]: what Gazette knows about English, one word list per file in `src/lang/en/`.
//! * [`config`], [`diagnostics`], [`interrupt`], [`progress`], [`links`] (the link checker),
//!   [`inspect`], [`scaffold`] (`init`, `new`), [`text`], [`yaml`].

pub mod cache;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod extract;
pub mod files;
pub mod inspect;
pub mod interrupt;
pub mod lang;
pub mod links;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod yaml;
