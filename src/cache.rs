//! The build cache: what the last `gazette build` of a site wrote, so the next build renders
//! only the pages whose context changed and carries the others over from the previous output.
//!
//! It lives in `SITE/.gazette-cache/`, one file per output folder, `build-<hash of its path>`
//! (the `.gitignore` that `init` writes ignores the folder; the newest few are kept), and is
//! only ever a hint. A page is carried over only when three things still hold: the page's
//! fingerprint (a hash of its whole template context), the render key (the templates and the
//! site-wide values) and the stamp of the file in the output folder (size, modification time,
//! inode). So a build with the cache writes the same bytes as one without. A cache that is
//! missing, unreadable, made by another Gazette or for another output folder means every page
//! is rendered, with a one-line note saying why.
//!
//! Beside it, one file per site, `names`: the memo of what extraction's document pass found
//! in each item ([`crate::extract::people::memo`]), so a rebuild reads the names of changed
//! items only.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io;
use std::path::{Path, PathBuf};

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use crate::extract::people::memo::Memo;
use crate::output::Stamp;

/// The cache's folder in the site root.
pub const DIR: &str = ".gazette-cache";
const FILE: &str = "build";
/// Caches kept for other output folders (a site built for preview and for hosting), newest
/// first; older ones are deleted when a build saves its own.
const KEEP: usize = 4;
/// Changes whenever the layout below does.
const MAGIC: &[u8; 8] = b"GZCACHE1";
/// A cache larger than this is not one Gazette wrote (a page entry is under 200 bytes).
const MAX_BYTES: u64 = 1 << 30;

/// What the last build wrote for one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageEntry {
    pub fingerprint: u64,
    pub stamp: Stamp,
}

/// Output file (`2025/04/18/paris-talks/index.html`) -> what the last build wrote there.
pub type Pages = HashMap<String, PageEntry, FxBuildHasher>;

#[derive(Serialize, Deserialize)]
struct Stored {
    program: u64,
    output: String,
    render_key: u64,
    pages: Pages,
}

/// Which Gazette made a cache: its version and, since a rebuilt binary may render the same
/// context differently, the executable's size and modification time.
fn program_id() -> u64 {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| Stamp::of(&m));
    FxBuildHasher.hash_one((env!("CARGO_PKG_VERSION"), exe))
}

/// The cache file of the builds into `output`.
pub fn path(root: &Path, output: &Path) -> PathBuf {
    let hash = FxBuildHasher.hash_one(output);
    root.join(DIR).join(format!("{FILE}-{hash:016x}"))
}

/// The pages of the last build into `output` under `render_key`, or why there are none (no
/// note for a site built for the first time).
pub fn load(root: &Path, output: &Path, render_key: u64) -> (Option<Pages>, Option<String>) {
    let file = path(root, output);
    let bytes = match crate::files::read_regular(&file, MAX_BYTES) {
        Ok(b) => b,
        Err(crate::files::ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            return (None, None);
        }
        Err(e) => return (None, Some(format!("build cache unreadable ({e}); {ALL}"))),
    };
    let stored = bytes
        .strip_prefix(MAGIC.as_slice())
        .and_then(|rest| postcard::from_bytes::<Stored>(rest).ok());
    let Some(stored) = stored else {
        return (
            None,
            Some(format!(
                "build cache {} is damaged or from another version of Gazette; {ALL}",
                crate::diagnostics::escape(&file.display().to_string())
            )),
        );
    };
    let why = if stored.program != program_id() {
        "the build cache was made by another build of Gazette"
    } else if stored.output != output.to_string_lossy() {
        // Two output paths with one hash: as good as no cache.
        return (None, None);
    } else if stored.render_key != render_key {
        "templates or site-wide settings changed since the last build"
    } else {
        return (Some(stored.pages), None);
    };
    (None, Some(format!("{why}; {ALL}")))
}

const ALL: &str = "rendering every page";

/// Records what this build wrote into `output`, for the next build. Written to a new file and
/// renamed over the old one, so a killed build leaves the old cache or the new one.
pub fn save(root: &Path, output: &Path, render_key: u64, pages: Pages) -> io::Result<()> {
    let stored = Stored {
        program: program_id(),
        output: output.to_string_lossy().into_owned(),
        render_key,
        pages,
    };
    let mut bytes = MAGIC.to_vec();
    bytes.extend(postcard::to_stdvec(&stored).map_err(io::Error::other)?);
    replace(&path(root, output), &bytes)?;
    prune(&root.join(DIR));
    Ok(())
}

