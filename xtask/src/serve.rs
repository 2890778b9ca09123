//! `cargo xtask serve`: build the site, then serve `dist/` on 127.0.0.1 with
//! tiny_http. It is for looking at the site while developing: loopback only,
//! GET and HEAD only, no caching. `--cors` lets pages of other origins use it
//! as the host of a script-tag embed, as a newsroom's CDN would be.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response};

use crate::{site, tools, Result, Workspace};

const DEFAULT_PORT: u16 = 8000;
/// Requests answered at once: a page load asks for a dozen files together.
const WORKERS: usize = 4;

pub fn run(ws: &Workspace, args: &[String]) -> Result {
    let options = Options::parse(args)?;
    let dist = if options.build {
        tools::ensure(ws, tools::Needs::SITE)?;
        site::build(ws)?.dist
    } else {
        let dist = ws.dist();
        if !dist.is_dir() {
            return Err(format!("{} does not exist: run `cargo xtask dist` first or drop --no-build", dist.display()));
        }
        dist
    };
    let server = Server::bind(&dist, options.port)?;
    println!();
    println!("serving {} at http://127.0.0.1:{}/", server.root.display(), server.port);
    if options.cors {
        println!("to pages of any origin (--cors)");
    }
    println!("press Ctrl-C to stop");
    server.serve(Answers { cors: options.cors, log: true });
    Ok(())
}

struct Options {
    port: u16,
    build: bool,
    cors: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut port = match std::env::var("PORT") {
            Ok(value) if !value.is_empty() => Some(parse_port(&value, "PORT")?),
            _ => None,
        };
        let mut build = true;
        let mut cors = false;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--port" {
                let value = args.next().ok_or("--port needs a number, e.g. --port 8000")?;
                port = Some(parse_port(value, "--port")?);
            } else if let Some(value) = arg.strip_prefix("--port=") {
                port = Some(parse_port(value, "--port")?);
            } else if arg == "--no-build" {
                build = false;
            } else if arg == "--cors" {
                cors = true;
            } else {
                return Err(format!("`cargo xtask serve` takes --port N, --no-build and --cors, not `{arg}`"));
            }
        }
        Ok(Options { port: port.unwrap_or(DEFAULT_PORT), build, cors })
    }
}

fn parse_port(value: &str, what: &str) -> Result<u16> {
    value.parse().map_err(|_| format!("{what} must be a port number from 0 to 65535, not `{value}`"))
}

/// How requests are answered beyond the file itself.
#[derive(Clone, Copy)]
pub struct Answers {
    /// Send `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy:
    /// cross-origin` on every response.
    pub cors: bool,
    /// Print each request; the benchmark turns it off so its table is not
    /// buried under hundreds of request lines.
    pub log: bool,
}

/// A listening server, not yet answering.
pub struct Server {
    http: tiny_http::Server,
    /// The canonical directory served.
    root: PathBuf,
    /// The port it listens on (the one the system chose, if asked for port 0).
    pub port: u16,
}

/// A socket listening on 127.0.0.1:`port`, whose connections send each write
/// at once. tiny_http writes a response's head, then its body: with Nagle's
/// algorithm on, the body of every response after a connection's first
/// waited for the browser's delayed ACK of the head, ~40 ms (curl, keep-alive:
/// 43 ms for a 20 KB script; 0.6 ms with this), which made a page of several
/// files look slower than it is and skewed `cargo xtask bench` against it.
fn listen(port: u16) -> Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let fail = |e: std::io::Error| format!("cannot listen on 127.0.0.1:{port}: {e} (is it already in use? try --port)");
    let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).map_err(fail)?;
    socket.set_tcp_nodelay(true).map_err(fail)?;
    // As std's TcpListener::bind does on Unix: a restarted server can take its port back at once.
    #[cfg(unix)]
    socket.set_reuse_address(true).map_err(fail)?;
    socket.bind(&std::net::SocketAddr::from(([127, 0, 0, 1], port)).into()).map_err(fail)?;
    socket.listen(128).map_err(fail)?;
    Ok(socket.into())
}

