//! Content-hashed file names: the long-cacheable files of `dist/` become
//! `name.<hash>.ext`, and every reference to them in dist's `.html`, `.js` and
//! `.css` files is rewritten, leaves first, so that a file's hash covers the
//! hashed names it refers to. A host can then cache them for ever.
//!
//! A *reference* is a relative URL holding exactly the file's path relative to
//! the referring file (optionally after `./`, and before any `?` or `#`). In a
//! page (parsed by lol_html) it is an attribute's whole value; in a script or
//! style sheet, or a page's inline one, it is a quoted string, a CSS `url(…)` or
//! the rest of a template literal after `${…}`. Prose ("the module pages
//! (app.js)") is not a reference, and `pkg/pk_charts.js` never matches inside
//! another name.

use std::cell::{Cell, RefCell};
use std::path::Path;

use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use sha2::{Digest, Sha256};

use crate::files::{all_files, read_text, relative, text_files};
use crate::html::{whole_text, NOSCRIPT};
use crate::Result;

/// Hex digits of the SHA-256 kept in a hashed name.
pub const HASH_LEN: usize = 10;

/// Files whose names are fixed because people link to them or they are pages.
pub const STABLE_CODE: [&str; 1] = ["embed.js"];

/// Renames `files` (paths relative to `dist`, leaves first), rewrites the
/// references, then checks the result. Returns the new relative paths.
pub fn run(dist: &Path, files: &[String]) -> Result<Vec<String>> {
    let mut renamed = Vec::new();
    for rel in files {
        let path = dist.join(rel);
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("cannot read {} to hash its name: {e} (is it still in www/?)", path.display()))?;
        let new_rel = hashed_name(rel, &content_hash(&bytes)[..HASH_LEN]);
        std::fs::rename(&path, dist.join(&new_rel))
            .map_err(|e| format!("cannot rename {} to {new_rel}: {e}", path.display()))?;
        for text_file in text_files(dist)? {
            let name = relative(dist, &text_file)?;
            let from_dir = dir_of(&name);
            let (from, to) = (relative_url(&from_dir, rel), relative_url(&from_dir, &new_rel));
            let text = read_text(&text_file)?;
            let (rewritten, count) = if is_page(&name) {
                rewrite_page(&text, &from, &to).map_err(|e| format!("{name}: {e}"))?
            } else {
                rewrite_refs(&text, &from, &to)
            };
            if count > 0 {
                std::fs::write(&text_file, rewritten)
                    .map_err(|e| format!("cannot write {}: {e}", text_file.display()))?;
            }
        }
        renamed.push(new_rel);
    }
    check(dist, files, &renamed)?;
    Ok(renamed)
}

