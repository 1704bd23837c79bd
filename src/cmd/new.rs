//! `gazette new article|note TITLE`: a new item from a template (refuses to overwrite).

use std::path::Path;
use std::process::ExitCode;

use crate::scaffold;

pub fn run(root: &Path, note: bool, title: &str, date: Option<&str>, quiet: bool) -> ExitCode {
    match scaffold::new_item(root, note, title, date) {
        Ok(path) => {
            if !quiet {
                println!("created {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
