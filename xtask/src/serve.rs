//! `cargo xtask serve`: build the site, then serve `dist/` on 127.0.0.1 with a
//! small static file server (std only, a thread per connection). It is for
//! looking at the site while developing: loopback only, GET and HEAD only, no
//! caching, no keep-alive.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::{site, tools, Result, Workspace};

const DEFAULT_PORT: u16 = 8000;
/// Longer request heads are refused: browsers send a few hundred bytes.
const MAX_HEAD: u64 = 16 * 1024;

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
    serve(&dist, options.port)
}

struct Options {
    port: u16,
    build: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut port = match std::env::var("PORT") {
            Ok(value) if !value.is_empty() => Some(parse_port(&value, "PORT")?),
            _ => None,
        };
        let mut build = true;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--port" {
                let value = args.next().ok_or("--port needs a number, e.g. --port 8000")?;
                port = Some(parse_port(value, "--port")?);
            } else if let Some(value) = arg.strip_prefix("--port=") {
                port = Some(parse_port(value, "--port")?);
            } else if arg == "--no-build" {
                build = false;
            } else {
                return Err(format!("`cargo xtask serve` takes --port N and --no-build, not `{arg}`"));
            }
        }
        Ok(Options { port: port.unwrap_or(DEFAULT_PORT), build })
    }
}

fn parse_port(value: &str, what: &str) -> Result<u16> {
    value.parse().map_err(|_| format!("{what} must be a port number from 0 to 65535, not `{value}`"))
}

/// Whether each request is printed; the benchmark turns it off so its table
/// is not buried under hundreds of request lines.
pub static LOG_REQUESTS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Serves `root` until the process is stopped.
pub fn serve(root: &Path, port: u16) -> Result {
    let root = root.canonicalize().map_err(|e| format!("cannot serve {}: {e}", root.display()))?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (is it already in use? try --port)"))?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    println!();
    println!("serving {} at http://127.0.0.1:{port}/", root.display());
    println!("press Ctrl-C to stop");
    let root = Arc::new(root);
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                eprintln!("warning: could not accept a connection: {e}");
                continue;
            }
        };
        let root = Arc::clone(&root);
        let spawned = std::thread::Builder::new().name("serve".into()).spawn(move || {
            if let Err(e) = handle(stream, &root) {
                eprintln!("warning: {e}");
            }
        });
        if let Err(e) = spawned {
            eprintln!("warning: could not start a thread for a connection: {e}");
        }
    }
    Ok(())
}

fn handle(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    // A client that connects and says nothing must not pin a thread forever.
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD));
    let mut request_line = String::new();
    // Browsers open spare connections they may close, or leave idle until the
    // timeout, without a request: nothing to answer and nothing worth a warning.
    match reader.read_line(&mut request_line) {
        Ok(0) | Err(_) => return Ok(()),
        Ok(_) => {}
    }
    // The headers are not needed, but must be read before answering or some
    // clients see a reset instead of the response.
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }

    let mut parts = request_line.split_whitespace();
    let (method, target) = match (parts.next(), parts.next()) {
        (Some(method), Some(target)) => (method, target),
        _ => return respond(stream, "-", "-", Response::error(400, "Bad Request"), false),
    };
    let head_only = method == "HEAD";
    let response = if method != "GET" && !head_only {
        Response::error(405, "Method Not Allowed")
    } else {
        match resolve(root, target) {
            Resolved::File(path) => match std::fs::read(&path) {
                Ok(body) => {
                    Response { status: 200, reason: "OK", content_type: content_type(&path), location: None, body }
                }
                Err(_) => Response::error(404, "Not Found"),
            },
            Resolved::Redirect(location) => Response {
                status: 301,
                reason: "Moved Permanently",
                content_type: "text/plain; charset=utf-8",
                location: Some(location),
                body: b"Moved Permanently\n".to_vec(),
            },
            Resolved::NotFound => Response::error(404, "Not Found"),
            Resolved::Forbidden => Response::error(403, "Forbidden"),
            Resolved::BadRequest => Response::error(400, "Bad Request"),
        }
    };
    respond(stream, method, target, response, head_only)
}

struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Response {
    fn error(status: u16, reason: &'static str) -> Self {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: format!("{status} {reason}\n").into_bytes(),
        }
    }
}

fn respond(
    mut stream: TcpStream,
    method: &str,
    target: &str,
    response: Response,
    head_only: bool,
) -> std::io::Result<()> {
    if LOG_REQUESTS.load(std::sync::atomic::Ordering::Relaxed) {
        println!("{method} {target} -> {}", response.status);
    }
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        response.reason,
        response.content_type,
        response.body.len()
    );
    if response.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
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
    if !path.starts_with('/') {
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

/// `%2e%2E` and friends decoded, so they cannot smuggle a `..` past [`resolve`].
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("pkg"));
        let _ = std::fs::write(dir.join("index.html"), "<!doctype html>");
        let _ = std::fs::write(dir.join("pkg").join("index.html"), "pkg");
        let _ = std::fs::write(dir.join("pkg").join("a b.wasm"), "\0asm");
        dir.canonicalize().unwrap_or(dir)
    }

    #[test]
    fn maps_urls_to_files() {
        let root = site();
        assert_eq!(resolve(&root, "/?x=1"), Resolved::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/pkg/a%20b.wasm?v=2#top"), Resolved::File(root.join("pkg").join("a b.wasm")));
        assert_eq!(resolve(&root, "/pkg/"), Resolved::File(root.join("pkg").join("index.html")));
        assert_eq!(resolve(&root, "/pkg?chart=x"), Resolved::Redirect("/pkg/?chart=x".into()));
        assert_eq!(resolve(&root, "/missing.js"), Resolved::NotFound);
    }

    #[test]
    fn refuses_to_leave_the_root() {
        let root = site();
        assert_eq!(resolve(&root, "/../etc/passwd"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/pkg/%2e%2E/%2E%2e/x"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/a%5c..%5cb"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/%zz"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "http://x/"), Resolved::BadRequest);
    }

    #[test]
    fn names_the_types_browsers_check() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.MJS")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("a.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("a")), "application/octet-stream");
    }
}
