//! The file-system moves of a build: the lock, the staging name, and the swap itself.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::sweep::STAGING_INFIX;
use super::{OutputError, io_err};

/// Takes the lock that keeps two builds from swapping the same folder at once.
pub(super) fn lock_folder(parent: &Path) -> Result<Option<fs::File>, OutputError> {
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

pub(super) fn fresh_staging_name(parent: &Path, name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    parent.join(format!(
        ".{name}{STAGING_INFIX}{}-{nanos}",
        std::process::id()
    ))
}

/// Trades the places of two folders. `Ok(true)`: swapped, `b`'s old contents are now at `a`.
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
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

pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let part = path.with_extension("part");
    fs::write(&part, bytes).map_err(io_err(&part))?;
    fs::rename(&part, path).map_err(io_err(path))
}
