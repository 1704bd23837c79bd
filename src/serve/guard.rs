//! Which requests the preview answers at all, checked before any routing.
//!
//! * **Host.** A page on `evil.example` can point its own name at 127.0.0.1 once the browser
//!   has loaded it (DNS rebinding) and then read the preview as if it were same-origin. Its
//!   requests still carry `Host: evil.example`, so only hosts that name the preview are served:
//!   `localhost`, `127.0.0.1`, `[::1]` and the address it listens on, with or without the port
//!   it serves. Anything else gets 421 Misdirected Request.
//! * **Methods.** The preview only reads: GET and HEAD. Anything else gets 405 with
//!   `Allow: GET, HEAD`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, Response, StatusCode, Version, header};
use axum::middleware::Next;

/// Whether a `Host` value (or the authority of an absolute-form request URI) names the preview
/// listening on `bound`: `localhost`, `127.0.0.1`, `[::1]` or the bound address, either without
/// a port or with the port being served. Names compare case-insensitively. When the server
/// listens on every interface (`--bind 0.0.0.0` or `::`) any IP address is accepted, since the
/// address a browser reached it by is not known here; an IP address cannot be re-pointed the
/// way a DNS name can, so that stays safe against rebinding. Other names (`mybox.local`) are
/// refused: open the preview by IP address instead.
///
/// ```
/// use gazette::serve::guard::host_allowed;
/// let bound = "127.0.0.1:1111".parse().unwrap();
/// assert!(host_allowed("LocalHost:1111", bound));
/// assert!(host_allowed("[::1]", bound));
/// assert!(!host_allowed("localhost:8080", bound));
/// assert!(!host_allowed("evil.example:1111", bound));
/// ```
pub fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let Some((name, port)) = split_host(host) else {
        return false;
    };
    if port.is_some_and(|p| p != bound.port()) {
        return false;
    }
    match name {
        Name::Dns(n) => n.eq_ignore_ascii_case("localhost"),
        Name::Ip(ip) => {
            ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
                || ip == bound.ip()
                || bound.ip().is_unspecified()
        }
    }
}

enum Name<'a> {
    Dns(&'a str),
    Ip(IpAddr),
}

/// `name[:port]` or `[v6]:port`; `None` for anything malformed (an empty or non-numeric port,
/// an unbracketed IPv6 address, a zone id, text after the bracket).
fn split_host(host: &str) -> Option<(Name<'_>, Option<u16>)> {
    let (name, rest) = match host.strip_prefix('[') {
        Some(inner) => {
            let (v6, rest) = inner.split_once(']')?;
            (Name::Ip(IpAddr::V6(v6.parse().ok()?)), rest)
        }
        None => {
            let (name, rest) = host.find(':').map_or((host, ""), |i| host.split_at(i));
            match name.parse::<Ipv4Addr>() {
                Ok(ip) => (Name::Ip(IpAddr::V4(ip)), rest),
                Err(_) => (Name::Dns(name), rest),
            }
        }
    };
    let port = match rest {
        "" => None,
        _ => {
            let digits = rest.strip_prefix(':')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(digits.parse().ok()?)
        }
    };
    Some((name, port))
}

