//! File watching: notify with a debouncer, so a burst of saves (an editor's temp-file-and-
//! rename, a `git checkout` touching 500 files) arrives as one batch of paths.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::{EventKind, MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the watcher waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Watches `content/`, `templates/`, `static/`, the active theme and `gazette.yaml` (through
/// the site folder itself, not recursively, which also sees those folders appear).
pub fn watch(root: &Path, theme: &str, tx: mpsc::Sender<Vec<PathBuf>>) -> Result<Watcher, String> {
    let mut debouncer =
        new_debouncer(
            DEBOUNCE,
            None,
            move |result: DebounceEventResult| match result {
                Ok(events) => {
                    // Reading a file (as every rebuild does) must not look like a change to it.
                    let mut paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| !is_read(&e.event.kind))
                        .flat_map(|e| e.event.paths)
                        .collect();
                    paths.sort();
                    paths.dedup();
                    if !paths.is_empty() {
                        let _ = tx.send(paths);
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: file watcher: {e}");
                    }
                }
            },
        )
        .map_err(|e| format!("cannot watch files: {e}"))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for dir in watched_dirs(root, theme) {
        if dir.is_dir() {
            debouncer
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
    }
    Ok(debouncer)
}

/// Events that only report a read: opening a file or updating its access time.
fn is_read(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(_)
            | EventKind::Other
            | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

pub fn watched_dirs(root: &Path, theme: &str) -> Vec<PathBuf> {
    vec![
        root.join(crate::content::CONTENT_DIR),
        root.join("templates"),
        root.join("static"),
        root.join("themes").join(theme),
    ]
}

/// Starts watching folders that appeared since the start (a new `templates/`).
pub fn watch_new_dirs(watcher: &mut Watcher, root: &Path, theme: &str, watched: &mut Vec<PathBuf>) {
    for dir in watched_dirs(root, theme) {
        if dir.is_dir()
            && !watched.contains(&dir)
            && watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
        {
            watched.push(dir);
        }
    }
}