impl Server {
    /// Listens on 127.0.0.1:`port` for the files under `root`.
    pub fn bind(root: &Path, port: u16) -> Result<Server> {
        let root = root.canonicalize().map_err(|e| format!("cannot serve {}: {e}", root.display()))?;
        let http = tiny_http::Server::from_listener(listen(port)?, None)
            .map_err(|e| format!("cannot serve on 127.0.0.1:{port}: {e}"))?;
        let port = http.server_addr().to_ip().map_or(port, |a| a.port());
        Ok(Server { http, root, port })
    }

    /// Answers requests until the process is stopped.
    pub fn serve(self, answers: Answers) {
        std::thread::scope(|scope| {
            for _ in 0..WORKERS {
                scope.spawn(|| {
                    for request in self.http.incoming_requests() {
                        answer(request, &self.root, answers);
                    }
                });
            }
        });
    }
}

fn answer(request: Request, root: &Path, answers: Answers) {
    let reply = reply(request.method(), request.url(), root);
    if answers.log {
        println!("{} {} -> {}", request.method(), request.url(), reply.status);
    }
    let mut headers = vec![
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-cache".into()),
        ("X-Content-Type-Options", "nosniff".into()),
    ];
    if reply.status == 405 {
        headers.push(("Allow", "GET, HEAD".into()));
    }
    if let Some(location) = reply.location {
        headers.push(("Location", location));
    }
    if answers.cors {
        headers.push(("Access-Control-Allow-Origin", "*".into()));
        headers.push(("Cross-Origin-Resource-Policy", "cross-origin".into()));
    }
    // Header values are ASCII: `resolve` refuses any other request target.
    let response = headers
        .into_iter()
        .filter_map(|(name, value)| Header::from_bytes(name, value).ok())
        .fold(Response::from_data(reply.body).with_status_code(reply.status), Response::with_header);
    // tiny_http leaves out the body of a HEAD response.
    if let Err(e) = request.respond(response) {
        eprintln!("warning: {e}");
    }
}

/// What a request is answered with.
struct Reply {
    status: u16,
    content_type: String,
    location: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn error(status: u16, reason: &str) -> Self {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            location: None,
            body: format!("{status} {reason}\n").into_bytes(),
        }
    }
}

fn reply(method: &Method, target: &str, root: &Path) -> Reply {
    if !matches!(method, Method::Get | Method::Head) {
        return Reply::error(405, "Method Not Allowed");
    }
    match resolve(root, target) {
        Resolved::File(path) => match std::fs::read(&path) {
            Ok(body) => Reply { status: 200, content_type: content_type(&path), location: None, body },
            Err(_) => Reply::error(404, "Not Found"),
        },
        Resolved::Redirect(location) => Reply {
            status: 301,
            content_type: "text/plain; charset=utf-8".into(),
            location: Some(location),
            body: b"Moved Permanently\n".to_vec(),
        },
        Resolved::NotFound => Reply::error(404, "Not Found"),
        Resolved::Forbidden => Reply::error(403, "Forbidden"),
        Resolved::BadRequest => Reply::error(400, "Bad Request"),
    }
}

#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    /// A directory asked for without its trailing slash: relative URLs inside
    /// its index.html would resolve against the parent, so redirect first.
    Redirect(String),
    NotFound,
    Forbidden,
    BadRequest,
}

/// Maps a request target to a file under `root` (which must be canonical).
fn resolve(root: &Path, target: &str) -> Resolved {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or(path);
    if !path.starts_with('/') || !target.is_ascii() {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Forbidden,
            s if s.contains(['\\', '\0']) => return Resolved::Forbidden,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            return Resolved::Redirect(format!("{path}/{query}"));
        }
        file.push("index.html");
    }
    // Canonicalising also follows symlinks, which must not lead out of root.
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Resolved::File(real),
        Ok(real) if !real.starts_with(root) => Resolved::Forbidden,
        _ => Resolved::NotFound,
    }
}

/// `%2e%2E` and friends decoded, so they cannot smuggle a `..` past [`resolve`];
/// `None` for a malformed escape (`%zz`, a lone `%`), which percent-encoding
/// would pass through as it is, or for bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let escapes_ok = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'%')
        .all(|(i, _)| bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)));
    if !escapes_ok {
        return None;
    }
    percent_decode_str(path).decode_utf8().ok().map(|decoded| decoded.into_owned())
}

