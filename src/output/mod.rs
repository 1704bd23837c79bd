//! The write stage. A new site is written into a staging folder beside the output folder and
//! swapped in only when complete, so `output/` is always either the previous complete site or
//! the new one, whatever happens to the process.
//!
//! * **The swap.** On Linux the two folders trade places in one `renameat2(RENAME_EXCHANGE)`
//!   call, so there is no moment without `output/`. Where the call is missing (other systems,
//!   a few file systems) two renames are used, and a build interrupted between them is put right
//!   by the next one.
//! * **What Gazette owns.** The marker file `.gazette-output` lists every file the build wrote
//!   and names the folder it belongs to (device and inode). Only listed files are ever deleted;
//!   anything else in `output/` (a deploy checkout's `.git`, a `CNAME`) is carried into the new
//!   site. A marker copied into another folder names the wrong folder and is refused.
//! * **Leftovers.** A build killed at any point leaves at most a staging folder, which is
//!   marked too. The next build sweeps them up first: files a user put there go back into
//!   `output/`, Gazette's own files are deleted.
//! * **Unchanged files** are hard-linked from the previous build instead of rewritten, which
//!   keeps their modification time for rsync and object-store syncs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::site::urls::is_safe_relative;

mod marker;
mod swap;
mod sweep;

use marker::{MARKER_MAGIC, Manifest, Marker, STAGING_TEXT, identity, previous_site, read_marker};
use swap::{exchange, fresh_staging_name, lock_folder, write_atomically};
use sweep::{dispose, remove_tree, survey, sweep};

/// Marks a folder as written by Gazette and lists the files it wrote there.
pub const MARKER: &str = ".gazette-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "output folder {0} exists, is not empty and was not made by Gazette; refusing to write into it (choose another --output or empty it)"
    )]
    Foreign(PathBuf),
    #[error(
        "output folder {0} holds a Gazette marker made for another folder (copied?); refusing to write into it (remove {0}/.gazette-output if the folder is yours to replace)"
    )]
    Copied(PathBuf),
    #[error(
        "output folder {0} was written by an earlier Gazette that kept no list of its files, so it cannot tell them from yours; move out anything you added, delete the folder and build again"
    )]
    Legacy(PathBuf),
    #[error(
        "output folder {0} would lie inside the site's {1}; choose a folder outside it (the site would copy itself into itself)"
    )]
    Inside(PathBuf, &'static str),
    #[error("output folder {0} would contain the site's own files; choose a folder outside them")]
    Overlaps(PathBuf),
    #[error(
        "{0} was not written by Gazette, and the new site has a file of the same name; move it or delete it"
    )]
    InTheWay(PathBuf),
    #[error("another Gazette build is writing into {0}; wait for it to finish")]
    Busy(PathBuf),
    #[error("refusing to write {0:?}: not a plain path inside the output folder")]
    UnsafePath(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Folders of the site that the output may not lie inside: a build would copy itself into
/// itself (`static/`) or read its own pages as content.
const SOURCE_DIRS: [&str; 4] = [crate::content::CONTENT_DIR, "static", "templates", "themes"];

/// A build in progress. Dropping it without [`Staging::commit`] deletes the staging folder.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
    pub written: AtomicUsize,
    pub unchanged: AtomicUsize,
    /// The files of the previous build, when there is one (a first build skips the lookups).
    previous: Option<Manifest>,
    /// Folders made up front by [`Staging::make_dirs`], relative to the staging folder.
    dirs: FxHashSet<Box<str>>,
    /// Every file written, relative to the staging folder: the next marker's list.
    files: Mutex<Vec<Box<str>>>,
    /// Set by the first failed write: the rest stop rather than fail one by one.
    failed: AtomicBool,
    /// What the sweep of earlier leftovers did, for the build report.
    pub notes: Vec<String>,
    /// Held for the whole build: one build at a time per output's parent folder.
    _lock: Option<fs::File>,
    /// Declared last so it is dropped after the staging folder is gone.
    _writing: crate::interrupt::Writing,
}

