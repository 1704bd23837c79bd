//! `gazette serve` trust boundaries, against the real binary: only hosts that name the preview
//! (DNS rebinding), only GET and HEAD, and a cap on live-reload streams.

mod common;
use common::http::Server;
use common::*;
use gazette::serve::http::MAX_LIVE_CLIENTS;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const TALKS: &str = "/2025/04/18/talks/";

fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/articles/2025-04-18-talks.txt",
        "date 2025-04-18 US Secretary of State Marco Rubio met European officials in Paris on Friday.\n\nRubio said the talks were constructive.\n",
    );
    site
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }
}

/// Sends `request` exactly as written (it should ask the server to close the connection) and
/// reads everything until the server closes it.
fn raw(port: u16, request: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).expect("read");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {text:?}"));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn with_host(port: u16, method: &str, path: &str, host: &str) -> Reply {
    raw(
        port,
        &format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn foreign_hosts_get_421_and_no_site_content() {
    let site = site();
    let server = Server::start(site.root());
    let port = server.port;
    let other_port = if port == 65535 { 1 } else { port + 1 };
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost:{other_port}"),
        format!("127.0.0.1:{other_port}"),
        "".to_string(),
    ] {
        for path in [
            "/",
            TALKS,
            "/style.css",
            "/__gazette/status",
            "/__gazette/live.js",
        ] {
            let r = with_host(port, "GET", path, &host);
            assert_eq!(r.status, 421, "Host {host:?} {path}");
            assert!(r.body.contains("host is not accepted"), "{}", r.body);
            assert!(
                r.header("content-type")
                    .is_some_and(|t| t.starts_with("text/plain")),
                "{}",
                r.head
            );
            assert!(
                !r.body.contains("Rubio") && !r.body.contains("<html"),
                "Host {host:?} {path} leaked the site: {}",
                r.body
            );
        }
        let r = with_host(port, "GET", "/__gazette/events", &host);
        assert_eq!(r.status, 421, "Host {host:?} live-reload stream");
        // The host is refused before the method is looked at.
        assert_eq!(with_host(port, "POST", "/", &host).status, 421);
    }

    // In absolute form the URI names the target, and it must name the preview too.
    let r = raw(
        port,
        &format!(
            "GET http://evil.example:{port}{TALKS} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(r.status, 421, "{}", r.head);
    assert!(!r.body.contains("Rubio"));
    let r = raw(
        port,
        &format!(
            "GET http://localhost:{port}{TALKS} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(r.status, 421, "{}", r.head);
}

#[test]
fn local_names_with_or_without_the_port_are_served() {
    let site = site();
    let server = Server::start(site.root());
    let port = server.port;
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("LocalHost:{port}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
    ] {
        let r = with_host(port, "GET", TALKS, &host);
        assert_eq!(r.status, 200, "Host {host:?}");
        assert!(r.body.contains("Marco Rubio"), "Host {host:?}");
    }
    let r = raw(
        port,
        &format!("GET http://localhost:{port}{TALKS} HTTP/1.1\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(r.status, 200, "absolute form: {}", r.head);
    assert!(r.body.contains("Marco Rubio"));
}

/// No `Host` at all: refused, since such a request cannot show it was meant for the preview.
#[test]
fn requests_without_exactly_one_host_are_refused() {
    let site = site();
    let server = Server::start(site.root());
    let port = server.port;
    let r = raw(port, &format!("GET {TALKS} HTTP/1.0\r\n\r\n"));
    assert_eq!(r.status, 421, "HTTP/1.0 without Host: {}", r.head);
    assert!(r.body.contains("no Host header"), "{}", r.body);
    assert!(!r.body.contains("Rubio"));
    let r = raw(
        port,
        &format!("GET {TALKS} HTTP/1.1\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(r.status, 400, "HTTP/1.1 without Host: {}", r.head);
    assert!(!r.body.contains("Rubio"));
    let r = raw(
        port,
        &format!(
            "GET {TALKS} HTTP/1.1\r\nHost: localhost:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(r.status, 400, "two Host headers: {}", r.head);
    assert!(!r.body.contains("Rubio"));
    // HTTP/1.0 with a good Host is served.
    let r = raw(
        port,
        &format!("GET {TALKS} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    );
    assert_eq!(r.status, 200, "{}", r.head);
}

#[test]
fn only_get_and_head_are_answered() {
    let site = site();
    let server = Server::start(site.root());
    let port = server.port;
    let host = format!("127.0.0.1:{port}");
    for method in ["POST", "DELETE", "PUT", "PATCH", "OPTIONS", "TRACE", "BREW"] {
        for path in ["/", TALKS, "/__gazette/events", "/__gazette/status"] {
            let r = raw(
                port,
                &format!(
                    "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
                ),
            );
            assert_eq!(r.status, 405, "{method} {path}");
            assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method} {path}");
            assert!(!r.body.contains("Rubio"), "{method} {path}");
        }
    }

    // HEAD: the headers of GET, no body.
    let get = with_host(port, "GET", TALKS, &host);
    let head = with_host(port, "HEAD", TALKS, &host);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), get.header("content-type"));
    assert_eq!(head.header("cache-control"), Some("no-store"));
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );
    assert_eq!(head.body, "", "HEAD has no body");
    assert_eq!(with_host(port, "HEAD", "/style.css", &host).body, "");
    assert_eq!(with_host(port, "HEAD", "/no/such/page/", &host).status, 404);
}

/// An open live-reload stream: the response head has been read.
struct Stream {
    reader: BufReader<TcpStream>,
}

fn open_stream(port: u16) -> (u16, String, Stream) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET /__gazette/events HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("response head");
        if line == "\r\n" || line.is_empty() {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    (status, head, Stream { reader })
}

impl Stream {
    /// Reads until an event named `name` arrives.
    fn wait_event(&mut self, name: &str) {
        let want = format!("event: {name}");
        let mut seen = Vec::new();
        loop {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => panic!("stream ended without {want:?}; saw {seen:?}"),
                Ok(_) if line.trim_end() == want => return,
                Ok(_) => seen.push(line),
            }
        }
    }

    /// The body that follows `head` (a refused stream's message; the connection stays open).
    fn body(mut self, head: &str) -> String {
        let length: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().to_string())
            })
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no length in {head:?}"));
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("body");
        String::from_utf8_lossy(&body).into_owned()
    }
}

#[test]
fn live_reload_streams_are_capped() {
    let site = site();
    let server = Server::start(site.root());
    let port = server.port;
    let mut streams: Vec<Stream> = (0..MAX_LIVE_CLIENTS)
        .map(|i| {
            let (status, head, s) = open_stream(port);
            assert_eq!(status, 200, "stream {i}: {head}");
            assert!(head.to_ascii_lowercase().contains("text/event-stream"));
            s
        })
        .collect();

    // One more is refused, clearly, with a time to come back.
    let (status, head, extra) = open_stream(port);
    assert_eq!(status, 503, "{head}");
    assert!(
        head.to_ascii_lowercase().contains("retry-after: 5"),
        "{head}"
    );
    let body = extra.body(&head);
    assert!(body.contains("too many live-reload connections"), "{body}");

    // Pages are still served, and every stream within the cap still hears updates.
    assert_eq!(
        with_host(port, "GET", TALKS, &format!("127.0.0.1:{port}")).status,
        200
    );
    site.write(
        "content/articles/2025-04-18-talks.txt",
        "date 2025-04-18 US Secretary of State Marco Rubio met European officials in Paris on Friday.\n\nRubio said the talks would resume in May.\n",
    );
    for s in &mut streams {
        s.wait_event("reload");
    }

    // A stream that closes gives its slot back.
    drop(streams.pop());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, head, s) = open_stream(port);
        if status == 200 {
            streams.push(s);
            break;
        }
        assert_eq!(status, 503, "{head}");
        assert!(
            Instant::now() < deadline,
            "the closed stream's slot was never freed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, _, _) = open_stream(port);
    assert_eq!(status, 503, "still capped");
}
