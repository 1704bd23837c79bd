//! The marker file `.gazette-output`: which folder it was written for and which files
//! Gazette wrote there, so only those are ever replaced or deleted.

use std::fs;
use std::io;
use std::path::Path;

use rustc_hash::FxHashSet;

use super::{MARKER, OutputError, io_err};
use crate::site::urls::is_safe_relative;

/// First word of a marker; markers of versions before the file list have other text.
pub(super) const MARKER_MAGIC: &str = "gazette-output 2";
/// The largest marker read back (a list of 2 million files).
pub(super) const MAX_MARKER_BYTES: u64 = 256 * 1024 * 1024;

pub(super) const STAGING_TEXT: &str =
    "This folder is being written by Gazette; it becomes the output folder when complete.\n";
pub(super) const COMPLETE_TEXT: &str = "This folder was written by Gazette. The next build replaces or removes the files listed below (one per line, after the first three) and keeps everything else; lines starting with + are files of yours it has seen.\n";

/// The file list of a finished output, as read back from its marker.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    /// The folder the marker was written for (`device:inode`), when the system has them.
    pub(super) identity: Option<String>,
    pub(super) files: FxHashSet<String>,
    /// Folders holding listed files, all ancestors included.
    pub(super) dirs: FxHashSet<String>,
    /// Files of the user's already mentioned in a report.
    pub(super) kept: FxHashSet<String>,
}

/// What a marker file says about its folder.
#[derive(Debug)]
pub(super) enum Marker {
    /// A staging folder still being filled: everything in it is Gazette's.
    Staging,
    /// A finished site.
    Complete(Manifest),
    /// A marker of a version that kept no list.
    Legacy,
}

impl Manifest {
    pub(super) fn render(identity: Option<String>, files: &[Box<str>], kept: &[&String]) -> String {
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

    pub(super) fn parse(text: &str) -> Marker {
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

pub(super) fn read_marker(dir: &Path) -> Option<Marker> {
    let path = dir.join(MARKER);
    fs::symlink_metadata(&path).ok()?;
    match crate::files::read_regular(&path, MAX_MARKER_BYTES) {
        Ok(bytes) => Some(Manifest::parse(&String::from_utf8_lossy(&bytes))),
        // A marker that is not a readable file proves nothing.
        Err(_) => Some(Marker::Legacy),
    }
}

/// The previous site in `out`, if any, or why it must not be touched.
pub(super) fn previous_site(out: &Path) -> Result<Option<Manifest>, OutputError> {
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
pub(super) fn identity(dir: &Path) -> Option<String> {
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
