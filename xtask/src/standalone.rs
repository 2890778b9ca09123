//! `standalone.html`: the dashboard as one self-contained file that works when
//! opened from `file://` with no server. Chromium will not load module scripts
//! (nor fetch wasm) from `file://`, so the page carries everything inline: the
//! style sheets, wasm-bindgen's `--target no-modules` glue (a classic script
//! defining the global `wasm_bindgen`), the text of `mount.js`, and the wasm
//! bytes in base64, compiled with `initSync`. Images (the favicon and the
//! no-script fallbacks) become `data:` URLs; the data downloads stay relative
//! links, which work when the file sits beside `data/`.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use lol_html::html_content::ContentType;
use lol_html::{element, end_tag, rewrite_str, text, RewriteStrSettings};

use crate::files::read_text;
use crate::html::{whole_text, NOSCRIPT};
use crate::links::page_urls;
use crate::Result;

/// Writes `dist/standalone.html` from `dist/index.html` (fallbacks already in),
/// `dist/`'s style sheets and `mount.js`, and the no-modules package in `classic`.
pub fn write(dist: &Path, classic: &Path, out_name: &str) -> Result {
    let index = read_text(&dist.join("index.html"))?;
    let glue = read_text(&classic.join(format!("{out_name}.js")))?;
    let wasm_path = classic.join(format!("{out_name}_bg.wasm"));
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("cannot read {}: {e}", wasm_path.display()))?;
    let mount = read_text(&dist.join("mount.js"))?;
    let read = |rel: &str| {
        let path = dist.join(rel);
        std::fs::read(&path).map_err(|e| format!("standalone.html inlines {rel}, but cannot read it: {e}"))
    };
    let page =
        page(&index, &read, &[("wasm-bindgen glue", &glue), ("mount.js", &mount), ("starter", &starter(&wasm))])?;
    let out = dist.join("standalone.html");
    std::fs::write(&out, page).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// The classic script that hands the inlined module to `mount.js`.
fn starter(wasm: &[u8]) -> String {
    format!(
        "(function () {{\n\
         'use strict';\n\
         var WASM = '{}';\n\
         function wasmBytes() {{\n\
         \x20 var text = atob(WASM);\n\
         \x20 var bytes = new Uint8Array(text.length);\n\
         \x20 for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n\
         \x20 return bytes;\n\
         }}\n\
         globalThis.PkCharts.start({{\n\
         \x20 init: async function () {{ wasm_bindgen.initSync({{ module: wasmBytes() }}); }},\n\
         \x20 Chart: wasm_bindgen.Chart,\n\
         }}, {{}});\n\
         }})();",
        BASE64.encode(wasm)
    )
}

/// `index` made self-contained: style sheets inlined in order, the favicon and
/// images as `data:` URLs, the module script and preloads removed and `scripts`
/// (name, text) appended as classic inline scripts at the end of the body.
fn page(index: &str, read: Read<'_>, scripts: &[(&str, &str)]) -> Result<String> {
    let mut tail = String::new();
    for (name, text) in scripts {
        tail.push_str(&format!("<script>\n{}\n</script>\n", raw_script(name, text)?));
    }
    let seen = Seen::default();
    let html = inline(index, read, &tail, &seen)?;
    if seen.modules.get() == 0 {
        return Err("index.html has no <script type=\"module\">: how does it start the charts now?".into());
    }
    if !seen.body_closed.get() {
        return Err("index.html has no </body>".into());
    }
    let external: Vec<String> = page_urls(&html)?
        .into_iter()
        .filter(|u| is_relative(u) && !u.starts_with("data/") && !u.starts_with('#'))
        .collect();
    if !external.is_empty() {
        return Err(format!("standalone.html would still load {}", external.join(", ")));
    }
    Ok(html)
}

/// Reads a file of `dist/` by its relative URL.
type Read<'a> = &'a dyn Fn(&str) -> Result<Vec<u8>>;

/// What [`inline`] saw of the page.
#[derive(Default)]
struct Seen {
    modules: Cell<usize>,
    /// Shared with the body's end-tag handler, which lol_html requires to own what it uses.
    body_closed: Rc<Cell<bool>>,
}

