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

/// Marks a folder as written by Gazette and lists the files it wrote there.
pub const MARKER: &str = ".gazette-output";
/// First word of a marker; markers of versions before the file list have other text.
const MARKER_MAGIC: &str = "gazette-output 2";
/// Staging folders are named `.<output>.gazette-staging-<pid>-<n>`, next to the output.
const STAGING_INFIX: &str = ".gazette-staging-";
/// The largest marker read back (a list of 2 million files).
const MAX_MARKER_BYTES: u64 = 256 * 1024 * 1024;

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

    /// Writes one file, given its path relative to the output folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        // The marker lists one file per line, so no control characters in names.
        if !is_safe_relative(rel) || rel == MARKER || rel.chars().any(char::is_control) {
            return Err(OutputError::UnsafePath(rel.to_string()));
        }
        let result = self.write_file(rel, bytes);
        if result.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        } else {
            self.files
                .lock()
                .expect("no panics while holding the lock")
                .push(Box::from(rel));
        }
        result
    }

    fn write_file(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let target = self.tmp.join(rel);
        if let Some((dir, _)) = rel.rsplit_once('/')
            && !self.dirs.contains(dir)
        {
            let dir = self.tmp.join(dir);
            fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        }
        if self
            .previous
            .as_ref()
            .is_some_and(|m| m.files.contains(rel))
        {
            let previous = self.out.join(rel);
            if same_content(&previous, bytes) && fs::hard_link(&previous, &target).is_ok() {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        fs::write(&target, bytes).map_err(io_err(&target))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
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

const STAGING_TEXT: &str =
    "This folder is being written by Gazette; it becomes the output folder when complete.\n";
const COMPLETE_TEXT: &str = "This folder was written by Gazette. The next build replaces or removes the files listed below (one per line, after the first three) and keeps everything else; lines starting with + are files of yours it has seen.\n";

/// The file list of a finished output, as read back from its marker.
#[derive(Debug, Default)]
struct Manifest {
    /// The folder the marker was written for (`device:inode`), when the system has them.
    identity: Option<String>,
    files: FxHashSet<String>,
    /// Folders holding listed files, all ancestors included.
    dirs: FxHashSet<String>,
    /// Files of the user's already mentioned in a report.
    kept: FxHashSet<String>,
}

/// What a marker file says about its folder.
#[derive(Debug)]
enum Marker {
    /// A staging folder still being filled: everything in it is Gazette's.
    Staging,
    /// A finished site.
    Complete(Manifest),
    /// A marker of a version that kept no list.
    Legacy,
}

impl Manifest {
    fn render(identity: Option<String>, files: &[Box<str>], kept: &[&String]) -> String {
        let mut text =
            String::with_capacity(files.iter().map(|f| f.len() + 1).sum::<usize>() + 256);
        text.push_str(MARKER_MAGIC);
        text.push_str(" folder=");
        text.push_str(identity.as_deref().unwrap_or("-"));
        text.push('\n');
        text.push_str(COMPLETE_TEXT);
        text.push_str("--\n");
        for k in kept {
            text.push('+');
            text.push_str(k);
            text.push('\n');
        }
        for f in files {
            text.push_str(f);
            text.push('\n');
        }
        text
    }

    fn parse(text: &str) -> Marker {
        let mut lines = text.lines();
        let Some(first) = lines.next().and_then(|l| l.strip_prefix(MARKER_MAGIC)) else {
            return Marker::Legacy;
        };
        if first.trim() == "staging" {
            return Marker::Staging;
        }
        let identity = first
            .trim()
            .strip_prefix("folder=")
            .filter(|i| *i != "-")
            .map(str::to_string);
        let mut m = Manifest {
            identity,
            ..Manifest::default()
        };
        for line in lines.skip_while(|l| *l != "--").skip(1) {
            if let Some(k) = line.strip_prefix('+') {
                m.kept.insert(k.to_string());
            } else if is_safe_relative(line) {
                let mut rest = line;
                while let Some((d, _)) = rest.rsplit_once('/') {
                    if !m.dirs.insert(d.to_string()) {
                        break;
                    }
                    rest = d;
                }
                m.files.insert(line.to_string());
            }
        }
        Marker::Complete(m)
    }
}

fn read_marker(dir: &Path) -> Option<Marker> {
    let path = dir.join(MARKER);
    fs::symlink_metadata(&path).ok()?;
    match crate::files::read_regular(&path, MAX_MARKER_BYTES) {
        Ok(bytes) => Some(Manifest::parse(&String::from_utf8_lossy(&bytes))),
        // A marker that is not a readable file proves nothing.
        Err(_) => Some(Marker::Legacy),
    }
}

/// The previous site in `out`, if any, or why it must not be touched.
fn previous_site(out: &Path) -> Result<Option<Manifest>, OutputError> {
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(OutputError::Io {
                path: out.to_path_buf(),
                source: e,
            });
        }
    };
    if !meta.is_dir() {
        return Err(OutputError::Foreign(out.to_path_buf()));
    }
    match read_marker(out) {
        Some(Marker::Complete(m)) => {
            if m.identity.is_some() && m.identity != identity(out) {
                return Err(OutputError::Copied(out.to_path_buf()));
            }
            Ok(Some(m))
        }
        Some(Marker::Legacy) => Err(OutputError::Legacy(out.to_path_buf())),
        Some(Marker::Staging) => Err(OutputError::Foreign(out.to_path_buf())),
        None => {
            // An empty folder, or a deploy checkout holding only hidden entries (`.git`,
            // `.nojekyll`): nothing of Gazette's, nothing in the way.
            let only_hidden = fs::read_dir(out)
                .map_err(io_err(out))?
                .filter_map(Result::ok)
                .all(|e| e.file_name().as_encoded_bytes().starts_with(b"."));
            if only_hidden {
                Ok(Some(Manifest::default()))
            } else {
                Err(OutputError::Foreign(out.to_path_buf()))
            }
        }
    }
}

/// A folder's place on its device, written into its marker so that a copied marker does not
/// vouch for the copy.
fn identity(dir: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = fs::metadata(dir).ok()?;
        Some(format!("{}:{}", m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Takes the lock that keeps two builds from swapping the same folder at once.
fn lock_folder(parent: &Path) -> Result<Option<fs::File>, OutputError> {
    #[cfg(unix)]
    {
        // A lock on the parent folder itself: no lock file to leave behind.
        let Ok(dir) = fs::File::open(parent) else {
            return Ok(None);
        };
        match dir.try_lock() {
            Ok(()) => Ok(Some(dir)),
            Err(fs::TryLockError::WouldBlock) => Err(OutputError::Busy(parent.to_path_buf())),
            // Locks not supported here: build without one.
            Err(fs::TryLockError::Error(_)) => Ok(None),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = parent;
        Ok(None)
    }
}

fn fresh_staging_name(parent: &Path, name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    parent.join(format!(
        ".{name}{STAGING_INFIX}{}-{nanos}",
        std::process::id()
    ))
}

/// Is `file_name` a staging folder of the output `name`, or the `.<name>.old` folder that
/// versions before the sweep could leave?
fn is_leftover(file_name: &str, name: &str) -> bool {
    file_name
        .strip_prefix('.')
        .and_then(|r| r.strip_prefix(name))
        .is_some_and(|r| r.starts_with(STAGING_INFIX) || r == ".old")
}

/// Cleans up after builds that were killed: called with the build lock held, so every
/// leftover is dead. Returns notes for the report.
fn sweep(parent: &Path, name: &str, out: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut leftovers: Vec<(std::time::SystemTime, PathBuf, Marker)> = Vec::new();
    let mut notes = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        if !is_leftover(&file_name.to_string_lossy(), name)
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        let path = entry.path();
        match read_marker(&path) {
            Some(marker) => {
                let time = fs::metadata(path.join(MARKER))
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                leftovers.push((time, path, marker));
            }
            // Killed between making the folder and marking it.
            None if fs::remove_dir(&path).is_ok() => {}
            None => notes.push(format!(
                "left {} alone: it looks like a Gazette staging folder but has no marker",
                crate::diagnostics::escape_path(&path)
            )),
        }
    }
    // Newest first: if `out` went missing between two renames, the newest complete site
    // takes its place.
    leftovers.sort_by_key(|l| std::cmp::Reverse(l.0));
    let mut removed = 0;
    for (_, path, marker) in leftovers {
        let result = match marker {
            Marker::Complete(_) if !out.exists() => {
                fs::rename(&path, out).map_err(|e| format!("{}: {e}", path.display()))
            }
            Marker::Complete(_) => dispose(&path, out),
            Marker::Staging | Marker::Legacy => {
                remove_tree(&path);
                if path.exists() {
                    Err(format!(
                        "could not remove {}; the next build tries again",
                        crate::diagnostics::escape_path(&path)
                    ))
                } else {
                    Ok(())
                }
            }
        };
        match result {
            Ok(()) => removed += 1,
            Err(note) => notes.push(note),
        }
    }
    if removed > 0 {
        notes.push(format!(
            "removed {} left by an interrupted build",
            plural(removed, "folder", "folders")
        ));
    }
    notes
}

/// Empties a finished site that is no longer the output: its listed files are deleted, and
/// anything else goes back into `out` where nothing has its name. The `Err` note names what
/// could not go.
fn dispose(dir: &Path, out: &Path) -> Result<(), String> {
    let tree = match read_marker(dir) {
        Some(Marker::Complete(m)) => survey(dir, &m),
        _ => Tree::default(),
    };
    for rel in &tree.foreign {
        let (from, to) = (dir.join(rel), out.join(rel));
        if fs::symlink_metadata(&to).is_err() {
            let _ = to
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::rename(&from, &to));
        }
    }
    tree.delete();
    if dir.exists() {
        Err(format!(
            "kept {}: it holds files Gazette did not write whose names are taken in {}; look through it and delete it",
            crate::diagnostics::escape_path(dir),
            crate::diagnostics::escape_path(out)
        ))
    } else {
        Ok(())
    }
}

/// A finished site on disk, sorted into what Gazette wrote and what it did not.
#[derive(Debug, Default)]
struct Tree {
    root: PathBuf,
    /// Listed files, relative to `root`.
    files: Vec<String>,
    /// Folders holding listed files, deepest first, relative to `root`.
    dirs: Vec<String>,
    /// Entries Gazette did not write, each the topmost of its kind (a whole `.git`).
    foreign: Vec<String>,
}

/// Walks `root` without following links, sorting each entry by `manifest`. A listed folder
/// that has become a symbolic link is foreign, so deleting never follows a link out.
fn survey(root: &Path, manifest: &Manifest) -> Tree {
    let mut tree = Tree {
        root: root.to_path_buf(),
        ..Tree::default()
    };
    let mut dirs = Vec::new();
    let mut walk = walkdir::WalkDir::new(root).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        let Some(rel) = entry
            .path()
            .strip_prefix(root)
            .ok()
            .and_then(|r| r.to_str())
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            walk.skip_current_dir();
            continue;
        };
        let kind = entry.file_type();
        if rel == MARKER {
            tree.files.push(rel);
        } else if kind.is_dir() && manifest.dirs.contains(&rel) {
            dirs.push((entry.depth(), rel));
        } else if !kind.is_dir() && manifest.files.contains(&rel) {
            tree.files.push(rel);
        } else {
            if kind.is_dir() {
                walk.skip_current_dir();
            }
            tree.foreign.push(rel);
        }
    }
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    tree.dirs = dirs.into_iter().map(|(_, d)| d).collect();
    tree
}

impl Tree {
    /// The same tree after it moved from `from` to `to`.
    fn rebase(&mut self, from: &Path, to: &Path) {
        debug_assert_eq!(self.root, from);
        self.root = to.to_path_buf();
    }

    /// Deletes the listed files from all threads, then the folders deepest first (1,100 ms
    /// for 16,000 files one after another at 10,000 articles, 800-900 ms this way). The
    /// marker goes last, with the root, and only once nothing else is left: if anything stays
    /// (a file of the user's inside), the marker stays with it for the next sweep.
    fn delete(&self) {
        self.files
            .par_iter()
            .filter(|f| *f != MARKER)
            .for_each(|f| {
                remove_entry(&self.root.join(f), false);
            });
        let mut i = 0;
        while i < self.dirs.len() {
            let depth = self.dirs[i].matches('/').count();
            let end = self.dirs[i..]
                .iter()
                .position(|d| d.matches('/').count() != depth)
                .map_or(self.dirs.len(), |n| i + n);
            self.dirs[i..end].par_iter().for_each(|d| {
                remove_entry(&self.root.join(d), true);
            });
            i = end;
        }
        let only_marker = fs::read_dir(&self.root).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .all(|e| e.file_name() == MARKER)
        });
        if only_marker {
            remove_entry(&self.root.join(MARKER), false);
            remove_entry(&self.root, true);
        }
    }
}

