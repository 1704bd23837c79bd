//! Crash safety and hostile input, through the binary: killed and interrupted builds, files of
//! the user's in `output/`, FIFOs, links out of the site, a full disk, forged messages.
//!
//! The kill test runs 6 kills of a 300-article site by default. The figure (20 kills
//! of a 5,000-article site) is the same test with
//! `GAZETTE_KILL_ARTICLES=5000 GAZETTE_KILLS=20 cargo test --release --test safety killed`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A site of `n` plain-text articles over a few weeks, with recurring names.
fn site_with(n: usize) -> TestSite {
    let site = TestSite::new();
    let people = ["Maria Lopez", "Ahmed Khan", "Laura Chen", "Tom Becker"];
    for i in 0..n {
        let day = 1 + i % 28;
        let who = people[i % people.len()];
        site.write(
            &format!("content/articles/a{i:05}.txt"),
            format!(
                " date 2025-02-{day:02}\n\n{who} met officials in Geneva on talks number {i}, the ministry said.\n\nThe meeting followed weeks of work by {who} and {other}.\n",
                other = people[(i + 1) % people.len()]
            ),
        );
    }
    site
}

fn spawn_build(site: &TestSite) -> Child {
    Command::new(gazette_bin())
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gazette")
}

/// Folders a build leaves beside the output (`output` or `out`) while it runs.
fn staging_folders(root: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(".output.") || name.starts_with(".out.")
        })
        .collect()
}

/// `output/` holds a whole site: its marker lists files, and every one of them is there.
fn assert_complete(site: &TestSite) {
    let marker = std::fs::read_to_string(site.out(".gazette-output")).expect("output marker");
    let listed: Vec<&str> = marker
        .lines()
        .skip_while(|l| *l != "--")
        .skip(1)
        .filter(|l| !l.starts_with('+'))
        .collect();
    assert!(
        listed.len() > 10,
        "a site has more than {} files",
        listed.len()
    );
    for file in listed {
        assert!(site.out(file).is_file(), "{file} is listed but missing");
    }
    assert!(site.page("index.html").contains("</html>"));
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn killed_builds_never_brick_the_next_one() {
    let articles = env_number("GAZETTE_KILL_ARTICLES", 300) as usize;
    let kills = env_number("GAZETTE_KILLS", 6);
    let site = site_with(articles);
    let t = Instant::now();
    site.build(&[]);
    let full = t.elapsed();
    // A user's deploy checkout inside the output must survive every kill.
    site.write("output/CNAME", "news.example.org");
    // Delays spread over the whole build, from a fixed seed so a failure can be replayed.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut killed_while_staging = 0;
    for round in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = full.mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        let mut child = spawn_build(&site);
        std::thread::sleep(delay);
        if !staging_folders(site.root()).is_empty() {
            killed_while_staging += 1;
        }
        let _ = child.kill(); // SIGKILL: no handler runs
        let _ = child.wait();
        assert!(
            site.out("index.html").exists(),
            "round {round} ({delay:?}): output/ missing after the kill"
        );
        assert_complete(&site);
        let out = site.build(&[]);
        assert!(
            staging_folders(site.root()).is_empty(),
            "round {round}: leftovers remain: {:?}\n{}",
            staging_folders(site.root()),
            stderr(&out)
        );
        assert_complete(&site);
        assert_eq!(
            std::fs::read_to_string(site.out("CNAME")).unwrap(),
            "news.example.org",
            "round {round}"
        );
    }
    eprintln!(
        "{kills} kills of a {articles}-article build ({full:?} each), {killed_while_staging} while a staging folder existed: every next build succeeded"
    );
}