/// The work of [`page`] on `html`, and on the markup of its `<noscript>`s.
fn inline(html: &str, read: Read<'_>, tail: &str, seen: &Seen) -> Result<String> {
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("script", |el| {
                if el.get_attribute("type").as_deref() == Some("module") {
                    seen.modules.set(seen.modules.get() + 1);
                    el.remove();
                } else if let Some(src) = el.get_attribute("src") {
                    return Err(format!(
                        "standalone.html cannot load `<script src=\"{src}\">` from file://: \
                         inline it or make it a module"
                    )
                    .into());
                }
                Ok(())
            }))
            .append_element_content_handler(element!("link[href]", |el| {
                let rel = el.get_attribute("rel").unwrap_or_default().to_ascii_lowercase();
                let rel: Vec<&str> = rel.split_whitespace().collect();
                let href = el.get_attribute("href").unwrap_or_default();
                if rel.contains(&"stylesheet") {
                    el.replace(&format!("<style>\n{}</style>", inline_css(&href, &read(&href)?)?), ContentType::Html);
                } else if rel.contains(&"preload") || rel.contains(&"modulepreload") {
                    // Preloads speed up the served pages; in one file there is nothing to fetch.
                    el.remove();
                } else if rel.contains(&"icon") && is_relative(&href) {
                    el.set_attribute("href", &data_url(&href, &read(&href)?)?)?;
                }
                Ok(())
            }))
            // Links to the site's other pages (the "Make a chart" page) mean
            // nothing in a file on its own.
            .append_element_content_handler(element!(".site-only", |el| {
                el.remove();
                Ok(())
            }))
            // The data downloads travel inside the file, so a copy on its own keeps them.
            .append_element_content_handler(element!("a[href^=\"data/\"]", |el| {
                let href = el.get_attribute("href").unwrap_or_default();
                el.set_attribute("href", &data_url(&href, &read(&href)?)?)?;
                Ok(())
            }))
            .append_element_content_handler(element!("img[src]", |el| {
                let src = el.get_attribute("src").unwrap_or_default();
                if is_relative(&src) {
                    el.set_attribute("src", &data_url(&src, &read(&src)?)?)?;
                }
                Ok(())
            }))
            .append_element_content_handler(element!("body", |el| {
                let (tail, closed) = (tail.to_owned(), Rc::clone(&seen.body_closed));
                el.on_end_tag(end_tag!(move |end| {
                    end.before(&tail, ContentType::Html);
                    closed.set(true);
                    Ok(())
                }))
            }))
            .append_element_content_handler(text!(NOSCRIPT, whole_text(|markup| inline(markup, read, tail, seen)))),
    )
    .map_err(|e| e.to_string())
}

/// A style sheet's text, if it can sit in a `<style>` of a page opened from a file.
fn inline_css(href: &str, bytes: &[u8]) -> Result<String> {
    let css = String::from_utf8(bytes.to_vec()).map_err(|_| format!("{href} is not UTF-8"))?;
    if css.to_ascii_lowercase().contains("</style") {
        return Err(format!("{href} contains `</style`, which would end the inline style early"));
    }
    if css.contains("url(") && !css.contains("url(data:") {
        return Err(format!("{href} has a url(…) that standalone.html cannot resolve"));
    }
    Ok(css)
}

fn is_relative(url: &str) -> bool {
    let scheme = url.split_once(':').is_some_and(|(s, _)| s.chars().all(|c| c.is_ascii_alphanumeric()));
    !url.is_empty() && !scheme && !url.starts_with('/') && !url.starts_with('#')
}

fn data_url(name: &str, bytes: &[u8]) -> Result<String> {
    match mime_guess::from_path(name).first_raw() {
        Some(mime) if mime.starts_with("image/") => Ok(format!("data:{mime};base64,{}", BASE64.encode(bytes))),
        // The data downloads: text, so the reader's download keeps its encoding.
        Some(mime @ ("text/csv" | "application/json")) => {
            Ok(format!("data:{mime};charset=utf-8;base64,{}", BASE64.encode(bytes)))
        }
        _ => Err(format!("standalone.html cannot inline {name}: unknown file type")),
    }
}