/// Writes `bytes` to a new file in the cache folder and renames it over `file`, so a killed
/// build leaves the old file or the new one.
fn replace(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = file.parent().expect("cache files are in the cache folder");
    std::fs::create_dir_all(dir)?;
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!("{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The names extraction found in each item ([`crate::extract::people::memo`]): one file per
/// site, whatever the output folder, since extraction does not depend on it.
const NAMES_FILE: &str = "names";
const NAMES_MAGIC: &[u8; 8] = b"GZNAMES1";

/// The last build's memo of names, if this Gazette wrote it and it reads back whole. Only a
/// hint: without it every item is read, and nothing needs saying (the build cache's note
/// covers a cache from another version).
pub fn load_names(root: &Path) -> Option<Memo> {
    let bytes = crate::files::read_regular(&root.join(DIR).join(NAMES_FILE), MAX_BYTES).ok()?;
    let (program, memo): (u64, Memo) =
        postcard::from_bytes(bytes.strip_prefix(NAMES_MAGIC.as_slice())?).ok()?;
    (program == program_id()).then_some(memo)
}

/// Saves this build's memo of names for the next build.
pub fn save_names(root: &Path, memo: &Memo) -> io::Result<()> {
    let mut bytes = NAMES_MAGIC.to_vec();
    bytes.extend(postcard::to_stdvec(&(program_id(), memo)).map_err(io::Error::other)?);
    replace(&root.join(DIR).join(NAMES_FILE), &bytes)
}

/// Deletes all but the [`KEEP`] newest cache files (only files named as Gazette names them).
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name().to_str().is_some_and(|n| {
                n.strip_prefix("build-")
                    .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            })
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, old) in caches.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fingerprint: u64) -> PageEntry {
        PageEntry {
            fingerprint,
            stamp: Stamp {
                len: 10,
                modified_ns: 1,
                inode: 2,
            },
        }
    }

    #[test]
    fn a_saved_cache_loads_for_the_same_output_and_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let mut pages = Pages::default();
        pages.insert("index.html".into(), entry(7));
        save(dir.path(), &out, 42, pages.clone()).unwrap();

        assert_eq!(load(dir.path(), &out, 42), (Some(pages), None));
        let (none, note) = load(dir.path(), &out, 43);
        assert!(none.is_none());
        assert!(
            note.unwrap()
                .starts_with("templates or site-wide settings changed")
        );
        // Another output folder has its own cache, so none yet, and nothing to say.
        assert_eq!(
            load(dir.path(), &dir.path().join("elsewhere"), 42),
            (None, None)
        );
    }

    #[test]
    fn only_the_newest_few_caches_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        std::fs::write(dir.path().join(DIR).join("notes.txt"), "mine").unwrap();
        for i in 0..KEEP + 2 {
            let out = dir.path().join(format!("out{i}"));
            save(dir.path(), &out, 1, Pages::default()).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let names: Vec<String> = std::fs::read_dir(dir.path().join(DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), KEEP + 1, "{names:?}");
        assert!(
            names.contains(&"notes.txt".to_string()),
            "a file not named as a cache stays"
        );
        let newest = dir.path().join(format!("out{}", KEEP + 1));
        assert!(load(dir.path(), &newest, 1).0.is_some());
        assert_eq!(load(dir.path(), &dir.path().join("out0"), 1), (None, None));
    }

    #[test]
    fn a_missing_cache_is_silent_and_a_damaged_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        assert_eq!(load(dir.path(), &out, 1), (None, None));
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        std::fs::write(path(dir.path(), &out), b"GZCACHE1\xff\xff\xff").unwrap();
        let (none, note) = load(dir.path(), &out, 1);
        assert!(none.is_none());
        assert!(note.unwrap().contains("damaged or from another version"));
        std::fs::write(path(dir.path(), &out), b"something else").unwrap();
        assert!(load(dir.path(), &out, 1).1.is_some());
    }
}
