//! The HTTP side of the preview: pages and files from memory, the live-reload event stream and
//! its script. Nothing is read from disk here.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::{Semaphore, broadcast};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::guard::{guard, plain};
use super::preview::{LiveEvent, Lookup, Snapshot, resolve_request};
use crate::text::escape_html;

pub const LIVE_SCRIPT: &str = include_str!("live.js");
const INJECT: &str = "<script src=\"/__gazette/live.js\"></script>";

/// Live-reload streams open at once. Each preview tab holds one for as long as it is open, and
/// a browser keeps at most six HTTP/1.1 connections per host, so someone previewing in a few
/// browsers stays far below it; the cap bounds the connections and tasks that a runaway script,
/// or a page elsewhere opening streams it never reads, can tie up.
pub const MAX_LIVE_CLIENTS: usize = 64;
/// Seconds a client past [`MAX_LIVE_CLIENTS`] is asked to wait before trying again.
const LIVE_RETRY_AFTER: &str = "5";

#[derive(Clone)]
pub struct AppState {
    pub snapshot: Arc<RwLock<Snapshot>>,
    pub events: broadcast::Sender<LiveEvent>,
    /// The address the server listens on, which requests must name (see [`super::guard`]).
    pub bound: SocketAddr,
    /// One permit per open live-reload stream, [`MAX_LIVE_CLIENTS`] in all.
    pub live_slots: Arc<Semaphore>,
}

impl AppState {
    pub fn new(
        snapshot: Arc<RwLock<Snapshot>>,
        events: broadcast::Sender<LiveEvent>,
        bound: SocketAddr,
    ) -> AppState {
        AppState {
            snapshot,
            events,
            bound,
            live_slots: Arc::new(Semaphore::new(MAX_LIVE_CLIENTS)),
        }
    }
}

pub fn router(state: AppState) -> Router {
    let bound = state.bound;
    Router::new()
        .route("/__gazette/events", axum::routing::get(events))
        .route("/__gazette/live.js", axum::routing::get(live_js))
        .route("/__gazette/status", axum::routing::get(status))
        .fallback(site)
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(bound, guard))
}

fn no_store(mut r: Response<Body>) -> Response<Body> {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn live_js() -> Response<Body> {
    let mut r = Response::new(Body::from(LIVE_SCRIPT));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    no_store(r)
}

async fn status(State(app): State<AppState>) -> Response<Body> {
    let errors = app.snapshot.read().expect("lock").errors.clone();
    let mut r = Response::new(Body::from(serde_json::to_vec(&errors).unwrap_or_default()));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    no_store(r)
}

fn sse_event(e: &LiveEvent) -> Event {
    match e {
        LiveEvent::Reload { paths, all } => Event::default()
            .event("reload")
            .data(serde_json::json!({ "paths": paths, "all": all }).to_string()),
        LiveEvent::Css => Event::default().event("css").data("{}"),
        LiveEvent::Errors { errors } => Event::default()
            .event("errors")
            .data(serde_json::to_string(errors).unwrap_or_default()),
        LiveEvent::Ok => Event::default().event("ok").data("{}"),
    }
}

/// Server-sent events on the same port as the pages: a new connection first learns about
/// current errors, then hears every update. Past [`MAX_LIVE_CLIENTS`] open streams, 503 with
/// `Retry-After`; a stream's slot is freed when its connection closes.
async fn events(State(app): State<AppState>) -> Response<Body> {
    let Ok(slot) = Arc::clone(&app.live_slots).try_acquire_owned() else {
        let mut r = plain(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "service unavailable: too many live-reload connections ({MAX_LIVE_CLIENTS} open); \
                 close some preview tabs, then reload this page\n"
            ),
        );
        r.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_static(LIVE_RETRY_AFTER),
        );
        return r;
    };
    let errors = app.snapshot.read().expect("lock").errors.clone();
    let first = (!errors.is_empty()).then_some(LiveEvent::Errors { errors });
    let hello = tokio_stream::iter(
        first
            .into_iter()
            .map(|e| Ok::<Event, Infallible>(sse_event(&e))),
    );
    // The stream owns the slot, so dropping it with the connection gives the slot back.
    let updates = BroadcastStream::new(app.events.subscribe()).filter_map(move |m| {
        let _slot = &slot;
        m.ok().map(|e| Ok(sse_event(&e)))
    });
    let mut r = Sse::new(hello.chain(updates))
        .keep_alive(KeepAlive::default())
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script to an HTML page (only in the preview, never in built output).
fn inject(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + INJECT.len());
    match find_last(html, b"</body>") {
        Some(i) => {
            out.extend_from_slice(&html[..i]);
            out.extend_from_slice(INJECT.as_bytes());
            out.extend_from_slice(&html[i..]);
        }
        None => {
            out.extend_from_slice(html);
            out.extend_from_slice(INJECT.as_bytes());
        }
    }
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

