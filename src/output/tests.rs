//! The write stage's own tests: swaps, kept files, markers, sweeps.

use super::marker::{COMPLETE_TEXT, MARKER_MAGIC};
use super::sweep::STAGING_INFIX;
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
