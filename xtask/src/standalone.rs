//! `standalone.html`: the dashboard as one self-contained file that works when
//! opened from `file://` with no server. Chromium will not load module scripts
//! (nor fetch wasm) from `file://`, so the page carries everything inline: the
//! style sheets, wasm-bindgen's `--target no-modules` glue (a classic script
//! defining the global `wasm_bindgen`), the text of `mount.js`, and the wasm
//! bytes in base64, compiled with `initSync`. Images (the favicon and the
//! no-script fallbacks) become `data:` URLs; the data downloads stay relative
//! links, which work when the file sits beside `data/`.

use std::path::Path;

use crate::files::read_text;
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
         \x20 chart_meta: wasm_bindgen.chart_meta,\n\
         \x20 timeline: wasm_bindgen.timeline,\n\
         \x20 chart_ids: wasm_bindgen.chart_ids,\n\
         }}, {{}});\n\
         }})();",
        base64(wasm)
    )
}

/// `index` made self-contained: style sheets inlined in order, the favicon and
/// images as `data:` URLs, the module script removed and `scripts` (name, text)
/// appended as classic inline scripts at the end of the body.
fn page(index: &str, read: &dyn Fn(&str) -> Result<Vec<u8>>, scripts: &[(&str, &str)]) -> Result<String> {
    let mut html = String::with_capacity(index.len());
    let mut rest = index;
    let mut modules = 0;
    while let Some((start, name)) = next_tag(rest) {
        let end = rest[start..].find('>').map(|i| start + i + 1).ok_or("index.html has an unclosed tag")?;
        let tag = &rest[start..end];
        html.push_str(&rest[..start]);
        rest = &rest[end..];
        if name == "script" {
            let close = rest.to_ascii_lowercase().find("</script>").ok_or("index.html has an unclosed <script>")?;
            if attr(tag, "type").as_deref() == Some("module") {
                modules += 1;
                rest = &rest[close + "</script>".len()..];
                continue;
            }
            if attr(tag, "src").is_some() {
                return Err(format!("standalone.html cannot load `{tag}` from file://: inline it or make it a module"));
            }
            html.push_str(tag);
            continue;
        }
        let rel = attr(tag, "rel").unwrap_or_default().to_ascii_lowercase();
        match attr(tag, "href") {
            Some(href) if rel.split_whitespace().any(|r| r == "stylesheet") => {
                let css = String::from_utf8(read(&href)?).map_err(|_| format!("{href} is not UTF-8"))?;
                if css.to_ascii_lowercase().contains("</style") {
                    return Err(format!("{href} contains `</style`, which would end the inline style early"));
                }
                if css.contains("url(") && !css.contains("url(data:") {
                    return Err(format!("{href} has a url(…) that standalone.html cannot resolve"));
                }
                html.push_str(&format!("<style>\n{}</style>", css));
            }
            // Preloads speed up the served pages; in one file there is nothing to fetch.
            Some(_) if rel.split_whitespace().any(|r| r == "preload" || r == "modulepreload") => {}
            Some(href) if rel.split_whitespace().any(|r| r == "icon") && is_relative(&href) => {
                html.push_str(&tag.replacen(&href, &data_url(&href, &read(&href)?)?, 1));
            }
            _ => html.push_str(tag),
        }
    }
    html.push_str(rest);
    if modules == 0 {
        return Err("index.html has no <script type=\"module\">: how does it start the charts now?".into());
    }
    let mut html = inline_images(&html, read)?;
    let body_end = html.to_ascii_lowercase().rfind("</body>").ok_or("index.html has no </body>")?;
    let mut tail = String::new();
    for (name, text) in scripts {
        tail.push_str(&format!("<script>\n{}\n</script>\n", raw_script(name, text)?));
    }
    html.insert_str(body_end, &tail);
    let external: Vec<String> = page_urls(&html)
        .into_iter()
        .filter(|u| is_relative(u) && !u.starts_with("data/") && !u.starts_with('#'))
        .collect();
    if !external.is_empty() {
        return Err(format!("standalone.html would still load {}", external.join(", ")));
    }
    Ok(html)
}

/// Where the next `<link` or `<script` tag starts, and which it is.
fn next_tag(html: &str) -> Option<(usize, &'static str)> {
    [("link", find_tag(html, "link")), ("script", find_tag(html, "script"))]
        .into_iter()
        .filter_map(|(name, at)| at.map(|at| (at, name)))
        .min()
}

/// The start of the first `<name` tag (not `<names…`).
fn find_tag(html: &str, name: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    lower
        .match_indices(&open)
        .map(|(at, _)| at)
        .find(|&at| lower[at + open.len()..].chars().next().is_some_and(|c| c.is_whitespace() || c == '>' || c == '/'))
}

/// An attribute's value in one tag, quoted or not.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    lower.match_indices(name).find_map(|(at, _)| {
        if !lower[..at].chars().last().is_some_and(char::is_whitespace) {
            return None;
        }
        let rest = tag[at + name.len()..].trim_start().strip_prefix('=')?.trim_start();
        Some(match rest.chars().next()? {
            q @ ('"' | '\'') => rest[1..].split(q).next()?.to_owned(),
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?.to_owned(),
        })
    })
}

fn is_relative(url: &str) -> bool {
    let scheme = url.split_once(':').is_some_and(|(s, _)| s.chars().all(|c| c.is_ascii_alphanumeric()));
    !url.is_empty() && !scheme && !url.starts_with('/') && !url.starts_with('#')
}

/// Every `<img>` with a relative `src` gets the file as a `data:` URL.
fn inline_images(html: &str, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_tag(rest, "img") {
        let end = rest[start..].find('>').map(|i| start + i + 1).ok_or("an <img> is not closed")?;
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        match attr(tag, "src").filter(|s| is_relative(s)) {
            Some(src) => {
                out.push_str(&tag.replacen(&format!("\"{src}\""), &format!("\"{}\"", data_url(&src, &read(&src)?)?), 1))
            }
            None => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

fn data_url(name: &str, bytes: &[u8]) -> Result<String> {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let mime = match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        _ => return Err(format!("standalone.html cannot inline {name}: unknown image type")),
    };
    Ok(format!("data:{mime};base64,{}", base64(bytes)))
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

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xfe]), "+//+");
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
                 src=\"data:image/svg+xml;base64,{}\" alt=\"A\"></noscript><a href=\"data/x.csv\">CSV</a>\
                 <script>\nvar a = 1;\n</script>\n<script>\nstart('<\\/script>')\n</script>\n</body>",
                base64(b"<svg/>"),
                base64(b"<svg>a</svg>")
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