/// What [`Staging::commit`] did besides the swap.
#[derive(Debug, Default)]
pub struct Committed {
    pub output: PathBuf,
    /// Things worth a line in the report (files kept for the user, leftovers that remain).
    pub notes: Vec<String>,
}

impl Staging {
    /// Prepares a staging folder next to `out`, after sweeping up what killed builds left.
    /// `root` is the site folder, which the output must not contain or equal.
    pub fn begin(root: &Path, out: &Path) -> Result<Staging, OutputError> {
        let abs_root = fs::canonicalize(root).map_err(io_err(root))?;
        let abs_out = absolute(out);
        if abs_root.starts_with(&abs_out) {
            return Err(OutputError::Overlaps(out.to_path_buf()));
        }
        if let Some(dir) = SOURCE_DIRS
            .iter()
            .find(|d| abs_out.starts_with(abs_root.join(d)))
        {
            return Err(OutputError::Inside(out.to_path_buf(), dir));
        }
        let parent = abs_out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name = abs_out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let lock = lock_folder(&parent)?;
        let notes = sweep(&parent, &name, &abs_out);
        let previous = previous_site(&abs_out).map_err(|e| match e {
            OutputError::Foreign(_) => OutputError::Foreign(out.to_path_buf()),
            e => e,
        })?;
        let writing = crate::interrupt::Writing::begin();
        let tmp = fresh_staging_name(&parent, &name);
        fs::create_dir(&tmp).map_err(io_err(&tmp))?;
        let staging = Staging {
            out: abs_out,
            tmp,
            committed: false,
            previous,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            dirs: Default::default(),
            files: Mutex::new(Vec::new()),
            failed: AtomicBool::new(false),
            notes,
            _lock: lock,
            _writing: writing,
        };
        // Marked at once, so a sweep knows every file in it is Gazette's.
        let marker = staging.tmp.join(MARKER);
        fs::write(&marker, format!("{MARKER_MAGIC} staging\n{STAGING_TEXT}"))
            .map_err(io_err(&marker))?;
        Ok(staging)
    }

