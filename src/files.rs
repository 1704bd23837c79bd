//! Reading the site's own files: regular files only, with a size limit.
//!
//! Opening a FIFO for reading blocks until something writes to it, so one stray FIFO named
//! `x.txt` would hang a build forever. Files are opened without blocking and checked on the
//! open handle, so a file swapped for a FIFO between listing and reading is caught too.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a regular file ({0}); only regular files are read")]
    NotRegular(&'static str),
    #[error("file is too large ({size} MiB; the limit is {limit} MiB)")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read file: {0}")]
    Io(#[from] io::Error),
}

/// Opens `path` for reading if it is a regular file (following symbolic links), never
/// blocking on a FIFO or a device.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK makes opening a FIFO return at once; on a regular file it does nothing.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotRegular(kind_name(&kind)));
    }
    Ok(file)
}

/// Reads a whole regular file of at most `limit` bytes. A file that grows while it is read
/// stops at the limit rather than past it.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    let too_large = |size: u64| ReadError::TooLarge {
        size: size / (1024 * 1024),
        limit: limit / (1024 * 1024),
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A word for a kind of file that is not regular, for messages.
pub fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "not a plain file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_and_refuses_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, b"hello").unwrap();
        assert_eq!(read_regular(&file, 100).unwrap(), b"hello");
        assert!(matches!(
            read_regular(&file, 3),
            Err(ReadError::TooLarge { .. })
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::NotRegular(_)) | Err(ReadError::Io(_))
        ));
        #[cfg(unix)]
        {
            let fifo = dir.path().join("f.txt");
            let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
            // Returns at once instead of waiting for a writer.
            assert!(matches!(
                read_regular(&fifo, 100),
                Err(ReadError::NotRegular("a FIFO"))
            ));
        }
    }
}
