//! `gazette serve`: build, serve from memory, watch, rebuild what changed, reload browsers.
//!
//! * [`preview`]: the site in memory and its incremental updates, through the same pipeline as
//!   `gazette build`.
//! * [`http`]: pages and files from memory, live-reload events (server-sent events on the same
//!   port) and the injected script.
//! * [`guard`]: which requests are answered at all (the host must name the preview; GET and
//!   HEAD only).
//! * [`watch`]: debounced file events.
//!
//! The user's `output/` folder is never touched.

pub mod guard;
pub mod http;
pub mod preview;
pub mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

use tokio::sync::broadcast;

use crate::pipeline::Options;
use preview::Preview;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

pub fn run(mut opts: ServeOptions) -> ExitCode {
    // File events name absolute paths: compare them against an absolute root.
    if let Ok(abs) = std::fs::canonicalize(&opts.root) {
        opts.root = abs;
    }
    let ip: std::net::IpAddr = match opts.bind.parse() {
        Ok(ip) => ip,
        Err(_) => {
            eprintln!(
                "error: --bind {} is not an IP address (use 127.0.0.1, or 0.0.0.0 to listen on every interface)",
                opts.bind
            );
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(2)
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Bind first, so a busy port is reported before any work is done.
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(SocketAddr::new(
        ip, opts.port,
    ))) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!(
                "error: port {} is already in use on {ip}; pass --port N, or --port 0 to pick a free one",
                opts.port
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: cannot listen on {ip}:{}: {e}", opts.port);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    let (events, _) = broadcast::channel(64);
    let build_opts = Options {
        root: opts.root.clone(),
        drafts: opts.drafts,
        ..Options::default()
    };
    let (mut preview, report) = Preview::start(build_opts, events.clone());
    println!("{report}");
    let state = http::AppState::new(preview.state.clone(), events, addr);

    let theme = crate::pipeline::load_config(&Options {
        root: opts.root.clone(),
        ..Options::default()
    })
    .map(|c| c.theme)
    .unwrap_or_else(|_| "default".into());
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = match watch::watch(&opts.root, &theme, tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The update loop: drain every batch that arrived, then update once.
    std::thread::spawn(move || {
        let root = preview.root().to_path_buf();
        let mut watched = watch::watched_dirs(&root, &theme)
            .into_iter()
            .filter(|d| d.is_dir())
            .collect();
        while let Ok(mut paths) = rx.recv() {
            while let Ok(more) = rx.try_recv() {
                paths.extend(more);
            }
            watch::watch_new_dirs(&mut watcher, &root, &theme, &mut watched);
            if let Some(report) = preview.apply(&paths) {
                println!("{report}");
            }
        }
    });

    let url = format!("http://{addr}/");
    println!("serving {url} (press Ctrl-C to stop)");
    if !ip.is_loopback() {
        println!("warning: listening on {ip}: other machines on the network can read the site");
    }
    if opts.open {
        open_browser(&url);
    }
    let app = http::router(state);
    let served = runtime.block_on(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match served {
        Ok(()) => {
            println!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: server failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(cmd).arg(url).spawn() {
        eprintln!("warning: could not open a browser ({cmd}: {e}); open {url} yourself");
    }
}