/// Removes a file or an empty folder; a folder of Gazette's made read-only is made
/// writable first, as deleting from it would otherwise fail.
fn remove_entry(path: &Path, dir: bool) {
    let remove = |p: &Path| {
        if dir {
            fs::remove_dir(p)
        } else {
            fs::remove_file(p)
        }
    };
    if let Err(e) = remove(path)
        && e.kind() == io::ErrorKind::PermissionDenied
        && let Some(parent) = path.parent()
        && make_writable(parent)
    {
        let _ = remove(path);
    }
}

fn make_writable(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = fs::symlink_metadata(dir) else {
            return false;
        };
        let mode = meta.permissions().mode();
        fs::set_permissions(dir, fs::Permissions::from_mode(mode | 0o700)).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Removes a folder everything in which is Gazette's (a staging folder): files from all
/// threads, then folders deepest first. Read-only folders inside are made writable.
fn remove_tree(dir: &Path) {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir() {
            make_writable(entry.path());
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    dirs.sort_unstable_by_key(|d| std::cmp::Reverse(d.0));
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        level.par_iter().for_each(|(_, d)| {
            let _ = fs::remove_dir(d);
        });
    }
}

/// Trades the places of two folders. `Ok(true)`: swapped, `b`'s old contents are now at `a`.
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
        let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: both are valid NUL-terminated paths for the duration of the call.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        // Not supported by this kernel or file system: fall back to two renames.
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    // `b` is away under a staging name, so a kill in between leaves a marked, complete site
    // that the next sweep moves back if `b` is missing.
    let aside = a.with_file_name(format!(
        "{}-old",
        a.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)?;
    Ok(true)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let part = path.with_extension("part");
    fs::write(&part, bytes).map_err(io_err(&part))?;
    fs::rename(&part, path).map_err(io_err(path))
}

fn same_content(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

fn same_file_content(a: &Path, b: &Path) -> bool {
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(ma), Ok(mb)) if ma.is_file() && mb.is_file() && ma.len() == mb.len() => {
            matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y)
        }
        _ => false,
    }
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
mod tests {
    use super::*;