#[test]
fn sigterm_removes_the_staging_folder_and_exits_130() {
    let site = site_with(400);
    site.build(&[]);
    site.write(
        "content/articles/new.txt",
        " date 2025-02-03\n\nA new article.\n",
    );
    let before = snapshot(&site.root().join("output"));
    // Retry a few times: the signal must land while the staging folder exists.
    for _ in 0..5 {
        let mut child = spawn_build(&site);
        let deadline = Instant::now() + Duration::from_secs(120);
        while staging_folders(site.root()).is_empty() && Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        if child.try_wait().unwrap().is_some() {
            continue; // finished before the signal; try again
        }
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let out = child.wait_with_output().unwrap();
        if out.status.code() == Some(0) {
            continue; // the swap had begun; the build finished
        }
        assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
        assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
        assert!(staging_folders(site.root()).is_empty());
        assert_eq!(snapshot(&site.root().join("output")), before);
        return;
    }
    panic!("the build never stopped on SIGTERM");
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// Runs gazette, failing the test if it has not finished within a minute (a hang).
fn run_with_deadline(site: &TestSite, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(gazette_bin())
        .arg("--root")
        .arg(site.root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gazette {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn fifos_are_named_and_never_hang_build_or_check() {
    let site = site_with(3);
    mkfifo(&site.root().join("content/articles/pipe.txt"));
    std::fs::create_dir_all(site.root().join("content/notes")).unwrap();
    mkfifo(&site.root().join("content/notes/pipe.md"));
    for command in ["build", "check"] {
        let out = run_with_deadline(&site, &[command]);
        // `check` fails on warnings too; `build` goes on without the FIFOs.
        assert_eq!(
            out.status.success(),
            command == "build",
            "{command}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("content/notes/pipe.md: warning: skipped: this is a FIFO"),
            "{command}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("content/articles/pipe.txt: warning: skipped: this is a FIFO"),
            "{command}: {}",
            stderr(&out)
        );
    }
    let site = site_with(3);
    mkfifo(&site.root().join("gazette.yaml"));
    let out = run_with_deadline(&site, &["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("gazette.yaml: error: not a regular file (a FIFO)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_of_the_users_in_output_are_kept_and_mentioned_once() {
    let site = site_with(3);
    site.write(
        "content/articles/stale.txt",
        " date 2025-02-09\n\nA story that will be withdrawn.\n",
    );
    site.build(&[]);
    let stale = site.out("2025/02/09/stale/index.html");
    assert!(stale.exists());
    site.write("output/CNAME", "news.example.org");
    site.write("output/.git/HEAD", "ref: refs/heads/gh-pages");
    site.remove("content/articles/stale.txt");
    let out = site.build(&[]);
    assert!(
        !stale.exists(),
        "a page Gazette wrote and no longer writes is removed"
    );
    assert_eq!(
        std::fs::read_to_string(site.out("CNAME")).unwrap(),
        "news.example.org"
    );
    assert_eq!(
        std::fs::read_to_string(site.out(".git/HEAD")).unwrap(),
        "ref: refs/heads/gh-pages"
    );
    let err = stderr(&out);
    assert!(
        err.contains("that Gazette did not write: .git, CNAME"),
        "{err}"
    );
    let out = site.build(&[]);
    assert!(!stderr(&out).contains("did not write"), "{}", stderr(&out));
    assert!(site.out("CNAME").exists());
}

#[test]
fn a_copied_marker_does_not_make_a_folder_replaceable() {
    let site = site_with(3);
    site.build(&[]);
    site.write("mine/index.html", "my own page");
    std::fs::copy(
        site.out(".gazette-output"),
        site.root().join("mine/.gazette-output"),
    )
    .unwrap();
    let out = site.run(&["build", "--output", "mine"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("marker made for another folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("mine/index.html")).unwrap(),
        "my own page"
    );
}

#[test]
fn an_output_inside_the_sources_is_refused() {
    let site = site_with(3);
    for dir in ["static/out", "templates/out", "content/out"] {
        let out = site.run(&["build", "--output", dir]);
        assert!(!out.status.success(), "{dir}");
        let err = stderr(&out);
        assert!(err.contains("would lie inside the site's"), "{dir}: {err}");
        assert!(!site.root().join(dir).exists(), "{dir}");
    }
}

#[test]
fn links_out_of_the_site_are_refused_and_never_echoed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "root:SECRET-LINE:0:0\nmore\n").unwrap();
    let site = site_with(3);
    std::os::unix::fs::symlink(&secret, site.root().join("content/articles/pw.txt")).unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        site.root().join("content/articles/elsewhere"),
    )
    .unwrap();
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("content/articles/pw.txt: error: symbolic link leads outside"),
        "{err}"
    );
    assert!(err.contains("content/articles/elsewhere: error"), "{err}");
    assert!(err.contains("outside_symlinks"), "{err}");
    assert!(!err.contains("SECRET"), "{err}");
    // Allowed, the file is read; its bad first line is reported without its text.
    site.write("gazette.yaml", "security:\n  outside_symlinks: true\n");
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("content/articles/pw.txt:1: error: expected `date"),
        "{err}"
    );
    assert!(!err.contains("SECRET"), "{err}");
}

#[test]
fn skipped_files_are_named() {
    let site = site_with(3);
    site.write("content/articles/UP.TXT", " date 2025-02-03\n\nShouting.\n");
    site.write("content/stray.md", "# A note in the wrong place\n");
    std::os::unix::fs::symlink(
        "nowhere.txt",
        site.root().join("content/articles/dangling.txt"),
    )
    .unwrap();
    // Emacs lock files are links to nowhere too, and are ignored quietly.
    std::os::unix::fs::symlink(
        "user@host.123",
        site.root().join("content/articles/.#a.txt"),
    )
    .unwrap();
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/articles/UP.TXT: warning: not read: extensions are matched in lower case; rename it to `UP.txt`"),
        "{err}"
    );
    assert!(err.contains("content/stray.md: warning: not read"), "{err}");
    assert!(
        err.contains("content/articles/dangling.txt: warning: skipped: symbolic link to nothing"),
        "{err}"
    );
    assert!(!err.contains(".#a.txt"), "{err}");
}

#[test]
fn control_characters_in_file_names_cannot_forge_lines() {
    let site = site_with(2);
    site.write(
        "content/articles/x\nerror: all good\u{1b}[2J.txt",
        "no date line here\n",
    );
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("x\\nerror: all good\\u{1b}[2J.txt:1: error"),
        "{err}"
    );
    assert!(
        !err.lines().any(|l| l.starts_with("error: all good")),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// Runs a build whose writes fail: into a 1 MiB file system when the tests run as root (CI),
/// else with a 64 KiB file-size limit. Either way: one error, and the old site untouched.
#[test]
fn a_full_disk_stops_at_the_first_write_error_and_keeps_the_old_site() {
    let site = site_with(2);
    let disk = tempfile::tempdir().unwrap();
    let mounted = unsafe { libc::geteuid() } == 0
        && Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(disk.path())
            .status()
            .is_ok_and(|s| s.success());
    let out_dir = disk.path().join("out");
    let out_arg = out_dir.to_str().unwrap().to_string();
    let limit: Option<u64> = (!mounted).then_some(64 * 1024);
    let run = |site: &TestSite| {
        let mut cmd = Command::new(gazette_bin());
        cmd.arg("--root")
            .arg(site.root())
            .args(["build", "--output", &out_arg]);
        if let Some(bytes) = limit {
            use std::os::unix::process::CommandExt;
            unsafe {
                cmd.pre_exec(move || {
                    let lim = libc::rlimit {
                        rlim_cur: bytes,
                        rlim_max: bytes,
                    };
                    if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        cmd.output().unwrap()
    };
    let first = run(&site);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out_dir);
    // Many long articles: far more than the disk holds (or a search index past the limit).
    let long =
        "The delegates argued about the wording of the final statement for hours. ".repeat(60);
    for i in 0..400 {
        site.write(
            &format!("content/articles/long{i:03}.txt"),
            format!(" date 2025-03-{:02}\n\n{long}\n", 1 + i % 28),
        );
    }
    let out = run(&site);
    let err = stderr(&out);
    let after = snapshot(&out_dir);
    let leftovers = staging_folders(disk.path());
    if mounted {
        let _ = Command::new("umount").arg(disk.path()).status();
    }
    assert!(!out.status.success(), "{err}");
    let errors = err.lines().filter(|l| l.contains("error:")).count();
    assert_eq!(errors, 1, "one error, not one per file:\n{err}");
    assert!(err.contains("stopped at the first write error"), "{err}");
    if mounted {
        assert!(err.contains("No space left on device"), "{err}");
    }
    assert!(after == before, "the old site is left as it was");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_error_is_reported_with_the_content_errors() {
    let site = site_with(2);
    site.write("content/articles/bad.txt", "no date line\n");
    site.write("templates/article.html", "{% if %}broken{% endif\n");
    for command in ["build", "check"] {
        let out = site.run(&[command]);
        let err = stderr(&out);
        assert!(!out.status.success());
        assert!(
            err.contains("content/articles/bad.txt:1: error"),
            "{command}: {err}"
        );
        assert!(err.contains("templates/article.html:1"), "{command}: {err}");
    }
}