/// Script text safe inside `<script>…</script>`: `</script` becomes `<\/script`,
/// which means the same in a JS string, template, regex or comment. `<!--`
/// has no such rewrite, so it is refused.
fn raw_script(name: &str, text: &str) -> Result<String> {
    if text.contains("<!--") {
        return Err(format!("{name} contains `<!--`, which cannot be inlined in a <script>"));
    }
    let mut out = String::with_capacity(text.len());
    let lower = text.to_ascii_lowercase();
    let mut last = 0;
    for (at, _) in lower.match_indices("</script") {
        out.push_str(&text[last..at + 1]);
        out.push('\\');
        last = at + 1;
    }
    out.push_str(&text[last..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        // What the page's `atob` and data: URLs read: the standard alphabet, padded.
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")];
        for (plain, encoded) in cases {
            assert_eq!(BASE64.encode(plain.as_bytes()), encoded);
        }
        assert_eq!(BASE64.encode([0xfb, 0xff, 0xfe]), "+//+");
    }

    #[test]
    fn scripts_cannot_close_their_element() {
        assert_eq!(
            raw_script("x", "a = `<script></script>`; b = '</SCRIPT>'").unwrap_or_default(),
            "a = `<script><\\/script>`; b = '<\\/SCRIPT>'"
        );
        assert!(raw_script("x", "a = '<!--'").is_err());
    }

    fn files(rel: &str) -> Result<Vec<u8>> {
        match rel {
            "style.css" => Ok(b"body { margin: 0 }\n".to_vec()),
            "chart.css" => Ok(b".chart { }\n".to_vec()),
            "favicon.svg" => Ok(b"<svg/>".to_vec()),
            "data/x.csv" => Ok(b"a,b\n".to_vec()),
            "img/a.svg" => Ok(b"<svg>a</svg>".to_vec()),
            other => Err(format!("no {other}")),
        }
    }

    #[test]
    fn page_carries_everything_inline() {
        let index = "<head><link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">\n\
                     <link rel=\"stylesheet\" href=\"style.css\">\n<link rel=stylesheet href=chart.css>\n\
                     <script type=\"module\" src=\"app.js\"></script>\n</head><body><figure data-chart=\"a\"></figure>\
                     <noscript><img class=\"fallback\" src=\"img/a.svg\" alt=\"A\"></noscript>\
                     <a href=\"data/x.csv\">CSV</a></body>";
        let page = page(index, &files, &[("one", "var a = 1;"), ("two", "start('</script>')")])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            page,
            format!(
                "<head><link rel=\"icon\" href=\"data:image/svg+xml;base64,{}\" type=\"image/svg+xml\">\n\
                 <style>\nbody {{ margin: 0 }}\n</style>\n<style>\n.chart {{ }}\n</style>\n\n</head><body>\
                 <figure data-chart=\"a\"></figure><noscript><img class=\"fallback\" \
                 src=\"data:image/svg+xml;base64,{}\" alt=\"A\"></noscript><a href=\"data:text/csv;charset=utf-8;base64,{}\">CSV</a>\
                 <script>\nvar a = 1;\n</script>\n<script>\nstart('<\\/script>')\n</script>\n</body>",
                BASE64.encode(b"<svg/>"),
                BASE64.encode(b"<svg>a</svg>"),
                BASE64.encode(b"a,b\n")
            )
        );
    }

    #[test]
    fn page_refuses_what_cannot_work_from_a_file() {
        let no_module = "<head><link rel=\"stylesheet\" href=\"style.css\"></head><body></body>";
        assert!(page(no_module, &files, &[]).is_err_and(|e| e.contains("no <script type=\"module\">")));
        let classic_src = "<script type=\"module\" src=\"app.js\"></script><script src=\"x.js\"></script><body></body>";
        assert!(page(classic_src, &files, &[]).is_err_and(|e| e.contains("cannot load")));
        let missing = "<script type=module src=app.js></script><link rel=stylesheet href=gone.css><body></body>";
        assert!(page(missing, &files, &[]).is_err_and(|e| e.contains("no gone.css")));
        let external = "<script type=module src=app.js></script><body><a href=\"embed.html\">x</a></body>";
        assert!(page(external, &files, &[]).is_err_and(|e| e.contains("would still load embed.html")));
    }

    #[test]
    fn starter_hands_the_module_to_mount_js() {
        let js = starter(b"\0asm");
        assert!(js.contains("var WASM = 'AGFzbQ==';"), "{js}");
        assert!(js.contains("wasm_bindgen.initSync({ module: wasmBytes() })"), "{js}");
        assert!(js.contains("globalThis.PkCharts.start({"), "{js}");
    }
}