    /// Makes the folders of all the files to come, once each, parents first: cheaper than a
    /// `create_dir_all` per file, which retries every ancestor.
    pub fn make_dirs<'a>(
        &mut self,
        files: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), OutputError> {
        // Every folder and its ancestors, made a level at a time, each level in parallel
        // (16,000 folders at 10,000 articles). Climbing stops at a folder already seen.
        let mut seen: FxHashSet<&str> = Default::default();
        for f in files.into_iter().filter(|f| is_safe_relative(f)) {
            let mut rest = f;
            while let Some((d, _)) = rest.rsplit_once('/') {
                if !seen.insert(d) {
                    break;
                }
                rest = d;
            }
        }
        let mut dirs: Vec<(usize, &str)> = seen
            .into_iter()
            .map(|d| (d.bytes().filter(|&b| b == b'/').count(), d))
            .collect();
        dirs.sort_unstable();
        let tmp = &self.tmp;
        for level in dirs.chunk_by(|a, b| a.0 == b.0) {
            level.par_iter().try_for_each(|(_, d)| {
                let path = tmp.join(d);
                match fs::create_dir(&path) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
                    Err(e) => Err(OutputError::Io { path, source: e }),
                }
            })?;
        }
        self.dirs
            .extend(dirs.into_iter().map(|(_, d)| Box::from(d)));
        Ok(())
    }

    /// Has a write failed? The other writers check this and stop.
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// Writes one file, given its path relative to the output folder. Returns the file's
    /// stamp, which the build cache keeps to know the file again.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<Stamp, OutputError> {
        if !writable(rel) {
            return Err(OutputError::UnsafePath(rel.to_string()));
        }
        let result = self.write_file(rel, bytes);
        if result.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        } else {
            self.record(rel);
        }
        result
    }

    /// Did the previous build write `rel`? Only its files are compared or linked.
    fn previously_written(&self, rel: &str) -> bool {
        self.previous
            .as_ref()
            .is_some_and(|m| m.files.contains(rel))
    }

    /// The output folder, as an absolute path with what exists of it resolved.
    pub fn output(&self) -> &Path {
        &self.out
    }

    fn record(&self, rel: &str) {
        self.files
            .lock()
            .expect("no panics while holding the lock")
            .push(Box::from(rel));
    }

    fn ensure_parent(&self, rel: &str) -> Result<(), OutputError> {
        if let Some((dir, _)) = rel.rsplit_once('/')
            && !self.dirs.contains(dir)
        {
            let dir = self.tmp.join(dir);
            fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        }
        Ok(())
    }

    fn write_file(&self, rel: &str, bytes: &[u8]) -> Result<Stamp, OutputError> {
        let target = self.tmp.join(rel);
        self.ensure_parent(rel)?;
        if self.previously_written(rel) {
            let previous = self.out.join(rel);
            if let Some(stamp) = same_content(&previous, bytes)
                && fs::hard_link(&previous, &target).is_ok()
            {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(stamp);
            }
        }
        let mut file = fs::File::create(&target).map_err(io_err(&target))?;
        io::Write::write_all(&mut file, bytes).map_err(io_err(&target))?;
        let meta = file.metadata().map_err(io_err(&target))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(Stamp::of(&meta))
    }

    /// Carries a page of the previous build into the new site unchanged (a hard link, so it
    /// keeps its modification time), if Gazette wrote it and it still has the `stamp` the
    /// build cache recorded: a file edited by hand since is rendered again instead. Returns
    /// whether it was carried over.
    pub fn keep_previous(&self, rel: &str, stamp: Stamp) -> bool {
        if !writable(rel) || !self.previously_written(rel) {
            return false;
        }
        let previous = self.out.join(rel);
        let unchanged =
            fs::symlink_metadata(&previous).is_ok_and(|m| m.is_file() && Stamp::of(&m) == stamp);
        if !unchanged
            || self.ensure_parent(rel).is_err()
            || fs::hard_link(&previous, self.tmp.join(rel)).is_err()
        {
            return false;
        }
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.record(rel);
        true
    }

    /// Swaps the finished site in place of the old one, carrying over what the user put in
    /// the old one, then deletes the old site's own files.
    pub fn commit(mut self) -> Result<Committed, OutputError> {
        let mut notes = std::mem::take(&mut self.notes);
        let previous = self.previous.take();
        let mut files =
            std::mem::take(&mut *self.files.lock().expect("no panics while holding the lock"));
        files.sort_unstable();
        let old_tree = match &previous {
            Some(m) if self.out.is_dir() => Some(survey(&self.out, m)),
            _ => None,
        };
        let keep = old_tree.as_ref().map(|t| &t.foreign[..]).unwrap_or(&[]);
        // A file of the user's where the new site has one: stop, before anything moves.
        let mut adopted = Vec::new();
        for rel in keep {
            let new = self.tmp.join(rel);
            if fs::symlink_metadata(&new).is_ok() {
                if same_file_content(&self.out.join(rel), &new) {
                    adopted.push(rel.clone());
                } else {
                    return Err(OutputError::InTheWay(self.out.join(rel)));
                }
            }
        }
        let keep: Vec<&String> = keep.iter().filter(|r| !adopted.contains(r)).collect();
        let mentioned = previous.as_ref().map(|m| &m.kept);
        let new_mentions: Vec<&str> = keep
            .iter()
            .map(|r| r.as_str())
            .filter(|r| mentioned.is_none_or(|k| !already_mentioned(k, r)))
            .collect();
        if !new_mentions.is_empty() {
            notes.push(format!(
                "kept {} in {} that Gazette did not write: {}",
                plural(new_mentions.len(), "file or folder", "files or folders"),
                self.out.display(),
                crate::diagnostics::escape_list(&new_mentions, 8)
            ));
        }

        // 1. The new marker, naming the folder that is about to become `out`.
        let marker = self.tmp.join(MARKER);
        let text = Manifest::render(identity(&self.tmp), &files, &keep);
        write_atomically(&marker, text.as_bytes())?;
        // 2. The user's files into the new site. A kill from here on leaves a staging folder
        //    whose list does not name them, so the next sweep moves them back.
        let mut moved: Vec<&String> = Vec::new();
        for rel in &keep {
            let (from, to) = (self.out.join(rel), self.tmp.join(rel));
            let result = match to.parent() {
                Some(p) => fs::create_dir_all(p).and_then(|()| fs::rename(&from, &to)),
                None => fs::rename(&from, &to),
            };
            if let Err(e) = result {
                for rel in moved {
                    let _ = fs::rename(self.tmp.join(rel), self.out.join(rel));
                }
                return Err(OutputError::Io {
                    path: from,
                    source: e,
                });
            }
            moved.push(rel);
        }
        // 3. The swap; afterwards `tmp` holds the old site.
        let swapped = if self.out.exists() {
            exchange(&self.tmp, &self.out)
        } else {
            fs::rename(&self.tmp, &self.out).map(|()| false)
        };
        let swapped = match swapped {
            Ok(s) => s,
            Err(e) => {
                for rel in moved {
                    let _ = fs::rename(self.tmp.join(rel), self.out.join(rel));
                }
                return Err(OutputError::Io {
                    path: self.out.clone(),
                    source: e,
                });
            }
        };
        self.committed = true;
        // 4. The old site's own files. Anything left over falls to the next build's sweep.
        if swapped {
            if let Some(mut tree) = old_tree {
                tree.files.extend(adopted);
                tree.rebase(&self.out, &self.tmp);
                tree.delete();
            }
            if self.tmp.exists()
                && let Err(note) = dispose(&self.tmp, &self.out)
            {
                notes.push(note);
            }
        }
        Ok(Committed {
            output: self.out.clone(),
            notes,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        // Once files of the user's may have moved in, only the listed ones are Gazette's.
        match read_marker(&self.tmp) {
            Some(Marker::Complete(_)) => {
                let _ = dispose(&self.tmp, &self.out);
            }
            _ => remove_tree(&self.tmp),
        }
    }
}

/// May a build write `rel`: a plain path inside the output, not the marker, and (as the marker
/// lists one file per line) no control characters.
fn writable(rel: &str) -> bool {
    is_safe_relative(rel) && rel != MARKER && !rel.chars().any(char::is_control)
}

/// Is the file at `path` a regular file holding exactly `bytes`? Its stamp if so.
fn same_content(path: &Path, bytes: &[u8]) -> Option<Stamp> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(path)
            .is_ok_and(|old| old == bytes)
            .then(|| Stamp::of(&m)),
        _ => None,
    }
}

