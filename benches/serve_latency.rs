//! Save-to-reload latency of `gazette serve`: the time from writing one article on disk to the
//! reload event for its page, on synthetic sites of 1,000 and 10,000 articles
//! (../shared/bench/gen_corpus.py); the full update after a body edit and after an edit that
//! adds one mention of a person; the time a template change takes; and resident memory after
//! startup and after the edits.
//!
//! Run: `cargo bench --bench serve_latency` (sizes: `-- 1000 10000`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn corpus(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpora")
        .join(n.to_string());
    if !dir.join("raw").is_dir() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
        let status = Command::new("python3")
            .arg(script)
            .arg(n.to_string())
            .arg(&dir)
            .arg("--force")
            .stdout(Stdio::null())
            .status()
            .expect("python3");
        assert!(status.success(), "gen_corpus.py failed");
    }
    dir.join("raw")
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1000, 10000]
    } else {
        sizes
    };
    println!(
        "gazette serve: save-to-reload latency ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for n in sizes {
        bench(n);
    }
}

fn bench(n: usize) {
    let raw = corpus(n);
    let site = tempfile::tempdir().unwrap();
    let articles = site.path().join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&raw)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in &files {
        std::fs::copy(f, articles.join(f.file_name().unwrap())).unwrap();
    }

    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("--root")
        .arg(site.path())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("gazette serve");
    let (tx, rx) = mpsc::channel::<String>();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let port: u16 = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(300))
            .expect("server output");
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    let startup = start.elapsed();
    let pid = child.id();
    let rss_at_start = resident_mib(pid);

    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let (etx, erx) = mpsc::channel::<(Instant, String)>();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line.starts_with("data: ") {
                let _ = etx.send((Instant::now(), line));
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));

    let wait_rebuilt = || loop {
        match rx.recv_timeout(Duration::from_secs(600)) {
            Ok(line) if line.starts_with("rebuilt") || line.contains("error") => return line,
            Ok(_) => {}
            Err(_) => panic!("no rebuild report"),
        }
    };
    let mut latencies = Vec::new();
    let mut full = Vec::new();
    for run in 0..RUNS {
        let file = articles.join(files[(run * 37) % files.len()].file_name().unwrap());
        let text = std::fs::read_to_string(&file).unwrap();
        let date = text.split_whitespace().nth(1).unwrap().to_string();
        let url = format!(
            "/{}/{}/",
            date.replace('-', "/"),
            gazette::text::slugify(file.file_stem().unwrap().to_str().unwrap())
        );
        // Change a sentence of the body (not the headline).
        let edited = text.replacen(". ", &format!(" (edit {run}). "), 1);
        // Reload events of the previous edit's follow-up update may still be on their way
        // (it can re-render this page too): let them arrive and drop them.
        std::thread::sleep(Duration::from_millis(200));
        while erx.try_recv().is_ok() {}
        let t0 = Instant::now();
        std::fs::write(&file, edited).unwrap();
        let latency = loop {
            let (at, data) = erx
                .recv_timeout(Duration::from_secs(600))
                .expect("reload event");
            if data.contains(&url) {
                break at - t0;
            }
        };
        latencies.push(latency);
        let report = wait_rebuilt();
        full.push((t0.elapsed(), report));
    }
    // An edit that adds one mention of a known person: the pages that show the article's
    // people change, not every page that lists a count.
    let person = std::fs::read_to_string(raw.parent().unwrap().join("people.txt"))
        .ok()
        .and_then(|p| p.lines().next().map(str::to_string))
        .unwrap_or_else(|| "Tariq Delgado".to_string());
    let mut named = Vec::new();
    for run in 0..3 {
        let file = articles.join(files[(run * 53 + 11) % files.len()].file_name().unwrap());
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = text.replacen(". ", &format!(". {person} was told on the day. "), 1);
        std::thread::sleep(Duration::from_millis(200));
        while erx.try_recv().is_ok() {}
        let t0 = Instant::now();
        std::fs::write(&file, edited).unwrap();
        let report = wait_rebuilt();
        named.push((t0.elapsed(), report));
    }
    let rss_after_edits = resident_mib(pid);
    // A template change reloads every page: the same order as a full build.
    while erx.try_recv().is_ok() {}
    let t0 = Instant::now();
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    )
    .unwrap();
    let template = loop {
        let (at, data) = erx
            .recv_timeout(Duration::from_secs(600))
            .expect("reload event");
        if data.contains("\"all\":true") {
            break at - t0;
        }
    };
    let _ = child.kill();
    let _ = child.wait();

    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{n:>6} articles: startup {:.2} s; one-article edit -> reload event: median {:.1} ms (min {:.1}, max {:.1}, {RUNS} runs); \
         template change -> reload of every page: {:.0} ms",
        startup.as_secs_f64(),
        ms(latencies[RUNS / 2]),
        ms(latencies[0]),
        ms(latencies[RUNS - 1]),
        ms(template)
    );
    let mut fulls: Vec<f64> = full.iter().map(|(d, _)| ms(*d)).collect();
    fulls.sort_by(f64::total_cmp);
    println!(
        "        every other page brought up to date after the edit: median {:.0} ms ({})",
        fulls[RUNS / 2],
        full[RUNS / 2].1
    );
    named.sort_by_key(|(d, _)| *d);
    println!(
        "        an edit adding one mention of {person}: median {:.0} ms ({})",
        ms(named[1].0),
        named[1].1
    );
    println!(
        "        resident memory: {rss_at_start:.0} MiB after startup, {rss_after_edits:.0} MiB after {} edits ({:.2}x)",
        RUNS + named.len(),
        rss_after_edits / rss_at_start.max(1.0)
    );
}

/// Resident memory of a process, from /proc (0 where there is none).
fn resident_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
