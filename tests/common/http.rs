//! A tiny HTTP/1.1 client and a `gazette serve` process for tests (no extra dependencies).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `METHOD path` (the path exactly as given, no normalisation) and reads the response.
pub fn request(port: u16, method: &str, path: &str, body: Option<&str>) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let body = body.unwrap_or("");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // Read the head, then exactly Content-Length bytes (some servers keep the connection
    // open despite `Connection: close`), else until the end of the stream.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if let Some(n) = length {
                while raw.len() < split + 4 + n {
                    let got = s.read(&mut buf).expect("read");
                    if got == 0 {
                        break;
                    }
                    raw.extend_from_slice(&buf[..got]);
                }
                return parse(&raw);
            }
            break;
        }
        let got = s.read(&mut buf).expect("read");
        if got == 0 {
            return parse(&raw);
        }
        raw.extend_from_slice(&buf[..got]);
    }
    s.read_to_end(&mut raw).expect("read");
    parse(&raw)
}

pub fn get(port: u16, path: &str) -> Response {
    request(port, "GET", path, None)
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&b[start..start + size]);
        b = &b[start + size + 2..];
    }
    out
}

/// A running `gazette serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub output: mpsc::Receiver<String>,
}

impl Server {
    pub fn start(root: &Path) -> Server {
        let mut child = Command::new(super::gazette_bin())
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gazette serve");
        let (tx, rx) = mpsc::channel();
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        loop {
            let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            else {
                let _ = child.kill();
                let _ = child.wait();
                panic!("server did not start: {seen:?}");
            };
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                let port = rest.split('/').next().unwrap().parse().unwrap();
                return Server {
                    child,
                    port,
                    output: rx,
                };
            }
            seen.push(line);
        }
    }

    /// Waits for a line of terminal output containing `needle`.
    pub fn wait_output(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut seen = Vec::new();
        while let Ok(line) = self
            .output
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if line.contains(needle) {
                return line;
            }
            seen.push(line);
        }
        panic!("no output containing {needle:?}; saw {seen:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A live-reload event stream: `(event, data)` pairs as they arrive.
pub struct Events {
    rx: mpsc::Receiver<(String, String)>,
}

impl Events {
    pub fn connect(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            s,
            "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(e) = line.strip_prefix("event: ") {
                    event = e.trim().to_string();
                } else if let Some(d) = line.strip_prefix("data: ")
                    && tx.send((event.clone(), d.to_string())).is_err()
                {
                    break;
                }
            }
        });
        // Give the server a moment to subscribe this stream before the test changes files.
        std::thread::sleep(Duration::from_millis(200));
        Events { rx }
    }

    /// The next event satisfying `pred`, or a panic after `timeout`.
    pub fn wait(&self, timeout: Duration, pred: impl Fn(&str, &str) -> bool) -> (String, String) {
        let deadline = Instant::now() + timeout;
        let mut seen = Vec::new();
        while let Ok((e, d)) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if pred(&e, &d) {
                return (e, d);
            }
            seen.push((e, d));
        }
        panic!("no matching event within {timeout:?}; saw {seen:?}");
    }
}

/// A minimal static file server for a built site, mounted at `prefix` (`/` or `/briefing/`),
/// like a plain web host. Runs until the test ends.
pub fn serve_static(dir: &Path, prefix: &str) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    let prefix = prefix.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let dir = dir.clone();
            let prefix = prefix.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .split('?')
                    .next()
                    .unwrap_or("/")
                    .to_string();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).map(|n| n == 0).unwrap_or(true) || h == "\r\n" {
                        break;
                    }
                }
                let file = path.strip_prefix(&prefix).map(|rel| {
                    let p = dir.join(rel.replace("%20", " "));
                    if p.is_dir() { p.join("index.html") } else { p }
                });
                let (status, body, ctype) = match file
                    .filter(|_| !path.contains(".."))
                    .and_then(|f| std::fs::read(&f).ok().map(|b| (b, f)))
                {
                    Some((body, f)) => {
                        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
                        let ctype = match ext {
                            "html" => "text/html; charset=utf-8",
                            "css" => "text/css",
                            "js" => "text/javascript",
                            "json" => "application/json",
                            "xml" => "application/xml",
                            _ => "application/octet-stream",
                        };
                        ("200 OK", body, ctype)
                    }
                    None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    port
}