fn html_response(status: StatusCode, html: &[u8]) -> Response<Body> {
    let mut r = Response::new(Body::from(inject(html)));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    no_store(r)
}

/// A plain page for when there is no good build yet: the errors, and the live script so the
/// page reloads once they are fixed.
fn error_page(errors: &[crate::diagnostics::Diagnostic]) -> Response<Body> {
    let mut body = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · Gazette</title></head><body style=\"font:16px/1.5 system-ui,sans-serif;margin:2rem\"><h1>The site does not build yet</h1><ul>",
    );
    for e in errors {
        body.push_str("<li><code>");
        body.push_str(&escape_html(&e.to_string()));
        body.push_str("</code></li>");
    }
    body.push_str("</ul><p>Fix the files above; this page reloads by itself.</p></body></html>");
    html_response(StatusCode::SERVICE_UNAVAILABLE, body.as_bytes())
}

async fn site(State(app): State<AppState>, req: Request<Body>) -> Response<Body> {
    let path = req.uri().path().to_string();
    let snapshot = Arc::clone(&app.snapshot);
    // Rendering is CPU work: keep it off the async workers.
    tokio::task::spawn_blocking(move || respond(&snapshot, &path))
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn respond(snapshot: &RwLock<Snapshot>, path: &str) -> Response<Body> {
    let state = snapshot.read().expect("lock");
    let Some(built) = state.built.as_ref() else {
        return error_page(&state.errors);
    };
    let not_found = || match built.html("404.html") {
        Some(Ok(html)) => html_response(StatusCode::NOT_FOUND, &html),
        _ => html_response(
            StatusCode::NOT_FOUND,
            b"<!doctype html><title>Not found</title><h1>Not found</h1>",
        ),
    };
    match resolve_request(
        path,
        |k| built.pages.contains_key(k),
        |k| built.statics.contains_key(k),
    ) {
        Lookup::Page(key) => match built.html(&key) {
            Some(Ok(html)) => html_response(StatusCode::OK, &html),
            Some(Err(e)) => error_page(&[e]),
            None => not_found(),
        },
        Lookup::Static(key) => {
            let bytes = built.statics[&key].clone();
            let mut r = Response::new(Body::from(bytes.as_ref().clone()));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&key)),
            );
            no_store(r)
        }
        Lookup::Redirect(to) => {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            no_store(r)
        }
        Lookup::NotFound => not_found(),
        Lookup::BadRequest => {
            let mut r = Response::new(Body::from(
                "bad request: this path cannot name a file of the site\n",
            ));
            *r.status_mut() = StatusCode::BAD_REQUEST;
            no_store(r)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_closing_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert_eq!(out, format!("<html><body><p>x</p>{INJECT}</body></html>"));
        let out = String::from_utf8(inject(b"no body")).unwrap();
        assert!(out.ends_with(INJECT));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a/b.PNG"), "image/png");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