/// Middleware in front of every route: the host check, then the method check.
pub async fn guard(State(bound): State<SocketAddr>, req: Request, next: Next) -> Response<Body> {
    if let Some(refused) = refuse_host(&req, bound) {
        return refused;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed: the preview only answers GET and HEAD\n".into(),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    next.run(req).await
}

/// The answer refusing `req` when it does not name the preview; `None` when it does. In
/// absolute form (`GET http://host/path`) the URI's authority names the target, and a `Host`
/// header, if any, must name it too. A request with no `Host` at all is refused: 400 in
/// HTTP/1.1, which requires one, and 421 in HTTP/1.0, since without a name the request cannot
/// be told apart from one sent to a rebound name. Two `Host` headers are malformed (400).
fn refuse_host(req: &Request, bound: SocketAddr) -> Option<Response<Body>> {
    let mut hosts = req.headers().get_all(header::HOST).iter();
    let host = hosts.next();
    if hosts.next().is_some() {
        return Some(plain(
            StatusCode::BAD_REQUEST,
            "bad request: more than one Host header\n".into(),
        ));
    }
    let authority = req.uri().authority().map(|a| a.as_str());
    let named = match (host.map(HeaderValue::to_str), authority) {
        (Some(Ok(h)), _) if !host_allowed(h, bound) => false,
        (Some(Err(_)), _) => false,
        (_, Some(a)) => host_allowed(a, bound),
        (Some(Ok(_)), None) => true,
        (None, None) if req.version() <= Version::HTTP_10 => {
            return Some(plain(
                StatusCode::MISDIRECTED_REQUEST,
                "misdirected request: no Host header; the preview answers only requests that \
                 name it (localhost, 127.0.0.1 or [::1])\n"
                    .into(),
            ));
        }
        (None, None) => {
            return Some(plain(
                StatusCode::BAD_REQUEST,
                "bad request: no Host header\n".into(),
            ));
        }
    };
    (!named).then(|| {
        plain(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "misdirected request: this host is not accepted. The preview answers only \
                 requests for localhost, 127.0.0.1, [::1] or the address it listens on, on port {}\n",
                bound.port()
            ),
        )
    })
}

/// A short plain-text answer that is never cached.
pub fn plain(status: StatusCode, text: String) -> Response<Body> {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_that_name_the_preview() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let lan: SocketAddr = "192.168.1.20:1111".parse().unwrap();
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        let any6: SocketAddr = "[::]:1111".parse().unwrap();
        #[rustfmt::skip]
        let table: &[(&str, SocketAddr, bool)] = &[
            // Local names, with or without the port being served, in any case.
            ("localhost", local, true),
            ("localhost:1111", local, true),
            ("LOCALHOST:1111", local, true),
            ("LocalHost", local, true),
            ("127.0.0.1", local, true),
            ("127.0.0.1:1111", local, true),
            ("[::1]", local, true),
            ("[::1]:1111", local, true),
            ("[0:0:0:0:0:0:0:1]:1111", local, true),
            // The bound address.
            ("192.168.1.20:1111", lan, true),
            ("192.168.1.20", lan, true),
            ("localhost:1111", lan, true),
            ("192.168.1.21:1111", lan, false),
            // Listening everywhere: any IP address, still no other names.
            ("10.0.0.7:1111", any, true),
            ("0.0.0.0:1111", any, true),
            ("[fe80::1]:1111", any, true),
            ("[2001:db8::5]", any6, true),
            ("mybox.local:1111", any, false),
            ("10.0.0.7:8080", any, false),
            // Another port.
            ("localhost:8080", local, false),
            ("127.0.0.1:80", local, false),
            ("[::1]:8080", local, false),
            // Other names, including rebinding favourites and lookalikes.
            ("evil.example", local, false),
            ("evil.example:1111", local, false),
            ("localhost.evil.example", local, false),
            ("evillocalhost", local, false),
            ("localhost.", local, false),
            ("127.0.0.1.nip.io:1111", local, false),
            ("127.1:1111", local, false),
            ("2130706433", local, false),
            ("0.0.0.0:1111", local, false),
            ("192.168.1.20:1111", local, false),
            // Malformed.
            ("", local, false),
            (":1111", local, false),
            ("localhost:", local, false),
            ("localhost:+1111", local, false),
            ("localhost:1111:1111", local, false),
            ("localhost:99999", local, false),
            ("::1", local, false),
            ("[::1", local, false),
            ("[::1]x", local, false),
            ("[::1%25lo]:1111", local, false),
            ("[localhost]:1111", local, false),
            ("user@localhost:1111", local, false),
            ("localhost :1111", local, false),
        ];
        for &(host, bound, expected) in table {
            assert_eq!(
                host_allowed(host, bound),
                expected,
                "{host:?} bound to {bound}"
            );
        }
    }
}