/// The Content-Type of a file, by its extension; text in UTF-8, as the site writes it.
fn content_type(path: &Path) -> String {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let mime = match ext.as_deref() {
        // mime_guess 2.0.5 says application/javascript for .mjs (only): RFC 9239
        // makes text/javascript the one type of JavaScript.
        Some("mjs") => "text/javascript",
        _ => mime_guess::from_path(path).first_raw().unwrap_or("application/octet-stream"),
    };
    if mime.starts_with("text/") {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small site, in a directory of its own for each test (they run at once).
    fn site(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}-{test}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("pkg"));
        let _ = std::fs::write(dir.join("index.html"), "<!doctype html>");
        let _ = std::fs::write(dir.join("pkg").join("index.html"), "pkg");
        let _ = std::fs::write(dir.join("pkg").join("a b.wasm"), "\0asm");
        dir.canonicalize().unwrap_or(dir)
    }

    #[test]
    fn maps_urls_to_files() {
        let root = site("maps");
        assert_eq!(resolve(&root, "/?x=1"), Resolved::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/pkg/a%20b.wasm?v=2#top"), Resolved::File(root.join("pkg").join("a b.wasm")));
        assert_eq!(resolve(&root, "/pkg/"), Resolved::File(root.join("pkg").join("index.html")));
        assert_eq!(resolve(&root, "/pkg?chart=x"), Resolved::Redirect("/pkg/?chart=x".into()));
        assert_eq!(resolve(&root, "/missing.js"), Resolved::NotFound);
    }

    #[test]
    fn refuses_to_leave_the_root() {
        let root = site("refuses");
        assert_eq!(resolve(&root, "/../etc/passwd"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/pkg/%2e%2E/%2E%2e/x"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/a%5c..%5cb"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/%zz"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "http://x/"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "/caf\u{e9}"), Resolved::BadRequest);
    }

    /// The response head (and body) to a request with `method` for `path`.
    fn fetch(port: u16, method: &str, path: &str) -> String {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("{e}"));
        let request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap_or_else(|e| panic!("{e}"));
        response
    }

    #[test]
    fn answers_with_types_and_cors_headers() {
        let serve = |cors| {
            let server = Server::bind(&site("answers"), 0).unwrap_or_else(|e| panic!("{e}"));
            let port = server.port;
            std::thread::spawn(move || server.serve(Answers { cors, log: false }));
            port
        };
        let (plain, cors) = (serve(false), serve(true));

        let wasm = fetch(cors, "GET", "/pkg/a%20b.wasm");
        for line in [
            "HTTP/1.1 200 OK\r\n",
            "\r\nContent-Type: application/wasm\r\n",
            "\r\nContent-Length: 4\r\n",
            "\r\nAccess-Control-Allow-Origin: *\r\n",
            "\r\nCross-Origin-Resource-Policy: cross-origin\r\n",
            "\r\nX-Content-Type-Options: nosniff\r\n",
        ] {
            assert!(wasm.contains(line), "{line:?} in {wasm}");
        }
        assert!(wasm.ends_with("\r\n\r\n\0asm"), "{wasm}");
        let missing = fetch(cors, "GET", "/missing.js");
        assert!(missing.starts_with("HTTP/1.1 404") && missing.contains("Access-Control-Allow-Origin: *"), "{missing}");

        let page = fetch(plain, "HEAD", "/");
        assert!(page.contains("Content-Type: text/html; charset=utf-8\r\n"), "{page}");
        assert!(page.ends_with("\r\n\r\n") && !page.contains("Access-Control"), "{page}");
        let redirect = fetch(plain, "GET", "/pkg?chart=x");
        assert!(redirect.starts_with("HTTP/1.1 301") && redirect.contains("Location: /pkg/?chart=x\r\n"), "{redirect}");
        let post = fetch(plain, "POST", "/");
        assert!(post.starts_with("HTTP/1.1 405") && post.contains("Allow: GET, HEAD\r\n"), "{post}");
    }

    #[test]
    fn names_the_types_browsers_check() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.MJS")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("a.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("a")), "application/octet-stream");
        assert_eq!(content_type(Path::new("a.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("a.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("a.csv")), "text/csv; charset=utf-8");
        assert_eq!(content_type(Path::new("a.json")), "application/json");
    }
}