/// After hashing: each hashed file still has the content its name claims (no
/// reference was rewritten into it after it was hashed), nothing refers to an
/// old name, and no script or style sheet was left out of hashing by mistake.
fn check(dist: &Path, originals: &[String], renamed: &[String]) -> Result {
    let mut problems = Vec::new();
    for rel in renamed {
        let bytes = std::fs::read(dist.join(rel)).map_err(|e| format!("cannot read {rel}: {e}"))?;
        let hash = &content_hash(&bytes)[..HASH_LEN];
        if hashed_name_hash(rel) != Some(hash) {
            problems.push(format!(
                "{rel} changed after it was hashed (now {hash}): a file hashed earlier refers to a file \
                 hashed later; reorder the list or break the cycle"
            ));
        }
    }
    for file in text_files(dist)? {
        let text = read_text(&file)?;
        let name = relative(dist, &file)?;
        for original in originals {
            let base = original.rsplit('/').next().unwrap_or(original);
            let stale = if is_page(&name) {
                stale_page_refs(&text, base).map_err(|e| format!("{name}: {e}"))?
            } else {
                stale_refs(&text, base)
            };
            for token in stale {
                problems.push(format!("{name} still refers to `{token}`, whose file is now hashed"));
            }
        }
    }
    for file in all_files(dist)? {
        let name = relative(dist, &file)?;
        let code = [".js", ".css", ".wasm"].iter().any(|ext| name.ends_with(ext));
        if code && !renamed.contains(&name) && !STABLE_CODE.contains(&name.as_str()) {
            problems.push(format!(
                "{name} is neither content-hashed nor a stable public name: add it to the hashed list in site.rs"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("content-hashed names are inconsistent:\n  {}", problems.join("\n  ")))
    }
}

/// `pkg/pk_charts_bg.wasm` + `0123456789` → `pkg/pk_charts_bg.0123456789.wasm`.
pub fn hashed_name(rel: &str, hash: &str) -> String {
    let (dir, file) = match rel.rfind('/') {
        Some(i) => (&rel[..=i], &rel[i + 1..]),
        None => ("", rel),
    };
    match file.rfind('.') {
        Some(i) if i > 0 => format!("{dir}{}.{hash}{}", &file[..i], &file[i..]),
        _ => format!("{dir}{file}.{hash}"),
    }
}

/// The hash part of a name made by [`hashed_name`].
fn hashed_name_hash(rel: &str) -> Option<&str> {
    let file = rel.rsplit('/').next()?;
    let mut parts = file.rsplit('.');
    parts.next()?;
    parts.next().filter(|h| h.len() == HASH_LEN && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Can `c` continue a relative URL's path? A match must not touch one.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '~' | '%')
}

/// Does a relative URL start right after `before` in a script or style sheet?
/// After a quote, CSS `url(`, or `}` (the rest of a template literal).
fn opens_url(before: &str) -> bool {
    match before.chars().last() {
        Some('"' | '\'' | '`' | '}') => true,
        Some('(') => before.len() >= 4 && before[before.len() - 4..].eq_ignore_ascii_case("url("),
        _ => false,
    }
}

/// Start of the run of path characters that ends at `end`.
fn token_start(text: &str, end: usize) -> usize {
    text[..end].char_indices().rev().take_while(|&(_, c)| is_path_char(c)).last().map_or(end, |(i, _)| i)
}

fn is_page(name: &str) -> bool {
    name.ends_with(".html")
}

/// Every reference to `from` in a page replaced by `to`; also how many.
fn rewrite_page(html: &str, from: &str, to: &str) -> Result<(String, usize)> {
    let count = Cell::new(0);
    let page = map_page(
        html,
        &mut |value| {
            let (dot, path) = value.strip_prefix("./").map_or(("", value), |rest| ("./", rest));
            let end = path.find(['?', '#']).unwrap_or(path.len());
            (&path[..end] == from).then(|| {
                count.set(count.get() + 1);
                format!("{dot}{to}{}", &path[end..])
            })
        },
        &mut |code| {
            let (rewritten, n) = rewrite_refs(code, from, to);
            count.set(count.get() + n);
            (n > 0).then_some(rewritten)
        },
    )?;
    Ok((page, count.get()))
}

/// A page's references whose last path segment is `file`.
fn stale_page_refs(html: &str, file: &str) -> Result<Vec<String>> {
    let found = RefCell::new(Vec::new());
    map_page(
        html,
        &mut |value| {
            let path = value.split(['?', '#']).next().unwrap_or(value);
            if path == file || path.ends_with(&format!("/{file}")) {
                found.borrow_mut().push(path.to_owned());
            }
            None
        },
        &mut |code| {
            found.borrow_mut().extend(stale_refs(code, file));
            None
        },
    )?;
    Ok(found.into_inner())
}

/// `html` with each attribute value replaced by `attribute(value)` and the
/// text of each inline script and style sheet by `code(text)`, where they
/// return `Some`; `<noscript>` markup is mapped the same way. Values are as
/// written (entities are not decoded); a replaced attribute is written back
/// double-quoted.
fn map_page(html: &str, attribute: Edit<'_>, code: Edit<'_>) -> Result<String> {
    let (attribute, code) = (RefCell::new(attribute), RefCell::new(code));
    let page = rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("*", |el| {
                let mut attribute = attribute.borrow_mut();
                let changed: Vec<(String, String)> =
                    el.attributes().iter().filter_map(|a| attribute(&a.value()).map(|v| (a.name(), v))).collect();
                for (name, value) in changed {
                    el.set_attribute(&name, &value)?;
                }
                Ok(())
            }))
            .append_element_content_handler(text!(
                "script, style",
                whole_text(|text| Ok((code.borrow_mut())(text).unwrap_or_else(|| text.to_owned())))
            ))
            .append_element_content_handler(text!(
                NOSCRIPT,
                whole_text(|markup| map_page(markup, *attribute.borrow_mut(), *code.borrow_mut()))
            )),
    );
    page.map_err(|e| format!("cannot parse the page: {e}"))
}

/// What [`map_page`] calls on each URL or inline script: `Some` replaces it.
type Edit<'a> = &'a mut dyn FnMut(&str) -> Option<String>;

/// Every reference to `from` in a script or style sheet replaced by `to`; also how many.
///
/// Hand-written, unlike the pages' side: short of a whole JavaScript parser
/// (oxc or swc, each far larger than xtask) no crate finds the strings of a
/// script, and the built scripts hold 6 references in all (2 in app.js, 3 in
/// embed.js, 1 in wasm-bindgen's glue; the style sheets none), every one a
/// quoted string.
pub fn rewrite_refs(text: &str, from: &str, to: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut count = 0;
    for (at, _) in text.match_indices(from) {
        let end = at + from.len();
        let start = token_start(text, at);
        let is_ref = matches!(&text[start..at], "" | "./")
            && opens_url(&text[..start])
            && !text[end..].chars().next().is_some_and(is_path_char);
        if is_ref {
            out.push_str(&text[last..at]);
            out.push_str(to);
            last = end;
            count += 1;
        }
    }
    out.push_str(&text[last..]);
    (out, count)
}

/// References in a script or style sheet, with any directory, whose last path
/// segment is `file`: what must not remain once `file` has a hashed name.
pub fn stale_refs(text: &str, file: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(file) {
        let end = at + file.len();
        let start = token_start(text, at);
        let whole_segment = at == start || text[..at].ends_with('/');
        if whole_segment && opens_url(&text[..start]) && !text[end..].chars().next().is_some_and(is_path_char) {
            found.push(text[start..end].to_owned());
        }
    }
    found
}

/// The URL of `target` (relative to dist) as written in a file in `from_dir`.
fn relative_url(from_dir: &str, target: &str) -> String {
    let mut from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let mut to: Vec<&str> = target.split('/').collect();
    while !from.is_empty() && to.len() > 1 && from[0] == to[0] {
        from.remove(0);
        to.remove(0);
    }
    format!("{}{}", "../".repeat(from.len()), to.join("/"))
}

fn dir_of(rel: &str) -> String {
    rel.rfind('/').map_or(String::new(), |i| rel[..i].to_owned())
}

/// Hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn hashed_names_keep_directory_and_extension() {
        assert_eq!(hashed_name("pkg/pk_charts_bg.wasm", "0123456789"), "pkg/pk_charts_bg.0123456789.wasm");
        assert_eq!(hashed_name("example-article.css", "abcdefabcd"), "example-article.abcdefabcd.css");
        assert_eq!(hashed_name("LICENSE", "abcdefabcd"), "LICENSE.abcdefabcd");
        assert_eq!(hashed_name_hash("pkg/pk_charts.0123456789.js"), Some("0123456789"));
        assert_eq!(hashed_name_hash("pkg/pk_charts.js"), None);
        assert_eq!(hashed_name_hash("a.b.js"), None);
    }

    #[test]
    fn rewrites_quoted_and_attribute_references() {
        let js = "import init, * as wasm from './pkg/pk_charts.js';\nimport('pkg/pk_charts.js?v=1#x');";
        assert_eq!(
            rewrite_refs(js, "pkg/pk_charts.js", "pkg/pk_charts.0123456789.js"),
            (
                "import init, * as wasm from './pkg/pk_charts.0123456789.js';\n\
                 import('pkg/pk_charts.0123456789.js?v=1#x');"
                    .to_owned(),
                2
            )
        );
        let html = r#"<link rel="stylesheet" href="chart.css"><link href=chart.css><p>chart.css</p>"#;
        assert_eq!(
            rewrite_page(html, "chart.css", "chart.1.css"),
            Ok((
                r#"<link rel="stylesheet" href="chart.1.css"><link href="chart.1.css"><p>chart.css</p>"#.to_owned(),
                2
            ))
        );
        let page = "<a data-x='./app.js?v=1#x' href=\"other/app.js\">'app.js'</a><!-- <a href=\"app.js\"> -->\
                    <script>import('./app.js')</script><style>a { background: url(app.js) }</style>";
        assert_eq!(
            rewrite_page(page, "app.js", "app.2.js"),
            Ok((
                "<a data-x=\"./app.2.js?v=1#x\" href=\"other/app.js\">'app.js'</a><!-- <a href=\"app.js\"> -->\
                 <script>import('./app.2.js')</script><style>a { background: url(app.2.js) }</style>"
                    .to_owned(),
                3
            ))
        );
        let loader = "link.href = base + 'chart.css'; import(base + 'mount.js'); `${base}mount.js`";
        assert_eq!(
            rewrite_refs(loader, "mount.js", "mount.2.js").0,
            "link.href = base + 'chart.css'; import(base + 'mount.2.js'); `${base}mount.2.js`"
        );
        let css = "a { background: url(img/x.svg) } b { background: URL('img/x.svg') }";
        assert_eq!(rewrite_refs(css, "img/x.svg", "img/x.3.svg").1, 2);
        let glue = "module_or_path = new URL('pk_charts_bg.wasm', import.meta.url);";
        assert_eq!(
            rewrite_refs(glue, "pk_charts_bg.wasm", "pk_charts_bg.4.wasm").0,
            "module_or_path = new URL('pk_charts_bg.4.wasm', import.meta.url);"
        );
    }

    #[test]
    fn leaves_other_names_and_prose_alone() {
        let text = "'pk_charts.js' \"xpk_charts.js\" 'pkg/pk_charts.js.map' 'other/pkg/pk_charts.js' \
                    '../pkg/pk_charts.js' './/pkg/pk_charts.js' (pkg/pk_charts.js) // see pkg/pk_charts.js\n\
                    \"./pk_charts_bg.js\": import0";
        assert_eq!(rewrite_refs(text, "pkg/pk_charts.js", "NEW"), (text.to_owned(), 0));
        // `charts.js` is a suffix of `pk_charts.js`, `chart.css` of `pkg/chart.css`.
        assert_eq!(rewrite_refs("'pk_charts.js' 'pkg/chart.css'", "charts.js", "NEW").1, 0);
        assert_eq!(rewrite_refs("'pk_charts.js' 'pkg/chart.css'", "chart.css", "NEW").1, 0);
        let comment = "// the module pages (app.js), the loader (embed.js)";
        assert_eq!(rewrite_refs(comment, "app.js", "NEW").1, 0);
        // Not every `(` opens a URL, nor, outside a page's attributes, every `=`.
        assert_eq!(rewrite_refs("f(app.js) a=app.js", "app.js", "NEW").1, 0);
    }

    #[test]
    fn finds_stale_references_in_any_directory() {
        let text = "'./mount.js' \"x/y/mount.js?v\" url(mount.js) 'mount.js.map' 'amount.js' mount.js `${b}mount.js`";
        assert_eq!(stale_refs(text, "mount.js"), ["./mount.js", "x/y/mount.js", "mount.js", "mount.js"]);
        assert!(stale_refs("'pk_charts.0123456789.js'", "pk_charts.js").is_empty());
        assert!(stale_refs("\"./pk_charts_bg.js\": import0", "pk_charts.js").is_empty());
        let page = "<link href=x/mount.js?v><a href='amount.js'>mount.js</a><script>import('./mount.js')</script>";
        assert_eq!(stale_page_refs(page, "mount.js"), Ok(vec!["x/mount.js".to_owned(), "./mount.js".to_owned()]));
    }

    #[test]
    fn urls_are_relative_to_the_referring_file() {
        assert_eq!(relative_url("", "pkg/pk_charts.js"), "pkg/pk_charts.js");
        assert_eq!(relative_url("pkg", "pkg/pk_charts_bg.wasm"), "pk_charts_bg.wasm");
        assert_eq!(relative_url("pkg", "mount.js"), "../mount.js");
        assert_eq!(relative_url("a/b", "a/c/d.js"), "../c/d.js");
        assert_eq!(dir_of("pkg/pk_charts.js"), "pkg");
        assert_eq!(dir_of("app.js"), "");
    }

    #[test]
    fn renames_leaves_first_and_rewrites_every_reference() {
        let dist = std::env::temp_dir().join(format!("xtask-fingerprint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        let write = |rel: &str, text: &str| {
            let path = dist.join(rel);
            std::fs::create_dir_all(path.parent().unwrap_or(&dist)).unwrap_or(());
            std::fs::write(path, text).unwrap_or(());
        };
        write("pkg/lib_bg.wasm", "\0asm");
        write("pkg/lib.js", "fetch(new URL('lib_bg.wasm', import.meta.url));");
        write("app.js", "import './pkg/lib.js';");
        write("embed.js", "import(base + 'pkg/lib.js');");
        write("index.html", "<script type=\"module\" src=\"app.js\"></script>");
        let files = ["pkg/lib_bg.wasm", "pkg/lib.js", "app.js"].map(String::from);
        let renamed = run(&dist, &files);
        let read = |rel: &str| std::fs::read_to_string(dist.join(rel)).unwrap_or_default();
        let renamed = renamed.unwrap_or_else(|e| panic!("{e}"));
        assert!(renamed.iter().all(|r| hashed_name_hash(r).is_some()), "{renamed:?}");
        assert!(read(&renamed[1]).contains(&format!("'{}'", &renamed[0][4..])));
        assert_eq!(read(&renamed[2]), format!("import './{}';", renamed[1]));
        assert_eq!(read("embed.js"), format!("import(base + '{}');", renamed[1]));
        assert_eq!(read("index.html"), format!("<script type=\"module\" src=\"{}\"></script>", renamed[2]));

        // A script nobody listed is caught, as is a reference the rewrite cannot see.
        write("extra.js", "x");
        write("page.html", "<a href=\"./pkg/../app.js\">");
        let err = check(&dist, &files, &renamed).err().unwrap_or_default();
        assert!(err.contains("extra.js is neither"), "{err}");
        assert!(err.contains("page.html still refers to `./pkg/../app.js`"), "{err}");
        let _ = std::fs::remove_dir_all(&dist);
    }
}
