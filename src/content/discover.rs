//! Finding the content files: which files under `content/` are read, in what order, and a
//! warning for each that looks like content but is not read.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{CONTENT_DIR, FileKind};
use crate::diagnostics::Diagnostic;

/// The kind of content file a path (relative to the site root) is; `None` for files Gazette does not read
/// (other extensions, hidden files, editor back-ups and swap files).
pub fn file_kind(rel: &Path) -> Option<FileKind> {
    let mut parts = rel.components().map(|c| c.as_os_str().to_str());
    if parts.next()? != Some(CONTENT_DIR) {
        return None;
    }
    let section = parts.next()??;
    let name = rel.file_name()?.to_str()?;
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_str().is_none_or(|s| s.starts_with('.')));
    if hidden || name.ends_with('~') || name.starts_with('#') {
        return None;
    }
    let ext = Path::new(name).extension()?.to_str()?;
    match (section, ext) {
        ("articles", "txt") => Some(FileKind::TextArticle),
        ("articles", "md") => Some(FileKind::MarkdownArticle),
        ("notes", "md") => Some(FileKind::Note),
        ("actors", "md") => Some(FileKind::ActorProfile),
        ("topics", "md") => Some(FileKind::TopicProfile),
        _ => None,
    }
}

/// Every content file of a site, relative to `root`, sorted, and a diagnostic for each thing
/// that looks like content but is not read: a FIFO or device named `*.txt`, a broken or
/// looping link, a folder that cannot be read, `UP.TXT`, a link leading out of the site.
pub fn discover(
    root: &Path,
    outside_symlinks: bool,
) -> (Vec<(PathBuf, FileKind)>, Vec<Diagnostic>) {
    // Symbolic links are followed (a folder of articles linked in from elsewhere in the site
    // is common); walkdir detects loops. Links leading out of the site folder are refused
    // unless the site allows them: a link to /etc would otherwise be published.
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut walk = walkdir::WalkDir::new(root.join(CONTENT_DIR))
        .follow_links(true)
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diags.extend(walk_problem(root, &e));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(root).map(Path::to_path_buf) else {
            continue;
        };
        if ignored_name(&rel) {
            if entry.file_type().is_dir() && entry.depth() > 0 {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() && !outside_symlinks && leads_outside(&real_root, entry.path()) {
            diags.push(Diagnostic::error(
                rel,
                None,
                "symbolic link leads outside the site folder and is not followed; to publish what it points to, set `security: {outside_symlinks: true}` in gazette.yaml",
            ));
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        match file_kind(&rel) {
            Some(kind) if entry.file_type().is_file() => files.push((rel, kind)),
            Some(_) => diags.push(Diagnostic::warning(
                rel,
                None,
                format!(
                    "skipped: this is {}, and only regular files are read",
                    crate::files::kind_name(&entry.file_type())
                ),
            )),
            None => diags.extend(near_miss(&rel).map(|m| Diagnostic::warning(rel, None, m))),
        }
    }
    files.par_sort_by_cached_key(|(path, _)| path_sort_key(path));
    (files, diags)
}

/// Does `path`, with every link resolved, lie outside the site folder `real_root`
/// (canonical)? A path that cannot be resolved counts as outside.
pub(super) fn leads_outside(real_root: &Path, path: &Path) -> bool {
    !std::fs::canonicalize(path).is_ok_and(|t| t.starts_with(real_root))
}

/// Hidden files, editor back-ups and lock files: skipped without a word (Emacs lock files
/// `.#x.md` are links to nowhere, by design).
fn ignored_name(rel: &Path) -> bool {
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    rel.components()
        .skip(1)
        .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."))
        || name.ends_with('~')
        || name.starts_with('#')
}

/// Why a file that looks like content is not read: `content/articles/UP.TXT` (extensions are
/// matched in lower case) or `content/x.md` (outside the four content folders).
fn near_miss(rel: &Path) -> Option<String> {
    let name = rel.file_name()?.to_str()?;
    let ext = Path::new(name).extension()?.to_str()?;
    let lower = ext.to_ascii_lowercase();
    if lower != "txt" && lower != "md" {
        return None;
    }
    if ext != lower {
        let renamed = rel.with_extension(&lower);
        if file_kind(&renamed).is_some() {
            return Some(format!(
                "not read: extensions are matched in lower case; rename it to `{}`",
                renamed.file_name()?.to_string_lossy()
            ));
        }
    }
    Some(format!(
        "not read: content files go in content/articles/ (.txt or .md), content/notes/, content/actors/ or content/topics/ (.md); `.{ext}` files elsewhere are ignored"
    ))
}

/// A walk error as a warning: a broken or looping link, an unreadable folder.
fn walk_problem(root: &Path, e: &walkdir::Error) -> Option<Diagnostic> {
    let path = e.path()?;
    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    if ignored_name(&rel) {
        return None;
    }
    let message = if e.loop_ancestor().is_some() {
        "skipped: symbolic link loop".to_string()
    } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err()
    {
        "skipped: symbolic link to nothing (broken link)".to_string()
    } else {
        match e.io_error() {
            Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                "skipped: cannot be read (permission denied); nothing inside it is read".to_string()
            }
            Some(io) => format!("skipped: cannot be read: {io}"),
            None => format!("skipped: {e}"),
        }
    };
    Some(Diagnostic::warning(rel, None, message))
}

/// A key that orders paths as `Path` does, component by component, but compares as bytes:
/// the separator becomes the lowest byte, so a folder's files come before a longer name with
/// the same start (`a/b` before `a-b`). Comparing components directly took a sixth of a
/// second for 100,000 files.
pub(super) fn path_sort_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len());
    for (i, c) in path.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
    }
    key
}