    /// A temporary folder holding an empty site folder `site`; the output is `out` beside it.
    fn site_folder() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("out");
        (dir, root, out)
    }

    fn build(root: &Path, out: &Path, files: &[(&str, &str)]) -> Committed {
        let s = Staging::begin(root, out).unwrap();
        for (rel, text) in files {
            s.write(rel, text.as_bytes()).unwrap();
        }
        s.commit().unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn failed_build_leaves_previous_output() {
        let (dir, root, out) = site_folder();
        build(&root, &out, &[("index.html", "one")]);
        {
            let s = Staging::begin(&root, &out).unwrap();
            s.write("index.html", b"two").unwrap();
            // dropped without commit
        }
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["out", "site"]);
    }

    #[test]
    fn refuses_foreign_folders_unsafe_paths_and_outputs_inside_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mine");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), b"precious").unwrap();
        assert!(matches!(
            Staging::begin(dir.path(), &out),
            Err(OutputError::Overlaps(_)) | Err(OutputError::Foreign(_))
        ));
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        assert!(matches!(
            Staging::begin(&root, &out),
            Err(OutputError::Foreign(_))
        ));
        assert!(matches!(
            Staging::begin(&root, &root),
            Err(OutputError::Overlaps(_))
        ));
        for inside in ["static/out", "content/x", "templates/o", "themes/t/out"] {
            assert!(
                matches!(
                    Staging::begin(&root, &root.join(inside)),
                    Err(OutputError::Inside(..))
                ),
                "{inside}"
            );
        }
        let s = Staging::begin(&root, &dir.path().join("out")).unwrap();
        for bad in ["../escape.html", "/abs.html", "a\nb.html", MARKER] {
            assert!(
                matches!(s.write(bad, b"x"), Err(OutputError::UnsafePath(_))),
                "{bad:?}"
            );
        }
        assert_eq!(fs::read(out.join("thesis.docx")).unwrap(), b"precious");
    }

    #[test]
    fn unchanged_files_keep_their_inode() {
        let (_dir, root, out) = site_folder();
        build(&root, &out, &[("a.html", "same"), ("b.html", "old")]);
        let before = fs::metadata(out.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let s = Staging::begin(&root, &out).unwrap();
        s.write("a.html", b"same").unwrap();
        s.write("b.html", b"new").unwrap();
        assert_eq!(s.unchanged.load(Ordering::Relaxed), 1);
        s.commit().unwrap();
        let after = fs::metadata(out.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(after, before);
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"new");
    }

    #[test]
    fn rebuild_removes_stale_pages_but_keeps_the_users_files_and_link_targets() {
        let (dir, root, out) = site_folder();
        let keep = dir.path().join("keep");
        fs::create_dir_all(&keep).unwrap();
        fs::write(keep.join("precious.txt"), b"x").unwrap();
        let old: Vec<(String, &str)> = (0..50)
            .map(|i| (format!("2024/01/{i:02}/a/index.html"), "old"))
            .collect();
        let old: Vec<(&str, &str)> = old.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        build(&root, &out, &old);
        // What a user (or a deploy tool) adds to the output folder.
        fs::create_dir_all(out.join(".git/objects")).unwrap();
        fs::write(out.join(".git/HEAD"), b"ref").unwrap();
        fs::write(out.join("CNAME"), b"news.example.org").unwrap();
        fs::write(out.join("2024/01/00/mine.txt"), b"mine").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&keep, out.join("2024/linked")).unwrap();
        let done = build(&root, &out, &[("index.html", "new")]);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
        assert_eq!(fs::read(out.join(".git/HEAD")).unwrap(), b"ref");
        assert_eq!(fs::read(out.join("CNAME")).unwrap(), b"news.example.org");
        assert_eq!(fs::read(out.join("2024/01/00/mine.txt")).unwrap(), b"mine");
        assert!(!out.join("2024/01/01").exists(), "stale pages are removed");
        assert!(!out.join("2024/01/00/a").exists());
        assert_eq!(fs::read(keep.join("precious.txt")).unwrap(), b"x");
        assert_eq!(names(dir.path()), ["keep", "out", "site"]);
        assert_eq!(done.notes.len(), 1, "{:?}", done.notes);
        assert!(done.notes[0].contains("CNAME"), "{:?}", done.notes);
        // Mentioned once: the next build keeps them quietly.
        let again = build(&root, &out, &[("index.html", "newer")]);
        assert!(again.notes.is_empty(), "{:?}", again.notes);
        assert_eq!(fs::read(out.join("CNAME")).unwrap(), b"news.example.org");
    }

    #[test]
    fn a_users_file_where_the_site_writes_one_stops_the_build() {
        let (_dir, root, out) = site_folder();
        build(&root, &out, &[("index.html", "one")]);
        fs::write(out.join("robots.txt"), b"mine").unwrap();
        let s = Staging::begin(&root, &out).unwrap();
        s.write("index.html", b"two").unwrap();
        s.write("robots.txt", b"site's").unwrap();
        assert!(matches!(s.commit(), Err(OutputError::InTheWay(_))));
        assert_eq!(fs::read(out.join("robots.txt")).unwrap(), b"mine");
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
    }

    #[test]
    fn a_copied_marker_does_not_make_a_folder_replaceable() {
        let (dir, root, out) = site_folder();
        build(&root, &out, &[("index.html", "one")]);
        let other = dir.path().join("other");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("index.html"), b"precious").unwrap();
        fs::copy(out.join(MARKER), other.join(MARKER)).unwrap();
        assert!(matches!(
            Staging::begin(&root, &other),
            Err(OutputError::Copied(_))
        ));
        fs::write(other.join(MARKER), b"This folder was written by Gazette").unwrap();
        assert!(matches!(
            Staging::begin(&root, &other),
            Err(OutputError::Legacy(_))
        ));
        assert_eq!(fs::read(other.join("index.html")).unwrap(), b"precious");
    }

    #[test]
    fn a_deploy_checkout_with_only_hidden_entries_is_built_into() {
        let (_dir, root, out) = site_folder();
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), b"ref").unwrap();
        build(&root, &out, &[("index.html", "one")]);
        assert_eq!(fs::read(out.join(".git/HEAD")).unwrap(), b"ref");
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
    }

    /// A staging folder as a build killed at each point leaves it.
    fn leftover(dir: &Path, n: u32, marker: &str, files: &[(&str, &str)]) -> PathBuf {
        let path = dir.join(format!(".out{STAGING_INFIX}1-{n}"));
        fs::create_dir_all(&path).unwrap();
        fs::write(path.join(MARKER), marker).unwrap();
        for (rel, text) in files {
            let p = path.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        path
    }

    #[test]
    fn leftovers_of_killed_builds_are_swept_and_the_users_files_go_home() {
        let (dir, root, out) = site_folder();
        build(&root, &out, &[("index.html", "one")]);
        let staging = format!("{MARKER_MAGIC} staging\n");
        let complete = format!("{MARKER_MAGIC} folder=-\n{COMPLETE_TEXT}--\nindex.html\n");
        // Killed while writing pages.
        leftover(dir.path(), 1, &staging, &[("a/index.html", "x")]);
        // Killed while moving the user's files into a finished site.
        leftover(
            dir.path(),
            2,
            &complete,
            &[("index.html", "two"), ("CNAME", "c")],
        );
        // Killed with an empty folder; and an old version's `.out.old`.
        fs::create_dir_all(dir.path().join(format!(".out{STAGING_INFIX}1-3"))).unwrap();
        fs::create_dir_all(dir.path().join(".out.old/x")).unwrap();
        fs::write(
            dir.path().join(".out.old").join(MARKER),
            "This folder was written by Gazette",
        )
        .unwrap();
        // Read-only folders inside do not stop the sweep.
        let ro = leftover(dir.path(), 4, &staging, &[("ro/index.html", "x")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(ro.join("ro"), fs::Permissions::from_mode(0o555)).unwrap();
        }
        let done = build(&root, &out, &[("index.html", "three")]);
        assert_eq!(names(dir.path()), ["out", "site"], "{:?}", done.notes);
        assert_eq!(fs::read(out.join("CNAME")).unwrap(), b"c");
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"three");
    }

    #[test]
    fn a_missing_output_is_restored_from_a_complete_leftover() {
        let (dir, root, out) = site_folder();
        let complete = format!("{MARKER_MAGIC} folder=-\n{COMPLETE_TEXT}--\nindex.html\n");
        leftover(dir.path(), 1, &complete, &[("index.html", "old site")]);
        let s = Staging::begin(&root, &out).unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"old site");
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(names(dir.path()), ["out", "site"]);
    }

    #[test]
    fn a_read_only_folder_in_the_old_site_is_removed() {
        let (dir, root, out) = site_folder();
        build(
            &root,
            &out,
            &[("a/b/index.html", "x"), ("index.html", "one")],
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(out.join("a/b"), fs::Permissions::from_mode(0o555)).unwrap();
        }
        let done = build(&root, &out, &[("index.html", "two")]);
        assert!(done.notes.is_empty(), "{:?}", done.notes);
        assert_eq!(names(dir.path()), ["out", "site"]);
        assert!(!out.join("a").exists());
    }
}
