//! Gazette turns dated news articles and hand-written notes into a linked static digest.
//!
//! The pipeline reads top to bottom, one module per stage, with plain data between stages:
//!
//! ```text
//! content files --load--> Corpus --extract--> Annotations --site--> Site --render--> pages --output--> output/
//! ```
//!
//! * [`config`]: `gazette.yaml`, every setting optional.
//! * [`content`]: the load stage; one parser per input format, errors with file and line.
//! * [`extract`]: who (people, organisations, places) and what (topics, stories) each item is about.
//! * [`files`]: reading the site's files: regular files only, never blocking on a FIFO.
//! * [`lang`]: the language: every word list (`src/lang/en/`) and the lexicon that reads them.
//! * [`site`]: the site graph: indices by date, actor and topic, links, the URL table.
//! * [`render`]: page plan, slim template contexts, the theme, Markdown and body rendering.
//! * [`output`]: staged writes swapped in atomically; unchanged files are not rewritten.
//! * [`interrupt`]: Ctrl-C and SIGTERM stop a build and remove its staging folder.
//! * [`progress`]: the stage and count of a long build, shown on a terminal.
//! * [`build`]: the pipeline glued together, used by `build`, `check`, `inspect` and `serve`.
//! * [`cli`]: the command line.

pub mod build;
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
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod yaml;
