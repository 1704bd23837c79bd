//! `gazette init`: a new site with example content (refuses to overwrite files).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::scaffold;

/// `dir` is taken relative to `--root` when that is given and `dir` is relative.
pub fn run(root: &Path, dir: PathBuf, quiet: bool) -> ExitCode {
    let dir = if dir.is_absolute() || root == Path::new(".") {
        dir
    } else {
        root.join(dir)
    };
    match scaffold::init(&dir) {
        Ok(files) => {
            if !quiet {
                println!(
                    "created a site in {} ({} files); next: cd {} && gazette build",
                    dir.display(),
                    files.len(),
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
