//! The build cache: what the last `gazette build` of a site wrote, so the next build renders
//! only the pages whose context changed and carries the others over from the previous output.
//!
//! It lives in `SITE/.gazette-cache/build` (the `.gitignore` that `init` writes ignores it) and
//! is only ever a hint. A page is carried over only when three things still hold: the page's
//! fingerprint (a hash of its whole template context), the render key (the templates and the
//! site-wide values) and the stamp of the file in the output folder (size, modification time,
//! inode). So a build with the cache writes the same bytes as one without. A cache that is
//! missing, unreadable, made by another Gazette or for another output folder means every page
//! is rendered, with a one-line note saying why.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use crate::output::Stamp;

/// The cache's folder in the site root.
pub const DIR: &str = ".gazette-cache";
const FILE: &str = "build";
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
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    if let Some(m) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        Stamp::of(&m).hash(&mut h);
    }
    h.finish()
}

fn path(root: &Path) -> PathBuf {
    root.join(DIR).join(FILE)
}

/// The pages of the last build into `output` under `render_key`, or why there are none (no
/// note for a site built for the first time).
pub fn load(root: &Path, output: &Path, render_key: u64) -> (Option<Pages>, Option<String>) {
    let file = path(root);
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
        "the build cache is for another output folder"
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
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, path(root)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
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
        let (none, note) = load(dir.path(), &dir.path().join("elsewhere"), 42);
        assert!(none.is_none());
        assert!(note.unwrap().contains("another output folder"));
    }

    #[test]
    fn a_missing_cache_is_silent_and_a_damaged_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        assert_eq!(load(dir.path(), &out, 1), (None, None));
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        std::fs::write(path(dir.path()), b"GZCACHE1\xff\xff\xff").unwrap();
        let (none, note) = load(dir.path(), &out, 1);
        assert!(none.is_none());
        assert!(note.unwrap().contains("damaged or from another version"));
        std::fs::write(path(dir.path()), b"something else").unwrap();
        assert!(load(dir.path(), &out, 1).1.is_some());
    }
}