/// What tells a file Gazette wrote from the same path rewritten since: size, modification
/// time and inode. A hard link into the next build keeps all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: i128,
    pub inode: u64,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified_ns: i128::from(meta.mtime()) * 1_000_000_000
                    + i128::from(meta.mtime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let modified_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            Stamp {
                len: meta.len(),
                modified_ns,
                inode: 0,
            }
        }
    }
}

/// Are `a` and `b` regular files with the same bytes? Only asked when a file of the user's
/// collides with one of the new site, which is rare.
fn same_file_content(a: &Path, b: &Path) -> bool {
    fs::symlink_metadata(b).is_ok_and(|m| m.is_file())
        && fs::read(b).is_ok_and(|bytes| same_content(a, &bytes).is_some())
}

/// Was `rel`, something inside it or something it lies in named in an earlier report? A
/// folder that held a kept file becomes wholly the user's once Gazette's pages leave it.
fn already_mentioned(kept: &FxHashSet<String>, rel: &str) -> bool {
    kept.contains(rel)
        || kept.iter().any(|k| {
            let (a, b) = if k.len() > rel.len() {
                (k.as_str(), rel)
            } else {
                (rel, k.as_str())
            };
            a.starts_with(b) && a.as_bytes().get(b.len()) == Some(&b'/')
        })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Resolve what exists (symlinks, `..`) so the overlap check compares real paths.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

#[cfg(test)]
mod tests;
